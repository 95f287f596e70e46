/**
 * Meldebescheinigung (§ 18 BMG) as PDF/A-2b: an official letter in DIN 5008 Form B.
 *
 * - einfach (§ 18 Abs. 1): exactly Familienname, Vornamen (gebräuchlicher Vorname underlined), Doktorgrad,
 *   Geburtsdatum and the current addresses marked Haupt-/Nebenwohnung — nothing else from the register, not even in
 *   the address field (no "Frau"/"Herrn", which would disclose the Geschlecht).
 * - erweitert (§ 18 Abs. 2): additionally exactly the chosen items of EXTENDED_ITEMS, in that list's order, with its
 *   labels; "keine Angabe" where the register holds nothing.
 */
import type { Address, Letterhead, Resident } from '../../../shared/domain/types';
import { EXTENDED_ITEMS, type ExtendedItemId } from '../../../shared/services/meldebescheinigung/index';
import { CONTINUATION_TOP, FORM_B } from './din5008';
import {
  MUTED_COLOR,
  RULE_COLOR,
  drawAddressField,
  drawFoldMarks,
  drawFooters,
  drawInfoBlock,
  drawLetterhead,
  drawPreviewWatermark,
  lineHeight,
  personAddressLines,
  returnLine,
  sealImage,
} from './letter';
import { FONT_ASCENT, createPdf, mm, pdfToBuffer, ptToMm, textAt, textWidthMm, wrapText, type TextStyle } from './pdf';
import { berlinDate } from '../../../shared/domain/berlin-time';
import { PageFlow } from './page-flow';

export interface DocumentContext {
  /** The app's resources folder (fonts/, images/). */
  resourcesDir: string;
  letterhead: Letterhead;
}

export interface MeldebescheinigungInput {
  /** Document number, e.g. "MB-2026-000123". */
  number: string;
  /** Case reference (Aktenzeichen), e.g. "BB-2026-000042". */
  caseReference: string;
  /** Printed as "<place>, DD.MM.YYYY" in Europe/Berlin. */
  issuedAt: Date;
  /** Printed under "Im Auftrag". */
  clerkName: string;
  kind: 'einfach' | 'erweitert';
  /** Only for kind 'erweitert'; ignored for 'einfach' (which never prints more than the five items). */
  extendedItems: ExtendedItemId[];
  resident: Resident;
  /** Draws a "VORSCHAU – nicht gültig" watermark on every page. */
  preview?: boolean;
}

/** Labels of the five items of the einfache Meldebescheinigung (§ 18 Abs. 1 BMG). */
export const BASIC_LABELS = {
  familienname: 'Familienname',
  vornamen: 'Vornamen',
  doktorgrad: 'Doktorgrad',
  geburtsdatum: 'Geburtsdatum',
  anschriften: 'Gegenwärtige Anschriften',
  anschrift: 'Gegenwärtige Anschrift',
} as const;

export const NO_ENTRY = 'keine Angabe';
export const NO_DOCTORAL_DEGREE = '—';
export const CALL_NAME_FOOTNOTE = 'Der gebräuchliche Vorname ist unterstrichen.';
export const NO_DATE_OF_DEATH = 'Ein Sterbedatum ist nicht gespeichert.';
export const CONFORMITY_STATEMENT = 'Die vorstehenden Angaben stimmen mit dem Melderegister überein.';
export const MACHINE_NOTE =
  'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig (§ 37 Abs. 5 VwVfG).';
export const SUBTITLE_EINFACH = '(einfache Meldebescheinigung nach § 18 Abs. 1 BMG)';
export const SUBTITLE_ERWEITERT = '(erweiterte Meldebescheinigung nach § 18 Abs. 2 BMG)';

const SEX_LABELS: Record<NonNullable<Resident['sex']>, string> = {
  m: 'männlich',
  w: 'weiblich',
  d: 'divers',
  x: 'ohne Angabe',
};

// ---------------------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------------------

/** "2026-11-25" (or an ISO timestamp's date part) → "25.11.2026"; anything else unchanged. */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export { berlinDate };

function addressText(a: Address): string {
  return `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}`.replace(/\s+/g, ' ').trim();
}

function kindText(a: Address): string {
  return a.kind === 'haupt' ? 'Hauptwohnung' : 'Nebenwohnung';
}

function currentAddresses(r: Resident): Address[] {
  return r.addresses
    .filter((a) => !a.movedOut)
    .sort((p, q) => (p.kind === q.kind ? 0 : p.kind === 'haupt' ? -1 : 1));
}

function formerAddresses(r: Resident): Address[] {
  return r.addresses
    .filter((a) => !!a.movedOut)
    .sort((p, q) => (q.movedOut ?? '').localeCompare(p.movedOut ?? ''));
}

function taxIdText(id: string): string {
  const digits = id.replace(/\s+/g, '');
  return /^\d{11}$/.test(digits) ? `${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 8)} ${digits.slice(8)}` : id;
}

function orNoEntry(s: string | null | undefined): string {
  return s && s.trim() ? s.trim() : NO_ENTRY;
}

function listOrNoEntry(list: string[]): Para[] {
  const items = list.map((s) => s.trim()).filter((s) => s.length > 0);
  return items.length ? items.map((s) => plain(s)) : [plain(NO_ENTRY)];
}

// ---------------------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------------------

interface Run {
  text: string;
  underline?: boolean;
}
type Para = Run[];
interface Row {
  label: string;
  paras: Para[];
  bold?: boolean;
}

function plain(text: string): Para {
  return [{ text }];
}

/**
 * The given names with the gebräuchliche Vorname underlined: the call name must stand as a whole between spaces or
 * hyphens ("Peter" in "Hans-Peter Karl", "Hans-Peter" in "Hans-Peter Karl"). Comparison is on NFC; when the stored
 * text is not NFC the NFC form is printed (the same characters to the reader).
 */
export function givenNameRuns(givenNames: string, callName: string | null): { runs: Para; marked: boolean } {
  const stored = givenNames.replace(/\s+/g, ' ').trim();
  const call = callName?.replace(/\s+/g, ' ').trim().normalize('NFC');
  if (!call) return { runs: [{ text: stored }], marked: false };
  const names = stored.normalize('NFC');
  const boundary = /[ \-‐]/;
  for (let i = names.indexOf(call); i >= 0; i = names.indexOf(call, i + 1)) {
    const before = i === 0 ? ' ' : names[i - 1]!;
    const after = i + call.length >= names.length ? ' ' : names[i + call.length]!;
    if (boundary.test(before) && boundary.test(after)) {
      const runs: Para = [];
      if (i > 0) runs.push({ text: names.slice(0, i) });
      runs.push({ text: names.slice(i, i + call.length), underline: true });
      if (i + call.length < names.length) runs.push({ text: names.slice(i + call.length) });
      return { runs, marked: true };
    }
  }
  return { runs: [{ text: stored }], marked: false };
}

function basicRows(r: Resident): { rows: Row[]; callNameMarked: boolean } {
  const given = givenNameRuns(r.givenNames, r.callName);
  const current = currentAddresses(r);
  return {
    callNameMarked: given.marked,
    rows: [
      { label: BASIC_LABELS.familienname, paras: [plain(r.familyName)], bold: true },
      { label: BASIC_LABELS.vornamen, paras: [given.runs], bold: true },
      { label: BASIC_LABELS.doktorgrad, paras: [plain(r.doctoralDegree?.trim() || NO_DOCTORAL_DEGREE)] },
      { label: BASIC_LABELS.geburtsdatum, paras: [plain(formatIsoDate(r.birthDate))] },
      {
        label: current.length > 1 ? BASIC_LABELS.anschriften : BASIC_LABELS.anschrift,
        paras: current.length ? current.map((a) => plain(`${kindText(a)}: ${addressText(a)}`)) : [plain(NO_ENTRY)],
      },
    ],
  };
}

function movedText(a: Address): string {
  const parts = [`Einzug ${a.movedIn ? formatIsoDate(a.movedIn) : NO_ENTRY}`];
  if (a.movedOut) parts.push(`Auszug ${formatIsoDate(a.movedOut)}`);
  return `${addressText(a)}: ${parts.join(', ')}`;
}

function extendedRow(id: ExtendedItemId, label: string, r: Resident, chosen: Set<ExtendedItemId>): Row | null {
  switch (id) {
    case 'fruehereNamen':
      return { label, paras: listOrNoEntry(r.formerNames) };
    case 'ordensKuenstlername':
      return { label, paras: [plain(orNoEntry(r.religiousOrArtistName))] };
    case 'geburtsort':
      return { label, paras: [plain(orNoEntry(r.birthPlace))] };
    case 'geschlecht':
      return { label, paras: [plain(r.sex ? SEX_LABELS[r.sex] : NO_ENTRY)] };
    case 'steuerId':
      return { label, paras: [plain(r.taxId ? taxIdText(r.taxId) : NO_ENTRY)] };
    case 'gesetzlicherVertreter':
      return { label, paras: listOrNoEntry(r.legalRepresentatives) };
    case 'staatsangehoerigkeiten': {
      const n = r.nationalities.map((s) => s.trim()).filter((s) => s);
      return { label, paras: [plain(n.length ? n.join(', ') : NO_ENTRY)] };
    }
    case 'religion':
      return { label, paras: [plain(orNoEntry(r.religion))] };
    case 'fruehereAnschriften': {
      const former = formerAddresses(r);
      return {
        label,
        paras: former.length ? former.map((a) => plain(`${kindText(a)}: ${addressText(a)}`)) : [plain(NO_ENTRY)],
      };
    }
    case 'einAuszugsdatum': {
      // Former addresses only when they are themselves part of the certificate.
      const addrs = [...currentAddresses(r), ...(chosen.has('fruehereAnschriften') ? formerAddresses(r) : [])];
      return { label, paras: addrs.length ? addrs.map((a) => plain(movedText(a))) : [plain(NO_ENTRY)] };
    }
    case 'familienstand':
      return { label, paras: [plain(orNoEntry(r.maritalStatus))] };
    case 'ehegatte':
      return { label, paras: [plain(orNoEntry(r.spouse))] };
    case 'kinder':
      return { label, paras: listOrNoEntry(r.minorChildren) };
    case 'ausweisdaten':
      return { label, paras: [plain(orNoEntry(r.idDocument))] };
    case 'keinSterbedatum':
      return null; // printed as a sentence below the table
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------------------

const G = FORM_B;
const LABEL_X = G.textLeft;
const LABEL_WIDTH = 52;
const VALUE_X = G.textLeft + 56;
const VALUE_WIDTH = G.textRight - VALUE_X;
const LABEL_STYLE: TextStyle = { size: 9, color: MUTED_COLOR };
const VALUE_SIZE = 10;
const ROW_GAP = 2.6;
const PARA_GAP = 0.6;

/** Wraps runs into lines of runs; underlined parts stay underlined wherever the line breaks. */
function wrapRuns(doc: PDFKit.PDFDocument, runs: Para, width: number, style: TextStyle): Para[] {
  let text = '';
  const mask: boolean[] = [];
  for (const run of runs) {
    for (const ch of run.text.replace(/\s+/g, ' ')) {
      if (ch === ' ' && (text === '' || text.endsWith(' '))) continue;
      text += ch;
      for (let k = 0; k < ch.length; k++) mask.push(!!run.underline);
    }
  }
  text = text.trimEnd();
  const lines = wrapText(doc, text, width, style);
  const out: Para[] = [];
  let pos = 0;
  for (const line of lines) {
    while (text[pos] === ' ') pos++;
    const start = text.indexOf(line, pos);
    const s = start >= 0 ? start : pos;
    const para: Para = [];
    let cur: Run | null = null;
    for (let i = 0; i < line.length; i++) {
      const u = mask[s + i] ?? false;
      if (!cur || !!cur.underline !== u) {
        cur = { text: '', underline: u };
        para.push(cur);
      }
      cur.text += line[i];
    }
    out.push(para);
    pos = s + line.length;
  }
  return out;
}

interface LaidOutRow {
  labelLines: string[];
  valueLines: { runs: Para; gapBefore: number }[];
  height: number;
  bold: boolean;
}

function layoutRow(doc: PDFKit.PDFDocument, row: Row): LaidOutRow {
  const labelLines = wrapText(doc, row.label, LABEL_WIDTH, LABEL_STYLE);
  const valueStyle: TextStyle = { size: VALUE_SIZE, font: row.bold ? 'Bold' : 'Regular' };
  const valueLines: LaidOutRow['valueLines'] = [];
  row.paras.forEach((p, i) => {
    wrapRuns(doc, p, VALUE_WIDTH, valueStyle).forEach((runs, j) => {
      valueLines.push({ runs, gapBefore: i > 0 && j === 0 ? PARA_GAP : 0 });
    });
  });
  const valueHeight = valueLines.reduce((h, l) => h + lineHeight(VALUE_SIZE) + l.gapBefore, 0);
  const labelHeight = labelLines.length * lineHeight(LABEL_STYLE.size);
  return { labelLines, valueLines, height: Math.max(valueHeight, labelHeight), bold: !!row.bold };
}


function drawRow(doc: PDFKit.PDFDocument, flow: PageFlow, row: LaidOutRow): void {
  flow.ensure(row.height);
  const top = flow.y;
  const ascent = ptToMm(VALUE_SIZE) * FONT_ASCENT;
  // Label baseline aligned with the first value baseline.
  let lb = top + ascent;
  for (const l of row.labelLines) {
    textAt(doc, l, LABEL_X, lb, LABEL_STYLE);
    lb += lineHeight(LABEL_STYLE.size);
  }
  let vb = top + ascent;
  for (const line of row.valueLines) {
    vb += line.gapBefore;
    let x = VALUE_X;
    for (const run of line.runs) {
      if (!run.text) continue;
      x += textAt(doc, run.text, x, vb, {
        size: VALUE_SIZE,
        font: row.bold ? 'Bold' : 'Regular',
        underline: !!run.underline,
      });
    }
    vb += lineHeight(VALUE_SIZE);
  }
  flow.y = top + row.height + ROW_GAP;
  doc
    .save()
    .lineWidth(0.25)
    .strokeColor(RULE_COLOR)
    .moveTo(mm(LABEL_X), mm(flow.y - ROW_GAP / 2 - 0.2))
    .lineTo(mm(G.textRight), mm(flow.y - ROW_GAP / 2 - 0.2))
    .stroke()
    .restore();
}

/** Draws a paragraph of plain text at the flow position; returns nothing, advances the flow. */
function drawParagraph(doc: PDFKit.PDFDocument, flow: PageFlow, text: string, style: TextStyle, gapAfter = 0): void {
  const lines = wrapText(doc, text, G.textRight - G.textLeft, style);
  const pitch = lineHeight(style.size);
  flow.ensure(lines.length * pitch);
  let b = flow.y + ptToMm(style.size) * FONT_ASCENT;
  for (const l of lines) {
    textAt(doc, l, G.textLeft, b, style);
    b += pitch;
  }
  flow.y += lines.length * pitch + gapAfter;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------------------------

export async function renderMeldebescheinigung(input: MeldebescheinigungInput, ctx: DocumentContext): Promise<Buffer> {
  const r = input.resident;
  const lh = ctx.letterhead;
  const erweitert = input.kind === 'erweitert';
  const chosen = new Set<ExtendedItemId>(erweitert ? input.extendedItems : []);
  if (chosen.has('keinSterbedatum') && r.dateOfDeath) {
    throw new Error(
      'Für diese Person ist ein Sterbedatum gespeichert; der Hinweis „kein Sterbedatum gespeichert“ kann nicht bescheinigt werden.',
    );
  }
  const current = currentAddresses(r);
  const recipientAddress = current.find((a) => a.kind === 'haupt') ?? current[0];
  if (!recipientAddress) {
    throw new Error('Für diese Person ist keine gegenwärtige Anschrift gespeichert.');
  }
  const seal = sealImage(lh, ctx.resourcesDir);
  const date = berlinDate(input.issuedAt);

  const doc = createPdf({
    resourcesDir: ctx.resourcesDir,
    title: `Meldebescheinigung ${input.number}${input.preview ? ' (Vorschau)' : ''}`,
    author: lh.authority,
    subject: `${erweitert ? 'Erweiterte' : 'Einfache'} Meldebescheinigung nach § 18 BMG, Aktenzeichen ${input.caseReference}`,
    keywords: `Meldebescheinigung, ${input.number}, ${input.caseReference}`,
    creationDate: input.issuedAt,
  });

  // --- First page: letterhead, address field, information block, fold marks.
  drawLetterhead(doc, lh, G);
  drawAddressField(doc, { returnLine: returnLine(lh), recipient: personAddressLines(doc, r, recipientAddress, G) }, G);
  drawInfoBlock(
    doc,
    [
      ['Aktenzeichen', input.caseReference],
      ['Bescheinigungs-Nr.', input.number],
      ['Datum', date],
    ],
    G,
  );
  drawFoldMarks(doc, G);

  const flow = new PageFlow(doc, G.bodyTop, () => {
    textAt(doc, `${lh.authority} · Meldebescheinigung Nr. ${input.number} (Fortsetzung)`, G.textLeft, 15, {
      size: 8,
      color: MUTED_COLOR,
    });
    return CONTINUATION_TOP;
  });

  // --- Title.
  const titleSize = 16;
  const title = erweitert ? 'Meldebescheinigung – erweitert –' : 'Meldebescheinigung';
  textAt(doc, title, G.textLeft, flow.y + ptToMm(titleSize) * FONT_ASCENT, { font: 'Bold', size: titleSize });
  flow.y += lineHeight(titleSize) + 0.6;
  drawParagraph(doc, flow, erweitert ? SUBTITLE_ERWEITERT : SUBTITLE_EINFACH, { size: 9.5, color: MUTED_COLOR }, 5);
  drawParagraph(
    doc,
    flow,
    'Im Melderegister sind für die nachstehend bezeichnete Person folgende Daten gespeichert:',
    { size: 10 },
    4,
  );

  // --- § 18 Abs. 1: the five items.
  const basic = basicRows(r);
  for (const row of basic.rows) drawRow(doc, flow, layoutRow(doc, row));
  // The footnote stays right under the five items, next to the Vornamen it explains.
  if (basic.callNameMarked) drawParagraph(doc, flow, CALL_NAME_FOOTNOTE, { size: 8, color: MUTED_COLOR }, 1);

  // --- § 18 Abs. 2: the chosen items, in the order of EXTENDED_ITEMS.
  if (erweitert) {
    const rows = EXTENDED_ITEMS.filter((it) => chosen.has(it.id))
      .map((it) => extendedRow(it.id, it.label, r, chosen))
      .filter((row): row is Row => row !== null);
    if (rows.length) {
      flow.y += 3;
      const first = layoutRow(doc, rows[0]!);
      flow.ensure(lineHeight(10) + 2 + first.height);
      drawParagraph(doc, flow, 'Weitere Angaben nach § 18 Abs. 2 BMG', { font: 'Bold', size: 10 }, 2);
      for (const row of rows) drawRow(doc, flow, layoutRow(doc, row));
    }
  }

  if (chosen.has('keinSterbedatum')) {
    flow.y += 2;
    drawParagraph(doc, flow, NO_DATE_OF_DEATH, { size: 10 }, 1);
  }

  // --- Closing block: statement, place and date, seal, "Im Auftrag", clerk, note. Kept together on one page.
  const statementLines = wrapText(doc, CONFORMITY_STATEMENT, G.textRight - G.textLeft, { size: 10 }).length;
  const noteLines = wrapText(doc, MACHINE_NOTE, G.textRight - G.textLeft, { size: 8 }).length;
  const sealSize = 30;
  const closingHeight = statementLines * lineHeight(10) + 9 + 20 + 12 + noteLines * lineHeight(8);
  flow.y += 3;
  flow.ensure(closingHeight);
  drawParagraph(doc, flow, CONFORMITY_STATEMENT, { size: 10 }, 9);
  const placeBaseline = flow.y + ptToMm(10) * FONT_ASCENT;
  textAt(doc, `${lh.place}, ${date}`, G.textLeft, placeBaseline, { size: 10 });
  const authBaseline = placeBaseline + 12;
  textAt(doc, 'Im Auftrag', G.textLeft, authBaseline, { size: 10 });
  const clerkBaseline = authBaseline + 8;
  textAt(doc, input.clerkName, G.textLeft, clerkBaseline, { size: 10 });
  const clerkWidth = Math.max(
    textWidthMm(doc, input.clerkName, { size: 10 }),
    textWidthMm(doc, `${lh.place}, ${date}`, { size: 10 }),
  );
  const sealX = Math.max(G.textLeft + 62, G.textLeft + clerkWidth + 12);
  const sealTop = placeBaseline - 2;
  doc.image(seal, mm(sealX), mm(sealTop), { width: mm(sealSize), height: mm(sealSize) });
  flow.y = Math.max(clerkBaseline + 6, sealTop + sealSize + 3);
  drawParagraph(doc, flow, MACHINE_NOTE, { size: 8, color: MUTED_COLOR });

  // --- Footers, watermark.
  drawFooters(doc, `${lh.authority} · ${lh.department} · Meldebescheinigung Nr. ${input.number}`, G);
  if (input.preview) drawPreviewWatermark(doc);
  return pdfToBuffer(doc);
}
