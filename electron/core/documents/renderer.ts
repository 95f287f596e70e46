import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentContext } from './meldebescheinigung';
import { RENDER_KINDS, reviveError, type RenderInput, type RenderKind } from './render-kinds';

/** Produces document PDFs; the core uses one per process. */
export interface DocumentRenderer {
  render<K extends RenderKind>(kind: K, input: RenderInput<K>, ctx: DocumentContext): Promise<Buffer>;
  close(): Promise<void>;
  readonly threads: number;
}

export function inProcessRenderer(): DocumentRenderer {
  return {
    threads: 0,
    render: (kind, input, ctx) => (RENDER_KINDS[kind] as (i: unknown, c: DocumentContext) => Promise<Buffer>)(input, ctx),
    close: async () => {},
  };
}

interface Slot {
  worker: Worker;
  busy: number;
}

interface Pending {
  resolve(pdf: Buffer): void;
  reject(err: Error): void;
  slot: Slot;
}

/** A worker that could not run (e.g. its script unreadable inside a packaged archive): rendering falls back in process. */
class WorkerUnavailable extends Error {}

/**
 * A pool of worker threads rendering documents. PDF rendering is CPU-bound (10–20 ms a document); in the
 * desktop app the core runs in Electron's main process, so a print run of hundreds of letters would otherwise stall
 * every clerk's request, and on a multi-core machine the pool also renders in parallel. Workers start lazily and
 * hold the process open only while they have work.
 */
export function workerRenderer(script: string, size: number, log: (m: string) => void = () => {}): DocumentRenderer {
  const workers: Slot[] = [];
  const pending = new Map<number, Pending>();
  const fallback = inProcessRenderer();
  let broken = false;
  let nextId = 1;

  const spawn = () => {
    const worker = new Worker(script);
    const slot: Slot = { worker, busy: 0 };
    worker.unref();
    worker.on('message', (msg: { id: number; pdf?: Uint8Array; error?: { name: string; message: string; field?: unknown } }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (--slot.busy === 0) worker.unref();
      if (msg.error) p.reject(reviveError(msg.error));
      else p.resolve(Buffer.from(msg.pdf!.buffer, msg.pdf!.byteOffset, msg.pdf!.byteLength));
    });
    worker.on('error', (err) => {
      log(`render worker failed, rendering in process from now on: ${err.message}`);
      broken = true;
      workers.splice(workers.indexOf(slot), 1);
      for (const [id, p] of pending) {
        if (p.slot === slot) {
          pending.delete(id);
          p.reject(new WorkerUnavailable(err.message));
        }
      }
    });
    workers.push(slot);
    return slot;
  };

  return {
    threads: size,
    async render(kind, input, ctx) {
      if (broken) return fallback.render(kind, input, ctx);
      const slot = workers.length < size ? spawn() : workers.reduce((a, b) => (b.busy < a.busy ? b : a), workers[0]!);
      const id = nextId++;
      try {
        return await new Promise<Buffer>((resolve, reject) => {
          pending.set(id, { resolve, reject, slot });
          if (slot.busy++ === 0) slot.worker.ref();
          slot.worker.postMessage({ id, kind, input, ctx });
        });
      } catch (err) {
        if (err instanceof WorkerUnavailable) return fallback.render(kind, input, ctx);
        throw err;
      }
    },
    async close() {
      await Promise.all(workers.splice(0).map((w) => w.worker.terminate()));
      for (const p of pending.values()) p.reject(new Error('renderer closed'));
      pending.clear();
    },
  };
}

/**
 * Worker threads where the bundled worker script is there (the app, browser mode, CLI), else in process
 * (tests run the TypeScript sources). In a packaged app the script lies outside the asar archive.
 */
export function createDocumentRenderer(bundleDir: string, log: (m: string) => void): DocumentRenderer {
  const script = path.join(bundleDir, 'render-worker.cjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  const threads = Math.min(4, Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 0));
  if (process.env.BBDESK_RENDER_THREADS === '0' || !fs.existsSync(script)) return inProcessRenderer();
  return workerRenderer(script, Number(process.env.BBDESK_RENDER_THREADS) || threads, log);
}
