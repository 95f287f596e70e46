import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDatabase, type Db } from '../db/connection';
import { makeTestCore, tempDir, type TestCore } from '../test-support';
import type { SessionHolder } from '../transport';
import { appendAudit, auditEntryHash, checkAuditChain, type AuditEntry } from './audit';
import { berlinDayStart } from '../../../shared/domain/deadlines';
import { listAudit, verifyAudit } from './audit-queries';

/** An entry written directly into the table, with a correct hash on `prev` (what an attacker with file access does). */
function insertForgedEntry(db: Database.Database, prev: string, id: number | null = null): void {
  const e = { at: '2026-11-25T09:00:00.000Z', userId: 1, username: 'admin', operation: 'cases.list', subject: null, outcome: 'ok' };
  db.prepare(
    'INSERT INTO audit_log (id, at, user_id, username, operation, subject, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(id, e.at, e.userId, e.username, e.operation, e.subject, e.outcome, prev, auditEntryHash(prev, e));
}

describe('berlinDayStart', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // the clocks go forward at 02:00 that night
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // and back at 03:00
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('%s begins at %s', (day, instant) => {
    expect(berlinDayStart(day).toISOString()).toBe(instant);
  });
});

describe('audit log queries', () => {
  let db: Db;
  afterEach(() => db?.close());

  function entry(at: string, username: string | null, operation: string, subject: string | null, outcome = 'ok'): AuditEntry {
    return { at, userId: username ? 1 : null, username, operation, subject, outcome };
  }

  function seed(): void {
    db = openDatabase(tempDir());
    const rows: AuditEntry[] = [
      entry('2026-03-28T22:59:59.000Z', 'clara', 'cases.get', 'case:12'), // Berlin 28.03. 23:59:59
      entry('2026-03-28T23:00:00.000Z', 'clara', 'residents.search', 'residents:40,41,7'), // 29.03. 00:00
      entry('2026-03-29T10:00:00.000Z', 'ben', 'residents.get', 'resident:40'),
      entry('2026-03-29T21:59:59.000Z', 'ben', 'cases.list', null), // 29.03. 23:59:59 (CEST)
      entry('2026-03-29T22:00:00.000Z', 'clara', 'retention.purge', 'cases:3,12'), // 30.03. 00:00
      entry('2026-03-30T08:00:00.000Z', 'admin', 'users.list', null, 'FORBIDDEN'),
      entry('2026-03-30T09:00:00.000Z', 'clara', 'residents.search', 'residents:140,400'),
    ];
    for (const r of rows) appendAudit(db, r);
  }

  const ids = (r: { items: { id: number }[] }) => r.items.map((i) => i.id);

  it('lists newest first, with the total and paging', () => {
    seed();
    const all = listAudit(db, { limit: 100, offset: 0 });
    expect(all.total).toBe(7);
    expect(ids(all)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const page = listAudit(db, { limit: 3, offset: 3 });
    expect(page.total).toBe(7);
    expect(ids(page)).toEqual([4, 3, 2]);
    expect(page.items[0]).toEqual({ id: 4, at: '2026-03-29T21:59:59.000Z', userId: 1, username: 'ben', operation: 'cases.list', subject: null, outcome: 'ok' });
  });

  it('filters by Berlin days, across the change to summer time', () => {
    seed();
    expect(ids(listAudit(db, { from: '2026-03-29', to: '2026-03-29', limit: 100, offset: 0 }))).toEqual([4, 3, 2]);
    expect(ids(listAudit(db, { from: '2026-03-30', limit: 100, offset: 0 }))).toEqual([7, 6, 5]);
    expect(ids(listAudit(db, { to: '2026-03-28', limit: 100, offset: 0 }))).toEqual([1]);
  });

  it('filters by user, operation (exactly or by group) and subject (also inside lists)', () => {
    seed();
    expect(ids(listAudit(db, { username: 'Ben', limit: 100, offset: 0 }))).toEqual([4, 3]);
    expect(ids(listAudit(db, { operation: 'residents.search', limit: 100, offset: 0 }))).toEqual([7, 2]);
    expect(ids(listAudit(db, { operation: 'residents', limit: 100, offset: 0 }))).toEqual([7, 3, 2]);
    expect(ids(listAudit(db, { subject: 'resident:40', limit: 100, offset: 0 }))).toEqual([3, 2]);
    expect(ids(listAudit(db, { subject: 'case:12', limit: 100, offset: 0 }))).toEqual([5, 1]);
    expect(ids(listAudit(db, { subject: 'case:3', limit: 100, offset: 0 }))).toEqual([5]);
    expect(ids(listAudit(db, { subject: 'resident:4', limit: 100, offset: 0 }))).toEqual([]);
    expect(ids(listAudit(db, { subject: 'cases:3,12', limit: 100, offset: 0 }))).toEqual([5]);
    expect(ids(listAudit(db, { username: 'clara', operation: 'residents.search', from: '2026-03-30', limit: 100, offset: 0 }))).toEqual([7]);
  });

  it('uses an index for every filter', () => {
    seed();
    const plan = (where: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT 100`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('at >= ? AND at < ?', 'a', 'b')).toMatch(/USING (COVERING )?INDEX audit_log_at/);
    expect(plan('username = ?', 'clara')).toMatch(/USING (COVERING )?INDEX audit_log_username/);
    expect(plan('operation = ?', 'cases.get')).toMatch(/USING (COVERING )?INDEX audit_log_operation/);
    expect(
      plan(`(subject = ? OR (subject >= ? AND subject < ? AND instr(',' || substr(subject, ?) || ',', ?) > 0))`, 'case:1', 'cases:', 'cases;', 7, ',1,'),
    ).toMatch(/INDEX audit_log_subject.*INDEX audit_log_subject/);
  });

  it('keeps the chain head in step with the log, in the caller’s transaction', () => {
    seed();
    expect(checkAuditChain(db)).toEqual({ entries: 7, brokenAt: null, problem: null });
    // An append inside a transaction that rolls back leaves neither entry nor head behind.
    expect(() =>
      db.transaction(() => {
        appendAudit(db, entry('2026-03-30T10:00:00.000Z', 'clara', 'cases.get', 'case:1'));
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(verifyAudit(db)).toMatchObject({ ok: true, entries: 7, brokenAt: null });
    expect(() => db.prepare('DELETE FROM audit_chain_head').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE audit_chain_head SET entries = entries - 1').run()).toThrow(/forward/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 7').run()).toThrow(/append-only/);
  });
});

/**
 * Tampering as someone with access to the database file would do it: a connection of their own, the append-only
 * triggers dropped first. The integrity check (audit.verify, and `npm run cli -- audit verify`, which calls the same
 * verifyAudit) must report it.
 */
describe('tampering with the database file is detected', () => {
  let t: TestCore;
  let admin: SessionHolder;
  afterEach(() => t?.core.close());

  async function withEntries(): Promise<void> {
    t = await makeTestCore();
    admin = await t.sessionAs('admin');
    for (let i = 0; i < 5; i++) await t.call(admin, 'cases.list', {});
    await t.call(admin, 'users.list', {});
    const v = await t.call(admin, 'audit.verify', {});
    expect(v).toMatchObject({ ok: true, brokenAt: null });
    expect(v.entries).toBeGreaterThan(6);
  }

  function attacker(fn: (db: Database.Database) => void): void {
    const db = new Database(path.join(t.dataDir, DB_FILE_NAME));
    try {
      db.exec(`
        DROP TRIGGER IF EXISTS audit_log_no_update;
        DROP TRIGGER IF EXISTS audit_log_no_delete;
        DROP TRIGGER IF EXISTS audit_chain_head_no_delete;
        DROP TRIGGER IF EXISTS audit_chain_head_forward_only;
      `);
      fn(db);
    } finally {
      db.close();
    }
  }

  const maxId = (db: Database.Database) => (db.prepare('SELECT MAX(id) AS n FROM audit_log').get() as { n: number }).n;

  it.each([
    ['at', `'2020-01-01T00:00:00.000Z'`],
    ['user_id', '99'],
    ['username', `'mallory'`],
    ['operation', `'auth.session'`],
    ['subject', `'case:999'`],
    ['outcome', `'FORBIDDEN'`],
    ['hash', `'${'f'.repeat(64)}'`],
  ])('a changed %s', async (column, value) => {
    await withEntries();
    attacker((db) => db.prepare(`UPDATE audit_log SET ${column} = ${value} WHERE id = 4`).run());
    const v = await t.call(admin, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, brokenAt: 4 });
    expect(v.message).toContain('Eintrag Nr. 4 wurde verändert');
  });

  it('a changed prev_hash', async () => {
    await withEntries();
    attacker((db) => db.prepare(`UPDATE audit_log SET prev_hash = ? WHERE id = 4`).run('0'.repeat(64)));
    expect(await t.call(admin, 'audit.verify', {})).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('a changed entry whose hash was recomputed breaks the link to the next one', async () => {
    await withEntries();
    attacker((db) => {
      const r = db.prepare('SELECT * FROM audit_log WHERE id = 4').get() as {
        at: string;
        user_id: number | null;
        username: string | null;
        operation: string;
        outcome: string;
        prev_hash: string;
      };
      const changed = { at: r.at, userId: r.user_id, username: r.username, operation: r.operation, subject: 'case:1', outcome: r.outcome };
      db.prepare('UPDATE audit_log SET subject = ?, hash = ? WHERE id = 4').run('case:1', auditEntryHash(r.prev_hash, changed));
    });
    const v = await t.call(admin, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, brokenAt: 5 });
    expect(v.message).toContain('Hash-Kette bricht bei Eintrag Nr. 5');
  });

  it('a changed id', async () => {
    await withEntries();
    attacker((db) => db.prepare('UPDATE audit_log SET id = 1000 WHERE id = 3').run());
    const v = await t.call(admin, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, brokenAt: 4 });
    expect(v.message).toContain('Vor Eintrag Nr. 4 fehlen Einträge');
  });

  it('an entry deleted in the middle', async () => {
    await withEntries();
    attacker((db) => db.prepare('DELETE FROM audit_log WHERE id = 3').run());
    expect(await t.call(admin, 'audit.verify', {})).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('an entry deleted in the middle, the ids after it renumbered', async () => {
    await withEntries();
    attacker((db) => {
      db.prepare('DELETE FROM audit_log WHERE id = 3').run();
      db.prepare('UPDATE audit_log SET id = id + 1000000 WHERE id > 3').run();
      db.prepare('UPDATE audit_log SET id = id - 1000001 WHERE id > 1000000').run();
    });
    expect(await t.call(admin, 'audit.verify', {})).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('the last entries cut off', async () => {
    await withEntries();
    let last = 0;
    attacker((db) => {
      last = maxId(db);
      db.prepare('DELETE FROM audit_log WHERE id >= ?').run(last - 1);
    });
    const v = await t.call(admin, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, brokenAt: last - 1, entries: last - 2 });
    expect(v.message).toContain(`Am Ende des Protokolls fehlen 2 Einträge (ab Nr. ${last - 1})`);
  });

  it('the last entry cut off, and the app writing on', async () => {
    await withEntries();
    let last = 0;
    attacker((db) => {
      last = maxId(db);
      db.prepare('DELETE FROM audit_log WHERE id = ?').run(last);
    });
    await t.call(admin, 'cases.list', {}); // takes the deleted entry's id, chained to the deleted entry's hash
    expect(await t.call(admin, 'audit.verify', {})).toMatchObject({ ok: false, brokenAt: last });
  });

  it('an entry inserted in the middle with a fitting hash', async () => {
    await withEntries();
    attacker((db) => {
      db.prepare('UPDATE audit_log SET id = id + 1000000 WHERE id > 3').run();
      db.prepare('UPDATE audit_log SET id = id - 999999 WHERE id > 1000000').run();
      const prev = (db.prepare('SELECT hash FROM audit_log WHERE id = 3').get() as { hash: string }).hash;
      insertForgedEntry(db, prev, 4);
    });
    expect(await t.call(admin, 'audit.verify', {})).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('an entry appended outside the app', async () => {
    await withEntries();
    let last = 0;
    attacker((db) => {
      last = maxId(db);
      const prev = (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(last) as { hash: string }).hash;
      insertForgedEntry(db, prev);
    });
    const v = await t.call(admin, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, brokenAt: last + 1 });
    expect(v.message).toContain('außerhalb des Programms');
  });

  it('the chain head removed', async () => {
    await withEntries();
    attacker((db) => db.prepare('DELETE FROM audit_chain_head').run());
    const v = await t.call(admin, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, brokenAt: null });
    expect(v.message).toContain('Kettenkopf');
  });

  it('is for administrators only', async () => {
    await withEntries();
    const clerk = await t.sessionAs('clerk');
    const r = await t.core.dispatch('audit.verify', {}, clerk);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const l = await t.core.dispatch('audit.list', {}, clerk);
    expect(!l.ok && l.error.code).toBe('FORBIDDEN');
  });
});
