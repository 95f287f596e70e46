/**
 * Hundesteuer: the rates and rules of the town's Satzung as configuration, and the computations of a Bescheid.
 * Pure TypeScript (shared/): the counter form previews the same figures the core prints.
 *
 * Rules applied (each a common clause of Hundesteuersatzungen in Niedersachsen; the figures are configuration, with
 * the defaults of ../shared/DOMAIN.md — Samtgemeinde Dörpen 2019):
 *
 * 1. Rates per year (integer cents): first dog 36 €, second 60 €, each further 108 €, dangerous dog 600 €.
 *    A dangerous dog pays the dangerous rate whatever its position.
 * 2. Position of a dog (first / second / further) among the dogs the household holds in the month its tax begins:
 *    by the start of their tax liability, earlier first; ties keep the order given (registration order). Dogs
 *    exempt from the tax do not count ("steuerfrei gehaltene Hunde werden bei der Anzahl nicht berücksichtigt").
 *    Dangerous dogs count, and by the usual clause "Werden neben gefährlichen Hunden andere Hunde gehalten, so
 *    gelten diese als zweite oder weitere Hunde" they count FIRST (`dangerousDogsCount: 'first'`; alternatives
 *    'in_order' and 'not_counted' for other Satzungen).
 * 3. Beginning: "Die Steuerpflicht beginnt mit dem Ersten des auf die Aufnahme des Hundes folgenden
 *    Kalendermonats" — likewise after a Zuzug. A dog born in the household is taxed at the earliest from the first
 *    of the month after the month in which it has become three months old (`minimumAgeMonths`, 0 switches this off).
 * 4. End: "Die Steuerpflicht endet mit Ablauf des Kalendermonats, in dem die Hundehaltung beendet wird" — the dog
 *    died, was sold or given away, got lost, or the owner moved away. Optionally (`lateDeregistrationEndsOnReceipt`,
 *    off by default) a deregistration reported after the deadline ends the tax only with the month of its receipt.
 * 5. Amount of a part year: one twelfth of the yearly tax per full calendar month of liability, rounded to whole
 *    cents (half up). The instalments of a year are cut so that they add up exactly to the year's amount
 *    (cumulative rounding), whatever the rate.
 * 6. Due dates: quarterly on 15.02., 15.05., 15.08. and 15.11., each for its quarter (default), or once a year on
 *    01.07. (on request, or as the Satzung's rule). Instalments whose due date is already past when the Bescheid is
 *    made known are due one month after its Bekanntgabe ("Für zurückliegende Fälligkeitstermine ist die Steuer
 *    innerhalb eines Monats nach Bekanntgabe des Bescheides zu entrichten").
 *    - Bekanntgabe of a posted Bescheid: on the fourth day after posting (§ 122 Abs. 2 Nr. 1 AO as in force since
 *      1.1.2025, applied to municipal taxes through § 11 NKAG); a Saturday, Sunday or public holiday moves it to the
 *      next working day (BFH, 14.10.2003, IX R 68/98). Handed over at the counter: that day.
 *    - The month after Bekanntgabe ends on the same day of the next month (§ 108 AO with §§ 187, 188 BGB), moved
 *      to the next working day in Niedersachsen (§ 108 Abs. 3 AO).
 *    - A regular due date that lies less than `preNotificationDays` (14) after the Bescheid is treated like a past
 *      one: a SEPA direct debit must be announced at least 14 days ahead unless the mandate agrees a shorter notice,
 *      and a later due date only favours the taxpayer.
 * 7. The Bescheid is a Dauerbescheid: it fixes the tax for the following years too, at the yearly rate and the
 *    regular due dates, until a new Bescheid is issued.
 * 8. Replacement tag (Ersatzmarke): 2,50 € (a fee, configured with the other fees under REPLACEMENT_TAG_FEE_KEY).
 */
import { z } from 'zod';
import {
  addDays,
  addMonths,
  isIsoDate,
  maxOf,
  minOf,
  monthOf,
  monthsBetweenInclusive,
  nextMonth,
  nextWorkingDayNiedersachsen,
  parseIsoDate,
  parseYearMonth,
  yearMonth,
  type IsoDate,
  type YearMonth,
} from './dates';
import { isValidCreditorId } from './sepa';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

export type DogPosition = 'first' | 'second' | 'further';

export const DOG_POSITION_LABELS: Record<DogPosition, string> = {
  first: 'erster Hund',
  second: 'zweiter Hund',
  further: 'weiterer Hund',
};
export const DANGEROUS_DOG_LABEL = 'gefährlicher Hund';

export interface HundesteuerRates {
  firstCents: number;
  secondCents: number;
  furtherCents: number;
  dangerousCents: number;
}

/** Defaults of DOMAIN.md (Samtgemeinde Dörpen, 2019), in cents per year. */
export const DEFAULT_HUNDESTEUER_RATES: HundesteuerRates = {
  firstCents: 3600,
  secondCents: 6000,
  furtherCents: 10800,
  dangerousCents: 60000,
};

/** Fee key of the replacement tag (settings.fees); the amount is a fee, not a tax. */
export const REPLACEMENT_TAG_FEE_KEY = 'hundesteuer.ersatzmarke';
export const DEFAULT_REPLACEMENT_TAG_FEE_CENTS = 250;

export type PaymentSchedule = 'quarterly' | 'annual';
export const PAYMENT_SCHEDULE_LABELS: Record<PaymentSchedule, string> = {
  quarterly: 'vierteljährlich',
  annual: 'jährlich',
};

export type DangerousDogsCount = 'first' | 'in_order' | 'not_counted';

export interface HundesteuerConfig {
  /** Full name of the Satzung as printed on the Bescheid. */
  satzungName: string;
  /** The "Rechtsgrundlage" sentence of the Bescheid. */
  legalBasis: string;
  /** Department named in the Bescheid's letterhead (the letterhead's own department when empty). */
  department: string;
  rates: HundesteuerRates;
  schedule: PaymentSchedule;
  /** "MM-DD" of the four quarters' due dates (quarter 1 … 4). */
  quarterlyDueDates: [string, string, string, string];
  /** "MM-DD" of the yearly due date. */
  annualDueDate: string;
  /** The tax begins at the earliest after the month in which the dog has become this many months old (0: off). */
  minimumAgeMonths: number;
  /** Days within which a dog must be registered or deregistered. */
  registrationDeadlineDays: number;
  /** A late deregistration ends the tax only with the month in which it was received. */
  lateDeregistrationEndsOnReceipt: boolean;
  dangerousDogsCount: DangerousDogsCount;
  /** Days after posting on which a Bescheid counts as made known (§ 122 Abs. 2 Nr. 1 AO: 4 since 2025). */
  noticeDays: number;
  /** Months after Bekanntgabe in which past instalments are due. */
  catchUpMonths: number;
  /** Minimum days between the Bescheid (the SEPA pre-notification) and a direct debit. */
  preNotificationDays: number;
  /** The town's Gläubiger-Identifikationsnummer. */
  creditorId: string;
  /** First part of the mandate references the town assigns. */
  mandateReferencePrefix: string;
  /** Court for the Rechtsbehelfsbelehrung. */
  court: { name: string; address: string };
}

export const DEFAULT_HUNDESTEUER_CONFIG: HundesteuerConfig = {
  satzungName: 'Satzung über die Erhebung der Hundesteuer in der Stadt Lingen (Ems) (Hundesteuersatzung)',
  legalBasis:
    'Niedersächsisches Kommunalabgabengesetz (NKAG) in Verbindung mit der Satzung über die Erhebung der Hundesteuer ' +
    'in der Stadt Lingen (Ems) (Hundesteuersatzung), jeweils in der geltenden Fassung',
  department: 'Bürgerbüro – Hundesteuer',
  rates: DEFAULT_HUNDESTEUER_RATES,
  schedule: 'quarterly',
  quarterlyDueDates: ['02-15', '05-15', '08-15', '11-15'],
  annualDueDate: '07-01',
  minimumAgeMonths: 3,
  registrationDeadlineDays: 14,
  lateDeregistrationEndsOnReceipt: false,
  dangerousDogsCount: 'first',
  noticeDays: 4,
  catchUpMonths: 1,
  preNotificationDays: 14,
  // The Bundesbank's test identifier: the office must enter its own before the first direct debit.
  creditorId: 'DE98ZZZ09999999999',
  mandateReferencePrefix: 'HST',
  court: { name: 'Verwaltungsgericht Osnabrück', address: 'Hakenstraße 15, 49074 Osnabrück' },
};

const centsPerYear = (label: string) =>
  z
    .number({ error: `${label}: Betrag in Cent angeben.` })
    .int(`${label}: ganze Cent angeben.`)
    .min(0, `${label}: der Betrag darf nicht negativ sein.`)
    .max(10_000_00, `${label}: höchstens 10.000,00 € im Jahr.`);

export const hundesteuerRatesSchema = z.object({
  firstCents: centsPerYear('Steuersatz für den ersten Hund'),
  secondCents: centsPerYear('Steuersatz für den zweiten Hund'),
  furtherCents: centsPerYear('Steuersatz für jeden weiteren Hund'),
  dangerousCents: centsPerYear('Steuersatz für einen gefährlichen Hund'),
});

const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'Fälligkeitstag im Format MM-TT angeben, z. B. 02-15.')
  .refine((s) => s !== '02-29' && isIsoDate(`2025-${s}`), 'Diesen Tag gibt es nicht in jedem Jahr.');

export const hundesteuerConfigSchema = z.object({
  satzungName: z.string().trim().min(1, 'Bitte den Namen der Satzung angeben.'),
  legalBasis: z.string().trim().min(1, 'Bitte die Rechtsgrundlage angeben.'),
  department: z.string().trim(),
  rates: hundesteuerRatesSchema,
  schedule: z.enum(['quarterly', 'annual']),
  quarterlyDueDates: z
    .tuple([monthDay, monthDay, monthDay, monthDay])
    .refine(
      (d) => d.every((s, i) => Math.ceil(Number(s.slice(0, 2)) / 3) === i + 1),
      'Jeder vierteljährliche Fälligkeitstag muss in seinem Quartal liegen.',
    ),
  annualDueDate: monthDay,
  minimumAgeMonths: z.number().int().min(0).max(12),
  registrationDeadlineDays: z.number().int().min(1).max(90),
  lateDeregistrationEndsOnReceipt: z.boolean(),
  dangerousDogsCount: z.enum(['first', 'in_order', 'not_counted']),
  noticeDays: z.number().int().min(0).max(10),
  catchUpMonths: z.number().int().min(0).max(3),
  preNotificationDays: z.number().int().min(0).max(30),
  creditorId: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .refine(isValidCreditorId, 'Die Gläubiger-Identifikationsnummer ist ungültig (Aufbau oder Prüfziffer).'),
  mandateReferencePrefix: z.string().regex(/^[A-Z0-9]{1,10}$/, 'Präfix der Mandatsreferenz: 1–10 Großbuchstaben oder Ziffern.'),
  court: z.object({
    name: z.string().trim().min(1, 'Bitte das Verwaltungsgericht angeben.'),
    address: z.string().trim().min(1, 'Bitte die Anschrift des Verwaltungsgerichts angeben.'),
  }),
}) satisfies z.ZodType<HundesteuerConfig, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Rates and positions
// ---------------------------------------------------------------------------------------------------------------

/** The yearly tax in cents for a dog in the given position. */
export function yearlyTax(position: DogPosition, dangerous: boolean, rates: HundesteuerRates = DEFAULT_HUNDESTEUER_RATES): number {
  if (dangerous) return rates.dangerousCents;
  return position === 'first' ? rates.firstCents : position === 'second' ? rates.secondCents : rates.furtherCents;
}

/** A dog of the household, for working out positions. */
export interface HeldDog {
  id: string | number;
  /** First month of tax liability. */
  liableFrom: YearMonth;
  /** Last month of tax liability; null while the dog is held. */
  liableUntil: YearMonth | null;
  dangerous: boolean;
  /** Exempt from the tax (e.g. a guide dog): does not count. Reduced-rate dogs count normally. */
  exempt?: boolean;
}

const POSITIONS: DogPosition[] = ['first', 'second', 'further'];

/**
 * Positions of all dogs held in `month` (rule 2 of the module comment). Dogs not held in that month, and exempt
 * dogs, get no entry. A dangerous dog gets a position too (it may matter for the others), but pays its own rate.
 */
export function dogPositions(
  dogs: readonly HeldDog[],
  month: YearMonth,
  count: DangerousDogsCount = DEFAULT_HUNDESTEUER_CONFIG.dangerousDogsCount,
): Map<HeldDog['id'], DogPosition> {
  const held = dogs
    .map((d, index) => ({ d, index }))
    .filter(({ d }) => d.liableFrom <= month && (d.liableUntil === null || d.liableUntil >= month) && !d.exempt);
  const counted = held.filter(({ d }) => !(count === 'not_counted' && d.dangerous));
  counted.sort(
    (p, q) =>
      (count === 'first' ? Number(q.d.dangerous) - Number(p.d.dangerous) : 0) ||
      (p.d.liableFrom < q.d.liableFrom ? -1 : p.d.liableFrom > q.d.liableFrom ? 1 : 0) ||
      p.index - q.index,
  );
  const out = new Map<HeldDog['id'], DogPosition>();
  counted.forEach(({ d }, i) => out.set(d.id, POSITIONS[Math.min(i, 2)]!));
  // Uncounted dangerous dogs: their position is irrelevant to their rate; report "first" for completeness.
  for (const { d } of held) if (!out.has(d.id)) out.set(d.id, 'first');
  return out;
}

/**
 * The position of a newly registered dog, given the household's other dogs (a pure function of the list): it is
 * placed after every dog already held whose liability starts in the same month or earlier.
 */
export function positionOfNewDog(
  dog: Omit<HeldDog, 'id'>,
  others: readonly HeldDog[],
  count: DangerousDogsCount = DEFAULT_HUNDESTEUER_CONFIG.dangerousDogsCount,
): DogPosition {
  const id = '\u0000new';
  const all = [...others, { ...dog, id }];
  return dogPositions(all, dog.liableFrom, count).get(id) ?? 'first';
}

// ---------------------------------------------------------------------------------------------------------------
// Liability period
// ---------------------------------------------------------------------------------------------------------------

/**
 * First month of tax liability: the month after the dog was taken in (or the owner moved in with it), at the
 * earliest the month after the one in which the dog has become `minimumAgeMonths` months old.
 */
export function liabilityStart(acquiredOn: IsoDate, birthDate: IsoDate | null, config: Pick<HundesteuerConfig, 'minimumAgeMonths'> = DEFAULT_HUNDESTEUER_CONFIG): YearMonth {
  const afterAcquisition = nextMonth(monthOf(acquiredOn));
  if (!birthDate || config.minimumAgeMonths <= 0) return afterAcquisition;
  const afterAge = nextMonth(monthOf(addMonths(birthDate, config.minimumAgeMonths)));
  return maxOf(afterAcquisition, afterAge);
}

/**
 * Last month of tax liability: the month in which the holding ended; with `lateDeregistrationEndsOnReceipt`, the
 * month of receipt when the deregistration came after the deadline.
 */
export function liabilityEnd(
  endedOn: IsoDate,
  reportedOn: IsoDate,
  config: Pick<HundesteuerConfig, 'lateDeregistrationEndsOnReceipt' | 'registrationDeadlineDays'> = DEFAULT_HUNDESTEUER_CONFIG,
): YearMonth {
  if (config.lateDeregistrationEndsOnReceipt && reportedOn > addDays(endedOn, config.registrationDeadlineDays)) {
    return monthOf(reportedOn);
  }
  return monthOf(endedOn);
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts and instalments
// ---------------------------------------------------------------------------------------------------------------

/** Twelfths of the yearly tax for whole months, rounded to cents (half up). */
export function proRataCents(yearlyCents: number, months: number): number {
  if (!Number.isInteger(yearlyCents) || yearlyCents < 0) throw new Error(`Ungültiger Jahresbetrag: ${yearlyCents}`);
  if (!Number.isInteger(months) || months < 0 || months > 12) throw new Error(`Ungültige Monatszahl: ${months}`);
  return Math.round((yearlyCents * months) / 12);
}

export interface Instalment {
  year: number;
  /** "1. Quartal 2026" or "Jahresbetrag 2026". */
  label: string;
  /** Due date under the Satzung. */
  dueDate: IsoDate;
  /** The liable months this instalment pays for. */
  fromMonth: YearMonth;
  toMonth: YearMonth;
  cents: number;
}

export interface TaxYear {
  year: number;
  fromMonth: YearMonth;
  toMonth: YearMonth;
  months: number;
  cents: number;
  instalments: Instalment[];
}

type ScheduleConfig = Pick<HundesteuerConfig, 'quarterlyDueDates' | 'annualDueDate'>;

function periods(year: number, schedule: PaymentSchedule, config: ScheduleConfig): { label: string; from: YearMonth; to: YearMonth; due: IsoDate }[] {
  if (schedule === 'annual') {
    return [{ label: `Jahresbetrag ${year}`, from: yearMonth(year, 1), to: yearMonth(year, 12), due: `${year}-${config.annualDueDate}` }];
  }
  return [0, 1, 2, 3].map((q) => ({
    label: `${q + 1}. Quartal ${year}`,
    from: yearMonth(year, q * 3 + 1),
    to: yearMonth(year, q * 3 + 3),
    due: `${year}-${config.quarterlyDueDates[q]}`,
  }));
}

/**
 * The instalments of one year for liability from `from` to `to` (both within `year`): one per period that
 * contains liable months, cut by cumulative rounding so that they add up to proRataCents(yearly, months).
 */
export function instalmentsForYear(
  yearlyCents: number,
  from: YearMonth,
  to: YearMonth,
  schedule: PaymentSchedule,
  config: ScheduleConfig = DEFAULT_HUNDESTEUER_CONFIG,
): Instalment[] {
  const year = parseYearMonth(from).year;
  if (parseYearMonth(to).year !== year) throw new Error('instalmentsForYear: from and to must lie in one year');
  const out: Instalment[] = [];
  let before = 0;
  for (const p of periods(year, schedule, config)) {
    const a = maxOf(p.from, from);
    const b = minOf(p.to, to);
    const n = a <= b ? monthsBetweenInclusive(a, b) : 0;
    if (n === 0) continue;
    const cents = proRataCents(yearlyCents, before + n) - proRataCents(yearlyCents, before);
    before += n;
    out.push({ year, label: p.label, dueDate: p.due, fromMonth: a, toMonth: b, cents });
  }
  return out;
}

/**
 * The tax per calendar year for liability from `from` to `to` (null: still held), for every year from the first
 * through `to`'s year — or through `untilYear` while the dog is still held. Empty when `to` is before `from`
 * (the holding ended before any tax arose).
 */
export function taxForPeriod(params: {
  yearlyCents: number;
  from: YearMonth;
  to: YearMonth | null;
  untilYear: number;
  schedule: PaymentSchedule;
  config?: ScheduleConfig;
}): TaxYear[] {
  const { yearlyCents, from, to, schedule } = params;
  const config = params.config ?? DEFAULT_HUNDESTEUER_CONFIG;
  if (to !== null && to < from) return [];
  const first = parseYearMonth(from).year;
  const last = to !== null ? parseYearMonth(to).year : Math.max(first, params.untilYear);
  const out: TaxYear[] = [];
  for (let year = first; year <= last; year++) {
    const a = maxOf(from, yearMonth(year, 1));
    const b = to !== null ? minOf(to, yearMonth(year, 12)) : yearMonth(year, 12);
    const months = monthsBetweenInclusive(a, b);
    out.push({
      year,
      fromMonth: a,
      toMonth: b,
      months,
      cents: proRataCents(yearlyCents, months),
      instalments: instalmentsForYear(yearlyCents, a, b, schedule, config),
    });
  }
  return out;
}

/** The regular instalments of a full year (what the Dauerbescheid sets for the following years). */
export function regularInstalments(
  yearlyCents: number,
  schedule: PaymentSchedule,
  config: ScheduleConfig = DEFAULT_HUNDESTEUER_CONFIG,
): { label: string; monthDay: string; cents: number }[] {
  return instalmentsForYear(yearlyCents, '2001-01', '2001-12', schedule, config).map((i) => ({
    label: i.label.replace(/ 2001$/, ''),
    monthDay: i.dueDate.slice(5),
    cents: i.cents,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Due dates and payment plan
// ---------------------------------------------------------------------------------------------------------------

type PlanConfig = Pick<HundesteuerConfig, 'noticeDays' | 'catchUpMonths' | 'preNotificationDays'>;

/** The day a Bescheid dated `issuedOn` counts as made known (rule 6). */
export function noticeDate(issuedOn: IsoDate, deliveredInPerson: boolean, config: PlanConfig = DEFAULT_HUNDESTEUER_CONFIG): IsoDate {
  if (deliveredInPerson) return issuedOn;
  return nextWorkingDayNiedersachsen(addDays(issuedOn, config.noticeDays));
}

/** The due date of instalments already past at Bekanntgabe: one month after it, on a working day. */
export function catchUpDueDate(issuedOn: IsoDate, deliveredInPerson: boolean, config: PlanConfig = DEFAULT_HUNDESTEUER_CONFIG): IsoDate {
  return nextWorkingDayNiedersachsen(addMonths(noticeDate(issuedOn, deliveredInPerson, config), config.catchUpMonths));
}

export interface PlannedPayment {
  instalment: Instalment;
  /** The day the amount is due and collected. */
  dueDate: IsoDate;
  /** True when the Satzung's date was past (or too close for the SEPA pre-notification): due one month after Bekanntgabe. */
  deferred: boolean;
  /** Amount still to pay (the instalment less what was paid on it). */
  cents: number;
}

export interface PaymentPlan {
  issuedOn: IsoDate;
  noticeDate: IsoDate;
  catchUpDate: IsoDate;
  /** Open amounts, by due date (instalments already paid in full are left out). */
  payments: PlannedPayment[];
  totalCents: number;
  paidCents: number;
  openCents: number;
  /** Paid beyond the tax now set; refunded to the account of the mandate. */
  refundCents: number;
}

/**
 * Due dates for the instalments, after crediting what was already paid (oldest instalment first). See rule 6.
 */
export function paymentPlan(
  instalments: readonly Instalment[],
  opts: { issuedOn: IsoDate; paidCents?: number; deliveredInPerson?: boolean; config?: PlanConfig },
): PaymentPlan {
  const config = opts.config ?? DEFAULT_HUNDESTEUER_CONFIG;
  const inPerson = opts.deliveredInPerson ?? false;
  const paid = opts.paidCents ?? 0;
  if (!Number.isInteger(paid) || paid < 0) throw new Error(`Ungültiger gezahlter Betrag: ${paid}`);
  const notice = noticeDate(opts.issuedOn, inPerson, config);
  const catchUp = catchUpDueDate(opts.issuedOn, inPerson, config);
  const earliestRegular = addDays(opts.issuedOn, config.preNotificationDays);
  const sorted = [...instalments].sort((p, q) => (p.dueDate < q.dueDate ? -1 : p.dueDate > q.dueDate ? 1 : 0));
  let credit = paid;
  const payments: PlannedPayment[] = [];
  for (const i of sorted) {
    const used = Math.min(credit, i.cents);
    credit -= used;
    const open = i.cents - used;
    if (open === 0) continue;
    const deferred = i.dueDate <= notice || i.dueDate < earliestRegular;
    payments.push({ instalment: i, dueDate: deferred ? catchUp : i.dueDate, deferred, cents: open });
  }
  payments.sort((p, q) => (p.dueDate < q.dueDate ? -1 : p.dueDate > q.dueDate ? 1 : 0));
  const total = sorted.reduce((s, i) => s + i.cents, 0);
  const open = payments.reduce((s, p) => s + p.cents, 0);
  return { issuedOn: opts.issuedOn, noticeDate: notice, catchUpDate: catchUp, payments, totalCents: total, paidCents: paid, openCents: open, refundCents: credit };
}

// ---------------------------------------------------------------------------------------------------------------
// Assessments (what a Bescheid sets)
// ---------------------------------------------------------------------------------------------------------------

export interface RegistrationAssessment {
  kind: 'festsetzung';
  yearlyCents: number;
  liableFrom: YearMonth;
  schedule: PaymentSchedule;
  /** Each year from the first liable one through the year of the Bescheid (at least the first year). */
  years: TaxYear[];
  /** Dauerbescheid: from this year on, the yearly tax at the regular due dates. */
  followingYears: { fromYear: number; yearlyCents: number; instalments: { label: string; monthDay: string; cents: number }[] };
  plan: PaymentPlan;
}

/** The Festsetzung of a newly registered dog (rules 3, 5–7). */
export function assessRegistration(params: {
  yearlyCents: number;
  liableFrom: YearMonth;
  issuedOn: IsoDate;
  schedule: PaymentSchedule;
  deliveredInPerson?: boolean;
  config?: HundesteuerConfig;
}): RegistrationAssessment {
  const config = params.config ?? DEFAULT_HUNDESTEUER_CONFIG;
  const issueYear = parseIsoDate(params.issuedOn).year;
  const years = taxForPeriod({
    yearlyCents: params.yearlyCents,
    from: params.liableFrom,
    to: null,
    untilYear: issueYear,
    schedule: params.schedule,
    config,
  });
  const lastYear = years[years.length - 1]!.year;
  return {
    kind: 'festsetzung',
    yearlyCents: params.yearlyCents,
    liableFrom: params.liableFrom,
    schedule: params.schedule,
    years,
    followingYears: {
      fromYear: lastYear + 1,
      yearlyCents: params.yearlyCents,
      instalments: regularInstalments(params.yearlyCents, params.schedule, config),
    },
    plan: paymentPlan(
      years.flatMap((y) => y.instalments),
      { issuedOn: params.issuedOn, deliveredInPerson: params.deliveredInPerson ?? false, config },
    ),
  };
}

export interface DeregistrationYear {
  year: number;
  /** As set so far (the Dauerbescheid: liability from liableFrom, open-ended). */
  previous: TaxYear | null;
  /** As set now (liability ends with liableUntil); null when no tax arises in that year. */
  current: TaxYear | null;
  previousCents: number;
  currentCents: number;
}

export interface DeregistrationAssessment {
  kind: 'schluss';
  yearlyCents: number;
  liableFrom: YearMonth;
  /** Last month of liability (may lie before liableFrom: then no tax arose). */
  liableUntil: YearMonth;
  schedule: PaymentSchedule;
  /** From the year the liability ended through the year of the Bescheid. */
  years: DeregistrationYear[];
  previousCents: number;
  currentCents: number;
  plan: PaymentPlan;
}

/**
 * The Schlussbescheid after a deregistration: the tax of the year in which the holding ended is set anew for the
 * months up to liableUntil; later years (a deregistration across the turn of the year) are set to 0. `paidCents`
 * is what was collected for those years; the plan shows what is still due and the refund (rules 4–6).
 */
export function assessDeregistration(params: {
  yearlyCents: number;
  liableFrom: YearMonth;
  liableUntil: YearMonth;
  issuedOn: IsoDate;
  paidCents: number;
  schedule: PaymentSchedule;
  deliveredInPerson?: boolean;
  config?: HundesteuerConfig;
}): DeregistrationAssessment {
  const config = params.config ?? DEFAULT_HUNDESTEUER_CONFIG;
  const issueYear = parseIsoDate(params.issuedOn).year;
  const startYear = Math.max(parseYearMonth(params.liableFrom).year, parseYearMonth(params.liableUntil).year);
  const endYear = Math.max(startYear, issueYear);
  const base = { yearlyCents: params.yearlyCents, from: params.liableFrom, schedule: params.schedule, config };
  const previous = taxForPeriod({ ...base, to: null, untilYear: endYear });
  const current = taxForPeriod({ ...base, to: params.liableUntil, untilYear: endYear });
  const years: DeregistrationYear[] = [];
  for (let y = startYear; y <= endYear; y++) {
    const p = previous.find((t) => t.year === y) ?? null;
    const c = current.find((t) => t.year === y) ?? null;
    years.push({ year: y, previous: p, current: c, previousCents: p?.cents ?? 0, currentCents: c?.cents ?? 0 });
  }
  return {
    kind: 'schluss',
    yearlyCents: params.yearlyCents,
    liableFrom: params.liableFrom,
    liableUntil: params.liableUntil,
    schedule: params.schedule,
    years,
    previousCents: years.reduce((s, y) => s + y.previousCents, 0),
    currentCents: years.reduce((s, y) => s + y.currentCents, 0),
    plan: paymentPlan(
      years.flatMap((y) => y.current?.instalments ?? []),
      { issuedOn: params.issuedOn, paidCents: params.paidCents, deliveredInPerson: params.deliveredInPerson ?? false, config },
    ),
  };
}

/** Month after which a dog registered now would be late (for the clerk's hint). */
export function registrationDeadline(acquiredOn: IsoDate, config: Pick<HundesteuerConfig, 'registrationDeadlineDays'> = DEFAULT_HUNDESTEUER_CONFIG): IsoDate {
  return addDays(acquiredOn, config.registrationDeadlineDays);
}

