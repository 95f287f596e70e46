import type { CaseSteps, CaseTask, Resident, TaskState } from '../../../shared/domain/types';
import { ApiFailure, notFound } from '../api/errors';
import { sql, type Db } from '../db/connection';
import { residentPostalAddress, salutationFromSex, type PostalAddressInput } from '../documents/postal-address';
import { getOnlineCaseInfo } from '../portal/online-cases';
import { currentMainAddress, getResident } from '../registers/residents';
import type { IssueCase, ServiceRules } from '../services/types';
import type { CaseRow } from './repository';

/** The case as the service rules see it: parsed data and its person from the Melderegister (if any). */
export function issueCaseOf(db: Db, row: CaseRow): IssueCase {
  let resident: Resident | null = null;
  if (row.resident_id) {
    resident = getResident(db, row.resident_id);
    if (!resident) throw notFound('Die Person');
  }
  return {
    id: row.id,
    reference: row.reference,
    data: JSON.parse(row.data) as Record<string, unknown>,
    resident,
    applicantName: row.applicant_name,
    deliveryMethod: row.delivery_method,
    channel: row.channel,
  };
}

/**
 * Where a case's documents go by post: the address the service names (e.g. the Wahlschein sent elsewhere), else the
 * person's current Hauptwohnung from the Melderegister (their own address, so an Auskunftssperre does not bar it),
 * else the address the online applicant gave.
 */
export function postalRecipientOf(db: Db, c: IssueCase, rules: ServiceRules): PostalAddressInput {
  const own = rules.postalRecipient?.(c);
  if (own) return own;
  if (c.resident) {
    const r = c.resident;
    const main = currentMainAddress(r);
    if (!main) throw new ApiFailure('CONFLICT', `${c.reference}: Im Melderegister ist keine aktuelle Anschrift gespeichert.`);
    return residentPostalAddress(r, main, salutationFromSex(r.sex));
  }
  const applicant = getOnlineCaseInfo(db, c.id)?.applicant;
  if (applicant) {
    return {
      givenNames: applicant.vornamen,
      familyName: applicant.familienname,
      street: applicant.anschrift.strasse,
      houseNumber: applicant.anschrift.hausnummer,
      postalCode: applicant.anschrift.postleitzahl,
      city: applicant.anschrift.ort,
      country: 'DE',
    };
  }
  throw new ApiFailure('CONFLICT', `${c.reference}: Für den Postversand ist keine Anschrift bekannt.`);
}


export function caseSteps(db: Db, caseId: number): CaseSteps {
  const r = sql(
    db,
    `SELECT c.approval_required, c.approved_at, ua.display_name AS approved_by, c.signature_required, c.signed_at,
       us.display_name AS signed_by
     FROM cases c LEFT JOIN users ua ON ua.id = c.approved_by LEFT JOIN users us ON us.id = c.signed_by WHERE c.id = ?`,
  ).get(caseId) as
    | { approval_required: string | null; approved_at: string | null; approved_by: string | null; signature_required: number; signed_at: string | null; signed_by: string | null }
    | undefined;
  if (!r) throw notFound('Der Vorgang');
  return {
    approvalRequired: r.approval_required,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    signatureRequired: r.signature_required === 1,
    signedAt: r.signed_at,
    signedBy: r.signed_by,
  };
}

/** Refuses the fee (and so the document) while a required approval is missing. */
export function requireApproved(steps: CaseSteps): void {
  if (steps.approvalRequired && !steps.approvedAt) {
    throw new ApiFailure(
      'CONFLICT',
      `Der Antrag muss zuerst von der Teamleitung freigegeben werden (${steps.approvalRequired}).`,
    );
  }
}

/** Refuses hand-over and dispatch while the Standesbeamter's signature is missing. */
export function requireSigned(steps: CaseSteps): void {
  if (steps.signatureRequired && !steps.signedAt) {
    throw new ApiFailure(
      'CONFLICT',
      'Die Urkunde muss zuerst von einer Standesbeamtin oder einem Standesbeamten unterschrieben und gesiegelt werden.',
    );
  }
}

/** Records on a new case whether it needs an approval and a signature (from the service rules). */
export function setServiceSteps(db: Db, caseId: number, s: { approvalRequired: string | null; signatureRequired: boolean }): void {
  sql(db, 'UPDATE cases SET approval_required = ?, signature_required = ? WHERE id = ?').run(s.approvalRequired, s.signatureRequired ? 1 : 0, caseId);
}

/** The case's tasks in the order they were added. */
export function caseTasks(db: Db, caseId: number): CaseTask[] {
  return (
    sql(
      db,
      `SELECT t.task_key, t.label, t.detail, t.state, t.note, t.updated_at, u.display_name AS user_name
       FROM case_tasks t LEFT JOIN users u ON u.id = t.user_id WHERE t.case_id = ? ORDER BY t.id`,
    ).all(caseId) as { task_key: string; label: string; detail: string; state: TaskState; note: string | null; updated_at: string; user_name: string | null }[]
  ).map((t) => ({ key: t.task_key, label: t.label, detail: t.detail, state: t.state, note: t.note, updatedAt: t.updated_at, userName: t.user_name }));
}

/** Adds tasks to a case (inside the creating transaction); a key already there is kept as it is. */
export function addCaseTasks(db: Db, caseId: number, tasks: { key: string; label: string; detail?: string; state?: TaskState; note?: string | null }[], at: string, userId: number | null): void {
  const insert = sql(
    db,
    `INSERT OR IGNORE INTO case_tasks (case_id, task_key, label, detail, state, note, updated_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const t of tasks) insert.run(caseId, t.key, t.label, t.detail ?? '', t.state ?? 'open', t.note ?? null, at, userId);
}
