/**
 * Hundesteuerbescheid as PDF/A-2b: an official letter in DIN 5008 Form B for a DL window envelope.
 *
 * Two kinds:
 * - 'festsetzung' (after an Anmeldung): the dog, its tag, the yearly tax by the Satzung, the amount of the first year
 *   (and of earlier years after a late registration) with its months, the instalments with due dates, the following
 *   years (Dauerbescheid), payment by SEPA direct debit (mandate reference, creditor id, pre-notification) or by
 *   transfer.
 * - 'schluss' (after an Abmeldung): the end of the liability, the year(s) set anew against the previous Festsetzung,
 *   what was paid, what is still collected or refunded.
 *
 * Every figure comes from shared/services/hundesteuer/tax.ts (assessRegistration / assessDeregistration), so the
 * counter's preview and the Bescheid cannot differ. Legal texts:
 * - Rechtsgrundlage: the configured sentence (NKAG and the town's Hundesteuersatzung).
 * - Rechtsbehelfsbelehrung: Klage to the Verwaltungsgericht (Osnabrück for Landkreis Emsland) within one month of
 *   Bekanntgabe — in Niedersachsen no Widerspruch precedes an action against such a Bescheid (§ 80 Abs. 1 NJG).
 *   Form as § 81 VwGO says (in writing or to the record of the court office), electronically only as § 55a VwGO says.
 *   A Hinweis adds that the action does not suspend payment (§ 80 Abs. 2 Satz 1 Nr. 1 VwGO: public taxes).
 * - Machine-made: a tax notice made with automatic equipment needs neither signature nor name (§ 119 Abs. 3 AO,
 *   applied through § 11 NKAG — the VwVfG does not apply to taxes).
 */
import { formatEuro } from '../../../shared/domain/money';
import {
  ABMELDUNG_REASONS,
  DANGEROUS_DOG_LABEL,
  DOG_POSITION_LABELS,
  DOG_SEX_LABELS,
  PAYMENT_SCHEDULE_LABELS,
  assessDeregistration,
  assessRegistration,
  firstDayOf,
  formatChipNumber,
  formatDate,
  formatMonth,
  formatMonthRange,
  hundesteuerConfigSchema,
  isValidMandateReference,
  lastDayOf,
  maskIban,
  yearlyTax,
  type AbmeldungReason,
  type DeregistrationAssessment,
  type DogPosition,
  type HundesteuerConfig,
  type IsoDate,
  type PaymentPlan,
  type PaymentSchedule,
  type RegistrationAssessment,
  type YearMonth,
} from '../../../shared/services/hundesteuer';
import { berlinIsoDay } from '../../../shared/domain/berlin-time';
import { CLOSING, ON_BEHALF, formatIban, letterSalutation, type BankAccount } from './cover-letter';
import { BODY_BOTTOM, FORM_B } from './din5008';
import {
  MUTED_COLOR,
  RULE_COLOR,
  drawFooters,
  drawPreviewWatermark,
  lineHeight,
} from './letter';
import type { DocumentContext } from './meldebescheinigung';
import { PageFlow } from './page-flow';
import { createPdf, mm, pdfToBuffer, textAt, wrapText, type TextStyle } from './pdf';
import type { PostalAddress, PostalAddressInput } from './postal-address';
import { startLetter } from './letter-start';

// ---------------------------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------------------------

export interface BescheidDog {
  name: string;
  breed: string;
  colour: string;
  sex: 'ruede' | 'huendin';
  birthDate: IsoDate;
  chipNumber: string | null;
}

export type BescheidPayment =
  | {
      kind: 'sepa';
      /** Assigned by the town (buildMandateReference). */
      mandateReference: string;
      accountHolder: string;
      iban: string;
      /** Day the mandate was given. */
      mandateDate: IsoDate;
    }
  | {
      kind: 'transfer';
      /** The town's account (settings.bank). */
      bank: BankAccount;
    };

export interface HundesteuerBescheidInput {
  kind: 'festsetzung' | 'schluss';
  /** Bescheid number, e.g. "HST-2026-000012". */
  number: string;
  /** Aktenzeichen of the case. */
  caseReference: string;
  /** Kassenzeichen of the tax account (Verwendungszweck); the case reference when absent. */
  kassenzeichen?: string | null;
  issuedAt: Date;
  /** Day the Anmeldung or Abmeldung was received (ISO). */
  reportedOn: IsoDate;
  recipient: PostalAddressInput;
  /** Vermerke for the Zusatz- und Vermerkzone. */
  vermerke?: readonly string[];
  /** Handed over at the counter: made known that day (else on the fourth day after posting). */
  deliveredInPerson?: boolean;
  clerkName: string;
  clerkPhone?: string | null;
  clerkEmail?: string | null;
  dog: BescheidDog;
  tagNumber: string;
  position: DogPosition;
  dangerous: boolean;
  /** First month of tax liability (liabilityStart). */
  liableFrom: YearMonth;
  /** The owner's choice or the Satzung's default. */
  schedule: PaymentSchedule;
  /** For 'schluss' only. */
  deregistration?: {
    reason: AbmeldungReason;
    /** Last day of the holding. */
    endedOn: IsoDate;
    /** Last month of liability (liabilityEnd). */
    liableUntil: YearMonth;
    /** Collected for the years this Bescheid sets anew (from the year of liableUntil on). */
    paidCents: number;
    tagReturned: boolean;
  };
  payment: BescheidPayment;
  config: HundesteuerConfig;
  /** Fee of a replacement tag (settings.fees[REPLACEMENT_TAG_FEE_KEY]); the hint names it when given. */
  replacementTagFeeCents?: number | null;
  preview?: boolean;
}

export class HundesteuerBescheidError extends Error {
  override name = 'HundesteuerBescheidError';
}

export const BESCHEID_TITLE = 'Bescheid über die Festsetzung der Hundesteuer';
export const SUBTITLE_FESTSETZUNG = 'Anmeldung eines Hundes';
export const SUBTITLE_SCHLUSS = 'Abmeldung eines Hundes – Schlussbescheid';
export const MACHINE_NOTE_BESCHEID =
  'Dieser Bescheid wurde maschinell erstellt und ist ohne Unterschrift gültig (§ 119 Abs. 3 AO in Verbindung mit § 11 NKAG).';

// ---------------------------------------------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------------------------------------------

export interface BescheidTable {
  /** Column headers; the last column is right-aligned (amounts). */
  header: string[];
  rows: { cells: string[]; bold?: boolean }[];
  /** Notes printed small below the table. */
  notes: string[];
}

export interface BescheidTexts {
  title: string;
  subtitle: string;
  salutation: string;
  intro: string;
  dogRows: [string, string][];
  assessmentHeading: string;
  assessment: BescheidTable;
  assessmentNotes: string[];
  dueHeading: string;
  /** Schlussbescheid: new tax, paid, refund or rest. */
  settlement: BescheidTable | null;
  /** Open amounts with their due dates. */
  due: BescheidTable | null;
  paymentHeading: string;
  paymentText: string;
  paymentRows: [string, string][];
  paymentAfter: string[];
  hints: string[];
  legalBasis: string;
  rechtsbehelf: string[];
  /** Printed below the Rechtsbehelfsbelehrung; null when nothing is left to pay. */
  rechtsbehelfHint: string | null;
  /** The computation behind the figures. */
  computed: RegistrationAssessment | DeregistrationAssessment;
}

function clean(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

function reasonLabel(reason: AbmeldungReason): string {
  return ABMELDUNG_REASONS.find((r) => r.id === reason)?.label ?? reason;
}

/** "Tod des Hundes am 10.05.2026" etc. */
function endText(reason: AbmeldungReason, endedOn: IsoDate): string {
  const d = formatDate(endedOn);
  switch (reason) {
    case 'tod':
      return `Tod des Hundes am ${d}`;
    case 'abgabe':
      return `Abgabe des Hundes am ${d}`;
    case 'wegzug':
      return `Wegzug am ${d}`;
    default:
      return `Ende der Haltung am ${d} (${reasonLabel(reason)})`;
  }
}

function periodText(from: YearMonth, to: YearMonth, label: string): string {
  const quarter = /^(\d)\. Quartal/.exec(label);
  return quarter ? `${formatMonthRange(from, to)} (${quarter[1]}. Quartal)` : formatMonthRange(from, to);
}

const NUMBER_WORDS = ['null', 'einen', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'];

/** "drei Monate", "einen Monat". */
function monthsWord(n: number): string {
  const w = NUMBER_WORDS[n] ?? String(n);
  return n === 1 ? `${w} Monat` : `${w} Monate`;
}

function monthsText(n: number): string {
  return n === 1 ? '1 Monat' : `${n} Monate`;
}

function dueTable(plan: PaymentPlan, config: HundesteuerConfig): BescheidTable {
  const rows: BescheidTable['rows'] = plan.payments.map((p) => ({
    cells: [
      `${formatDate(p.dueDate)}${p.deferred ? ' *' : ''}`,
      periodText(p.instalment.fromMonth, p.instalment.toMonth, p.instalment.label),
      formatEuro(p.cents),
    ],
  }));
  if (rows.length > 1) rows.push({ cells: ['', 'Summe', formatEuro(plan.openCents)], bold: true });
  const notes: string[] = [];
  if (plan.payments.some((p) => p.deferred)) {
    notes.push(
      '* Der Fälligkeitstag nach der Satzung lag vor der Bekanntgabe dieses Bescheids oder weniger als ' +
        `${config.preNotificationDays} Tage nach seinem Datum. Der Betrag ist deshalb einen Monat nach Bekanntgabe fällig ` +
        `(Bekanntgabe: ${formatDate(plan.noticeDate)}).`,
    );
  }
  return { header: ['Fällig am', 'Zeitraum', 'Betrag'], rows, notes };
}

/** "fällig mit je 15,00 € am 15.02., 15.05., 15.08. und 15.11." — the due dates of the following years. */
export function followingYearsDueText(a: RegistrationAssessment): string {
  const f = a.followingYears;
  const day = (md: string) => `${md.slice(3)}.${md.slice(0, 2)}.`;
  if (a.schedule === 'annual') return `fällig am ${day(f.instalments[0]!.monthDay)}`;
  const dates = f.instalments.map((i) => day(i.monthDay));
  const list = `${dates.slice(0, -1).join(', ')} und ${dates[dates.length - 1]}`;
  if (new Set(f.instalments.map((i) => i.cents)).size === 1) {
    return `fällig mit je ${formatEuro(f.instalments[0]!.cents)} am ${list}`;
  }
  return `fällig am ${list} mit ${f.instalments.map((i) => formatEuro(i.cents)).join(', ')}`;
}

function paymentTexts(
  input: HundesteuerBescheidInput,
  authority: string,
  plan: PaymentPlan,
  schluss: boolean,
): { text: string; rows: [string, string][]; after: string[] } {
  const pay = input.payment;
  const purpose = clean(input.kassenzeichen) || input.caseReference;
  const open = plan.openCents > 0;
  const refund = plan.refundCents > 0;
  if (pay.kind === 'sepa') {
    if (!isValidMandateReference(pay.mandateReference)) {
      throw new HundesteuerBescheidError(`Die Mandatsreferenz „${pay.mandateReference}“ ist ungültig.`);
    }
    const debits = !schluss || open;
    const rows: [string, string][] = [
      ['Kontoinhaber', clean(pay.accountHolder)],
      ['IBAN', maskIban(pay.iban)],
      ['Mandatsreferenz', pay.mandateReference],
    ];
    // Creditor id and mandate date belong to an announced direct debit; a refund needs neither.
    if (debits) rows.push(['Gläubiger-ID', input.config.creditorId], ['Mandat erteilt am', formatDate(pay.mandateDate)]);
    const after: string[] = [];
    let text: string;
    if (!schluss) {
      text =
        'Die Beträge werden aufgrund Ihres SEPA-Lastschriftmandats zu den oben genannten Fälligkeitstagen und in den ' +
        'folgenden Jahren zu den regelmäßigen Fälligkeitstagen von diesem Konto eingezogen:';
      after.push(
        'Dieser Bescheid ist zugleich die Vorabankündigung (Pre-Notification) dieser SEPA-Lastschriften. Fällt ein ' +
          'Fälligkeitstag nicht auf einen Bankarbeitstag, wird am folgenden Bankarbeitstag abgebucht. Bitte sorgen Sie ' +
          'zu diesen Tagen für ausreichende Deckung.',
      );
    } else if (open) {
      text =
        'Der noch offene Betrag wird aufgrund Ihres SEPA-Lastschriftmandats zu den oben genannten Fälligkeitstagen von ' +
        'diesem Konto eingezogen; weitere Lastschriften für diesen Hund erfolgen nicht:';
      after.push(
        'Dieser Bescheid ist zugleich die Vorabankündigung (Pre-Notification) dieser SEPA-Lastschriften. Fällt ein ' +
          'Fälligkeitstag nicht auf einen Bankarbeitstag, wird am folgenden Bankarbeitstag abgebucht.',
      );
    } else {
      text = refund
        ? `Der zu viel gezahlte Betrag von ${formatEuro(plan.refundCents)} wird Ihnen auf das Konto Ihres SEPA-Lastschriftmandats erstattet; weitere Lastschriften für diesen Hund erfolgen nicht:`
        : 'Für diesen Hund erfolgen keine weiteren Lastschriften aufgrund Ihres SEPA-Lastschriftmandats:';
    }
    return { text, rows, after };
  }
  const bank = pay.bank;
  const rows: [string, string][] = [
    ['Empfänger', clean(bank.accountHolder) || authority],
    ['IBAN', formatIban(bank.iban)],
  ];
  if (clean(bank.bic)) rows.push(['BIC', clean(bank.bic).toUpperCase()]);
  if (clean(bank.bankName)) rows.push(['Kreditinstitut', clean(bank.bankName)]);
  rows.push(['Verwendungszweck', purpose]);
  if (!schluss || open) {
    return {
      text:
        'Bitte überweisen Sie die Beträge jeweils zum Fälligkeitstag' +
        (schluss ? '' : ', auch in den folgenden Jahren,') +
        ' auf das folgende Konto und geben Sie den Verwendungszweck an:',
      rows,
      after: [],
    };
  }
  return {
    text: refund
      ? `Der zu viel gezahlte Betrag von ${formatEuro(plan.refundCents)} wird Ihnen erstattet. Bitte teilen Sie uns dafür Ihre Bankverbindung mit, falls sie uns nicht bekannt ist.`
      : 'Es ist nichts mehr zu zahlen.',
    rows: [],
    after: [],
  };
}

/** The texts of the Bescheid (exported for the tests and the preview in the UI). */
export function hundesteuerBescheidTexts(input: HundesteuerBescheidInput, authority: string): BescheidTexts {
  const config = input.config;
  const issuedOn = berlinIsoDay(input.issuedAt);
  const yearly = yearlyTax(input.position, input.dangerous, config.rates);
  const classification = input.dangerous ? DANGEROUS_DOG_LABEL : DOG_POSITION_LABELS[input.position];
  const satzung = config.satzungName;
  const dog = input.dog;
  const dogRows: [string, string][] = [
    ['Name des Hundes', clean(dog.name)],
    ['Rasse', clean(dog.breed)],
    ['Farbe, Geschlecht', `${clean(dog.colour)}, ${DOG_SEX_LABELS[dog.sex]}`],
    ['Geburtsdatum', formatDate(dog.birthDate)],
    ['Chipnummer', dog.chipNumber ? formatChipNumber(dog.chipNumber) : '—'],
    ['Hundesteuermarke', `Nr. ${input.tagNumber}`],
    ['Einstufung', `${classification[0]!.toUpperCase()}${classification.slice(1)}`],
    ['Steuerpflicht ab', formatDate(firstDayOf(input.liableFrom))],
  ];
  const hints: string[] = [];
  const rechtsbehelf = [
    `Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Klage beim ${config.court.name}, ` +
      `${config.court.address}, erhoben werden.`,
    'Die Klage ist schriftlich oder zur Niederschrift der Urkundsbeamtin oder des Urkundsbeamten der Geschäftsstelle des ' +
      'Gerichts zu erheben. Sie kann auch elektronisch nach Maßgabe des § 55a der Verwaltungsgerichtsordnung (VwGO) ' +
      'eingereicht werden; eine einfache E-Mail genügt dafür nicht.',
  ];
  const rechtsbehelfHint =
    'Hinweis: Eine Klage hat keine aufschiebende Wirkung (§ 80 Abs. 2 Satz 1 Nr. 1 VwGO). Die festgesetzte Steuer ist ' +
    'auch dann zu den angegebenen Terminen zu zahlen.';
  const hintIfOpen = (plan: PaymentPlan) => (plan.openCents > 0 ? rechtsbehelfHint : null);
  const reported = formatDate(input.reportedOn);

  if (input.kind === 'festsetzung') {
    const a = assessRegistration({
      yearlyCents: yearly,
      liableFrom: input.liableFrom,
      issuedOn,
      schedule: input.schedule,
      deliveredInPerson: input.deliveredInPerson ?? false,
      config,
    });
    const rows: BescheidTable['rows'] = [
      { cells: [`Jahressteuer (${classification})`, '', formatEuro(yearly)] },
      ...a.years.map((y) => ({
        cells: [`Steuer ${y.year}`, `${formatMonthRange(y.fromMonth, y.toMonth)} (${monthsText(y.months)})`, formatEuro(y.cents)],
        bold: true,
      })),
      {
        cells: [`ab ${a.followingYears.fromYear} jährlich`, `Januar bis Dezember, ${followingYearsDueText(a)}`, formatEuro(yearly)],
      },
    ];
    hints.push(
      'Die Hundesteuermarke ist dem Hund außerhalb der Wohnung oder des umfriedeten Grundbesitzes sichtbar anzulegen. ' +
        (input.replacementTagFeeCents
          ? `Bei Verlust erhalten Sie gegen eine Gebühr von ${formatEuro(input.replacementTagFeeCents)} eine Ersatzmarke.`
          : 'Bei Verlust erhalten Sie gegen Gebühr eine Ersatzmarke.'),
      `Bitte melden Sie den Hund innerhalb von ${config.registrationDeadlineDays} Tagen ab, wenn Sie ihn abgeben, wenn er ` +
        'stirbt oder abhandenkommt oder wenn Sie aus der Stadt wegziehen. Ändert sich die Zahl der Hunde in Ihrem Haushalt, ' +
        'wird die Steuer neu festgesetzt.',
    );
    const pay = paymentTexts(input, authority, a.plan, false);
    return {
      title: BESCHEID_TITLE,
      subtitle: SUBTITLE_FESTSETZUNG,
      salutation: letterSalutation(input.recipient),
      intro:
        `aufgrund Ihrer Anmeldung vom ${reported} wird für das Halten des folgenden Hundes die Hundesteuer nach der ` +
        `${satzung} festgesetzt.`,
      dogRows,
      assessmentHeading: 'Festsetzung',
      assessment: { header: ['', 'Zeitraum', 'Betrag'], rows, notes: [] },
      assessmentNotes: [
        'Die Steuerpflicht beginnt mit dem Ersten des Monats, der auf den Beginn der Haltung (Aufnahme oder Zuzug) folgt' +
          (config.minimumAgeMonths > 0 ? `, frühestens nach dem Monat, in dem der Hund ${monthsWord(config.minimumAgeMonths)} alt wird` : '') +
          '. Für jeden vollen Kalendermonat der Steuerpflicht ist ein Zwölftel der Jahressteuer zu zahlen.',
        'Dieser Bescheid gilt auch für die folgenden Kalenderjahre, solange sich die Grundlagen der Besteuerung nicht ' +
          'ändern (Dauerbescheid). Für diese Jahre erhalten Sie keinen neuen Bescheid.',
      ],
      dueHeading: `Fälligkeiten (Zahlungsweise: ${PAYMENT_SCHEDULE_LABELS[input.schedule]})`,
      settlement: null,
      due: dueTable(a.plan, config),
      paymentHeading: input.payment.kind === 'sepa' ? 'Zahlung durch SEPA-Lastschrift' : 'Zahlung',
      paymentText: pay.text,
      paymentRows: pay.rows,
      paymentAfter: pay.after,
      hints,
      legalBasis: config.legalBasis,
      rechtsbehelf,
      rechtsbehelfHint: hintIfOpen(a.plan),
      computed: a,
    };
  }

  const dereg = input.deregistration;
  if (!dereg) throw new HundesteuerBescheidError('Für den Schlussbescheid fehlen die Angaben zur Abmeldung.');
  const a = assessDeregistration({
    yearlyCents: yearly,
    liableFrom: input.liableFrom,
    liableUntil: dereg.liableUntil,
    issuedOn,
    paidCents: dereg.paidCents,
    schedule: input.schedule,
    deliveredInPerson: input.deliveredInPerson ?? false,
    config,
  });
  const noTax = dereg.liableUntil < input.liableFrom;
  const endRows: [string, string][] = [
    ['Abmeldung', endText(dereg.reason, dereg.endedOn)],
    ['Steuerpflicht bis', noTax ? 'keine (Haltung vor Beginn beendet)' : formatDate(lastDayOf(dereg.liableUntil))],
  ];
  const rows: BescheidTable['rows'] = a.years.map((y) => ({
    cells: [
      String(y.year),
      y.current ? `${formatMonthRange(y.current.fromMonth, y.current.toMonth)} (${monthsText(y.current.months)})` : 'keine Steuerpflicht',
      formatEuro(y.previousCents),
      formatEuro(y.currentCents),
    ],
  }));
  rows.push({ cells: ['Summe', '', formatEuro(a.previousCents), formatEuro(a.currentCents)], bold: true });
  const settlement: BescheidTable = {
    header: ['', 'Betrag'],
    rows: [
      { cells: ['Neu festgesetzte Steuer', formatEuro(a.currentCents)] },
      { cells: ['Bereits gezahlt', formatEuro(a.plan.paidCents)] },
      a.plan.refundCents > 0
        ? { cells: ['Erstattung an Sie', formatEuro(a.plan.refundCents)], bold: true }
        : { cells: ['Noch zu zahlen', formatEuro(a.plan.openCents)], bold: true },
    ],
    notes: [],
  };
  hints.push(
    dereg.tagReturned
      ? `Die Hundesteuermarke Nr. ${input.tagNumber} haben Sie zurückgegeben.`
      : `Bitte geben Sie die Hundesteuermarke Nr. ${input.tagNumber} zurück, sofern noch nicht geschehen.`,
  );
  hints.push('Halten Sie weitere Hunde, wird deren Steuer gesondert neu festgesetzt, wenn sich ihre Einstufung ändert.');
  const pay = paymentTexts(input, authority, a.plan, true);
  const untilText = noTax
    ? 'Da die Haltung vor Beginn der Steuerpflicht endete, ist keine Hundesteuer entstanden.'
    : `Die Steuerpflicht endet mit Ablauf des Monats ${formatMonth(dereg.liableUntil)}.`;
  return {
    title: BESCHEID_TITLE,
    subtitle: SUBTITLE_SCHLUSS,
    salutation: letterSalutation(input.recipient),
    intro:
      `aufgrund Ihrer Abmeldung vom ${reported} wird die Hundesteuer für den folgenden Hund nach der ${satzung} ` +
      `abschließend festgesetzt. ${untilText} Die bisherige Festsetzung wird entsprechend geändert.`,
    dogRows: [...dogRows, ...endRows],
    assessmentHeading: 'Festsetzung',
    assessment: { header: ['Jahr', 'Steuerpflicht', 'bisher', 'neu'], rows, notes: [] },
    assessmentNotes: [
      `Jahressteuer (${classification}): ${formatEuro(yearly)}. Die Steuerpflicht endet mit Ablauf des Kalendermonats, ` +
        'in dem die Hundehaltung endet; für jeden vollen Kalendermonat ist ein Zwölftel der Jahressteuer zu zahlen.',
    ],
    dueHeading: 'Abrechnung',
    settlement,
    due: a.plan.payments.length > 0 ? dueTable(a.plan, config) : null,
    paymentHeading: input.payment.kind === 'sepa' ? 'Zahlung durch SEPA-Lastschrift' : 'Zahlung',
    paymentText: pay.text,
    paymentRows: pay.rows,
    paymentAfter: pay.after,
    hints,
    legalBasis: config.legalBasis,
    rechtsbehelf,
    rechtsbehelfHint: hintIfOpen(a.plan),
    computed: a,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------------------

const G = FORM_B;
const BODY: TextStyle = { size: 10 };
const SMALL: TextStyle = { size: 8.5, color: MUTED_COLOR };
const HEADING: TextStyle = { font: 'Bold', size: 10.5 };
const TABLE_SIZE = 9.5;
const LABEL_WIDTH = 46;
const GAP = lineHeight(10);

function paragraph(doc: PDFKit.PDFDocument, flow: PageFlow, text: string, style: TextStyle = BODY, x = G.textLeft): void {
  const lines = wrapText(doc, text, G.textRight - x, style);
  const pitch = lineHeight(style.size);
  for (const l of lines) {
    flow.ensure(pitch);
    textAt(doc, l, x, flow.baseline(style.size), style);
    flow.y += pitch;
  }
}

function heading(doc: PDFKit.PDFDocument, flow: PageFlow, text: string, keepWith: number): void {
  flow.y += GAP * 0.8;
  // A heading never stands alone at the foot of a page.
  flow.ensure(lineHeight(HEADING.size) + 1.5 + keepWith);
  paragraph(doc, flow, text, HEADING);
  flow.y += 1.2;
}

/** Label / value rows (labels small and grey, values wrapped in their column). */
function rows(doc: PDFKit.PDFDocument, flow: PageFlow, items: [string, string][], boldLabels: ReadonlySet<string> = new Set()): void {
  const valueX = G.textLeft + LABEL_WIDTH;
  for (const [label, value] of items) {
    const style: TextStyle = { size: 10, font: boldLabels.has(label) ? 'Bold' : 'Regular' };
    const lines = wrapText(doc, value, G.textRight - valueX, style);
    flow.ensure(lines.length * lineHeight(10));
    textAt(doc, label, G.textLeft, flow.baseline(10), { size: 9, color: MUTED_COLOR });
    for (const l of lines) {
      textAt(doc, l, valueX, flow.baseline(10), style);
      flow.y += lineHeight(10);
    }
    flow.y += 0.6;
  }
}

/**
 * Label / value pairs in two columns (the first half of the list left, the rest right), each row as high as its
 * taller side: the dog's data take half the height of a list.
 */
function grid(doc: PDFKit.PDFDocument, flow: PageFlow, items: [string, string][]): void {
  const colWidth = (G.textRight - G.textLeft - 6) / 2;
  const labelWidth = 31.5;
  const valueWidth = colWidth - labelWidth;
  const lefts = [G.textLeft, G.textLeft + colWidth + 6];
  const half = Math.ceil(items.length / 2);
  const columns = [items.slice(0, half), items.slice(half)];
  const labelStyle: TextStyle = { size: 8.5, color: MUTED_COLOR };
  for (let i = 0; i < half; i++) {
    const cells = columns.map((c) => c[i]).map((pair) =>
      pair ? { label: wrapText(doc, pair[0], labelWidth - 1.5, labelStyle), value: wrapText(doc, pair[1], valueWidth, BODY) } : null,
    );
    const n = Math.max(...cells.map((c) => (c ? Math.max(c.label.length, c.value.length) : 1)));
    flow.ensure(n * lineHeight(10));
    const b = flow.baseline(10);
    cells.forEach((c, k) => {
      if (!c) return;
      c.label.forEach((l, j) => textAt(doc, l, lefts[k]!, b + j * lineHeight(10), labelStyle));
      c.value.forEach((l, j) => textAt(doc, l, lefts[k]! + labelWidth, b + j * lineHeight(10), BODY));
    });
    flow.y += n * lineHeight(10) + 0.6;
  }
}

function rule(doc: PDFKit.PDFDocument, y: number, width = 0.3, color = RULE_COLOR): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(mm(G.textLeft), mm(y)).lineTo(mm(G.textRight), mm(y)).stroke().restore();
}

interface TableGeometry {
  amountRights: number[];
  middleX: number;
  middleWidth: number;
  hasMiddle: boolean;
}

function tableGeometry(t: BescheidTable, firstWidth: number): TableGeometry {
  const hasMiddle = t.header.length >= 3;
  const amountCols = t.header.length - (hasMiddle ? 2 : 1);
  const amountWidth = 28;
  const amountRights = Array.from({ length: amountCols }, (_, i) => G.textRight - (amountCols - 1 - i) * amountWidth);
  const middleX = G.textLeft + firstWidth;
  return { amountRights, middleX, middleWidth: amountRights[0]! - amountWidth + 4 - middleX, hasMiddle };
}

function rowLines(doc: PDFKit.PDFDocument, r: BescheidTable['rows'][number], firstWidth: number, g: TableGeometry): { first: string[]; middle: string[] } {
  const style: TextStyle = { size: TABLE_SIZE, font: r.bold ? 'Bold' : 'Regular' };
  return {
    first: wrapText(doc, r.cells[0] ?? '', firstWidth - 3, style),
    middle: g.hasMiddle ? wrapText(doc, r.cells[1] ?? '', g.middleWidth, { size: TABLE_SIZE }) : [],
  };
}

/** Height of a table as `table` draws it (header, rows, notes). */
function tableHeight(doc: PDFKit.PDFDocument, t: BescheidTable, firstWidth: number): number {
  const g = tableGeometry(t, firstWidth);
  const pitch = lineHeight(TABLE_SIZE);
  let h = lineHeight(8.5) + 1;
  for (const r of t.rows) {
    const { first, middle } = rowLines(doc, r, firstWidth, g);
    h += Math.max(first.length, middle.length, 1) * pitch + 0.8;
  }
  for (const n of t.notes) h += 0.6 + wrapText(doc, n, G.textRight - G.textLeft, SMALL).length * lineHeight(SMALL.size);
  return h;
}

/** Height a table needs on the page where it starts: all of a short table, else the header and three rows. */
function tableStartHeight(doc: PDFKit.PDFDocument, t: BescheidTable, firstWidth: number): number {
  const g = tableGeometry(t, firstWidth);
  const headHeight = lineHeight(8.5) + 1;
  if (t.rows.length <= 5) return tableHeight(doc, t, firstWidth);
  return (
    headHeight +
    t.rows.slice(0, 3).reduce((h, r) => {
      const { first, middle } = rowLines(doc, r, firstWidth, g);
      return h + Math.max(first.length, middle.length, 1) * lineHeight(TABLE_SIZE) + 0.8;
    }, 0)
  );
}

/**
 * A table: the first column left, the last columns right-aligned amounts of 28 mm each, the middle column (if any)
 * between. Header small and grey with a rule below.
 */
function table(doc: PDFKit.PDFDocument, flow: PageFlow, t: BescheidTable, firstWidth: number): void {
  const g = tableGeometry(t, firstWidth);
  const { amountRights, middleX, hasMiddle } = g;
  const pitch = lineHeight(TABLE_SIZE);
  const head = (): void => {
    const b = flow.baseline(8.5);
    t.header.forEach((h, i) => {
      if (!h) return;
      if (i === 0) textAt(doc, h, G.textLeft, b, SMALL);
      else if (hasMiddle && i === 1) textAt(doc, h, middleX, b, SMALL);
      else textAt(doc, h, amountRights[i - (hasMiddle ? 2 : 1)]!, b, { ...SMALL, align: 'right' });
    });
    flow.y += lineHeight(8.5) + 0.4;
    rule(doc, flow.y - 0.6);
    flow.y += 0.6;
  };
  // Page breaks: at least three rows with the header, and the last two rows stay with the notes below them (a
  // "Summe" never stands alone on a page); the header is repeated on the new page.
  const laid = t.rows.map((r) => {
    const { first, middle } = rowLines(doc, r, firstWidth, g);
    return { r, first, middle, height: Math.max(first.length, middle.length, 1) * pitch + 0.8 };
  });
  const notesHeight = t.notes.reduce((h, n) => h + 0.6 + wrapText(doc, n, G.textRight - G.textLeft, SMALL).length * lineHeight(SMALL.size), 0);
  const tailFrom = Math.max(0, laid.length - 2);
  const tailHeight = laid.slice(tailFrom).reduce((h, x) => h + x.height, 0) + notesHeight;
  flow.ensure(tableStartHeight(doc, t, firstWidth));
  head();
  laid.forEach(({ r, first, middle, height }, index) => {
    const style: TextStyle = { size: TABLE_SIZE, font: r.bold ? 'Bold' : 'Regular' };
    const need = index === tailFrom ? tailHeight : height;
    if (flow.y + need > BODY_BOTTOM) {
      flow.ensure(BODY_BOTTOM); // more than a page: always starts a new one
      head();
    }
    const n = Math.max(first.length, middle.length, 1);
    const b = flow.baseline(TABLE_SIZE);
    first.forEach((l, i) => textAt(doc, l, G.textLeft, b + i * pitch, style));
    middle.forEach((l, i) => textAt(doc, l, middleX, b + i * pitch, { ...style, font: 'Regular' }));
    r.cells.slice(hasMiddle ? 2 : 1).forEach((a, i) => {
      if (a) textAt(doc, a, amountRights[i]!, b, { ...style, align: 'right' });
    });
    flow.y += n * pitch + 0.8;
  });
  for (const note of t.notes) {
    flow.y += 0.6;
    paragraph(doc, flow, note, SMALL);
  }
}

function newDocument(ctx: DocumentContext, input: HundesteuerBescheidInput): PDFKit.PDFDocument {
  const schluss = input.kind === 'schluss';
  return createPdf({
    resourcesDir: ctx.resourcesDir,
    title: `${schluss ? 'Hundesteuer-Schlussbescheid' : 'Hundesteuerbescheid'} ${input.number}${input.preview ? ' (Vorschau)' : ''}`,
    author: ctx.letterhead.authority,
    subject: `${BESCHEID_TITLE} (${schluss ? SUBTITLE_SCHLUSS : SUBTITLE_FESTSETZUNG}), Aktenzeichen ${input.caseReference}`,
    keywords: `Hundesteuer, ${input.number}, ${input.caseReference}, Hundesteuermarke ${input.tagNumber}`,
    creationDate: input.issuedAt,
  });
}

export interface HundesteuerBescheidLayout {
  address: PostalAddress;
  pages: number;
}

/**
 * Renders the Bescheid. Throws HundesteuerBescheidError (German message) for inconsistent input, AddressFormatError
 * for an address that does not fit the window.
 */
export async function renderHundesteuerBescheid(input: HundesteuerBescheidInput, ctx: DocumentContext): Promise<Buffer> {
  return (await renderHundesteuerBescheidWithLayout(input, ctx)).pdf;
}

export async function renderHundesteuerBescheidWithLayout(
  input: HundesteuerBescheidInput,
  ctx: DocumentContext,
): Promise<{ pdf: Buffer; layout: HundesteuerBescheidLayout }> {
  const parsed = hundesteuerConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    throw new HundesteuerBescheidError(`Die Hundesteuer-Einstellungen sind unvollständig: ${parsed.error.issues[0]!.message}`);
  }
  if (input.kind === 'schluss' && !input.deregistration) {
    throw new HundesteuerBescheidError('Für den Schlussbescheid fehlen die Angaben zur Abmeldung.');
  }
  const lh = { ...ctx.letterhead, department: clean(input.config.department) || ctx.letterhead.department };
  const texts = hundesteuerBescheidTexts(input, lh.authority);
  const doc = newDocument(ctx, input);
  const date = berlinIsoDay(input.issuedAt);

  // --- First page: letterhead, address field, information block, marks.
  const references: [string, string][] = [
    ['Aktenzeichen', input.caseReference],
    ['Bescheid-Nr.', input.number],
  ];
  if (clean(input.kassenzeichen)) references.push(['Kassenzeichen', clean(input.kassenzeichen)]);
  references.push(['Hundesteuermarke', `Nr. ${input.tagNumber}`]);
  const { flow, address } = startLetter(
    doc,
    {
      letterhead: lh,
      recipient: input.recipient,
      vermerke: input.vermerke,
      references,
      clerk: { name: input.clerkName, phone: input.clerkPhone, email: input.clerkEmail },
      date: formatDate(date),
      continuation: `${lh.authority} · Hundesteuerbescheid Nr. ${input.number} vom ${formatDate(date)} (Fortsetzung)`,
    },
    G,
  );

  // --- Title, salutation, intro.
  paragraph(doc, flow, texts.title, { font: 'Bold', size: 13 });
  flow.y += 0.4;
  paragraph(doc, flow, texts.subtitle, { size: 10, color: MUTED_COLOR });
  flow.y += GAP * 1.2;
  paragraph(doc, flow, texts.salutation);
  flow.y += GAP * 0.6;
  paragraph(doc, flow, texts.intro);

  // --- The dog.
  heading(doc, flow, 'Hund', lineHeight(10) * 2);
  grid(doc, flow, texts.dogRows);

  // --- Festsetzung.
  const assessmentFirst = input.kind === 'schluss' ? 18 : 58;
  heading(doc, flow, texts.assessmentHeading, tableStartHeight(doc, texts.assessment, assessmentFirst));
  table(doc, flow, texts.assessment, assessmentFirst);
  flow.y += 1;
  for (const n of texts.assessmentNotes) {
    paragraph(doc, flow, n, SMALL);
    flow.y += 0.6;
  }

  // --- Due dates (Festsetzung) or settlement (Schlussbescheid).
  heading(
    doc,
    flow,
    texts.dueHeading,
    texts.settlement ? tableStartHeight(doc, texts.settlement, 120) : texts.due ? tableStartHeight(doc, texts.due, 30) : 0,
  );
  if (texts.settlement) {
    table(doc, flow, texts.settlement, 120);
    if (texts.due) flow.y += GAP * 0.8;
  }
  if (texts.due) table(doc, flow, texts.due, 30);

  // --- Payment: the sentence and the account it names stay together.
  const paymentBlock =
    wrapText(doc, texts.paymentText, G.textRight - G.textLeft, BODY).length * lineHeight(10) +
    (texts.paymentRows.length ? 1.5 + texts.paymentRows.length * (lineHeight(10) + 0.6) : 0);
  heading(doc, flow, texts.paymentHeading, paymentBlock);
  paragraph(doc, flow, texts.paymentText);
  if (texts.paymentRows.length) {
    flow.y += 1.5;
    rows(doc, flow, texts.paymentRows, new Set(['Mandatsreferenz', 'IBAN', 'Verwendungszweck']));
  }
  for (const t of texts.paymentAfter) {
    flow.y += 1;
    paragraph(doc, flow, t);
  }

  // --- Hints, legal basis.
  heading(doc, flow, 'Hinweise', lineHeight(10) * 2);
  for (const h of texts.hints) {
    paragraph(doc, flow, h);
    flow.y += 1;
  }
  heading(doc, flow, 'Rechtsgrundlage', lineHeight(10) * 2);
  paragraph(doc, flow, texts.legalBasis);

  // --- Rechtsbehelfsbelehrung, kept together.
  const rbLines =
    texts.rechtsbehelf.reduce((n, p) => n + wrapText(doc, p, G.textRight - G.textLeft, BODY).length, 0) * lineHeight(10) +
    (texts.rechtsbehelfHint ? wrapText(doc, texts.rechtsbehelfHint, G.textRight - G.textLeft, SMALL).length * lineHeight(8.5) : 0) +
    8;
  heading(doc, flow, 'Rechtsbehelfsbelehrung', rbLines);
  for (const p of texts.rechtsbehelf) {
    paragraph(doc, flow, p);
    flow.y += 1;
  }
  if (texts.rechtsbehelfHint) {
    flow.y += 0.5;
    paragraph(doc, flow, texts.rechtsbehelfHint, SMALL);
  }

  // --- Closing block, kept together.
  flow.y += GAP;
  flow.ensure(lineHeight(10) * 3 + 10 + lineHeight(8) * 2);
  paragraph(doc, flow, CLOSING);
  flow.y += GAP * 0.5;
  paragraph(doc, flow, ON_BEHALF);
  flow.y += 6;
  paragraph(doc, flow, input.clerkName);
  flow.y += GAP * 0.8;
  paragraph(doc, flow, MACHINE_NOTE_BESCHEID, { size: 8, color: MUTED_COLOR });

  drawFooters(doc, `${lh.authority} · ${lh.department} · Hundesteuerbescheid Nr. ${input.number}`, G);
  if (input.preview) drawPreviewWatermark(doc);
  const pages = doc.bufferedPageRange().count;
  return { pdf: await pdfToBuffer(doc), layout: { address, pages } };
}

