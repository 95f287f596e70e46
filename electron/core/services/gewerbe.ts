/**
 * Core rules of the Gewerbeanzeigen (§§ 14, 15 GewO, GewAnzV): GewA 1 Anmeldung, GewA 2 Ummeldung, GewA 3 Abmeldung.
 * The data, the date rules and the list of bodies a notice goes to are in shared/services/gewerbe/; here: the fee,
 * the applicant's name for the queue, the store checks, the to-do list recorded per case (afterCreate), where the
 * Empfangsbescheinigung goes by post, and the document itself (printed on the letter printer).
 */
import { berlinIsoDay } from '../../../shared/domain/berlin-time';
import { berlinDayStart } from '../../../shared/domain/deadlines';
import {
  DUE_RULE_LABELS,
  GEWERBE_SERVICES,
  businessDisplayName,
  feeFor,
  germanDate,
  gewerbeAbmeldungData,
  gewerbeAnmeldungData,
  gewerbeUmmeldungData,
  legalFormInfo,
  recipientsFor,
  type GewerbeanzeigeData,
  type RecipientTodo,
} from '../../../shared/services/gewerbe/index';
import type { ServiceDefinition } from '../../../shared/services/types';
import { ApiFailure } from '../api/errors';
import { addCaseTasks } from '../cases/service-case';
import { sql, type Db } from '../db/connection';
import { defaultRecipient, type GewerbeFee } from '../documents/gewerbe-empfangsbescheinigung';
import type { ServiceRules } from './types';

export const GEWERBE_DOCUMENT_TYPE = 'gewerbeEmpfangsbescheinigung';
export const GEWERBE_DOCUMENT_PREFIX = 'GA';

const SCHEMAS = {
  'gewerbe-anmeldung': gewerbeAnmeldungData,
  'gewerbe-ummeldung': gewerbeUmmeldungData,
  'gewerbe-abmeldung': gewerbeAbmeldungData,
} as const;

/** Parses the stored data with the service's own schema (a GewA 3 under the Anmeldung service is refused). */
function parserFor(serviceId: keyof typeof SCHEMAS) {
  const schema = SCHEMAS[serviceId];
  return (data: Record<string, unknown>): GewerbeanzeigeData => schema.parse(data) as GewerbeanzeigeData;
}

const CHECK_LABELS: Record<string, string> = {
  erlaubnis: 'Prüfen: erforderliche Erlaubnis liegt nicht vor',
  handwerksrolle: 'Prüfen: Eintragung in die Handwerksrolle',
  reisegewerbe: 'Hinweis: Reisegewerbekarte',
};

/** The to-do of one body or check as a case task (key, label, detail); exported for the tests. */
export function taskOf(todo: RecipientTodo): { key: string; label: string; detail: string } {
  if (todo.kind === 'transmit') {
    return {
      key: `recipient:${todo.key}`,
      label: `Weitergabe an ${todo.body}`,
      detail: `${todo.reason}. Umfang: ${todo.fieldsText}. ${todo.reference}. Frist: ${DUE_RULE_LABELS[todo.due]}.`,
    };
  }
  return {
    key: `check:${todo.key}`,
    label: CHECK_LABELS[todo.key] ?? todo.body,
    detail: `${todo.body}: ${todo.reason} (${todo.reference}).`,
  };
}

/**
 * "Familienname, Vornamen" of the person who runs a one-person business (with its Geschäftsbezeichnung), else the
 * name the business goes by — what a clerk looks for in the queue.
 */
export function gewerbeApplicantName(d: GewerbeanzeigeData): string {
  const kind = legalFormInfo(d.business.legalForm).kind;
  const p = d.persons[0]!;
  if (kind === 'natural' || (kind === 'other' && d.persons.length === 1)) {
    const name = `${p.familyName}, ${p.givenNames}`;
    return d.business.name ? `${name} (${d.business.name})` : name;
  }
  return businessDisplayName(d);
}

/** The fee as the Empfangsbescheinigung states it: paid (on which day), waived (why) or still open. */
function documentFee(db: Db, caseId: number): GewerbeFee {
  const c = sql(db, 'SELECT fee_cents FROM cases WHERE id = ?').get(caseId) as { fee_cents: number } | undefined;
  const payment = sql(db, 'SELECT method, amount_cents, free_reason, at FROM payments WHERE case_id = ? ORDER BY id LIMIT 1').get(caseId) as
    | { method: string; amount_cents: number; free_reason: string | null; at: string }
    | undefined;
  if (payment?.method === 'free') return { cents: 0, waivedReason: payment.free_reason };
  if (payment) return { cents: payment.amount_cents, paidOn: berlinIsoDay(new Date(payment.at)) };
  return { cents: c?.fee_cents ?? 0 };
}

function rulesFor(definition: ServiceDefinition, serviceId: keyof typeof SCHEMAS): ServiceRules {
  const parse = parserFor(serviceId);
  return {
    definition,
    fee(data, settings) {
      return feeFor(parse(data), settings.fees);
    },
    waiverReason() {
      return null;
    },
    checkResident() {
      // The reporting persons are in the form; a matched resident is only the counter's starting point.
    },
    applicantName(data) {
      return gewerbeApplicantName(parse(data));
    },
    checkApplication(ctx, data) {
      const d = parse(data);
      const today = berlinIsoDay(ctx.now);
      // The date rules run from receipt; a receipt date in the future would move the four-week limit at will.
      if (d.receivedOn > today) {
        const message = `Das Eingangsdatum der Anzeige (${germanDate(d.receivedOn)}) liegt in der Zukunft; bitte den Tag angeben, an dem die Anzeige eingegangen ist (spätestens heute, ${germanDate(today)}).`;
        throw new ApiFailure('INVALID_INPUT', message, [{ path: 'data.receivedOn', message }]);
      }
    },
    caseDataFromOnline(antrag) {
      // The online GewA 1 has no `customsIndications`: that is the clerk's finding (§ 3 Abs. 3 GewAnzV).
      return serviceId === 'gewerbe-anmeldung' ? { ...antrag, customsIndications: false } : antrag;
    },
    afterCreate(ctx, caseId, data) {
      const tasks = recipientsFor(parse(data)).map(taskOf);
      addCaseTasks(ctx.db, caseId, tasks, ctx.now.toISOString(), ctx.user?.id ?? null);
    },
    postalRecipient(c) {
      return defaultRecipient(parse(c.data));
    },
    receivedAt(data) {
      // § 15 Abs. 1 GewO counts from the arrival of the notice, which the form records (a notice sent by post).
      return berlinDayStart(parse(data).receivedOn);
    },
    document: {
      type: GEWERBE_DOCUMENT_TYPE,
      prefix: GEWERBE_DOCUMENT_PREFIX,
      printer: 'letter',
      render(req) {
        const notice = parse(req.data);
        return req.renderer.render(
          'gewerbeEmpfangsbescheinigung',
          {
            caseReference: req.caseReference,
            number: req.preview ? null : req.number,
            issuedAt: req.issuedAt,
            notice,
            fee: documentFee(req.db, req.caseId),
            clerkName: req.clerkName,
            preview: req.preview,
          },
          { resourcesDir: req.resourcesDir, letterhead: req.settings.letterhead },
        );
      },
    },
  };
}

const [anmeldung, ummeldung, abmeldung] = GEWERBE_SERVICES;

/** The core rules of the three Gewerbeanzeigen; listed in ./index.ts. */
export const gewerbeRules: readonly ServiceRules[] = [
  rulesFor(anmeldung, 'gewerbe-anmeldung'),
  rulesFor(ummeldung, 'gewerbe-ummeldung'),
  rulesFor(abmeldung, 'gewerbe-abmeldung'),
];
