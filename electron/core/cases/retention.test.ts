import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { BANK, postCase, waitForRun } from '../dispatch/test-helpers';
import { RawSubmissionStore } from '../portal/raw-store';
import { makeTestCore, manualClock, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { ANONYMISED_RECIPIENT, dueCutoff, isDueOn, retentionEnd } from './retention';

describe('retention period arithmetic (Europe/Berlin days, §§ 187, 188 BGB)', () => {
  it.each([
    // finished, months, today, due
    ['2025-03-15', 12, '2026-03-15', false],
    ['2025-03-15', 12, '2026-03-16', true],
    ['2026-01-31', 1, '2026-02-28', false],
    ['2026-01-31', 1, '2026-03-01', true], // 31.01. + 1 Monat = 28.02.
    ['2024-02-29', 12, '2025-03-01', true], // 29.02. + 12 Monate = 28.02.
    ['2024-02-29', 12, '2025-02-28', false],
    ['2026-01-10', 6, '2026-07-10', false],
    ['2026-01-10', 6, '2026-07-11', true],
    ['2021-12-31', 60, '2027-01-01', true],
  ])('finished %s, %i months: on %s due = %s', (finished, months, today, due) => {
    expect(isDueOn(finished, months, today)).toBe(due);
  });

  it('gives the day the period ended', () => {
    expect(retentionEnd('2026-01-31', 1)).toBe('2026-02-28');
    expect(retentionEnd('2025-03-15', 12)).toBe('2026-03-15');
  });

  it('turns the last due day into the instant a case must have been finished before (Berlin midnight)', () => {
    // Due on 01.03.2026 with 1 month: finished up to 31.01. → before 01.02. 00:00 CET
    expect(dueCutoff(1, '2026-03-01')).toBe('2026-01-31T23:00:00.000Z');
    // Due on 11.07.2026 with 6 months: finished up to 10.01. → before 11.01. 00:00 CET
    expect(dueCutoff(6, '2026-07-11')).toBe('2026-01-10T23:00:00.000Z');
    // Summer time: due on 30.04.2027 with 12 months: finished up to 29.04.2026 → before 30.04. 00:00 CEST
    expect(dueCutoff(12, '2027-04-30')).toBe('2026-04-29T22:00:00.000Z');
  });
});

describe('retention: due list and purge', () => {
  const clock = manualClock(new Date('2026-01-10T09:00:00Z'));
  let t: TestCore;
  let db: Database.Database;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  const ids = { closed: 0, cancelled: 0, open: 0, dispatched: 0, online: 0 };
  const submissionId = '7b0f3c52-2d5e-4c0a-9f0e-1d2b3c4d5e6f';
  let months = 0;
  let logDate = '';

  async function login(username: string): Promise<SessionHolder> {
    const s = memorySessionHolder();
    await t.call(s, 'auth.login', { username, password: TEST_PASSWORD });
    return s;
  }

  async function walkIn(): Promise<number> {
    const found = await t.call(clerk, 'residents.search', { name: 'Erika Mustermann' });
    const c = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'meldebescheinigung',
      residentId: found[0]!.id,
      data: { kind: 'einfach', purpose: 'arbeitgeber' },
    });
    return c.id;
  }

  async function closedWalkIn(): Promise<number> {
    const id = await walkIn();
    await t.call(clerk, 'cases.recordPayment', { caseId: id, method: 'cash' });
    await t.call(clerk, 'cases.issue', { caseId: id });
    await t.call(clerk, 'cases.handOver', { caseId: id });
    return id;
  }

  const count = (table: string, where = '1', ...params: unknown[]) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;

  function snapshot() {
    return {
      cases: count('cases'),
      statistics: count('case_statistics'),
      documents: count('documents'),
      history: count('case_history'),
      attachments: count('case_attachments'),
      anonymisedLog: count('dispatch_log', 'case_id IS NULL'),
      raw: fs.existsSync(path.join(t.dataDir, 'portal', 'eingang', `${submissionId}.json`)),
    };
  }

  beforeAll(async () => {
    t = await makeTestCore({ clock });
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    await t.call(admin, 'settings.update', { bank: BANK });
    await t.sessionAs('clerk', 'clara');
    clerk = await login('clara');
    db = openDatabase(t.dataDir);
    const configs = await t.call(admin, 'deadlines.get', {});
    months = 6;
    await t.call(admin, 'deadlines.update', { meldebescheinigung: { ...configs.meldebescheinigung!, retentionMonths: months } });

    ids.closed = await closedWalkIn();
    ids.cancelled = await walkIn();
    await t.call(clerk, 'cases.transition', { caseId: ids.cancelled, to: 'cancelled', reason: 'Antrag zurückgezogen' });
    ids.open = await walkIn();
    ids.dispatched = await postCase(t, clerk, 'Søren Østergaard', { registered: 'einwurf' });
    const run = await t.call(clerk, 'dispatch.startRun', { caseIds: [ids.dispatched] });
    expect((await waitForRun(t, clerk, run.id)).state).toBe('completed');
    const log = db.prepare('SELECT id, dispatch_date FROM dispatch_log WHERE case_id = ?').get(ids.dispatched) as { id: number; dispatch_date: string };
    logDate = log.dispatch_date;
    await t.call(clerk, 'dispatch.setRegisteredNumber', { logId: log.id, number: 'RR 47312482 9 DE' });

    // An online case: portal record, online info, an attachment and the raw encrypted submission in the data folder.
    ids.online = await closedWalkIn();
    db.prepare(`UPDATE cases SET channel = 'online', portal_submission_id = ? WHERE id = ?`).run(submissionId, ids.online);
    db.prepare(
      `INSERT INTO portal_submissions (submission_id, portal_case_id, destination_id, state, case_id, received_at, updated_at)
       VALUES (?, 'pc-1', 'dest-1', 'accepted', ?, ?, ?)`,
    ).run(submissionId, ids.online, '2026-01-09T08:00:00.000Z', '2026-01-09T08:00:00.000Z');
    db.prepare('INSERT INTO online_case_info (case_id, submission_id, info) VALUES (?, ?, ?)').run(ids.online, submissionId, '{"applicant":"Erika"}');
    db.prepare(
      `INSERT INTO case_attachments (case_id, attachment_id, filename, mime_type, purpose, size, sha512, content)
       VALUES (?, 'a-1', 'ausweis.pdf', 'application/pdf', 'attachment', 4, 'x', ?)`,
    ).run(ids.online, Buffer.from('%PDF'));
    new RawSubmissionStore(t.dataDir).save({
      submission: { destinationId: 'dest-1', submissionId, caseId: 'pc-1', serviceType: { identifier: 'urn:x' } },
      attachments: {},
    });
  });

  afterAll(() => {
    db?.close();
    t?.core.close();
  });

  async function at(instant: string): Promise<void> {
    clock.advance(new Date(instant).getTime() - clock.now().getTime());
    admin = await login('admin'); // the old sessions expired meanwhile
  }

  it('lists nothing before the period ended', async () => {
    await at('2026-07-10T21:59:59.000Z'); // 10.07. 23:59:59 in Berlin
    expect(await t.call(admin, 'retention.due', {})).toEqual([]);
  });

  it('lists the finished cases (closed, cancelled, dispatched) from the day after the period ended, never open ones', async () => {
    await at('2026-07-10T22:00:00.000Z'); // 11.07. 00:00 in Berlin
    const due = await t.call(admin, 'retention.due', {});
    expect(due.map((d) => d.caseId).sort((a, b) => a - b)).toEqual([ids.closed, ids.cancelled, ids.dispatched, ids.online].sort((a, b) => a - b));
    expect(due[0]).toMatchObject({ serviceId: 'meldebescheinigung', serviceName: expect.stringContaining('Meldebescheinigung'), dueSince: '2026-07-10' });
    expect(due.every((d) => /^BB-2026-\d{6}$/.test(d.reference))).toBe(true);
    // The oldest finished first.
    expect([...due].sort((a, b) => a.closedAt.localeCompare(b.closedAt))).toEqual(due);
  });

  it('follows the configured retention period', async () => {
    const configs = await t.call(admin, 'deadlines.get', {});
    await t.call(admin, 'deadlines.update', { meldebescheinigung: { ...configs.meldebescheinigung!, retentionMonths: 7 } });
    expect(await t.call(admin, 'retention.due', {})).toEqual([]);
    await t.call(admin, 'deadlines.update', { meldebescheinigung: { ...configs.meldebescheinigung!, retentionMonths: months } });
    expect(await t.call(admin, 'retention.due', {})).toHaveLength(4);
  });

  it('refuses the whole request when one case is not due, deleting nothing', async () => {
    const before = snapshot();
    const r = await t.core.dispatch('retention.purge', { caseIds: [ids.closed, ids.open] }, admin);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.message).toMatch(/^Ein Vorgang ist nicht zur Löschung fällig: BB-2026-\d{6}\. Es wurde nichts gelöscht\.$/);
    const missing = await t.core.dispatch('retention.purge', { caseIds: [ids.closed, 999_999] }, admin);
    expect(!missing.ok && missing.error.message).toContain('Nr. 999999 (nicht vorhanden)');
    expect(snapshot()).toEqual(before);
  });

  it('leaves nothing half-done when a deletion fails midway', async () => {
    const before = snapshot();
    db.exec(`CREATE TRIGGER test_fail_delete BEFORE DELETE ON cases WHEN OLD.id = ${ids.online} BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    try {
      const r = await t.core.dispatch('retention.purge', { caseIds: [ids.closed, ids.dispatched, ids.online] }, admin);
      expect(!r.ok && r.error.code).toBe('INTERNAL');
    } finally {
      db.exec('DROP TRIGGER test_fail_delete');
    }
    expect(snapshot()).toEqual(before);
    expect(count('dispatch_log', 'case_id = ? AND recipient_name != ?', ids.dispatched, ANONYMISED_RECIPIENT)).toBe(1);
  });

  it('deletes due cases with everything that belongs to them and keeps an anonymous statistic', async () => {
    const before = snapshot();
    const purge = [ids.closed, ids.cancelled, ids.dispatched, ids.online];
    const fees = db.prepare(`SELECT id, fee_cents FROM cases WHERE id IN (${purge.join(',')})`).all() as { id: number; fee_cents: number }[];
    expect(await t.call(admin, 'retention.purge', { caseIds: purge })).toEqual({ deleted: 4 });

    expect(count('cases', `id IN (${purge.join(',')})`)).toBe(0);
    expect(count('cases', 'id = ?', ids.open)).toBe(1);
    for (const table of ['case_history', 'payments', 'documents', 'print_jobs', 'print_run_cases', 'print_run_items', 'online_case_info', 'case_attachments']) {
      expect({ table, n: count(table, `case_id IN (${purge.join(',')})`) }).toEqual({ table, n: 0 });
    }
    expect(db.prepare('SELECT case_id, raw_dropped FROM portal_submissions WHERE submission_id = ?').get(submissionId)).toEqual({ case_id: null, raw_dropped: 1 });
    expect(snapshot().raw).toBe(false);
    expect(before.raw).toBe(true);

    const stats = db.prepare('SELECT * FROM case_statistics ORDER BY id').all() as Record<string, unknown>[];
    expect(stats).toHaveLength(4);
    expect(Object.keys(stats[0]!).sort()).toEqual(
      ['channel', 'deleted_at', 'fee_cents', 'final_status', 'finished_day', 'id', 'received_day', 'service_id', 'site_id'].sort(),
    );
    expect(stats.map((s) => s.final_status).sort()).toEqual(['cancelled', 'closed', 'closed', 'dispatched']);
    expect(stats.map((s) => s.channel).sort()).toEqual(['online', 'walk_in', 'walk_in', 'walk_in']); // the postal case came in at the counter
    for (const s of stats) {
      expect(s).toMatchObject({ service_id: 'meldebescheinigung', site_id: 1, received_day: '2026-01-10', finished_day: '2026-01-10', deleted_at: '2026-07-10T22:00:00.000Z' });
    }
    expect(stats.map((s) => s.fee_cents).sort()).toEqual(fees.map((f) => f.fee_cents).sort());
    // Nothing in the statistics names a person or a case.
    expect(JSON.stringify(stats)).not.toMatch(/Mustermann|Østergaard|BB-2026/);
  });

  it('keeps the Postausgangsbuch day as it was, without recipient and Aktenzeichen', async () => {
    const log = await t.call(admin, 'dispatch.log', { date: logDate, siteId: 1 });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      caseId: null,
      reference: 'gelöscht',
      recipientName: ANONYMISED_RECIPIENT,
      postalCode: '',
      city: '',
      registeredNumber: null,
      registered: 'einwurf',
      product: 'Standardbrief + Einschreiben Einwurf',
      postageCents: 95 + 235,
    });
    const pdf = await t.call(admin, 'dispatch.logPdf', { date: logDate, siteId: 1 });
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await t.call(admin, 'dispatch.logCsv', { date: logDate, siteId: 1 });
    expect(csv.csv).not.toContain('Østergaard');
    const number = await t.core.dispatch('dispatch.setRegisteredNumber', { logId: log[0]!.id, number: 'RR 47312482 9 DE' }, admin);
    expect(!number.ok && number.error.code).toBe('CONFLICT');
  });

  it('records the purge in the audit trail, which stays intact', async () => {
    const entries = await t.call(admin, 'audit.list', { operation: 'retention.purge', limit: 10 });
    expect(entries.items[0]).toMatchObject({ username: 'admin', outcome: 'ok', subject: expect.stringMatching(/^cases:/) });
    const byCase = await t.call(admin, 'audit.list', { subject: `case:${ids.online}`, operation: 'retention.purge', limit: 10 });
    expect(byCase.items.map((i) => i.outcome)).toEqual(['ok', 'INTERNAL']);
    expect(await t.call(admin, 'audit.verify', {})).toMatchObject({ ok: true });
  });

  it('has nothing left to delete, and refuses a deleted case', async () => {
    expect(await t.call(admin, 'retention.due', {})).toEqual([]);
    const again = await t.core.dispatch('retention.purge', { caseIds: [ids.closed] }, admin);
    expect(!again.ok && again.error.code).toBe('CONFLICT');
  });
});
