/**
 * Calendar days in Niedersachsen: public holidays and working days, on ISO calendar dates ("2026-04-03").
 *
 * Public holidays of Niedersachsen (§ 2 Abs. 1 Niedersächsisches Gesetz über die Feiertage, NFeiertagsG):
 * Neujahrstag (1.1.), Karfreitag, Ostermontag, 1. Mai, Himmelfahrtstag, Pfingstmontag, Tag der Deutschen
 * Einheit (3.10.), Reformationstag (31.10., a permanent holiday in Niedersachsen since 2018; in 2017 it was a
 * one-off holiday in all of Germany for the 500th anniversary of the Reformation), 1. und 2. Weihnachtstag
 * (25./26.12.). Ostersonntag and Pfingstsonntag are Sundays anyway. Heiligabend and Silvester are no holidays.
 *
 * Everything here works on calendar dates, not instants: callers convert an instant to its Europe/Berlin date
 * first (shared/domain/berlin-time.ts). Pure TypeScript (shared/ imports nothing from Node).
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Kein Kalenderdatum im Format JJJJ-MM-TT: „${iso}“`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new Error(`Kein gültiges Kalenderdatum: „${iso}“`);
  }
  return [y, mo, d];
}

function fromUtc(t: Date): IsoDate {
  return t.toISOString().slice(0, 10);
}

/** True for a valid calendar date written "YYYY-MM-DD". */
export function isIsoDate(s: string): boolean {
  try {
    parts(s);
    return true;
  } catch {
    return false;
  }
}

/** The date n calendar days after (n < 0: before) iso. */
export function addDays(iso: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(iso);
  return fromUtc(new Date(Date.UTC(y, m - 1, d + n)));
}

/**
 * The date n calendar months after iso; a day that does not exist in the target month becomes that month's last
 * day (31.01. + 1 Monat = 28./29.02.), as in § 188 Abs. 3 BGB.
 */
export function addMonths(iso: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(iso);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))));
}

/** Whole years between birth and on (the age on that date; a 29.02. birthday counts on 01.03. in other years). */
export function yearsBetween(birth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(birth);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: IsoDate): number {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const WEEKDAY_NAMES = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Sonnabend'] as const;
export const WEEKDAY_SHORT = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'] as const;

/** "2026-04-07" → "07.04.2026" */
export function germanDate(iso: IsoDate): string {
  const [y, m, d] = parts(iso);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
}

/**
 * Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher), valid for every
 * year from 1583 on.
 */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583) throw new Error(`Ostern wird ab 1583 berechnet, nicht für ${year}.`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Holiday {
  date: IsoDate;
  name: string;
}

const holidayCache = new Map<number, Holiday[]>();

/** The public holidays of Niedersachsen in a year, in date order. */
export function niedersachsenHolidays(year: number): Holiday[] {
  let list = holidayCache.get(year);
  if (list) return list;
  const easter = easterSunday(year);
  const fixed = (mmdd: string, name: string): Holiday => ({ date: `${year}-${mmdd}`, name });
  list = [
    fixed('01-01', 'Neujahrstag'),
    { date: addDays(easter, -2), name: 'Karfreitag' },
    { date: addDays(easter, 1), name: 'Ostermontag' },
    fixed('05-01', 'Tag der Arbeit'),
    { date: addDays(easter, 39), name: 'Christi Himmelfahrt' },
    { date: addDays(easter, 50), name: 'Pfingstmontag' },
    fixed('10-03', 'Tag der Deutschen Einheit'),
    ...(year >= 2017 ? [fixed('10-31', 'Reformationstag')] : []),
    fixed('12-25', '1. Weihnachtstag'),
    fixed('12-26', '2. Weihnachtstag'),
  ].sort((p, q) => p.date.localeCompare(q.date));
  holidayCache.set(year, list);
  return list;
}

/** The holiday's name when iso is a public holiday in Niedersachsen, else null. */
export function niedersachsenHoliday(iso: IsoDate): string | null {
  const [y] = parts(iso);
  return niedersachsenHolidays(y).find((h) => h.date === iso)?.name ?? null;
}

/** Why iso is no working day ("Sonnabend", "Sonntag", the holiday's name), or null for a working day. */
export function nonWorkingReason(iso: IsoDate): string | null {
  const holiday = niedersachsenHoliday(iso);
  if (holiday) return holiday;
  const wd = weekday(iso);
  if (wd === 0 || wd === 6) return WEEKDAY_NAMES[wd]!;
  return null;
}

/** Monday to Friday and no public holiday in Niedersachsen. */
export function isWorkingDay(iso: IsoDate): boolean {
  return nonWorkingReason(iso) === null;
}

/** iso itself when it is a working day, else the next working day after it. */
export function workingDayOnOrAfter(iso: IsoDate): IsoDate {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The first working day of the month following iso's month. */
export function firstWorkingDayOfNextMonth(iso: IsoDate): IsoDate {
  const [y, m] = parts(iso);
  const first = fromUtc(new Date(Date.UTC(y, m, 1)));
  return workingDayOnOrAfter(first);
}
