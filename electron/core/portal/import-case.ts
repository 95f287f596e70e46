import type { OnlineApplicant, OnlineCaseInfo, OnlinePayment } from '../../../shared/domain/portal';
import { foldForSearch } from '../../../shared/domain/names';
import type { Settings } from '../../../shared/domain/types';
import { findService } from '../../../shared/services';
import { parseOnlineData } from '../../../shared/services/online';
import { addHistory } from '../cases/history';
import { initialDeadlines } from '../cases/deadlines';
import { insertCase } from '../cases/repository';
import { setServiceSteps } from '../cases/service-case';
import { getResident } from '../registers/residents';
import { sql, type Db } from '../db/connection';
import { berlinYear, nextNumber } from '../db/counters';
import { rulesFor } from '../services';
import type { CheckedAttachment } from './checks';
import { insertAttachment, saveOnlineCaseInfo } from './online-cases';
import { getSubmissionRow } from './submissions';

/** What the checks produced for one submission (see checks.ts); only the parts the import needs. */
export interface ImportableSubmission {
  submissionId: string;
  portalCaseId: string;
  destinationId: string;
  serviceIdentifier: string;
  serviceId: string;
  metadata: Record<string, unknown>;
  data: unknown;
  attachments: CheckedAttachment[];
}

/**
 * Creates the case of a checked submission, with its portal information, attachments and an online payment.
 * Runs inside the caller's transaction; the UNIQUE portal_submission_id makes a second import impossible.
 */
export function importOnlineCase(db: Db, s: ImportableSubmission, now: Date, settings: Settings): number {
  const service = findService(s.serviceId);
  if (!service) throw new Error(`unknown service ${s.serviceId}`);
  const parsed = parseOnlineData(s.serviceId, s.data);
  if (!parsed.ok) throw new Error(`online data of ${s.submissionId} no longer valid: ${parsed.issues[0]?.message ?? ''}`);
  const { antragsteller, antrag } = parsed.value;
  const at = now.toISOString();
  const payment = onlinePayment(s.metadata);
  const rules = rulesFor(s.serviceId);
  // The service's case data from its online `antrag` (ServiceRules.caseDataFromOnline; default: the antrag).
  const caseData = rules?.caseDataFromOnline?.(antrag, antragsteller) ?? antrag;
  // Services whose rules are not wired yet charge what the portal collected (their fee schedule lives in the portal).
  const fee = rules ? (rules.waiverReason(caseData) ? 0 : rules.fee(caseData, settings)) : (payment?.status === 'BOOKED' ? (payment.grossAmountCents ?? 0) : 0);
  const residentId = matchResident(db, antragsteller);
  const siteId = (sql(db, `SELECT id FROM sites WHERE kind = 'buergerbuero' ORDER BY id LIMIT 1`).get() as { id: number }).id;

  // The dates run from receipt (§ 15 GewO: arrival at the authority): the moment the core first listed the
  // submission, which is earlier than now when an earlier import attempt failed.
  const listedAt = getSubmissionRow(db, s.submissionId)?.received_at;
  const receivedAt = listedAt && listedAt < at ? new Date(listedAt) : now;
  const caseId = insertCase(db, {
    ...initialDeadlines(db, s.serviceId, receivedAt),
    reference: nextNumber(db, 'BB', berlinYear(now)),
    serviceId: s.serviceId,
    channel: 'online',
    siteId,
    residentId,
    applicantName: `${antragsteller.familienname}, ${antragsteller.vornamen}`,
    data: caseData,
    deliveryMethod: rules?.deliveryMethod?.(caseData) ?? 'post',
    feeCents: fee,
    userId: null,
    at,
    portal: { submissionId: s.submissionId, caseId: s.portalCaseId, destinationId: s.destinationId },
  });
  if (rules) {
    setServiceSteps(db, caseId, { approvalRequired: rules.approvalRequired?.(caseData) ?? null, signatureRequired: rules.signatureRequired === true });
    const resident = residentId ? getResident(db, residentId) : null;
    rules.afterCreate?.({ db, now, settings, user: null }, caseId, caseData, resident);
  }
  const info = onlineInfo(s, antragsteller, payment, at);
  saveOnlineCaseInfo(db, caseId, info);
  for (const a of s.attachments) {
    insertAttachment(db, caseId, { ...a, content: a.bytes, size: a.bytes.length });
  }
  addHistory(db, {
    caseId,
    at,
    userId: null,
    action: `Online-Antrag eingegangen (FIT-Connect): ${service.shortName}`,
    toStatus: 'new',
    details: {
      submissionId: s.submissionId,
      attachments: s.attachments.length,
      person: residentId ? 'im Melderegister gefunden' : 'im Melderegister nicht eindeutig gefunden – bitte zuordnen',
    },
  });
  if (payment?.status === 'BOOKED' && payment.grossAmountCents) {
    sql(
      db,
      `INSERT INTO payments (case_id, receipt_number, method, amount_cents, external_reference, at, user_id)
       VALUES (?, ?, 'online', ?, ?, ?, NULL)`,
    ).run(caseId, nextNumber(db, 'ZO', berlinYear(now)), payment.grossAmountCents, `${payment.transactionReference} / ${payment.transactionId}`, payment.at ?? at);
  }
  return caseId;
}

/** The applicant's person in the register: exactly one match on name, birth date and current address, else null. */
export function matchResident(db: Db, a: OnlineApplicant): number | null {
  const rows = sql(
    db,
    `SELECT r.id, r.family_name, r.given_names, ad.street, ad.house_number, ad.postal_code
     FROM residents r JOIN resident_addresses ad ON ad.resident_id = r.id AND ad.moved_out IS NULL
     WHERE r.birth_date = ? AND r.date_of_death IS NULL`,
  ).all(a.geburtsdatum) as { id: number; family_name: string; given_names: string; street: string; house_number: string; postal_code: string }[];
  const same = (x: string, y: string) => foldForSearch(x).replace(/\s+/g, ' ').trim() === foldForSearch(y).replace(/\s+/g, ' ').trim();
  const street = (x: string) => foldForSearch(x).replace(/str(asse|\.)?\b/g, 'str').replace(/[\s.-]+/g, '');
  const ids = new Set(
    rows
      .filter(
        (r) =>
          same(r.family_name, a.familienname) &&
          same(r.given_names, a.vornamen) &&
          r.postal_code === a.anschrift.postleitzahl &&
          street(r.street) === street(a.anschrift.strasse) &&
          same(r.house_number, a.anschrift.hausnummer),
      )
      .map((r) => r.id),
  );
  return ids.size === 1 ? [...ids][0]! : null;
}

function onlinePayment(metadata: Record<string, unknown>): OnlinePayment | null {
  const p = metadata.paymentInformation as Record<string, unknown> | undefined;
  if (!p) return null;
  const gross = typeof p.grossAmount === 'number' ? Math.round(p.grossAmount * 100) : null;
  return {
    status: p.status as OnlinePayment['status'],
    method: String(p.paymentMethod ?? ''),
    methodDetail: typeof p.paymentMethodDetail === 'string' ? p.paymentMethodDetail : null,
    transactionId: String(p.transactionId ?? ''),
    transactionReference: String(p.transactionReference ?? ''),
    grossAmountCents: gross,
    at: typeof p.transactionTimestamp === 'string' ? p.transactionTimestamp : null,
  };
}

function onlineInfo(
  s: ImportableSubmission,
  applicant: OnlineApplicant,
  payment: OnlinePayment | null,
  receivedAt: string,
): Omit<OnlineCaseInfo, 'attachments'> {
  const m = s.metadata;
  const ref = (m.additionalReferenceInfo ?? {}) as { senderReference?: string; applicationDate?: string };
  const auth = Array.isArray(m.authenticationInformation)
    ? (m.authenticationInformation as { type: string; version: string }[]).map((x) => ({ type: x.type, version: x.version }))
    : [];
  return {
    submissionId: s.submissionId,
    portalCaseId: s.portalCaseId,
    destinationId: s.destinationId,
    serviceIdentifier: s.serviceIdentifier,
    receivedAt,
    applicationDate: ref.applicationDate ?? null,
    senderReference: ref.senderReference ?? null,
    applicant,
    payment,
    authentication: auth,
    replyChannel: replyChannel(m.replyChannel),
  };
}

function replyChannel(rc: unknown): OnlineCaseInfo['replyChannel'] {
  if (!rc || typeof rc !== 'object') return null;
  const r = rc as Record<string, Record<string, string> | undefined>;
  if (r.eMail?.address) return { kind: 'eMail', address: r.eMail.address };
  if (r.deMail?.address) return { kind: 'deMail', address: r.deMail.address };
  if (r.fink?.finkPostfachRef) return { kind: 'fink', address: r.fink.finkPostfachRef };
  if (r.elster?.accountId) return { kind: 'elster', address: r.elster.accountId };
  return null;
}
