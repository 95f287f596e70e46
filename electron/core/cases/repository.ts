import { sql } from '../db/connection';
import type { z } from 'zod';
import type { caseFilter } from '../../../shared/api/contract';
import type { Channel, DeliveryMethod, RecordedPaymentMethod } from '../../../shared/domain/channels';
import { foldForSearch } from '../../../shared/domain/names';
import type { CaseStatus } from '../../../shared/domain/status';
import type {
  CaseDetail,
  CaseSummary,
  DocumentInfo,
  HistoryEntry,
  Payment,
  PrintJob,
} from '../../../shared/domain/types';
import { findService } from '../../../shared/services';
import type { Db } from '../db/connection';
import { getResident } from '../registers/residents';
import { caseSteps, caseTasks } from './service-case';
import { getOnlineCaseInfo } from '../portal/online-cases';
import { QUEUE_COUNT_CAP, queueDueState } from '../../../shared/domain/queue';
import { queueOrder, queueWhere, type QueueFilter, type QueueViewer } from './queue-query';

export interface CaseRow {
  id: number;
  reference: string;
  service_id: string;
  channel: Channel;
  status: CaseStatus;
  site_id: number;
  site_name: string;
  resident_id: number | null;
  applicant_name: string;
  data: string;
  delivery_method: DeliveryMethod;
  fee_cents: number;
  assignee_id: number | null;
  assignee_name: string | null;
  assigned_at: string | null;
  target_date: string | null;
  legal_deadline_at: string | null;
  waiting_since: string | null;
  created_at: string;
  updated_at: string;
  registered: 'einwurf' | 'uebergabe' | 'rueckschein' | null;
  dispatched_at: string | null;
  postage_cents: number | null;
}

const SELECT_CASE = `SELECT c.id, c.reference, c.service_id, c.channel, c.status, c.site_id, s.name AS site_name,
  c.resident_id, c.applicant_name, c.data, c.delivery_method, c.fee_cents, c.assignee_id,
  a.display_name AS assignee_name, c.assigned_at, c.target_date, c.legal_deadline_at, c.waiting_since,
  c.created_at, c.updated_at, c.registered, c.dispatched_at, c.postage_cents
  FROM cases c JOIN sites s ON s.id = c.site_id LEFT JOIN users a ON a.id = c.assignee_id`;

/**
 * The queue's select: CROSS JOIN keeps cases the outer loop (SQLite does not reorder it), so the planner walks the
 * queue's index in order and never starts from the ten sites.
 */
const SELECT_QUEUE = SELECT_CASE.replace(' JOIN sites s ', ' CROSS JOIN sites s ');

export function getCaseRow(db: Db, id: number): CaseRow | null {
  return (sql(db, `${SELECT_CASE} WHERE c.id = ?`).get(id) as CaseRow | undefined) ?? null;
}

/** `now` decides the due state (the queue passes the core clock's time; the default is the wall clock). */
function toSummary(r: CaseRow, now: Date = new Date()): CaseSummary {
  return {
    id: r.id,
    reference: r.reference,
    serviceId: r.service_id,
    serviceName: findService(r.service_id)?.shortName ?? r.service_id,
    channel: r.channel,
    status: r.status,
    siteId: r.site_id,
    siteName: r.site_name,
    applicantName: r.applicant_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    assignedAt: r.assigned_at,
    targetDate: r.target_date,
    legalDeadlineAt: r.legal_deadline_at,
    waitingSince: r.waiting_since,
    due: queueDueState(
      { status: r.status, targetDate: r.target_date, legalDeadlineAt: r.legal_deadline_at, waitingSince: r.waiting_since },
      now,
    ),
  };
}

export function insertCase(
  db: Db,
  c: {
    reference: string;
    serviceId: string;
    channel: Channel;
    siteId: number;
    residentId: number | null;
    applicantName: string;
    data: unknown;
    deliveryMethod: DeliveryMethod;
    registered?: 'einwurf' | 'uebergabe' | 'rueckschein' | null;
    feeCents: number;
    /** The clerk creating it; null for cases imported from the portal. */
    userId: number | null;
    at: string;
    portal?: { submissionId: string; caseId: string; destinationId: string };
    /** Target date (YYYY-MM-DD) and legal deadline (ISO instant) from cases/deadlines.ts `initialDeadlines`. */
    targetDate?: string | null;
    legalDeadlineAt?: string | null;
  },
): number {
  const info = sql(db, 
      `INSERT INTO cases (reference, service_id, channel, status, site_id, resident_id, applicant_name, search_text, data,
        delivery_method, registered, fee_cents, assignee_id, assigned_at, created_by, created_at, updated_at,
        portal_submission_id, portal_case_id, portal_destination_id, target_date, legal_deadline_at)
       VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.reference,
      c.serviceId,
      c.channel,
      c.siteId,
      c.residentId,
      c.applicantName,
      `${foldForSearch(c.applicantName)} ${c.reference.toLowerCase()}`,
      JSON.stringify(c.data),
      c.deliveryMethod,
      c.deliveryMethod === 'post' ? (c.registered ?? null) : null,
      c.feeCents,
      c.userId,
      c.userId === null ? null : c.at,
      c.userId,
      c.at,
      c.at,
      c.portal?.submissionId ?? null,
      c.portal?.caseId ?? null,
      c.portal?.destinationId ?? null,
      c.targetDate ?? null,
      c.legalDeadlineAt ?? null,
    );
  return Number(info.lastInsertRowid);
}

/**
 * The queue: one page of cases for the filter, as the viewer sees it (scope "mine"/"team"), and the total,
 * counted exactly up to QUEUE_COUNT_CAP (beyond it, QUEUE_COUNT_CAP + 1). Query and index design: queue-query.ts.
 */
export function listCases(
  db: Db,
  f: z.output<typeof caseFilter>,
  viewer: QueueViewer,
  now: Date,
): { total: number; items: CaseSummary[] } {
  const { clause, params } = queueWhere(f, viewer, now);
  const total = (
    sql(db, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM cases c ${clause} LIMIT ${QUEUE_COUNT_CAP + 1})`).get(...params) as { n: number }
  ).n;
  const rows = sql(db, `${SELECT_QUEUE} ${clause} ORDER BY ${queueOrder(f.sort)} LIMIT ? OFFSET ?`)
    .all(...params, f.limit, f.offset) as CaseRow[];
  return { total, items: rows.map((r) => toSummary(r, now)) };
}

/** Every case of the queue view (the CSV export), in the view's order; at most `max` rows (null: more). */
export function listAllCases(
  db: Db,
  f: QueueFilter,
  viewer: QueueViewer,
  now: Date,
  max: number,
): CaseSummary[] | null {
  const { clause, params } = queueWhere(f, viewer, now);
  const rows = sql(db, `${SELECT_QUEUE} ${clause} ORDER BY ${queueOrder(f.sort)} LIMIT ?`).all(...params, max + 1) as CaseRow[];
  if (rows.length > max) return null;
  return rows.map((r) => toSummary(r, now));
}

export function paidCents(db: Db, caseId: number): { paid: number; count: number } {
  const r = sql(db, 'SELECT COALESCE(SUM(amount_cents), 0) AS paid, COUNT(*) AS n FROM payments WHERE case_id = ?')
    .get(caseId) as { paid: number; n: number };
  return { paid: r.paid, count: r.n };
}

/** `now` decides whether the case is due (the core's clock; tests move it). */
export function getCaseDetail(db: Db, id: number, now: Date = new Date()): CaseDetail | null {
  const r = getCaseRow(db, id);
  if (!r) return null;
  const payments = (
    sql(db, 
        `SELECT p.id, p.receipt_number, p.method, p.amount_cents, p.free_reason, p.at,
           COALESCE(u.display_name, 'Online-Bezahldienst') AS user_name
         FROM payments p LEFT JOIN users u ON u.id = p.user_id WHERE p.case_id = ? ORDER BY p.id`,
      )
      .all(id) as {
      id: number;
      receipt_number: string;
      method: RecordedPaymentMethod;
      amount_cents: number;
      free_reason: string | null;
      at: string;
      user_name: string;
    }[]
  ).map(
    (p): Payment => ({
      id: p.id,
      receiptNumber: p.receipt_number,
      method: p.method,
      amountCents: p.amount_cents,
      freeReason: p.free_reason,
      at: p.at,
      userName: p.user_name,
    }),
  );
  const documents = (
    sql(db, 
        `SELECT d.id, d.doc_type, d.number, d.created_at, u.display_name AS user_name, d.pages, d.facts
         FROM documents d JOIN users u ON u.id = d.user_id WHERE d.case_id = ? ORDER BY d.id`,
      )
      .all(id) as { id: number; doc_type: string; number: string; created_at: string; user_name: string; pages: number; facts: string | null }[]
  ).map(
    (d): DocumentInfo => ({
      id: d.id,
      docType: d.doc_type,
      number: d.number,
      createdAt: d.created_at,
      userName: d.user_name,
      pages: d.pages,
      facts: d.facts ? (JSON.parse(d.facts) as Record<string, unknown>) : null,
    }),
  );
  const printJobs = (
    sql(db, 
        `SELECT id, document_id, adapter, printer_name, state, error, created_at, updated_at
         FROM print_jobs WHERE case_id = ? ORDER BY id`,
      )
      .all(id) as {
      id: number;
      document_id: number;
      adapter: PrintJob['adapter'];
      printer_name: string;
      state: PrintJob['state'];
      error: string | null;
      created_at: string;
      updated_at: string;
    }[]
  ).map(
    (j): PrintJob => ({
      id: j.id,
      documentId: j.document_id,
      adapter: j.adapter,
      printerName: j.printer_name,
      state: j.state,
      error: j.error,
      createdAt: j.created_at,
      updatedAt: j.updated_at,
    }),
  );
  const history = (
    sql(db, 
        `SELECT h.id, h.at, u.display_name AS user_name, h.action, h.from_status, h.to_status, h.reason, h.details
         FROM case_history h LEFT JOIN users u ON u.id = h.user_id WHERE h.case_id = ? ORDER BY h.id`,
      )
      .all(id) as {
      id: number;
      at: string;
      user_name: string | null;
      action: string;
      from_status: CaseStatus | null;
      to_status: CaseStatus | null;
      reason: string | null;
      details: string | null;
    }[]
  ).map(
    (h): HistoryEntry => ({
      id: h.id,
      at: h.at,
      userName: h.user_name,
      action: h.action,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      reason: h.reason,
      details: h.details ? (JSON.parse(h.details) as Record<string, unknown>) : null,
    }),
  );
  return {
    ...toSummary(r, now),
    residentId: r.resident_id,
    resident: r.resident_id ? getResident(db, r.resident_id) : null,
    data: JSON.parse(r.data) as Record<string, unknown>,
    deliveryMethod: r.delivery_method,
    registered: r.registered,
    dispatchedAt: r.dispatched_at,
    postageCents: r.postage_cents,
    feeCents: r.fee_cents,
    paidCents: payments.reduce((sum, p) => sum + p.amountCents, 0),
    payments,
    documents,
    printJobs,
    history,
    online: r.channel === 'online' ? getOnlineCaseInfo(db, id) : null,
    steps: caseSteps(db, id),
    tasks: caseTasks(db, id),
  };
}
