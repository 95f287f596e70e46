import { sql } from '../db/connection';
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';

export interface AuditEntry {
  at: string;
  userId: number | null;
  username: string | null;
  operation: string;
  /**
   * Which case or person the operation touched: "case:12", "resident:40"; several of one kind as a list,
   * "cases:12,13,40" or "residents:40,41" (a search's hits, a batch of cases).
   */
  subject: string | null;
  outcome: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditEntryHash(prev: string, e: AuditEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.at, e.userId, e.username, e.operation, e.subject, e.outcome]))
    .digest('hex');
}

/** "cases:1,2,3" for several ids, "case:1" for one, null for none. */
export function subjectList(kind: 'case' | 'resident', ids: readonly number[]): string | null {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return null;
  return unique.length === 1 ? `${kind}:${unique[0]}` : `${kind}s:${unique.join(',')}`;
}

/** An audit_log row as stored (without the chain columns). */
export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  operation: string;
  subject: string | null;
  outcome: string;
}

interface Head {
  entries: number;
  last_id: number;
  last_hash: string;
}

/**
 * Appends one entry, chained to the previous entry's hash, and moves the chain head (count and last hash) in the
 * same transaction — nested in the caller's transaction when there is one — so that entries cut off the end of the
 * log are detected too. The append-only triggers of audit_log and audit_chain_head refuse any other change.
 */
export function appendAudit(db: Db, e: AuditEntry): void {
  db.transaction(() => {
    const head = sql(db, 'SELECT entries, last_id, last_hash FROM audit_chain_head WHERE id = 1').get() as Head | undefined;
    // Without a head (removed outside the app) the entry still chains to the last one; verification reports the loss.
    const prev = head?.last_hash ?? (sql(db, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
    const hash = auditEntryHash(prev, e);
    const info = sql(
      db,
      `INSERT INTO audit_log (at, user_id, username, operation, subject, outcome, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.at, e.userId, e.username, e.operation, e.subject, e.outcome, prev, hash);
    if (head) {
      sql(db, 'UPDATE audit_chain_head SET entries = entries + 1, last_id = ?, last_hash = ? WHERE id = 1').run(
        Number(info.lastInsertRowid),
        hash,
      );
    }
  }).immediate();
}

export type ChainProblem =
  /** An entry's own hash does not match its columns. */
  | 'changed'
  /** An entry's prev_hash is not the previous entry's hash (the one before was changed, or one removed/inserted). */
  | 'link'
  /** Ids are not consecutive: entries before this one were deleted (or an id was changed). */
  | 'gap'
  /** Fewer entries than the head recorded: the last ones were cut off. */
  | 'truncated'
  /** More entries than the head recorded, or the last hash differs: entries were appended or replaced outside the app. */
  | 'head_mismatch'
  /** The chain head row is missing. */
  | 'head_missing';

export interface ChainCheck {
  entries: number;
  /** Id of the first entry that does not fit (for 'truncated': the first missing id); null when intact. */
  brokenAt: number | null;
  problem: ChainProblem | null;
  /** For 'truncated': how many entries are missing at the end. */
  missing?: number;
}

/**
 * Walks the whole chain (ids must run 1, 2, 3 … without gaps: the log is never deleted from, so SQLite never
 * leaves one) and compares its end with the chain head.
 */
export function checkAuditChain(db: Db): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let entries = 0;
  const rows = sql(db, 'SELECT id, at, user_id, username, operation, subject, outcome, prev_hash, hash FROM audit_log ORDER BY id')
    .iterate() as IterableIterator<AuditRow & {
    prev_hash: string;
    hash: string;
  }>;
  const broken = (brokenAt: number, problem: ChainProblem): ChainCheck => ({ entries, brokenAt, problem });
  for (const r of rows) {
    entries++;
    // Leaving the loop early closes the statement's iterator (for…of calls return()).
    if (r.id !== expectedId) return broken(r.id, 'gap');
    if (r.prev_hash !== prev) return broken(r.id, 'link');
    const expected = auditEntryHash(prev, {
      at: r.at,
      userId: r.user_id,
      username: r.username,
      operation: r.operation,
      subject: r.subject,
      outcome: r.outcome,
    });
    if (r.hash !== expected) return broken(r.id, 'changed');
    prev = r.hash;
    expectedId++;
  }
  const lastId = expectedId - 1;
  const head = sql(db, 'SELECT entries, last_id, last_hash FROM audit_chain_head WHERE id = 1').get() as Head | undefined;
  if (!head) return { entries, brokenAt: null, problem: 'head_missing' };
  if (entries < head.entries) return { entries, brokenAt: lastId + 1, problem: 'truncated', missing: head.entries - entries };
  if (entries > head.entries) return { entries, brokenAt: head.last_id + 1, problem: 'head_mismatch' };
  if (head.last_id !== lastId || head.last_hash !== prev) return { entries, brokenAt: lastId, problem: 'head_mismatch' };
  return { entries, brokenAt: null, problem: null };
}

/** Walks the chain; returns the id of the first entry that does not match (0: the head is missing), or null when intact. */
export function verifyAuditChain(db: Db): number | null {
  const r = checkAuditChain(db);
  return r.problem === null ? null : (r.brokenAt ?? 0);
}
