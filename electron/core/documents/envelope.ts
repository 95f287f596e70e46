/**
 * Printed envelopes (no window) for DL (220 × 110 mm), C5 (229 × 162 mm) and C4 (324 × 229 mm), landscape, address
 * side up — also C6/5 and C6 from din5008.ts.
 *
 * Where the address goes (Deutsche Post "Automationsfähige Briefsendungen", DIN 5008 / DIN 680):
 * - the recipient block sits in the lower right half of the envelope, left-aligned: its left edge at the middle
 *   of the envelope (moved left only where 85 mm would come closer than 15 mm to the right edge, as on C6), its
 *   last line ending 5 mm above the 15 mm coding zone at the bottom; so on every format the address is in the
 *   reading zone the sorting machines scan, at least 15 mm from every edge, and below the 74 × 40 mm franking zone;
 * - the block is the DIN 5008 address field turned to the envelope: return line (7 pt) on top, then the
 *   Vermerke (9 pt), then the recipient lines at 11 pt (never below 10 pt), at most 6, width 85 mm — the lines
 *   come from formatPostalAddress with a 10 pt minimum, so a name may be shortened on the envelope where the
 *   letter (8 pt minimum) prints it in full, and every such shortening is reported;
 * - nothing is printed in the franking zone (top right 74 × 40 mm) or in the bottom 15 mm coding zone; the
 *   renderer checks the laid-out block against both and throws rather than print into them.
 * Official election mail gets a framed "Amtliche Wahlunterlagen" at the top left (the sender zone); the same
 * words are then not repeated among the Vermerke.
 *
 * renderEnvelopes puts many envelopes into ONE PDF (a page per envelope, each page its envelope's size) for a
 * print run's envelope printer.
 */
import {
  ENVELOPES,
  ENVELOPE_ADDRESS_FONT_PT,
  ENVELOPE_ADDRESS_MIN_EDGE,
  ENVELOPE_FREE_BOTTOM,
  FRANKING_ZONE,
  RETURN_LINE_FONT_PT,
  RETURN_LINE_MIN_FONT_PT,
  type EnvelopeFormat,
  type Rect,
} from './din5008';
import { MUTED_COLOR, lineHeight, returnLine } from './letter';
import type { DocumentContext } from './meldebescheinigung';
import { FONT_ASCENT, FONT_DESCENT, createPdf, fitSize, mm, pdfToBuffer, ptToMm, textAt, textWidthMm } from './pdf';
import { docMeasure, formatPostalAddress, type PostalAddress, type PostalAddressInput } from './postal-address';

export interface EnvelopeInput {
  format: EnvelopeFormat;
  recipient: PostalAddressInput;
  /** Vermerke above the recipient (e.g. choosePostage(…).vermerke), ahead of recipient.notes. */
  vermerke?: readonly string[];
  /** Framed "Amtliche Wahlunterlagen" in the sender zone. */
  officialElectionMail?: boolean;
  /** Small mark in the sender zone to match envelope and letter in a run ("Lauf 7 · 3/12"); no case data. */
  runMark?: string | null;
}

export const ELECTION_MAIL_MARK = 'Amtliche Wahlunterlagen';
/** Width of the address block on envelopes. */
export const ENVELOPE_ADDRESS_WIDTH = 85;
/** Extra distance of the last address line above the coding zone (printer tolerance). */
export const ENVELOPE_BOTTOM_SAFETY = 5;
const RECIPIENT_PT = 11;
const VERMERK_PT = 9;

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/** Franking zone of an envelope, top-left based. */
export function frankingZone(format: EnvelopeFormat): Rect {
  const e = ENVELOPES[format];
  return { x: e.width - FRANKING_ZONE.width, y: 0, width: FRANKING_ZONE.width, height: FRANKING_ZONE.height };
}

/** Bottom coding zone of an envelope (kept free for the Post's barcode), top-left based. */
export function codingZone(format: EnvelopeFormat): Rect {
  const e = ENVELOPES[format];
  return { x: 0, y: e.height - ENVELOPE_FREE_BOTTOM, width: e.width, height: ENVELOPE_FREE_BOTTOM };
}

export interface EnvelopeLayout {
  format: EnvelopeFormat;
  address: PostalAddress;
  /** Left edge of the address block. */
  x: number;
  /** Baselines of the return line, the Vermerke and the recipient lines. */
  returnBaseline: number;
  vermerkBaselines: number[];
  recipientBaselines: number[];
  recipientSizePt: number;
  /** Box of the whole block (from the top of the return line to the bottom of the last line). */
  block: Rect;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Draws one envelope on the current page (which must have the envelope's size). */
export function drawEnvelope(doc: PDFKit.PDFDocument, input: EnvelopeInput, ctx: DocumentContext): EnvelopeLayout {
  const env = ENVELOPES[input.format];
  if (!env) throw new EnvelopeError(`Unbekanntes Umschlagformat: ${String(input.format)}.`);
  const vermerke = [...(input.vermerke ?? []), ...(input.recipient.notes ?? [])].filter(
    (v) => !(input.officialElectionMail && v.trim() === ELECTION_MAIL_MARK),
  );
  const address = formatPostalAddress(
    { ...input.recipient, notes: vermerke },
    {
      measure: docMeasure(doc),
      widthMm: ENVELOPE_ADDRESS_WIDTH,
      sizePt: RECIPIENT_PT,
      minSizePt: ENVELOPE_ADDRESS_FONT_PT.min,
      noteMinSizePt: 7,
    },
  );

  const x = Math.min(env.width / 2, env.width - ENVELOPE_ADDRESS_MIN_EDGE - ENVELOPE_ADDRESS_WIDTH);
  const size = address.sizePt;
  const pitch = lineHeight(size);
  const bottom = env.height - ENVELOPE_FREE_BOTTOM - ENVELOPE_BOTTOM_SAFETY;

  // Bottom-up: recipient, Vermerke, return line.
  const lastBaseline = bottom - ptToMm(size) * FONT_DESCENT;
  const recipientBaselines = address.lines.map((_, i) => lastBaseline - (address.lines.length - 1 - i) * pitch);
  const firstRecipientTop = recipientBaselines[0]! - ptToMm(size) * FONT_ASCENT;
  const vermerkPitch = lineHeight(VERMERK_PT);
  const vermerkBaselines = address.notes.map(
    (_, i) => firstRecipientTop - 1.5 - (address.notes.length - 1 - i) * vermerkPitch - ptToMm(VERMERK_PT) * FONT_DESCENT,
  );
  const ret = returnLine(ctx.letterhead);
  const retSize = fitSize(doc, ret, ENVELOPE_ADDRESS_WIDTH, { size: RETURN_LINE_FONT_PT }, RETURN_LINE_MIN_FONT_PT);
  const aboveReturn = vermerkBaselines.length ? vermerkBaselines[0]! - ptToMm(VERMERK_PT) * FONT_ASCENT : firstRecipientTop;
  const returnBaseline = aboveReturn - 2 - ptToMm(retSize) * FONT_DESCENT;
  const blockTop = returnBaseline - ptToMm(retSize) * FONT_ASCENT;
  const block: Rect = { x, y: blockTop, width: ENVELOPE_ADDRESS_WIDTH, height: bottom - blockTop };

  // Never into the franking or coding zone, never closer than 15 mm to an edge.
  if (
    overlaps(block, frankingZone(input.format)) ||
    overlaps(block, codingZone(input.format)) ||
    block.y < ENVELOPE_ADDRESS_MIN_EDGE ||
    x < ENVELOPE_ADDRESS_MIN_EDGE
  ) {
    throw new EnvelopeError(
      `Die Anschrift passt auf dem Umschlag ${input.format} nicht zwischen Freimachungszone und Codierzone; bitte ein größeres Format wählen.`,
    );
  }

  textAt(doc, ret, x, returnBaseline, { size: retSize, color: MUTED_COLOR });
  const retWidth = textWidthMm(doc, ret, { size: retSize });
  doc
    .save()
    .lineWidth(0.3)
    .strokeColor(MUTED_COLOR)
    .moveTo(mm(x), mm(returnBaseline + 0.9))
    .lineTo(mm(x + retWidth), mm(returnBaseline + 0.9))
    .stroke()
    .restore();
  address.notes.forEach((n, i) => {
    const s = fitSize(doc, n, ENVELOPE_ADDRESS_WIDTH, { font: 'Bold', size: VERMERK_PT }, 7);
    textAt(doc, n, x, vermerkBaselines[i]!, { font: 'Bold', size: s });
  });
  address.lines.forEach((l, i) => textAt(doc, l, x, recipientBaselines[i]!, { size }));

  // Sender zone (top left): election-mail mark and the run mark.
  const left = ENVELOPE_ADDRESS_MIN_EDGE;
  let senderY = ENVELOPE_ADDRESS_MIN_EDGE;
  const senderMaxWidth = env.width - FRANKING_ZONE.width - left - 5;
  if (input.officialElectionMail) {
    const markSize = fitSize(doc, ELECTION_MAIL_MARK, senderMaxWidth - 6, { font: 'Bold', size: 14 }, 9);
    const w = textWidthMm(doc, ELECTION_MAIL_MARK, { font: 'Bold', size: markSize });
    const h = ptToMm(markSize) * 1.6;
    doc
      .save()
      .lineWidth(1.2)
      .strokeColor('#000000')
      .rect(mm(left), mm(senderY), mm(w + 6), mm(h))
      .stroke()
      .restore();
    textAt(doc, ELECTION_MAIL_MARK, left + 3, senderY + h / 2 + ptToMm(markSize) * 0.35, { font: 'Bold', size: markSize });
    senderY += h + 3;
  }
  if (input.runMark?.trim()) {
    const mark = input.runMark.trim();
    const s = fitSize(doc, mark, senderMaxWidth, { size: 7 }, 6);
    textAt(doc, mark, left, senderY + ptToMm(s) * FONT_ASCENT, { size: s, color: MUTED_COLOR });
  }

  return {
    format: input.format,
    address,
    x,
    returnBaseline,
    vermerkBaselines,
    recipientBaselines,
    recipientSizePt: size,
    block,
  };
}

function envelopeDocument(ctx: DocumentContext, first: EnvelopeFormat, title: string, at: Date | undefined): PDFKit.PDFDocument {
  return createPdf({
    resourcesDir: ctx.resourcesDir,
    title,
    author: ctx.letterhead.authority,
    subject: 'Briefumschläge für den Postversand',
    keywords: 'Umschlag, Postversand',
    creationDate: at,
    pageSize: ENVELOPES[first],
  });
}

export async function renderEnvelope(input: EnvelopeInput, ctx: DocumentContext, at?: Date): Promise<Buffer> {
  const doc = envelopeDocument(ctx, input.format, `Umschlag ${input.format}`, at);
  drawEnvelope(doc, input, ctx);
  return pdfToBuffer(doc);
}

/** Many envelopes in ONE PDF, one page per envelope in its own size (one print job for the envelope printer). */
export async function renderEnvelopes(
  inputs: readonly EnvelopeInput[],
  ctx: DocumentContext,
  at?: Date,
): Promise<{ pdf: Buffer; envelopes: EnvelopeLayout[] }> {
  if (inputs.length === 0) throw new EnvelopeError('Keine Umschläge zu drucken.');
  const formats = [...new Set(inputs.map((i) => i.format))].join(', ');
  const doc = envelopeDocument(ctx, inputs[0]!.format, `Umschläge ${formats}, ${inputs.length} Stück`, at);
  const envelopes = inputs.map((input, i) => {
    if (i > 0) {
      const e = ENVELOPES[input.format];
      if (!e) throw new EnvelopeError(`Unbekanntes Umschlagformat: ${String(input.format)}.`);
      doc.addPage({ size: [mm(e.width), mm(e.height)], margin: 0 });
    }
    return drawEnvelope(doc, input, ctx);
  });
  return { pdf: await pdfToBuffer(doc), envelopes };
}
