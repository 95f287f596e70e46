/**
 * Sandboxed preload: exposes `window.bbdesk.invoke(op, input)` and nothing else.
 * No Node APIs, no raw ipcRenderer, no session token on this side.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { BbdeskBridge } from '../../shared/api/bridge';
import { INVOKE_CHANNEL } from '../main/constants';

const bridge: BbdeskBridge = {
  invoke: (op: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, op, input),
};

contextBridge.exposeInMainWorld('bbdesk', bridge);
