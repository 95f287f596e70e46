import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  GEWERBE_FEES,
  GEWERBE_SERVICES,
  businessDisplayName,
  feeFor,
  feeKeyFor,
  formOfService,
  gewerbeAbmeldungData,
  gewerbeAnmeldungData,
  gewerbeanzeigeData,
  gewerbeUmmeldungData,
  noticeSummary,
  parseGewerbeanzeige,
  personLine,
  registerText,
} from './index';
import { PARTNER_AYSE, PARTNER_JAN, abmeldung, anmeldung, gbrAnmeldung, person, ummeldung } from './test-fixtures';

/** All messages of a failed parse (fails the test when the parse succeeds). */
function errors(data: unknown): string[] {
  const r = gewerbeanzeigeData.safeParse(data);
  if (r.success) throw new Error('expected validation errors, the data parsed');
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function ok(data: unknown) {
  const r = gewerbeanzeigeData.safeParse(data);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return r.data;
}

describe('Gewerbeanzeige: the fixtures are valid', () => {
  it.each([
    ['GewA 1 Einzelunternehmen', anmeldung()],
    ['GewA 1 GbR', gbrAnmeldung()],
    ['GewA 2 GmbH', ummeldung()],
    ['GewA 3 e. K.', abmeldung()],
  ])('%s', (_, data) => {
    const d = ok(data);
    expect(d.form).toBe(data.form);
  });

  it('fills defaults', () => {
    const d = ok(anmeldung());
    expect(d.business.register).toBeNull();
    expect(d.persons[0]!.address.country).toBe('DE');
    expect(d.establishment.kind).toBe('hauptniederlassung');
    expect(d.activity.craft).toBe('keins');
    expect(d.lateNoticeReason).toBe('');
    if (d.form === 'GewA1') expect(d.reason).toBe('neugruendung');
  });

  it('each form has its own schema and service, discriminated by form', () => {
    expect(gewerbeAnmeldungData.safeParse(ummeldung()).success).toBe(false);
    expect(gewerbeUmmeldungData.safeParse(ummeldung()).success).toBe(true);
    expect(gewerbeAbmeldungData.safeParse(abmeldung()).success).toBe(true);
    expect(GEWERBE_SERVICES.map((s) => [s.id, s.leikaKey, s.serviceIdentifier, s.fees[0]!.cents])).toEqual([
      ['gewerbe-anmeldung', '99050012104000', 'urn:de:fim:leika:leistung:99050012104000', 2600],
      ['gewerbe-ummeldung', null, 'urn:bbdesk:leistung:gewerbe-ummeldung', 2600],
      ['gewerbe-abmeldung', null, 'urn:bbdesk:leistung:gewerbe-abmeldung', 2000],
    ]);
    expect(formOfService('gewerbe-abmeldung')).toBe('GewA3');
    expect(formOfService('meldebescheinigung')).toBeNull();
  });

  it('exports each schema as JSON Schema for the portal side', () => {
    for (const s of GEWERBE_SERVICES) {
      const json = z.toJSONSchema(s.dataSchema, { io: 'input' }) as { properties: Record<string, unknown>; required: string[] };
      expect(Object.keys(json.properties)).toEqual(expect.arrayContaining(['form', 'receivedOn', 'business', 'persons']));
    }
  });
});

describe('Gewerbeanzeige: business and register data', () => {
  it.each<[string, Record<string, unknown>, RegExp | null]>([
    ['GmbH with HRB', { name: 'Muster GmbH', legalForm: 'gmbh', register: { court: 'Osnabrück', type: 'HRB', number: '201234' } }, null],
    ['GmbH in Gründung', { name: 'Muster GmbH i. G.', legalForm: 'gmbh', registrationPending: true }, null],
    ['GmbH without register', { name: 'Muster GmbH', legalForm: 'gmbh' }, /Registereintrag angeben .*„Eintragung beantragt“/],
    ['GmbH in HRA', { name: 'Muster GmbH', legalForm: 'gmbh', register: { court: 'Osnabrück', type: 'HRA', number: '201234' } }, /Handelsregister Abteilung B \(HRB\) eingetragen, nicht im Handelsregister Abteilung A/],
    ['GmbH without suffix', { name: 'Muster Handel', legalForm: 'gmbh', registrationPending: true }, /Rechtsformzusatz.*„GmbH“.*§ 4 GmbHG/],
    ['UG with GmbH suffix only', { name: 'Muster GmbH', legalForm: 'ug', registrationPending: true }, /UG \(haftungsbeschränkt\)/],
    ['UG correct', { name: 'Muster UG (haftungsbeschränkt)', legalForm: 'ug', register: { court: 'Amtsgericht Osnabrück', type: 'HRB', number: '215001' } }, null],
    ['register number with prefix', { name: 'Muster GmbH', legalForm: 'gmbh', register: { court: 'Osnabrück', type: 'HRB', number: 'HRB 201234' } }, /nur die Nummer ohne „HRB“/],
    ['register number malformed', { name: 'Muster GmbH', legalForm: 'gmbh', register: { court: 'Osnabrück', type: 'HRB', number: '20-1234' } }, /nicht das Format eines Registerblatts/],
    ['register number with court letter', { name: 'Muster GmbH', legalForm: 'gmbh', register: { court: 'Charlottenburg (Berlin)', type: 'HRB', number: '12345 B' } }, null],
    ['register and pending', { name: 'Muster GmbH', legalForm: 'gmbh', registrationPending: true, register: { court: 'Osnabrück', type: 'HRB', number: '1' } }, /entweder den Registereintrag .* nicht beides/],
    ['e. K. with suffix', { name: 'Blumen Weiß e. Kfr.', legalForm: 'ek', register: { court: 'Osnabrück', type: 'HRA', number: '200815' } }, null],
    ['e. K. without suffix', { name: 'Blumen Weiß', legalForm: 'ek', register: { court: 'Osnabrück', type: 'HRA', number: '200815' } }, /„e\. K\.“/],
    ['Einzelunternehmen with register', { name: '', legalForm: 'einzelunternehmen', register: { court: 'Osnabrück', type: 'HRA', number: '1' } }, /keinen Registereintrag.*„e\. K\.“/],
    ['Einzelunternehmen posing as GmbH', { name: 'Fahrrad GmbH', legalForm: 'einzelunternehmen' }, /keinen Rechtsformzusatz wie „GmbH“/],
    ['Einzelunternehmen without name', { name: '', legalForm: 'einzelunternehmen' }, null],
    ['sonstige without label', { name: 'Förderverein', legalForm: 'sonstige' }, /Rechtsform bezeichnen/],
    ['sonstige Verein in VR', { name: 'Förderverein Lingen e. V.', legalForm: 'sonstige', legalFormOther: 'eingetragener Verein', register: { court: 'Osnabrück', type: 'VR', number: '110123' } }, null],
    ['Ltd. without register', { name: 'Muster Ltd.', legalForm: 'ltd' }, null],
    ['Name outside DIN 91379', { name: 'Ωmega GmbH', legalForm: 'gmbh', registrationPending: true }, /DIN 91379 nicht vorsieht: „Ω“/],
  ])('%s', (_, business, expected) => {
    const persons = business.legalForm === 'einzelunternehmen' || business.legalForm === 'ek' ? [person()] : [person({ role: business.legalForm === 'sonstige' ? 'inhaber' : 'gesetzlicher_vertreter' })];
    const data = anmeldung({ business: business as never, persons });
    if (expected === null) ok(data);
    else expect(errors(data).join('\n')).toMatch(expected);
  });

  it('requires the eGbR suffix only of a registered GbR', () => {
    ok(gbrAnmeldung());
    const registered = gbrAnmeldung({ business: { name: 'Café Güneş GbR', legalForm: 'gbr', register: { court: 'Osnabrück', type: 'GsR', number: '100' } } });
    expect(errors(registered).join('\n')).toMatch(/„eGbR“/);
    ok(gbrAnmeldung({ business: { name: 'Café Güneş eGbR', legalForm: 'gbr', register: { court: 'Osnabrück', type: 'GsR', number: '100' } } }));
  });

  it('names an unnamed business after its people', () => {
    expect(businessDisplayName(ok(anmeldung({ business: { legalForm: 'einzelunternehmen' } })))).toBe('Łukasz Ödön Żółkiewski-Ørsted');
    expect(businessDisplayName(ok(gbrAnmeldung({ business: { legalForm: 'gbr' } })))).toBe('Ayşe Güneş, Jan Kuipers und Margarethe GROẞE GbR');
    expect(registerText({ court: 'Osnabrück', type: 'HRB', number: '201234' })).toBe('Amtsgericht Osnabrück, HRB 201234');
    expect(registerText({ court: 'Amtsgericht Osnabrück', type: 'HRA', number: '200815' })).toBe('Amtsgericht Osnabrück, HRA 200815');
  });
});

describe('Gewerbeanzeige: the reporting persons', () => {
  it.each<[string, Record<string, unknown>, RegExp | null]>([
    ['Einzelunternehmen with two owners', { persons: [person(), person({ familyName: 'Kuipers', givenNames: 'Jan' })] }, /genau eine Inhaberin oder einen Inhaber; angegeben sind 2 .* GbR/],
    ['GbR with one partner', { business: { legalForm: 'gbr' }, persons: [PARTNER_AYSE] }, /alle Gesellschafterinnen und Gesellschafter anzugeben \(mindestens zwei\); angegeben ist eine Person/],
    ['GbR with owner role', { business: { legalForm: 'gbr' }, persons: [person(), PARTNER_JAN] }, /„Inhaber\/in“ nicht vorgesehen/],
    ['GmbH with a partner role', { business: { name: 'X GmbH', legalForm: 'gmbh', registrationPending: true }, persons: [PARTNER_AYSE] }, /möglich: Gesetzliche\/r Vertreter\/in/],
    ['GmbH with two managing directors', { business: { name: 'X GmbH', legalForm: 'gmbh', registrationPending: true }, persons: [person({ role: 'gesetzlicher_vertreter' }), { ...PARTNER_AYSE, role: 'gesetzlicher_vertreter' }] }, null],
    ['KG with general partner GmbH represented by its director', { business: { name: 'Muster GmbH & Co. KG', legalForm: 'kg', registrationPending: true }, persons: [person({ role: 'gesetzlicher_vertreter', position: 'Geschäftsführer der Komplementär-GmbH' })] }, null],
    ['a person twice', { business: { legalForm: 'gbr' }, persons: [PARTNER_AYSE, PARTNER_AYSE] }, /doppelt angegeben \(wie Nr\. 1\)/],
    ['no person', { persons: [] }, /mindestens eine anzeigende Person/],
    ['minor without approval', { persons: [person({ birthDate: '2009-05-01' })] }, /16 Jahre alt.*§ 112 BGB/],
    ['minor with approval', { persons: [person({ birthDate: '2009-05-01', minorApproval: true })] }, null],
    ['turns 18 on the day of receipt', { persons: [person({ birthDate: '2008-03-10' })] }, null],
    ['born after receipt', { persons: [person({ birthDate: '2026-03-11' })] }, /Geburtsdatum 11\.03\.2026 liegt nicht vor dem Eingang/],
    ['invalid date', { persons: [person({ birthDate: '1984-02-30' })] }, /Geburtsdatum: bitte ein gültiges Datum/],
    ['family name with an emoji', { persons: [person({ familyName: 'Müller🙂' })] }, /Familienname enthält Zeichen, die DIN 91379 nicht vorsieht: „🙂“/],
    ['given name in Cyrillic', { persons: [person({ givenNames: 'Иван' })] }, /Vornamen enthält Zeichen, die DIN 91379 nicht vorsieht/],
    ['DIN 91379 letters', { persons: [person({ familyName: 'GROẞE', givenNames: 'Ħanna Ŀuisa' })] }, null],
    ['no nationality', { persons: [person({ nationalities: [] })] }, /mindestens eine Staatsangehörigkeit/],
    ['German address with a foreign postcode', { persons: [person({ address: { street: 'Burgstraße', houseNumber: '1', postalCode: '4980', city: 'Lingen (Ems)' } })] }, /„4980“ ist keine fünfstellige deutsche Postleitzahl/],
    ['foreign address', { persons: [person({ address: { street: 'Hoofdstraat', houseNumber: '12', postalCode: '7811 AB', city: 'Emmen', country: 'NL' } })] }, null],
  ])('%s', (_, overrides, expected) => {
    const data = anmeldung(overrides as never);
    if (expected === null) ok(data);
    else expect(errors(data).join('\n')).toMatch(expected);
  });

  it('prints a person with birth name, birth date and position', () => {
    const d = ok(gbrAnmeldung());
    expect(personLine(d.persons[0]!)).toBe('Ayşe Güneş, geb. Yıldız, geboren am 12.03.1986 (Gesellschafter/in)');
    const u = ok(ummeldung());
    expect(personLine(u.persons[0]!)).toBe('Dr. Łukasz Ödön Żółkiewski-Ørsted, geboren am 29.02.1984 (Geschäftsführer)');
  });
});

describe('Gewerbeanzeige: dates against the day of receipt (10.03.2026)', () => {
  it.each<[string, unknown, RegExp | null]>([
    ['GewA 1 starts today', anmeldung({ startDate: '2026-03-10' }), null],
    ['GewA 1 starts in exactly 3 months', anmeldung({ startDate: '2026-06-10' }), null],
    ['GewA 1 starts 3 months and a day ahead', anmeldung({ startDate: '2026-06-11' }), /Der Beginn der Tätigkeit \(11\.06\.2026\) liegt mehr als 3 Monate nach dem Eingang .* bis 10\.06\.2026/],
    ['GewA 1 started 4 weeks ago', anmeldung({ startDate: '2026-02-10' }), null],
    ['GewA 1 started 4 weeks and a day ago', anmeldung({ startDate: '2026-02-09' }), /lateNoticeReason: Der Beginn der Tätigkeit \(09\.02\.2026\) liegt mehr als vier Wochen .* gleichzeitig mit dem Beginn/],
    ['GewA 1 late with a reason', anmeldung({ startDate: '2025-11-01', lateNoticeReason: 'Anmeldung bei Gründung vergessen, Hinweis des Steuerberaters' }), null],
    ['GewA 2 changed 4 weeks and a day ago', ummeldung({ changeDate: '2026-02-09' }), /Das Datum der Änderung \(09\.02\.2026\).*gleichzeitig mit der Änderung/],
    ['GewA 3 end 28 days back', abmeldung({ endDate: '2026-02-10' }), null],
    ['GewA 3 end 29 days back without reason', abmeldung({ endDate: '2026-02-09' }), /lateNoticeReason: Das Datum der Betriebsaufgabe \(09\.02\.2026\) liegt mehr als vier Wochen vor dem Eingang der Anzeige \(10\.03\.2026\).*gleichzeitig mit der Aufgabe zu erstatten \(§ 14 Abs\. 1 GewO\)/],
    ['GewA 3 end a year back with reason', abmeldung({ endDate: '2025-03-31', lateNoticeReason: 'Abmeldung erst nach Aufforderung durch das Finanzamt' }), null],
    ['GewA 3 late with a too short reason', abmeldung({ endDate: '2025-03-31', lateNoticeReason: 'vergessen' }), /mindestens 10 Zeichen/],
    ['GewA 3 end in two months', abmeldung({ endDate: '2026-05-31' }), null],
    ['GewA 3 end in four months', abmeldung({ endDate: '2026-07-31' }), /Eine Gewerbe-Abmeldung wird höchstens 3 Monate im Voraus angenommen/],
    ['month end: received 30.11., start 28.02.', anmeldung({ receivedOn: '2025-11-30', startDate: '2026-02-28' }), null],
    ['month end: received 30.11., start 01.03.', anmeldung({ receivedOn: '2025-11-30', startDate: '2026-03-01' }), /bis 28\.02\.2026/],
    ['invalid start date', anmeldung({ startDate: '2026-13-01' }), /Beginn der Tätigkeit: bitte ein gültiges Datum/],
  ])('%s', (_, data, expected) => {
    if (expected === null) ok(data);
    else expect(errors(data).join('\n')).toMatch(expected);
  });
});

describe('Gewerbeanzeige: Betriebsstätte, activity and form rules', () => {
  it.each<[string, unknown, RegExp | null]>([
    ['Betriebsstätte outside Lingen', anmeldung({ establishment: { address: { street: 'Markt', houseNumber: '1', postalCode: '49716', city: 'Meppen' } } }), /liegt nicht in Lingen \(Ems\) \(PLZ 49808, 49809, 49811\).*§ 14 Abs\. 1 GewO/],
    ['branch without main establishment', anmeldung({ establishment: { address: { street: 'Markt', houseNumber: '1', postalCode: '49808', city: 'Lingen (Ems)' }, kind: 'zweigniederlassung' } }), /Zweigniederlassung bitte die Anschrift der Hauptniederlassung/],
    ['branch with main establishment', anmeldung({ establishment: { address: { street: 'Markt', houseNumber: '1', postalCode: '49808', city: 'Lingen (Ems)' }, kind: 'unselbstaendige_zweigstelle', mainEstablishment: { street: 'Hauptstraße', houseNumber: '5', postalCode: '48149', city: 'Münster' } } }), null],
    ['bad e-mail', anmeldung({ establishment: { address: { street: 'Markt', houseNumber: '1', postalCode: '49808', city: 'Lingen (Ems)' }, email: 'info(at)beispiel.de' } }), /E-Mail-Adresse „info\(at\)beispiel\.de“ ist ungültig/],
    ['WZ code malformed', anmeldung({ activity: { description: 'Handel', wz2008: '4711' } }), /Format „NN\.NN\.N“/],
    ['activity too short', anmeldung({ activity: { description: 'X' } }), /Tätigkeit: bitte mindestens 3 Zeichen/],
    ['permit without permitRequired', anmeldung({ activity: { description: 'Immobilienmakler', permit: { kind: 'Erlaubnis nach § 34c GewO', authority: 'Stadt Lingen (Ems)', issuedOn: '2026-02-01' } } }), /bitte „erlaubnispflichtig“ ankreuzen/],
    ['permit issued after receipt', anmeldung({ activity: { description: 'Immobilienmakler', permitRequired: true, permit: { kind: 'Erlaubnis nach § 34c GewO', authority: 'Stadt Lingen (Ems)', issuedOn: '2026-03-20' } } }), /nach dem Eingang der Anzeige erteilt/],
    ['GewA 1 takeover without details', anmeldung({ reason: 'uebernahme' }), /Art \(Kauf, Pacht, Erbfolge\) und den bisherigen Gewerbetreibenden/],
    ['GewA 1 Zuzug from within Lingen', anmeldung({ reason: 'zuzug', previousEstablishment: { street: 'Markt', houseNumber: '2', postalCode: '49809', city: 'Lingen (Ems)' } }), /Gewerbe-Ummeldung \(GewA 2\)/],
    ['GewA 1 Zuzug from Meppen', anmeldung({ reason: 'zuzug', previousEstablishment: { street: 'Markt', houseNumber: '2', postalCode: '49716', city: 'Meppen' } }), null],
    ['GewA 2 without a change', ummeldung({ changes: { relocation: false, activityChange: 'keine' } }), /braucht eine Änderung.*§ 14 Abs\. 1 Satz 2 Nr\. 1 und 2 GewO/],
    ['GewA 2 relocation without old address', ummeldung({ changes: { relocation: true, activityChange: 'keine' } }), /bisherige Betriebsstätte angeben/],
    ['GewA 2 relocation from Meppen', ummeldung({ changes: { relocation: true, previousAddress: { street: 'Markt', houseNumber: '1', postalCode: '49716', city: 'Meppen' } } }), /Zuzug .* Gewerbe-Anmeldung \(GewA 1/],
    ['GewA 2 relocation to the same address', ummeldung({ changes: { relocation: true, previousAddress: { street: 'Kaiserstr.', houseNumber: '30', postalCode: '49809', city: 'Lingen (Ems)' } } }), /bisherige und die neue Betriebsstätte sind gleich/],
    ['GewA 2 activity change only', ummeldung({ changes: { relocation: false, activityChange: 'wechsel', previousActivity: 'Elektroinstallation' } }), null],
    ['GewA 3 relocation within Lingen', abmeldung({ reason: 'verlegung', newAddress: { street: 'Markt', houseNumber: '1', postalCode: '49811', city: 'Lingen (Ems)' } }), /Verlegung innerhalb der Stadt ist eine Gewerbe-Ummeldung \(GewA 2\), keine Abmeldung/],
    ['GewA 3 relocation to Nordhorn', abmeldung({ reason: 'verlegung', newAddress: { street: 'Hauptstraße', houseNumber: '1', postalCode: '48529', city: 'Nordhorn' } }), null],
    ['GewA 3 death without reporter', abmeldung({ reason: 'tod' }), /Erben oder der Nachlassverwalter/],
    ['GewA 3 death with heir but no address', abmeldung({ reason: 'tod', reporter: { familyName: 'Weiß', givenNames: 'Marie', capacity: 'Erbin' } }), /reporter\.address: Bitte die Anschrift der anzeigenden Person/],
    ['GewA 3 death with heir', abmeldung({ reason: 'tod', reporter: { familyName: 'Weiß', givenNames: 'Marie', capacity: 'Erbin', address: { street: 'Marienstraße', houseNumber: '2', postalCode: '48529', city: 'Nordhorn' } } }), null],
    ['GewA 3 partner leaving an Einzelunternehmen', abmeldung({ reason: 'gesellschafteraustritt' }), /setzt eine Personengesellschaft voraus/],
    ['GewA 3 continued without successor', abmeldung({ continuedBySomeoneElse: true }), /dessen Namen angeben/],
    ['GewA 3 continued by successor', abmeldung({ continuedBySomeoneElse: true, successor: 'Blumen Kuipers GmbH' }), null],
    ['GewA 3 sonstige without text', abmeldung({ reason: 'sonstige' }), /Grund der Abmeldung angeben/],
  ])('%s', (_, data, expected) => {
    if (expected === null) ok(data);
    else expect(errors(data).join('\n')).toMatch(expected);
  });
});

describe('Gewerbeanzeige: fees and summary', () => {
  it('defaults to 26 € for An- and Ummeldung and 20 € for Abmeldung, configurable', () => {
    expect(Object.values(GEWERBE_FEES).map((f) => [f.key, f.cents])).toEqual([
      ['gewerbe.anmeldung', 2600],
      ['gewerbe.ummeldung', 2600],
      ['gewerbe.abmeldung', 2000],
    ]);
    expect(feeFor({ form: 'GewA1' }, {})).toBe(2600);
    expect(feeFor({ form: 'GewA3' }, {})).toBe(2000);
    expect(feeFor({ form: 'GewA2' }, { 'gewerbe.ummeldung': 3000 })).toBe(3000);
    expect(feeKeyFor({ form: 'GewA3' })).toBe('gewerbe.abmeldung');
  });

  it('summarises a notice for the queue', () => {
    expect(noticeSummary(parseGewerbeanzeige(anmeldung()))).toBe('GewA 1 · Ödöns Fahrradwerkstatt · Beginn 01.04.2026');
    expect(noticeSummary(parseGewerbeanzeige(abmeldung()))).toBe('GewA 3 · Blumen Weiß e. K. · Aufgabe zum 28.02.2026');
  });
});
