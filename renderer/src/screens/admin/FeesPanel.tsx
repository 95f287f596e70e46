import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain/types';
import { formatEuro, parseEuro } from '../../../../shared/domain/money';
import { SERVICES } from '../../../../shared/services';
import { useApiMutation } from '../../api/hooks';
import { ErrorMessage, Notice, TextField } from '../../components/forms';
import { WithSettings } from './SettingsForm';

function centsToInput(cents: number): string {
  return formatEuro(cents).replace(/\s*€$/, '').replace(/\./g, '');
}

function FeesForm({ settings }: { settings: Settings }) {
  const fees = SERVICES.flatMap((s) => s.fees.map((f) => ({ ...f, service: s.shortName })));
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fees.map((f) => [f.key, centsToInput(settings.fees[f.key] ?? f.cents)])),
  );
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation('settings.update');

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const out: Record<string, number> = { ...settings.fees };
    for (const f of fees) {
      const cents = parseEuro(values[f.key] ?? '');
      if (cents === null) errors[f.key] = 'Bitte einen Betrag wie 7,50 eingeben.';
      else out[f.key] = cents;
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    save.mutate({ fees: out });
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="fees-title">
      <h2 id="fees-title">Gebühren</h2>
      <p className="field-hint">
        Beträge laut Gebührensatzung der Stadt Lingen (Ems). Änderungen gelten für neu angelegte Vorgänge.
      </p>
      {save.isSuccess ? <Notice kind="success">Die Gebühren wurden gespeichert.</Notice> : null}
      <ErrorMessage error={save.error} />
      <div className="fee-table">
        {fees.map((f) => (
          <TextField
            key={f.key}
            label={`${f.label} (€)`}
            value={values[f.key] ?? ''}
            onChange={(v) => setValues((all) => ({ ...all, [f.key]: v }))}
            error={localErrors[f.key] ?? save.error?.fieldMessage(`fees.${f.key}`)}
            inputMode="decimal"
            hint={`Voreinstellung ${formatEuro(f.cents)}`}
            className="field-narrow"
          />
        ))}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Wird gespeichert …' : 'Gebühren speichern'}
        </button>
      </div>
    </form>
  );
}

export function FeesPanel() {
  return <WithSettings>{(s) => <FeesForm settings={s} />}</WithSettings>;
}
