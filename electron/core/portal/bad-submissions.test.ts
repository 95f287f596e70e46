import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asFetched, buildBadSubmissions, sampleApplication, TEST_OTHER_SCHEMA_URI, testResolvers, type SubmissionCorpus } from './bad-submissions';
import { checkSubmission } from './checks';
import { PortalKeyStore, plainProtector } from './keys';
import { problemName } from './problems';

let dir: string;
let keys: { kid: string; key: CryptoKey }[];
let corpus: SubmissionCorpus;
const { services, schemas } = testResolvers();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-corpus-'));
  const store = new PortalKeyStore(dir, plainProtector);
  await store.generate(new Date('2025-03-01T08:00:00Z'));
  keys = await store.decryptionKeys();
  corpus = await buildBadSubmissions({
    encryptionKey: store.encryptionPublicJwk()!,
    application: sampleApplication('4a7b2f0e-6d0c-4a57-9e8e-0d3f7f2a9b11'),
    otherSchemaUri: TEST_OTHER_SCHEMA_URI,
    // A small limit keeps the oversized variant small; the default (20 MB) is covered in checks.test.ts.
    maxAttachmentBytes: 256 * 1024,
  });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bad submissions corpus', () => {
  it('has at least 30 uniquely named variants', () => {
    expect(corpus.variants.length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.variants.map((v) => v.name)).size).toBe(corpus.variants.length);
  });

  it('covers every problem type the checks can report', () => {
    const covered = new Set(corpus.variants.map((v) => v.expectedProblem));
    for (const name of [
      'encryption-issue',
      'syntax-violation',
      'missing-schema',
      'schema-violation',
      'unsupported-schema',
      'hash-mismatch',
      'attachments-mismatch',
      'missing-data',
      'unsupported-service',
      'attachment-too-large',
      'unsupported-media-type',
    ]) {
      expect(covered, name).toContain(name);
    }
  });

  it('the good variants pass', async () => {
    for (const g of corpus.good) {
      const r = await checkSubmission(asFetched(g.parts), keys, services, schemas, { maxAttachmentBytes: 256 * 1024 });
      expect(r.ok ? 'ok' : JSON.stringify(r.problems), g.name).toBe('ok');
    }
  });

  it('every variant is rejected with its expected problem', async () => {
    const failures: string[] = [];
    for (const v of corpus.variants) {
      const r = await checkSubmission(asFetched(v.parts), keys, services, schemas, { maxAttachmentBytes: 256 * 1024 });
      if (r.ok) {
        failures.push(`${v.name}: accepted`);
        continue;
      }
      const names = r.problems.map((p) => problemName(p));
      // The expected problem comes first (most variants produce exactly that one).
      if (names[0] !== v.expectedProblem) failures.push(`${v.name}: expected ${v.expectedProblem}, got ${names.join(', ')}`);
      for (const p of r.problems) {
        // German title and a detail for the sender and the admin list; no key material or plaintext.
        expect(p.title.length).toBeGreaterThan(3);
        expect(p.detail.length).toBeGreaterThan(10);
        expect(p.detail).not.toContain('Müller');
        expect(p.detail).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}/);
      }
    }
    expect(failures).toEqual([]);
  });

  it('names for the variants a Submission API refuses at upload why', () => {
    const refused = corpus.variants.filter((v) => v.refusedByPortal).map((v) => v.name);
    expect(refused).toEqual(expect.arrayContaining(['metadata-four-segments', 'data-bad-base64-chars', 'service-unknown']));
    expect(refused.length).toBeLessThan(corpus.variants.length / 4);
  });
});
