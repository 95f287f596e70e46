/**
 * Import of residents from CSV (e.g. an export of the municipal Meldewesen system, or the demo data).
 *
 * Format: RFC 4180, UTF-8 (a byte order mark is removed), separator ";" (German Excel) or "," when the header
 * line uses it. Line 1 is the header with the column names below (case does not matter, order does not matter;
 * "ö" may stand for "oe" etc.). Optional columns may be left out.
 *
 * One row per resident AND address: rows with the same `kennung` are one person with several addresses. The person
 * fields may be repeated on every row of a person or left empty on the later rows; different values are an error.
 * Re-importing updates residents by `kennung` (never duplicates them) and replaces their addresses with those in
 * the file. Residents not in the file stay untouched.
 *
 *   kennung*                 external id of the person (unique, up to 100 characters)
 *   familienname*            family name (DIN 91379 names)
 *   vornamen*                given names, separated by blanks (may be empty for persons without given names)
 *   rufname                  the gebräuchliche Vorname, one of the vornamen
 *   doktorgrad               "Dr.", "Dr. med.", "Prof. Dr." …
 *   fruehere_namen           former names (Geburtsname …), separated by "|"
 *   ordens_kuenstlername     religious or artist name
 *   geburtsdatum*            YYYY-MM-DD or DD.MM.YYYY
 *   geburtsort               place of birth
 *   geschlecht               m, w, d or x
 *   steuer_id                Steuer-Identifikationsnummer, 11 digits with check digit
 *   gesetzliche_vertreter    legal representatives, separated by "|"
 *   staatsangehoerigkeiten   nationalities, separated by "|" ("deutsch|polnisch")
 *   religion                 legal membership of a religious community ("römisch-katholisch")
 *   familienstand            ledig, verheiratet, verwitwet, geschieden, Lebenspartnerschaft …
 *   ehegatte                 spouse or civil partner ("Anna Kowalska, geb. 12.05.1987")
 *   kinder                   minor children, separated by "|"
 *   ausweis                  identity document data ("Personalausweis L01X00T47, gültig bis 31.05.2031")
 *   sterbedatum              date of death, YYYY-MM-DD or DD.MM.YYYY
 *   auskunftssperre          ja / nein (also j/n, 1/0, true/false; empty = nein)
 *   wohnungsart              haupt / neben (empty = haupt)
 *   strasse, hausnummer, plz, ort   the address of this row (strasse, plz and ort required when any is given)
 *   einzug, auszug           moving-in and moving-out date of this address (auszug set = former address)
 * (* required)
 *
 * The whole import is ONE transaction: any bad row aborts it with a German message naming the line
 * ("Zeile 17: Geburtsdatum „31.02.1990“ ist kein gültiges Datum.") and the register stays unchanged.
 */
import { REQUIRED_RESIDENT_CSV_COLUMNS, RESIDENT_CSV_COLUMN_NAMES } from '../../../shared/domain/resident-csv';
import type { Address } from '../../../shared/domain/types';
import { inTransaction, type Db } from '../db/connection';
import { CsvSyntaxError, detectSeparator, parseCsv, stripBom } from './csv';
import { parseDateInput } from './dates';
import { writeResident } from './residents';
import { normaliseResident, residentProblems, type ResidentInput } from './validate';

/** The columns, in the order the demo file and exports use. */
export const CSV_COLUMNS = RESIDENT_CSV_COLUMN_NAMES;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const REQUIRED: readonly CsvColumn[] = REQUIRED_RESIDENT_CSV_COLUMNS;
const ADDRESS_COLUMNS: readonly CsvColumn[] = ['wohnungsart', 'strasse', 'hausnummer', 'plz', 'ort', 'einzug', 'auszug'];
const PERSON_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter((c) => c !== 'kennung' && !ADDRESS_COLUMNS.includes(c));

/** German labels for messages. */
const LABEL: Record<CsvColumn, string> = {
  kennung: 'Kennung',
  familienname: 'Familienname',
  vornamen: 'Vornamen',
  rufname: 'Rufname',
  doktorgrad: 'Doktorgrad',
  fruehere_namen: 'Frühere Namen',
  ordens_kuenstlername: 'Ordens-/Künstlername',
  geburtsdatum: 'Geburtsdatum',
  geburtsort: 'Geburtsort',
  geschlecht: 'Geschlecht',
  steuer_id: 'Steuer-ID',
  gesetzliche_vertreter: 'Gesetzliche Vertreter',
  staatsangehoerigkeiten: 'Staatsangehörigkeiten',
  religion: 'Religion',
  familienstand: 'Familienstand',
  ehegatte: 'Ehegatte',
  kinder: 'Kinder',
  ausweis: 'Ausweis',
  sterbedatum: 'Sterbedatum',
  auskunftssperre: 'Auskunftssperre',
  wohnungsart: 'Wohnungsart',
  strasse: 'Straße',
  hausnummer: 'Hausnummer',
  plz: 'PLZ',
  ort: 'Ort',
  einzug: 'Einzug',
  auszug: 'Auszug',
};

/** A problem in the file; `line` is the line in the file, the message starts with "Zeile N:". */
export class CsvImportError extends Error {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`Zeile ${line}: ${problem}`);
    this.name = 'CsvImportError';
  }
}

type Row = Record<CsvColumn, string>;

interface PersonGroup {
  kennung: string;
  /** Line of the first row of this person. */
  line: number;
  person: Row;
  /** Line on which each person field got its value (for messages). */
  fieldLine: Partial<Record<CsvColumn, number>>;
  addresses: { line: number; address: Address }[];
}

/** "Geburts-Datum " → "geburts_datum", "Nr." → "nr": how a header cell is compared with the column names. */
export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/\./g, '')
    .replace(/[\s-]+/g, '_');
}

/**
 * Reads a CSV file against known columns: the header names its columns (in any order, `alias` maps other names),
 * required ones must be there, and every data row has the header's width. Each row comes back as trimmed NFC
 * values by column ('' for a column the file lacks). Throws CsvImportError with the line on the first problem.
 */
export function readCsvRecords<C extends string>(
  csvText: string,
  columns: readonly C[],
  required: readonly C[],
  alias: (normalisedHeader: string) => C | undefined = () => undefined,
): { line: number; row: Record<C, string> }[] {
  const text = stripBom(csvText);
  if (text.trim() === '') throw new CsvImportError(1, 'Die Datei ist leer.');
  let records;
  try {
    records = parseCsv(text, detectSeparator(text));
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new CsvImportError(err.line, err.message.replace(/^Zeile \d+: /, ''));
    throw err;
  }
  const [header, ...data] = records;
  if (!header) throw new CsvImportError(1, 'Die Datei ist leer.');
  const index = new Map<C, number>();
  header.fields.forEach((raw, i) => {
    const norm = normaliseHeader(raw);
    if (norm === '' && i === header.fields.length - 1) return; // trailing separator
    const name = (columns as readonly string[]).includes(norm) ? (norm as C) : alias(norm);
    if (!name) throw new CsvImportError(header.line, `Unbekannte Spalte „${raw.trim()}“. Erlaubt sind: ${columns.join(', ')}.`);
    if (index.has(name)) throw new CsvImportError(header.line, `Die Spalte „${name}“ kommt doppelt vor.`);
    index.set(name, i);
  });
  for (const c of required) {
    if (!index.has(c)) throw new CsvImportError(header.line, `Die Pflichtspalte „${c}“ fehlt.`);
  }
  if (data.length === 0) throw new CsvImportError(header.line, 'Die Datei enthält keine Datenzeilen.');
  const width = header.fields.length;
  return data.map(({ line, fields }) => {
    if (fields.length < width || fields.slice(width).some((f) => f.trim() !== '')) {
      throw new CsvImportError(line, `Die Zeile hat ${fields.length} statt ${width} Felder.`);
    }
    const row = {} as Record<C, string>;
    for (const c of columns) {
      const i = index.get(c);
      row[c] = i === undefined ? '' : (fields[i] ?? '').normalize('NFC').trim();
    }
    return { line, row };
  });
}

const YES = ['ja', 'j', '1', 'true', 'x', 'yes'];
const NO = ['', 'nein', 'n', '0', 'false', 'no'];

const splitList = (s: string) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

function parseDateField(raw: string, column: CsvColumn, line: number): string | null {
  if (raw.trim() === '') return null;
  const iso = parseDateInput(raw);
  if (iso === null) throw new CsvImportError(line, `${LABEL[column]} „${raw.trim()}“ ist kein gültiges Datum.`);
  return iso;
}

/** Reads the file into person groups, checking every row. Throws CsvImportError. */
function readGroups(csvText: string): PersonGroup[] {
  const groups = new Map<string, PersonGroup>();
  for (const { line, row } of readCsvRecords(csvText, CSV_COLUMNS, REQUIRED)) {
    const kennung = row.kennung;
    if (kennung === '') throw new CsvImportError(line, 'Die Kennung fehlt.');

    let group = groups.get(kennung);
    if (!group) {
      group = { kennung, line, person: { ...row }, fieldLine: {}, addresses: [] };
      for (const c of PERSON_COLUMNS) group.fieldLine[c] = line;
      groups.set(kennung, group);
    } else {
      for (const c of PERSON_COLUMNS) {
        const v = row[c];
        if (v === '') continue;
        if (group.person[c] === '') {
          group.person[c] = v;
          group.fieldLine[c] = line;
        } else if (group.person[c] !== v) {
          throw new CsvImportError(
            line,
            `${LABEL[c]} „${v}“ weicht von Zeile ${group.fieldLine[c]} („${group.person[c]}“) ab; ` +
              `Zeilen mit derselben Kennung „${kennung}“ beschreiben dieselbe Person.`,
          );
        }
      }
    }
    const address = readAddress(row, line);
    if (address) group.addresses.push({ line, address });
  }

  for (const g of groups.values()) checkPersonFields(g);
  return [...groups.values()];
}

function readAddress(row: Row, line: number): Address | null {
  const present = ADDRESS_COLUMNS.filter((c) => row[c] !== '');
  if (present.length === 0) return null;
  for (const c of ['strasse', 'plz', 'ort'] as const) {
    if (row[c] === '') throw new CsvImportError(line, `Die Anschrift ist unvollständig: ${LABEL[c]} fehlt.`);
  }
  const kindRaw = row.wohnungsart.toLowerCase();
  let kind: Address['kind'];
  if (['', 'haupt', 'hauptwohnung', 'h', 'hw'].includes(kindRaw)) kind = 'haupt';
  else if (['neben', 'nebenwohnung', 'n', 'nw'].includes(kindRaw)) kind = 'neben';
  else throw new CsvImportError(line, `Wohnungsart „${row.wohnungsart}“ ist unbekannt (erlaubt: haupt, neben).`);
  return {
    kind,
    street: row.strasse,
    houseNumber: row.hausnummer,
    postalCode: row.plz,
    city: row.ort,
    movedIn: parseDateField(row.einzug, 'einzug', line),
    movedOut: parseDateField(row.auszug, 'auszug', line),
  };
}

/** Field checks whose messages should show the raw text of the file. */
function checkPersonFields(g: PersonGroup): void {
  const p = g.person;
  const at = (c: CsvColumn) => g.fieldLine[c] ?? g.line;
  if (p.familienname === '') throw new CsvImportError(at('familienname'), 'Der Familienname fehlt.');
  if (p.geburtsdatum === '') throw new CsvImportError(at('geburtsdatum'), 'Das Geburtsdatum fehlt.');
  parseDateField(p.geburtsdatum, 'geburtsdatum', at('geburtsdatum'));
  parseDateField(p.sterbedatum, 'sterbedatum', at('sterbedatum'));
  if (!['', 'm', 'w', 'd', 'x'].includes(p.geschlecht.toLowerCase())) {
    throw new CsvImportError(at('geschlecht'), `Geschlecht „${p.geschlecht}“ ist unbekannt (erlaubt: m, w, d, x).`);
  }
  const sperre = p.auskunftssperre.toLowerCase();
  if (!YES.includes(sperre) && !NO.includes(sperre)) {
    throw new CsvImportError(at('auskunftssperre'), `Auskunftssperre „${p.auskunftssperre}“: bitte „ja“ oder „nein“.`);
  }
}

function toInput(g: PersonGroup): ResidentInput {
  const p = g.person;
  const sex = p.geschlecht.toLowerCase();
  return {
    externalId: g.kennung,
    familyName: p.familienname,
    givenNames: p.vornamen,
    callName: p.rufname || null,
    doctoralDegree: p.doktorgrad || null,
    formerNames: splitList(p.fruehere_namen),
    religiousOrArtistName: p.ordens_kuenstlername || null,
    birthDate: parseDateInput(p.geburtsdatum) ?? p.geburtsdatum,
    birthPlace: p.geburtsort || null,
    sex: sex === '' ? null : (sex as 'm' | 'w' | 'd' | 'x'),
    taxId: p.steuer_id || null,
    legalRepresentatives: splitList(p.gesetzliche_vertreter),
    nationalities: splitList(p.staatsangehoerigkeiten),
    religion: p.religion || null,
    maritalStatus: p.familienstand || null,
    spouse: p.ehegatte || null,
    minorChildren: splitList(p.kinder),
    idDocument: p.ausweis || null,
    dateOfDeath: p.sterbedatum ? parseDateInput(p.sterbedatum) : null,
    auskunftssperre: YES.includes(p.auskunftssperre.toLowerCase()),
    addresses: g.addresses.map((a) => a.address),
  };
}

/** Maps a validation field of ResidentInput back to the CSV column for messages. */
const FIELD_COLUMN: Record<string, CsvColumn> = {
  familyName: 'familienname',
  givenNames: 'vornamen',
  callName: 'rufname',
  doctoralDegree: 'doktorgrad',
  formerNames: 'fruehere_namen',
  religiousOrArtistName: 'ordens_kuenstlername',
  birthDate: 'geburtsdatum',
  birthPlace: 'geburtsort',
  sex: 'geschlecht',
  taxId: 'steuer_id',
  legalRepresentatives: 'gesetzliche_vertreter',
  nationalities: 'staatsangehoerigkeiten',
  religion: 'religion',
  maritalStatus: 'familienstand',
  spouse: 'ehegatte',
  minorChildren: 'kinder',
  idDocument: 'ausweis',
  dateOfDeath: 'sterbedatum',
};

/**
 * Imports residents from CSV text in one transaction. `now` (ISO timestamp) is stored as updated_at and bounds
 * birth dates. Returns how many residents were created and how many existing ones (same kennung) were updated.
 * Throws CsvImportError, leaving the register unchanged, on the first bad line.
 */
export function importResidentsCsv(db: Db, csvText: string, now: string): { imported: number; updated: number } {
  const groups = readGroups(csvText);
  const residents = groups.map((g) => {
    const r = normaliseResident(toInput(g));
    const problem = residentProblems(r, now)[0];
    if (problem) {
      const line =
        problem.addressIndex !== undefined
          ? (g.addresses[problem.addressIndex]?.line ?? g.line)
          : (g.fieldLine[FIELD_COLUMN[problem.field] ?? 'familienname'] ?? g.line);
      throw new CsvImportError(line, problem.message);
    }
    return { g, r };
  });

  return inTransaction(db, () => {
    let imported = 0;
    let updated = 0;
    for (const { g, r } of residents) {
      try {
        const { created } = writeResident(db, r, now);
        if (created) imported++;
        else updated++;
      } catch (err) {
        throw new CsvImportError(g.line, `Die Person „${g.kennung}“ konnte nicht gespeichert werden: ${(err as Error).message}`);
      }
    }
    return { imported, updated };
  });
}
