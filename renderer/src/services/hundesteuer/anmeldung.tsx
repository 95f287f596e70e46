import { useEffect } from 'react';
import { formatEuro } from '../../../../shared/domain/money';
import {
  ANMELDUNG_REASONS,
  DOG_SEX_LABELS,
  MIN_SUM_OTHER_CENTS,
  MIN_SUM_PERSONS_CENTS,
  PAYMENT_SCHEDULE_LABELS,
  SACHKUNDE_EXCEPTIONS,
  formatChipNumber,
  formatDate,
  isIsoDate,
  maskIban,
  nhundgDutiesApply,
} from '../../../../shared/services/hundesteuer';
import { CheckField, SelectField, TextField } from '../../components/forms';
import { todayBerlin } from '../../lib/format';
import { dataFieldError, type ServiceFormProps } from '../types';
import { DateField, EuroField, obj, str } from './fields';

type Data = Record<string, unknown>;

export function initialAnmeldung(): Data {
  const today = todayBerlin();
  return {
    reason: 'aufnahme',
    acquiredOn: '',
    registeredOn: today,
    previousOwner: '',
    dog: { name: '', breed: '', colour: '', sex: 'ruede', birthDate: '', birthDateEstimated: false, chipNumber: '' },
    insurance: { insurer: '', policyNumber: '', personsCents: MIN_SUM_PERSONS_CENTS, otherCents: MIN_SUM_OTHER_CENTS },
    sachkunde: { kind: 'pruefung', theoryPassedOn: '', practicalPassedOn: null, examiner: '' },
    centralRegister: { enteredOn: '', reference: '' },
    dangerous: { bySatzung: false, byNHundG: false, determination: null, permit: null },
    sepa: { accountHolder: '', iban: '', mandateDate: today },
    paymentSchedule: null,
  };
}

const emptyDecision = () => ({ authority: '', reference: '', date: '' });

function Decision({ title, prefix, value, onChange, error }: { title: string; prefix: string; value: Data; onChange(v: Data): void; error: ServiceFormProps['error'] }) {
  return (
    <div className="grid-3">
      <TextField label={`${title}: Behörde`} value={str(value.authority)} onChange={(v) => onChange({ ...value, authority: v })} error={dataFieldError(error, `${prefix}.authority`)} />
      <TextField label={`${title}: Aktenzeichen`} value={str(value.reference)} onChange={(v) => onChange({ ...value, reference: v })} error={dataFieldError(error, `${prefix}.reference`)} />
      <DateField label={`${title}: Datum`} value={str(value.date)} onChange={(v) => onChange({ ...value, date: v })} error={dataFieldError(error, `${prefix}.date`)} />
    </div>
  );
}

export function AnmeldungForm({ data, onChange, error, resident }: ServiceFormProps) {
  const set = (patch: Data) => onChange({ ...data, ...patch });
  const dog = obj(data.dog) ?? {};
  const setDog = (patch: Data) => set({ dog: { ...dog, ...patch } });
  const insurance = obj(data.insurance);
  const sachkunde = obj(data.sachkunde);
  const register = obj(data.centralRegister);
  const dangerous = obj(data.dangerous) ?? { bySatzung: false, byNHundG: false, determination: null, permit: null };
  const sepa = obj(data.sepa);
  const err = (f: string) => dataFieldError(error, f);
  const birth = str(dog.birthDate);
  const registeredOn = str(data.registeredOn);
  const duties = isIsoDate(birth) && isIsoDate(registeredOn) ? nhundgDutiesApply(birth, registeredOn) : true;
  const ownerName = resident ? `${resident.givenNames} ${resident.familyName}` : '';
  // The account holder is usually the owner: prefilled once the person is known, as long as nothing was typed.
  useEffect(() => {
    if (sepa && str(sepa.accountHolder) === '' && ownerName) set({ sepa: { ...sepa, accountHolder: ownerName } });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ownerName]);

  return (
    <div className="service-form stack">
      <fieldset className="field">
        <legend>Anmeldung</legend>
        <SelectField label="Anlass der Anmeldung" value={str(data.reason)} onChange={(v) => set({ reason: v })} options={ANMELDUNG_REASONS.map((r) => ({ value: r.id, label: r.label }))} error={err('reason')} />
        <div className="grid-3">
          <DateField label="Beginn der Hundehaltung" value={str(data.acquiredOn)} onChange={(v) => set({ acquiredOn: v })} error={err('acquiredOn')} hint="Tag der Aufnahme, des Zuzugs oder (eigene Zucht) der Geburt" required />
          <DateField label="Datum der Anmeldung" value={registeredOn} onChange={(v) => set({ registeredOn: v })} error={err('registeredOn')} required />
        </div>
        <TextField label="Vorbesitzer (Name, Anschrift)" value={str(data.previousOwner)} onChange={(v) => set({ previousOwner: v })} error={err('previousOwner')} />
      </fieldset>

      <fieldset className="field">
        <legend>Hund</legend>
        <div className="grid-3">
          <TextField label="Name des Hundes" value={str(dog.name)} onChange={(v) => setDog({ name: v })} error={err('dog.name')} required />
          <TextField label="Rasse" value={str(dog.breed)} onChange={(v) => setDog({ breed: v })} error={err('dog.breed')} hint="Bei Mischlingen die erkennbaren Rassen" required />
          <TextField label="Farbe" value={str(dog.colour)} onChange={(v) => setDog({ colour: v })} error={err('dog.colour')} required />
          <SelectField label="Geschlecht des Hundes" value={str(dog.sex)} onChange={(v) => setDog({ sex: v })} options={Object.entries(DOG_SEX_LABELS).map(([value, label]) => ({ value, label }))} error={err('dog.sex')} />
          <DateField label="Geburtsdatum des Hundes" value={birth} onChange={(v) => setDog({ birthDate: v })} error={err('dog.birthDate')} required />
          <TextField
            label="Chipnummer"
            value={str(dog.chipNumber)}
            onChange={(v) => setDog({ chipNumber: v })}
            error={err('dog.chipNumber')}
            hint={`15 Ziffern (ISO 11784/11785)${duties ? '; Pflicht für Hunde über sechs Monate (§ 4 NHundG)' : ''}`}
            inputMode="numeric"
          />
        </div>
        <CheckField label="Geburtsdatum geschätzt" checked={dog.birthDateEstimated === true} onChange={(v) => setDog({ birthDateEstimated: v })} />
      </fieldset>

      <fieldset className={'field' + (err('insurance') ? ' field-invalid' : '')}>
        <legend>Haftpflichtversicherung (§ 5 NHundG)</legend>
        <CheckField
          label="Haftpflichtversicherung nachgewiesen"
          checked={insurance !== null}
          onChange={(v) => set({ insurance: v ? { insurer: '', policyNumber: '', personsCents: MIN_SUM_PERSONS_CENTS, otherCents: MIN_SUM_OTHER_CENTS } : null })}
        />
        {insurance ? (
          <div className="grid-3">
            <TextField label="Versicherungsunternehmen" value={str(insurance.insurer)} onChange={(v) => set({ insurance: { ...insurance, insurer: v } })} error={err('insurance.insurer')} />
            <TextField label="Versicherungsscheinnummer" value={str(insurance.policyNumber)} onChange={(v) => set({ insurance: { ...insurance, policyNumber: v } })} error={err('insurance.policyNumber')} />
            <EuroField label="Deckungssumme Personenschäden (€)" cents={Number(insurance.personsCents)} onChange={(c) => set({ insurance: { ...insurance, personsCents: c } })} error={err('insurance.personsCents')} hint={`mindestens ${formatEuro(MIN_SUM_PERSONS_CENTS)}`} />
            <EuroField label="Deckungssumme sonstige Schäden (€)" cents={Number(insurance.otherCents)} onChange={(c) => set({ insurance: { ...insurance, otherCents: c } })} error={err('insurance.otherCents')} hint={`mindestens ${formatEuro(MIN_SUM_OTHER_CENTS)}`} />
          </div>
        ) : null}
        {err('insurance') ? <div className="field-error">{err('insurance')}</div> : null}
      </fieldset>

      <fieldset className={'field' + (err('sachkunde') ? ' field-invalid' : '')}>
        <legend>Sachkunde (§ 3 NHundG)</legend>
        <SelectField
          label="Nachweis der Sachkunde"
          value={sachkunde ? str(sachkunde.kind) : ''}
          onChange={(v) =>
            set({
              sachkunde:
                v === 'pruefung'
                  ? { kind: 'pruefung', theoryPassedOn: '', practicalPassedOn: null, examiner: '' }
                  : v === 'ausnahme'
                    ? { kind: 'ausnahme', reason: 'fruehere_haltung', details: '', previousHoldingFrom: '', previousHoldingTo: '' }
                    : null,
            })
          }
          options={[
            { value: 'pruefung', label: 'Sachkundeprüfung abgelegt' },
            { value: 'ausnahme', label: 'Ausnahme von der Sachkundeprüfung' },
          ]}
          placeholder="– nicht angegeben –"
        />
        {sachkunde?.kind === 'pruefung' ? (
          <div className="grid-3">
            <DateField label="Theoretische Prüfung bestanden am" value={str(sachkunde.theoryPassedOn)} onChange={(v) => set({ sachkunde: { ...sachkunde, theoryPassedOn: v } })} error={err('sachkunde.theoryPassedOn')} />
            <DateField
              label="Praktische Prüfung bestanden am"
              value={str(sachkunde.practicalPassedOn)}
              onChange={(v) => set({ sachkunde: { ...sachkunde, practicalPassedOn: v || null } })}
              error={err('sachkunde.practicalPassedOn')}
              hint="leer, solange sie noch aussteht (im ersten Jahr der Haltung)"
            />
            <TextField label="Prüfende Stelle" value={str(sachkunde.examiner)} onChange={(v) => set({ sachkunde: { ...sachkunde, examiner: v } })} error={err('sachkunde.examiner')} />
          </div>
        ) : null}
        {sachkunde?.kind === 'ausnahme' ? (
          <>
            <SelectField label="Grund der Ausnahme" value={str(sachkunde.reason)} onChange={(v) => set({ sachkunde: { ...sachkunde, reason: v } })} options={SACHKUNDE_EXCEPTIONS.map((x) => ({ value: x.id, label: x.label }))} error={err('sachkunde.reason')} />
            {sachkunde.reason === 'fruehere_haltung' ? (
              <div className="grid-3">
                <DateField label="Frühere Hundehaltung von" value={str(sachkunde.previousHoldingFrom)} onChange={(v) => set({ sachkunde: { ...sachkunde, previousHoldingFrom: v || null } })} error={err('sachkunde.previousHoldingFrom')} />
                <DateField label="Frühere Hundehaltung bis" value={str(sachkunde.previousHoldingTo)} onChange={(v) => set({ sachkunde: { ...sachkunde, previousHoldingTo: v || null } })} error={err('sachkunde.previousHoldingTo')} />
              </div>
            ) : null}
            <TextField label="Erläuterung der Ausnahme" value={str(sachkunde.details)} onChange={(v) => set({ sachkunde: { ...sachkunde, details: v } })} error={err('sachkunde.details')} />
          </>
        ) : null}
        {err('sachkunde') ? <div className="field-error">{err('sachkunde')}</div> : null}
      </fieldset>

      <fieldset className={'field' + (err('centralRegister') ? ' field-invalid' : '')}>
        <legend>Zentrales Register (§ 6 NHundG)</legend>
        <CheckField label="Im Zentralen Register eingetragen" checked={register !== null} onChange={(v) => set({ centralRegister: v ? { enteredOn: '', reference: '' } : null })} />
        {register ? (
          <div className="grid-3">
            <DateField label="Eingetragen am" value={str(register.enteredOn)} onChange={(v) => set({ centralRegister: { ...register, enteredOn: v } })} error={err('centralRegister.enteredOn')} />
            <TextField label="Registriernummer" value={str(register.reference)} onChange={(v) => set({ centralRegister: { ...register, reference: v } })} error={err('centralRegister.reference')} />
          </div>
        ) : null}
        {err('centralRegister') ? <div className="field-error">{err('centralRegister')}</div> : null}
      </fieldset>

      <fieldset className="field">
        <legend>Gefährlicher Hund</legend>
        <CheckField label="Gefährlich nach der Hundesteuersatzung (Steuersatz)" checked={dangerous.bySatzung === true} onChange={(v) => set({ dangerous: { ...dangerous, bySatzung: v } })} />
        <CheckField
          label="Als gefährlich festgestellt nach § 7 NHundG"
          checked={dangerous.byNHundG === true}
          onChange={(v) => set({ dangerous: { ...dangerous, byNHundG: v, determination: v ? emptyDecision() : null, permit: v ? emptyDecision() : null } })}
        />
        {dangerous.byNHundG === true ? (
          <>
            <Decision title="Feststellung (§ 7)" prefix="dangerous.determination" value={obj(dangerous.determination) ?? emptyDecision()} onChange={(v) => set({ dangerous: { ...dangerous, determination: v } })} error={error} />
            <Decision title="Erlaubnis (§ 8)" prefix="dangerous.permit" value={obj(dangerous.permit) ?? emptyDecision()} onChange={(v) => set({ dangerous: { ...dangerous, permit: v } })} error={error} />
          </>
        ) : null}
        {err('dangerous.byNHundG') ? <div className="field-error">{err('dangerous.byNHundG')}</div> : null}
      </fieldset>

      <fieldset className="field">
        <legend>Zahlung der Hundesteuer</legend>
        <CheckField
          label="SEPA-Lastschriftmandat erteilt"
          checked={sepa !== null}
          onChange={(v) => set({ sepa: v ? { accountHolder: ownerName, iban: '', mandateDate: registeredOn || todayBerlin() } : null })}
          hint={sepa ? undefined : 'Ohne Mandat überweist die Halterin oder der Halter zu den Fälligkeitstagen.'}
        />
        {sepa ? (
          <div className="grid-3">
            <TextField label="Kontoinhaber" value={str(sepa.accountHolder)} onChange={(v) => set({ sepa: { ...sepa, accountHolder: v } })} error={err('sepa.accountHolder')} />
            <TextField label="IBAN" value={str(sepa.iban)} onChange={(v) => set({ sepa: { ...sepa, iban: v } })} error={err('sepa.iban')} autoComplete="off" />
            <DateField label="Mandat erteilt am" value={str(sepa.mandateDate)} onChange={(v) => set({ sepa: { ...sepa, mandateDate: v } })} error={err('sepa.mandateDate')} />
          </div>
        ) : null}
        <SelectField
          label="Zahlungsweise"
          value={str(data.paymentSchedule)}
          onChange={(v) => set({ paymentSchedule: v || null })}
          options={Object.entries(PAYMENT_SCHEDULE_LABELS).map(([value, label]) => ({ value, label }))}
          placeholder="wie in der Satzung"
          className="field-narrow"
        />
      </fieldset>
      <p className="fee-preview">
        Gebühr: <strong>gebührenfrei</strong> <span className="muted">(die Hundesteuer setzt der Bescheid fest; die Hundemarke wird mit dem Bescheid vergeben)</span>
      </p>
    </div>
  );
}

export function describeAnmeldung(data: Data): { label: string; value: string }[] {
  const dog = obj(data.dog) ?? {};
  const rows = [
    { label: 'Anlass', value: ANMELDUNG_REASONS.find((r) => r.id === data.reason)?.label ?? str(data.reason) },
    { label: 'Beginn der Haltung', value: isIsoDate(str(data.acquiredOn)) ? formatDate(str(data.acquiredOn)) : '–' },
    { label: 'Anmeldung vom', value: isIsoDate(str(data.registeredOn)) ? formatDate(str(data.registeredOn)) : '–' },
    {
      label: 'Hund',
      value: [str(dog.name), str(dog.breed), str(dog.colour), DOG_SEX_LABELS[dog.sex as 'ruede'] ?? ''].filter(Boolean).join(', '),
    },
    { label: 'Geburtsdatum des Hundes', value: isIsoDate(str(dog.birthDate)) ? `${formatDate(str(dog.birthDate))}${dog.birthDateEstimated ? ' (geschätzt)' : ''}` : '–' },
    { label: 'Chipnummer', value: str(dog.chipNumber) ? formatChipNumber(str(dog.chipNumber)) : '–' },
  ];
  const ins = obj(data.insurance);
  rows.push({ label: 'Haftpflichtversicherung', value: ins ? `${str(ins.insurer)}, Nr. ${str(ins.policyNumber)}` : '–' });
  const s = obj(data.sachkunde);
  rows.push({
    label: 'Sachkunde',
    value: !s
      ? '–'
      : s.kind === 'pruefung'
        ? `Prüfung (theoretisch am ${isIsoDate(str(s.theoryPassedOn)) ? formatDate(str(s.theoryPassedOn)) : '–'}${isIsoDate(str(s.practicalPassedOn)) ? `, praktisch am ${formatDate(str(s.practicalPassedOn))}` : ', praktisch ausstehend'})`
        : `Ausnahme: ${SACHKUNDE_EXCEPTIONS.find((x) => x.id === s.reason)?.label ?? str(s.reason)}`,
  });
  const reg = obj(data.centralRegister);
  rows.push({ label: 'Zentrales Register', value: reg && isIsoDate(str(reg.enteredOn)) ? `eingetragen am ${formatDate(str(reg.enteredOn))}` : '–' });
  const g = obj(data.dangerous);
  rows.push({ label: 'Gefährlicher Hund', value: g?.byNHundG ? 'ja, festgestellt nach § 7 NHundG (Erlaubnis nach § 8 liegt vor)' : g?.bySatzung ? 'ja, nach der Satzung' : 'nein' });
  const sepa = obj(data.sepa);
  rows.push({ label: 'Zahlung', value: sepa ? `SEPA-Lastschrift: ${str(sepa.accountHolder)}, ${maskIban(str(sepa.iban))}` : 'Überweisung' });
  return rows;
}
