/**
 * Case data of the Gewerbeanzeigen (§ 14 GewO, GewAnzV): GewA 1 Anmeldung, GewA 2 Ummeldung, GewA 3 Abmeldung.
 *
 * One zod schema per form (each serves the counter form and the online data), sharing the blocks of the GewAnzV
 * Anlagen 1–3: the business (registered name with legal form and register entry), the reporting persons (the
 * owner; every partner of a GbR/OHG; the personally liable partners of a KG; the legal representatives of a legal
 * person), the Betriebsstätte, the activity, the employees — plus per form the start date (GewA 1), what changes
 * and from when (GewA 2), the end date, reason and successor (GewA 3). `gewerbeanzeigeData` is the union,
 * discriminated by `form`.
 *
 * Every date rule is relative to `receivedOn`, the date the notice reached the authority, which is part of the
 * data: validation gives the same answer today and in a year, and the § 15 deadline runs from the same date.
 *
 * Date rules (decisions, see README of the report):
 * - A start / change / end date may lie at most MAX_FUTURE_MONTHS (3) calendar months after receipt: § 14 GewO
 *   asks for the notice "gleichzeitig" with the event; a notice made well ahead is accepted, but not for an event
 *   so far ahead that its data (employees, address) are guesses.
 * - A date more than LATE_NOTICE_DAYS (28 days, four weeks) before receipt is a late notice (§ 14 Abs. 1 GewO,
 *   fine under § 146 Abs. 2 Nr. 2 GewO); it is accepted only with the reason for the delay (`lateNoticeReason`).
 *
 * Names and texts follow DIN 91379 (shared/domain/names.ts): names of natural persons data type A, firm names,
 * places and streets data type B, free text (the activity) data type C.
 *
 * Messages are German and name the field and the rule. Pure TypeScript.
 */
import { z } from 'zod';
import { describeCharacters, invalidDin91379Characters, type Din91379DataType } from '../../domain/names';
import { addDays, addMonths, germanDate, isIsoDate, yearsBetween } from '../../domain/niedersachsen-calendar';

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

/** The local authority and its district: the Betriebsstätte must lie here (zuständig is the authority of its place). */
export const LOCAL_DISTRICT = {
  authority: 'Stadt Lingen (Ems)',
  city: 'Lingen (Ems)',
  /** The postal codes of Lingen (Ems). */
  postalCodes: ['49808', '49809', '49811'] as readonly string[],
} as const;

export const MAX_FUTURE_MONTHS = 3;
export const LATE_NOTICE_DAYS = 28;
export const MIN_LATE_REASON_LENGTH = 10;

export const FORMS = ['GewA1', 'GewA2', 'GewA3'] as const;
export type GewerbeForm = (typeof FORMS)[number];

export const FORM_INFO: Record<GewerbeForm, { title: string; code: string; noun: string; dateLabel: string; anlage: string }> = {
  GewA1: {
    title: 'Gewerbe-Anmeldung',
    code: 'GewA 1',
    noun: 'Ihre Gewerbe-Anmeldung',
    dateLabel: 'Beginn der Tätigkeit',
    anlage: 'Anlage 1 GewAnzV',
  },
  GewA2: {
    title: 'Gewerbe-Ummeldung',
    code: 'GewA 2',
    noun: 'Ihre Gewerbe-Ummeldung',
    dateLabel: 'Änderung wirksam ab',
    anlage: 'Anlage 2 GewAnzV',
  },
  GewA3: {
    title: 'Gewerbe-Abmeldung',
    code: 'GewA 3',
    noun: 'Ihre Gewerbe-Abmeldung',
    dateLabel: 'Betriebsaufgabe zum',
    anlage: 'Anlage 3 GewAnzV',
  },
};

/** Registers (German register courts). GsR: Gesellschaftsregister of the eingetragene GbR (§ 707 BGB, since 2024). */
export const REGISTER_TYPES = ['HRA', 'HRB', 'GnR', 'PR', 'VR', 'GsR'] as const;
export type RegisterType = (typeof REGISTER_TYPES)[number];
export const REGISTER_TYPE_LABELS: Record<RegisterType, string> = {
  HRA: 'Handelsregister Abteilung A (HRA)',
  HRB: 'Handelsregister Abteilung B (HRB)',
  GnR: 'Genossenschaftsregister (GnR)',
  PR: 'Partnerschaftsregister (PR)',
  VR: 'Vereinsregister (VR)',
  GsR: 'Gesellschaftsregister (GsR)',
};

type PersonKind = 'natural' | 'partnership' | 'kg' | 'legal' | 'other';

interface LegalFormInfo {
  id: string;
  label: string;
  /** As printed after a name: "GmbH", "e. K.". */
  short: string;
  kind: PersonKind;
  /** required: the entry is needed unless "Eintragung beantragt"; optional: may exist; none: cannot exist. */
  register: 'required' | 'optional' | 'none';
  registerTypes: readonly RegisterType[];
  /** The firm must carry the legal form (§ 19 HGB, § 4 GmbHG, § 5a GmbHG, § 4 AktG, § 3 GenG, § 707a BGB). */
  suffix: RegExp | null;
  suffixHint: string;
}

export const LEGAL_FORMS = [
  {
    id: 'einzelunternehmen',
    label: 'Einzelunternehmen',
    short: '',
    kind: 'natural',
    register: 'none',
    registerTypes: [],
    suffix: null,
    suffixHint: '',
  },
  {
    id: 'ek',
    label: 'Eingetragener Kaufmann / eingetragene Kauffrau (e. K.)',
    short: 'e. K.',
    kind: 'natural',
    register: 'required',
    registerTypes: ['HRA'],
    suffix: /\be\.\s?K(?:fm|fr)?\.|eingetragene[rn]?\s+Kauf(?:mann|frau)/iu,
    suffixHint: '„e. K.“, „e. Kfm.“, „e. Kfr.“ oder „eingetragener Kaufmann/eingetragene Kauffrau“ (§ 19 Abs. 1 Nr. 1 HGB)',
  },
  {
    id: 'gbr',
    label: 'Gesellschaft bürgerlichen Rechts (GbR)',
    short: 'GbR',
    kind: 'partnership',
    register: 'optional',
    registerTypes: ['GsR'],
    suffix: null, // only the eingetragene GbR must say so; checked with the register entry
    suffixHint: '„eGbR“ oder „eingetragene Gesellschaft bürgerlichen Rechts“ (§ 707a Abs. 2 BGB)',
  },
  {
    id: 'ohg',
    label: 'Offene Handelsgesellschaft (OHG)',
    short: 'OHG',
    kind: 'partnership',
    register: 'required',
    registerTypes: ['HRA'],
    suffix: /\bOHG\b|\boHG\b|offene\s+Handelsgesellschaft/iu,
    suffixHint: '„OHG“ oder „offene Handelsgesellschaft“ (§ 19 Abs. 1 Nr. 2 HGB)',
  },
  {
    id: 'kg',
    label: 'Kommanditgesellschaft (KG)',
    short: 'KG',
    kind: 'kg',
    register: 'required',
    registerTypes: ['HRA'],
    suffix: /\bKG\b|Kommanditgesellschaft/u,
    suffixHint: '„KG“ oder „Kommanditgesellschaft“ (§ 19 Abs. 1 Nr. 3 HGB)',
  },
  {
    id: 'gmbh',
    label: 'Gesellschaft mit beschränkter Haftung (GmbH)',
    short: 'GmbH',
    kind: 'legal',
    register: 'required',
    registerTypes: ['HRB'],
    suffix: /GmbH|Gesellschaft\s+mit\s+beschränkter\s+Haftung/iu,
    suffixHint: '„GmbH“ oder „Gesellschaft mit beschränkter Haftung“ (§ 4 GmbHG)',
  },
  {
    id: 'ug',
    label: 'Unternehmergesellschaft (haftungsbeschränkt)',
    short: 'UG (haftungsbeschränkt)',
    kind: 'legal',
    register: 'required',
    registerTypes: ['HRB'],
    suffix: /(?:\bUG|Unternehmergesellschaft)\s*\(haftungsbeschränkt\)/iu,
    suffixHint: '„UG (haftungsbeschränkt)“ oder „Unternehmergesellschaft (haftungsbeschränkt)“ (§ 5a Abs. 1 GmbHG)',
  },
  {
    id: 'ag',
    label: 'Aktiengesellschaft (AG)',
    short: 'AG',
    kind: 'legal',
    register: 'required',
    registerTypes: ['HRB'],
    suffix: /\bAG\b|Aktiengesellschaft/u,
    suffixHint: '„AG“ oder „Aktiengesellschaft“ (§ 4 AktG)',
  },
  {
    id: 'eg',
    label: 'Eingetragene Genossenschaft (eG)',
    short: 'eG',
    kind: 'legal',
    register: 'required',
    registerTypes: ['GnR'],
    suffix: /\beG\b|eingetragene\s+Genossenschaft/u,
    suffixHint: '„eG“ oder „eingetragene Genossenschaft“ (§ 3 GenG)',
  },
  {
    id: 'ltd',
    label: 'Private Company Limited by Shares (Ltd.)',
    short: 'Ltd.',
    kind: 'legal',
    register: 'optional',
    registerTypes: ['HRB'],
    suffix: /\bLtd\b\.?|\bLimited\b/iu,
    suffixHint: '„Ltd.“ oder „Limited“',
  },
  {
    id: 'sonstige',
    label: 'Sonstige Rechtsform',
    short: '',
    kind: 'other',
    register: 'optional',
    registerTypes: REGISTER_TYPES,
    suffix: null,
    suffixHint: '',
  },
] as const satisfies readonly LegalFormInfo[];

export type LegalFormId = (typeof LEGAL_FORMS)[number]['id'];
const LEGAL_FORM_IDS = LEGAL_FORMS.map((f) => f.id) as [LegalFormId, ...LegalFormId[]];

export function legalFormInfo(id: LegalFormId): LegalFormInfo {
  return LEGAL_FORMS.find((f) => f.id === id)!;
}

/** Legal-form words an unregistered Einzelunternehmen must not use in its business name. */
const REGISTERED_FORM_WORDS = /\b(?:GmbH|AG|KG|OHG|oHG|eG|e\.\s?K(?:fm|fr)?\.|UG|Ltd\.?|eGbR)(?=$|[\s,.;)])/u;

export const PERSON_ROLES = [
  { id: 'inhaber', label: 'Inhaber/in' },
  { id: 'gesellschafter', label: 'Gesellschafter/in' },
  { id: 'gesetzlicher_vertreter', label: 'Gesetzliche/r Vertreter/in' },
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number]['id'];
const PERSON_ROLE_IDS = PERSON_ROLES.map((r) => r.id) as [PersonRole, ...PersonRole[]];

export const ESTABLISHMENT_KINDS = [
  { id: 'hauptniederlassung', label: 'Hauptniederlassung' },
  { id: 'zweigniederlassung', label: 'Zweigniederlassung' },
  { id: 'unselbstaendige_zweigstelle', label: 'Unselbständige Zweigstelle' },
] as const;
export type EstablishmentKind = (typeof ESTABLISHMENT_KINDS)[number]['id'];
const ESTABLISHMENT_KIND_IDS = ESTABLISHMENT_KINDS.map((k) => k.id) as [EstablishmentKind, ...EstablishmentKind[]];

/** Handwerk: Anlage A (zulassungspflichtig), Anlage B Abschnitt 1 (zulassungsfrei), B 2 (handwerksähnlich). */
export const CRAFT_KINDS = [
  { id: 'keins', label: 'Kein Handwerk' },
  { id: 'A', label: 'Zulassungspflichtiges Handwerk (Anlage A HwO)' },
  { id: 'B1', label: 'Zulassungsfreies Handwerk (Anlage B Abschnitt 1 HwO)' },
  { id: 'B2', label: 'Handwerksähnliches Gewerbe (Anlage B Abschnitt 2 HwO)' },
] as const;
export type CraftKind = (typeof CRAFT_KINDS)[number]['id'];
const CRAFT_KIND_IDS = CRAFT_KINDS.map((k) => k.id) as [CraftKind, ...CraftKind[]];

export const REGISTRATION_REASONS = [
  { id: 'neugruendung', label: 'Neuerrichtung / Neugründung' },
  { id: 'uebernahme', label: 'Übernahme eines bestehenden Betriebes' },
  { id: 'rechtsformwechsel', label: 'Änderung der Rechtsform' },
  { id: 'gesellschaftereintritt', label: 'Gesellschaftereintritt' },
  { id: 'zuzug', label: 'Verlegung aus einem anderen Meldebezirk (Zuzug)' },
  { id: 'sonstige', label: 'Sonstiger Grund' },
] as const;
export type RegistrationReason = (typeof REGISTRATION_REASONS)[number]['id'];
const REGISTRATION_REASON_IDS = REGISTRATION_REASONS.map((r) => r.id) as [RegistrationReason, ...RegistrationReason[]];

export const TAKEOVER_KINDS = [
  { id: 'kauf', label: 'Kauf' },
  { id: 'pacht', label: 'Pacht' },
  { id: 'erbfolge', label: 'Erbfolge' },
  { id: 'sonstige', label: 'Sonstige Übernahme' },
] as const;
export type TakeoverKind = (typeof TAKEOVER_KINDS)[number]['id'];
const TAKEOVER_KIND_IDS = TAKEOVER_KINDS.map((r) => r.id) as [TakeoverKind, ...TakeoverKind[]];

export const ACTIVITY_CHANGES = [
  { id: 'keine', label: 'Keine Änderung der Tätigkeit' },
  { id: 'wechsel', label: 'Wechsel der Tätigkeit' },
  { id: 'ausdehnung', label: 'Ausdehnung der Tätigkeit' },
] as const;
export type ActivityChange = (typeof ACTIVITY_CHANGES)[number]['id'];
const ACTIVITY_CHANGE_IDS = ACTIVITY_CHANGES.map((r) => r.id) as [ActivityChange, ...ActivityChange[]];

export const DEREGISTRATION_REASONS = [
  { id: 'aufgabe', label: 'Aufgabe des Betriebes' },
  { id: 'verlegung', label: 'Verlegung aus dem Meldebezirk' },
  { id: 'rechtsformwechsel', label: 'Wechsel der Rechtsform' },
  { id: 'gesellschafteraustritt', label: 'Gesellschafteraustritt' },
  { id: 'insolvenz', label: 'Insolvenzverfahren' },
  { id: 'tod', label: 'Tod des Gewerbetreibenden' },
  { id: 'sonstige', label: 'Sonstiger Grund' },
] as const;
export type DeregistrationReason = (typeof DEREGISTRATION_REASONS)[number]['id'];
const DEREGISTRATION_REASON_IDS = DEREGISTRATION_REASONS.map((r) => r.id) as [DeregistrationReason, ...DeregistrationReason[]];

// ---------------------------------------------------------------------------------------------------------------
// Field helpers
// ---------------------------------------------------------------------------------------------------------------

function dinCheck(label: string, type: Din91379DataType) {
  return (s: string, ctx: z.RefinementCtx) => {
    const bad = invalidDin91379Characters(s, type);
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `${label} enthält Zeichen, die DIN 91379 nicht vorsieht: ${describeCharacters(bad)}.`,
      });
    }
  };
}

function stringError(label: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined || iss.input === null ? `${label} fehlt.` : `${label}: bitte Text eingeben.`);
}

/** A required text of DIN 91379 data type `type`. */
function text(label: string, type: Din91379DataType, max: number, min = 1) {
  return z
    .string({ error: stringError(label) })
    .trim()
    .min(min, min > 1 ? `${label}: bitte mindestens ${min} Zeichen angeben.` : `${label} fehlt.`)
    .max(max, `${label} ist zu lang (höchstens ${max} Zeichen).`)
    .superRefine(dinCheck(label, type));
}

/** An optional text ('' when absent). */
function optionalText(label: string, type: Din91379DataType, max: number) {
  return z
    .string({ error: stringError(label) })
    .trim()
    .max(max, `${label} ist zu lang (höchstens ${max} Zeichen).`)
    .superRefine(dinCheck(label, type))
    .default('');
}

function isoDate(label: string) {
  return z
    .string({ error: stringError(label) })
    .refine((s) => isIsoDate(s), `${label}: bitte ein gültiges Datum angeben (Format JJJJ-MM-TT, z. B. 2026-03-01).`)
    .refine((s) => !isIsoDate(s) || s >= '1900-01-01', `${label}: das Datum liegt vor 1900.`);
}

function choice<T extends string>(values: readonly [T, ...T[]], label: string) {
  return z.enum(values, { error: () => `Bitte ${label} auswählen.` });
}

function count(label: string) {
  return z
    .number({ error: () => `${label}: bitte eine Zahl angeben.` })
    .int(`${label}: bitte eine ganze Zahl angeben.`)
    .min(0, `${label} kann nicht negativ sein.`)
    .max(100_000, `${label}: bitte die Zahl prüfen (höchstens 100.000).`)
    .default(0);
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------------------------

export const addressSchema = z
  .object({
    street: text('Straße', 'B', 100),
    houseNumber: optionalText('Hausnummer', 'B', 15),
    postalCode: z.string({ error: stringError('Postleitzahl') }).trim().max(12, 'Postleitzahl ist zu lang.'),
    city: text('Ort', 'B', 80),
    /** ISO 3166-1 alpha-2; DE when absent. */
    country: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, 'Staat: bitte den zweistelligen Ländercode angeben (ISO 3166-1, z. B. DE, NL, PL).')
      .default('DE'),
  })
  .superRefine((a, ctx) => {
    if (a.country === 'DE' && !/^\d{5}$/.test(a.postalCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: `Die Postleitzahl „${a.postalCode}“ ist keine fünfstellige deutsche Postleitzahl.`,
      });
    }
    if (a.country !== 'DE' && a.postalCode) {
      const bad = invalidDin91379Characters(a.postalCode, 'B');
      if (bad.length) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: `Postleitzahl enthält ungültige Zeichen: ${describeCharacters(bad)}.` });
    }
  });
export type AddressData = z.output<typeof addressSchema>;

export const registerSchema = z
  .object({
    /** The register court, e.g. "Amtsgericht Osnabrück" (or just "Osnabrück"). */
    court: text('Registergericht', 'B', 80, 2),
    type: choice(REGISTER_TYPES, 'die Registerart (HRA, HRB, GnR, PR, VR, GsR)'),
    number: z.string({ error: stringError('Registernummer') }).trim().min(1, 'Registernummer fehlt.').max(20, 'Registernummer ist zu lang.'),
  })
  .superRefine((r, ctx) => {
    const prefix = /^(?:HR\s?[AB]|GnR|GsR|PR|VR)\b/i.exec(r.number);
    if (prefix) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: `Bitte nur die Nummer ohne „${prefix[0]}“ eintragen; die Registerart wird gesondert gewählt.`,
      });
      return;
    }
    if (!/^\d{1,6}(?: ?[A-Z]{1,3})?$/.test(r.number)) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: `Die Registernummer „${r.number}“ hat nicht das Format eines Registerblatts: bis zu sechs Ziffern, ggf. mit Buchstabenzusatz des Gerichts (z. B. „201234“ oder „12345 B“).`,
      });
    }
    if (/^0+(?: |$)/.test(r.number)) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'Die Registernummer kann nicht 0 sein.' });
    }
  });
export type RegisterData = z.output<typeof registerSchema>;

export const businessSchema = z.object({
  /** Registered name (Firma) with legal form; for an Einzelunternehmen the optional Geschäftsbezeichnung. */
  name: optionalText('Name des Betriebes / Firma', 'B', 200),
  legalForm: choice(LEGAL_FORM_IDS, 'die Rechtsform'),
  legalFormOther: optionalText('Bezeichnung der Rechtsform', 'B', 100),
  register: registerSchema.nullable().default(null),
  /** The entry has been applied for (a company "in Gründung"); the register data follow. */
  registrationPending: z.boolean().default(false),
});
export type BusinessData = z.output<typeof businessSchema>;

export const personSchema = z.object({
  role: choice(PERSON_ROLE_IDS, 'die Stellung der Person (Inhaber/in, Gesellschafter/in, gesetzliche/r Vertreter/in)'),
  /** Free wording of the position: "Geschäftsführerin", "Vorstand", "Komplementär". */
  position: optionalText('Funktion', 'B', 60),
  doctoralDegree: optionalText('Doktorgrad', 'B', 40),
  familyName: text('Familienname', 'A', 120),
  givenNames: text('Vornamen', 'A', 120),
  /** Only where it differs from the family name. */
  birthName: optionalText('Geburtsname', 'A', 120),
  sex: z.enum(['m', 'w', 'd', 'x']).nullable().default(null),
  birthDate: isoDate('Geburtsdatum'),
  birthPlace: text('Geburtsort', 'B', 80),
  birthCountry: text('Geburtsland', 'B', 80).default('Deutschland'),
  nationalities: z
    .array(text('Staatsangehörigkeit', 'B', 60), { error: () => 'Bitte die Staatsangehörigkeit(en) angeben.' })
    .min(1, 'Bitte mindestens eine Staatsangehörigkeit angeben.')
    .max(5, 'Höchstens fünf Staatsangehörigkeiten.'),
  /** Wohnanschrift. */
  address: addressSchema,
  /** A minor's Ermächtigung with the Familiengericht's Genehmigung (§ 112 BGB) was presented. */
  minorApproval: z.boolean().default(false),
});
export type PersonData = z.output<typeof personSchema>;

export const establishmentSchema = z.object({
  /** Betriebsstätte: must lie in the district. */
  address: addressSchema,
  kind: choice(ESTABLISHMENT_KIND_IDS, 'Haupt- oder Zweigniederlassung').default('hauptniederlassung'),
  /** Address of the Hauptniederlassung, for a Zweigniederlassung or unselbständige Zweigstelle. */
  mainEstablishment: addressSchema.nullable().default(null),
  phone: optionalText('Telefon', 'B', 40),
  email: optionalText('E-Mail', 'B', 120),
});
export type EstablishmentData = z.output<typeof establishmentSchema>;

export const permitSchema = z.object({
  /** "Erlaubnis nach § 34c GewO", "Gaststättenerlaubnis", "Erlaubnis nach § 3 GüKG". */
  kind: text('Art der Erlaubnis', 'B', 120),
  authority: text('Erteilende Behörde', 'B', 120),
  issuedOn: isoDate('Datum der Erlaubnis'),
  reference: optionalText('Aktenzeichen der Erlaubnis', 'B', 60),
});

export const craftCardSchema = z.object({
  chamber: text('Handwerkskammer', 'B', 120),
  issuedOn: isoDate('Datum der Handwerkskarte'),
});

export const activitySchema = z.object({
  description: text('Tätigkeit', 'C', 2000, 3),
  /** Klassifikation der Wirtschaftszweige, Ausgabe 2008, Unterklasse "NN.NN.N". */
  wz2008: z
    .string()
    .trim()
    .regex(/^$|^\d{2}\.\d{2}\.\d$/, 'WZ-2008-Schlüssel: bitte im Format „NN.NN.N“ angeben (z. B. 47.11.0).')
    .default(''),
  /** Carried on as a sideline (Nebenerwerb). */
  sideline: z.boolean().default(false),
  craft: choice(CRAFT_KIND_IDS, 'ob Handwerk vorliegt').default('keins'),
  /** A craft business with non-craft parts as well (member of IHK and HWK). */
  craftAlsoNonCraft: z.boolean().default(false),
  /** Handwerkskarte / entry in the Handwerksrolle (Anlage A) or Verzeichnis (Anlage B). */
  craftCard: craftCardSchema.nullable().default(null),
  /** Also carried on as Reisegewerbe (§ 55 GewO). */
  itinerant: z.boolean().default(false),
  /** The activity needs a permit (Erlaubnis, Genehmigung, Konzession, Bewilligung). */
  permitRequired: z.boolean().default(false),
  permit: permitSchema.nullable().default(null),
  /** Food is produced, handled or sold (Lebensmittelüberwachung, § 14 Abs. 8 Satz 1 Nr. 10 GewO). */
  food: z.boolean().default(false),
});
export type ActivityData = z.output<typeof activitySchema>;

export const employeesSchema = z
  .object({
    fullTime: count('Vollzeitbeschäftigte'),
    partTime: count('Teilzeitbeschäftigte'),
  })
  .default({ fullTime: 0, partTime: 0 });

/** Who made the notice where it is not a Gewerbetreibender: heirs, an Insolvenzverwalter, an agent. */
export const reporterSchema = z.object({
  familyName: text('Familienname der anzeigenden Person', 'A', 120),
  givenNames: text('Vornamen der anzeigenden Person', 'A', 120),
  capacity: text('Eigenschaft der anzeigenden Person (z. B. Erbin, Insolvenzverwalter, Bevollmächtigter)', 'B', 80),
  /** Where the Empfangsbescheinigung reaches the reporting person (required after a death). */
  address: addressSchema.nullable().default(null),
});

const common = {
  /** Date the notice reached the authority (Europe/Berlin); the reference of every date rule and of § 15 Abs. 1 GewO. */
  receivedOn: isoDate('Eingangsdatum der Anzeige'),
  business: businessSchema,
  persons: z
    .array(personSchema, { error: () => 'Bitte die anzeigenden Personen angeben.' })
    .min(1, 'Bitte mindestens eine anzeigende Person angeben.')
    .max(30, 'Höchstens 30 Personen je Anzeige; weitere bitte auf einem Beiblatt erfassen.'),
  establishment: establishmentSchema,
  activity: activitySchema,
  employees: employeesSchema,
  reporter: reporterSchema.nullable().default(null),
  /** Why the notice comes late (required when the date lies more than four weeks before receipt). */
  lateNoticeReason: optionalText('Grund der verspäteten Anzeige', 'C', 1000),
};

// ---------------------------------------------------------------------------------------------------------------
// Shared rules
// ---------------------------------------------------------------------------------------------------------------

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

export function isLocal(a: Pick<AddressData, 'postalCode' | 'country'>): boolean {
  return (a.country ?? 'DE') === 'DE' && LOCAL_DISTRICT.postalCodes.includes(a.postalCode);
}

function sameAddress(a: AddressData, b: AddressData): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .toLowerCase()
      .replace(/str(?:a(?:ß|ss)e|\.)/g, 'str')
      .replace(/[\s.-]+/g, '');
  return (
    norm(a.street) === norm(b.street) &&
    norm(a.houseNumber) === norm(b.houseNumber) &&
    a.postalCode === b.postalCode &&
    a.country === b.country
  );
}

function addressText(a: AddressData): string {
  return `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}`.replace(/\s+/g, ' ').replace(' ,', ',').trim();
}

interface CommonData {
  receivedOn: string;
  business: BusinessData;
  persons: PersonData[];
  establishment: EstablishmentData;
  activity: ActivityData;
  lateNoticeReason: string;
}

function checkBusiness(v: CommonData, ctx: Ctx): void {
  const b = v.business;
  const info = legalFormInfo(b.legalForm);
  const at = (...p: Path) => ['business', ...p];

  if (b.legalForm === 'sonstige' && !b.legalFormOther) {
    issue(ctx, at('legalFormOther'), 'Bei „Sonstige Rechtsform“ bitte die Rechtsform bezeichnen (z. B. „Verein“, „Stiftung“).');
  }

  // Name (Firma) and its legal-form suffix.
  const registered = !!b.register || b.registrationPending;
  const nameRequired = b.legalForm !== 'einzelunternehmen' && !(b.legalForm === 'gbr' && !registered);
  if (nameRequired && !b.name) {
    issue(ctx, at('name'), `Bitte den Namen des Betriebes (die Firma) angeben; bei der Rechtsform „${info.label}“ ist er Pflicht.`);
  }
  if (b.name && info.suffix && !info.suffix.test(b.name)) {
    issue(ctx, at('name'), `Die Firma „${b.name}“ enthält nicht den Rechtsformzusatz; nötig ist ${info.suffixHint}.`);
  }
  if (b.name && b.legalForm === 'gbr' && b.register && !/\beGbR\b|eingetragene\s+Gesellschaft\s+bürgerlichen\s+Rechts/u.test(b.name)) {
    issue(ctx, at('name'), `Der Name einer eingetragenen GbR muss ${LEGAL_FORMS.find((f) => f.id === 'gbr')!.suffixHint} enthalten.`);
  }
  if (b.name && b.legalForm === 'einzelunternehmen') {
    const m = REGISTERED_FORM_WORDS.exec(b.name);
    if (m) {
      issue(
        ctx,
        at('name'),
        `Die Geschäftsbezeichnung eines nicht eingetragenen Einzelunternehmens darf keinen Rechtsformzusatz wie „${m[0]}“ führen. Ist die Firma im Handelsregister eingetragen, bitte „e. K.“ als Rechtsform wählen.`,
      );
    }
  }

  // Register entry.
  if (info.register === 'none' && (b.register || b.registrationPending)) {
    issue(
      ctx,
      at('register'),
      'Ein Einzelunternehmen ohne Handelsregistereintrag hat keinen Registereintrag. Eingetragene Kaufleute wählen die Rechtsform „e. K.“.',
    );
  }
  if (info.register === 'required' && !b.register && !b.registrationPending) {
    issue(
      ctx,
      at('register'),
      `Für die Rechtsform „${info.label}“ bitte den Registereintrag angeben (Registergericht, ${info.registerTypes.join('/')}, Nummer) oder „Eintragung beantragt“ wählen.`,
    );
  }
  if (b.register && b.registrationPending) {
    issue(ctx, at('registrationPending'), 'Bitte entweder den Registereintrag angeben oder „Eintragung beantragt“ wählen, nicht beides.');
  }
  if (b.register && info.register !== 'none' && !(info.registerTypes as readonly string[]).includes(b.register.type)) {
    issue(
      ctx,
      at('register', 'type'),
      `Eine ${info.label} wird im ${info.registerTypes.map((t) => REGISTER_TYPE_LABELS[t]).join(' oder ')} eingetragen, nicht im ${REGISTER_TYPE_LABELS[b.register.type]}.`,
    );
  }
}

const naturalFormName = (id: string) => (id === 'einzelunternehmen' ? 'Ein Einzelunternehmen' : 'Ein Unternehmen eines eingetragenen Kaufmanns (e. K.)');

function checkPersons(v: CommonData, ctx: Ctx, form: GewerbeForm): void {
  const info = legalFormInfo(v.business.legalForm);
  const persons = v.persons;
  const roleLabel = (id: PersonRole) => PERSON_ROLES.find((r) => r.id === id)!.label;
  const allowed: Record<PersonKind, readonly PersonRole[]> = {
    natural: ['inhaber'],
    partnership: ['gesellschafter'],
    kg: ['gesellschafter', 'gesetzlicher_vertreter'],
    legal: ['gesetzlicher_vertreter'],
    other: ['inhaber', 'gesellschafter', 'gesetzlicher_vertreter'],
  };
  persons.forEach((p, i) => {
    if (!allowed[info.kind].includes(p.role)) {
      issue(
        ctx,
        ['persons', i, 'role'],
        `Bei der Rechtsform „${info.label}“ ist „${roleLabel(p.role)}“ nicht vorgesehen; möglich: ${allowed[info.kind].map(roleLabel).join(', ')}.`,
      );
    }
  });
  switch (info.kind) {
    case 'natural':
      if (persons.length !== 1) {
        issue(
          ctx,
          ['persons'],
          `${naturalFormName(info.id)} hat genau eine Inhaberin oder einen Inhaber; angegeben sind ${persons.length} Personen. Für mehrere Inhaber ist eine Personengesellschaft (z. B. GbR) zu wählen.`,
        );
      }
      break;
    case 'partnership':
      if (persons.length < 2) {
        issue(
          ctx,
          ['persons'],
          `Bei einer ${info.short} sind alle Gesellschafterinnen und Gesellschafter anzugeben (mindestens zwei); angegeben ist eine Person.`,
        );
      }
      break;
    case 'kg':
      if (!persons.some((p) => p.role === 'gesellschafter') && !persons.some((p) => p.role === 'gesetzlicher_vertreter')) {
        issue(ctx, ['persons'], 'Bei einer KG sind die persönlich haftenden Gesellschafter anzugeben.');
      }
      break;
    case 'legal':
      // At least one (the array minimum); the role check above makes them legal representatives.
      break;
    case 'other':
      break;
  }

  const seen = new Map<string, number>();
  persons.forEach((p, i) => {
    const key = `${p.familyName.normalize('NFC').toLowerCase()}|${p.givenNames.normalize('NFC').toLowerCase()}|${p.birthDate}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue(ctx, ['persons', i], `Die Person ${p.givenNames} ${p.familyName} (geb. ${safeDate(p.birthDate)}) ist doppelt angegeben (wie Nr. ${first + 1}).`);
    } else seen.set(key, i);

    if (!isIsoDate(p.birthDate) || !isIsoDate(v.receivedOn)) return;
    if (p.birthDate >= v.receivedOn) {
      issue(ctx, ['persons', i, 'birthDate'], `Das Geburtsdatum ${germanDate(p.birthDate)} liegt nicht vor dem Eingang der Anzeige.`);
      return;
    }
    const age = yearsBetween(p.birthDate, v.receivedOn);
    if (age > 120) {
      issue(ctx, ['persons', i, 'birthDate'], `Das Geburtsdatum ${germanDate(p.birthDate)} ergibt ein Alter von ${age} Jahren; bitte prüfen.`);
    } else if (age < 18 && !p.minorApproval && form !== 'GewA3') {
      issue(
        ctx,
        ['persons', i, 'minorApproval'],
        `${p.givenNames} ${p.familyName} ist am Eingangstag ${age} Jahre alt. Minderjährige betreiben ein Gewerbe nur mit Ermächtigung des gesetzlichen Vertreters und Genehmigung des Familiengerichts (§ 112 BGB); bitte die Genehmigung prüfen und vermerken.`,
      );
    }
  });
}

function safeDate(iso: string): string {
  return isIsoDate(iso) ? germanDate(iso) : iso;
}

function checkEstablishment(v: CommonData, ctx: Ctx, form: GewerbeForm): void {
  const e = v.establishment;
  if (!isLocal(e.address)) {
    issue(
      ctx,
      ['establishment', 'address', 'postalCode'],
      `Die Betriebsstätte (${addressText(e.address)}) liegt nicht in ${LOCAL_DISTRICT.city} (PLZ ${LOCAL_DISTRICT.postalCodes.join(', ')}). Zuständig ist die Gewerbebehörde am Ort der Betriebsstätte (§ 14 Abs. 1 GewO)${form === 'GewA1' ? '' : '; anzuzeigen ist die Betriebsstätte in Lingen, um die es geht'}.`,
    );
  }
  if (e.kind !== 'hauptniederlassung' && !e.mainEstablishment) {
    const k = ESTABLISHMENT_KINDS.find((x) => x.id === e.kind)!.label;
    issue(ctx, ['establishment', 'mainEstablishment'], `Bei einer ${k} bitte die Anschrift der Hauptniederlassung angeben.`);
  }
  if (e.email && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(e.email)) {
    issue(ctx, ['establishment', 'email'], `Die E-Mail-Adresse „${e.email}“ ist ungültig.`);
  }
}

function checkActivity(v: CommonData, ctx: Ctx): void {
  const a = v.activity;
  if (a.craftCard && isIsoDate(a.craftCard.issuedOn) && isIsoDate(v.receivedOn) && a.craftCard.issuedOn > v.receivedOn) {
    issue(ctx, ['activity', 'craftCard', 'issuedOn'], 'Die Handwerkskarte kann nicht nach dem Eingang der Anzeige ausgestellt sein.');
  }
  if (a.craftCard && a.craft === 'keins') {
    issue(ctx, ['activity', 'craft'], 'Eine Handwerkskarte ist angegeben, aber kein Handwerk gewählt; bitte Anlage A oder B der HwO wählen.');
  }
  if (a.permit && isIsoDate(a.permit.issuedOn) && isIsoDate(v.receivedOn) && a.permit.issuedOn > v.receivedOn) {
    issue(ctx, ['activity', 'permit', 'issuedOn'], 'Die Erlaubnis kann nicht nach dem Eingang der Anzeige erteilt sein.');
  }
  if (a.permit && !a.permitRequired) {
    issue(ctx, ['activity', 'permitRequired'], 'Eine Erlaubnis ist angegeben; bitte „erlaubnispflichtig“ ankreuzen.');
  }
}

/**
 * The effective date against the receipt date: at most MAX_FUTURE_MONTHS ahead; more than LATE_NOTICE_DAYS back
 * only with a reason.
 */
function checkEffectiveDate(v: CommonData, ctx: Ctx, date: string, path: Path, label: string, form: GewerbeForm): void {
  if (!isIsoDate(date) || !isIsoDate(v.receivedOn)) return;
  const latest = addMonths(v.receivedOn, MAX_FUTURE_MONTHS);
  if (date > latest) {
    issue(
      ctx,
      path,
      `${label} (${germanDate(date)}) liegt mehr als ${MAX_FUTURE_MONTHS} Monate nach dem Eingang der Anzeige (${germanDate(v.receivedOn)}). ` +
        `Eine ${FORM_INFO[form].title} wird höchstens ${MAX_FUTURE_MONTHS} Monate im Voraus angenommen, also mit einem Datum bis ${germanDate(latest)}.`,
    );
  }
  const earliest = addDays(v.receivedOn, -LATE_NOTICE_DAYS);
  if (date < earliest) {
    const event = form === 'GewA1' ? 'dem Beginn' : form === 'GewA2' ? 'der Änderung' : 'der Aufgabe';
    if (!v.lateNoticeReason) {
      issue(
        ctx,
        ['lateNoticeReason'],
        `${label} (${germanDate(date)}) liegt mehr als vier Wochen vor dem Eingang der Anzeige (${germanDate(v.receivedOn)}). ` +
          `Die Anzeige ist gleichzeitig mit ${event} zu erstatten (§ 14 Abs. 1 GewO); bitte den Grund der verspäteten Anzeige angeben.`,
      );
    } else if (v.lateNoticeReason.length < MIN_LATE_REASON_LENGTH) {
      issue(ctx, ['lateNoticeReason'], `Bitte den Grund der verspäteten Anzeige in einigen Worten angeben (mindestens ${MIN_LATE_REASON_LENGTH} Zeichen).`);
    }
  }
}

function checkCommon(v: CommonData, ctx: Ctx, form: GewerbeForm): void {
  checkBusiness(v, ctx);
  checkPersons(v, ctx, form);
  checkEstablishment(v, ctx, form);
  checkActivity(v, ctx);
}

// ---------------------------------------------------------------------------------------------------------------
// The three forms
// ---------------------------------------------------------------------------------------------------------------

/** The fields of a GewA 1 without its cross-field rules (for the online variant). */
const gewerbeAnmeldungShape = z.object({
  form: z.literal('GewA1'),
  ...common,
  reason: choice(REGISTRATION_REASON_IDS, 'den Grund der Anmeldung').default('neugruendung'),
  reasonOther: optionalText('Sonstiger Grund der Anmeldung', 'C', 200),
  takeover: z
    .object({
      kind: choice(TAKEOVER_KIND_IDS, 'die Art der Übernahme'),
      previousOwner: text('Name des bisherigen Gewerbetreibenden', 'B', 200),
    })
    .nullable()
    .default(null),
  /** For a Zuzug: the previous Betriebsstätte outside the district. */
  previousEstablishment: addressSchema.nullable().default(null),
  startDate: isoDate('Beginn der Tätigkeit'),
  /** Clerk's finding: indications of offences under the SchwarzArbG/AÜG (§ 3 Abs. 3 GewAnzV) — goes to customs. */
  customsIndications: z.boolean().default(false),
});

function checkAnmeldung(v: Omit<z.output<typeof gewerbeAnmeldungShape>, 'customsIndications'>, ctx: Ctx): void {
  checkCommon(v, ctx, 'GewA1');
  checkEffectiveDate(v, ctx, v.startDate, ['startDate'], 'Der Beginn der Tätigkeit', 'GewA1');
  if (v.reason === 'uebernahme' && !v.takeover) {
    issue(ctx, ['takeover'], 'Bei einer Übernahme bitte die Art (Kauf, Pacht, Erbfolge) und den bisherigen Gewerbetreibenden angeben.');
  }
  if (v.reason === 'sonstige' && !v.reasonOther) {
    issue(ctx, ['reasonOther'], 'Bei „Sonstiger Grund“ bitte den Grund der Anmeldung angeben.');
  }
  if (v.reason === 'zuzug') {
    if (!v.previousEstablishment) {
      issue(ctx, ['previousEstablishment'], 'Bei einer Verlegung aus einem anderen Meldebezirk bitte die frühere Betriebsstätte angeben.');
    } else if (isLocal(v.previousEstablishment)) {
      issue(
        ctx,
        ['previousEstablishment', 'postalCode'],
        `Die frühere Betriebsstätte liegt ebenfalls in ${LOCAL_DISTRICT.city}; eine Verlegung innerhalb der Stadt ist eine Gewerbe-Ummeldung (GewA 2).`,
      );
    }
  }
}

export const gewerbeAnmeldungData = gewerbeAnmeldungShape.superRefine(checkAnmeldung);

/**
 * The online GewA 1 (FIT-Connect Fachdaten, see ../online.ts): without `customsIndications`, the clerk's finding of
 * § 3 Abs. 3 GewAnzV that no applicant states.
 */
export const gewerbeAnmeldungOnlineData = gewerbeAnmeldungShape.omit({ customsIndications: true }).superRefine(checkAnmeldung);

export const gewerbeUmmeldungData = z
  .object({
    form: z.literal('GewA2'),
    ...common,
    changes: z.object({
      /** The Betriebsstätte moves within the district (establishment.address is the new one). */
      relocation: z.boolean().default(false),
      previousAddress: addressSchema.nullable().default(null),
      activityChange: choice(ACTIVITY_CHANGE_IDS, 'die Art der Änderung der Tätigkeit').default('keine'),
      /** The activity as registered so far (establishment.activity is the new one). */
      previousActivity: optionalText('Bisherige Tätigkeit', 'C', 2000),
    }),
    changeDate: isoDate('Datum der Änderung'),
  })
  .superRefine((v, ctx) => {
    checkCommon(v, ctx, 'GewA2');
    checkEffectiveDate(v, ctx, v.changeDate, ['changeDate'], 'Das Datum der Änderung', 'GewA2');
    const c = v.changes;
    if (!c.relocation && c.activityChange === 'keine') {
      issue(
        ctx,
        ['changes'],
        'Eine Ummeldung braucht eine Änderung: Verlegung der Betriebsstätte innerhalb der Stadt oder Wechsel bzw. Ausdehnung der Tätigkeit (§ 14 Abs. 1 Satz 2 Nr. 1 und 2 GewO).',
      );
    }
    if (c.relocation) {
      if (!c.previousAddress) {
        issue(ctx, ['changes', 'previousAddress'], 'Bei einer Verlegung bitte die bisherige Betriebsstätte angeben.');
      } else {
        if (!isLocal(c.previousAddress)) {
          issue(
            ctx,
            ['changes', 'previousAddress', 'postalCode'],
            `Die bisherige Betriebsstätte liegt nicht in ${LOCAL_DISTRICT.city}. Ein Zuzug aus einem anderen Meldebezirk ist eine Gewerbe-Anmeldung (GewA 1, Grund „Verlegung aus einem anderen Meldebezirk“).`,
          );
        }
        if (sameAddress(c.previousAddress, v.establishment.address)) {
          issue(ctx, ['changes', 'previousAddress'], 'Die bisherige und die neue Betriebsstätte sind gleich; bei einer Verlegung bitte beide Anschriften angeben.');
        }
      }
    }
    if (c.activityChange !== 'keine' && c.previousActivity && c.previousActivity === v.activity.description) {
      issue(ctx, ['activity', 'description'], 'Die neue Tätigkeit ist wortgleich mit der bisherigen; bitte die Tätigkeit nach der Änderung angeben.');
    }
  });

export const gewerbeAbmeldungData = z
  .object({
    form: z.literal('GewA3'),
    ...common,
    endDate: isoDate('Datum der Betriebsaufgabe'),
    reason: choice(DEREGISTRATION_REASON_IDS, 'den Grund der Abmeldung'),
    reasonOther: optionalText('Sonstiger Grund der Abmeldung', 'C', 200),
    /** For a Verlegung aus dem Meldebezirk: the new Betriebsstätte. */
    newAddress: addressSchema.nullable().default(null),
    /** The business is carried on by someone else (Übergabe, Verpachtung, Erbfolge). */
    continuedBySomeoneElse: z.boolean().default(false),
    successor: optionalText('Name des künftigen Gewerbetreibenden', 'B', 200),
  })
  .superRefine((v, ctx) => {
    checkCommon(v, ctx, 'GewA3');
    checkEffectiveDate(v, ctx, v.endDate, ['endDate'], 'Das Datum der Betriebsaufgabe', 'GewA3');
    if (v.reason === 'sonstige' && !v.reasonOther) {
      issue(ctx, ['reasonOther'], 'Bei „Sonstiger Grund“ bitte den Grund der Abmeldung angeben.');
    }
    if (v.reason === 'verlegung') {
      if (!v.newAddress) {
        issue(ctx, ['newAddress'], 'Bei einer Verlegung aus dem Meldebezirk bitte die neue Betriebsstätte angeben.');
      } else if (isLocal(v.newAddress)) {
        issue(
          ctx,
          ['newAddress', 'postalCode'],
          `Die neue Betriebsstätte liegt in ${LOCAL_DISTRICT.city}; eine Verlegung innerhalb der Stadt ist eine Gewerbe-Ummeldung (GewA 2), keine Abmeldung.`,
        );
      }
    }
    if (v.reason === 'gesellschafteraustritt' && !['partnership', 'kg'].includes(legalFormInfo(v.business.legalForm).kind)) {
      issue(ctx, ['reason'], 'Ein Gesellschafteraustritt setzt eine Personengesellschaft voraus (GbR, OHG, KG).');
    }
    if (v.reason === 'tod' && !v.reporter) {
      issue(
        ctx,
        ['reporter'],
        'Nach dem Tod des Gewerbetreibenden erstatten die Erben oder der Nachlassverwalter die Abmeldung; bitte die anzeigende Person und ihre Eigenschaft angeben.',
      );
    } else if (v.reason === 'tod' && !v.reporter?.address) {
      issue(
        ctx,
        ['reporter', 'address'],
        'Bitte die Anschrift der anzeigenden Person angeben: die Empfangsbescheinigung geht nach dem Tod des Gewerbetreibenden an sie.',
      );
    }
    if (v.continuedBySomeoneElse && !v.successor) {
      issue(ctx, ['successor'], 'Wird der Betrieb von jemand anderem fortgeführt, bitte dessen Namen angeben.');
    }
  });

export const gewerbeanzeigeData = z.discriminatedUnion('form', [gewerbeAnmeldungData, gewerbeUmmeldungData, gewerbeAbmeldungData]);

export type GewerbeAnmeldungData = z.output<typeof gewerbeAnmeldungData>;
export type GewerbeUmmeldungData = z.output<typeof gewerbeUmmeldungData>;
export type GewerbeAbmeldungData = z.output<typeof gewerbeAbmeldungData>;
export type GewerbeanzeigeData = z.output<typeof gewerbeanzeigeData>;
export type GewerbeanzeigeInput = z.input<typeof gewerbeanzeigeData>;

/** The effective date of the notice: start, change or end. */
export function effectiveDate(d: GewerbeanzeigeData): { label: string; date: string } {
  switch (d.form) {
    case 'GewA1':
      return { label: FORM_INFO.GewA1.dateLabel, date: d.startDate };
    case 'GewA2':
      return { label: FORM_INFO.GewA2.dateLabel, date: d.changeDate };
    case 'GewA3':
      return { label: FORM_INFO.GewA3.dateLabel, date: d.endDate };
  }
}

/** German messages of a failed parse, "Feld: Meldung" (for logs and errors outside the form UI). */
export function issueMessages(error: z.ZodError): string[] {
  return error.issues.map((i) => i.message);
}
