import { sql } from '../db/connection';
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';

export interface AuditEntry {
  at: string;
  userId: number | null;
  username: string | null;
  operation: string;
  /** e.g. "case:12", "resident:40" — which case or person the operation touched. */
  subject: string | null;
  outcome: string;
}

const GENESIS = '0'.repeat(64);

function entryHash(prev: string, e: AuditEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.at, e.userId, e.username, e.operation, e.subject, e.outcome]))
    .digest('hex');
}

/** Appends one entry, chained to the previous entry's hash. */
export function appendAudit(db: Db, e: AuditEntry): void {
  db.transaction(() => {
    const last = sql(db, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
    const prev = last?.hash ?? GENESIS;
    sql(db, 
      `INSERT INTO audit_log (at, user_id, username, operation, subject, outcome, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.at, e.userId, e.username, e.operation, e.subject, e.outcome, prev, entryHash(prev, e));
  }).immediate();
}

/** Walks the chain; returns the id of the first entry that does not match, or null when intact. */
export function verifyAuditChain(db: Db): number | null {
  let prev = GENESIS;
  const rows = sql(db, 'SELECT id, at, user_id, username, operation, subject, outcome, prev_hash, hash FROM audit_log ORDER BY id')
    .iterate() as IterableIterator<{
    id: number;
    at: string;
    user_id: number | null;
    username: string | null;
    operation: string;
    subject: string | null;
    outcome: string;
    prev_hash: string;
    hash: string;
  }>;
  for (const r of rows) {
    const expected = entryHash(prev, {
      at: r.at,
      userId: r.user_id,
      username: r.username,
      operation: r.operation,
      subject: r.subject,
      outcome: r.outcome,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return r.id;
    prev = r.hash;
  }
  return null;
}
