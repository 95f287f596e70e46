/**
 * The queue's shared rules: which cases can be due (what "due" means is deadlines.ts' `dueState`), age buckets,
 * day boundaries in Europe/Berlin, and the cap on the queue's total count. Used by the core (SQL filters, dashboard) and the renderer (display).
 */
import { berlinIsoDay } from './berlin-time';
import { berlinDayStart, dueState, type DueState } from './deadlines';
import { CHANNELS, type Channel } from './channels';
import { addDays } from './niedersachsen-calendar';
import { CASE_STATUSES, type CaseStatus } from './status';
import { DUE_FILTERS, QUEUE_SCOPES, type DueFilter, type QueueScope } from './teams';

/**
 * The queue counts matching cases exactly up to this number; beyond it `total` is QUEUE_COUNT_CAP + 1 and the
 * queue says "mehr als 10.000". Counting stops there so a filter over the finished cases of many years
 * (a million rows) never scans them all just to print a number.
 */
export const QUEUE_COUNT_CAP = 10_000;

/** True when a queue total is the capped count (more than QUEUE_COUNT_CAP matches). */
export function isCappedTotal(total: number): boolean {
  return total > QUEUE_COUNT_CAP;
}

/**
 * Statuses in which the clocks run, so a case can be due or overdue: not while it waits for the applicant
 * (the clocks stand still and the dates move on when it resumes), not once it is handed over, dispatched or
 * ended (closed, rejected, cancelled).
 */
export const DUE_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'ready', 'issued'];

/**
 * The legal deadline is met once the document is issued (§ 15 GewO: the Empfangsbescheinigung within three days);
 * the target date (the service norm) runs until the case is handed over or dispatched.
 */
export const LEGAL_DUE_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'ready'];

/** Age buckets of open cases (days since receipt, Europe/Berlin calendar days). */
export const AGE_BUCKETS: readonly { key: string; label: string; minDays: number; maxDays: number | null }[] = [
  { key: '0-1', label: '0–1 Tage', minDays: 0, maxDays: 1 },
  { key: '2-3', label: '2–3 Tage', minDays: 2, maxDays: 3 },
  { key: '4-7', label: '4–7 Tage', minDays: 4, maxDays: 7 },
  { key: '8-14', label: '8–14 Tage', minDays: 8, maxDays: 14 },
  { key: '15-30', label: '15–30 Tage', minDays: 15, maxDays: 30 },
  { key: '31+', label: 'über 30 Tage', minDays: 31, maxDays: null },
];

/**
 * The boundaries the due filters compare with: today's date, the instant now and the instant tomorrow 00:00
 * Berlin (= the end of today, the form a legal deadline ending tonight is stored in).
 */
export interface DueClock {
  today: string;
  nowIso: string;
  tomorrowStartIso: string;
}

export function dueClock(now: Date): DueClock {
  const today = berlinIsoDay(now);
  return { today, nowIso: now.toISOString(), tomorrowStartIso: berlinDayStart(addDays(today, 1)).toISOString() };
}

/**
 * The due state the queue shows and filters by: `dueState` (deadlines.ts: 'overdue' when the target date is
 * before today (Berlin) or the legal deadline has passed, 'today' when the target date is today or the legal
 * deadline ends tonight, nothing while waiting for the applicant), for cases in DUE_STATUSES only.
 */
export function queueDueState(
  c: { status: CaseStatus; targetDate: string | null; legalDeadlineAt: string | null; waitingSince: string | null },
  now: Date,
): DueState {
  if (!DUE_STATUSES.includes(c.status)) return null;
  return dueState(LEGAL_DUE_STATUSES.includes(c.status) ? c : { ...c, legalDeadlineAt: null }, now);
}

// ---------------------------------------------------------------------------------------------------------------
// The queue's filter in the URL: "#/vorgaenge?scope=mine&due=overdue" (the dashboard links there)
// ---------------------------------------------------------------------------------------------------------------

/** Cases waiting for a step of someone other than the clerk: the Teamleitung's approval, a Standesbeamter's signature. */
export const AWAITING_FILTERS = ['approval', 'signature'] as const;
export type AwaitingFilter = (typeof AWAITING_FILTERS)[number];
export const AWAITING_LABELS: Record<AwaitingFilter, string> = { approval: 'Freigabe (Teamleitung)', signature: 'Unterschrift (Standesamt)' };

/** What a queue link can say (the queue's filter without paging). */
export interface QueueLinkFilter {
  scope?: QueueScope;
  status?: CaseStatus[];
  serviceId?: string;
  channel?: Channel;
  siteId?: number;
  assigneeId?: number;
  due?: DueFilter;
  awaiting?: AwaitingFilter;
  receivedFrom?: string;
  receivedTo?: string;
  minAgeDays?: number;
  maxAgeDays?: number;
  finishedFrom?: string;
  finishedTo?: string;
  finishedBy?: number;
  includeFinished?: boolean;
  search?: string;
  sort?: 'oldest' | 'newest' | 'due';
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function positiveInt(v: string | null, min = 1): number | undefined {
  if (v === null || !/^\d{1,6}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min ? n : undefined;
}

/**
 * "scope=mine&due=overdue" (no "?"); keys in a fixed order, defaults left out except the scope, which is always
 * there: "#/vorgaenge?scope=all" is the explicit unfiltered view, while "#/vorgaenge" (the navigation) brings back
 * the filter last used.
 */
export function queueQueryString(f: QueueLinkFilter): string {
  const q = new URLSearchParams();
  q.set('scope', f.scope ?? 'all');
  if (f.status?.length) q.set('status', f.status.join(','));
  if (f.serviceId) q.set('service', f.serviceId);
  if (f.channel) q.set('channel', f.channel);
  if (f.siteId) q.set('site', String(f.siteId));
  if (f.assigneeId) q.set('assignee', String(f.assigneeId));
  if (f.due) q.set('due', f.due);
  if (f.awaiting) q.set('awaiting', f.awaiting);
  if (f.receivedFrom) q.set('from', f.receivedFrom);
  if (f.receivedTo) q.set('to', f.receivedTo);
  if (f.minAgeDays !== undefined) q.set('minAge', String(f.minAgeDays));
  if (f.maxAgeDays !== undefined) q.set('maxAge', String(f.maxAgeDays));
  if (f.finishedFrom) q.set('doneFrom', f.finishedFrom);
  if (f.finishedTo) q.set('doneTo', f.finishedTo);
  if (f.finishedBy) q.set('doneBy', String(f.finishedBy));
  if (f.includeFinished) q.set('finished', '1');
  if (f.search) q.set('q', f.search);
  if (f.sort && f.sort !== 'oldest') q.set('sort', f.sort);
  return q.toString();
}

/** The hash path of the queue with this filter: "/vorgaenge?scope=all&due=overdue". */
export function queuePath(f: QueueLinkFilter): string {
  return `/vorgaenge?${queueQueryString(f)}`;
}

/** Reads a queue query string (unknown keys and invalid values are ignored). */
export function parseQueueQuery(query: string): QueueLinkFilter {
  const q = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const f: QueueLinkFilter = {};
  const scope = q.get('scope');
  if (scope && (QUEUE_SCOPES as readonly string[]).includes(scope)) f.scope = scope as QueueScope;
  const status = (q.get('status') ?? '')
    .split(',')
    .filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s));
  if (status.length) f.status = [...new Set(status)];
  const service = q.get('service');
  if (service) f.serviceId = service.slice(0, 60);
  const channel = q.get('channel');
  if (channel && (CHANNELS as readonly string[]).includes(channel)) f.channel = channel as Channel;
  const site = positiveInt(q.get('site'));
  if (site) f.siteId = site;
  const assignee = positiveInt(q.get('assignee'));
  if (assignee) f.assigneeId = assignee;
  const due = q.get('due');
  if (due && (DUE_FILTERS as readonly string[]).includes(due)) f.due = due as DueFilter;
  const awaiting = q.get('awaiting');
  if (awaiting && (AWAITING_FILTERS as readonly string[]).includes(awaiting)) f.awaiting = awaiting as AwaitingFilter;
  const from = q.get('from');
  if (from && ISO_DAY.test(from)) f.receivedFrom = from;
  const to = q.get('to');
  if (to && ISO_DAY.test(to)) f.receivedTo = to;
  const minAge = positiveInt(q.get('minAge'), 0);
  if (minAge !== undefined) f.minAgeDays = Math.min(minAge, 10_000);
  const maxAge = positiveInt(q.get('maxAge'), 0);
  if (maxAge !== undefined) f.maxAgeDays = Math.min(maxAge, 10_000);
  const doneFrom = q.get('doneFrom');
  if (doneFrom && ISO_DAY.test(doneFrom)) f.finishedFrom = doneFrom;
  const doneTo = q.get('doneTo');
  if (doneTo && ISO_DAY.test(doneTo)) f.finishedTo = doneTo;
  const doneBy = positiveInt(q.get('doneBy'));
  if (doneBy) f.finishedBy = doneBy;
  if (q.get('finished') === '1') f.includeFinished = true;
  const search = q.get('q');
  if (search) f.search = search.slice(0, 100);
  const sort = q.get('sort');
  if (sort === 'newest' || sort === 'due') f.sort = sort;
  return f;
}

/** Which dashboard the links come from: all sites and services, or one site / one service. */
export interface DashboardLinkScope {
  siteId?: number;
  serviceId?: string;
}

/**
 * The queue filter behind each dashboard figure; the core counts the figure with exactly this filter
 * (electron/core/reports/dashboard.ts), so figure and queue agree.
 */
export const dashboardLinks = {
  open: (s: DashboardLinkScope): QueueLinkFilter => ({ ...s }),
  status: (s: DashboardLinkScope, status: CaseStatus): QueueLinkFilter => ({ ...s, status: [status] }),
  service: (s: DashboardLinkScope, serviceId: string): QueueLinkFilter => ({ ...s, serviceId }),
  channel: (s: DashboardLinkScope, channel: Channel): QueueLinkFilter => ({ ...s, channel }),
  site: (s: DashboardLinkScope, siteId: number): QueueLinkFilter => ({ ...s, siteId }),
  age: (s: DashboardLinkScope, b: { minDays: number; maxDays: number | null }): QueueLinkFilter => ({
    ...s,
    minAgeDays: b.minDays,
    ...(b.maxDays === null ? {} : { maxAgeDays: b.maxDays }),
  }),
  dueToday: (s: DashboardLinkScope): QueueLinkFilter => ({ ...s, due: 'today', sort: 'due' }),
  overdue: (s: DashboardLinkScope): QueueLinkFilter => ({ ...s, due: 'overdue', sort: 'due' }),
  /** Finished that day (handed over, dispatched or closed). */
  finishedOn: (s: DashboardLinkScope, day: string): QueueLinkFilter => ({ ...s, finishedFrom: day, finishedTo: day, includeFinished: true }),
  /** Finished by this clerk between two days. */
  finishedBy: (s: DashboardLinkScope, userId: number, from: string, to: string): QueueLinkFilter => ({
    ...s,
    finishedBy: userId,
    finishedFrom: from,
    finishedTo: to,
    includeFinished: true,
  }),
  /** Received that day: every case, finished or not. */
  receivedOn: (s: DashboardLinkScope, day: string): QueueLinkFilter => ({
    ...s,
    receivedFrom: day,
    receivedTo: day,
    includeFinished: true,
  }),
};
