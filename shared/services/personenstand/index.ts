/**
 * Personenstandsurkunden (PStG §§ 55–62, PStV § 48): Geburts-, Ehe-, Lebenspartnerschafts- und Sterbeurkunde and the
 * beglaubigte Registerausdruck, issued by the Standesamt from its Personenstandsregister.
 *
 * One service with the certificate kind in its data, so one FIT-Connect service identifier: the project URN
 * PERSONENSTAND_SERVICE_URN ("urn:bbdesk:leistung:personenstandsurkunde"; no single LeiKa key covers all kinds, and
 * Eheurkunde, Lebenspartnerschaftsurkunde and Registerausdruck have none confirmed). A portal that files a Geburts-
 * or Sterbeurkunde under the LeiKa key of that kind (DOMAIN.md: Geburtsurkunde 99027002012000, Sterbeurkunde
 * 99101004012000) reaches the same service: those URNs are its `alternativeIdentifiers`, and
 * `kindForServiceIdentifier` tells which kind such a URN names (the data's `kind` must agree).
 *
 * Online applications carry `personenstandOnlineData` (below): the applicant names the entry instead of its
 * register reference, which the Standesamt looks up.
 *
 * The rules: entitlement (§ 62) and fees in ./entitlement, register entries and current facts in ./register.
 */
import { z } from 'zod';
import { describeCharacters, invalidNameCharacters, invalidTextCharacters } from '../../domain/names';
import { DELIVERY_METHODS } from '../../domain/channels';
import { defineService, leikaUrn, projectUrn } from '../types';
import { RELATIONS, MIN_INTEREST_LENGTH, DEFAULT_FEES, fee as feeFor, type PersonenstandFees } from './entitlement';
import {
  FIRST_REGISTER_YEAR,
  REGISTER_NAMES,
  isIsoDate,
  parseRegisterReference,
  referenceProblem,
  type RegisterKind,
  type RegisterReference,
} from './register';

export * from './entitlement';
export * from './register';

// ---------------------------------------------------------------------------------------------------------------
// Certificate kinds

export interface CertificateKind {
  id: string;
  label: string;
  /** The registers it is issued from (the Registerausdruck from each, the others from one). */
  registers: readonly RegisterKind[];
  /** Content rule. */
  statute: string;
  /** Model form of the PStV. */
  form: string;
  /** LeiKa key of this kind alone, or null where none was found. */
  leikaKey: string | null;
}

export const CERTIFICATE_KINDS = [
  {
    id: 'geburtsurkunde',
    label: 'Geburtsurkunde',
    registers: ['G'],
    statute: '§ 59 PStG',
    form: 'PStV Anlage 8',
    leikaKey: '99027002012000',
  },
  {
    id: 'eheurkunde',
    label: 'Eheurkunde',
    registers: ['E'],
    statute: '§ 57 PStG',
    form: 'PStV Anlage 6',
    leikaKey: null,
  },
  {
    id: 'lebenspartnerschaftsurkunde',
    label: 'Lebenspartnerschaftsurkunde',
    registers: ['L'],
    statute: '§ 58 PStG',
    form: 'PStV Anlage 7',
    leikaKey: null,
  },
  {
    id: 'sterbeurkunde',
    label: 'Sterbeurkunde',
    registers: ['S'],
    statute: '§ 60 PStG',
    form: 'PStV Anlage 9',
    leikaKey: '99101004012000',
  },
  {
    id: 'registerausdruck',
    label: 'Beglaubigter Registerausdruck',
    registers: ['G', 'E', 'L', 'S'],
    statute: '§ 55 Abs. 1 Nr. 1 PStG',
    form: 'PStV Anlagen 2–5',
    leikaKey: null,
  },
] as const satisfies readonly CertificateKind[];

export type CertificateKindId = (typeof CERTIFICATE_KINDS)[number]['id'];
const KIND_IDS = CERTIFICATE_KINDS.map((k) => k.id) as [CertificateKindId, ...CertificateKindId[]];

export function certificateKind(id: CertificateKindId): CertificateKind {
  return CERTIFICATE_KINDS.find((k) => k.id === id)!;
}

/** The service identifier: one project URN for all kinds (see the head of this file). */
export const PERSONENSTAND_SERVICE_URN = projectUrn('personenstandsurkunde');

/** The LeiKa URN of a single kind where its LeiKa key is known (Geburtsurkunde, Sterbeurkunde), else null. */
export function kindLeikaUrn(id: CertificateKindId): string | null {
  const k = certificateKind(id);
  return k.leikaKey ? leikaUrn(k.leikaKey) : null;
}

/**
 * The kind a submission's service identifier names when it is the LeiKa URN of a single kind, else null (also for
 * PERSONENSTAND_SERVICE_URN: the kind is then only in the data).
 */
export function kindForServiceIdentifier(urn: string): CertificateKindId | null {
  return CERTIFICATE_KINDS.find((k) => kindLeikaUrn(k.id) === urn.trim())?.id ?? null;
}

/** Whether a certificate of this kind can be issued from an entry of this register. */
export function kindFitsRegister(id: CertificateKindId, register: RegisterKind): boolean {
  return (certificateKind(id).registers as readonly RegisterKind[]).includes(register);
}

// ---------------------------------------------------------------------------------------------------------------
// Purposes (a § 64 SGB X purpose waives the fee; the certificate then says what it is valid for)

export const PURPOSES = [
  { id: 'allgemein', label: 'Allgemeine Vorlage', free: false },
  { id: 'eheschliessung', label: 'Anmeldung einer Eheschließung', free: false },
  { id: 'ausweis', label: 'Pass- oder Personalausweisangelegenheit', free: false },
  { id: 'nachlass', label: 'Nachlass- oder Erbscheinangelegenheit', free: false },
  { id: 'ausland', label: 'Vorlage im Ausland', free: false },
  { id: 'familienforschung', label: 'Familienforschung', free: false },
  { id: 'rente', label: 'Rentenangelegenheit', free: true },
  { id: 'familienleistung', label: 'Kindergeld, Elterngeld oder Mutterschaftsleistungen', free: true },
  { id: 'sozialleistung', label: 'andere Sozialleistung', free: true },
] as const;
export type PurposeId = (typeof PURPOSES)[number]['id'];
const PURPOSE_IDS = PURPOSES.map((p) => p.id) as [PurposeId, ...PurposeId[]];

export function isFreePurpose(purpose: PurposeId): boolean {
  return PURPOSES.some((p) => p.id === purpose && p.free);
}

/** "Nur gültig für Rentenangelegenheit (gebührenfrei nach § 64 SGB X)." for a free purpose, else null. */
export function purposeNote(purpose: PurposeId): string | null {
  const p = PURPOSES.find((x) => x.id === purpose);
  return p?.free ? `Gebührenfrei nach § 64 SGB X; nur gültig für: ${p.label}.` : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Application data

export const MAX_COPIES = 10;

const isoDate = z.string().refine(isIsoDate, 'Bitte ein gültiges Datum angeben (JJJJ-MM-TT).');

export const birthCertificateOptions = z.object({
  /** § 59 Abs. 2 PStG: without the Geschlecht (the field is left out, § 48 Abs. 2 PStV). */
  withoutSex: z.boolean().default(false),
  /** § 59 Abs. 2 PStG: without the parents (the fields are left out, § 48 Abs. 2 PStV). */
  withoutParents: z.boolean().default(false),
  /** § 48 Abs. 1a PStV: the parents (register positions) who ask to be called "Elternteil". */
  elternteilFor: z.array(z.union([z.literal(1), z.literal(2)])).max(2).default([]),
});
export type BirthCertificateOptions = z.infer<typeof birthCertificateOptions>;

const NO_BIRTH_OPTIONS: BirthCertificateOptions = { withoutSex: false, withoutParents: false, elternteilFor: [] };

/** The part of an application that is the same at the counter and online. */
interface RequestFields {
  kind: CertificateKindId;
  relation: (typeof RELATIONS)[number];
  legalInterest: string;
  birthOptions: BirthCertificateOptions;
  withHinweise: boolean;
}

/** "Eine Geburtsurkunde wird aus dem Geburtenregister (G) ausgestellt; …" when the reference names another register. */
export function kindRegisterMismatch(kind: CertificateKindId, reference: string): string | null {
  const ref = parseRegisterReference(reference);
  if (!ref || kindFitsRegister(kind, ref.register)) return null;
  const k = certificateKind(kind);
  const expected = k.registers[0]!;
  return `Eine ${k.label} wird aus dem ${REGISTER_NAMES[expected]} (${expected}) ausgestellt; „${reference}“ bezeichnet einen Eintrag im ${REGISTER_NAMES[ref.register]}.`;
}

/** Rules on the legal interest (§ 62 PStG), the options of a Geburtsurkunde and the Hinweise (§ 48 PStV). */
export function checkRequest(v: RequestFields, ctx: z.RefinementCtx): void {
  if ((v.relation === 'sibling' || v.relation === 'other') && v.legalInterest.length < MIN_INTEREST_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      path: ['legalInterest'],
      message:
        v.relation === 'sibling'
          ? 'Geschwister müssen ihr Interesse an der Urkunde darlegen (§ 62 Abs. 1 Satz 2 PStG).'
          : 'Andere Personen müssen ihr rechtliches Interesse an der Urkunde darlegen (§ 62 Abs. 1 Satz 2 PStG).',
    });
  }
  const o = v.birthOptions;
  if (v.kind !== 'geburtsurkunde') {
    if (o.withoutSex || o.withoutParents || o.elternteilFor.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthOptions'],
        message: 'Diese Angaben gibt es nur bei der Geburtsurkunde.',
      });
    }
  } else {
    if (new Set(o.elternteilFor).size !== o.elternteilFor.length) {
      ctx.addIssue({ code: 'custom', path: ['birthOptions', 'elternteilFor'], message: 'Jeden Elternteil nur einmal angeben.' });
    }
    if (o.withoutParents && o.elternteilFor.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthOptions', 'elternteilFor'],
        message: 'Ohne Angaben zu den Eltern entfällt auch die Bezeichnung „Elternteil“.',
      });
    }
    if (o.elternteilFor.length && v.relation !== 'ancestor') {
      ctx.addIssue({
        code: 'custom',
        path: ['birthOptions', 'elternteilFor'],
        message:
          'Die Bezeichnung „Elternteil“ statt „Mutter“ oder „Vater“ kann nur der so eingetragene Elternteil selbst verlangen (§ 48 Abs. 1a PStV).',
      });
    }
  }
  if (v.withHinweise && v.kind !== 'registerausdruck') {
    ctx.addIssue({
      code: 'custom',
      path: ['withHinweise'],
      message: 'Hinweise werden nur in einen beglaubigten Registerausdruck aufgenommen (§ 48 Abs. 3 PStV).',
    });
  }
}

/**
 * The applicant at the counter when no person from the Melderegister is attached (a relative from elsewhere, a
 * lawyer …): the name for the case, the birth date for the age rule (§ 62 Abs. 1 Satz 3 PStG), the address for
 * postal delivery.
 */
export const counterApplicant = z.object({
  familyName: name('Familienname', 'den Familiennamen der antragstellenden Person'),
  givenNames: name('Vornamen', 'die Vornamen der antragstellenden Person'),
  birthDate: isoDate,
  street: z.string().trim().min(1, 'Bitte die Straße angeben.').max(80),
  houseNumber: z.string().trim().min(1, 'Bitte die Hausnummer angeben.').max(12),
  postalCode: z.string().trim().regex(/^\d{5}$/, 'Bitte eine fünfstellige Postleitzahl angeben.'),
  city: z.string().trim().min(1, 'Bitte den Ort angeben.').max(80),
});
export type CounterApplicant = z.infer<typeof counterApplicant>;

/** Who signs and seals: the name printed on the certificate is this user's (§ 56 Abs. 3 PStG). */
export const signerSchema = z.object({
  userId: z.number().int().positive(),
  title: z.enum(['Standesbeamtin', 'Standesbeamter']),
});
export type Signer = z.infer<typeof signerSchema>;

export const personenstandData = z
  .object({
    kind: z.enum(KIND_IDS),
    /**
     * "G 399/2010": register, entry number and year. null only on an online order whose entry the Standesamt has
     * not identified yet; the clerk assigns it before the certificate is issued.
     */
    registerReference: z.string().trim().min(1, 'Bitte das Registerzeichen angeben, z. B. „G 399/2010“.').max(20).nullable(),
    copies: z.number().int().min(1, 'Mindestens eine Ausfertigung.').max(MAX_COPIES, `Höchstens ${MAX_COPIES} Ausfertigungen.`).default(1),
    purpose: z.enum(PURPOSE_IDS),
    relation: z.enum(RELATIONS),
    /** Required for siblings and other persons (§ 62 Abs. 1 Satz 2 PStG). */
    legalInterest: z.string().trim().max(2000).default(''),
    /** The applicant's date of birth (§ 62 Abs. 1 Satz 3); at the counter taken from the Melderegister. */
    applicantBirthDate: isoDate.optional(),
    /** Geburtsurkunde only. */
    birthOptions: birthCertificateOptions.default(NO_BIRTH_OPTIONS),
    /** Registerausdruck only: include the Hinweise (§ 48 Abs. 3 PStV: only on request). */
    withHinweise: z.boolean().default(false),
    delivery: z.enum(DELIVERY_METHODS),
    /** At the counter without a Melderegister person: the applicant (see counterApplicant). */
    applicant: counterApplicant.nullable().default(null),
    /** The Standesbeamtin/Standesbeamter who will sign; required before the certificate is printed. */
    signer: signerSchema.nullable().default(null),
    /** Online orders: the entry as the applicant named it (kept for the clerk who looks it up). */
    requestedEntry: z.lazy(() => onlineEntrySchema).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    const problem = v.registerReference === null ? null : referenceProblem(v.registerReference, new Date().getUTCFullYear());
    if (v.registerReference === null) {
      // Assigned later by the clerk (online orders).
    } else if (problem) {
      ctx.addIssue({ code: 'custom', path: ['registerReference'], message: problem });
    } else {
      const mismatch = kindRegisterMismatch(v.kind, v.registerReference);
      if (mismatch) ctx.addIssue({ code: 'custom', path: ['registerReference'], message: mismatch });
    }
    checkRequest(v, ctx);
  });
export type PersonenstandData = z.infer<typeof personenstandData>;

/** The parsed register reference of validated data (throws when none is assigned yet). */
export function dataReference(data: PersonenstandData): RegisterReference {
  const ref = data.registerReference === null ? null : parseRegisterReference(data.registerReference);
  if (!ref) throw new Error(`Ungültiges Registerzeichen: ${data.registerReference}`);
  return ref;
}

// ---------------------------------------------------------------------------------------------------------------
// Online order

/*
 * The online order (FIT-Connect Fachdaten `antrag`, see ../online.ts).
 *
 * Differences from the case data (`personenstandData`), and why:
 * - the applicant names the entry (`eintrag`: the person's names, the day and place of the event, for a marriage or
 *   partnership the other person) instead of its register reference: few citizens know "G 399/2010". The Standesamt
 *   looks the entry up; a reference the applicant does know may be given (`registerzeichen`) and is checked.
 * - no `applicantBirthDate`: it is the applicant's (`antragsteller.geburtsdatum`).
 * - no `delivery`: documents ordered online are sent by post (DOMAIN.md).
 * The rules on the legal interest, the options of a Geburtsurkunde and the Hinweise are those of the counter
 * (`checkRequest`).
 */
/** The Standesamt's own place: entries of events elsewhere are kept by the Standesamt of that place. */
export const STANDESAMT_PLACE = 'Lingen (Ems)';

/** A name of a natural person (DIN 91379 data type A); `field` names it in messages, `ask` asks for it. */
function name(field: string, ask: string) {
  return z
    .string({ error: `Bitte ${ask} angeben.` })
    .trim()
    .min(1, `Bitte ${ask} angeben.`)
    .max(120, `${field}: höchstens 120 Zeichen.`)
    .superRefine((v, ctx) => {
      const bad = invalidNameCharacters(v);
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `${field}: Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}.` });
      }
    });
}

export const onlineEntrySchema = z.object({
  /** Family name of the person the entry is about (for a marriage or partnership: one of the two). */
  familienname: name('Familienname', 'den Familiennamen der Person im Eintrag'),
  vornamen: name('Vornamen', 'die Vornamen der Person im Eintrag'),
  /** Geburtsname where it differs from the family name. */
  geburtsname: name('Geburtsname', 'den Geburtsnamen').nullable().default(null),
  /** Day of the birth, the marriage, the partnership or the death. */
  ereignisdatum: z
    .string({ error: 'Bitte das Datum des Ereignisses angeben (Geburt, Eheschließung, Begründung der Lebenspartnerschaft oder Tod).' })
    .refine(isIsoDate, 'Datum des Ereignisses: bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.'),
  ereignisort: z
    .string({ error: 'Bitte den Ort des Ereignisses angeben.' })
    .trim()
    .min(1, 'Bitte den Ort des Ereignisses angeben.')
    .max(80, 'Ort des Ereignisses: höchstens 80 Zeichen.')
    .superRefine((v, ctx) => {
      const bad = invalidTextCharacters(v);
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `Ort des Ereignisses: Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}.` });
      }
    })
    .default(STANDESAMT_PLACE),
  /** The other spouse or partner (Ehe- and Lebenspartnerschaftsurkunde). */
  ehegatte: z
    .object({
      familienname: name('Familienname des Ehegatten oder Lebenspartners', 'den Familiennamen des Ehegatten oder Lebenspartners'),
      vornamen: name('Vornamen des Ehegatten oder Lebenspartners', 'die Vornamen des Ehegatten oder Lebenspartners'),
    })
    .nullable()
    .default(null),
  /** The register reference, where the applicant knows it ("G 399/2010"). */
  registerzeichen: z.string().trim().max(20, 'Registerzeichen: höchstens 20 Zeichen.').nullable().default(null),
});

export const personenstandOnlineData = z
  .object({
    kind: z.enum(KIND_IDS, { error: 'Bitte die Art der Urkunde wählen (Geburts-, Ehe-, Lebenspartnerschafts-, Sterbeurkunde oder Registerausdruck).' }),
    eintrag: onlineEntrySchema,
    copies: z
      .number({ error: 'Anzahl der Ausfertigungen: bitte eine Zahl angeben.' })
      .int('Anzahl der Ausfertigungen: bitte eine ganze Zahl angeben.')
      .min(1, 'Mindestens eine Ausfertigung.')
      .max(MAX_COPIES, `Höchstens ${MAX_COPIES} Ausfertigungen.`)
      .default(1),
    purpose: z.enum(PURPOSE_IDS, { error: 'Bitte den Verwendungszweck wählen.' }),
    relation: z.enum(RELATIONS, { error: 'Bitte angeben, in welcher Beziehung Sie zu der Person im Eintrag stehen.' }),
    /** Required for siblings and other persons (§ 62 Abs. 1 Satz 2 PStG). */
    legalInterest: z.string().trim().max(2000, 'Begründung: höchstens 2000 Zeichen.').default(''),
    birthOptions: birthCertificateOptions.default(NO_BIRTH_OPTIONS),
    withHinweise: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const e = v.eintrag;
    if (isIsoDate(e.ereignisdatum) && Number(e.ereignisdatum.slice(0, 4)) < FIRST_REGISTER_YEAR) {
      ctx.addIssue({
        code: 'custom',
        path: ['eintrag', 'ereignisdatum'],
        message: `Personenstandsregister gibt es seit ${FIRST_REGISTER_YEAR}; für frühere Ereignisse bitte an das Kirchenbuchamt oder Archiv wenden.`,
      });
    }
    if (!/lingen/i.test(e.ereignisort)) {
      ctx.addIssue({
        code: 'custom',
        path: ['eintrag', 'ereignisort'],
        message: `Das Standesamt ${STANDESAMT_PLACE} führt nur Einträge über Geburten, Eheschließungen, Lebenspartnerschaften und Sterbefälle in ${STANDESAMT_PLACE}; bitte die Urkunde beim Standesamt des Ereignisorts „${e.ereignisort}“ bestellen.`,
      });
    }
    const union = v.kind === 'eheurkunde' || v.kind === 'lebenspartnerschaftsurkunde';
    if (!union && e.ehegatte) {
      ctx.addIssue({ code: 'custom', path: ['eintrag', 'ehegatte'], message: 'Ehegatte oder Lebenspartner nur bei Ehe- oder Lebenspartnerschaftsurkunden angeben.' });
    }
    if (e.registerzeichen) {
      const problem = referenceProblem(e.registerzeichen, new Date().getUTCFullYear()) ?? kindRegisterMismatch(v.kind, e.registerzeichen);
      if (problem) ctx.addIssue({ code: 'custom', path: ['eintrag', 'registerzeichen'], message: problem });
    }
    checkRequest(v, ctx);
  });
export type PersonenstandOnlineData = z.output<typeof personenstandOnlineData>;
export type PersonenstandOnlineInput = z.input<typeof personenstandOnlineData>;

// ---------------------------------------------------------------------------------------------------------------
// Service

export const FEE_KEYS = { first: 'personenstand.erste', further: 'personenstand.weitere' } as const;

export const personenstandsurkunde = defineService({
  id: 'personenstandsurkunde',
  // One service for five certificate kinds: a project URN; the LeiKa URNs of single kinds are accepted as well.
  leikaKey: null,
  serviceIdentifier: PERSONENSTAND_SERVICE_URN,
  alternativeIdentifiers: CERTIFICATE_KINDS.map((k) => kindLeikaUrn(k.id)).filter((u): u is string => u !== null),
  name: 'Personenstandsurkunde (§§ 55–62 PStG)',
  shortName: 'Personenstandsurkunde',
  channels: ['walk_in', 'online', 'post'],
  fees: [
    { key: FEE_KEYS.first, label: 'Personenstandsurkunde, erste Ausfertigung', cents: DEFAULT_FEES.firstCents },
    { key: FEE_KEYS.further, label: 'Personenstandsurkunde, jede weitere Ausfertigung im selben Auftrag', cents: DEFAULT_FEES.furtherCents },
  ],
  dataSchema: personenstandData,
  onlineDataSchema: personenstandOnlineData,
  documents: ['personenstandsurkunde'],
  // The Standesbeamter signs and seals before the case can be handed over or dispatched.
  targetDays: 3,
  needsResident: false,
});

/** Fee amounts from the configured fees (settings.fees), falling back to the defaults. */
export function configuredFees(fees: Record<string, number>): PersonenstandFees {
  return {
    firstCents: fees[FEE_KEYS.first] ?? DEFAULT_FEES.firstCents,
    furtherCents: fees[FEE_KEYS.further] ?? DEFAULT_FEES.furtherCents,
  };
}

/** Fee in cents for validated data and the configured fees. A § 64 SGB X purpose is waived separately. */
export function feeForData(data: PersonenstandData, fees: Record<string, number>): number {
  return feeFor(data.copies, configuredFees(fees));
}
