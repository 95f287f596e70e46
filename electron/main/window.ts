/**
 * The main window: locked-down webPreferences, hardened webContents, loaded from app://bbdesk/.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { APP_START_URL } from './constants';
import { hardenWebContents } from './security';

export interface MainWindowOptions {
  /** Absolute path of dist/electron/preload.cjs. */
  preloadPath: string;
  /** DevTools only in development builds (never when app.isPackaged). */
  devTools: boolean;
  /** Window icon (Linux/Windows); optional. */
  iconPath?: string;
}

export const WINDOW_TITLE = 'Bürgerbüro Desk';

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
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
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  };
}

export interface CreateMainWindowOptions extends MainWindowOptions {
  /** Admits the window's webContents to the IPC bridge (see ipc.ts). */
  trust(contents: WebContents): void;
  log?: (message: string) => void;
}

export function createMainWindow(options: CreateMainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(options));
  hardenWebContents(win.webContents, options.log);
  options.trust(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL).catch((err: unknown) => {
    options.log?.(`Oberfläche konnte nicht geladen werden: ${err instanceof Error ? err.message : String(err)}`);
  });
  return win;
}
