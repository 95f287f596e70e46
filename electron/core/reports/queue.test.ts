import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/api/contract';
import { QUEUE_COUNT_CAP } from '../../../shared/domain/queue';
import { queueWhere } from '../cases/queue-query';
import { openDatabase, type Db } from '../db/connection';
import { makeTestCore, manualClock, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { addCase } from './test-cases';

/**
 * The test clock stands at Wednesday 25.11.2026, 10:00 Berlin (09:00 UTC). Today ends at 2026-11-25T23:00:00Z,
 * which is also how a legal deadline ending tonight is stored.
 */
const NOW = '2026-11-25T09:00:00.000Z';
const TONIGHT = '2026-11-25T23:00:00.000Z';

describe('the queue: scope, due, age and received filters, sort by due date, the count cap', () => {
  const clock = manualClock(new Date(NOW));
  let t: TestCore;
  let db: Db;
  let clerk: SessionHolder;
  let otherSite: SessionHolder;
  let ids: { clerk: number; colleague: number; other: number };

  async function user(username: string, siteId: number): Promise<[SessionHolder, number]> {
    const admin = await t.sessionAs('admin');
    const u = await t.call(admin, 'users.create', { username, displayName: `Test ${username}`, role: 'clerk', siteId, password: TEST_PASSWORD });
    const s = memorySessionHolder();
    await t.call(s, 'auth.login', { username, password: TEST_PASSWORD });
    return [s, u.id];
  }

  const list = (s: SessionHolder, f: Partial<InputOf<'cases.list'>> = {}) => t.call(s, 'cases.list', { limit: 500, ...f } as InputOf<'cases.list'>);
  const refsOf = async (s: SessionHolder, f: Partial<InputOf<'cases.list'>> = {}) => (await list(s, f)).items.map((c) => c.applicantName);

  beforeAll(async () => {
    t = await makeTestCore({ clock });
    db = openDatabase(t.dataDir);
    let clerkId: number, colleagueId: number, otherId: number;
    [clerk, clerkId] = await user('queue-clerk', 1);
    [, colleagueId] = await user('queue-colleague', 1);
    [otherSite, otherId] = await user('queue-other', 2);
    ids = { clerk: clerkId, colleague: colleagueId, other: otherId };

    const at = '2026-11-20T08:00:00.000Z';
    // Scope
    addCase(db, { createdAt: at, name: 'mine-1', assigneeId: ids.clerk, status: 'in_progress' });
    addCase(db, { createdAt: at, name: 'colleague-1', assigneeId: ids.colleague, status: 'in_progress' });
    addCase(db, { createdAt: at, name: 'free-1', assigneeId: null });
    addCase(db, { createdAt: at, name: 'other-site-free', siteId: 2, assigneeId: null });
    addCase(db, { createdAt: at, name: 'other-site-held', siteId: 2, assigneeId: ids.other, status: 'ready' });
    addCase(db, { createdAt: at, name: 'mine-closed', assigneeId: ids.clerk, status: 'closed' });
    // Due
    addCase(db, { createdAt: at, name: 'target-yesterday', targetDate: '2026-11-24', status: 'in_progress', siteId: 3 });
    addCase(db, { createdAt: at, name: 'target-today', targetDate: '2026-11-25', status: 'new', siteId: 3 });
    addCase(db, { createdAt: at, name: 'target-tomorrow', targetDate: '2026-11-26', status: 'new', siteId: 3 });
    addCase(db, { createdAt: at, name: 'legal-passed', targetDate: '2026-11-27', legalDeadlineAt: '2026-11-25T08:59:59.000Z', status: 'ready', siteId: 3 });
    addCase(db, { createdAt: at, name: 'legal-tonight', targetDate: '2026-11-27', legalDeadlineAt: TONIGHT, status: 'ready', siteId: 3 });
    addCase(db, { createdAt: at, name: 'legal-tomorrow', legalDeadlineAt: '2026-11-26T23:00:00.000Z', status: 'new', siteId: 3 });
    addCase(db, { createdAt: at, name: 'both-today-and-overdue', targetDate: '2026-11-25', legalDeadlineAt: '2026-11-24T23:00:00.000Z', siteId: 3 });
    addCase(db, { createdAt: at, name: 'waiting-overdue', targetDate: '2026-11-20', status: 'waiting', waitingSince: '2026-11-21T10:00:00.000Z', siteId: 3 });
    addCase(db, { createdAt: at, name: 'handed-over-overdue', targetDate: '2026-11-20', status: 'handed_over', siteId: 3 });
    addCase(db, { createdAt: at, name: 'closed-overdue', targetDate: '2026-11-20', status: 'closed', siteId: 3 });
    // Age and day of receipt around Berlin midnight (UTC+1 in November)
    addCase(db, { createdAt: '2026-11-24T23:30:00.000Z', name: 'today-0030', siteId: 4 }); // 25.11. 00:30 Berlin
    addCase(db, { createdAt: '2026-11-24T22:59:00.000Z', name: 'yesterday-2359', siteId: 4 }); // 24.11. 23:59 Berlin
    addCase(db, { createdAt: '2026-10-25T10:00:00.000Z', name: 'age-31', siteId: 4 });
    addCase(db, { createdAt: '2026-10-26T10:00:00.000Z', name: 'age-30', siteId: 4 });
    addCase(db, { createdAt: '2026-10-26T10:00:00.000Z', name: 'age-30-closed', siteId: 4, status: 'closed' });
  });

  afterAll(() => {
    db.close();
    t.core.close();
  });

  it('"Meine Fälle" are the caller\'s open cases, "Team" the open cases of the caller\'s site, "Nicht zugewiesen" nobody\'s', async () => {
    expect(await refsOf(clerk, { scope: 'mine' })).toEqual(['mine-1']);
    expect(await refsOf(clerk, { scope: 'mine', includeFinished: true })).toEqual(['mine-1', 'mine-closed']);
    expect(await refsOf(otherSite, { scope: 'team' })).toEqual(['other-site-free', 'other-site-held']);
    const team = await refsOf(clerk, { scope: 'team' });
    expect(team).toContain('colleague-1');
    expect(team).not.toContain('other-site-free');
    const unassigned = await refsOf(clerk, { scope: 'unassigned', siteId: 2 });
    expect(unassigned).toEqual(['other-site-free']);
    expect(await refsOf(clerk, { assigneeId: ids.colleague })).toEqual(['colleague-1']);
  });

  it('marks and filters due cases: overdue, due today (also a legal deadline ending tonight); not while waiting or once handed over', async () => {
    const all = await list(clerk, { siteId: 3, includeFinished: true });
    const due = Object.fromEntries(all.items.map((c) => [c.applicantName, c.due]));
    expect(due).toEqual({
      'target-yesterday': 'overdue',
      'target-today': 'today',
      'target-tomorrow': null,
      'legal-passed': 'overdue',
      'legal-tonight': 'today',
      'legal-tomorrow': null,
      'both-today-and-overdue': 'overdue',
      'waiting-overdue': null,
      'handed-over-overdue': null,
      'closed-overdue': null,
    });
    expect(await refsOf(clerk, { siteId: 3, due: 'overdue' })).toEqual(['target-yesterday', 'legal-passed', 'both-today-and-overdue']);
    expect(await refsOf(clerk, { siteId: 3, due: 'today' })).toEqual(['target-today', 'legal-tonight']);
    expect((await refsOf(clerk, { siteId: 3, due: 'due' })).sort()).toEqual(
      ['target-yesterday', 'legal-passed', 'both-today-and-overdue', 'target-today', 'legal-tonight'].sort(),
    );
    // The due filter never shows finished cases, even when they are asked for.
    expect(await refsOf(clerk, { siteId: 3, due: 'overdue', includeFinished: true })).not.toContain('closed-overdue');
  });

  it('sorts by the earlier of target date and legal deadline, cases without dates last', async () => {
    const order = await refsOf(clerk, { siteId: 3, sort: 'due' });
    expect(order).toEqual([
      'waiting-overdue', // 20.11. (its dates stand still, but it still sorts by them)
      'handed-over-overdue',
      'both-today-and-overdue', // 24.11.: legal deadline ended 24.11. 24:00, before target dates of the day
      'target-yesterday', // 24.11.
      'legal-passed', // 25.11. 09:59
      'legal-tonight', // 25.11. 24:00
      'target-today', // 25.11.
      'legal-tomorrow', // 26.11. 24:00
      'target-tomorrow', // 26.11.
    ]);
  });

  it('counts days of receipt and ages in Berlin calendar days', async () => {
    expect(await refsOf(clerk, { siteId: 4, receivedFrom: '2026-11-25', receivedTo: '2026-11-25' })).toEqual(['today-0030']);
    expect(await refsOf(clerk, { siteId: 4, receivedFrom: '2026-11-24', receivedTo: '2026-11-24' })).toEqual(['yesterday-2359']);
    expect(await refsOf(clerk, { siteId: 4, maxAgeDays: 0 })).toEqual(['today-0030']);
    expect(await refsOf(clerk, { siteId: 4, minAgeDays: 1, maxAgeDays: 1 })).toEqual(['yesterday-2359']);
    expect(await refsOf(clerk, { siteId: 4, minAgeDays: 31 })).toEqual(['age-31']);
    expect(await refsOf(clerk, { siteId: 4, minAgeDays: 15, maxAgeDays: 30 })).toEqual(['age-30']);
    expect(await refsOf(clerk, { siteId: 4, receivedFrom: '2026-10-26', receivedTo: '2026-10-26', includeFinished: true })).toEqual([
      'age-30',
      'age-30-closed',
    ]);
  });

  it('serves open views from the partial index of open cases only, whatever the filter', () => {
    const viewer = { userId: ids.clerk, siteId: 1 };
    const now = new Date(NOW);
    const views: Partial<InputOf<'cases.list'>>[] = [
      {},
      { scope: 'mine' },
      { scope: 'team' },
      { scope: 'unassigned' },
      { due: 'overdue' },
      { due: 'today', sort: 'due' },
      { siteId: 2, serviceId: 'meldebescheinigung', channel: 'online' },
      { status: ['new', 'in_progress'] },
      { minAgeDays: 31 },
      { search: 'muster' },
    ];
    for (const v of views) {
      const f = { scope: 'all' as const, includeFinished: false, sort: 'oldest' as const, ...v };
      const { clause, params } = queueWhere(f, viewer, now);
      for (const select of ['c.id', 'COUNT(*)']) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT ${select} FROM cases c ${clause} ORDER BY c.created_at`).all(...params) as { detail: string }[])
          .map((p) => p.detail)
          .join(' | ');
        expect(plan, JSON.stringify(v)).toMatch(/^SCAN c USING COVERING INDEX cases_open\b/);
      }
    }
  });

  it('finds a case by its whole Aktenzeichen through the unique index, finished or not', async () => {
    const closed = (await list(clerk, { scope: 'mine', includeFinished: true })).items.find((c) => c.applicantName === 'mine-closed')!;
    expect((await list(clerk, { search: closed.reference.toLowerCase(), includeFinished: true })).items.map((c) => c.id)).toEqual([closed.id]);
    expect((await list(clerk, { search: ` ${closed.reference} ` })).total).toBe(0); // closed: not in the open view
    const f = { scope: 'all' as const, includeFinished: true, sort: 'oldest' as const, search: closed.reference };
    const { clause, params } = queueWhere(f, { userId: ids.clerk, siteId: 1 }, new Date(NOW));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT c.id FROM cases c ${clause}`).all(...params) as { detail: string }[]).map((p) => p.detail);
    expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_cases_\d \(reference=\?\)/);
  });

  it(`counts exactly up to ${QUEUE_COUNT_CAP}, then says "more" (${QUEUE_COUNT_CAP + 1}); the CSV export refuses that many`, async () => {
    const insert = db.transaction(() => {
      for (let i = 0; i < QUEUE_COUNT_CAP + 20; i++) addCase(db, { createdAt: '2024-03-01T10:00:00.000Z', status: 'closed', siteId: 9 });
    });
    insert();
    expect((await list(clerk, { siteId: 9, includeFinished: true, limit: 10 })).total).toBe(QUEUE_COUNT_CAP + 1);
    expect((await list(clerk, { siteId: 9, limit: 10 })).total).toBe(0);
    await expect(t.call(clerk, 'cases.exportCsv', { siteId: 9, includeFinished: true })).rejects.toThrow(/mehr als 10\.000 Vorgänge/);
  });
});
