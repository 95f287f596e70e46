import { sql } from '../db/connection';
import { canTransition, REASON_REQUIRED, STATUS_LABELS, type CaseStatus } from '../../../shared/domain/status';
import type { Db } from '../db/connection';
import { ApiFailure } from '../api/errors';
import { addHistory } from './history';

/**
 * The one place a case's status changes: checks the status machine, updates the row only if it still has
 * the expected status (so two concurrent changes cannot both win) and writes the history entry.
 * Call inside the write transaction.
 */
export function changeStatus(
  db: Db,
  c: { id: number; status: CaseStatus },
  to: CaseStatus,
  by: { userId: number | null; at: string; reason?: string | null; action?: string; details?: Record<string, unknown> },
): void {
  if (!canTransition(c.status, to)) {
    throw new ApiFailure(
      'CONFLICT',
      `Ein Vorgang im Status „${STATUS_LABELS[c.status]}“ kann nicht in den Status „${STATUS_LABELS[to]}“ wechseln.`,
    );
  }
  if (REASON_REQUIRED.includes(to) && !(by.reason && by.reason.trim().length >= 3)) {
    throw new ApiFailure('INVALID_INPUT', `Für „${STATUS_LABELS[to]}“ ist ein Grund erforderlich.`, [
      { path: 'reason', message: 'Bitte einen Grund angeben.' },
    ]);
  }
  const terminal = to === 'closed' || to === 'rejected' || to === 'cancelled';
  const info = sql(db, 'UPDATE cases SET status = ?, updated_at = ?, closed_at = CASE WHEN ? THEN ? ELSE closed_at END WHERE id = ? AND status = ?')
    .run(to, by.at, terminal ? 1 : 0, by.at, c.id, c.status);
  if (info.changes !== 1) {
    throw new ApiFailure('CONFLICT', 'Der Vorgang wurde inzwischen geändert. Bitte neu laden.');
  }
  addHistory(db, {
    caseId: c.id,
    at: by.at,
    userId: by.userId,
    action: by.action ?? `Status: ${STATUS_LABELS[to]}`,
    fromStatus: c.status,
    toStatus: to,
    reason: by.reason ?? null,
    details: by.details ?? null,
  });
  c.status = to;
}
