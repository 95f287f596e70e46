import type { PortalProblem, RejectedSubmission } from '../../../shared/domain/portal';
import { sql, type Db } from '../db/connection';

/** How far a submission got; a sync resumes each from its state. */
export type SubmissionState = 'recorded' | 'downloaded' | 'imported' | 'rejecting' | 'accepted' | 'rejected';

export interface SubmissionRow {
  submission_id: string;
  portal_case_id: string;
  destination_id: string;
  state: SubmissionState;
  service_identifier: string | null;
  case_id: number | null;
  problems: string | null;
  auth_tags: string | null;
  attempts: number;
  last_error: string | null;
  received_at: string;
}

/** Records a listed submission before anything else is done with it; true if it was new. */
export function recordSubmission(db: Db, s: { submissionId: string; caseId: string; destinationId: string }, at: string): boolean {
  const r = sql(
    db,
    `INSERT INTO portal_submissions (submission_id, portal_case_id, destination_id, state, received_at, updated_at)
     VALUES (?, ?, ?, 'recorded', ?, ?) ON CONFLICT(submission_id) DO NOTHING`,
  ).run(s.submissionId, s.caseId, s.destinationId, at, at);
  return r.changes === 1;
}

export function getSubmissionRow(db: Db, submissionId: string): SubmissionRow | null {
  return (sql(db, 'SELECT * FROM portal_submissions WHERE submission_id = ?').get(submissionId) as SubmissionRow | undefined) ?? null;
}

/** Submissions a sync still has work on, oldest first. */
export function openSubmissions(db: Db, destinationId: string): SubmissionRow[] {
  return sql(
    db,
    `SELECT * FROM portal_submissions WHERE destination_id = ? AND state IN ('recorded', 'downloaded', 'imported', 'rejecting')
     ORDER BY received_at, submission_id`,
  ).all(destinationId) as SubmissionRow[];
}

export function setState(
  db: Db,
  submissionId: string,
  state: SubmissionState,
  at: string,
  extra: { caseId?: number; problems?: PortalProblem[]; authTags?: unknown; serviceIdentifier?: string; decided?: boolean } = {},
): void {
  sql(
    db,
    `UPDATE portal_submissions SET state = ?, updated_at = ?, last_error = NULL,
       case_id = COALESCE(?, case_id), problems = COALESCE(?, problems), auth_tags = COALESCE(?, auth_tags),
       service_identifier = COALESCE(?, service_identifier), decided_at = CASE WHEN ? THEN ? ELSE decided_at END
     WHERE submission_id = ?`,
  ).run(
    state,
    at,
    extra.caseId ?? null,
    extra.problems ? JSON.stringify(extra.problems) : null,
    extra.authTags ? JSON.stringify(extra.authTags) : null,
    extra.serviceIdentifier ?? null,
    extra.decided ? 1 : 0,
    at,
    submissionId,
  );
}

export function recordFailure(db: Db, submissionId: string, message: string, at: string): void {
  sql(db, 'UPDATE portal_submissions SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE submission_id = ?').run(
    message.slice(0, 1000),
    at,
    submissionId,
  );
}

export function countWaiting(db: Db): number {
  return (
    sql(db, `SELECT COUNT(*) AS n FROM portal_submissions WHERE state IN ('recorded', 'downloaded', 'imported', 'rejecting')`).get() as {
      n: number;
    }
  ).n;
}

export function countRejected(db: Db): number {
  return (sql(db, `SELECT COUNT(*) AS n FROM portal_submissions WHERE state IN ('rejecting', 'rejected')`).get() as { n: number }).n;
}

export function listRejected(db: Db, limit: number): RejectedSubmission[] {
  const rows = sql(
    db,
    `SELECT submission_id, portal_case_id, service_identifier, received_at, decided_at, state, problems
     FROM portal_submissions WHERE state IN ('rejecting', 'rejected') ORDER BY received_at DESC, submission_id LIMIT ?`,
  ).all(limit) as {
    submission_id: string;
    portal_case_id: string;
    service_identifier: string | null;
    received_at: string;
    decided_at: string | null;
    state: 'rejecting' | 'rejected';
    problems: string | null;
  }[];
  return rows.map((r) => ({
    submissionId: r.submission_id,
    portalCaseId: r.portal_case_id,
    serviceIdentifier: r.service_identifier,
    receivedAt: r.received_at,
    rejectedAt: r.decided_at,
    state: r.state,
    problems: r.problems ? (JSON.parse(r.problems) as PortalProblem[]) : [],
  }));
}

/** Raw submissions no longer needed: the case is finished, or the rejection was confirmed more than `keepDays` ago. */
export function rawFilesToDrop(db: Db, rejectedBefore: string): string[] {
  return (
    sql(
      db,
      `SELECT p.submission_id FROM portal_submissions p LEFT JOIN cases c ON c.id = p.case_id
       WHERE p.raw_dropped = 0 AND ((p.state = 'accepted' AND (c.id IS NULL OR c.status IN ('closed', 'rejected', 'cancelled')))
          OR (p.state = 'rejected' AND p.decided_at < ?))`,
    ).all(rejectedBefore) as { submission_id: string }[]
  ).map((r) => r.submission_id);
}

export function markRawDropped(db: Db, submissionId: string): void {
  sql(db, 'UPDATE portal_submissions SET raw_dropped = 1 WHERE submission_id = ?').run(submissionId);
}
