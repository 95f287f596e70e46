// encryptApplication: JWE shape, metadata schema 1.0.0, hashes, compression.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptApplication, type OutgoingApplication } from './sender.js';
import { generateDestinationKeys, type DestinationKeys } from './testing.js';

const metadataSchema = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../resources/fit-connect/metadata.schema.v1.0.0.json', import.meta.url)), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validateMetadata = ajv.compile(metadataSchema);

let keys: DestinationKeys;
/** The key as the Submission API serves it: key_ops wrapKey, x5c, no `use`. */
let specShapedKey: JsonWebKey & { kid: string };

beforeAll(async () => {
  keys = await generateDestinationKeys(4096);
  const { use: _use, ...rest } = keys.encryption.publicJwk;
  specShapedKey = { ...rest, key_ops: ['wrapKey'], x5c: ['MIIB'] } as JsonWebKey & { kid: string };
});

const sha512 = (b: Uint8Array) => crypto.createHash('sha512').update(b).digest('hex');

function app(extra: Partial<OutgoingApplication> = {}): OutgoingApplication {
  return {
    destinationId: crypto.randomUUID(),
    serviceIdentifier: 'urn:de:fim:leika:leistung:99102013104000',
    serviceName: 'Hundesteuer Anmeldung',
    schemaUri: 'https://schema.example.org/bbdesk/hundesteuer/1.0.0/schema.json',
    data: { hund: { name: 'Bello', rasse: 'Mischling' }, halter: { name: 'Kühne' } },
    attachments: [
      { filename: 'impfpass.pdf', mimeType: 'application/pdf', purpose: 'attachment', description: 'Impfpass', bytes: crypto.randomBytes(5000) },
      { filename: 'antrag.xml', mimeType: 'application/xml', purpose: 'form', bytes: new TextEncoder().encode('<antrag/>') },
    ],
    paymentInformation: { transactionReference: 'KZ-2025-0001', transactionId: 'tx-4711', paymentMethod: 'PAYPAL', status: 'BOOKED', grossAmount: 12.5 },
    authenticationInformation: [{ type: 'identificationReport', version: '1.0.0', content: 'eyJhbGciOiJQUzUxMiJ9.e30.c2ln' }],
    replyChannel: { eMail: { address: 'halter@example.org' } },
    additionalReferenceInfo: { senderReference: 'OR-2025-17', applicationDate: '2025-02-28' },
    ...extra,
  };
}

describe('encryptApplication', () => {
  it('encrypts metadata, data and attachments as compact JWEs for the destination key', async () => {
    const input = app();
    const enc = await encryptApplication(input, specShapedKey);
    const all = [enc.encryptedMetadata, enc.encryptedData, ...Object.values(enc.attachments)];
    for (const jwe of all) {
      expect(jwe.split('.')).toHaveLength(5);
      expect(decodeProtectedHeader(jwe)).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: specShapedKey.kid });
      expect(decodeProtectedHeader(jwe).zip).toBeUndefined();
    }
    expect(enc.announcedAttachments).toEqual(Object.keys(enc.attachments));

    const key = keys.encryption.privateKey;
    const metadata = JSON.parse(new TextDecoder().decode((await compactDecrypt(enc.encryptedMetadata, key)).plaintext));
    expect(metadata).toEqual(enc.metadata);
    expect(validateMetadata(metadata), JSON.stringify(validateMetadata.errors)).toBe(true);
    expect(metadata.publicServiceType).toEqual({ name: 'Hundesteuer Anmeldung', identifier: input.serviceIdentifier });
    expect(metadata.contentStructure.data.submissionSchema).toEqual({ schemaUri: input.schemaUri, mimeType: 'application/json' });
    expect(metadata.paymentInformation).toEqual(input.paymentInformation);
    expect(metadata.additionalReferenceInfo).toEqual(input.additionalReferenceInfo);

    const data = (await compactDecrypt(enc.encryptedData, key)).plaintext;
    expect(JSON.parse(new TextDecoder().decode(data))).toEqual(input.data);
    expect(metadata.contentStructure.data.hash).toEqual({ type: 'sha512', content: sha512(data) });

    const entries = metadata.contentStructure.attachments as { attachmentId: string; hash: { content: string }; filename: string; mimeType: string; purpose: string; description?: string }[];
    expect(entries.map((e) => e.attachmentId)).toEqual(enc.announcedAttachments);
    entries.forEach((entry, i) => {
      const original = input.attachments[i]!;
      expect(entry).toMatchObject({ filename: original.filename, mimeType: original.mimeType, purpose: original.purpose, hash: { type: 'sha512', content: sha512(original.bytes) } });
      expect(entry.description).toBe(original.description);
    });
    for (const [i, id] of enc.announcedAttachments.entries()) {
      const { plaintext, protectedHeader } = await compactDecrypt(enc.attachments[id]!, key);
      expect(Buffer.from(plaintext).equals(Buffer.from(input.attachments[i]!.bytes))).toBe(true);
      expect(protectedHeader.cty).toBe(input.attachments[i]!.mimeType);
    }
  });

  it('compresses with zip DEF when asked', async () => {
    const text = new TextEncoder().encode('Lingen (Ems) '.repeat(20_000));
    const plain = await encryptApplication(app({ attachments: [{ filename: 'a.txt', mimeType: 'text/plain', purpose: 'attachment', bytes: text }] }), keys.encryption.publicJwk);
    const zipped = await encryptApplication(app({ compress: true, attachments: [{ filename: 'a.txt', mimeType: 'text/plain', purpose: 'attachment', bytes: text }] }), keys.encryption.publicJwk);
    const jwe = Object.values(zipped.attachments)[0]!;
    expect(decodeProtectedHeader(jwe).zip).toBe('DEF');
    expect(decodeProtectedHeader(zipped.encryptedMetadata).zip).toBe('DEF');
    expect(jwe.length).toBeLessThan(Object.values(plain.attachments)[0]!.length / 10);
    // jose refuses to inflate more than 250,000 bytes unless told otherwise: receivers must raise the limit.
    await expect(compactDecrypt(jwe, keys.encryption.privateKey)).rejects.toThrow(/Decompressed plaintext exceeded/);
    const { plaintext } = await compactDecrypt(jwe, keys.encryption.privateKey, { maxDecompressedLength: 50 * 1024 * 1024 });
    expect(Buffer.from(plaintext).equals(Buffer.from(text))).toBe(true);
    // the hash is over the uncompressed bytes
    expect(zipped.metadata.contentStructure).toMatchObject({ attachments: [{ hash: { content: sha512(text) } }] });
  });

  it('is fast: 20 attachments of 512 KiB in well under two seconds', async () => {
    const attachments = Array.from({ length: 20 }, (_, i) => ({ filename: `scan-${i}.pdf`, mimeType: 'application/pdf', purpose: 'attachment' as const, bytes: crypto.randomBytes(512 * 1024) }));
    const started = performance.now();
    const enc = await encryptApplication(app({ attachments }), keys.encryption.publicJwk);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(Object.keys(enc.attachments)).toHaveLength(20);
  });

  it('refuses keys that are not RSA-OAEP-256 encryption keys', async () => {
    await expect(encryptApplication(app(), keys.signing.publicJwk)).rejects.toThrow(/PS512|use/);
    await expect(encryptApplication(app(), { ...keys.encryption.publicJwk, key_ops: ['verify'], use: undefined })).rejects.toThrow(/key_ops/);
    await expect(encryptApplication(app(), { kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })).rejects.toThrow(/RSA/);
    await expect(encryptApplication(app({ data: undefined }), keys.encryption.publicJwk)).rejects.toThrow(/JSON/);
  });
});
