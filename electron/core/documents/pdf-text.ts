/**
 * Test utility: reads a PDF with pdfjs-dist (legacy build, runs under plain Node) and returns its text items with
 * positions in millimetres from the top-left corner of the page. Shared by the document tests.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const PT_TO_MM = 25.4 / 72;

export interface PdfTextItem {
  /** 1-based page number. */
  page: number;
  str: string;
  /** Left edge, mm from the left of the page. */
  x: number;
  /** Top of the text box (baseline − ascent), mm from the top of the page. */
  y: number;
  /** Baseline, mm from the top of the page. */
  baseline: number;
  /** Bottom of the text box (baseline + descent), mm from the top of the page. */
  bottom: number;
  width: number;
  /** bottom − y. */
  height: number;
  /** Font size in points. */
  fontSize: number;
  fontName: string;
}

export interface PdfTextLine {
  page: number;
  /** The items of the line joined left to right (a space where there is a visible gap). */
  text: string;
  x: number;
  y: number;
  baseline: number;
  bottom: number;
  right: number;
  fontSize: number;
  items: PdfTextItem[];
}

export interface PdfContent {
  pages: number;
  pageSizes: { width: number; height: number }[];
  items: PdfTextItem[];
  /** Raw XMP metadata packet, or null. */
  xmp: string | null;
  info: Record<string, unknown>;
}

/** Ascent and descent used for the text box when pdfjs does not know the font's (fractions of the font size). */
const ASCENT = 0.93;
const DESCENT = 0.24;

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const task = getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const items: PdfTextItem[] = [];
    const pageSizes: { width: number; height: number }[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const heightPt = y1 - y0;
      pageSizes.push({ width: (x1 - x0) * PT_TO_MM, height: heightPt * PT_TO_MM });
      const content = await page.getTextContent({ disableNormalization: true });
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str.length === 0) continue;
        const [a = 0, b = 0, , , e = 0, f = 0] = raw.transform as number[];
        const fontSize = Math.hypot(a, b);
        const baseline = (heightPt - (f - y0)) * PT_TO_MM;
        const sizeMm = fontSize * PT_TO_MM;
        items.push({
          page: p,
          str: raw.str,
          x: (e - x0) * PT_TO_MM,
          y: baseline - sizeMm * ASCENT,
          baseline,
          bottom: baseline + sizeMm * DESCENT,
          width: raw.width * PT_TO_MM,
          height: sizeMm * (ASCENT + DESCENT),
          fontSize,
          fontName: raw.fontName,
        });
      }
      page.cleanup();
    }
    const meta = await doc.getMetadata();
    const xmp = extractXmp(bytes);
    return { pages: doc.numPages, pageSizes, items, xmp, info: (meta.info ?? {}) as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}

function extractXmp(bytes: Uint8Array): string | null {
  // pdfkit writes the metadata stream uncompressed (as PDF/A requires it to be readable), so it is in the raw bytes.
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const start = s.indexOf('<?xpacket begin');
  const end = s.indexOf('<?xpacket end', start);
  if (start < 0 || end < 0) return null;
  return s.slice(start, s.indexOf('?>', end) + 2);
}

/**
 * Groups text items into lines (same page, baselines within 0.6 mm), left to right; items separated by a visible gap
 * are joined with one space. Lines are ordered by page, then top to bottom, then left to right.
 */
export function textLines(items: PdfTextItem[]): PdfTextLine[] {
  const sorted = [...items].sort((p, q) => p.page - q.page || p.baseline - q.baseline || p.x - q.x);
  const groups: PdfTextItem[][] = [];
  for (const it of sorted) {
    const g = groups.find((gr) => gr[0]!.page === it.page && Math.abs(gr[0]!.baseline - it.baseline) < 0.6);
    if (g) g.push(it);
    else groups.push([it]);
  }
  const lines = groups.map((g): PdfTextLine => {
    g.sort((p, q) => p.x - q.x);
    let text = '';
    let prevRight: number | null = null;
    for (const it of g) {
      const gap = prevRight === null ? 0 : it.x - prevRight;
      if (prevRight !== null && gap > it.fontSize * PT_TO_MM * 0.2 && !text.endsWith(' ') && !it.str.startsWith(' ')) {
        text += ' ';
      }
      text += it.str;
      prevRight = Math.max(prevRight ?? -Infinity, it.x + it.width);
    }
    return {
      page: g[0]!.page,
      text: text.replace(/\s+/g, ' ').trim(),
      x: Math.min(...g.map((i) => i.x)),
      y: Math.min(...g.map((i) => i.y)),
      baseline: g[0]!.baseline,
      bottom: Math.max(...g.map((i) => i.bottom)),
      right: Math.max(...g.map((i) => i.x + i.width)),
      fontSize: Math.max(...g.map((i) => i.fontSize)),
      items: g,
    };
  });
  return lines.sort((p, q) => p.page - q.page || p.baseline - q.baseline || p.x - q.x);
}

/** All text of the document, line by line, NFC-normalised. */
export function fullText(items: PdfTextItem[]): string {
  return textLines(items)
    .map((l) => l.text)
    .join('\n')
    .normalize('NFC');
}
