/**
 * Personenstandsurkunden as PDF/A-2b (PStG §§ 55–60, PStV § 48): Geburts-, Ehe-, Lebenspartnerschafts- and
 * Sterbeurkunde after the model forms of PStV Anlagen 6–9, and the beglaubigte Registerausdruck after Anlagen 2–5.
 *
 * - Every document: the Standesamt, the register reference ("G 399/2010"), labelled rows, place and date of issue,
 *   "Der Standesbeamte" / "Die Standesbeamtin" with the family name (§ 56 Abs. 3 PStG), an empty signature area over
 *   a signature line and an empty seal field: the Standesbeamter signs and seals by hand after printing, so no seal
 *   image and no text is printed there.
 * - Urkunden show only the current facts (§ 56 Abs. 2 PStG, `currentFacts`). The Registerausdruck shows the whole
 *   entry: the Haupteintrag as recorded, every Folgebeurkundung, the Hinweise only on request (§ 48 Abs. 3 PStV), and
 *   the conformity note (§ 48 Abs. 1 Satz 3 PStV).
 * - Geburtsurkunde on request without Geschlecht and/or without the parents — the fields are left out, not blanked
 *   (§ 59 Abs. 2 PStG, § 48 Abs. 2 PStV); "Elternteil" instead of "Mutter"/"Vater" for a parent who asked for it
 *   (§ 48 Abs. 1a PStV).
 * - No DIN 5008 address field: an Urkunde is an enclosure of the cover letter. Printed on certificate paper
 *   (DIN 19307 ASM 80) from the certificate tray.
 */
import {
  ENTRY_REGISTER,
  REGISTER_NAMES,
  currentFacts,
  formatRegisterReference,
  registrarHeading,
  type BirthFacts,
  type BirthParent,
  type DeathFacts,
  type Folgebeurkundung,
  type RegisterEntry,
  type RegistrarTitle,
  type Spouse,
  type UnionFacts,
} from '../../../shared/services/personenstand/register';
import { CERTIFICATE_KINDS, kindFitsRegister, type BirthCertificateOptions, type CertificateKindId } from '../../../shared/services/personenstand/index';
import { berlinDate } from '../../../shared/domain/berlin-time';
import { A4_MM, CONTINUATION_TOP, type Rect } from './din5008';
import { MUTED_COLOR, RULE_COLOR, drawPreviewWatermark, lineHeight } from './letter';
import type { DocumentContext } from './meldebescheinigung';
import { PageFlow } from './page-flow';
import { FONT_ASCENT, createPdf, fitSize, mm, pdfToBuffer, ptToMm, textAt, wrapText, type TextStyle } from './pdf';

export interface PersonenstandsurkundeInput {
  kind: CertificateKindId;
  /** The register entry; the Urkunden take its current facts. */
  entry: RegisterEntry;
  /** Document number, e.g. "PU-2026-000012" (metadata and continuation header). */
  number: string;
  /** Case reference (metadata only). */
  caseReference: string;
  /** Date of issue, printed in Europe/Berlin. */
  issuedAt: Date;
  /** The Standesbeamter who will sign: family name (§ 56 Abs. 3 PStG) and title. */
  registrar: { name: string; title: RegistrarTitle };
  /** Geburtsurkunde only. */
  birthOptions?: Partial<BirthCertificateOptions>;
  /** Registerausdruck only: include the Hinweise (§ 48 Abs. 3 PStV). */
  withHinweise?: boolean;
  /** A line such as "Gebührenfrei nach § 64 SGB X; nur gültig für: Rentenangelegenheit." */
  validityNote?: string | null;
  /** Draws a "VORSCHAU – nicht gültig" watermark on every page. */
  preview?: boolean;
}

/** Where the Standesbeamter signs and seals: both rectangles are kept free of any print. */
export interface UrkundeLayout {
  pages: number;
  /** 1-based page of the closing block (the last page). */
  closingPage: number;
  signature: Rect;
  seal: Rect;
  /** Baseline of the signature line (the name is printed below it). */
  signatureLineY: number;
}

export const CONFORMITY_NOTE = (register: string): string => `Die Übereinstimmung mit dem Eintrag im ${register} wird beglaubigt.`;

export class UrkundeError extends Error {
  override name = 'UrkundeError';
}

// ---------------------------------------------------------------------------------------------------------------
// Content model

type Block =
  | { type: 'row'; label: string; values: string[] }
  | { type: 'heading'; text: string }
  | { type: 'section'; text: string }
  | { type: 'paragraph'; text: string; style: TextStyle; gapAfter?: number; groupStart?: boolean }
  | { type: 'gap'; mm: number };

const row = (label: string, ...values: (string | null | undefined)[]): Block => ({
  type: 'row',
  label,
  values: values.filter((v): v is string => !!v && v.trim().length > 0),
});
const heading = (text: string): Block => ({ type: 'heading', text });
const section = (text: string): Block => ({ type: 'section', text });
const gap = (n: number): Block => ({ type: 'gap', mm: n });

/** "2010-03-14" → "14.03.2010" */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** "07:24" → "07:24 Uhr" */
export function formatTime(t: string): string {
  return `${t} Uhr`;
}

/** NFC, runs of ordinary white space as one space; a no-break space (U+00A0) is kept and keeps its words together. */
function norm(s: string): string {
  return s.normalize('NFC').replace(/[ \t\r\n]+/g, ' ').trim();
}

// --- Geburt ------------------------------------------------------------------------------------------------------

/** The heading of a parent on a Geburtsurkunde: "Elternteil" where that parent asked for it (§ 48 Abs. 1a PStV). */
export function parentHeading(parent: BirthParent, position: number, elternteilFor: readonly number[]): string {
  return parent.elternteilRequested || elternteilFor.includes(position) ? 'Elternteil' : parent.designation;
}

function birthCertificateBlocks(f: BirthFacts, o: BirthCertificateOptions): Block[] {
  const out: Block[] = [row('Geburtsname', f.child.birthName), row('Vornamen', f.child.givenNames)];
  if (!o.withoutSex) out.push(row('Geschlecht', f.child.sex));
  out.push(row('Tag der Geburt', formatDate(f.birth.date)), row('Ort der Geburt', f.birth.place));
  if (!o.withoutParents) {
    f.parents.forEach((p, i) => {
      out.push(gap(3), heading(parentHeading(p, i + 1, o.elternteilFor)), row('Familienname', p.familyName), row('Vornamen', p.givenNames));
    });
  }
  return out;
}

function birthRegisterBlocks(f: BirthFacts): Block[] {
  const out: Block[] = [
    heading('Kind'),
    row('Geburtsname', f.child.birthName),
    row('Vornamen', f.child.givenNames),
    row('Geschlecht', f.child.sex),
    gap(3),
    heading('Geburt'),
    row('Tag der Geburt', formatDate(f.birth.date)),
    row('Uhrzeit der Geburt', f.birth.time ? formatTime(f.birth.time) : 'nicht bekannt'),
    row('Ort der Geburt', f.birth.place),
  ];
  f.parents.forEach((p) => {
    out.push(gap(3), heading(p.designation), row('Familienname', p.familyName));
    if (p.birthName) out.push(row('Geburtsname', p.birthName));
    out.push(row('Vornamen', p.givenNames));
    if (p.sex) out.push(row('Geschlecht', p.sex));
  });
  return out;
}

// --- Ehe / Lebenspartnerschaft -----------------------------------------------------------------------------------

function spouseHeadings(spouses: readonly Spouse[]): string[] {
  const same = spouses[0]!.designation === spouses[1]!.designation;
  return spouses.map((s, i) => (same ? `${i + 1}. ${s.designation}` : s.designation));
}

function unionBlocks(f: UnionFacts, partnership: boolean, register: boolean): Block[] {
  const ev = partnership ? 'Begründung' : 'Eheschließung';
  const out: Block[] = [
    row(partnership ? 'Tag der Begründung' : 'Tag der Eheschließung', formatDate(f.event.date)),
    row(partnership ? 'Ort der Begründung' : 'Ort der Eheschließung', f.event.place),
  ];
  const headings = spouseHeadings(f.spouses);
  f.spouses.forEach((s, i) => {
    out.push(
      gap(3),
      heading(headings[i]!),
      row(register ? `Familienname ${partnership ? 'in der Lebenspartnerschaft' : 'in der Ehe'}` : 'Familienname', s.current.familyName),
      row('Vornamen', s.current.givenNames),
      row(`Familienname vor der ${ev}`, s.before.familyName),
    );
    if (s.before.birthName) out.push(row(`Geburtsname vor der ${ev}`, s.before.birthName));
    out.push(
      row(`Vornamen vor der ${ev}`, s.before.givenNames),
      row('Tag der Geburt', formatDate(s.birthDate)),
      row('Ort der Geburt', s.birthPlace),
    );
  });
  if (f.weitereAngaben.length) out.push(gap(3), row('Weitere Angaben', ...f.weitereAngaben));
  return out;
}

// --- Sterbefall --------------------------------------------------------------------------------------------------

function deathBlocks(f: DeathFacts, register: boolean): Block[] {
  const out: Block[] = [row('Familienname', f.deceased.familyName)];
  if (f.deceased.birthName && norm(f.deceased.birthName) !== norm(f.deceased.familyName)) {
    out.push(row('Geburtsname', f.deceased.birthName));
  }
  out.push(row('Vornamen', f.deceased.givenNames));
  if (register && f.deceased.sex) out.push(row('Geschlecht', f.deceased.sex));
  out.push(
    row('Tag der Geburt', formatDate(f.birth.date)),
    row('Ort der Geburt', f.birth.place),
    row('Letzter Wohnsitz', f.lastResidence),
    row('Familienstand', f.maritalStatus),
  );
  if (f.spouse) {
    out.push(gap(3), heading(f.spouse.designation), row('Familienname', f.spouse.familyName), row('Vornamen', f.spouse.givenNames));
  }
  out.push(gap(3), heading('Tod'), row('Tag des Todes', formatDate(f.death.date)));
  if (f.death.time) out.push(row('Uhrzeit des Todes', formatTime(f.death.time)));
  else if (register) out.push(row('Uhrzeit des Todes', 'nicht bekannt'));
  out.push(row('Ort des Todes', f.death.place));
  return out;
}

// --- Registerausdruck --------------------------------------------------------------------------------------------

function recordingLine(r: { date: string; place: string; registrar: string; registrarTitle: RegistrarTitle }): string {
  return `Beurkundet: ${r.place}, ${formatDate(r.date)} · ${r.registrar}, ${r.registrarTitle}`;
}

function folgeBlocks(list: Folgebeurkundung<unknown>[]): Block[] {
  if (!list.length) return [{ type: 'paragraph', text: 'Keine Folgebeurkundungen.', style: { size: 10 }, gapAfter: 2 }];
  const out: Block[] = [];
  list.forEach((fb, i) => {
    const effective = fb.effectiveDate ? ` – wirksam seit ${formatDate(fb.effectiveDate)}` : '';
    out.push(
      { type: 'paragraph', text: `${i + 1}. ${fb.anlass}${effective}`, style: { size: 10, font: 'Bold' }, gapAfter: 1, groupStart: true },
      { type: 'paragraph', text: fb.text, style: { size: 10 }, gapAfter: 1 },
      { type: 'paragraph', text: recordingLine(fb.recorded), style: { size: 8.5, color: MUTED_COLOR }, gapAfter: 4 },
    );
  });
  return out;
}

function registerBlocks(entry: RegisterEntry, withHinweise: boolean): Block[] {
  const out: Block[] = [section('Haupteintrag')];
  switch (entry.kind) {
    case 'geburt':
      out.push(...birthRegisterBlocks(entry.facts));
      break;
    case 'ehe':
    case 'lebenspartnerschaft':
      out.push(...unionBlocks(entry.facts, entry.kind === 'lebenspartnerschaft', true));
      break;
    case 'sterbefall':
      out.push(...deathBlocks(entry.facts, true));
      break;
  }
  out.push(gap(2), { type: 'paragraph', text: recordingLine(entry.recorded), style: { size: 8.5, color: MUTED_COLOR }, gapAfter: 6 });
  out.push(section('Folgebeurkundungen'), ...folgeBlocks(entry.folgebeurkundungen as Folgebeurkundung<unknown>[]));
  if (withHinweise) {
    out.push(gap(2), section('Hinweise'));
    if (!entry.hinweise.length) out.push({ type: 'paragraph', text: 'Keine Hinweise.', style: { size: 10 }, gapAfter: 2 });
    for (const h of entry.hinweise) out.push({ type: 'paragraph', text: h.text, style: { size: 10 }, gapAfter: 2 });
  }
  return out;
}

const TITLES: Record<CertificateKindId, string> = Object.fromEntries(CERTIFICATE_KINDS.map((k) => [k.id, k.label])) as Record<
  CertificateKindId,
  string
>;

/** The content of the document in order (pure; exported for tests and previews). */
export function urkundeBlocks(input: PersonenstandsurkundeInput): Block[] {
  const { entry } = input;
  const o: BirthCertificateOptions = {
    withoutSex: !!input.birthOptions?.withoutSex,
    withoutParents: !!input.birthOptions?.withoutParents,
    elternteilFor: input.birthOptions?.elternteilFor ?? [],
  };
  switch (input.kind) {
    case 'geburtsurkunde':
      return birthCertificateBlocks(currentFacts(entry as Extract<RegisterEntry, { kind: 'geburt' }>), o);
    case 'eheurkunde':
    case 'lebenspartnerschaftsurkunde':
      return unionBlocks(
        currentFacts(entry as Extract<RegisterEntry, { kind: 'ehe' | 'lebenspartnerschaft' }>),
        input.kind === 'lebenspartnerschaftsurkunde',
        false,
      );
    case 'sterbeurkunde':
      return deathBlocks(currentFacts(entry as Extract<RegisterEntry, { kind: 'sterbefall' }>), false);
    case 'registerausdruck':
      return registerBlocks(entry, !!input.withHinweise);
  }
}

export type { Block as UrkundeBlock };

// ---------------------------------------------------------------------------------------------------------------
// Layout

const LEFT = 25;
const RIGHT = 190;
const LABEL_WIDTH = 62;
const VALUE_X = LEFT + 64;
const VALUE_WIDTH = RIGHT - VALUE_X;
const LABEL_STYLE: TextStyle = { size: 9, color: MUTED_COLOR };
const VALUE_SIZE = 11;
const BODY_TOP = 70;
/**
 * The closing block of an Urkunde starts no higher than this, so that signature and seal sit in the lower part of
 * the page as on the model forms; a Registerausdruck continues right after its content.
 */
const CLOSING_MIN_TOP = 212;

/** Row metrics: Urkunden are set generously, the longer Registerausdruck denser. */
interface Metrics {
  valueSize: number;
  rowGap: number;
  gapScale: number;
}
const URKUNDE_METRICS: Metrics = { valueSize: VALUE_SIZE, rowGap: 2.4, gapScale: 1 };
const REGISTER_METRICS: Metrics = { valueSize: 10, rowGap: 1.5, gapScale: 0.6 };

const SIGNATURE_WIDTH = 80;
const SIGNATURE_HEIGHT = 20;
const SEAL_SIZE = 40;

function drawRule(doc: PDFKit.PDFDocument, y: number, x1 = LEFT, x2 = RIGHT, width = 0.25, color = RULE_COLOR): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(mm(x1), mm(y)).lineTo(mm(x2), mm(y)).stroke().restore();
}

function drawParagraph(doc: PDFKit.PDFDocument, flow: PageFlow, text: string, style: TextStyle, gapAfter = 0, x = LEFT): void {
  const lines = wrapText(doc, norm(text), RIGHT - x, style);
  const pitch = lineHeight(style.size);
  for (const l of lines) {
    flow.ensure(pitch);
    textAt(doc, l, x, flow.baseline(style.size), style);
    flow.y += pitch;
  }
  flow.y += gapAfter;
}

function drawRowBlock(doc: PDFKit.PDFDocument, flow: PageFlow, b: Extract<Block, { type: 'row' }>, m: Metrics): void {
  const VALUE_SIZE = m.valueSize;
  const ROW_GAP = m.rowGap;
  const labelLines = wrapText(doc, b.label, LABEL_WIDTH, LABEL_STYLE);
  const values = b.values.length ? b.values : ['—'];
  const valueLines = values.flatMap((v) => wrapText(doc, norm(v), VALUE_WIDTH, { size: VALUE_SIZE }));
  const height = Math.max(valueLines.length * lineHeight(VALUE_SIZE), labelLines.length * lineHeight(LABEL_STYLE.size));
  flow.ensure(height + ROW_GAP);
  const top = flow.y;
  const ascent = ptToMm(VALUE_SIZE) * FONT_ASCENT;
  let lb = top + ascent;
  for (const l of labelLines) {
    textAt(doc, l, LEFT, lb, LABEL_STYLE);
    lb += lineHeight(LABEL_STYLE.size);
  }
  let vb = top + ascent;
  for (const l of valueLines) {
    textAt(doc, l, VALUE_X, vb, { size: VALUE_SIZE });
    vb += lineHeight(VALUE_SIZE);
  }
  flow.y = top + height + ROW_GAP;
  drawRule(doc, flow.y - ROW_GAP / 2 - 0.2);
}

/** Blocks before which a page may be broken to keep the closing block with content (a group's first block). */
function isGroupStart(b: Block): boolean {
  return b.type === 'section' || b.type === 'heading' || (b.type === 'paragraph' && !!b.groupStart);
}

/**
 * Draws the blocks; `breakBefore` forces a new page before that block. Returns where the content ends (page and y),
 * so the closing block can tell whether it was pushed onto a page of its own.
 */
function drawBlocks(
  doc: PDFKit.PDFDocument,
  flow: PageFlow,
  blocks: Block[],
  m: Metrics,
  breakBefore: number | null,
): { page: number; y: number } {
  blocks.forEach((b, i) => {
    if (i === breakBefore) flow.ensure(Number.POSITIVE_INFINITY);
    switch (b.type) {
      case 'row':
        drawRowBlock(doc, flow, b, m);
        break;
      case 'heading': {
        // Keep a heading with its first row.
        flow.ensure(lineHeight(10) + lineHeight(m.valueSize) + m.rowGap + 1);
        textAt(doc, b.text, LEFT, flow.baseline(10), { size: 10, font: 'Bold' });
        flow.y += lineHeight(10) + 1;
        break;
      }
      case 'section': {
        flow.ensure(lineHeight(11.5) + lineHeight(m.valueSize) + 4);
        textAt(doc, b.text, LEFT, flow.baseline(11.5), { size: 11.5, font: 'Bold' });
        flow.y += lineHeight(11.5) + 0.8;
        drawRule(doc, flow.y, LEFT, RIGHT, 0.5, '#000000');
        flow.y += 2.5;
        break;
      }
      case 'paragraph':
        // The title of a Folgebeurkundung stays with the first two lines of its text.
        if (b.groupStart) flow.ensure(lineHeight(b.style.size) + 1 + 2 * lineHeight(10));
        drawParagraph(doc, flow, b.text, b.style, b.gapAfter ?? 0);
        break;
      case 'gap':
        // A gap at the top of a page is dropped.
        if (i > 0 && flow.y > CONTINUATION_TOP + 0.01) flow.y += b.mm * m.gapScale;
        break;
    }
  });
  return { page: pageCount(doc), y: flow.y };
}

function pageCount(doc: PDFKit.PDFDocument): number {
  const r = doc.bufferedPageRange();
  return r.start + r.count;
}

/** The head of the first page: Standesamt, title, register reference. */
function drawHead(doc: PDFKit.PDFDocument, input: PersonenstandsurkundeInput, ctx: DocumentContext): void {
  const { entry } = input;
  const office = `Standesamt ${entry.standesamt}`;
  textAt(doc, office, LEFT, 20, { font: 'Bold', size: fitSize(doc, office, 100, { font: 'Bold', size: 13 }, 9) });
  textAt(doc, ctx.letterhead.authority, RIGHT, 20, { size: 9, color: MUTED_COLOR, align: 'right' });
  drawRule(doc, 23.5, LEFT, RIGHT, 0.5, '#000000');

  const center = (LEFT + RIGHT) / 2;
  if (input.kind === 'registerausdruck') {
    textAt(doc, 'Beglaubigter Registerausdruck', center, 40, { font: 'Bold', size: 19, align: 'center' });
    textAt(doc, `aus dem ${REGISTER_NAMES[entry.reference.register]}`, center, 47, { size: 12, align: 'center' });
  } else {
    textAt(doc, TITLES[input.kind], center, 43, { font: 'Bold', size: 22, align: 'center' });
  }

  // Reference band (§ 56 Abs. 1 PStG): the recording Standesamt, register year and number.
  const top = 53;
  drawRule(doc, top, LEFT, RIGHT, 0.4, '#000000');
  drawRule(doc, top + 9, LEFT, RIGHT, 0.4, '#000000');
  const b = top + 6;
  const lw = textAt(doc, 'Standesamt', LEFT, b, LABEL_STYLE);
  textAt(doc, entry.standesamt, LEFT + lw + 3, b, { size: VALUE_SIZE });
  const ref = formatRegisterReference(entry.reference);
  const w = textAt(doc, ref, RIGHT, b, { size: VALUE_SIZE + 1, font: 'Bold', align: 'right' });
  textAt(doc, 'Registernummer', RIGHT - w - 4, b, { ...LABEL_STYLE, align: 'right' });
}

/** Lowest point of the closing block (the Standesbeamter's name); the page number sits below it. */
const CLOSING_BOTTOM = 281;

/**
 * Closing block: validity note, conformity note (Registerausdruck), place and date, Standesbeamter, the free
 * signature area over the signature line, the name, and the free seal field beside them. On an Urkunde the block
 * sits in the lower part of the page; the empty space between the facts and the block is struck through
 * (Entwertungsstrich), so nothing can be added to the certified facts.
 */
function drawClosing(
  doc: PDFKit.PDFDocument,
  flow: PageFlow,
  input: PersonenstandsurkundeInput,
  place: string,
  contentEnd: { page: number; y: number },
): { signature: Rect; seal: Rect; signatureLineY: number; page: number } {
  const statement =
    input.kind === 'registerausdruck' ? CONFORMITY_NOTE(REGISTER_NAMES[ENTRY_REGISTER[input.entry.kind]]) : null;
  const note = input.validityNote?.trim() || null;
  const statementLines = statement ? wrapText(doc, statement, RIGHT - LEFT, { size: 10.5, font: 'Bold' }).length : 0;
  const noteLines = note ? wrapText(doc, note, RIGHT - LEFT, { size: 9 }).length : 0;
  const head = statementLines * lineHeight(10.5) + (statement ? 5 : 0) + noteLines * lineHeight(9) + (note ? 4 : 0);
  // place line to the name's baseline, and the seal field reaching 36 mm below the place line
  const height = head + Math.max(4 + 7 + 2.5 + SIGNATURE_HEIGHT + 4.6, SEAL_SIZE);

  flow.y += input.kind === 'registerausdruck' ? 6 : 8;
  if (flow.y + height > CLOSING_BOTTOM) flow.ensure(Number.POSITIVE_INFINITY);
  if (input.kind !== 'registerausdruck') {
    const top = Math.max(flow.y, Math.min(CLOSING_MIN_TOP, CLOSING_BOTTOM - height));
    if (pageCount(doc) === contentEnd.page && top - contentEnd.y > 20) {
      doc
        .save()
        .lineWidth(0.5)
        .strokeColor('#8a8a8a')
        .moveTo(mm(RIGHT - 10), mm(contentEnd.y + 4))
        .lineTo(mm(LEFT + 10), mm(top - 6))
        .stroke()
        .restore();
    }
    flow.y = top;
  }
  if (note) drawParagraph(doc, flow, note, { size: 9, color: MUTED_COLOR }, 4);
  if (statement) drawParagraph(doc, flow, statement, { size: 10.5, font: 'Bold' }, 5);

  const placeBaseline = flow.baseline(11);
  textAt(doc, `${place}, ${berlinDate(input.issuedAt)}`, LEFT, placeBaseline, { size: 11 });
  const titleBaseline = placeBaseline + 7;
  textAt(doc, registrarHeading(input.registrar.title), LEFT, titleBaseline, { size: 11 });
  const sigTop = titleBaseline + 2.5;
  const signature: Rect = { x: LEFT, y: sigTop, width: SIGNATURE_WIDTH, height: SIGNATURE_HEIGHT };
  const lineY = sigTop + SIGNATURE_HEIGHT;
  drawRule(doc, lineY, LEFT, LEFT + SIGNATURE_WIDTH, 0.5, '#000000');
  textAt(doc, input.registrar.name, LEFT, lineY + 4.6, { size: 11 });

  // Seal field right of the signature, marked only by light corner ticks.
  const seal: Rect = { x: RIGHT - SEAL_SIZE - 15, y: placeBaseline - 4, width: SEAL_SIZE, height: SEAL_SIZE };
  const t = 4;
  doc.save().lineWidth(0.4).strokeColor('#b0b0b0');
  for (const [cx, cy, dx, dy] of [
    [seal.x, seal.y, 1, 1],
    [seal.x + seal.width, seal.y, -1, 1],
    [seal.x, seal.y + seal.height, 1, -1],
    [seal.x + seal.width, seal.y + seal.height, -1, -1],
  ] as const) {
    doc.moveTo(mm(cx + dx * t), mm(cy)).lineTo(mm(cx), mm(cy)).lineTo(mm(cx), mm(cy + dy * t)).stroke();
  }
  doc.restore();

  flow.y = Math.max(lineY + 8, seal.y + seal.height);
  return { signature, seal, signatureLineY: lineY, page: pageCount(doc) };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

export async function renderPersonenstandsurkundeWithLayout(
  input: PersonenstandsurkundeInput,
  ctx: DocumentContext,
): Promise<{ pdf: Buffer; layout: UrkundeLayout }> {
  const { entry } = input;
  const register = ENTRY_REGISTER[entry.kind];
  if (!kindFitsRegister(input.kind, register)) {
    throw new UrkundeError(`Eine ${TITLES[input.kind]} kann nicht aus dem ${REGISTER_NAMES[register]} ausgestellt werden.`);
  }
  if (!input.registrar.name.trim()) {
    throw new UrkundeError('Der Name des Standesbeamten fehlt (§ 56 Abs. 3 PStG).');
  }
  if (input.kind !== 'geburtsurkunde' && (input.birthOptions?.withoutSex || input.birthOptions?.withoutParents)) {
    throw new UrkundeError('Ohne Geschlecht oder Eltern kann nur eine Geburtsurkunde ausgestellt werden.');
  }
  const ref = formatRegisterReference(entry.reference);
  const title = input.kind === 'registerausdruck' ? `Beglaubigter Registerausdruck ${ref}` : `${TITLES[input.kind]} ${ref}`;
  const blocks = urkundeBlocks(input);

  const metrics = input.kind === 'registerausdruck' ? REGISTER_METRICS : URKUNDE_METRICS;

  const build = (breakBefore: number | null) => {
    const doc = createPdf({
      resourcesDir: ctx.resourcesDir,
      title: `${title}${input.preview ? ' (Vorschau)' : ''}`,
      author: `Standesamt ${entry.standesamt}`,
      subject: `${title}, Dokument ${input.number}, Aktenzeichen ${input.caseReference}`,
      keywords: `Personenstandsurkunde, ${input.number}, ${input.caseReference}`,
      creationDate: input.issuedAt,
    });
    drawHead(doc, input, ctx);
    const flow = new PageFlow(doc, BODY_TOP, () => {
      textAt(doc, `${title} – Fortsetzung`, LEFT, 15, { size: 8.5, color: MUTED_COLOR });
      drawRule(doc, 17.5);
      return CONTINUATION_TOP;
    });
    const contentEnd = drawBlocks(doc, flow, blocks, metrics, breakBefore);
    const closing = drawClosing(doc, flow, input, ctx.letterhead.place, contentEnd);
    return { doc, closing, orphaned: closing.page > contentEnd.page };
  };

  let built = build(null);
  if (built.orphaned) {
    // The signature must not stand on a page without certified content: move the last group over as well.
    const last = blocks.reduce((found, b, i) => (i > 0 && isGroupStart(b) ? i : found), -1);
    if (last > 0) {
      built.doc.end();
      built = build(last);
    }
  }
  const { doc, closing } = built;

  const range = doc.bufferedPageRange();
  if (range.count > 1) {
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const text = `${ref} · Seite ${i - range.start + 1} von ${range.count}`;
      textAt(doc, text, A4_MM.width / 2, 289, { size: 8, color: MUTED_COLOR, align: 'center' });
    }
  }
  if (input.preview) drawPreviewWatermark(doc);
  const pdf = await pdfToBuffer(doc);
  return {
    pdf,
    layout: {
      pages: range.count,
      closingPage: closing.page,
      signature: closing.signature,
      seal: closing.seal,
      signatureLineY: closing.signatureLineY,
    },
  };
}

/** A Personenstandsurkunde as PDF/A-2b bytes. */
export async function renderPersonenstandsurkunde(input: PersonenstandsurkundeInput, ctx: DocumentContext): Promise<Buffer> {
  return (await renderPersonenstandsurkundeWithLayout(input, ctx)).pdf;
}

