import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./test-support/fake-electron'));

import type { Core, CoreConfig } from '../core';
import * as fake from './test-support/fake-electron';
import { startApp } from './lifecycle';

const projectRoot = path.resolve(__dirname, '..', '..');
const baseDir = path.join(projectRoot, 'dist', 'electron');

let tmp: string;
let savedArgv: string[];
let savedEnv: string | undefined;

beforeEach(() => {
  fake.resetFakeElectron();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-lifecycle-'));
  savedArgv = process.argv;
  savedEnv = process.env.BBDESK_DATA_DIR;
  delete process.env.BBDESK_DATA_DIR;
  process.argv = ['/usr/bin/electron', path.join(baseDir, 'main.cjs'), '--data-dir', tmp];
});

afterEach(() => {
  process.argv = savedArgv;
  if (savedEnv === undefined) delete process.env.BBDESK_DATA_DIR;
  else process.env.BBDESK_DATA_DIR = savedEnv;
  fs.rmSync(tmp, { recursive: true, force: true });
});

function fakeCore() {
  const core = {
    dispatch: vi.fn<Core['dispatch']>(async () => ({ ok: true, data: 'ok' })),
    close: vi.fn(),
    dataDir: tmp,
    portal: { hasOwnConfiguration: () => true },
  };
  const createCore = vi.fn((_config: CoreConfig) => core as unknown as Core);
  return { core, createCore };
}

async function started(configure?: () => void) {
  configure?.();
  const { core, createCore } = fakeCore();
  const handle = startApp({ baseDir, createCore, log: () => {} });
  fake.app.fireReady();
  await handle.ready;
  return { handle, core, createCore };
}

function menuLabels(): string[] {
  return (fake.recorder.menuTemplate as { label?: string }[]).map((m) => m.label ?? '');
}

function allRoles(): string[] {
  const roles: string[] = [];
  const walk = (items: { role?: string; submenu?: unknown }[]) => {
    for (const item of items) {
      if (item.role) roles.push(item.role);
      if (Array.isArray(item.submenu)) walk(item.submenu as { role?: string; submenu?: unknown }[]);
    }
  };
  walk(fake.recorder.menuTemplate as { role?: string }[]);
  return roles;
}

describe('startup', () => {
  it('registers the scheme, enables the sandbox and takes the single-instance lock before ready', () => {
    const { createCore } = fakeCore();
    startApp({ baseDir, createCore, log: () => {} });
    expect(fake.recorder.calls).toEqual([
      'protocol.registerSchemesAsPrivileged',
      'app.enableSandbox',
      'app.requestSingleInstanceLock',
    ]);
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(createCore).not.toHaveBeenCalled();
    expect(fake.recorder.windowOptions).toHaveLength(0);
  });

  it('quits when another instance holds the lock', async () => {
    const { createCore } = fakeCore();
    fake.app.hasLock = false;
    const handle = startApp({ baseDir, createCore, log: () => {} });
    fake.app.fireReady();
    await handle.ready;
    expect(fake.app.quitCalled).toBe(true);
    expect(createCore).not.toHaveBeenCalled();
    expect(fake.recorder.windowOptions).toHaveLength(0);
  });

  it('on ready: hardens the session, serves app://, creates the core with data and resources dirs', async () => {
    const { createCore } = await started();
    expect(fake.defaultSession.headersListener).toBeTypeOf('function');
    expect(fake.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(fake.defaultSession.permissionCheckHandler).toBeTypeOf('function');
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    expect(createCore).toHaveBeenCalledTimes(1);
    const config = createCore.mock.calls[0]![0];
    expect(config.dataDir).toBe(path.resolve(tmp));
    expect(config.resourcesDir).toBe(path.join(projectRoot, 'resources'));
  });

  it('hands the core to the demo portal start, as browser mode does', async () => {
    const { core, createCore } = fakeCore();
    const startDemoPortal = vi.fn();
    const handle = startApp({ baseDir, createCore, log: () => {}, startDemoPortal });
    fake.app.fireReady();
    await handle.ready;
    expect(startDemoPortal).toHaveBeenCalledTimes(1);
    expect(startDemoPortal.mock.calls[0]![0]).toBe(core);
    expect(startDemoPortal.mock.calls[0]![1]).toBe(path.join(projectRoot, 'resources'));
  });

  it('falls back to userData as data folder', async () => {
    process.argv = ['/usr/bin/electron', path.join(baseDir, 'main.cjs')];
    fake.app.userData = path.join(tmp, 'userData');
    const { createCore } = await started();
    expect(createCore.mock.calls[0]![0].dataDir).toBe(path.join(tmp, 'userData'));
  });

  it('opens one locked-down window with the preload beside main.cjs', async () => {
    await started();
    expect(fake.recorder.windowOptions).toHaveLength(1);
    const prefs = fake.recorder.windowOptions[0]!.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true });
    expect(prefs.preload).toBe(path.join(baseDir, 'preload.cjs'));
    expect(fake.FakeBrowserWindow.instances[0]!.loadedUrl).toBe('app://bbdesk/index.html');
  });

  it('bridges IPC from its window to the core, and only from its window', async () => {
    const { core } = await started();
    const handler = fake.ipcMain.handlers.get('bbdesk:invoke')!;
    const contents = fake.FakeBrowserWindow.instances[0]!.webContents;
    await expect(
      handler({ sender: contents, senderFrame: contents.mainFrame }, 'setup.status', {}),
    ).resolves.toEqual({ ok: true, data: 'ok' });
    expect(core.dispatch).toHaveBeenCalledTimes(1);
    expect(core.dispatch.mock.calls[0]![2]).toHaveProperty('token', null);

    const stranger = new fake.FakeWebContents();
    stranger.mainFrame.url = 'app://bbdesk/index.html';
    const refused = await handler({ sender: stranger, senderFrame: stranger.mainFrame }, 'setup.status', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.dispatch).toHaveBeenCalledTimes(1);
  });

  it('has a small German menu with developer entries only in development', async () => {
    await started();
    expect(menuLabels().filter(Boolean)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']);
    expect(allRoles()).toContain('toggleDevTools');
  });

  it('has no DevTools in a packaged build', async () => {
    const saved = process.resourcesPath;
    (process as { resourcesPath: string }).resourcesPath = projectRoot;
    try {
      const { createCore } = await started(() => {
        fake.app.isPackaged = true;
      });
      expect(fake.recorder.windowOptions[0]!.webPreferences.devTools).toBe(false);
      expect(allRoles()).not.toContain('toggleDevTools');
      expect(allRoles()).not.toContain('reload');
      expect(createCore.mock.calls[0]![0].resourcesDir).toBe(path.join(projectRoot, 'resources'));
    } finally {
      (process as { resourcesPath: string | undefined }).resourcesPath = saved;
    }
  });

  it('shows a German error and exits when the core cannot start', async () => {
    const createCore = vi.fn(() => {
      throw new Error('Die Datenbank ist neuer als diese Programmversion.');
    });
    const handle = startApp({ baseDir, createCore, log: () => {} });
    fake.app.fireReady();
    await expect(handle.ready).rejects.toThrow('neuer');
    expect(fake.recorder.errorBoxes).toEqual([
      { title: 'Bürgerbüro Desk kann nicht starten', content: 'Die Datenbank ist neuer als diese Programmversion.' },
    ]);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.recorder.windowOptions).toHaveLength(0);
  });
});

describe('shutdown and second instance', () => {
  it('closes the core and removes the IPC handler on quit', async () => {
    const { core } = await started();
    fake.app.emit('will-quit', new fake.FakeEvent());
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(fake.ipcMain.handlers.size).toBe(0);
    fake.app.emit('will-quit', new fake.FakeEvent());
    expect(core.close).toHaveBeenCalledTimes(1);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await started();
    fake.app.emit('second-instance', new fake.FakeEvent(), [], '/');
    expect(fake.FakeBrowserWindow.instances[0]!.focused).toBe(true);
    expect(fake.recorder.windowOptions).toHaveLength(1);
  });

  it('quits when all windows are closed (Windows/Linux)', async () => {
    await started();
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalled).toBe(process.platform !== 'darwin');
  });
});
