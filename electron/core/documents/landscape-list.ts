/**
 * A4 landscape lists (Postausgangsbuch, Wahlscheinverzeichnis): page geometry, table rows that wrap their cells,
 * rules and the footer with "Seite x von n". Each list draws its own title block and column heads.
 */
import { A4_MM } from './din5008';
import { MUTED_COLOR, RULE_COLOR, lineHeight } from './letter';
import { FONT_ASCENT, mm, ptToMm, textAt, wrapText, type TextStyle } from './pdf';

export const LIST_PAGE = { width: A4_MM.height, height: A4_MM.width } as const;
export const LIST_LEFT = 15;
export const LIST_RIGHT = LIST_PAGE.width - 15;
const FOOTER_RULE = LIST_PAGE.height - 13;
const FOOTER_BASELINE = LIST_PAGE.height - 8.5;
/** Lowest y a table row may reach. */
export const LIST_BOTTOM = FOOTER_RULE - 4;
/** Padding inside a table cell. */
export const CELL_PAD = 1.2;

export interface ListColumn<T> {
  title: string;
  width: number;
  align?: 'right';
  value: (entry: T, index: number) => string;
  /** Overrides the list's cell style (the line height stays the list's). */
  style?: TextStyle;
}

/** The columns must fill the line between the margins exactly. */
export function checkColumnWidths(listName: string, columns: readonly ListColumn<never>[]): void {
  const width = columns.reduce((w, c) => w + c.width, 0);
  if (Math.abs(width - (LIST_RIGHT - LIST_LEFT)) > 0.01) throw new Error(`${listName}: Spaltenbreiten passen nicht (${width} mm).`);
}

export function listRule(doc: PDFKit.PDFDocument, y: number, width: number, color: string): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(mm(LIST_LEFT), mm(y)).lineTo(mm(LIST_RIGHT), mm(y)).stroke().restore();
}

export function addListPage(doc: PDFKit.PDFDocument): void {
  doc.addPage({ size: [mm(LIST_PAGE.width), mm(LIST_PAGE.height)], margin: 0 });
}

/** Wraps a row's cells: the height it needs and how to draw it at a given top. */
export function layoutRow<T>(
  doc: PDFKit.PDFDocument,
  columns: readonly ListColumn<T>[],
  entry: T,
  index: number,
  cell: TextStyle,
): { height: number; draw(top: number): void } {
  const cells = columns.map((c) => wrapText(doc, c.value(entry, index), c.width - 2 * CELL_PAD, c.style ?? cell));
  const lines = Math.max(...cells.map((l) => l.length));
  return {
    height: lines * lineHeight(cell.size) + 2 * CELL_PAD,
    draw(top) {
      let x = LIST_LEFT;
      columns.forEach((c, ci) => {
        const style = c.style ?? cell;
        let b = top + CELL_PAD + ptToMm(cell.size) * FONT_ASCENT;
        for (const l of cells[ci]!) {
          if (c.align === 'right') textAt(doc, l, x + c.width - CELL_PAD, b, { ...style, align: 'right' });
          else textAt(doc, l, x + CELL_PAD, b, style);
          b += lineHeight(cell.size);
        }
        x += c.width;
      });
    },
  };
}

/** On every page: a rule, `text` on the left and "Seite x von n" on the right. */
export function drawListFooters(doc: PDFKit.PDFDocument, text: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    listRule(doc, FOOTER_RULE, 0.4, RULE_COLOR);
    textAt(doc, text, LIST_LEFT, FOOTER_BASELINE, { size: 7.5, color: MUTED_COLOR });
    textAt(doc, `Seite ${i - range.start + 1} von ${range.count}`, LIST_RIGHT, FOOTER_BASELINE, { size: 7.5, color: MUTED_COLOR, align: 'right' });
  }
}
