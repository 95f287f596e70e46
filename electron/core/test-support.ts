import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import type { Role } from '../../shared/domain/roles';
import type { Clock } from './clock';
import { createCore, type Core } from './core';
import type { PrinterAdapter } from './printing/port';
import type { PortalOverride } from './portal/config';
import { memorySessionHolder, type SessionHolder } from './transport';

export const RESOURCES_DIR = path.resolve(__dirname, '..', '..', 'resources');
export const TEST_PASSWORD = 'geheim-geheim-42';

export function tempDir(prefix = 'bbdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock tests can move. */
export function manualClock(start = new Date('2026-11-25T09:00:00Z')): Clock & { advance(ms: number): void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export interface TestCore {
  core: Core;
  dataDir: string;
  call<K extends OperationName>(session: SessionHolder, op: K, input: InputOf<K>): Promise<OutputOf<K>>;
  /** A signed-in session for a new user of the role (the first call creates the admin). */
  sessionAs(role: Role, username?: string): Promise<SessionHolder>;
}

export async function makeTestCore(
  opts: { clock?: Clock; systemPrinter?: PrinterAdapter; dataDir?: string; portal?: PortalOverride | null; portalBackoffBaseMs?: number } = {},
): Promise<TestCore> {
  const dataDir = opts.dataDir ?? tempDir();
  const core = createCore({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    clock: opts.clock,
    systemPrinter: opts.systemPrinter,
    log: () => {},
    portal: opts.portal,
    portalBackoffBaseMs: opts.portalBackoffBaseMs,
  });
  const call = async <K extends OperationName>(session: SessionHolder, op: K, input: InputOf<K>) => {
    const r = await core.dispatch(op, input, session);
    if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.code} ${r.error.message}`), { apiError: r.error });
    return r.data as OutputOf<K>;
  };
  let admin: SessionHolder | null = null;
  const sessionAs = async (role: Role, username?: string) => {
    if (!admin) {
      admin = memorySessionHolder();
      await call(admin, 'setup.createAdmin', { username: 'admin', displayName: 'Anna Admin', password: TEST_PASSWORD, siteId: 1 });
    }
    if (role === 'admin' && !username) return admin;
    const name = username ?? `${role}${Math.random().toString(36).slice(2, 8)}`;
    await call(admin, 'users.create', { username: name, displayName: `Test ${role}`, role, siteId: 1, password: TEST_PASSWORD });
    const s = memorySessionHolder();
    await call(s, 'auth.login', { username: name, password: TEST_PASSWORD });
    return s;
  };
  return { core, dataDir, call, sessionAs };
}
