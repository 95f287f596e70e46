import { sql } from '../db/connection';
import type {
  DispatchLogEntry,
  PrintRunCase,
  PrintRunDetail,
  PrintRunItem,
  PrintRunSummary,
  RegisteredMail,
} from '../../../shared/domain/dispatch';
import type { Db } from '../db/connection';
import { placeText } from '../documents/dispatch-log';

const SUMMARY = `SELECT r.id, r.state, r.message, r.created_at, u.display_name AS created_by, r.finished_at, r.current_printer,
  (SELECT COUNT(*) FROM print_run_cases c WHERE c.run_id = r.id) AS cases,
  (SELECT COUNT(*) FROM print_run_cases c WHERE c.run_id = r.id AND c.state = 'dispatched') AS cases_dispatched,
  (SELECT COUNT(*) FROM print_run_items i WHERE i.run_id = r.id) AS items,
  (SELECT COUNT(*) FROM print_run_items i WHERE i.run_id = r.id AND i.state = 'printed') AS items_printed,
  (SELECT COALESCE(SUM(postage_cents), 0) FROM print_run_cases c WHERE c.run_id = r.id AND c.state != 'cancelled') AS postage
  FROM print_runs r JOIN users u ON u.id = r.created_by`;

interface SummaryRow {
  id: number;
  state: PrintRunSummary['state'];
  message: string | null;
  created_at: string;
  created_by: string;
  finished_at: string | null;
  current_printer: string | null;
  cases: number;
  cases_dispatched: number;
  items: number;
  items_printed: number;
  postage: number;
}

function toSummary(r: SummaryRow): PrintRunSummary {
  return {
    id: r.id,
    state: r.state,
    message: r.message,
    createdAt: r.created_at,
    createdBy: r.created_by,
    finishedAt: r.finished_at,
    cases: r.cases,
    casesDispatched: r.cases_dispatched,
    items: r.items,
    itemsPrinted: r.items_printed,
    currentPrinter: r.current_printer,
    postageCents: r.postage,
  };
}

export function listRuns(db: Db, limit: number): PrintRunSummary[] {
  return (sql(db, `${SUMMARY} ORDER BY r.id DESC LIMIT ?`).all(limit) as SummaryRow[]).map(toSummary);
}

export function getRun(db: Db, runId: number): PrintRunDetail | null {
  const row = sql(db, `${SUMMARY} WHERE r.id = ?`).get(runId) as SummaryRow | undefined;
  if (!row) return null;
  const items = sql(db, 
      `SELECT i.id, i.case_id, i.kind, i.printer_role, d.number, i.state, i.error, i.printed_at, i.reprints
       FROM print_run_items i LEFT JOIN documents d ON d.id = i.document_id WHERE i.run_id = ? ORDER BY i.seq, i.id`,
    )
    .all(runId) as {
    id: number;
    case_id: number;
    kind: PrintRunItem['kind'];
    printer_role: PrintRunItem['printerRole'];
    number: string | null;
    state: PrintRunItem['state'];
    error: string | null;
    printed_at: string | null;
    reprints: number;
  }[];
  const byCase = new Map<number, PrintRunItem[]>();
  for (const i of items) {
    byCase.set(i.case_id, [
      ...(byCase.get(i.case_id) ?? []),
      {
        id: i.id,
        kind: i.kind,
        printerRole: i.printer_role,
        documentNumber: i.number,
        state: i.state,
        error: i.error,
        printedAt: i.printed_at,
        reprints: i.reprints,
      },
    ]);
  }
  const runCases = (
    sql(db, 
        `SELECT rc.case_id, rc.seq, c.reference, c.applicant_name, rc.state, rc.sheets, rc.envelope, rc.product, rc.postage_cents
         FROM print_run_cases rc JOIN cases c ON c.id = rc.case_id WHERE rc.run_id = ? ORDER BY rc.seq`,
      )
      .all(runId) as {
      case_id: number;
      seq: number;
      reference: string;
      applicant_name: string;
      state: PrintRunCase['state'];
      sheets: number | null;
      envelope: string | null;
      product: string | null;
      postage_cents: number | null;
    }[]
  ).map(
    (c): PrintRunCase => ({
      caseId: c.case_id,
      seq: c.seq,
      reference: c.reference,
      applicantName: c.applicant_name,
      state: c.state,
      sheets: c.sheets,
      envelope: c.envelope,
      product: c.product,
      postageCents: c.postage_cents,
      items: byCase.get(c.case_id) ?? [],
    }),
  );
  const postageByProduct = sql(db, 
      `SELECT product, COUNT(*) AS count, SUM(postage_cents) AS cents FROM print_run_cases
       WHERE run_id = ? AND product IS NOT NULL AND state != 'cancelled' GROUP BY product ORDER BY product`,
    )
    .all(runId) as { product: string; count: number; cents: number }[];
  return { ...toSummary(row), runCases, postageByProduct };
}

/**
 * Shown for a letter whose case was deleted after its retention period: the row stays in the Postausgangsbuch
 * (day, product, postage, clerk) without recipient or Aktenzeichen (cases/retention.ts).
 */
export const DELETED_CASE_REFERENCE = 'gelöscht';

export function dispatchLog(db: Db, date: string, siteId: number): DispatchLogEntry[] {
  return (
    sql(db, 
        `SELECT l.id, l.run_id, l.case_id, COALESCE(c.reference, '${DELETED_CASE_REFERENCE}') AS reference, l.dispatch_date, l.site_id, s.name AS site_name, l.recipient_name,
           l.postal_code, l.city, l.country, l.confidential, l.product, l.envelope, l.sheets, l.postage_cents, l.registered, l.registered_number,
           u.display_name AS user_name, l.at
         FROM dispatch_log l LEFT JOIN cases c ON c.id = l.case_id JOIN sites s ON s.id = l.site_id JOIN users u ON u.id = l.user_id
         WHERE l.dispatch_date = ? AND l.site_id = ? ORDER BY l.at, l.id`,
      )
      .all(date, siteId) as {
      id: number;
      run_id: number | null;
      case_id: number | null;
      reference: string;
      dispatch_date: string;
      site_id: number;
      site_name: string;
      recipient_name: string;
      postal_code: string;
      city: string;
      country: string;
      confidential: number;
      product: string;
      envelope: string;
      sheets: number;
      postage_cents: number;
      registered: RegisteredMail | null;
      registered_number: string | null;
      user_name: string;
      at: string;
    }[]
  ).map((r) => ({
    id: r.id,
    runId: r.run_id,
    caseId: r.case_id,
    reference: r.reference,
    dispatchDate: r.dispatch_date,
    siteId: r.site_id,
    siteName: r.site_name,
    recipientName: r.recipient_name,
    recipientPlace: placeText({
      caseReference: r.reference,
      recipientName: r.recipient_name,
      postalCode: r.postal_code,
      city: r.city,
      country: r.country,
      confidential: r.confidential === 1,
      product: r.product,
      postageCents: r.postage_cents,
      clerk: r.user_name,
    }),
    postalCode: r.postal_code,
    city: r.city,
    country: r.country,
    confidential: r.confidential === 1,
    product: r.product,
    envelope: r.envelope,
    sheets: r.sheets,
    postageCents: r.postage_cents,
    registered: r.registered,
    registeredNumber: r.registered_number,
    userName: r.user_name,
    at: r.at,
  }));
}
