import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CERTIFICATE_KINDS,
  configuredFees,
  dataReference,
  feeForData,
  isFreePurpose,
  kindFitsRegister,
  kindForServiceIdentifier,
  personenstandData,
  personenstandsurkunde,
  purposeNote,
  kindLeikaUrn,
  PERSONENSTAND_SERVICE_URN,
  type PersonenstandData,
} from './index';

const base = {
  kind: 'geburtsurkunde',
  registerReference: 'G 399/2010',
  purpose: 'allgemein',
  relation: 'self',
  delivery: 'counter',
};

function issues(data: Record<string, unknown>): { path: string; message: string }[] {
  const r = personenstandData.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('certificate kinds', () => {
  it('belong to their registers; the Registerausdruck to every register', () => {
    expect(CERTIFICATE_KINDS.map((k) => [k.id, k.registers.join('')])).toEqual([
      ['geburtsurkunde', 'G'],
      ['eheurkunde', 'E'],
      ['lebenspartnerschaftsurkunde', 'L'],
      ['sterbeurkunde', 'S'],
      ['registerausdruck', 'GELS'],
    ]);
    expect(kindFitsRegister('sterbeurkunde', 'S')).toBe(true);
    expect(kindFitsRegister('sterbeurkunde', 'G')).toBe(false);
    expect(kindFitsRegister('registerausdruck', 'L')).toBe(true);
  });

  it('one project URN for the service; the LeiKa URNs of single kinds map back to their kind', () => {
    expect(personenstandsurkunde.serviceIdentifier).toBe(PERSONENSTAND_SERVICE_URN);
    expect(PERSONENSTAND_SERVICE_URN).toBe('urn:bbdesk:leistung:personenstandsurkunde');
    expect(personenstandsurkunde.leikaKey).toBeNull();
    expect(kindLeikaUrn('geburtsurkunde')).toBe('urn:de:fim:leika:leistung:99027002012000');
    expect(kindLeikaUrn('sterbeurkunde')).toBe('urn:de:fim:leika:leistung:99101004012000');
    expect(kindLeikaUrn('eheurkunde')).toBeNull();
    expect(kindLeikaUrn('registerausdruck')).toBeNull();
    expect(personenstandsurkunde.alternativeIdentifiers).toEqual([
      'urn:de:fim:leika:leistung:99027002012000',
      'urn:de:fim:leika:leistung:99101004012000',
    ]);
    expect(kindForServiceIdentifier('urn:de:fim:leika:leistung:99027002012000')).toBe('geburtsurkunde');
    expect(kindForServiceIdentifier(' urn:de:fim:leika:leistung:99101004012000 ')).toBe('sterbeurkunde');
    expect(kindForServiceIdentifier(PERSONENSTAND_SERVICE_URN)).toBeNull();
    expect(kindForServiceIdentifier('urn:de:fim:leika:leistung:99115003012000')).toBeNull();
    expect(CERTIFICATE_KINDS.length).toBe(5);
  });
});

describe('personenstandData', () => {
  it('accepts a minimal application and fills the defaults', () => {
    const d = personenstandData.parse(base);
    expect(d).toEqual({
      ...base,
      copies: 1,
      legalInterest: '',
      birthOptions: { withoutSex: false, withoutParents: false, elternteilFor: [] },
      withHinweise: false,
      applicant: null,
      signer: null,
      requestedEntry: null,
    });
    expect(dataReference(d)).toEqual({ register: 'G', number: '399', year: 2010 });
  });

  it.each([
    [{ registerReference: '399/2010' }, 'registerReference', /z\. B\. „G 399\/2010“/],
    [{ registerReference: 'G 1/2999' }, 'registerReference', /liegt in der Zukunft/],
    [{ registerReference: 'E 87/2015' }, 'registerReference', /Eine Geburtsurkunde wird aus dem Geburtenregister \(G\) ausgestellt; „E 87\/2015“ bezeichnet einen Eintrag im Eheregister/],
    [{ kind: 'sterbeurkunde' }, 'registerReference', /Sterberegister \(S\)/],
    [{ copies: 0 }, 'copies', /Mindestens eine/],
    [{ copies: 11 }, 'copies', /Höchstens 10/],
    [{ copies: 1.5 }, 'copies', /./],
    [{ relation: 'other' }, 'legalInterest', /rechtliches Interesse/],
    [{ relation: 'sibling', legalInterest: 'kurz' }, 'legalInterest', /Geschwister/],
    [{ relation: 'cousin' }, 'relation', /./],
    [{ kind: 'eheurkunde', registerReference: 'E 87/2015', birthOptions: { withoutSex: true } }, 'birthOptions', /nur bei der Geburtsurkunde/],
    [{ birthOptions: { withoutParents: true, elternteilFor: [1] }, relation: 'ancestor' }, 'birthOptions.elternteilFor', /entfällt auch/],
    [{ birthOptions: { elternteilFor: [1] }, relation: 'self' }, 'birthOptions.elternteilFor', /§ 48 Abs\. 1a PStV/],
    [{ birthOptions: { elternteilFor: [1, 1] }, relation: 'ancestor' }, 'birthOptions.elternteilFor', /nur einmal/],
    [{ birthOptions: { elternteilFor: [3] }, relation: 'ancestor' }, 'birthOptions.elternteilFor.0', /./],
    [{ withHinweise: true }, 'withHinweise', /§ 48 Abs\. 3 PStV/],
    [{ delivery: 'fax' }, 'delivery', /./],
    [{ applicantBirthDate: '1990-02-30' }, 'applicantBirthDate', /gültiges Datum/],
  ])('rejects %j at %s', (over, path, message) => {
    const found = issues({ ...base, ...over });
    expect(found.map((i) => i.path)).toContain(path);
    expect(found.find((i) => i.path === path)!.message).toMatch(message);
  });

  it('accepts every valid combination of the birth certificate options', () => {
    for (const withoutSex of [false, true]) {
      for (const withoutParents of [false, true]) {
        const d = personenstandData.parse({ ...base, birthOptions: { withoutSex, withoutParents } });
        expect(d.birthOptions).toEqual({ withoutSex, withoutParents, elternteilFor: [] });
      }
    }
    const e = personenstandData.parse({ ...base, relation: 'ancestor', birthOptions: { elternteilFor: [2, 1] } });
    expect(e.birthOptions.elternteilFor).toEqual([2, 1]);
  });

  it('accepts a Registerausdruck from any register with Hinweise, and a sibling or other person with an interest', () => {
    for (const ref of ['G 399/2010', 'E 87/2015', 'L 3/2012', 'S 154/2023']) {
      expect(issues({ ...base, kind: 'registerausdruck', registerReference: ref, withHinweise: true })).toEqual([]);
    }
    expect(issues({ ...base, relation: 'sibling', legalInterest: 'Nachlassangelegenheit unserer Mutter' })).toEqual([]);
    expect(issues({ ...base, relation: 'other', legalInterest: '  Erbenermittlung im Auftrag des Nachlassgerichts  ' })).toEqual([]);
  });

  it('exports as JSON Schema for the portal side', () => {
    const schema = z.toJSONSchema(personenstandData, { io: 'input' }) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['kind', 'registerReference', 'copies', 'purpose', 'relation', 'legalInterest', 'birthOptions', 'delivery']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['kind', 'registerReference', 'purpose', 'relation', 'delivery']));
  });
});

describe('service definition and fees', () => {
  it('defines the fee defaults under configurable keys', () => {
    expect(personenstandsurkunde.fees).toEqual([
      { key: 'personenstand.erste', label: 'Personenstandsurkunde, erste Ausfertigung', cents: 1500 },
      { key: 'personenstand.weitere', label: 'Personenstandsurkunde, jede weitere Ausfertigung im selben Auftrag', cents: 750 },
    ]);
    expect(personenstandsurkunde.dataSchema).toBe(personenstandData);
  });

  it('computes the fee from the configured amounts', () => {
    const d: PersonenstandData = personenstandData.parse({ ...base, copies: 3 });
    expect(feeForData(d, {})).toBe(3000);
    expect(feeForData(d, { 'personenstand.erste': 1200, 'personenstand.weitere': 600 })).toBe(2400);
    expect(configuredFees({ 'personenstand.erste': 1000 })).toEqual({ firstCents: 1000, furtherCents: 750 });
  });

  it('waives the fee for § 64 SGB X purposes and says so', () => {
    expect(isFreePurpose('rente')).toBe(true);
    expect(isFreePurpose('eheschliessung')).toBe(false);
    expect(purposeNote('rente')).toBe('Gebührenfrei nach § 64 SGB X; nur gültig für: Rentenangelegenheit.');
    expect(purposeNote('allgemein')).toBeNull();
  });
});
