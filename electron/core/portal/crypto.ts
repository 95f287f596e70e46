/**
 * Decryption of FIT-Connect JWEs on the receiving side.
 *
 * FIT-Connect's rules: compact serialisation, `alg` RSA-OAEP-256, `enc` A256GCM; senders may compress
 * (`zip: DEF`). The key is chosen by the header's `kid`; a JWE without `kid` is tried with every key
 * (current key first). Failures are classified, never explained with key material or plaintext.
 */
import { createHash } from 'node:crypto';
import { compactDecrypt, errors as joseErrors } from 'jose';

export interface DecryptionKey {
  kid: string;
  key: CryptoKey;
}

export type JweFailureReason =
  /** not a compact JWE (segments, base64url, header JSON) */
  | 'syntax'
  /** a JWE with an algorithm FIT-Connect does not allow */
  | 'algorithm'
  /** the `kid` is none of the destination's keys */
  | 'unknown-kid'
  /** wrong key, tampered ciphertext/tag/header or corrupt encrypted key */
  | 'decryption'
  /** the plaintext (after decompression) exceeds the limit */
  | 'too-large';

export interface JweFailure {
  reason: JweFailureReason;
  /** German, safe to show and send back (no key material, no plaintext). */
  detail: string;
}

export type JweResult =
  | { ok: true; plaintext: Buffer; header: JweHeader; tag: string; kid: string }
  | { ok: false; failure: JweFailure };

export interface JweHeader {
  alg?: unknown;
  enc?: unknown;
  zip?: unknown;
  kid?: unknown;
  cty?: unknown;
  [name: string]: unknown;
}

export const JWE_ALG = 'RSA-OAEP-256';
export const JWE_ENC = 'A256GCM';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** The authentication tag of a compact JWE: its last segment (what `authenticationTags` refer to). */
export function authenticationTag(jwe: string): string {
  return jwe.slice(jwe.lastIndexOf('.') + 1);
}

/** SHA-512, lowercase hex (FIT-Connect's hash format). */
export function sha512Hex(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('hex');
}

/** Decoded length of a base64url segment without padding. */
const decodedLength = (segment: string) => Math.floor((segment.length * 3) / 4);

/**
 * Shape checks of a compact JWE without decrypting it: five base64url segments, a JSON header with
 * the allowed `alg`, `enc` and `zip`, non-empty encrypted key, IV, ciphertext and tag.
 */
export function inspectJwe(jwe: unknown): { ok: true; header: JweHeader; segments: [string, string, string, string, string] } | { ok: false; failure: JweFailure } {
  const fail = (reason: JweFailureReason, detail: string) => ({ ok: false as const, failure: { reason, detail } });
  if (typeof jwe !== 'string' || jwe.length === 0) return fail('syntax', 'Es wurde kein JWE übermittelt.');
  const segments = jwe.trim().split('.');
  if (segments.length !== 5) return fail('syntax', `Kein JWE in kompakter Serialisierung (${segments.length} statt 5 Segmente).`);
  for (const [i, s] of segments.entries()) {
    if (!B64URL.test(s) || s.length % 4 === 1) return fail('syntax', `Segment ${i + 1} des JWE ist nicht gültig Base64url-kodiert.`);
  }
  const [h, ek, iv, ct, tag] = segments as [string, string, string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(h, 'base64url')));
  } catch {
    return fail('syntax', 'Der Header des JWE ist kein JSON.');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('syntax', 'Der Header des JWE ist kein JSON-Objekt.');
  const hd = header as JweHeader;
  if (hd.alg !== JWE_ALG) return fail('algorithm', `Verschlüsselungsverfahren „${describe(hd.alg)}“ nicht zulässig; erforderlich ist ${JWE_ALG}.`);
  if (hd.enc !== JWE_ENC) return fail('algorithm', `Inhaltsverschlüsselung „${describe(hd.enc)}“ nicht zulässig; erforderlich ist ${JWE_ENC}.`);
  if (hd.zip !== undefined && hd.zip !== 'DEF') return fail('algorithm', `Kompressionsverfahren „${describe(hd.zip)}“ nicht unterstützt (nur DEF).`);
  if (hd.kid !== undefined && typeof hd.kid !== 'string') return fail('syntax', 'Die Schlüssel-ID (kid) des JWE ist keine Zeichenkette.');
  if (!ek || !iv || !ct || !tag) return fail('syntax', 'Schlüssel, Initialisierungsvektor, Chiffrat oder Tag des JWE fehlen.');
  return { ok: true, header: hd, segments: [h, ek, iv, ct, tag] };
}

function describe(v: unknown): string {
  if (v === undefined) return 'keins';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * Decrypts a compact JWE with the destination's keys. `maxPlaintextBytes` bounds the plaintext, also
 * after decompression (a small `zip: DEF` JWE may inflate to gigabytes).
 */
export async function decryptJwe(jwe: string, keys: readonly DecryptionKey[], opts: { maxPlaintextBytes: number }): Promise<JweResult> {
  const inspected = inspectJwe(jwe);
  if (!inspected.ok) return inspected;
  const { header, segments } = inspected;
  const max = opts.maxPlaintextBytes;
  const tooLarge = (): JweResult => ({ ok: false, failure: { reason: 'too-large', detail: `Der Inhalt ist größer als ${formatBytes(max)}.` } });
  // AES-GCM: ciphertext and plaintext have the same length; deflated data is at most ~0.1 % larger than its input.
  const slack = header.zip === 'DEF' ? Math.ceil(max / 100) + 1024 : 0;
  if (decodedLength(segments[3]) > max + slack) return tooLarge();

  let candidates: readonly DecryptionKey[];
  if (typeof header.kid === 'string') {
    const k = keys.find((c) => c.kid === header.kid);
    if (!k) return { ok: false, failure: { reason: 'unknown-kid', detail: `Der Schlüssel „${describe(header.kid)}“ ist kein Schlüssel dieses Zustellpunkts.` } };
    candidates = [k];
  } else {
    candidates = keys;
  }
  if (candidates.length === 0) return { ok: false, failure: { reason: 'decryption', detail: 'Es ist kein Schlüssel zum Entschlüsseln vorhanden.' } };

  for (const candidate of candidates) {
    try {
      const res = await compactDecrypt(segments.join('.'), candidate.key, {
        keyManagementAlgorithms: [JWE_ALG],
        contentEncryptionAlgorithms: [JWE_ENC],
        maxDecompressedLength: max,
      });
      const p = res.plaintext;
      if (p.byteLength > max) return tooLarge();
      return { ok: true, plaintext: Buffer.from(p.buffer, p.byteOffset, p.byteLength), header, tag: segments[4], kid: candidate.kid };
    } catch (e) {
      // Anything but a JOSE error (e.g. a TypeError for a key unfit for RSA-OAEP-256) is our fault, not the sender's:
      // it must not lead to a rejection, so it propagates.
      if (!(e instanceof joseErrors.JOSEError)) throw e;
      if (e instanceof joseErrors.JWEInvalid && /exceeded the configured limit/i.test(e.message)) return tooLarge();
      // otherwise try the next key (only when the JWE names none)
    }
  }
  return {
    ok: false,
    failure: {
      reason: 'decryption',
      detail:
        typeof header.kid === 'string'
          ? 'Das JWE lässt sich mit dem angegebenen Schlüssel nicht entschlüsseln (falscher Schlüssel oder verändertes Chiffrat).'
          : 'Das JWE lässt sich mit keinem Schlüssel dieses Zustellpunkts entschlüsseln.',
    },
  };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
  if (n >= 1024) return `${(n / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} KB`;
  return `${n} Byte`;
}

