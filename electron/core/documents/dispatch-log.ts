/**
 * Postausgangsbuch: the dispatch log of one day and site — every letter posted with running number, Aktenzeichen,
 * recipient (name, PLZ Ort), product, Einschreiben number, postage and clerk; totals per product and overall.
 * As a PDF (A4 landscape, header and page numbers on every page, a hand-over line for the Post at the end) and as
 * CSV (UTF-8 with BOM, ";", decimal comma, RFC 4180 quoting, guarded against formula injection).
 *
 * Auskunftssperre: the log is kept in the office and exported (e.g. to the Kämmerei for the postage account);
 * for a recipient under an Auskunftssperre it names the person but shows "Auskunftssperre" instead of PLZ and Ort.
 * No street is ever listed.
 */
import { formatEuro } from '../../../shared/domain/money';
import { postageTotals, type PostageTotals } from '../../../shared/domain/postage';
import {
  CELL_PAD as PAD,
  LIST_BOTTOM as BOTTOM,
  LIST_LEFT as LEFT,
  LIST_PAGE as PAGE,
  addListPage,
  checkColumnWidths,
  drawListFooters,
  layoutRow,
  listRule as rule,
  type ListColumn,
} from './landscape-list';
import { MUTED_COLOR, RULE_COLOR, lineHeight } from './letter';
import { berlinDate, formatIsoDate, type DocumentContext } from './meldebescheinigung';
import { FONT_ASCENT, createPdf, fitSize, mm, pdfToBuffer, ptToMm, textAt, textWidthMm, type TextStyle } from './pdf';
import { COUNTRY_NAMES_DE, recipientDisplayName, type PostalAddressInput } from './postal-address';

export interface DispatchLogEntry {
  /** Running number of the day; the position in the list (1-based) when absent. */
  number?: number;
  caseReference: string;
  /** "Dr. Erika Mustermann", "Muster GmbH, Erika Muster" (recipientDisplayName). */
  recipientName: string;
  postalCode: string;
  city: string;
  /** ISO code; 'DE' when absent. */
  country?: string | null;
  /** Auskunftssperre: PLZ and Ort are not listed. */
  confidential?: boolean;
  /** Product label as choosePostage gives it: "Standardbrief", "Großbrief + Einschreiben Einwurf". */
  product: string;
  /** Sendungsnummer of the Einschreiben label, if any. */
  registeredNumber?: string | null;
  postageCents: number;
  clerk: string;
}

export interface DispatchLogInput {
  /** The day, ISO "YYYY-MM-DD" or a Date (its Europe/Berlin calendar day). */
  date: string | Date;
  /** Site name, e.g. "Bürgerbüro Lingen (Ems)" or "Ortsverwaltung Darme". */
  site: string;
  entries: readonly DispatchLogEntry[];
  /** Optional; computed from the entries. When given it must agree with them. */
  totals?: PostageTotals;
}

export const CONFIDENTIAL_PLACE = 'Auskunftssperre';

export class DispatchLogError extends Error {
  override name = 'DispatchLogError';
}

/** The log's recipient columns from an address (the one formatter's name rule; no street). */
export function dispatchRecipient(
  a: PostalAddressInput,
): Pick<DispatchLogEntry, 'recipientName' | 'postalCode' | 'city' | 'country' | 'confidential'> {
  return {
    recipientName: recipientDisplayName(a),
    postalCode: (a.postalCode ?? '').trim(),
    city: a.city.trim(),
    country: (a.country ?? 'DE').trim().toUpperCase() || 'DE',
    confidential: !!a.auskunftssperre,
  };
}

/** "49808 Lingen (Ems)", "1010 Wien (Österreich)", or "Auskunftssperre". */
export function placeText(e: DispatchLogEntry): string {
  if (e.confidential) return CONFIDENTIAL_PLACE;
  const country = (e.country ?? 'DE').toUpperCase();
  const place = `${e.postalCode} ${e.city}`.replace(/\s+/g, ' ').trim();
  return country === 'DE' ? place : `${place} (${COUNTRY_NAMES_DE[country] ?? country})`;
}

export function dispatchTotals(entries: readonly DispatchLogEntry[]): PostageTotals {
  return postageTotals(entries.map((e) => ({ label: e.product, cents: e.postageCents })));
}

function dayText(date: string | Date): string {
  return typeof date === 'string' ? formatIsoDate(date) : berlinDate(date);
}

function numbered(entries: readonly DispatchLogEntry[]): (DispatchLogEntry & { number: number })[] {
  return entries.map((e, i) => ({ ...e, number: e.number ?? i + 1 }));
}

// ---------------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------------

export const CSV_HEADER = [
  'Lfd. Nr.',
  'Aktenzeichen',
  'Empfänger',
  'PLZ',
  'Ort',
  'Land',
  'Produkt',
  'Einschreiben-Nr.',
  'Porto (EUR)',
  'Bearbeitung',
] as const;

/**
 * A text cell: formula injection guarded (a leading = + - @, tab or CR gets an apostrophe, so spreadsheets show
 * text instead of evaluating it), then quoted by RFC 4180 where it holds ; " CR or LF.
 */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** 95 → "0,95", 123456 → "1234,56" (no thousands separator, so spreadsheets read a number). */
export function csvEuro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** The log as CSV: UTF-8 BOM, header row, ";" separated, CRLF line ends (RFC 4180). */
export function dispatchLogCsv(entries: readonly DispatchLogEntry[]): string {
  const rows = [CSV_HEADER.map(csvCell).join(';')];
  for (const e of numbered(entries)) {
    if (!Number.isInteger(e.postageCents)) throw new DispatchLogError(`Porto muss in ganzen Cent angegeben sein: ${e.postageCents}.`);
    rows.push(
      [
        String(e.number),
        csvCell(e.caseReference),
        csvCell(e.recipientName),
        csvCell(e.confidential ? '' : e.postalCode),
        csvCell(e.confidential ? CONFIDENTIAL_PLACE : e.city),
        csvCell(e.confidential ? '' : (e.country ?? 'DE').toUpperCase()),
        csvCell(e.product),
        csvCell(e.registeredNumber ?? ''),
        csvEuro(e.postageCents),
        csvCell(e.clerk),
      ].join(';'),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------------------------

const CELL: TextStyle = { size: 8.5 };
const HEAD: TextStyle = { size: 8.5, font: 'Bold' };

const COLUMNS: ListColumn<DispatchLogEntry & { number: number }>[] = [
  { title: 'Nr.', width: 9, align: 'right', value: (e) => String(e.number) },
  { title: 'Aktenzeichen', width: 30, value: (e) => e.caseReference },
  { title: 'Empfänger', width: 58, value: (e) => e.recipientName },
  { title: 'PLZ Ort', width: 46, value: placeText },
  { title: 'Produkt', width: 50, value: (e) => e.product },
  { title: 'Einschreiben-Nr.', width: 34, value: (e) => e.registeredNumber ?? '' },
  { title: 'Porto', width: 16, align: 'right', value: (e) => formatEuro(e.postageCents) },
  { title: 'Bearbeitung', width: 24, value: (e) => e.clerk },
];

/** Renders the Postausgangsbuch as PDF/A-2b, A4 landscape. */
export async function renderDispatchLogPdf(input: DispatchLogInput, ctx: DocumentContext): Promise<Buffer> {
  const totals = dispatchTotals(input.entries);
  if (input.totals && (input.totals.cents !== totals.cents || input.totals.letters !== totals.letters)) {
    throw new DispatchLogError(
      `Die übergebenen Summen (${formatEuro(input.totals.cents)}, ${input.totals.letters} Sendungen) passen nicht zu den Einträgen (${formatEuro(totals.cents)}, ${totals.letters} Sendungen).`,
    );
  }
  const lh = ctx.letterhead;
  const day = dayText(input.date);
  const doc = createPdf({
    resourcesDir: ctx.resourcesDir,
    title: `Postausgangsbuch ${day} ${input.site}`,
    author: lh.authority,
    subject: `Postausgangsbuch vom ${day}, ${input.site}`,
    keywords: 'Postausgangsbuch, Postversand',
    creationDate: typeof input.date === 'string' ? new Date(`${input.date}T12:00:00Z`) : input.date,
    pageSize: PAGE,
  });
  checkColumnWidths('Postausgangsbuch', COLUMNS);

  let y = 0;
  const header = (first: boolean, columns: boolean): void => {
    if (first) {
      textAt(doc, lh.authority, LEFT, 16, { font: 'Bold', size: 11 });
      if (lh.department) textAt(doc, lh.department, LEFT, 21, { size: 8.5, color: MUTED_COLOR });
      textAt(doc, 'Postausgangsbuch', LEFT, 31, { font: 'Bold', size: 16 });
      textAt(doc, `Tag: ${day}`, LEFT, 38, { size: 10 });
      textAt(doc, `Standort: ${input.site}`, LEFT + 45, 38, { size: 10 });
      y = 44;
    } else {
      textAt(doc, `Postausgangsbuch ${day} · ${input.site} (Fortsetzung)`, LEFT, 14, { size: 8.5, color: MUTED_COLOR });
      y = 19;
    }
    if (!columns) {
      y += 4;
      return;
    }
    // Column titles.
    let x = LEFT;
    const b = y + ptToMm(HEAD.size) * FONT_ASCENT + PAD;
    for (const c of COLUMNS) {
      const size = fitSize(doc, c.title, c.width - 2 * PAD, HEAD, 6.5);
      if (c.align === 'right') textAt(doc, c.title, x + c.width - PAD, b, { ...HEAD, size, align: 'right' });
      else textAt(doc, c.title, x + PAD, b, { ...HEAD, size });
      x += c.width;
    }
    y = b + 2.2;
    rule(doc, y, 0.6, '#000000');
    y += 0.8;
  };
  const newPage = (columns: boolean): void => {
    addListPage(doc);
    header(false, columns);
  };

  header(true, true);
  const rows = numbered(input.entries);
  if (rows.length === 0) {
    textAt(doc, 'Keine Sendungen an diesem Tag.', LEFT + PAD, y + 5, { size: 9, color: MUTED_COLOR });
    y += 8;
  }
  for (const e of rows) {
    if (!Number.isInteger(e.postageCents)) throw new DispatchLogError(`Porto muss in ganzen Cent angegeben sein: ${e.postageCents}.`);
    const row = layoutRow(doc, COLUMNS, e, e.number - 1, CELL);
    if (y + row.height > BOTTOM) newPage(true);
    row.draw(y);
    y += row.height;
    rule(doc, y, 0.25, RULE_COLOR);
  }

  // Totals per product and overall, kept together.
  const totalRows = totals.byLabel.length + 1;
  const totalsHeight = 10 + totalRows * lineHeight(9.5) + 24;
  if (y + totalsHeight > BOTTOM) newPage(false);
  y += 7;
  textAt(doc, 'Summen', LEFT, y, { font: 'Bold', size: 10 });
  y += 5.5;
  const labelX = LEFT + PAD;
  const countX = LEFT + 120;
  const sumX = LEFT + 150;
  textAt(doc, 'Produkt', labelX, y, { size: 8, color: MUTED_COLOR });
  textAt(doc, 'Anzahl', countX, y, { size: 8, color: MUTED_COLOR, align: 'right' });
  textAt(doc, 'Porto', sumX, y, { size: 8, color: MUTED_COLOR, align: 'right' });
  y += lineHeight(9.5);
  for (const t of totals.byLabel) {
    textAt(doc, t.label, labelX, y, { size: 9.5 });
    textAt(doc, String(t.letters), countX, y, { size: 9.5, align: 'right' });
    textAt(doc, formatEuro(t.cents), sumX, y, { size: 9.5, align: 'right' });
    y += lineHeight(9.5);
  }
  const sumRule = y - lineHeight(9.5) + 1.6;
  doc.save().lineWidth(0.5).strokeColor('#000000').moveTo(mm(labelX), mm(sumRule)).lineTo(mm(sumX), mm(sumRule)).stroke().restore();
  y = sumRule + 4.6;
  textAt(doc, 'Gesamt', labelX, y, { font: 'Bold', size: 9.5 });
  textAt(doc, String(totals.letters), countX, y, { font: 'Bold', size: 9.5, align: 'right' });
  textAt(doc, formatEuro(totals.cents), sumX, y, { font: 'Bold', size: 9.5, align: 'right' });

  // Hand-over to the Post.
  y += 16;
  const handOver = 'Übergeben an die Deutsche Post am ______________ um ________ Uhr';
  textAt(doc, handOver, LEFT, y, { size: 9.5 });
  const sigX = LEFT + textWidthMm(doc, handOver, { size: 9.5 }) + 15;
  textAt(doc, 'Unterschrift ______________________________', sigX, y, { size: 9.5 });

  drawListFooters(doc, `${lh.authority} · Postausgangsbuch vom ${day} · ${input.site}`);
  return pdfToBuffer(doc);
}
