/**
 * Elections, the Wählerverzeichnis and the Wahlscheinverzeichnis for Briefwahl (tables of migration 007).
 *
 * - An election is stored with its configuration (shared/services/briefwahl electionSchema); `key` is Election.id
 *   ("ltw-2027"), the identifier applications carry. The column ballots_ready is authoritative: Wahlscheine are
 *   issued only once the ballots exist (§ 28 BWO, § 22 NLWO, § 24 Abs. 1 NKWO).
 * - The Wählerverzeichnis is imported from CSV (format: resources/demo/waehlerverzeichnis-README.md), all or
 *   nothing, with German messages naming the line ("Zeile 7: …"). Re-importing updates voters by Wählerverzeichnis-Nr.
 * - A voter has at most one valid Wahlschein; a replacement needs the first declared invalid. issueWahlschein
 *   checks this in a transaction, and the partial UNIQUE index wahlscheine_one_valid enforces it in the database.
 *   Issuing sets the Vermerk "W", which stays after invalidation (rules.ts voterMark).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeCharacters, foldForSearch, invalidNameCharacters, invalidTextCharacters } from '../../../shared/domain/names';
import {
  deliverySchema,
  electionSchema,
  type Delivery,
  type Election,
  type ElectionInput,
  type ElectionKind,
} from '../../../shared/services/briefwahl';
import {
  INVALIDATION_REASONS,
  nextWahlscheinNumber,
  type InvalidationReason,
} from '../../../shared/services/briefwahl/rules';
import type { VoterSummary } from '../../../shared/api/ops/briefwahl';
import { inTransaction, sql, type Db } from '../db/connection';
import { detectSeparator, formatCsv, parseCsv, stripBom } from './csv';
import { CsvImportError, readCsvRecords } from './csv-import';
import { parseDateInput } from './dates';

export { CsvImportError };

/** A refused operation on elections or Wahlscheine; the message is German and meant for the clerk. */
export class ElectionError extends Error {
  constructor(
    readonly code:
      | 'invalid_config'
      | 'duplicate_key'
      | 'unknown_election'
      | 'unknown_voter'
      | 'ballots_not_ready'
      | 'already_valid'
      | 'unknown_wahlschein'
      | 'already_invalid'
      | 'invalid_delivery'
      | 'invalid_reason'
      | 'wahlscheine_issued'
      | 'wahlbezirk_in_use',
    message: string,
  ) {
    super(message);
    this.name = 'ElectionError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Elections
// ---------------------------------------------------------------------------------------------------------------

export interface ElectionRecord {
  /** Database id (voter_register.election_id). */
  id: number;
  /** Election.id, e.g. "ltw-2027". */
  key: string;
  name: string;
  kind: ElectionKind;
  date: string;
  ballotsReady: boolean;
  /** The configuration; its ballotsReady equals the column. */
  config: Election;
  createdAt: string;
  updatedAt: string;
}

interface ElectionRow {
  id: number;
  key: string;
  name: string;
  kind: ElectionKind;
  date: string;
  config: string;
  ballots_ready: number;
  created_at: string;
  updated_at: string;
}

function toElection(r: ElectionRow): ElectionRecord {
  const ballotsReady = r.ballots_ready === 1;
  const config = { ...(JSON.parse(r.config) as Election), ballotsReady };
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    kind: r.kind,
    date: r.date,
    ballotsReady,
    config,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Stores a new election after validating it with electionSchema. Throws ElectionError. */
export function createElection(db: Db, input: ElectionInput, now: string): ElectionRecord {
  const parsed = electionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    throw new ElectionError('invalid_config', `Die Wahl ist nicht gültig konfiguriert${where}: ${issue.message}`);
  }
  const e = parsed.data;
  if (getElectionByKey(db, e.id)) {
    throw new ElectionError('duplicate_key', `Eine Wahl mit der Kennung „${e.id}“ ist bereits angelegt.`);
  }
  const info = sql(
    db,
    `INSERT INTO elections (key, name, kind, date, config, ballots_ready, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.name, e.kind, e.date, JSON.stringify(e), e.ballotsReady ? 1 : 0, now, now);
  return getElection(db, Number(info.lastInsertRowid))!;
}

export function getElection(db: Db, id: number): ElectionRecord | null {
  const r = sql(db, 'SELECT * FROM elections WHERE id = ?').get(id) as ElectionRow | undefined;
  return r ? toElection(r) : null;
}

/** The election an application names (Election.id, e.g. "ltw-2027"). */
export function getElectionByKey(db: Db, key: string): ElectionRecord | null {
  const r = sql(db, 'SELECT * FROM elections WHERE key = ?').get(key) as ElectionRow | undefined;
  return r ? toElection(r) : null;
}

/** All elections, the latest election day first. */
export function listElections(db: Db): ElectionRecord[] {
  return (sql(db, 'SELECT * FROM elections ORDER BY date DESC, id DESC').all() as ElectionRow[]).map(toElection);
}

/** Marks the ballots as ready (or not): only then may Wahlscheine be issued. */
export function setBallotsReady(db: Db, electionId: number, ready: boolean, now: string): ElectionRecord {
  const e = requireElection(db, electionId);
  const config = JSON.stringify({ ...e.config, ballotsReady: ready });
  sql(db, 'UPDATE elections SET ballots_ready = ?, config = ?, updated_at = ? WHERE id = ?').run(ready ? 1 : 0, config, now, electionId);
  return getElection(db, electionId)!;
}

/** How many Wahlscheine (valid or invalidated) the election has. */
export function countWahlscheine(db: Db, electionId: number): number {
  return (sql(db, 'SELECT count(*) AS n FROM wahlscheine WHERE election_id = ?').get(electionId) as { n: number }).n;
}

/**
 * Replaces the configuration of an election (its key stays: applications name it). Refused once a Wahlschein is
 * issued (its number, Wahlbezirk and deadlines are on paper), and when a Wahlbezirk that still has voters would
 * disappear. ballotsReady is kept; it has its own operation (setBallotsReady). Throws ElectionError.
 */
export function updateElection(db: Db, electionId: number, input: Omit<ElectionInput, 'id' | 'ballotsReady'>, now: string): ElectionRecord {
  return inTransaction(db, () => {
    const current = requireElection(db, electionId);
    const parsed = electionSchema.safeParse({ ...current.config, ...input, id: current.key, ballotsReady: current.ballotsReady });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      throw new ElectionError('invalid_config', `Die Wahl ist nicht gültig konfiguriert${where}: ${issue.message}`);
    }
    const e = parsed.data;
    const issued = countWahlscheine(db, electionId);
    if (issued > 0) {
      throw new ElectionError(
        'wahlscheine_issued',
        `Für die Wahl „${current.name}“ sind bereits ${issued} Wahlschein(e) erteilt; Name, Art, Wahltag und Wahlbezirke können nicht mehr geändert werden. Nur „Stimmzettel liegen vor“ lässt sich noch umstellen.`,
      );
    }
    const kept = new Set(e.wahlbezirke.map((w) => w.number));
    const used = sql(db, 'SELECT wahlbezirk, count(*) AS n FROM voter_register WHERE election_id = ? GROUP BY wahlbezirk').all(electionId) as {
      wahlbezirk: number;
      n: number;
    }[];
    const orphaned = used.find((u) => !kept.has(u.wahlbezirk));
    if (orphaned) {
      throw new ElectionError(
        'wahlbezirk_in_use',
        `Wahlbezirk ${orphaned.wahlbezirk} kann nicht entfallen: Im Wählerverzeichnis stehen ${orphaned.n} Person(en) in diesem Wahlbezirk.`,
      );
    }
    const later = sql(db, 'SELECT voter_number FROM voter_register WHERE election_id = ? AND birth_date > ? LIMIT 1').get(electionId, e.date) as
      | { voter_number: string }
      | undefined;
    if (later) {
      throw new ElectionError('invalid_config', `Der Wahltag kann nicht vor dem Geburtsdatum eines Eintrags im Wählerverzeichnis liegen (Nr. ${later.voter_number}).`);
    }
    sql(db, 'UPDATE elections SET name = ?, kind = ?, date = ?, config = ?, updated_at = ? WHERE id = ?').run(
      e.name,
      e.kind,
      e.date,
      JSON.stringify(e),
      now,
      electionId,
    );
    return getElection(db, electionId)!;
  });
}

function requireElection(db: Db, electionId: number): ElectionRecord {
  const e = getElection(db, electionId);
  if (!e) throw new ElectionError('unknown_election', `Die Wahl Nr. ${electionId} ist nicht angelegt.`);
  return e;
}

// ---------------------------------------------------------------------------------------------------------------
// Wählerverzeichnis
// ---------------------------------------------------------------------------------------------------------------

/** A row of the Wählerverzeichnis: what the counter's voter search shows (VoterSummary) plus its keys. */
export interface Voter extends Omit<VoterSummary, 'validWahlschein' | 'registerException'> {
  id: number;
  electionId: number;
}

interface VoterRow {
  id: number;
  election_id: number;
  voter_number: string;
  wahlbezirk: number;
  family_name: string;
  given_names: string;
  birth_date: string;
  street: string;
  house_number: string;
  postal_code: string;
  city: string;
  resident_kennung: string | null;
  marked_w: number;
}

function toVoter(r: VoterRow): Voter {
  return {
    id: r.id,
    electionId: r.election_id,
    voterNumber: r.voter_number,
    wahlbezirk: r.wahlbezirk,
    familyName: r.family_name,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    address: { street: r.street, houseNumber: r.house_number, postalCode: r.postal_code, city: r.city },
    residentKennung: r.resident_kennung,
    markedW: r.marked_w === 1,
  };
}

/** The CSV columns of the Wählerverzeichnis, in the order of the demo file. */
export const VOTER_CSV_COLUMNS = [
  'wahlbezirk',
  'nr',
  'familienname',
  'vornamen',
  'geburtsdatum',
  'strasse',
  'hausnummer',
  'plz',
  'ort',
  'kennung',
] as const;
type VoterColumn = (typeof VOTER_CSV_COLUMNS)[number];
const REQUIRED_VOTER_COLUMNS: readonly VoterColumn[] = ['wahlbezirk', 'nr', 'familienname', 'vornamen', 'geburtsdatum', 'strasse', 'plz', 'ort'];
/** Accepted alternative header names. */
const COLUMN_ALIASES: Record<string, VoterColumn> = {
  waehlerverzeichnis_nr: 'nr',
  waehlerverzeichnisnummer: 'nr',
  nummer: 'nr',
  wahlbezirk_nr: 'wahlbezirk',
  postleitzahl: 'plz',
};
const VOTER_LABEL: Record<VoterColumn, string> = {
  wahlbezirk: 'Wahlbezirk',
  nr: 'Wählerverzeichnis-Nr.',
  familienname: 'Familienname',
  vornamen: 'Vornamen',
  geburtsdatum: 'Geburtsdatum',
  strasse: 'Straße',
  hausnummer: 'Hausnummer',
  plz: 'PLZ',
  ort: 'Ort',
  kennung: 'Kennung',
};
const VOTER_NUMBER_RE = /^[0-9A-Za-z](?:[0-9A-Za-z/.-]{0,18}[0-9A-Za-z])?$/;


interface VoterInputRow {
  line: number;
  voterNumber: string;
  wahlbezirk: number;
  familyName: string;
  givenNames: string;
  birthDate: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  residentKennung: string | null;
}

/** Reads and checks every row; throws CsvImportError on the first bad line. */
function readVoterRows(csvText: string, election: ElectionRecord): VoterInputRow[] {
  const bezirke = new Set(election.config.wahlbezirke.map((w) => w.number));
  const numberLine = new Map<string, number>();
  const rows: VoterInputRow[] = [];
  for (const { line, row } of readCsvRecords(csvText, VOTER_CSV_COLUMNS, REQUIRED_VOTER_COLUMNS, (n) => (Object.prototype.hasOwnProperty.call(COLUMN_ALIASES, n) ? COLUMN_ALIASES[n] : undefined))) {
    const get = (c: VoterColumn) => row[c];
    for (const c of REQUIRED_VOTER_COLUMNS) {
      if (c !== 'vornamen' && get(c) === '') throw new CsvImportError(line, `${VOTER_LABEL[c]} fehlt.`);
    }

    const bezirkRaw = get('wahlbezirk');
    if (!/^\d{1,3}$/.test(bezirkRaw) || Number(bezirkRaw) < 1) {
      throw new CsvImportError(line, `Wahlbezirk „${bezirkRaw}“: bitte eine Nummer von 1 bis 999.`);
    }
    const wahlbezirk = Number(bezirkRaw);
    if (!bezirke.has(wahlbezirk)) {
      throw new CsvImportError(line, `Wahlbezirk ${wahlbezirk} ist für die Wahl „${election.name}“ nicht angelegt.`);
    }

    const voterNumber = get('nr');
    if (!VOTER_NUMBER_RE.test(voterNumber)) {
      throw new CsvImportError(
        line,
        `Wählerverzeichnis-Nr. „${voterNumber}“ ist ungültig (bis zu 20 Zeichen: Ziffern, Buchstaben, „-“, „/“, „.“).`,
      );
    }
    const earlier = numberLine.get(voterNumber);
    if (earlier !== undefined) {
      throw new CsvImportError(line, `Wählerverzeichnis-Nr. „${voterNumber}“ kommt bereits in Zeile ${earlier} vor.`);
    }
    numberLine.set(voterNumber, line);

    for (const c of ['familienname', 'vornamen'] as const) {
      const v = get(c);
      if (v.length > 200) throw new CsvImportError(line, `${VOTER_LABEL[c]}: höchstens 200 Zeichen.`);
      const bad = invalidNameCharacters(v);
      if (bad.length > 0) {
        throw new CsvImportError(line, `${VOTER_LABEL[c]} „${v}“: Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}`);
      }
    }
    for (const c of ['strasse', 'hausnummer', 'ort'] as const) {
      const v = get(c);
      if (v.length > 120) throw new CsvImportError(line, `${VOTER_LABEL[c]}: höchstens 120 Zeichen.`);
      const bad = invalidTextCharacters(v);
      if (bad.length > 0) {
        throw new CsvImportError(line, `${VOTER_LABEL[c]} „${v}“: Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}`);
      }
    }
    const plz = get('plz');
    if (!/^\d{5}$/.test(plz)) throw new CsvImportError(line, `PLZ „${plz}“: bitte fünf Ziffern.`);

    const birthRaw = get('geburtsdatum');
    const birthDate = parseDateInput(birthRaw);
    if (birthDate === null) throw new CsvImportError(line, `Geburtsdatum „${birthRaw}“ ist kein gültiges Datum.`);
    if (birthDate > election.date) {
      throw new CsvImportError(line, `Geburtsdatum „${birthRaw}“ liegt nach dem Wahltag.`);
    }

    rows.push({
      line,
      voterNumber,
      wahlbezirk,
      familyName: get('familienname'),
      givenNames: get('vornamen'),
      birthDate,
      street: get('strasse'),
      houseNumber: get('hausnummer'),
      postalCode: plz,
      city: get('ort'),
      residentKennung: get('kennung') || null,
    });
  }
  return rows;
}

/**
 * Imports the Wählerverzeichnis of an election from CSV text, in one transaction: a bad line aborts the import
 * with a CsvImportError ("Zeile N: …") and nothing is written. Voters are matched by Wählerverzeichnis-Nr.:
 * existing ones are updated (their Vermerk "W" and Wahlscheine stay), voters missing from the file stay untouched.
 */
export function importVoterRegisterCsv(db: Db, electionId: number, csvText: string): { imported: number; updated: number } {
  const election = requireElection(db, electionId);
  const rows = readVoterRows(csvText, election);
  return inTransaction(db, () => {
    let imported = 0;
    let updated = 0;
    const find = sql(db, 'SELECT id FROM voter_register WHERE election_id = ? AND voter_number = ?');
    const insert = sql(
      db,
      `INSERT INTO voter_register (election_id, voter_number, wahlbezirk, family_name, given_names, birth_date, street,
         house_number, postal_code, city, resident_kennung, search_family, search_given)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = sql(
      db,
      `UPDATE voter_register SET wahlbezirk = ?, family_name = ?, given_names = ?, birth_date = ?, street = ?,
         house_number = ?, postal_code = ?, city = ?, resident_kennung = ?, search_family = ?, search_given = ?
       WHERE id = ?`,
    );
    for (const r of rows) {
      const values = [
        r.wahlbezirk,
        r.familyName,
        r.givenNames,
        r.birthDate,
        r.street,
        r.houseNumber,
        r.postalCode,
        r.city,
        r.residentKennung,
        foldForSearch(r.familyName),
        foldForSearch(r.givenNames),
      ] as const;
      try {
        const existing = find.get(electionId, r.voterNumber) as { id: number } | undefined;
        if (existing) {
          update.run(...values, existing.id);
          updated++;
        } else {
          insert.run(electionId, r.voterNumber, ...values);
          imported++;
        }
      } catch (err) {
        throw new CsvImportError(r.line, `Der Eintrag „${r.voterNumber}“ konnte nicht gespeichert werden: ${(err as Error).message}`);
      }
    }
    return { imported, updated };
  });
}

export function getVoter(db: Db, voterId: number): Voter | null {
  const r = sql(db, 'SELECT * FROM voter_register WHERE id = ?').get(voterId) as VoterRow | undefined;
  return r ? toVoter(r) : null;
}

export function getVoterByNumber(db: Db, electionId: number, voterNumber: string): Voter | null {
  const r = sql(db, 'SELECT * FROM voter_register WHERE election_id = ? AND voter_number = ?').get(electionId, voterNumber) as
    | VoterRow
    | undefined;
  return r ? toVoter(r) : null;
}

export function countVoters(db: Db, electionId: number): number {
  return (sql(db, 'SELECT count(*) AS n FROM voter_register WHERE election_id = ?').get(electionId) as { n: number }).n;
}

/**
 * The voters with these names and this birth date (as an application names them, § 27 BWO). Names compare
 * folded (foldForSearch: "Lukasz Kowalski" finds "Łukasz Kowalski", "Guenes" finds "Güneş"), the birth date
 * exactly (YYYY-MM-DD or DD.MM.YYYY). Usually one voter; several when the register has namesakes born the same day.
 */
export function findVoter(
  db: Db,
  electionId: number,
  q: { familienname: string; vornamen: string; geburtsdatum: string },
): Voter[] {
  const birth = parseDateInput(q.geburtsdatum.trim());
  if (birth === null) return [];
  const rows = sql(
    db,
    `SELECT * FROM voter_register WHERE election_id = ? AND search_family = ? AND search_given = ? AND birth_date = ?
     ORDER BY voter_number`,
  ).all(electionId, foldForSearch(q.familienname), foldForSearch(q.vornamen), birth) as VoterRow[];
  return rows.map(toVoter);
}

/**
 * The counter's voter search: family name (folded, from its beginning: "Mul" finds "Müller"), optionally given
 * names (folded, from the beginning) and the birth date (exact). At most `limit` voters, by name.
 */
export function searchVoters(
  db: Db,
  electionId: number,
  q: { familyName?: string | null; givenNames?: string | null; birthDate?: string | null; residentKennung?: string | null },
  limit = 50,
): Voter[] {
  const where = ['election_id = ?'];
  const args: (string | number)[] = [electionId];
  const like = (v: string) => `${foldForSearch(v).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (q.residentKennung?.trim()) {
    where.push('resident_kennung = ?');
    args.push(q.residentKennung.trim());
  }
  // A name that folds to nothing (only punctuation) is no criterion.
  if (q.familyName && foldForSearch(q.familyName).trim()) {
    where.push("search_family LIKE ? ESCAPE '\\'");
    args.push(like(q.familyName.trim()));
  }
  if (q.givenNames && foldForSearch(q.givenNames).trim()) {
    where.push("search_given LIKE ? ESCAPE '\\'");
    args.push(like(q.givenNames.trim()));
  }
  if (q.birthDate?.trim()) {
    const birth = parseDateInput(q.birthDate.trim());
    if (birth === null) return [];
    where.push('birth_date = ?');
    args.push(birth);
  }
  if (args.length === 1) return [];
  const rows = db
    .prepare(`SELECT * FROM voter_register WHERE ${where.join(' AND ')} ORDER BY search_family, search_given, birth_date, voter_number LIMIT ?`)
    .all(...args, limit) as VoterRow[];
  return rows.map(toVoter);
}

/**
 * Wahlscheine without an entry in the Wählerverzeichnis (§ 25 Abs. 2 BWO) need a row the Wahlschein can point to:
 * it gets a number of its own ("A25-003-0001": Wahlbezirk 3, first such person), so it is never mistaken for an
 * entry of the Wählerverzeichnis, and the Wahlscheinverzeichnis lists it in its separate section.
 */
export const EXCEPTION_VOTER_PREFIX = 'A25-';

export function isExceptionVoter(v: Pick<Voter, 'voterNumber'>): boolean {
  return v.voterNumber.startsWith(EXCEPTION_VOTER_PREFIX);
}

/** Adds (or finds, by names and birth date) the row of a person issued a Wahlschein under § 25 Abs. 2. */
export function addExceptionVoter(
  db: Db,
  electionId: number,
  p: { familyName: string; givenNames: string; birthDate: string; wahlbezirk: number; address: Voter['address'] },
): Voter {
  return inTransaction(db, () => {
    const election = requireElection(db, electionId);
    if (!election.config.wahlbezirke.some((w) => w.number === p.wahlbezirk)) {
      throw new ElectionError('unknown_voter', `Der Wahlbezirk ${p.wahlbezirk} gehört nicht zur Wahl „${election.name}“.`);
    }
    const existing = findVoter(db, electionId, { familienname: p.familyName, vornamen: p.givenNames, geburtsdatum: p.birthDate }).find(
      isExceptionVoter,
    );
    if (existing) return existing;
    const prefix = `${EXCEPTION_VOTER_PREFIX}${String(p.wahlbezirk).padStart(3, '0')}-`;
    const n =
      (sql(db, 'SELECT count(*) AS n FROM voter_register WHERE election_id = ? AND voter_number LIKE ?').get(electionId, `${prefix}%`) as {
        n: number;
      }).n + 1;
    const info = sql(
      db,
      `INSERT INTO voter_register (election_id, voter_number, wahlbezirk, family_name, given_names, birth_date, street,
         house_number, postal_code, city, resident_kennung, search_family, search_given)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    ).run(
      electionId,
      `${prefix}${String(n).padStart(4, '0')}`,
      p.wahlbezirk,
      p.familyName,
      p.givenNames,
      p.birthDate,
      p.address.street,
      p.address.houseNumber,
      p.address.postalCode,
      p.address.city,
      foldForSearch(p.familyName),
      foldForSearch(p.givenNames),
    );
    return getVoter(db, Number(info.lastInsertRowid))!;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Wahlscheine
// ---------------------------------------------------------------------------------------------------------------

export interface Wahlschein {
  id: number;
  electionId: number;
  /** "WS 012-0001". */
  number: string;
  voterId: number;
  wahlbezirk: number;
  state: 'valid' | 'invalid';
  issuedAt: string;
  invalidatedAt: string | null;
  reason: InvalidationReason | null;
  reasonText: string | null;
  delivery: Delivery | null;
}

/** A line of the Wahlscheinverzeichnis: the Wahlschein with its voter. */
export interface WahlscheinEntry extends Wahlschein {
  voterNumber: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
}

interface WahlscheinRow {
  id: number;
  election_id: number;
  number: string;
  voter_id: number;
  wahlbezirk: number;
  state: 'valid' | 'invalid';
  issued_at: string;
  invalidated_at: string | null;
  reason: InvalidationReason | null;
  reason_text: string | null;
  delivery: string | null;
}

function toWahlschein(r: WahlscheinRow): Wahlschein {
  return {
    id: r.id,
    electionId: r.election_id,
    number: r.number,
    voterId: r.voter_id,
    wahlbezirk: r.wahlbezirk,
    state: r.state,
    issuedAt: r.issued_at,
    invalidatedAt: r.invalidated_at,
    reason: r.reason,
    reasonText: r.reason_text,
    delivery: r.delivery === null ? null : (JSON.parse(r.delivery) as Delivery),
  };
}

/** Every Wahlschein of a voter, oldest first. */
export function wahlscheineOfVoter(db: Db, voterId: number): Wahlschein[] {
  return (sql(db, 'SELECT * FROM wahlscheine WHERE voter_id = ? ORDER BY issued_at, id').all(voterId) as WahlscheinRow[]).map(
    toWahlschein,
  );
}

/** The valid Wahlschein of a voter, if any. */
export function validWahlscheinOf(db: Db, voterId: number): Wahlschein | null {
  const r = sql(db, "SELECT * FROM wahlscheine WHERE voter_id = ? AND state = 'valid'").get(voterId) as WahlscheinRow | undefined;
  return r ? toWahlschein(r) : null;
}

export function getWahlschein(db: Db, electionId: number, number: string): Wahlschein | null {
  const r = sql(db, 'SELECT * FROM wahlscheine WHERE election_id = ? AND number = ?').get(electionId, number.trim()) as
    | WahlscheinRow
    | undefined;
  return r ? toWahlschein(r) : null;
}

/**
 * Issues a Wahlschein to a voter of the Wählerverzeichnis: the next number of the voter's Wahlbezirk, the Vermerk
 * "W". Refused (ElectionError) when the ballots are not ready, or when the voter already holds a valid Wahlschein
 * (a replacement needs invalidateWahlschein first). One transaction; the unique index backs the check.
 */
export function issueWahlschein(
  db: Db,
  electionId: number,
  voterId: number,
  options: { now: string; delivery?: Delivery | null },
): Wahlschein {
  let delivery: Delivery | null = null;
  if (options.delivery != null) {
    const parsed = deliverySchema.safeParse(options.delivery);
    if (!parsed.success) {
      throw new ElectionError('invalid_delivery', `Die Zustellung ist ungültig: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    delivery = parsed.data;
  }
  return inTransaction(db, () => {
    const election = requireElection(db, electionId);
    if (!election.ballotsReady) {
      throw new ElectionError(
        'ballots_not_ready',
        `Für die Wahl „${election.name}“ liegen die Stimmzettel noch nicht vor; Wahlscheine können erst danach erteilt werden.`,
      );
    }
    const voter = getVoter(db, voterId);
    if (!voter || voter.electionId !== electionId) {
      throw new ElectionError('unknown_voter', 'Die Person steht nicht im Wählerverzeichnis dieser Wahl.');
    }
    const valid = validWahlscheinOf(db, voterId);
    if (valid) {
      throw new ElectionError(
        'already_valid',
        `${voter.givenNames} ${voter.familyName} hat bereits den gültigen Wahlschein ${valid.number}. ` +
          'Ein neuer Wahlschein kann erst erteilt werden, wenn dieser für ungültig erklärt ist.',
      );
    }
    const issued = (
      sql(db, 'SELECT number FROM wahlscheine WHERE election_id = ? AND wahlbezirk = ?').all(electionId, voter.wahlbezirk) as {
        number: string;
      }[]
    ).map((r) => r.number);
    const number = nextWahlscheinNumber(voter.wahlbezirk, issued);
    const info = sql(
      db,
      `INSERT INTO wahlscheine (election_id, number, voter_id, wahlbezirk, state, issued_at, delivery)
       VALUES (?, ?, ?, ?, 'valid', ?, ?)`,
    ).run(electionId, number, voterId, voter.wahlbezirk, options.now, delivery === null ? null : JSON.stringify(delivery));
    sql(db, 'UPDATE voter_register SET marked_w = 1 WHERE id = ?').run(voterId);
    return toWahlschein(sql(db, 'SELECT * FROM wahlscheine WHERE id = ?').get(Number(info.lastInsertRowid)) as WahlscheinRow);
  });
}

/**
 * Declares a valid Wahlschein invalid (e.g. not received: § 28 Abs. 10 BWO). It stays in the Wahlscheinverzeichnis
 * and appears in invalidatedList; the voter keeps the Vermerk "W" and may get a replacement.
 */
export function invalidateWahlschein(
  db: Db,
  electionId: number,
  number: string,
  options: { now: string; reason: InvalidationReason; reasonText?: string | null },
): Wahlschein {
  if (!(INVALIDATION_REASONS as readonly string[]).includes(options.reason)) {
    throw new ElectionError('invalid_reason', `Unbekannter Grund „${options.reason}“ für die Ungültigerklärung.`);
  }
  return inTransaction(db, () => {
    const ws = getWahlschein(db, electionId, number);
    if (!ws) throw new ElectionError('unknown_wahlschein', `Den Wahlschein „${number.trim()}“ gibt es für diese Wahl nicht.`);
    if (ws.state === 'invalid') {
      throw new ElectionError('already_invalid', `Der Wahlschein ${ws.number} ist bereits für ungültig erklärt (${ws.invalidatedAt}).`);
    }
    sql(db, "UPDATE wahlscheine SET state = 'invalid', invalidated_at = ?, reason = ?, reason_text = ? WHERE id = ?").run(
      options.now,
      options.reason,
      options.reasonText?.trim() || null,
      ws.id,
    );
    return getWahlschein(db, electionId, ws.number)!;
  });
}

/** The number the next Wahlschein of a Wahlbezirk would get (for a preview; nothing is reserved). */
export function peekNextWahlscheinNumber(db: Db, electionId: number, wahlbezirk: number): string {
  const issued = (
    sql(db, 'SELECT number FROM wahlscheine WHERE election_id = ? AND wahlbezirk = ?').all(electionId, wahlbezirk) as { number: string }[]
  ).map((r) => r.number);
  return nextWahlscheinNumber(wahlbezirk, issued);
}

/** Valid Wahlscheine of an election handed to a proxy, with their voter (to count the voters a proxy collects for). */
export function proxyWahlscheine(db: Db, electionId: number): WahlscheinEntry[] {
  return (
    sql(
      db,
      `${ENTRY_SELECT} WHERE w.election_id = ? AND w.state = 'valid' AND json_extract(w.delivery, '$.kind') = 'pickup_by_proxy'`,
    ).all(electionId) as EntryRow[]
  ).map(toEntry);
}

const ENTRY_SELECT = `SELECT w.*, v.voter_number, v.family_name, v.given_names, v.birth_date
  FROM wahlscheine w JOIN voter_register v ON v.id = w.voter_id`;

type EntryRow = WahlscheinRow & { voter_number: string; family_name: string; given_names: string; birth_date: string };

function toEntry(r: EntryRow): WahlscheinEntry {
  return {
    ...toWahlschein(r),
    voterNumber: r.voter_number,
    familyName: r.family_name,
    givenNames: r.given_names,
    birthDate: r.birth_date,
  };
}

/** The Wahlscheinverzeichnis: every Wahlschein of the election (valid and invalid), by number. */
export function wahlscheinverzeichnis(db: Db, electionId: number): WahlscheinEntry[] {
  return (sql(db, `${ENTRY_SELECT} WHERE w.election_id = ? ORDER BY w.number`).all(electionId) as EntryRow[]).map(toEntry);
}

/** The list of Wahlscheine declared invalid (passed to the Wahlvorstände / Briefwahlvorstände), by number. */
export function invalidatedList(db: Db, electionId: number): WahlscheinEntry[] {
  return (
    sql(db, `${ENTRY_SELECT} WHERE w.election_id = ? AND w.state = 'invalid' ORDER BY w.number`).all(electionId) as EntryRow[]
  ).map(toEntry);
}

// ---------------------------------------------------------------------------------------------------------------
// Demo
// ---------------------------------------------------------------------------------------------------------------

/** The demo Wählerverzeichnis inside a resources folder. */
export const DEMO_VOTER_REGISTER_FILE = path.join('demo', 'waehlerverzeichnis.csv');

/** Wahlbezirke of the demo (invented division of Lingen (Ems) by street, see waehlerverzeichnis-README.md). */
export const DEMO_WAHLBEZIRKE = [
  { number: 1, name: 'Altstadt' },
  { number: 2, name: 'Innenstadt Bahnhof' },
  { number: 3, name: 'Innenstadt Nord' },
  { number: 4, name: 'Darme' },
  { number: 5, name: 'Laxten' },
  { number: 6, name: 'Altenlingen' },
  { number: 7, name: 'Baccum' },
] as const;

/** The demo election (key DEMO_ELECTION_ID 'ltw-2027' of electron/portal-sim/demo-applications.ts). */
export const DEMO_ELECTION: ElectionInput = {
  id: 'ltw-2027',
  name: 'Landtagswahl Niedersachsen 2027',
  kind: 'landtag',
  date: '2027-10-10',
  constituency: { number: null, name: 'Lingen' },
  wahlbezirke: DEMO_WAHLBEZIRKE.map((w) => ({ ...w })),
  ballotsReady: true,
};

/**
 * Creates the demo election (unless it exists) and imports resources/demo/waehlerverzeichnis.csv into it
 * (re-running updates the voters by number, never duplicates them).
 */
export function loadDemoElection(
  db: Db,
  resourcesDir: string,
  now = new Date().toISOString(),
): { election: ElectionRecord; imported: number; updated: number } {
  const text = fs.readFileSync(path.join(resourcesDir, DEMO_VOTER_REGISTER_FILE), 'utf8');
  const election = getElectionByKey(db, DEMO_ELECTION.id) ?? createElection(db, DEMO_ELECTION, now);
  const result = importVoterRegisterCsv(db, election.id, text);
  return { election, ...result };
}

/** Streets of the demo residents and their demo Wahlbezirk; other streets go by postcode (DEMO_BEZIRK_BY_PLZ). */
const DEMO_BEZIRK_BY_STREET: Record<string, number> = {
  'Am Markt': 1,
  Burgstraße: 1,
  Castellstraße: 1,
  'Große Straße': 1,
  Kaiserstraße: 1,
  Marienstraße: 1,
  Bahnhofstraße: 2,
  Clubstraße: 2,
  Georgstraße: 2,
  Gymnasialstraße: 2,
  Elisabethstraße: 3,
  'Konrad-Adenauer-Ring': 3,
  Lookenstraße: 3,
  Schlachterstraße: 3,
  Wilhelmstraße: 3,
  'Willy-Brandt-Ring': 3,
  'Darmer Escher': 4,
  'Frerener Straße': 4,
  Kiesberg: 4,
  'Lengericher Straße': 5,
  'Nordhorner Straße': 5,
  'Rheiner Straße': 5,
  'Schüttorfer Straße': 5,
  'Haselünner Straße': 6,
  'Meppener Straße': 6,
  'Baccumer Straße': 7,
  Waldstraße: 7,
};
const DEMO_BEZIRK_BY_PLZ: Record<string, number> = { '49808': 3, '49809': 5, '49811': 6 };

/**
 * The demo Wählerverzeichnis from the demo Melderegister (resources/demo/residents.csv): every resident alive,
 * German (staatsangehoerigkeiten contains "deutsch"), 18 or older on the election day (born on or before the
 * same calendar day 18 years earlier), with a current Hauptwohnung in Lingen (Ems). Numbered per Wahlbezirk in
 * alphabetical order ("003-0042": Wahlbezirk 3, 42nd entry). Deterministic.
 */
export function generateDemoVoterRegisterCsv(residentsCsv: string, electionDate = DEMO_ELECTION.date): string {
  const text = stripBom(residentsCsv);
  const [header, ...data] = parseCsv(text, detectSeparator(text));
  if (!header) return '';
  const col = (name: string) => {
    const i = header.fields.findIndex((f) => f.trim() === name);
    if (i < 0) throw new Error(`residents.csv: Spalte ${name} fehlt`);
    return i;
  };
  const c = {
    kennung: col('kennung'),
    familienname: col('familienname'),
    vornamen: col('vornamen'),
    geburtsdatum: col('geburtsdatum'),
    staat: col('staatsangehoerigkeiten'),
    sterbedatum: col('sterbedatum'),
    wohnungsart: col('wohnungsart'),
    strasse: col('strasse'),
    hausnummer: col('hausnummer'),
    plz: col('plz'),
    ort: col('ort'),
    auszug: col('auszug'),
  };
  const [y, m, d] = electionDate.split('-');
  const adultBornBy = `${Number(y) - 18}-${m}-${d}`;
  const voters: { bezirk: number; family: string; given: string; birth: string; f: string[] }[] = [];
  const seen = new Set<string>();
  for (const { fields: f } of data) {
    const v = (i: number) => (f[i] ?? '').trim();
    const kennung = v(c.kennung);
    if (seen.has(kennung)) continue;
    const nationalities = v(c.staat).split('|').map((s) => s.trim());
    const birth = parseDateInput(v(c.geburtsdatum));
    const home = ['', 'haupt'].includes(v(c.wohnungsart).toLowerCase()) && v(c.auszug) === '' && v(c.ort) === 'Lingen (Ems)';
    if (!home || v(c.sterbedatum) !== '' || !nationalities.includes('deutsch') || birth === null || birth > adultBornBy) continue;
    const bezirk = DEMO_BEZIRK_BY_STREET[v(c.strasse)] ?? DEMO_BEZIRK_BY_PLZ[v(c.plz)];
    if (bezirk === undefined) continue;
    seen.add(kennung);
    voters.push({ bezirk, family: foldForSearch(v(c.familienname)), given: foldForSearch(v(c.vornamen)), birth, f });
  }
  voters.sort(
    (a, b) =>
      a.bezirk - b.bezirk ||
      a.family.localeCompare(b.family, 'de') ||
      a.given.localeCompare(b.given, 'de') ||
      a.birth.localeCompare(b.birth) ||
      (a.f[c.kennung] ?? '').localeCompare(b.f[c.kennung] ?? ''),
  );
  const running = new Map<number, number>();
  const rows: string[][] = [[...VOTER_CSV_COLUMNS]];
  for (const x of voters) {
    const n = (running.get(x.bezirk) ?? 0) + 1;
    running.set(x.bezirk, n);
    const v = (i: number) => (x.f[i] ?? '').trim();
    rows.push([
      String(x.bezirk),
      `${String(x.bezirk).padStart(3, '0')}-${String(n).padStart(4, '0')}`,
      v(c.familienname),
      v(c.vornamen),
      x.birth,
      v(c.strasse),
      v(c.hausnummer),
      v(c.plz),
      v(c.ort),
      v(c.kennung),
    ]);
  }
  return '\ufeff' + formatCsv(rows);
}
