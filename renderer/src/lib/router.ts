import { useSyncExternalStore } from 'react';

/**
 * A small hash router: works unchanged under `app://bbdesk/index.html` and under the HTTP host.
 * Routes: /vorgaenge[?filter], /schalter, /vorgang/:id, /verwaltung/:tab, /dashboard (Übersicht),
 * /postausgang (Versandbereit), /postausgang/druckauftraege[/:runId], /postausgang/buch
 * The queue keeps its filter in the hash's query ("#/vorgaenge?scope=mine&due=overdue", shared/domain/queue.ts);
 * the route is the part before "?".
 */
export type Route =
  | { name: 'queue' }
  | { name: 'dashboard' }
  | { name: 'counter' }
  | { name: 'case'; caseId: number }
  | { name: 'admin'; tab: string }
  | { name: 'dispatch'; tab: DispatchTab; runId: number | null }
  | { name: 'briefwahl' };

export type DispatchTab = 'ready' | 'runs' | 'log';

/** Path segments of the Postausgang tabs. */
export const DISPATCH_TAB_PATHS: Record<DispatchTab, string> = {
  ready: '/postausgang',
  runs: '/postausgang/druckauftraege',
  log: '/postausgang/buch',
};

function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '').split('?')[0]!;
  return hash.startsWith('/') ? hash : '/' + hash;
}

/** The hash's query without "?" ("scope=mine&due=overdue"), '' when there is none. */
export function currentHashQuery(): string {
  const hash = window.location.hash;
  const i = hash.indexOf('?');
  return i < 0 ? '' : hash.slice(i + 1);
}

/** Replaces the hash's query in place (no new history entry, no hashchange). */
export function replaceHashQuery(query: string): void {
  const target = '#' + currentPath() + (query ? '?' + query : '');
  if (window.location.hash !== target) window.history.replaceState(window.history.state, '', target);
}

export function parseRoute(path: string): Route {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  if (parts[0] === 'schalter') return { name: 'counter' };
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  if (parts[0] === 'briefwahl') return { name: 'briefwahl' };
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
