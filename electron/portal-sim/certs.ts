/**
 * A minimal X.509 certificate issuer (DER, RFC 5280) so the simulator can fill the `x5c` member the
 * spec requires on every JWK: the simulator acts as its own test CA. Certificates are signed
 * sha256WithRSAEncryption. Not a general-purpose PKI: no revocation, no name constraints.
 */
import crypto, { type KeyObject } from 'node:crypto';

// ---- DER building blocks -------------------------------------------------------------------

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const octetString = (b: Buffer) => tlv(0x04, b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const nullValue = () => Buffer.from([0x05, 0x00]);
const bool = (v: boolean) => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);

function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

function bitString(bytes: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
};

function name(commonName: string, organization: string): Buffer {
  const rdn = (type: string, value: Buffer) => set(seq(oid(type), value));
  return seq(
    rdn(OID.country, tlv(0x13, Buffer.from('DE', 'ascii'))), // PrintableString
    rdn(OID.organization, utf8(organization)),
    rdn(OID.commonName, utf8(commonName)),
  );
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octetString(value)) : seq(oid(id), octetString(value));
}

/** RFC 7093 method 1 style key id: leftmost 160 bits of SHA-256 over the DER SubjectPublicKeyInfo. */
function keyIdentifier(spkiDer: Buffer): Buffer {
  return crypto.createHash('sha256').update(spkiDer).digest().subarray(0, 20);
}

// ---- Issuing --------------------------------------------------------------------------------

export const SIMULATOR_ORGANIZATION = 'Bürgerbüro Desk Portal-Simulator (Test-PKI, nicht vertrauenswürdig)';

export interface CertificateAuthority {
  commonName: string;
  privateKey: KeyObject;
  certificateDer: Buffer;
  keyId: Buffer;
}

export type CertificateUsage = 'ca' | 'encryption' | 'signature';

interface TbsInput {
  subjectCN: string;
  issuerCN: string;
  subjectSpki: Buffer;
  issuerKeyId: Buffer;
  usage: CertificateUsage;
  validDays: number;
}

function keyUsageBits(usage: CertificateUsage): Buffer {
  // BIT STRING, DER minimal: digitalSignature(0) → 0x80/7 unused; keyEncipherment(2) → 0x20/5;
  // keyCertSign(5)+cRLSign(6) → 0x06/1.
  if (usage === 'signature') return bitString(Buffer.from([0x80]), 7);
  if (usage === 'encryption') return bitString(Buffer.from([0x20]), 5);
  return bitString(Buffer.from([0x06]), 1);
}

function tbsCertificate(input: TbsInput): Buffer {
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive, non-zero
  const now = Date.now();
  const extensions = [
    extension(OID.basicConstraints, true, input.usage === 'ca' ? seq(bool(true)) : seq()),
    extension(OID.keyUsage, true, keyUsageBits(input.usage)),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(input.subjectSpki))),
    extension(OID.authorityKeyIdentifier, false, seq(tlv(0x80, input.issuerKeyId))),
  ];
  return seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    seq(oid(OID.sha256WithRSA), nullValue()),
    name(input.issuerCN, SIMULATOR_ORGANIZATION),
    seq(time(new Date(now - 3_600_000)), time(new Date(now + input.validDays * 86_400_000))),
    name(input.subjectCN, SIMULATOR_ORGANIZATION),
    input.subjectSpki,
    explicit(3, seq(...extensions)),
  );
}

function signCertificate(tbs: Buffer, issuerKey: KeyObject): Buffer {
  const signature = crypto.sign('sha256', tbs, issuerKey); // RSASSA-PKCS1-v1_5
  return seq(tbs, seq(oid(OID.sha256WithRSA), nullValue()), bitString(signature));
}

function spkiDer(publicKey: KeyObject): Buffer {
  return publicKey.export({ type: 'spki', format: 'der' });
}

/** A self-signed CA certificate for `privateKey`. */
export function createCertificateAuthority(privateKey: KeyObject, commonName: string, validDays = 3650): CertificateAuthority {
  const spki = spkiDer(crypto.createPublicKey(privateKey));
  const keyId = keyIdentifier(spki);
  const tbs = tbsCertificate({ subjectCN: commonName, issuerCN: commonName, subjectSpki: spki, issuerKeyId: keyId, usage: 'ca', validDays });
  return { commonName, privateKey, certificateDer: signCertificate(tbs, privateKey), keyId };
}

/** An end-entity certificate for `subjectPublicKey`, issued by `ca`. */
export function issueCertificate(
  ca: CertificateAuthority,
  subjectPublicKey: KeyObject,
  opts: { commonName: string; usage: 'encryption' | 'signature'; validDays?: number },
): Buffer {
  const tbs = tbsCertificate({
    subjectCN: opts.commonName,
    issuerCN: ca.commonName,
    subjectSpki: spkiDer(subjectPublicKey),
    issuerKeyId: ca.keyId,
    usage: opts.usage,
    validDays: opts.validDays ?? 730,
  });
  return signCertificate(tbs, ca.privateKey);
}

/** The `x5c` array (standard base64 DER, leaf first) for a key issued by `ca`. */
export function x5cChain(leafDer: Buffer, ca: CertificateAuthority): string[] {
  return [leafDer.toString('base64'), ca.certificateDer.toString('base64')];
}
