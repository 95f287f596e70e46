import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { PortalKeyStore } from '../core/portal/keys';
import { tempDir } from '../core/test-support';
import { safeStorage } from './test-support/fake-electron';
import { safeStorageProtector } from './secret-protector';
import type { SafeStorage } from 'electron';

describe('the desktop app protects the portal secrets with safeStorage', () => {
  it('writes the client secret encrypted and reads it back', () => {
    const dir = tempDir();
    const store = new PortalKeyStore(dir, safeStorageProtector(safeStorage as unknown as SafeStorage, () => {}));
    store.saveClientSecret('s3cret-value');
    expect(store.clientSecret()).toBe('s3cret-value');
    const files = fs.readdirSync(path.join(dir, 'keys'), { withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, 'keys', f.name), 'utf8');
      expect(text).not.toContain('s3cret-value');
      expect(text).toContain('"protection":"os"');
    }
  });

  it('falls back to file permissions where the OS has no key store', () => {
    const logs: string[] = [];
    const p = safeStorageProtector(undefined, (m) => logs.push(m));
    expect(p.kind).toBe('none');
    expect(logs[0]).toContain('safeStorage nicht verfügbar');
  });
});
