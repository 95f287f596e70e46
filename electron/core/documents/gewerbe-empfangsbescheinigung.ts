/**
 * Empfangsbescheinigung nach § 15 Abs. 1 GewO for a Gewerbe-Anmeldung, -Ummeldung or -Abmeldung (GewA 1–3), as a
 * DIN 5008 Form B letter (PDF/A-2b) for a DL window envelope or to hand over at the counter.
 *
 * Contents: letterhead (department "Gewerbeangelegenheiten" unless configured otherwise), address field, information
 * block (Aktenzeichen, Bescheinigungs-Nr., Eingang der Anzeige, clerk, date), fold and hole marks; title and the
 * legal basis; salutation; the key data of the notice as a two-column table (form, reason, business with legal form
 * and register entry, every reporting person with birth date and position, Betriebsstätte, activity, the start /
 * change / end date, successor, date of receipt); the statement that the certificate confirms receipt only and
 * grants no permit ("Die Empfangsbescheinigung ist keine Genehmigung.", § 15 Abs. 2 GewO for Anmeldung and
 * Ummeldung); the bodies the data go to (§ 14 Abs. 8 GewO, § 3 GewAnzV, § 138 AO) — never the customs
 * administration, whose transmission rests on suspicions the business must not be told of; the fee; place and
 * date, "Im Auftrag", clerk, printed seal, the note that the letter is valid without signature; footer with pages.
 *
 * Recipient (defaultRecipient): whoever made the notice for the business (heirs after a death, an
 * Insolvenzverwalter, an agent) where their address is given; else an Anmeldung or Ummeldung goes to the business
 * at the Betriebsstätte — the firm, and for a business run by one person that person; an Abmeldung goes to the
 * first person's home address, because the Betriebsstätte is being given up. The caller may pass another recipient.
 */
import { berlinDate } from '../../../shared/domain/berlin-time';
import { formatEuro } from '../../../shared/domain/money';
import {
  FORM_INFO,
  addressLine,
  businessDisplayName,
  businessRegisterLine,
  effectiveDate,
  establishmentKindLabel,
  germanDate,
  gewerbeanzeigeData,
  legalFormInfo,
  legalFormText,
  personLine,
  reasonText,
  recipientsFor,
  type GewerbeanzeigeData,
  type GewerbeanzeigeInput,
  type RecipientOptions,
} from '../../../shared/services/gewerbe/index';
import { FORM_B } from './din5008';
import { letterSalutation } from './cover-letter';
import {
  MUTED_COLOR,
  RULE_COLOR,
  drawFooters,
  drawPreviewWatermark,
  lineHeight,
  sealImage,
} from './letter';
import type { DocumentContext } from './meldebescheinigung';
import { FONT_ASCENT, createPdf, mm, pdfToBuffer, ptToMm, textAt, textWidthMm, wrapText, type TextStyle } from './pdf';
import { PageFlow } from './page-flow';
import type { PostalAddressInput, Salutation } from './postal-address';
import { startLetter } from './letter-start';

export interface GewerbeFee {
  cents: number;
  /** ISO date the fee was paid; printed as "bezahlt am …". */
  paidOn?: string | null;
  /** Why no fee is charged; printed instead of an amount. */
  waivedReason?: string | null;
}

export interface GewerbeEmpfangsbescheinigungInput {
  /** Aktenzeichen of the case. */
  caseReference: string;
  /** Document number, e.g. "GA-2026-000017". */
  number?: string | null;
  /** Date of the certificate (Europe/Berlin calendar date). */
  issuedAt: Date;
  /** The notice as stored; validated again before anything is printed. */
  notice: GewerbeanzeigeInput | GewerbeanzeigeData;
  /** Another recipient than defaultRecipient(notice). */
  recipient?: PostalAddressInput | null;
  /** Vermerke for the Zusatz- und Vermerkzone ("Einschreiben Einwurf"). */
  vermerke?: readonly string[];
  /** The fee; nothing is said about fees when absent. */
  fee?: GewerbeFee | null;
  clerkName: string;
  clerkPhone?: string | null;
  clerkEmail?: string | null;
  /** Department line of the letterhead; default DEFAULT_DEPARTMENT. */
  department?: string | null;
  /** Names and waivers of the bodies listed as recipients of the data. */
  recipientOptions?: RecipientOptions;
  /** Draws "VORSCHAU – nicht gültig" on every page. */
  preview?: boolean;
}

export const DEFAULT_DEPARTMENT = 'Bürgerbüro – Gewerbeangelegenheiten';
export const TITLE = 'Empfangsbescheinigung';
export const NO_PERMIT = 'Die Empfangsbescheinigung ist keine Genehmigung.';
/** Instead of NO_PERMIT on an Abmeldung, which needs no permit. */
export const RECEIPT_ONLY_HEADLINE = 'Die Empfangsbescheinigung bestätigt nur den Eingang der Abmeldung.';
export const RECEIPT_ONLY = 'Sie bestätigt nur, dass die Gewerbeanzeige bei uns eingegangen ist (§ 15 Abs. 1 GewO).';
export const PERMIT_NOTE =
  'Erfordert die Tätigkeit eine Erlaubnis, Genehmigung, Konzession oder Bewilligung oder die Eintragung in die ' +
  'Handwerksrolle, darf sie erst mit dieser Zulassung ausgeübt werden; ohne sie kann die Fortsetzung des Betriebes ' +
  'verhindert werden (§ 15 Abs. 2 GewO).';
export const TAX_NOTE =
  'Die Weitergabe ersetzt nicht Ihre steuerliche Anmeldung mit dem Fragebogen zur steuerlichen Erfassung (§ 138 Abs. 1b AO).';
export const MACHINE_NOTE = 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.';

export class GewerbeDocumentError extends Error {
  override name = 'GewerbeDocumentError';
}

// ---------------------------------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------------------------------

function salutationOf(sex: 'm' | 'w' | 'd' | 'x' | null): Salutation | null {
  return sex === 'w' ? 'Frau' : sex === 'm' ? 'Herrn' : null;
}

/** Where the certificate goes by default (see the module comment). */
export function defaultRecipient(d: GewerbeanzeigeData): PostalAddressInput {
  if (d.reporter?.address) {
    // Heirs, an Insolvenzverwalter, an agent: the certificate goes to whoever made the notice.
    const a = d.reporter.address;
    return {
      givenNames: d.reporter.givenNames,
      familyName: d.reporter.familyName,
      street: a.street,
      houseNumber: a.houseNumber,
      postalCode: a.postalCode,
      city: a.city,
      country: a.country,
    };
  }
  const p = d.persons[0]!;
  const person = {
    salutation: salutationOf(p.sex),
    title: p.doctoralDegree || null,
    givenNames: p.givenNames,
    familyName: p.familyName,
  };
  if (d.form === 'GewA3') {
    const a = p.address;
    return { ...person, street: a.street, houseNumber: a.houseNumber, postalCode: a.postalCode, city: a.city, country: a.country };
  }
  const a = d.establishment.address;
  const at = { street: a.street, houseNumber: a.houseNumber, postalCode: a.postalCode, city: a.city, country: a.country };
  const kind = legalFormInfo(d.business.legalForm).kind;
  const onePerson = kind === 'natural' || (kind === 'other' && d.persons.length === 1);
  if (onePerson) return { ...person, organisation: d.business.name || null, ...at };
  return { organisation: businessDisplayName(d), ...at };
}

export interface Row {
  label: string;
  paras: string[];
  bold?: boolean;
}

/** The key data of the notice as label/value rows (exported for the tests and the preview in the UI). */
export function keyDataRows(d: GewerbeanzeigeData): Row[] {
  const rows: Row[] = [];
  const reasonLabel = d.form === 'GewA1' ? 'Grund der Anmeldung' : d.form === 'GewA2' ? 'Art der Änderung' : 'Grund der Abmeldung';
  rows.push({ label: reasonLabel, paras: [reasonText(d)] });
  rows.push({ label: 'Betrieb', paras: [businessDisplayName(d)], bold: true });
  const register = businessRegisterLine(d.business);
  rows.push(
    register
      ? { label: 'Rechtsform, Register', paras: [`${legalFormText(d.business)}, ${register}`] }
      : { label: 'Rechtsform', paras: [legalFormText(d.business)] },
  );
  rows.push({ label: d.persons.length > 1 ? 'Angaben zu den Personen' : 'Angaben zur Person', paras: d.persons.map(personLine) });
  if (d.reporter) {
    rows.push({
      label: 'Anzeige erstattet von',
      paras: [`${d.reporter.givenNames} ${d.reporter.familyName} (${d.reporter.capacity})`],
    });
  }
  const kind = establishmentKindLabel(d);
  rows.push({
    label: d.form === 'GewA2' && d.changes.relocation ? 'Betriebsstätte (neu)' : 'Betriebsstätte',
    paras: [`${addressLine(d.establishment.address)} (${kind})`],
  });
  if (d.establishment.mainEstablishment) {
    rows.push({ label: 'Hauptniederlassung', paras: [addressLine(d.establishment.mainEstablishment)] });
  }
  if (d.form === 'GewA1' && d.previousEstablishment) {
    rows.push({ label: 'Frühere Betriebsstätte', paras: [addressLine(d.previousEstablishment)] });
  }
  if (d.form === 'GewA2' && d.changes.relocation && d.changes.previousAddress) {
    rows.push({ label: 'Bisherige Betriebsstätte', paras: [addressLine(d.changes.previousAddress)] });
  }
  if (d.form === 'GewA3' && d.newAddress) {
    rows.push({ label: 'Neue Betriebsstätte', paras: [addressLine(d.newAddress)] });
  }
  const activity = `${d.activity.description.trim()}${d.activity.wz2008 ? ` (WZ 2008: ${d.activity.wz2008})` : ''}`;
  const activityLabel =
    d.form === 'GewA1'
      ? 'Angemeldete Tätigkeit'
      : d.form === 'GewA3'
        ? 'Abgemeldete Tätigkeit'
        : d.changes.activityChange !== 'keine'
          ? 'Tätigkeit (neu)'
          : 'Tätigkeit';
  rows.push({ label: activityLabel, paras: activity.split(/\n+/) });
  if (d.form === 'GewA2' && d.changes.activityChange !== 'keine' && d.changes.previousActivity) {
    rows.push({ label: 'Bisherige Tätigkeit', paras: d.changes.previousActivity.split(/\n+/) });
  }
  const eff = effectiveDate(d);
  rows.push({ label: eff.label, paras: [germanDate(eff.date)], bold: true });
  if (d.form === 'GewA3' && d.continuedBySomeoneElse) {
    rows.push({ label: 'Fortführung des Betriebes', paras: [`durch ${d.successor}`] });
  }
  return rows;
}

/** The paragraphs below the table (exported for the tests). */
export function noticeTexts(
  d: GewerbeanzeigeData,
  authority: string,
  fee: GewerbeFee | null | undefined,
  options: RecipientOptions = {},
): {
  intro: string;
  headline: string;
  permit: string[];
  bodiesIntro: string;
  bodies: string[];
  tax: string | null;
  fee: string | null;
} {
  const intro =
    `${FORM_INFO[d.form].noun} ist am ${germanDate(d.receivedOn)} bei der ${authority} eingegangen. ` +
    'Wir bescheinigen den Empfang der Anzeige mit den folgenden Angaben:';
  const headline = d.form === 'GewA3' ? RECEIPT_ONLY_HEADLINE : NO_PERMIT;
  const permit = d.form === 'GewA3' ? [] : [RECEIPT_ONLY, PERMIT_NOTE];
  // Customs (§ 3 Abs. 3 GewAnzV) acts on suspicions; the business is not told.
  const bodies = recipientsFor(d, options)
    .filter((t) => t.kind === 'transmit' && t.key !== 'zoll')
    .map((t) => t.body);
  const bodiesIntro =
    'Die Angaben der Anzeige werden, soweit sie dort gebraucht werden, weitergegeben an ' +
    `(§ 14 Abs. 8 GewO, § 3 GewAnzV${bodies.some((b) => /Finanzamt/.test(b)) ? ', § 138 Abs. 1 AO' : ''}):`;
  const tax = d.form === 'GewA1' ? TAX_NOTE : null;
  let feeText: string | null = null;
  if (fee) {
    if (!Number.isInteger(fee.cents) || fee.cents < 0) throw new GewerbeDocumentError(`Ungültige Gebühr: ${fee.cents}.`);
    if (fee.waivedReason) feeText = `Die Bearbeitung der Anzeige ist gebührenfrei (${fee.waivedReason.trim()}).`;
    else if (fee.cents === 0) feeText = 'Die Bearbeitung der Anzeige ist gebührenfrei.';
    else if (fee.paidOn) feeText = `Gebühr für die Bearbeitung der Anzeige: ${formatEuro(fee.cents)}, bezahlt am ${germanDate(fee.paidOn)}.`;
    else feeText = `Gebühr: ${formatEuro(fee.cents)} – hierüber erhalten Sie einen gesonderten Gebührenbescheid.`;
  }
  return { intro, headline, permit, bodiesIntro, bodies, tax, fee: feeText };
}

function parseNotice(notice: unknown): GewerbeanzeigeData {
  const r = gewerbeanzeigeData.safeParse(notice);
  if (!r.success) {
    const messages = r.error.issues.slice(0, 3).map((i) => i.message);
    const more = r.error.issues.length > 3 ? ` (und ${r.error.issues.length - 3} weitere Fehler)` : '';
    throw new GewerbeDocumentError(
      `Die Empfangsbescheinigung kann nicht erstellt werden, die Gewerbeanzeige ist fehlerhaft: ${messages.join(' ')}${more}`,
    );
  }
  return r.data;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------------------

const G = FORM_B;
const BODY: TextStyle = { size: 10 };
const BODY_WIDTH = G.textRight - G.textLeft;
const PARA_GAP = lineHeight(10);
const LABEL_STYLE: TextStyle = { size: 8.5, color: MUTED_COLOR };
const LABEL_WIDTH = 44;
const VALUE_X = G.textLeft + 47;
const VALUE_WIDTH = G.textRight - VALUE_X;
const VALUE_SIZE = 9.5;
const ROW_GAP = 1.8;

/** Legal citations stay on one line: "§ 138 Abs. 1b AO" never breaks inside. */
export function bindCitations(text: string): string {
  return text.replace(/§§? \d[^;:,()]*?\b(?:GewO|GewAnzV|AO|BGB|HwO|HGB|VwVfG|IHKG|FamFG|GenG|SGB [IVX]+)\b/g, (m) =>
    m.replace(/ /g, '\u00a0'),
  );
}

/** A paragraph; one of up to six lines is kept on one page, longer ones may break between lines. */
function paragraph(doc: PDFKit.PDFDocument, flow: PageFlow, text: string, style: TextStyle = BODY, x = G.textLeft): void {
  const lines = wrapText(doc, bindCitations(text), G.textRight - x, style);
  const pitch = lineHeight(style.size);
  if (lines.length <= 6) flow.ensure(lines.length * pitch);
  for (const l of lines) {
    flow.ensure(pitch);
    textAt(doc, l, x, flow.baseline(style.size), style);
    flow.y += pitch;
  }
}

function drawRow(doc: PDFKit.PDFDocument, flow: PageFlow, row: Row): void {
  const labelLines = wrapText(doc, row.label, LABEL_WIDTH, LABEL_STYLE);
  const valueStyle: TextStyle = { size: VALUE_SIZE, font: row.bold ? 'Bold' : 'Regular' };
  const valueLines = row.paras.map((p) => wrapText(doc, p, VALUE_WIDTH, valueStyle));
  const pitch = lineHeight(VALUE_SIZE);
  const valueHeight = valueLines.reduce((h, ls, i) => h + ls.length * pitch + (i > 0 ? 0.8 : 0), 0);
  const height = Math.max(valueHeight, labelLines.length * lineHeight(LABEL_STYLE.size));
  flow.ensure(height + ROW_GAP);
  const top = flow.y;
  const first = top + ptToMm(VALUE_SIZE) * FONT_ASCENT;
  let lb = first;
  for (const l of labelLines) {
    textAt(doc, l, G.textLeft, lb, LABEL_STYLE);
    lb += lineHeight(LABEL_STYLE.size);
  }
  let vb = first;
  valueLines.forEach((ls, i) => {
    if (i > 0) vb += 0.8;
    for (const l of ls) {
      textAt(doc, l, VALUE_X, vb, valueStyle);
      vb += pitch;
    }
  });
  flow.y = top + height + ROW_GAP;
  const ruleY = flow.y - ROW_GAP / 2;
  doc.save().lineWidth(0.25).strokeColor(RULE_COLOR).moveTo(mm(G.textLeft), mm(ruleY)).lineTo(mm(G.textRight), mm(ruleY)).stroke().restore();
}

export interface GewerbeEmpfangsbescheinigungLayout {
  pdf: Buffer;
  /** The recipient lines as printed in the address field. */
  addressLines: string[];
}

export async function renderGewerbeEmpfangsbescheinigung(
  input: GewerbeEmpfangsbescheinigungInput,
  ctx: DocumentContext,
): Promise<Buffer> {
  return (await layoutGewerbeEmpfangsbescheinigung(input, ctx)).pdf;
}

/** Renders the certificate and reports what went into the address field. */
export async function layoutGewerbeEmpfangsbescheinigung(
  input: GewerbeEmpfangsbescheinigungInput,
  ctx: DocumentContext,
): Promise<GewerbeEmpfangsbescheinigungLayout> {
  const d = parseNotice(input.notice);
  const department = input.department?.trim() || DEFAULT_DEPARTMENT;
  const lh = { ...ctx.letterhead, department };
  const date = berlinDate(input.issuedAt);
  const texts = noticeTexts(d, lh.authority, input.fee, input.recipientOptions);
  const rows = keyDataRows(d);
  const recipient = input.recipient ?? defaultRecipient(d);
  const seal = sealImage(lh, ctx.resourcesDir);
  const info = FORM_INFO[d.form];

  const doc = createPdf({
    resourcesDir: ctx.resourcesDir,
    title: `Empfangsbescheinigung ${info.title}${input.number ? ` ${input.number}` : ''}${input.preview ? ' (Vorschau)' : ''}`,
    author: lh.authority,
    subject: `Empfangsbescheinigung nach § 15 Abs. 1 GewO, ${info.title} (${info.code}), Aktenzeichen ${input.caseReference}`,
    keywords: `Gewerbeanzeige, ${info.code}, Empfangsbescheinigung, ${input.caseReference}`,
    creationDate: input.issuedAt,
  });

  // --- First page: letterhead, address field, information block, marks.
  const references: [string, string][] = [['Aktenzeichen', input.caseReference]];
  if (input.number) references.push(['Bescheinigungs-Nr.', input.number]);
  references.push(['Eingang der Anzeige', germanDate(d.receivedOn)]);
  const { flow, address } = startLetter(
    doc,
    {
      letterhead: lh,
      recipient: recipient,
      vermerke: input.vermerke,
      references,
      clerk: { name: input.clerkName, phone: input.clerkPhone, email: input.clerkEmail },
      date,
      continuation: `${lh.authority} · Empfangsbescheinigung vom ${date} · Aktenzeichen ${input.caseReference} (Fortsetzung)`,
    },
    G,
  );

  // --- Title, legal basis, salutation, intro.
  paragraph(doc, flow, TITLE, { font: 'Bold', size: 14 });
  flow.y += 0.6;
  paragraph(doc, flow, `nach § 15 Abs. 1 Gewerbeordnung (GewO) – ${info.title} (${info.code})`, { size: 10, color: MUTED_COLOR });
  flow.y += PARA_GAP;
  paragraph(doc, flow, letterSalutation(recipient));
  flow.y += PARA_GAP * 0.6;
  paragraph(doc, flow, texts.intro);
  flow.y += 2.5;

  // --- Key data.
  doc
    .save()
    .lineWidth(0.25)
    .strokeColor(RULE_COLOR)
    .moveTo(mm(G.textLeft), mm(flow.y - ROW_GAP / 2))
    .lineTo(mm(G.textRight), mm(flow.y - ROW_GAP / 2))
    .stroke()
    .restore();
  for (const row of rows) drawRow(doc, flow, row);
  flow.y += 3;

  // --- No permit.
  flow.ensure(lineHeight(10) + lineHeight(9) * 3);
  paragraph(doc, flow, texts.headline, { font: 'Bold', size: 10 });
  if (texts.permit.length) paragraph(doc, flow, texts.permit.join(' '), { size: 9 });
  flow.y += PARA_GAP * 0.6;

  // --- Closing block (place and date, Im Auftrag, clerk, seal, note): kept together, and together with the last
  // paragraph before it, so a continuation page never holds the signature block alone.
  const sealSize = 19;
  const noteLines = wrapText(doc, MACHINE_NOTE, BODY_WIDTH, { size: 8 }).length;
  const closingHeight = PARA_GAP + Math.max(7 + 6 + lineHeight(10), sealSize - 1) + 2 + noteLines * lineHeight(8);
  const heightOf = (text: string, style: TextStyle) =>
    wrapText(doc, bindCitations(text), BODY_WIDTH, style).length * lineHeight(style.size);

  // --- Where the data go: one paragraph, the bodies separated by semicolons.
  const bodiesText = `${texts.bodiesIntro} ${texts.bodies.join('; ')}.${texts.tax ? ` ${texts.tax}` : ''}`;
  const small: TextStyle = { size: 8.5 };
  if (!texts.fee) flow.ensure(heightOf(bodiesText, small) + closingHeight);
  paragraph(doc, flow, bodiesText, small);

  // --- Fee.
  if (texts.fee) {
    flow.y += PARA_GAP * 0.6;
    flow.ensure(heightOf(texts.fee, BODY) + closingHeight);
    paragraph(doc, flow, texts.fee);
  }

  flow.y += PARA_GAP;
  flow.ensure(closingHeight - PARA_GAP);
  const placeText = `${lh.place}, ${date}`;
  const placeBaseline = flow.baseline(10);
  textAt(doc, placeText, G.textLeft, placeBaseline, BODY);
  const authBaseline = placeBaseline + 7;
  textAt(doc, 'Im Auftrag', G.textLeft, authBaseline, BODY);
  const clerkBaseline = authBaseline + 6;
  textAt(doc, input.clerkName, G.textLeft, clerkBaseline, BODY);
  const textWidth = Math.max(textWidthMm(doc, input.clerkName, BODY), textWidthMm(doc, placeText, BODY));
  const sealX = Math.max(G.textLeft + 62, G.textLeft + textWidth + 12);
  const sealTop = placeBaseline - 3;
  doc.image(seal, mm(sealX), mm(sealTop), { width: mm(sealSize), height: mm(sealSize) });
  flow.y = Math.max(clerkBaseline + 3, sealTop + sealSize + 1);
  paragraph(doc, flow, MACHINE_NOTE, { size: 8, color: MUTED_COLOR });

  drawFooters(doc, `${lh.authority} · ${department} · Aktenzeichen ${input.caseReference}`, G);
  if (input.preview) drawPreviewWatermark(doc);
  return { pdf: await pdfToBuffer(doc), addressLines: address.lines };
}
