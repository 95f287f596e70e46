/** Helpers for the register tests: a real SQLite database in a fresh temporary folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/connection';

export interface TempDb {
  db: Db;
  dir: string;
  close(): void;
}

export function openTempDb(): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-'));
  const db = openDatabase(dir);
  return {
    db,
    dir,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A snapshot of both register tables, to prove that a failed import changed nothing. */
export function registerSnapshot(db: Db): string {
  const residents = db.prepare('SELECT * FROM residents ORDER BY id').all();
  const addresses = db.prepare('SELECT * FROM resident_addresses ORDER BY id').all();
  return JSON.stringify({ residents, addresses });
}
