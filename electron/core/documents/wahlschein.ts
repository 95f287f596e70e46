/**
 * The Wahlschein (BWO § 26 with Anlage 9; NKWO § 24 with Anlage 4; NLWO § 20 with Muster 4) as PDF/A-2b, A4
 * portrait, and the notice letter to the home address when the documents are sent elsewhere.
 *
 * Wahlschein, upper part (the authority's): the election and its date, "Nur gültig für den Wahlkreis …", the voter
 * (Vornamen Familienname, birth date, Wohnanschrift), Wahlschein-Nr., Wählerverzeichnis-Nr. or the intended
 * Wahlbezirk (§ 25 Abs. 2 BWO, with its box ticked), how the holder can vote, place and date, the authority, the
 * printed Dienstsiegel and the printed name of the clerk (machine-made: no signature, § 28 BWO / § 24 Abs. 2 NKWO).
 * Lower part (the voter's, inside a frame): "Versicherung an Eides statt zur Briefwahl" with the declaration, lines for
 * place and date, the voter's signature and that of a Hilfsperson with the Hilfsperson's name, and the notes on
 * assistance, criminal liability and the return of the Wahlbrief. Everything above UPPER_BOTTOM, everything of the
 * declaration below LOWER_TOP: the tests check both.
 *
 * The texts follow the Muster in substance; the election's kind decides the wording (constituency label, how a
 * Wahlschein holder can vote, the addressee of the declaration) through LEGAL_FRAMES in shared/services/briefwahl.
 *
 * Wahlscheinverzeichnis and the list of invalidated Wahlscheine: ./wahlscheinverzeichnis.ts (re-exported here).
 */
import type { Letterhead } from '../../../shared/domain/types';
import type { Election } from '../../../shared/services/briefwahl/index';
import {
  berlinDayText,
  berlinWallTime,
  berlinDateTimeText,
  isoDayText,
  legalFrame,
  replacementDeadline,
} from '../../../shared/services/briefwahl/rules';
import { letterSalutation } from './cover-letter';
import { FORM_B } from './din5008';
import {
  MUTED_COLOR,
  RULE_COLOR,
  drawFootersInRange,
  drawPreviewWatermark,
  lineHeight,
  sealImage,
} from './letter';
import { formatIsoDate, type DocumentContext } from './meldebescheinigung';
import { FONT_ASCENT, createPdf, fitSize, mm, pdfToBuffer, ptToMm, textAt, wrapText, type TextStyle } from './pdf';
import { formatPostalAddress, type PostalAddressInput } from './postal-address';
import { PageFlow } from './page-flow';

export {
  renderWahlscheinverzeichnis,
  renderUngueltigeWahlscheine,
  wahlscheinverzeichnisCsv,
  ungueltigeWahlscheineCsv,
  type WahlscheinListEntry,
  type WahlscheinListInput,
} from './wahlscheinverzeichnis';
import { startLetter } from './letter-start';

export class WahlscheinError extends Error {
  override name = 'WahlscheinError';
}

export interface WahlscheinVoter {
  familyName: string;
  givenNames: string;
  doctoralDegree?: string | null;
  /** ISO "YYYY-MM-DD". */
  birthDate: string;
  /** The Wohnanschrift from the Wählerverzeichnis. */
  address: { street: string; houseNumber: string; postalCode: string; city: string };
  /** "Herr" / "Frau" as on the Muster; none when null (the default: nothing derived from the sex). */
  salutation?: 'Frau' | 'Herr' | null;
}

export interface WahlscheinInput {
  election: Pick<Election, 'name' | 'kind' | 'date' | 'constituency' | 'overrides'>;
  /** "WS 012-0001" (rules.ts formatWahlscheinNumber). */
  number: string;
  voter: WahlscheinVoter;
  /** Wählerverzeichnis-Nr.; null for a Wahlschein under § 25 Abs. 2 (then the intended Wahlbezirk is printed). */
  voterNumber: string | null;
  wahlbezirk: { number: number; name: string };
  /** Wahlschein without an entry in the Wählerverzeichnis (§ 25 Abs. 2 BWO): ticks the box. */
  registerException?: boolean;
  /** Printed as "<place>, DD.MM.YYYY" (Europe/Berlin). */
  issuedAt: Date;
  /** The clerk charged with issuing Wahlscheine; printed, as the Wahlschein is machine-made. */
  clerkName: string;
  /** The issuing office under the authority's name; default "Wahlamt". */
  office?: string;
  /** Draws a "VORSCHAU – nicht gültig" watermark. */
  preview?: boolean;
  /**
   * The notice letter to the home address, appended as the last page(s) when the documents go to another address
   * (printed with the Wahlschein, sent in its own window envelope).
   */
  notice?: WahlscheinNoticeInput | null;
}

/** Texts of the Wahlschein for an election (exported for the tests and the preview in the UI). */
export function wahlscheinTexts(election: WahlscheinInput['election']): {
  title: string;
  subtitle: string;
  constituency: string | null;
  participationIntro: string;
  participation: string[];
  exceptionBox: string;
  declarationTitle: string;
  declaration: string;
  machineNote: string;
  assistanceNote: string;
  penaltyNote: string;
  returnNote: string;
} {
  const f = legalFrame(election);
  const c = election.constituency;
  const constituency = c ? `${f.constituency.validFor} ${c.number ? `${c.number} ` : ''}${c.name}` : null;
  const ref = c ? ` ${f.constituency.ref}` : '';
  const addressee = election.overrides?.declarationAddressee ?? f.declarationAddressee;
  const pollsClose = berlinDateTimeText(berlinWallTime(election.date, '18:00'));
  return {
    title: 'Wahlschein',
    subtitle: `für die ${election.name} am ${isoDayText(election.date)}`,
    constituency,
    participationIntro:
      f.votingWith === 'post_only'
        ? `kann mit diesem Wahlschein an der Wahl${ref} durch Briefwahl teilnehmen.`
        : `kann mit diesem Wahlschein an der Wahl${ref} teilnehmen`,
    participation:
      f.votingWith === 'post_only'
        ? []
        : [
            `gegen Abgabe des Wahlscheins und unter Vorlage eines amtlichen Lichtbildausweises durch Stimmabgabe im Wahlraum eines beliebigen Wahlbezirks${ref}`,
            'durch Briefwahl.',
          ],
    exceptionBox: `Wahlschein nach ${f.registerExceptionBasis}`,
    declarationTitle: 'Versicherung an Eides statt zur Briefwahl',
    declaration:
      `Ich versichere gegenüber ${addressee} an Eides statt, dass ich den beigefügten Stimmzettel persönlich – ` +
      'als Hilfsperson gemäß dem erklärten Willen der wahlberechtigten Person – gekennzeichnet habe.',
    machineNote: `Maschinell erstellt: gültig ohne Unterschrift, der Name der beauftragten Person ist aufgedruckt (${f.machineMadeBasis}).`,
    assistanceNote:
      'Hilfsperson: Wer nicht lesen kann oder wegen einer Behinderung den Stimmzettel nicht selbst kennzeichnen kann, darf sich ' +
      'von einer anderen Person helfen lassen. Die Hilfe beschränkt sich auf die technische Umsetzung der selbst getroffenen und ' +
      'geäußerten Wahlentscheidung; sie darf die Entscheidung nicht beeinflussen oder ersetzen. Die Hilfsperson muss mindestens ' +
      '16 Jahre alt sein, unterschreibt die Versicherung an Eides statt und muss geheim halten, was sie dabei erfährt.',
    penaltyNote: 'Wer eine falsche Versicherung an Eides statt abgibt, macht sich strafbar (§§ 156, 161 StGB).',
    returnNote:
      'Bei der Briefwahl den unterschriebenen Wahlschein zusammen mit dem verschlossenen Stimmzettelumschlag in den roten ' +
      `Wahlbriefumschlag stecken. Der Wahlbrief muss spätestens am ${pollsClose} bei der darauf angegebenen Stelle eingehen.`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Layout of the Wahlschein
// ---------------------------------------------------------------------------------------------------------------

const LEFT = 22;
const RIGHT = 190;
/** The authority's part ends above this line (mm from the top). */
export const UPPER_BOTTOM = 172;
/** The voter's part (Versicherung an Eides statt) starts at this line. */
export const LOWER_TOP = 178;
/** The frame of the lower part ends above this line; the footer line is at 291 mm. */
const LOWER_BOTTOM = 286;
const BOX_X = 126;
const BOX_W = RIGHT - BOX_X;

function rule(doc: PDFKit.PDFDocument, x1: number, y: number, x2: number, width = 0.4, color = '#000000'): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(mm(x1), mm(y)).lineTo(mm(x2), mm(y)).stroke().restore();
}

function frame(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number, width = 0.6): void {
  doc.save().lineWidth(width).strokeColor('#000000').rect(mm(x), mm(y), mm(w), mm(h)).stroke().restore();
}

/** A tick box of `size` mm at (x, top); crossed when `checked` (vector lines, no glyph needed). */
function tickBox(doc: PDFKit.PDFDocument, x: number, top: number, size: number, checked: boolean): void {
  doc.save().lineWidth(0.5).strokeColor('#000000').rect(mm(x), mm(top), mm(size), mm(size)).stroke();
  if (checked) {
    const i = size * 0.18;
    doc
      .lineWidth(0.9)
      .moveTo(mm(x + i), mm(top + i))
      .lineTo(mm(x + size - i), mm(top + size - i))
      .moveTo(mm(x + size - i), mm(top + i))
      .lineTo(mm(x + i), mm(top + size - i))
      .stroke();
  }
  doc.restore();
}

/** Draws wrapped text from a top position; returns the y below the last line. */
function block(doc: PDFKit.PDFDocument, text: string, x: number, top: number, width: number, style: TextStyle, pitch = 1.2): number {
  const lines = wrapText(doc, text, width, style);
  const lh = ptToMm(style.size) * pitch;
  let b = top + ptToMm(style.size) * FONT_ASCENT;
  for (const l of lines) {
    textAt(doc, l, x, b, style);
    b += lh;
  }
  return top + lines.length * lh;
}

function voterName(v: WahlscheinVoter): string {
  const dr = v.doctoralDegree?.trim() ? `${v.doctoralDegree.trim()} ` : '';
  return `${dr}${v.givenNames} ${v.familyName}`.replace(/\s+/g, ' ').trim();
}

function addressText(a: WahlscheinVoter['address']): string {
  return `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}`.replace(/\s+/g, ' ').trim();
}

/** Labelled value in the number box; returns the y below it. */
function boxRow(doc: PDFKit.PDFDocument, label: string, value: string, top: number, valueStyle: TextStyle): number {
  const inner = BOX_W - 6;
  textAt(doc, label, BOX_X + 3, top + ptToMm(7.5) * FONT_ASCENT, { size: 7.5, color: MUTED_COLOR });
  const size = fitSize(doc, value, inner, valueStyle, 7);
  const vTop = top + lineHeight(7.5);
  textAt(doc, value, BOX_X + 3, vTop + ptToMm(size) * FONT_ASCENT, { ...valueStyle, size });
  return vTop + lineHeight(size) + 1.6;
}

export async function renderWahlschein(input: WahlscheinInput, ctx: DocumentContext): Promise<Buffer> {
  const lh = ctx.letterhead;
  const e = input.election;
  const texts = wahlscheinTexts(e);
  const frameRules = legalFrame(e);
  if (!input.number.trim()) throw new WahlscheinError('Der Wahlschein hat keine Nummer.');
  if (!input.clerkName.trim()) throw new WahlscheinError('Auf dem maschinell erstellten Wahlschein muss der Name der beauftragten Person stehen.');
  if (!input.voterNumber && !input.registerException) {
    throw new WahlscheinError('Ohne Wählerverzeichnis-Nr. nur als Wahlschein nach § 25 Abs. 2 BWO (vorgesehener Wahlbezirk).');
  }
  const seal = sealImage(lh, ctx.resourcesDir);
  const issued = berlinDayText(input.issuedAt);
  const v = input.voter;

  const doc = createPdf({
    resourcesDir: ctx.resourcesDir,
    title: `Wahlschein ${input.number}${input.preview ? ' (Vorschau)' : ''}`,
    author: lh.authority,
    subject: `Wahlschein ${texts.subtitle}`,
    keywords: `Wahlschein, Briefwahl, ${input.number}`,
    creationDate: input.issuedAt,
  });

  // --- Head: authority left, number box right.
  const authSize = fitSize(doc, lh.authority, BOX_X - LEFT - 6, { font: 'Bold', size: 12 }, 8);
  textAt(doc, lh.authority, LEFT, 17, { font: 'Bold', size: authSize });
  textAt(doc, input.office?.trim() || 'Wahlamt', LEFT, 22, { size: 9, color: MUTED_COLOR });
  const contact = [lh.street, `${lh.postalCode} ${lh.city}`].filter((s) => s.trim()).join(' · ');
  textAt(doc, contact, LEFT, 26, { size: 7.5, color: MUTED_COLOR });

  const boxTop = 12;
  let by = boxTop + 2;
  by = boxRow(doc, 'Wahlschein-Nr.', input.number, by, { font: 'Bold', size: 14 });
  if (input.voterNumber) {
    by = boxRow(doc, 'Wählerverzeichnis-Nr.', input.voterNumber, by, { font: 'Bold', size: 11 });
    by = boxRow(doc, 'Wahlbezirk', `${String(input.wahlbezirk.number).padStart(3, '0')} – ${input.wahlbezirk.name}`, by, { size: 10 });
  } else {
    by = boxRow(doc, 'Wählerverzeichnis-Nr.', '—', by, { size: 11 });
    by = boxRow(doc, 'oder vorgesehener Wahlbezirk', `${String(input.wahlbezirk.number).padStart(3, '0')} – ${input.wahlbezirk.name}`, by, {
      font: 'Bold',
      size: 10,
    });
  }
  tickBox(doc, BOX_X + 3, by - 0.2, 3.2, !!input.registerException);
  // Long bases (NLWO's) wrap rather than run out of the box.
  const exStyle: TextStyle = { size: 7 };
  const exLines = wrapText(doc, texts.exceptionBox, BOX_W - 11, exStyle);
  exLines.forEach((l, i) => textAt(doc, l, BOX_X + 8, by + 2.6 + i * lineHeight(7), exStyle));
  by += 6 + (exLines.length - 1) * lineHeight(7);
  frame(doc, BOX_X, boxTop, BOX_W, by - boxTop);

  // --- Title and election.
  let y = 36;
  textAt(doc, texts.title, LEFT, y + ptToMm(24) * FONT_ASCENT, { font: 'Bold', size: 24 });
  y += lineHeight(24) + 1;
  const colWidth = BOX_X - LEFT - 6;
  y = block(doc, texts.subtitle, LEFT, y, colWidth, { font: 'Bold', size: 11 });
  if (texts.constituency) {
    y += 1.5;
    y = block(doc, texts.constituency, LEFT, y, colWidth, { size: 10 });
  }
  y = Math.max(y + 6, by + 6);

  // --- The voter.
  const labelX = LEFT;
  const valueX = LEFT + 30;
  const valueW = RIGHT - valueX;
  if (v.salutation) {
    textAt(doc, v.salutation, valueX, y + ptToMm(10) * FONT_ASCENT, { size: 10 });
    y += lineHeight(10);
  }
  const row = (label: string, value: string, style: TextStyle): void => {
    textAt(doc, label, labelX, y + ptToMm(style.size) * FONT_ASCENT, { size: 8.5, color: MUTED_COLOR });
    y = block(doc, value, valueX, y, valueW, style) + 1.8;
  };
  row('Name', voterName(v), { font: 'Bold', size: 12 });
  row('geboren am', formatIsoDate(v.birthDate), { size: 10.5 });
  row('wohnhaft in', addressText(v.address), { size: 10.5 });
  y += 3;

  // --- How the holder can vote.
  y = block(doc, texts.participationIntro, LEFT, y, RIGHT - LEFT, { size: 10 }) + 1;
  texts.participation.forEach((p, i) => {
    if (i > 0) {
      textAt(doc, 'oder', LEFT + 7, y + ptToMm(10) * FONT_ASCENT, { size: 10 });
      y += lineHeight(10) + 1;
    }
    textAt(doc, `${i + 1}.`, LEFT + 1, y + ptToMm(10) * FONT_ASCENT, { size: 10 });
    y = block(doc, p, LEFT + 7, y, RIGHT - LEFT - 7, { size: 10 }) + 1;
  });

  // --- Place, date, authority, seal, printed name: a block ending just above UPPER_BOTTOM.
  const office = input.office?.trim() || 'Wahlamt';
  const noteStyle7: TextStyle = { size: 7, color: MUTED_COLOR };
  const noteWidth = 92;
  const noteLines = wrapText(doc, texts.machineNote, noteWidth, noteStyle7).length;
  const closingHeight =
    lineHeight(10) + 1.5 + 2 * lineHeight(9.5) + 2.5 + lineHeight(9.5) + lineHeight(10) + 1 + noteLines * lineHeight(7);
  const sealSize = 26;
  const closingTop = UPPER_BOTTOM - 1.5 - Math.max(closingHeight, sealSize);
  if (closingTop < y + 4) {
    throw new WahlscheinError('Der obere Teil des Wahlscheins ist zu lang (Name oder Anschrift zu lang für eine Seite).');
  }
  let ct = closingTop;
  const line = (text: string, style: TextStyle, gapAfter = 0): void => {
    textAt(doc, text, LEFT, ct + ptToMm(style.size) * FONT_ASCENT, style);
    ct += lineHeight(style.size) + gapAfter;
  };
  line(`${lh.place}, ${issued}`, { size: 10 }, 1.5);
  line(lh.authority, { size: 9.5 });
  line(office, { size: 9.5 }, 2.5);
  line('Im Auftrag', { size: 9.5 });
  line(input.clerkName, { size: 10, font: 'Bold' }, 1);
  block(doc, texts.machineNote, LEFT, ct, noteWidth, noteStyle7);
  doc.image(seal, mm(122), mm(closingTop), { width: mm(sealSize), height: mm(sealSize) });

  // --- Separation: the lower part is the voter's.
  const sepY = (UPPER_BOTTOM + LOWER_TOP) / 2;
  doc.save().lineWidth(0.4).strokeColor(RULE_COLOR).dash(mm(1.5), { space: mm(1.2) });
  doc.moveTo(mm(LEFT - 6), mm(sepY)).lineTo(mm(RIGHT + 6), mm(sepY)).stroke();
  doc.undash().restore();

  // --- Lower part: Versicherung an Eides statt zur Briefwahl.
  const lx = LEFT + 4;
  const lw = RIGHT - LEFT - 8;
  let ly = LOWER_TOP + 4;
  textAt(doc, texts.declarationTitle, lx, ly + ptToMm(13) * FONT_ASCENT, { font: 'Bold', size: 13 });
  textAt(doc, `Wahlschein-Nr. ${input.number}`, RIGHT - 4, ly + ptToMm(13) * FONT_ASCENT, { size: 8.5, align: 'right', color: MUTED_COLOR });
  ly += lineHeight(13) + 2.5;
  ly = block(doc, texts.declaration, lx, ly, lw, { size: 10.5 }, 1.3) + 8;

  // Place and date.
  const lineW = 74;
  const col2 = lx + lw - lineW;
  rule(doc, lx, ly, lx + lineW);
  textAt(doc, 'Ort, Datum', lx, ly + 3.2, { size: 7.5, color: MUTED_COLOR });
  ly += 13;
  // Signatures: the voter left, the Hilfsperson right.
  rule(doc, lx, ly, lx + lineW);
  rule(doc, col2, ly, col2 + lineW);
  textAt(doc, 'Unterschrift der wahlberechtigten Person', lx, ly + 3.2, { size: 7.5, color: MUTED_COLOR });
  textAt(doc, 'oder Unterschrift der Hilfsperson', col2, ly + 3.2, { size: 7.5, color: MUTED_COLOR });
  const printed = voterName(v);
  const printedSize = fitSize(doc, printed, lineW, { size: 8.5 }, 6.5);
  textAt(doc, printed, lx, ly + 7, { size: printedSize });
  ly += 13;
  rule(doc, col2, ly, col2 + lineW);
  textAt(doc, 'Vor- und Familienname der Hilfsperson', col2, ly + 3.2, { size: 7.5, color: MUTED_COLOR });
  ly += 7;

  // Notes.
  const noteStyle: TextStyle = { size: 7.5, color: '#222222' };
  ly = block(doc, texts.assistanceNote, lx, ly, lw, noteStyle) + 1.2;
  ly = block(doc, texts.penaltyNote, lx, ly, lw, noteStyle) + 1.6;
  ly = block(doc, texts.returnNote, lx, ly, lw, { size: 8, font: 'Bold' }) + 2;
  if (ly > LOWER_BOTTOM) throw new WahlscheinError('Der untere Teil des Wahlscheins passt nicht auf die Seite.');
  frame(doc, LEFT, LOWER_TOP, RIGHT - LEFT, ly - LOWER_TOP, 0.8);

  // --- Footer.
  textAt(doc, `${lh.authority} · Wahlschein ${input.number} · nach ${frameRules.wahlscheinModel}`, LEFT, 291, {
    size: 6.5,
    color: MUTED_COLOR,
  });

  if (input.notice) {
    doc.addPage();
    drawNotice(doc, input.notice, lh);
  }
  if (input.preview) drawPreviewWatermark(doc);
  return pdfToBuffer(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// Notice to the home address
// ---------------------------------------------------------------------------------------------------------------

export interface WahlscheinNoticeInput {
  election: Pick<Election, 'name' | 'kind' | 'date' | 'overrides'>;
  number: string;
  caseReference: string;
  /** Date of the letter (= day of dispatch), Europe/Berlin. */
  issuedAt: Date;
  /** Day of the application, ISO "YYYY-MM-DD". */
  applicationDate?: string | null;
  /** The voter at the home address (Wohnanschrift); the Anrede is the caller's choice. */
  recipient: PostalAddressInput;
  /** Where the documents were sent. */
  deliveryAddress: PostalAddressInput;
  /** Printed instead of the address where the voter asked not to repeat it (default: the address is printed). */
  hideDeliveryAddress?: boolean;
  /** Vermerke for the Zusatz- und Vermerkzone (none by default: the notice is a plain letter). */
  vermerke?: readonly string[];
  clerkName: string;
  clerkPhone?: string | null;
  clerkEmail?: string | null;
  /** The department in the letterhead and footer; default "Wahlamt" (the letterhead's department is the Meldebehörde's). */
  office?: string;
  preview?: boolean;
}

export function noticeTexts(input: WahlscheinNoticeInput): {
  subject: string;
  intro: string;
  address: string[] | null;
  why: string;
  notApplied: string;
  notReceived: string;
} {
  const e = input.election;
  const applied = input.applicationDate ? ` vom ${formatIsoDate(input.applicationDate)}` : '';
  const sent = berlinDayText(input.issuedAt);
  const replacement = replacementDeadline(e);
  const delivery = formatPostalAddress(input.deliveryAddress, { withReturnLine: false, maxLines: 8 });
  return {
    subject: `Mitteilung über die Versendung Ihrer Briefwahlunterlagen – ${e.name} am ${isoDayText(e.date, false)}`,
    intro:
      `auf Ihren Antrag${applied} haben wir Ihnen den Wahlschein Nr. ${input.number} mit den Briefwahlunterlagen für die ` +
      `${e.name} am ${isoDayText(e.date)} erteilt. Die Unterlagen wurden am ${sent} als amtliche Wahlunterlagen ` +
      (input.hideDeliveryAddress
        ? 'an die von Ihnen angegebene andere Anschrift gesandt.'
        : 'nicht an Ihre Wohnanschrift, sondern an die folgende Anschrift gesandt:'),
    address: input.hideDeliveryAddress ? null : delivery.lines,
    why: 'Diese Mitteilung erhalten Sie an Ihre Wohnanschrift, damit Sie erfahren, dass Briefwahlunterlagen für Sie an eine andere Anschrift versandt worden sind.',
    notApplied:
      'Haben Sie selbst keinen Wahlschein beantragt und auch niemanden dazu bevollmächtigt, wenden Sie sich bitte sofort an uns.',
    notReceived:
      `Sind Ihnen die Unterlagen nicht zugegangen, kann Ihnen nach Ihrer glaubhaften Versicherung bis ${replacement.text} ` +
      'ein neuer Wahlschein erteilt werden; der bisherige wird dann für ungültig erklärt. Verlorene Wahlscheine werden nicht ersetzt.',
  };
}

const G = FORM_B;
const BODY: TextStyle = { size: 10 };
const PARA = lineHeight(10);

function paragraph(doc: PDFKit.PDFDocument, flow: PageFlow, text: string, style: TextStyle = BODY, x = G.textLeft): void {
  for (const l of wrapText(doc, text, G.textRight - x, style)) {
    flow.ensure(lineHeight(style.size));
    textAt(doc, l, x, flow.baseline(style.size), style);
    flow.y += lineHeight(style.size);
  }
}

/** The notice letter (DIN 5008 Form B) to the voter's home address. */
export async function renderWahlscheinNotice(input: WahlscheinNoticeInput, ctx: DocumentContext): Promise<Buffer> {
  const lh: Letterhead = ctx.letterhead;
  const doc = createPdf({
    resourcesDir: ctx.resourcesDir,
    title: `Mitteilung Briefwahlunterlagen ${input.number}${input.preview ? ' (Vorschau)' : ''}`,
    author: lh.authority,
    subject: noticeTexts(input).subject,
    keywords: `Briefwahl, Wahlschein, Mitteilung, ${input.number}, ${input.caseReference}`,
    creationDate: input.issuedAt,
  });
  drawNotice(doc, input, lh);
  if (input.preview) drawPreviewWatermark(doc);
  return pdfToBuffer(doc);
}

/** Draws the notice from the current page on (its footers only on its own pages). */
function drawNotice(doc: PDFKit.PDFDocument, input: WahlscheinNoticeInput, lh: Letterhead): void {
  const texts = noticeTexts(input);
  const date = berlinDayText(input.issuedAt);
  const firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const office = input.office?.trim() || 'Wahlamt';
  const references: [string, string][] = [
    ['Aktenzeichen', input.caseReference],
    ['Wahlschein-Nr.', input.number],
  ];
  if (input.applicationDate) references.push(['Ihr Antrag vom', formatIsoDate(input.applicationDate)]);
  const { flow } = startLetter(
    doc,
    {
      letterhead: { ...lh, department: office },
      recipient: input.recipient,
      vermerke: input.vermerke,
      references,
      clerk: { name: input.clerkName, phone: input.clerkPhone, email: input.clerkEmail },
      date,
      continuation: `${lh.authority} · Mitteilung vom ${date} · Wahlschein ${input.number} (Fortsetzung)`,
    },
    G,
  );
  paragraph(doc, flow, texts.subject, { font: 'Bold', size: 11 });
  flow.y += PARA * 2;
  paragraph(doc, flow, letterSalutation(input.recipient));
  flow.y += PARA;
  paragraph(doc, flow, texts.intro);
  if (texts.address) {
    flow.y += 2;
    flow.ensure(texts.address.length * lineHeight(10));
    for (const l of texts.address) paragraph(doc, flow, l, { size: 10, font: 'Bold' }, G.textLeft + 8);
  }
  flow.y += PARA;
  paragraph(doc, flow, texts.why);
  flow.y += PARA;
  paragraph(doc, flow, texts.notApplied, { size: 10, font: 'Bold' });
  flow.y += PARA;
  paragraph(doc, flow, texts.notReceived);

  flow.y += PARA;
  flow.ensure(lineHeight(10) * 3 + 10 + lineHeight(8) * 2);
  paragraph(doc, flow, 'Mit freundlichen Grüßen');
  flow.y += PARA * 0.5;
  paragraph(doc, flow, 'Im Auftrag');
  flow.y += 6;
  paragraph(doc, flow, input.clerkName);
  flow.y += PARA * 0.8;
  paragraph(doc, flow, 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.', { size: 8, color: MUTED_COLOR });

  const range = doc.bufferedPageRange();
  drawFootersInRange(doc, `${lh.authority} · ${office} · Wahlschein ${input.number}`, firstPage, range.start + range.count - firstPage, G);
}

