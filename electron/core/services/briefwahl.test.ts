import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OnlineApplicant } from '../../../shared/domain/portal';
import type { Settings } from '../../../shared/domain/types';
import type { BriefwahlDataInput } from '../../../shared/services/briefwahl/index';
import { openDatabase } from '../db/connection';
import { LOWER_TOP, UPPER_BOTTOM } from '../documents/wahlschein';
import { fullText, readPdf, textLines } from '../documents/pdf-text';
import { importTestApplication } from '../portal/test-import';
import { getElectionByKey, setBallotsReady } from '../registers/elections';
import { TEST_PASSWORD, manualClock, makeTestCore, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { rulesFor } from '.';
import { waitForRun } from '../dispatch/test-helpers';

interface DemoVoter {
  voterNumber: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  address: { street: string; houseNumber: string; postalCode: string; city: string };
}

const v = (voterNumber: string, familyName: string, givenNames: string, birthDate: string, street: string, houseNumber: string): DemoVoter => ({
  voterNumber,
  familyName,
  givenNames,
  birthDate,
  address: { street, houseNumber, postalCode: '49808', city: 'Lingen (Ems)' },
});

// Demo Wählerverzeichnis of ltw-2027 (resources/demo/waehlerverzeichnis.csv), Wahlbezirk 1.
const ALBRECHT = v('001-0001', 'Albrecht', 'Hildegard', '1949-09-28', 'Burgstraße', '105');
const BRANDT = v('001-0002', 'Brandt', 'Karl-Heinz', '1958-02-23', 'Marienstraße', '68');
const DANG_MAI = v('001-0003', 'Đặng', 'Thị Mai', '2007-04-08', 'Castellstraße', '70a');
const DANG_HUNG = v('001-0004', 'Đặng', 'Văn Hùng', '1973-07-01', 'Castellstraße', '70a');
const DEMIR_B = v('001-0005', 'Demir', 'Büşra', '1998-04-16', 'Castellstraße', '117');
const DEMIR_M = v('001-0006', 'Demir', 'Mustafa', '1999-01-23', 'Castellstraße', '117');
const DEMIR_O = v('001-0007', 'Demir', 'Ömer', '1992-07-30', 'Große Straße', '129');
const DETERS = v('001-0008', 'Deters', 'Ralf', '1986-09-22', 'Burgstraße', '2');

function application(voter: DemoVoter, over: Partial<BriefwahlDataInput> = {}): BriefwahlDataInput {
  const { voterNumber, ...identity } = voter;
  return { electionId: 'ltw-2027', channel: 'walk_in', voter: identity, voterNumber, delivery: { kind: 'pickup_in_person' }, ...over };
}

const PROXY = {
  familyName: 'Große',
  givenNames: 'Jürgen',
  birthDate: '1970-05-05',
  address: { street: 'Am Markt', houseNumber: '1', postalCode: '49808', city: 'Lingen (Ems)' },
  vollmachtPresent: true,
  confirmsAtMostFourVoters: true,
};

/** Keeps a PDF under test-results/ to look at (pdftoppm). */
function keep(name: string, pdfBase64: string): Buffer {
  const bytes = Buffer.from(pdfBase64, 'base64');
  const dir = path.resolve(__dirname, '..', '..', '..', 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
  return bytes;
}

async function pdfOf(t: TestCore, s: SessionHolder, documentId: number, name?: string) {
  const doc = await t.call(s, 'documents.get', { documentId });
  return readPdf(name ? keep(name, doc.pdfBase64) : Buffer.from(doc.pdfBase64, 'base64'));
}

const flat = (s: string) => s.replace(/[ \u00a0]+/g, ' ').replace(/\s+/g, ' ');

describe('Briefwahl at the counter', () => {
  let t: TestCore;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  const create = (data: BriefwahlDataInput) =>
    t.core.dispatch('cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data }, clerk);
  const issue = async (data: BriefwahlDataInput) => {
    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data });
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    return t.call(clerk, 'cases.issue', { caseId: c.id });
  };
  const refusal = async (data: BriefwahlDataInput) => {
    const r = await create(data);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.error.message;
  };

  beforeAll(async () => {
    t = await makeTestCore();
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
  });

  it('lists the demo election with its deadlines and finds voters in the Wählerverzeichnis', async () => {
    const elections = await t.call(clerk, 'briefwahl.elections', {});
    const ltw = elections.find((e) => e.key === 'ltw-2027')!;
    expect(ltw).toMatchObject({ name: 'Landtagswahl Niedersachsen 2027', ballotsReady: true });
    expect(ltw.deadlines.application).toContain('Freitag, 08.10.2027, 13:00 Uhr');
    expect(ltw.voters).toBeGreaterThan(300);
    const found = await t.call(clerk, 'briefwahl.searchVoters', { electionKey: 'ltw-2027', familyName: 'dang', givenNames: null, birthDate: null, residentKennung: null });
    expect(found.map((x) => x.voterNumber)).toEqual(expect.arrayContaining(['001-0003', '001-0004']));
    expect(found.every((x) => x.familyName === 'Đặng')).toBe(true);
    const byKennung = await t.call(clerk, 'briefwahl.searchVoters', { electionKey: 'ltw-2027', familyName: null, givenNames: null, birthDate: null, residentKennung: 'LIN-000429' });
    expect(byKennung.map((x) => x.voterNumber)).toEqual(['001-0001']);
  });

  it('issues a free Wahlschein for pickup in person, marks "W", prints it and closes on hand-over', async () => {
    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'post', data: application(ALBRECHT) });
    expect(c).toMatchObject({ status: 'in_progress', feeCents: 0, deliveryMethod: 'counter', applicantName: 'Albrecht, Hildegard' });
    expect(rulesFor('briefwahl')!.waiverReason(c.data)).toContain('Gebührenfrei');
    const paid = await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    expect(paid.status).toBe('ready');

    const preview = await t.call(clerk, 'cases.previewDocument', { caseId: c.id });
    expect(flat(fullText((await readPdf(Buffer.from(preview.pdfBase64, 'base64'))).items))).toContain('WS 001-0001');

    const issued = await t.call(clerk, 'cases.issue', { caseId: c.id });
    expect(issued.status).toBe('issued');
    expect(issued.documents[0]!.number).toMatch(/^BW-2026-\d{6}$/);
    expect(issued.documents[0]!.facts).toMatchObject({ wahlscheinNumber: 'WS 001-0001', voterNumber: '001-0001', wahlbezirk: { number: 1, name: 'Altstadt' } });

    const voter = (await t.call(clerk, 'briefwahl.searchVoters', { electionKey: 'ltw-2027', familyName: 'Albrecht', givenNames: 'Hildegard', birthDate: '1949-09-28', residentKennung: null }))[0]!;
    expect(voter).toMatchObject({ markedW: true, validWahlschein: 'WS 001-0001' });

    // The Wahlschein read back: the authority's part above UPPER_BOTTOM, the declaration below LOWER_TOP.
    const pdf = await pdfOf(t, clerk, issued.documents[0]!.id);
    expect(pdf.pages).toBe(1);
    const lines = textLines(pdf.items);
    const text = flat(fullText(pdf.items));
    expect(text).toContain('Wahlschein');
    expect(text).toContain('für die Landtagswahl Niedersachsen 2027 am Sonntag, 10.10.2027');
    expect(text).toContain('Hildegard Albrecht');
    expect(text).toContain('Burgstraße 105, 49808 Lingen (Ems)');
    expect(text).toContain('28.09.1949');
    expect(text).toContain('Test clerk');
    const number = pdf.items.find((i) => i.str === 'WS 001-0001' && i.baseline < 40)!;
    expect(number.fontSize).toBe(14);
    expect(number.x).toBeGreaterThan(120); // the number box at the top right
    // Everything of the number box stays inside it (RIGHT = 190 mm), also the long NLWO basis of § 25 Abs. 2.
    for (const i of pdf.items.filter((x) => x.baseline < 45 && x.x > 120)) expect(i.x + i.width).toBeLessThanOrEqual(190);
    expect(text).toContain('Wahlschein nach NLWO (Wahlschein ohne Eintragung im Wählerverzeichnis)');
    const wvz = lines.find((l) => l.text === '001-0001')!;
    expect(wvz.bottom).toBeLessThan(UPPER_BOTTOM);
    const declaration = lines.find((l) => l.text.includes('Versicherung an Eides statt zur Briefwahl'))!;
    expect(declaration.y).toBeGreaterThan(LOWER_TOP);

    const closed = await t.call(clerk, 'cases.handOver', { caseId: c.id });
    expect(closed.status).toBe('closed');
  });

  it('refuses a second Wahlschein for the same voter with the reason', async () => {
    expect(await refusal(application(ALBRECHT))).toContain('bereits der Wahlschein WS 001-0001');
  });

  it('refuses a second open application for the same voter', async () => {
    const first = await create(application(BRANDT));
    expect(first.ok).toBe(true);
    expect(await refusal(application(BRANDT, { delivery: { kind: 'home' } }))).toMatch(/bereits der Briefwahlantrag BB-2026-\d{6} in Bearbeitung/);
  });

  it('refuses people not in the Wählerverzeichnis and names the exceptions', async () => {
    const msg = await refusal(
      application({ ...ALBRECHT, voterNumber: '', givenNames: 'Hilde', birthDate: '1950-01-01' }, { voterNumber: null }),
    );
    expect(msg).toContain('nicht im Wählerverzeichnis eingetragen');
    expect(msg).toContain('Ausnahmefällen');
  });

  it('refuses applications by telephone', async () => {
    const msg = await refusal(application(DETERS, { channel: 'telephone' as never }));
    expect(msg).toContain('nicht telefonisch beantragt werden');
  });

  it('refuses a representative without a written Vollmacht', async () => {
    const msg = await refusal(application(DETERS, { channel: 'post', representative: { familyName: 'Deters', givenNames: 'Heike', vollmachtPresent: false } }));
    expect(msg).toContain('ohne schriftliche Vollmacht');
  });

  it('issues under § 25 Abs. 2 with a separate number and lists it in section B', async () => {
    const person = { familyName: 'Neumann', givenNames: 'Paula', birthDate: '1990-03-03', address: { street: 'Am Markt', houseNumber: '4', postalCode: '49808', city: 'Lingen (Ems)' } };
    const data: BriefwahlDataInput = {
      electionId: 'ltw-2027',
      channel: 'walk_in',
      voter: person,
      delivery: { kind: 'pickup_in_person' },
      registerException: { ground: 'recht_spaeter_entstanden', intendedWahlbezirk: 2 },
    };
    const issued = await issue(data);
    expect(issued.documents[0]!.facts).toMatchObject({ wahlscheinNumber: 'WS 002-0001', voterNumber: null, registerException: true });
    const rows = (await t.call(clerk, 'briefwahl.verzeichnis', { electionKey: 'ltw-2027', list: 'verzeichnis' })).rows;
    expect(rows.find((r) => r.number === 'WS 002-0001')).toMatchObject({ registerException: true, voterNumber: null, caseId: issued.id });
    const pdf = await pdfOf(t, clerk, issued.documents[0]!.id);
    expect(flat(fullText(pdf.items))).toContain('oder vorgesehener Wahlbezirk');
  });

  it('lets a proxy collect for at most four voters, counted across the open cases', async () => {
    const viaProxy = (voter: DemoVoter) => application(voter, { delivery: { kind: 'pickup_by_proxy', proxy: PROXY } });
    for (const voter of [DANG_MAI, DANG_HUNG, DEMIR_B, DEMIR_M]) expect((await create(viaProxy(voter))).ok).toBe(true);
    const msg = await refusal(viaProxy(DEMIR_O));
    expect(msg).toContain('holt bereits für 4 andere Wahlberechtigte Unterlagen ab');
    const noVollmacht = await refusal(application(DEMIR_O, { delivery: { kind: 'pickup_by_proxy', proxy: { ...PROXY, familyName: 'Anders', vollmachtPresent: false } } }));
    expect(noVollmacht).toContain('nur mit einer schriftlichen Vollmacht');
  });

  it('replaces a Wahlschein only after it is declared invalid, and lists the invalidated one', async () => {
    const replacement: Partial<BriefwahlDataInput> = { replacement: { reason: 'not_received', credibleAssurance: true } };
    // Still valid: no replacement.
    expect(await refusal(application(ALBRECHT, replacement))).toContain('muss zuerst für ungültig erklärt werden');

    const bad = await t.core.dispatch('briefwahl.invalidate', { electionKey: 'ltw-2027', number: 'WS 001-0001', reason: 'not_received', reasonText: 'x' }, clerk);
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    const inv = await t.call(clerk, 'briefwahl.invalidate', {
      electionKey: 'ltw-2027',
      number: 'WS 001-0001',
      reason: 'not_received',
      reasonText: 'Unterlagen nach Angabe der Wählerin nicht angekommen',
    });
    expect(inv).toMatchObject({ state: 'invalid', invalidationReason: 'not_received' });
    const again = await t.core.dispatch('briefwahl.invalidate', { electionKey: 'ltw-2027', number: 'WS 001-0001', reason: 'other', reasonText: 'nochmals ungültig' }, clerk);
    expect(!again.ok && again.error.message).toContain('bereits');

    // A plain application after the invalidation must be a replacement.
    expect(await refusal(application(ALBRECHT))).toContain('nur als Ersatz möglich');
    const issued = await issue(application(ALBRECHT, replacement));
    expect(issued.documents[0]!.facts).toMatchObject({ wahlscheinNumber: 'WS 001-0002' });

    const invalid = await t.call(clerk, 'briefwahl.verzeichnis', { electionKey: 'ltw-2027', list: 'ungueltig' });
    expect(invalid.rows.map((r) => r.number)).toEqual(['WS 001-0001']);
    const csv = await t.call(clerk, 'briefwahl.verzeichnisCsv', { electionKey: 'ltw-2027', list: 'ungueltig' });
    expect(csv.csv.startsWith('\uFEFFWahlschein-Nr.;')).toBe(true);
    expect(csv.csv).toContain('WS 001-0001;1;Albrecht;Hildegard;28.09.1949');
    expect(csv.fileName).toBe('ungueltige-wahlscheine-ltw-2027-2026-11-25.csv');
    const all = await t.call(clerk, 'briefwahl.verzeichnisCsv', { electionKey: 'ltw-2027', list: 'verzeichnis' });
    expect(all.csv.split('\r\n').filter((l) => l.startsWith('WS ')).map((l) => l.split(';')[0])).toEqual(['WS 001-0001', 'WS 001-0002', 'WS 002-0001']);
    const pdf = await t.call(clerk, 'briefwahl.verzeichnisPdf', { electionKey: 'ltw-2027', list: 'verzeichnis' });
    const text = flat(fullText((await readPdf(keep('briefwahl-wahlscheinverzeichnis.pdf', pdf.pdfBase64))).items));
    const invalidPdf = await t.call(clerk, 'briefwahl.verzeichnisPdf', { electionKey: 'ltw-2027', list: 'ungueltig' });
    const invalidText = flat(fullText((await readPdf(keep('briefwahl-ungueltige-wahlscheine.pdf', invalidPdf.pdfBase64))).items));
    expect(invalidText).toContain('Verzeichnis der für ungültig erklärten Wahlscheine');
    expect(invalidText).toContain('WS 001-0001');
    expect(invalidText).not.toContain('WS 001-0002');
    expect(text).toContain('Wahlscheinverzeichnis');
    expect(text).toContain('WS 001-0002');
    expect(text).toContain('Neumann');
  });

  it('guards the CSV against formula injection', async () => {
    const person = { familyName: 'Neumann', givenNames: 'Paul', birthDate: '1991-03-03', address: { street: '=HYPERLINK("x")', houseNumber: '4', postalCode: '49808', city: 'Lingen (Ems)' } };
    await issue({ electionId: 'ltw-2027', channel: 'walk_in', voter: person, delivery: { kind: 'pickup_in_person' }, registerException: { ground: 'frist_versaeumt', intendedWahlbezirk: 2 } });
    const all = await t.call(clerk, 'briefwahl.verzeichnisCsv', { electionKey: 'ltw-2027', list: 'verzeichnis' });
    expect(all.csv).toContain(`"'=HYPERLINK(""x"") 4, 49808 Lingen (Ems)"`);
  });
});

/** A clerk who signs in again after the clock moved on (sessions expire, screens lock). */
async function clerkAt(t: TestCore, username: string): Promise<() => Promise<SessionHolder>> {
  await t.sessionAs('clerk', username);
  return async () => {
    const s = memorySessionHolder();
    await t.call(s, 'auth.login', { username, password: TEST_PASSWORD });
    return s;
  };
}

describe('Briefwahl deadlines', () => {
  it('refuses an application after the deadline, takes sudden illness until 15:00, and judges by the receipt', async () => {
    // Friday 8 October 2027, 12:30 CEST: before the Landtag deadline (13:00).
    const clock = manualClock(new Date('2027-10-08T10:30:00Z'));
    const t = await makeTestCore({ clock });
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const login = await clerkAt(t, 'frist');
    let clerk = await login();
    const early = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data: application(BRANDT) });

    clock.advance(60 * 60_000); // 13:30 CEST
    clerk = await login();
    const late = await t.core.dispatch('cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data: application(DETERS) }, clerk);
    expect(!late.ok && late.error.message).toContain('nach Ablauf der Antragsfrist am Freitag, 08.10.2027, 13:00 Uhr');

    // The case received at 12:30 is still issued after the deadline.
    await t.call(clerk, 'cases.recordPayment', { caseId: early.id, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    expect((await t.call(clerk, 'cases.issue', { caseId: early.id })).status).toBe('issued');

    const ill = application(DETERS, { suddenIllness: { reason: 'Beinbruch, kann das Wahllokal nicht erreichen', declaredInWriting: true } });
    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data: ill });
    expect(c.status).toBe('in_progress');

    clock.advance(Date.parse('2027-10-10T13:00:01Z') - clock.now().getTime()); // Sunday 15:00:01 CEST
    clerk = await login();
    const tooLate = await t.core.dispatch('cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data: application(DEMIR_O, { suddenIllness: ill.suddenIllness }) }, clerk);
    expect(!tooLate.ok && tooLate.error.message).toContain('nur bis Sonntag, 10.10.2027, 15:00 Uhr');
  });

  it('refuses to declare a not received Wahlschein invalid after the day before the election, 12:00', async () => {
    const clock = manualClock(new Date('2027-10-01T08:00:00Z'));
    const t = await makeTestCore({ clock });
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const login = await clerkAt(t, 'ersatz');
    let clerk = await login();
    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data: application(BRANDT) });
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    await t.call(clerk, 'cases.issue', { caseId: c.id });
    clock.advance(Date.parse('2027-10-09T10:00:01Z') - clock.now().getTime()); // Saturday 12:00:01 CEST
    clerk = await login();
    const r = await t.core.dispatch('briefwahl.invalidate', { electionKey: 'ltw-2027', number: 'WS 001-0001', reason: 'not_received', reasonText: 'nicht angekommen' }, clerk);
    expect(!r.ok && r.error.message).toContain('nur bis Samstag, 09.10.2027, 12:00 Uhr');
  });
});

describe('Briefwahl before the ballots exist', () => {
  it('records the application but issues no Wahlschein until the ballots are ready', async () => {
    const t = await makeTestCore();
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const clerk = await t.sessionAs('clerk');
    const db = openDatabase(t.dataDir);
    const election = getElectionByKey(db, 'ltw-2027')!;
    setBallotsReady(db, election.id, false, new Date().toISOString());
    const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data: application(BRANDT) });
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    const refused = await t.core.dispatch('cases.issue', { caseId: c.id }, clerk);
    expect(!refused.ok && refused.error.message).toContain('liegen die Stimmzettel noch nicht vor');
    expect((await t.call(clerk, 'cases.get', { caseId: c.id })).documents).toHaveLength(0);
    setBallotsReady(db, election.id, true, new Date().toISOString());
    db.close();
    const issued = await t.call(clerk, 'cases.issue', { caseId: c.id });
    expect(issued.documents[0]!.facts).toMatchObject({ wahlscheinNumber: 'WS 001-0001' });
  });
});

describe('Briefwahl online', () => {
  it('imports an online application to another address and takes it to issued with the notice to the home address', async () => {
    const clock = manualClock();
    const t = await makeTestCore({ clock });
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const clerk = await t.sessionAs('clerk');
    const applicant: OnlineApplicant = {
      familienname: DEMIR_B.familyName,
      vornamen: DEMIR_B.givenNames,
      geburtsdatum: DEMIR_B.birthDate,
      anschrift: { strasse: 'Castellstraße', hausnummer: '117', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    };
    const antrag = {
      electionId: 'ltw-2027',
      delivery: { kind: 'other_address', address: { street: 'Seestraße', houseNumber: '3', postalCode: '26548', city: 'Norderney', country: 'DE' } },
    };
    const db = openDatabase(t.dataDir);
    const settings = (await t.call(admin, 'settings.get', {})) as Settings;
    const caseId = importTestApplication(db, { serviceId: 'briefwahl', applicant, antrag, now: clock.now(), settings });
    db.close();

    const imported = await t.call(clerk, 'cases.get', { caseId });
    expect(imported).toMatchObject({ channel: 'online', deliveryMethod: 'post', feeCents: 0 });
    expect(imported.data).toMatchObject({ channel: 'online', voter: { familyName: 'Demir', givenNames: 'Büşra' } });
    expect(imported.tasks.map((x) => x.key)).toEqual(['notice:home']);

    await t.call(clerk, 'cases.transition', { caseId, to: 'in_progress' });
    await t.call(clerk, 'cases.recordPayment', { caseId, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    const issued = await t.call(clerk, 'cases.issue', { caseId });
    expect(issued.status).toBe('issued');
    expect(issued.documents[0]!.facts).toMatchObject({ wahlscheinNumber: 'WS 001-0001', voterNumber: '001-0005', delivery: 'other_address' });
    const voter = (await t.call(clerk, 'briefwahl.searchVoters', { electionKey: 'ltw-2027', familyName: 'Demir', givenNames: 'Büşra', birthDate: null, residentKennung: null }))[0]!;
    expect(voter.markedW).toBe(true);

    // The Wahlschein, then the notice letter to the home address.
    const pdf = await pdfOf(t, clerk, issued.documents[0]!.id, 'briefwahl-wahlschein-mit-mitteilung.pdf');
    expect(pdf.pages).toBe(2);
    const page2 = textLines(pdf.items.filter((i) => i.page === 2));
    const p2 = flat(page2.map((l) => l.text).join(' '));
    expect(p2).toContain('Mitteilung über die Versendung Ihrer Briefwahlunterlagen');
    expect(p2).toContain('Seestraße 3');
    expect(p2).toContain('26548 Norderney');
    // The home address in the DIN 5008 Form B address field (45–90 mm from the top, 20 mm from the left).
    const home = page2.find((l) => l.text.includes('Castellstraße 117'))!;
    expect(home.y).toBeGreaterThan(45);
    expect(home.bottom).toBeLessThan(90);
    expect(home.x).toBeGreaterThan(20);
    expect(home.x).toBeLessThan(30);

    // Sent as official election mail to the other address.
    const rules = rulesFor('briefwahl')!;
    const to = rules.postalRecipient!({ id: caseId, reference: imported.reference, data: imported.data, resident: null, applicantName: imported.applicantName, deliveryMethod: 'post', channel: 'online' });
    expect(to).toMatchObject({ city: 'Norderney', familyName: 'Demir', notes: ['Amtliche Wahlunterlagen'] });
  });
});

describe('Briefwahl online, collected by a proxy', () => {
  it('is issued only once the proxy has presented the Vollmacht at the counter', async () => {
    const t = await makeTestCore();
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const clerk = await t.sessionAs('clerk');
    const { voterNumber: _n, ...proxyVoter } = DEMIR_M;
    const applicant: OnlineApplicant = {
      familienname: proxyVoter.familyName,
      vornamen: proxyVoter.givenNames,
      geburtsdatum: proxyVoter.birthDate,
      anschrift: { strasse: 'Castellstraße', hausnummer: '117', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    };
    const { vollmachtPresent: _v, confirmsAtMostFourVoters: _c, ...onlineProxy } = PROXY;
    const db = openDatabase(t.dataDir);
    const settings = (await t.call(admin, 'settings.get', {})) as Settings;
    const caseId = importTestApplication(db, { serviceId: 'briefwahl', applicant, antrag: { electionId: 'ltw-2027', delivery: { kind: 'pickup_by_proxy', proxy: onlineProxy } }, submissionId: 'briefwahl-online-proxy', now: new Date(), settings });
    db.close();
    const imported = await t.call(clerk, 'cases.get', { caseId });
    expect(imported.deliveryMethod).toBe('counter');
    await t.call(clerk, 'cases.transition', { caseId, to: 'in_progress' });
    await t.call(clerk, 'cases.recordPayment', { caseId, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    const refused = await t.core.dispatch('cases.issue', { caseId }, clerk);
    expect(!refused.ok && refused.error.message).toContain('Jürgen Große kann die Unterlagen nur mit einer schriftlichen Vollmacht');

    const recorded = await t.call(clerk, 'briefwahl.recordProxyVollmacht', { caseId, vollmachtPresent: true, confirmsAtMostFourVoters: true });
    expect(recorded.history.at(-1)!.action).toContain('schriftliche Vollmacht liegt vor');
    const issued = await t.call(clerk, 'cases.issue', { caseId });
    expect(issued.documents[0]!.facts).toMatchObject({ wahlscheinNumber: 'WS 001-0001', delivery: 'pickup_by_proxy' });
    expect((await t.call(clerk, 'cases.handOver', { caseId })).status).toBe('closed');
    const rows = (await t.call(clerk, 'briefwahl.verzeichnis', { electionKey: 'ltw-2027', list: 'verzeichnis' })).rows;
    expect(rows[0]).toMatchObject({ delivery: 'Abgeholt durch Bevollmächtigte(n)', deliveryDetail: 'Jürgen Große' });
  });
});

describe('Briefwahl by post', () => {
  it('sends the Wahlschein through the print run as official election mail, issuing it in the run', async () => {
    const t = await makeTestCore();
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const clerk = await t.sessionAs('clerk');
    const c = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'briefwahl',
      residentId: null,
      deliveryMethod: 'counter',
      data: application(DETERS, { channel: 'post', delivery: { kind: 'home' } }),
    });
    expect(c.deliveryMethod).toBe('post');
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    const started = await t.call(clerk, 'dispatch.startRun', {});
    const run = await waitForRun(t, clerk, started.id);
    expect(run.message).toBeNull();
    expect(run.casesDispatched).toBe(1);
    const done = await t.call(clerk, 'cases.get', { caseId: c.id });
    expect(['dispatched', 'closed']).toContain(done.status);
    expect(done.documents.find((d) => d.docType === 'wahlschein')!.facts).toMatchObject({ wahlscheinNumber: 'WS 001-0001', voterNumber: '001-0008' });

    const dir = path.join(t.dataDir, 'ausgang');
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf')).map((f) => path.join(dir, f));
    files.forEach((f, i) => keep(`briefwahl-postversand-${i + 1}.pdf`, fs.readFileSync(f).toString('base64')));
    const texts = await Promise.all(files.map(async (f) => flat(fullText((await readPdf(fs.readFileSync(f))).items))));
    // The cover letter and the envelope carry the Vermerk, above the voter's home address.
    expect(texts.filter((x) => x.includes('Amtliche Wahlunterlagen') && x.includes('Burgstraße 2'))).toHaveLength(2);
    expect(texts.some((x) => x.includes('WS 001-0001'))).toBe(true);
  });
});
