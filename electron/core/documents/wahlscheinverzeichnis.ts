/**
 * The Wahlscheinverzeichnis and the Verzeichnis der für ungültig erklärten Wahlscheine of one election (§ 28 BWO;
 * §§ 26, 27 NKWO), as PDF/A-2b (A4 landscape, title block, column heads repeated on every page, "Seite n von m")
 * and as CSV (UTF-8 with BOM, ";", CRLF, RFC 4180 quoting, formula-injection guard: csvCell of the Postausgangsbuch).
 *
 * The Wahlscheinverzeichnis keeps the Wahlscheine for voters in the Wählerverzeichnis (§ 25 Abs. 1 BWO) and those
 * issued without an entry (§ 25 Abs. 2 BWO) in separate sections, each ordered by Wahlschein-Nr.; invalidated
 * Wahlscheine stay listed with the date and reason. The list of invalidated Wahlscheine goes to the Wahlvorstände and
 * Briefwahlvorstände: number, Wahlbezirk, name, birth date, address, date and reason.
 *
 * Both lists are internal records of the election office; they print the Wohnanschrift (as the Wählerverzeichnis
 * does) — the core decides who may print or export them.
 */
import type { DeliveryKind, Election } from '../../../shared/services/briefwahl/index';
import {
  INVALIDATION_REASON_LABELS,
  berlinDayText,
  isoDayText,
  legalFrame,
  parseWahlscheinNumber,
  type InvalidationReason,
} from '../../../shared/services/briefwahl/rules';
import {
  CELL_PAD as PAD,
  LIST_BOTTOM as BOTTOM,
  LIST_LEFT as LEFT,
  LIST_PAGE as PAGE,
  LIST_RIGHT as RIGHT,
  addListPage,
  checkColumnWidths,
  drawListFooters,
  layoutRow,
  listRule as rule,
  type ListColumn,
} from './landscape-list';
import { csvCell } from './dispatch-log';
import { MUTED_COLOR, RULE_COLOR, lineHeight } from './letter';
import { formatIsoDate, type DocumentContext } from './meldebescheinigung';
import { FONT_ASCENT, createPdf, pdfToBuffer, ptToMm, textAt, wrapText, type TextStyle } from './pdf';

export interface WahlscheinListEntry {
  /** "WS 012-0001". */
  number: string;
  wahlbezirk: number;
  /** Wählerverzeichnis-Nr.; null for a Wahlschein under § 25 Abs. 2. */
  voterNumber: string | null;
  familyName: string;
  givenNames: string;
  /** ISO "YYYY-MM-DD". */
  birthDate: string;
  /** Wohnanschrift as one line: "Burgstraße 21a, 49808 Lingen (Ems)". */
  address: string;
  issuedAt: Date;
  delivery: DeliveryKind;
  /** The proxy's name (pickup_by_proxy) or "PLZ Ort (Land)" of the other address (other_address). */
  deliveryDetail?: string | null;
  /** Issued under § 25 Abs. 2 (no entry in the Wählerverzeichnis). */
  registerException?: boolean;
  invalidatedAt?: Date | null;
  invalidationReason?: InvalidationReason | null;
}

export interface WahlscheinListInput {
  election: Pick<Election, 'name' | 'kind' | 'date'>;
  entries: readonly WahlscheinListEntry[];
  /** "Stand": the moment the list was produced. */
  asOf: Date;
  /** The office under the authority's name; default "Wahlamt". */
  office?: string;
}

const DELIVERY_SHORT: Record<DeliveryKind, string> = {
  home: 'Post an Wohnanschrift',
  other_address: 'Post an andere Anschrift',
  pickup_in_person: 'Persönlich abgeholt',
  pickup_by_proxy: 'Abgeholt durch Bevollmächtigte(n)',
};

function deliveryText(e: WahlscheinListEntry): string {
  const base = DELIVERY_SHORT[e.delivery];
  const detail = e.deliveryDetail?.trim();
  return detail ? `${base}: ${detail}` : base;
}

const INVALIDATION_SHORT: Record<InvalidationReason, string> = {
  not_received: 'nicht zugegangen',
  wahlrecht_entfallen: 'Wahlrecht entfallen',
  other: 'sonstiger Grund',
};

function invalidText(e: WahlscheinListEntry): string {
  if (!e.invalidatedAt) return '';
  const reason = e.invalidationReason ? ` (${INVALIDATION_SHORT[e.invalidationReason]})` : '';
  return `ungültig seit ${berlinDayText(e.invalidatedAt)}${reason}`;
}

function timeText(at: Date): string {
  const t = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${berlinDayText(at)} ${t}`;
}

function byNumber(a: WahlscheinListEntry, b: WahlscheinListEntry): number {
  const pa = parseWahlscheinNumber(a.number);
  const pb = parseWahlscheinNumber(b.number);
  if (pa && pb) return pa.wahlbezirk - pb.wahlbezirk || pa.sequence - pb.sequence;
  return a.number.localeCompare(b.number);
}

function nameText(e: WahlscheinListEntry): string {
  return `${e.familyName}, ${e.givenNames}`;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------------

export const WAHLSCHEINVERZEICHNIS_CSV_HEADER = [
  'Wahlschein-Nr.',
  'Abschnitt',
  'Wählerverzeichnis-Nr.',
  'Wahlbezirk',
  'Familienname',
  'Vornamen',
  'Geburtsdatum',
  'Wohnanschrift',
  'Erteilt am',
  'Übermittlung',
  'Übermittlung Angabe',
  'Ungültig seit',
  'Grund der Ungültigkeit',
] as const;

function csv(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`;
}

/** The Wahlscheinverzeichnis as CSV: § 25 Abs. 1 entries first, then § 25 Abs. 2, each by number. */
export function wahlscheinverzeichnisCsv(
  entries: readonly WahlscheinListEntry[],
  election: Pick<Election, 'kind'> = { kind: 'bundestag' },
): string {
  const f = legalFrame(election);
  const rows = [WAHLSCHEINVERZEICHNIS_CSV_HEADER.map(csvCell)];
  const sorted = [...entries].sort((a, b) => Number(!!a.registerException) - Number(!!b.registerException) || byNumber(a, b));
  for (const e of sorted) {
    rows.push(
      [
        e.number,
        e.registerException ? f.registerExceptionBasis : f.registerBasis,
        e.voterNumber ?? '',
        String(e.wahlbezirk),
        e.familyName,
        e.givenNames,
        formatIsoDate(e.birthDate),
        e.address,
        timeText(e.issuedAt),
        DELIVERY_SHORT[e.delivery],
        e.deliveryDetail ?? '',
        e.invalidatedAt ? berlinDayText(e.invalidatedAt) : '',
        e.invalidatedAt && e.invalidationReason ? INVALIDATION_REASON_LABELS[e.invalidationReason] : '',
      ].map(csvCell),
    );
  }
  return csv(rows);
}

export const UNGUELTIGE_CSV_HEADER = [
  'Wahlschein-Nr.',
  'Wahlbezirk',
  'Familienname',
  'Vornamen',
  'Geburtsdatum',
  'Wohnanschrift',
  'Für ungültig erklärt am',
  'Grund',
] as const;

/** The invalidated Wahlscheine as CSV (entries without invalidatedAt are left out), by number. */
export function ungueltigeWahlscheineCsv(entries: readonly WahlscheinListEntry[]): string {
  const rows = [UNGUELTIGE_CSV_HEADER.map(csvCell)];
  for (const e of entries.filter((x) => x.invalidatedAt).sort(byNumber)) {
    rows.push(
      [
        e.number,
        String(e.wahlbezirk),
        e.familyName,
        e.givenNames,
        formatIsoDate(e.birthDate),
        e.address,
        timeText(e.invalidatedAt!),
        e.invalidationReason ? INVALIDATION_REASON_LABELS[e.invalidationReason] : '',
      ].map(csvCell),
    );
  }
  return csv(rows);
}

// ---------------------------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------------------------

const CELL: TextStyle = { size: 8 };
const HEAD: TextStyle = { size: 8, font: 'Bold' };

type Column = ListColumn<WahlscheinListEntry>;

const VERZEICHNIS_COLUMNS: Column[] = [
  { title: 'Lfd.', width: 9, align: 'right', value: (_e, i) => String(i + 1) },
  { title: 'Wahlschein-Nr.', width: 24, value: (e) => e.number, style: { size: 8, font: 'Bold' } },
  { title: 'WVZ-Nr.', width: 16, value: (e) => e.voterNumber ?? '—' },
  { title: 'Bezirk', width: 13, align: 'right', value: (e) => String(e.wahlbezirk).padStart(3, '0') },
  { title: 'Familienname, Vornamen', width: 50, value: nameText },
  { title: 'Geboren am', width: 22, value: (e) => formatIsoDate(e.birthDate) },
  { title: 'Wohnanschrift', width: 50, value: (e) => e.address },
  { title: 'Erteilt am', width: 20, value: (e) => berlinDayText(e.issuedAt) },
  { title: 'Übermittlung', width: 36, value: deliveryText },
  { title: 'Ungültig', width: 27, value: invalidText },
];

const UNGUELTIG_COLUMNS: Column[] = [
  { title: 'Lfd.', width: 9, align: 'right', value: (_e, i) => String(i + 1) },
  { title: 'Wahlschein-Nr.', width: 26, value: (e) => e.number, style: { size: 8.5, font: 'Bold' } },
  { title: 'Bezirk', width: 14, align: 'right', value: (e) => String(e.wahlbezirk).padStart(3, '0') },
  { title: 'Familienname, Vornamen', width: 60, value: nameText },
  { title: 'Geboren am', width: 22, value: (e) => formatIsoDate(e.birthDate) },
  { title: 'Wohnanschrift', width: 62, value: (e) => e.address },
  { title: 'Ungültig seit', width: 28, value: (e) => (e.invalidatedAt ? timeText(e.invalidatedAt) : '') },
  { title: 'Grund', width: 46, value: (e) => (e.invalidationReason ? INVALIDATION_REASON_LABELS[e.invalidationReason] : '') },
];

interface ListSpec {
  title: string;
  /** One line under the title. */
  note: string;
  columns: Column[];
  sections: { heading: string | null; entries: WahlscheinListEntry[]; empty: string }[];
  summary: string[];
}

async function renderList(input: WahlscheinListInput, ctx: DocumentContext, spec: ListSpec): Promise<Buffer> {
  const lh = ctx.letterhead;
  const e = input.election;
  const electionLine = `${e.name} am ${isoDayText(e.date)}`;
  const stand = `Stand: ${timeText(input.asOf)} Uhr`;
  checkColumnWidths(spec.title, spec.columns);

  const doc = createPdf({
    resourcesDir: ctx.resourcesDir,
    title: `${spec.title} – ${electionLine}`,
    author: lh.authority,
    subject: `${spec.title}, ${electionLine}`,
    keywords: 'Briefwahl, Wahlschein',
    creationDate: input.asOf,
    pageSize: PAGE,
  });

  let y = 0;
  const columnHeads = (): void => {
    // Column titles wrap rather than shrink below readability.
    const heads = spec.columns.map((c) => wrapText(doc, c.title, c.width - 2 * PAD, HEAD));
    const rows = Math.max(...heads.map((h) => h.length));
    let x = LEFT;
    spec.columns.forEach((c, i) => {
      let b = y + ptToMm(HEAD.size) * FONT_ASCENT + PAD;
      for (const l of heads[i]!) {
        if (c.align === 'right') textAt(doc, l, x + c.width - PAD, b, { ...HEAD, align: 'right' });
        else textAt(doc, l, x + PAD, b, HEAD);
        b += lineHeight(HEAD.size);
      }
      x += c.width;
    });
    y += PAD + rows * lineHeight(HEAD.size) + 0.6;
    rule(doc, y, 0.6, '#000000');
    y += 0.8;
  };
  const newPage = (heads: boolean): void => {
    addListPage(doc);
    textAt(doc, `${spec.title} · ${electionLine} (Fortsetzung)`, LEFT, 14, { size: 8.5, color: MUTED_COLOR });
    y = 19;
    if (heads) columnHeads();
  };

  // Title block.
  textAt(doc, lh.authority, LEFT, 16, { font: 'Bold', size: 11 });
  textAt(doc, input.office?.trim() || 'Wahlamt', LEFT, 21, { size: 8.5, color: MUTED_COLOR });
  textAt(doc, spec.title, LEFT, 31, { font: 'Bold', size: 16 });
  textAt(doc, electionLine, LEFT, 38, { size: 10 });
  textAt(doc, stand, RIGHT, 38, { size: 10, align: 'right' });
  y = 41;
  for (const l of wrapText(doc, spec.note, RIGHT - LEFT, { size: 8.5 })) {
    y += lineHeight(8.5);
    textAt(doc, l, LEFT, y, { size: 8.5, color: MUTED_COLOR });
  }
  y += 4;

  let first = true;
  for (const s of spec.sections) {
    if (s.heading) {
      const need = lineHeight(10) + 12;
      if (!first && y + need > BOTTOM) newPage(false);
      y += first ? 1 : 5;
      textAt(doc, s.heading, LEFT, y + ptToMm(10) * FONT_ASCENT, { font: 'Bold', size: 10 });
      y += lineHeight(10) + 1;
    }
    first = false;
    columnHeads();
    if (s.entries.length === 0) {
      textAt(doc, s.empty, LEFT + PAD, y + 4.5, { size: 8.5, color: MUTED_COLOR });
      y += 7;
      continue;
    }
    s.entries.forEach((entry, i) => {
      const row = layoutRow(doc, spec.columns, entry, i, CELL);
      if (y + row.height > BOTTOM) newPage(true);
      row.draw(y);
      y += row.height;
      rule(doc, y, 0.25, RULE_COLOR);
    });
  }

  // Summary, kept together.
  const sumHeight = 6 + spec.summary.length * lineHeight(9);
  if (y + sumHeight > BOTTOM) newPage(false);
  y += 6;
  for (const s of spec.summary) {
    textAt(doc, s, LEFT, y, { size: 9 });
    y += lineHeight(9);
  }

  drawListFooters(doc, `${lh.authority} · ${spec.title} · ${electionLine} · ${stand}`);
  return pdfToBuffer(doc);
}

/** The Wahlscheinverzeichnis as PDF/A-2b, A4 landscape. */
export async function renderWahlscheinverzeichnis(input: WahlscheinListInput, ctx: DocumentContext): Promise<Buffer> {
  const f = legalFrame(input.election);
  const regular = input.entries.filter((e) => !e.registerException).sort(byNumber);
  const exceptions = input.entries.filter((e) => e.registerException).sort(byNumber);
  const invalid = input.entries.filter((e) => e.invalidatedAt).length;
  return renderList(input, ctx, {
    title: 'Wahlscheinverzeichnis',
    note: `Über die erteilten Wahlscheine (${f.listsBasis}). Wahlberechtigte mit Wahlschein sind im Wählerverzeichnis mit „W“ vermerkt (${f.markBasis}). Für ungültig erklärte Wahlscheine bleiben mit Datum und Grund verzeichnet.`,
    columns: VERZEICHNIS_COLUMNS,
    sections: [
      { heading: `A. Wahlberechtigte im Wählerverzeichnis (${f.registerBasis})`, entries: regular, empty: 'Keine Wahlscheine.' },
      {
        heading: `B. Wahlscheine ohne Eintragung im Wählerverzeichnis (${f.registerExceptionBasis})`,
        entries: exceptions,
        empty: 'Keine Wahlscheine nach dieser Vorschrift.',
      },
    ],
    summary: [
      `Erteilte Wahlscheine: ${input.entries.length} (Abschnitt A: ${regular.length}, Abschnitt B: ${exceptions.length})`,
      `davon für ungültig erklärt: ${invalid} · gültig: ${input.entries.length - invalid}`,
    ],
  });
}

/** The list of invalidated Wahlscheine (for the Wahlvorstände and Briefwahlvorstände), A4 landscape. */
export async function renderUngueltigeWahlscheine(input: WahlscheinListInput, ctx: DocumentContext): Promise<Buffer> {
  const f = legalFrame(input.election);
  const entries = input.entries.filter((e) => e.invalidatedAt).sort(byNumber);
  return renderList(input, ctx, {
    title: 'Verzeichnis der für ungültig erklärten Wahlscheine',
    note: `Die hier verzeichneten Wahlscheine sind ungültig (${f.listsBasis}). Wer einen dieser Wahlscheine vorlegt, ist zurückzuweisen; Wahlbriefe mit einem dieser Wahlscheine sind zurückzuweisen.`,
    columns: UNGUELTIG_COLUMNS,
    sections: [{ heading: null, entries, empty: 'Es wurden keine Wahlscheine für ungültig erklärt.' }],
    summary: [`Für ungültig erklärte Wahlscheine: ${entries.length}`],
  });
}
