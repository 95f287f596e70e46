/**
 * What the Electron preload exposes to the renderer as `window.bbdesk`.
 * In browser mode `window.bbdesk` is absent and the renderer uses fetch instead.
 * The session token never crosses this bridge: the main process keeps it per window.
 */
export interface BbdeskBridge {
  invoke(op: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    bbdesk?: BbdeskBridge;
  }
}
