import { useState, type FormEvent } from 'react';
import type { BankAccountSettings, Settings } from '../../../../shared/domain/types';
import type { EnvelopeRule, EnvelopeSize, PostalProduct, RegisteredOption } from '../../../../shared/domain/postage';
import { DEFAULT_POSTAGE_PRICES } from '../../../../shared/domain/postage';
import { formatEuro, parseEuro } from '../../../../shared/domain/money';
import { useApiMutation } from '../../api/hooks';
import { ErrorMessage, Notice, SelectField, TextField } from '../../components/forms';
import { WithSettings } from './SettingsForm';
import { isDemoBankAccount } from '../../../../shared/domain/demo-bank';

const PRODUCTS: PostalProduct[] = ['standard', 'kompakt', 'gross', 'maxi'];
const REGISTERED: RegisteredOption[] = ['einwurf', 'uebergabe', 'rueckschein'];
const ENVELOPES: EnvelopeSize[] = ['DL', 'C6/5', 'C6', 'C5', 'C4'];
const ENVELOPE_HINTS: Record<EnvelopeSize, string> = {
  DL: 'DL (gefaltet in drei Lagen)',
  'C6/5': 'C6/5 (gefaltet in drei Lagen)',
  C6: 'C6 (gefaltet in vier Lagen)',
  C5: 'C5 (einmal gefaltet)',
  C4: 'C4 (ungefaltet)',
};

const BANK_FIELDS: { key: keyof BankAccountSettings; label: string; hint?: string }[] = [
  { key: 'accountHolder', label: 'Kontoinhaber', hint: 'z. B. Stadt Lingen (Ems) – Stadtkasse' },
  { key: 'iban', label: 'IBAN', hint: 'Mit oder ohne Leerzeichen' },
  { key: 'bic', label: 'BIC' },
  { key: 'bankName', label: 'Kreditinstitut' },
];

function centsToInput(cents: number): string {
  return formatEuro(cents).replace(/\s*€$/, '').replace(/\./g, '');
}

interface RuleRow {
  maxSheets: string;
  envelope: EnvelopeSize;
}

function PostalForm({ settings }: { settings: Settings }) {
  const [bank, setBank] = useState<BankAccountSettings>(settings.bank);
  const [printEnvelopes, setPrintEnvelopes] = useState(settings.dispatch.printEnvelopes);
  const [chunkSize, setChunkSize] = useState(String(settings.dispatch.chunkSize));
  const [prices, setPrices] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(PRODUCTS.map((p) => [`products.${p}`, centsToInput(settings.postage.products[p].cents)])),
    ...Object.fromEntries(REGISTERED.map((r) => [`registered.${r}`, centsToInput(settings.postage.registered[r].cents)])),
  }));
  const [rules, setRules] = useState<RuleRow[]>(() =>
    settings.envelopes.rules.map((r) => ({ maxSheets: r.maxSheets === null ? '' : String(r.maxSheets), envelope: r.envelope })),
  );
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation('settings.update');

  const apiError = (path: string) => save.error?.fieldMessage(path);
  const err = (path: string) => localErrors[path] ?? apiError(path);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const chunk = Number(chunkSize);
    if (!/^\d+$/.test(chunkSize.trim()) || chunk < 1 || chunk > 500) errors['dispatch.chunkSize'] = 'Bitte eine Zahl von 1 bis 500 angeben.';

    const postage = structuredClone(settings.postage);
    for (const p of PRODUCTS) {
      const cents = parseEuro(prices[`products.${p}`] ?? '');
      if (cents === null) errors[`postage.products.${p}`] = 'Bitte einen Betrag wie 0,95 eingeben.';
      else postage.products[p] = { ...postage.products[p], cents };
    }
    for (const r of REGISTERED) {
      const cents = parseEuro(prices[`registered.${r}`] ?? '');
      if (cents === null) errors[`postage.registered.${r}`] = 'Bitte einen Betrag wie 2,35 eingeben.';
      else postage.registered[r] = { ...postage.registered[r], cents };
    }

    const outRules: EnvelopeRule[] = [];
    let previous = 0;
    rules.forEach((r, i) => {
      const text = r.maxSheets.trim();
      const last = i === rules.length - 1;
      if (text === '') {
        if (!last) errors[`envelopes.rules.${i}`] = '„beliebig“ ist nur in der letzten Regel möglich.';
        outRules.push({ maxSheets: null, envelope: r.envelope });
        return;
      }
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < 1) errors[`envelopes.rules.${i}`] = 'Bitte eine Blattzahl ab 1 angeben.';
      else if (n <= previous) errors[`envelopes.rules.${i}`] = 'Die Blattzahlen müssen von Regel zu Regel steigen.';
      else previous = n;
      outRules.push({ maxSheets: n, envelope: r.envelope });
    });
    if (rules.length === 0) errors['envelopes.rules'] = 'Bitte mindestens eine Regel angeben.';

    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      save.reset();
      return;
    }
    save.mutate({
      bank: { accountHolder: bank.accountHolder.trim(), iban: bank.iban.trim(), bic: bank.bic.trim(), bankName: bank.bankName.trim() },
      dispatch: { printEnvelopes, chunkSize: chunk },
      postage,
      envelopes: { rules: outRules },
    });
  }

  const setRule = (i: number, patch: Partial<RuleRow>) => setRules((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const bankMissing = !settings.bank.iban;

  return (
    <form onSubmit={submit} noValidate className="stack">
      <section className="panel" aria-labelledby="postal-title">
        <h2 id="postal-title">Postversand</h2>
        <p className="field-hint">
          Einstellungen des Postausgangs: Bankverbindung für Gebührenanforderungen im Anschreiben, Druck von Umschlägen,
          Portopreise und die Wahl des Umschlags nach Blattzahl. Drucker und Papierfächer stehen unter Verwaltung → Drucker.
        </p>
        {save.isSuccess ? <Notice kind="success">Die Einstellungen für den Postversand wurden gespeichert.</Notice> : null}
        {Object.keys(localErrors).length > 0 ? (
          <div className="alert alert-error" role="alert">
            Bitte die markierten Angaben prüfen.
          </div>
        ) : null}
        <ErrorMessage error={save.error} />
      </section>

      <fieldset className="panel">
        <legend>Bankverbindung für Gebührenanforderungen</legend>
        {bankMissing ? (
          <Notice kind="warning">
            Noch keine Bankverbindung eingetragen: Anschreiben mit offener Gebühr können die Zahlung nicht anfordern.
          </Notice>
        ) : isDemoBankAccount(settings.bank.iban) ? (
          <Notice kind="warning">
            Beispielkonto aus den Demodaten: Bitte vor dem Echtbetrieb die Bankverbindung der Stadt eintragen – Anschreiben und
            Hundesteuerbescheide nennen dieses Konto.
          </Notice>
        ) : null}
        <div className="grid-2">
          {BANK_FIELDS.map((f) => (
            <TextField
              key={f.key}
              label={f.label}
              value={bank[f.key]}
              onChange={(v) => setBank((b) => ({ ...b, [f.key]: v }))}
              error={apiError(`bank.${f.key}`)}
              hint={f.hint}
              autoComplete="off"
              spellCheck={false}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>Druckaufträge</legend>
        <div className="grid-2">
          <div className="field">
            <span className="field-static-label">Umschläge</span>
            <label className="check">
              <input type="checkbox" checked={printEnvelopes} onChange={(e) => setPrintEnvelopes(e.target.checked)} />
              Umschläge drucken
            </label>
            <div className="field-hint">Aus, wenn Fensterumschläge verwendet werden: dann druckt der Postausgang keine Umschläge.</div>
          </div>
          <TextField
            label="Briefe je Druckauftrag"
            type="number"
            min={1}
            max={500}
            value={chunkSize}
            onChange={setChunkSize}
            error={err('dispatch.chunkSize')}
            hint="So viele Briefe gehen in einen Druckerauftrag; bei einer Störung wird höchstens dieser Teil wiederholt."
            className="field-narrow"
          />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>Porto (Deutsche Post)</legend>
        <div className="fee-table">
          {PRODUCTS.map((p) => (
            <TextField
              key={p}
              label={`${settings.postage.products[p].label} (€)`}
              value={prices[`products.${p}`] ?? ''}
              onChange={(v) => setPrices((all) => ({ ...all, [`products.${p}`]: v }))}
              error={err(`postage.products.${p}`)}
              inputMode="decimal"
              hint={`bis ${settings.postage.products[p].maxGrams} g · Voreinstellung ${formatEuro(DEFAULT_POSTAGE_PRICES.products[p].cents)}`}
              className="field-narrow"
            />
          ))}
        </div>
        <h3>Zuschläge Einschreiben</h3>
        <div className="fee-table">
          {REGISTERED.map((r) => (
            <TextField
              key={r}
              label={`${settings.postage.registered[r].label} (€)`}
              value={prices[`registered.${r}`] ?? ''}
              onChange={(v) => setPrices((all) => ({ ...all, [`registered.${r}`]: v }))}
              error={err(`postage.registered.${r}`)}
              inputMode="decimal"
              hint={`Zuschlag zum Porto · Voreinstellung ${formatEuro(DEFAULT_POSTAGE_PRICES.registered[r].cents)}`}
              className="field-narrow"
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>Umschläge nach Blattzahl</legend>
        <p className="field-hint">
          Die erste Regel, deren Blattzahl reicht, bestimmt den Umschlag (Anschreiben und Dokumente zusammen). Die letzte Regel
          darf ohne Blattzahl für „beliebig viele“ stehen.
        </p>
        {err('envelopes.rules') ? <div className="field-error">{err('envelopes.rules')}</div> : null}
        <ol className="envelope-rules">
          {rules.map((r, i) => (
            <li key={i} className="envelope-rule">
              <TextField
                label={`Regel ${i + 1}: bis Blatt`}
                value={r.maxSheets}
                onChange={(v) => setRule(i, { maxSheets: v })}
                placeholder="beliebig"
                inputMode="numeric"
                error={err(`envelopes.rules.${i}`) ?? apiError(`envelopes.rules.${i}.maxSheets`)}
                className="field-tiny"
              />
              <span className="envelope-arrow" aria-hidden="true">
                →
              </span>
              <SelectField
                label={`Regel ${i + 1}: Umschlag`}
                value={r.envelope}
                onChange={(v) => setRule(i, { envelope: v as EnvelopeSize })}
                options={ENVELOPES.map((e) => ({ value: e, label: ENVELOPE_HINTS[e] }))}
                error={apiError(`envelopes.rules.${i}.envelope`)}
              />
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => setRules((all) => all.filter((_, j) => j !== i))}
                disabled={rules.length <= 1}
                aria-label={`Regel ${i + 1} entfernen`}
              >
                Entfernen
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setRules((all) => [...all, { maxSheets: '', envelope: 'C4' }])}
        >
          Regel hinzufügen
        </button>
      </fieldset>

      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Wird gespeichert …' : 'Postversand speichern'}
        </button>
      </div>
    </form>
  );
}

export function PostalPanel() {
  return <WithSettings>{(s) => <PostalForm settings={s} />}</WithSettings>;
}
