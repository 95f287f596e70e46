/**
 * The receipt deadline of § 15 Abs. 1 GewO: "Die Behörde bescheinigt innerhalb dreier Tage den Empfang der Anzeige."
 *
 * Decisions (the statute says no more than "innerhalb dreier Tage"):
 * - Calendar days, not working days: the GewO says "Tage", and where federal law means working days it says
 *   "Werktage" or "Arbeitstage".
 * - Counting follows § 31 Abs. 1 VwVfG (applied in Niedersachsen through § 1 Abs. 1 NVwVfG) with §§ 187 Abs. 1,
 *   188 Abs. 1 BGB: the deadline is set off by an event (the receipt of the notice), so the day of receipt is not
 *   counted; the deadline ends at the end (24:00) of the third day after it.
 * - § 31 Abs. 3 Satz 1 VwVfG: when that day is a Sonnabend, a Sunday or a public holiday, the deadline ends at the
 *   end of the next working day. Public holidays are those of Niedersachsen (holidays.ts), where the office is.
 * - Days are Europe/Berlin calendar days: a notice that arrives at 00:30 on a Saturday (23:30 UTC on Friday)
 *   was received on Saturday.
 * - The receipt moment is the arrival at the authority: the counter visit, the postal delivery, or the
 *   submission through the portal (FIT-Connect "submit-submission") — not the moment a clerk opens the case.
 *
 * Pure TypeScript; times are instants (Date), deadlines calendar dates in Europe/Berlin.
 */
import { berlinIsoDay } from '../../domain/berlin-time';
import { berlinDayStart, calendarDaysBetween } from '../../domain/deadlines';
import { addDays, germanDate, isWorkingDay, nonWorkingReason, WEEKDAY_SHORT, weekday, type IsoDate } from '../../domain/niedersachsen-calendar';

/** "innerhalb dreier Tage" */
export const RECEIPT_DEADLINE_DAYS = 3;
export const RECEIPT_DEADLINE_REFERENCE = '§ 15 Abs. 1 GewO; Fristberechnung § 31 VwVfG i. V. m. §§ 187 Abs. 1, 188 Abs. 1 BGB';

export interface ReceiptDeadline {
  /** Europe/Berlin calendar date of receipt. */
  receivedOn: IsoDate;
  /** Last day of the deadline (it ends at 24:00 Europe/Berlin of this day). */
  due: IsoDate;
  /** The third day after receipt, before any extension. */
  nominalDue: IsoDate;
  /** Days the end was moved over (weekend or holiday), with the reason, e.g. { date: '2026-04-03', reason: 'Karfreitag' }. */
  extendedOver: { date: IsoDate; reason: string }[];
  /** The instant the deadline ends: 00:00 Europe/Berlin of the day after `due`. */
  endsAt: Date;
}

/** The deadline for a notice received on a Berlin calendar date. */
export function receiptDeadlineForDate(receivedOn: IsoDate): ReceiptDeadline {
  const nominalDue = addDays(receivedOn, RECEIPT_DEADLINE_DAYS);
  const extendedOver: { date: IsoDate; reason: string }[] = [];
  let due = nominalDue;
  while (!isWorkingDay(due)) {
    extendedOver.push({ date: due, reason: nonWorkingReason(due)! });
    due = addDays(due, 1);
  }
  return { receivedOn, due, nominalDue, extendedOver, endsAt: berlinDayStart(addDays(due, 1)) };
}

/** The deadline for a notice received at an instant. */
export function receiptDeadline(receivedAt: Date): ReceiptDeadline {
  return receiptDeadlineForDate(berlinIsoDay(receivedAt));
}

/** True once the receipt deadline has passed without a certificate: after 24:00 (Berlin) of the due day. */
export function isOverdue(receivedAt: Date, now: Date): boolean {
  return berlinIsoDay(now) > receiptDeadline(receivedAt).due;
}

export type DeadlineState = 'open' | 'due_today' | 'overdue' | 'met' | 'met_late';

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  open: 'offen',
  due_today: 'heute fällig',
  overdue: 'überfällig',
  met: 'fristgerecht bescheinigt',
  met_late: 'verspätet bescheinigt',
};

export interface DeadlineStatus {
  state: DeadlineState;
  due: IsoDate;
  /** Calendar days from today (Berlin) to the due day: 0 on the day, negative when overdue. */
  daysLeft: number;
  /** For the queue: "Empfangsbescheinigung bis Di, 07.04.2026", "überfällig seit Mi, 08.04.2026 (1 Tag)". */
  label: string;
  /** How the queue marks the row: overdue ones red ('overdue'), those due today amber ('due_today'), else none. */
  highlight: 'overdue' | 'due_today' | null;
  reference: string;
}

function dayLabel(iso: IsoDate): string {
  return `${WEEKDAY_SHORT[weekday(iso)]}, ${germanDate(iso)}`;
}

const daysBetween = calendarDaysBetween;

/**
 * The deadline as the queue shows it. `certifiedAt` is when the Empfangsbescheinigung was issued (null while it
 * is not): a certified case is "met" or "met_late" and never highlighted.
 */
export function receiptDeadlineStatus(receivedAt: Date, now: Date, certifiedAt: Date | null = null): DeadlineStatus {
  const dl = receiptDeadline(receivedAt);
  const today = berlinIsoDay(now);
  const daysLeft = daysBetween(today, dl.due);
  const base = { due: dl.due, daysLeft, reference: RECEIPT_DEADLINE_REFERENCE };
  if (certifiedAt) {
    const on = berlinIsoDay(certifiedAt);
    const late = on > dl.due;
    return {
      ...base,
      state: late ? 'met_late' : 'met',
      label: `Empfang bescheinigt am ${germanDate(on)}${late ? ` (Frist endete ${dayLabel(dl.due)})` : ''}`,
      highlight: null,
    };
  }
  if (daysLeft < 0) {
    const over = -daysLeft;
    return {
      ...base,
      state: 'overdue',
      label: `Empfangsbescheinigung überfällig seit ${dayLabel(addDays(dl.due, 1))} (${over} ${over === 1 ? 'Tag' : 'Tage'})`,
      highlight: 'overdue',
    };
  }
  if (daysLeft === 0) {
    return { ...base, state: 'due_today', label: `Empfangsbescheinigung heute fällig (${dayLabel(dl.due)})`, highlight: 'due_today' };
  }
  return { ...base, state: 'open', label: `Empfangsbescheinigung bis ${dayLabel(dl.due)}`, highlight: null };
}
