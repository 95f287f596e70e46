import { useState, type FormEvent } from 'react';
import type { ServiceDeadlineConfig } from '../../../../shared/domain/teams';
import { SERVICES } from '../../../../shared/services';
import { defaultDeadlineConfigs, STATUTORY_LEGAL_DEADLINES } from '../../../../shared/services/deadlines';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, Notice } from '../../components/forms';

type Field = 'targetWorkingDays' | 'legalWorkingDays' | 'retentionMonths';

const COLUMNS: { field: Field; label: string }[] = [
  { field: 'targetWorkingDays', label: 'Bearbeitungsziel (Arbeitstage)' },
  { field: 'legalWorkingDays', label: 'Gesetzliche Frist (Arbeitstage, leer = keine)' },
  { field: 'retentionMonths', label: 'Aufbewahrung nach Abschluss (Monate)' },
];

const LIMITS: Record<Field, { min: number; max: number; message: string }> = {
  targetWorkingDays: { min: 0, max: 365, message: 'Bitte eine ganze Zahl von 0 bis 365 angeben.' },
  legalWorkingDays: { min: 0, max: 365, message: 'Bitte eine ganze Zahl von 0 bis 365 angeben oder leer lassen.' },
  retentionMonths: { min: 1, max: 1200, message: 'Bitte eine ganze Zahl von 1 bis 1200 angeben.' },
};

type Values = Record<string, Record<Field, string>>;

const text = (n: number | null) => (n === null ? '' : String(n));

function DeadlineCell({
  id,
  label,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error: string | undefined;
  hint: string;
}) {
  return (
    <td>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
      />
      <div className="field-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-err`}>
          {error}
        </div>
      ) : null}
    </td>
  );
}

function DeadlinesForm({ configs }: { configs: Record<string, ServiceDeadlineConfig> }) {
  const defaults = defaultDeadlineConfigs();
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(
      SERVICES.map((s) => {
        const c = configs[s.id] ?? defaults[s.id]!;
        return [s.id, { targetWorkingDays: text(c.targetWorkingDays), legalWorkingDays: text(c.legalWorkingDays), retentionMonths: text(c.retentionMonths) }];
      }),
    ),
  );
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation('deadlines.update', { invalidates: ['deadlines.get'] });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const out: Record<string, ServiceDeadlineConfig> = {};
    for (const s of SERVICES) {
      const v = values[s.id]!;
      const number = (field: Field): number | null => {
        const t = v[field].trim();
        if (field === 'legalWorkingDays' && t === '') return null;
        const n = Number(t);
        const { min, max, message } = LIMITS[field];
        if (!/^\d+$/.test(t) || n < min || n > max) {
          errors[`${s.id}.${field}`] = message;
          return null;
        }
        return n;
      };
      const statutory = STATUTORY_LEGAL_DEADLINES[s.id];
      out[s.id] = {
        targetWorkingDays: number('targetWorkingDays') ?? 0,
        legalWorkingDays: statutory ? statutory.days : number('legalWorkingDays'),
        retentionMonths: number('retentionMonths') ?? 1,
      };
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      save.reset();
      return;
    }
    save.mutate(out);
  }

  const set = (serviceId: string, field: Field, v: string) => setValues((all) => ({ ...all, [serviceId]: { ...all[serviceId]!, [field]: v } }));
  const err = (serviceId: string, field: Field) => localErrors[`${serviceId}.${field}`] ?? save.error?.fieldMessage(`${serviceId}.${field}`);

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">Fristen</h2>
      <p className="field-hint">
        Arbeitstage sind Montag bis Freitag ohne die gesetzlichen Feiertage in Niedersachsen; gezählt wird ab dem Tag nach dem
        Eingang. Die gesetzliche Frist endet um 24:00 Uhr ihres letzten Tages. Wartet ein Vorgang auf den Antragsteller, ruhen
        die Fristen und verschieben sich um die gewarteten Arbeitstage.
      </p>
      <p className="field-hint">
        Änderungen gelten für neu angelegte Vorgänge; bestehende Vorgänge behalten ihre Fristen. Die Aufbewahrungsfrist gilt für
        alle abgeschlossenen Vorgänge.
      </p>
      {save.isSuccess ? <Notice kind="success">Die Fristen wurden gespeichert.</Notice> : null}
      {Object.keys(localErrors).length > 0 ? (
        <div className="alert alert-error" role="alert">
          Bitte die markierten Angaben prüfen.
        </div>
      ) : null}
      <ErrorMessage error={save.error} />
      <div className="table-wrap">
        <table className="table" aria-label="Fristen je Leistung">
          <thead>
            <tr>
              <th scope="col">Leistung</th>
              {COLUMNS.map((c) => (
                <th key={c.field} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SERVICES.map((s) => {
              const d = defaults[s.id]!;
              const statutory = STATUTORY_LEGAL_DEADLINES[s.id];
              const cellId = (field: Field) => `deadline-${s.id}-${field}`;
              return (
                <tr key={s.id}>
                  <th scope="row">{s.shortName}</th>
                  <DeadlineCell
                    id={cellId('targetWorkingDays')}
                    label={`Bearbeitungsziel in Arbeitstagen – ${s.shortName}`}
                    value={values[s.id]!.targetWorkingDays}
                    onChange={(v) => set(s.id, 'targetWorkingDays', v)}
                    error={err(s.id, 'targetWorkingDays')}
                    hint={`Voreinstellung ${d.targetWorkingDays}`}
                  />
                  {statutory ? (
                    <td>
                      <span>{statutory.label}</span>
                      <div className="field-hint">Gesetzlich festgelegt, nicht änderbar.</div>
                    </td>
                  ) : (
                    <DeadlineCell
                      id={cellId('legalWorkingDays')}
                      label={`Gesetzliche Frist in Arbeitstagen – ${s.shortName}`}
                      value={values[s.id]!.legalWorkingDays}
                      onChange={(v) => set(s.id, 'legalWorkingDays', v)}
                      error={err(s.id, 'legalWorkingDays')}
                      hint={d.legalWorkingDays === null ? 'Voreinstellung: keine' : `Voreinstellung ${d.legalWorkingDays}`}
                    />
                  )}
                  <DeadlineCell
                    id={cellId('retentionMonths')}
                    label={`Aufbewahrung nach Abschluss in Monaten – ${s.shortName}`}
                    value={values[s.id]!.retentionMonths}
                    onChange={(v) => set(s.id, 'retentionMonths', v)}
                    error={err(s.id, 'retentionMonths')}
                    hint={`Voreinstellung ${d.retentionMonths}`}
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Wird gespeichert …' : 'Fristen speichern'}
        </button>
      </div>
    </form>
  );
}

export function DeadlinesPanel() {
  const q = useApiQuery('deadlines.get', {}, { staleTime: 0, refetchOnWindowFocus: false });
  if (q.isPending) return <p className="muted">Fristen werden geladen …</p>;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return <DeadlinesForm configs={q.data} />;
}
