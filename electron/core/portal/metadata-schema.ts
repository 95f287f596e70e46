/**
 * The FIT-Connect metadata schema: which versions a destination accepts and the validation with ajv
 * (JSON Schema draft 2020-12, formats from ajv-formats).
 *
 * Versions (decision): metadata without `$schema` is metadata 1.0.0 (1.0.0 has no `$schema` field).
 * Metadata declaring `https://schema.fitko.de/fit-connect/metadata/1.x.y/metadata.schema.json` is
 * validated against the 1.0.0 file we ship: minor and patch versions are backwards compatible, and
 * 1.0.0 allows additional properties, so what 1.x adds passes and what 1.0.0 requires is still
 * required. Any other major version (2.x moved identity data into `dataSets`) or any other
 * `$schema` value is not supported (problem `unsupported-schema`).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsImport from 'ajv-formats';
import metadataSchemaV1 from '../../../resources/fit-connect/metadata.schema.v1.0.0.json';

export const METADATA_SCHEMA_V1_0_0 = 'https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json';
const METADATA_SCHEMA_URI = /^https:\/\/schema\.fitko\.de\/fit-connect\/metadata\/(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)\/metadata\.schema\.json$/;

/** The metadata versions this destination can process (for the destination's `metadataVersions`). */
export const SUPPORTED_METADATA_VERSIONS = ['1.0.0'] as const;

export type MetadataVersion =
  | { ok: true; schemaUri: string; version: string; declared: boolean }
  | { ok: false; reason: string };

/** Which metadata schema a decrypted metadata object declares, and whether we can process it. */
export function metadataVersionOf(metadata: Record<string, unknown>): MetadataVersion {
  const declared = metadata.$schema;
  if (declared === undefined) return { ok: true, schemaUri: METADATA_SCHEMA_V1_0_0, version: '1.0.0', declared: false };
  if (typeof declared !== 'string') return { ok: false, reason: 'Das Feld „$schema“ der Metadaten ist keine Zeichenkette.' };
  const m = METADATA_SCHEMA_URI.exec(declared);
  if (!m) return { ok: false, reason: `Das Metadatenschema „${clip(declared)}“ ist unbekannt; unterstützt wird FIT-Connect-Metadaten 1.x.` };
  if (m[1] !== '1') {
    return { ok: false, reason: `Metadaten der Version ${m[1]}.${m[2]}.${m[3]} werden nicht unterstützt; unterstützt wird Version 1.x (geprüft gegen 1.0.0).` };
  }
  return { ok: true, schemaUri: declared, version: `${m[1]}.${m[2]}.${m[3]}`, declared: true };
}

// ajv-formats is CommonJS; depending on the loader the function is the default export or its `default`.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats: AddFormats =
  (addFormatsImport as unknown as { default?: AddFormats }).default ?? (addFormatsImport as unknown as AddFormats);

let validator: ValidateFunction | null = null;

function metadataValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(metadataSchemaV1 as Record<string, unknown>);
  }
  return validator;
}

export interface SchemaIssue {
  /** JSON pointer of the offending value, e.g. "/contentStructure/attachments/0/hash/content". */
  path: string;
  /** German description. */
  message: string;
}

/** Validates metadata against schema 1.0.0; empty = valid. At most `max` issues. */
export function validateMetadata(metadata: unknown, max = 10): SchemaIssue[] {
  const v = metadataValidator();
  if (v(metadata)) return [];
  return (v.errors ?? []).slice(0, max).map((e) => ({ path: e.instancePath || '/', message: germanAjvMessage(e) }));
}

const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** A German rendering of an ajv error (no values from the document, only names and limits). */
export function germanAjvMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `Pflichtangabe „${String(p.missingProperty)}“ fehlt`;
    case 'type':
      return `falscher Typ, erwartet: ${String(p.type)}`;
    case 'enum':
      return `unzulässiger Wert, erlaubt: ${(p.allowedValues as unknown[] | undefined)?.map(String).join(', ') ?? '–'}`;
    case 'const':
      return 'unzulässiger Wert';
    case 'pattern':
      return 'ungültiges Format';
    case 'format':
      return `ungültiges Format (${String(p.format)})`;
    case 'minLength':
      return `zu kurz (mindestens ${String(p.limit)} Zeichen)`;
    case 'maxLength':
      return `zu lang (höchstens ${String(p.limit)} Zeichen)`;
    case 'minItems':
      return `zu wenige Einträge (mindestens ${String(p.limit)})`;
    case 'maxItems':
      return `zu viele Einträge (höchstens ${String(p.limit)})`;
    case 'minProperties':
      return `zu wenige Angaben (mindestens ${String(p.limit)})`;
    case 'maxProperties':
      return `zu viele Angaben (höchstens ${String(p.limit)})`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `Wert zu klein (Grenze ${String(p.limit)})`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `Wert zu groß (Grenze ${String(p.limit)})`;
    case 'multipleOf':
      return `Wert muss ein Vielfaches von ${String(p.multipleOf)} sein`;
    case 'additionalProperties':
      return `unbekannte Angabe „${String(p.additionalProperty)}“`;
    default:
      return `entspricht nicht dem Schema (${e.keyword})`;
  }
}
