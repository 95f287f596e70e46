import type { Db } from '../db/connection';
import { findService } from '../../../shared/services';
import type { DispatchCandidate } from '../../../shared/domain/dispatch';

export interface DispatchFilter {
  siteId?: number;
  serviceId?: string;
  /** Ready since (inclusive), ISO date yyyy-mm-dd (UTC day of the last change). */
  from?: string;
  to?: string;
  caseIds?: number[];
}


/**
 * Cases whose documents go by post and are ready to print (or printed, but not yet sent), not already part of a
 * run that has not ended. Ordered by age, oldest first — the order of the print run.
 */
export function dispatchCandidates(db: Db, f: DispatchFilter): DispatchCandidate[] {
  const where = [
    `c.delivery_method = 'post'`,
    `c.status IN ('ready', 'issued')`,
    // A certificate goes out only once the Standesbeamter has signed and sealed it (printed at the counter first).
    `(c.signature_required = 0 OR c.signed_at IS NOT NULL)`,
    `NOT EXISTS (SELECT 1 FROM print_run_cases rc JOIN print_runs r ON r.id = rc.run_id
       WHERE rc.case_id = c.id AND rc.state = 'pending' AND r.state IN ('running', 'paused', 'stopped'))`,
  ];
  const params: unknown[] = [];
  if (f.siteId) {
    where.push('c.site_id = ?');
    params.push(f.siteId);
  }
  if (f.serviceId) {
    where.push('c.service_id = ?');
    params.push(f.serviceId);
  }
  if (f.from) {
    where.push('c.updated_at >= ?');
    params.push(`${f.from}T00:00:00.000Z`);
  }
  if (f.to) {
    where.push('c.updated_at <= ?');
    params.push(`${f.to}T23:59:59.999Z`);
  }
  if (f.caseIds && f.caseIds.length > 0) {
    where.push(`c.id IN (${f.caseIds.map(() => '?').join(',')})`);
    params.push(...f.caseIds);
  }
  const rows = db
    .prepare(
      `SELECT c.id, c.reference, c.service_id, c.applicant_name, c.site_id, s.name AS site_name, c.status, c.registered,
         c.fee_cents - COALESCE((SELECT SUM(amount_cents) FROM payments p WHERE p.case_id = c.id), 0) AS open_fee,
         (SELECT COUNT(*) FROM payments p WHERE p.case_id = c.id) AS payments, c.updated_at
       FROM cases c JOIN sites s ON s.id = c.site_id WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id`,
    )
    .all(...params) as {
    id: number;
    reference: string;
    service_id: string;
    applicant_name: string;
    site_id: number;
    site_name: string;
    status: 'ready' | 'issued';
    registered: string | null;
    open_fee: number;
    payments: number;
    updated_at: string;
  }[];
  return rows.map((r) => ({
    caseId: r.id,
    reference: r.reference,
    serviceId: r.service_id,
    serviceName: findService(r.service_id)?.shortName ?? r.service_id,
    applicantName: r.applicant_name,
    siteId: r.site_id,
    siteName: r.site_name,
    status: r.status,
    registered: r.registered,
    // A recorded payment (also "gebührenfrei") settles the fee.
    openFeeCents: r.payments > 0 ? 0 : Math.max(0, r.open_fee),
    updatedAt: r.updated_at,
  }));
}
