import { parentPort } from 'node:worker_threads';
import { RENDER_KINDS, type RenderKind } from './render-kinds';

/** Worker thread entry: renders documents off the main thread (where the core answers the clerks). */
interface Task {
  id: number;
  kind: RenderKind;
  input: unknown;
  ctx: Parameters<(typeof RENDER_KINDS)[RenderKind]>[1];
}

parentPort?.on('message', async (task: Task) => {
  try {
    const render = RENDER_KINDS[task.kind] as (input: unknown, ctx: Task['ctx']) => Promise<Buffer>;
    const pdf = await render(task.input, task.ctx);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    parentPort!.postMessage({ id: task.id, pdf: bytes });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort!.postMessage({
      id: task.id,
      error: { name: e.name, message: e.message, stack: e.stack, field: (e as { field?: unknown }).field },
    });
  }
});
