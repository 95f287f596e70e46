import { sql } from '../db/connection';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection';

export interface SessionRow {
  userId: number;
  locked: boolean;
  expiresAt: string;
  lastSeenAt: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session and returns its token; only the token's hash is stored. */
export function createSession(db: Db, userId: number, now: Date, hours: number): string {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + hours * 3600_000);
  sql(db, 
    'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, locked) VALUES (?, ?, ?, ?, ?, 0)',
  ).run(hashToken(token), userId, now.toISOString(), now.toISOString(), expires.toISOString());
  return token;
}

/**
 * Resolves a token: null when unknown or expired (an expired one is deleted).
 * A session idle for longer than idleMinutes is locked here, on the core's own clock,
 * whatever the renderer's timer did.
 */
export function resolveSession(db: Db, token: string, now: Date, idleMinutes: number): SessionRow | null {
  const key = hashToken(token);
  const row = sql(db, 'SELECT user_id, locked, expires_at, last_seen_at FROM sessions WHERE token_hash = ?')
    .get(key) as { user_id: number; locked: number; expires_at: string; last_seen_at: string } | undefined;
  if (!row) return null;
  if (Date.parse(row.expires_at) <= now.getTime()) {
    sql(db, 'DELETE FROM sessions WHERE token_hash = ?').run(key);
    return null;
  }
  let locked = row.locked === 1;
  if (!locked && now.getTime() - Date.parse(row.last_seen_at) > idleMinutes * 60_000) {
    sql(db, 'UPDATE sessions SET locked = 1 WHERE token_hash = ?').run(key);
    locked = true;
  }
  return { userId: row.user_id, locked, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
}

export function touchSession(db: Db, token: string, now: Date): void {
  sql(db, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), hashToken(token));
}

export function setSessionLocked(db: Db, token: string, locked: boolean, now: Date): void {
  sql(db, 'UPDATE sessions SET locked = ?, last_seen_at = ? WHERE token_hash = ?').run(
    locked ? 1 : 0,
    now.toISOString(),
    hashToken(token),
  );
}

export function deleteSession(db: Db, token: string): void {
  sql(db, 'DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
}

export function deleteSessionsOfUser(db: Db, userId: number): void {
  sql(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
}

export function purgeExpiredSessions(db: Db, now: Date): void {
  sql(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
}
