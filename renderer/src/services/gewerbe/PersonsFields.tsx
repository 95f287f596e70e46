/** The reporting persons (Felder 3–9 GewAnzV): one for a sole trader, every partner of a partnership, the legal representatives. */
import { PERSON_ROLES, legalFormInfo, type LegalFormId, type PersonRole } from '../../../../shared/services/gewerbe';
import { AddressFields, Check, DateField, ListText, Select, Text, emptyAddress, fieldError, getIn, type PartProps } from './fields';

type Obj = Record<string, unknown>;

export function emptyPerson(role: PersonRole): Obj {
  return {
    role,
    position: '',
    doctoralDegree: '',
    familyName: '',
    givenNames: '',
    birthName: '',
    sex: null,
    birthDate: '',
    birthPlace: '',
    birthCountry: 'Deutschland',
    nationalities: ['deutsch'],
    address: emptyAddress(),
    minorApproval: false,
  };
}

/** The role a person has by default under a legal form (the schema names the roles allowed). */
export function defaultRole(legalForm: LegalFormId): PersonRole {
  switch (legalFormInfo(legalForm).kind) {
    case 'natural':
      return 'inhaber';
    case 'partnership':
    case 'kg':
      return 'gesellschafter';
    case 'legal':
      return 'gesetzlicher_vertreter';
    case 'other':
      return 'inhaber';
  }
}

const SEXES = [
  { id: 'w', label: 'weiblich' },
  { id: 'm', label: 'männlich' },
  { id: 'd', label: 'divers' },
  { id: 'x', label: 'ohne Angabe' },
];

function PersonFields({ p, index, count }: { p: PartProps; index: number; count: number }) {
  const path = ['persons', index] as const;
  const n = `Person ${index + 1}`;
  const persons = (getIn(p.data, ['persons']) as Obj[] | undefined) ?? [];
  const error = fieldError(p.error, path);
  return (
    <fieldset className="panel" aria-label={n}>
      <legend>{n}</legend>
      <div className="grid-3">
        <Select p={p} path={[...path, 'role']} label={`${n}: Stellung`} options={PERSON_ROLES} />
        <Text p={p} path={[...path, 'position']} label={`${n}: Funktion`} hint="z. B. Geschäftsführerin, Komplementär" />
        <Text p={p} path={[...path, 'doctoralDegree']} label={`${n}: Doktorgrad`} />
      </div>
      <div className="grid-3">
        <Text p={p} path={[...path, 'familyName']} label={`${n}: Familienname`} required />
        <Text p={p} path={[...path, 'givenNames']} label={`${n}: Vornamen`} required />
        <Text p={p} path={[...path, 'birthName']} label={`${n}: Geburtsname`} hint="nur wenn abweichend" />
      </div>
      <div className="grid-4">
        <Select
          p={p}
          path={[...path, 'sex']}
          label={`${n}: Geschlecht`}
          options={SEXES}
          placeholder="–"
          onChange={(v) => p.set([...path, 'sex'], v === '' ? null : v)}
        />
        <DateField p={p} path={[...path, 'birthDate']} label={`${n}: Geburtsdatum`} required />
        <Text p={p} path={[...path, 'birthPlace']} label={`${n}: Geburtsort`} required />
        <Text p={p} path={[...path, 'birthCountry']} label={`${n}: Geburtsland`} />
      </div>
      <ListText p={p} path={[...path, 'nationalities']} label={`${n}: Staatsangehörigkeit(en)`} hint="mehrere durch Komma trennen" />
      <AddressFields p={p} path={[...path, 'address']} prefix={`${n}, Wohnanschrift`} />
      <Check p={p} path={[...path, 'minorApproval']} label="Minderjährig: Ermächtigung mit Genehmigung des Familiengerichts liegt vor (§ 112 BGB)" />
      {error ? <div className="field-error">{error}</div> : null}
      {count > 1 ? (
        <button
          type="button"
          className="btn btn-small btn-danger-outline"
          onClick={() => p.set(['persons'], persons.filter((_, i) => i !== index))}
        >
          {n} entfernen
        </button>
      ) : null}
    </fieldset>
  );
}

export function PersonsFields({ p }: { p: PartProps }) {
  const persons = (getIn(p.data, ['persons']) as Obj[] | undefined) ?? [];
  const legalForm = (getIn(p.data, ['business', 'legalForm']) as LegalFormId | undefined) ?? 'einzelunternehmen';
  const error = fieldError(p.error, ['persons']);
  return (
    <fieldset className="field" aria-label="Anzeigende Personen">
      <legend>Anzeigende Personen</legend>
      <div className="field-hint">
        Einzelunternehmen: die Inhaberin oder der Inhaber; Personengesellschaft (GbR, OHG): alle Gesellschafter; KG: die
        persönlich haftenden Gesellschafter; juristische Person: die gesetzlichen Vertreter.
      </div>
      <div className="stack">
        {persons.map((_, i) => (
          <PersonFields key={i} p={p} index={i} count={persons.length} />
        ))}
      </div>
      {error ? <div className="field-error">{error}</div> : null}
      <div className="actions">
        <button type="button" className="btn btn-small" onClick={() => p.set(['persons'], [...persons, emptyPerson(defaultRole(legalForm))])}>
          Person hinzufügen
        </button>
      </div>
    </fieldset>
  );
}
