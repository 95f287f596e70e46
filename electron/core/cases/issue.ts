import type { Settings, User } from '../../../shared/domain/types';
import { ApiFailure, notFound } from '../api/errors';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import type { DocumentRenderer } from '../documents/renderer';
import type { PrinterAdapter } from '../printing/port';
import { rulesFor } from '../services';
import type { ServiceRules } from '../services/types';
import { unprintedDocument } from './documents';
import { addHistory } from './history';
import { caseSteps, requireApproved } from './service-case';
import { createServiceDocument, ensureRendered, previewServiceDocument } from './service-document';
import { recoverOpenPrintJobs } from './print-recovery';
import { getCaseRow, type CaseRow } from './repository';
import { changeStatus } from './status';

export interface IssueDeps {
  db: Db;
  clock: Clock;
  resourcesDir: string;
  settings: Settings;
  printerFor(adapter: 'system' | 'folder'): PrinterAdapter;
  renderer: DocumentRenderer;
  log(message: string): void;
}

function loadForDocument(db: Db, caseId: number): { row: CaseRow; rules: ServiceRules } {
  const row = getCaseRow(db, caseId);
  if (!row) throw notFound('Der Vorgang');
  const rules = rulesFor(row.service_id);
  if (!rules) throw new ApiFailure('CONFLICT', 'Für diese Leistung ist kein Dokument hinterlegt.');
  return { row, rules };
}

export async function previewDocument(deps: IssueDeps, caseId: number, clerk: User): Promise<Buffer> {
  const { row, rules } = loadForDocument(deps.db, caseId);
  if (['closed', 'rejected', 'cancelled'].includes(row.status)) {
    throw new ApiFailure('CONFLICT', 'Für einen beendeten Vorgang gibt es keine Vorschau mehr.');
  }
  return previewServiceDocument(deps, row, rules, clerk);
}

/**
 * Produces the case's document and prints it on the printer configured for its type.
 * The case becomes "issued" only once the job completed; a failed job leaves the status as it was.
 * A document whose jobs all failed is reprinted under its number instead of numbering a new one.
 */
export async function issueDocument(deps: IssueDeps, caseId: number, clerk: User): Promise<void> {
  const { db, clock } = deps;
  // A job left open by a crash would block this case for good: settle it against the printer first.
  await recoverOpenPrintJobs(db, clock, deps.printerFor, deps.log, caseId);
  const { row, rules } = loadForDocument(db, caseId);
  if (row.status !== 'ready') {
    throw new ApiFailure('CONFLICT', 'Das Dokument kann erst ausgestellt werden, wenn der Vorgang bereit ist (Gebühr erfasst).');
  }
  requireApproved(caseSteps(db, caseId));
  const profile = deps.settings.printers[rules.document.printer];
  const printerName = profile.adapter === 'folder' ? profile.printerName || 'Ablageordner' : profile.printerName;
  if (profile.adapter === 'system' && !printerName) {
    throw new ApiFailure('PRINT_FAILED', 'Für Urkunden und Bescheinigungen ist kein Drucker eingerichtet (Verwaltung → Drucker).');
  }

  const reusable = unprintedDocument(db, caseId, rules.document.type);

  let pdf: Buffer;
  let documentId: number;
  let jobId: number;
  if (reusable) {
    documentId = reusable.id;
    pdf = (await ensureRendered(deps, reusable.id, row, rules, clerk)).pdf;
  } else {
    const created = await createServiceDocument(deps, row, rules, clerk);
    documentId = created.id;
    pdf = created.pdf;
  }

  jobId = inTransaction(db, () => {
    const busy = db
      .prepare(`SELECT 1 FROM print_jobs WHERE case_id = ? AND state IN ('pending', 'submitted')`)
      .get(caseId);
    if (busy) throw new ApiFailure('CONFLICT', 'Für diesen Vorgang läuft bereits ein Druckauftrag.');
    const now = clock.now().toISOString();
    const info = db
      .prepare(
        `INSERT INTO print_jobs (document_id, case_id, adapter, printer_name, state, created_at, updated_at, user_id)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(documentId, caseId, profile.adapter, printerName, now, now, clerk.id);
    return Number(info.lastInsertRowid);
  });

  const setJob = db.prepare('UPDATE print_jobs SET state = ?, external_id = COALESCE(?, external_id), error = ?, updated_at = ? WHERE id = ?');
  let outcome;
  try {
    outcome = await deps.printerFor(profile.adapter).print(
      { pdf, printerName, title: `${row.reference} ${rules.document.type}`, media: profile.media || 'A4', tray: profile.tray || undefined, copies: 1 },
      (externalId) => setJob.run('submitted', externalId, null, clock.now().toISOString(), jobId),
    );
  } catch (err) {
    deps.log(`print job ${jobId} threw: ${err instanceof Error ? err.message : String(err)}`);
    outcome = { state: 'failed' as const, message: 'Der Druck ist fehlgeschlagen (interner Fehler der Druckeranbindung).' };
  }

  if (outcome.state === 'failed') {
    inTransaction(db, () => {
      setJob.run('failed', null, outcome.message, clock.now().toISOString(), jobId);
      addHistory(db, {
        caseId,
        at: clock.now().toISOString(),
        userId: clerk.id,
        action: 'Druck fehlgeschlagen',
        reason: outcome.message,
        details: { printJobId: jobId, printer: printerName },
      });
    });
    throw new ApiFailure('PRINT_FAILED', outcome.message);
  }
  inTransaction(db, () => {
    setJob.run('completed', null, null, clock.now().toISOString(), jobId);
    const current = getCaseRow(db, caseId)!;
    changeStatus(db, current, 'issued', {
      userId: clerk.id,
      at: clock.now().toISOString(),
      action: 'Gedruckt und ausgestellt',
      details: { printJobId: jobId, printer: printerName, documentId },
    });
  });
}
