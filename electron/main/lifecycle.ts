/**
 * App lifecycle of the Electron shell. Thin on purpose: window, menu, IPC bridge, security.
 * The core arrives as a factory so this module never loads SQLite in tests.
 * (There is no `remote` module in current Electron, and nothing here re-creates it.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import type { Core, CoreConfig } from '../core';
import { argValue, findResourcesDir, resolveDataDir } from '../core/config';
import { portalOverrideFromEnvironment } from '../core/portal/config';
import { safeStorageProtector } from './secret-protector';
import { registerIpcBridge, type IpcBridge } from './ipc';
import { buildMenuTemplate } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenSession, installWebContentsGuard } from './security';
import { createMainWindow, WINDOW_TITLE } from './window';

export interface StartOptions {
  /** Folder of main.cjs (dist/electron): preload.cjs lies beside it, the renderer in ../renderer. */
  baseDir: string;
  createCore(config: CoreConfig): Core;
  /** Starts the embedded demo portal unless a portal is configured (portal-sim/embedded.ts; kept out of this module to keep it thin). */
  startDemoPortal?(core: Core, resourcesDir: string, log: (message: string) => void): void;
  log?: (message: string) => void;
}

export interface AppHandle {
  /** Resolves once the window has been created (or rejects when startup failed). */
  ready: Promise<void>;
  getCore(): Core | null;
  getMainWindow(): BrowserWindow | null;
  getBridge(): IpcBridge | null;
}

const defaultLog = (message: string): void => console.log(`[bbdesk] ${message}`);

export function startApp(options: StartOptions): AppHandle {
  const log = options.log ?? defaultLog;
  let core: Core | null = null;
  let bridge: IpcBridge | null = null;
  let mainWindow: BrowserWindow | null = null;
  const handle: AppHandle = {
    ready: Promise.resolve(),
    getCore: () => core,
    getMainWindow: () => mainWindow,
    getBridge: () => bridge,
  };

  // Both must happen before 'ready'.
  registerAppScheme(protocol);
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return handle;
  }

  installWebContentsGuard(app, log);

  const preloadPath = path.join(options.baseDir, 'preload.cjs');
  const rendererDir = path.resolve(options.baseDir, '..', 'renderer');

  function openWindow(resourcesDir: string): void {
    const iconPath = path.join(resourcesDir, 'icons', 'icon.png');
    mainWindow = createMainWindow({
      preloadPath,
      devTools: !app.isPackaged,
      ...(fs.existsSync(iconPath) ? { iconPath } : {}),
      trust: (contents) => bridge?.trust(contents),
      log,
    });
    const win = mainWindow;
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
  }

  function showAbout(): void {
    const options = {
      type: 'info' as const,
      title: 'Über Bürgerbüro Desk',
      message: `${WINDOW_TITLE} ${app.getVersion()}`,
      detail: `Arbeitsplatz für das Bürgerbüro.\nElectron ${process.versions.electron ?? '–'}, Chromium ${process.versions.chrome ?? '–'}, Node.js ${process.versions.node}`,
      buttons: ['OK'],
    };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  }

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let resourcesDir = '';
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow(resourcesDir);
  });

  app.on('will-quit', () => {
    bridge?.dispose();
    bridge = null;
    if (core) {
      try {
        core.close();
      } catch (err) {
        log(`Fehler beim Schließen: ${err instanceof Error ? err.message : String(err)}`);
      }
      core = null;
    }
  });

  handle.ready = app.whenReady().then(
    () => {
      try {
        hardenSession(session.defaultSession, log);
        serveRenderer(protocol, rendererDir);
        const dataDir = resolveDataDir(process.argv, app.getPath('userData'));
        resourcesDir = findResourcesDir(app.isPackaged ? process.resourcesPath : options.baseDir);
        core = options.createCore({
          dataDir,
          resourcesDir,
          log,
          portal: portalOverrideFromEnvironment(process.env, argValue(process.argv, '--portal-config')),
          secretProtector: safeStorageProtector(safeStorage, log),
          portalAutoSync: true,
        });
        options.startDemoPortal?.(core, resourcesDir, log);
        bridge = registerIpcBridge(ipcMain, core, log);
        Menu.setApplicationMenu(
          Menu.buildFromTemplate(buildMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform, showAbout })),
        );
        openWindow(resourcesDir);
      } catch (err) {
        fail(err);
        throw err;
      }
    },
  );
  handle.ready.catch(() => {});

  function fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    log(`Start fehlgeschlagen: ${message}`);
    dialog.showErrorBox('Bürgerbüro Desk kann nicht starten', message);
    core?.close();
    core = null;
    app.exit(1);
  }

  return handle;
}
