/**
 * The online side of the service catalogue: the FIT-Connect Fachdaten of each service.
 *
 * An online application's data (the submission's `encryptedData`, JSON) is, for every service,
 *
 *   { "antragsteller": <applicant>, "antrag": <the service's online data> }
 *
 * - `antragsteller`: the applicant as the portal account knows them — Familienname, Vornamen, Geburtsdatum
 *   (YYYY-MM-DD), Anschrift (Straße, Hausnummer, fünfstellige Postleitzahl, Ort), optional E-Mail and Telefon;
 *   names in the DIN 91379 character set like everywhere in the app (shared/domain/names.ts). Output type:
 *   `OnlineApplicant` (shared/domain/portal.ts).
 * - `antrag`: the service's `onlineDataSchema` where the case data does not suit online use, else its `dataSchema`.
 *
 * Each schema has a versioned URI (`onlineSchemaUri`): the `submissionSchema.schemaUri` of the FIT-Connect metadata,
 * by which a received submission names its Fachdaten schema (`findOnlineServiceBySchemaUri`). `onlineJsonSchema`
 * exports it as JSON Schema (draft 2020-12) for the portal side and for the receiving check "the data validates
 * against submissionSchema". The export describes the INPUT (fields with defaults are optional, transforms are left
 * out); cross-field rules (refinements) cannot be expressed in it, so the receiving side validates with the JSON
 * Schema first and then with `parseOnlineData`, which applies the zod schema with all its rules and answers with
 * German messages.
 *
 * Change the version in ONLINE_SCHEMA_VERSION whenever a schema changes incompatibly; a destination may announce
 * several versions while senders move over. Pure TypeScript: no Node, no DOM.
 */
import { z } from 'zod';
import { describeCharacters, invalidNameCharacters, invalidTextCharacters } from '../domain/names';
import type { OnlineApplicant } from '../domain/portal';
import { findService, SERVICES } from './index';
import type { ServiceDefinition } from './types';

/** Version of the Fachdaten schemas (semver; part of every schema URI). */
export const ONLINE_SCHEMA_VERSION = '1.0.0';
export const ONLINE_SCHEMA_BASE_URL = 'https://schema.bbdesk.de/services/';
/** MIME type of the Fachdaten and of their schema (metadata `submissionSchema.mimeType`). */
export const ONLINE_SCHEMA_MIME_TYPE = 'application/json';

// ---------------------------------------------------------------------------------------------------------------
// The applicant

/** A name of a natural person (DIN 91379 data type A). `field` names it in messages, `ask` asks for it. */
function personName(field: string, ask: string) {
  return z
    .string({ error: `Bitte ${ask} angeben.` })
    .trim()
    .min(1, `Bitte ${ask} angeben.`)
    .max(200, `${field}: höchstens 200 Zeichen.`)
    .superRefine((v, ctx) => {
      const bad = invalidNameCharacters(v);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${field}: Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}.` });
      }
    });
}

/** Streets, places, house numbers (DIN 91379 data type B: digits and common punctuation allowed). */
function placeText(field: string, ask: string, max: number, min = 1) {
  return z
    .string({ error: `Bitte ${ask} angeben.` })
    .trim()
    .min(min, `Bitte ${ask} angeben.`)
    .max(max, `${field}: höchstens ${max} Zeichen.`)
    .superRefine((v, ctx) => {
      const bad = invalidTextCharacters(v);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${field}: Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}.` });
      }
    });
}

export const onlineAddressSchema = z.strictObject(
  {
    strasse: placeText('Straße', 'die Straße', 100),
    /** May be empty: not every address has a house number. */
    hausnummer: placeText('Hausnummer', 'die Hausnummer', 15, 0),
    postleitzahl: z
      .string({ error: 'Bitte die Postleitzahl angeben.' })
      .regex(/^\d{5}$/, 'Postleitzahl: bitte die fünfstellige Postleitzahl angeben.'),
    ort: placeText('Ort', 'den Ort', 80),
  },
  { error: (iss) => (iss.code === 'invalid_type' ? 'Bitte die Anschrift angeben (Straße, Hausnummer, Postleitzahl, Ort).' : undefined) },
);

export const onlineApplicantSchema = z.strictObject(
  {
    familienname: personName('Familienname', 'den Familiennamen'),
    vornamen: personName('Vornamen', 'die Vornamen'),
    geburtsdatum: z.iso.date({ error: 'Geburtsdatum: bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.' }),
    anschrift: onlineAddressSchema,
    email: z
      .email({ error: 'E-Mail: bitte eine gültige E-Mail-Adresse angeben.' })
      .max(254, 'E-Mail: höchstens 254 Zeichen.')
      .optional(),
    telefon: z
      .string({ error: 'Telefon: bitte als Text angeben.' })
      .regex(/^\+?[0-9][0-9 ()/-]{3,29}$/, 'Telefon: bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden (z. B. 0591 9144-0).')
      .optional(),
  },
  { error: (iss) => (iss.code === 'invalid_type' ? 'Bitte die Angaben zur antragstellenden Person machen.' : undefined) },
);

// The schema must produce (and accept) exactly what the portal types say: a compile error here means they drifted.
type Assert<T extends true> = T;
type Extends<A, B> = [A] extends [B] ? true : false;
export type OnlineApplicantChecks = [
  Assert<Extends<z.output<typeof onlineApplicantSchema>, OnlineApplicant>>,
  Assert<Extends<OnlineApplicant, z.input<typeof onlineApplicantSchema>>>,
];

// ---------------------------------------------------------------------------------------------------------------
// Schemas per service

/** The services offered online, in catalogue order. */
export const ONLINE_SERVICES: readonly ServiceDefinition[] = SERVICES.filter((s) => s.channels.includes('online'));

function onlineService(serviceId: string): ServiceDefinition {
  const s = findService(serviceId);
  if (!s || !s.channels.includes('online')) throw new Error(`Die Leistung „${serviceId}“ wird nicht online angeboten.`);
  return s;
}

function buildSchema(service: ServiceDefinition) {
  return z.strictObject({
    antragsteller: onlineApplicantSchema,
    antrag: service.onlineDataSchema ?? service.dataSchema,
  });
}
type OnlineSchema = ReturnType<typeof buildSchema>;

const schemaCache = new Map<string, OnlineSchema>();

/** The zod schema of a service's Fachdaten. Throws for a service not offered online. */
export function onlineSchema(serviceId: string): OnlineSchema {
  let schema = schemaCache.get(serviceId);
  if (!schema) {
    schema = buildSchema(onlineService(serviceId));
    schemaCache.set(serviceId, schema);
  }
  return schema;
}

/** "https://schema.bbdesk.de/services/meldebescheinigung/1.0.0/schema.json". Throws for a service not offered online. */
export function onlineSchemaUri(serviceId: string): string {
  const s = onlineService(serviceId);
  return `${ONLINE_SCHEMA_BASE_URL}${s.id}/${ONLINE_SCHEMA_VERSION}/schema.json`;
}

/** The service whose Fachdaten schema has this URI (metadata `submissionSchema.schemaUri`), or undefined. */
export function findOnlineServiceBySchemaUri(uri: string): ServiceDefinition | undefined {
  const u = uri.trim();
  return ONLINE_SERVICES.find((s) => onlineSchemaUri(s.id) === u);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Schema

export type JsonSchema = Record<string, unknown> & { $schema: string; $id: string };

const jsonCache = new Map<string, JsonSchema>();

/**
 * The Fachdaten schema as JSON Schema draft 2020-12, `$id` = onlineSchemaUri. Exported from the zod schema in
 * `io: 'input'` mode: a field with a default is optional (the default is noted), a transformed field is described by
 * what it accepts. Refinements are not part of it — `parseOnlineData` checks them. Returns a fresh copy.
 */
export function onlineJsonSchema(serviceId: string): JsonSchema {
  let json = jsonCache.get(serviceId);
  if (!json) {
    const service = onlineService(serviceId);
    const generated = z.toJSONSchema(onlineSchema(serviceId), {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'throw',
    }) as Record<string, unknown>;
    const { $schema: _drop, ...rest } = generated;
    json = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: onlineSchemaUri(serviceId),
      title: `Fachdaten: ${service.name}`,
      description:
        `Online-Antrag „${service.shortName}“ der Stadt Lingen (Ems), Version ${ONLINE_SCHEMA_VERSION}. ` +
        'antragsteller: die antragstellende Person; antrag: die Angaben zur Leistung. ' +
        'Feldübergreifende Regeln prüft die empfangende Stelle zusätzlich.',
      ...rest,
    };
    jsonCache.set(serviceId, json);
  }
  return JSON.parse(JSON.stringify(json)) as JsonSchema;
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing with German messages

export interface OnlineData {
  antragsteller: OnlineApplicant;
  /** The service's online data, defaults applied (type per service: the output of its online schema). */
  antrag: Record<string, unknown>;
}

export interface OnlineIssue {
  /** Dotted path into the Fachdaten ("antragsteller.anschrift.postleitzahl", "antrag.persons.0.birthDate"); '' for the whole. */
  path: string;
  message: string;
}

export type OnlineParseResult = { ok: true; value: OnlineData } | { ok: false; issues: OnlineIssue[] };

const TYPE_NAMES: Record<string, string> = {
  string: 'Text',
  number: 'Zahl',
  int: 'ganze Zahl',
  boolean: 'ja oder nein (true/false)',
  array: 'Liste',
  object: 'Angaben (Objekt)',
  null: 'keine Angabe (null)',
  date: 'Datum',
};

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'Liste';
  switch (typeof input) {
    case 'string':
      return `Text „${input.length > 40 ? `${input.slice(0, 40)}…` : input}“`;
    case 'number':
      return `Zahl ${input}`;
    case 'boolean':
      return input ? 'true' : 'false';
    case 'object':
      return 'Objekt';
    default:
      return typeof input;
  }
}

const quote = (v: unknown) => (typeof v === 'string' ? `„${v}“` : String(v));

/** German message for issues whose schema brings none (the services' schemas mostly do). */
export function germanIssueMessage(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'Pflichtangabe fehlt.';
      return `Erwartet: ${TYPE_NAMES[iss.expected] ?? iss.expected}; erhalten: ${describeInput(iss.input)}.`;
    case 'too_small': {
      const n = Number(iss.minimum);
      if (iss.origin === 'string') return n <= 1 ? 'Bitte ausfüllen.' : `Mindestens ${n} Zeichen.`;
      if (iss.origin === 'array' || iss.origin === 'set') return n <= 1 ? 'Mindestens ein Eintrag.' : `Mindestens ${n} Einträge.`;
      return iss.inclusive === false ? `Muss größer als ${n} sein.` : `Mindestens ${n}.`;
    }
    case 'too_big': {
      const n = Number(iss.maximum);
      if (iss.origin === 'string') return `Höchstens ${n} Zeichen.`;
      if (iss.origin === 'array' || iss.origin === 'set') return `Höchstens ${n} Einträge.`;
      return iss.inclusive === false ? `Muss kleiner als ${n} sein.` : `Höchstens ${n}.`;
    }
    case 'invalid_format':
      switch (iss.format) {
        case 'email':
          return 'Keine gültige E-Mail-Adresse.';
        case 'date':
          return 'Kein gültiges Datum (Format JJJJ-MM-TT).';
        case 'datetime':
          return 'Kein gültiger Zeitpunkt (ISO 8601).';
        case 'uuid':
          return 'Keine gültige UUID.';
        case 'url':
          return 'Keine gültige Adresse (URL).';
        default:
          return 'Ungültiges Format.';
      }
    case 'not_multiple_of':
      return `Muss ein Vielfaches von ${iss.divisor} sein.`;
    case 'unrecognized_keys':
      return iss.keys.length === 1 ? `Unbekannte Angabe ${quote(iss.keys[0])}.` : `Unbekannte Angaben: ${iss.keys.map(quote).join(', ')}.`;
    case 'invalid_value':
      return iss.values.length === 1
        ? `Erwartet: ${quote(iss.values[0])}.`
        : `Unzulässiger Wert ${describeInput(iss.input)}; zulässig: ${iss.values.map(quote).join(', ')}.`;
    case 'invalid_union': {
      const options = Array.isArray(iss.options) ? (iss.options as unknown[]) : [];
      return iss.discriminator
        ? `Unzulässige Angabe ${quote(iss.discriminator)}${options.length ? `; zulässig: ${options.map(quote).join(', ')}` : ''}.`
        : 'Die Angaben passen zu keiner der zulässigen Varianten.';
    }
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return 'Ungültige Angabe.';
  }
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/**
 * Validates a service's Fachdaten with all rules of its zod schema (the JSON Schema check comes first where data
 * arrive from outside; this one also checks the refinements). Messages are German. An unknown service is an issue,
 * not an exception.
 */
export function parseOnlineData(serviceId: string, data: unknown): OnlineParseResult {
  const service = findService(serviceId);
  if (!service || !service.channels.includes('online')) {
    return { ok: false, issues: [{ path: '', message: `Die Leistung „${serviceId}“ wird nicht online angeboten.` }] };
  }
  const r = onlineSchema(serviceId).safeParse(data, { error: germanIssueMessage });
  if (r.success) return { ok: true, value: r.data as OnlineData };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
}
