import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./test-support/fake-electron'));

import * as fake from './test-support/fake-electron';
import { createMainWindow, mainWindowOptions } from './window';

beforeEach(() => fake.resetFakeElectron());

const PRELOAD = '/opt/bbdesk/dist/electron/preload.cjs';

describe('main window', () => {
  it('is created with every security option of the checklist', () => {
    createMainWindow({ preloadPath: PRELOAD, devTools: true, trust: () => {} });
    expect(fake.recorder.windowOptions).toHaveLength(1);
    const prefs = fake.recorder.windowOptions[0]!.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      preload: PRELOAD,
    });
    // Nothing that would loosen the sandbox sneaks in.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('has no DevTools in packaged builds', () => {
    expect(mainWindowOptions({ preloadPath: PRELOAD, devTools: false }).webPreferences?.devTools).toBe(false);
  });

  it('loads the renderer from app://bbdesk/, never from file://', () => {
    const win = createMainWindow({ preloadPath: PRELOAD, devTools: false, trust: () => {} });
    const fakeWin = win as unknown as fake.FakeBrowserWindow;
    expect(fakeWin.loadedUrl).toBe('app://bbdesk/index.html');
    expect(fakeWin.shown).toBe(false);
    fakeWin.emit('ready-to-show');
    expect(fakeWin.shown).toBe(true);
  });

  it('admits exactly its own webContents to the IPC bridge', () => {
    const trust = vi.fn();
    const win = createMainWindow({ preloadPath: PRELOAD, devTools: false, trust });
    expect(trust).toHaveBeenCalledExactlyOnceWith(win.webContents);
  });

  it('blocks navigation away from the app and window.open', () => {
    const win = createMainWindow({ preloadPath: PRELOAD, devTools: false, trust: () => {} });
    const contents = win.webContents as unknown as fake.FakeWebContents;
    const away = new fake.FakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.defaultPrevented).toBe(true);
    const inside = new fake.FakeEvent({ url: 'app://bbdesk/index.html' });
    contents.emit('will-navigate', inside, 'app://bbdesk/index.html');
    expect(inside.defaultPrevented).toBe(false);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});
