import { createPublicKey, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactEncrypt, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptApplication, type EncryptedApplication } from '../../portal-sim/sender';
import { asFetched, sampleApplication, TEST_SCHEMA_URI, testResolvers, tinyPdf, type SubmissionParts } from './bad-submissions';
import { checkSubmission, DEFAULT_MAX_ATTACHMENT_BYTES, type CheckResult, type FetchedSubmission } from './checks';
import { authenticationTag, decryptJwe, inspectJwe, sha512Hex } from './crypto';
import { PortalKeyStore, plainProtector, type PublicJwk } from './keys';
import { METADATA_SCHEMA_V1_0_0, metadataVersionOf, validateMetadata } from './metadata-schema';
import { describeProblems, problem, problemName, problemType, PROBLEM_TYPE_BASE } from './problems';

const DESTINATION = '4a7b2f0e-6d0c-4a57-9e8e-0d3f7f2a9b11';
const { services, schemas } = testResolvers();
let dir: string;
let store: PortalKeyStore;
let publicJwk: PublicJwk;
let keys: { kid: string; key: CryptoKey }[];
let good: EncryptedApplication;

const parts = (e: EncryptedApplication, identifier = sampleApplication(DESTINATION).serviceIdentifier): SubmissionParts => ({
  serviceType: { name: 'Hundesteuer', identifier },
  announcedAttachments: e.announcedAttachments,
  attachments: e.attachments,
  encryptedMetadata: e.encryptedMetadata,
  encryptedData: e.encryptedData,
});
const names = (r: CheckResult) => (r.ok ? [] : r.problems.map((p) => problemName(p)));
const encryptTo = (plaintext: Uint8Array, jwk: JsonWebKey & { kid?: string }, header: Record<string, string> = {}) =>
  new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', ...(jwk.kid ? { kid: jwk.kid } : {}), ...header })
    .encrypt(createPublicKey({ key: { kty: 'RSA', n: jwk.n!, e: jwk.e! }, format: 'jwk' }));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-checks-'));
  store = new PortalKeyStore(dir, plainProtector);
  await store.generate(new Date('2025-03-01T08:00:00Z'));
  publicJwk = store.encryptionPublicJwk()!;
  keys = await store.decryptionKeys();
  good = await encryptApplication(sampleApplication(DESTINATION), publicJwk);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('checkSubmission', () => {
  it('accepts a good submission and returns what the import needs', async () => {
    const f = asFetched(parts(good));
    const r = await checkSubmission(f, keys, services, schemas);
    if (!r.ok) throw new Error(describeProblems(r.problems));
    expect(r.serviceId).toBe('hundesteuer');
    expect(r.metadataSchema).toBe(METADATA_SCHEMA_V1_0_0);
    expect(r.metadata).toEqual(good.metadata);
    expect(r.data).toEqual(sampleApplication(DESTINATION).data);
    expect(r.attachments.map((a) => [a.filename, a.mimeType, a.purpose, a.description])).toEqual([
      ['antrag.pdf', 'application/pdf', 'form', null],
      ['haftpflicht.jpg', 'image/jpeg', 'attachment', 'Nachweis der Haftpflichtversicherung'],
    ]);
    const app = sampleApplication(DESTINATION);
    r.attachments.forEach((a, i) => {
      expect(Buffer.compare(a.bytes, Buffer.from(app.attachments[i]!.bytes))).toBe(0);
      expect(a.sha512).toBe(sha512Hex(app.attachments[i]!.bytes));
      expect(a.sha512).toMatch(/^[0-9a-f]{128}$/);
    });
    expect(r.authenticationTags).toEqual({
      metadata: authenticationTag(good.encryptedMetadata),
      data: authenticationTag(good.encryptedData),
      attachments: Object.fromEntries(good.announcedAttachments.map((id) => [id, authenticationTag(good.attachments[id]!)])),
    });
    expect(r.decryptMs).toBeGreaterThan(0);
  });

  it('decrypts the JWEs of a submission concurrently (decryptMs below the sequential sum)', async () => {
    const f = asFetched(parts(good));
    const t0 = performance.now();
    for (const jwe of [good.encryptedMetadata, good.encryptedData, ...Object.values(good.attachments)]) {
      await decryptJwe(jwe, keys, { maxPlaintextBytes: 1e6 });
    }
    const sequential = performance.now() - t0;
    const r = await checkSubmission(f, keys, services, schemas);
    expect(r.ok).toBe(true);
    // Lenient: only guards against a pathological slowdown, timing on CI varies.
    if (r.ok) expect(r.decryptMs).toBeLessThan(sequential * 3 + 50);
  });

  it('keeps the attachment ids in the spelling the portal announced them', async () => {
    const upper = parts(good);
    const f: FetchedSubmission = asFetched({
      ...upper,
      announcedAttachments: upper.announcedAttachments.map((id) => id.toUpperCase()),
      attachments: Object.fromEntries(Object.entries(upper.attachments).map(([id, jwe]) => [id.toUpperCase(), jwe])),
    });
    const r = await checkSubmission(f, keys, services, schemas);
    if (!r.ok) throw new Error(describeProblems(r.problems));
    expect(Object.keys(r.authenticationTags.attachments)).toEqual(good.announcedAttachments.map((id) => id.toUpperCase()));
    expect(r.attachments.map((a) => a.attachmentId)).toEqual(good.announcedAttachments.map((id) => id.toUpperCase()));
  });

  it('chooses the key by kid, including older keys', async () => {
    const old = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096 });
    const oldJwk = { ...(await exportJWK(old.publicKey)), kid: randomUUID(), alg: 'RSA-OAEP-256', use: 'enc' };
    const e = await encryptApplication(sampleApplication(DESTINATION), oldJwk);
    const all = [...keys, { kid: oldJwk.kid, key: old.privateKey }];
    expect((await checkSubmission(asFetched(parts(e)), all, services, schemas)).ok).toBe(true);
    // Without the old key every JWE fails; the metadata comes first, the other parts are reported as well.
    const r = await checkSubmission(asFetched(parts(e)), keys, services, schemas);
    expect(names(r)).toEqual(['encryption-issue', 'encryption-issue', 'encryption-issue', 'encryption-issue']);
    if (!r.ok) expect(r.problems.map((p) => p.instance)).toEqual(['metadata', 'data', ...e.announcedAttachments.map((id) => `attachment:${id}`)]);
  });

  it('throws (does not reject the submission) when our own key is unfit for decryption', async () => {
    const signing = await store.signingKey();
    await expect(checkSubmission(asFetched(parts(good)), [{ kid: publicJwk.kid, key: signing.key }], services, schemas)).rejects.toThrow();
  });

  it('reports missing encrypted data and attachments not fetched', async () => {
    const f = asFetched(parts(good));
    delete f.submission.encryptedData;
    expect(names(await checkSubmission(f, keys, services, schemas))).toEqual(['missing-data']);

    const g = asFetched(parts(good));
    delete g.attachments[good.announcedAttachments[0]!];
    expect(names(await checkSubmission(g, keys, services, schemas))).toEqual(['attachments-mismatch']);

    const h = asFetched(parts(good));
    delete h.submission.encryptedMetadata;
    expect(names(await checkSubmission(h, keys, services, schemas))).toEqual(['syntax-violation']);
  });

  it('stops an oversized compressed attachment at the default limit of 20 MB without inflating it all', async () => {
    const app = sampleApplication(DESTINATION);
    const big = new Uint8Array(DEFAULT_MAX_ATTACHMENT_BYTES + 1);
    big.set(tinyPdf('x').subarray(0, 8));
    app.attachments.push({ filename: 'gross.pdf', mimeType: 'application/pdf', purpose: 'attachment', bytes: big });
    const e = await encryptApplication({ ...app, compress: true }, publicJwk);
    expect(e.attachments[e.announcedAttachments[2]!]!.length).toBeLessThan(200_000);
    const r = await checkSubmission(asFetched(parts(e)), keys, services, schemas);
    expect(names(r)).toEqual(['attachment-too-large']);
    if (!r.ok) expect(r.problems[0]!.detail).toContain('20 MB');
  });

  it('accepts exactly the limit, rejects one byte more (uncompressed)', async () => {
    const limit = 64 * 1024;
    const app = sampleApplication(DESTINATION);
    app.attachments = [{ filename: 'a.pdf', mimeType: 'application/pdf', purpose: 'attachment', bytes: new Uint8Array(limit) }];
    const atLimit = await encryptApplication(app, publicJwk);
    expect((await checkSubmission(asFetched(parts(atLimit)), keys, services, schemas, { maxAttachmentBytes: limit })).ok).toBe(true);
    app.attachments = [{ filename: 'a.pdf', mimeType: 'application/pdf', purpose: 'attachment', bytes: new Uint8Array(limit + 1) }];
    const over = await encryptApplication(app, publicJwk);
    expect(names(await checkSubmission(asFetched(parts(over)), keys, services, schemas, { maxAttachmentBytes: limit }))).toEqual(['attachment-too-large']);
  });

  it('bounds decompressed metadata (zip bomb) as a syntax violation', async () => {
    const bomb = await encryptTo(new Uint8Array(11 * 1024 * 1024).fill(0x20), publicJwk, { zip: 'DEF' });
    const r = await checkSubmission(asFetched({ ...parts(good), encryptedMetadata: bomb }), keys, services, schemas);
    expect(names(r)).toEqual(['syntax-violation']);
  });

  it('takes the allowed MIME types from the limits', async () => {
    const app = sampleApplication(DESTINATION);
    app.attachments = [{ filename: 'notiz.txt', mimeType: 'text/plain', purpose: 'attachment', bytes: new TextEncoder().encode('Hallo') }];
    const e = await encryptApplication(app, publicJwk);
    expect(names(await checkSubmission(asFetched(parts(e)), keys, services, schemas))).toEqual(['unsupported-media-type']);
    expect((await checkSubmission(asFetched(parts(e)), keys, services, schemas, { allowedMimeTypes: ['text/plain'] })).ok).toBe(true);
  });

  it('accepts a submission without attachments', async () => {
    const app = sampleApplication(DESTINATION);
    app.attachments = [];
    const e = await encryptApplication(app, publicJwk);
    const r = await checkSubmission(asFetched(parts(e)), keys, services, schemas);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.authenticationTags.attachments).toEqual({});
  });

  it('reports several independent problems at once', async () => {
    const app = sampleApplication(DESTINATION);
    app.attachments[1]!.mimeType = 'text/html';
    app.data = { antragsteller: {}, antrag: {} };
    const e = await encryptApplication(app, publicJwk);
    expect(names(await checkSubmission(asFetched(parts(e)), keys, services, schemas)).sort()).toEqual(['schema-violation', 'unsupported-media-type']);
  });
});

describe('metadata versions', () => {
  it('treats metadata without $schema as 1.0.0, validates 1.x against 1.0.0 and refuses other majors', () => {
    expect(metadataVersionOf({})).toMatchObject({ ok: true, version: '1.0.0', declared: false });
    expect(metadataVersionOf({ $schema: 'https://schema.fitko.de/fit-connect/metadata/1.3.1/metadata.schema.json' })).toMatchObject({ ok: true, version: '1.3.1' });
    expect(metadataVersionOf({ $schema: 'https://schema.fitko.de/fit-connect/metadata/2.0.0/metadata.schema.json' }).ok).toBe(false);
    expect(metadataVersionOf({ $schema: 'https://schema.fitko.de/fit-connect/metadata/1.0/metadata.schema.json' }).ok).toBe(false);
    expect(metadataVersionOf({ $schema: 1 }).ok).toBe(false);
  });

  it('validates with German messages', () => {
    expect(validateMetadata(good.metadata)).toEqual([]);
    const issues = validateMetadata({ contentStructure: { attachments: [{ purpose: 'form' }] } });
    expect(issues.map((i) => i.message)).toContain('Pflichtangabe „hash“ fehlt');
  });

  it('accepts a 1.x submission and reports the declared schema', async () => {
    const m = { ...good.metadata, $schema: 'https://schema.fitko.de/fit-connect/metadata/1.1.0/metadata.schema.json' };
    const encryptedMetadata = await encryptTo(new TextEncoder().encode(JSON.stringify(m)), publicJwk);
    const r = await checkSubmission(asFetched({ ...parts(good), encryptedMetadata }), keys, services, schemas);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.metadataSchema).toBe(m.$schema);
  });
});

describe('crypto', () => {
  it('inspects compact JWEs', () => {
    expect(inspectJwe(good.encryptedMetadata).ok).toBe(true);
    expect(inspectJwe('a.b.c')).toMatchObject({ ok: false, failure: { reason: 'syntax' } });
    expect(inspectJwe(42)).toMatchObject({ ok: false, failure: { reason: 'syntax' } });
    const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
    expect(inspectJwe(`${header}.AAAA.AAAA.AAAA.AAAA`)).toMatchObject({ ok: false, failure: { reason: 'algorithm' } });
    const zipGzip = Buffer.from(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'GZIP' })).toString('base64url');
    expect(inspectJwe(`${zipGzip}.AAAA.AAAA.AAAA.AAAA`)).toMatchObject({ ok: false, failure: { reason: 'algorithm' } });
  });

  it('decrypts zip DEF and tells the schema URI of the data', async () => {
    const jwe = await encryptTo(new TextEncoder().encode('{"a":1}'), publicJwk, { zip: 'DEF' });
    const r = await decryptJwe(jwe, keys, { maxPlaintextBytes: 100 });
    expect(r.ok && r.plaintext.toString()).toBe('{"a":1}');
    expect(TEST_SCHEMA_URI).toMatch(/^https:/);
  });
});

describe('problems', () => {
  it('builds FIT-Connect problem types with German titles', () => {
    const p = problem('encryption-issue', 'Metadaten: kaputt', 'metadata');
    expect(p).toEqual({ type: `${PROBLEM_TYPE_BASE}encryption-issue`, title: 'Entschlüsselung fehlgeschlagen', detail: 'Metadaten: kaputt', instance: 'metadata' });
    expect(problemName(p)).toBe('encryption-issue');
    expect(problemName(problemType('hash-mismatch'))).toBe('hash-mismatch');
    expect(problemName('urn:other')).toBeNull();
  });
});
