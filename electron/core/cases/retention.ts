/**
 * Retention: finished cases are deleted once their service's retention period (Verwaltung → Fristen,
 * `retentionMonths`) has passed; an administrator sees what is due and confirms the deletion.
 *
 * - Finished: closed, rejected or cancelled (closed_at, set by changeStatus for every terminal status), and
 *   dispatched postal cases (dispatched_at): nothing moves a dispatched case on to closed, so without them no
 *   postal case would ever be deleted.
 * - The period is counted in Europe/Berlin calendar days as in §§ 187 Abs. 1, 188 Abs. 2 BGB: finished on
 *   15.03.2025 with 12 months, the period ends with 15.03.2026 (`dueSince`) and the case is due from 16.03.2026 on.
 *   A month end is clamped (31.01. + 1 month = 28./29.02.).
 * - Purging is one transaction: any given case that is not (or no longer) due refuses the whole request and
 *   nothing is deleted. Per case an anonymous row in case_statistics stays (service, channel, site, final status,
 *   received and finished day, fee — no person, no reference). Deleting the case cascades to its history, payments,
 *   documents, print jobs, print-run rows, online info and attachments; portal_submissions keeps the submission's
 *   technical record with case_id NULL (so the portal sync knows it was handled).
 * - Postausgangsbuch: the dispatch_log row stays, anonymised (case_id NULL, no recipient name, no PLZ/Ort,
 *   no Einschreiben number); day, site, product, envelope, sheets, postage and clerk stay, so past days' running
 *   numbers and postage totals (handed to the Post and the Kämmerei) do not change.
 * - The raw encrypted portal submission (<dataDir>/portal/eingang/<submissionId>.json) is removed after the
 *   transaction committed; if that fails the portal sync's clean-up removes it later (the case is gone).
 */
import { TERMINAL_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import type { RetentionCandidate } from '../../../shared/domain/teams';
import { berlinIsoDay } from '../../../shared/domain/berlin-time';
import { addDays, addMonths } from '../../../shared/domain/niedersachsen-calendar';
import { findService } from '../../../shared/services';
import { ApiFailure } from '../api/errors';
import { berlinDayStart } from '../../../shared/domain/deadlines';
import type { Clock } from '../clock';
import { inTransaction, sql, type Db } from '../db/connection';
import { markRawDropped } from '../portal/submissions';
import { RawSubmissionStore } from '../portal/raw-store';
import { getDeadlineConfigs } from '../settings/deadlines';

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  log?: (message: string) => void;
}

/** The due list shows at most this many cases, the longest finished first (purging works in batches). */
export const RETENTION_LIST_LIMIT = 1000;

/** Retention for services the catalogue does not (or no longer) know. */
const DEFAULT_RETENTION_MONTHS = 12;

/** Name of a recipient in the Postausgangsbuch whose case was deleted. */
export const ANONYMISED_RECIPIENT = 'gelöscht (Aufbewahrungsfrist abgelaufen)';

/** The day a retention period of `months` ends for a case finished on `finishedDay` (both Europe/Berlin). */
export function retentionEnd(finishedDay: string, months: number): string {
  return addMonths(finishedDay, months);
}

/** Whether a case finished on `finishedDay` is due for deletion on `today`: its period ended before today. */
export function isDueOn(finishedDay: string, months: number, today: string): boolean {
  return retentionEnd(finishedDay, months) < today;
}

/**
 * The instant before which a case must have been finished to be due today: the start of the day after the last
 * due finishing day (addMonths is monotonic, so the due days are exactly those up to that day).
 */
export function dueCutoff(months: number, today: string): string {
  let last = addMonths(today, -months);
  while (!isDueOn(last, months, today)) last = addDays(last, -1);
  while (isDueOn(addDays(last, 1), months, today)) last = addDays(last, 1);
  return berlinDayStart(addDays(last, 1)).toISOString();
}

interface FinishedRow {
  id: number;
  reference: string;
  service_id: string;
  channel: string;
  site_id: number;
  status: CaseStatus;
  created_at: string;
  finished_at: string;
  fee_cents: number;
}

const FINISHED_COLUMNS = `c.id, c.reference, c.service_id, c.channel, c.site_id, c.status, c.created_at, c.fee_cents`;

function retentionMonthsOf(configs: Record<string, { retentionMonths: number }>, serviceId: string): number {
  return configs[serviceId]?.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
}

/**
 * Due cases, the longest finished first. One index range per kind of finish (closed_at / dispatched_at below the
 * latest cutoff of any service), the per-service cutoff as a CASE on the rows of that range.
 */
export function listDueCases(db: Db, now: Date, limit = RETENTION_LIST_LIMIT): RetentionCandidate[] {
  const today = berlinIsoDay(now);
  const configs = getDeadlineConfigs(db);
  const cutoffs = new Map<string, string>();
  for (const [serviceId, c] of Object.entries(configs)) cutoffs.set(serviceId, dueCutoff(c.retentionMonths, today));
  const otherCutoff = dueCutoff(DEFAULT_RETENTION_MONTHS, today);
  const latest = [...cutoffs.values(), otherCutoff].sort().at(-1)!;
  const whenParams: string[] = [];
  const whens = [...cutoffs].map(([serviceId, cutoff]) => {
    whenParams.push(serviceId, cutoff);
    return 'WHEN ? THEN ?';
  });
  const perService = (column: string) => `${column} < CASE c.service_id ${whens.join(' ')} ELSE ? END`;
  const terminal = TERMINAL_STATUSES.map((s) => `'${s}'`).join(', ');
  const closed = sql(
    db,
    `SELECT ${FINISHED_COLUMNS}, c.closed_at AS finished_at FROM cases c
     WHERE c.closed_at < ? AND c.status IN (${terminal}) AND ${perService('c.closed_at')}
     ORDER BY c.closed_at, c.id LIMIT ?`,
  ).all(latest, ...whenParams, otherCutoff, limit) as FinishedRow[];
  const dispatched = sql(
    db,
    `SELECT ${FINISHED_COLUMNS}, c.dispatched_at AS finished_at FROM cases c
     WHERE c.status = 'dispatched' AND c.dispatched_at < ? AND ${perService('c.dispatched_at')}
     ORDER BY c.dispatched_at, c.id LIMIT ?`,
  ).all(latest, ...whenParams, otherCutoff, limit) as FinishedRow[];
  return [...closed, ...dispatched]
    .sort((a, b) => (a.finished_at < b.finished_at ? -1 : a.finished_at > b.finished_at ? 1 : a.id - b.id))
    .slice(0, limit)
    .map((r) => ({
      caseId: r.id,
      reference: r.reference,
      serviceId: r.service_id,
      serviceName: findService(r.service_id)?.name ?? r.service_id,
      closedAt: r.finished_at,
      dueSince: retentionEnd(berlinIsoDay(new Date(r.finished_at)), retentionMonthsOf(configs, r.service_id)),
    }));
}

function finishedRow(db: Db, caseId: number): (FinishedRow & { portal_submission_id: string | null }) | null {
  const r = sql(
    db,
    `SELECT ${FINISHED_COLUMNS}, c.portal_submission_id,
       CASE WHEN c.status = 'dispatched' THEN c.dispatched_at WHEN c.status IN (${TERMINAL_STATUSES.map((s) => `'${s}'`).join(', ')}) THEN c.closed_at END AS finished_at
     FROM cases c WHERE c.id = ?`,
  ).get(caseId) as (FinishedRow & { portal_submission_id: string | null }) | undefined;
  return r ?? null;
}

/**
 * Deletes the given cases, all or nothing: each must exist and be due now. Returns how many were deleted.
 * Throws CONFLICT naming the refused cases (nothing deleted then).
 */
export function purgeCases(deps: RetentionDeps, caseIds: readonly number[]): { deleted: number } {
  const { db, clock } = deps;
  const ids = [...new Set(caseIds)];
  const submissions: string[] = [];
  const deleted = inTransaction(db, () => {
    const now = clock.now();
    const at = now.toISOString();
    const today = berlinIsoDay(now);
    const configs = getDeadlineConfigs(db);
    const rows = ids.map((id) => ({ id, row: finishedRow(db, id) }));
    const refused = rows.filter(
      ({ row }) => !row || !row.finished_at || !isDueOn(berlinIsoDay(new Date(row.finished_at)), retentionMonthsOf(configs, row.service_id), today),
    );
    if (refused.length > 0) {
      const names = refused.slice(0, 10).map(({ id, row }) => row?.reference ?? `Nr. ${id} (nicht vorhanden)`);
      const more = refused.length > 10 ? ` und ${refused.length - 10} weitere` : '';
      throw new ApiFailure(
        'CONFLICT',
        `${refused.length === 1 ? 'Ein Vorgang ist' : `${refused.length} Vorgänge sind`} nicht zur Löschung fällig: ` +
          `${names.join(', ')}${more}. Es wurde nichts gelöscht.`,
      );
    }
    for (const { id, row } of rows) {
      const r = row!;
      sql(
        db,
        `INSERT INTO case_statistics (service_id, channel, site_id, final_status, received_day, finished_day, fee_cents, deleted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(r.service_id, r.channel, r.site_id, r.status, berlinIsoDay(new Date(r.created_at)), berlinIsoDay(new Date(r.finished_at)), r.fee_cents, at);
      sql(
        db,
        `UPDATE dispatch_log SET case_id = NULL, recipient_name = ?, postal_code = '', city = '', confidential = 0,
           registered_number = NULL WHERE case_id = ?`,
      ).run(ANONYMISED_RECIPIENT, id);
      for (const s of sql(
        db,
        `SELECT submission_id FROM portal_submissions WHERE case_id = ?
         UNION SELECT submission_id FROM online_case_info WHERE case_id = ?`,
      ).all(id, id) as { submission_id: string }[]) {
        submissions.push(s.submission_id);
      }
      if (r.portal_submission_id) submissions.push(r.portal_submission_id);
      const info = sql(db, 'DELETE FROM cases WHERE id = ?').run(id);
      if (info.changes !== 1) throw new Error(`case ${id} vanished during the purge`);
    }
    return rows.length;
  });
  // Files are not part of the transaction: removed once the deletion is committed.
  const store = new RawSubmissionStore(deps.dataDir);
  for (const id of new Set(submissions)) {
    try {
      store.remove(id);
      markRawDropped(db, id);
    } catch (err) {
      deps.log?.(`retention: raw submission ${id} not removed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { deleted };
}
