import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  describeError,
  printMessages,
  type PrintJobState,
  type PrintLog,
  type PrintOutcome,
  type PrintRequest,
  type PrinterAdapter,
  type PrinterInfo,
} from './port';

/** Name of the single pseudo printer the folder adapter offers. */
export const FOLDER_PRINTER_NAME = 'Ablageordner';
/** Sub-folder used when no (or the pseudo) printer name is given. */
export const DEFAULT_FOLDER_NAME = 'ausgang';

export interface FolderPrinterOptions {
  /** Clock for the file name's time stamp (local time). */
  now?: () => Date;
  log?: PrintLog;
}

/**
 * Writes each PDF to `<outboxDir>/<printerName or 'ausgang'>/<yyyymmdd-HHMMSS>-<title>-<id>.pdf`.
 * The file appears atomically (written under a temporary name, then linked/renamed) and never replaces an
 * existing file. The external job id is the path relative to `outboxDir` (always with '/').
 */
export function createFolderPrinterAdapter(outboxDir: string, opts: FolderPrinterOptions = {}): PrinterAdapter {
  const now = opts.now ?? (() => new Date());
  const log: PrintLog = opts.log ?? (() => {});
  const root = path.resolve(outboxDir);

  return {
    kind: 'folder',

    async listPrinters(): Promise<PrinterInfo[]> {
      return [{ name: FOLDER_PRINTER_NAME, isDefault: true, status: `Ablage in ${root}` }];
    },

    async print(req: PrintRequest, onSubmitted: (externalId: string) => void): Promise<PrintOutcome> {
      if (!Buffer.isBuffer(req.pdf) || req.pdf.length === 0) {
        log(`folder printer: refusing empty document "${req.title}"`);
        return { state: 'failed', message: printMessages.emptyDocument };
      }
      const subdir = folderNameFor(req.printerName);
      const dir = path.join(root, subdir);
      const stamp = formatStamp(now());
      const title = sanitizeFileNamePart(req.title, 'dokument');

      let tmpPath: string | undefined;
      try {
        await fs.promises.mkdir(dir, { recursive: true });
        let fileName = '';
        for (let attempt = 0; ; attempt++) {
          fileName = `${stamp}-${title}-${randomBytes(4).toString('hex')}.pdf`;
          if (!fs.existsSync(path.join(dir, fileName))) break;
          if (attempt >= 20) throw new Error(`no free file name in ${dir}`);
        }
        const finalPath = path.join(dir, fileName);
        tmpPath = path.join(dir, `.~${fileName}.${process.pid}.part`);
        await writeDurably(tmpPath, req.pdf);

        try {
          onSubmitted(`${subdir}/${fileName}`);
        } catch (err) {
          throw new SubmitCallbackError(err);
        }

        await commitNoOverwrite(tmpPath, finalPath);
        tmpPath = undefined;
        log(`folder printer: wrote ${finalPath} (${req.pdf.length} bytes)`);
        return { state: 'completed' };
      } catch (err) {
        if (tmpPath) await fs.promises.rm(tmpPath, { force: true }).catch(() => {});
        if (err instanceof SubmitCallbackError) throw err.cause; // not a printer problem: the caller's own error
        log(`folder printer: cannot write "${req.title}" to ${dir}: ${describeError(err)}`);
        return { state: 'failed', message: printMessages.folderNotWritable(dir) };
      }
    },

    async jobState(_printerName: string, externalId: string): Promise<PrintJobState> {
      const parts = externalId.split('/');
      if (parts.length !== 2 || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) {
        return 'unknown';
      }
      try {
        const st = await fs.promises.stat(path.join(root, ...parts));
        return st.isFile() ? 'completed' : 'unknown';
      } catch {
        // Not there (any more): possibly picked up by whatever processes the outbox.
        return 'unknown';
      }
    },
  };
}

class FolderWriteError extends Error {}

class SubmitCallbackError extends Error {
  constructor(cause: unknown) {
    super('onSubmitted failed', { cause });
  }
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  const fh = await fs.promises.open(file, 'wx', 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Moves tmp to final without ever replacing an existing final file. */
async function commitNoOverwrite(tmp: string, final: string): Promise<void> {
  try {
    await fs.promises.link(tmp, final); // fails with EEXIST instead of overwriting
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FolderWriteError(`target exists: ${final}`);
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV' || code === 'EOPNOTSUPP') {
      // File systems without hard links (some network shares, FAT): plain rename after an existence check.
      if (fs.existsSync(final)) throw new FolderWriteError(`target exists: ${final}`);
      await fs.promises.rename(tmp, final);
      return;
    }
    throw err;
  }
  await fs.promises.unlink(tmp).catch(() => {});
}

function folderNameFor(printerName: string | undefined): string {
  const name = (printerName ?? '').trim();
  if (name === '' || name === FOLDER_PRINTER_NAME) return DEFAULT_FOLDER_NAME;
  return sanitizeFileNamePart(name, DEFAULT_FOLDER_NAME);
}

/** yyyymmdd-HHMMSS in local time. */
export function formatStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** ASCII-only, safe on every file system: "Meldebescheinigung Müller/2024" → "Meldebescheinigung_Mueller_2024". */
export function sanitizeFileNamePart(input: string, fallback: string, maxLength = 60): string {
  const out = input
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, maxLength)
    .replace(/[._-]+$/g, '');
  return out === '' ? fallback : out;
}
