/**
 * Hundesteuer store: Hundemarken as numbered stock, dogs with their tax registrations, SEPA mandates
 * (tables of migrations 006 and 009). The tax rules themselves live in shared/services/hundesteuer (tax.ts); this
 * module only applies them to what the database holds.
 *
 * Every write runs in one immediate transaction (`inTransaction`): a failure leaves nothing half-done, and two
 * connections issuing tags at the same time queue on the write lock, so they never get the same tag.
 *
 * Tags: `in_stock` → `issued` (to one dog) → back to `in_stock` when handed back (issued again later, lowest free
 * number first) or `lost` (never issued again). Each wearing — which dog, from when to when, how it ended — is a row
 * of `dog_tag_assignments`, so a number that passed from dog to dog keeps every earlier wearer on record.
 */
import { inTransaction, sql, type Db } from '../db/connection';
import type { HundesteuerTagStock } from '../../../shared/api/ops/hundesteuer';
import {
  buildMandateReference,
  chipNumberProblem,
  DEFAULT_HUNDESTEUER_CONFIG,
  ibanProblem,
  isIsoDate,
  isValidMandateReference,
  liabilityEnd,
  liabilityStart,
  normalizeChipNumber,
  normalizeIban,
  positionOfNewDog,
  yearlyTax,
  type DogPosition,
  type HeldDog,
  type HundesteuerConfig,
  type IsoDate,
  type YearMonth,
} from '../../../shared/services/hundesteuer';

/** A refusal with a German message for the clerk. */
export class HundesteuerStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HundesteuerStoreError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------------------------

export type TagState = 'in_stock' | 'issued' | 'lost';

export interface DogTag {
  id: number;
  number: number;
  year: number | null;
  series: string;
  state: TagState;
  /** The dog wearing an issued tag, or the last wearer of a lost one; null in stock. */
  dogId: number | null;
}

interface TagRow {
  id: number;
  number: number;
  year: number | null;
  series: string;
  state: TagState;
  dog_id: number | null;
}

const toTag = (r: TagRow): DogTag => ({ id: r.id, number: r.number, year: r.year, series: r.series, state: r.state, dogId: r.dog_id });

/** How a dog's wearing of a tag ended: handed back (the tag went back to stock) or lost. */
export type TagEnd = 'returned' | 'lost';

/** One wearing of a tag by a dog. */
export interface TagAssignment {
  id: number;
  tagId: number;
  number: number;
  series: string;
  year: number | null;
  dogId: number;
  issuedAt: string;
  /** Null while the dog wears the tag. */
  endedAt: string | null;
  endState: TagEnd | null;
  reason: string | null;
}

interface AssignmentRow {
  id: number;
  tag_id: number;
  number: number;
  series: string;
  year: number | null;
  dog_id: number;
  issued_at: string;
  ended_at: string | null;
  end_state: TagEnd | null;
  reason: string | null;
}

const toAssignment = (r: AssignmentRow): TagAssignment => ({
  id: r.id,
  tagId: r.tag_id,
  number: r.number,
  series: r.series,
  year: r.year,
  dogId: r.dog_id,
  issuedAt: r.issued_at,
  endedAt: r.ended_at,
  endState: r.end_state,
  reason: r.reason,
});

const ASSIGNMENT_SELECT = `SELECT a.id, a.tag_id, t.number, t.series, t.year, a.dog_id, a.issued_at, a.ended_at, a.end_state, a.reason
  FROM dog_tag_assignments a JOIN dog_tags t ON t.id = a.tag_id`;

/** Largest batch of tags added at once (a typo like 1–100000 should not fill the table). */
export const MAX_TAG_BATCH = 10_000;

/**
 * Adds the tags numbered `from`…`to` (inclusive) to the stock, all or none. `series` names the delivery (e.g.
 * "2026" or "A"); `year` is the year printed on the tags, where they carry one.
 */
export function addTagStock(db: Db, from: number, to: number, series: string, year: number | null = null): DogTag[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < from) {
    throw new HundesteuerStoreError(`Ungültiger Nummernbereich für Hundemarken: ${from} bis ${to}.`);
  }
  if (to - from + 1 > MAX_TAG_BATCH) {
    throw new HundesteuerStoreError(`Es können höchstens ${MAX_TAG_BATCH} Hundemarken auf einmal erfasst werden.`);
  }
  if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2999)) {
    throw new HundesteuerStoreError(`Ungültiges Jahr für Hundemarken: ${year}.`);
  }
  return inTransaction(db, () => {
    const taken = sql(db, 'SELECT number FROM dog_tags WHERE number BETWEEN ? AND ? ORDER BY number').all(from, to) as {
      number: number;
    }[];
    if (taken.length > 0) {
      const shown = taken.slice(0, 5).map((t) => t.number).join(', ');
      throw new HundesteuerStoreError(
        `Hundemarken mit diesen Nummern sind bereits erfasst: ${shown}${taken.length > 5 ? ' …' : ''}. Es wurde nichts gespeichert.`,
      );
    }
    const insert = sql(db, "INSERT INTO dog_tags (number, year, series, state) VALUES (?, ?, ?, 'in_stock')");
    for (let n = from; n <= to; n++) insert.run(n, year, series.trim());
    return (sql(db, 'SELECT * FROM dog_tags WHERE number BETWEEN ? AND ? ORDER BY number').all(from, to) as TagRow[]).map(toTag);
  });
}

export function getTag(db: Db, number: number): DogTag | null {
  const r = sql(db, 'SELECT * FROM dog_tags WHERE number = ?').get(number) as TagRow | undefined;
  return r ? toTag(r) : null;
}

/** The tag the dog currently wears, or null. */
export function currentTag(db: Db, dogId: number): DogTag | null {
  const r = sql(db, "SELECT * FROM dog_tags WHERE dog_id = ? AND state = 'issued'").get(dogId) as TagRow | undefined;
  return r ? toTag(r) : null;
}

/** Every tag the dog has worn or wears, in the order issued, with how each wearing ended. */
export function tagsOfDog(db: Db, dogId: number): TagAssignment[] {
  return (sql(db, `${ASSIGNMENT_SELECT} WHERE a.dog_id = ? ORDER BY a.issued_at, a.id`).all(dogId) as AssignmentRow[]).map(toAssignment);
}

/** Every dog that wore or wears the tag with this number, in the order issued. */
export function wearersOfTag(db: Db, number: number): TagAssignment[] {
  return (sql(db, `${ASSIGNMENT_SELECT} WHERE t.number = ? ORDER BY a.issued_at, a.id`).all(number) as AssignmentRow[]).map(toAssignment);
}

/** The wearing of the tag with this number that is open now (the dog wearing it), or null. */
export function currentWearer(db: Db, number: number): TagAssignment | null {
  const r = sql(db, `${ASSIGNMENT_SELECT} WHERE t.number = ? AND a.ended_at IS NULL`).get(number) as AssignmentRow | undefined;
  return r ? toAssignment(r) : null;
}

export function countTagsInStock(db: Db): number {
  return (sql(db, "SELECT COUNT(*) AS n FROM dog_tags WHERE state = 'in_stock'").get() as { n: number }).n;
}

function requireDog(db: Db, dogId: number): void {
  if (!sql(db, 'SELECT 1 FROM dogs WHERE id = ?').get(dogId)) {
    throw new HundesteuerStoreError(`Der Hund (Nr. ${dogId}) ist nicht erfasst.`);
  }
}

/**
 * Issues the lowest-numbered tag in stock — never issued or handed back by an earlier dog — to the dog. Atomic: the
 * pick and the update run under the write lock, so two connections issuing at once get different tags. Refuses when
 * the dog already wears a tag, or when the stock is empty.
 */
export function issueNextTag(db: Db, dogId: number, at: string): DogTag {
  return inTransaction(db, () => {
    requireDog(db, dogId);
    const worn = currentTag(db, dogId);
    if (worn) {
      throw new HundesteuerStoreError(
        `Der Hund trägt bereits die Hundemarke Nr. ${worn.number}. Für eine neue Marke bitte eine Ersatzmarke ausgeben.`,
      );
    }
    const next = sql(db, "SELECT id FROM dog_tags WHERE state = 'in_stock' ORDER BY number LIMIT 1").get() as
      | { id: number }
      | undefined;
    if (!next) {
      throw new HundesteuerStoreError(
        'Es sind keine Hundemarken mehr vorrätig. Bitte zuerst neue Hundemarken in den Bestand aufnehmen.',
      );
    }
    const res = sql(db, "UPDATE dog_tags SET state = 'issued', dog_id = ? WHERE id = ? AND state = 'in_stock'").run(dogId, next.id);
    if (res.changes !== 1) throw new HundesteuerStoreError('Die Hundemarke wurde gerade anderweitig vergeben. Bitte erneut versuchen.');
    sql(db, 'INSERT INTO dog_tag_assignments (tag_id, dog_id, issued_at) VALUES (?, ?, ?)').run(next.id, dogId, at);
    return toTag(sql(db, 'SELECT * FROM dog_tags WHERE id = ?').get(next.id) as TagRow);
  });
}

function endTag(db: Db, dogId: number, end: TagEnd, at: string, reason: string | null): TagAssignment {
  return inTransaction(db, () => {
    const tag = currentTag(db, dogId);
    if (!tag) throw new HundesteuerStoreError('Der Hund trägt zurzeit keine Hundemarke.');
    const open = sql(db, 'SELECT id FROM dog_tag_assignments WHERE tag_id = ? AND dog_id = ? AND ended_at IS NULL').get(tag.id, dogId) as
      | { id: number }
      | undefined;
    if (!open) throw new Error(`dog_tags ${tag.id} is issued to dog ${dogId} without an open assignment`);
    sql(db, 'UPDATE dog_tag_assignments SET ended_at = ?, end_state = ?, reason = ? WHERE id = ?').run(at, end, reason, open.id);
    if (end === 'returned') sql(db, "UPDATE dog_tags SET state = 'in_stock', dog_id = NULL WHERE id = ?").run(tag.id);
    else sql(db, "UPDATE dog_tags SET state = 'lost' WHERE id = ?").run(tag.id);
    return toAssignment(sql(db, `${ASSIGNMENT_SELECT} WHERE a.id = ?`).get(open.id) as AssignmentRow);
  });
}

/** The dog's tag was handed back (deregistration): it goes back to stock and can be issued to another dog. */
export function returnTag(db: Db, dogId: number, at: string, reason: string | null = null): TagAssignment {
  return endTag(db, dogId, 'returned', at, reason);
}

/** The dog's tag is lost (or was not handed back): it is never issued again. */
export function markTagLost(db: Db, dogId: number, at: string, reason: string | null = null): TagAssignment {
  return endTag(db, dogId, 'lost', at, reason);
}

/**
 * Ersatzmarke: the dog's current tag is marked lost and the next tag in stock is issued, both or neither.
 * The fee (REPLACEMENT_TAG_FEE_KEY) is charged by the case, not here.
 */
export function replacementTag(db: Db, dogId: number, at: string, reason = 'Ersatzmarke ausgegeben'): { lost: TagAssignment; issued: DogTag } {
  return inTransaction(db, () => {
    const lost = markTagLost(db, dogId, at, reason);
    const issued = issueNextTag(db, dogId, at);
    return { lost, issued };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// SEPA mandates
// ---------------------------------------------------------------------------------------------------------------

export interface SepaMandateInput {
  /** Assigned by the town; null: "<prefix>-HUND-<dog id>" is assigned on registration. */
  reference: string | null;
  iban: string;
  bic?: string | null;
  holder: string;
  signedOn: IsoDate;
}

export interface SepaMandate {
  id: number;
  reference: string;
  iban: string;
  bic: string | null;
  holder: string;
  signedOn: IsoDate;
}

export function getMandate(db: Db, reference: string): SepaMandate | null {
  const r = sql(db, 'SELECT id, reference, iban, bic, holder, signed_on FROM sepa_mandates WHERE reference = ?').get(reference) as
    | { id: number; reference: string; iban: string; bic: string | null; holder: string; signed_on: string }
    | undefined;
  return r ? { id: r.id, reference: r.reference, iban: r.iban, bic: r.bic, holder: r.holder, signedOn: r.signed_on } : null;
}

/**
 * Stores a mandate under its reference. The same reference with the same IBAN and holder is reused (several
 * dogs of one owner on one mandate); with other account data it is refused.
 */
export function saveMandate(db: Db, m: SepaMandateInput & { reference: string }, at: string): SepaMandate {
  const reference = m.reference.trim();
  if (!isValidMandateReference(reference)) {
    throw new HundesteuerStoreError(`Die Mandatsreferenz „${reference}“ ist ungültig.`);
  }
  const problem = ibanProblem(m.iban);
  if (problem) throw new HundesteuerStoreError(problem);
  const iban = normalizeIban(m.iban)!;
  const holder = m.holder.trim();
  if (!holder) throw new HundesteuerStoreError('Bitte die Kontoinhaberin oder den Kontoinhaber angeben.');
  if (!isIsoDate(m.signedOn)) throw new HundesteuerStoreError('Bitte das Datum des SEPA-Lastschriftmandats angeben.');
  const bic = m.bic?.replace(/\s+/g, '').toUpperCase() || null;
  if (bic !== null && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    throw new HundesteuerStoreError(`Die BIC „${bic}“ ist ungültig.`);
  }
  return inTransaction(db, () => {
    const existing = getMandate(db, reference);
    if (existing) {
      if (existing.iban !== iban || existing.holder !== holder) {
        throw new HundesteuerStoreError(`Die Mandatsreferenz „${reference}“ ist bereits für ein anderes Konto vergeben.`);
      }
      return existing;
    }
    sql(db, 'INSERT INTO sepa_mandates (reference, iban, bic, holder, signed_on, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      reference,
      iban,
      bic,
      holder,
      m.signedOn,
      at,
    );
    return getMandate(db, reference)!;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Dogs and registrations
// ---------------------------------------------------------------------------------------------------------------

export type TaxCategory = DogPosition | 'dangerous';
export type DeregistrationReason = 'death' | 'sale' | 'move';
export const DEREGISTRATION_REASON_LABELS: Record<DeregistrationReason, string> = {
  death: 'Tod des Hundes',
  sale: 'Abgabe (Verkauf, Schenkung)',
  move: 'Wegzug',
};

export interface RegisterDogInput {
  owner: {
    /** The resident in the register; null when not found there (the owner is then matched by name and address). */
    residentId: number | null;
    name: string;
    /** One-line address snapshot, e.g. "Marktplatz 1, 49808 Lingen (Ems)". */
    address: string;
  };
  dog: {
    name: string;
    breed: string;
    colour?: string | null;
    sex?: 'ruede' | 'huendin' | null;
    chipNumber?: string | null;
    birthDate?: IsoDate | null;
    /** Dangerous under the Satzung or § 7 NHundG: pays the dangerous rate. */
    dangerous?: boolean;
    /** § 8 NHundG permit, insurance, Sachkunde, central register entry: stored as JSON. */
    permit?: unknown;
    insurance?: unknown;
    sachkunde?: unknown;
    registerEntry?: unknown;
  };
  /** First day of the holding in the town. */
  acquiredOn: IsoDate;
  caseId?: number | null;
  /** Direct debit; null/absent: payment by transfer. */
  mandate?: SepaMandateInput | null;
  /** Timestamp of the write. */
  at: string;
  config?: HundesteuerConfig;
}

export interface RegisteredDog {
  dogId: number;
  registrationId: number;
  category: TaxCategory;
  /** The position among the household's dogs (also for a dangerous dog, which pays its own rate). */
  position: DogPosition;
  yearlyCents: number;
  liableFrom: YearMonth;
  mandateReference: string | null;
  tag: DogTag;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** The registrations of the owner's other dogs still held at or after `month` (for the position). */
function householdDogs(db: Db, owner: RegisterDogInput['owner'], month: YearMonth, exceptDogId: number): HeldDog[] {
  const rows = (
    owner.residentId !== null
      ? sql(
          db,
          `SELECT r.dog_id, r.liable_from, r.liable_until, r.category FROM dog_tax_registrations r JOIN dogs d ON d.id = r.dog_id
           WHERE d.owner_resident_id = ? AND d.id <> ? AND (r.liable_until IS NULL OR r.liable_until >= ?) ORDER BY r.id`,
        ).all(owner.residentId, exceptDogId, month)
      : sql(
          db,
          `SELECT r.dog_id, r.liable_from, r.liable_until, r.category FROM dog_tax_registrations r JOIN dogs d ON d.id = r.dog_id
           WHERE d.owner_resident_id IS NULL AND d.owner_name = ? AND d.owner_address = ? AND d.id <> ?
             AND (r.liable_until IS NULL OR r.liable_until >= ?) ORDER BY r.id`,
        ).all(owner.name, owner.address, exceptDogId, month)
  ) as { dog_id: number; liable_from: string; liable_until: string | null; category: TaxCategory }[];
  return rows.map((r) => ({ id: r.dog_id, liableFrom: r.liable_from, liableUntil: r.liable_until, dangerous: r.category === 'dangerous' }));
}

/**
 * Registers a dog: stores the dog, works out its category among the owner's other registered dogs (first /
 * second / further; dangerous separately) and the yearly tax from the Satzung, stores the mandate, and issues the
 * next tag. All or nothing: with no tag in stock, no dog is written.
 */
export function registerDog(db: Db, input: RegisterDogInput): RegisteredDog {
  const config = input.config ?? DEFAULT_HUNDESTEUER_CONFIG;
  const ownerName = input.owner.name.trim();
  const ownerAddress = input.owner.address.trim();
  if (!ownerName) throw new HundesteuerStoreError('Bitte die Halterin oder den Halter angeben.');
  if (!input.dog.name.trim()) throw new HundesteuerStoreError('Bitte den Namen des Hundes angeben.');
  if (!input.dog.breed.trim()) throw new HundesteuerStoreError('Bitte die Rasse angeben.');
  if (!isIsoDate(input.acquiredOn)) throw new HundesteuerStoreError('Bitte den Beginn der Hundehaltung angeben (JJJJ-MM-TT).');
  const birthDate = input.dog.birthDate ?? null;
  if (birthDate !== null && !isIsoDate(birthDate)) {
    throw new HundesteuerStoreError('Geburtsdatum des Hundes: bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.');
  }
  if (birthDate !== null && input.acquiredOn < birthDate) {
    throw new HundesteuerStoreError('Die Hundehaltung kann nicht vor der Geburt des Hundes begonnen haben.');
  }
  const chip = input.dog.chipNumber ? normalizeChipNumber(input.dog.chipNumber) : null;
  if (chip) {
    const problem = chipNumberProblem(chip);
    if (problem) throw new HundesteuerStoreError(problem);
  }
  const dangerous = input.dog.dangerous ?? false;
  const owner = { residentId: input.owner.residentId, name: ownerName, address: ownerAddress };

  return inTransaction(db, () => {
    if (owner.residentId !== null && !sql(db, 'SELECT 1 FROM residents WHERE id = ?').get(owner.residentId)) {
      throw new HundesteuerStoreError(`Die Halterin oder der Halter (Nr. ${owner.residentId}) ist nicht im Register.`);
    }
    const dogId = Number(
      sql(
        db,
        `INSERT INTO dogs (owner_resident_id, owner_name, owner_address, name, breed, colour, sex, chip_number, birth_date,
           dangerous, permit, insurance, sachkunde, register_entry, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        owner.residentId,
        owner.name,
        owner.address,
        input.dog.name.trim(),
        input.dog.breed.trim(),
        input.dog.colour?.trim() || null,
        input.dog.sex ?? null,
        chip,
        birthDate,
        dangerous ? 1 : 0,
        json(input.dog.permit),
        json(input.dog.insurance),
        json(input.dog.sachkunde),
        json(input.dog.registerEntry),
        input.at,
        input.at,
      ).lastInsertRowid,
    );

    const liableFrom = liabilityStart(input.acquiredOn, birthDate, config);
    const others = householdDogs(db, owner, liableFrom, dogId);
    const position = positionOfNewDog({ liableFrom, liableUntil: null, dangerous }, others, config.dangerousDogsCount);
    const category: TaxCategory = dangerous ? 'dangerous' : position;
    const yearlyCents = yearlyTax(position, dangerous, config.rates);

    let mandateReference: string | null = null;
    if (input.mandate) {
      const reference = input.mandate.reference ?? buildMandateReference(config.mandateReferencePrefix, `HUND-${String(dogId).padStart(6, '0')}`);
      mandateReference = saveMandate(db, { ...input.mandate, reference }, input.at).reference;
    }

    const registrationId = Number(
      sql(
        db,
        `INSERT INTO dog_tax_registrations (dog_id, case_id, from_date, liable_from, yearly_cents, category, mandate_reference, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(dogId, input.caseId ?? null, input.acquiredOn, liableFrom, yearlyCents, category, mandateReference, input.at).lastInsertRowid,
    );

    const tag = issueNextTag(db, dogId, input.at);
    return { dogId, registrationId, category, position, yearlyCents, liableFrom, mandateReference, tag };
  });
}

export interface TaxRegistration {
  id: number;
  dogId: number;
  caseId: number | null;
  fromDate: IsoDate;
  liableFrom: YearMonth;
  toDate: IsoDate | null;
  liableUntil: YearMonth | null;
  endReason: DeregistrationReason | null;
  yearlyCents: number;
  category: TaxCategory;
  mandateReference: string | null;
}

interface RegistrationRow {
  id: number;
  dog_id: number;
  case_id: number | null;
  from_date: string;
  liable_from: string;
  to_date: string | null;
  liable_until: string | null;
  end_reason: DeregistrationReason | null;
  yearly_cents: number;
  category: TaxCategory;
  mandate_reference: string | null;
}

const toRegistration = (r: RegistrationRow): TaxRegistration => ({
  id: r.id,
  dogId: r.dog_id,
  caseId: r.case_id,
  fromDate: r.from_date,
  liableFrom: r.liable_from,
  toDate: r.to_date,
  liableUntil: r.liable_until,
  endReason: r.end_reason,
  yearlyCents: r.yearly_cents,
  category: r.category,
  mandateReference: r.mandate_reference,
});

/** The dog's registrations, oldest first. */
export function registrationsOfDog(db: Db, dogId: number): TaxRegistration[] {
  return (sql(db, 'SELECT * FROM dog_tax_registrations WHERE dog_id = ? ORDER BY id').all(dogId) as RegistrationRow[]).map(toRegistration);
}

export interface DeregisterInput {
  /** Day the holding ended (death, handing over, moving away). */
  date: IsoDate;
  reason: DeregistrationReason;
  /** Day the deregistration was received (default: `date`); matters with lateDeregistrationEndsOnReceipt. */
  reportedOn?: IsoDate;
  /** The tag was not handed back: it is recorded as lost instead of returned. */
  tagLost?: boolean;
  /** Timestamp of the write (default: now). */
  at?: string;
  config?: HundesteuerConfig;
}

export interface Deregistration {
  registration: TaxRegistration;
  /** The ended wearing of the tag handed back (now in stock again) or recorded lost; null when the dog wore none. */
  tag: TagAssignment | null;
}

/**
 * Ends the dog's open registration: the tax ends with the month in which the holding ended (tax.ts rule 4), and
 * the tag is taken back (or recorded lost). All or nothing.
 */
export function deregisterDog(db: Db, dogId: number, input: DeregisterInput): Deregistration {
  const config = input.config ?? DEFAULT_HUNDESTEUER_CONFIG;
  const at = input.at ?? new Date().toISOString();
  if (!isIsoDate(input.date)) throw new HundesteuerStoreError('Bitte das Ende der Hundehaltung angeben (JJJJ-MM-TT).');
  if (!(input.reason in DEREGISTRATION_REASON_LABELS)) {
    throw new HundesteuerStoreError('Bitte den Grund der Abmeldung angeben (Tod, Abgabe oder Wegzug).');
  }
  const reportedOn = input.reportedOn ?? input.date;
  if (!isIsoDate(reportedOn)) throw new HundesteuerStoreError('Bitte das Datum der Abmeldung angeben (JJJJ-MM-TT).');
  return inTransaction(db, () => {
    requireDog(db, dogId);
    const open = sql(db, 'SELECT * FROM dog_tax_registrations WHERE dog_id = ? AND to_date IS NULL').get(dogId) as
      | RegistrationRow
      | undefined;
    if (!open) throw new HundesteuerStoreError('Der Hund ist nicht (mehr) zur Hundesteuer angemeldet.');
    if (input.date < open.from_date) {
      throw new HundesteuerStoreError('Das Ende der Hundehaltung liegt vor ihrem Beginn.');
    }
    const liableUntil = liabilityEnd(input.date, reportedOn, config);
    sql(db, 'UPDATE dog_tax_registrations SET to_date = ?, liable_until = ?, end_reason = ?, ended_at = ? WHERE id = ?').run(
      input.date,
      liableUntil,
      input.reason,
      at,
      open.id,
    );
    const reasonText = `Abmeldung: ${DEREGISTRATION_REASON_LABELS[input.reason]}`;
    const tag = currentTag(db, dogId) ? (input.tagLost ? markTagLost : returnTag)(db, dogId, at, reasonText) : null;
    const registration = toRegistration(sql(db, 'SELECT * FROM dog_tax_registrations WHERE id = ?').get(open.id) as RegistrationRow);
    return { registration, tag };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading for the counter (case panel, preview, Abmeldung checks, the admin's stock view)
// ---------------------------------------------------------------------------------------------------------------

/** The lowest-numbered tag in stock (the one `issueNextTag` would give), or null. */
export function nextFreeTag(db: Db): DogTag | null {
  const r = sql(db, "SELECT * FROM dog_tags WHERE state = 'in_stock' ORDER BY number LIMIT 1").get() as TagRow | undefined;
  return r ? toTag(r) : null;
}

/** The stock figures (the API's answer type, shared/api/ops/hundesteuer.ts). */
export type TagStockSummary = HundesteuerTagStock;

export function tagStockSummary(db: Db): TagStockSummary {
  // Issued, returned and lost come from the wearings: open ones, ended lost, and tags back in stock after one.
  const counts = sql(
    db,
    `SELECT (SELECT COUNT(*) FROM dog_tags WHERE state = 'in_stock') AS in_stock,
            (SELECT COUNT(*) FROM dog_tag_assignments WHERE ended_at IS NULL) AS issued,
            (SELECT COUNT(DISTINCT tag_id) FROM dog_tag_assignments WHERE end_state = 'lost') AS lost,
            (SELECT COUNT(*) FROM dog_tags t WHERE t.state = 'in_stock'
               AND EXISTS (SELECT 1 FROM dog_tag_assignments a WHERE a.tag_id = t.id AND a.end_state = 'returned')) AS returned`,
  ).get() as { in_stock: number; issued: number; lost: number; returned: number };
  // Gaps-and-islands: number - row_number is constant within a run of consecutive numbers of one series.
  const ranges = sql(
    db,
    `SELECT series, year, MIN(number) AS "from", MAX(number) AS "to", SUM(state = 'in_stock') AS in_stock
     FROM (SELECT number, series, year, state, number - ROW_NUMBER() OVER (PARTITION BY series, year ORDER BY number) AS grp FROM dog_tags)
     GROUP BY series, year, grp ORDER BY "from"`,
  ).all() as { series: string; year: number | null; from: number; to: number; in_stock: number }[];
  return {
    inStock: counts.in_stock,
    issued: counts.issued,
    returned: counts.returned,
    lost: counts.lost,
    ranges: ranges.map((r) => ({ series: r.series, year: r.year, from: r.from, to: r.to, inStock: r.in_stock })),
    nextFree: nextFreeTag(db)?.number ?? null,
  };
}

export interface Dog {
  id: number;
  ownerResidentId: number | null;
  ownerName: string;
  ownerAddress: string;
  name: string;
  breed: string;
  colour: string | null;
  sex: 'ruede' | 'huendin' | null;
  chipNumber: string | null;
  birthDate: IsoDate | null;
  dangerous: boolean;
}

export function getDog(db: Db, dogId: number): Dog | null {
  const r = sql(db, 'SELECT * FROM dogs WHERE id = ?').get(dogId) as
    | {
        id: number;
        owner_resident_id: number | null;
        owner_name: string;
        owner_address: string;
        name: string;
        breed: string;
        colour: string | null;
        sex: 'ruede' | 'huendin' | null;
        chip_number: string | null;
        birth_date: string | null;
        dangerous: number;
      }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    ownerResidentId: r.owner_resident_id,
    ownerName: r.owner_name,
    ownerAddress: r.owner_address,
    name: r.name,
    breed: r.breed,
    colour: r.colour,
    sex: r.sex,
    chipNumber: r.chip_number,
    birthDate: r.birth_date,
    dangerous: r.dangerous === 1,
  };
}

/** The dog's registration still open (not deregistered), or null. */
export function openRegistration(db: Db, dogId: number): TaxRegistration | null {
  const r = sql(db, 'SELECT * FROM dog_tax_registrations WHERE dog_id = ? AND to_date IS NULL').get(dogId) as RegistrationRow | undefined;
  return r ? toRegistration(r) : null;
}

/** The registration a case created (Anmeldung), or null. */
export function registrationOfCase(db: Db, caseId: number): TaxRegistration | null {
  const r = sql(db, 'SELECT * FROM dog_tax_registrations WHERE case_id = ? ORDER BY id DESC LIMIT 1').get(caseId) as RegistrationRow | undefined;
  return r ? toRegistration(r) : null;
}

/** A dog with the chip number that is registered now (open registration), or null. */
export function registeredDogWithChip(db: Db, chipNumber: string): { dogId: number; tagNumber: number | null } | null {
  const r = sql(
    db,
    `SELECT d.id, t.number FROM dogs d JOIN dog_tax_registrations r ON r.dog_id = d.id AND r.to_date IS NULL
     LEFT JOIN dog_tags t ON t.dog_id = d.id AND t.state = 'issued' WHERE d.chip_number = ? LIMIT 1`,
  ).get(normalizeChipNumber(chipNumber)) as { id: number; number: number | null } | undefined;
  return r ? { dogId: r.id, tagNumber: r.number } : null;
}

export interface RegistrationPreview {
  position: DogPosition;
  category: TaxCategory;
  yearlyCents: number;
  liableFrom: YearMonth;
  /** The tag registerDog would issue now; null when the stock is empty. */
  nextTag: number | null;
}

/** What `registerDog` would decide for this dog now, without writing (the Bescheid's preview). */
export function previewRegistration(
  db: Db,
  owner: RegisterDogInput['owner'],
  dog: { birthDate: IsoDate | null; dangerous: boolean },
  acquiredOn: IsoDate,
  config: HundesteuerConfig = DEFAULT_HUNDESTEUER_CONFIG,
): RegistrationPreview {
  const liableFrom = liabilityStart(acquiredOn, dog.birthDate, config);
  const others = householdDogs(db, { ...owner, name: owner.name.trim(), address: owner.address.trim() }, liableFrom, -1);
  const position = positionOfNewDog({ liableFrom, liableUntil: null, dangerous: dog.dangerous }, others, config.dangerousDogsCount);
  return {
    position,
    category: dog.dangerous ? 'dangerous' : position,
    yearlyCents: yearlyTax(position, dog.dangerous, config.rates),
    liableFrom,
    nextTag: nextFreeTag(db)?.number ?? null,
  };
}
