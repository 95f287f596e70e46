/**
 * Anschreiben (cover letter) for postal dispatch: an A4 letter in DIN 5008 Form B for a DL window envelope.
 *
 * Letterhead; address field with the return line, the Zusatz- und Vermerkzone (bottom-up: "Einschreiben Einwurf",
 * "Amtliche Wahlunterlagen" …) and the recipient from formatPostalAddress (top-down); information block with
 * Aktenzeichen, "Ihr Antrag vom", contact and date; fold marks at 105/210 mm and the hole mark at 148.5 mm;
 * subject "Ihr Antrag: <Leistung>"; salutation; a short text naming the enclosed documents; where a fee is still
 * open, how to pay it (amount, the town's account, the Aktenzeichen as Verwendungszweck); "Mit freundlichen
 * Grüßen" / "Im Auftrag" / clerk; footer with page numbers. PDF/A-2b.
 *
 * Salutation of the letter: "Sehr geehrte Frau Dr. Mustermann," / "Sehr geehrter Herr Mustermann," follow the
 * Anrede the caller chose for the address; without one the letter greets neutrally ("Guten Tag Alex Mustermann,");
 * an organisation without a person gets "Sehr geehrte Damen und Herren,".
 *
 * Several letters can be drawn into one document (renderCoverLetters) for a print run: one PDF per printer,
 * each letter with its own page numbering, optionally starting every letter on a front side for duplex printers.
 */
import { formatEuro } from '../../../shared/domain/money';
import { DL_WINDOW, FORM_B } from './din5008';
import {
  MUTED_COLOR,
  drawFootersInRange,
  drawPreviewWatermark,
  lineHeight,
} from './letter';
import { berlinDate, formatIsoDate, type DocumentContext } from './meldebescheinigung';
import { createPdf, pdfToBuffer, textAt, wrapText, type TextStyle } from './pdf';
import { type PostalAddress, type PostalAddressInput } from './postal-address';
import { PageFlow } from './page-flow';
import { startLetter } from './letter-start';

export interface BankAccount {
  /** Kontoinhaber; defaults to the letterhead's authority. */
  accountHolder?: string | null;
  iban: string;
  bic?: string | null;
  bankName?: string | null;
}

export interface Enclosure {
  /** "Meldebescheinigung (einfach)", "Geburtsurkunde". */
  title: string;
  /** Number of copies; 1 when absent. */
  copies?: number;
}

export interface CoverLetterInput {
  /** Aktenzeichen of the case; also the Verwendungszweck of a transfer. */
  caseReference: string;
  /** Date of the letter (Europe/Berlin calendar date). */
  issuedAt: Date;
  /** Date of the application, ISO "YYYY-MM-DD" (printed "Ihr Antrag vom …"). */
  applicationDate?: string | null;
  /** Name of the service: subject "Ihr Antrag: <serviceName>". */
  serviceName: string;
  /** Overrides the subject line. */
  subject?: string | null;
  recipient: PostalAddressInput;
  /** Vermerke for the Zusatz- und Vermerkzone ahead of recipient.notes (e.g. choosePostage(…).vermerke). */
  vermerke?: readonly string[];
  /** The enclosed documents, in the order they lie in the envelope. At least one. */
  enclosures: readonly Enclosure[];
  /** Fee still to pay; nothing is said about fees when absent or 0. */
  openFeeCents?: number | null;
  /** Due date of the open fee, ISO "YYYY-MM-DD"; without one: "innerhalb von zwei Wochen". */
  feeDueDate?: string | null;
  /** The town's account for the payment instructions; required when a fee is open. */
  bank?: BankAccount | null;
  clerkName: string;
  /** Contact in the information block; the letterhead's phone and e-mail when absent. */
  clerkPhone?: string | null;
  clerkEmail?: string | null;
  /** Draws "VORSCHAU – nicht gültig" on every page. */
  preview?: boolean;
}

export const CLOSING = 'Mit freundlichen Grüßen';
export const ON_BEHALF = 'Im Auftrag';
export const MACHINE_NOTE_LETTER = 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.';
export const NEUTRAL_GREETING_FALLBACK = 'Sehr geehrte Damen und Herren,';

export class CoverLetterError extends Error {
  override name = 'CoverLetterError';
}

// ---------------------------------------------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------------------------------------------

function clean(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The salutation line of the letter for the recipient. */
export function letterSalutation(r: PostalAddressInput): string {
  const family = [clean(r.namePrefix), clean(r.familyName)].filter((s) => s).join(' ');
  const title = clean(r.title);
  if (!clean(r.familyName)) return NEUTRAL_GREETING_FALLBACK;
  const titled = [title, family].filter((s) => s).join(' ');
  if (r.salutation === 'Frau') return `Sehr geehrte Frau ${titled},`;
  if (r.salutation === 'Herrn') return `Sehr geehrter Herr ${titled},`;
  const given = clean(r.callName) || clean(r.givenNames).split(' ')[0] || '';
  return `Guten Tag ${[title, given, family].filter((s) => s).join(' ')},`;
}

/** "DE02 2655 0105 0000 2014 45" after the ISO 13616 check (mod 97); throws for a mistyped IBAN. */
export function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) {
    throw new CoverLetterError(`Die IBAN „${iban}“ ist ungültig (Einstellungen → Briefkopf → Bankverbindung).`);
  }
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  if (rest !== 1) {
    throw new CoverLetterError(`Die IBAN „${iban}“ hat eine falsche Prüfziffer (Einstellungen → Briefkopf → Bankverbindung).`);
  }
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

function enclosureText(e: Enclosure): string {
  const copies = e.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1) throw new CoverLetterError(`Ungültige Anzahl für „${e.title}“: ${copies}.`);
  return copies === 1 ? clean(e.title) : `${copies} × ${clean(e.title)}`;
}

/** The body paragraphs of the letter (exported for the tests and the preview in the UI). */
export function coverLetterTexts(
  input: CoverLetterInput,
  authority: string,
): {
  intro: string;
  enclosures: string[];
  fee: { text: string; rows: [string, string][] } | null;
  outro: string;
} {
  if (input.enclosures.length === 0) throw new CoverLetterError('Das Anschreiben nennt keine Anlage.');
  const applied = input.applicationDate ? ` vom ${formatIsoDate(input.applicationDate)}` : '';
  const many = input.enclosures.length > 1 || (input.enclosures[0]?.copies ?? 1) > 1;
  const intro = `vielen Dank für Ihren Antrag${applied}. Mit diesem Schreiben erhalten Sie ${
    many ? 'die folgenden Unterlagen' : 'das folgende Dokument'
  }:`;
  let fee: { text: string; rows: [string, string][] } | null = null;
  const open = input.openFeeCents ?? 0;
  if (!Number.isInteger(open) || open < 0) throw new CoverLetterError(`Ungültiger offener Betrag: ${open}.`);
  if (open > 0) {
    const bank = input.bank;
    if (!bank || !clean(bank.iban)) {
      throw new CoverLetterError(
        'Für den Zahlungshinweis fehlt die Bankverbindung der Stadt (Einstellungen → Briefkopf → Bankverbindung).',
      );
    }
    const due = input.feeDueDate ? `bis zum ${formatIsoDate(input.feeDueDate)}` : 'innerhalb von zwei Wochen nach Erhalt dieses Schreibens';
    fee = {
      text:
        `Die Gebühr von ${formatEuro(open)} ist noch nicht bezahlt. Bitte überweisen Sie den Betrag ${due} ` +
        'auf das folgende Konto und geben Sie als Verwendungszweck das Aktenzeichen an:',
      rows: [
        ['Empfänger', clean(bank.accountHolder) || authority],
        ['IBAN', formatIban(bank.iban)],
        ...(clean(bank.bic) ? ([['BIC', clean(bank.bic).toUpperCase()]] as [string, string][]) : []),
        ...(clean(bank.bankName) ? ([['Kreditinstitut', clean(bank.bankName)]] as [string, string][]) : []),
        ['Betrag', formatEuro(open)],
        ['Verwendungszweck', input.caseReference],
      ],
    };
  }
  return {
    intro,
    enclosures: input.enclosures.map(enclosureText),
    fee,
    outro: 'Bei Rückfragen geben Sie bitte das Aktenzeichen an.',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------------------

const G = FORM_B;
const BODY: TextStyle = { size: 10 };
const BODY_WIDTH = G.textRight - G.textLeft;
const PARA_GAP = lineHeight(10);
const BULLET_INDENT = 6;
const FEE_LABEL_WIDTH = 36;


function paragraph(doc: PDFKit.PDFDocument, flow: PageFlow, text: string, style: TextStyle = BODY, x = G.textLeft): void {
  const lines = wrapText(doc, text, G.textRight - x, style);
  for (const l of lines) {
    flow.ensure(lineHeight(style.size));
    textAt(doc, l, x, flow.baseline(style.size), style);
    flow.y += lineHeight(style.size);
  }
}

export interface CoverLetterLayout {
  /** The formatted address as printed. */
  address: PostalAddress;
  /** Pages of this letter (first index in the document, count). */
  pages: { start: number; count: number };
}

/**
 * Draws one cover letter into `doc`, starting on the current page when `onCurrentPage` (a fresh document), else
 * on a new page. Footers are drawn for this letter's pages only. Returns what was laid out.
 */
export function drawCoverLetter(
  doc: PDFKit.PDFDocument,
  input: CoverLetterInput,
  ctx: DocumentContext,
  onCurrentPage: boolean,
): CoverLetterLayout {
  const lh = ctx.letterhead;
  const texts = coverLetterTexts(input, lh.authority);
  if (!onCurrentPage) doc.addPage({ size: 'A4', margin: 0 });
  const start = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const date = berlinDate(input.issuedAt);

  // --- First page: letterhead, address field, information block, marks.
  const references: [string, string][] = [['Aktenzeichen', input.caseReference]];
  if (input.applicationDate) references.push(['Ihr Antrag vom', formatIsoDate(input.applicationDate)]);
  const { flow, address } = startLetter(
    doc,
    {
      letterhead: lh,
      recipient: input.recipient,
      vermerke: input.vermerke,
      references,
      clerk: { name: input.clerkName, phone: input.clerkPhone, email: input.clerkEmail },
      date,
      continuation: `${lh.authority} · Schreiben vom ${date} · Aktenzeichen ${input.caseReference} (Fortsetzung)`,
    },
    G,
  );

  // --- Subject, salutation, text.
  const subject = clean(input.subject) || `Ihr Antrag: ${clean(input.serviceName)}`;
  // DIN 5008: two blank lines after the subject, one after the salutation and between paragraphs.
  paragraph(doc, flow, subject, { font: 'Bold', size: 11 });
  flow.y += PARA_GAP * 2;
  paragraph(doc, flow, letterSalutation(input.recipient));
  flow.y += PARA_GAP;
  paragraph(doc, flow, texts.intro);
  flow.y += 1.5;
  for (const e of texts.enclosures) {
    const lines = wrapText(doc, e, BODY_WIDTH - BULLET_INDENT, BODY);
    flow.ensure(lines.length * lineHeight(10));
    textAt(doc, '–', G.textLeft + 1.5, flow.baseline(10), BODY);
    for (const l of lines) {
      textAt(doc, l, G.textLeft + BULLET_INDENT, flow.baseline(10), BODY);
      flow.y += lineHeight(10);
    }
    flow.y += 0.8;
  }

  if (texts.fee) {
    flow.y += PARA_GAP;
    paragraph(doc, flow, texts.fee.text);
    flow.y += 1.5;
    // The account block stays together.
    flow.ensure(texts.fee.rows.length * lineHeight(10));
    for (const [label, value] of texts.fee.rows) {
      textAt(doc, label, G.textLeft + BULLET_INDENT, flow.baseline(10), { size: 9, color: MUTED_COLOR });
      textAt(doc, value, G.textLeft + BULLET_INDENT + FEE_LABEL_WIDTH, flow.baseline(10), {
        ...BODY,
        font: label === 'IBAN' || label === 'Verwendungszweck' || label === 'Betrag' ? 'Bold' : 'Regular',
      });
      flow.y += lineHeight(10);
    }
  }

  flow.y += PARA_GAP;
  paragraph(doc, flow, texts.outro);

  // --- Closing block, kept together.
  flow.y += PARA_GAP;
  flow.ensure(lineHeight(10) * 3 + 10 + lineHeight(8) * 2);
  paragraph(doc, flow, CLOSING);
  flow.y += PARA_GAP * 0.5;
  paragraph(doc, flow, ON_BEHALF);
  flow.y += 6;
  paragraph(doc, flow, input.clerkName);
  flow.y += PARA_GAP * 0.8;
  paragraph(doc, flow, MACHINE_NOTE_LETTER, { size: 8, color: MUTED_COLOR });

  const range = doc.bufferedPageRange();
  const count = range.start + range.count - start;
  drawFootersInRange(doc, `${lh.authority} · ${lh.department} · Aktenzeichen ${input.caseReference}`, start, count, G);
  doc.switchToPage(start + count - 1);
  return { address, pages: { start, count } };
}

function newLetterDocument(ctx: DocumentContext, title: string, subject: string, at: Date): PDFKit.PDFDocument {
  return createPdf({
    resourcesDir: ctx.resourcesDir,
    title,
    author: ctx.letterhead.authority,
    subject,
    keywords: 'Anschreiben, Postversand',
    creationDate: at,
  });
}

export async function renderCoverLetter(input: CoverLetterInput, ctx: DocumentContext): Promise<Buffer> {
  const doc = newLetterDocument(
    ctx,
    `Anschreiben ${input.caseReference}${input.preview ? ' (Vorschau)' : ''}`,
    `Anschreiben zum Antrag ${clean(input.serviceName)}, Aktenzeichen ${input.caseReference}`,
    input.issuedAt,
  );
  drawCoverLetter(doc, input, ctx, true);
  if (input.preview) drawPreviewWatermark(doc);
  return pdfToBuffer(doc);
}

export interface CoverLetterBatchOptions {
  /** Inserts a blank page after letters with an odd page count, so every letter starts on a front side. */
  duplex?: boolean;
  /** Watermarks every page (a preview of the whole run). */
  preview?: boolean;
  /** Title of the PDF (default "Anschreiben, n Briefe"). */
  title?: string;
}

/**
 * Several cover letters in ONE PDF (one print job per printer in a print run), each with its own page numbers.
 * pdfkit cannot import pages of other PDFs, so batches are drawn into one document rather than merged.
 */
export async function renderCoverLetters(
  inputs: readonly CoverLetterInput[],
  ctx: DocumentContext,
  options: CoverLetterBatchOptions = {},
): Promise<{ pdf: Buffer; letters: CoverLetterLayout[] }> {
  if (inputs.length === 0) throw new CoverLetterError('Keine Anschreiben zu drucken.');
  const doc = newLetterDocument(
    ctx,
    options.title ?? `Anschreiben, ${inputs.length} ${inputs.length === 1 ? 'Brief' : 'Briefe'}${options.preview ? ' (Vorschau)' : ''}`,
    'Anschreiben für den Postversand',
    inputs[0]!.issuedAt,
  );
  const letters: CoverLetterLayout[] = [];
  inputs.forEach((input, i) => {
    const layout = drawCoverLetter(doc, input, ctx, i === 0);
    letters.push(layout);
    if (options.duplex && layout.pages.count % 2 === 1 && i < inputs.length - 1) doc.addPage({ size: 'A4', margin: 0 });
  });
  if (options.preview) drawPreviewWatermark(doc);
  return { pdf: await pdfToBuffer(doc), letters };
}

/** For tests and the envelope check: the y range on the A4 sheet that shows in the DL window once folded. */
export function dlWindowOnSheet(): { x: number; y: number; width: number; height: number } {
  // Folded at 105 mm, the top third lies in the envelope with its fold at the bottom edge: the window
  // (15 mm from the bottom, 45 mm high) shows the sheet from 105 − 15 − 45 = 45 mm to 90 mm.
  const fold = G.foldMarks[0]!;
  return { x: DL_WINDOW.left, y: fold - DL_WINDOW.bottom - DL_WINDOW.height, width: DL_WINDOW.width, height: DL_WINDOW.height };
}
