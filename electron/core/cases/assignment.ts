/**
 * Claims, the edit lock and assignment.
 *
 * Decision: the claim IS the edit lock. A case in work belongs to one clerk, its assignee (cases.assignee_id,
 * since cases.assigned_at). Everybody may read it, but every changing operation on a case someone else holds is
 * refused with who holds it and since when; a changing operation on a case nobody holds claims it for the caller
 * in the same transaction (`requireHolder`). The holder gives a case back with "Freigeben" (reason in the
 * history); a supervisor (role supervisor or admin) may take a held case over with a reason, and supervisors
 * assign or reassign cases to a clerk, to nobody, and/or to a site (reason in each case's history).
 *
 * There is no separate lock table and no lock timeout: a clerk who leaves keeps the cases until they release
 * them or a supervisor takes them over or reassigns them. Print runs of the Postausgang (dispatch engine,
 * reprints of their items, the register of registered letters) are the post room's work on cases that are
 * ready: they are not blocked by the holder.
 *
 * Everything here runs inside an immediate write transaction (better-sqlite3 is synchronous, so concurrent
 * callers in this process queue; callers on other connections wait for the write lock). The claim itself is a
 * conditional UPDATE (`… WHERE id = ? AND (assignee_id IS NULL OR assignee_id = ?)`) whose `changes` decide,
 * so a row read before another connection's claim cannot win.
 */
import { sql, type Db } from '../db/connection';
import { TERMINAL_STATUSES, STATUS_LABELS, type CaseStatus } from '../../../shared/domain/status';
import type { User } from '../../../shared/domain/types';
import { ApiFailure, notFound } from '../api/errors';
import { addHistory } from './history';
import { getCaseRow } from './repository';
import { berlinDateTime } from '../../../shared/domain/berlin-time';

/** What the lock needs of a case row (a `CaseRow` fits); `requireHolder` updates it after a claim. */
export interface HeldCase {
  id: number;
  status: CaseStatus;
  assignee_id: number | null;
  assignee_name: string | null;
  assigned_at: string | null;
}

const SUPERVISOR_ROLES: readonly User['role'][] = ['supervisor', 'admin'];

/** "Der Vorgang wird von Maria Müller bearbeitet (seit 25.11.2026, 10:42)." */
export function heldByMessage(c: Pick<HeldCase, 'assignee_name' | 'assigned_at'>): string {
  const who = c.assignee_name ?? 'einer anderen Person';
  return c.assigned_at
    ? `Der Vorgang wird von ${who} bearbeitet (seit ${berlinDateTime(c.assigned_at)}).`
    : `Der Vorgang wird von ${who} bearbeitet.`;
}

function heldByOther(db: Db, caseId: number): ApiFailure {
  const current = getCaseRow(db, caseId);
  if (!current) return notFound('Der Vorgang');
  if (current.assignee_id === null) return new ApiFailure('CONFLICT', 'Der Vorgang wurde inzwischen geändert. Bitte neu laden.');
  return new ApiFailure('CONFLICT', heldByMessage(current));
}

function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

function loadCase(db: Db, caseId: number) {
  const row = getCaseRow(db, caseId);
  if (!row) throw notFound('Der Vorgang');
  return row;
}

/** The conditional claim: true when the case is now the user's (it was free or already theirs). */
function tryClaim(db: Db, caseId: number, userId: number, at: string): boolean {
  const info = sql(
    db,
    `UPDATE cases SET assignee_id = @user, assigned_at = CASE WHEN assignee_id = @user THEN assigned_at ELSE @at END
     WHERE id = @id AND (assignee_id IS NULL OR assignee_id = @user)`,
  ).run({ user: userId, at, id: caseId });
  return info.changes === 1;
}

/**
 * The edit lock, for every operation that changes a case: the holder passes; a case nobody holds is claimed for
 * the user (history "Übernommen"); a case someone else holds is refused with CONFLICT naming the holder and since
 * when. Call inside the operation's write transaction, before changing anything: a refusal rolls it back, and a
 * later failure of the operation rolls the claim back with it.
 */
export function requireHolder(db: Db, c: HeldCase, user: Pick<User, 'id' | 'displayName'>, at: string): void {
  if (c.assignee_id === user.id) return;
  if (c.assignee_id !== null) throw new ApiFailure('CONFLICT', heldByMessage(c));
  if (!tryClaim(db, c.id, user.id, at)) throw heldByOther(db, c.id);
  addHistory(db, { caseId: c.id, at, userId: user.id, action: 'Übernommen' });
  c.assignee_id = user.id;
  c.assignee_name = user.displayName;
  c.assigned_at = at;
}

/** "Übernehmen": the case becomes the user's. Claiming one's own case again changes nothing. */
export function claimCase(db: Db, caseId: number, user: User, at: string): void {
  const row = loadCase(db, caseId);
  if (row.assignee_id === user.id) return;
  if (isTerminal(row.status)) {
    throw new ApiFailure('CONFLICT', `Ein beendeter Vorgang (${STATUS_LABELS[row.status]}) kann nicht übernommen werden.`);
  }
  requireHolder(db, row, user, at);
}

/** "Freigeben": the holder gives the case back to the queue, with a reason. */
export function releaseCase(db: Db, caseId: number, user: User, reason: string, at: string): void {
  const row = loadCase(db, caseId);
  if (row.assignee_id === null) throw new ApiFailure('CONFLICT', 'Der Vorgang ist von niemandem übernommen.');
  if (row.assignee_id !== user.id) throw new ApiFailure('CONFLICT', heldByMessage(row));
  if (isTerminal(row.status)) {
    throw new ApiFailure('CONFLICT', `Ein beendeter Vorgang (${STATUS_LABELS[row.status]}) kann nicht freigegeben werden.`);
  }
  const info = sql(db, 'UPDATE cases SET assignee_id = NULL, assigned_at = NULL WHERE id = ? AND assignee_id = ?').run(caseId, user.id);
  if (info.changes !== 1) throw heldByOther(db, caseId);
  addHistory(db, { caseId, at, userId: user.id, action: 'Freigegeben', reason });
}

/** A supervisor takes over a case (usually one another clerk holds), with a reason. */
export function takeOverCase(db: Db, caseId: number, user: User, reason: string, at: string): void {
  if (!SUPERVISOR_ROLES.includes(user.role)) {
    throw new ApiFailure('FORBIDDEN', 'Nur die Teamleitung kann einen Vorgang übernehmen, den jemand anderes bearbeitet.');
  }
  const row = loadCase(db, caseId);
  if (row.assignee_id === user.id) throw new ApiFailure('CONFLICT', 'Sie bearbeiten diesen Vorgang bereits.');
  if (isTerminal(row.status)) {
    throw new ApiFailure('CONFLICT', `Ein beendeter Vorgang (${STATUS_LABELS[row.status]}) kann nicht übernommen werden.`);
  }
  const info = sql(db, 'UPDATE cases SET assignee_id = ?, assigned_at = ? WHERE id = ? AND assignee_id IS ?').run(
    user.id,
    at,
    caseId,
    row.assignee_id,
  );
  if (info.changes !== 1) throw new ApiFailure('CONFLICT', 'Der Vorgang wurde inzwischen geändert. Bitte neu laden.');
  addHistory(db, {
    caseId,
    at,
    userId: user.id,
    action: row.assignee_name ? `Übernahme durch Teamleitung (bisher: ${row.assignee_name})` : 'Übernahme durch Teamleitung',
    reason,
    details: { previousAssigneeId: row.assignee_id, previousAssignedAt: row.assigned_at },
  });
}

export interface AssignInput {
  caseIds: readonly number[];
  /** null: nobody; undefined: assignee unchanged. */
  assigneeId?: number | null;
  siteId?: number;
  reason: string;
}

/**
 * Supervisors assign or reassign cases to a colleague or to nobody and/or move them to a site. All or nothing:
 * every case must exist and be open, the assignee an active user, the site one that exists — checked before
 * anything changes (call inside one transaction). Each change writes a history entry with the reason; cases
 * already as asked are left alone. Returns the number of cases changed.
 */
export function assignCases(db: Db, input: AssignInput, by: User, at: string): number {
  let assignee: { id: number; display_name: string } | null = null;
  if (input.assigneeId !== undefined && input.assigneeId !== null) {
    const u = sql(db, 'SELECT id, display_name, role, active FROM users WHERE id = ?').get(input.assigneeId) as
      | { id: number; display_name: string; role: string; active: number }
      | undefined;
    if (!u || u.active !== 1 || !['clerk', 'supervisor', 'admin'].includes(u.role)) {
      throw new ApiFailure('INVALID_INPUT', 'Diese Person gibt es nicht oder sie ist deaktiviert.', [
        { path: 'assigneeId', message: 'Bitte eine aktive Sachbearbeitung wählen.' },
      ]);
    }
    assignee = u;
  }
  let site: { id: number; name: string } | null = null;
  if (input.siteId !== undefined) {
    site = (sql(db, 'SELECT id, name FROM sites WHERE id = ?').get(input.siteId) as { id: number; name: string } | undefined) ?? null;
    if (!site) {
      throw new ApiFailure('INVALID_INPUT', 'Diesen Standort gibt es nicht.', [{ path: 'siteId', message: 'Bitte einen Standort wählen.' }]);
    }
  }

  const rows = [...new Set(input.caseIds)].map((id) => {
    const row = getCaseRow(db, id);
    if (!row) throw new ApiFailure('NOT_FOUND', `Der Vorgang Nr. ${id} wurde nicht gefunden. Es wurde nichts geändert.`);
    if (isTerminal(row.status)) {
      throw new ApiFailure(
        'CONFLICT',
        `Der Vorgang ${row.reference} ist beendet (${STATUS_LABELS[row.status]}) und kann nicht zugewiesen werden. Es wurde nichts geändert.`,
      );
    }
    return row;
  });

  const setAssignee = sql(db, 'UPDATE cases SET assignee_id = ?, assigned_at = ? WHERE id = ?');
  const setSite = sql(db, 'UPDATE cases SET site_id = ? WHERE id = ?');
  let changed = 0;
  for (const row of rows) {
    let touched = false;
    if (site && row.site_id !== site.id) {
      setSite.run(site.id, row.id);
      addHistory(db, {
        caseId: row.id,
        at,
        userId: by.id,
        action: `An Standort ${site.name} verschoben`,
        reason: input.reason,
        details: { fromSiteId: row.site_id, toSiteId: site.id },
      });
      touched = true;
    }
    if (input.assigneeId !== undefined) {
      const to = assignee?.id ?? null;
      if (row.assignee_id !== to) {
        setAssignee.run(to, to === null ? null : at, row.id);
        addHistory(db, {
          caseId: row.id,
          at,
          userId: by.id,
          action: assignee ? `Zugewiesen an ${assignee.display_name}` : 'Zuweisung aufgehoben (nicht übernommen)',
          reason: input.reason,
          details: { previousAssigneeId: row.assignee_id, assigneeId: to },
        });
        touched = true;
      }
    }
    if (touched) changed++;
  }
  return changed;
}
