import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { DB_FILE_NAME, openDatabase } from './connection';
import { DatabaseTooNewError, migrate, schemaVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

describe('migrations on a real file', () => {
  it('creates a fresh database in WAL mode at the latest version', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'cases', 'case_history', 'residents', 'print_jobs', 'audit_log']));
    db.close();
    expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(true);
  });

  it('upgrades an older file step by step and keeps its data', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE_NAME);
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.prepare(`INSERT INTO settings (key, value) VALUES ('idleLockMinutes', '7')`).run();
    const extra: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'test-extra',
      up: (db) => db.exec('CREATE TABLE test_extra (id INTEGER PRIMARY KEY)'),
    };
    const result = migrate(old, [...MIGRATIONS, extra]);
    expect(result).toEqual({ from: 1, to: MIGRATIONS.length + 1 });
    expect(schemaVersion(old)).toBe(MIGRATIONS.length + 1);
    expect(old.prepare(`SELECT value FROM settings WHERE key = 'idleLockMinutes'`).get()).toEqual({ value: '7' });
    old.close();
  });

  it('rolls a failing migration back completely', () => {
    const db = new Database(path.join(tempDir(), DB_FILE_NAME));
    migrate(db, MIGRATIONS);
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
    db.close();
  });

  it('refuses to open a database from a newer version', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DB_FILE_NAME));
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(dir)).toThrow(/neueren Version/);
  });
});
