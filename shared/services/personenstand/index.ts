/**
 * Personenstandsurkunden (PStG §§ 55–62, PStV § 48): Geburts-, Ehe-, Lebenspartnerschafts- und Sterbeurkunde and the
 * beglaubigte Registerausdruck, issued by the Standesamt from its Personenstandsregister.
 *
 * One service with the certificate kind in its data. Each kind has its own FIT-Connect service identifier:
 * LeiKa keys where found (DOMAIN.md: Geburtsurkunde 99027002012000, Sterbeurkunde 99101004012000), a project URN
 * until confirmed for the others (Eheurkunde, Lebenspartnerschaftsurkunde, beglaubigter Registerausdruck).
 *
 * The rules: entitlement (§ 62) and fees in ./entitlement, register entries and current facts in ./register.
 */
import { z } from 'zod';
import { DELIVERY_METHODS } from '../../domain/channels';
import { defineService } from '../types';
import { RELATIONS, MIN_INTEREST_LENGTH, DEFAULT_FEES, fee as feeFor, type PersonenstandFees } from './entitlement';
import { REGISTER_NAMES, isIsoDate, parseRegisterReference, referenceProblem, type RegisterKind, type RegisterReference } from './register';

export * from './entitlement';
export * from './register';

// ---------------------------------------------------------------------------------------------------------------
// Certificate kinds

export const LEIKA_URN_PREFIX = 'urn:de:fim:leika:leistung:';
/** Project URNs for services whose LeiKa key is not confirmed yet. */
export const PROJECT_URN_PREFIX = 'urn:de:lingen:bbdesk:leistung:';

export interface CertificateKind {
  id: string;
  label: string;
  /** The registers it is issued from (the Registerausdruck from each, the others from one). */
  registers: readonly RegisterKind[];
  /** Content rule. */
  statute: string;
  /** Model form of the PStV. */
  form: string;
  /** LeiKa key, or null where none was found (a project URN is used). */
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

/** The FIT-Connect service identifier of a kind: LeiKa URN, else the project URN. */
export function serviceIdentifier(id: CertificateKindId): string {
  const k = certificateKind(id);
  return k.leikaKey ? `${LEIKA_URN_PREFIX}${k.leikaKey}` : `${PROJECT_URN_PREFIX}${k.id}`;
}

/** The kind an incoming submission's service identifier names, or null. */
export function kindForServiceIdentifier(urn: string): CertificateKindId | null {
  return CERTIFICATE_KINDS.find((k) => serviceIdentifier(k.id) === urn.trim())?.id ?? null;
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

export const personenstandData = z
  .object({
    kind: z.enum(KIND_IDS),
    /** "G 399/2010": register, entry number and year. */
    registerReference: z.string().trim().min(1, 'Bitte das Registerzeichen angeben, z. B. „G 399/2010“.').max(20),
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
  })
  .superRefine((v, ctx) => {
    const problem = referenceProblem(v.registerReference, new Date().getUTCFullYear());
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['registerReference'], message: problem });
    } else {
      const ref = parseRegisterReference(v.registerReference)!;
      if (!kindFitsRegister(v.kind, ref.register)) {
        const k = certificateKind(v.kind);
        const expected = k.registers[0]!;
        ctx.addIssue({
          code: 'custom',
          path: ['registerReference'],
          message: `Eine ${k.label} wird aus dem ${REGISTER_NAMES[expected]} (${expected}) ausgestellt; „${v.registerReference}“ bezeichnet einen Eintrag im ${REGISTER_NAMES[ref.register]}.`,
        });
      }
    }
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
  });
export type PersonenstandData = z.infer<typeof personenstandData>;

/** The parsed register reference of validated data. */
export function dataReference(data: PersonenstandData): RegisterReference {
  const ref = parseRegisterReference(data.registerReference);
  if (!ref) throw new Error(`Ungültiges Registerzeichen: ${data.registerReference}`);
  return ref;
}

// ---------------------------------------------------------------------------------------------------------------
// Service

export const FEE_KEYS = { first: 'personenstand.erste', further: 'personenstand.weitere' } as const;

export const personenstandsurkunde = defineService({
  id: 'personenstandsurkunde',
  // One service for five certificate kinds: the per-kind identifiers come from serviceIdentifier(kind).
  leikaKey: 'personenstandsurkunde',
  name: 'Personenstandsurkunde (§§ 55–62 PStG)',
  shortName: 'Personenstandsurkunde',
  channels: ['walk_in', 'online', 'post'],
  fees: [
    { key: FEE_KEYS.first, label: 'Personenstandsurkunde, erste Ausfertigung', cents: DEFAULT_FEES.firstCents },
    { key: FEE_KEYS.further, label: 'Personenstandsurkunde, jede weitere Ausfertigung im selben Auftrag', cents: DEFAULT_FEES.furtherCents },
  ],
  dataSchema: personenstandData,
  documents: ['personenstandsurkunde'],
  // The Standesbeamter signs and seals before the case can be handed over or dispatched.
  targetDays: 3,
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
