/**
 * The two ways the renderer reaches the core. Both answer the same ApiResult JSON.
 * - Electron: the preload script exposes `window.bbdesk.invoke(op, input)` (contextBridge).
 * - Browser mode: POST /api/<operation> on the same origin; the session is an HttpOnly cookie
 *   the renderer never sees.
 */
import type { BbdeskBridge } from '../../../shared/api/bridge';

export type { BbdeskBridge };

export type Transport = (op: string, input: unknown) => Promise<unknown>;

/** Thrown by a transport when the core could not be reached at all (no ApiResult). */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

function bridgeTransport(bridge: BbdeskBridge): Transport {
  return (op, input) => bridge.invoke(op, input ?? {});
}

function fetchTransport(): Transport {
  return async (op, input) => {
    let response: Response;
    try {
      response = await fetch('/api/' + encodeURIComponent(op), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new TransportError('Keine Verbindung zum Bürgerbüro-Dienst. Bitte später erneut versuchen.');
    }
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new TransportError(`Unerwartete Antwort des Dienstes (HTTP ${response.status}).`);
    }
  };
}

let current: Transport | null = null;

export function getTransport(): Transport {
  if (!current) {
    const bridge = typeof window !== 'undefined' ? window.bbdesk : undefined;
    current = bridge && typeof bridge.invoke === 'function' ? bridgeTransport(bridge) : fetchTransport();
  }
  return current;
}

/** Tests may swap the transport. */
export function setTransport(transport: Transport | null): void {
  current = transport;
}
