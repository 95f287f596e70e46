/**
 * The audit trail for administrators: the filtered list (newest first) and the integrity check.
 *
 * Indexes (migration 004): audit_log(at), (username), (operation), (subject); each carries the rowid, so a filter on
 * one column walks its index and the newest-first order costs a sort of the matches only. Without a filter the
 * list walks the table backwards by id.
 */
import type { AuditEntryView, AuditVerification } from '../../../shared/domain/teams';
import { berlinDayStart } from '../../../shared/domain/deadlines';
import { addDays } from '../../../shared/domain/niedersachsen-calendar';
import { sql, type Db } from '../db/connection';
import { checkAuditChain, type AuditRow } from './audit';

export interface AuditFilter {
  /** First and last day (Europe/Berlin, "YYYY-MM-DD"), both included. */
  from?: string;
  to?: string;
  username?: string;
  /** "cases.get" exactly, or a group without a dot ("cases": every cases.* operation). */
  operation?: string;
  /** "case:12" / "resident:40" (also found in lists "cases:…" / "residents:…"), or any other subject text exactly. */
  subject?: string;
  limit: number;
  offset: number;
}


const LIST_KINDS: Record<string, string> = { case: 'cases', resident: 'residents' };

function subjectCondition(subject: string, params: unknown[]): string {
  const m = /^([a-z]+):(\d+)$/.exec(subject);
  const plural = m ? LIST_KINDS[m[1]!] : undefined;
  if (!m || !plural) {
    params.push(subject);
    return 'subject = ?';
  }
  // The exact entry, or a list of the kind that names the id: both arms use the subject index.
  const prefix = `${plural}:`;
  params.push(subject, prefix, `${plural};`, prefix.length + 1, `,${m[2]},`);
  return `(subject = ? OR (subject >= ? AND subject < ? AND instr(',' || substr(subject, ?) || ',', ?) > 0))`;
}

export function listAudit(db: Db, f: AuditFilter): { total: number; items: AuditEntryView[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.from) {
    where.push('at >= ?');
    params.push(berlinDayStart(f.from).toISOString());
  }
  if (f.to) {
    where.push('at < ?');
    params.push(berlinDayStart(addDays(f.to, 1)).toISOString());
  }
  const username = f.username?.trim().toLowerCase();
  if (username) {
    where.push('username = ?');
    params.push(username);
  }
  const operation = f.operation?.trim();
  if (operation) {
    if (operation.includes('.')) {
      where.push('operation = ?');
      params.push(operation);
    } else {
      where.push('operation >= ? AND operation < ?');
      params.push(`${operation}.`, `${operation}/`);
    }
  }
  const subject = f.subject?.trim();
  if (subject) where.push(subjectCondition(subject, params));
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (sql(db, `SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }).n;
  const rows = sql(
    db,
    `SELECT id, at, user_id, username, operation, subject, outcome FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
  ).all(...params, f.limit, f.offset) as AuditRow[];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      operation: r.operation,
      subject: r.subject,
      outcome: r.outcome,
    })),
  };
}

function entriesText(n: number): string {
  return n === 1 ? '1 Eintrag' : `${n.toLocaleString('de-DE')} Einträge`;
}

/** The integrity check as the administration and `npm run cli -- audit verify` show it. */
export function verifyAudit(db: Db): AuditVerification {
  const r = checkAuditChain(db);
  const base = { entries: r.entries, brokenAt: r.brokenAt };
  switch (r.problem) {
    case null:
      return { ok: true, ...base, message: `Protokoll unverändert: ${entriesText(r.entries)} geprüft, die Hash-Kette ist intakt.` };
    case 'changed':
      return { ok: false, ...base, message: `Eintrag Nr. ${r.brokenAt} wurde verändert: seine Prüfsumme passt nicht zu seinem Inhalt.` };
    case 'link':
      return {
        ok: false,
        ...base,
        message:
          `Die Hash-Kette bricht bei Eintrag Nr. ${r.brokenAt}: dieser oder der vorherige Eintrag wurde verändert, ` +
          'oder davor wurde ein Eintrag gelöscht oder eingefügt.',
      };
    case 'gap':
      return { ok: false, ...base, message: `Vor Eintrag Nr. ${r.brokenAt} fehlen Einträge: sie wurden gelöscht oder umnummeriert.` };
    case 'truncated':
      return {
        ok: false,
        ...base,
        message:
          r.missing === 1
            ? `Am Ende des Protokolls fehlt 1 Eintrag (Nr. ${r.brokenAt}): er wurde gelöscht.`
            : `Am Ende des Protokolls fehlen ${entriesText(r.missing ?? 0)} (ab Nr. ${r.brokenAt}): sie wurden gelöscht.`,
      };
    case 'head_mismatch':
      return {
        ok: false,
        ...base,
        message: `Das Protokoll endet nicht mit dem zuletzt geschriebenen Eintrag (ab Nr. ${r.brokenAt}): Einträge wurden außerhalb des Programms angefügt oder ersetzt.`,
      };
    case 'head_missing':
      return { ok: false, ...base, message: 'Der gespeicherte Stand des Protokolls (Kettenkopf) fehlt: die Datenbank wurde außerhalb des Programms verändert.' };
  }
}
