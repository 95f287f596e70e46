import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Clock } from './clock';
import type { PrinterAdapter } from './printing/port';
import type { DocumentRenderer } from './documents/renderer';
import type { PortalOverride } from './portal/config';
import type { SecretProtector } from './portal/keys';

export interface CoreConfig {
  /** Folder holding the database, outbox and keys. */
  dataDir: string;
  /** The project's resources folder (fonts, images, demo data). */
  resourcesDir: string;
  clock?: Clock;
  /** Overrides the system printer adapter (tests); the folder adapter is always built from settings. */
  systemPrinter?: PrinterAdapter;
  log?: (message: string) => void;
  /** This workstation's name: printer profiles and print runs belong to it. Default: the host name. */
  workstation?: string;
  /** Overrides the document renderer (default: worker threads where the bundled worker exists). */
  renderer?: DocumentRenderer;
  /** A portal configuration fixed by the host (environment, file, embedded simulator). */
  portal?: PortalOverride | null;
  /** Protects private keys and the client secret at rest (Electron: safeStorage). Default: file mode 0600 only. */
  secretProtector?: SecretProtector;
  /** Poll the portal in the background (the app and server); off in tests and one-shot CLI commands. */
  portalAutoSync?: boolean;
  /** Test hooks for the portal sync. */
  portalFetch?: typeof fetch;
  portalBackoffBaseMs?: number;
}

/** Default data folder in browser mode and the CLI; the Electron shell passes app.getPath('userData'). */
export function defaultBrowserDataDir(): string {
  const xdg = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'bbdesk');
}

/** --data-dir beats BBDESK_DATA_DIR beats the given default. */
export function resolveDataDir(argv: readonly string[], fallback: string): string {
  const fromArgs = argValue(argv, '--data-dir');
  return path.resolve(fromArgs ?? process.env.BBDESK_DATA_DIR ?? fallback);
}

export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name) return argv[i + 1];
    if (a.startsWith(name + '=')) return a.slice(name.length + 1);
  }
  return undefined;
}

/** Finds the resources folder by walking up from `start` (works from source, from dist/ and when packaged). */
export function findResourcesDir(start: string): string {
  if (process.env.BBDESK_RESOURCES_DIR) return path.resolve(process.env.BBDESK_RESOURCES_DIR);
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'fonts'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`resources folder not found above ${start}`);
    dir = parent;
  }
}
