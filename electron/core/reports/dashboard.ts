/**
 * The supervisors' dashboard: aggregates computed in SQL on indexes.
 *
 * Every figure about open cases is counted with the queue's own WHERE (queue-query.ts) for the filter the
 * figure links to (`dashboardLinks`, shared/domain/queue.ts), so a figure and the queue behind its link cannot
 * disagree; those counts read only the small partial index of open cases (grouped counts: one GROUP BY over the
 * link's base filter). Age buckets and received per day use the same Berlin day boundaries as the queue's
 * min/maxAgeDays and receivedFrom/To.
 *
 * "Finished" = the case's move to handed_over or dispatched (closed follows one of them; a direct move to closed
 * from elsewhere counts too), so a case handed over on Monday and closed on Friday counts once, on Monday, for
 * the clerk who made that move. Read from the covering index case_history_to_status_at.
 */
import { CHANNELS, CHANNEL_LABELS, type Channel } from '../../../shared/domain/channels';
import { berlinIsoDay } from '../../../shared/domain/berlin-time';
import { addDays } from '../../../shared/domain/niedersachsen-calendar';
import { berlinDayStart } from '../../../shared/domain/deadlines';
import { caseFilter } from '../../../shared/api/contract';
import { AGE_BUCKETS, dashboardLinks, type DashboardLinkScope, type QueueLinkFilter } from '../../../shared/domain/queue';
import { CASE_STATUSES, STATUS_LABELS, TERMINAL_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import type { Dashboard } from '../../../shared/domain/teams';
import { findService } from '../../../shared/services';
import { FINISHED_TERM, queueWhere, type QueueFilter } from '../cases/queue-query';
import { sql, type Db } from '../db/connection';

export const DASHBOARD_DAYS = 30;
export const OLDEST_SUBMISSIONS = 10;
/** Portal submissions not yet through: recorded, being fetched or imported, or the rejection not yet sent. */
export const WAITING_SUBMISSION_STATES = ['recorded', 'downloaded', 'imported', 'rejecting'] as const;

export type DashboardScope = DashboardLinkScope;

const linkFilter = caseFilter.omit({ limit: true, offset: true });

/** The queue filter of a dashboard link (shared/domain/queue.ts `dashboardLinks`), as the queue parses it. */
export function queueFilterOf(link: QueueLinkFilter): QueueFilter {
  return linkFilter.parse(link);
}

/** The viewer does not matter for scope "all"; queueWhere wants one. */
const NOBODY = { userId: 0, siteId: 0 };

function count(db: Db, f: QueueFilter, now: Date): number {
  const { clause, params } = queueWhere(f, NOBODY, now);
  return (sql(db, `SELECT COUNT(*) AS n FROM cases c ${clause}`).get(...params) as { n: number }).n;
}

function grouped(db: Db, f: QueueFilter, now: Date, column: string): Map<string, number> {
  const { clause, params } = queueWhere(f, NOBODY, now);
  // "+": grouping by a bare column would let the planner walk a full-table index on it (a million entries) to
  // save the sort of a few thousand rows; the partial index of open cases must serve.
  const rows = sql(db, `SELECT +c.${column} AS k, COUNT(*) AS n FROM cases c ${clause} GROUP BY +c.${column}`).all(...params) as {
    k: string | number;
    n: number;
  }[];
  return new Map(rows.map((r) => [String(r.k), r.n]));
}


function scopeOfHistory(scope: DashboardScope): { term: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (scope.siteId) {
    terms.push('c.site_id = ?');
    params.push(scope.siteId);
  }
  if (scope.serviceId) {
    terms.push('c.service_id = ?');
    params.push(scope.serviceId);
  }
  if (!terms.length) return { term: '', params };
  return { term: ` AND EXISTS (SELECT 1 FROM cases c WHERE c.id = h.case_id AND ${terms.join(' AND ')})`, params };
}

export function dashboard(db: Db, scope: DashboardScope, now: Date): Dashboard {
  const base = queueFilterOf(dashboardLinks.open(scope));
  const open = count(db, base, now);

  const byStatusMap = grouped(db, base, now, 'status');
  const byStatus = CASE_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s)).map((s) => ({
    key: s,
    label: STATUS_LABELS[s],
    count: byStatusMap.get(s) ?? 0,
  }));

  const byService = [...grouped(db, base, now, 'service_id')]
    .map(([key, n]) => ({ key, label: findService(key)?.shortName ?? key, count: n }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'de'));

  const byChannelMap = grouped(db, base, now, 'channel');
  const byChannel = CHANNELS.map((ch: Channel) => ({ key: ch, label: CHANNEL_LABELS[ch], count: byChannelMap.get(ch) ?? 0 }));

  const siteNames = new Map(
    (sql(db, 'SELECT id, name FROM sites ORDER BY id').all() as { id: number; name: string }[]).map((s) => [String(s.id), s.name]),
  );
  const bySite = [...grouped(db, base, now, 'site_id')]
    .map(([key, n]) => ({ key, label: siteNames.get(key) ?? key, count: n }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'de'));

  // Age buckets: one pass over the open cases, the same boundaries as the queue's min/maxAgeDays.
  const ageFilter = queueWhere(base, NOBODY, now);
  const today = berlinIsoDay(now);
  const sums: string[] = [];
  const bucketParams: unknown[] = [];
  for (const b of AGE_BUCKETS) {
    const terms: string[] = [];
    if (b.maxDays !== null) {
      terms.push('c.created_at >= ?');
      bucketParams.push(berlinDayStart(addDays(today, -b.maxDays)).toISOString());
    }
    terms.push('c.created_at < ?');
    bucketParams.push(berlinDayStart(addDays(today, -b.minDays + 1)).toISOString());
    sums.push(`SUM(CASE WHEN ${terms.join(' AND ')} THEN 1 ELSE 0 END)`);
  }
  const ageRow = sql(db, `SELECT ${sums.map((s, i) => `${s} AS b${i}`).join(', ')} FROM cases c ${ageFilter.clause}`).get(
    ...bucketParams,
    ...ageFilter.params,
  ) as Record<string, number | null>;
  const ageBuckets = AGE_BUCKETS.map((b, i) => ({ ...b, count: ageRow[`b${i}`] ?? 0 }));

  const dueToday = count(db, queueFilterOf(dashboardLinks.dueToday(scope)), now);
  const overdue = count(db, queueFilterOf(dashboardLinks.overdue(scope)), now);

  // The last 30 days, oldest first: [start, end) instants of each Berlin day.
  const days = Array.from({ length: DASHBOARD_DAYS }, (_, i) => addDays(today, i - DASHBOARD_DAYS + 1));
  const bounds = days.map((d) => [d, berlinDayStart(d).toISOString(), berlinDayStart(addDays(d, 1)).toISOString()] as const);
  const daysCte = `WITH d(day, s, e) AS (VALUES ${bounds.map(() => '(?, ?, ?)').join(', ')})`;
  const dayParams = bounds.flat();

  const caseTerms: string[] = [];
  const caseParams: unknown[] = [];
  if (scope.siteId) {
    caseTerms.push('c.site_id = ?');
    caseParams.push(scope.siteId);
  }
  if (scope.serviceId) {
    caseTerms.push('c.service_id = ?');
    caseParams.push(scope.serviceId);
  }
  const received = sql(
    db,
    `${daysCte} SELECT d.day AS day, (SELECT COUNT(*) FROM cases c WHERE c.created_at >= d.s AND c.created_at < d.e${caseTerms
      .map((t) => ` AND ${t}`)
      .join('')}) AS n FROM d ORDER BY d.day`,
  ).all(...dayParams, ...caseParams) as { day: string; n: number }[];

  // Finished (FINISHED_TERM): the IN on the index's first column and the range on `at` make three range scans of
  // case_history_to_status_at; the rest is checked on the same index entry.
  // Finished: one pass over the 30 days' finishing moves (index only), counted per day and clerk. CROSS JOIN keeps
  // the days outside: the planner would otherwise scan every finishing move of five years and match the days.
  const hist = scopeOfHistory(scope);
  const finishedRows = sql(
    db,
    `${daysCte} SELECT d.day AS day, h.user_id AS user_id, COUNT(*) AS n
     FROM d CROSS JOIN case_history h ON h.at >= d.s AND h.at < d.e
     WHERE ${FINISHED_TERM}${hist.term}
     GROUP BY d.day, h.user_id`,
  ).all(...dayParams, ...hist.params) as { day: string; user_id: number | null; n: number }[];
  const finishedByDay = new Map<string, number>();
  const finishedByUser = new Map<number, number>();
  for (const r of finishedRows) {
    finishedByDay.set(r.day, (finishedByDay.get(r.day) ?? 0) + r.n);
    if (r.user_id !== null) finishedByUser.set(r.user_id, (finishedByUser.get(r.user_id) ?? 0) + r.n);
  }
  const perDay = received.map((r) => ({ day: r.day, received: r.n, finished: finishedByDay.get(r.day) ?? 0 }));
  const userNames = new Map(
    (sql(db, 'SELECT id, display_name FROM users').all() as { id: number; display_name: string }[]).map((u) => [u.id, u.display_name]),
  );
  const finishedPerClerk = [...finishedByUser]
    .map(([userId, n]) => ({ userId, displayName: userNames.get(userId) ?? `#${userId}`, count: n }))
    .sort((a, b) => b.count - a.count || a.displayName.localeCompare(b.displayName, 'de'));

  const oldestPortalSubmissions = (
    sql(
      db,
      `SELECT submission_id, received_at, state, attempts, last_error FROM portal_submissions
       WHERE state IN (${WAITING_SUBMISSION_STATES.map((s) => `'${s}'`).join(', ')})
       ORDER BY received_at, submission_id LIMIT ${OLDEST_SUBMISSIONS}`,
    ).all() as { submission_id: string; received_at: string; state: string; attempts: number; last_error: string | null }[]
  ).map((r) => ({
    submissionId: r.submission_id,
    receivedAt: r.received_at,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
  }));

  return {
    generatedAt: now.toISOString(),
    open,
    byStatus: byStatus as { key: CaseStatus; label: string; count: number }[],
    byService,
    byChannel,
    bySite,
    ageBuckets,
    dueToday,
    overdue,
    perDay,
    finishedPerClerk,
    oldestPortalSubmissions,
  };
}
