/** Syntax checks of JOSE compact serialisations. The simulator never decrypts: it only looks at the shape. */

const B64URL = /^[A-Za-z0-9_-]*$/;

function decodeJsonSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Why `value` is not a compact JWE (RFC 7516 §7.1: five base64url segments, a protected header with
 * `alg` and `enc`, non-empty IV, ciphertext and tag), or null when it is one.
 */
export function compactJweProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'not a non-empty string';
  const parts = value.split('.');
  if (parts.length !== 5) return `has ${parts.length} segments, a compact JWE has 5`;
  if (!parts.every((p) => B64URL.test(p))) return 'contains characters outside base64url';
  const [header, , iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const h = decodeJsonSegment(header);
  if (!isObject(h)) return 'protected header is not a base64url-encoded JSON object';
  if (typeof h.alg !== 'string' || typeof h.enc !== 'string') return 'protected header lacks "alg" or "enc"';
  if (!iv || !ciphertext || !tag) return 'initialization vector, ciphertext or authentication tag is empty';
  return null;
}

/** Why `value` is not a compact JWS (three base64url segments, JSON header with `alg`), or null. */
export function compactJwsProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'not a non-empty string';
  const parts = value.split('.');
  if (parts.length !== 3) return `has ${parts.length} segments, a compact JWS has 3`;
  if (!parts.every((p) => B64URL.test(p) && p.length > 0)) return 'a segment is empty or contains characters outside base64url';
  const h = decodeJsonSegment(parts[0]!);
  if (!isObject(h) || typeof h.alg !== 'string') return 'protected header is not a JSON object with "alg"';
  return null;
}

/** The JWE authentication tag: the last segment of the compact serialisation (what `authenticationTags` refer to). */
export function authenticationTag(jwe: string): string {
  return jwe.slice(jwe.lastIndexOf('.') + 1);
}

/** Decodes the (unverified) header and payload of a compact JWS. */
export function decodeCompactJws(jws: string): { header: unknown; payload: unknown } {
  const [h = '', p = ''] = jws.split('.');
  return { header: decodeJsonSegment(h), payload: decodeJsonSegment(p) };
}
