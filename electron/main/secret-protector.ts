import type { SafeStorage } from 'electron';
import type { SecretProtector } from '../core/portal/keys';

/**
 * Protects the portal's private keys and client secret with the OS key store (DPAPI, Keychain, libsecret).
 * The key store records per file whether it was protected, so files written before encryption was available
 * stay readable. Where the OS offers no encryption the files are kept with mode 0600 only, as in browser mode.
 */
export function safeStorageProtector(safeStorage: SafeStorage | undefined, log: (m: string) => void): SecretProtector {
  if (!safeStorage?.isEncryptionAvailable()) {
    log('safeStorage nicht verfügbar: Schlüsseldateien nur durch Dateirechte (0600) geschützt.');
    return { kind: 'none', protect: (plain) => Buffer.from(plain), unprotect: (stored) => Buffer.from(stored) };
  }
  return {
    kind: 'os',
    protect: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'utf8'),
  };
}
