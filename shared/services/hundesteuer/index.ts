/**
 * Hundesteuer: registration (Anmeldung) and deregistration (Abmeldung) of a dog for the town's dog tax, with the
 * checks of the Niedersächsisches Gesetz über das Halten von Hunden (NHundG) the registration form asks about.
 *
 * The owner is the case's resident (Halterin/Halter); nothing about the owner is repeated here.
 *
 * NHundG (see ../shared/DOMAIN.md):
 * - § 3 Sachkunde: the holder needs it; the theoretical exam before the holding begins, the practical one within its
 *   first year. The law names exceptions (above all: a dog held for at least two uninterrupted years within the ten
 *   years before); the form records the exception and its reason. Messages cite "§ 3 NHundG" without an Absatz.
 * - § 4 a transponder (ISO 11784/11785) for dogs older than six months; § 5 liability insurance (at least 500.000 €
 *   for personal injury and 250.000 € for other damage) and § 6 the entry in the central register, both likewise
 *   for dogs older than six months. Ages are taken on the day of registration (`registeredOn`).
 * - § 7 a dog found dangerous by the authority; holding it needs the permit of § 8, which the form must note.
 *   A dog can also be "gefährlich" under the Satzung alone (for the tax rate); that needs no NHundG permit.
 *
 * Whether these duties are met does not decide whether the tax is owed — the tax arises from the holding. The strict
 * schema (`hundesteuerAnmeldungData`) refuses an incomplete form with the messages below; `hundesteuerAnmeldungShape`
 * checks only the format, for a core that has to record a holding in spite of missing NHundG proofs.
 * `anmeldungHints` lists what a clerk should mention but that does not block (late registration, practical exam due).
 */
import { z } from 'zod';
import { describeCharacters, invalidTextCharacters } from '../../domain/names';
import { defineService, leikaUrn, projectUrn } from '../types';
import { chipNumberProblem, normalizeChipNumber } from './chip';
import { addDays, addMonths, formatDate, isIsoDate, olderThanMonths, type IsoDate } from './dates';
import { ibanProblem, normalizeIban } from './sepa';
import { DEFAULT_REPLACEMENT_TAG_FEE_CENTS, REPLACEMENT_TAG_FEE_KEY } from './tax';

export * from './chip';
export * from './dates';
export * from './sepa';
export * from './tax';

/** LeiKa key of "Hundesteuer Anmeldung" (DOMAIN.md; to be confirmed in the FIM catalogue before going live). */
export const HUNDESTEUER_ANMELDUNG_LEIKA = '99102013104000';
/**
 * No LeiKa key for the Abmeldung was found (DOMAIN.md): the service carries the project URN until one is confirmed;
 * then set `leikaKey` of the service and derive the identifier from it, as for the Anmeldung.
 */
export const HUNDESTEUER_ABMELDUNG_URN = projectUrn('hundesteuer-abmeldung');

/** Minimum sums insured under § 5 NHundG, in cents. */
export const MIN_SUM_PERSONS_CENTS = 500_000_00;
export const MIN_SUM_OTHER_CENTS = 250_000_00;
/** NHundG duties (§§ 4–6) apply to dogs older than this many months. */
export const NHUNDG_AGE_MONTHS = 6;

// ---------------------------------------------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------------------------------------------

// `abort`: a broken date stops the checks that compare dates (they would compute with it).
const isoDay = (label: string) =>
  z
    .string({ error: `${label}: bitte ein Datum angeben.` })
    .trim()
    .refine(isIsoDate, { message: `${label}: bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.`, abort: true });

/**
 * Text in the DIN 91379 character set for names of legal persons, places and similar (data type B), stored in NFC.
 * `field` names the field in messages ("Name des Hundes: …"), `ask` asks for it ("Bitte den Namen des Hundes angeben.").
 */
const text = (field: string, ask: string, max: number, min = 1) =>
  z
    .string({ error: `Bitte ${ask} angeben.` })
    .trim()
    .min(min, `Bitte ${ask} angeben.`)
    .max(max, `${field}: höchstens ${max} Zeichen.`)
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' '))
    .superRefine((v, ctx) => {
      const bad = invalidTextCharacters(v);
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${field}: Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}.`,
        });
      }
    });

const optionalText = (field: string, max: number) =>
  text(field, field, max, 0)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null);

export const DOG_SEXES = ['ruede', 'huendin'] as const;
export const DOG_SEX_LABELS: Record<(typeof DOG_SEXES)[number], string> = { ruede: 'Rüde', huendin: 'Hündin' };

/** A chip number as typed; an empty field means "no chip" (null). */
export const chipNumberSchema = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : normalizeChipNumber(s)))
  .superRefine((v, ctx) => {
    const problem = v === null ? null : chipNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const dogSchema = z.object({
  name: text('Name des Hundes', 'den Namen des Hundes', 60),
  breed: text('Rasse', 'die Rasse (oder „Mischling“ mit den erkennbaren Rassen)', 100),
  colour: text('Farbe', 'die Farbe', 60),
  sex: z.enum(DOG_SEXES, { error: 'Bitte das Geschlecht des Hundes angeben (Rüde oder Hündin).' }),
  birthDate: isoDay('Geburtsdatum des Hundes'),
  /** The birth date is an estimate (dogs from a shelter or abroad). */
  birthDateEstimated: z.boolean().default(false),
  /** Transponder number; null when the dog has none (allowed only up to six months of age). */
  chipNumber: chipNumberSchema.nullable().default(null),
});

export const insuranceSchema = z.object({
  insurer: text('Versicherungsunternehmen', 'das Versicherungsunternehmen', 120),
  policyNumber: z
    .string({ error: 'Bitte die Versicherungsscheinnummer angeben.' })
    .trim()
    .min(1, 'Bitte die Versicherungsscheinnummer angeben.')
    .max(40, 'Versicherungsscheinnummer: höchstens 40 Zeichen.')
    .regex(/^[A-Za-z0-9 ./\-]+$/, 'Versicherungsscheinnummer: nur Buchstaben A–Z, Ziffern, Leerzeichen, Punkt, Schräg- und Bindestrich.'),
  personsCents: z
    .number({ error: 'Bitte die Deckungssumme für Personenschäden angeben.' })
    .int('Deckungssumme in ganzen Cent angeben.')
    .min(MIN_SUM_PERSONS_CENTS, 'Die Deckungssumme für Personenschäden muss mindestens 500.000 € betragen (§ 5 NHundG).'),
  otherCents: z
    .number({ error: 'Bitte die Deckungssumme für sonstige Schäden (Sachschäden) angeben.' })
    .int('Deckungssumme in ganzen Cent angeben.')
    .min(MIN_SUM_OTHER_CENTS, 'Die Deckungssumme für sonstige Schäden (Sachschäden) muss mindestens 250.000 € betragen (§ 5 NHundG).'),
});

export const SACHKUNDE_EXCEPTIONS = [
  {
    id: 'fruehere_haltung',
    label: 'In den letzten zehn Jahren vor Beginn der Haltung mindestens zwei Jahre ununterbrochen einen Hund gehalten',
  },
  { id: 'tierarzt', label: 'Tierärztin oder Tierarzt' },
  { id: 'jagd', label: 'Brauchbarkeitsprüfung für Jagdhunde abgelegt oder als Prüferin/Prüfer abgenommen' },
  { id: 'assistenzhund', label: 'Halterin oder Halter eines Blindenführ- oder Assistenzhundes' },
  { id: 'sonstige', label: 'Andere gesetzliche Ausnahme nach § 3 NHundG (bitte erläutern)' },
] as const;
export type SachkundeException = (typeof SACHKUNDE_EXCEPTIONS)[number]['id'];
const SACHKUNDE_EXCEPTION_IDS = SACHKUNDE_EXCEPTIONS.map((e) => e.id) as [SachkundeException, ...SachkundeException[]];

export const sachkundeSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('pruefung'),
      /** Day the theoretical exam was passed (before the holding began). */
      theoryPassedOn: isoDay('Datum der theoretischen Sachkundeprüfung'),
      /** Day the practical exam was passed; null while it is still due (within the first year of the holding). */
      practicalPassedOn: isoDay('Datum der praktischen Sachkundeprüfung').nullable().default(null),
      examiner: optionalText('Prüfende Person oder Stelle', 120),
    }),
    z.object({
      kind: z.literal('ausnahme'),
      reason: z.enum(SACHKUNDE_EXCEPTION_IDS, { error: 'Bitte den Grund der Ausnahme von der Sachkundeprüfung wählen.' }),
      details: z.string().trim().max(500, 'Erläuterung: höchstens 500 Zeichen.').default(''),
      /** For "fruehere_haltung": the earlier, uninterrupted holding. */
      previousHoldingFrom: isoDay('Beginn der früheren Hundehaltung').nullable().default(null),
      previousHoldingTo: isoDay('Ende der früheren Hundehaltung').nullable().default(null),
    }),
  ],
  { error: 'Bitte angeben, ob die Sachkunde durch Prüfung nachgewiesen ist oder eine Ausnahme gilt.' },
);

export const centralRegisterSchema = z.object({
  /** Day the dog was entered in the Zentrales Register (§ 6 NHundG). */
  enteredOn: isoDay('Datum des Eintrags im Zentralen Register'),
  reference: optionalText('Registriernummer', 40),
});

const authorityDecision = (what: string) =>
  z.object({
    authority: text(`Behörde der ${what}`, `die Behörde der ${what}`, 120),
    reference: text(`Aktenzeichen der ${what}`, `das Aktenzeichen der ${what}`, 60),
    date: isoDay(`Datum der ${what}`),
  });

export const dangerousSchema = z.object({
  /** Dangerous under the Satzung only (tax rate); no NHundG permit follows from this. */
  bySatzung: z.boolean().default(false),
  /** Found dangerous by the authority under § 7 NHundG. */
  byNHundG: z.boolean().default(false),
  determination: authorityDecision('Feststellung nach § 7 NHundG').nullable().default(null),
  /** The permit to hold a dangerous dog (§ 8 NHundG). */
  permit: authorityDecision('Erlaubnis nach § 8 NHundG').nullable().default(null),
});

export const sepaMandateSchema = z.object({
  accountHolder: text('Kontoinhaber', 'die Kontoinhaberin oder den Kontoinhaber', 70),
  iban: z
    .string({ error: 'Bitte die IBAN angeben.' })
    .trim()
    .superRefine((v, ctx) => {
      const problem = ibanProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((v) => normalizeIban(v) ?? v),
  /** Day the mandate was signed (given). The mandate reference is assigned by the town, never by the applicant. */
  mandateDate: isoDay('Datum des SEPA-Lastschriftmandats'),
});

export const ANMELDUNG_REASONS = [
  { id: 'aufnahme', label: 'Aufnahme des Hundes (Kauf, Schenkung, Tierheim)' },
  { id: 'zuzug', label: 'Zuzug nach Lingen (Ems) mit dem Hund' },
  { id: 'geburt', label: 'Geboren von einer eigenen Hündin' },
] as const;
export type AnmeldungReason = (typeof ANMELDUNG_REASONS)[number]['id'];
const ANMELDUNG_REASON_IDS = ANMELDUNG_REASONS.map((r) => r.id) as [AnmeldungReason, ...AnmeldungReason[]];

// ---------------------------------------------------------------------------------------------------------------
// Anmeldung
// ---------------------------------------------------------------------------------------------------------------

/** Format checks only (no NHundG duties). */
export const hundesteuerAnmeldungShape = z.object({
  reason: z.enum(ANMELDUNG_REASON_IDS, { error: 'Bitte den Anlass der Anmeldung wählen.' }),
  /** First day of the holding in the town: day the dog was taken in, of the Zuzug, or (geburt) the birth date. */
  acquiredOn: isoDay('Beginn der Hundehaltung'),
  /** Day the registration was made (received); the NHundG ages are taken on this day. */
  registeredOn: isoDay('Datum der Anmeldung'),
  /** Name and address of the previous holder or breeder, where known. */
  previousOwner: optionalText('Vorbesitzer', 200),
  dog: dogSchema,
  insurance: insuranceSchema.nullable().default(null),
  sachkunde: sachkundeSchema.nullable().default(null),
  centralRegister: centralRegisterSchema.nullable().default(null),
  dangerous: dangerousSchema.default({ bySatzung: false, byNHundG: false, determination: null, permit: null }),
  /** Direct debit; null: the owner pays by transfer. */
  sepa: sepaMandateSchema.nullable().default(null),
  /** Payment on request once a year instead of the Satzung's default; null: the Satzung's default. */
  paymentSchedule: z.enum(['quarterly', 'annual']).nullable().default(null),
});
export type HundesteuerAnmeldungData = z.output<typeof hundesteuerAnmeldungShape>;

export interface Finding {
  /** Path of the field within the data, for the form. */
  path: (string | number)[];
  message: string;
}

/** True when the dog is older than six months on the day of registration (the NHundG duties apply). */
export function nhundgDutiesApply(birthDate: IsoDate, registeredOn: IsoDate): boolean {
  return olderThanMonths(birthDate, registeredOn, NHUNDG_AGE_MONTHS);
}

/** Plausibility of the dates: refusals, whatever the NHundG. */
export function anmeldungDateProblems(d: HundesteuerAnmeldungData): Finding[] {
  const out: Finding[] = [];
  if (d.dog.birthDate > d.registeredOn) {
    out.push({ path: ['dog', 'birthDate'], message: 'Das Geburtsdatum des Hundes liegt nach dem Tag der Anmeldung.' });
  }
  if (d.acquiredOn < d.dog.birthDate) {
    out.push({ path: ['acquiredOn'], message: 'Die Hundehaltung kann nicht vor der Geburt des Hundes begonnen haben.' });
  }
  if (d.reason === 'geburt' && d.acquiredOn !== d.dog.birthDate) {
    out.push({
      path: ['acquiredOn'],
      message: 'Bei einem Hund aus eigener Zucht beginnt die Haltung mit der Geburt: bitte das Geburtsdatum eintragen.',
    });
  }
  if (d.acquiredOn > addDays(d.registeredOn, 31)) {
    out.push({
      path: ['acquiredOn'],
      message: 'Ein Hund kann höchstens einen Monat vor Beginn der Haltung angemeldet werden.',
    });
  }
  return out;
}

/**
 * The NHundG duties the form asks about, as German messages for the fields concerned. Empty when everything
 * required is there.
 */
export function nhundgFindings(d: HundesteuerAnmeldungData): Finding[] {
  const out: Finding[] = [];
  const older = nhundgDutiesApply(d.dog.birthDate, d.registeredOn);
  if (older && !d.dog.chipNumber) {
    out.push({
      path: ['dog', 'chipNumber'],
      message: 'Für Hunde, die älter als sechs Monate sind, ist eine Chipnummer erforderlich (§ 4 NHundG).',
    });
  }
  if (older && !d.insurance) {
    out.push({
      path: ['insurance'],
      message:
        'Für Hunde, die älter als sechs Monate sind, ist eine Haftpflichtversicherung nachzuweisen (§ 5 NHundG): ' +
        'Versicherung, Versicherungsscheinnummer und Deckungssummen.',
    });
  }
  if (older && !d.centralRegister) {
    out.push({
      path: ['centralRegister'],
      message:
        'Hunde, die älter als sechs Monate sind, müssen im Zentralen Register eingetragen sein (§ 6 NHundG); ' +
        'bitte das Datum des Eintrags angeben.',
    });
  }
  if (!d.sachkunde) {
    out.push({
      path: ['sachkunde'],
      message:
        'Bitte die Sachkunde angeben: Datum der bestandenen Sachkundeprüfung oder die Ausnahme, die für Sie gilt (§ 3 NHundG).',
    });
  } else if (d.sachkunde.kind === 'ausnahme') {
    const s = d.sachkunde;
    if (s.reason === 'fruehere_haltung') {
      if (!s.previousHoldingFrom || !s.previousHoldingTo) {
        out.push({
          path: ['sachkunde', s.previousHoldingFrom ? 'previousHoldingTo' : 'previousHoldingFrom'],
          message: 'Bitte Beginn und Ende der früheren Hundehaltung angeben (mindestens zwei Jahre ununterbrochen).',
        });
      } else if (s.previousHoldingTo < s.previousHoldingFrom) {
        out.push({ path: ['sachkunde', 'previousHoldingTo'], message: 'Das Ende der früheren Hundehaltung liegt vor ihrem Beginn.' });
      } else {
        // At least two uninterrupted years of it within the ten years before this holding began.
        const windowStart = addMonths(d.acquiredOn, -120);
        const from = s.previousHoldingFrom > windowStart ? s.previousHoldingFrom : windowStart;
        const to = s.previousHoldingTo < d.acquiredOn ? s.previousHoldingTo : d.acquiredOn;
        if (from > to || addMonths(from, 24) > to) {
          out.push({
            path: ['sachkunde', 'previousHoldingTo'],
            message:
              'Die Ausnahme von der Sachkundeprüfung gilt nur, wenn innerhalb der letzten zehn Jahre vor Beginn der ' +
              `Haltung (also seit dem ${formatDate(windowStart)}) mindestens zwei Jahre ununterbrochen ein Hund gehalten wurde (§ 3 NHundG).`,
          });
        }
      }
    }
    if (s.reason === 'sonstige' && s.details.length < 10) {
      out.push({
        path: ['sachkunde', 'details'],
        message: 'Bitte die Ausnahme von der Sachkundeprüfung erläutern (welche Vorschrift, welcher Nachweis).',
      });
    }
  }
  const g = d.dangerous;
  if (g.byNHundG && !g.determination) {
    out.push({
      path: ['dangerous', 'determination'],
      message: 'Bitte die Feststellung der Gefährlichkeit nach § 7 NHundG angeben: Behörde, Aktenzeichen und Datum.',
    });
  }
  if (g.byNHundG && !g.permit) {
    out.push({
      path: ['dangerous', 'permit'],
      message:
        'Wer einen nach § 7 NHundG als gefährlich festgestellten Hund hält, braucht die Erlaubnis nach § 8 NHundG: ' +
        'bitte Behörde, Aktenzeichen und Datum der Erlaubnis angeben.',
    });
  }
  if (g.byNHundG && g.permit && g.permit.date > d.registeredOn) {
    out.push({ path: ['dangerous', 'permit', 'date'], message: 'Die Erlaubnis nach § 8 NHundG liegt nach dem Tag der Anmeldung.' });
  }
  if (!g.byNHundG && (g.determination || g.permit)) {
    out.push({
      path: ['dangerous', 'byNHundG'],
      message: 'Eine Feststellung oder Erlaubnis nach §§ 7, 8 NHundG ist angegeben: bitte „gefährlich nach § 7 NHundG“ ankreuzen.',
    });
  }
  return out;
}

/** Hints for the clerk that do not block the registration. */
export function anmeldungHints(d: HundesteuerAnmeldungData, registrationDeadlineDays = 14): string[] {
  const out: string[] = [];
  if (d.registeredOn > addDays(d.acquiredOn, registrationDeadlineDays)) {
    out.push(
      `Die Anmeldung ist verspätet: die Frist von ${registrationDeadlineDays} Tagen nach Beginn der Haltung endete am ` +
        `${formatDate(addDays(d.acquiredOn, registrationDeadlineDays))}. Die Steuer wird trotzdem ab dem Beginn der Haltung festgesetzt.`,
    );
  }
  if (!nhundgDutiesApply(d.dog.birthDate, d.registeredOn)) {
    const sixMonths = addMonths(d.dog.birthDate, NHUNDG_AGE_MONTHS);
    const missing = [
      !d.dog.chipNumber && 'Kennzeichnung mit Transponder (§ 4)',
      !d.insurance && 'Haftpflichtversicherung (§ 5)',
      !d.centralRegister && 'Eintrag im Zentralen Register (§ 6)',
    ].filter((s): s is string => !!s);
    if (missing.length) {
      out.push(`Der Hund wird am ${formatDate(sixMonths)} sechs Monate alt; bis dahin nach dem NHundG erforderlich: ${missing.join(', ')}.`);
    }
  }
  const s = d.sachkunde;
  if (s?.kind === 'pruefung') {
    if (s.theoryPassedOn > d.acquiredOn) {
      out.push('Die theoretische Sachkundeprüfung ist vor Beginn der Hundehaltung abzulegen (§ 3 NHundG); sie wurde danach abgelegt.');
    }
    if (!s.practicalPassedOn) {
      const due = addMonths(d.acquiredOn, 12);
      out.push(
        due < d.registeredOn
          ? `Die praktische Sachkundeprüfung war bis zum ${formatDate(due)} abzulegen (§ 3 NHundG) und ist nicht nachgewiesen.`
          : `Die praktische Sachkundeprüfung ist bis zum ${formatDate(due)} abzulegen (§ 3 NHundG).`,
      );
    }
  }
  if (d.dog.birthDateEstimated) out.push('Das Geburtsdatum des Hundes ist geschätzt.');
  return out;
}

function addFindings(ctx: z.RefinementCtx, findings: Finding[]): void {
  for (const f of findings) ctx.addIssue({ code: 'custom', path: f.path, message: f.message });
}

/** The case data of an Anmeldung: format, dates and the NHundG duties (counter form and online data alike). */
export const hundesteuerAnmeldungData = hundesteuerAnmeldungShape.superRefine((d, ctx) => {
  addFindings(ctx, anmeldungDateProblems(d));
  addFindings(ctx, nhundgFindings(d));
});

/** Dangerous for the tax rate: under the Satzung or found dangerous under § 7 NHundG. */
export function isDangerousForTax(d: Pick<HundesteuerAnmeldungData, 'dangerous'>): boolean {
  return d.dangerous.bySatzung || d.dangerous.byNHundG;
}

// ---------------------------------------------------------------------------------------------------------------
// Abmeldung
// ---------------------------------------------------------------------------------------------------------------

export const ABMELDUNG_REASONS = [
  { id: 'tod', label: 'Tod des Hundes' },
  { id: 'abgabe', label: 'Verkauf oder Abgabe (Schenkung, Tierheim)' },
  { id: 'wegzug', label: 'Wegzug aus Lingen (Ems)' },
  { id: 'sonstiges', label: 'Sonstiger Grund (z. B. entlaufen)' },
] as const;
export type AbmeldungReason = (typeof ABMELDUNG_REASONS)[number]['id'];
const ABMELDUNG_REASON_IDS = ABMELDUNG_REASONS.map((r) => r.id) as [AbmeldungReason, ...AbmeldungReason[]];

/** Hundesteuermarke number as printed on the tag. */
export const tagNumberSchema = z
  .string({ error: 'Bitte die Nummer der Hundesteuermarke angeben.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,11}$/, 'Die Nummer der Hundesteuermarke besteht aus Ziffern (und ggf. Buchstaben, Bindestrich), höchstens 12 Zeichen.');

const postalAddress = z.object({
  street: text('Straße und Hausnummer', 'Straße und Hausnummer', 120),
  postalCode: z.string().trim().min(3, 'Bitte die Postleitzahl angeben.').max(10).regex(/^[A-Za-z0-9 -]+$/, 'Postleitzahl: nur Ziffern und Buchstaben.'),
  city: text('Ort', 'den Ort', 80),
  /** ISO 3166-1 alpha-2; Germany when absent. */
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Land als zweistelligen Code angeben (z. B. DE).').default('DE'),
});

export const hundesteuerAbmeldungShape = z.object({
  tagNumber: tagNumberSchema,
  reason: z.enum(ABMELDUNG_REASON_IDS, { error: 'Bitte den Grund der Abmeldung wählen.' }),
  /** Last day of the holding: day of death, of the handing over, of the move. */
  endedOn: isoDay('Ende der Hundehaltung'),
  /** Day the deregistration was received. */
  reportedOn: isoDay('Datum der Abmeldung'),
  reasonDetails: z.string().trim().max(300, 'Erläuterung: höchstens 300 Zeichen.').default(''),
  /** For a sale or gift: who holds the dog now. */
  newOwner: z
    .object({ name: text('Neue Halterin/neuer Halter', 'den Namen der neuen Halterin oder des neuen Halters', 120), address: postalAddress })
    .nullable()
    .default(null),
  /** For a move: the new address (for the Schlussbescheid's delivery, if the register does not have it yet). */
  newAddress: postalAddress.nullable().default(null),
  /** The tag was handed back. */
  tagReturned: z.boolean().default(false),
});
export type HundesteuerAbmeldungData = z.output<typeof hundesteuerAbmeldungShape>;

/** Refusals of an Abmeldung. */
export function abmeldungFindings(d: HundesteuerAbmeldungData): Finding[] {
  const out: Finding[] = [];
  if (d.reason !== 'wegzug' && d.endedOn > d.reportedOn) {
    out.push({
      path: ['endedOn'],
      message:
        d.reason === 'tod'
          ? 'Das Todesdatum kann nicht nach dem Tag der Abmeldung liegen.'
          : 'Die Haltung kann nur im Voraus abgemeldet werden, wenn Sie wegziehen; bitte das Datum der Abgabe prüfen.',
    });
  }
  if (d.reason === 'wegzug' && d.endedOn > addMonths(d.reportedOn, 3)) {
    out.push({ path: ['endedOn'], message: 'Ein Wegzug kann höchstens drei Monate im Voraus abgemeldet werden.' });
  }
  if (d.reason === 'abgabe' && !d.newOwner) {
    out.push({
      path: ['newOwner'],
      message: 'Bei Verkauf oder Abgabe des Hundes bitte Name und Anschrift der neuen Halterin oder des neuen Halters angeben.',
    });
  }
  if (d.reason === 'sonstiges' && d.reasonDetails.length < 3) {
    out.push({ path: ['reasonDetails'], message: 'Bitte den Grund der Abmeldung erläutern.' });
  }
  return out;
}

export const hundesteuerAbmeldungData = hundesteuerAbmeldungShape.superRefine((d, ctx) => addFindings(ctx, abmeldungFindings(d)));

/**
 * The online Abmeldung (FIT-Connect Fachdaten, see ../online.ts): as the case data without `tagReturned`, which only
 * the counter can record (the owner hands the tag over there or sends it by post).
 */
export const hundesteuerAbmeldungOnlineData = hundesteuerAbmeldungShape
  .omit({ tagReturned: true })
  .superRefine((d, ctx) => addFindings(ctx, abmeldungFindings({ ...d, tagReturned: false })));
export type HundesteuerAbmeldungOnlineData = z.output<typeof hundesteuerAbmeldungOnlineData>;

// ---------------------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------------------

export const HUNDESTEUER_DOCUMENT = 'hundesteuerBescheid';

export const hundesteuerAnmeldung = defineService({
  id: 'hundesteuer-anmeldung',
  leikaKey: HUNDESTEUER_ANMELDUNG_LEIKA,
  serviceIdentifier: leikaUrn(HUNDESTEUER_ANMELDUNG_LEIKA),
  name: 'Hundesteuer – Anmeldung eines Hundes',
  shortName: 'Hundesteuer Anmeldung',
  channels: ['walk_in', 'online', 'post'],
  // The registration itself is free; the tax is set by the Bescheid. The replacement tag is a fee of its own.
  fees: [{ key: REPLACEMENT_TAG_FEE_KEY, label: 'Ersatz-Hundesteuermarke', cents: DEFAULT_REPLACEMENT_TAG_FEE_CENTS }],
  dataSchema: hundesteuerAnmeldungData,
  documents: [HUNDESTEUER_DOCUMENT],
  targetDays: 5,
  needsResident: true,
});

export const hundesteuerAbmeldung = defineService({
  id: 'hundesteuer-abmeldung',
  leikaKey: null,
  serviceIdentifier: HUNDESTEUER_ABMELDUNG_URN,
  name: 'Hundesteuer – Abmeldung eines Hundes',
  shortName: 'Hundesteuer Abmeldung',
  channels: ['walk_in', 'online', 'post'],
  fees: [],
  dataSchema: hundesteuerAbmeldungData,
  onlineDataSchema: hundesteuerAbmeldungOnlineData,
  documents: [HUNDESTEUER_DOCUMENT],
  targetDays: 5,
  needsResident: true,
});
