/**
 * Parts every official letter of the Bürgerbüro shares (DIN 5008 Form B): letterhead, address field with return
 * line, information block, fold and hole marks, footer, seal, preview watermark. Used by the Meldebescheinigung and
 * by the later cover letters.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Address, Letterhead } from '../../../shared/domain/types';
import {
  FOLD_MARK_LENGTH,
  FOOTER_BASELINE_Y,
  FOOTER_RULE_Y,
  FORM_B,
  HOLE_MARK_LENGTH,
  MARK_X,
  RECIPIENT_FONT_PT,
  RECIPIENT_MAX_LINES,
  RECIPIENT_MIN_FONT_PT,
  RETURN_LINE_FONT_PT,
  RETURN_LINE_MIN_FONT_PT,
  VERMERK_MAX_LINES,
  ADDRESS_TEXT_INSET,
  A4_MM,
  type LetterGeometry,
} from './din5008';
import { FONT_ASCENT, FONT_DESCENT, dataUrlBytes, fitSize, isPng, mm, ptToMm, textAt, textWidthMm, wrapText } from './pdf';

export const TEXT_COLOR = '#000000';
export const MUTED_COLOR = '#4a4a4a';
export const RULE_COLOR = '#9a9a9a';

/** Line pitch in mm for a font size in pt (1.2 × size). */
export function lineHeight(sizePt: number): number {
  return ptToMm(sizePt) * 1.2;
}

/** "Stadt Lingen (Ems) · Elisabethstraße 14–16 · 49808 Lingen (Ems)" */
export function returnLine(lh: Letterhead): string {
  return [lh.authority, lh.street, `${lh.postalCode} ${lh.city}`].filter((s) => s.trim().length > 0).join(' · ');
}

/** Letterhead (top 45 mm of Form B): authority and department left, contact details right. */
export function drawLetterhead(doc: PDFKit.PDFDocument, lh: Letterhead, g: LetterGeometry = FORM_B): void {
  const leftWidth = 95;
  const authSize = fitSize(doc, lh.authority, leftWidth, { font: 'Bold', size: 16 }, 10);
  textAt(doc, lh.authority, g.textLeft, 19, { font: 'Bold', size: authSize });
  if (lh.department) {
    const depSize = fitSize(doc, lh.department, leftWidth, { size: 11 }, 7);
    textAt(doc, lh.department, g.textLeft, 25.5, { size: depSize, color: MUTED_COLOR });
  }
  const contact = [
    lh.street,
    `${lh.postalCode} ${lh.city}`,
    lh.phone ? `Telefon ${lh.phone}` : '',
    lh.email ? `E-Mail ${lh.email}` : '',
    lh.website,
  ].filter((s) => s.trim().length > 0);
  const x = g.infoBlock.x;
  const width = g.textRight - x;
  let baseline = 13;
  for (const line of contact) {
    const size = fitSize(doc, line, width, { size: 8.5 }, 6);
    textAt(doc, line, x, baseline, { size, color: MUTED_COLOR });
    baseline += 3.6;
  }
  doc
    .save()
    .lineWidth(0.5)
    .strokeColor(RULE_COLOR)
    .moveTo(mm(g.textLeft), mm(33))
    .lineTo(mm(g.textRight), mm(33))
    .stroke()
    .restore();
}

export interface AddressFieldContent {
  /** Return line (Rücksendeangabe), printed small at the top of the Zusatz- und Vermerkzone block. */
  returnLine: string;
  /** Vermerke such as "Einschreiben", below the return line (the zone is filled bottom-up). */
  notes?: string[];
  /** Recipient lines, top-down: name, street, PLZ Ort (max. 6, no blank lines). */
  recipient: string[];
}

export interface AddressFieldLayout {
  recipientSize: number;
  recipientBaselines: number[];
  zoneBaselines: number[];
}

/**
 * Draws the DIN 5008 address field. Throws when the content does not fit (more than 6 recipient lines after
 * wrapping, or more than 5 lines in the Vermerkzone) rather than printing outside the window.
 */
export function drawAddressField(
  doc: PDFKit.PDFDocument,
  content: AddressFieldContent,
  g: LetterGeometry = FORM_B,
): AddressFieldLayout {
  const x = g.addressField.x + ADDRESS_TEXT_INSET;
  const width = g.addressField.x + g.addressField.width - x - 1;

  // Zusatz- und Vermerkzone, bottom-up: the last line sits just above the Anschriftzone.
  const notes = (content.notes ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
  const retSize = fitSize(doc, content.returnLine, width, { size: RETURN_LINE_FONT_PT }, RETURN_LINE_MIN_FONT_PT);
  const zone: { text: string; size: number; underline?: boolean }[] = [
    { text: content.returnLine, size: retSize },
    ...notes.map((n) => ({ text: n, size: fitSize(doc, n, width, { size: 8 }, 6) })),
  ];
  if (zone.length > VERMERK_MAX_LINES) {
    throw new Error('Anschriftfeld: höchstens fünf Zeilen in der Zusatz- und Vermerkzone.');
  }
  const zoneBottom = g.returnZone.y + g.returnZone.height;
  const zoneBaselines: number[] = [];
  let b = zoneBottom - ptToMm(RETURN_LINE_FONT_PT) * FONT_DESCENT - 1.0;
  for (let i = zone.length - 1; i >= 0; i--) {
    const z = zone[i]!;
    zoneBaselines.unshift(b);
    textAt(doc, z.text, x, b, { size: z.size, color: i === 0 ? MUTED_COLOR : TEXT_COLOR });
    if (i === 0) {
      // Thin rule under the return line, as usual on window-envelope letters.
      const w = textWidthMm(doc, z.text, { size: z.size });
      doc
        .save()
        .lineWidth(0.3)
        .strokeColor(MUTED_COLOR)
        .moveTo(mm(x), mm(b + 0.9))
        .lineTo(mm(x + w), mm(b + 0.9))
        .stroke()
        .restore();
    }
    b -= lineHeight(Math.max(z.size, 7)) * 1.05;
  }

  // Anschriftzone, top-down, one size for all lines.
  const recipient = content.recipient.map((s) => s.trim()).filter((s) => s.length > 0);
  let size = RECIPIENT_FONT_PT;
  for (const line of recipient) {
    size = Math.min(size, fitSize(doc, line, width, { size: RECIPIENT_FONT_PT }, RECIPIENT_MIN_FONT_PT));
  }
  const lines = recipient.flatMap((line) => wrapText(doc, line, width, { size }));
  if (lines.length > RECIPIENT_MAX_LINES) {
    throw new Error('Anschriftfeld: die Anschrift hat mehr als sechs Zeilen.');
  }
  const pitch = lineHeight(size);
  const recipientBaselines: number[] = [];
  let baseline = g.recipientZone.y + 1.2 + ptToMm(size) * FONT_ASCENT;
  for (const line of lines) {
    textAt(doc, line, x, baseline, { size });
    recipientBaselines.push(baseline);
    baseline += pitch;
  }
  return { recipientSize: size, recipientBaselines, zoneBaselines };
}

/** Recipient lines for a person at an address: "Dr. Vornamen Familienname", street, PLZ Ort. */
export function personAddressLines(
  doc: PDFKit.PDFDocument,
  person: { givenNames: string; callName: string | null; familyName: string; doctoralDegree: string | null },
  address: Pick<Address, 'street' | 'houseNumber' | 'postalCode' | 'city'>,
  g: LetterGeometry = FORM_B,
): string[] {
  const width = g.addressField.width - ADDRESS_TEXT_INSET - 1;
  const dr = person.doctoralDegree?.trim() ? `${person.doctoralDegree.trim()} ` : '';
  const full = `${dr}${person.givenNames} ${person.familyName}`;
  const short = `${dr}${person.callName?.trim() || (person.givenNames.trim().split(/\s+/)[0] ?? '')} ${person.familyName}`;
  // All given names when they fit at the normal size, else the gebräuchliche (or first) Vorname, which
  // drawAddressField shrinks (down to 8 pt) or wraps if it is still too long.
  const name = textWidthMm(doc, full, { size: RECIPIENT_FONT_PT }) <= width ? full : short;
  return [name.replace(/\s+/g, ' ').trim(), `${address.street} ${address.houseNumber}`.trim(), `${address.postalCode} ${address.city}`.trim()];
}

/** Information block right of the address field: label / value pairs. */
export function drawInfoBlock(doc: PDFKit.PDFDocument, rows: [string, string][], g: LetterGeometry = FORM_B): number[] {
  const labelX = g.infoBlock.x;
  const valueX = g.infoBlock.x + 31;
  const valueWidth = g.textRight - valueX;
  const baselines: number[] = [];
  let b = g.infoBlock.y + 3;
  for (const [label, value] of rows) {
    textAt(doc, label, labelX, b, { size: 8, color: MUTED_COLOR });
    const size = fitSize(doc, value, valueWidth, { size: 9.5 }, 7);
    textAt(doc, value, valueX, b, { size });
    baselines.push(b);
    b += 4.6;
  }
  return baselines;
}

/** Fold marks (105 / 210 mm on Form B) and the hole mark (148.5 mm) at the left edge. */
export function drawFoldMarks(doc: PDFKit.PDFDocument, g: LetterGeometry = FORM_B): void {
  doc.save().lineWidth(0.4).strokeColor(RULE_COLOR);
  for (const y of g.foldMarks) doc.moveTo(mm(MARK_X), mm(y)).lineTo(mm(MARK_X + FOLD_MARK_LENGTH), mm(y)).stroke();
  doc
    .moveTo(mm(MARK_X), mm(g.holeMark))
    .lineTo(mm(MARK_X + HOLE_MARK_LENGTH), mm(g.holeMark))
    .stroke();
  doc.restore();
}

/** Footer on every page: a rule, a left text and "Seite n von m" right. Call after all pages exist. */
export function drawFooters(doc: PDFKit.PDFDocument, left: string, g: LetterGeometry = FORM_B): void {
  const range = doc.bufferedPageRange();
  drawFootersInRange(doc, left, range.start, range.count, g);
}

/**
 * The same footer on the pages start … start + count − 1 only, numbered "Seite 1 von count": one letter among
 * several in one PDF (a print run's batch).
 */
export function drawFootersInRange(
  doc: PDFKit.PDFDocument,
  left: string,
  start: number,
  count: number,
  g: LetterGeometry = FORM_B,
): void {
  const range = { start, count };
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .save()
      .lineWidth(0.4)
      .strokeColor(RULE_COLOR)
      .moveTo(mm(g.textLeft), mm(FOOTER_RULE_Y))
      .lineTo(mm(g.textRight), mm(FOOTER_RULE_Y))
      .stroke()
      .restore();
    const pageText = `Seite ${i - range.start + 1} von ${range.count}`;
    const pageW = textWidthMm(doc, pageText, { size: 7.5 });
    const size = fitSize(doc, left, g.textRight - g.textLeft - pageW - 5, { size: 7.5 }, 6);
    textAt(doc, left, g.textLeft, FOOTER_BASELINE_Y, { size, color: MUTED_COLOR });
    textAt(doc, pageText, g.textRight, FOOTER_BASELINE_Y, { size: 7.5, color: MUTED_COLOR, align: 'right' });
  }
}

/** Diagonal "VORSCHAU – nicht gültig" across every page (drawn on top of the content, semi-transparent). */
export function drawPreviewWatermark(doc: PDFKit.PDFDocument, text = 'VORSCHAU – nicht gültig'): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const cx = A4_MM.width / 2;
    const cy = A4_MM.height / 2;
    const size = fitSize(doc, text, 250, { font: 'Bold', size: 60 }, 20);
    const w = textWidthMm(doc, text, { font: 'Bold', size });
    doc.save();
    doc.rotate(-55, { origin: [mm(cx), mm(cy)] });
    doc.font('Bold').fontSize(size).fillColor('#c00000', 0.28);
    doc.text(text, mm(cx - w / 2), mm(cy + ptToMm(size) * 0.35), { lineBreak: false, baseline: 'alphabetic' });
    doc.restore();
    doc.fillColor(TEXT_COLOR, 1);
    // A plain banner at the top as well, readable even where the diagonal text is covered.
    textAt(doc, text.toUpperCase(), A4_MM.width / 2, 7, { font: 'Bold', size: 10, color: '#c00000', align: 'center' });
  }
}

/**
 * The seal image: the configured one (PNG data URL from the letterhead) or the bundled placeholder. Throws when a
 * configured seal is not a PNG — an official document never silently falls back to the placeholder.
 */
export function sealImage(lh: Letterhead, resourcesDir: string): Buffer {
  if (lh.sealImage) {
    const bytes = dataUrlBytes(lh.sealImage);
    if (!bytes || !isPng(bytes)) {
      throw new Error('Das eingestellte Dienstsiegel ist kein gültiges PNG-Bild (Einstellungen → Briefkopf).');
    }
    return bytes;
  }
  const file = path.join(resourcesDir, 'images', 'siegel-lingen.png');
  if (!fs.existsSync(file)) throw new Error(`Dienstsiegel fehlt: ${file}`);
  return fs.readFileSync(file);
}

