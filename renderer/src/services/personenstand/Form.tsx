import { useId } from 'react';
import { formatEuro } from '../../../../shared/domain/money';
import {
  CERTIFICATE_KINDS,
  FEE_KEYS,
  MAX_COPIES,
  PURPOSES,
  RELATION_LABELS,
  RELATIONS,
  kindFitsRegister,
  type CertificateKindId,
  type CounterApplicant,
} from '../../../../shared/services/personenstand/index';
import type { EntrySummary } from '../../../../shared/services/personenstand/summary';
import { useApiQuery } from '../../api/hooks';
import { DateInput, FieldShell, SelectField, TextAreaField, TextField } from '../../components/forms';
import { dataFieldError, type ServiceFormProps } from '../types';
import { EMPTY_APPLICANT, readData, type FormData } from './data';
import { EntryLine, EntrySearch } from './EntrySearch';
import { SignerFields } from './SignerFields';

function ApplicantFields({ value, onChange, error }: { value: CounterApplicant; onChange(a: CounterApplicant): void; error: ServiceFormProps['error'] }) {
  const set = (patch: Partial<CounterApplicant>) => onChange({ ...value, ...patch });
  const err = (f: keyof CounterApplicant) => dataFieldError(error, `applicant.${f}`);
  return (
    <fieldset className="field">
      <legend>Antragstellende Person</legend>
      <div className="grid-3">
        <TextField label="Familienname" value={value.familyName} onChange={(v) => set({ familyName: v })} error={err('familyName')} required />
        <TextField label="Vornamen" value={value.givenNames} onChange={(v) => set({ givenNames: v })} error={err('givenNames')} required />
        <FieldShell label="Geburtsdatum" error={err('birthDate')} required hint="Antragsbefugt ab 16 Jahren (§ 62 Abs. 1 Satz 3 PStG)">
          {({ id, describedBy }) => <DateInput id={id} value={value.birthDate} onChange={(v) => set({ birthDate: v })} describedBy={describedBy} />}
        </FieldShell>
      </div>
      <div className="grid-4">
        <TextField label="Straße" value={value.street} onChange={(v) => set({ street: v })} error={err('street')} required />
        <TextField label="Hausnummer" value={value.houseNumber} onChange={(v) => set({ houseNumber: v })} error={err('houseNumber')} required />
        <TextField label="Postleitzahl" value={value.postalCode} onChange={(v) => set({ postalCode: v })} error={err('postalCode')} required inputMode="numeric" />
        <TextField label="Ort" value={value.city} onChange={(v) => set({ city: v })} error={err('city')} required />
      </div>
    </fieldset>
  );
}

/** The chosen entry as the register holds it, or a warning when the reference names none. */
function ChosenEntry({ reference }: { reference: string }) {
  const entry = useApiQuery('personenstand.entry', { reference }, { enabled: /^\s*[GELSgels]\s*\d+(-\d+)?\s*\/\s*\d{4}\s*$/.test(reference) });
  if (!entry.data) return entry.isFetched && entry.data === null ? <p className="field-error">Kein Eintrag {reference} im Personenstandsregister.</p> : null;
  return (
    <p className="muted" data-testid="chosen-entry">
      <EntryLine entry={entry.data} />
    </p>
  );
}

export function PersonenstandForm({ data, onChange, error, fees, resident }: ServiceFormProps) {
  const d = readData(data);
  const deliveryName = useId();
  const set = (patch: Partial<FormData>) => onChange({ ...data, ...patch });
  const isBirth = d.kind === 'geburtsurkunde';
  const needsInterest = d.relation === 'sibling' || d.relation === 'other';
  const purpose = PURPOSES.find((p) => p.id === d.purpose);
  const first = fees?.[FEE_KEYS.first];
  const further = fees?.[FEE_KEYS.further];

  function pick(entry: EntrySummary) {
    // The kind follows the register where the chosen kind cannot be issued from it.
    const kind: CertificateKindId = kindFitsRegister(d.kind, entry.register)
      ? d.kind
      : (CERTIFICATE_KINDS.find((k) => k.id !== 'registerausdruck' && kindFitsRegister(k.id, entry.register))?.id ?? 'registerausdruck');
    set({ registerReference: entry.reference, kind, ...(kind !== 'geburtsurkunde' ? { birthOptions: { withoutSex: false, withoutParents: false, elternteilFor: [] } } : {}) });
  }

  return (
    <div className="service-form">
      <div className="grid-2">
        <SelectField
          label="Art der Urkunde"
          value={d.kind}
          onChange={(v) =>
            set({
              kind: v as CertificateKindId,
              ...(v !== 'geburtsurkunde' ? { birthOptions: { withoutSex: false, withoutParents: false, elternteilFor: [] } } : {}),
              ...(v !== 'registerausdruck' ? { withHinweise: false } : {}),
            })
          }
          options={CERTIFICATE_KINDS.map((k) => ({ value: k.id, label: k.label }))}
          error={dataFieldError(error, 'kind')}
        />
        <TextField
          label="Registerzeichen"
          value={d.registerReference ?? ''}
          onChange={(v) => set({ registerReference: v })}
          error={dataFieldError(error, 'registerReference')}
          hint="z. B. G 399/2010 (G Geburten-, E Ehe-, L Lebenspartnerschafts-, S Sterberegister)"
          required
        />
      </div>
      {d.registerReference ? <ChosenEntry reference={d.registerReference} /> : null}
      <details className="field" open={!d.registerReference}>
        <summary>Eintrag im Personenstandsregister suchen</summary>
        <EntrySearch
          initialName={resident ? `${resident.givenNames} ${resident.familyName}` : ''}
          initialDate={resident?.birthDate ?? ''}
          actionLabel="Übernehmen"
          onPick={pick}
        />
      </details>

      <div className="grid-3">
        <SelectField
          label="Antragsteller ist"
          value={d.relation}
          onChange={(v) => set({ relation: v as FormData['relation'] })}
          options={RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))}
          error={dataFieldError(error, 'relation')}
          hint="§ 62 PStG: die Person selbst, Ehegatten, Vorfahren und Abkömmlinge direkt; andere mit Interesse und Freigabe"
        />
        <SelectField
          label="Verwendungszweck"
          value={d.purpose}
          onChange={(v) => set({ purpose: v as FormData['purpose'] })}
          options={PURPOSES.map((p) => ({ value: p.id, label: p.free ? `${p.label} (gebührenfrei)` : p.label }))}
          error={dataFieldError(error, 'purpose')}
        />
        <TextField
          label="Ausfertigungen"
          type="number"
          min={1}
          max={MAX_COPIES}
          value={String(d.copies)}
          onChange={(v) => set({ copies: Math.max(1, Math.min(MAX_COPIES, Math.trunc(Number(v)) || 1)) })}
          error={dataFieldError(error, 'copies')}
        />
      </div>

      {needsInterest ? (
        <TextAreaField
          label={d.relation === 'sibling' ? 'Berechtigtes oder rechtliches Interesse' : 'Rechtliches Interesse'}
          value={d.legalInterest}
          onChange={(v) => set({ legalInterest: v })}
          error={dataFieldError(error, 'legalInterest')}
          hint="Wofür wird die Urkunde gebraucht (z. B. Erbscheinsverfahren mit Aktenzeichen)? Die Teamleitung prüft und gibt vor der Gebühr frei."
          rows={3}
          required
        />
      ) : null}

      {isBirth ? (
        <fieldset className={'field' + (dataFieldError(error, 'birthOptions') ? ' field-invalid' : '')}>
          <legend>Geburtsurkunde auf Antrag (§ 59 Abs. 2 PStG)</legend>
          <div className="radio-row">
            <label className="check">
              <input
                type="checkbox"
                checked={d.birthOptions.withoutSex}
                onChange={(e) => set({ birthOptions: { ...d.birthOptions, withoutSex: e.target.checked } })}
              />
              ohne Angabe des Geschlechts
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={d.birthOptions.withoutParents}
                onChange={(e) => set({ birthOptions: { ...d.birthOptions, withoutParents: e.target.checked, elternteilFor: [] } })}
              />
              ohne Angaben zu den Eltern
            </label>
          </div>
          {dataFieldError(error, 'birthOptions') ? <div className="field-error">{dataFieldError(error, 'birthOptions')}</div> : null}
        </fieldset>
      ) : null}
      {d.kind === 'registerausdruck' ? (
        <label className="check">
          <input type="checkbox" checked={d.withHinweise} onChange={(e) => set({ withHinweise: e.target.checked })} />
          Hinweise aufnehmen (§ 48 Abs. 3 PStV)
        </label>
      ) : null}

      {resident === null ? <ApplicantFields value={d.applicant ?? EMPTY_APPLICANT} onChange={(a) => set({ applicant: a })} error={error} /> : null}

      <SignerFields value={d.signer} onChange={(signer) => set({ signer })} error={dataFieldError(error, 'signer')} />

      <fieldset className="field">
        <legend>Zustellung der Urkunde</legend>
        <div className="radio-row">
          <label className="check">
            <input type="radio" name={deliveryName} checked={d.delivery === 'counter'} onChange={() => set({ delivery: 'counter' })} />
            Aushändigung am Schalter
          </label>
          <label className="check">
            <input type="radio" name={deliveryName} checked={d.delivery === 'post'} onChange={() => set({ delivery: 'post' })} />
            Versand per Post
          </label>
        </div>
      </fieldset>

      <p className="fee-preview">
        Gebühr:{' '}
        <strong>
          {first === undefined || further === undefined ? '…' : formatEuro(first + further * (d.copies - 1))}
        </strong>
        {d.copies > 1 && first !== undefined && further !== undefined ? (
          <span className="muted">
            {' '}
            ({formatEuro(first)} erste, je {formatEuro(further)} weitere Ausfertigung)
          </span>
        ) : null}
        {purpose?.free ? <span className="muted"> – gebührenfrei möglich: {purpose.label} (§ 64 SGB X)</span> : null}
      </p>
    </div>
  );
}
