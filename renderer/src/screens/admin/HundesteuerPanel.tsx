import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain/types';
import { formatEuro, parseEuro } from '../../../../shared/domain/money';
import { DEFAULT_HUNDESTEUER_RATES, PAYMENT_SCHEDULE_LABELS, type HundesteuerRates, type PaymentSchedule } from '../../../../shared/services/hundesteuer';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, Notice, SelectField, TextField } from '../../components/forms';
import { WithSettings } from './SettingsForm';

const RATE_FIELDS: { key: keyof HundesteuerRates; label: string }[] = [
  { key: 'firstCents', label: 'Erster Hund (€ im Jahr)' },
  { key: 'secondCents', label: 'Zweiter Hund (€ im Jahr)' },
  { key: 'furtherCents', label: 'Jeder weitere Hund (€ im Jahr)' },
  { key: 'dangerousCents', label: 'Gefährlicher Hund (€ im Jahr)' },
];

const euroInput = (cents: number) => formatEuro(cents).replace(/\s*€$/, '').replace(/\./g, '');

function SatzungForm({ settings }: { settings: Settings }) {
  const config = settings.hundesteuer;
  const [rates, setRates] = useState<Record<string, string>>(() => Object.fromEntries(RATE_FIELDS.map((f) => [f.key, euroInput(config.rates[f.key])])));
  const [schedule, setSchedule] = useState<PaymentSchedule>(config.schedule);
  const [creditorId, setCreditorId] = useState(config.creditorId);
  const [satzungName, setSatzungName] = useState(config.satzungName);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation('hundesteuer.updateSatzung', { invalidates: ['settings.get'] });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const out = { ...config.rates };
    for (const f of RATE_FIELDS) {
      const cents = parseEuro(rates[f.key] ?? '');
      if (cents === null) errors[f.key] = 'Bitte einen Betrag wie 36,00 eingeben.';
      else out[f.key] = cents;
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    save.mutate({ ...config, rates: out, schedule, creditorId, satzungName });
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="satzung-title">
      <h2 id="satzung-title">Hundesteuersatzung</h2>
      <p className="field-hint">
        Steuersätze je Hund und Jahr. Sie gelten für Bescheide, die ab jetzt erstellt werden; bereits erteilte Bescheide bleiben unverändert.
      </p>
      {save.isSuccess ? <Notice kind="success">Die Satzung wurde gespeichert.</Notice> : null}
      <ErrorMessage error={save.error} />
      <div className="grid-4">
        {RATE_FIELDS.map((f) => (
          <TextField
            key={f.key}
            label={f.label}
            value={rates[f.key] ?? ''}
            onChange={(v) => setRates((all) => ({ ...all, [f.key]: v }))}
            error={localErrors[f.key] ?? save.error?.fieldMessage(`rates.${f.key}`)}
            inputMode="decimal"
            hint={`Voreinstellung ${formatEuro(DEFAULT_HUNDESTEUER_RATES[f.key])}`}
          />
        ))}
      </div>
      <div className="grid-2">
        <SelectField
          label="Zahlungsweise nach der Satzung"
          value={schedule}
          onChange={(v) => setSchedule(v as PaymentSchedule)}
          options={Object.entries(PAYMENT_SCHEDULE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField label="Gläubiger-Identifikationsnummer" value={creditorId} onChange={setCreditorId} error={save.error?.fieldMessage('creditorId')} hint="Für die SEPA-Lastschriften der Hundesteuer" />
      </div>
      <TextField label="Name der Satzung (im Bescheid)" value={satzungName} onChange={setSatzungName} error={save.error?.fieldMessage('satzungName')} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Wird gespeichert …' : 'Satzung speichern'}
        </button>
      </div>
    </form>
  );
}

function TagStock() {
  const stock = useApiQuery('hundesteuer.tagStock', {});
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [series, setSeries] = useState('HSt');
  const add = useApiMutation('hundesteuer.addTags', { invalidates: ['hundesteuer.tagStock'] });
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate({ from: Number(from), to: Number(to), series, year: null });
  }
  return (
    <section className="panel" aria-labelledby="marken-title">
      <h2 id="marken-title">Hundemarken</h2>
      {stock.isError ? <ErrorMessage error={stock.error} /> : null}
      {stock.data ? (
        <>
          <p data-testid="tag-stock">
            <strong>{stock.data.inStock}</strong> frei im Bestand
            {stock.data.nextFree !== null ? ` (nächste: Nr. ${stock.data.nextFree})` : ''}, davon {stock.data.returned} zurückgegeben (wieder im Bestand) ·{' '}
            {stock.data.issued} ausgegeben · {stock.data.lost} verloren (werden nicht wieder ausgegeben)
          </p>
          {stock.data.inStock < 20 ? <Notice kind="warning">Der Bestand an Hundemarken geht zur Neige. Bitte neue Marken bestellen und erfassen.</Notice> : null}
          <table className="table">
            <thead>
              <tr>
                <th>Serie</th>
                <th>Nummern</th>
                <th>davon frei</th>
              </tr>
            </thead>
            <tbody>
              {stock.data.ranges.map((r) => (
                <tr key={`${r.series}-${r.from}`}>
                  <td>{r.series}{r.year ? ` (${r.year})` : ''}</td>
                  <td>
                    {r.from} – {r.to}
                  </td>
                  <td>{r.inStock}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <form onSubmit={submit} noValidate className="stack" aria-label="Hundemarken erfassen">
        <h3>Gelieferte Marken erfassen</h3>
        {add.isSuccess ? <Notice kind="success">Die Hundemarken wurden in den Bestand aufgenommen.</Notice> : null}
        <ErrorMessage error={add.error} />
        <div className="grid-3">
          <TextField label="Erste Nummer" value={from} onChange={setFrom} inputMode="numeric" error={add.error?.fieldMessage('from')} />
          <TextField label="Letzte Nummer" value={to} onChange={setTo} inputMode="numeric" error={add.error?.fieldMessage('to')} />
          <TextField label="Serie" value={series} onChange={setSeries} error={add.error?.fieldMessage('series')} />
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>
            Marken in den Bestand aufnehmen
          </button>
        </div>
      </form>
    </section>
  );
}

/** Verwaltung → Hundesteuer: the Satzung and the stock of Hundemarken. */
export function HundesteuerPanel() {
  return (
    <div className="stack">
      <WithSettings>{(s) => <SatzungForm settings={s} />}</WithSettings>
      <TagStock />
    </div>
  );
}
