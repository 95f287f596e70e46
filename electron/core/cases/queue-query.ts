/**
 * The queue's WHERE and ORDER BY, shared by the list (listCases), the CSV export and the dashboard's
 * click-through counts, so that the same filter always selects the same cases.
 *
 * Index design (migration 004; the plans are checked in reports/queue.test.ts, timed by `npm run bench -- queue`):
 * - Open cases (every queue view unless "abgeschlossene anzeigen" or a final status is chosen) are a few
 *   thousand of a million rows. One partial index `cases_open` holds them, covering every filter column
 *   (created_at, id, status, site_id, assignee_id, service_id, channel, target_date, legal_deadline_at,
 *   waiting_since, search_text) WHERE status NOT IN ('closed', 'rejected', 'cancelled'). The query repeats
 *   exactly that term, so SQLite may use it, and writes every other filter on an indexed column with a unary "+"
 *   (`+c.site_id = ?`), so the planner never prefers a full-table index (e.g. cases_site_created, whose entries for
 *   one site are mostly years of closed cases) over it. The page walks it in (created_at, id) order and stops
 *   after the page; the count reads it without touching the table.
 * - Views including finished cases use the full indexes (created_at, site, service, assignee, status), and
 *   their count stops at QUEUE_COUNT_CAP + 1 (shared/domain/queue.ts).
 */
import type { z } from 'zod';
import type { caseFilter } from '../../../shared/api/contract';
import { foldForSearch } from '../../../shared/domain/names';
import { addDays } from '../../../shared/domain/niedersachsen-calendar';
import { berlinDayStart } from '../../../shared/domain/deadlines';
import { DUE_STATUSES, dueClock } from '../../../shared/domain/queue';
import { TERMINAL_STATUSES, type CaseStatus } from '../../../shared/domain/status';

export type QueueFilter = Omit<z.output<typeof caseFilter>, 'limit' | 'offset'>;

/** Who looks at the queue: "Meine Fälle" are the viewer's cases, "Team" the cases of the viewer's site. */
export interface QueueViewer {
  userId: number;
  siteId: number;
}

/** Exactly the partial index's WHERE (migration 004): SQLite matches the expression text. */
export const OPEN_TERM = `c.status NOT IN ('closed', 'rejected', 'cancelled')`;

const DUE_STATUS_LIST = DUE_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * SQL: the case's target date has passed or its legal deadline has (params: today, now); an issued case has met its
 * legal deadline (LEGAL_DUE_STATUSES).
 */
const OVERDUE_SQL = `(IFNULL(c.target_date < ?, 0) OR IFNULL(c.legal_deadline_at < ? AND c.status <> 'issued', 0))`;
/**
 * SQL: target date today or before / legal deadline ending tonight or before (params: today, tomorrowStart; a
 * deadline ending tonight is stored as tomorrow 00:00 Berlin, see deadlines.ts).
 */
const DUE_BY_TONIGHT_SQL = `(IFNULL(c.target_date <= ?, 0) OR IFNULL(c.legal_deadline_at <= ? AND c.status <> 'issued', 0))`;

/**
 * The sort of "nach Fälligkeit": by the earlier due day of target date and legal deadline (a deadline's day is that
 * of its last moment: "2026-11-25T23:00:00Z", the end of 25.11. in Berlin, is 25.11.; the UTC date of the instant
 * one second earlier is that day for every deadline ending at a Berlin midnight), on the same day legal deadlines
 * first by their instant; cases with neither date last.
 */
export const DUE_SORT = `MIN(IFNULL(c.target_date, '9999'), IFNULL(date(c.legal_deadline_at, '-1 second'), '9999')) ASC,
  IFNULL(c.legal_deadline_at, '9999') ASC`;

/** A complete Aktenzeichen typed as the search: "BB-2026-000042" (any case of letters). */
const FULL_REFERENCE = /^[A-Za-z]{1,4}-\d{4}-\d{6}$/;

export interface QueueWhere {
  /** "WHERE …" or "" */
  clause: string;
  params: unknown[];
  /** True when only open cases can match (the small partial index serves the query). */
  openOnly: boolean;
}

/**
 * A history entry that finished its case (handed over, dispatched, or closed without either before). The dashboard
 * counts these moves; the queue's finished filter selects their cases, so the figure and the queue agree.
 */
export const FINISHED_TERM = `h.to_status IN ('handed_over', 'dispatched', 'closed')
  AND (h.to_status <> 'closed' OR IFNULL(h.from_status, '') NOT IN ('handed_over', 'dispatched'))`;

export function queueWhere(f: QueueFilter, viewer: QueueViewer, now: Date): QueueWhere {
  const where: string[] = [];
  const params: unknown[] = [];
  const statuses: readonly CaseStatus[] = f.status ?? [];
  // Due cases are open cases by definition.
  const finished = Boolean(f.finishedFrom || f.finishedTo || f.finishedBy);
  const openOnly =
    !finished && (!!f.due || (statuses.length > 0 ? statuses.every((s) => !TERMINAL_STATUSES.includes(s)) : !f.includeFinished));
  // In the open view "+" keeps the planner on the partial index (see above); elsewhere the full indexes serve.
  const col = (name: string) => (openOnly ? `+c.${name}` : `c.${name}`);
  if (openOnly) where.push(OPEN_TERM);
  if (statuses.length > 0) {
    where.push(`${col('status')} IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  switch (f.scope) {
    case 'mine':
      where.push(`${col('assignee_id')} = ?`);
      params.push(viewer.userId);
      break;
    case 'team':
      where.push(`${col('site_id')} = ?`);
      params.push(viewer.siteId);
      break;
    case 'unassigned':
      where.push(`${col('assignee_id')} IS NULL`);
      break;
    case 'all':
    default:
      break;
  }
  if (f.assigneeId) {
    where.push(`${col('assignee_id')} = ?`);
    params.push(f.assigneeId);
  }
  if (f.serviceId) {
    where.push(`${col('service_id')} = ?`);
    params.push(f.serviceId);
  }
  if (f.channel) {
    where.push(`${col('channel')} = ?`);
    params.push(f.channel);
  }
  if (f.siteId) {
    where.push(`${col('site_id')} = ?`);
    params.push(f.siteId);
  }
  const clock = dueClock(now);
  if (f.due) {
    // As queueDueState/dueState: clocks run only in DUE_STATUSES and not while waiting for the applicant.
    where.push(`${col('status')} IN (${DUE_STATUS_LIST})`, `${col('waiting_since')} IS NULL`);
    if (f.due === 'overdue') {
      where.push(OVERDUE_SQL);
      params.push(clock.today, clock.nowIso);
    } else if (f.due === 'today') {
      where.push(`NOT ${OVERDUE_SQL} AND ${DUE_BY_TONIGHT_SQL}`);
      params.push(clock.today, clock.nowIso, clock.today, clock.tomorrowStartIso);
    } else {
      where.push(DUE_BY_TONIGHT_SQL);
      params.push(clock.today, clock.tomorrowStartIso);
    }
  }
  if (f.awaiting === 'signature') {
    where.push(`${col('status')} = 'issued'`, `${col('signature_required')} = 1`, `${col('signed_at')} IS NULL`);
  } else if (f.awaiting === 'approval') {
    where.push(`${col('status')} IN ('new', 'in_progress', 'waiting')`, `${col('approval_required')} IS NOT NULL`, `${col('approved_at')} IS NULL`);
  }
  // Received between two days (inclusive) and age since receipt, both in Berlin calendar days.
  let from: string | null = f.receivedFrom ?? null;
  let toExclusive: string | null = f.receivedTo ? addDays(f.receivedTo, 1) : null;
  if (f.maxAgeDays !== undefined) {
    const d = addDays(clock.today, -f.maxAgeDays);
    if (from === null || d > from) from = d;
  }
  if (f.minAgeDays !== undefined) {
    const d = addDays(clock.today, -f.minAgeDays + 1);
    if (toExclusive === null || d < toExclusive) toExclusive = d;
  }
  if (from !== null) {
    where.push(`${col('created_at')} >= ?`);
    params.push(berlinDayStart(from).toISOString());
  }
  if (toExclusive !== null) {
    where.push(`${col('created_at')} < ?`);
    params.push(berlinDayStart(toExclusive).toISOString());
  }
  if (finished) {
    const terms = [FINISHED_TERM];
    if (f.finishedFrom) {
      terms.push('h.at >= ?');
      params.push(berlinDayStart(f.finishedFrom).toISOString());
    }
    if (f.finishedTo) {
      terms.push('h.at < ?');
      params.push(berlinDayStart(addDays(f.finishedTo, 1)).toISOString());
    }
    if (f.finishedBy) {
      terms.push('h.user_id = ?');
      params.push(f.finishedBy);
    }
    where.push(`c.id IN (SELECT h.case_id FROM case_history h WHERE ${terms.join(' AND ')})`);
  }
  const reference = f.search ? FULL_REFERENCE.exec(f.search.trim()) : null;
  if (reference) {
    // A whole Aktenzeichen is looked up by its unique index, not by scanning years of cases.
    where.push('c.reference = ?');
    params.push(reference[0].toUpperCase());
  } else if (f.search) {
    for (const word of foldForSearch(f.search).split(/\s+/).filter(Boolean)) {
      where.push(`c.search_text LIKE ? ESCAPE '\\'`);
      params.push(`%${word.replace(/[\\%_]/g, (m) => '\\' + m)}%`);
    }
  }
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params, openOnly };
}

export function queueOrder(sort: QueueFilter['sort']): string {
  switch (sort) {
    case 'newest':
      return 'c.created_at DESC, c.id DESC';
    case 'due':
      return `${DUE_SORT}, c.created_at ASC, c.id ASC`;
    case 'oldest':
    default:
      return 'c.created_at ASC, c.id ASC';
  }
}
