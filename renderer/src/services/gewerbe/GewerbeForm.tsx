/**
 * The counter form of a Gewerbeanzeige (GewA 1, 2 or 3, Anlagen 1–3 GewAnzV): receipt, business, reporting persons,
 * Betriebsstätte, activity, employees, and per form the reason and the start, change or end date. The core checks
 * everything again (shared/services/gewerbe/schema.ts); its messages appear at the fields.
 */
import { useEffect, type ReactNode } from 'react';
import { formatEuro } from '../../../../shared/domain/money';
import {
  ACTIVITY_CHANGES,
  CRAFT_KINDS,
  DEREGISTRATION_REASONS,
  ESTABLISHMENT_KINDS,
  FORM_INFO,
  GEWERBE_FEES,
  LATE_NOTICE_DAYS,
  LEGAL_FORMS,
  REGISTER_TYPES,
  REGISTER_TYPE_LABELS,
  REGISTRATION_REASONS,
  TAKEOVER_KINDS,
  legalFormInfo,
  type GewerbeForm as FormId,
  type LegalFormId,
} from '../../../../shared/services/gewerbe';
import { todayBerlin } from '../../lib/format';
import type { ServiceFormProps } from '../types';
import { PersonsFields, defaultRole, emptyPerson } from './PersonsFields';
import { AddressFields, Check, DateField, NumberField, Select, Text, emptyAddress, fieldError, getIn, setIn, str, type PartProps, type Path } from './fields';
import { TextAreaField } from '../../components/forms';

type Obj = Record<string, unknown>;

/** A new notice of the form, received today, for a sole trader. */
export function initialNotice(form: FormId): Obj {
  const common: Obj = {
    form,
    receivedOn: todayBerlin(),
    business: { name: '', legalForm: 'einzelunternehmen', legalFormOther: '', register: null, registrationPending: false },
    persons: [emptyPerson('inhaber')],
    establishment: { address: emptyAddress('Lingen (Ems)'), kind: 'hauptniederlassung', mainEstablishment: null, phone: '', email: '' },
    activity: {
      description: '',
      wz2008: '',
      sideline: false,
      craft: 'keins',
      craftAlsoNonCraft: false,
      craftCard: null,
      itinerant: false,
      permitRequired: false,
      permit: null,
      food: false,
    },
    employees: { fullTime: 0, partTime: 0 },
    reporter: null,
    lateNoticeReason: '',
  };
  switch (form) {
    case 'GewA1':
      return { ...common, reason: 'neugruendung', reasonOther: '', takeover: null, previousEstablishment: null, startDate: '', customsIndications: false };
    case 'GewA2':
      return {
        ...common,
        changes: { relocation: false, previousAddress: null, activityChange: 'keine', previousActivity: '' },
        changeDate: '',
      };
    case 'GewA3':
      return { ...common, endDate: '', reason: '', reasonOther: '', newAddress: null, continuedBySomeoneElse: false, successor: '' };
  }
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="field" aria-label={title}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/** An optional block: a check box that creates (or clears) the object at `path`. */
function Optional({ p, path, label, make, children }: { p: PartProps; path: Path; label: string; make(): unknown; children: ReactNode }) {
  const on = getIn(p.data, path) != null;
  return (
    <div>
      <div style={{ margin: '0 0 0.7rem' }}>
        <label className="check">
          <input type="checkbox" checked={on} onChange={(e) => p.set(path, e.target.checked ? make() : null)} />
          {label}
        </label>
      </div>
      {on ? children : null}
    </div>
  );
}

function BusinessFields({ p }: { p: PartProps }) {
  const legalForm = (str(getIn(p.data, ['business', 'legalForm'])) || 'einzelunternehmen') as LegalFormId;
  const info = legalFormInfo(legalForm);
  const register = getIn(p.data, ['business', 'register']) as Obj | null;
  const changeLegalForm = (id: string) => {
    const next = legalFormInfo(id as LegalFormId);
    const persons = ((getIn(p.data, ['persons']) as Obj[]) ?? []).map((x) => ({ ...x, role: defaultRole(id as LegalFormId) }));
    let business: Obj = { ...(getIn(p.data, ['business']) as Obj), legalForm: id };
    if (next.register === 'none') business = { ...business, register: null, registrationPending: false };
    p.setMany([
      [['business'], business],
      [['persons'], persons],
    ]);
  };
  return (
    <Section title="Betrieb">
      <div className="grid-2">
        <Select p={p} path={['business', 'legalForm']} label="Rechtsform" options={LEGAL_FORMS} onChange={changeLegalForm} />
        <Text
          p={p}
          path={['business', 'name']}
          label={legalForm === 'einzelunternehmen' ? 'Geschäftsbezeichnung (falls vorhanden)' : 'Name des Betriebes / Firma'}
          required={legalForm !== 'einzelunternehmen' && legalForm !== 'gbr'}
          hint={info.suffixHint ? `mit Rechtsformzusatz: ${info.suffixHint}` : undefined}
        />
      </div>
      {legalForm === 'sonstige' ? <Text p={p} path={['business', 'legalFormOther']} label="Bezeichnung der Rechtsform" required /> : null}
      {info.register !== 'none' ? (
        <>
          <Optional
            p={p}
            path={['business', 'register']}
            label="Im Register eingetragen"
            make={() => ({ court: 'Amtsgericht Osnabrück', type: info.registerTypes[0] ?? 'HRA', number: '' })}
          >
            <div className="grid-3">
              <Text p={p} path={['business', 'register', 'court']} label="Registergericht" required />
              <Select
                p={p}
                path={['business', 'register', 'type']}
                label="Registerart"
                options={REGISTER_TYPES.map((t) => ({ id: t, label: REGISTER_TYPE_LABELS[t] }))}
              />
              <Text p={p} path={['business', 'register', 'number']} label="Registernummer" required hint="nur die Nummer, z. B. 201234" />
            </div>
          </Optional>
          {register ? null : <Check p={p} path={['business', 'registrationPending']} label="Eintragung in das Register beantragt" />}
          {fieldError(p.error, ['business', 'register']) ? <div className="field-error">{fieldError(p.error, ['business', 'register'])}</div> : null}
        </>
      ) : null}
    </Section>
  );
}

function EstablishmentFields({ p }: { p: PartProps }) {
  const kind = str(getIn(p.data, ['establishment', 'kind']));
  return (
    <Section title="Betriebsstätte">
      <AddressFields p={p} path={['establishment', 'address']} prefix="Betriebsstätte" />
      <div className="grid-3">
        <Select
          p={p}
          path={['establishment', 'kind']}
          label="Art der Niederlassung"
          options={ESTABLISHMENT_KINDS}
          onChange={(v) => p.set(['establishment'], { ...(getIn(p.data, ['establishment']) as Obj), kind: v, mainEstablishment: v === 'hauptniederlassung' ? null : (getIn(p.data, ['establishment', 'mainEstablishment']) ?? emptyAddress()) })}
        />
        <Text p={p} path={['establishment', 'phone']} label="Telefon" />
        <Text p={p} path={['establishment', 'email']} label="E-Mail" />
      </div>
      {kind && kind !== 'hauptniederlassung' ? <AddressFields p={p} path={['establishment', 'mainEstablishment']} prefix="Hauptniederlassung" /> : null}
    </Section>
  );
}

function ActivityFields({ p }: { p: PartProps }) {
  const craft = str(getIn(p.data, ['activity', 'craft']));
  const permitRequired = getIn(p.data, ['activity', 'permitRequired']) === true;
  const path = ['activity', 'description'];
  return (
    <Section title="Tätigkeit">
      <TextAreaField
        label="Angemeldete Tätigkeit (genaue Bezeichnung)"
        value={str(getIn(p.data, path))}
        onChange={(v) => p.set(path, v)}
        error={fieldError(p.error, path)}
        required
        rows={3}
      />
      <div className="grid-2">
        <Text p={p} path={['activity', 'wz2008']} label="WZ-2008-Schlüssel" hint="NN.NN.N, z. B. 47.64.1" />
        <Select p={p} path={['activity', 'craft']} label="Handwerk" options={CRAFT_KINDS} />
      </div>
      <div className="check-grid">
        <Check p={p} path={['activity', 'sideline']} label="im Nebenerwerb" />
        <Check p={p} path={['activity', 'food']} label="mit Lebensmitteln (Herstellung, Handel, Gastronomie)" />
        <Check p={p} path={['activity', 'itinerant']} label="auch im Reisegewerbe" />
        <Check
          p={p}
          path={['activity', 'permitRequired']}
          label="erlaubnispflichtig"
          onChange={(on) => p.set(['activity'], { ...(getIn(p.data, ['activity']) as Obj), permitRequired: on, permit: on ? getIn(p.data, ['activity', 'permit']) : null })}
        />
        {craft && craft !== 'keins' ? <Check p={p} path={['activity', 'craftAlsoNonCraft']} label="auch nichthandwerkliche Betriebsteile" /> : null}
      </div>
      {craft && craft !== 'keins' ? (
        <Optional p={p} path={['activity', 'craftCard']} label="Handwerkskarte liegt vor" make={() => ({ chamber: 'Handwerkskammer Osnabrück-Emsland-Grafschaft Bentheim', issuedOn: '' })}>
          <div className="grid-2">
            <Text p={p} path={['activity', 'craftCard', 'chamber']} label="Handwerkskammer" required />
            <DateField p={p} path={['activity', 'craftCard', 'issuedOn']} label="Datum der Handwerkskarte" required />
          </div>
        </Optional>
      ) : null}
      {permitRequired ? (
        <Optional p={p} path={['activity', 'permit']} label="Erlaubnis liegt vor" make={() => ({ kind: '', authority: '', issuedOn: '', reference: '' })}>
          <div className="grid-4">
            <Text p={p} path={['activity', 'permit', 'kind']} label="Art der Erlaubnis" required />
            <Text p={p} path={['activity', 'permit', 'authority']} label="Erteilende Behörde" required />
            <DateField p={p} path={['activity', 'permit', 'issuedOn']} label="Datum der Erlaubnis" required />
            <Text p={p} path={['activity', 'permit', 'reference']} label="Aktenzeichen der Erlaubnis" />
          </div>
        </Optional>
      ) : null}
      <div className="grid-4">
        <NumberField p={p} path={['employees', 'fullTime']} label="Vollzeitbeschäftigte" />
        <NumberField p={p} path={['employees', 'partTime']} label="Teilzeitbeschäftigte" />
      </div>
    </Section>
  );
}

function AnmeldungFields({ p }: { p: PartProps }) {
  const reason = str(getIn(p.data, ['reason']));
  return (
    <Section title="Anmeldung">
      <div className="grid-2">
        <Select p={p} path={['reason']} label="Grund der Anmeldung" options={REGISTRATION_REASONS} />
        <DateField p={p} path={['startDate']} label="Beginn der Tätigkeit" required />
      </div>
      {reason === 'sonstige' ? <Text p={p} path={['reasonOther']} label="Sonstiger Grund der Anmeldung" required /> : null}
      {reason === 'uebernahme' ? (
        <div className="grid-2">
          <Select
            p={p}
            path={['takeover', 'kind']}
            label="Art der Übernahme"
            options={TAKEOVER_KINDS}
            placeholder="Bitte wählen"
            onChange={(v) => p.set(['takeover'], { previousOwner: '', ...((getIn(p.data, ['takeover']) as Obj | null) ?? {}), kind: v })}
          />
          <Text p={p} path={['takeover', 'previousOwner']} label="Name des bisherigen Gewerbetreibenden" required />
        </div>
      ) : null}
      {reason === 'zuzug' ? (
        <Optional p={p} path={['previousEstablishment']} label="Frühere Betriebsstätte angeben" make={() => emptyAddress()}>
          <AddressFields p={p} path={['previousEstablishment']} prefix="Frühere Betriebsstätte" />
        </Optional>
      ) : null}
      <Check
        p={p}
        path={['customsIndications']}
        label="Anhaltspunkte für Verstöße gegen das SchwarzArbG, § 404 Abs. 2 SGB III oder das AÜG (Mitteilung an den Zoll, § 3 Abs. 3 GewAnzV; erscheint nicht auf der Empfangsbescheinigung)"
      />
    </Section>
  );
}

function UmmeldungFields({ p }: { p: PartProps }) {
  const relocation = getIn(p.data, ['changes', 'relocation']) === true;
  const change = str(getIn(p.data, ['changes', 'activityChange']));
  const error = fieldError(p.error, ['changes']);
  return (
    <Section title="Ummeldung">
      <div className="grid-4">
        <DateField p={p} path={['changeDate']} label="Datum der Änderung" required />
      </div>
      <Check
        p={p}
        path={['changes', 'relocation']}
        label="Verlegung der Betriebsstätte innerhalb der Stadt (oben die neue Anschrift)"
        onChange={(on) => p.set(['changes'], { ...(getIn(p.data, ['changes']) as Obj), relocation: on, previousAddress: on ? emptyAddress('Lingen (Ems)') : null })}
      />
      {relocation ? <AddressFields p={p} path={['changes', 'previousAddress']} prefix="Bisherige Betriebsstätte" /> : null}
      <Select p={p} path={['changes', 'activityChange']} label="Änderung der Tätigkeit" options={ACTIVITY_CHANGES} />
      {change && change !== 'keine' ? <Text p={p} path={['changes', 'previousActivity']} label="Bisherige Tätigkeit" /> : null}
      {error ? <div className="field-error">{error}</div> : null}
    </Section>
  );
}

function AbmeldungFields({ p }: { p: PartProps }) {
  const reason = str(getIn(p.data, ['reason']));
  const continued = getIn(p.data, ['continuedBySomeoneElse']) === true;
  return (
    <Section title="Abmeldung">
      <div className="grid-2">
        <Select
          p={p}
          path={['reason']}
          label="Grund der Abmeldung"
          options={DEREGISTRATION_REASONS}
          placeholder="Bitte wählen"
          onChange={(v) => p.set(['reason'], v)}
        />
        <DateField p={p} path={['endDate']} label="Datum der Betriebsaufgabe" required />
      </div>
      {reason === 'sonstige' ? <Text p={p} path={['reasonOther']} label="Sonstiger Grund der Abmeldung" required /> : null}
      {reason === 'verlegung' ? (
        <Optional p={p} path={['newAddress']} label="Neue Betriebsstätte angeben" make={() => emptyAddress()}>
          <AddressFields p={p} path={['newAddress']} prefix="Neue Betriebsstätte" />
        </Optional>
      ) : null}
      <Check p={p} path={['continuedBySomeoneElse']} label="Der Betrieb wird von jemand anderem fortgeführt" />
      {continued ? <Text p={p} path={['successor']} label="Name des künftigen Gewerbetreibenden" required /> : null}
    </Section>
  );
}

function ReporterFields({ p }: { p: PartProps }) {
  return (
    <Optional
      p={p}
      path={['reporter']}
      label="Anzeige durch eine andere Person (Erben, Insolvenzverwalter, Bevollmächtigte)"
      make={() => ({ familyName: '', givenNames: '', capacity: '', address: emptyAddress() })}
    >
      <div className="grid-3">
        <Text p={p} path={['reporter', 'familyName']} label="Anzeigende Person: Familienname" required />
        <Text p={p} path={['reporter', 'givenNames']} label="Anzeigende Person: Vornamen" required />
        <Text p={p} path={['reporter', 'capacity']} label="Anzeigende Person: Eigenschaft" required hint="z. B. Erbin, Insolvenzverwalter" />
      </div>
      <AddressFields p={p} path={['reporter', 'address']} prefix="Anzeigende Person" />
    </Optional>
  );
}

export function GewerbeAnzeigeForm({ data, onChange, error, fees, resident }: ServiceFormProps) {
  const form = (str(data.form) || 'GewA1') as FormId;
  const p: PartProps = {
    data,
    error,
    set: (path, value) => onChange(setIn(data, path, value)),
    setMany: (entries) => onChange(entries.reduce<Obj>((d, [path, value]) => setIn(d, path, value), data)),
  };
  // A person chosen in the Melderegister starts the list of reporting persons.
  useEffect(() => {
    const first = (data.persons as Obj[] | undefined)?.[0];
    if (resident && first && !str(first.familyName) && !str(first.givenNames)) {
      onChange(
        setIn(data, ['persons', 0], {
          ...first,
          familyName: resident.familyName,
          givenNames: resident.givenNames,
          doctoralDegree: resident.doctoralDegree ?? '',
          birthDate: resident.birthDate,
        }),
      );
    }
    // Only when the form opens for the person.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resident?.id]);
  const fee = fees?.[GEWERBE_FEES[form].key] ?? GEWERBE_FEES[form].cents;
  const lateReason = ['lateNoticeReason'];
  return (
    <div className="service-form">
      <p className="muted">
        {FORM_INFO[form].title} ({FORM_INFO[form].code}, {FORM_INFO[form].anlage}). Die Empfangsbescheinigung ist innerhalb von drei Tagen
        nach Eingang zu erteilen (§ 15 Abs. 1 GewO).
      </p>
      <div className="grid-4">
        <DateField p={p} path={['receivedOn']} label="Eingang der Anzeige" required />
      </div>
      <BusinessFields p={p} />
      <PersonsFields p={p} />
      <EstablishmentFields p={p} />
      <ActivityFields p={p} />
      {form === 'GewA1' ? <AnmeldungFields p={p} /> : form === 'GewA2' ? <UmmeldungFields p={p} /> : <AbmeldungFields p={p} />}
      <TextAreaField
        label="Grund der verspäteten Anzeige"
        value={str(getIn(data, lateReason))}
        onChange={(v) => p.set(lateReason, v)}
        error={fieldError(error, lateReason)}
        hint={`Nur nötig, wenn das Datum mehr als ${LATE_NOTICE_DAYS / 7} Wochen vor dem Eingang der Anzeige liegt (§ 14 Abs. 1 GewO).`}
        rows={2}
      />
      <ReporterFields p={p} />
      <p className="fee-preview">
        Gebühr: <strong>{formatEuro(fee)}</strong>
      </p>
    </div>
  );
}
