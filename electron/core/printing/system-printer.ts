import { createRequire } from 'node:module';
import {
  describeError,
  printMessages,
  type PrintJobState,
  type PrintLog,
  type PrintOutcome,
  type PrintRequest,
  type PrinterAdapter,
  type PrinterInfo,
  PrinterUnavailableError,
} from './port';

/** The npm package of the maintained node-printer binding (optional dependency, native). */
export const NODE_PRINTER_MODULE = '@thiagoelg/node-printer';

/**
 * The part of `@thiagoelg/node-printer` this adapter uses, typed here so that type checking does not depend on the
 * optional package. Observed on CUPS: job ids are numbers, every call is synchronous, `getPrinter`/`getJob` throw
 * ("Printer not found" / "Printer job not found"), `status` of a job is a one-element array.
 */
export interface NodePrinterBinding {
  getPrinters(): NodePrinterDetails[];
  getPrinter(printerName: string): NodePrinterDetails;
  printDirect(options: {
    data: Buffer;
    printer: string;
    docname: string;
    type: 'PDF';
    options: Record<string, string>;
    success: (jobId: number | string) => void;
    error: (err: unknown) => void;
  }): void;
  getJob(printerName: string, jobId: number): NodePrinterJob;
  setJob(printerName: string, jobId: number, command: 'CANCEL'): boolean | void;
}

export interface NodePrinterDetails {
  name: string;
  isDefault: boolean;
  /** CUPS: 'IDLE' | 'PRINTING' | 'STOPPED' (derived from printer-state); Windows: list of status flags. */
  status?: string | string[];
  options?: Record<string, unknown>;
}

export interface NodePrinterJob {
  id: number;
  /** CUPS: one of PENDING, PAUSED, PRINTING, PRINTED, CANCELLED, ABORTED; Windows: list of flags. */
  status: string[];
}

export interface SystemPrinterOptions {
  /** How often the job and printer are polled while following a job (default 500 ms). */
  pollIntervalMs?: number;
  /** After this long the job is cancelled and reported as failed (default 60 s). */
  timeoutMs?: number;
  log?: PrintLog;
  /** Replaces loading `@thiagoelg/node-printer` (tests). Throwing means "binding not installed". */
  loadBinding?: () => NodePrinterBinding;
}

/** After this many polls in a row without finding a job that was already submitted, it counts as vanished. */
const MAX_MISSING_POLLS = 3;

/** Loads the native binding at run time; works from the esbuild CommonJS bundle and from ESM (vitest, tsx). */
export function loadNodePrinterBinding(): NodePrinterBinding {
  const req: NodeRequire =
    typeof require === 'function'
      ? require
      : createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  // A non-literal specifier keeps bundlers from trying to inline the native module.
  const specifier: string = NODE_PRINTER_MODULE;
  return req(specifier) as NodePrinterBinding;
}

export function createSystemPrinterAdapter(opts: SystemPrinterOptions = {}): PrinterAdapter {
  const pollIntervalMs = Math.max(10, opts.pollIntervalMs ?? 500);
  const timeoutMs = Math.max(1, opts.timeoutMs ?? 60_000);
  const log: PrintLog = opts.log ?? (() => {});
  const load = opts.loadBinding ?? loadNodePrinterBinding;

  let cached: { binding: NodePrinterBinding } | { error: unknown } | undefined;
  function binding(): NodePrinterBinding | undefined {
    if (!cached) {
      try {
        cached = { binding: load() };
      } catch (error) {
        cached = { error };
        log(`system printer: cannot load ${NODE_PRINTER_MODULE}: ${describeError(error)}`);
      }
    }
    return 'binding' in cached ? cached.binding : undefined;
  }

  const failed = (message: string): PrintOutcome => ({ state: 'failed', message });

  function cancel(b: NodePrinterBinding, printer: string, jobId: number, why: string): void {
    try {
      b.setJob(printer, jobId, 'CANCEL');
      log(`system printer: cancelled job ${printer}-${jobId} (${why})`);
    } catch (err) {
      log(`system printer: could not cancel job ${printer}-${jobId} (${why}): ${describeError(err)}`);
    }
  }

  /** The printer's details, or a failure outcome when it does not exist. */
  function lookUp(b: NodePrinterBinding, printer: string): { info: NodePrinterDetails } | { outcome: PrintOutcome } {
    try {
      return { info: b.getPrinter(printer) };
    } catch (err) {
      let count = -1;
      try {
        count = b.getPrinters().length;
      } catch {
        /* ignore */
      }
      log(`system printer: printer "${printer}" not found (${describeError(err)}; ${count} printers visible)`);
      return { outcome: failed(count === 0 ? printMessages.noPrintersAtAll(printer) : printMessages.notConfigured(printer)) };
    }
  }

  return {
    kind: 'system',

    async listPrinters(): Promise<PrinterInfo[]> {
      const b = binding();
      if (!b) throw new PrinterUnavailableError(printMessages.bindingMissing);
      let printers: NodePrinterDetails[];
      try {
        printers = b.getPrinters() ?? [];
      } catch (err) {
        log(`system printer: getPrinters failed: ${describeError(err)}`);
        return [];
      }
      return printers.map((p) => ({ name: p.name, isDefault: p.isDefault === true, status: statusText(p) }));
    },

    async print(req: PrintRequest, onSubmitted: (externalId: string) => void): Promise<PrintOutcome> {
      const b = binding();
      if (!b) return failed(printMessages.bindingMissing);
      const printer = req.printerName;
      if (!Buffer.isBuffer(req.pdf) || req.pdf.length === 0) {
        log(`system printer: refusing empty document "${req.title}"`);
        return failed(printMessages.emptyDocument);
      }

      if (printer.trim() === '') return failed(printMessages.noPrinterSelected);
      const found = lookUp(b, printer);
      if ('outcome' in found) return found.outcome;
      const info = found.info;
      if (isStopped(info)) {
        log(`system printer: "${printer}" is stopped (${stateDetails(info)}); job "${req.title}" not submitted`);
        return failed(printMessages.stopped(printer));
      }
      if (!isAccepting(info)) {
        log(`system printer: "${printer}" rejects jobs (${stateDetails(info)}); job "${req.title}" not submitted`);
        return failed(printMessages.notAccepting(printer));
      }

      const options: Record<string, string> = {};
      if (req.media) options.media = req.media;
      if (req.tray) options.InputSlot = req.tray;
      if (req.copies !== undefined && Number.isFinite(req.copies)) options.copies = String(Math.max(1, Math.floor(req.copies)));

      let jobId: number;
      try {
        jobId = await submit(b, { data: req.pdf, printer, docname: req.title, options });
      } catch (err) {
        const detail = describeError(err);
        log(`system printer: submitting "${req.title}" to "${printer}" failed: ${detail}`);
        return failed(/not accepting/i.test(detail) ? printMessages.notAccepting(printer) : printMessages.submitFailed(printer));
      }
      log(`system printer: submitted "${req.title}" as job ${printer}-${jobId} (${req.pdf.length} bytes, ${JSON.stringify(options)})`);

      try {
        onSubmitted(String(jobId));
      } catch (err) {
        cancel(b, printer, jobId, 'onSubmitted failed');
        throw err;
      }

      return follow(b, printer, jobId);
    },

    async jobState(printerName: string, externalId: string): Promise<PrintJobState> {
      const b = binding();
      const jobId = Number(externalId);
      if (!b || !printerName || !Number.isInteger(jobId) || jobId <= 0) return 'unknown';
      try {
        const state = classifyJob(b.getJob(printerName, jobId).status);
        return state === 'completed' ? 'completed' : state === 'failed' ? 'failed' : 'pending';
      } catch (err) {
        log(`system printer: job ${printerName}-${externalId} not found: ${describeError(err)}`);
        return 'unknown';
      }
    },
  };

  async function follow(b: NodePrinterBinding, printer: string, jobId: number): Promise<PrintOutcome> {
    const deadline = Date.now() + timeoutMs;
    let missing = 0;
    let lastStatus = '';
    for (;;) {
      let job: NodePrinterJob | undefined;
      try {
        job = b.getJob(printer, jobId);
      } catch (err) {
        if (++missing >= MAX_MISSING_POLLS) {
          log(`system printer: job ${printer}-${jobId} vanished from the queue: ${describeError(err)}`);
          return failed(printMessages.jobVanished(printer));
        }
      }
      if (job) {
        missing = 0;
        const status = (job.status ?? []).join(',');
        if (status !== lastStatus) {
          log(`system printer: job ${printer}-${jobId} status ${status}`);
          lastStatus = status;
        }
        const state = classifyJob(job.status);
        if (state === 'completed') return { state: 'completed' };
        if (state === 'failed') return failed(printMessages.cancelledByPrinter);
      }

      let info: NodePrinterDetails | undefined;
      try {
        info = b.getPrinter(printer);
      } catch {
        info = undefined; // removed meanwhile: its jobs vanish too, handled above
      }
      // A job the printer is already working on may still finish; one that is waiting will not while it is stopped.
      const waiting = !job || !job.status.some((x) => String(x).toUpperCase() === 'PRINTING');
      if (info && waiting && isStopped(info)) {
        log(`system printer: "${printer}" stopped while job ${jobId} was waiting (${stateDetails(info)})`);
        cancel(b, printer, jobId, 'printer stopped');
        return failed(printMessages.stopped(printer));
      }

      if (Date.now() >= deadline) {
        log(`system printer: job ${printer}-${jobId} not finished after ${timeoutMs} ms (last status ${lastStatus || 'none'})`);
        cancel(b, printer, jobId, 'timeout');
        return failed(printMessages.timeout(Math.max(1, Math.round(timeoutMs / 1000))));
      }
      await sleep(Math.min(pollIntervalMs, Math.max(0, deadline - Date.now())));
    }
  }
}

function submit(
  b: NodePrinterBinding,
  p: { data: Buffer; printer: string; docname: string; options: Record<string, string> },
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    try {
      b.printDirect({
        ...p,
        type: 'PDF',
        success: (id) => {
          const n = Number(id);
          if (Number.isInteger(n) && n > 0) resolve(n);
          else reject(new Error(`printDirect returned an invalid job id: ${String(id)}`));
        },
        error: (err) => reject(err instanceof Error ? err : new Error(String(err))),
      });
    } catch (err) {
      reject(err);
    }
  });
}

/** Maps node-printer's job status flags (CUPS and Windows spellings) to the port's view. */
export function classifyJob(status: readonly string[] | undefined): 'pending' | 'completed' | 'failed' {
  const s = new Set((status ?? []).map((x) => String(x).toUpperCase()));
  if (s.has('CANCELLED') || s.has('ABORTED') || s.has('DELETED') || s.has('DELETING')) return 'failed';
  if (s.has('PRINTED') || s.has('COMPLETE') || s.has('COMPLETED')) return 'completed';
  return 'pending';
}

function statusFlags(p: NodePrinterDetails): string[] {
  const s = p.status;
  return (Array.isArray(s) ? s : s ? [s] : []).map((x) => String(x).toUpperCase());
}

/** CUPS: printer-state 5 (cupsdisable, or stopped after an error); Windows: paused. */
export function isStopped(p: NodePrinterDetails): boolean {
  const flags = statusFlags(p);
  return flags.includes('STOPPED') || flags.includes('PAUSED') || String(p.options?.['printer-state'] ?? '') === '5';
}

function isAccepting(p: NodePrinterDetails): boolean {
  return String(p.options?.['printer-is-accepting-jobs'] ?? 'true') !== 'false';
}

function stateDetails(p: NodePrinterDetails): string {
  const o = p.options ?? {};
  return [
    `status=${statusFlags(p).join(',') || '?'}`,
    `reasons=${String(o['printer-state-reasons'] ?? '')}`,
    `message=${String(o['printer-state-message'] ?? '')}`,
    `accepting=${String(o['printer-is-accepting-jobs'] ?? '')}`,
  ].join(' ');
}

/** Short German status for the printer list. */
export function statusText(p: NodePrinterDetails): string {
  const flags = statusFlags(p);
  let text: string;
  if (isStopped(p)) text = 'Angehalten';
  else if (flags.includes('PRINTING') || flags.includes('PROCESSING') || flags.includes('BUSY')) text = 'Druckt';
  else if (flags.includes('OFFLINE') || flags.includes('NOT-AVAILABLE')) text = 'Nicht verbunden';
  else if (flags.includes('ERROR') || flags.some((f) => f.startsWith('PAPER') || f === 'NO-TONER' || f === 'DOOR-OPEN'))
    text = 'Störung';
  else text = 'Bereit';
  if (!isAccepting(p)) text += ', nimmt keine Aufträge an';
  const message = String(p.options?.['printer-state-message'] ?? '').trim();
  return message ? `${text} (${message})` : text;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
