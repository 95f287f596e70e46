/**
 * Key material: the simulator's own keys (generated once per process) and the normalisation of
 * destination public keys into the JWK shape the spec serves (`kty, key_ops, alg, x5c, kid, n, e`).
 */
import crypto, { type KeyObject, X509Certificate } from 'node:crypto';
import { createCertificateAuthority, issueCertificate, x5cChain, type CertificateAuthority } from './certs.js';

/** The spec's JWK schema (`n` minLength 683 = 4096 bit; FIT-Connect requires RSA ≥ 4096). */
export interface PublicJwk {
  kty: 'RSA';
  key_ops: ('wrapKey' | 'verify')[];
  alg: 'RSA-OAEP-256' | 'PS512';
  x5c: string[];
  kid: string;
  n: string;
  e: string;
}

export const MIN_RSA_BITS = 4096;

export interface SimulatorKeys {
  /** Signs the events the simulator logs itself (PS512). */
  signingPrivateKey: KeyObject;
  signingJwk: PublicJwk;
  /** Issues the certificates behind every `x5c`. */
  ca: CertificateAuthority;
}

function generateRsa(bits: number): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return new Promise((resolve, reject) =>
    crypto.generateKeyPair('rsa', { modulusLength: bits }, (err, publicKey, privateKey) =>
      err ? reject(err) : resolve({ publicKey, privateKey }),
    ),
  );
}

let cached: Promise<SimulatorKeys> | undefined;

/** The simulator's keys. RSA-4096 generation takes seconds, so every simulator in a process shares one set. */
export function simulatorKeys(): Promise<SimulatorKeys> {
  cached ??= (async () => {
    const [signing, caPair] = await Promise.all([generateRsa(MIN_RSA_BITS), generateRsa(3072)]);
    const ca = createCertificateAuthority(caPair.privateKey, 'Portal-Simulator Test-CA');
    const base = publicRsaMembers(signing.publicKey);
    const kid = jwkThumbprint(base);
    const leaf = issueCertificate(ca, signing.publicKey, { commonName: 'Portal-Simulator Zustelldienst SET-Signatur', usage: 'signature' });
    const signingJwk: PublicJwk = { kty: 'RSA', key_ops: ['verify'], alg: 'PS512', x5c: x5cChain(leaf, ca), kid, ...base };
    return { signingPrivateKey: signing.privateKey, signingJwk, ca };
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

function publicRsaMembers(key: KeyObject): { n: string; e: string } {
  const jwk = key.export({ format: 'jwk' });
  return { n: String(jwk.n), e: String(jwk.e) };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of an RSA key: 43 characters, a valid `kid`. */
export function jwkThumbprint(jwk: { n: string; e: string }): string {
  return crypto.createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
}

export function rsaModulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url');
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i) * 8 - Math.clz32(bytes[i]!) + 24;
}

export class KeyProblem extends Error {}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/**
 * Checks an uploaded public key and returns it in the spec's JWK shape. Accepts WebCrypto/jose
 * exports (`use`, no `key_ops`, no `x5c`) as well as spec-shaped JWKs; a missing `kid` becomes the
 * RFC 7638 thumbprint and a missing `x5c` a certificate chain issued by the simulator's test CA.
 */
export function normalizeDestinationKey(
  input: unknown,
  purpose: 'enc' | 'sig',
  ca: CertificateAuthority,
  commonName: string,
): { jwk: PublicJwk; keyObject: KeyObject } {
  const label = purpose === 'enc' ? 'encryption key' : 'signing key';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new KeyProblem(`${label}: not a JWK object`);
  const k = input as Record<string, unknown>;
  if (PRIVATE_MEMBERS.some((m) => m in k)) throw new KeyProblem(`${label}: contains private key material; upload the public key only`);
  if (k.kty !== 'RSA') throw new KeyProblem(`${label}: kty must be "RSA"`);
  if (typeof k.n !== 'string' || typeof k.e !== 'string') throw new KeyProblem(`${label}: n and e are required`);
  if (k.e !== 'AQAB') throw new KeyProblem(`${label}: e must be "AQAB"`);
  const bits = rsaModulusBits(k.n);
  if (bits < MIN_RSA_BITS) throw new KeyProblem(`${label}: RSA modulus has ${bits} bits, at least ${MIN_RSA_BITS} are required`);
  const alg = purpose === 'enc' ? 'RSA-OAEP-256' : 'PS512';
  const op = purpose === 'enc' ? 'wrapKey' : 'verify';
  if (k.alg !== undefined && k.alg !== alg) throw new KeyProblem(`${label}: alg must be "${alg}", got ${JSON.stringify(k.alg)}`);
  if (k.use !== undefined && k.use !== purpose) throw new KeyProblem(`${label}: use must be "${purpose}", got ${JSON.stringify(k.use)}`);
  if (k.key_ops !== undefined) {
    if (!Array.isArray(k.key_ops) || !k.key_ops.includes(op) || k.key_ops.some((o) => o !== op && o !== (purpose === 'enc' ? 'encrypt' : 'verify'))) {
      throw new KeyProblem(`${label}: key_ops must be ["${op}"]`);
    }
  }
  if (k.kid !== undefined && (typeof k.kid !== 'string' || k.kid.length < 8 || k.kid.length > 64)) {
    throw new KeyProblem(`${label}: kid must be a string of 8 to 64 characters`);
  }
  let keyObject: KeyObject;
  try {
    keyObject = crypto.createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' });
  } catch (e) {
    throw new KeyProblem(`${label}: not a usable RSA public key (${(e as Error).message})`);
  }
  const kid = typeof k.kid === 'string' ? k.kid : jwkThumbprint({ n: k.n, e: k.e });
  let x5c: string[];
  if (k.x5c !== undefined) {
    if (!Array.isArray(k.x5c) || k.x5c.length === 0 || !k.x5c.every((c) => typeof c === 'string')) {
      throw new KeyProblem(`${label}: x5c must be a non-empty array of base64 certificates`);
    }
    let leafKey: string | undefined;
    try {
      const cert = new X509Certificate(Buffer.from(k.x5c[0] as string, 'base64'));
      leafKey = String(cert.publicKey.export({ format: 'jwk' }).n);
    } catch {
      throw new KeyProblem(`${label}: x5c[0] is not a DER X.509 certificate`);
    }
    if (leafKey !== k.n) throw new KeyProblem(`${label}: x5c[0] certifies a different key`);
    x5c = k.x5c as string[];
  } else {
    const leaf = issueCertificate(ca, keyObject, { commonName, usage: purpose === 'enc' ? 'encryption' : 'signature' });
    x5c = x5cChain(leaf, ca);
  }
  return { jwk: { kty: 'RSA', key_ops: [op], alg, x5c, kid, n: k.n, e: k.e }, keyObject };
}
