import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import type { PrinterAdapter } from '../printing/port';
import { addHistory } from './history';
import { getCaseRow } from './repository';
import { changeStatus } from './status';

interface OpenJob {
  id: number;
  case_id: number;
  document_id: number;
  adapter: 'system' | 'folder';
  printer_name: string;
  state: 'pending' | 'submitted';
  external_id: string | null;
  user_id: number;
}

const INTERRUPTED = 'Der Druckauftrag wurde unterbrochen (Programm beendet, bevor der Drucker den Auftrag bestätigt hat). Bitte erneut drucken.';

/**
 * Settles print jobs an earlier run left open (crash or shutdown while printing): a job the printer reports as
 * completed issues its case as the normal path would have; a job that never reached the printer, or that the
 * printer no longer knows, is marked failed so that it can be printed again. Jobs still waiting in the printer's
 * queue stay open. Returns the number of jobs settled.
 */
export async function recoverOpenPrintJobs(
  db: Db,
  clock: Clock,
  printerFor: (adapter: 'system' | 'folder') => PrinterAdapter,
  log: (m: string) => void,
  onlyCaseId?: number,
): Promise<number> {
  const jobs = db
    .prepare(
      `SELECT id, case_id, document_id, adapter, printer_name, state, external_id, user_id FROM print_jobs
       WHERE state IN ('pending', 'submitted') ${onlyCaseId ? 'AND case_id = ?' : ''} ORDER BY id`,
    )
    .all(...(onlyCaseId ? [onlyCaseId] : [])) as OpenJob[];
  let settled = 0;
  for (const job of jobs) {
    let state: 'pending' | 'completed' | 'failed' | 'unknown' = 'unknown';
    if (job.external_id) {
      try {
        state = await printerFor(job.adapter).jobState(job.printer_name, job.external_id);
      } catch (err) {
        log(`print job ${job.id}: state query failed: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
    }
    if (state === 'pending') continue;
    const at = clock.now().toISOString();
    inTransaction(db, () => {
      const still = db.prepare(`SELECT state FROM print_jobs WHERE id = ?`).get(job.id) as { state: string };
      if (still.state !== job.state) return;
      if (state === 'completed') {
        db.prepare(`UPDATE print_jobs SET state = 'completed', error = NULL, updated_at = ? WHERE id = ?`).run(at, job.id);
        const row = getCaseRow(db, job.case_id);
        if (row?.status === 'ready') {
          changeStatus(db, row, 'issued', {
            userId: job.user_id,
            at,
            action: 'Gedruckt und ausgestellt (nach Programmneustart bestätigt)',
            details: { printJobId: job.id, printer: job.printer_name, documentId: job.document_id },
          });
        }
      } else {
        db.prepare(`UPDATE print_jobs SET state = 'failed', error = ?, updated_at = ? WHERE id = ?`).run(INTERRUPTED, at, job.id);
        addHistory(db, { caseId: job.case_id, at, userId: null, action: 'Druck fehlgeschlagen', reason: INTERRUPTED, details: { printJobId: job.id } });
      }
      settled++;
    });
  }
  if (settled > 0) log(`recovered ${settled} open print job(s)`);
  return settled;
}
