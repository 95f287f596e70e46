import { useRef, useState, type FormEvent } from 'react';
import type { Letterhead, Settings } from '../../../../shared/domain/types';
import { useApiMutation } from '../../api/hooks';
import { ErrorMessage, Notice, TextField } from '../../components/forms';
import { WithSettings } from './SettingsForm';

const FIELDS: { key: Exclude<keyof Letterhead, 'sealImage'>; label: string; hint?: string; required?: boolean }[] = [
  { key: 'authority', label: 'Behörde', required: true, hint: 'z. B. Stadt Lingen (Ems) – Meldebehörde' },
  { key: 'department', label: 'Fachdienst / Abteilung' },
  { key: 'street', label: 'Straße und Hausnummer' },
  { key: 'postalCode', label: 'Postleitzahl', required: true },
  { key: 'city', label: 'Ort', required: true },
  { key: 'phone', label: 'Telefon' },
  { key: 'email', label: 'E-Mail' },
  { key: 'website', label: 'Internet' },
  { key: 'place', label: 'Ort für die Datumszeile', required: true, hint: '„Lingen (Ems), den …“' },
];

const MAX_SEAL_BYTES = 1_400_000;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('Datei konnte nicht gelesen werden.'));
    reader.readAsDataURL(file);
  });
}

function LetterheadForm({ settings }: { settings: Settings }) {
  const [form, setForm] = useState<Letterhead>(settings.letterhead);
  const [sealError, setSealError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const save = useApiMutation('settings.update');

  async function onFile(file: File | undefined) {
    setSealError(null);
    if (!file) return;
    if (file.type !== 'image/png') {
      setSealError('Bitte ein Siegel als PNG-Bild wählen.');
      return;
    }
    if (file.size > MAX_SEAL_BYTES) {
      setSealError('Das Bild ist zu groß (höchstens 1,4 MB).');
      return;
    }
    try {
      const url = await readAsDataUrl(file);
      if (!url.startsWith('data:image/png;base64,')) throw new Error('Kein PNG-Bild.');
      setForm((f) => ({ ...f, sealImage: url }));
    } catch (e) {
      setSealError(e instanceof Error ? e.message : 'Datei konnte nicht gelesen werden.');
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ letterhead: form });
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="lh-title">
      <h2 id="lh-title">Briefkopf</h2>
      <p className="field-hint">Erscheint auf Bescheinigungen, Anschreiben und Umschlägen.</p>
      {save.isSuccess ? <Notice kind="success">Der Briefkopf wurde gespeichert.</Notice> : null}
      <ErrorMessage error={save.error} />
      <div className="grid-2">
        {FIELDS.map((f) => (
          <TextField
            key={f.key}
            label={f.label}
            value={form[f.key]}
            onChange={(v) => setForm((all) => ({ ...all, [f.key]: v }))}
            error={save.error?.fieldMessage(`letterhead.${f.key}`)}
            hint={f.hint}
            required={f.required}
          />
        ))}
      </div>
      <fieldset className="field">
        <legend>Dienstsiegel</legend>
        <div className="seal-row">
          <div className="seal-preview">
            {form.sealImage ? <img src={form.sealImage} alt="Hochgeladenes Dienstsiegel" /> : <span className="muted">Mitgeliefertes Siegel</span>}
          </div>
          <div className="stack-small">
            {/* Visually the label is the button; the input keeps keyboard focus (see .file-input in styles.css). */}
            <input id="seal-upload" ref={fileRef} className="sr-only file-input" type="file" accept="image/png" onChange={(e) => void onFile(e.target.files?.[0])} />
            <label className="btn" htmlFor="seal-upload">
              Siegel hochladen (PNG)
            </label>
            {form.sealImage ? (
              <button type="button" className="btn btn-ghost" onClick={() => setForm((f) => ({ ...f, sealImage: null }))}>
                Mitgeliefertes Siegel verwenden
              </button>
            ) : null}
          </div>
        </div>
        {sealError ?? save.error?.fieldMessage('letterhead.sealImage') ? (
          <div className="field-error">{sealError ?? save.error?.fieldMessage('letterhead.sealImage')}</div>
        ) : null}
      </fieldset>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Wird gespeichert …' : 'Briefkopf speichern'}
        </button>
      </div>
    </form>
  );
}

export function LetterheadPanel() {
  return <WithSettings>{(s) => <LetterheadForm settings={s} />}</WithSettings>;
}
