import { beforeAll, describe, expect, it } from 'vitest';
import type { OnlineApplicant } from '../../../shared/domain/portal';
import type { Settings } from '../../../shared/domain/types';
import { GEWERBE_FEES, parseGewerbeanzeige, recipientsFor } from '../../../shared/services/gewerbe/index';
import { abmeldung, anmeldung, gbrAnmeldung, person, ummeldung } from '../../../shared/services/gewerbe/test-fixtures';
import { openDatabase } from '../db/connection';
import { ADDRESS_TEXT_INSET, FORM_B } from '../documents/din5008';
import { fullText, readPdf, textLines } from '../documents/pdf-text';
import { importTestApplication } from '../portal/test-import';
import { makeTestCore, manualClock, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { gewerbeApplicantName, taskOf } from './gewerbe';
import { rulesFor } from './index';

// Wed 25.11.2026, 10:00 CET.
const TODAY = '2026-11-25';

/** A sole trader opening a shop, received today (the fixture's DIN 91379 names). */
const soleTrader = () => anmeldung({ receivedOn: TODAY, startDate: '2026-12-01' });

function settingsWith(fees: Record<string, number>): Settings {
  return { fees } as unknown as Settings;
}

describe('Gewerbeanzeigen: fees', () => {
  const table: [string, Record<string, unknown>, Record<string, number>, number][] = [
    ['gewerbe-anmeldung', anmeldung(), {}, 2600],
    ['gewerbe-ummeldung', ummeldung(), {}, 2600],
    ['gewerbe-abmeldung', abmeldung(), {}, 2000],
    ['gewerbe-anmeldung', gbrAnmeldung(), {}, 2600], // one notice, one fee — also for three partners
    ['gewerbe-anmeldung', anmeldung(), { 'gewerbe.anmeldung': 3000 }, 3000],
    ['gewerbe-ummeldung', ummeldung(), { 'gewerbe.ummeldung': 2800 }, 2800],
    ['gewerbe-abmeldung', abmeldung(), { 'gewerbe.abmeldung': 2600, 'gewerbe.anmeldung': 1 }, 2600],
  ];
  it.each(table)('%s with configured fees %j', (serviceId, data, fees, cents) => {
    const rules = rulesFor(serviceId)!;
    expect(rules.fee(data, settingsWith(fees))).toBe(cents);
    expect(rules.waiverReason(data)).toBeNull();
  });

  it('has the defaults of DOMAIN.md', () => {
    expect(GEWERBE_FEES.GewA1.cents).toBe(2600);
    expect(GEWERBE_FEES.GewA2.cents).toBe(2600);
    expect(GEWERBE_FEES.GewA3.cents).toBe(2000);
  });

  it('names the applicant: the sole trader with the trade name, else the business', () => {
    expect(gewerbeApplicantName(parseGewerbeanzeige(anmeldung()))).toBe('Żółkiewski-Ørsted, Łukasz Ödön (Ödöns Fahrradwerkstatt)');
    expect(gewerbeApplicantName(parseGewerbeanzeige(anmeldung({ business: { name: '', legalForm: 'einzelunternehmen' } })))).toBe(
      'Żółkiewski-Ørsted, Łukasz Ödön',
    );
    expect(gewerbeApplicantName(parseGewerbeanzeige(gbrAnmeldung()))).toBe('Güneş, Kuipers & Große Café GbR');
    expect(gewerbeApplicantName(parseGewerbeanzeige(ummeldung()))).toBe('Emsland Elektrotechnik GmbH');
  });

  it('sends the certificate of a postal case to the business, and of an Abmeldung to the person at home', () => {
    const c = (serviceId: string, data: Record<string, unknown>) =>
      rulesFor(serviceId)!.postalRecipient!({ id: 1, reference: 'BB', data, resident: null, applicantName: '', deliveryMethod: 'post', channel: 'walk_in' });
    expect(c('gewerbe-anmeldung', anmeldung())).toMatchObject({ organisation: 'Ödöns Fahrradwerkstatt', street: 'Lookenstraße', houseNumber: '12' });
    expect(c('gewerbe-abmeldung', abmeldung())).toMatchObject({ familyName: 'Weiß', street: 'Burgstraße', houseNumber: '21a' });
  });
});

describe('Gewerbeanzeigen at the counter and online', () => {
  const clock = manualClock(new Date('2026-11-25T09:00:00Z'));
  let t: TestCore;
  let admin: SessionHolder;
  let clerk: SessionHolder;

  beforeAll(async () => {
    t = await makeTestCore({ clock });
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
  });

  const create = (serviceId: string, data: Record<string, unknown>, deliveryMethod: 'counter' | 'post' = 'counter') =>
    t.core.dispatch('cases.createWalkIn', { serviceId, residentId: null, data, deliveryMethod }, clerk);

  it('counts the § 15 deadline from the day a notice sent by post arrived, as the form records it', async () => {
    // Received Friday 20.11.: three days → Mon 23.11. (the weekend is not counted), 24:00 CET; typed in on 25.11.
    const created = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'gewerbe-anmeldung',
      residentId: null,
      data: anmeldung({ receivedOn: '2026-11-20', startDate: '2026-12-01' }),
    });
    expect(created.legalDeadlineAt).toBe('2026-11-23T23:00:00.000Z');
    expect(created.due).toBe('overdue');
  });

  it('files a GewA 1 of a sole trader without a person from the register, through to closed', async () => {
    const created = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'gewerbe-anmeldung', residentId: null, data: soleTrader() });
    expect(created).toMatchObject({
      status: 'in_progress',
      feeCents: 2600,
      residentId: null,
      applicantName: 'Żółkiewski-Ørsted, Łukasz Ödön (Ödöns Fahrradwerkstatt)',
      // § 15 Abs. 1 GewO: three days from Wed 25.11. → Sat 28.11. → Mon 30.11., 24:00 CET.
      legalDeadlineAt: '2026-11-30T23:00:00.000Z',
    });
    // The queue lists it with that deadline.
    const queue = await t.call(clerk, 'cases.list', { serviceId: 'gewerbe-anmeldung' });
    expect(queue.items.find((c) => c.id === created.id)).toMatchObject({ legalDeadlineAt: '2026-11-30T23:00:00.000Z' });

    // The bodies of § 3 GewAnzV and § 138 AO as open tasks, in the order of recipientsFor.
    expect(created.tasks.map((x) => x.key)).toEqual([
      'recipient:ihk',
      'recipient:gewerbeaufsicht',
      'recipient:eichbehoerde',
      'recipient:arbeitsagentur',
      'recipient:dguv',
      'recipient:statistik',
      'recipient:finanzamt',
    ]);
    expect(created.tasks.every((x) => x.state === 'open')).toBe(true);
    const ihk = created.tasks[0]!;
    expect(ihk.label).toBe('Weitergabe an Industrie- und Handelskammer Osnabrück – Emsland – Grafschaft Bentheim');
    expect(ihk.detail).toContain('§ 3 Abs. 1 Nr. 1 GewAnzV');
    expect(ihk.detail).toContain('alle Angaben außer den Feldern 13, 27, 29 bis 31 und 33 (Anlage 1 GewAnzV)');
    expect(created.tasks.find((x) => x.key === 'recipient:statistik')!.detail).toContain('spätestens am ersten Arbeitstag des Folgemonats');

    const paid = await t.call(clerk, 'cases.recordPayment', { caseId: created.id, method: 'cash' });
    expect(paid.payments[0]).toMatchObject({ method: 'cash', amountCents: 2600 });

    const preview = await readPdf(Buffer.from((await t.call(clerk, 'cases.previewDocument', { caseId: created.id })).pdfBase64, 'base64'));
    expect(fullText(preview.items)).toContain('VORSCHAU');

    const issued = await t.call(clerk, 'cases.issue', { caseId: created.id });
    expect(issued.status).toBe('issued');
    expect(issued.documents).toHaveLength(1);
    expect(issued.documents[0]).toMatchObject({ docType: 'gewerbeEmpfangsbescheinigung', number: expect.stringMatching(/^GA-2026-\d{6}$/) });
    expect(issued.printJobs[0]).toMatchObject({ state: 'completed' });

    // The stored PDF read back: title, key data, fee as paid, the bodies, and the address in the DL window.
    const doc = await t.call(clerk, 'documents.get', { documentId: issued.documents[0]!.id });
    const pdf = await readPdf(Buffer.from(doc.pdfBase64, 'base64'));
    const text = fullText(pdf.items).replace(/[ \u00a0]+/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Empfangsbescheinigung');
    expect(text).toContain('nach § 15 Abs. 1 Gewerbeordnung (GewO) – Gewerbe-Anmeldung (GewA 1)');
    expect(text).toContain('Ihre Gewerbe-Anmeldung ist am 25.11.2026 bei der');
    expect(text).toContain('Ödöns Fahrradwerkstatt');
    expect(text.normalize('NFC')).toContain('Dr. Łukasz Ödön Żółkiewski-Ørsted, geboren am 29.02.1984'.normalize('NFC'));
    expect(text).toContain('Beginn der Tätigkeit 01.12.2026');
    expect(text).toContain('Die Empfangsbescheinigung ist keine Genehmigung.');
    expect(text).toContain('Gebühr für die Bearbeitung der Anzeige: 26,00 €, bezahlt am 25.11.2026.');
    expect(text).toContain('Finanzamt Lingen (Ems)');
    expect(text).toContain(issued.documents[0]!.number);
    expect(text).toContain(created.reference);
    const lines = textLines(pdf.items.filter((i) => i.page === 1 && i.x < 120));
    const zone = FORM_B.recipientZone;
    for (const want of ['Ödöns Fahrradwerkstatt', 'Dr. Łukasz Ödön Żółkiewski-Ørsted', 'Lookenstraße 12', '49808 Lingen (Ems)']) {
      const l = lines.find((x) => x.text.normalize('NFC').replace(/\s+/g, ' ').trim() === want.normalize('NFC'));
      expect(l, want).toBeTruthy();
      expect(Math.abs(l!.x - (zone.x + ADDRESS_TEXT_INSET))).toBeLessThan(1);
      expect(l!.y).toBeGreaterThan(zone.y - 1);
      expect(l!.bottom).toBeLessThan(zone.y + zone.height + 1);
    }

    // The clerk passes the notice on and marks each body done, then hands the certificate over.
    let d = issued;
    for (const task of issued.tasks) d = await t.call(clerk, 'cases.updateTask', { caseId: created.id, taskKey: task.key, state: 'done', note: null });
    expect(d.tasks.every((x) => x.state === 'done')).toBe(true);
    expect(d.history.some((h) => h.action === 'Aufgabe „Weitergabe an Finanzamt Lingen (Ems)“: erledigt')).toBe(true);
    const closed = await t.call(clerk, 'cases.handOver', { caseId: created.id });
    expect(closed.status).toBe('closed');
  });

  it('records the tasks recipientsFor names: HWK and the Handwerksrolle check for a craft, the Registergericht for a registered Abmeldung', async () => {
    const craft = ummeldung({
      receivedOn: TODAY,
      changeDate: TODAY,
      activity: { description: 'Elektroinstallation und Photovoltaik', craft: 'A', itinerant: true },
    });
    const um = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'gewerbe-ummeldung', residentId: null, data: craft });
    const expected = recipientsFor(parseGewerbeanzeige(craft)).map(taskOf);
    expect(um.tasks.map(({ key, label, detail }) => ({ key, label, detail }))).toEqual(expected);
    expect(um.tasks.map((x) => x.key)).toEqual(expect.arrayContaining(['recipient:hwk', 'recipient:finanzamt', 'check:handwerksrolle', 'check:reisegewerbe']));
    expect(um.tasks.map((x) => x.key)).not.toContain('recipient:ihk');

    const ab = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'gewerbe-abmeldung',
      residentId: null,
      data: abmeldung({ receivedOn: TODAY, endDate: '2026-11-20' }),
    });
    expect(ab.feeCents).toBe(2000);
    expect(ab.tasks.find((x) => x.key === 'recipient:registergericht')!.label).toBe('Weitergabe an Amtsgericht Osnabrück – Registergericht');
  });

  it('refuses an Abmeldung dated more than four weeks back without a reason, and creates nothing', async () => {
    const before = (await t.call(clerk, 'cases.list', { includeFinished: true })).total;
    const late = abmeldung({ receivedOn: TODAY, endDate: '2026-10-15' });
    const r = await create('gewerbe-abmeldung', late);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toBe(
      'Das Datum der Betriebsaufgabe (15.10.2026) liegt mehr als vier Wochen vor dem Eingang der Anzeige (25.11.2026). ' +
        'Die Anzeige ist gleichzeitig mit der Aufgabe zu erstatten (§ 14 Abs. 1 GewO); bitte den Grund der verspäteten Anzeige angeben.',
    );
    expect(r.error.fields?.[0]?.path).toBe('data.lateNoticeReason');
    expect((await t.call(clerk, 'cases.list', { includeFinished: true })).total).toBe(before);

    const withReason = await create('gewerbe-abmeldung', { ...late, lateNoticeReason: 'Krankenhausaufenthalt bis Mitte November' });
    expect(withReason.ok).toBe(true);
  });

  it('refuses a receipt date in the future (the date rules run from it)', async () => {
    const r = await create('gewerbe-anmeldung', anmeldung({ receivedOn: '2026-11-26', startDate: '2026-12-01' }));
    expect(!r.ok && r.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Das Eingangsdatum der Anzeige (26.11.2026) liegt in der Zukunft'),
      fields: [{ path: 'data.receivedOn' }],
    });
  });

  it('refuses the data of another form under a service, and a partnership with one partner', async () => {
    const wrong = await create('gewerbe-anmeldung', abmeldung({ receivedOn: TODAY }));
    expect(wrong.ok).toBe(false);
    const gbr = await create('gewerbe-anmeldung', gbrAnmeldung({ receivedOn: TODAY, startDate: TODAY, persons: [person({ role: 'gesellschafter' })] }));
    expect(!gbr.ok && gbr.error.message).toContain('sind alle Gesellschafterinnen und Gesellschafter anzugeben (mindestens zwei)');
  });

  it('imports an online GewA 1 with its tasks and takes it to issued by post', async () => {
    const applicant: OnlineApplicant = {
      familienname: 'Żółkiewski-Ørsted',
      vornamen: 'Łukasz Ödön',
      geburtsdatum: '1984-02-29',
      anschrift: { strasse: 'Burgstraße', hausnummer: '21a', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    };
    const { customsIndications: _none, ...antrag } = gbrAnmeldung({ receivedOn: TODAY, startDate: '2026-12-01' });
    const db = openDatabase(t.dataDir);
    const settings = (await t.call(admin, 'settings.get', {})) as Settings;
    const caseId = importTestApplication(db, { serviceId: 'gewerbe-anmeldung', applicant, antrag, now: clock.now(), settings });
    db.close();

    const imported = await t.call(clerk, 'cases.get', { caseId });
    expect(imported).toMatchObject({ channel: 'online', deliveryMethod: 'post', feeCents: 2600, legalDeadlineAt: '2026-11-30T23:00:00.000Z' });
    // caseDataFromOnline: the clerk's finding for the customs administration starts as "none".
    expect(imported.data.customsIndications).toBe(false);
    // The café handles food: the Lebensmittelüberwachung is among the bodies.
    expect(imported.tasks.map((x) => x.key)).toEqual(recipientsFor(parseGewerbeanzeige({ ...antrag, customsIndications: false })).map((x) => taskOf(x).key));
    expect(imported.tasks.map((x) => x.key)).toContain('recipient:lebensmittel');

    await t.call(clerk, 'cases.transition', { caseId, to: 'in_progress' });
    const ready = await t.call(clerk, 'cases.markReadyForPost', { caseId });
    expect(ready.status).toBe('ready');
    const issued = await t.call(clerk, 'cases.issue', { caseId });
    expect(issued.status).toBe('issued');
    const doc = await t.call(clerk, 'documents.get', { documentId: issued.documents[0]!.id });
    const text = fullText((await readPdf(Buffer.from(doc.pdfBase64, 'base64'))).items).replace(/[ \u00a0]+/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Güneş, Kuipers & Große Café GbR');
    expect(text).toContain('Gebühr: 26,00 € – hierüber erhalten Sie einen gesonderten Gebührenbescheid.');
    expect(text).toContain('Landkreis Emsland – Veterinärwesen und Lebensmittelüberwachung');
  });
});

describe('the § 15 GewO deadline in the queue', () => {
  it('marks a Gewerbe case due on the last day of the three and overdue after it', async () => {
    const clock = manualClock(new Date('2026-11-25T09:00:00Z'));
    const t = await makeTestCore({ clock });
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    const c = await t.call(await t.sessionAs('clerk', 'frist'), 'cases.createWalkIn', { serviceId: 'gewerbe-anmeldung', residentId: null, data: soleTrader() });
    const dueOn = async (iso: string) => {
      clock.advance(Date.parse(iso) - clock.now().getTime());
      const s = memorySessionHolder();
      await t.call(s, 'auth.login', { username: 'frist', password: TEST_PASSWORD });
      return (await t.call(s, 'cases.list', { serviceId: 'gewerbe-anmeldung' })).items.find((x) => x.id === c.id)!.due;
    };
    expect(await dueOn('2026-11-27T09:00:00Z')).toBeNull();
    expect(await dueOn('2026-11-30T09:00:00Z')).toBe('today'); // Mon 30.11.: the Saturday deadline moved to Monday
    expect(await dueOn('2026-12-01T09:00:00Z')).toBe('overdue');
  });
});
