import type { Letterhead } from '../../../shared/domain/types';
import { CONTINUATION_TOP, type LetterGeometry } from './din5008';
import { MUTED_COLOR, drawAddressField, drawFoldMarks, drawInfoBlock, drawLetterhead, returnLine } from './letter';
import { PageFlow } from './page-flow';
import { fitSize, textAt } from './pdf';
import { docMeasure, formatPostalAddress, type PostalAddress, type PostalAddressInput } from './postal-address';

export interface LetterStart {
  letterhead: Letterhead;
  recipient: PostalAddressInput;
  /** Vermerke above the recipient (e.g. "Einschreiben Einwurf"), before the recipient's own notes. */
  vermerke?: readonly string[];
  /** Information-block rows before the clerk's contact: Aktenzeichen, numbers, the application's date. */
  references: [string, string][];
  clerk: { name: string; phone?: string | null; email?: string | null };
  /** The date as the information block shows it. */
  date: string;
  /** First line of every further page, e.g. "Stadt Lingen (Ems) · Schreiben vom … (Fortsetzung)". */
  continuation: string;
}

/**
 * The first page of a DIN 5008 letter — letterhead, address field with return line, information block with the
 * clerk's contact (the office's phone and e-mail where the clerk has none) and the date, fold marks — and the page
 * flow of its body, whose further pages start with the continuation line. Returns the flow and the address as
 * printed.
 */
export function startLetter(doc: PDFKit.PDFDocument, s: LetterStart, g: LetterGeometry): { flow: PageFlow; address: PostalAddress } {
  const lh = s.letterhead;
  const address = formatPostalAddress(
    { ...s.recipient, notes: [...(s.vermerke ?? []), ...(s.recipient.notes ?? [])] },
    { measure: docMeasure(doc) },
  );
  drawLetterhead(doc, lh, g);
  drawAddressField(doc, { returnLine: returnLine(lh), notes: address.notes, recipient: address.lines }, g);
  const info: [string, string][] = [...s.references, ['Auskunft erteilt', s.clerk.name]];
  const phone = clean(s.clerk.phone) || lh.phone;
  const email = clean(s.clerk.email) || lh.email;
  if (phone) info.push(['Telefon', phone]);
  if (email) info.push(['E-Mail', email]);
  info.push(['Datum', s.date]);
  drawInfoBlock(doc, info, g);
  drawFoldMarks(doc, g);
  const flow = new PageFlow(doc, g.bodyTop, () => {
    const size = fitSize(doc, s.continuation, g.textRight - g.textLeft, { size: 8 }, 6);
    textAt(doc, s.continuation, g.textLeft, 15, { size, color: MUTED_COLOR });
    return CONTINUATION_TOP;
  });
  return { flow, address };
}

function clean(v: string | null | undefined): string {
  return (v ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}
