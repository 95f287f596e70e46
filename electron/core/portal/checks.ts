/**
 * The checks a FIT-Connect destination makes before it accepts a submission
 * (https://docs.fitko.de/fit-connect/docs/receiving/process-and-acknowledge):
 *
 * 1. every JWE is compact, RSA-OAEP-256 + A256GCM (zip DEF allowed), for one of our keys (by `kid`), and decrypts;
 * 2. the metadata is JSON, of a supported version (1.x, validated against 1.0.0, see metadata-schema.ts) and valid;
 * 3. the service (`serviceType.identifier`) is one we offer online; `publicServiceType` (if given) names the same;
 * 4. there is Fachdaten (`contentStructure.data` and `encryptedData`), of type application/json, with a known
 *    `schemaUri` that belongs to the service; its SHA-512 matches; it is JSON and valid against the schema;
 * 5. the announced attachments and the metadata's attachment entries match one to one; every attachment is
 *    within the size limit, of an allowed type, and its SHA-512 matches.
 *
 * Everything the sender got wrong comes back as problems (problems.ts), collected as far as the checks can go
 * (after a metadata failure nothing else can be judged). Errors that are ours (a key unfit for decryption, a
 * bug) are thrown: the caller must retry later, not reject the submission.
 */
import type { PortalProblem } from '../../../shared/domain/portal';
import { mapLimit } from '../map-limit';
import { decryptJwe, formatBytes, sha512Hex, type DecryptionKey, type JweFailure, type JweResult } from './crypto';
import { metadataVersionOf, validateMetadata } from './metadata-schema';
import { problem, type ProblemInstance } from './problems';

/** A submission as the Submission API returns it (GET /v1/submissions/{id}); see client.ts for the full type. */
export interface FetchedSubmissionHead {
  submissionId: string;
  destinationId?: string;
  caseId?: string;
  /** The announced (and uploaded) attachment ids. */
  attachments?: string[];
  serviceType: { name?: string; identifier: string };
  encryptedMetadata?: string;
  encryptedData?: string;
}

export interface FetchedSubmission {
  submission: FetchedSubmissionHead;
  /** attachmentId → compact JWE */
  attachments: Record<string, string>;
}

export interface DataSchemaResolver {
  (schemaUri: string): { serviceId: string; validate(data: unknown): { path: string; message: string }[] } | undefined;
}

export interface ServiceResolver {
  (serviceIdentifier: string): { serviceId: string; schemaUris: string[] } | undefined;
}

export interface CheckedAttachment {
  attachmentId: string;
  filename: string | null;
  mimeType: string;
  purpose: 'form' | 'attachment' | 'report';
  description: string | null;
  bytes: Buffer;
  sha512: string;
}

export interface CheckedSubmission {
  ok: true;
  serviceId: string;
  metadata: Record<string, unknown>;
  /** The metadata schema URI the metadata declares (1.0.0's when it declares none). */
  metadataSchema: string;
  data: unknown;
  attachments: CheckedAttachment[];
  /** Last segment of each received JWE, for the accept-submission event. */
  authenticationTags: { metadata: string; data: string; attachments: Record<string, string> };
  /** Wall-clock time spent decrypting (all JWEs of the submission, concurrently), in ms. */
  decryptMs: number;
}

export type CheckResult = CheckedSubmission | { ok: false; problems: PortalProblem[] };

export interface CheckLimits {
  /** Per attachment, after decryption and decompression. Default 20 MB. */
  maxAttachmentBytes?: number;
  /** Allowed attachment MIME types (lowercase). Default: PDF, JPEG, PNG, TIFF. */
  allowedMimeTypes?: string[];
  /** Metadata and data, after decryption and decompression. Default 10 MB. */
  maxDocumentBytes?: number;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Scans and photos of proofs, and the PDF form: what a clerk can open and print on every workstation. */
export const DEFAULT_ALLOWED_MIME_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'];
export const DATA_MIME_TYPE = 'application/json';

/** How many JWEs of one submission are decrypted at the same time (RSA runs on libuv's thread pool). */
const DECRYPT_CONCURRENCY = 4;
const MAX_ISSUES_IN_DETAIL = 5;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

function jweProblem(f: JweFailure, instance: ProblemInstance, what: string): PortalProblem {
  if (f.reason === 'too-large') {
    return instance.startsWith('attachment:')
      ? problem('attachment-too-large', `${what}: ${f.detail}`, instance)
      : problem('syntax-violation', `${what}: ${f.detail}`, instance);
  }
  return problem('encryption-issue', `${what}: ${f.detail}`, instance);
}

const issuesText = (issues: { path: string; message: string }[]) =>
  issues
    .slice(0, MAX_ISSUES_IN_DETAIL)
    .map((i) => `${i.path || '/'}: ${i.message}`)
    .join('; ') + (issues.length > MAX_ISSUES_IN_DETAIL ? `; und ${issues.length - MAX_ISSUES_IN_DETAIL} weitere` : '');

const norm = (id: string) => id.toLowerCase();

/** Runs all checks on a fetched (still encrypted) submission. */
export async function checkSubmission(
  f: FetchedSubmission,
  keys: readonly DecryptionKey[],
  services: ServiceResolver,
  schemas: DataSchemaResolver,
  limits?: CheckLimits,
): Promise<CheckResult> {
  const maxAttachmentBytes = limits?.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const maxDocumentBytes = limits?.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const allowedMimeTypes = new Set((limits?.allowedMimeTypes ?? DEFAULT_ALLOWED_MIME_TYPES).map((m) => m.toLowerCase()));
  const sub = f.submission;
  const problems: PortalProblem[] = [];

  // ---- 1. decrypt everything (concurrently) ----
  const announced = Array.isArray(sub.attachments) ? sub.attachments : [];
  const fetchedById = new Map(Object.entries(f.attachments).map(([id, jwe]) => [norm(id), jwe]));
  type Job = { part: 'metadata' | 'data' | 'attachment'; id?: string; jwe: string; max: number };
  const jobs: Job[] = [];
  if (typeof sub.encryptedMetadata === 'string') jobs.push({ part: 'metadata', jwe: sub.encryptedMetadata, max: maxDocumentBytes });
  if (typeof sub.encryptedData === 'string') jobs.push({ part: 'data', jwe: sub.encryptedData, max: maxDocumentBytes });
  /** normalised id → the id as the portal announced it (tags and ids go back to the portal in its spelling) */
  const announcedAs = new Map<string, string>();
  for (const id of announced) {
    const key = norm(id);
    if (announcedAs.has(key)) continue;
    announcedAs.set(key, id);
    const jwe = fetchedById.get(key);
    if (jwe !== undefined) jobs.push({ part: 'attachment', id: key, jwe, max: maxAttachmentBytes });
  }
  const started = performance.now();
  const results = await mapLimit(jobs, DECRYPT_CONCURRENCY, (j) => decryptJwe(j.jwe, keys, { maxPlaintextBytes: j.max }));
  const decryptMs = performance.now() - started;
  const resultOf = (part: Job['part'], id?: string): JweResult | undefined => {
    const i = jobs.findIndex((j) => j.part === part && j.id === id);
    return i < 0 ? undefined : results[i];
  };

  // ---- 2. metadata ----
  const metaRes = resultOf('metadata');
  if (!metaRes) return { ok: false, problems: [problem('syntax-violation', 'Die Einreichung enthält keine verschlüsselten Metadaten.', 'metadata')] };
  if (!metaRes.ok) {
    problems.push(jweProblem(metaRes.failure, 'metadata', 'Metadaten'));
    // Encryption problems of the other parts are worth telling the sender as well.
    for (const [i, r] of results.entries()) {
      const j = jobs[i]!;
      if (j.part !== 'metadata' && !r.ok && r.failure.reason !== 'too-large') {
        problems.push(j.part === 'data' ? jweProblem(r.failure, 'data', 'Fachdaten') : jweProblem(r.failure, `attachment:${j.id!}`, `Anlage ${j.id!}`));
      }
    }
    return { ok: false, problems };
  }
  const parsedMeta = parseJson(metaRes.plaintext);
  if (!parsedMeta.ok) return { ok: false, problems: [problem('syntax-violation', 'Die Metadaten sind kein gültiges JSON (UTF-8).', 'metadata')] };
  if (!isObject(parsedMeta.value)) return { ok: false, problems: [problem('schema-violation', 'Die Metadaten sind kein JSON-Objekt.', 'metadata')] };
  const metadata = parsedMeta.value;
  const version = metadataVersionOf(metadata);
  if (!version.ok) return { ok: false, problems: [problem('unsupported-schema', version.reason, 'metadata')] };
  const metaIssues = validateMetadata(metadata, MAX_ISSUES_IN_DETAIL + 1);
  if (metaIssues.length > 0) {
    return { ok: false, problems: [problem('schema-violation', `Die Metadaten entsprechen nicht dem Metadatenschema ${version.version}: ${issuesText(metaIssues)}.`, 'metadata')] };
  }
  // From here on the metadata has the shape of schema 1.0.0.
  const cs = metadata.contentStructure as {
    data?: { hash: { content: string }; submissionSchema: { schemaUri: string; mimeType: string } };
    attachments: { attachmentId: string; hash: { content: string }; purpose: CheckedAttachment['purpose']; mimeType: string; filename?: string; description?: string }[];
  };

  // ---- 3. service ----
  const identifier = sub.serviceType?.identifier;
  const service = typeof identifier === 'string' ? services(identifier) : undefined;
  if (!service) {
    problems.push(problem('unsupported-service', `Die Leistung „${String(identifier)}“ wird von diesem Zustellpunkt nicht angeboten.`, 'submission'));
  }
  const pst = metadata.publicServiceType as { identifier: string } | undefined;
  if (pst && pst.identifier !== identifier) {
    problems.push(
      problem('unsupported-service', `Die Leistung in den Metadaten („${pst.identifier}“) stimmt nicht mit der Leistung der Einreichung („${String(identifier)}“) überein.`, 'metadata'),
    );
  }

  // ---- 4. data ----
  let data: unknown;
  let dataOk = false;
  const dataRes = resultOf('data');
  if (!cs.data) {
    problems.push(problem('missing-data', 'Die Metadaten beschreiben keine Fachdaten (contentStructure.data fehlt).', 'metadata'));
  } else if (sub.encryptedData === undefined) {
    problems.push(problem('missing-data', 'Die Einreichung enthält keine verschlüsselten Fachdaten.', 'data'));
  } else {
    const { schemaUri, mimeType } = cs.data.submissionSchema;
    let schema: ReturnType<DataSchemaResolver> | undefined;
    if (mimeType !== DATA_MIME_TYPE) {
      problems.push(problem('unsupported-media-type', `Fachdaten im Format „${mimeType}“ werden nicht unterstützt; erwartet wird ${DATA_MIME_TYPE}.`, 'data'));
    } else {
      schema = schemas(schemaUri);
      if (!schema) {
        problems.push(problem('missing-schema', `Das Fachdatenschema „${schemaUri}“ ist diesem Zustellpunkt nicht bekannt.`, 'data'));
      } else if (service && (schema.serviceId !== service.serviceId || !service.schemaUris.includes(schemaUri))) {
        problems.push(problem('unsupported-schema', `Das Fachdatenschema „${schemaUri}“ gehört nicht zur Leistung „${String(identifier)}“.`, 'data'));
        schema = undefined;
      }
    }
    if (!dataRes || !dataRes.ok) {
      if (dataRes && !dataRes.ok) problems.push(jweProblem(dataRes.failure, 'data', 'Fachdaten'));
    } else if (sha512Hex(dataRes.plaintext) !== cs.data.hash.content) {
      problems.push(problem('hash-mismatch', 'Die SHA-512-Prüfsumme der Fachdaten stimmt nicht mit den Metadaten überein.', 'data'));
    } else if (mimeType === DATA_MIME_TYPE) {
      const parsed = parseJson(dataRes.plaintext);
      if (!parsed.ok) {
        problems.push(problem('syntax-violation', 'Die Fachdaten sind kein gültiges JSON (UTF-8).', 'data'));
      } else if (schema && service) {
        const issues = schema.validate(parsed.value);
        if (issues.length > 0) {
          problems.push(problem('schema-violation', `Die Fachdaten entsprechen nicht dem Schema ${schemaUri}: ${issuesText(issues)}.`, 'data'));
        } else {
          data = parsed.value;
          dataOk = true;
        }
      }
    }
  }

  // ---- 5. attachments ----
  const entries = new Map<string, (typeof cs.attachments)[number][]>();
  for (const e of cs.attachments) {
    const id = norm(e.attachmentId);
    entries.set(id, [...(entries.get(id) ?? []), e]);
  }
  const announcedCount = new Map<string, number>();
  for (const id of announced) announcedCount.set(norm(id), (announcedCount.get(norm(id)) ?? 0) + 1);
  for (const [id, list] of entries) {
    if (list.length > 1) problems.push(problem('attachments-mismatch', `Die Metadaten beschreiben die Anlage ${id} ${list.length}-mal.`, `attachment:${id}`));
    if (!announcedCount.has(id)) problems.push(problem('attachments-mismatch', `Die Anlage ${id} ist in den Metadaten beschrieben, wurde aber nicht übermittelt.`, `attachment:${id}`));
  }
  for (const [id, n] of announcedCount) {
    if (n > 1) problems.push(problem('attachments-mismatch', `Die Anlage ${id} ist in der Einreichung mehrfach aufgeführt.`, `attachment:${id}`));
    if (!entries.has(id)) problems.push(problem('attachments-mismatch', `Die Anlage ${id} wurde übermittelt, ist aber in den Metadaten nicht beschrieben.`, `attachment:${id}`));
    else if (!fetchedById.has(id)) problems.push(problem('attachments-mismatch', `Die Anlage ${id} fehlt in der abgerufenen Einreichung.`, `attachment:${id}`));
  }
  const attachments: CheckedAttachment[] = [];
  const attachmentTags: Record<string, string> = {};
  for (const e of cs.attachments) {
    const id = norm(e.attachmentId);
    if (entries.get(id)!.length !== 1 || announcedCount.get(id) !== 1) continue;
    const res = resultOf('attachment', id);
    if (!res) continue; // reported above (not fetched)
    const instance = `attachment:${id}` as const;
    const label = `Anlage ${e.filename ? `„${e.filename}“ ` : ''}(${id})`;
    let fine = true;
    if (!allowedMimeTypes.has(e.mimeType.toLowerCase())) {
      problems.push(problem('unsupported-media-type', `${label}: Dateityp ${e.mimeType} ist nicht zulässig; erlaubt sind ${[...allowedMimeTypes].join(', ')}.`, instance));
      fine = false;
    }
    if (!res.ok) {
      if (res.failure.reason === 'too-large') {
        problems.push(problem('attachment-too-large', `${label}: größer als ${formatBytes(maxAttachmentBytes)}.`, instance));
      } else {
        problems.push(jweProblem(res.failure, instance, label));
      }
      continue;
    }
    const hash = sha512Hex(res.plaintext);
    if (hash !== e.hash.content) {
      problems.push(problem('hash-mismatch', `${label}: Die SHA-512-Prüfsumme stimmt nicht mit den Metadaten überein.`, instance));
      fine = false;
    }
    if (!fine) continue;
    const portalId = announcedAs.get(id) ?? id;
    attachments.push({
      attachmentId: portalId,
      filename: e.filename ?? null,
      mimeType: e.mimeType.toLowerCase(),
      purpose: e.purpose,
      description: e.description ?? null,
      bytes: res.plaintext,
      sha512: hash,
    });
    attachmentTags[portalId] = res.tag;
  }

  if (problems.length > 0 || !service || !dataOk || !dataRes?.ok) {
    if (problems.length === 0) {
      // Unreachable by construction; never accept what was not fully checked.
      problems.push(problem('missing-data', 'Die Fachdaten konnten nicht geprüft werden.', 'data'));
    }
    return { ok: false, problems };
  }
  return {
    ok: true,
    serviceId: service.serviceId,
    metadata,
    metadataSchema: version.schemaUri,
    data,
    attachments,
    authenticationTags: { metadata: metaRes.tag, data: dataRes.tag, attachments: attachmentTags },
    decryptMs,
  };
}
