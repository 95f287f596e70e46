/** Display helpers: German dates and ages. Times arrive as ISO strings in UTC and are shown in Europe/Berlin. */
import { berlinIsoDay } from '../../../shared/domain/berlin-time';

const TZ = 'Europe/Berlin';

const dateTimeFmt = new Intl.DateTimeFormat('de-DE', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateFmt = new Intl.DateTimeFormat('de-DE', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('de-DE', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });

function toDate(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "12.03.2026, 14:05" */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = toDate(iso);
  return d ? dateTimeFmt.format(d) : iso;
}

/** A timestamp as date in Berlin time: "12.03.2026". */
export function formatTimestampDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = toDate(iso);
  return d ? dateFmt.format(d) : iso;
}

/** A calendar date "2026-03-12" → "12.03.2026" (no time zone shift). Partial dates (1950-00-00) keep their zeros. */
export function formatIsoDate(date: string | null | undefined): string {
  if (!date) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
}

/**
 * Accepts "TT.MM.JJJJ" (also "T.M.JJJJ") or ISO "JJJJ-MM-TT" and returns ISO, or null when it is no valid date.
 */
export function parseGermanDate(text: string): string | null {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!m) return null;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The calendar day before an ISO day ("2026-03-01" → "2026-02-28"). */
function dayBefore(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A timestamp relative to today in Berlin: "heute 10:42", "gestern 16:03", else "12.03.2026, 10:42". */
export function formatDayTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '–';
  const d = toDate(iso);
  if (!d) return iso;
  const day = berlinIsoDay(d);
  const today = berlinIsoDay(new Date(now));
  if (day === today) return `heute ${timeFmt.format(d)}`;
  if (day === dayBefore(today)) return `gestern ${timeFmt.format(d)}`;
  return dateTimeFmt.format(d);
}

/** A file size for people: "512 Byte", "24 KB", "2,3 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Byte`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`;
  return `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

/** Today's calendar day in Berlin as "2026-03-12" (the day of the Postausgangsbuch). */
export function todayBerlin(now: Date = new Date()): string {
  return berlinIsoDay(now);
}

/** "gerade eben", "vor 5 Min.", "vor 2 Std.", "vor 3 Tagen". */
export function formatAge(iso: string, now: number = Date.now()): string {
  const d = toDate(iso);
  if (!d) return iso;
  const minutes = Math.floor((now - d.getTime()) / 60_000);
  if (minutes < 1) return 'gerade eben';
  if (minutes < 60) return `vor ${minutes} Min.`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `vor ${hours} Std.`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'vor 1 Tag';
  if (days < 60) return `vor ${days} Tagen`;
  return `am ${dateFmt.format(d)}`;
}

export function residentName(r: { familyName: string; givenNames: string; doctoralDegree?: string | null }): string {
  return `${r.familyName}, ${r.givenNames}`;
}
