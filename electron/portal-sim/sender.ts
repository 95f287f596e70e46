/**
 * The sending side of FIT-Connect: builds metadata (schema 1.0.0), encrypts an application into
 * compact JWEs (RSA-OAEP-256 + A256GCM, optional zip DEF) and delivers it through the Submission
 * API (create → upload attachments → submit). Used by tests and by the simulator's demo sender.
 */
import crypto, { type KeyObject } from 'node:crypto';
import { CompactEncrypt, type CompactJWEHeaderParameters } from 'jose';

export interface OutgoingAttachment {
  filename: string;
  mimeType: string;
  purpose: 'form' | 'attachment' | 'report';
  description?: string;
  bytes: Uint8Array;
}

export interface OutgoingApplication {
  destinationId: string;
  /** e.g. urn:de:fim:leika:leistung:99115003012000 */
  serviceIdentifier: string;
  serviceName: string;
  /** The service's data schema URI. */
  schemaUri: string;
  /** The Fachdaten (JSON). */
  data: unknown;
  attachments: OutgoingAttachment[];
  paymentInformation?: Record<string, unknown>;
  authenticationInformation?: { type: 'identificationReport'; version: string; content: string }[];
  replyChannel?: Record<string, unknown>;
  additionalReferenceInfo?: { senderReference?: string; applicationDate?: string };
  /** Compress every JWE (zip: DEF). */
  compress?: boolean;
}

/** The parts a sender uploads; the metadata follows metadata.schema 1.0.0 with SHA-512 hex hashes of data and every attachment. */
export interface EncryptedApplication {
  announcedAttachments: string[];
  /** attachmentId → compact JWE */
  attachments: Record<string, string>;
  encryptedMetadata: string;
  encryptedData: string;
  /** The plaintext metadata (for tests and logs). */
  metadata: Record<string, unknown>;
}

export type EncryptionJwk = JsonWebKey & { kid?: string; x5c?: string[] };

const sha512Hex = (bytes: Uint8Array) => crypto.createHash('sha512').update(bytes).digest('hex');

const keyCache = new Map<string, KeyObject>();

/**
 * The destination key as a node KeyObject. (jose's importJWK would turn a spec-shaped key with
 * `key_ops: ["wrapKey"]` into a CryptoKey that cannot encrypt; a KeyObject has no usages.)
 */
function encryptionKeyObject(jwk: EncryptionJwk): KeyObject {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('The destination key is not an RSA public key.');
  if (jwk.alg !== undefined && jwk.alg !== 'RSA-OAEP-256') throw new Error(`The destination key is for ${jwk.alg}, not RSA-OAEP-256.`);
  if (jwk.key_ops !== undefined && !jwk.key_ops.includes('wrapKey') && !jwk.key_ops.includes('encrypt')) {
    throw new Error('The destination key may not be used for encryption (key_ops).');
  }
  if (jwk.use !== undefined && jwk.use !== 'enc') throw new Error('The destination key is not an encryption key (use).');
  const cacheKey = `${jwk.n}.${jwk.e}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = crypto.createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    if (keyCache.size >= 32) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(cacheKey, key);
  }
  return key;
}

async function encrypt(plaintext: Uint8Array, key: KeyObject, kid: string | undefined, cty: string, zip: boolean): Promise<string> {
  const header: CompactJWEHeaderParameters = { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty };
  if (kid) header.kid = kid;
  if (zip) header.zip = 'DEF';
  return new CompactEncrypt(plaintext).setProtectedHeader(header).encrypt(key);
}

/** Builds the metadata (schema 1.0.0) and encrypts metadata, data and attachments for the destination key. */
export async function encryptApplication(app: OutgoingApplication, destinationEncryptionKey: JsonWebKey): Promise<EncryptedApplication> {
  const jwk = destinationEncryptionKey as EncryptionJwk;
  const key = encryptionKeyObject(jwk);
  const zip = app.compress === true;
  const dataJson = JSON.stringify(app.data);
  if (dataJson === undefined) throw new Error('The application data is not JSON-serialisable.');
  const dataBytes = new TextEncoder().encode(dataJson);

  const attachments = app.attachments.map((a) => ({ ...a, attachmentId: crypto.randomUUID() }));
  const metadata: Record<string, unknown> = {
    contentStructure: {
      data: {
        hash: { type: 'sha512', content: sha512Hex(dataBytes) },
        submissionSchema: { schemaUri: app.schemaUri, mimeType: 'application/json' },
      },
      attachments: attachments.map((a) => ({
        hash: { type: 'sha512', content: sha512Hex(a.bytes) },
        purpose: a.purpose,
        filename: a.filename,
        ...(a.description !== undefined ? { description: a.description } : {}),
        mimeType: a.mimeType,
        attachmentId: a.attachmentId,
      })),
    },
    publicServiceType: { name: app.serviceName, identifier: app.serviceIdentifier },
  };
  if (app.paymentInformation) metadata.paymentInformation = app.paymentInformation;
  if (app.authenticationInformation) metadata.authenticationInformation = app.authenticationInformation;
  if (app.replyChannel) metadata.replyChannel = app.replyChannel;
  if (app.additionalReferenceInfo) metadata.additionalReferenceInfo = app.additionalReferenceInfo;

  const metadataBytes = new TextEncoder().encode(JSON.stringify(metadata));
  const [encryptedMetadata, encryptedData, ...encryptedAttachments] = await Promise.all([
    encrypt(metadataBytes, key, jwk.kid, 'application/json', zip),
    encrypt(dataBytes, key, jwk.kid, 'application/json', zip),
    ...attachments.map((a) => encrypt(a.bytes, key, jwk.kid, a.mimeType, zip)),
  ]);
  const out: Record<string, string> = {};
  attachments.forEach((a, i) => {
    out[a.attachmentId] = encryptedAttachments[i]!;
  });
  return {
    announcedAttachments: attachments.map((a) => a.attachmentId),
    attachments: out,
    encryptedMetadata: encryptedMetadata!,
    encryptedData: encryptedData!,
    metadata,
  };
}

// ---- HTTP client -----------------------------------------------------------------------------

/** A failed call to the Submission API or token endpoint; `status` null = no HTTP answer (network). */
export class SenderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly problem?: unknown,
  ) {
    super(message);
    this.name = 'SenderError';
  }
}

export interface SenderConfig {
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

const MIN_RSA_BITS = 4096;

function modulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url');
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return i === bytes.length ? 0 : (bytes.length - i) * 8 - Math.clz32(bytes[i]!) + 24;
}

export class SenderClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly apiUrl: string;

  constructor(private readonly cfg: SenderConfig) {
    this.apiUrl = cfg.apiUrl.replace(/\/+$/, '');
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now() + 30_000) return this.token.value;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret });
    let res: Response;
    try {
      res = await fetch(this.cfg.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    } catch (e) {
      throw new SenderError(`Token endpoint unreachable: ${(e as Error).message}`, null);
    }
    const body = (await res.json().catch(() => null)) as { access_token?: string; expires_in?: number; error?: string } | null;
    if (!res.ok || !body?.access_token) throw new SenderError(`Token request failed (${res.status} ${body?.error ?? ''})`.trim(), res.status, body);
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
    return this.token.value;
  }

  /** One API call; on 401 the token is renewed once and the call repeated. */
  private async call(method: string, path: string, body?: { contentType: string; data: string }): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      let res: Response;
      try {
        res = await fetch(`${this.apiUrl}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': body.contentType } : {}) },
          body: body?.data,
        });
      } catch (e) {
        throw new SenderError(`${method} ${path}: no answer (${(e as Error).message})`, null);
      }
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        let problem: unknown = text;
        try {
          problem = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        const detail = typeof problem === 'object' && problem !== null ? ((problem as { detail?: string; title?: string }).detail ?? (problem as { title?: string }).title) : text;
        throw new SenderError(`${method} ${path} → ${res.status}${detail ? `: ${detail}` : ''}`, res.status, problem);
      }
      return res;
    }
  }

  private async callJson<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call(method, path, body === undefined ? undefined : { contentType: 'application/json', data: JSON.stringify(body) });
    return (await res.json()) as T;
  }

  destination(destinationId: string): Promise<Record<string, unknown>> {
    return this.callJson('GET', `/v1/destinations/${encodeURIComponent(destinationId)}`);
  }

  /** The destination's current encryption key (via its encryptionKid), checked for RSA-OAEP-256 and ≥ 4096 bit. */
  async encryptionKey(destinationId: string): Promise<JsonWebKey> {
    const d = await this.destination(destinationId);
    const kid = d.encryptionKid;
    if (typeof kid !== 'string' || !kid) throw new SenderError(`Destination ${destinationId} has no encryptionKid.`, null);
    const jwk = await this.callJson<EncryptionJwk>('GET', `/v1/destinations/${encodeURIComponent(destinationId)}/keys/${encodeURIComponent(kid)}`);
    if (jwk.kid !== kid) throw new SenderError(`Key ${kid}: the server returned kid ${jwk.kid}.`, null);
    try {
      encryptionKeyObject(jwk);
    } catch (e) {
      throw new SenderError(`Key ${kid}: ${(e as Error).message}`, null);
    }
    if (modulusBits(jwk.n ?? '') < MIN_RSA_BITS) throw new SenderError(`Key ${kid}: RSA key shorter than ${MIN_RSA_BITS} bit.`, null);
    return jwk;
  }

  /** Encrypts and sends an application: create → upload attachments → submit. */
  /** `encryptionKey`: the destination's key when the caller already fetched it (a batch to one destination). */
  async send(app: OutgoingApplication, encryptionKey?: JsonWebKey): Promise<{ submissionId: string; caseId: string }> {
    const key = encryptionKey ?? (await this.encryptionKey(app.destinationId));
    const enc = await encryptApplication(app, key);
    return this.sendRaw({
      destinationId: app.destinationId,
      serviceType: { name: app.serviceName, identifier: app.serviceIdentifier },
      announcedAttachments: enc.announcedAttachments,
      attachments: enc.attachments,
      encryptedMetadata: enc.encryptedMetadata,
      encryptedData: enc.encryptedData,
    });
  }

  /** Sends pre-built (possibly deliberately broken) parts as they are: for tests of the receiving side. */
  async sendRaw(input: {
    destinationId: string;
    serviceType: { name?: string; identifier: string };
    announcedAttachments: string[];
    attachments: Record<string, string>;
    encryptedMetadata: string;
    encryptedData: string;
  }): Promise<{ submissionId: string; caseId: string }> {
    const created = await this.callJson<{ submissionId: string; caseId: string }>('POST', '/v1/submissions', {
      destinationId: input.destinationId,
      announcedAttachments: input.announcedAttachments,
      serviceType: { name: input.serviceType.name ?? input.serviceType.identifier, identifier: input.serviceType.identifier },
    });
    const base = `/v1/submissions/${created.submissionId}`;
    for (const [attachmentId, jwe] of Object.entries(input.attachments)) {
      const res = await this.call('PUT', `${base}/attachments/${encodeURIComponent(attachmentId)}`, { contentType: 'application/jose', data: jwe });
      await res.body?.cancel();
    }
    await this.callJson('PUT', base, { encryptedMetadata: input.encryptedMetadata, encryptedData: input.encryptedData });
    return { submissionId: created.submissionId, caseId: created.caseId };
  }
}
