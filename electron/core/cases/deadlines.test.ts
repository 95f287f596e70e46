import { beforeAll, describe, expect, it } from 'vitest';
import type { OnlineApplicant } from '../../../shared/domain/portal';
import { anmeldung as gewA1 } from '../../../shared/services/gewerbe/test-fixtures';
import { openDatabase, inTransaction } from '../db/connection';
import { importOnlineCase } from '../portal/import-case';
import { recordSubmission } from '../portal/submissions';
import { getSettings } from '../settings/settings';
import { makeTestCore, manualClock, tempDir, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { getCaseRow, insertCase } from './repository';
import { changeStatus } from './status';

describe('target dates and legal deadlines of cases', () => {
  // Fri 27.03.2026, 10:00 CET — two days before the change to summer time.
  const clock = manualClock(new Date('2026-03-27T09:00:00Z'));
  let t: TestCore;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  let residentId: number;

  beforeAll(async () => {
    t = await makeTestCore({ clock });
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk', 'fristen');
    residentId = (await t.call(clerk, 'residents.search', { name: 'Lukasz Kowalski' }))[0]!.id;
  });

  /** Moves the clock (sessions end after hours) and signs the clerk and the admin in again. */
  async function advanceTo(iso: string) {
    clock.advance(Date.parse(iso) - clock.now().getTime());
    const login = async (username: string) => {
      const s = memorySessionHolder();
      await t.call(s, 'auth.login', { username, password: TEST_PASSWORD });
      return s;
    };
    clerk = await login('fristen');
    admin = await login('admin');
  }

  const walkIn = () =>
    t.call(clerk, 'cases.createWalkIn', { serviceId: 'meldebescheinigung', residentId, data: { kind: 'einfach', purpose: 'arbeitgeber' } });

  it('gives a walk-in case its target date; waiting stops the clock and resuming moves the date on', async () => {
    const created = await walkIn();
    // Meldebescheinigung: 1 working day → Mon 30.03.; no legal deadline.
    expect(created).toMatchObject({ targetDate: '2026-03-30', legalDeadlineAt: null, waitingSince: null });

    await advanceTo('2026-03-27T14:00:00Z'); // Fri 15:00 CET
    const waiting = await t.call(clerk, 'cases.transition', { caseId: created.id, to: 'waiting', reason: 'Nachweis fehlt' });
    expect(waiting).toMatchObject({ status: 'waiting', waitingSince: '2026-03-27T14:00:00.000Z', targetDate: '2026-03-30' });

    // Resumed Tue 31.03., 09:00 CEST: Mon and Tue were waited (2 working days) → target Wed 01.04.
    await advanceTo('2026-03-31T07:00:00Z');
    const resumed = await t.call(clerk, 'cases.transition', { caseId: created.id, to: 'in_progress' });
    expect(resumed).toMatchObject({ status: 'in_progress', waitingSince: null, targetDate: '2026-04-01', legalDeadlineAt: null });
    const entry = resumed.history.at(-1)!;
    expect(entry).toMatchObject({ fromStatus: 'waiting', toStatus: 'in_progress' });
    expect(entry.action).toContain('Fristen verschoben auf Bearbeitungsziel 01.04.2026 (2 Arbeitstage gewartet)');
    expect(entry.details).toMatchObject({ deadlines: { targetDate: '2026-04-01', legalDeadlineAt: null, waitedWorkingDays: 2 } });

    // A wait within the same day moves nothing.
    await t.call(clerk, 'cases.transition', { caseId: created.id, to: 'waiting', reason: 'Rückruf' });
    await advanceTo('2026-03-31T09:00:00Z');
    const again = await t.call(clerk, 'cases.transition', { caseId: created.id, to: 'in_progress' });
    expect(again).toMatchObject({ targetDate: '2026-04-01', waitingSince: null });
    expect(again.history.at(-1)!.details).toMatchObject({ deadlines: { waitedWorkingDays: 0 } });
  });

  it('applies a changed configuration to new cases only; statutory deadlines cannot be changed', async () => {
    await advanceTo('2026-04-07T08:00:00Z'); // Tue after Easter, 10:00 CEST
    const before = await walkIn();
    expect(before.targetDate).toBe('2026-04-08');
    const configs = await t.call(clerk, 'deadlines.get', {});
    expect(configs['meldebescheinigung']).toEqual({ targetWorkingDays: 1, legalWorkingDays: null, retentionMonths: 6 });
    expect(configs['gewerbe-anmeldung']).toMatchObject({ legalWorkingDays: 3 });

    const denied = await t.core.dispatch('deadlines.update', { meldebescheinigung: { ...configs['meldebescheinigung']!, targetWorkingDays: 5 } }, clerk);
    expect(denied.ok).toBe(false);

    const saved = await t.call(admin, 'deadlines.update', {
      meldebescheinigung: { targetWorkingDays: 5, legalWorkingDays: 10, retentionMonths: 6 },
    });
    expect(saved['meldebescheinigung']).toEqual({ targetWorkingDays: 5, legalWorkingDays: 10, retentionMonths: 6 });

    const after = await walkIn();
    expect(after).toMatchObject({ targetDate: '2026-04-14', legalDeadlineAt: '2026-04-21T22:00:00.000Z' });
    expect((await t.call(clerk, 'cases.get', { caseId: before.id })).targetDate).toBe(before.targetDate);

    const statutory = await t.core.dispatch(
      'deadlines.update',
      { 'gewerbe-anmeldung': { targetWorkingDays: 3, legalWorkingDays: 5, retentionMonths: 60 } },
      admin,
    );
    expect(!statutory.ok && statutory.error.code).toBe('INVALID_INPUT');
    expect(!statutory.ok && statutory.error.message).toContain('§ 15 Abs. 1 GewO');
  });
});

describe('online Gewerbe notices get the legal deadline of § 15 Abs. 1 GewO', () => {
  const APPLICANT: OnlineApplicant = {
    familienname: 'Kowalski',
    vornamen: 'Łukasz',
    geburtsdatum: '1985-03-14',
    anschrift: { strasse: 'Lookenstraße', hausnummer: '12', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    email: 'lukasz.kowalski@example.org',
  };

  const submission = (submissionId: string) => ({
    submissionId,
    portalCaseId: `case-${submissionId}`,
    destinationId: 'dest-1',
    serviceIdentifier: 'urn:de:fim:leika:leistung:99050012104000',
    serviceId: 'gewerbe-anmeldung',
    metadata: {},
    data: { antragsteller: APPLICANT, antrag: gewA1() },
    attachments: [],
  });

  it('runs from the import, or from the first listing when that was earlier', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const settings = getSettings(db, dir);
    // Received Wed 25.11.2026, 10:00: three days → Sat 28.11. → Mon 30.11., 24:00 (CET).
    const a = inTransaction(db, () => importOnlineCase(db, submission('sub-a'), new Date('2026-11-25T09:00:00Z'), settings));
    expect(getCaseRow(db, a)).toMatchObject({ target_date: '2026-11-30', legal_deadline_at: '2026-11-30T23:00:00.000Z', waiting_since: null });

    // Listed Tue 24.11. (the first import attempt failed), imported Wed: three days from Tuesday → Fri 27.11.
    recordSubmission(db, { submissionId: 'sub-b', caseId: 'case-sub-b', destinationId: 'dest-1' }, '2026-11-24T09:00:00.000Z');
    const b = inTransaction(db, () => importOnlineCase(db, submission('sub-b'), new Date('2026-11-25T09:00:00Z'), settings));
    expect(getCaseRow(db, b)).toMatchObject({ target_date: '2026-11-27', legal_deadline_at: '2026-11-27T23:00:00.000Z' });

    // Waiting from Thu 26.11. to Tue 01.12. (Fri, Mon, Tue: 3 working days) moves both dates.
    inTransaction(db, () => {
      const row = getCaseRow(db, b)!;
      changeStatus(db, row, 'in_progress', { userId: null, at: '2026-11-26T08:00:00.000Z' });
      changeStatus(db, row, 'waiting', { userId: null, at: '2026-11-26T09:00:00.000Z', reason: 'Vollmacht fehlt' });
    });
    expect(getCaseRow(db, b)!.waiting_since).toBe('2026-11-26T09:00:00.000Z');
    inTransaction(db, () => changeStatus(db, getCaseRow(db, b)!, 'in_progress', { userId: null, at: '2026-12-01T10:00:00.000Z' }));
    expect(getCaseRow(db, b)).toMatchObject({ target_date: '2026-12-02', legal_deadline_at: '2026-12-02T23:00:00.000Z', waiting_since: null });
    db.close();
  });

  it('leaves cases without dates without dates, and clears waiting_since', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const id = insertCase(db, {
      reference: 'BB-2026-900001',
      serviceId: 'hundesteuer-anmeldung',
      channel: 'post',
      siteId: 1,
      residentId: null,
      applicantName: 'Alt, Vorgang',
      data: {},
      deliveryMethod: 'post',
      feeCents: 0,
      userId: null,
      at: '2026-11-02T09:00:00.000Z',
    });
    inTransaction(db, () => {
      const row = getCaseRow(db, id)!;
      changeStatus(db, row, 'in_progress', { userId: null, at: '2026-11-02T09:00:00.000Z' });
      changeStatus(db, row, 'waiting', { userId: null, at: '2026-11-02T10:00:00.000Z', reason: 'Unterlagen fehlen' });
      changeStatus(db, row, 'cancelled', { userId: null, at: '2026-11-09T10:00:00.000Z', reason: 'Antrag zurückgezogen' });
    });
    expect(getCaseRow(db, id)).toMatchObject({ status: 'cancelled', target_date: null, legal_deadline_at: null, waiting_since: null });
    db.close();
  });
});
