/** Test helpers of the queue and dashboard tests: cases and history written straight into the database. */
import type { Channel } from '../../../shared/domain/channels';
import type { CaseStatus } from '../../../shared/domain/status';
import { sql, type Db } from '../db/connection';

export interface TestCaseInput {
  createdAt: string;
  status?: CaseStatus;
  serviceId?: string;
  channel?: Channel;
  siteId?: number;
  assigneeId?: number | null;
  name?: string;
  targetDate?: string | null;
  legalDeadlineAt?: string | null;
  waitingSince?: string | null;
}

let counter = 0;

/** Inserts a case as the app would have stored it; returns its id. */
export function addCase(db: Db, c: TestCaseInput): number {
  counter++;
  const reference = `BB-2026-${String(900_000 + counter).padStart(6, '0')}`;
  const name = c.name ?? `Erika Muster${counter}`;
  const status = c.status ?? 'new';
  const terminal = status === 'closed' || status === 'rejected' || status === 'cancelled';
  const info = sql(
    db,
    `INSERT INTO cases (reference, service_id, channel, status, site_id, resident_id, applicant_name, search_text, data,
       delivery_method, fee_cents, assignee_id, assigned_at, created_at, updated_at, closed_at, target_date,
       legal_deadline_at, waiting_since)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, '{}', 'counter', 1000, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    reference,
    c.serviceId ?? 'meldebescheinigung',
    c.channel ?? 'walk_in',
    status,
    c.siteId ?? 1,
    name,
    `${name.toLowerCase()} ${reference.toLowerCase()}`,
    c.assigneeId ?? null,
    c.assigneeId ? c.createdAt : null,
    c.createdAt,
    c.createdAt,
    terminal ? c.createdAt : null,
    c.targetDate ?? null,
    c.legalDeadlineAt ?? null,
    c.waitingSince ?? null,
  );
  return Number(info.lastInsertRowid);
}

/** A status change in the history (what changeStatus writes). */
export function addMove(db: Db, caseId: number, from: CaseStatus | null, to: CaseStatus, at: string, userId: number | null): void {
  sql(
    db,
    `INSERT INTO case_history (case_id, at, user_id, action, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(caseId, at, userId, `Status: ${to}`, from, to);
}

/** Splits our CSV (BOM, ";" separated, RFC 4180 quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
