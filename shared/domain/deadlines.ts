/**
 * Target dates and legal deadlines of cases, in Europe/Berlin: pure date arithmetic, safe across daylight-saving
 * changes because every step works on Berlin calendar dates ("2026-03-29") and only the edges convert between an
 * instant and its Berlin date (berlinIsoDay, berlinDayStart). Nothing here adds 24 hours to an instant.
 *
 * Decisions
 * - Working days are Monday to Friday without the public holidays of Niedersachsen (niedersachsen-calendar.ts).
 * - Counting starts the day after receipt (as § 187 Abs. 1 BGB counts a period set off by an event): a case
 *   received on a Monday with a norm of 3 working days has its target on Thursday; received on a Saturday, on the
 *   following Wednesday. A norm of 0 working days means the day of receipt, or the next working day when the case
 *   arrived on a weekend or holiday (online, post).
 * - The target date is a calendar date (YYYY-MM-DD): the last day on which the case is "in time".
 * - The legal deadline is an instant: the end of its last day, 24:00 Europe/Berlin, stored as the instant
 *   00:00 Berlin of the following day in UTC ISO form — "2026-04-08T22:00:00.000Z" ends Wednesday 08.04.2026
 *   (CEST), "2026-11-26T23:00:00.000Z" ends Thursday 26.11.2026 (CET). An instant compares correctly against "now"
 *   without knowing the time zone; `legalDeadlineDay` gives back the Berlin date of the last day for display.
 *   Deadlines that a statute counts differently (§ 15 Abs. 1 GewO: three calendar days, end moved to the next
 *   working day) are computed by their own rule and only stored here as an instant (shared/services/deadlines.ts).
 * - Due state (`dueState`): 'overdue' when the target date lies before today (Berlin) or the legal deadline instant
 *   has passed; 'today' when the target date is today or the legal deadline ends tonight; else null. While a case
 *   waits for the applicant its clock stands still and it is not due (its dates move on when it resumes).
 * - Suspension (`resumeDeadlines`): when a case waited for the applicant from instant A to instant B, both dates
 *   move on by the working days between A's Berlin date (not counted) and B's Berlin date (counted) — the same
 *   count as "whole Berlin days waited", but in working days. Why working days, not calendar days: the norms are
 *   counted in working days, so the office expects a wait to give back the working days it cost. A wait from
 *   Friday to Monday costs one working day and moves a Wednesday target to Thursday; counted in calendar days it
 *   would move it by three days to the next Monday. A wait over Easter (Thursday to Tuesday) costs one working day,
 *   not five. A wait that starts and ends on the same Berlin day moves nothing; a wait from 17:00 to 08:00 the next
 *   working day moves the dates by one day (the clock stood still when that day began). The legal deadline keeps
 *   its "end of day" form: its last day moves by the same working days.
 *
 * Pure TypeScript (shared/): no Node, no DOM.
 */
import { berlinIsoDay } from './berlin-time';
import { addDays, germanDate, isWorkingDay, workingDayOnOrAfter, type IsoDate } from './niedersachsen-calendar';

const MS_PER_DAY = 86_400_000;

/** Calendar days from `from` to `to` (negative when `to` is earlier); both "YYYY-MM-DD". */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/**
 * The n-th working day after `day` (`day` itself is not counted); n = 0: `day` when it is a working day, else the
 * next working day.
 */
export function addWorkingDays(day: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`Arbeitstage müssen eine ganze Zahl ≥ 0 sein, nicht ${n}.`);
  if (n === 0) return workingDayOnOrAfter(day);
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days d with from < d ≤ to (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/** The instant 00:00 Europe/Berlin begins the given date (UTC+1 in winter, UTC+2 in summer). */
export function berlinDayStart(day: IsoDate): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  for (const offsetHours of [1, 2]) {
    const t = new Date(utcMidnight - offsetHours * 3_600_000);
    if (berlinIsoDay(t) === day && berlinIsoDay(new Date(t.getTime() - 1)) !== day) return t;
  }
  // Unreachable for Europe/Berlin: its changes happen at 02:00/03:00, never at midnight.
  return new Date(utcMidnight - 3_600_000);
}

/** The instant a Berlin day ends (24:00 = 00:00 of the next day), as an ISO string in UTC. */
export function berlinEndOfDay(day: IsoDate): string {
  return berlinDayStart(addDays(day, 1)).toISOString();
}

/** The Berlin date whose end a legal deadline instant is (the day before the instant's own date at 00:00). */
export function legalDeadlineDay(legalDeadlineAt: string): IsoDate {
  return berlinIsoDay(new Date(new Date(legalDeadlineAt).getTime() - 1));
}

/** The target date: `workingDays` working days after the Berlin date of receipt. */
export function targetDateFor(receivedAt: Date, workingDays: number): IsoDate {
  return addWorkingDays(berlinIsoDay(receivedAt), workingDays);
}

/** The legal deadline counted in working days: the end (24:00 Berlin) of the n-th working day after receipt. */
export function legalDeadlineFor(receivedAt: Date, workingDays: number): string {
  return berlinEndOfDay(addWorkingDays(berlinIsoDay(receivedAt), workingDays));
}

export interface CaseDeadlines {
  targetDate: IsoDate | null;
  legalDeadlineAt: string | null;
}

export type DueState = 'overdue' | 'today' | null;

/**
 * How due an open case is at `now` (see the decisions above). A case waiting for the applicant (`waitingSince`
 * set) is never due: its clock stands still and its dates move on when it resumes (as shared/domain/queue.ts,
 * whose DUE_STATUSES leave 'waiting' out).
 */
export function dueState(c: CaseDeadlines & { waitingSince?: string | null }, now: Date): DueState {
  if (c.waitingSince) return null;
  const at = now;
  const today = berlinIsoDay(at);
  let state: DueState = null;
  if (c.targetDate) {
    if (c.targetDate < today) return 'overdue';
    if (c.targetDate === today) state = 'today';
  }
  if (c.legalDeadlineAt) {
    const ends = new Date(c.legalDeadlineAt).getTime();
    if (at.getTime() > ends) return 'overdue';
    if (legalDeadlineDay(c.legalDeadlineAt) === today) state = 'today';
  }
  return state;
}

export interface ResumedDeadlines extends CaseDeadlines {
  /** Working days the wait cost (the dates moved by this many working days). */
  waitedWorkingDays: number;
}

/**
 * The dates after a wait for the applicant from `waitingSince` to `resumedAt`: both move on by the working days
 * between the two Berlin dates (the start day not counted, the end day counted). Missing dates stay missing.
 */
export function resumeDeadlines(c: CaseDeadlines, waitingSince: Date, resumedAt: Date): ResumedDeadlines {
  const waited = workingDaysBetween(berlinIsoDay(waitingSince), berlinIsoDay(resumedAt));
  if (waited === 0) return { ...c, waitedWorkingDays: 0 };
  return {
    targetDate: c.targetDate ? addWorkingDays(c.targetDate, waited) : null,
    legalDeadlineAt: c.legalDeadlineAt ? berlinEndOfDay(addWorkingDays(legalDeadlineDay(c.legalDeadlineAt), waited)) : null,
    waitedWorkingDays: waited,
  };
}

/** "Bearbeitungsziel 09.04.2026, gesetzliche Frist bis 08.04.2026, 24:00 Uhr" (null when there are no dates). */
export function describeDeadlines(c: CaseDeadlines): string | null {
  const parts: string[] = [];
  if (c.targetDate) parts.push(`Bearbeitungsziel ${germanDate(c.targetDate)}`);
  if (c.legalDeadlineAt) parts.push(`gesetzliche Frist bis ${germanDate(legalDeadlineDay(c.legalDeadlineAt))}, 24:00 Uhr`);
  return parts.length ? parts.join(', ') : null;
}
