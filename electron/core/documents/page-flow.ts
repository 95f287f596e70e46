import { BODY_BOTTOM } from './din5008';
import { FONT_ASCENT, ptToMm } from './pdf';

/** The running vertical position of a document's body, in mm from the top; starts a new A4 page when full. */
export class PageFlow {
  y: number;
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    start: number,
    private readonly onNewPage: () => number,
  ) {
    this.y = start;
  }

  /** Starts a new page unless `height` mm still fit above the footer. */
  ensure(height: number): void {
    if (this.y + height > BODY_BOTTOM) {
      this.doc.addPage({ size: 'A4', margin: 0 });
      this.y = this.onNewPage();
    }
  }

  /** Baseline of a line of the given size whose top is at the flow position. */
  baseline(size: number): number {
    return this.y + ptToMm(size) * FONT_ASCENT;
  }
}
