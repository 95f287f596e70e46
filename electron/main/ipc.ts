/**
 * The IPC half of the bridge: one channel, `bbdesk:invoke`, handled in the main process.
 *
 * Only the main frame of a window this process created, showing app://bbdesk, may call.
 * Every such window has its own SessionHolder here; the token never reaches the renderer.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiResult } from '../../shared/api/contract';
import type { Core } from '../core';
import { memorySessionHolder, type SessionHolder } from '../core/transport';
import { INVOKE_CHANNEL, MAX_OPERATION_LENGTH } from './constants';
import { isAppUrl } from './security';

type Log = (message: string) => void;

export interface IpcBridge {
  /** Admit a window's webContents we created ourselves; its holder lives until the webContents is destroyed. */
  trust(contents: WebContents): SessionHolder;
  /** The holder of a trusted webContents (tests, diagnostics). */
  holderFor(webContentsId: number): SessionHolder | undefined;
  /** Why an event would be refused, or null when it is trusted. */
  rejectionReason(event: IpcMainInvokeEvent): string | null;
  /** Remove the IPC handler and forget all holders. */
  dispose(): void;
}

const forbidden: ApiResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Die Anfrage stammt nicht aus dem Fenster von Bürgerbüro Desk und wurde abgelehnt.' },
};

const badOperation: ApiResult<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'Unbekannte oder ungültige Operation.' },
};

const internal: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Ein interner Fehler ist aufgetreten. Der Vorgang wurde nicht geändert.' },
};

export function registerIpcBridge(ipcMain: IpcMain, core: Pick<Core, 'dispatch'>, log: Log = () => {}): IpcBridge {
  const holders = new Map<number, SessionHolder>();

  function rejectionReason(event: IpcMainInvokeEvent): string | null {
    const sender = event.sender;
    if (!sender || !holders.has(sender.id)) return 'unbekanntes webContents';
    if (sender.isDestroyed()) return 'webContents bereits zerstört';
    const frame = event.senderFrame;
    if (!frame) return 'Frame nicht mehr vorhanden';
    if (frame.parent !== null) return 'Unterframe';
    const mainFrame = sender.mainFrame;
    if (frame !== mainFrame && (frame.frameToken !== mainFrame.frameToken || frame.processId !== mainFrame.processId)) {
      return 'nicht der Hauptframe';
    }
    if (!isAppUrl(frame.url)) return `fremde Herkunft (${frame.url})`;
    return null;
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, op: unknown, input: unknown) => {
    const reason = rejectionReason(event);
    if (reason !== null) {
      log(`IPC abgelehnt: ${reason}`);
      return forbidden;
    }
    if (typeof op !== 'string' || op.length === 0 || op.length > MAX_OPERATION_LENGTH) return badOperation;
    const holder = holders.get(event.sender.id)!;
    try {
      return await core.dispatch(op, input, holder);
    } catch (err) {
      // The dispatcher catches handler errors itself; this is the last line so no stack reaches the renderer.
      log(`IPC-Fehler in ${op}: ${err instanceof Error ? err.message : String(err)}`);
      return internal;
    }
  });

  return {
    trust(contents) {
      const id = contents.id;
      const existing = holders.get(id);
      if (existing) return existing;
      const holder = memorySessionHolder();
      holders.set(id, holder);
      contents.once('destroyed', () => {
        holders.delete(id);
      });
      return holder;
    },
    holderFor: (id) => holders.get(id),
    rejectionReason,
    dispose() {
      ipcMain.removeHandler(INVOKE_CHANNEL);
      holders.clear();
    },
  };
}
