import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/api/contract';
import type { Channel } from '../../../shared/domain/channels';
import { dashboardLinks, parseQueueQuery, queuePath, type DashboardLinkScope, type QueueLinkFilter } from '../../../shared/domain/queue';
import type { CaseStatus } from '../../../shared/domain/status';
import type { Dashboard } from '../../../shared/domain/teams';
import { openDatabase, type Db } from '../db/connection';
import { makeTestCore, manualClock, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { QUEUE_CSV_HEADER } from './queue-csv';
import { addCase, addMove, parseCsv } from './test-cases';

/** Wednesday 25.11.2026, 10:00 Berlin. */
const NOW = '2026-11-25T09:00:00.000Z';
const DAY_MS = 86_400_000;

/** A small deterministic generator, so the mixed data set is the same every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

describe('the dashboard: its figures equal the queue behind their links; the CSV export has the queue\'s rows', () => {
  const clock = manualClock(new Date(NOW));
  let t: TestCore;
  let db: Db;
  let supervisor: SessionHolder;
  let clerks: { id: number; name: string }[];

  async function user(username: string, displayName: string, role: 'clerk' | 'supervisor', siteId = 1): Promise<[SessionHolder, number]> {
    const admin = await t.sessionAs('admin');
    const u = await t.call(admin, 'users.create', { username, displayName, role, siteId, password: TEST_PASSWORD });
    const s = memorySessionHolder();
    await t.call(s, 'auth.login', { username, password: TEST_PASSWORD });
    return [s, u.id];
  }

  /** The queue's total for a dashboard link, after the round trip through the URL the renderer makes. */
  async function queueCount(link: QueueLinkFilter): Promise<number> {
    const path = queuePath(link);
    const f = parseQueueQuery(path.split('?')[1] ?? '');
    expect(f).toEqual({ scope: 'all', ...JSON.parse(JSON.stringify(link)) });
    return (await t.call(supervisor, 'cases.list', { ...f, limit: 1 } as InputOf<'cases.list'>)).total;
  }

  async function expectFiguresMatchQueue(scope: DashboardLinkScope, d: Dashboard): Promise<void> {
    const checks: [string, number, QueueLinkFilter][] = [
      ['offen', d.open, dashboardLinks.open(scope)],
      ['heute fällig', d.dueToday, dashboardLinks.dueToday(scope)],
      ['überfällig', d.overdue, dashboardLinks.overdue(scope)],
      ...d.byStatus.map((b): [string, number, QueueLinkFilter] => [`Status ${b.key}`, b.count, dashboardLinks.status(scope, b.key)]),
      ...d.byService.map((b): [string, number, QueueLinkFilter] => [`Leistung ${b.key}`, b.count, dashboardLinks.service(scope, b.key)]),
      ...d.byChannel.map((b): [string, number, QueueLinkFilter] => [`Kanal ${b.key}`, b.count, dashboardLinks.channel(scope, b.key)]),
      ...d.bySite.map((b): [string, number, QueueLinkFilter] => [`Standort ${b.key}`, b.count, dashboardLinks.site(scope, Number(b.key))]),
      ...d.ageBuckets.map((b): [string, number, QueueLinkFilter] => [`Alter ${b.key}`, b.count, dashboardLinks.age(scope, b)]),
      ...d.perDay.map((p): [string, number, QueueLinkFilter] => [`Eingang ${p.day}`, p.received, dashboardLinks.receivedOn(scope, p.day)]),
      ...d.perDay.map((p): [string, number, QueueLinkFilter] => [`Erledigt ${p.day}`, p.finished, dashboardLinks.finishedOn(scope, p.day)]),
      ...d.finishedPerClerk.map((c): [string, number, QueueLinkFilter] => [
        `Erledigt von ${c.displayName}`,
        c.count,
        dashboardLinks.finishedBy(scope, c.userId, d.perDay[0]!.day, d.perDay[29]!.day),
      ]),
    ];
    const figures: Record<string, number> = {};
    const queue: Record<string, number> = {};
    for (const [label, figure, link] of checks) {
      figures[label] = figure;
      queue[label] = await queueCount(link);
    }
    expect(queue).toEqual(figures);
  }

  beforeAll(async () => {
    t = await makeTestCore({ clock });
    db = openDatabase(t.dataDir);
    [supervisor] = await user('dash-lead', 'Lea Leitung', 'supervisor');
    clerks = [];
    for (const [username, name, site] of [
      ['dash-a', 'Anna Albers', 1],
      ['dash-b', 'Bernd Brink', 1],
      ['dash-c', 'Clara Cordes', 2],
    ] as const) {
      const [, id] = await user(username, name, 'clerk', site);
      clerks.push({ id, name });
    }

    // A mixed set: 400 cases over 90 days, every status, service, channel and several sites; dates around "now".
    const random = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const now = Date.parse(NOW);
    const services = ['meldebescheinigung', 'personenstandsurkunde', 'gewerbe-anmeldung', 'briefwahl'];
    const channels: Channel[] = ['walk_in', 'online', 'post'];
    const statuses: CaseStatus[] = ['new', 'in_progress', 'waiting', 'ready', 'issued', 'handed_over', 'dispatched', 'closed', 'rejected', 'cancelled'];
    db.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const created = now - Math.floor(random() * 90 * DAY_MS);
        const status = pick(statuses);
        const clerk = random() < 0.3 ? null : pick(clerks);
        const day = (offset: number) => new Date(created + offset * DAY_MS).toISOString().slice(0, 10);
        const id = addCase(db, {
          createdAt: new Date(created).toISOString(),
          status,
          serviceId: pick(services),
          channel: pick(channels),
          siteId: pick([1, 1, 2, 3, 7]),
          assigneeId: clerk?.id ?? null,
          targetDate: random() < 0.9 ? day(Math.floor(random() * 10)) : null,
          legalDeadlineAt: random() < 0.3 ? new Date(created + Math.floor(random() * 6) * DAY_MS).toISOString() : null,
          waitingSince: status === 'waiting' ? new Date(created + DAY_MS).toISOString() : null,
        });
        // History of finished cases: the finishing move, and for closed ones the close a few days later.
        const finishing = status === 'closed' || status === 'handed_over' || status === 'dispatched';
        if (finishing) {
          const move: CaseStatus = status === 'dispatched' || (status === 'closed' && random() < 0.4) ? 'dispatched' : 'handed_over';
          const at = Math.min(now - 60_000, created + Math.floor(random() * 5 * DAY_MS));
          const by = clerk ?? pick(clerks);
          addMove(db, id, 'issued', move, new Date(at).toISOString(), by.id);
          if (status === 'closed') addMove(db, id, move, 'closed', new Date(Math.min(now - 1000, at + 3 * DAY_MS)).toISOString(), by.id);
        }
      }
    })();
  });

  afterAll(() => {
    db.close();
    t.core.close();
  });

  it('gives the same numbers as the queue for every figure and bar, for all sites and for one site or service', async () => {
    for (const scope of [{}, { siteId: 1 }, { serviceId: 'gewerbe-anmeldung' }] as DashboardLinkScope[]) {
      const d = await t.call(supervisor, 'dashboard.get', scope);
      expect(d.open).toBeGreaterThan(0);
      if (!scope.siteId && !scope.serviceId) {
        // The data set exercises every kind of figure.
        expect(d.overdue).toBeGreaterThan(0);
        expect(d.dueToday).toBeGreaterThan(0);
        expect(d.ageBuckets.every((b) => b.count > 0)).toBe(true);
        expect(d.perDay.filter((p) => p.received > 0).length).toBeGreaterThan(20);
        expect(d.byStatus.every((b) => b.count > 0)).toBe(true);
      }
      expect(d.byStatus.reduce((s, b) => s + b.count, 0)).toBe(d.open);
      expect(d.byService.reduce((s, b) => s + b.count, 0)).toBe(d.open);
      expect(d.byChannel.reduce((s, b) => s + b.count, 0)).toBe(d.open);
      expect(d.bySite.reduce((s, b) => s + b.count, 0)).toBe(d.open);
      expect(d.ageBuckets.reduce((s, b) => s + b.count, 0)).toBe(d.open);
      expect(d.perDay).toHaveLength(30);
      expect(d.perDay[29]!.day).toBe('2026-11-25');
      await expectFiguresMatchQueue(scope, d);
    }
  });

  it('counts a case as finished once, on the day and for the clerk of its move to handed over or dispatched', async () => {
    const [, clerk] = await user('dash-finisher', 'Fritz Fertig', 'clerk', 5);
    const created = '2026-11-02T09:00:00.000Z';
    const handedOver = addCase(db, { createdAt: created, status: 'closed', siteId: 5 });
    addMove(db, handedOver, 'issued', 'handed_over', '2026-11-23T22:59:00.000Z', clerk); // 23.11. 23:59 Berlin
    addMove(db, handedOver, 'handed_over', 'closed', '2026-11-24T23:30:00.000Z', clerk); // 25.11. 00:30 — no second count
    const dispatched = addCase(db, { createdAt: created, status: 'dispatched', siteId: 5 });
    addMove(db, dispatched, 'issued', 'dispatched', '2026-11-24T23:00:00.000Z', clerk); // 25.11. 00:00
    const old = addCase(db, { createdAt: '2026-09-01T09:00:00.000Z', status: 'closed', siteId: 5 });
    addMove(db, old, 'issued', 'handed_over', '2026-10-01T09:00:00.000Z', clerk); // more than 30 days ago
    const rejected = addCase(db, { createdAt: created, status: 'rejected', siteId: 5 });
    addMove(db, rejected, 'in_progress', 'rejected', '2026-11-24T10:00:00.000Z', clerk); // not finished

    const d = await t.call(supervisor, 'dashboard.get', { siteId: 5 });
    expect(Object.fromEntries(d.perDay.filter((p) => p.finished > 0).map((p) => [p.day, p.finished]))).toEqual({
      '2026-11-23': 1,
      '2026-11-25': 1,
    });
    expect(d.finishedPerClerk).toEqual([{ userId: clerk, displayName: 'Fritz Fertig', count: 2 }]);

    const all = await t.call(supervisor, 'dashboard.get', {});
    const perClerk = all.finishedPerClerk.reduce((s, c) => s + c.count, 0);
    expect(all.perDay.reduce((s, p) => s + p.finished, 0)).toBe(perClerk);
    expect(all.finishedPerClerk.map((c) => c.displayName)).toContain('Fritz Fertig');
  });

  it('lists the oldest portal submissions not yet through, oldest first', async () => {
    const add = db.prepare(
      `INSERT INTO portal_submissions (submission_id, portal_case_id, destination_id, state, attempts, last_error, received_at, updated_at)
       VALUES (?, 'c', 'd', ?, ?, ?, ?, ?)`,
    );
    add.run('s-accepted', 'accepted', 1, null, '2026-11-01T08:00:00.000Z', NOW);
    add.run('s-new', 'recorded', 0, null, '2026-11-25T08:00:00.000Z', NOW);
    add.run('s-old', 'downloaded', 3, 'Zeitüberschreitung', '2026-11-20T08:00:00.000Z', NOW);
    add.run('s-rejecting', 'rejecting', 2, null, '2026-11-22T08:00:00.000Z', NOW);
    const d = await t.call(supervisor, 'dashboard.get', {});
    expect(d.oldestPortalSubmissions).toEqual([
      { submissionId: 's-old', receivedAt: '2026-11-20T08:00:00.000Z', state: 'downloaded', attempts: 3, lastError: 'Zeitüberschreitung' },
      { submissionId: 's-rejecting', receivedAt: '2026-11-22T08:00:00.000Z', state: 'rejecting', attempts: 2, lastError: null },
      { submissionId: 's-new', receivedAt: '2026-11-25T08:00:00.000Z', state: 'recorded', attempts: 0, lastError: null },
    ]);
  });

  it('is for supervisors and administrators only', async () => {
    const [clerk] = await user('dash-clerk', 'Carl Clerk', 'clerk');
    await expect(t.call(clerk, 'dashboard.get', {})).rejects.toThrow(/FORBIDDEN/);
  });

  it('exports the queue view as CSV with the same rows in the same order, all pages', async () => {
    const filters: Partial<InputOf<'cases.list'>>[] = [
      {},
      { siteId: 1, sort: 'newest' },
      { due: 'overdue', sort: 'due' },
      { includeFinished: true, serviceId: 'briefwahl' },
    ];
    for (const f of filters) {
      const listed = [];
      for (let offset = 0; ; offset += 50) {
        const page = await t.call(supervisor, 'cases.list', { ...f, limit: 50, offset } as InputOf<'cases.list'>);
        listed.push(...page.items);
        if (listed.length >= page.total) break;
      }
      const out = await t.call(supervisor, 'cases.exportCsv', f as InputOf<'cases.exportCsv'>);
      expect(out.csv.startsWith('\uFEFF')).toBe(true);
      expect(out.fileName).toBe('vorgaenge-2026-11-25.csv');
      const [header, ...rows] = parseCsv(out.csv);
      expect(header).toEqual([...QUEUE_CSV_HEADER]);
      expect(out.rows).toBe(listed.length);
      expect(rows.map((r) => r[0])).toEqual(listed.map((c) => c.reference));
      expect(rows.map((r) => r[2])).toEqual(listed.map((c) => c.applicantName));
      const dueText = { overdue: 'überfällig', today: 'heute fällig' } as const;
      expect(rows.map((r) => r[10])).toEqual(listed.map((c) => (c.due ? dueText[c.due] : '')));
    }
  });

  it('guards CSV cells against formula injection and quotes separators', async () => {
    addCase(db, { createdAt: '2026-11-25T08:30:00.000Z', siteId: 8, name: '=HYPERLINK("http://x";"y")', targetDate: '2026-11-27' });
    addCase(db, { createdAt: '2026-11-25T08:31:00.000Z', siteId: 8, name: 'Meyer; Anna' });
    const out = await t.call(supervisor, 'cases.exportCsv', { siteId: 8 });
    const lines = out.csv.split('\r\n');
    expect(lines[1]).toContain(`;"'=HYPERLINK(""http://x"";""y"")";`);
    expect(lines[1]).toContain(';25.11.2026 09:30;'); // received, Berlin time
    expect(lines[1]).toContain(';27.11.2026;'); // Ziel
    expect(lines[2]).toContain(';"Meyer; Anna";');
    const [, first, second] = parseCsv(out.csv);
    expect(first![2]).toBe(`'=HYPERLINK("http://x";"y")`);
    expect(second![2]).toBe('Meyer; Anna');
  });
});
