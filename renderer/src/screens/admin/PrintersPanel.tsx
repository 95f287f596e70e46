import { useState, type FormEvent } from 'react';
import type { PrinterProfile, Settings } from '../../../../shared/domain/types';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, Notice, SelectField, TextField } from '../../components/forms';
import { WithSettings } from './SettingsForm';

type DocType = keyof Settings['printers'];
const DOC_TYPES: { id: DocType; label: string; media: string[] }[] = [
  { id: 'certificate', label: 'Bescheinigungen', media: ['A4'] },
  { id: 'letter', label: 'Anschreiben', media: ['A4'] },
  { id: 'envelope', label: 'Umschläge', media: ['DL', 'C5', 'C6', 'C4'] },
];
const TRAYS = ['', 'Automatisch', 'Fach 1', 'Fach 2', 'Fach 3', 'Manuelle Zufuhr'];

function PrinterProfileFields({
  docType,
  profile,
  onChange,
  printers,
  printersError,
  error,
}: {
  docType: (typeof DOC_TYPES)[number];
  profile: PrinterProfile;
  onChange(p: PrinterProfile): void;
  printers: { name: string; isDefault: boolean; status: string }[] | undefined;
  printersError: Error | null;
  error: (path: string) => string | undefined;
}) {
  const set = (patch: Partial<PrinterProfile>) => onChange({ ...profile, ...patch });
  const base = `printers.${docType.id}`;
  const printerOptions = (printers ?? []).map((p) => ({
    value: p.name,
    label: `${p.name}${p.isDefault ? ' (Standard)' : ''}${p.status ? ` – ${p.status}` : ''}`,
  }));
  if (profile.printerName && !printerOptions.some((o) => o.value === profile.printerName)) {
    printerOptions.unshift({ value: profile.printerName, label: `${profile.printerName} (nicht gefunden)` });
  }
  const mediaOptions = [...new Set([...docType.media, profile.media].filter(Boolean))].map((m) => ({ value: m, label: m }));
  const trayOptions = [...new Set([...TRAYS, profile.tray])].map((t) => ({ value: t, label: t || 'Voreinstellung des Druckers' }));

  return (
    <fieldset className="panel printer-profile">
      <legend>{docType.label}</legend>
      <div className="grid-4">
        <SelectField
          label="Ausgabe"
          aria-label={`Ausgabe ${docType.label}`}
          value={profile.adapter}
          onChange={(v) => set({ adapter: v as PrinterProfile['adapter'] })}
          options={[
            { value: 'folder', label: 'Ablageordner' },
            { value: 'system', label: 'Systemdrucker' },
          ]}
          error={error(`${base}.adapter`)}
        />
        {profile.adapter === 'system' ? (
          <SelectField
            label="Drucker"
            aria-label={`Drucker ${docType.label}`}
            value={profile.printerName}
            onChange={(v) => set({ printerName: v })}
            options={printerOptions}
            placeholder="Bitte wählen"
            error={error(`${base}.printerName`) ?? (printersError ? printersError.message : undefined)}
            hint={printers && printers.length === 0 ? 'Keine Systemdrucker gefunden.' : undefined}
          />
        ) : (
          <div className="field">
            <span className="field-static-label">Drucker</span>
            <span className="muted">PDF wird im Ablageordner abgelegt</span>
          </div>
        )}
        <SelectField
          label="Papierformat"
          aria-label={`Papierformat ${docType.label}`}
          value={profile.media}
          onChange={(v) => set({ media: v })}
          options={mediaOptions}
          error={error(`${base}.media`)}
          hint={docType.id === 'envelope' ? 'Im Postausgang druckt jeder Umschlag auf dem Format seiner Größe (DL, C5, C4).' : undefined}
        />
        <SelectField label="Papierfach" aria-label={`Papierfach ${docType.label}`} value={profile.tray} onChange={(v) => set({ tray: v })} options={trayOptions} error={error(`${base}.tray`)} />
      </div>
    </fieldset>
  );
}

function PrintersForm({ settings }: { settings: Settings }) {
  const [printers, setPrinters] = useState(settings.printers);
  const [outboxDir, setOutboxDir] = useState(settings.outboxDir);
  const list = useApiQuery('printers.list', {}, { staleTime: 30_000 });
  const save = useApiMutation('settings.update');
  const [localError, setLocalError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing = DOC_TYPES.find((d) => printers[d.id].adapter === 'system' && !printers[d.id].printerName);
    if (missing) {
      setLocalError(`Bitte für „${missing.label}“ einen Drucker wählen.`);
      return;
    }
    setLocalError(null);
    save.mutate({ printers, outboxDir: outboxDir.trim() });
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <section className="panel" aria-labelledby="printers-title">
        <div className="panel-head">
          <h2 id="printers-title">Drucker</h2>
          <button type="button" className="btn btn-small" onClick={() => void list.refetch()} disabled={list.isFetching}>
            {list.isFetching ? 'Sucht Drucker …' : 'Druckerliste aktualisieren'}
          </button>
        </div>
        <p className="field-hint">
          Je Dokumentart: Systemdrucker (CUPS bzw. Windows-Drucker) oder Ablageordner (das PDF wird im Ordner abgelegt –
          Voreinstellung, solange kein Drucker eingerichtet ist).
        </p>
        <Notice kind="info">
          Die Druckerprofile gelten für diesen Arbeitsplatz („{settings.workstation}“, der Rechner, auf dem Bürgerbüro Desk
          läuft): Jeder Arbeitsplatz
          stellt seine eigenen Drucker, Papierformate und Fächer ein. Die Druckaufträge des Postausgangs drucken Bescheinigungen,
          Anschreiben und Umschläge mit diesen Profilen.
        </Notice>
        {save.isSuccess ? <Notice kind="success">Die Druckereinstellungen wurden gespeichert.</Notice> : null}
        {localError ? <div className="alert alert-error" role="alert">{localError}</div> : null}
        <ErrorMessage error={save.error} />
      </section>
      {DOC_TYPES.map((d) => (
        <PrinterProfileFields
          key={d.id}
          docType={d}
          profile={printers[d.id]}
          onChange={(p) => setPrinters((all) => ({ ...all, [d.id]: p }))}
          printers={list.data}
          printersError={list.error}
          error={(path) => save.error?.fieldMessage(path)}
        />
      ))}
      <section className="panel">
        <TextField
          label="Ablageordner"
          value={outboxDir}
          onChange={setOutboxDir}
          error={save.error?.fieldMessage('outboxDir')}
          hint="Vollständiger Pfad auf diesem Rechner bzw. dem Server"
          required
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Wird gespeichert …' : 'Druckereinstellungen speichern'}
          </button>
        </div>
      </section>
    </form>
  );
}

export function PrintersPanel() {
  return <WithSettings>{(s) => <PrintersForm settings={s} />}</WithSettings>;
}
