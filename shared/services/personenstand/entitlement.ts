/**
 * Who may receive a Personenstandsurkunde (§ 62 PStG, with § 63 for restricted entries), and what it costs.
 *
 * § 62 Abs. 1 PStG (text checked against the published statute):
 *   Satz 1: "Personenstandsurkunden sind auf Antrag den Personen zu erteilen, auf die sich der Registereintrag
 *            bezieht, sowie deren Ehegatten, Lebenspartnern, Vorfahren und Abkömmlingen."
 *   Satz 2: "Andere Personen haben ein Recht auf Erteilung von Personenstandsurkunden, wenn sie ein rechtliches
 *            Interesse glaubhaft machen; beim Geburtenregister oder Sterberegister reicht die Glaubhaftmachung eines
 *            berechtigten Interesses aus, wenn der Antrag von einem Geschwister des Kindes oder des Verstorbenen
 *            gestellt wird."
 *   Satz 3: "Antragsbefugt sind über 16 Jahre alte Personen."
 *
 * Applied here:
 *   - the person, spouse or Lebenspartner, ancestors and descendants: directly;
 *   - siblings: are "andere Personen" — they need a stated interest that a supervisor (Teamleitung) accepts; for an
 *     entry of the Geburten- or Sterberegister a berechtigtes Interesse suffices, for the Ehe- and
 *     Lebenspartnerschaftsregister (or when the register is not known) a rechtliches Interesse is required;
 *   - everybody else: a stated rechtliches Interesse that a supervisor accepts;
 *   - every applicant, the person included, from the 16th birthday on ("über 16 Jahre alt" read, as usual, as
 *     "has completed the 16th year of life"; someone born on 29 February reaches it on 1 March in common years,
 *     §§ 187 Abs. 2, 188 Abs. 3 BGB);
 *   - § 63 PStG where the entry carries a restriction (until the person's death): after an Annahme als Kind a
 *     beglaubigter Registerausdruck of the birth entry only for the person (16+) and ancestors (the Annehmenden and
 *     their parents); after a change under the SBGG an Urkunde from the birth entry only for the person, from the
 *     Ehe-/Lebenspartnerschaftsregister only for the person and the spouse/partner; with a Sperrvermerk (§ 64) the
 *     issue needs a supervisor's release for anyone but the person.
 *   - the 30-year rule of § 62 Abs. 3 and the periods of § 5 Abs. 5 PStG are not applied (out of scope).
 *
 * Pure TypeScript: no Node, no DOM.
 */
import { berlinIsoDay } from '../../domain/berlin-time';
import type { EntryRestriction, RegisterKind } from './register';

export const RELATIONS = ['self', 'spouse', 'ancestor', 'descendant', 'sibling', 'other'] as const;
/** The applicant's relation to the person the register entry refers to. */
export type Relation = (typeof RELATIONS)[number];

export const RELATION_LABELS: Record<Relation, string> = {
  self: 'Person, auf die sich der Eintrag bezieht',
  spouse: 'Ehegatte oder Lebenspartner',
  ancestor: 'Vorfahre (Eltern, Großeltern …)',
  descendant: 'Abkömmling (Kinder, Enkel …)',
  sibling: 'Geschwister',
  other: 'andere Person',
};

/** Relations entitled without stating an interest (§ 62 Abs. 1 Satz 1 PStG). */
export const DIRECT_RELATIONS: readonly Relation[] = ['self', 'spouse', 'ancestor', 'descendant'];

/** Minimum age of an applicant (§ 62 Abs. 1 Satz 3 PStG). */
export const MIN_APPLICANT_AGE = 16;
/** A stated interest shorter than this (after trimming) counts as not stated. */
export const MIN_INTEREST_LENGTH = 10;

export interface SupervisorApproval {
  /** true: the stated interest is accepted (glaubhaft gemacht); false: it is not. */
  approved: boolean;
  /** Display name of the supervisor. */
  by: string;
  /** ISO timestamp of the decision. */
  at: string;
}

export interface EntitlementInput {
  relation: Relation;
  /** Applicant's date of birth "YYYY-MM-DD". */
  applicantBirthDate: string;
  /** Day of the decision: a Date (taken in Europe/Berlin) or "YYYY-MM-DD". */
  today: Date | string;
  /** The interest the applicant states (needed for siblings and other persons). */
  legalInterest?: string | null;
  supervisorApproval?: SupervisorApproval | null;
  /** Register of the entry: decides between berechtigtes and rechtliches Interesse for siblings. */
  register?: RegisterKind;
  /** True for a beglaubigten Registerausdruck (§ 63 Abs. 1 PStG concerns only those). */
  registerausdruck?: boolean;
  restrictions?: readonly EntryRestriction[];
  /** The person the entry refers to has died: the § 63 restrictions end. */
  personDeceased?: boolean;
}

export type EntitlementResult = 'allowed' | { needsApproval: string } | { refused: string[] };

export function isAllowed(r: EntitlementResult): r is 'allowed' {
  return r === 'allowed';
}
export function needsApproval(r: EntitlementResult): r is { needsApproval: string } {
  return typeof r === 'object' && 'needsApproval' in r;
}
export function isRefused(r: EntitlementResult): r is { refused: string[] } {
  return typeof r === 'object' && 'refused' in r;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Completed years of life on `today` (both "YYYY-MM-DD"); null when a date is malformed. */
export function ageOn(birthDate: string, today: string): number | null {
  const b = ISO.exec(birthDate);
  const t = ISO.exec(today);
  if (!b || !t) return null;
  // Comparing "MM-DD" strings: someone born on 02-29 has not reached 02-29 on 02-28 and has passed it on 03-01.
  const birthday = `${b[2]}-${b[3]}`;
  const day = `${t[2]}-${t[3]}`;
  return Number(t[1]) - Number(b[1]) - (day < birthday ? 1 : 0);
}

function isoToday(today: Date | string): string {
  return typeof today === 'string' ? today : berlinIsoDay(today);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function formatDe(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * The § 62 decision for one application. 'allowed': issue. needsApproval: a supervisor must accept the stated
 * interest (or release a blocked entry) first; the reason says what to check. refused: German reasons for the
 * applicant, all of them at once.
 */
export function checkEntitlement(input: EntitlementInput): EntitlementResult {
  const refused: string[] = [];
  const today = isoToday(input.today);

  // § 62 Abs. 1 Satz 3: Antragsbefugnis from 16.
  const age = ageOn(input.applicantBirthDate, today);
  if (age === null) {
    refused.push('Das Geburtsdatum der antragstellenden Person fehlt oder ist ungültig; die Antragsbefugnis (ab 16 Jahren) kann nicht geprüft werden.');
  } else if (age < 0) {
    refused.push('Das Geburtsdatum der antragstellenden Person liegt in der Zukunft.');
  } else if (age < MIN_APPLICANT_AGE) {
    refused.push(
      `Antragsbefugt sind nur Personen ab 16 Jahren (§ 62 Abs. 1 Satz 3 PStG); die antragstellende Person ist ${age} Jahre alt.`,
    );
  }

  // § 63: restricted entries, until the person's death.
  const restrictions = input.personDeceased ? [] : (input.restrictions ?? []);
  const rel = input.relation;
  if (restrictions.includes('sbgg')) {
    if (input.register === 'G' && rel !== 'self') {
      refused.push(
        'Nach einer Änderung von Geschlechtseintrag und Vornamen (SBGG) wird eine Urkunde aus dem Geburtseintrag nur der Person selbst erteilt (§ 63 Abs. 2 Nr. 1 PStG).',
      );
    } else if ((input.register === 'E' || input.register === 'L') && rel !== 'self' && rel !== 'spouse') {
      refused.push(
        'Nach einer Änderung von Geschlechtseintrag und Vornamen (SBGG) wird eine Ehe- oder Lebenspartnerschaftsurkunde nur der Person selbst und ihrem Ehegatten oder Lebenspartner erteilt (§ 63 Abs. 2 Nr. 2 PStG).',
      );
    }
  }
  if (restrictions.includes('annahme_als_kind') && input.register === 'G' && input.registerausdruck) {
    if (rel !== 'self' && rel !== 'ancestor') {
      refused.push(
        'Nach einer Annahme als Kind wird ein beglaubigter Registerausdruck aus dem Geburtseintrag nur den Annehmenden, deren Eltern, dem gesetzlichen Vertreter und dem über 16 Jahre alten Kind selbst erteilt (§ 63 Abs. 1 PStG).',
      );
    }
  }
  const approval = input.supervisorApproval ?? null;
  const approvalText = approval ? ` (${approval.by}, ${formatDe(approval.at.slice(0, 10))})` : '';
  let pending: string | null = null;

  // § 64: Sperrvermerk — released by a supervisor for anyone but the person.
  const blocked = restrictions.includes('sperrvermerk') && rel !== 'self';

  if (DIRECT_RELATIONS.includes(rel)) {
    if (blocked && !approval?.approved) {
      if (approval) refused.push(`Die Erteilung aus einem Eintrag mit Sperrvermerk wurde nicht freigegeben (§ 64 PStG)${approvalText}.`);
      else pending = 'Für den Eintrag ist ein Sperrvermerk eingetragen (§ 64 PStG): die Teamleitung muss die Erteilung vorab prüfen und freigeben.';
    }
  } else {
    // Siblings and other persons: a stated interest, accepted by a supervisor (§ 62 Abs. 1 Satz 2 PStG).
    const berechtigt = rel === 'sibling' && (input.register === 'G' || input.register === 'S');
    // "ein berechtigtes Interesse" / "das berechtigte Interesse"
    const interestName = berechtigt ? 'berechtigtes Interesse' : 'rechtliches Interesse';
    const theInterest = berechtigt ? 'das angegebene berechtigte Interesse' : 'das angegebene rechtliche Interesse';
    const interest = (input.legalInterest ?? '').trim();
    if (interest.length < MIN_INTEREST_LENGTH) {
      const who =
        rel === 'sibling'
          ? `Geschwister erhalten eine Personenstandsurkunde${berechtigt ? ' aus dem Geburten- oder Sterberegister' : ' aus diesem Register'}`
          : 'Andere Personen erhalten eine Personenstandsurkunde';
      refused.push(`${who} nur, wenn sie ein ${interestName} glaubhaft machen (§ 62 Abs. 1 Satz 2 PStG); es ist keines angegeben.`);
    } else if (approval && !approval.approved) {
      refused.push(`${capitalize(theInterest)} wurde von der Teamleitung nicht anerkannt${approvalText}.`);
    } else if (!approval) {
      pending = `${rel === 'sibling' ? 'Geschwister' : 'Andere Person'}: ${theInterest} (§ 62 Abs. 1 Satz 2 PStG) muss von der Teamleitung geprüft und anerkannt werden${blocked ? '; außerdem ist ein Sperrvermerk eingetragen (§ 64 PStG)' : ''}.`;
    }
  }

  if (refused.length) return { refused };
  if (pending) return { needsApproval: pending };
  return 'allowed';
}

// ---------------------------------------------------------------------------------------------------------------
// Fees

export interface PersonenstandFees {
  /** The first copy of an order. */
  firstCents: number;
  /** Each further copy issued together in the same order. */
  furtherCents: number;
}

/** Niedersachsen examples (DOMAIN.md): 15,00 € the first, 7,50 € each further copy; configurable in the settings. */
export const DEFAULT_FEES: PersonenstandFees = { firstCents: 1500, furtherCents: 750 };

/** Fee in cents for `copies` copies issued together: first + further × (copies − 1). */
export function fee(copies: number, fees: PersonenstandFees = DEFAULT_FEES): number {
  if (!Number.isInteger(copies) || copies < 1) throw new RangeError('Mindestens eine Ausfertigung.');
  for (const v of [fees.firstCents, fees.furtherCents]) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError('Gebühren sind ganze, nicht negative Cent-Beträge.');
  }
  return fees.firstCents + fees.furtherCents * (copies - 1);
}
