/**
 * Electron's security checklist, applied in one place: a strict CSP on every response,
 * navigation and new windows blocked, webviews refused, every permission denied.
 */
import type { App, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './constants';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';

export { CONTENT_SECURITY_POLICY };

type Log = (message: string) => void;

/** True only for URLs of the bundled renderer: app://bbdesk/… (no port, no credentials). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Response headers with any CSP the response carried replaced by ours. */
export function withSecurityHeaders(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** Session-wide: the CSP header on every response, every permission request and check denied. */
export function hardenSession(ses: Session, log: Log = () => {}): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_webContents, permission, callback) => {
    log(`Berechtigung abgelehnt: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

const hardened = new WeakSet<WebContents>();

/** Per webContents: stay on the app origin, open no windows, attach no webviews. Idempotent. */
export function hardenWebContents(contents: WebContents, log: Log = () => {}): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const guardNavigation =
    (kind: string) =>
    (event: { url?: string; preventDefault(): void }, legacyUrl?: string): void => {
      const url = event.url ?? legacyUrl;
      if (isAppUrl(url)) return;
      event.preventDefault();
      log(`${kind} blockiert: ${String(url)}`);
    };
  contents.on('will-navigate', guardNavigation('Navigation'));
  contents.on('will-frame-navigate', guardNavigation('Navigation (Frame)'));
  contents.on('will-redirect', guardNavigation('Weiterleitung'));
  contents.setWindowOpenHandler((details) => {
    log(`Neues Fenster blockiert: ${details.url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Webview blockiert');
  });
}

/**
 * App-wide guard: every webContents ever created (windows, devtools, anything a bug or an
 * attacker manages to open) gets the navigation and window-open rules; a webview guest is closed.
 */
export function installWebContentsGuard(app: App, log: Log = () => {}): void {
  app.on('web-contents-created', (_event, contents) => {
    if (contents.getType() === 'webview') {
      log('Webview-Inhalt geschlossen');
      contents.close();
      return;
    }
    hardenWebContents(contents, log);
  });
}
