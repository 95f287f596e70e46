import { sql } from './connection';
import type { Db } from './connection';

/** Next number of a yearly sequence ("BB", "Q", "MB" …), formatted like "BB-2026-000042". Call inside the write transaction. */
export function nextNumber(db: Db, prefix: string, year: number): string {
  const row = sql(db, 
      `INSERT INTO counters (name, year, value) VALUES (?, ?, 1)
       ON CONFLICT(name, year) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .get(prefix, year) as { value: number };
  return `${prefix}-${year}-${String(row.value).padStart(6, '0')}`;
}

/** Numbers restart on 1 January, Berlin time. */
export { berlinYear } from '../../../shared/domain/berlin-time';
