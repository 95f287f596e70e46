import type { SafeStorage } from 'electron';
import type { SecretProtector } from '../core/portal/keys';

const MAGIC = Buffer.from('BBDESK-SAFESTORAGE-1\n');

/**
 * Protects the portal's private keys and client secret with the OS key store (DPAPI, Keychain, libsecret).
 * Files written before encryption was available stay readable; where the OS offers no encryption the files
 * are kept as plain JSON with mode 0600, as in browser mode.
 */
export function safeStorageProtector(safeStorage: SafeStorage | undefined, log: (m: string) => void): SecretProtector {
  const available = Boolean(safeStorage?.isEncryptionAvailable());
  if (!available) log('safeStorage nicht verfügbar: Schlüsseldateien nur durch Dateirechte (0600) geschützt.');
  return {
    kind: available ? 'os' : 'none',
    protect: (plain) => (available ? Buffer.concat([MAGIC, safeStorage!.encryptString(plain.toString('utf8'))]) : plain),
    unprotect: (stored) => {
      if (stored.subarray(0, MAGIC.length).equals(MAGIC)) {
        if (!safeStorage) throw new Error('protected key file needs Electron safeStorage');
        return Buffer.from(safeStorage.decryptString(stored.subarray(MAGIC.length)), 'utf8');
      }
      return stored;
    },
  };
}
