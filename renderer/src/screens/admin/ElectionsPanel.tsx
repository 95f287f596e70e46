import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ElectionSummary } from '../../../../shared/api/ops/briefwahl';
import { ELECTION_KINDS, ELECTION_KIND_LABELS, type ElectionKind } from '../../../../shared/services/briefwahl/index';
import { electionDeadlines } from '../../../../shared/services/briefwahl/rules';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, FieldShell, DateInput, Notice, SelectField, TextField } from '../../components/forms';
import { formatFileSize, formatIsoDate } from '../../lib/format';
import { useCsvFile } from '../../lib/useCsvFile';
import { CsvColumnList } from '../../components/CsvColumnList';

const numberFormat = new Intl.NumberFormat('de-DE');
const KEY_PREFIX: Record<ElectionKind, string> = { bundestag: 'btw', europawahl: 'euw', landtag: 'ltw', kommunalwahl: 'kw' };
const VOTER_COLUMNS = [
  { name: 'wahlbezirk', required: true },
  { name: 'nr', required: true },
  { name: 'familienname', required: true },
  { name: 'vornamen', required: true },
  { name: 'geburtsdatum', required: true },
  { name: 'strasse', required: true },
  { name: 'hausnummer', required: false },
  { name: 'plz', required: true },
  { name: 'ort', required: true },
  { name: 'kennung', required: false },
];

interface Draft {
  key: string;
  name: string;
  kind: ElectionKind;
  date: string;
  constituencyNumber: string;
  constituencyName: string;
  wahlbezirke: { number: string; name: string }[];
}

const emptyDraft = (): Draft => ({
  key: '',
  name: '',
  kind: 'kommunalwahl',
  date: '',
  constituencyNumber: '',
  constituencyName: '',
  wahlbezirke: [{ number: '1', name: '' }],
});

function draftOf(e: ElectionSummary): Draft {
  const constituency = e.constituency;
  return {
    key: e.key,
    name: e.name,
    kind: e.kind,
    date: e.date,
    constituencyNumber: constituency?.number != null ? String(constituency.number) : '',
    constituencyName: constituency?.name ?? '',
    wahlbezirke: e.wahlbezirke.map((w) => ({ number: String(w.number), name: w.name })),
  };
}

/** A whole number typed into a field, or NaN (the core then names the field). */
const num = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

function toInput(d: Draft) {
  const constituency = d.constituencyName.trim() || d.constituencyNumber.trim() ? { number: d.constituencyNumber.trim() ? num(d.constituencyNumber) : null, name: d.constituencyName } : null;
  return {
    name: d.name,
    kind: d.kind,
    date: d.date,
    constituency,
    wahlbezirke: d.wahlbezirke.map((w) => ({ number: num(w.number), name: w.name })),
  };
}

/** The deadline of applications as the rules of the kind compute it (rules.ts), shown while typing. */
function DeadlinePreview({ kind, date }: { kind: ElectionKind; date: string }) {
  if (!date) return <p className="field-hint">Nach Eingabe des Wahltags wird die Antragsfrist berechnet.</p>;
  const d = electionDeadlines({ kind, date });
  return (
    <div className="field-hint" data-testid="election-deadline">
      Antragsfrist: <strong>{d.application.text}</strong> ({d.application.basis}) · bei plötzlicher Erkrankung bis {d.late.text} · Ersatz für nicht
      zugegangene Wahlscheine bis {d.replacement.text}
    </div>
  );
}

/** An input in a table row: named by aria-label (the column heads show), its error below it. */
function CellInput({ label, value, onChange, error, numeric }: { label: string; value: string; onChange(v: string): void; error?: string | undefined; numeric?: boolean }) {
  const errId = useId();
  return (
    <div className={error ? 'field-invalid' : undefined}>
      <input
        type="text"
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        inputMode={numeric ? 'numeric' : undefined}
        size={numeric ? 5 : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : undefined}
      />
      {error ? (
        <div className="field-error" id={errId}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

function ElectionForm({ editing, onDone, onSaved }: { editing: ElectionSummary | null; onDone(): void; onSaved(e: ElectionSummary): void }) {
  const [d, setD] = useState<Draft>(() => (editing ? draftOf(editing) : emptyDraft()));
  const [keyTouched, setKeyTouched] = useState(!!editing);
  const create = useApiMutation('briefwahl.createElection', { invalidates: ['briefwahl.elections'], onSuccess: onSaved });
  const update = useApiMutation('briefwahl.updateElection', { invalidates: ['briefwahl.elections'], onSuccess: onSaved });
  const m = editing ? update : create;
  const err = m.error;
  const set = (patch: Partial<Draft>) =>
    setD((cur) => {
      const next = { ...cur, ...patch };
      if (!keyTouched && !editing) next.key = next.date ? `${KEY_PREFIX[next.kind]}-${next.date.slice(0, 4)}` : '';
      return next;
    });
  const setBezirk = (i: number, patch: Partial<Draft['wahlbezirke'][number]>) =>
    set({ wahlbezirke: d.wahlbezirke.map((w, j) => (j === i ? { ...w, ...patch } : w)) });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (editing) update.mutate({ electionKey: editing.key, ...toInput(d) });
    else create.mutate({ key: d.key.trim(), ballotsReady: false, ...toInput(d) });
  }

  const nextNumber = Math.max(0, ...d.wahlbezirke.map((w) => num(w.number)).filter((n) => !Number.isNaN(n))) + 1;
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="election-form-title">
      <h2 id="election-form-title">{editing ? `Wahl „${editing.name}“ bearbeiten` : 'Neue Wahl anlegen'}</h2>
      <ErrorMessage error={err} />
      <div className="grid-2">
        <TextField
          label="Name der Wahl"
          value={d.name}
          onChange={(v) => set({ name: v })}
          error={err?.fieldMessage('name')}
          hint="Wie auf dem Wahlschein nach „Wahlschein für die“, z. B. „Wahl des Rates der Stadt Lingen (Ems)“"
        />
        <TextField
          label="Kennung"
          value={d.key}
          onChange={(v) => {
            setKeyTouched(true);
            setD((cur) => ({ ...cur, key: v }));
          }}
          disabled={!!editing}
          error={err?.fieldMessage('key')}
          hint={editing ? 'Die Kennung bleibt; Anträge nennen sie.' : 'Kleinbuchstaben, Ziffern und Bindestriche, z. B. „kw-2026“'}
        />
      </div>
      <div className="grid-3">
        <SelectField
          label="Art der Wahl"
          value={d.kind}
          onChange={(v) => set({ kind: v as ElectionKind })}
          options={ELECTION_KINDS.map((k) => ({ value: k, label: ELECTION_KIND_LABELS[k] }))}
          error={err?.fieldMessage('kind')}
        />
        <FieldShell label="Wahltag" error={err?.fieldMessage('date')} className="field-date">
          {({ id, describedBy }) => <DateInput id={id} value={d.date} onChange={(v) => set({ date: v })} invalid={!!err?.fieldMessage('date')} describedBy={describedBy} />}
        </FieldShell>
      </div>
      <DeadlinePreview kind={d.kind} date={d.date} />
      <div className="grid-3">
        <TextField
          label="Wahlkreis/Wahlbereich: Nummer"
          value={d.constituencyNumber}
          onChange={(v) => set({ constituencyNumber: v })}
          inputMode="numeric"
          error={err?.fieldMessage('constituency.number')}
          hint="Optional"
        />
        <TextField
          label="Wahlkreis/Wahlbereich: Name"
          value={d.constituencyName}
          onChange={(v) => set({ constituencyName: v })}
          error={err?.fieldMessage('constituency.name') ?? err?.fieldMessage('constituency')}
          hint="„Nur gültig für …“ auf dem Wahlschein; leer lassen, wenn keiner gedruckt wird"
        />
      </div>

      <h3>Wahlbezirke</h3>
      <table className="table" aria-label="Wahlbezirke">
        <thead>
          <tr>
            <th>Nummer</th>
            <th>Name</th>
            <th>
              <span className="sr-only">Aktion</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {d.wahlbezirke.map((w, i) => (
            <tr key={i}>
              <td>
                <CellInput label={`Nummer des Wahlbezirks ${i + 1}`} value={w.number} onChange={(v) => setBezirk(i, { number: v })} error={err?.fieldMessage(`wahlbezirke.${i}.number`)} numeric />
              </td>
              <td>
                <CellInput label={`Name des Wahlbezirks ${i + 1}`} value={w.name} onChange={(v) => setBezirk(i, { name: v })} error={err?.fieldMessage(`wahlbezirke.${i}.name`)} />
              </td>
              <td>
                <button type="button" className="btn btn-small" disabled={d.wahlbezirke.length === 1} onClick={() => set({ wahlbezirke: d.wahlbezirke.filter((_, j) => j !== i) })}>
                  Entfernen
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {err?.fieldMessage('wahlbezirke') && !d.wahlbezirke.length ? <p className="field-error">{err.fieldMessage('wahlbezirke')}</p> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={() => set({ wahlbezirke: [...d.wahlbezirke, { number: String(nextNumber), name: '' }] })}>
          Wahlbezirk hinzufügen
        </button>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {m.isPending ? 'Wird gespeichert …' : editing ? 'Änderungen speichern' : 'Wahl anlegen'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Abbrechen
        </button>
      </div>
    </form>
  );
}

function BallotsToggle({ e }: { e: ElectionSummary }) {
  const toggle = useApiMutation('briefwahl.setBallotsReady', { invalidates: ['briefwahl.elections'] });
  // The box shows what was clicked at once and until the list, fetched again, says the same (or the call failed).
  const [clicked, setClicked] = useState<boolean | null>(null);
  useEffect(() => {
    if (clicked !== null && e.ballotsReady === clicked) setClicked(null);
  }, [clicked, e.ballotsReady]);
  const ready = clicked ?? e.ballotsReady;
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={ready}
          disabled={toggle.isPending}
          onChange={(ev) => {
            const value = ev.target.checked;
            setClicked(value);
            toggle.mutate({ electionKey: e.key, ready: value }, { onError: () => setClicked(null) });
          }}
          aria-label={`Stimmzettel liegen vor: ${e.name}`}
        />
        {ready ? 'liegen vor' : 'noch nicht'}
      </label>
      <ErrorMessage error={toggle.error} />
    </>
  );
}

function VoterImport({ elections, initialKey }: { elections: ElectionSummary[]; initialKey: string }) {
  const inputId = useId();
  const [key, setKey] = useState(initialKey);
  const importCsv = useApiMutation('briefwahl.importVoters', { invalidates: ['briefwahl.elections', 'briefwahl.searchVoters'] });
  const { fileRef, file, reading, fileError, importedFile, choose, read } = useCsvFile(() => importCsv.reset());
  const busy = reading || importCsv.isPending;
  const election = elections.find((e) => e.key === key);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || !key || busy) return;
    const csv = await read();
    if (csv !== null) importCsv.mutate({ electionKey: key, csv });
  }

  return (
    <section className="panel" aria-labelledby="voters-title">
      <h2 id="voters-title">Wählerverzeichnis importieren</h2>
      <p className="import-intro">
        CSV-Datei in UTF-8 mit Kopfzeile und Semikolon (oder Komma); die mit * markierten Spalten sind Pflicht. Die Wahlbezirke müssen bei der Wahl
        angelegt sein. Der Import gilt ganz oder gar nicht; wer schon im Wählerverzeichnis steht, wird anhand der Wählerverzeichnis-Nr. aktualisiert (der
        Vermerk „W“ bleibt).
      </p>
      <CsvColumnList columns={VOTER_COLUMNS} />
      <form onSubmit={(e) => void submit(e)} noValidate className="import-form">
        <SelectField
          label="Wahl"
          value={key}
          onChange={(v) => {
            setKey(v);
            importCsv.reset();
          }}
          options={elections.map((e) => ({ value: e.key, label: `${e.name} (${formatIsoDate(e.date)})` }))}
          placeholder="Bitte wählen"
          hint={election ? `Bisher ${numberFormat.format(election.voters)} Wahlberechtigte im Wählerverzeichnis` : undefined}
        />
        <div className="field">
          <div className="field-label">
            <span className="field-static-label">Datei</span>
          </div>
          <div className="file-row">
            <input
              id={inputId}
              ref={fileRef}
              className="sr-only file-input"
              type="file"
              accept=".csv,text/csv"
              disabled={busy}
              onChange={(e) => choose(e.target.files?.[0])}
              data-testid="voters-file"
            />
            <label className={'btn' + (busy ? ' btn-disabled' : '')} htmlFor={inputId}>
              CSV-Datei wählen
            </label>
            <span className={file ? 'file-name' : 'muted'}>{file ? `${file.name} (${formatFileSize(file.size)})` : 'Keine Datei gewählt'}</span>
          </div>
        </div>
        {fileError ? (
          <div className="alert alert-error" role="alert">
            {fileError}
          </div>
        ) : null}
        {importCsv.error ? (
          <div className="alert alert-error import-error" role="alert">
            <strong>Import abgebrochen.</strong> {importCsv.error.message}
            <div className="import-error-note">
              {importCsv.error.code === 'NETWORK'
                ? 'Die Verbindung ist abgebrochen; ob der Import ausgeführt wurde, ist unklar. Ein erneuter Import legt niemanden doppelt an.'
                : 'Es wurde nichts geändert: Das Wählerverzeichnis ist unverändert. Bitte die Datei korrigieren und erneut importieren.'}
            </div>
          </div>
        ) : null}
        {importCsv.data ? (
          <Notice kind="success">
            <strong>Import abgeschlossen{importedFile ? ` („${importedFile}“)` : ''}:</strong> {numberFormat.format(importCsv.data.imported)} neu,{' '}
            {numberFormat.format(importCsv.data.updated)} aktualisiert; {numberFormat.format(importCsv.data.election.voters)} Wahlberechtigte im Wählerverzeichnis.
          </Notice>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={!file || !key || busy}>
            {reading ? 'Datei wird gelesen …' : importCsv.isPending ? 'Wird importiert …' : 'Wählerverzeichnis importieren'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Verwaltung → Wahlen: elections with their Wahlbezirke and deadlines, "Stimmzettel liegen vor", the Wählerverzeichnis. */
export function ElectionsPanel() {
  const elections = useApiQuery('briefwahl.elections', {});
  const [form, setForm] = useState<{ editing: ElectionSummary | null } | null>(null);
  const [importKey, setImportKey] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = elections.data ?? [];

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="elections-title">
        <h2 id="elections-title">Wahlen</h2>
        {elections.isError ? <ErrorMessage error={elections.error} /> : null}
        {saved ? <Notice kind="success">{saved}</Notice> : null}
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Wahlen">
            <thead>
              <tr>
                <th>Wahl</th>
                <th>Art</th>
                <th>Wahltag</th>
                <th>Antragsfrist</th>
                <th>Wahlbezirke</th>
                <th>Wahlberechtigte</th>
                <th>Wahlscheine</th>
                <th>Stimmzettel</th>
                <th>
                  <span className="sr-only">Aktionen</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => {
                const issued = e.wahlscheine.valid + e.wahlscheine.invalid;
                return (
                  <tr key={e.key}>
                    <td>
                      {e.name}
                      <div className="muted">{e.key}</div>
                    </td>
                    <td>{e.kindLabel}</td>
                    <td>{formatIsoDate(e.date)}</td>
                    <td>{e.deadlines.application}</td>
                    <td title={e.wahlbezirke.map((w) => `${w.number} ${w.name}`).join(', ')}>
                      {e.wahlbezirke.length <= 3 ? e.wahlbezirke.map((w) => `${w.number} ${w.name}`).join(', ') : `${e.wahlbezirke.length} Wahlbezirke`}
                    </td>
                    <td>{numberFormat.format(e.voters)}</td>
                    <td>
                      {numberFormat.format(e.wahlscheine.valid)}
                      {e.wahlscheine.invalid ? <span className="muted"> (+{e.wahlscheine.invalid} ungültig)</span> : null}
                    </td>
                    <td>
                      <BallotsToggle e={e} />
                    </td>
                    <td>
                      <div className="action-buttons">
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={issued > 0}
                          title={issued > 0 ? 'Wahlscheine sind erteilt: nur „Stimmzettel liegen vor“ lässt sich noch umstellen.' : undefined}
                          onClick={() => {
                            setSaved(null);
                            setForm({ editing: e });
                          }}
                          aria-label={`Bearbeiten: ${e.name}`}
                        >
                          Bearbeiten
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => setImportKey(e.key)} aria-label={`Wählerverzeichnis importieren: ${e.name}`}>
                          Import
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
              {elections.isSuccess && list.length === 0 ? (
                <tr className="empty">
                  <td colSpan={9}>Noch keine Wahl angelegt.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {!form ? (
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => {
                setSaved(null);
                setForm({ editing: null });
              }}>
              Neue Wahl anlegen
            </button>
          </div>
        ) : null}
      </section>
      {form ? <ElectionForm
          key={form.editing?.key ?? 'new'}
          editing={form.editing}
          onDone={() => setForm(null)}
          onSaved={(e) => {
            setForm(null);
            setSaved(`Die Wahl „${e.name}“ wurde gespeichert. Antragsfrist: ${e.deadlines.application}.`);
          }}
        /> : null}
      {list.length > 0 ? <VoterImport key={importKey ?? 'none'} elections={list} initialKey={importKey ?? list[0]!.key} /> : null}
    </div>
  );
}
