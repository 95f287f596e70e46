/**
 * Briefwahl: the Wahlschein with Briefwahlunterlagen (BWO §§ 25–30; EuWO §§ 24 ff.; NLWO §§ 19–22 for the
 * Landtag in Niedersachsen; NKWO §§ 23–28 for local elections in Niedersachsen). See ../shared/DOMAIN.md
 * "Briefwahl / Wahlschein".
 *
 * This file holds the data: the service definition, the configuration of an election, and the zod schema of an
 * application (one schema for the counter form and the online data). The rules — deadlines in Europe/Berlin, the
 * admissibility check, Wahlschein numbers, the "W" mark — are in ./rules.ts. Pure TypeScript: no Node, no DOM.
 *
 * Service identifier: no LeiKa key for "Wahlschein beantragen" is confirmed (DOMAIN.md: "Not found: … Wahlschein —
 * use a project URN until confirmed"), so the service carries the project URN BRIEFWAHL_SERVICE_URN
 * ("urn:bbdesk:leistung:briefwahl"). Once the LeiKa key is confirmed, set `leikaKey` and derive the identifier.
 *
 * Online applications (FIT-Connect) carry `briefwahlOnlineData` (below): the applicant is the voter.
 */
import { z } from 'zod';
import { describeCharacters, invalidTextCharacters } from '../../domain/names';
import { personName } from '../../domain/person-name';
import type { OnlineApplicant } from '../../domain/portal';
import { defineService, projectUrn } from '../types';

/** Project URN used as FIT-Connect service identifier until a LeiKa key for the Wahlschein is confirmed. */
export const BRIEFWAHL_SERVICE_URN = projectUrn('briefwahl');

// ---------------------------------------------------------------------------------------------------------------
// Field helpers
// ---------------------------------------------------------------------------------------------------------------

/** A calendar day "YYYY-MM-DD" that exists (no 2026-02-30). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT erwartet.')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'Dieses Datum gibt es nicht.');

/** A wall-clock time "HH:MM" (24 h). */
export const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'Uhrzeit im Format HH:MM erwartet.');

export { personName };

/** Streets, places and similar short texts (DIN 91379 data type B: digits and common punctuation allowed). */
function placeText(max: number, required = true) {
  return z
    .string()
    .trim()
    .max(max)
    .superRefine((v, ctx) => {
      if (required && v.length === 0) ctx.addIssue({ code: 'custom', message: 'Bitte ausfüllen.' });
      const bad = invalidTextCharacters(v);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}` });
      }
    });
}

/** The Wohnanschrift (a German address: the voter's registered home in the Wählerverzeichnis). */
export const homeAddress = z.object({
  street: placeText(120),
  houseNumber: placeText(20),
  postalCode: z.string().trim().regex(/^\d{5}$/, 'Postleitzahl: fünf Ziffern.'),
  city: placeText(80),
});
export type HomeAddress = z.infer<typeof homeAddress>;

/** Any postal address, also abroad (ISO 3166-1 alpha-2 country, 'DE' by default). */
export const postalAddress = z
  .object({
    careOf: placeText(120, false).nullable().default(null),
    addressSupplement: placeText(120, false).nullable().default(null),
    street: placeText(120),
    houseNumber: placeText(20, false).default(''),
    postalCode: z.string().trim().max(12).default(''),
    city: placeText(80),
    country: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, 'Land als zweistelliger ISO-Code (z. B. DE, AT).')
      .default('DE'),
  })
  .superRefine((a, ctx) => {
    if (a.country === 'DE' && !/^\d{5}$/.test(a.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'Postleitzahl: fünf Ziffern.' });
    }
  });
export type PostalAddressData = z.infer<typeof postalAddress>;

// ---------------------------------------------------------------------------------------------------------------
// Elections (configuration)
// ---------------------------------------------------------------------------------------------------------------

export const ELECTION_KINDS = ['bundestag', 'europawahl', 'landtag', 'kommunalwahl'] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];
export const ELECTION_KIND_LABELS: Record<ElectionKind, string> = {
  bundestag: 'Bundestagswahl',
  europawahl: 'Europawahl',
  landtag: 'Landtagswahl (Niedersachsen)',
  kommunalwahl: 'Kommunalwahl (Niedersachsen)',
};

export const wahlbezirkSchema = z.object({
  /** 1–999; printed with three digits ("012") in Wahlschein numbers. */
  number: z.number().int().min(1, 'Wahlbezirk: Nummer 1 bis 999.').max(999, 'Wahlbezirk: Nummer 1 bis 999.'),
  name: placeText(80),
});
export type Wahlbezirk = z.infer<typeof wahlbezirkSchema>;

/** A deadline relative to election day: `daysBefore` calendar days before it, at `time` in Europe/Berlin. */
export const deadlineRule = z.object({
  daysBefore: z.number().int().min(0).max(60),
  time: clockTime,
});
export type DeadlineRule = z.infer<typeof deadlineRule>;

export const electionSchema = z
  .object({
    /** Stable key, e.g. "btw-2029" (lower case, digits, hyphens). */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Kennung: Kleinbuchstaben, Ziffern und Bindestriche.'),
    /** As printed on the Wahlschein after "Wahlschein für die": "Wahl zum 22. Deutschen Bundestag". */
    name: z.string().trim().min(3).max(160),
    kind: z.enum(ELECTION_KINDS),
    /** Election day (a Sunday or public holiday), Europe/Berlin calendar date. */
    date: isoDay,
    /**
     * "Nur gültig für den Wahlkreis …": the Wahlkreis (Bundestag, Landtag), the Kreis or kreisfreie Stadt
     * (Europawahl) or the Wahlbereich/Wahlgebiet (Kommunalwahl). Null where the form needs none.
     */
    constituency: z
      .object({ number: z.number().int().min(1).max(9999).nullable().default(null), name: placeText(120) })
      .nullable()
      .default(null),
    wahlbezirke: z.array(wahlbezirkSchema).min(1, 'Mindestens ein Wahlbezirk.'),
    /** The ballots exist: only then may Wahlscheine be issued (§ 28 BWO, § 24 Abs. 1 NKWO, § 22 NLWO). */
    ballotsReady: z.boolean(),
    /**
     * Where an election's rules differ from the defaults of its kind (rules.ts LEGAL_FRAMES), e.g. a changed
     * Wahlordnung: the deadlines, and the addressee of the Versicherung an Eides statt.
     */
    overrides: z
      .object({
        applicationDeadline: deadlineRule.optional(),
        lateDeadline: deadlineRule.optional(),
        replacementDeadline: deadlineRule.optional(),
        declarationAddressee: z.string().trim().min(3).max(120).optional(),
      })
      .default({}),
  })
  .superRefine((e, ctx) => {
    const seen = new Set<number>();
    e.wahlbezirke.forEach((w, i) => {
      if (seen.has(w.number)) {
        ctx.addIssue({ code: 'custom', path: ['wahlbezirke', i, 'number'], message: `Wahlbezirk ${w.number} ist doppelt angegeben.` });
      }
      seen.add(w.number);
    });
  });
export type Election = z.infer<typeof electionSchema>;
export type ElectionInput = z.input<typeof electionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The application
// ---------------------------------------------------------------------------------------------------------------

/** How the application reached the office. Written form includes e-mail, fax and the online form. */
export const APPLICATION_CHANNELS = ['walk_in', 'online', 'post', 'email', 'fax'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];
export const APPLICATION_CHANNEL_LABELS: Record<ApplicationChannel, string> = {
  walk_in: 'Persönlich (mündlich) im Bürgerbüro',
  online: 'Online-Antrag (Portal)',
  post: 'Schriftlich per Post',
  email: 'E-Mail',
  fax: 'Telefax',
};
/** Ways the Wahlordnungen exclude: the schema refuses them with REFUSED_CHANNEL_MESSAGES. */
export const REFUSED_CHANNELS = ['telephone', 'sms'] as const;
export type RefusedChannel = (typeof REFUSED_CHANNELS)[number];
export const REFUSED_CHANNEL_MESSAGES: Record<RefusedChannel, string> = {
  telephone:
    'Ein Wahlschein kann nicht telefonisch beantragt werden (§ 27 Abs. 1 BWO, § 23 Abs. 1 NKWO). Bitte schriftlich (Brief, E-Mail, Telefax, online) oder persönlich im Bürgerbüro beantragen.',
  sms: 'Ein Wahlschein kann nicht per SMS oder Kurznachrichtendienst beantragt werden (§ 23 Abs. 1 NKWO; keine dokumentierbare Schriftform nach § 27 Abs. 1 BWO). Bitte schriftlich oder persönlich beantragen.',
};

export const applicationChannel = z.enum(APPLICATION_CHANNELS, {
  error: (iss) =>
    iss.input === 'telephone' || iss.input === 'sms'
      ? REFUSED_CHANNEL_MESSAGES[iss.input]
      : 'Unbekannter Antragsweg (zulässig: persönlich, online, Post, E-Mail, Telefax).',
});

/** The voter as the application names them (§ 27 Abs. 1 BWO / § 23 Abs. 2 NKWO: names, birth date, Wohnanschrift). */
export const voterIdentity = z.object({
  familyName: personName,
  givenNames: personName,
  birthDate: isoDay,
  address: homeAddress,
});
export type VoterIdentity = z.infer<typeof voterIdentity>;

/** The person collecting the documents for the voter (§ 28 BWO: written Vollmacht, at most four voters). */
export const proxySchema = z.object({
  familyName: personName,
  givenNames: personName,
  birthDate: isoDay,
  address: postalAddress,
  /** The written Vollmacht of the voter is presented (original, signed by the voter). */
  vollmachtPresent: z.boolean(),
  /** The proxy has confirmed in writing that they collect for no more than four voters. */
  confirmsAtMostFourVoters: z.boolean(),
});
export type ProxyData = z.infer<typeof proxySchema>;

export const DELIVERY_KINDS = ['home', 'other_address', 'pickup_in_person', 'pickup_by_proxy'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const DELIVERY_KIND_LABELS: Record<DeliveryKind, string> = {
  home: 'Versand an die Wohnanschrift',
  other_address: 'Versand an eine andere Anschrift',
  pickup_in_person: 'Persönliche Abholung',
  pickup_by_proxy: 'Abholung durch eine bevollmächtigte Person',
};

export const deliverySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('home') }),
  /** Sent elsewhere (holiday address, abroad): a notice goes to the home address as well. */
  z.object({ kind: z.literal('other_address'), address: postalAddress }),
  z.object({ kind: z.literal('pickup_in_person') }),
  z.object({ kind: z.literal('pickup_by_proxy'), proxy: proxySchema }),
]);
export type Delivery = z.infer<typeof deliverySchema>;

/** § 25 Abs. 2 BWO (§ 24 Abs. 2 EuWO, § 19 Abs. 2 NKWG): a Wahlschein without an entry in the Wählerverzeichnis. */
export const REGISTER_EXCEPTION_GROUNDS = ['frist_versaeumt', 'recht_spaeter_entstanden', 'einspruch_festgestellt'] as const;
export type RegisterExceptionGround = (typeof REGISTER_EXCEPTION_GROUNDS)[number];
export const REGISTER_EXCEPTION_LABELS: Record<RegisterExceptionGround, string> = {
  frist_versaeumt:
    'Antrags- oder Einspruchsfrist zum Wählerverzeichnis ohne Verschulden versäumt (Nachweis liegt vor)',
  recht_spaeter_entstanden: 'Recht auf Teilnahme an der Wahl erst nach Ablauf dieser Fristen entstanden',
  einspruch_festgestellt:
    'Wahlrecht im Einspruchsverfahren festgestellt, Feststellung erst nach Abschluss des Wählerverzeichnisses bekannt geworden',
};

export const briefwahlData = z.object({
  /** The election (Election.id); several elections on one day are separate applications here. */
  electionId: z.string().min(1),
  channel: applicationChannel,
  /** The applicant is the voter. */
  voter: voterIdentity,
  /**
   * The Wählerverzeichnis-Nr. the clerk picked in the voter search (the counter), so that namesakes born on the same
   * day are told apart; null: the core finds the voter by names and birth date (online and written applications).
   */
  voterNumber: z.string().trim().max(20).nullable().default(null),
  /** Someone applied on the voter's behalf: needs a written Vollmacht (§ 27 Abs. 3 BWO, § 23 Abs. 3 NKWO). */
  representative: z
    .object({ familyName: personName, givenNames: personName, vollmachtPresent: z.boolean() })
    .nullable()
    .default(null),
  delivery: deliverySchema,
  /**
   * Sudden illness (§ 27 Abs. 4 Satz 3 BWO, § 23 Abs. 5 Satz 3 NKWO): the voter cannot reach the polling station;
   * an application is then possible until election day, 15:00. The reason as stated, and whether the voter's
   * written declaration (NKWO) or the proof (BWO: "nachgewiesen") is on file.
   */
  suddenIllness: z
    .object({ reason: z.string().trim().min(3, 'Bitte den Grund angeben.').max(300), declaredInWriting: z.boolean() })
    .nullable()
    .default(null),
  /** Not in the Wählerverzeichnis but entitled under § 25 Abs. 2 BWO; the clerk has checked the proof. */
  registerException: z
    .object({
      ground: z.enum(REGISTER_EXCEPTION_GROUNDS),
      /** "vorgesehener Wahlbezirk" printed on the Wahlschein instead of a Wählerverzeichnis-Nr. */
      intendedWahlbezirk: z.number().int().min(1).max(999),
    })
    .nullable()
    .default(null),
  /** A new Wahlschein because the first one did not arrive (§ 28 BWO). */
  replacement: z
    .object({
      reason: z.enum(['not_received', 'lost']),
      /** The voter has credibly assured (glaubhaft versichert) that the Wahlschein did not arrive. */
      credibleAssurance: z.boolean(),
    })
    .nullable()
    .default(null),
});
export type BriefwahlData = z.infer<typeof briefwahlData>;
export type BriefwahlDataInput = z.input<typeof briefwahlData>;

// ---------------------------------------------------------------------------------------------------------------
// The online application
// ---------------------------------------------------------------------------------------------------------------

/**
 * The online application (FIT-Connect Fachdaten `antrag`, see ../online.ts).
 *
 * Differences from the case data (`briefwahlData`), and why:
 * - no `channel`: an online application is always 'online' (written form, § 27 Abs. 1 BWO, § 23 Abs. 1 NKWO);
 * - no `voter`: the applicant of the Fachdaten (`antragsteller`: names, birth date, Wohnanschrift) is the voter —
 *   the portal account applies for its holder only, so there is no `representative` either;
 * - no `registerException` and no `replacement`: both rest on proof the clerk checks (§ 25 Abs. 2 BWO; the
 *   credible assurance of § 28 Abs. 10 BWO), so they are recorded at the counter;
 * - pickup by a proxy names the proxy only: that the signed Vollmacht is presented and that the proxy collects for at
 *   most four voters is recorded when the proxy collects (`vollmachtPresent`, `confirmsAtMostFourVoters`).
 *
 * `briefwahlDataFromOnline` turns validated online data into case data.
 */
export const onlineProxySchema = proxySchema.omit({ vollmachtPresent: true, confirmsAtMostFourVoters: true });

export const ONLINE_DELIVERY_KINDS = ['home', 'other_address', 'pickup_in_person', 'pickup_by_proxy'] as const;

export const onlineDeliverySchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('home') }),
    /** Sent elsewhere (holiday address, abroad): a notice goes to the home address as well. */
    z.object({ kind: z.literal('other_address'), address: postalAddress }),
    z.object({ kind: z.literal('pickup_in_person') }),
    z.object({ kind: z.literal('pickup_by_proxy'), proxy: onlineProxySchema }),
  ],
  { error: 'Bitte die Zustellung wählen: an die Wohnanschrift, an eine andere Anschrift, persönliche Abholung oder Abholung durch eine bevollmächtigte Person.' },
);

export const briefwahlOnlineData = z.object({
  /** The election (Election.id) as the portal offers it, e.g. "ltw-2027". */
  electionId: z
    .string({ error: 'Bitte die Wahl angeben.' })
    .trim()
    .min(1, 'Bitte die Wahl angeben.')
    .max(63, 'Kennung der Wahl: höchstens 63 Zeichen.'),
  delivery: onlineDeliverySchema,
  /** Sudden illness (§ 27 Abs. 4 Satz 3 BWO, § 23 Abs. 5 Satz 3 NKWO); the online form is the written declaration. */
  suddenIllness: z
    .object({ reason: z.string().trim().min(3, 'Bitte den Grund angeben.').max(300, 'Grund: höchstens 300 Zeichen.') })
    .nullable()
    .default(null),
});
export type BriefwahlOnlineData = z.output<typeof briefwahlOnlineData>;
export type BriefwahlOnlineInput = z.input<typeof briefwahlOnlineData>;

/** The case data of a validated online application; the applicant is the voter. */
export function briefwahlDataFromOnline(online: BriefwahlOnlineData, applicant: OnlineApplicant): BriefwahlDataInput {
  const d = online.delivery;
  return {
    electionId: online.electionId,
    channel: 'online',
    voter: {
      familyName: applicant.familienname,
      givenNames: applicant.vornamen,
      birthDate: applicant.geburtsdatum,
      address: {
        street: applicant.anschrift.strasse,
        houseNumber: applicant.anschrift.hausnummer,
        postalCode: applicant.anschrift.postleitzahl,
        city: applicant.anschrift.ort,
      },
    },
    representative: null,
    delivery:
      d.kind === 'pickup_by_proxy'
        ? { kind: 'pickup_by_proxy', proxy: { ...d.proxy, vollmachtPresent: false, confirmsAtMostFourVoters: false } }
        : d,
    suddenIllness: online.suddenIllness ? { reason: online.suddenIllness.reason, declaredInWriting: true } : null,
    registerException: null,
    replacement: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------------------------

export const briefwahl = defineService({
  id: 'briefwahl',
  leikaKey: null,
  serviceIdentifier: BRIEFWAHL_SERVICE_URN,
  name: 'Wahlschein und Briefwahlunterlagen',
  shortName: 'Briefwahl',
  // Case channels; e-mail and fax applications are written applications (case channel 'post', finer in data.channel).
  channels: ['walk_in', 'online', 'post'],
  // Free of charge.
  fees: [],
  dataSchema: briefwahlData,
  onlineDataSchema: briefwahlOnlineData,
  documents: ['wahlschein', 'wahlscheinNotice'],
  targetDays: 1,
  needsResident: false,
});
