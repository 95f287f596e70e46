/**
 * The destination's key pairs and the portal client secret, kept in `<dataDir>/keys/`.
 *
 * - One encryption pair (RSA-4096, RSA-OAEP-256) and one signing pair (RSA-4096, PS512), `kid` = a UUID.
 * - Layout (folder 0700, files 0600, every write atomic: temp file + fsync + rename):
 *     keys/current.json               the current keys' public halves and dates (no secrets) — the switch
 *     keys/encryption-<kid>.key       private JWK of an encryption key (through the SecretProtector)
 *     keys/signing-<kid>.key          private JWK of a signing key
 *     keys/old/encryption-<kid>.key   replaced encryption keys, with the time they were replaced
 *     keys/client-secret.key          the portal client secret
 * - `generate` writes the new private keys first and then replaces current.json; only then are the old
 *   files moved (encryption) or deleted (signing). A crash in between leaves the previous keys current,
 *   or the new ones current with stray old files — which `decryptionKeys` still uses.
 * - Old encryption keys (decision): kept for OLD_KEY_RETENTION_DAYS after they were replaced, then deleted
 *   by the next `generate`. A sender may have fetched the old public key just before the change, and a
 *   submission waits at most 14 days in `submitted` before FIT-Connect rejects it; 30 days cover that with
 *   margin. Old signing keys are not kept: we never sign with them again, and the portal verifies our
 *   events when we post them.
 * - Stored files are wrapped in a small envelope naming the protection (`none` or `os`): a file written in
 *   plain form is still readable once an OS protector is available (and is re-protected on the next write);
 *   an OS-protected file without the OS protector is an error with a German message.
 *
 * Private keys and the secret never appear in logs, errors or return values (except the CryptoKeys,
 * which are imported non-extractable).
 */
import { generateKeyPair, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { importJWK } from 'jose';
import type { PortalKeyInfo } from '../../../shared/domain/portal';

export interface SecretProtector {
  protect(plain: Buffer): Buffer;
  unprotect(stored: Buffer): Buffer;
  readonly kind: 'none' | 'os';
}

/** No protection beyond the file mode (plain Node, tests, CLI). */
export const plainProtector: SecretProtector = {
  kind: 'none',
  protect: (plain) => Buffer.from(plain),
  unprotect: (stored) => Buffer.from(stored),
};

export const OLD_KEY_RETENTION_DAYS = 30;
export const RSA_MODULUS_BITS = 4096;

export type PublicJwk = JsonWebKey & { kty: 'RSA'; n: string; e: string; kid: string; alg: 'RSA-OAEP-256' | 'PS512'; use: 'enc' | 'sig'; key_ops: string[] };

interface CurrentEntry {
  kid: string;
  createdAt: string;
  publicJwk: PublicJwk;
}
interface CurrentFile {
  version: 1;
  encryption: CurrentEntry;
  signing: CurrentEntry;
}
interface PrivateKeyFile {
  kid: string;
  use: 'enc' | 'sig';
  alg: 'RSA-OAEP-256' | 'PS512';
  createdAt: string;
  retiredAt?: string;
  /** The private JWK, without `use`/`key_ops`/`alg` (set on import). */
  privateJwk: JsonWebKey;
}
interface Envelope {
  bbdeskSecret: 1;
  protection: 'none' | 'os';
  data: string;
}

/** A German error without secrets. */
export class KeyStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

const generateKeyPairAsync = promisify(generateKeyPair);
const KID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class PortalKeyStore {
  private readonly dir: string;
  private readonly oldDir: string;
  /** current.json as last read, with its mtime (re-read when another instance rotated the keys). */
  private current: { file: CurrentFile; mtimeMs: number } | null = null;
  private decryptionCache: { forKid: string; keys: Promise<{ kid: string; key: CryptoKey }[]> } | null = null;
  private signingCache: { forKid: string; key: Promise<{ kid: string; key: CryptoKey }> } | null = null;

  constructor(
    dataDir: string,
    private readonly protector: SecretProtector,
  ) {
    this.dir = path.join(dataDir, 'keys');
    this.oldDir = path.join(this.dir, 'old');
  }

  /**
   * Creates a new encryption and signing pair and makes them current. The previous encryption key
   * moves to keys/old/ (still used for decrypting); the previous signing key is deleted.
   */
  async generate(now: Date): Promise<PortalKeyInfo[]> {
    const createdAt = now.toISOString();
    const [enc, sig] = await Promise.all([newPair('enc', createdAt), newPair('sig', createdAt)]);
    this.ensureDirs();
    this.writeSecretFile(this.keyPath('encryption', enc.file.kid), Buffer.from(JSON.stringify(enc.file)));
    this.writeSecretFile(this.keyPath('signing', sig.file.kid), Buffer.from(JSON.stringify(sig.file)));

    const previous = this.readCurrent();
    const next: CurrentFile = {
      version: 1,
      encryption: { kid: enc.file.kid, createdAt, publicJwk: enc.publicJwk },
      signing: { kid: sig.file.kid, createdAt, publicJwk: sig.publicJwk },
    };
    writeAtomic(path.join(this.dir, 'current.json'), Buffer.from(JSON.stringify(next, null, 2)));
    this.current = null;
    this.decryptionCache = null;
    this.signingCache = null;

    if (previous) {
      this.retireEncryptionKey(previous.encryption.kid, createdAt);
      fs.rmSync(this.keyPath('signing', previous.signing.kid), { force: true });
    }
    this.retireStrayFiles(next, createdAt);
    this.pruneOld(now);
    return this.list();
  }

  /** The current keys (encryption, signing); empty before the first `generate`. */
  list(): PortalKeyInfo[] {
    const c = this.readCurrent();
    if (!c) return [];
    return [
      { kid: c.encryption.kid, use: 'enc', alg: 'RSA-OAEP-256', createdAt: c.encryption.createdAt },
      { kid: c.signing.kid, use: 'sig', alg: 'PS512', createdAt: c.signing.createdAt },
    ];
  }

  /** Public halves of the current keys (what the portal's destination registers). No private members. */
  publicJwks(): { keys: PublicJwk[] } {
    const c = this.readCurrent();
    if (!c) return { keys: [] };
    return { keys: [structuredClone(c.encryption.publicJwk), structuredClone(c.signing.publicJwk)] };
  }

  /** Public encryption key of the current pair (for a sender / the simulator), or null. */
  encryptionPublicJwk(): PublicJwk | null {
    const c = this.readCurrent();
    return c ? structuredClone(c.encryption.publicJwk) : null;
  }

  /** The current encryption key first, then the older ones (newest first). Cached until `generate`. */
  decryptionKeys(): Promise<{ kid: string; key: CryptoKey }[]> {
    const forKid = this.readCurrent()?.encryption.kid ?? '';
    if (this.decryptionCache?.forKid !== forKid) {
      const keys = this.loadDecryptionKeys().catch((e: unknown) => {
        if (this.decryptionCache?.keys === keys) this.decryptionCache = null;
        throw e;
      });
      this.decryptionCache = { forKid, keys };
    }
    return this.decryptionCache.keys;
  }

  /** The current signing key (PS512). */
  signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    const c = this.readCurrent();
    if (!c) return Promise.reject(new KeyStoreError('Es sind noch keine Portalschlüssel erzeugt.'));
    const forKid = c.signing.kid;
    if (this.signingCache?.forKid !== forKid) {
      const key = (async () => {
        const file = this.readKeyFile(this.keyPath('signing', forKid));
        return { kid: file.kid, key: await importPrivate(file) };
      })().catch((e: unknown) => {
        if (this.signingCache?.key === key) this.signingCache = null;
        throw e;
      });
      this.signingCache = { forKid, key };
    }
    return this.signingCache.key;
  }

  saveClientSecret(secret: string): void {
    this.ensureDirs();
    this.writeSecretFile(path.join(this.dir, 'client-secret.key'), Buffer.from(secret, 'utf8'));
  }

  clientSecret(): string | null {
    const file = path.join(this.dir, 'client-secret.key');
    if (!fs.existsSync(file)) return null;
    return this.readSecretFile(file).toString('utf8');
  }

  // ---- internals ----

  private keyPath(kind: 'encryption' | 'signing', kid: string, old = false): string {
    if (!KID.test(kid)) throw new KeyStoreError('Ungültige Schlüssel-ID in der Schlüsselablage.');
    return path.join(old ? this.oldDir : this.dir, `${kind}-${kid}.key`);
  }

  private ensureDirs(): void {
    for (const d of [this.dir, this.oldDir]) {
      fs.mkdirSync(d, { recursive: true, mode: 0o700 });
      if (process.platform !== 'win32') fs.chmodSync(d, 0o700);
    }
  }

  private readCurrent(): CurrentFile | null {
    const file = path.join(this.dir, 'current.json');
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      return null;
    }
    if (this.current && this.current.mtimeMs === mtimeMs) return this.current.file;
    let parsed: CurrentFile;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CurrentFile;
    } catch {
      throw new KeyStoreError('Die Schlüsselablage (keys/current.json) ist beschädigt.');
    }
    if (parsed?.version !== 1 || !parsed.encryption?.kid || !parsed.signing?.kid) {
      throw new KeyStoreError('Die Schlüsselablage (keys/current.json) ist beschädigt.');
    }
    this.current = { file: parsed, mtimeMs };
    return parsed;
  }

  private async loadDecryptionKeys(): Promise<{ kid: string; key: CryptoKey }[]> {
    const c = this.readCurrent();
    if (!c) return [];
    const files: PrivateKeyFile[] = [this.readKeyFile(this.keyPath('encryption', c.encryption.kid))];
    const others: PrivateKeyFile[] = [];
    for (const dir of [this.dir, this.oldDir]) {
      if (!fs.existsSync(dir)) continue;
      for (const name of fs.readdirSync(dir)) {
        const m = /^encryption-(.+)\.key$/.exec(name);
        if (!m || m[1] === c.encryption.kid) continue;
        try {
          others.push(this.readKeyFile(path.join(dir, name)));
        } catch {
          // an unreadable old key must not block the current one
        }
      }
    }
    others.sort((a, b) => (b.retiredAt ?? b.createdAt).localeCompare(a.retiredAt ?? a.createdAt));
    const seen = new Set<string>();
    const out: { kid: string; key: CryptoKey }[] = [];
    for (const f of [...files, ...others]) {
      if (seen.has(f.kid)) continue;
      seen.add(f.kid);
      out.push({ kid: f.kid, key: await importPrivate(f) });
    }
    return out;
  }

  private readKeyFile(file: string): PrivateKeyFile {
    let parsed: PrivateKeyFile;
    try {
      parsed = JSON.parse(this.readSecretFile(file).toString('utf8')) as PrivateKeyFile;
    } catch (e) {
      if (e instanceof KeyStoreError) throw e;
      throw new KeyStoreError(`Der private Schlüssel ${path.basename(file)} ist nicht lesbar.`);
    }
    if (!parsed || typeof parsed.kid !== 'string' || typeof parsed.privateJwk !== 'object') {
      throw new KeyStoreError(`Der private Schlüssel ${path.basename(file)} ist beschädigt.`);
    }
    return parsed;
  }

  private readSecretFile(file: string): Buffer {
    let env: Envelope;
    try {
      env = JSON.parse(fs.readFileSync(file, 'utf8')) as Envelope;
    } catch {
      throw new KeyStoreError(`Die geschützte Datei ${path.basename(file)} ist nicht lesbar.`);
    }
    if (env?.bbdeskSecret !== 1 || typeof env.data !== 'string') throw new KeyStoreError(`Die geschützte Datei ${path.basename(file)} ist beschädigt.`);
    const stored = Buffer.from(env.data, 'base64');
    if (env.protection === 'none') return this.protector.kind === 'none' ? this.protector.unprotect(stored) : stored;
    if (this.protector.kind !== 'os') {
      throw new KeyStoreError(
        `Die Datei ${path.basename(file)} ist mit der Schlüsselverwaltung des Betriebssystems geschützt und kann ohne sie nicht gelesen werden.`,
      );
    }
    try {
      return this.protector.unprotect(stored);
    } catch {
      throw new KeyStoreError(`Die Datei ${path.basename(file)} lässt sich mit der Schlüsselverwaltung des Betriebssystems nicht entschlüsseln.`);
    }
  }

  private writeSecretFile(file: string, plain: Buffer): void {
    const env: Envelope = { bbdeskSecret: 1, protection: this.protector.kind, data: this.protector.protect(plain).toString('base64') };
    writeAtomic(file, Buffer.from(JSON.stringify(env)));
  }

  /** Moves an encryption key to keys/old/ with the time it was replaced. */
  private retireEncryptionKey(kid: string, retiredAt: string): void {
    const from = this.keyPath('encryption', kid);
    if (!fs.existsSync(from)) return;
    try {
      const file = this.readKeyFile(from);
      this.writeSecretFile(this.keyPath('encryption', kid, true), Buffer.from(JSON.stringify({ ...file, retiredAt })));
      fs.rmSync(from, { force: true });
    } catch {
      // unreadable: leave it where it is; decryptionKeys skips what it cannot read
    }
  }

  /** Files left over by an interrupted `generate`: not-current encryption keys move to old/, signing keys go. */
  private retireStrayFiles(c: CurrentFile, at: string): void {
    for (const name of fs.readdirSync(this.dir)) {
      const m = /^(encryption|signing)-(.+)\.key$/.exec(name);
      if (!m || !KID.test(m[2]!)) continue;
      if (m[1] === 'encryption' && m[2] !== c.encryption.kid) this.retireEncryptionKey(m[2]!, at);
      if (m[1] === 'signing' && m[2] !== c.signing.kid) fs.rmSync(path.join(this.dir, name), { force: true });
    }
    for (const name of fs.readdirSync(this.dir)) {
      if (name.includes('.tmp-')) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  private pruneOld(now: Date): void {
    if (!fs.existsSync(this.oldDir)) return;
    const limit = now.getTime() - OLD_KEY_RETENTION_DAYS * 24 * 3600 * 1000;
    for (const name of fs.readdirSync(this.oldDir)) {
      if (!/^encryption-.+\.key$/.test(name)) continue;
      const file = path.join(this.oldDir, name);
      try {
        const k = this.readKeyFile(file);
        if (k.retiredAt && Date.parse(k.retiredAt) < limit) fs.rmSync(file, { force: true });
      } catch {
        // keep what cannot be read; it is ignored anyway
      }
    }
  }
}

async function newPair(use: 'enc' | 'sig', createdAt: string): Promise<{ file: PrivateKeyFile; publicJwk: PublicJwk }> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: RSA_MODULUS_BITS, publicExponent: 0x10001 });
  const kid = randomUUID();
  const alg = use === 'enc' ? 'RSA-OAEP-256' : 'PS512';
  const pub = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  if (!pub.n || !pub.e) throw new KeyStoreError('Das Schlüsselpaar konnte nicht erzeugt werden.');
  const publicJwk: PublicJwk = { kty: 'RSA', n: pub.n, e: pub.e, kid, alg, use, key_ops: use === 'enc' ? ['wrapKey'] : ['verify'] };
  const privateJwk = privateKey.export({ format: 'jwk' }) as JsonWebKey;
  return { file: { kid, use, alg, createdAt, privateJwk }, publicJwk };
}

/** Imports a private key non-extractable, with the usages jose needs (decrypt/unwrapKey resp. sign). */
function importPrivate(file: PrivateKeyFile): Promise<CryptoKey> {
  const { key_ops: _ops, use: _use, alg: _alg, ext: _ext, ...jwk } = file.privateJwk;
  return importJWK({ ...jwk }, file.alg, { extractable: false }) as Promise<CryptoKey>;
}

/** Writes a file readable by the owner only, atomically (temp file in the same folder, fsync, rename). */
export function writeAtomic(file: string, content: Buffer): void {
  const tmp = `${file}.tmp-${process.pid}-${randomUUID()}`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (process.platform !== 'win32') fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  if (process.platform !== 'win32') {
    try {
      const dirFd = fs.openSync(path.dirname(file), 'r');
      try {
        fs.fsyncSync(dirFd);
      } finally {
        fs.closeSync(dirFd);
      }
    } catch {
      // directory fsync is best effort
    }
  }
}
