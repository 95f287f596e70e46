/**
 * The resident register (Melderegister): search, read and write residents with their addresses.
 *
 * Search works on folded text (shared/domain/names.ts foldForSearch): residents.search_names holds the folded words
 * of family name, given names, former names, religious/artist name and doctoral degree; resident_addresses.search_address
 * the folded "street number postcode city". The repository stores names exactly as given (NFC) and returns them so.
 */
import type Database from 'better-sqlite3';
import { foldForSearch, searchWords } from '../../../shared/domain/names';
import type { Address, Resident, ResidentSummary } from '../../../shared/domain/types';
import { inTransaction, type Db } from '../db/connection';
import { parseDateInput } from './dates';
import {
  normaliseResident,
  residentProblems,
  ResidentValidationError,
  type NormalisedResident,
  type ResidentInput,
} from './validate';

export { parseDateInput } from './dates';
export { ResidentValidationError, type ResidentInput } from './validate';

export interface ResidentSearch {
  /** Words of family, given, former names (each must begin a word of the person's names): "lukasz kowal". */
  name?: string;
  /** Birth date, ISO yyyy-mm-dd or German dd.mm.yyyy. */
  birthDate?: string;
  /** Parts of a current address: "Strasse 5", "Bahnhofstr. 5", "49808". */
  address?: string;
  limit: number;
  /** Residents with a date of death are left out unless this is true. */
  includeDeceased?: boolean;
}

/** Query words that carry no name ("geb. Gabler", "verw. Meyer"). */
const NAME_NOISE = new Set(['geb', 'verw', 'gesch']);

interface SummaryRow {
  id: number;
  family_name: string;
  given_names: string;
  doctoral_degree: string | null;
  birth_date: string;
  auskunftssperre: number;
}

interface AddressRow {
  resident_id: number;
  kind: 'haupt' | 'neben';
  street: string;
  house_number: string;
  postal_code: string;
  city: string;
  moved_in: string | null;
  moved_out: string | null;
}

/** Prepared statements, cached per connection (the CSV import writes thousands of rows). */
const statements = new WeakMap<Db, Map<string, Database.Statement<unknown[]>>>();
function stmt(db: Db, sql: string): Database.Statement<unknown[]> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare<unknown[]>(sql)));
  return s;
}

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** "Dr. Łukasz Ödön Kowalski": the name a case is recorded under. */
export function residentDisplayName(r: Pick<Resident, 'doctoralDegree' | 'givenNames' | 'familyName'>): string {
  return [r.doctoralDegree, r.givenNames, r.familyName].filter(Boolean).join(' ');
}

/** Where the person lives now: the current Hauptwohnung, else any current address; null without one. */
export function currentMainAddress(r: Pick<Resident, 'addresses'>): Address | null {
  return r.addresses.find((a) => a.kind === 'haupt' && !a.movedOut) ?? r.addresses.find((a) => !a.movedOut) ?? null;
}

/** "Lookenstraße 12, 49808 Lingen (Ems)". */
export function formatAddress(a: Pick<Address, 'street' | 'houseNumber' | 'postalCode' | 'city'>): string {
  const street = a.houseNumber ? `${a.street} ${a.houseNumber}` : a.street;
  return `${street}, ${a.postalCode} ${a.city}`;
}

function toAddress(a: AddressRow): Address {
  return {
    street: a.street,
    houseNumber: a.house_number,
    postalCode: a.postal_code,
    city: a.city,
    kind: a.kind,
    movedIn: a.moved_in,
    movedOut: a.moved_out,
  };
}

/** Current addresses first, the Hauptwohnung first, then former ones, most recent first. */
const ADDRESS_ORDER = `(moved_out IS NOT NULL), (kind <> 'haupt'), moved_out DESC, moved_in DESC, id`;

/**
 * Finds residents. Criteria combine with AND; a search without any usable criterion finds nobody.
 * Ordered by family name, then given names (diacritics folded, so Łukasz sorts with Lukas).
 */
export function searchResidents(db: Db, q: ResidentSearch): ResidentSummary[] {
  const where: string[] = [];
  const params: (string | number)[] = [];

  const nameWords = q.name ? searchWords(q.name).filter((w) => !NAME_NOISE.has(w)) : [];
  for (const w of nameWords) {
    where.push(`(' ' || r.search_names) LIKE ?`);
    params.push(`% ${w}%`);
  }

  if (q.birthDate && q.birthDate.trim()) {
    const iso = parseDateInput(q.birthDate);
    if (iso === null) return [];
    where.push('r.birth_date = ?');
    params.push(iso);
  }

  const addressWords = q.address ? searchWords(q.address) : [];
  if (addressWords.length > 0) {
    const conds: string[] = [];
    for (const w of addressWords) {
      if (/^\d{1,3}$/.test(w)) {
        // A house number: the whole word, or followed by letters (5 → 5, 5a; not 15 or 52).
        conds.push(`((' ' || a.search_address || ' ') GLOB ? OR (' ' || a.search_address || ' ') GLOB ?)`);
        params.push(`* ${w} *`, `* ${w}[a-z]*`);
      } else if (/^\d+$/.test(w)) {
        conds.push(`(' ' || a.search_address) LIKE ?`); // postcode: beginning of a word
        params.push(`% ${w}%`);
      } else {
        conds.push('a.search_address LIKE ?'); // anywhere: "strasse" finds "bahnhofstrasse", "bahnhofstr" too
        params.push(`%${w}%`);
      }
    }
    where.push(
      `EXISTS (SELECT 1 FROM resident_addresses a WHERE a.resident_id = r.id AND a.moved_out IS NULL AND ${conds.join(' AND ')})`,
    );
  }

  if (where.length === 0) return [];
  if (!q.includeDeceased) where.push('r.date_of_death IS NULL');

  const rows = db
    .prepare(
      `SELECT r.id, r.family_name, r.given_names, r.doctoral_degree, r.birth_date, r.auskunftssperre
         FROM residents r WHERE ${where.join(' AND ')}`,
    )
    .all(...params) as SummaryRow[];

  const keyed = rows.map((r) => ({ r, family: foldForSearch(r.family_name), given: foldForSearch(r.given_names) }));
  keyed.sort(
    (x, y) =>
      cmp(x.family, y.family) ||
      cmp(x.given, y.given) ||
      collator.compare(x.r.family_name, y.r.family_name) ||
      collator.compare(x.r.given_names, y.r.given_names) ||
      x.r.birth_date.localeCompare(y.r.birth_date) ||
      x.r.id - y.r.id,
  );
  const top = keyed.slice(0, Math.max(0, q.limit)).map((k) => k.r);
  const mainAddresses = loadMainAddresses(
    db,
    top.map((r) => r.id),
  );
  return top.map((r) => ({
    id: r.id,
    familyName: r.family_name,
    givenNames: r.given_names,
    doctoralDegree: r.doctoral_degree,
    birthDate: r.birth_date,
    mainAddress: mainAddresses.get(r.id) ?? '',
    auskunftssperre: r.auskunftssperre === 1,
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The current Hauptwohnung of each resident (or, lacking one, a current Nebenwohnung), formatted. */
function loadMainAddresses(db: Db, ids: number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT resident_id, kind, street, house_number, postal_code, city, moved_in, moved_out
         FROM resident_addresses
        WHERE moved_out IS NULL AND resident_id IN (SELECT value FROM json_each(?))
        ORDER BY resident_id, (kind <> 'haupt'), moved_in DESC, id`,
    )
    .all(JSON.stringify(ids)) as AddressRow[];
  for (const a of rows) {
    if (!out.has(a.resident_id)) out.set(a.resident_id, formatAddress(toAddress(a)));
  }
  return out;
}

interface ResidentRow {
  id: number;
  family_name: string;
  given_names: string;
  call_name: string | null;
  doctoral_degree: string | null;
  former_names: string;
  religious_or_artist_name: string | null;
  birth_date: string;
  birth_place: string | null;
  sex: Resident['sex'];
  tax_id: string | null;
  legal_representatives: string;
  nationalities: string;
  religion: string | null;
  marital_status: string | null;
  spouse: string | null;
  minor_children: string;
  id_document: string | null;
  date_of_death: string | null;
  auskunftssperre: number;
}

/** The full register entry, or null. Addresses: current ones first, the Hauptwohnung first. */
export function getResident(db: Db, id: number): Resident | null {
  const r = db.prepare('SELECT * FROM residents WHERE id = ?').get(id) as ResidentRow | undefined;
  if (!r) return null;
  const addresses = (
    db
      .prepare(`SELECT * FROM resident_addresses WHERE resident_id = ? ORDER BY ${ADDRESS_ORDER}`)
      .all(id) as AddressRow[]
  ).map(toAddress);
  return {
    id: r.id,
    familyName: r.family_name,
    givenNames: r.given_names,
    callName: r.call_name,
    doctoralDegree: r.doctoral_degree,
    formerNames: JSON.parse(r.former_names) as string[],
    religiousOrArtistName: r.religious_or_artist_name,
    birthDate: r.birth_date,
    birthPlace: r.birth_place,
    sex: r.sex,
    taxId: r.tax_id,
    legalRepresentatives: JSON.parse(r.legal_representatives) as string[],
    nationalities: JSON.parse(r.nationalities) as string[],
    religion: r.religion,
    maritalStatus: r.marital_status,
    spouse: r.spouse,
    minorChildren: JSON.parse(r.minor_children) as string[],
    idDocument: r.id_document,
    dateOfDeath: r.date_of_death,
    auskunftssperre: r.auskunftssperre === 1,
    addresses,
  };
}

/** The resident's id for an external id (kennung), or null. */
export function findResidentIdByExternalId(db: Db, externalId: string): number | null {
  const row = stmt(db, 'SELECT id FROM residents WHERE external_id = ?').get(externalId) as { id: number } | undefined;
  return row ? row.id : null;
}

/** All residents in the register, the deceased included. */
export function countResidents(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM residents').get() as { n: number }).n;
}

/** The folded words searched by name: family, given, former, religious/artist name, doctoral degree. */
export function buildSearchNames(r: Pick<NormalisedResident, 'familyName' | 'givenNames' | 'formerNames' | 'religiousOrArtistName' | 'doctoralDegree'>): string {
  const words: string[] = [];
  const push = (s: string | null) => {
    if (!s) return;
    // "O'Brien" is found as "obrien" and as "brien"; "d’Alembert" as "dalembert" and "alembert".
    for (const variant of [s, s.replace(/['’`´ʹʻʼ]/g, ' ')]) {
      for (const w of searchWords(variant)) if (!words.includes(w)) words.push(w);
    }
  };
  push(r.familyName);
  push(r.givenNames);
  r.formerNames.forEach(push);
  push(r.religiousOrArtistName);
  push(r.doctoralDegree);
  return words.join(' ');
}

/** The folded address searched by address: "bahnhofstrasse 5 49808 lingen ems". */
export function buildSearchAddress(a: Pick<Address, 'street' | 'houseNumber' | 'postalCode' | 'city'>): string {
  return foldForSearch(`${a.street} ${a.houseNumber} ${a.postalCode} ${a.city}`);
}

/**
 * Creates or updates a resident (matched by id, else by externalId) with all its addresses, in one transaction.
 * The addresses given replace the stored ones. Throws ResidentValidationError (German message naming the
 * field) when a name has characters outside DIN 91379 or another field is invalid.
 */
export function upsertResident(
  db: Db,
  input: ResidentInput,
  now: string = new Date().toISOString(),
): { id: number; created: boolean } {
  const r = normaliseResident(input);
  const problems = residentProblems(r, now);
  if (problems.length > 0) throw new ResidentValidationError(problems);
  return inTransaction(db, () => writeResident(db, r, now));
}

/**
 * Writes an already validated, normalised resident. No transaction of its own: callers (upsertResident,
 * the CSV import) wrap it in theirs.
 */
export function writeResident(db: Db, r: NormalisedResident, now: string): { id: number; created: boolean } {
  let id: number | null = null;
  if (r.id !== null) {
    if (!db.prepare('SELECT 1 FROM residents WHERE id = ?').get(r.id)) {
      throw new ResidentValidationError([{ field: 'id', message: `Die Person ${r.id} ist nicht im Melderegister.` }]);
    }
    id = r.id;
  } else if (r.externalId !== null) {
    id = findResidentIdByExternalId(db, r.externalId);
  }

  const values = {
    external_id: r.externalId,
    family_name: r.familyName,
    given_names: r.givenNames,
    call_name: r.callName,
    doctoral_degree: r.doctoralDegree,
    former_names: JSON.stringify(r.formerNames),
    religious_or_artist_name: r.religiousOrArtistName,
    birth_date: r.birthDate,
    birth_place: r.birthPlace,
    sex: r.sex,
    tax_id: r.taxId,
    legal_representatives: JSON.stringify(r.legalRepresentatives),
    nationalities: JSON.stringify(r.nationalities),
    religion: r.religion,
    marital_status: r.maritalStatus,
    spouse: r.spouse,
    minor_children: JSON.stringify(r.minorChildren),
    id_document: r.idDocument,
    date_of_death: r.dateOfDeath,
    auskunftssperre: r.auskunftssperre ? 1 : 0,
    search_names: buildSearchNames(r),
    updated_at: now,
  };
  const columns = Object.keys(values);

  let created = false;
  if (id === null) {
    const info = stmt(
      db,
      `INSERT INTO residents (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`,
    ).run(values);
    id = Number(info.lastInsertRowid);
    created = true;
  } else {
    // external_id is kept when the update does not name one.
    const set = columns.filter((c) => c !== 'external_id' || r.externalId !== null).map((c) => `${c} = @${c}`);
    stmt(db, `UPDATE residents SET ${set.join(', ')} WHERE id = @id`).run({ ...values, id });
    stmt(db, 'DELETE FROM resident_addresses WHERE resident_id = ?').run(id);
  }

  const insertAddress = stmt(
    db,
    `INSERT INTO resident_addresses
       (resident_id, kind, street, house_number, postal_code, city, moved_in, moved_out, search_address)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of r.addresses) {
    insertAddress.run(id, a.kind, a.street, a.houseNumber, a.postalCode, a.city, a.movedIn, a.movedOut, buildSearchAddress(a));
  }
  return { id, created };
}
