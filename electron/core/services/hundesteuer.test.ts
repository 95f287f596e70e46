import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OnlineApplicant } from '../../../shared/domain/portal';
import { DEFAULT_HUNDESTEUER_CONFIG } from '../../../shared/services/hundesteuer';
import { openDatabase, type Db } from '../db/connection';
import { fullText, readPdf, textLines } from '../documents/pdf-text';
import { importTestApplication } from '../portal/test-import';
import { getTag, registrationOfCase } from '../registers/hundesteuer';
import { getSettings } from '../settings/settings';
import { makeTestCore, manualClock, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { waitForRun } from '../dispatch/test-helpers';
import { ANMELDUNG_FREE_REASON } from './hundesteuer';

/** An adult dog, complete for the NHundG (registered on the test clock's day, Wed 25.11.2026). */
function anmeldung(over: Record<string, unknown> = {}, dog: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reason: 'aufnahme',
    acquiredOn: '2026-11-16',
    registeredOn: '2026-11-25',
    previousOwner: 'Tierheim Lingen, Am Tierheim 1, 49811 Lingen (Ems)',
    dog: { name: 'Bärbel', breed: 'Mischling', colour: 'schwarz', sex: 'huendin', birthDate: '2022-06-01', chipNumber: '276098100123456', ...dog },
    insurance: { insurer: 'Emsländische Versicherung VVaG', policyNumber: 'HH-2026/4711', personsCents: 1_000_000_00, otherCents: 500_000_00 },
    sachkunde: { kind: 'pruefung', theoryPassedOn: '2026-10-20', practicalPassedOn: null, examiner: 'Hundeschule Emsland' },
    centralRegister: { enteredOn: '2026-11-18', reference: null },
    sepa: { accountHolder: 'Łukasz Kowalski', iban: 'DE89 3704 0044 0532 0130 00', mandateDate: '2026-11-25' },
    ...over,
  };
}

/** Keeps a PDF for looking at it (HST_PDF_OUT=<folder>); otherwise in the test's data folder. */
function keep(name: string, pdf: Buffer, dir = process.env.HST_PDF_OUT): void {
  if (dir) fs.writeFileSync(path.join(dir, name), pdf);
}

let chipSeq = 200;
const chip = () => `276098100${String(++chipSeq).padStart(6, '0')}`;

describe('Hundesteuer An- und Abmeldung', () => {
  const clock = manualClock(new Date('2026-11-25T09:00:00Z'));
  let t: TestCore;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  let db: Db;
  let kowalski: number;
  let guenes: number;
  let toebben: number;

  const failure = async (op: Parameters<TestCore['core']['dispatch']>[0], input: unknown, session = clerk) => {
    const r = await t.core.dispatch(op, input, session);
    if (r.ok) throw new Error(`${op} should have failed`);
    return r.error;
  };

  /** A walk-in Anmeldung through to issued: "gebührenfrei", print. */
  async function register(residentId: number, data: Record<string, unknown>, deliveryMethod: 'counter' | 'post' = 'counter') {
    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'hundesteuer-anmeldung', residentId, data, deliveryMethod });
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: ANMELDUNG_FREE_REASON });
    return t.call(clerk, 'cases.issue', { caseId: c.id });
  }

  async function pdfOf(documentId: number) {
    const doc = await t.call(clerk, 'documents.get', { documentId });
    return readPdf(Buffer.from(doc.pdfBase64, 'base64'));
  }
  /** The PDF's text with line breaks as spaces. */
  const flat = (items: Parameters<typeof fullText>[0]) => fullText(items).replace(/\s+/g, ' ');

  beforeAll(async () => {
    t = await makeTestCore({ clock });
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
    kowalski = (await t.call(clerk, 'residents.search', { name: 'Łukasz Kowalski' }))[0]!.id;
    guenes = (await t.call(clerk, 'residents.search', { name: 'Ayşe Güneş' }))[0]!.id;
    db = openDatabase(t.dataDir);
    toebben = (db.prepare('SELECT id FROM residents WHERE date_of_death IS NOT NULL ORDER BY id LIMIT 1').get() as { id: number }).id;
  });
  afterAll(() => db?.close());

  it('registers a dog at the counter free of charge, issues the next tag and prints the Bescheid with it', async () => {
    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'hundesteuer-anmeldung', residentId: kowalski, data: anmeldung(), deliveryMethod: 'counter' });
    expect(c.feeCents).toBe(0);
    // The preview shows the tag that would be issued, and allocates nothing.
    const free = (await t.call(clerk, 'hundesteuer.tagStock', {})).inStock;
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: ANMELDUNG_FREE_REASON });
    const preview = await readPdf(Buffer.from((await t.call(clerk, 'cases.previewDocument', { caseId: c.id })).pdfBase64, 'base64'));
    expect(fullText(preview.items)).toContain('Nr. 1001');
    expect((await t.call(clerk, 'hundesteuer.tagStock', {})).inStock).toBe(free);

    const issued = await t.call(clerk, 'cases.issue', { caseId: c.id });
    expect(issued.status).toBe('issued');
    const doc = issued.documents[0]!;
    expect(doc.number).toMatch(/^HST-2026-\d{6}$/);
    // Taken in 16.11. → liable from December; 36 € a year, 3,00 € for 2026, due one month after the hand-over.
    expect(doc.facts).toMatchObject({
      kind: 'anmeldung',
      tagNumber: '1001',
      category: 'first',
      yearlyCents: 3600,
      liableFrom: '2026-12',
      currentYear: 2026,
      currentYearCents: 300,
      mandateReference: `HST-${c.reference}`,
      deliveredInPerson: true,
      dueDates: [{ dueDate: '2026-12-28', cents: 300 }],
    });
    expect(issued.printJobs[0]).toMatchObject({ state: 'completed' });
    expect((await t.call(clerk, 'hundesteuer.tagStock', {})).inStock).toBe(free - 1);
    const dog = await t.call(clerk, 'hundesteuer.caseDog', { caseId: c.id });
    expect(dog).toMatchObject({ name: 'Bärbel', currentTag: 1001, registration: { category: 'first', yearlyCents: 3600, liableFrom: '2026-12' } });

    // The Bescheid, read back with positions.
    const pdf = await pdfOf(doc.id);
    const text = fullText(pdf.items);
    expect(text).toContain('Bescheid über die Festsetzung der Hundesteuer');
    expect(text).toContain('Anmeldung eines Hundes');
    expect(text).toContain(`HST-${c.reference}`);
    expect(text).toContain('DE98ZZZ09999999999');
    const lines = textLines(pdf.items);
    const tagLine = lines.find((l) => l.text.includes('Hundesteuermarke') && l.text.includes('Nr. 1001'));
    expect(tagLine, 'tag line').toBeDefined();
    const yearly = lines.find((l) => l.text.startsWith('Jahressteuer (erster Hund)'));
    expect(yearly?.text).toContain('36,00 €');
    const y2026 = lines.find((l) => l.text.startsWith('Steuer 2026'));
    expect(y2026?.text).toMatch(/Dezember 2026 \(1 Monat\) 3,00 €/);
    // The address sits in the window of a DL envelope (Form B: 45 mm from the top, 20 mm from the left).
    const name = lines.find((l) => l.text.includes('Kowalski') && l.y < 100);
    expect(name!.x).toBeGreaterThanOrEqual(19);
    expect(name!.y).toBeGreaterThan(45);
    expect(name!.bottom).toBeLessThan(90);
    keep('bescheid-anmeldung.pdf', Buffer.from((await t.call(clerk, 'documents.get', { documentId: doc.id })).pdfBase64, 'base64'));

    const closed = await t.call(clerk, 'cases.handOver', { caseId: c.id });
    expect(closed.status).toBe('closed');
  });

  it('needs the town account for a Bescheid paid by transfer', async () => {
    // The demo data bring an example account; without any account the Bescheid cannot name one.
    await t.call(admin, 'settings.update', { bank: { accountHolder: 'Stadt Lingen (Ems)', iban: '', bic: '', bankName: '' } });
    const e = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-anmeldung', residentId: kowalski, data: anmeldung({ sepa: null }, { chipNumber: chip() }) });
    expect(e.message).toContain('Konto der Stadt');
    await t.call(admin, 'settings.update', { bank: { accountHolder: 'Stadt Lingen (Ems)', iban: 'DE07 2665 0001 0000 1234 56', bic: '', bankName: 'Sparkasse Emsland' } });
  });

  it('rates the second dog of the household as second dog, a dangerous one at the dangerous rate', async () => {
    const second = await register(kowalski, anmeldung({ sepa: null }, { name: 'Rex', sex: 'ruede', chipNumber: chip() }));
    expect(second.documents[0]!.facts).toMatchObject({ category: 'second', yearlyCents: 6000, mandateReference: null });
    const danger = await register(
      kowalski,
      anmeldung(
        {
          sepa: null,
          dangerous: {
            bySatzung: false,
            byNHundG: true,
            determination: { authority: 'Stadt Lingen (Ems), Ordnungsamt', reference: 'OA-32-2026-7', date: '2026-09-01' },
            permit: { authority: 'Stadt Lingen (Ems), Ordnungsamt', reference: 'OA-32-2026-8', date: '2026-10-01' },
          },
        },
        { name: 'Tyson', sex: 'ruede', chipNumber: chip() },
      ),
    );
    expect(danger.documents[0]!.facts).toMatchObject({ category: 'dangerous', yearlyCents: 60000 });
    const text = flat((await pdfOf(danger.documents[0]!.id)).items);
    expect(text).toContain('Jahressteuer (gefährlicher Hund)');
    // Without a mandate the Bescheid asks for a transfer.
    expect(text).toContain('Bitte überweisen Sie');
  });

  it('takes the rates from the Satzung the administrator configures', async () => {
    const refused = await failure('hundesteuer.updateSatzung', { ...DEFAULT_HUNDESTEUER_CONFIG, rates: { ...DEFAULT_HUNDESTEUER_CONFIG.rates, firstCents: 4800 } });
    expect(refused.code).toBe('FORBIDDEN');
    const saved = await t.call(admin, 'hundesteuer.updateSatzung', { ...DEFAULT_HUNDESTEUER_CONFIG, rates: { ...DEFAULT_HUNDESTEUER_CONFIG.rates, firstCents: 4800 } });
    expect(saved.rates.firstCents).toBe(4800);
    expect((await t.call(admin, 'settings.get', {})).hundesteuer.rates.firstCents).toBe(4800);
    const bad = await failure('hundesteuer.updateSatzung', { ...DEFAULT_HUNDESTEUER_CONFIG, creditorId: 'DE00ZZZ09999999999' }, admin);
    expect(bad.message).toContain('Gläubiger-Identifikationsnummer');
    try {
      const c = await register(guenes, anmeldung({ sepa: null }, { name: 'Luna', chipNumber: chip() }));
      expect(c.documents[0]!.facts).toMatchObject({ category: 'first', yearlyCents: 4800 });
      expect(flat((await pdfOf(c.documents[0]!.id)).items)).toContain('48,00 €');
    } finally {
      await t.call(admin, 'hundesteuer.updateSatzung', DEFAULT_HUNDESTEUER_CONFIG);
    }
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string, string]>([
    ['chip (§ 4)', {}, { chipNumber: '' }, 'data.dog.chipNumber', '§ 4 NHundG'],
    ['chip of 15 digits', {}, { chipNumber: '27609810012345' }, 'data.dog.chipNumber', '15 Ziffern'],
    ['insurance (§ 5)', { insurance: null }, {}, 'data.insurance', '§ 5 NHundG'],
    ['Sachkunde (§ 3)', { sachkunde: null }, {}, 'data.sachkunde', '§ 3 NHundG'],
    ['central register (§ 6)', { centralRegister: null }, {}, 'data.centralRegister', '§ 6 NHundG'],
    [
      'permit of a dangerous dog (§ 8)',
      { dangerous: { bySatzung: false, byNHundG: true, determination: { authority: 'Ordnungsamt', reference: 'OA-1', date: '2026-09-01' }, permit: null } },
      {},
      'data.dangerous.permit',
      '§ 8 NHundG',
    ],
    ['IBAN', { sepa: { accountHolder: 'Łukasz Kowalski', iban: 'DE89 3704 0044 0532 0130 01', mandateDate: '2026-11-25' } }, {}, 'data.sepa.iban', 'IBAN ist ungültig'],
  ])('refuses an adult dog without %s', async (_name, over, dog, field, message) => {
    const e = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-anmeldung', residentId: kowalski, data: anmeldung(over, { chipNumber: chip(), ...dog }) });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields?.find((f) => f.path === field)?.message).toContain(message);
  });

  it('accepts a puppy without chip, insurance and register entry (duties from six months)', async () => {
    const c = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'hundesteuer-anmeldung',
      residentId: guenes,
      data: anmeldung({ insurance: null, centralRegister: null, acquiredOn: '2026-11-20', sepa: null }, { name: 'Krümel', birthDate: '2026-08-01', chipNumber: '' }),
    });
    expect(c.status).toBe('in_progress');
  });

  it('refuses a chip already registered, a deceased owner and the Anmeldung when no tag is in stock', async () => {
    const e = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-anmeldung', residentId: guenes, data: anmeldung({}, { chipNumber: '276098100123456' }) });
    expect(e.message).toContain('bereits zur Hundesteuer angemeldet (Hundesteuermarke Nr. 1001)');
    const dead = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-anmeldung', residentId: toebben, data: anmeldung({}, { chipNumber: chip() }) });
    expect(dead.message).toContain('verstorbene');

    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'hundesteuer-anmeldung', residentId: guenes, data: anmeldung({ sepa: null }, { name: 'Paul', chipNumber: chip() }) });
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: ANMELDUNG_FREE_REASON });
    const stock = db.prepare("SELECT id FROM dog_tags WHERE state = 'in_stock'").all() as { id: number }[];
    db.prepare("UPDATE dog_tags SET state = 'lost', dog_id = (SELECT MIN(id) FROM dogs) WHERE state = 'in_stock'").run();
    try {
      const empty = await failure('cases.issue', { caseId: c.id });
      expect(empty.message).toContain('keine Hundemarken mehr vorrätig');
      expect((await t.call(clerk, 'cases.get', { caseId: c.id })).documents).toHaveLength(0);
      expect(registrationOfCase(db, c.id)).toBeNull();
    } finally {
      const put = db.prepare("UPDATE dog_tags SET state = 'in_stock', dog_id = NULL WHERE id = ?");
      for (const s of stock) put.run(s.id);
    }
  });

  it('adds a numbered range to the stock (administrators only) and refuses numbers already there', async () => {
    const before = await t.call(clerk, 'hundesteuer.tagStock', {});
    expect((await failure('hundesteuer.addTags', { from: 2001, to: 2010, series: 'HSt', year: null })).code).toBe('FORBIDDEN');
    const after = await t.call(admin, 'hundesteuer.addTags', { from: 2001, to: 2010, series: 'HSt', year: null });
    expect(after.inStock).toBe(before.inStock + 10);
    expect(after.ranges.some((r) => r.from === 2001 && r.to === 2010 && r.inStock === 10)).toBe(true);
    const dup = await failure('hundesteuer.addTags', { from: 2005, to: 2020, series: 'HSt', year: null }, admin);
    expect(dup.message).toContain('bereits erfasst: 2005');
    expect((await t.call(clerk, 'hundesteuer.tagStock', {})).inStock).toBe(after.inStock);
  });

  it('issues a replacement tag against the replacement fee', async () => {
    const c = await register(guenes, anmeldung({ sepa: null }, { name: 'Fiete', chipNumber: chip() }));
    const old = Number((c.documents[0]!.facts as { tagNumber: string }).tagNumber);
    const r = await t.call(clerk, 'hundesteuer.replaceTag', { caseId: c.id, method: 'cash', reason: 'Marke beim Spaziergang verloren' });
    expect(r.feeCents).toBe(250);
    expect(r.tagNumber).not.toBe(old);
    expect(r.dog.currentTag).toBe(r.tagNumber);
    expect(getTag(db, old)!.state).toBe('lost');
    const d = await t.call(clerk, 'cases.get', { caseId: c.id });
    expect(d.payments.at(-1)).toMatchObject({ method: 'cash', amountCents: 250, receiptNumber: r.receiptNumber });
    expect(d.history.at(-1)?.action).toContain(`Ersatzmarke Nr. ${r.tagNumber}`);
  });

  it('deregisters a dog: the tax ends with the month of death, the tag comes back, a Schlussbescheid is issued', async () => {
    const c = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'hundesteuer-abmeldung',
      residentId: kowalski,
      data: { tagNumber: '1001', reason: 'tod', endedOn: '2026-11-20', reportedOn: '2026-11-25', tagReturned: true },
      deliveryMethod: 'counter',
    });
    expect(c.feeCents).toBe(0);
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: 'Gebührenfrei: Abmeldung von der Hundesteuer' });
    const issued = await t.call(clerk, 'cases.issue', { caseId: c.id });
    // Died in November, liable from December: no tax arose.
    expect(issued.documents[0]!.facts).toMatchObject({ kind: 'abmeldung', tagNumber: '1001', tagState: 'returned', liableUntil: '2026-11', currentCents: 0 });
    // Handed back: the tag is in stock again; the dog's history keeps it with its return.
    expect(getTag(db, 1001)).toMatchObject({ state: 'in_stock', dogId: null });
    const history = await t.call(clerk, 'hundesteuer.caseDog', { caseId: c.id });
    expect(history).toMatchObject({ name: 'Bärbel', currentTag: null, registration: { toDate: '2026-11-20', endReason: 'death' } });
    expect(history!.tags).toEqual([
      { number: 1001, state: 'returned', issuedAt: expect.any(String), endedAt: '2026-11-25T09:00:00.000Z', reason: 'Abmeldung: Tod des Hundes' },
    ]);
    const text = flat((await pdfOf(issued.documents[0]!.id)).items);
    expect(text).toContain('Schlussbescheid');
    expect(text).toContain('keine Hundesteuer entstanden');
    expect(text).toContain('Hundesteuermarke Nr. 1001 haben Sie zurückgegeben');
    expect((await t.call(clerk, 'cases.handOver', { caseId: c.id })).status).toBe('closed');
    // The tag no longer names a registered dog.
    const again = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-abmeldung', residentId: kowalski, data: { tagNumber: '1001', reason: 'tod', endedOn: '2026-11-20', reportedOn: '2026-11-25' } });
    expect(again.message).toBe('Die Hundesteuermarke Nr. 1001 wurde am 25.11.2026 zurückgegeben und liegt wieder im Bestand; sie ist keinem Hund zugeordnet.');
    expect((await t.call(clerk, 'hundesteuer.tagStock', {})).returned).toBe(1);
  });

  it('issues the returned tag again to the next dog; the old owner can no longer deregister with its number', async () => {
    const stock = await t.call(clerk, 'hundesteuer.tagStock', {});
    expect(stock.nextFree).toBe(1001);
    const hanekamp = (await t.call(clerk, 'residents.search', { name: 'Maja Laura Hanekamp' }))[0]!.id;
    const next = await register(hanekamp, anmeldung({ sepa: null }, { name: 'Wilma', chipNumber: chip() }));
    expect(next.documents[0]!.facts).toMatchObject({ tagNumber: '1001' });
    const after = await t.call(clerk, 'hundesteuer.tagStock', {});
    expect(after).toMatchObject({ inStock: stock.inStock - 1, issued: stock.issued + 1, returned: stock.returned - 1, lost: stock.lost });

    const data = { tagNumber: '1001', reason: 'tod', endedOn: '2026-11-20', reportedOn: '2026-11-25' };
    const old = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-abmeldung', residentId: kowalski, data });
    expect(old.message).toBe(
      'Die Hundesteuermarke Nr. 1001 wurde am 25.11.2026 für den Hund „Bärbel“ zurückgegeben und ist inzwischen an einen anderen Hund ausgegeben. Für diese Person kann damit kein Hund abgemeldet werden.',
    );
    // Bärbel's Abmeldung still shows Bärbel, not the tag's new wearer.
    const baerbelCase = db.prepare("SELECT id FROM cases WHERE service_id = 'hundesteuer-abmeldung' ORDER BY id LIMIT 1").get() as { id: number };
    expect(await t.call(clerk, 'hundesteuer.caseDog', { caseId: baerbelCase.id })).toMatchObject({ name: 'Bärbel', currentTag: null });
    // The new wearer's owner deregisters with the same number.
    const mine = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'hundesteuer-abmeldung', residentId: hanekamp, data, deliveryMethod: 'counter' });
    expect(await t.call(clerk, 'hundesteuer.caseDog', { caseId: mine.id })).toMatchObject({ name: 'Wilma', currentTag: 1001 });
  });

  it('refuses an Abmeldung with a lost tag and names the tag the dog wears now', async () => {
    const c = await register(kowalski, anmeldung({ sepa: null }, { name: 'Struppi', chipNumber: chip() }));
    const old = Number((c.documents[0]!.facts as { tagNumber: string }).tagNumber);
    const r = await t.call(clerk, 'hundesteuer.replaceTag', { caseId: c.id, method: 'cash', reason: 'Marke verloren' });
    const e = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-abmeldung', residentId: kowalski, data: { tagNumber: String(old), reason: 'tod', endedOn: '2026-11-20', reportedOn: '2026-11-25' } });
    expect(e.message).toBe(`Die Hundesteuermarke Nr. ${old} ist als verloren erfasst (25.11.2026, Ersatzmarke: Marke verloren). Der Hund trägt jetzt die Hundesteuermarke Nr. ${r.tagNumber}; bitte diese Nummer angeben.`);
  });

  it('sends the Bescheid by post with the Hundesteuermarke listed in the cover letter', async () => {
    const issued = await register(kowalski, anmeldung({ sepa: null }, { name: 'Post-Paul', chipNumber: chip() }), 'post');
    const tag = (issued.documents[0]!.facts as { tagNumber: string }).tagNumber;
    const outbox = path.join(t.dataDir, 'ausgang');
    const before = new Set(fs.existsSync(outbox) ? (fs.readdirSync(outbox, { recursive: true }) as string[]) : []);
    const started = await t.call(clerk, 'dispatch.startRun', { caseIds: [issued.id] });
    const run = await waitForRun(t, clerk, started.id);
    expect(run.message).toBeNull();
    expect(run.casesDispatched).toBe(1);
    const printed = (fs.readdirSync(outbox, { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf') && !before.has(f));
    const texts = await Promise.all(printed.map(async (f) => flat((await readPdf(fs.readFileSync(path.join(outbox, f)))).items)));
    const letter = texts.find((x) => x.includes('Mit diesem Schreiben erhalten Sie'));
    expect(letter).toContain(`Hundesteuermarke Nr. ${tag}`);
    expect(letter).toContain(`Nr. ${issued.documents[0]!.number}`);
  });

  it('ends the tax of a dog held for years with the month it was given away, and records an unreturned tag as lost', async () => {
    // A dog registered in January 2026 (liable from February): given away on 10.05.2026 → liable February–May.
    const reg = await register(guenes, anmeldung({ acquiredOn: '2026-01-05', registeredOn: '2026-01-10', sepa: { accountHolder: 'Ayşe Güneş', iban: 'DE89370400440532013000', mandateDate: '2026-01-10' } }, { name: 'Balou', chipNumber: chip() }));
    const f = reg.documents[0]!.facts as { tagNumber: string; liableFrom: string };
    expect(f.liableFrom).toBe('2026-02');
    const c = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'hundesteuer-abmeldung',
      residentId: guenes,
      data: { tagNumber: f.tagNumber, reason: 'abgabe', endedOn: '2026-11-10', reportedOn: '2026-11-25', newOwner: { name: 'Anke Schulte', address: { street: 'Hauptstraße 5', postalCode: '48431', city: 'Rheine' } } },
      deliveryMethod: 'post',
    });
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: 'Gebührenfrei: Abmeldung von der Hundesteuer' });
    const issued = await t.call(clerk, 'cases.issue', { caseId: c.id });
    // February–November: 10/12 of 36 € = 30,00 €. The late Anmeldung's Bescheid (today) set every 2026 instalment
    // due on 28.12. (one month after the hand-over), so nothing was collected yet: 30,00 € are still due.
    expect(issued.documents[0]!.facts).toMatchObject({ liableUntil: '2026-11', currentCents: 3000, paidCents: 0, openCents: 3000, refundCents: 0, tagState: 'lost', mandateReference: `HST-${reg.reference}` });
    expect(getTag(db, Number(f.tagNumber))!.state).toBe('lost');
    const text = flat((await pdfOf(issued.documents[0]!.id)).items);
    expect(text).toContain('Abgabe des Hundes am 10.11.2026');
    expect(text).toContain('Noch zu zahlen 30,00 €');
    keep('bescheid-abmeldung.pdf', Buffer.from((await t.call(clerk, 'documents.get', { documentId: issued.documents[0]!.id })).pdfBase64, 'base64'));
  });

  it('refuses an Abmeldung for a tag that is unknown, in stock or belongs to another owner', async () => {
    const data = (tagNumber: string) => ({ tagNumber, reason: 'tod', endedOn: '2026-11-20', reportedOn: '2026-11-25' });
    expect((await failure('cases.createWalkIn', { serviceId: 'hundesteuer-abmeldung', residentId: kowalski, data: data('99999') })).message).toContain('nicht erfasst');
    expect((await failure('cases.createWalkIn', { serviceId: 'hundesteuer-abmeldung', residentId: kowalski, data: data('1499') })).message).toContain('liegt im Bestand');
    const other = await register(guenes, anmeldung({ sepa: null }, { name: 'Motte', chipNumber: chip() }));
    const tag = (other.documents[0]!.facts as { tagNumber: string }).tagNumber;
    const e = await failure('cases.createWalkIn', { serviceId: 'hundesteuer-abmeldung', residentId: kowalski, data: data(tag) });
    expect(e.message).toContain('nicht für diese Person angemeldet');
  });

  it('imports online An- and Abmeldungen and takes them to issued', async () => {
    const applicant: OnlineApplicant = {
      familienname: 'Güneş',
      vornamen: 'Ayşe',
      geburtsdatum: '1990-06-21',
      anschrift: { strasse: 'Marienstraße', hausnummer: '7', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    };
    const settings = getSettings(db, t.dataDir);
    const submit = (id: string, serviceId: string, antrag: Record<string, unknown>) =>
      importTestApplication(db, { serviceId, applicant, antrag, submissionId: id, now: clock.now(), settings });
    const anId = submit('hst-an-1', 'hundesteuer-anmeldung', anmeldung({ sepa: { accountHolder: 'Ayşe Güneş', iban: 'DE89370400440532013000', mandateDate: '2026-11-24' } }, { name: 'Online-Odin', chipNumber: chip() }));
    const an = await t.call(clerk, 'cases.get', { caseId: anId });
    expect(an).toMatchObject({ channel: 'online', feeCents: 0, deliveryMethod: 'post' });
    expect(an.residentId).toBe(guenes);
    await t.call(clerk, 'cases.transition', { caseId: anId, to: 'in_progress' });
    await t.call(clerk, 'cases.recordPayment', { caseId: anId, method: 'free', freeReason: ANMELDUNG_FREE_REASON });
    const issued = await t.call(clerk, 'cases.issue', { caseId: anId });
    expect(issued.status).toBe('issued');
    const f = issued.documents[0]!.facts as { tagNumber: string; deliveredInPerson: boolean; dueDates: { dueDate: string }[] };
    // Posted: made known on the fourth day (Sun 29.11. → Mon 30.11.), the December part due one month later.
    // Ayşe Güneş holds three dogs already (Luna, Fiete, Motte): a further dog, 108 € a year, 9 € for December.
    expect(f).toMatchObject({ category: 'further', deliveredInPerson: false, dueDates: [{ dueDate: '2026-12-30', cents: 900 }] });
    const text = flat((await pdfOf(issued.documents[0]!.id)).items);
    expect(text).toContain(`Nr. ${f.tagNumber}`);

    const abId = submit('hst-ab-1', 'hundesteuer-abmeldung', {
      tagNumber: f.tagNumber,
      reason: 'wegzug',
      endedOn: '2026-12-15',
      reportedOn: '2026-11-25',
      newAddress: { street: 'Kirchstraße 3', postalCode: '49716', city: 'Meppen' },
    });
    await t.call(clerk, 'cases.transition', { caseId: abId, to: 'in_progress' });
    await t.call(clerk, 'cases.recordPayment', { caseId: abId, method: 'free', freeReason: 'Gebührenfrei: Abmeldung von der Hundesteuer' });
    const ab = await t.call(clerk, 'cases.issue', { caseId: abId });
    expect(ab.status).toBe('issued');
    expect(ab.documents[0]!.facts).toMatchObject({ liableUntil: '2026-12', currentCents: 900, tagState: 'lost' });
    expect((await t.call(clerk, 'hundesteuer.caseDog', { caseId: abId }))?.registration).toMatchObject({ toDate: '2026-12-15', endReason: 'move' });
  });

  it('registers the dog of an online applicant not found in the register under the applicant\'s name and address', async () => {
    const settings = getSettings(db, t.dataDir);
    const stranger: OnlineApplicant = {
      familienname: 'Musterfrau',
      vornamen: 'Erika',
      geburtsdatum: '1970-01-01',
      anschrift: { strasse: 'Am Markt', hausnummer: '1', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    };
    const id = importTestApplication(db, { serviceId: 'hundesteuer-anmeldung', applicant: stranger, antrag: anmeldung({ sepa: { accountHolder: 'Erika Musterfrau', iban: 'DE89370400440532013000', mandateDate: '2026-11-24' } }, { name: 'Flocke', chipNumber: chip() }), submissionId: 'hst-an-2', now: clock.now(), settings });
    expect((await t.call(clerk, 'cases.get', { caseId: id })).residentId).toBeNull();
    await t.call(clerk, 'cases.transition', { caseId: id, to: 'in_progress' });
    await t.call(clerk, 'cases.recordPayment', { caseId: id, method: 'free', freeReason: ANMELDUNG_FREE_REASON });
    const issued = await t.call(clerk, 'cases.issue', { caseId: id });
    expect(issued.documents[0]!.facts).toMatchObject({ category: 'first', yearlyCents: 3600 });
    expect(await t.call(clerk, 'hundesteuer.caseDog', { caseId: id })).toMatchObject({ ownerName: 'Erika Musterfrau', ownerAddress: 'Am Markt 1, 49808 Lingen (Ems)' });
    // The address field (left of the information block) names the applicant.
    const address = textLines((await pdfOf(issued.documents[0]!.id)).items)
      .filter((l) => l.y > 45 && l.y < 90)
      .map((l) => l.items.filter((i) => i.x < 110).map((i) => i.str).join(''))
      .filter(Boolean);
    expect(address).toEqual(expect.arrayContaining(['Erika Musterfrau', 'Am Markt 1', '49808 Lingen (Ems)']));
  });
});

describe('Schlussbescheid after instalments were collected', () => {
  it('credits the instalments due so far and refunds what was paid beyond the end of the liability', async () => {
    const clock = manualClock(new Date('2026-01-12T09:00:00Z'));
    const t = await makeTestCore({ clock });
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const clerk = await t.sessionAs('clerk', 'hst-clerk');
    const kowalski = (await t.call(clerk, 'residents.search', { name: 'Łukasz Kowalski' }))[0]!.id;
    const a = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'hundesteuer-anmeldung',
      residentId: kowalski,
      data: anmeldung({ acquiredOn: '2026-01-05', registeredOn: '2026-01-12', sepa: { accountHolder: 'Łukasz Kowalski', iban: 'DE89370400440532013000', mandateDate: '2026-01-12' } }),
      deliveryMethod: 'counter',
    });
    await t.call(clerk, 'cases.recordPayment', { caseId: a.id, method: 'free', freeReason: ANMELDUNG_FREE_REASON });
    const issued = await t.call(clerk, 'cases.issue', { caseId: a.id });
    // Liable from February: 33,00 € for 2026, Q1 (February–March) on 15.02., then 9,00 € a quarter.
    expect(issued.documents[0]!.facts).toMatchObject({ liableFrom: '2026-02', currentYearCents: 3300, dueDates: [{ dueDate: '2026-02-15', cents: 600 }, { dueDate: '2026-05-15', cents: 900 }, { dueDate: '2026-08-15', cents: 900 }, { dueDate: '2026-11-15', cents: 900 }] });
    const tag = (issued.documents[0]!.facts as { tagNumber: string }).tagNumber;

    clock.advance(Date.parse('2026-08-20T09:00:00Z') - clock.now().getTime());
    const again = memorySessionHolder();
    await t.call(again, 'auth.login', { username: 'hst-clerk', password: TEST_PASSWORD });
    const b = await t.call(again, 'cases.createWalkIn', {
      serviceId: 'hundesteuer-abmeldung',
      residentId: kowalski,
      data: { tagNumber: tag, reason: 'tod', endedOn: '2026-08-10', reportedOn: '2026-08-20', tagReturned: true },
      deliveryMethod: 'counter',
    });
    await t.call(again, 'cases.recordPayment', { caseId: b.id, method: 'free', freeReason: 'Gebührenfrei: Abmeldung von der Hundesteuer' });
    const done = await t.call(again, 'cases.issue', { caseId: b.id });
    // February–August: 7/12 of 36 € = 21,00 €; collected 6 + 9 + 9 = 24,00 € → 3,00 € back to the mandate's account.
    expect(done.documents[0]!.facts).toMatchObject({ liableUntil: '2026-08', currentCents: 2100, paidCents: 2400, refundCents: 300, openCents: 0 });
    const doc = await t.call(again, 'documents.get', { documentId: done.documents[0]!.id });
    const text = fullText((await readPdf(Buffer.from(doc.pdfBase64, 'base64'))).items).replace(/\s+/g, ' ');
    expect(text).toContain('Erstattung an Sie 3,00 €');
    expect(text).toContain('Die Steuerpflicht endet mit Ablauf des Monats August 2026.');
  });
});
