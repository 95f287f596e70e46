/**
 * The local Personenstandsregister of the Standesamt Lingen (Ems): storage of RegisterEntry values
 * (shared/services/personenstand/register.ts) in the table personenstand_entries (migration 005), lookup by
 * reference ("G 399/2010"), search by name and date, and the CSV import (format: resources/demo/personenstand-README.md).
 *
 * Every write is checked with validateEntry; the search columns are derived from the entry on write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldForSearch, searchWords } from '../../../shared/domain/names';
import {
  ENTRY_REGISTER,
  REGISTER_KINDS,
  currentFacts,
  formatRegisterReference,
  parseRegisterReference,
  validateEntry,
  type BirthEntry,
  type BirthParent,
  type DeathEntry,
  type EntryKind,
  type EntryRestriction,
  type Folgebeurkundung,
  type MarriageEntry,
  type PartnershipEntry,
  type RegisterEntry,
  type RegisterKind,
  type RegisterReference,
  type RegistrarTitle,
  type Sex,
  type Spouse,
  type UnionFacts,
  type UnionPatch,
} from '../../../shared/services/personenstand/register';
import { inTransaction, sql, type Db } from '../db/connection';
import { CsvImportError, normaliseHeader, readCsvRecords } from './csv-import';
import { parseDateInput } from './dates';

export { CsvImportError };

/** Thrown by upsertEntry for an entry that validateEntry rejects; `problems` are the German messages. */
export class PersonenstandValidationError extends Error {
  constructor(
    readonly reference: string,
    readonly problems: string[],
  ) {
    super(`Eintrag ${reference}: ${problems.join(' ')}`);
    this.name = 'PersonenstandValidationError';
  }
}

export interface StoredEntry {
  id: number;
  entry: RegisterEntry;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Search columns

/** Every name of every person of the entry, Haupteintrag and current facts. */
function entryNames(entry: RegisterEntry): string[] {
  const out: (string | null)[] = [];
  const facts = [entry.facts, currentFacts(entry)];
  for (const f of facts) {
    if (entry.kind === 'geburt') {
      const b = f as BirthEntry['facts'];
      out.push(b.child.birthName, b.child.givenNames);
    } else if (entry.kind === 'sterbefall') {
      const d = f as DeathEntry['facts'];
      out.push(d.deceased.familyName, d.deceased.birthName, d.deceased.givenNames);
    } else {
      for (const s of (f as UnionFacts).spouses) {
        out.push(s.current.familyName, s.current.givenNames, s.before.familyName, s.before.birthName, s.before.givenNames);
      }
    }
  }
  return out.filter((x): x is string => !!x);
}

function mainName(entry: RegisterEntry): string {
  if (entry.kind === 'geburt') return currentFacts(entry).child.birthName;
  if (entry.kind === 'sterbefall') return currentFacts(entry).deceased.familyName;
  return currentFacts(entry).spouses[0].current.familyName;
}

function eventDate(entry: RegisterEntry): string {
  if (entry.kind === 'geburt') return currentFacts(entry).birth.date;
  if (entry.kind === 'sterbefall') return currentFacts(entry).death.date;
  return currentFacts(entry).event.date;
}

function personDates(entry: RegisterEntry): string[] {
  if (entry.kind === 'geburt') return [currentFacts(entry).birth.date];
  if (entry.kind === 'sterbefall') return [currentFacts(entry).birth.date];
  return currentFacts(entry).spouses.map((s) => s.birthDate);
}

function uniqueWords(texts: string[]): string {
  return [...new Set(texts.flatMap((t) => searchWords(t)))].join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Store

/**
 * Inserts the entry or replaces the one with the same reference. Throws PersonenstandValidationError when
 * validateEntry finds problems (nothing is written then).
 */
export function upsertEntry(db: Db, entry: RegisterEntry, now: string): { id: number; created: boolean } {
  const ref = formatRegisterReference(entry.reference);
  const problems = validateEntry(entry);
  if (problems.length) throw new PersonenstandValidationError(ref, problems);
  const { register, year, number } = entry.reference;
  const existing = sql(db, 'SELECT id FROM personenstand_entries WHERE register = ? AND year = ? AND number = ?').get(
    register,
    year,
    number,
  ) as { id: number } | undefined;
  const values = {
    register,
    year,
    number,
    kind: entry.kind,
    entry: JSON.stringify(entry),
    main: foldForSearch(mainName(entry)),
    names: uniqueWords(entryNames(entry)),
    eventDate: eventDate(entry),
    personDates: [...new Set(personDates(entry))].join(' '),
    now,
  };
  if (existing) {
    sql(
      db,
      `UPDATE personenstand_entries SET kind = @kind, entry = @entry, main_name_folded = @main, names_folded = @names,
         event_date = @eventDate, person_dates = @personDates, updated_at = @now WHERE id = @id`,
    ).run({ ...values, id: existing.id });
    return { id: existing.id, created: false };
  }
  const info = sql(
    db,
    `INSERT INTO personenstand_entries (register, year, number, kind, entry, main_name_folded, names_folded, event_date,
       person_dates, created_at, updated_at)
     VALUES (@register, @year, @number, @kind, @entry, @main, @names, @eventDate, @personDates, @now, @now)`,
  ).run(values);
  return { id: Number(info.lastInsertRowid), created: true };
}

interface EntryRow {
  id: number;
  entry: string;
  created_at: string;
  updated_at: string;
}

const toStored = (r: EntryRow): StoredEntry => ({
  id: r.id,
  entry: JSON.parse(r.entry) as RegisterEntry,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The entry with this reference — a RegisterReference or text like "G 399/2010" — or null. */
export function getEntryByReference(db: Db, ref: RegisterReference | string): StoredEntry | null {
  const r = typeof ref === 'string' ? parseRegisterReference(ref) : ref;
  if (!r) return null;
  const row = sql(
    db,
    'SELECT id, entry, created_at, updated_at FROM personenstand_entries WHERE register = ? AND year = ? AND number = ?',
  ).get(r.register, r.year, r.number) as EntryRow | undefined;
  return row ? toStored(row) : null;
}

export interface PersonenstandQuery {
  /** Words of any name of any person of the entry; each word must begin a name word (folded: diacritics ignored). */
  name?: string;
  /** YYYY-MM-DD (or DD.MM.YYYY): the day of the event or a birth date of a person of the entry. */
  date?: string;
  register?: RegisterKind;
  /** At most this many results (default 100). */
  limit?: number;
}

/** Entries matching all given criteria, newest event first. An empty query finds nothing. */
export function searchEntries(db: Db, q: PersonenstandQuery): StoredEntry[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const words = q.name ? searchWords(q.name) : [];
  for (const w of words) {
    // Folded words contain only letters, digits and blanks: no LIKE wildcards to escape.
    where.push(`(' ' || names_folded) LIKE ?`);
    params.push(`% ${w}%`);
  }
  if (q.date !== undefined && q.date.trim() !== '') {
    const iso = parseDateInput(q.date);
    if (!iso) return [];
    where.push(`(event_date = ? OR instr(person_dates, ?) > 0)`);
    params.push(iso, iso);
  }
  if (q.register) {
    if (!(REGISTER_KINDS as readonly string[]).includes(q.register)) return [];
    where.push('register = ?');
    params.push(q.register);
  }
  if (where.length === 0 || (q.name !== undefined && q.name.trim() !== '' && words.length === 0)) return [];
  const limit = Math.max(1, Math.min(q.limit ?? 100, 1000));
  const rows = db
    .prepare(
      `SELECT id, entry, created_at, updated_at FROM personenstand_entries WHERE ${where.join(' AND ')}
       ORDER BY event_date DESC, register, year DESC, id DESC LIMIT ${limit}`,
    )
    .all(...params) as EntryRow[];
  return rows.map(toStored);
}

/** Number of entries per register. */
export function countEntries(db: Db): Record<RegisterKind, number> {
  const out: Record<RegisterKind, number> = { G: 0, E: 0, L: 0, S: 0 };
  for (const r of sql(db, 'SELECT register, count(*) AS n FROM personenstand_entries GROUP BY register').all() as {
    register: RegisterKind;
    n: number;
  }[]) {
    out[r.register] = r.n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV import

/** The columns, in the order of the demo file; see resources/demo/personenstand-README.md. */
export const PERSONENSTAND_CSV_COLUMNS = [
  'register',
  'jahr',
  'nummer',
  'art',
  'standesamt',
  'beurkundet_am',
  'urkundsperson',
  'urkundsperson_titel',
  'ereignis_datum',
  'ereignis_zeit',
  'ereignis_ort',
  'p1_bezeichnung',
  'p1_familienname',
  'p1_vornamen',
  'p1_geburtsname',
  'p1_familienname_vorher',
  'p1_vornamen_vorher',
  'p1_geschlecht',
  'p1_geburtsdatum',
  'p1_geburtsort',
  'p2_bezeichnung',
  'p2_familienname',
  'p2_vornamen',
  'p2_geburtsname',
  'p2_familienname_vorher',
  'p2_vornamen_vorher',
  'p2_geburtsdatum',
  'p2_geburtsort',
  'e1_bezeichnung',
  'e1_familienname',
  'e1_vornamen',
  'e1_geburtsname',
  'e1_geschlecht',
  'e2_bezeichnung',
  'e2_familienname',
  'e2_vornamen',
  'e2_geburtsname',
  'e2_geschlecht',
  'letzter_wohnsitz',
  'familienstand',
  'ehegatte_bezeichnung',
  'ehegatte_familienname',
  'ehegatte_vornamen',
  'weitere_angaben',
  'hinweise',
  'beschraenkungen',
  'fb_anlass',
  'fb_wirksam_am',
  'fb_beurkundet_am',
  'fb_urkundsperson',
  'fb_urkundsperson_titel',
  'fb_text',
  'fb_p1_familienname',
  'fb_p1_vornamen',
  'fb_p2_familienname',
  'fb_p2_vornamen',
] as const;
export type PersonenstandCsvColumn = (typeof PERSONENSTAND_CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly PersonenstandCsvColumn[] = [
  'register',
  'jahr',
  'nummer',
  'art',
  'beurkundet_am',
  'urkundsperson',
  'ereignis_datum',
  'ereignis_ort',
  'p1_familienname',
  'p1_vornamen',
];

/** Standesamt assumed when the column is missing or empty. */
export const DEFAULT_STANDESAMT = 'Lingen (Ems)';

type Row = Record<PersonenstandCsvColumn, string>;


const ART: Record<string, EntryKind> = {
  geburt: 'geburt',
  ehe: 'ehe',
  eheschliessung: 'ehe',
  lebenspartnerschaft: 'lebenspartnerschaft',
  sterbefall: 'sterbefall',
  tod: 'sterbefall',
};

const SEX: Record<string, Sex> = {
  w: 'weiblich',
  weiblich: 'weiblich',
  m: 'männlich',
  maennlich: 'männlich',
  männlich: 'männlich',
  d: 'divers',
  divers: 'divers',
  x: 'ohne Angabe',
  'ohne angabe': 'ohne Angabe',
};

const RESTRICTIONS: readonly EntryRestriction[] = ['annahme_als_kind', 'sbgg', 'sperrvermerk'];

const splitList = (s: string) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

/** Reads one data row into an entry; throws CsvImportError naming the line. */
class RowReader {
  constructor(
    readonly row: Row,
    readonly line: number,
  ) {}

  fail(problem: string): never {
    throw new CsvImportError(this.line, problem);
  }
  text(c: PersonenstandCsvColumn): string {
    return this.row[c];
  }
  required(c: PersonenstandCsvColumn, label: string): string {
    const v = this.row[c];
    if (v === '') this.fail(`${label} fehlt (Spalte „${c}“).`);
    return v;
  }
  optional(c: PersonenstandCsvColumn): string | null {
    return this.row[c] === '' ? null : this.row[c];
  }
  date(c: PersonenstandCsvColumn, label: string): string {
    const raw = this.required(c, label);
    const iso = parseDateInput(raw);
    if (iso === null) this.fail(`${label} „${raw}“ ist kein gültiges Datum.`);
    return iso;
  }
  optionalDate(c: PersonenstandCsvColumn, label: string): string | null {
    return this.row[c] === '' ? null : this.date(c, label);
  }
  time(c: PersonenstandCsvColumn, label: string): string | null {
    const raw = this.row[c];
    if (raw === '') return null;
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(raw);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) this.fail(`${label} „${raw}“ ist keine gültige Uhrzeit (HH:MM).`);
    return `${m[1]!.padStart(2, '0')}:${m[2]}`;
  }
  sex(c: PersonenstandCsvColumn, label: string, required: boolean): Sex | null {
    const raw = this.row[c];
    if (raw === '') {
      if (required) this.fail(`${label} fehlt (Spalte „${c}“).`);
      return null;
    }
    const s = SEX[raw.toLowerCase()];
    if (!s) this.fail(`${label} „${raw}“ ist unbekannt (erlaubt: w, m, d, x).`);
    return s;
  }
  title(c: PersonenstandCsvColumn): RegistrarTitle {
    const raw = this.row[c];
    if (raw === '' || raw === 'Standesbeamter') return 'Standesbeamter';
    if (raw === 'Standesbeamtin') return 'Standesbeamtin';
    return this.fail(`Funktionsbezeichnung „${raw}“ ist unbekannt (erlaubt: Standesbeamter, Standesbeamtin).`);
  }
  forbidden(cols: readonly PersonenstandCsvColumn[], art: string): void {
    for (const c of cols) {
      if (this.row[c] !== '') this.fail(`Die Spalte „${c}“ gehört nicht zu einem Eintrag der Art „${art}“.`);
    }
  }
}

/** The parents' columns (e1_…, e2_…): a Geburtseintrag only. */
const BIRTH_ONLY: readonly PersonenstandCsvColumn[] = PERSONENSTAND_CSV_COLUMNS.filter((c) => /^e[12]_/.test(c));
const DEATH_ONLY: readonly PersonenstandCsvColumn[] = [
  'letzter_wohnsitz',
  'familienstand',
  'ehegatte_bezeichnung',
  'ehegatte_familienname',
  'ehegatte_vornamen',
];
const UNION_ONLY: readonly PersonenstandCsvColumn[] = [
  'p1_bezeichnung',
  'p1_familienname_vorher',
  'p1_vornamen_vorher',
  'p2_bezeichnung',
  'p2_familienname',
  'p2_vornamen',
  'p2_geburtsname',
  'p2_familienname_vorher',
  'p2_vornamen_vorher',
  'p2_geburtsdatum',
  'p2_geburtsort',
  'weitere_angaben',
  'fb_p2_familienname',
  'fb_p2_vornamen',
];

function readParent(r: RowReader, p: 'e1' | 'e2', label: string): BirthParent | null {
  const col = (s: string) => `${p}_${s}` as PersonenstandCsvColumn;
  const any = ['bezeichnung', 'familienname', 'vornamen', 'geburtsname', 'geschlecht'].some((s) => r.text(col(s)) !== '');
  if (!any) return null;
  const designation = r.required(col('bezeichnung'), `${label}: Bezeichnung`);
  if (!['Mutter', 'Vater', 'Elternteil'].includes(designation)) {
    r.fail(`${label}: Bezeichnung „${designation}“ ist unbekannt (erlaubt: Mutter, Vater, Elternteil).`);
  }
  const birthName = r.optional(col('geburtsname'));
  const familyName = r.required(col('familienname'), `${label}: Familienname`);
  return {
    designation: designation as BirthParent['designation'],
    familyName,
    givenNames: r.required(col('vornamen'), `${label}: Vornamen`),
    birthName: birthName === familyName ? null : birthName,
    sex: r.sex(col('geschlecht'), `${label}: Geschlecht`, false),
    elternteilRequested: false,
  };
}

function readSpouse(r: RowReader, p: 'p1' | 'p2', label: string): Spouse {
  const col = (s: string) => `${p}_${s}` as PersonenstandCsvColumn;
  const familyName = r.required(col('familienname'), `${label}: Familienname`);
  const givenNames = r.required(col('vornamen'), `${label}: Vornamen`);
  const before = r.optional(col('familienname_vorher')) ?? familyName;
  const birthName = r.optional(col('geburtsname'));
  return {
    designation: r.required(col('bezeichnung'), `${label}: Bezeichnung`),
    before: {
      familyName: before,
      birthName: birthName === before ? null : birthName,
      givenNames: r.optional(col('vornamen_vorher')) ?? givenNames,
    },
    current: { familyName, givenNames },
    birthDate: r.date(col('geburtsdatum'), `${label}: Geburtsdatum`),
    birthPlace: r.required(col('geburtsort'), `${label}: Geburtsort`),
  };
}

/** The one Folgebeurkundung of a row, or null when the fb_ columns are empty. */
function readFolge<P>(r: RowReader, standesamt: string, patch: P): Folgebeurkundung<P>[] {
  const fbCols = PERSONENSTAND_CSV_COLUMNS.filter((c) => c.startsWith('fb_'));
  if (fbCols.every((c) => r.text(c) === '')) return [];
  return [
    {
      anlass: r.required('fb_anlass', 'Folgebeurkundung: Anlass'),
      effectiveDate: r.optionalDate('fb_wirksam_am', 'Folgebeurkundung: Datum der Wirksamkeit'),
      recorded: {
        date: r.date('fb_beurkundet_am', 'Folgebeurkundung: Datum der Beurkundung'),
        place: standesamt,
        registrar: r.required('fb_urkundsperson', 'Folgebeurkundung: Urkundsperson'),
        registrarTitle: r.title('fb_urkundsperson_titel'),
      },
      text: r.required('fb_text', 'Folgebeurkundung: Text'),
      patch,
    },
  ];
}

function nameChange(r: RowReader, p: 'p1' | 'p2'): { familyName?: string; givenNames?: string } | undefined {
  const familyName = r.optional(`fb_${p}_familienname`);
  const givenNames = r.optional(`fb_${p}_vornamen`);
  if (familyName === null && givenNames === null) return undefined;
  return { ...(familyName !== null ? { familyName } : {}), ...(givenNames !== null ? { givenNames } : {}) };
}

function readEntry(r: RowReader): RegisterEntry {
  const registerRaw = r.required('register', 'Das Registerzeichen').toUpperCase();
  if (!(REGISTER_KINDS as readonly string[]).includes(registerRaw)) {
    r.fail(`Register „${r.text('register')}“ ist unbekannt (erlaubt: G, E, L, S).`);
  }
  const register = registerRaw as RegisterKind;
  const yearRaw = r.required('jahr', 'Das Registerjahr');
  const numberRaw = r.required('nummer', 'Die Registernummer');
  const reference = parseRegisterReference(`${register} ${numberRaw}/${yearRaw}`);
  if (!reference) r.fail(`Registernummer „${numberRaw}“ / Jahr „${yearRaw}“ ungültig (Jahr ab 1876, Nummer ab 1).`);
  const artRaw = r.required('art', 'Die Art des Eintrags');
  const kind = ART[normaliseHeader(artRaw)];
  if (!kind) r.fail(`Art „${artRaw}“ ist unbekannt (erlaubt: geburt, ehe, lebenspartnerschaft, sterbefall).`);
  if (ENTRY_REGISTER[kind] !== register) {
    r.fail(`Art „${artRaw}“ gehört in das Register ${ENTRY_REGISTER[kind]}, nicht ${register}.`);
  }
  const standesamt = r.optional('standesamt') ?? DEFAULT_STANDESAMT;
  const base = {
    reference,
    standesamt,
    recorded: {
      date: r.date('beurkundet_am', 'Datum der Beurkundung'),
      place: standesamt,
      registrar: r.required('urkundsperson', 'Die Urkundsperson'),
      registrarTitle: r.title('urkundsperson_titel'),
    },
    hinweise: splitList(r.text('hinweise')).map((text) => {
      const colon = text.indexOf(':');
      return { anlass: colon > 0 ? text.slice(0, colon).trim() : 'Hinweis', text };
    }),
    restrictions: splitList(r.text('beschraenkungen')).map((x) => {
      if (!(RESTRICTIONS as readonly string[]).includes(x)) {
        r.fail(`Beschränkung „${x}“ ist unbekannt (erlaubt: ${RESTRICTIONS.join(', ')}).`);
      }
      return x as EntryRestriction;
    }),
  };
  const eventDate = r.date('ereignis_datum', 'Datum des Ereignisses');
  const eventPlace = r.required('ereignis_ort', 'Ort des Ereignisses');

  if (kind === 'geburt') {
    r.forbidden([...UNION_ONLY, ...DEATH_ONLY, 'p1_geburtsname', 'p1_geburtsdatum', 'p1_geburtsort'], artRaw);
    const parents = [readParent(r, 'e1', '1. Elternteil'), readParent(r, 'e2', '2. Elternteil')];
    if (parents[0] === null && parents[1] !== null) r.fail('Der 2. Elternteil ist angegeben, der 1. nicht.');
    const child = nameChange(r, 'p1');
    const entry: BirthEntry = {
      kind,
      ...base,
      facts: {
        child: {
          birthName: r.required('p1_familienname', 'Geburtsname des Kindes'),
          givenNames: r.required('p1_vornamen', 'Vornamen des Kindes'),
          sex: r.sex('p1_geschlecht', 'Geschlecht des Kindes', true)!,
        },
        birth: { date: eventDate, time: r.time('ereignis_zeit', 'Geburtszeit'), place: eventPlace },
        parents: parents.filter((p): p is BirthParent => p !== null),
      },
      folgebeurkundungen: readFolge(r, standesamt, child ? { child: { birthName: child.familyName, givenNames: child.givenNames } } : {}),
    };
    return stripUndefined(entry);
  }
  if (kind === 'sterbefall') {
    r.forbidden([...UNION_ONLY, ...BIRTH_ONLY], artRaw);
    const spouseAny = (['ehegatte_bezeichnung', 'ehegatte_familienname', 'ehegatte_vornamen'] as const).some((c) => r.text(c) !== '');
    let spouse: DeathEntry['facts']['spouse'] = null;
    if (spouseAny) {
      const designation = r.optional('ehegatte_bezeichnung') ?? 'Ehegatte';
      if (designation !== 'Ehegatte' && designation !== 'Lebenspartner') {
        r.fail(`Bezeichnung „${designation}“ ist unbekannt (erlaubt: Ehegatte, Lebenspartner).`);
      }
      spouse = {
        designation,
        familyName: r.required('ehegatte_familienname', 'Familienname des Ehegatten'),
        givenNames: r.required('ehegatte_vornamen', 'Vornamen des Ehegatten'),
      };
    }
    const change = nameChange(r, 'p1');
    const familyName = r.required('p1_familienname', 'Familienname der verstorbenen Person');
    const birthName = r.optional('p1_geburtsname');
    const entry: DeathEntry = {
      kind,
      ...base,
      facts: {
        deceased: {
          familyName,
          birthName: birthName === familyName ? null : birthName,
          givenNames: r.required('p1_vornamen', 'Vornamen der verstorbenen Person'),
          sex: r.sex('p1_geschlecht', 'Geschlecht', false),
        },
        birth: {
          date: r.date('p1_geburtsdatum', 'Geburtsdatum der verstorbenen Person'),
          place: r.required('p1_geburtsort', 'Geburtsort der verstorbenen Person'),
        },
        lastResidence: r.required('letzter_wohnsitz', 'Letzter Wohnsitz'),
        maritalStatus: r.required('familienstand', 'Familienstand'),
        spouse,
        death: { date: eventDate, time: r.time('ereignis_zeit', 'Sterbezeit'), place: eventPlace },
      },
      folgebeurkundungen: readFolge(r, standesamt, change ? { deceased: change } : {}),
    };
    return stripUndefined(entry);
  }
  r.forbidden([...BIRTH_ONLY, ...DEATH_ONLY, 'p1_geschlecht', 'ereignis_zeit'], artRaw);
  const patch: UnionPatch = {};
  const c1 = nameChange(r, 'p1');
  const c2 = nameChange(r, 'p2');
  if (c1) patch.spouse1 = { current: c1 };
  if (c2) patch.spouse2 = { current: c2 };
  const facts: UnionFacts = {
    event: { date: eventDate, place: eventPlace },
    spouses: [readSpouse(r, 'p1', '1. Person'), readSpouse(r, 'p2', '2. Person')],
    weitereAngaben: splitList(r.text('weitere_angaben')),
  };
  const folgebeurkundungen = readFolge(r, standesamt, patch);
  const entry: MarriageEntry | PartnershipEntry =
    kind === 'ehe' ? { kind, ...base, facts, folgebeurkundungen } : { kind: 'lebenspartnerschaft', ...base, facts, folgebeurkundungen };
  return stripUndefined(entry);
}

/** Drops undefined keys (patches built from optional columns), so that the stored JSON equals the entry. */
function stripUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Parses and checks the whole file; throws CsvImportError on the first bad line. */
export function readPersonenstandCsv(csvText: string): { line: number; entry: RegisterEntry }[] {
  const seen = new Map<string, number>();
  return readCsvRecords(csvText, PERSONENSTAND_CSV_COLUMNS, REQUIRED_COLUMNS).map(({ line, row }) => {
    const entry = readEntry(new RowReader(row, line));
    const ref = formatRegisterReference(entry.reference);
    const earlier = seen.get(ref);
    if (earlier !== undefined) throw new CsvImportError(line, `Der Eintrag ${ref} steht schon in Zeile ${earlier}.`);
    seen.set(ref, line);
    const problems = validateEntry(entry);
    if (problems.length) throw new CsvImportError(line, `${ref}: ${problems.join(' ')}`);
    return { line, entry };
  });
}

/**
 * Imports Personenstand entries from CSV text in one transaction: entries with a reference already in the register
 * are replaced, others added. Throws CsvImportError ("Zeile N: …"), leaving the register unchanged, on a bad line.
 */
export function importPersonenstandCsv(db: Db, csvText: string, now: string): { imported: number; updated: number } {
  const rows = readPersonenstandCsv(csvText);
  return inTransaction(db, () => {
    let imported = 0;
    let updated = 0;
    for (const { line, entry } of rows) {
      try {
        if (upsertEntry(db, entry, now).created) imported++;
        else updated++;
      } catch (err) {
        throw new CsvImportError(line, `${formatRegisterReference(entry.reference)} konnte nicht gespeichert werden: ${(err as Error).message}`);
      }
    }
    return { imported, updated };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Demo data

export const DEMO_PERSONENSTAND_FILE = path.join('demo', 'personenstand.csv');

/** Imports resources/demo/personenstand.csv (one transaction). */
export function loadDemoPersonenstand(db: Db, resourcesDir: string, now: string): { imported: number; updated: number } {
  const csv = fs.readFileSync(path.join(resourcesDir, DEMO_PERSONENSTAND_FILE), 'utf8');
  return importPersonenstandCsv(db, csv, now);
}
