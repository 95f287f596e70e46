/**
 * Calendar dates of the register: stored as ISO yyyy-mm-dd; clerks and CSV files may use German dd.mm.yyyy.
 * Dates are calendar days without a time zone, checked against the proleptic Gregorian calendar.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function valid(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month = last day of month m
  return d <= days;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** True for a real calendar date written yyyy-mm-dd (e.g. not 2023-02-29). */
export function isValidIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  return m !== null && valid(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Parses "yyyy-mm-dd" or German "dd.mm.yyyy" (also "d.m.yyyy"), surrounding blanks ignored.
 * Returns the ISO form, or null when the text is no valid date. The API and the CSV import both use it.
 */
export function parseDateInput(s: string): string | null {
  const t = s.trim();
  let m = ISO.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? iso(y, mo, d) : null;
  }
  m = GERMAN.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? iso(y, mo, d) : null;
  }
  return null;
}

/** "1985-03-14" → "14.03.1985". */
export function formatGermanDate(isoDate: string): string {
  const m = ISO.exec(isoDate);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate;
}

/** The calendar day (UTC) of an ISO timestamp or date: "2025-03-01T10:00:00Z" → "2025-03-01". */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}
