import { sql } from '../db/connection';
import type { Role } from '../../../shared/domain/roles';
import type { User } from '../../../shared/domain/types';
import type { Db } from '../db/connection';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  site_id: number;
  site_name: string;
  password_hash: string;
  failed_attempts: number;
  locked: number;
  active: number;
  registrar: number;
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.site_id, s.name AS site_name, u.password_hash,
  u.failed_attempts, u.locked, u.active, u.registrar FROM users u JOIN sites s ON s.id = u.site_id`;

export const MAX_FAILED_ATTEMPTS = 5;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    siteId: row.site_id,
    siteName: row.site_name,
    active: row.active === 1,
    locked: row.locked === 1,
    failedAttempts: row.failed_attempts,
    registrar: row.registrar === 1,
  };
}

export function countUsers(db: Db): number {
  return (sql(db, 'SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(db: Db): User[] {
  return (sql(db, `${SELECT} ORDER BY u.display_name`).all() as UserRow[]).map(toUser);
}

export function getUser(db: Db, id: number): User | null {
  const row = sql(db, `${SELECT} WHERE u.id = ?`).get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export function findUserForLogin(db: Db, username: string): (User & { passwordHash: string }) | null {
  const row = sql(db, `${SELECT} WHERE u.username = ?`).get(username.trim().toLowerCase()) as UserRow | undefined;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function passwordHashOf(db: Db, id: number): string | null {
  const row = sql(db, 'SELECT password_hash FROM users WHERE id = ?').get(id) as { password_hash: string } | undefined;
  return row?.password_hash ?? null;
}

export function insertUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; siteId: number; passwordHash: string; registrar?: boolean },
  now: string,
): number {
  const info = sql(db, 
      `INSERT INTO users (username, display_name, role, site_id, password_hash, created_at, registrar) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(u.username.toLowerCase(), u.displayName, u.role, u.siteId, u.passwordHash, now, u.registrar ? 1 : 0);
  return Number(info.lastInsertRowid);
}

export function usernameTaken(db: Db, username: string): boolean {
  return sql(db, 'SELECT 1 FROM users WHERE username = ?').get(username.toLowerCase()) !== undefined;
}

export function updateUser(
  db: Db,
  id: number,
  patch: { displayName?: string; role?: Role; siteId?: number; active?: boolean; registrar?: boolean },
): void {
  const current = getUser(db, id);
  if (!current) return;
  sql(db, 'UPDATE users SET display_name = ?, role = ?, site_id = ?, active = ?, registrar = ? WHERE id = ?').run(
    patch.displayName ?? current.displayName,
    patch.role ?? current.role,
    patch.siteId ?? current.siteId,
    (patch.active ?? current.active) ? 1 : 0,
    (patch.registrar ?? current.registrar) ? 1 : 0,
    id,
  );
}

export function setPasswordHash(db: Db, id: number, hash: string): void {
  sql(db, 'UPDATE users SET password_hash = ?, failed_attempts = 0, locked = 0 WHERE id = ?').run(hash, id);
}

/** Counts a failed password; returns true when the account is now locked. */
export function recordFailedAttempt(db: Db, id: number): boolean {
  sql(db, 
    `UPDATE users SET failed_attempts = failed_attempts + 1,
       locked = CASE WHEN failed_attempts + 1 >= ? THEN 1 ELSE locked END WHERE id = ?`,
  ).run(MAX_FAILED_ATTEMPTS, id);
  return getUser(db, id)?.locked ?? false;
}

export function resetFailedAttempts(db: Db, id: number): void {
  sql(db, 'UPDATE users SET failed_attempts = 0 WHERE id = ?').run(id);
}

export function unlockUser(db: Db, id: number): void {
  sql(db, 'UPDATE users SET failed_attempts = 0, locked = 0 WHERE id = ?').run(id);
}

export function countActiveAdmins(db: Db): number {
  return (
    sql(db, `SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1`).get() as { n: number }
  ).n;
}
