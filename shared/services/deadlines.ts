/**
 * Deadlines per service: the defaults of the office-wide configuration (Verwaltung → Fristen) and the legal
 * deadlines a statute fixes. The configuration is stored by the core (electron/core/settings/deadlines.ts); the
 * arithmetic is in shared/domain/deadlines.ts.
 *
 * Defaults
 * - Bearbeitungsziel (target, working days): each service's `targetDays` (its service norm).
 * - Gesetzliche Frist (legal deadline): only where a statute sets one that runs from receipt:
 *   Gewerbe-An-, -Um- und -Abmeldung — § 15 Abs. 1 GewO, the Empfangsbescheinigung "innerhalb dreier Tage".
 *   That deadline is computed by its own rule (gewerbe/deadline.ts: three calendar days after receipt, the end
 *   moved to the next working day per § 31 Abs. 3 VwVfG), which is never later than three working days; it is
 *   fixed by law, so the configuration shows it but cannot change it (`STATUTORY_LEGAL_DEADLINES`).
 *   Briefwahl: its deadlines run towards election day (application until the second day before, 15:00 etc.),
 *   not from receipt; the service checks them itself (briefwahl/rules.ts), so there is no legal deadline here —
 *   the target of one working day keeps applications moving. Other services: none.
 *   An office may set a legal deadline in working days for any other service (e.g. from a local rule).
 * - Aufbewahrung nach Abschluss (retention, months after the case was closed); the anonymous statistic stays.
 *   Only the case file in this application is meant: registers (Melderegister, Gewerberegister,
 *   Personenstandsregister, Steuerakte) keep their own periods elsewhere.
 *   · Meldebescheinigung: 6 months — the certificate is handed out and the fee paid; half a year answers queries
 *     and complaints.
 *   · Personenstandsurkunde: 12 months — no statutory period for the order itself; a year covers objections to
 *     the fee (at most one year without a Rechtsbehelfsbelehrung, § 58 Abs. 2 VwGO).
 *   · Hundesteuer An-/Abmeldung: 60 months — the registration is the ground of the tax assessment; the
 *     Festsetzungsfrist is four years from the end of the calendar year (§ 169 Abs. 2, § 170 Abs. 1 AO via
 *     § 11 NKAG), i.e. up to five years.
 *   · Gewerbe-An-/Um-/Abmeldung: 60 months — the notice and its Empfangsbescheinigung back the Gewerberegister
 *     entry; five years after closing is a common records period for Gewerbe files (no statutory period found;
 *     to be confirmed against the Stadt's Aktenplan).
 *   · Briefwahl: 7 months — Wahlscheinanträge and the Wahlscheinverzeichnis are to be destroyed six months after
 *     the election (§ 90 Abs. 2 BWO, likewise the Landes- and Kommunalwahlordnungen). A Briefwahl case closes
 *     before election day (at most about six weeks before it), so seven months after closing keeps it through the
 *     six months after the election and deletes it soon after.
 *   · Any other service: 12 months.
 *
 * Pure TypeScript (shared/): no Node, no DOM.
 */
import { legalDeadlineFor, targetDateFor, type CaseDeadlines } from '../domain/deadlines';
import type { ServiceDeadlineConfig } from '../domain/teams';
import { gewerbeAbmeldung, gewerbeAnmeldung, gewerbeUmmeldung } from './gewerbe';
import { RECEIPT_DEADLINE_DAYS, RECEIPT_DEADLINE_REFERENCE, receiptDeadline } from './gewerbe/deadline';
import { SERVICES } from './index';

export interface StatutoryLegalDeadline {
  /** The number of days the statute names (shown as the service's legal deadline). */
  days: number;
  /** "§ 15 Abs. 1 GewO; …" */
  reference: string;
  /** How the configuration explains it. */
  label: string;
  /** The instant the deadline ends for a case received at `receivedAt`. */
  endsAt(receivedAt: Date): Date;
}

const GEWO_15: StatutoryLegalDeadline = {
  days: RECEIPT_DEADLINE_DAYS,
  reference: RECEIPT_DEADLINE_REFERENCE,
  label: '3 Tage (Empfangsbescheinigung, § 15 Abs. 1 GewO; Fristende am nächsten Werktag)',
  endsAt: (receivedAt) => receiptDeadline(receivedAt).endsAt,
};

/** Legal deadlines fixed by statute, by service id: not configurable. */
export const STATUTORY_LEGAL_DEADLINES: Readonly<Record<string, StatutoryLegalDeadline>> = {
  [gewerbeAnmeldung.id]: GEWO_15,
  [gewerbeUmmeldung.id]: GEWO_15,
  [gewerbeAbmeldung.id]: GEWO_15,
};

/** Months a closed case is kept, by service id (see above); services not listed: DEFAULT_RETENTION_MONTHS. */
export const RETENTION_MONTHS: Readonly<Record<string, number>> = {
  meldebescheinigung: 6,
  personenstandsurkunde: 12,
  'hundesteuer-anmeldung': 60,
  'hundesteuer-abmeldung': 60,
  'gewerbe-anmeldung': 60,
  'gewerbe-ummeldung': 60,
  'gewerbe-abmeldung': 60,
  briefwahl: 7,
};
export const DEFAULT_RETENTION_MONTHS = 12;

/** The default configuration of every service in the catalogue. */
export function defaultDeadlineConfigs(): Record<string, ServiceDeadlineConfig> {
  const out: Record<string, ServiceDeadlineConfig> = {};
  for (const s of SERVICES) {
    out[s.id] = {
      targetWorkingDays: s.targetDays,
      legalWorkingDays: STATUTORY_LEGAL_DEADLINES[s.id]?.days ?? null,
      retentionMonths: RETENTION_MONTHS[s.id] ?? DEFAULT_RETENTION_MONTHS,
    };
  }
  return out;
}

/**
 * The dates of a case received at `receivedAt`: target date from the configured working days; legal deadline by
 * the statute's rule where one applies, else from the configured working days (none when null).
 */
export function deadlinesFor(serviceId: string, config: ServiceDeadlineConfig, receivedAt: Date): CaseDeadlines {
  const statutory = STATUTORY_LEGAL_DEADLINES[serviceId];
  return {
    targetDate: targetDateFor(receivedAt, config.targetWorkingDays),
    legalDeadlineAt: statutory
      ? statutory.endsAt(receivedAt).toISOString()
      : config.legalWorkingDays === null
        ? null
        : legalDeadlineFor(receivedAt, config.legalWorkingDays),
  };
}
