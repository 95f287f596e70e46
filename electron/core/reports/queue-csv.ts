/**
 * The queue view as CSV ("CSV exportieren"): the rows the queue shows for the same filter, in its order, all
 * pages. Same format as the Postausgangsbuch (documents/dispatch-log.ts): UTF-8 with BOM, ";", CRLF, RFC 4180
 * quoting, cells guarded against formula injection by its `csvCell`; dates and times German, Europe/Berlin.
 */
import { CHANNEL_LABELS } from '../../../shared/domain/channels';
import { STATUS_LABELS } from '../../../shared/domain/status';
import type { CaseSummary } from '../../../shared/domain/types';
import { csvCell } from '../documents/dispatch-log';
import { berlinDateTime } from '../../../shared/domain/berlin-time';

export const QUEUE_CSV_HEADER = [
  'Aktenzeichen',
  'Leistung',
  'Antragsteller',
  'Kanal',
  'Status',
  'Standort',
  'Eingang',
  'Bearbeitung',
  'Ziel',
  'Frist',
  'Fälligkeit',
] as const;


/** "25.11.2026 10:42" (Berlin time) */
function dateTime(iso: string | null): string {
  if (!iso) return '';
  return berlinDateTime(iso).replace(',', '');
}

/** "2026-11-27" → "27.11.2026" */
function isoDate(day: string | null): string {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : (day ?? '');
}

const DUE_TEXT = { overdue: 'überfällig', today: 'heute fällig' } as const;

export function queueCsv(items: readonly CaseSummary[]): string {
  const rows = [QUEUE_CSV_HEADER.map(csvCell).join(';')];
  for (const c of items) {
    rows.push(
      [
        c.reference,
        c.serviceName,
        c.applicantName,
        CHANNEL_LABELS[c.channel],
        STATUS_LABELS[c.status],
        c.siteName,
        dateTime(c.createdAt),
        c.assigneeName ?? '',
        isoDate(c.targetDate),
        dateTime(c.legalDeadlineAt),
        c.due ? DUE_TEXT[c.due] : '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** "vorgaenge-2026-11-25.csv" */
export function queueCsvFileName(today: string): string {
  return `vorgaenge-${today}.csv`;
}
