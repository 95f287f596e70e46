import { sql } from '../db/connection';
import type { CaseStatus } from '../../../shared/domain/status';
import type { Db } from '../db/connection';

export interface HistoryInput {
  caseId: number;
  at: string;
  userId: number | null;
  action: string;
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export function addHistory(db: Db, h: HistoryInput): void {
  sql(db, 
    `INSERT INTO case_history (case_id, at, user_id, action, from_status, to_status, reason, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    h.caseId,
    h.at,
    h.userId,
    h.action,
    h.fromStatus ?? null,
    h.toStatus ?? null,
    h.reason ?? null,
    h.details ? JSON.stringify(h.details) : null,
  );
}
