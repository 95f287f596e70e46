import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/api/contract';
import type { CaseDetail, Settings } from '../../../shared/domain/types';
import { FEE_KEYS } from '../../../shared/services/personenstand/index';
import { sampleBirth } from '../../../shared/services/personenstand/samples';
import { issueCaseOf, postalRecipientOf } from '../cases/service-case';
import { getCaseRow } from '../cases/repository';
import { openDatabase, type Db } from '../db/connection';
import { fullText, readPdf, textLines } from '../documents/pdf-text';
import { importTestApplication } from '../portal/test-import';
import { getSettings } from '../settings/settings';
import { upsertEntry } from '../registers/personenstand';
import { makeTestCore, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { ASSIGN_ENTRY_TASK, familyNameOf, interestApproval, personenstandRules } from './personenstand';

const rules = personenstandRules[0]!;
const INTEREST = 'Nachweis der Erbfolge im Erbscheinsverfahren, AG Lingen 7 VI 123/26';
const settingsWith = (fees: Record<string, number>) => ({ fees }) as unknown as Settings;

describe('Personenstandsurkunde: fees, waiver and approval (pure rules)', () => {
  it.each([
    [1, {}, 1500],
    [2, {}, 2250],
    [4, {}, 3750],
    [1, { [FEE_KEYS.first]: 1200, [FEE_KEYS.further]: 600 }, 1200],
    [3, { [FEE_KEYS.first]: 1200, [FEE_KEYS.further]: 600 }, 2400],
  ])('%i copies with fees %j → %i cents', (copies, fees, cents) => {
    expect(rules.fee({ copies }, settingsWith(fees))).toBe(cents);
  });

  it('waives the fee for a § 64 SGB X purpose only', () => {
    expect(rules.waiverReason({ purpose: 'rente' })).toBe('Gebührenfrei nach § 64 SGB X: Rentenangelegenheit');
    expect(rules.waiverReason({ purpose: 'familienleistung' })).toMatch(/^Gebührenfrei nach § 64 SGB X/);
    expect(rules.waiverReason({ purpose: 'allgemein' })).toBeNull();
    expect(rules.waiverReason({ purpose: 'nachlass' })).toBeNull();
  });

  it.each([
    ['self', '', null],
    ['spouse', '', null],
    ['ancestor', '', null],
    ['descendant', '', null],
    ['other', INTEREST, /^Andere Person: das angegebene rechtliche Interesse .* Angegeben: „Nachweis der Erbfolge/],
    ['sibling', INTEREST, /^Geschwister: das angegebene berechtigte Interesse/],
  ] as const)('relation %s → approval %s', (relation, legalInterest, expected) => {
    const reason = interestApproval({ relation, legalInterest, registerReference: 'G 399/2010' });
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });

  it('takes the family name of a user for the certificate', () => {
    expect(familyNameOf('Anna Hüsing')).toBe('Hüsing');
    expect(familyNameOf('Hüsing, Anna')).toBe('Hüsing');
    expect(familyNameOf('Hüsing')).toBe('Hüsing');
  });
});

describe('Personenstandsurkunde at the counter and online', () => {
  let t: TestCore;
  let db: Db;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  let supervisor: SessionHolder;
  let registrar: SessionHolder;
  let registrarId: number;
  let plainClerkId: number;
  let anna: number; // Anna Müller, born 1975-05-05 in Lingen: G 132/1975
  let maja: number; // Maja Laura Hanekamp, born 2014-06-06: G 409/2014 (12 years old)

  type WalkIn = InputOf<'cases.createWalkIn'>;
  const geburtsurkunde = (over: Record<string, unknown> = {}) => ({
    kind: 'geburtsurkunde',
    registerReference: 'G 132/1975',
    copies: 1,
    purpose: 'allgemein',
    relation: 'self',
    delivery: 'counter',
    signer: { userId: registrarId, title: 'Standesbeamtin' },
    ...over,
  });
  const create = (residentId: number | null, data: Record<string, unknown>, extra: Partial<WalkIn> = {}) =>
    t.call(clerk, 'cases.createWalkIn', { serviceId: 'personenstandsurkunde', residentId, data, ...extra } as WalkIn);
  const failure = async (session: SessionHolder, op: Parameters<TestCore['core']['dispatch']>[0], input: unknown) => {
    const r = await t.core.dispatch(op, input, session);
    if (r.ok) throw new Error(`${op} should have failed`);
    return r.error;
  };
  const caseCount = () => (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  const documentCount = (caseId: number) => (db.prepare('SELECT count(*) AS n FROM documents WHERE case_id = ?').get(caseId) as { n: number }).n;

  beforeAll(async () => {
    t = await makeTestCore();
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
    supervisor = await t.sessionAs('supervisor');
    const reg = await t.call(admin, 'users.create', {
      username: 'huesing',
      displayName: 'Hanna Hüsing',
      role: 'clerk',
      siteId: 1,
      password: TEST_PASSWORD,
      registrar: true,
    });
    registrarId = reg.id;
    registrar = memorySessionHolder();
    await t.call(registrar, 'auth.login', { username: 'huesing', password: TEST_PASSWORD });
    plainClerkId = (await t.call(admin, 'users.list', {})).find((u) => u.displayName === 'Test clerk')!.id;
    anna = (await t.call(clerk, 'residents.search', { name: 'Anna Müller', birthDate: '1975-05-05' }))[0]!.id;
    maja = (await t.call(clerk, 'residents.search', { name: 'Maja Laura Hanekamp' }))[0]!.id;
    db = openDatabase(t.dataDir);
  });
  afterAll(() => db?.close());

  it('issues a Geburtsurkunde for the person herself: 15,00 €, certificate printer, signature before hand-over', async () => {
    const c = await create(anna, geburtsurkunde());
    expect(c).toMatchObject({ status: 'in_progress', feeCents: 1500, applicantName: 'Anna Müller', deliveryMethod: 'counter' });
    expect(c.steps).toMatchObject({ approvalRequired: null, signatureRequired: true });
    expect(rules.document.printer).toBe('certificate');

    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
    const issued = await t.call(clerk, 'cases.issue', { caseId: c.id });
    expect(issued.status).toBe('issued');
    expect(issued.documents[0]!.number).toMatch(/^PU-2026-\d{6}$/);
    expect(issued.documents[0]!.facts).toMatchObject({
      registrar: { userId: registrarId, name: 'Hüsing', title: 'Standesbeamtin' },
      registerReference: 'G 132/1975',
    });

    const handOver = await failure(clerk, 'cases.handOver', { caseId: c.id });
    expect(handOver.message).toContain('unterschrieben und gesiegelt');
    // Only the Standesbeamtin the certificate names may sign it (§ 56 Abs. 3 PStG: her name is printed).
    await t.call(admin, 'users.create', { username: 'kuiper', displayName: 'Jan Kuiper', role: 'clerk', siteId: 1, password: TEST_PASSWORD, registrar: true });
    const other = memorySessionHolder();
    await t.call(other, 'auth.login', { username: 'kuiper', password: TEST_PASSWORD });
    const wrongSigner = await failure(other, 'cases.sign', { caseId: c.id });
    expect(wrongSigner).toMatchObject({ code: 'FORBIDDEN' });
    expect(wrongSigner.message).toContain('Hüsing');
    await t.call(registrar, 'cases.sign', { caseId: c.id });
    expect((await t.call(clerk, 'cases.handOver', { caseId: c.id })).status).toBe('closed');

    const { pdfBase64 } = await t.call(clerk, 'documents.get', { documentId: issued.documents[0]!.id });
    const pdf = await readPdf(Buffer.from(pdfBase64, 'base64'));
    const text = fullText(pdf.items);
    expect(text).toContain('Geburtsurkunde');
    expect(text).toContain('G 132/1975');
    expect(text).toContain('Die Standesbeamtin');
    const lines = textLines(pdf.items);
    const row = (label: string) => lines.find((l) => l.text.startsWith(label))!;
    expect(row('Geburtsname').text).toBe('Geburtsname Müller');
    expect(row('Vornamen').text).toBe('Vornamen Anna');
    expect(row('Tag der Geburt').text).toBe('Tag der Geburt 05.05.1975');
    expect(row('Geburtsname').baseline).toBeLessThan(row('Tag der Geburt').baseline);
    // The Standesbeamtin's family name under the signature line, in the lower part of the page.
    expect(lines.find((l) => l.text === 'Hüsing')!.baseline).toBeGreaterThan(220);
  });

  it('charges 7,50 € for each further copy and prints the Geburtsurkunde without Geschlecht and parents on request', async () => {
    const c = await create(anna, geburtsurkunde({ copies: 3, birthOptions: { withoutSex: true, withoutParents: true } }));
    expect(c.feeCents).toBe(3000);
    const preview = await t.call(clerk, 'cases.previewDocument', { caseId: c.id });
    const text = fullText((await readPdf(Buffer.from(preview.pdfBase64, 'base64'))).items);
    expect(text).toContain('Geburtsname');
    for (const s of ['Geschlecht', 'weiblich', 'Mutter', 'Vater']) expect(text, s).not.toContain(s);
  });

  it('notes a free purpose on the certificate', async () => {
    const c = await create(anna, geburtsurkunde({ purpose: 'rente' }));
    const preview = await t.call(clerk, 'cases.previewDocument', { caseId: c.id });
    const text = fullText((await readPdf(Buffer.from(preview.pdfBase64, 'base64'))).items).replace(/\s+/g, ' ');
    expect(text).toContain('Gebührenfrei nach § 64 SGB X; nur gültig für: Rentenangelegenheit.');
  });

  it('refuses an entry that is not in the register, and creates nothing', async () => {
    const before = caseCount();
    const e = await failure(clerk, 'cases.createWalkIn', { serviceId: 'personenstandsurkunde', residentId: anna, data: geburtsurkunde({ registerReference: 'G 9999/1975' }) });
    expect(e.message).toBe('Im Personenstandsregister gibt es keinen Eintrag G 9999/1975.');
    expect(e.fields?.[0]?.path).toBe('data.registerReference');
    expect(caseCount()).toBe(before);
  });

  it('asks for "Elternteil" only for a parent the entry has', async () => {
    const base = sampleBirth();
    const oneParent = { ...base, reference: { register: 'G' as const, number: '78', year: 2010 }, facts: { ...base.facts, parents: [base.facts.parents[0]!] }, folgebeurkundungen: [] };
    db.transaction(() => upsertEntry(db, oneParent, new Date().toISOString()))();
    const data = geburtsurkunde({ registerReference: 'G 78/2010', relation: 'ancestor', birthOptions: { elternteilFor: [2] } });
    const e = await failure(clerk, 'cases.createWalkIn', { serviceId: 'personenstandsurkunde', residentId: anna, data });
    expect(e.message).toBe('Im Eintrag ist kein 2. Elternteil eingetragen.');
    expect((await create(anna, { ...data, birthOptions: { elternteilFor: [1] } })).status).toBe('in_progress');
  });

  it('refuses a certificate kind the entry\'s register does not issue', async () => {
    const e = await failure(clerk, 'cases.createWalkIn', {
      serviceId: 'personenstandsurkunde',
      residentId: anna,
      data: geburtsurkunde({ kind: 'sterbeurkunde' }),
    });
    expect(e.message).toMatch(/Sterbeurkunde wird aus dem Sterberegister/);
  });

  it('refuses applicants under 16, taking the birth date from the Melderegister person', async () => {
    const child = await failure(clerk, 'cases.createWalkIn', {
      serviceId: 'personenstandsurkunde',
      residentId: maja,
      data: geburtsurkunde({ registerReference: 'G 409/2014', applicantBirthDate: '1980-01-01' }),
    });
    expect(child.message).toMatch(/^Antragsbefugt sind nur Personen ab 16 Jahren .* ist 12 Jahre alt\.$/);
    // An adult resident is entitled whatever birth date the data carries.
    const adult = await create(anna, geburtsurkunde({ applicantBirthDate: '2015-01-01' }));
    expect(adult.status).toBe('in_progress');
  });

  it('needs a supervisor\'s approval before the fee when another person states a legal interest', async () => {
    const noInterest = await failure(clerk, 'cases.createWalkIn', { serviceId: 'personenstandsurkunde', residentId: anna, data: geburtsurkunde({ relation: 'other' }) });
    expect(noInterest.message).toMatch(/rechtliches Interesse an der Urkunde darlegen/);

    const c = await create(anna, geburtsurkunde({ relation: 'other', legalInterest: INTEREST }));
    expect(c.steps.approvalRequired).toMatch(/rechtliche Interesse .* Teamleitung geprüft/);
    expect((await failure(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' })).message).toContain('Teamleitung freigegeben');
    await t.call(supervisor, 'cases.approve', { caseId: c.id, reason: 'Erbschein-Antrag vorgelegt' });
    expect((await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' })).status).toBe('ready');
  });

  it('needs a supervisor\'s release for an entry with a Sperrvermerk (§ 64 PStG), except for the person', async () => {
    const blocked = { ...sampleBirth(), reference: { register: 'G' as const, number: '77', year: 2010 }, restrictions: ['sperrvermerk' as const] };
    db.transaction(() => upsertEntry(db, blocked, new Date().toISOString()))();
    const descendant = await create(anna, geburtsurkunde({ registerReference: 'G 77/2010', relation: 'ancestor' }));
    expect(descendant.steps.approvalRequired).toMatch(/Sperrvermerk/);
    const self = await create(anna, geburtsurkunde({ registerReference: 'G 77/2010', relation: 'self' }));
    expect(self.steps.approvalRequired).toBeNull();
  });

  it('without a Melderegister person: needs the applicant, names the case after them, checks their age and posts to them', async () => {
    const none = await failure(clerk, 'cases.createWalkIn', { serviceId: 'personenstandsurkunde', residentId: null, data: geburtsurkunde({ relation: 'descendant' }) });
    expect(none.message).toMatch(/antragstellende Person angeben/);
    expect(none.fields?.[0]?.path).toBe('data.applicant');

    const applicant = {
      familyName: 'Müller-Øvergård',
      givenNames: 'Jonas',
      birthDate: '1999-03-02',
      street: 'Marktplatz',
      houseNumber: '3a',
      postalCode: '48143',
      city: 'Münster',
    };
    const young = await failure(clerk, 'cases.createWalkIn', {
      serviceId: 'personenstandsurkunde',
      residentId: null,
      data: geburtsurkunde({ relation: 'descendant', applicant: { ...applicant, birthDate: '2012-01-01' } }),
    });
    expect(young.message).toMatch(/ab 16 Jahren/);

    // The data decides the delivery, whatever the counter's own choice says.
    const c = await create(null, geburtsurkunde({ relation: 'descendant', applicant, delivery: 'post' }), { deliveryMethod: 'counter' });
    expect(c).toMatchObject({ applicantName: 'Müller-Øvergård, Jonas', deliveryMethod: 'post', residentId: null });
    const recipient = postalRecipientOf(db, issueCaseOf(db, getCaseRow(db, c.id)!), rules);
    expect(recipient).toMatchObject({ familyName: 'Müller-Øvergård', street: 'Marktplatz', houseNumber: '3a', postalCode: '48143', city: 'Münster' });
  });

  it('prints only when a Standesbeamtin/Standesbeamter is named, and numbers nothing before', async () => {
    const c = await create(anna, geburtsurkunde({ signer: null }));
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
    const e = await failure(clerk, 'cases.issue', { caseId: c.id });
    expect(e.message).toMatch(/welche Standesbeamtin oder welcher Standesbeamte/);
    expect(documentCount(c.id)).toBe(0);

    const notAppointed = await failure(clerk, 'personenstand.setSigner', { caseId: c.id, signer: { userId: plainClerkId, title: 'Standesbeamter' } });
    expect(notAppointed.message).toMatch(/nicht \(mehr\) als Standesbeamtin oder Standesbeamter bestellt/);
    const set = await t.call(clerk, 'personenstand.setSigner', { caseId: c.id, signer: { userId: registrarId, title: 'Standesbeamtin' } });
    expect(set.data.signer).toEqual({ userId: registrarId, title: 'Standesbeamtin' });
    expect((await t.call(clerk, 'cases.issue', { caseId: c.id })).status).toBe('issued');
  });

  it('searches the register and lists the Standesbeamte', async () => {
    const found = await t.call(clerk, 'personenstand.search', { name: 'Anna Muller', date: '05.05.1975' });
    expect(found.map((e) => e.reference)).toContain('G 132/1975');
    expect(await t.call(clerk, 'personenstand.entry', { reference: 'g 132/1975' })).toMatchObject({ reference: 'G 132/1975', event: 'Geburt', persons: ['Anna Müller'] });
    expect(await t.call(clerk, 'personenstand.registrars', {})).toEqual([
      { id: registrarId, displayName: 'Hanna Hüsing' },
      { id: expect.any(Number), displayName: 'Jan Kuiper' },
    ]);
  });

  describe('online', () => {
    const importOrder = (eintrag: Record<string, unknown>, over: Record<string, unknown> = {}): CaseDetail['id'] =>
      importTestApplication(db, {
        serviceId: 'personenstandsurkunde',
        applicant: {
          familienname: 'Müller',
          vornamen: 'Anna',
          geburtsdatum: '1975-05-05',
          anschrift: { strasse: 'Bahnhofstraße', hausnummer: '5', postleitzahl: '49808', ort: 'Lingen (Ems)' },
        },
        antrag: { kind: 'geburtsurkunde', eintrag, purpose: 'allgemein', relation: 'self', copies: 2, ...over },
        settings: getSettings(db, t.dataDir),
      });

    it('finds the entry the order names, and takes the case through to issued and signed', async () => {
      const id = importOrder({ familienname: 'Müller', vornamen: 'Anna', ereignisdatum: '1975-05-05' });
      const c = await t.call(clerk, 'cases.get', { caseId: id });
      expect(c).toMatchObject({ channel: 'online', feeCents: 2250, deliveryMethod: 'post', residentId: anna });
      expect(c.data).toMatchObject({ registerReference: 'G 132/1975', applicantBirthDate: '1975-05-05', delivery: 'post' });
      expect(c.tasks).toEqual([]);
      expect(c.steps.signatureRequired).toBe(true);

      await t.call(clerk, 'personenstand.setSigner', { caseId: id, signer: { userId: registrarId, title: 'Standesbeamtin' } });
      await t.call(clerk, 'cases.transition', { caseId: id, to: 'in_progress' });
      expect((await t.call(clerk, 'cases.markReadyForPost', { caseId: id })).status).toBe('ready');
      const issued = await t.call(clerk, 'cases.issue', { caseId: id });
      expect(issued.status).toBe('issued');
      expect(issued.documents[0]!.number).toMatch(/^PU-/);
      const signed = await t.call(registrar, 'cases.sign', { caseId: id });
      expect(signed.steps.signedBy).toBe('Hanna Hüsing');
    });

    it('leaves an entry it cannot identify to the clerk, who assigns it in the case', async () => {
      const id = importOrder({ familienname: 'Müller', vornamen: 'Anna', ereignisdatum: '1975-05-06' });
      const c = await t.call(clerk, 'cases.get', { caseId: id });
      expect(c.data.registerReference).toBeNull();
      expect(c.tasks).toMatchObject([{ key: ASSIGN_ENTRY_TASK, state: 'open', detail: expect.stringContaining('kein Eintrag') }]);
      await t.call(clerk, 'personenstand.setSigner', { caseId: id, signer: { userId: registrarId, title: 'Standesbeamtin' } });
      await t.call(clerk, 'cases.transition', { caseId: id, to: 'in_progress' });
      expect((await failure(clerk, 'cases.markReadyForPost', { caseId: id })).message).toMatch(/noch nicht zugeordnet/);

      const wrong = await failure(clerk, 'personenstand.setRegisterReference', { caseId: id, registerReference: 'E 87/2015' });
      expect(wrong.code).toBe('INVALID_INPUT');
      const assigned = await t.call(clerk, 'personenstand.setRegisterReference', { caseId: id, registerReference: 'G 132/1975' });
      expect(assigned.data.registerReference).toBe('G 132/1975');
      expect(assigned.tasks[0]).toMatchObject({ state: 'done', note: 'zugeordnet: G 132/1975' });
      expect(assigned.history.at(-1)!.action).toBe('Registereintrag zugeordnet: G 132/1975');
      await t.call(clerk, 'cases.markReadyForPost', { caseId: id });
      expect((await t.call(clerk, 'cases.issue', { caseId: id })).status).toBe('issued');
    });

    it('matches by today\'s family name or the Geburtsname, ignoring diacritics, and lists several fitting entries', async () => {
      const base = sampleBirth();
      const other = { ...base, reference: { register: 'G' as const, number: '500', year: 2011 }, facts: { ...base.facts, birth: { ...base.facts.birth, date: '2011-01-02' } } };
      db.transaction(() => {
        upsertEntry(db, base, new Date().toISOString());
        upsertEntry(db, { ...base, reference: { register: 'G', number: '501', year: 2011 } }, new Date().toISOString());
        upsertEntry(db, other, new Date().toISOString());
      })();
      const unique = importOrder({ familienname: 'Neumann', geburtsname: 'Orsted-Zolkiewski', vornamen: 'Zoe Lucja', ereignisdatum: '2011-01-02' });
      expect((await t.call(clerk, 'cases.get', { caseId: unique })).data.registerReference).toBe('G 500/2011');

      const wrongGivenName = importOrder({ familienname: 'Neumann', geburtsname: 'Orsted-Zolkiewski', vornamen: 'Zoe Maria', ereignisdatum: '2011-01-02' });
      expect((await t.call(clerk, 'cases.get', { caseId: wrongGivenName })).data.registerReference).toBeNull();

      const two = importOrder({ familienname: 'Ørsted-Żółkiewski', vornamen: 'Zoë Łucja', ereignisdatum: '2010-03-14' });
      const c = await t.call(clerk, 'cases.get', { caseId: two });
      expect(c.data.registerReference).toBeNull();
      expect(c.tasks[0]!.detail).toMatch(/^Zu den Angaben des Antrags passen \d+ Einträge \(.*G 399\/2010.*\); bitte den richtigen zuordnen\.$/);
      expect(c.tasks[0]!.detail).toContain('G 501/2011');
    });

    it('checks a register reference the applicant gives against the names', async () => {
      const id = importOrder({ familienname: 'Müller', vornamen: 'Anna', ereignisdatum: '1975-05-05', registerzeichen: 'G 257/1950' });
      const c = await t.call(clerk, 'cases.get', { caseId: id });
      expect(c.data.registerReference).toBeNull();
      expect(c.tasks[0]!.detail).toMatch(/G 257\/1950 passt nicht/);
    });
  });
});
