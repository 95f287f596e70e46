/**
 * Helpers for tests against the simulator (not a test file itself): destination key pairs,
 * a raw HTTP helper, and SETs as a receiving system signs them.
 */
import crypto, { type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { SET_PAYLOAD_SCHEMA, eventUri } from './events.js';

export interface KeyPairJwk {
  /** Public JWK as WebCrypto/jose would export it, with kid, alg and use. */
  publicJwk: JsonWebKey & { kid: string };
  privateKey: KeyObject;
}

export interface DestinationKeys {
  encryption: KeyPairJwk;
  signing: KeyPairJwk;
}

function generateRsa(bits: number): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return new Promise((resolve, reject) =>
    crypto.generateKeyPair('rsa', { modulusLength: bits }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }))),
  );
}

/** An encryption (RSA-OAEP-256) and a signing (PS512) key pair, 4096 bit unless told otherwise. */
export async function generateDestinationKeys(bits = 4096): Promise<DestinationKeys> {
  const [enc, sig] = await Promise.all([generateRsa(bits), generateRsa(bits)]);
  const jwk = (k: KeyObject, alg: string, use: string) =>
    ({ ...(k.export({ format: 'jwk' }) as JsonWebKey), alg, use, kid: crypto.randomUUID() }) as JsonWebKey & { kid: string };
  return {
    encryption: { publicJwk: jwk(enc.publicKey, 'RSA-OAEP-256', 'enc'), privateKey: enc.privateKey },
    signing: { publicJwk: jwk(sig.publicKey, 'PS512', 'sig'), privateKey: sig.privateKey },
  };
}

export interface RawResponse {
  status: number;
  contentType: string | null;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  json: any;
}

/** One HTTP exchange, without any client logic. */
export async function rawRequest(
  url: string,
  init: { method?: string; token?: string; contentType?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.contentType) headers['Content-Type'] = init.contentType;
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body as BodyInit | undefined });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), headers: Object.fromEntries(res.headers.entries()), text, json };
}

/** An access token via client credentials (body parameters). */
export async function fetchToken(tokenUrl: string, clientId: string, clientSecret: string): Promise<string> {
  const res = await rawRequest(tokenUrl, {
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
  return res.json.access_token as string;
}

/** The authentication tag (last segment) of a compact JWE. */
export const tagOf = (jwe: string) => jwe.slice(jwe.lastIndexOf('.') + 1);

export interface SetInput {
  signingKey: KeyObject;
  kid?: string;
  destinationId: string;
  submissionId: string;
  caseId: string;
  event: 'accept-submission' | 'reject-submission' | string;
  content: Record<string, unknown>;
  /** Overrides of claims or header members, for deliberately broken tokens. */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
}

/** A SET as the receiving system posts it: PS512, typ secevent+jwt, iss = destinationId. */
export async function buildSet(input: SetInput): Promise<string> {
  const eventKey = input.event.startsWith('https://') ? input.event : eventUri(input.event as 'accept-submission');
  const payload = {
    $schema: SET_PAYLOAD_SCHEMA,
    jti: crypto.randomUUID(),
    iss: input.destinationId,
    iat: Math.floor(Date.now() / 1000),
    sub: `submission:${input.submissionId}`,
    txn: `case:${input.caseId}`,
    events: { [eventKey]: input.content },
    ...input.claims,
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'PS512', typ: 'secevent+jwt', ...(input.kid ? { kid: input.kid } : {}), ...input.header } as { alg: string })
    .sign(input.signingKey);
}
