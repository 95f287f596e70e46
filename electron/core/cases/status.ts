import { sql } from '../db/connection';
import { canTransition, REASON_REQUIRED, STATUS_LABELS, type CaseStatus } from '../../../shared/domain/status';
import type { Db } from '../db/connection';
import { ApiFailure } from '../api/errors';
import { addHistory } from './history';
import { deadlinesAfterWaiting, type ResumeResult } from './deadlines';

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
  // Waiting for the applicant stops the clock (waiting_since); leaving it moves the dates on (cases/deadlines.ts).
  const resumed = c.status === 'waiting' ? resumeFromWaiting(db, c.id, by.at) : null;
  const setWaiting = to === 'waiting' || c.status === 'waiting';
  const info = sql(
    db,
    `UPDATE cases SET status = ?, updated_at = ?, closed_at = CASE WHEN ? THEN ? ELSE closed_at END,
       waiting_since = CASE WHEN ? THEN ? ELSE waiting_since END,
       target_date = CASE WHEN ? THEN ? ELSE target_date END,
       legal_deadline_at = CASE WHEN ? THEN ? ELSE legal_deadline_at END
     WHERE id = ? AND status = ?`,
  ).run(
    to,
    by.at,
    terminal ? 1 : 0,
    by.at,
    setWaiting ? 1 : 0,
    to === 'waiting' ? by.at : null,
    resumed ? 1 : 0,
    resumed?.targetDate ?? null,
    resumed ? 1 : 0,
    resumed?.legalDeadlineAt ?? null,
    c.id,
    c.status,
  );
  if (info.changes !== 1) {
    throw new ApiFailure('CONFLICT', 'Der Vorgang wurde inzwischen geändert. Bitte neu laden.');
  }
  const action = by.action ?? `Status: ${STATUS_LABELS[to]}`;
  addHistory(db, {
    caseId: c.id,
    at: by.at,
    userId: by.userId,
    action: resumed?.note && resumed.waitedWorkingDays > 0 ? `${action} – ${resumed.note}` : action,
    fromStatus: c.status,
    toStatus: to,
    reason: by.reason ?? null,
    details: resumed?.note
      ? {
          ...by.details,
          deadlines: {
            targetDate: resumed.targetDate,
            legalDeadlineAt: resumed.legalDeadlineAt,
            waitedWorkingDays: resumed.waitedWorkingDays,
            note: resumed.note,
          },
        }
      : (by.details ?? null),
  });
  c.status = to;
}

/** The moved-on dates of a case that leaves 'waiting' now (null when it has no dates to move). */
function resumeFromWaiting(db: Db, caseId: number, at: string): ResumeResult | null {
  const row = sql(db, 'SELECT target_date, legal_deadline_at, waiting_since FROM cases WHERE id = ?').get(caseId) as
    | { target_date: string | null; legal_deadline_at: string | null; waiting_since: string | null }
    | undefined;
  if (!row) return null;
  const r = deadlinesAfterWaiting({ targetDate: row.target_date, legalDeadlineAt: row.legal_deadline_at }, row.waiting_since, new Date(at));
  return r.note ? r : null;
}
