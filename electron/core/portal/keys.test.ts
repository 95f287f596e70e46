import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactEncrypt, CompactSign, compactDecrypt, compactVerify, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalKeyInfo } from '../../../shared/domain/portal';
import { OLD_KEY_RETENTION_DAYS, PortalKeyStore, plainProtector, type SecretProtector } from './keys';

const posix = process.platform !== 'win32';
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-keys-'));

/** A stand-in for Electron's safeStorage: reversible, but the stored bytes no longer show the plaintext. */
const fakeOsProtector: SecretProtector = {
  kind: 'os',
  protect: (plain) => Buffer.concat([Buffer.from('OSP1'), Buffer.from(plain.map((b) => b ^ 0x5a))]),
  unprotect: (stored) => {
    if (stored.subarray(0, 4).toString() !== 'OSP1') throw new Error('not protected by this protector');
    return Buffer.from(stored.subarray(4).map((b) => b ^ 0x5a));
  },
};

const encryptFor = (jwk: JsonWebKey & { kid: string }, text: string) =>
  new CompactEncrypt(new TextEncoder().encode(text))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: jwk.kid })
    .encrypt(createPublicKey({ key: { kty: 'RSA', n: jwk.n!, e: jwk.e! }, format: 'jwk' }));

/** Everything below the data folder as text. */
function allFileText(dir: string): string {
  let out = '';
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out += fs.readFileSync(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

describe('PortalKeyStore', () => {
  let dir: string;
  let store: PortalKeyStore;
  const t0 = new Date('2025-03-01T08:00:00Z');

  beforeAll(async () => {
    dir = tmp();
    store = new PortalKeyStore(dir, plainProtector);
    await store.generate(t0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists an encryption and a signing key with UUID kids', () => {
    const list = store.list();
    expect(list).toEqual([
      { kid: expect.stringMatching(/^[0-9a-f-]{36}$/), use: 'enc', alg: 'RSA-OAEP-256', createdAt: t0.toISOString() },
      { kid: expect.stringMatching(/^[0-9a-f-]{36}$/), use: 'sig', alg: 'PS512', createdAt: t0.toISOString() },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/"(d|p|q|dp|dq|qi|n)"/);
  });

  it('publishes public RSA-4096 JWKs without private members', () => {
    const { keys } = store.publicJwks();
    expect(keys).toHaveLength(2);
    const [enc, sig] = keys;
    expect(enc).toMatchObject({ kty: 'RSA', e: 'AQAB', use: 'enc', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'], kid: store.list()[0]!.kid });
    expect(sig).toMatchObject({ kty: 'RSA', e: 'AQAB', use: 'sig', alg: 'PS512', key_ops: ['verify'], kid: store.list()[1]!.kid });
    for (const k of keys) {
      expect(Object.keys(k).sort()).toEqual(['alg', 'e', 'key_ops', 'kid', 'kty', 'n', 'use']);
      expect(Buffer.from(k.n!, 'base64url').length * 8).toBe(4096);
      // The spec requires n of at least 683 base64url characters (4096 bit).
      expect(k.n!.length).toBeGreaterThanOrEqual(683);
    }
  });

  it.skipIf(!posix)('keeps the key folder 0700 and every file 0600', () => {
    expect(mode(path.join(dir, 'keys'))).toBe(0o700);
    expect(mode(path.join(dir, 'keys', 'old'))).toBe(0o700);
    const files = fs.readdirSync(path.join(dir, 'keys')).filter((n) => n !== 'old');
    expect(files.sort()).toEqual(expect.arrayContaining(['current.json', `encryption-${store.list()[0]!.kid}.key`, `signing-${store.list()[1]!.kid}.key`]));
    for (const f of files) expect(mode(path.join(dir, 'keys', f)), f).toBe(0o600);
    expect(files.some((f) => f.includes('.tmp-'))).toBe(false);
  });

  it('decrypts what is encrypted to the published key and signs verifiably (PS512)', async () => {
    const [encJwk, sigJwk] = store.publicJwks().keys as [JsonWebKey & { kid: string }, JsonWebKey & { kid: string }];
    const jwe = await encryptFor(encJwk, 'Hallo Bürgerbüro');
    const [first] = await store.decryptionKeys();
    expect(first!.kid).toBe(encJwk.kid);
    expect(first!.key.extractable).toBe(false);
    expect(new TextDecoder().decode((await compactDecrypt(jwe, first!.key)).plaintext)).toBe('Hallo Bürgerbüro');

    const signing = await store.signingKey();
    expect(signing.kid).toBe(sigJwk.kid);
    expect(signing.key.extractable).toBe(false);
    const jws = await new CompactSign(new TextEncoder().encode('x')).setProtectedHeader({ alg: 'PS512', kid: signing.kid }).sign(signing.key);
    const { kid: _k, key_ops: _o, use: _u, ...verifyJwk } = sigJwk as JsonWebKey & { kid: string };
    await expect(compactVerify(jws, await importJWK(verifyJwk, 'PS512'))).resolves.toBeTruthy();
  });

  it('caches the imported keys', async () => {
    expect(await store.decryptionKeys()).toBe(await store.decryptionKeys());
    expect(await store.signingKey()).toBe(await store.signingKey());
  });

  it('stores and reads the client secret (0600), which shows nowhere else', () => {
    expect(store.clientSecret()).toBeNull();
    store.saveClientSecret('geheim-123-äöü');
    expect(store.clientSecret()).toBe('geheim-123-äöü');
    if (posix) expect(mode(path.join(dir, 'keys', 'client-secret.key'))).toBe(0o600);
    expect(JSON.stringify(store.list()) + JSON.stringify(store.publicJwks())).not.toContain('geheim');
    store.saveClientSecret('neu');
    expect(new PortalKeyStore(dir, plainProtector).clientSecret()).toBe('neu');
  });

  it('reads the keys in a fresh instance (persisted)', async () => {
    const again = new PortalKeyStore(dir, plainProtector);
    expect(again.list()).toEqual(store.list());
    expect((await again.decryptionKeys()).map((k) => k.kid)).toEqual((await store.decryptionKeys()).map((k) => k.kid));
  });
});

describe('PortalKeyStore rotation and protection', () => {
  let dir: string;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs private keys and the secret through the protector; errors carry no secrets', async () => {
    dir = tmp();
    const store = new PortalKeyStore(dir, fakeOsProtector);
    const t1 = new Date('2025-01-01T08:00:00Z');
    await store.generate(t1);
    store.saveClientSecret('sehr-geheimes-client-secret');
    const text = allFileText(dir);
    // The private exponent never appears in clear (it would be "d":"…" in a plain JWK).
    expect(text).not.toMatch(/"d"\s*:/);
    expect(text).not.toContain('sehr-geheimes-client-secret');
    expect(text).toContain('"protection":"os"');
    expect(store.clientSecret()).toBe('sehr-geheimes-client-secret');

    // Without the OS protector the files cannot be read — and the error says so in German, without secrets.
    const plain = new PortalKeyStore(dir, plainProtector);
    expect(plain.list()).toHaveLength(2); // public information is not protected
    let err: unknown;
    try {
      plain.clientSecret();
    } catch (e) {
      err = e;
    }
    expect(String((err as Error).message)).toMatch(/Betriebssystems/);
    expect(String((err as Error).message)).not.toContain('sehr-geheim');
    await expect(plain.signingKey()).rejects.toThrow(/Betriebssystems/);
  });

  it('rotates: new keys current, the old encryption key kept for decryption, the old signing key deleted, pruned after the retention', async () => {
    const store = new PortalKeyStore(dir, fakeOsProtector);
    const [encBefore, sigBefore] = store.list() as [PortalKeyInfo, PortalKeyInfo];
    const encJwkBefore = store.encryptionPublicJwk()!;
    const oldJwe = await encryptFor(encJwkBefore, 'vor dem Schlüsselwechsel');
    // A second instance on the same folder (it has loaded the keys before the rotation).
    const observer = new PortalKeyStore(dir, fakeOsProtector);
    expect((await observer.decryptionKeys()).map((k) => k.kid)).toEqual([encBefore.kid]);

    const t2 = new Date('2025-02-01T08:00:00Z');
    const after = await store.generate(t2);
    expect(after.map((k) => k.kid)).not.toContain(encBefore.kid);
    expect(after.every((k) => k.createdAt === t2.toISOString())).toBe(true);
    expect(store.publicJwks().keys.map((k) => k.kid)).toEqual(after.map((k) => k.kid));

    const keysDir = path.join(dir, 'keys');
    expect(fs.existsSync(path.join(keysDir, 'old', `encryption-${encBefore.kid}.key`))).toBe(true);
    expect(fs.existsSync(path.join(keysDir, `encryption-${encBefore.kid}.key`))).toBe(false);
    expect(fs.existsSync(path.join(keysDir, `signing-${sigBefore.kid}.key`))).toBe(false);
    if (posix) expect(mode(path.join(keysDir, 'old', `encryption-${encBefore.kid}.key`))).toBe(0o600);

    const dec = await store.decryptionKeys();
    expect(dec.map((k) => k.kid)).toEqual([after[0]!.kid, encBefore.kid]);
    const old = dec.find((k) => k.kid === encBefore.kid)!;
    expect(new TextDecoder().decode((await compactDecrypt(oldJwe, old.key)).plaintext)).toBe('vor dem Schlüsselwechsel');
    expect((await store.signingKey()).kid).toBe(after[1]!.kid);
    // The other instance notices the rotation.
    expect(observer.list()).toEqual(after);
    expect((await observer.decryptionKeys()).map((k) => k.kid)).toEqual([after[0]!.kid, encBefore.kid]);
    expect((await observer.signingKey()).kid).toBe(after[1]!.kid);

    // The next rotation more than OLD_KEY_RETENTION_DAYS later drops the key retired at t2.
    const t3 = new Date(t2.getTime() + (OLD_KEY_RETENTION_DAYS + 1) * 24 * 3600 * 1000);
    const third = await store.generate(t3);
    const kids = (await store.decryptionKeys()).map((k) => k.kid);
    expect(kids).toEqual([third[0]!.kid, after[0]!.kid]);
    expect(kids).not.toContain(encBefore.kid);
  });

  it('uses encryption keys left behind by an interrupted rotation', async () => {
    const store = new PortalKeyStore(dir, fakeOsProtector);
    const current = store.list()[0]!.kid;
    const [old] = fs.readdirSync(path.join(dir, 'keys', 'old'));
    // Simulate a crash after current.json was replaced but before the old key was moved.
    fs.renameSync(path.join(dir, 'keys', 'old', old!), path.join(dir, 'keys', old!));
    const fresh = new PortalKeyStore(dir, fakeOsProtector);
    const kids = (await fresh.decryptionKeys()).map((k) => k.kid);
    expect(kids[0]).toBe(current);
    expect(kids).toContain(old!.replace(/^encryption-|\.key$/g, ''));
  });
});
