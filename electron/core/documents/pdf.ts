/**
 * The one PDF helper of the core: millimetres, an A4 PDF/A-2b document with the embedded DejaVu Sans fonts, a few
 * text primitives that place text by baseline in millimetres (no pdfkit auto page breaks), and the buffer collector.
 *
 * Every document type (Meldebescheinigung, cover letter, envelope …) is a function from data to PDF bytes built on this.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/** Millimetres to PDF points (1 mm = 72/25.4 pt). */
export function mm(n: number): number {
  return (n * 72) / 25.4;
}

/** PDF points to millimetres (for measuring text laid out in points). */
export function ptToMm(pt: number): number {
  return (pt * 25.4) / 72;
}

/** Registered font names; both are embedded (subset) TrueType fonts. */
export type FontName = 'Regular' | 'Bold';

export const FONT_FILES: Record<FontName, string> = {
  Regular: 'DejaVuSans.ttf',
  Bold: 'DejaVuSans-Bold.ttf',
};

export interface CreatePdfOptions {
  /** Folder holding fonts/ and images/ (the app's resources folder). */
  resourcesDir: string;
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  /** Creation date written to the Info dictionary and XMP; defaults to now. Pass the issue date for reproducible output. */
  creationDate?: Date;
  /**
   * Size of the first page in millimetres (width × height as printed, so landscape is width > height); defaults
   * to A4 portrait. Envelopes and the landscape Postausgangsbuch pass theirs; later pages take their own size in
   * addPage.
   */
  pageSize?: { width: number; height: number };
}

/** A parsed font, as pdfkit accepts it in place of the file's bytes. */
type ParsedFont = Buffer;

const fontCache = new Map<string, ParsedFont>();

/**
 * Parses each font file once per process: parsing DejaVu Sans took about 70 ms per document, most of the time
 * of a certificate. pdfkit takes an already parsed fontkit font wherever it takes font bytes (it checks for
 * `layout`); each document still embeds its own subset.
 */
function parsedFont(file: string): ParsedFont {
  let font = fontCache.get(file);
  if (!font) {
    if (!fs.existsSync(file)) {
      throw new Error(`Schriftart fehlt: ${file} (resources/fonts wird mit der Anwendung ausgeliefert).`);
    }
    font = fontkit.create(fs.readFileSync(file)) as unknown as ParsedFont;
    fontCache.set(file, font);
  }
  return font;
}

/**
 * fontkit caches each glyph with the characters of its first use; pdfkit builds a document's ToUnicode map from
 * them. A font shared between documents must therefore start every document with an empty glyph cache, or text
 * read back from a later document maps glyphs to another document's characters. (The parsed tables stay cached.)
 */
function forgetGlyphs(font: ParsedFont): void {
  const f = font as unknown as { _glyphs?: Record<number, unknown> };
  if (f._glyphs) f._glyphs = {};
}

export function fontPath(resourcesDir: string, font: FontName): string {
  return path.join(resourcesDir, 'fonts', FONT_FILES[font]);
}

/**
 * pdfkit writes Info strings into the XMP packet without XML escaping; characters that would break the packet are
 * replaced so that Info dictionary and XMP stay identical (a PDF/A requirement).
 */
function metadataText(s: string): string {
  return s
    .replace(/&/g, 'und')
    .replace(/[<>]/g, '')
    .replace(/[\u0000-\u001f]/g, ' ')
    .trim();
}

/**
 * A4 portrait (or opts.pageSize), PDF 1.7, PDF/A-2b (XMP pdfaid part 2 / conformance B, sRGB output intent),
 * fonts 'Regular' and 'Bold' (DejaVu Sans) registered and embedded, no margins: nothing in this module lets pdfkit
 * add pages on its own. Pages are buffered so that footers ("Seite n von m") can be drawn at the end.
 */
export function createPdf(opts: CreatePdfOptions): PDFKit.PDFDocument {
  const regular = parsedFont(fontPath(opts.resourcesDir, 'Regular'));
  const bold = parsedFont(fontPath(opts.resourcesDir, 'Bold'));
  forgetGlyphs(regular);
  forgetGlyphs(bold);
  const info: PDFKit.DocumentInfo = {
    Title: metadataText(opts.title),
    Author: metadataText(opts.author),
    Creator: 'Bürgerbüro Desk',
    Producer: 'Bürgerbüro Desk (PDFKit)',
    CreationDate: opts.creationDate ?? new Date(),
  };
  if (opts.subject) info.Subject = metadataText(opts.subject);
  if (opts.keywords) info.Keywords = metadataText(opts.keywords);
  const doc = new PDFDocument({
    size: opts.pageSize ? [mm(opts.pageSize.width), mm(opts.pageSize.height)] : 'A4',
    margin: 0,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'de-DE',
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: true,
    // Start with the embedded font so pdfkit never loads its (non-embeddable) standard Helvetica.
    font: regular as unknown as string,
    info,
  } as PDFKit.PDFDocumentOptions);
  // pdfkit caches a font under its registered name only when no font of the same PostScript name is loaded yet.
  // The constructor already loaded the regular face under its PostScript name, so that name is its key: any
  // other name would make every switch back to it re-open and compare the font (3–4 ms per document).
  doc.registerFont(REGULAR_KEY, regular);
  doc.registerFont('Bold', bold);
  return doc;
}

const REGULAR_KEY = 'DejaVuSans';

/** pdfkit's key of one of our two faces. */
export function fontKey(font: FontName): string {
  return font === 'Regular' ? REGULAR_KEY : font;
}

/** Ends the document and collects its bytes. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Text primitives (millimetres, baseline-based)
// ---------------------------------------------------------------------------------------------------------------

export interface TextStyle {
  font?: FontName;
  /** Size in points. */
  size: number;
  color?: string;
}

/** Ascender of the embedded font as a fraction of the font size (DejaVu Sans: ~0.93). */
export const FONT_ASCENT = 0.928;
/** Descender of the embedded font as a fraction of the font size (DejaVu Sans: ~0.236, positive). */
export const FONT_DESCENT = 0.236;

export function useStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
  doc.font(fontKey(style.font ?? 'Regular')).fontSize(style.size).fillColor(style.color ?? '#000000');
}

/** Width of a string in millimetres in the given style. */
/**
 * Text widths, remembered per process: a width depends only on face, size and text, and measuring lays the text out
 * again each time (a third of a letter's rendering). Only numbers are kept — never glyph objects (see forgetGlyphs).
 */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_MAX = 50_000;

function measureMm(doc: PDFKit.PDFDocument, text: string, font: FontName, size: number): number {
  const key = `${font}\u0000${size}\u0000${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    doc.font(fontKey(font)).fontSize(size);
    w = ptToMm(doc.widthOfString(text));
    if (widthCache.size >= WIDTH_CACHE_MAX) widthCache.clear();
    widthCache.set(key, w);
  }
  return w;
}

export function textWidthMm(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  return measureMm(doc, text, style.font ?? 'Regular', style.size);
}

/**
 * Draws one line of text with its baseline at (xMm, baselineMm) from the top-left of the page. Never wraps, never
 * adds pages. `align: 'right'` makes xMm the right edge. Returns the width in mm.
 */
export function textAt(
  doc: PDFKit.PDFDocument,
  text: string,
  xMm: number,
  baselineMm: number,
  style: TextStyle & { align?: 'left' | 'right' | 'center'; underline?: boolean },
): number {
  const w = measureMm(doc, text, style.font ?? 'Regular', style.size);
  useStyle(doc, style);
  let x = xMm;
  if (style.align === 'right') x = xMm - w;
  else if (style.align === 'center') x = xMm - w / 2;
  doc.text(text, mm(x), mm(baselineMm), { lineBreak: false, baseline: 'alphabetic' });
  if (style.underline) {
    const y = baselineMm + ptToMm(style.size) * 0.12;
    doc
      .save()
      .lineWidth(Math.max(0.5, style.size * 0.06))
      .strokeColor(style.color ?? '#000000')
      .moveTo(mm(x), mm(y))
      .lineTo(mm(x + w), mm(y))
      .stroke()
      .restore();
  }
  return w;
}

/** The largest size ≤ style.size (down to minSize) at which text fits into widthMm. */
export function fitSize(doc: PDFKit.PDFDocument, text: string, widthMm: number, style: TextStyle, minSize: number): number {
  let size = style.size;
  while (size > minSize && textWidthMm(doc, text, { ...style, size }) > widthMm) {
    size = Math.max(minSize, Math.round((size - 0.25) * 100) / 100);
  }
  return size;
}

/**
 * Splits text into lines no wider than widthMm: at spaces, else after hyphens, else between characters (keeping
 * combining marks with their base letter). Explicit "\n" starts a new line.
 */
export function wrapText(doc: PDFKit.PDFDocument, text: string, widthMm: number, style: TextStyle): string[] {
  const out: string[] = [];
  const fits = (s: string): boolean => textWidthMm(doc, s, style) <= widthMm + 1e-6;
  // Measuring every candidate line lays out the same words again and again (most of a letter's rendering time).
  // A line's width is the sum of its words and spaces; only a line within a hair of the limit is measured whole,
  // where kerning across the spaces could decide.
  const widths = new Map<string, number>();
  const widthOf = (w: string) => {
    let v = widths.get(w);
    if (v === undefined) widths.set(w, (v = textWidthMm(doc, w, style)));
    return v;
  };
  const space = widthOf(' ');
  const MARGIN = 0.3;
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/ +/).filter((w) => w.length > 0);
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      const estimate = (line ? lineWidth + space : 0) + widthOf(word);
      const ok = estimate <= widthMm - MARGIN ? true : estimate > widthMm + MARGIN ? false : fits(candidate);
      if (ok) {
        line = candidate;
        lineWidth = estimate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      // The word alone does not fit: break it after hyphens, else by grapheme.
      let rest = word;
      while (!fits(rest)) {
        const pieces = splitLong(rest, fits);
        out.push(pieces[0]);
        rest = pieces[1];
      }
      line = rest;
      lineWidth = widthOf(rest);
    }
    out.push(line);
  }
  return out;
}

function graphemes(s: string): string[] {
  return Array.from(new Intl.Segmenter('de', { granularity: 'grapheme' }).segment(s), (g) => g.segment);
}

function splitLong(word: string, fits: (s: string) => boolean): [string, string] {
  const hy = [...word.matchAll(/[-‐–]/g)].map((m) => (m.index ?? 0) + 1).reverse();
  for (const i of hy) {
    if (i < word.length && fits(word.slice(0, i))) return [word.slice(0, i), word.slice(i)];
  }
  const g = graphemes(word);
  let n = g.length - 1;
  while (n > 1 && !fits(g.slice(0, n).join(''))) n--;
  return [g.slice(0, n).join(''), g.slice(n).join('')];
}

/** Decodes a data URL (`data:image/png;base64,…`) into bytes, or null when it is not one. */
export function dataUrlBytes(url: string): Buffer | null {
  const m = /^data:([a-z]+\/[a-z0-9.+-]+)?(;base64)?,(.*)$/is.exec(url);
  if (!m || !m[2]) return null;
  return Buffer.from(m[3] ?? '', 'base64');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(buf: Buffer): boolean {
  return buf.length > 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE);
}
