/**
 * Calendar arithmetic for the Hundesteuer on plain calendar dates ("YYYY-MM-DD") and months ("YYYY-MM"), without
 * times or time zones: a tax month, a due date or a date of death is a day of the calendar, not an instant. (Where a
 * day comes from an instant — the date of a Bescheid — the caller takes it in Europe/Berlin with berlinIsoDay.)
 *
 * Pure TypeScript (shared/): no Node, no DOM.
 */

import { easterSunday, isWorkingDay, niedersachsenHolidays, workingDayOnOrAfter } from '../../domain/niedersachsen-calendar';
export type IsoDate = string;
export type YearMonth = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True for an existing calendar day written "YYYY-MM-DD" (2026-02-29 is false, 2028-02-29 true). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isYearMonth(s: string): boolean {
  const m = ISO_MONTH.exec(s);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function parseIsoDate(s: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(s);
  if (!m || !isIsoDate(s)) throw new Error(`Ungültiges Datum: ${s}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function parseYearMonth(s: YearMonth): { year: number; month: number } {
  const m = ISO_MONTH.exec(s);
  if (!m || !isYearMonth(s)) throw new Error(`Ungültiger Monat: ${s}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function yearMonth(year: number, month: number): YearMonth {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** Adds days (negative allowed). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Adds calendar months; a day missing in the target month becomes its last day (31.01. + 1 Monat = 28./29.02.),
 * as § 188 Abs. 3 BGB ends a period of months.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

export function addMonthsToMonth(ym: YearMonth, months: number): YearMonth {
  const { year, month } = parseYearMonth(ym);
  const index = year * 12 + (month - 1) + months;
  return yearMonth(Math.floor(index / 12), (index % 12) + 1);
}

export function nextMonth(ym: YearMonth): YearMonth {
  return addMonthsToMonth(ym, 1);
}

/** Months from a to b inclusive (0 when b is before a). */
export function monthsBetweenInclusive(a: YearMonth, b: YearMonth): number {
  const p = parseYearMonth(a);
  const q = parseYearMonth(b);
  return Math.max(0, q.year * 12 + q.month - (p.year * 12 + p.month) + 1);
}

export function firstDayOf(ym: YearMonth): IsoDate {
  return `${ym}-01`;
}

export function lastDayOf(ym: YearMonth): IsoDate {
  const { year, month } = parseYearMonth(ym);
  return isoDate(year, month, daysInMonth(year, month));
}

export function maxOf<T extends string>(a: T, b: T): T {
  return a >= b ? a : b;
}

export function minOf<T extends string>(a: T, b: T): T {
  return a <= b ? a : b;
}

/** True when `date` lies strictly after the day the animal (or person) born on `birth` completes `months` months. */
export function olderThanMonths(birth: IsoDate, date: IsoDate, months: number): boolean {
  return date > addMonths(birth, months);
}

/** "2026-11-25" → "25.11.2026". */
export function formatDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${pad(day)}.${pad(month)}.${year}`;
}

export const MONTH_NAMES = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
] as const;

/** "2026-04" → "April 2026". */
export function formatMonth(ym: YearMonth): string {
  const { year, month } = parseYearMonth(ym);
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

/** "April bis Dezember 2026", "Dezember 2025 bis März 2026", "Mai 2026". */
export function formatMonthRange(from: YearMonth, to: YearMonth): string {
  const p = parseYearMonth(from);
  const q = parseYearMonth(to);
  if (from === to) return formatMonth(from);
  if (p.year === q.year) return `${MONTH_NAMES[p.month - 1]} bis ${MONTH_NAMES[q.month - 1]} ${q.year}`;
  return `${formatMonth(from)} bis ${formatMonth(to)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Working days in Niedersachsen
// ---------------------------------------------------------------------------------------------------------------

/** Easter and the holidays come from the one Niedersachsen calendar of the project. */
export { easterSunday };

export function holidaysNiedersachsen(year: number): Set<IsoDate> {
  return new Set(niedersachsenHolidays(year).map((h) => h.date));
}

export function isWorkingDayNiedersachsen(date: IsoDate): boolean {
  return isWorkingDay(date);
}

/**
 * The day itself when it is a working day, else the next one (§ 108 Abs. 3 AO: a period ending on a Saturday,
 * Sunday or public holiday ends on the next working day).
 */
export function nextWorkingDayNiedersachsen(date: IsoDate): IsoDate {
  return workingDayOnOrAfter(date);
}
