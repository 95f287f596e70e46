import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  countTagsInStock,
  currentTag,
  getTag,
  issueNextTag,
  tagStockSummary,
  tagsOfDog,
  wearersOfTag,
} from '../../registers/hundesteuer';
import { tempDir } from '../../test-support';
import { DB_FILE_NAME, openDatabase, type Db } from '../connection';
import { migrate, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';

const open: Db[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

/** A database file at schema version 8 (before the tag history), with foreign keys on like the app's. */
function databaseAtVersion8(): { dir: string; db: Db } {
  const dir = tempDir();
  const db = new Database(path.join(dir, DB_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 8));
  open.push(db);
  return { dir, db };
}

function addDog(db: Db, name: string, createdAt = '2025-01-01T08:00:00.000Z'): number {
  return Number(
    db
      .prepare(`INSERT INTO dogs (owner_name, owner_address, name, breed, created_at, updated_at) VALUES ('Erika Muster', 'Marktplatz 1, 49808 Lingen (Ems)', ?, 'Mischling', ?, ?)`)
      .run(name, createdAt, createdAt).lastInsertRowid,
  );
}

describe('migration 009: Hundemarken history', () => {
  it('turns every worn tag into an assignment, puts returned tags back in stock and keeps lost ones out', () => {
    const { dir, db } = databaseAtVersion8();
    expect(schemaVersion(db)).toBe(8);
    const [returned, lost, wearing, oldest] = [addDog(db, 'Rückgabe'), addDog(db, 'Verloren'), addDog(db, 'Trägt'), addDog(db, 'Ohne Datum', '2024-05-02T07:00:00.000Z')];
    const tag = db.prepare('INSERT INTO dog_tags (number, year, series, state, dog_id, issued_at, returned_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    tag.run(1001, 2025, 'HSt', 'returned', returned, '2025-02-01T09:00:00.000Z', '2025-09-30T10:00:00.000Z', 'Abmeldung: Tod des Hundes');
    tag.run(1002, 2025, 'HSt', 'lost', lost, '2025-02-02T09:00:00.000Z', '2025-03-15T11:00:00.000Z', 'Ersatzmarke: Marke verloren');
    tag.run(1003, 2025, 'HSt', 'issued', lost, '2025-03-15T11:00:00.000Z', null, null);
    tag.run(1004, 2025, 'HSt', 'issued', wearing, '2025-04-01T09:00:00.000Z', null, null);
    // Written by hand in an old version: no times recorded.
    tag.run(1005, 2025, 'HSt', 'lost', oldest, null, null, 'nicht zurückgegeben');
    tag.run(1006, 2025, 'HSt', 'in_stock', null, null, null, null);
    db.close();
    open.pop();

    const migrated = openDatabase(dir);
    open.push(migrated);
    expect(schemaVersion(migrated)).toBe(MIGRATIONS.length);
    expect(migrated.pragma('foreign_key_check')).toEqual([]);

    const tags = migrated.prepare('SELECT number, year, series, state, dog_id FROM dog_tags ORDER BY number').all();
    expect(tags).toEqual([
      { number: 1001, year: 2025, series: 'HSt', state: 'in_stock', dog_id: null },
      { number: 1002, year: 2025, series: 'HSt', state: 'lost', dog_id: lost },
      { number: 1003, year: 2025, series: 'HSt', state: 'issued', dog_id: lost },
      { number: 1004, year: 2025, series: 'HSt', state: 'issued', dog_id: wearing },
      { number: 1005, year: 2025, series: 'HSt', state: 'lost', dog_id: oldest },
      { number: 1006, year: 2025, series: 'HSt', state: 'in_stock', dog_id: null },
    ]);
    const columns = (migrated.prepare('PRAGMA table_info(dog_tags)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'number', 'year', 'series', 'state', 'dog_id']);

    expect(tagsOfDog(migrated, returned)).toEqual([
      expect.objectContaining({ number: 1001, issuedAt: '2025-02-01T09:00:00.000Z', endedAt: '2025-09-30T10:00:00.000Z', endState: 'returned', reason: 'Abmeldung: Tod des Hundes' }),
    ]);
    expect(tagsOfDog(migrated, lost).map((a) => [a.number, a.issuedAt, a.endedAt, a.endState, a.reason])).toEqual([
      [1002, '2025-02-02T09:00:00.000Z', '2025-03-15T11:00:00.000Z', 'lost', 'Ersatzmarke: Marke verloren'],
      [1003, '2025-03-15T11:00:00.000Z', null, null, null],
    ]);
    expect(tagsOfDog(migrated, wearing)).toEqual([expect.objectContaining({ number: 1004, endedAt: null, endState: null })]);
    expect(tagsOfDog(migrated, oldest)).toEqual([
      expect.objectContaining({ number: 1005, issuedAt: '2024-05-02T07:00:00.000Z', endedAt: '2024-05-02T07:00:00.000Z', endState: 'lost', reason: 'nicht zurückgegeben' }),
    ]);
    expect(migrated.prepare('SELECT COUNT(*) AS n FROM dog_tag_assignments').get()).toEqual({ n: 5 });
    expect(tagStockSummary(migrated)).toMatchObject({ inStock: 2, issued: 2, returned: 1, lost: 2, nextFree: 1001 });

    // The store works on the migrated data: the returned tag is the next one issued, the lost ones never.
    const next = addDog(migrated, 'Neu');
    expect(issueNextTag(migrated, next, '2026-01-05T09:00:00.000Z').number).toBe(1001);
    expect(wearersOfTag(migrated, 1001).map((a) => [a.dogId, a.endState])).toEqual([
      [returned, 'returned'],
      [next, null],
    ]);
    expect(issueNextTag(migrated, addDog(migrated, 'Noch einer'), '2026-01-05T09:00:00.000Z').number).toBe(1006);
    expect(countTagsInStock(migrated)).toBe(0);
    expect(() => issueNextTag(migrated, addDog(migrated, 'Zu viel'), '2026-01-05T09:00:00.000Z')).toThrow(/keine Hundemarken mehr vorrätig/);
    expect(getTag(migrated, 1002)!.state).toBe('lost');
  });

  it('refuses the old state and a second wearer at the database level', () => {
    const { dir, db } = databaseAtVersion8();
    db.close();
    open.pop();
    const migrated = openDatabase(dir);
    open.push(migrated);
    const [a, b] = [addDog(migrated, 'A'), addDog(migrated, 'B')];
    migrated.prepare("INSERT INTO dog_tags (number, series, state) VALUES (7, 'A', 'in_stock')").run();
    expect(() => migrated.prepare("UPDATE dog_tags SET state = 'returned', dog_id = ? WHERE number = 7").run(a)).toThrow(/CHECK constraint/);
    const tag = issueNextTag(migrated, a, '2026-01-05T09:00:00.000Z');
    // A second open wearing of the same tag (another dog) is refused even past the store.
    expect(() => migrated.prepare("INSERT INTO dog_tag_assignments (tag_id, dog_id, issued_at) VALUES (?, ?, '2026-01-06')").run(tag.id, b)).toThrow(/UNIQUE/);
    expect(currentTag(migrated, b)).toBeNull();
  });

  it('migrates an empty Hundesteuer store', () => {
    const { dir, db } = databaseAtVersion8();
    db.close();
    open.pop();
    const migrated = openDatabase(dir);
    open.push(migrated);
    expect(tagStockSummary(migrated)).toMatchObject({ inStock: 0, issued: 0, returned: 0, lost: 0, nextFree: null, ranges: [] });
  });
});

