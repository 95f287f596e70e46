/**
 * A corpus of deliberately broken FIT-Connect submissions (for tests of the receiving side), built from
 * one good application the way a sender builds it (`encryptApplication` of the simulator's sender), then
 * broken in one way each. Every variant names the problem type the destination must report.
 *
 * The parts have the shape the simulator's `SenderClient.sendRaw` takes, so the same corpus can run end
 * to end over HTTP. Variants a spec-conformant Submission API refuses at upload already (not a compact
 * JWE; a service the destination does not offer) say why in `refusedByPortal`.
 *
 * Not used by the product; test support only.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { CompactEncrypt, type CompactJWEHeaderParameters } from 'jose';
import { encryptApplication, type OutgoingApplication } from '../../portal-sim/sender';
import { z } from 'zod';
import { DEFAULT_MAX_ATTACHMENT_BYTES, type DataSchemaResolver, type FetchedSubmission, type ServiceResolver } from './checks';
import type { ProblemName } from './problems';

export interface SubmissionParts {
  serviceType: { name?: string; identifier: string };
  announcedAttachments: string[];
  /** attachmentId → compact JWE */
  attachments: Record<string, string>;
  encryptedMetadata: string;
  encryptedData: string;
}

export interface GoodSubmission {
  name: string;
  description: string;
  parts: SubmissionParts;
}

export interface BadSubmission extends GoodSubmission {
  /** Problem type name (problems.ts) the destination must report. */
  expectedProblem: ProblemName;
  /** Why a spec-conformant Submission API refuses the upload already; undefined = it reaches the destination. */
  refusedByPortal?: string;
}

export interface SubmissionCorpus {
  /** Variants the destination must accept (plain, compressed, metadata 1.x with `$schema`, JWE without kid). */
  good: GoodSubmission[];
  /** ≥ 30 broken variants. */
  variants: BadSubmission[];
}

export interface BadSubmissionInput {
  /** The destination's public encryption JWK (RSA-OAEP-256) with its kid. */
  encryptionKey: JsonWebKey & { kid: string };
  /**
   * A good application (must pass the checks). Attachments are filled up to two small PDFs if it has fewer;
   * its attachments' MIME types must be allowed by the destination.
   */
  application: OutgoingApplication;
  /** A data schema URI the destination knows, but for another service than the application's. */
  otherSchemaUri: string;
  /** Fachdaten that fail the application's schema (default `{}`). */
  invalidData?: unknown;
  /** The destination's attachment size limit (default 20 MB): the oversized variant is one byte larger. */
  maxAttachmentBytes?: number;
  /** A second RSA key for the "wrong key" variants (default: a fresh RSA-4096 key). */
  otherKey?: KeyObject;
}

const sha512Hex = (b: Uint8Array) => createHash('sha512').update(b).digest('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);
const clone = <T>(v: T): T => structuredClone(v);

/** A small but well-formed PDF. */
export function tinyPdf(text: string): Uint8Array {
  return utf8(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);
}

/** The parts as the Submission API hands them to the destination (for checkSubmission). */
export function asFetched(parts: SubmissionParts, ids: { submissionId?: string; destinationId?: string; caseId?: string } = {}): FetchedSubmission {
  return {
    submission: {
      submissionId: ids.submissionId ?? randomUUID(),
      destinationId: ids.destinationId ?? randomUUID(),
      caseId: ids.caseId ?? randomUUID(),
      attachments: [...parts.announcedAttachments],
      serviceType: { ...parts.serviceType },
      encryptedMetadata: parts.encryptedMetadata,
      encryptedData: parts.encryptedData,
    },
    attachments: { ...parts.attachments },
  };
}

/** Replaces one character in the middle of segment `index` (so the decoded bytes change for sure). */
function tamper(jwe: string, index: number): string {
  const parts = jwe.split('.');
  const seg = parts[index]!;
  const i = Math.floor(seg.length / 2);
  parts[index] = seg.slice(0, i) + (seg[i] === 'A' ? 'B' : 'A') + seg.slice(i + 1);
  return parts.join('.');
}

/** Puts `char` (outside base64url) into the middle of segment `index`. */
function withChar(jwe: string, index: number, char: string): string {
  const parts = jwe.split('.');
  const seg = parts[index]!;
  const i = Math.floor(seg.length / 2);
  parts[index] = seg.slice(0, i) + char + seg.slice(i + 1);
  return parts.join('.');
}

/** Makes segment `index` an impossible base64url length (4n+1) while keeping the alphabet. */
function badBase64Length(jwe: string, index: number): string {
  const parts = jwe.split('.');
  let seg = parts[index]!;
  while (seg.length % 4 !== 1) seg += 'A';
  parts[index] = seg;
  return parts.join('.');
}

/** Cuts the RSA-encrypted content key in half. */
function truncateEncryptedKey(jwe: string): string {
  const parts = jwe.split('.');
  const seg = parts[1]!;
  let cut = seg.slice(0, Math.floor(seg.length / 2));
  if (cut.length % 4 === 1) cut = cut.slice(0, -1);
  parts[1] = cut;
  return parts.join('.');
}

export async function buildBadSubmissions(input: BadSubmissionInput): Promise<SubmissionCorpus> {
  const jwk = input.encryptionKey;
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error('buildBadSubmissions: the encryption key must be an RSA public JWK');
  const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
  const otherKey =
    input.otherKey ?? createPublicKey(generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey);
  const maxAttachmentBytes = input.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;

  const app: OutgoingApplication = { ...input.application, attachments: [...input.application.attachments] };
  for (let i = app.attachments.length; i < 2; i++) {
    app.attachments.push({ filename: `nachweis-${i + 1}.pdf`, mimeType: 'application/pdf', purpose: 'attachment', bytes: tinyPdf(`Nachweis ${i + 1}`) });
  }
  const serviceType = { name: app.serviceName, identifier: app.serviceIdentifier };

  const encrypt = (plaintext: Uint8Array, h: { alg?: string; enc?: string; cty?: string; zip?: 'DEF'; kid?: string | null } = {}, k: KeyObject = key): Promise<string> => {
    const header: CompactJWEHeaderParameters = { alg: h.alg ?? 'RSA-OAEP-256', enc: h.enc ?? 'A256GCM', cty: h.cty ?? 'application/json' };
    const kid = h.kid === undefined ? jwk.kid : h.kid;
    if (kid !== null) header.kid = kid;
    if (h.zip) header.zip = h.zip;
    return new CompactEncrypt(plaintext).setProtectedHeader(header).encrypt(k);
  };

  const goodEnc = await encryptApplication(app, jwk);
  const baseMeta = goodEnc.metadata as { contentStructure: { data: Record<string, unknown>; attachments: Record<string, unknown>[] } } & Record<string, unknown>;
  const [idA, idB] = goodEnc.announcedAttachments as [string, string];
  const base: SubmissionParts = {
    serviceType,
    announcedAttachments: [...goodEnc.announcedAttachments],
    attachments: { ...goodEnc.attachments },
    encryptedMetadata: goodEnc.encryptedMetadata,
    encryptedData: goodEnc.encryptedData,
  };
  const dataBytes = utf8(JSON.stringify(app.data));

  /** The good parts with other metadata (encrypted like the sender does). */
  const withMeta = async (edit: (m: typeof baseMeta) => unknown, extra: Partial<SubmissionParts> = {}): Promise<SubmissionParts> => {
    const m = clone(baseMeta);
    const replaced = edit(m);
    const meta = replaced === undefined ? m : replaced;
    return { ...base, ...extra, encryptedMetadata: await encrypt(utf8(JSON.stringify(meta))) };
  };
  /** Good metadata and other data bytes with a matching hash. */
  const withData = async (bytes: Uint8Array): Promise<SubmissionParts> => {
    const parts = await withMeta((m) => {
      (m.contentStructure.data.hash as { content: string }).content = sha512Hex(bytes);
    });
    return { ...parts, encryptedData: await encrypt(bytes) };
  };
  const entry = (m: typeof baseMeta, id: string) => m.contentStructure.attachments.find((a) => a.attachmentId === id)!;
  const setSchemaUri = (uri: string) => (m: typeof baseMeta) => {
    (m.contentStructure.data.submissionSchema as { schemaUri: string }).schemaUri = uri;
  };

  const variants: BadSubmission[] = [];
  const add = (name: string, expectedProblem: ProblemName, description: string, parts: SubmissionParts, refusedByPortal?: string) => {
    variants.push({ name, expectedProblem, description, parts, ...(refusedByPortal ? { refusedByPortal } : {}) });
  };
  const notCompact = 'the Submission API accepts compact JWEs only (400 at upload)';
  const plainMeta = utf8(JSON.stringify(baseMeta));

  // ---- encryption ----
  add('metadata-wrong-key', 'encryption-issue', 'Metadaten an einen fremden RSA-Schlüssel verschlüsselt (kid des Zustellpunkts)', {
    ...base,
    encryptedMetadata: await encrypt(plainMeta, {}, otherKey),
  });
  add('data-wrong-key', 'encryption-issue', 'Fachdaten an einen fremden RSA-Schlüssel verschlüsselt', { ...base, encryptedData: await encrypt(dataBytes, {}, otherKey) });
  add('attachment-wrong-key', 'encryption-issue', 'Anlage an einen fremden RSA-Schlüssel verschlüsselt', {
    ...base,
    attachments: { ...base.attachments, [idA]: await encrypt(app.attachments[0]!.bytes, { cty: app.attachments[0]!.mimeType }, otherKey) },
  });
  add('metadata-unknown-kid', 'encryption-issue', 'Metadaten mit unbekannter Schlüssel-ID', { ...base, encryptedMetadata: await encrypt(plainMeta, { kid: randomUUID() }) });
  add('metadata-four-segments', 'encryption-issue', 'Metadaten-JWE mit 4 statt 5 Segmenten', { ...base, encryptedMetadata: base.encryptedMetadata.split('.').slice(0, 4).join('.') }, notCompact);
  add('data-bad-base64-chars', 'encryption-issue', 'Fachdaten-JWE mit Zeichen außerhalb von Base64url', { ...base, encryptedData: withChar(base.encryptedData, 3, '+') }, notCompact);
  add('data-bad-base64-length', 'encryption-issue', 'Fachdaten-JWE mit unmöglicher Base64url-Länge des Chiffrats', { ...base, encryptedData: badBase64Length(base.encryptedData, 3) });
  add('metadata-tampered-ciphertext', 'encryption-issue', 'Chiffrat der Metadaten verändert', { ...base, encryptedMetadata: tamper(base.encryptedMetadata, 3) });
  add('data-tampered-ciphertext', 'encryption-issue', 'Chiffrat der Fachdaten verändert', { ...base, encryptedData: tamper(base.encryptedData, 3) });
  add('attachment-tampered-ciphertext', 'encryption-issue', 'Chiffrat einer Anlage verändert', { ...base, attachments: { ...base.attachments, [idB]: tamper(base.attachments[idB]!, 3) } });
  add('metadata-tampered-tag', 'encryption-issue', 'Authentifizierungs-Tag der Metadaten verändert', { ...base, encryptedMetadata: tamper(base.encryptedMetadata, 4) });
  add('attachment-tampered-tag', 'encryption-issue', 'Authentifizierungs-Tag einer Anlage verändert', { ...base, attachments: { ...base.attachments, [idA]: tamper(base.attachments[idA]!, 4) } });
  add('data-tampered-iv', 'encryption-issue', 'Initialisierungsvektor der Fachdaten verändert', { ...base, encryptedData: tamper(base.encryptedData, 2) });
  add('metadata-truncated-key', 'encryption-issue', 'RSA-verschlüsselter Inhaltsschlüssel der Metadaten gekürzt', { ...base, encryptedMetadata: truncateEncryptedKey(base.encryptedMetadata) });
  add('metadata-alg-rsa-oaep-sha1', 'encryption-issue', 'Metadaten mit alg RSA-OAEP (SHA-1) statt RSA-OAEP-256', { ...base, encryptedMetadata: await encrypt(plainMeta, { alg: 'RSA-OAEP' }) });
  add('data-enc-a128gcm', 'encryption-issue', 'Fachdaten mit enc A128GCM statt A256GCM', { ...base, encryptedData: await encrypt(dataBytes, { enc: 'A128GCM' }) });
  add('attachment-enc-a256cbc-hs512', 'encryption-issue', 'Anlage mit enc A256CBC-HS512 statt A256GCM', {
    ...base,
    attachments: { ...base.attachments, [idA]: await encrypt(app.attachments[0]!.bytes, { enc: 'A256CBC-HS512', cty: app.attachments[0]!.mimeType }) },
  });

  // ---- hashes ----
  add('data-hash-mismatch', 'hash-mismatch', 'SHA-512 der Fachdaten in den Metadaten falsch', await withMeta((m) => {
    (m.contentStructure.data.hash as { content: string }).content = sha512Hex(utf8('andere Fachdaten'));
  }));
  add('attachment-hash-mismatch', 'hash-mismatch', 'SHA-512 einer Anlage in den Metadaten falsch', await withMeta((m) => {
    (entry(m, idB).hash as { content: string }).content = sha512Hex(utf8('andere Anlage'));
  }));
  add('attachment-content-swapped', 'hash-mismatch', 'Anlage durch andere Datei ersetzt (korrekt verschlüsselt)', {
    ...base,
    attachments: { ...base.attachments, [idA]: await encrypt(tinyPdf('untergeschobenes Dokument'), { cty: 'application/pdf' }) },
  });

  // ---- attachments ----
  const { [idB]: _dropped, ...onlyA } = base.attachments;
  add('attachment-missing', 'attachments-mismatch', 'Metadaten beschreiben eine Anlage, die nicht übermittelt wurde', {
    ...base,
    announcedAttachments: [idA],
    attachments: onlyA,
  });
  const idC = randomUUID();
  add('attachment-extra', 'attachments-mismatch', 'Übermittelte Anlage ohne Eintrag in den Metadaten', {
    ...base,
    announcedAttachments: [...base.announcedAttachments, idC],
    attachments: { ...base.attachments, [idC]: await encrypt(tinyPdf('zusätzlich'), { cty: 'application/pdf' }) },
  });
  add('attachment-duplicate-entry', 'attachments-mismatch', 'Anlage in den Metadaten doppelt beschrieben', await withMeta((m) => {
    m.contentStructure.attachments.push(clone(entry(m, idA)));
  }));
  add('attachment-entry-other-id', 'attachments-mismatch', 'Metadateneintrag einer Anlage mit falscher Id', await withMeta((m) => {
    entry(m, idB).attachmentId = randomUUID();
  }));

  // ---- metadata schema ----
  add('metadata-without-content-structure', 'schema-violation', 'Metadaten ohne contentStructure', await withMeta((m) => {
    delete (m as Record<string, unknown>).contentStructure;
  }));
  add('metadata-attachments-not-array', 'schema-violation', 'contentStructure.attachments ist kein Array', await withMeta((m) => {
    (m.contentStructure as Record<string, unknown>).attachments = { [idA]: true };
  }));
  add('metadata-hash-type-md5', 'schema-violation', 'Hash-Algorithmus md5 statt sha512', await withMeta((m) => {
    (m.contentStructure.data.hash as { type: string }).type = 'md5';
  }));
  add('metadata-hash-uppercase', 'schema-violation', 'Hashwert in Großbuchstaben', await withMeta((m) => {
    const h = entry(m, idA).hash as { content: string };
    h.content = h.content.toUpperCase();
  }));
  add('metadata-purpose-unknown', 'schema-violation', 'Zweck einer Anlage „scan“ (nicht im Schema)', await withMeta((m) => {
    entry(m, idA).purpose = 'scan';
  }));
  add('metadata-attachment-id-not-uuid', 'schema-violation', 'attachmentId ist keine UUID', await withMeta((m) => {
    entry(m, idA).attachmentId = 'anlage-nummer-eins-ohne-uuid-format';
  }));
  add('metadata-reply-channel-two-channels', 'schema-violation', 'Rückkanal mit zwei Kanälen (maxProperties 1)', await withMeta((m) => {
    m.replyChannel = { eMail: { address: 'a@example.org' }, deMail: { address: 'a@example.de-mail.de' } };
  }));
  add('metadata-reply-channel-bad-email', 'schema-violation', 'E-Mail-Adresse des Rückkanals ungültig', await withMeta((m) => {
    m.replyChannel = { eMail: { address: 'keine-adresse' } };
  }));
  add('metadata-payment-status-unknown', 'schema-violation', 'Zahlungsstatus „PAID“ (nicht im Schema)', await withMeta((m) => {
    m.paymentInformation = { transactionReference: 'KZ-1', transactionId: 'tx-1', paymentMethod: 'CREDITCARD', status: 'PAID' };
  }));
  add('metadata-authentication-empty', 'schema-violation', 'authenticationInformation leer (minItems 1)', await withMeta((m) => {
    m.authenticationInformation = [];
  }));
  add('metadata-application-date-german', 'schema-violation', 'applicationDate im Format TT.MM.JJJJ', await withMeta((m) => {
    m.additionalReferenceInfo = { applicationDate: '31.12.2024' };
  }));
  add('metadata-schema-without-mimetype', 'schema-violation', 'submissionSchema ohne mimeType', await withMeta((m) => {
    delete (m.contentStructure.data.submissionSchema as Record<string, unknown>).mimeType;
  }));
  add('metadata-json-array', 'schema-violation', 'Metadaten sind ein JSON-Array statt eines Objekts', await withMeta((m) => [m]));

  // ---- syntax ----
  add('metadata-not-json', 'syntax-violation', 'Metadaten sind kein JSON', { ...base, encryptedMetadata: await encrypt(utf8('contentStructure: { attachments: [] ')) });
  add('metadata-not-utf8', 'syntax-violation', 'Metadaten in ISO-8859-1 statt UTF-8', {
    ...base,
    encryptedMetadata: await encrypt(Buffer.from(JSON.stringify({ ...baseMeta, additionalReferenceInfo: { senderReference: 'Müller' } }), 'latin1')),
  });
  add('data-not-json', 'syntax-violation', 'Fachdaten sind kein JSON (Prüfsumme passt)', await withData(utf8('<antrag><name>Muster</name></antrag>')));
  add('data-not-utf8', 'syntax-violation', 'Fachdaten in ISO-8859-1 statt UTF-8 (Prüfsumme passt)', await withData(Buffer.from(JSON.stringify({ name: 'Müller' }), 'latin1')));

  // ---- data ----
  add('data-schema-violation', 'schema-violation', 'Fachdaten verletzen das Schema der Leistung', await (async () => {
    const bad = await encryptApplication({ ...app, data: input.invalidData ?? {} }, jwk);
    return { ...base, announcedAttachments: bad.announcedAttachments, attachments: bad.attachments, encryptedMetadata: bad.encryptedMetadata, encryptedData: bad.encryptedData };
  })());
  add('data-missing-in-metadata', 'missing-data', 'Metadaten ohne contentStructure.data', await withMeta((m) => {
    delete (m.contentStructure as Record<string, unknown>).data;
  }));
  add('data-unknown-schema-uri', 'missing-schema', 'Fachdatenschema unbekannt', await withMeta(setSchemaUri('https://schema.example.org/unbekannt/1.0.0/schema.json')));
  add('data-schema-of-other-service', 'unsupported-schema', 'Fachdatenschema einer anderen Leistung', await withMeta(setSchemaUri(input.otherSchemaUri)));
  add('data-mimetype-xml', 'unsupported-media-type', 'Fachdaten als application/xml angekündigt', await withMeta((m) => {
    (m.contentStructure.data.submissionSchema as { mimeType: string }).mimeType = 'application/xml';
  }));

  // ---- service ----
  const unknownService = 'urn:de:bbdesk:leistung:unbekannt';
  add(
    'service-unknown',
    'unsupported-service',
    'Leistung, die der Zustellpunkt nicht anbietet',
    await withMeta(
      (m) => {
        m.publicServiceType = { name: 'Unbekannte Leistung', identifier: unknownService };
      },
      { serviceType: { name: 'Unbekannte Leistung', identifier: unknownService } },
    ),
    'the Submission API refuses a service the destination does not list (422 at create), unless the destination lists it',
  );
  add('service-public-service-type-mismatch', 'unsupported-service', 'publicServiceType der Metadaten nennt eine andere Leistung', await withMeta((m) => {
    m.publicServiceType = { name: 'Andere Leistung', identifier: 'urn:de:fim:leika:leistung:99000000000000' };
  }));

  // ---- metadata versions ----
  add('metadata-version-2', 'unsupported-schema', 'Metadaten der Version 2.0.0', await withMeta((m) => {
    m.$schema = 'https://schema.fitko.de/fit-connect/metadata/2.0.0/metadata.schema.json';
  }));
  add('metadata-schema-foreign', 'unsupported-schema', 'Metadaten mit fremdem $schema', await withMeta((m) => {
    m.$schema = 'https://example.org/metadata.schema.json';
  }));

  // ---- limits ----
  const big = new Uint8Array(maxAttachmentBytes + 1);
  big.set(tinyPdf('groß').subarray(0, 9));
  add('attachment-too-large', 'attachment-too-large', `Anlage mit ${maxAttachmentBytes + 1} Byte (komprimiert übertragen)`, await (async () => {
    const parts = await withMeta((m) => {
      (entry(m, idB).hash as { content: string }).content = sha512Hex(big);
    });
    return { ...parts, attachments: { ...base.attachments, [idB]: await encrypt(big, { zip: 'DEF', cty: 'application/pdf' }) } };
  })());
  add('attachment-mimetype-html', 'unsupported-media-type', 'Anlage vom Typ text/html', await withMeta((m) => {
    entry(m, idA).mimeType = 'text/html';
  }));
  add('attachment-mimetype-svg', 'unsupported-media-type', 'Anlage vom Typ image/svg+xml', await withMeta((m) => {
    entry(m, idB).mimeType = 'image/svg+xml';
  }));

  // ---- good ones ----
  const good: GoodSubmission[] = [{ name: 'good', description: 'Wie vom Sender erzeugt', parts: base }];
  const zipped = await encryptApplication({ ...app, compress: true }, jwk);
  good.push({
    name: 'good-compressed',
    description: 'Alle JWEs mit zip: DEF',
    parts: { serviceType, announcedAttachments: zipped.announcedAttachments, attachments: zipped.attachments, encryptedMetadata: zipped.encryptedMetadata, encryptedData: zipped.encryptedData },
  });
  good.push({
    name: 'good-metadata-1.2.0',
    description: 'Metadaten mit $schema 1.2.0 und einer in 1.0.0 unbekannten Angabe',
    parts: await withMeta((m) => {
      m.$schema = 'https://schema.fitko.de/fit-connect/metadata/1.2.0/metadata.schema.json';
      m.neueAngabeAusVersion12 = { beispiel: true };
    }),
  });
  good.push({
    name: 'good-without-kid',
    description: 'JWEs ohne kid im Header',
    parts: {
      ...base,
      encryptedMetadata: await encrypt(plainMeta, { kid: null }),
      encryptedData: await encrypt(dataBytes, { kid: null }),
    },
  });
  return { good, variants };
}

// ---- fixtures for tests: a tiny service catalogue and a sample application ----

export const TEST_SERVICE_IDENTIFIER = 'urn:de:fim:leika:leistung:99102013104000';
export const TEST_OTHER_SERVICE_IDENTIFIER = 'urn:de:fim:leika:leistung:99115003012000';
export const TEST_SCHEMA_URI = 'https://schema.bbdesk.de/test/hundesteuer/1.0.0/schema.json';
export const TEST_OTHER_SCHEMA_URI = 'https://schema.bbdesk.de/test/meldebescheinigung/1.0.0/schema.json';

const testDataSchema = z.strictObject({
  antragsteller: z.strictObject({ familienname: z.string().min(1), vornamen: z.string().min(1), geburtsdatum: z.iso.date() }),
  antrag: z.strictObject({ anzahlHunde: z.number().int().min(1), rasse: z.string().min(1) }),
});
const testOtherSchema = z.strictObject({ antragsteller: z.unknown(), antrag: z.strictObject({ art: z.enum(['einfach', 'erweitert']) }) });

function zodValidator(schema: z.ZodType) {
  return (data: unknown) => {
    const r = schema.safeParse(data);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };
}

/** Resolvers for two test services (Hundesteuer, Meldebescheinigung) with a tiny zod schema each. */
export function testResolvers(): { services: ServiceResolver; schemas: DataSchemaResolver } {
  return {
    services: (identifier) =>
      identifier === TEST_SERVICE_IDENTIFIER
        ? { serviceId: 'hundesteuer', schemaUris: [TEST_SCHEMA_URI] }
        : identifier === TEST_OTHER_SERVICE_IDENTIFIER
          ? { serviceId: 'meldebescheinigung', schemaUris: [TEST_OTHER_SCHEMA_URI] }
          : undefined,
    schemas: (uri) =>
      uri === TEST_SCHEMA_URI
        ? { serviceId: 'hundesteuer', validate: zodValidator(testDataSchema) }
        : uri === TEST_OTHER_SCHEMA_URI
          ? { serviceId: 'meldebescheinigung', validate: zodValidator(testOtherSchema) }
          : undefined,
  };
}

/** A good application for the test Hundesteuer service, with a PDF form and a JPEG proof. */
export function sampleApplication(destinationId: string): OutgoingApplication {
  const jpeg = new Uint8Array(2048);
  jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
  jpeg.set([0xff, 0xd9], jpeg.length - 2);
  return {
    destinationId,
    serviceIdentifier: TEST_SERVICE_IDENTIFIER,
    serviceName: 'Hundesteuer – Anmeldung',
    schemaUri: TEST_SCHEMA_URI,
    data: {
      antragsteller: { familienname: 'Müller', vornamen: 'Jürgen', geburtsdatum: '1980-04-01' },
      antrag: { anzahlHunde: 1, rasse: 'Dackel' },
    },
    attachments: [
      { filename: 'antrag.pdf', mimeType: 'application/pdf', purpose: 'form', bytes: tinyPdf('Antragsformular') },
      { filename: 'haftpflicht.jpg', mimeType: 'image/jpeg', purpose: 'attachment', description: 'Nachweis der Haftpflichtversicherung', bytes: jpeg },
    ],
    paymentInformation: { transactionReference: 'KZ-2025-0001', transactionId: 'tx-0001', paymentMethod: 'CREDITCARD', status: 'BOOKED', grossAmount: 12.5 },
    authenticationInformation: [{ type: 'identificationReport', version: '1.0.0', content: 'eyJhbGciOiJub25lIn0.e30.' }],
    replyChannel: { eMail: { address: 'juergen.mueller@example.org' } },
    additionalReferenceInfo: { senderReference: 'OR-4711', applicationDate: '2025-03-01' },
  };
}
