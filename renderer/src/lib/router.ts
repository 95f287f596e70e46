import { useSyncExternalStore } from 'react';

/**
 * A small hash router: works unchanged under `app://bbdesk/index.html` and under the HTTP host.
 * Routes: /vorgaenge, /schalter, /vorgang/:id, /verwaltung/:tab,
 * /postausgang (Versandbereit), /postausgang/druckauftraege[/:runId], /postausgang/buch
 */
export type Route =
  | { name: 'queue' }
  | { name: 'counter' }
  | { name: 'case'; caseId: number }
  | { name: 'admin'; tab: string }
  | { name: 'dispatch'; tab: DispatchTab; runId: number | null };

export type DispatchTab = 'ready' | 'runs' | 'log';

/** Path segments of the Postausgang tabs. */
export const DISPATCH_TAB_PATHS: Record<DispatchTab, string> = {
  ready: '/postausgang',
  runs: '/postausgang/druckauftraege',
  log: '/postausgang/buch',
};

function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/' + hash;
}

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'schalter') return { name: 'counter' };
  if (parts[0] === 'vorgang' && parts[1] && /^\d+$/.test(parts[1])) return { name: 'case', caseId: Number(parts[1]) };
  if (parts[0] === 'verwaltung') return { name: 'admin', tab: parts[1] ?? 'benutzer' };
  if (parts[0] === 'postausgang') {
    if (parts[1] === 'druckauftraege') {
      const runId = parts[2] && /^\d+$/.test(parts[2]) ? Number(parts[2]) : null;
      return { name: 'dispatch', tab: 'runs', runId };
    }
    if (parts[1] === 'buch') return { name: 'dispatch', tab: 'log', runId: null };
    return { name: 'dispatch', tab: 'ready', runId: null };
  }
  return { name: 'queue' };
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

export function useRoute(): Route {
  return parseRoute(usePath());
}

export function navigate(path: string): void {
  const target = '#' + (path.startsWith('/') ? path : '/' + path);
  if (window.location.hash !== target) window.location.hash = target;
}

export function hrefFor(path: string): string {
  return '#' + (path.startsWith('/') ? path : '/' + path);
}
