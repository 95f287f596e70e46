import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { OnlineApplicant } from '../domain/portal';
import { briefwahlDataFromOnline, briefwahlData, type BriefwahlOnlineData } from './briefwahl';
import { abmeldung as gewA3, anmeldung as gewA1, ummeldung as gewA2 } from './gewerbe/test-fixtures';
import { findService, findServiceByIdentifier, SERVICES } from './index';
import {
  findOnlineServiceBySchemaUri,
  ONLINE_SERVICES,
  onlineJsonSchema,
  onlineSchemaUri,
  parseOnlineData,
  type OnlineIssue,
} from './online';
import { isServiceIdentifier } from './types';

const APPLICANT: OnlineApplicant = {
  familienname: 'Kowalski',
  vornamen: 'Łukasz',
  geburtsdatum: '1985-03-14',
  anschrift: { strasse: 'Lookenstraße', hausnummer: '12', postleitzahl: '49808', ort: 'Lingen (Ems)' },
  email: 'lukasz.kowalski@example.org',
};

/** One valid `antrag` per service (input form: defaults left out where the portal may leave them out). */
const ANTRAG: Record<string, Record<string, unknown>> = {
  meldebescheinigung: { kind: 'erweitert', purpose: 'arbeitgeber', extendedItems: ['geburtsort', 'staatsangehoerigkeiten'] },
  personenstandsurkunde: {
    kind: 'geburtsurkunde',
    eintrag: { familienname: 'Kowalski', vornamen: 'Łukasz', ereignisdatum: '1985-03-14' },
    purpose: 'allgemein',
    relation: 'self',
  },
  'hundesteuer-anmeldung': {
    reason: 'aufnahme',
    acquiredOn: '2026-03-18',
    registeredOn: '2026-03-25',
    dog: { name: 'Bärbel', breed: 'Mischling', colour: 'schwarz', sex: 'huendin', birthDate: '2022-06-01', chipNumber: '276098100123456' },
    insurance: { insurer: 'Emsländische Versicherung VVaG', policyNumber: 'HH-2026/4711', personsCents: 100_000_000, otherCents: 50_000_000 },
    sachkunde: { kind: 'pruefung', theoryPassedOn: '2026-02-20', practicalPassedOn: '2026-03-01' },
    centralRegister: { enteredOn: '2026-03-20' },
  },
  'hundesteuer-abmeldung': { tagNumber: '0815', reason: 'tod', endedOn: '2026-03-01', reportedOn: '2026-03-05' },
  'gewerbe-anmeldung': gewA1() as Record<string, unknown>,
  'gewerbe-ummeldung': gewA2() as Record<string, unknown>,
  'gewerbe-abmeldung': gewA3() as Record<string, unknown>,
  briefwahl: { electionId: 'ltw-2027', delivery: { kind: 'home' } },
};

const data = (serviceId: string, antrag: Record<string, unknown> = ANTRAG[serviceId]!, antragsteller: unknown = APPLICANT) => ({
  antragsteller,
  antrag,
});

function issues(serviceId: string, d: unknown): OnlineIssue[] {
  const r = parseOnlineData(serviceId, d);
  return r.ok ? [] : r.issues;
}

function ajv() {
  const a = new Ajv2020({ allErrors: true, strict: true });
  addFormats(a);
  return a;
}

describe('service catalogue', () => {
  it('lists the five seed services (eight FIT-Connect services), all offered online', () => {
    expect(SERVICES.map((s) => s.id)).toEqual([
      'meldebescheinigung',
      'personenstandsurkunde',
      'hundesteuer-anmeldung',
      'hundesteuer-abmeldung',
      'gewerbe-anmeldung',
      'gewerbe-ummeldung',
      'gewerbe-abmeldung',
      'briefwahl',
    ]);
    expect(ONLINE_SERVICES).toEqual(SERVICES);
    expect(new Set(SERVICES.flatMap((s) => s.fees.map((f) => f.key))).size).toBe(SERVICES.flatMap((s) => s.fees).length);
  });

  it('gives every service a FIT-Connect identifier: LeiKa URN where a key is known, else the project URN', () => {
    expect(Object.fromEntries(SERVICES.map((s) => [s.id, s.serviceIdentifier]))).toEqual({
      meldebescheinigung: 'urn:de:fim:leika:leistung:99115003012000',
      personenstandsurkunde: 'urn:bbdesk:leistung:personenstandsurkunde',
      'hundesteuer-anmeldung': 'urn:de:fim:leika:leistung:99102013104000',
      'hundesteuer-abmeldung': 'urn:bbdesk:leistung:hundesteuer-abmeldung',
      'gewerbe-anmeldung': 'urn:de:fim:leika:leistung:99050012104000',
      'gewerbe-ummeldung': 'urn:bbdesk:leistung:gewerbe-ummeldung',
      'gewerbe-abmeldung': 'urn:bbdesk:leistung:gewerbe-abmeldung',
      briefwahl: 'urn:bbdesk:leistung:briefwahl',
    });
    for (const s of SERVICES) {
      expect(isServiceIdentifier(s.serviceIdentifier)).toBe(true);
      expect(s.leikaKey === null || s.serviceIdentifier.endsWith(s.leikaKey)).toBe(true);
    }
    const all = SERVICES.flatMap((s) => [s.serviceIdentifier, ...(s.alternativeIdentifiers ?? [])]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('finds services by identifier (round trip), also by the LeiKa URN of a certificate kind', () => {
    for (const s of SERVICES) {
      expect(findServiceByIdentifier(s.serviceIdentifier)).toBe(s);
      for (const alt of s.alternativeIdentifiers ?? []) expect(findServiceByIdentifier(alt)).toBe(s);
    }
    expect(findServiceByIdentifier(' urn:de:fim:leika:leistung:99115003012000 ')?.id).toBe('meldebescheinigung');
    expect(findServiceByIdentifier('urn:de:fim:leika:leistung:99027002012000')?.id).toBe('personenstandsurkunde');
    expect(findServiceByIdentifier('urn:de:fim:leika:leistung:99000000000000')).toBeUndefined();
    expect(findServiceByIdentifier('meldebescheinigung')).toBeUndefined();
  });
});

describe('Fachdaten schema URIs', () => {
  it('are versioned per service and map back to the service', () => {
    expect(onlineSchemaUri('meldebescheinigung')).toBe('https://schema.bbdesk.de/services/meldebescheinigung/1.0.0/schema.json');
    for (const s of ONLINE_SERVICES) {
      const uri = onlineSchemaUri(s.id);
      expect(uri).toMatch(/^https:\/\/schema\.bbdesk\.de\/services\/[a-z-]+\/\d+\.\d+\.\d+\/schema\.json$/);
      expect(findOnlineServiceBySchemaUri(uri)).toBe(s);
    }
    expect(findOnlineServiceBySchemaUri('https://schema.bbdesk.de/services/meldebescheinigung/0.9.0/schema.json')).toBeUndefined();
    expect(() => onlineSchemaUri('reisepass')).toThrow(/nicht online/);
  });
});

describe('JSON Schemas', () => {
  it('compile with ajv (draft 2020-12, strict, formats) and accept the sample data', () => {
    const a = ajv();
    for (const s of ONLINE_SERVICES) {
      const schema = onlineJsonSchema(s.id);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(onlineSchemaUri(s.id));
      const validate = a.compile(schema);
      const ok = validate(data(s.id));
      expect(validate.errors ?? [], s.id).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('describe the envelope and the applicant strictly, defaults as optional fields', () => {
    const json = onlineJsonSchema('meldebescheinigung') as unknown as { required: string[]; additionalProperties: boolean; properties: Record<string, any> };
    expect(json.required).toEqual(['antragsteller', 'antrag']);
    expect(json.additionalProperties).toBe(false);
    const applicant = json.properties.antragsteller;
    expect(applicant.required).toEqual(['familienname', 'vornamen', 'geburtsdatum', 'anschrift']);
    expect(applicant.properties.geburtsdatum.format).toBe('date');
    expect(applicant.properties.email.format).toBe('email');
    expect(applicant.properties.anschrift.properties.postleitzahl.pattern).toBe('^\\d{5}$');
    const antrag = json.properties.antrag;
    expect(antrag.required).toEqual(['kind', 'purpose']);
    expect(antrag.properties.copies.default).toBe(1);
  });

  it('reject what the structure forbids; refinements are left to zod', () => {
    const a = ajv();
    const validate = a.compile(onlineJsonSchema('meldebescheinigung'));
    expect(validate(data('meldebescheinigung', ANTRAG.meldebescheinigung, { ...APPLICANT, geburtsdatum: '1985-02-30' }))).toBe(false);
    expect(validate({ ...data('meldebescheinigung'), extra: 1 })).toBe(false);
    expect(validate(data('meldebescheinigung', { kind: 'einfach', purpose: 'urlaub' }))).toBe(false);
    // A rule across fields: only zod knows it.
    const refined = data('meldebescheinigung', { kind: 'einfach', purpose: 'bank', extendedItems: ['religion'] });
    expect(validate(refined)).toBe(true);
    expect(issues('meldebescheinigung', refined)).toEqual([
      { path: 'antrag.extendedItems', message: 'Eine einfache Meldebescheinigung enthält keine weiteren Angaben.' },
    ]);
  });

  it('are fresh copies', () => {
    const one = onlineJsonSchema('briefwahl');
    one.title = 'x';
    expect(onlineJsonSchema('briefwahl').title).toBe('Fachdaten: Wahlschein und Briefwahlunterlagen');
  });
});

describe('parseOnlineData', () => {
  it('accepts the sample data of every service and applies the defaults', () => {
    for (const s of ONLINE_SERVICES) {
      const r = parseOnlineData(s.id, data(s.id));
      expect(r.ok ? [] : r.issues, s.id).toEqual([]);
    }
    const r = parseOnlineData('meldebescheinigung', data('meldebescheinigung'));
    expect(r.ok && r.value.antrag).toEqual({ ...ANTRAG.meldebescheinigung, copies: 1 });
    expect(r.ok && r.value.antragsteller).toEqual(APPLICANT);
  });

  it('checks the applicant with German messages', () => {
    const bad = {
      familienname: 'Kowalski 😀',
      vornamen: '',
      geburtsdatum: '14.03.1985',
      anschrift: { strasse: 'Lookenstraße', hausnummer: '12', postleitzahl: '4980', ort: 'Lingen (Ems)' },
      email: 'kein-at-zeichen',
      telefon: 'ruf mich an',
      staatsangehoerigkeit: 'deutsch',
    };
    expect(issues('meldebescheinigung', data('meldebescheinigung', undefined, bad))).toEqual([
      { path: 'antragsteller.familienname', message: 'Familienname: Zeichen außerhalb von DIN 91379 sind nicht zulässig: „😀“.' },
      { path: 'antragsteller.vornamen', message: 'Bitte die Vornamen angeben.' },
      { path: 'antragsteller.geburtsdatum', message: 'Geburtsdatum: bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.' },
      { path: 'antragsteller.anschrift.postleitzahl', message: 'Postleitzahl: bitte die fünfstellige Postleitzahl angeben.' },
      { path: 'antragsteller.email', message: 'E-Mail: bitte eine gültige E-Mail-Adresse angeben.' },
      { path: 'antragsteller.telefon', message: 'Telefon: bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden (z. B. 0591 9144-0).' },
      { path: 'antragsteller', message: 'Unbekannte Angabe „staatsangehoerigkeit“.' },
    ]);
  });

  it('accepts DIN 91379 names and addresses unchanged', () => {
    const applicant = {
      familienname: 'Ørsted-Żółkiewski',
      vornamen: 'Zoë Łucja',
      geburtsdatum: '2010-03-14',
      anschrift: { strasse: 'Schüttorfer Straße', hausnummer: '88a', postleitzahl: '49809', ort: 'Lingen (Ems)' },
    };
    const r = parseOnlineData('meldebescheinigung', data('meldebescheinigung', undefined, applicant));
    expect(r.ok && r.value.antragsteller).toEqual(applicant);
  });

  it('explains missing and unknown parts in German', () => {
    expect(issues('briefwahl', {})).toEqual([
      { path: 'antragsteller', message: 'Bitte die Angaben zur antragstellenden Person machen.' },
      { path: 'antrag', message: 'Pflichtangabe fehlt.' },
    ]);
    expect(issues('briefwahl', 'text')).toEqual([{ path: '', message: 'Erwartet: Angaben (Objekt); erhalten: Text „text“.' }]);
    expect(issues('reisepass', data('briefwahl'))).toEqual([{ path: '', message: 'Die Leistung „reisepass“ wird nicht online angeboten.' }]);
    expect(issues('meldebescheinigung', data('meldebescheinigung', { kind: 'einfach', purpose: 'urlaub' }))).toEqual([
      {
        path: 'antrag.purpose',
        message: 'Unzulässiger Wert Text „urlaub“; zulässig: „allgemein“, „arbeitgeber“, „behoerde“, „bank“, „rente“, „versorgungsamt“, „sozialleistung“.',
      },
    ]);
    expect(issues('meldebescheinigung', data('meldebescheinigung', { kind: 'einfach', purpose: 'bank', copies: 9 }))).toEqual([
      { path: 'antrag.copies', message: 'Höchstens 5.' },
    ]);
  });

  it.each<[string, Record<string, unknown>, OnlineIssue]>([
    [
      'personenstandsurkunde',
      { ...ANTRAG.personenstandsurkunde, relation: 'sibling' },
      { path: 'antrag.legalInterest', message: 'Geschwister müssen ihr Interesse an der Urkunde darlegen (§ 62 Abs. 1 Satz 2 PStG).' },
    ],
    [
      'personenstandsurkunde',
      { ...ANTRAG.personenstandsurkunde, eintrag: { ...(ANTRAG.personenstandsurkunde!.eintrag as object), ereignisort: 'Meppen' } },
      {
        path: 'antrag.eintrag.ereignisort',
        message:
          'Das Standesamt Lingen (Ems) führt nur Einträge über Geburten, Eheschließungen, Lebenspartnerschaften und Sterbefälle in Lingen (Ems); bitte die Urkunde beim Standesamt des Ereignisorts „Meppen“ bestellen.',
      },
    ],
    [
      'personenstandsurkunde',
      { ...ANTRAG.personenstandsurkunde, eintrag: { ...(ANTRAG.personenstandsurkunde!.eintrag as object), registerzeichen: 'S 12/1985' } },
      {
        path: 'antrag.eintrag.registerzeichen',
        message: 'Eine Geburtsurkunde wird aus dem Geburtenregister (G) ausgestellt; „S 12/1985“ bezeichnet einen Eintrag im Sterberegister.',
      },
    ],
    [
      'hundesteuer-anmeldung',
      { ...ANTRAG['hundesteuer-anmeldung'], insurance: null },
      {
        path: 'antrag.insurance',
        message:
          'Für Hunde, die älter als sechs Monate sind, ist eine Haftpflichtversicherung nachzuweisen (§ 5 NHundG): Versicherung, Versicherungsscheinnummer und Deckungssummen.',
      },
    ],
    [
      'hundesteuer-abmeldung',
      { ...ANTRAG['hundesteuer-abmeldung'], reason: 'abgabe' },
      {
        path: 'antrag.newOwner',
        message: 'Bei Verkauf oder Abgabe des Hundes bitte Name und Anschrift der neuen Halterin oder des neuen Halters angeben.',
      },
    ],
    [
      'gewerbe-anmeldung',
      { ...ANTRAG['gewerbe-anmeldung'], establishment: { address: { street: 'Markt', houseNumber: '1', postalCode: '49716', city: 'Meppen' } } },
      {
        path: 'antrag.establishment.address.postalCode',
        message:
          'Die Betriebsstätte (Markt 1, 49716 Meppen) liegt nicht in Lingen (Ems) (PLZ 49808, 49809, 49811). Zuständig ist die Gewerbebehörde am Ort der Betriebsstätte (§ 14 Abs. 1 GewO).',
      },
    ],
    [
      'gewerbe-abmeldung',
      { ...ANTRAG['gewerbe-abmeldung'], reason: 'sonstige' },
      { path: 'antrag.reasonOther', message: 'Bei „Sonstiger Grund“ bitte den Grund der Abmeldung angeben.' },
    ],
    [
      'briefwahl',
      { electionId: 'ltw-2027', delivery: { kind: 'telefon' } },
      {
        path: 'antrag.delivery.kind',
        message:
          'Bitte die Zustellung wählen: an die Wohnanschrift, an eine andere Anschrift, persönliche Abholung oder Abholung durch eine bevollmächtigte Person.',
      },
    ],
    [
      'briefwahl',
      { electionId: 'ltw-2027', delivery: { kind: 'other_address', address: { street: 'Calle Mayor', houseNumber: '5', postalCode: '4980', city: 'Madrid' } } },
      { path: 'antrag.delivery.address.postalCode', message: 'Postleitzahl: fünf Ziffern.' },
    ],
  ])('%s: rejects bad data with the rule’s German message', (serviceId, antrag, expected) => {
    expect(issues(serviceId, data(serviceId, antrag))).toContainEqual(expected);
  });

  it('leaves out what only the counter records', () => {
    // Unknown keys inside `antrag` are dropped (zod), so a clerk-only field cannot be smuggled in.
    const gew = parseOnlineData('gewerbe-anmeldung', data('gewerbe-anmeldung', { ...ANTRAG['gewerbe-anmeldung'], customsIndications: true }));
    expect(gew.ok && 'customsIndications' in gew.value.antrag).toBe(false);
    const hs = parseOnlineData('hundesteuer-abmeldung', data('hundesteuer-abmeldung', { ...ANTRAG['hundesteuer-abmeldung'], tagReturned: true }));
    expect(hs.ok && 'tagReturned' in hs.value.antrag).toBe(false);
    const bw = parseOnlineData('briefwahl', data('briefwahl', { ...ANTRAG.briefwahl, channel: 'telephone' }));
    expect(bw.ok && Object.keys(bw.value.antrag).sort()).toEqual(['delivery', 'electionId', 'suddenIllness']);
    const json = onlineJsonSchema('gewerbe-anmeldung') as unknown as { properties: { antrag: { properties: Record<string, unknown> } } };
    expect(Object.keys(json.properties.antrag.properties)).not.toContain('customsIndications');
  });
});

describe('briefwahlDataFromOnline', () => {
  it('makes the applicant the voter and gives valid case data', () => {
    const r = parseOnlineData('briefwahl', data('briefwahl'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const caseData = briefwahlData.parse(briefwahlDataFromOnline(r.value.antrag as BriefwahlOnlineData, r.value.antragsteller));
    expect(caseData).toMatchObject({
      channel: 'online',
      voter: { familyName: 'Kowalski', givenNames: 'Łukasz', birthDate: '1985-03-14', address: { postalCode: '49808' } },
      delivery: { kind: 'home' },
    });
    expect(findService('briefwahl')?.onlineDataSchema).toBeDefined();
  });
});
