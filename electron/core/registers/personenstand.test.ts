import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentFacts, validateEntry, type BirthEntry, type MarriageEntry, type RegisterEntry } from '../../../shared/services/personenstand/register';
import { sampleBirth } from '../../../shared/services/personenstand/samples';
import type { Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { loadDemoResidents } from './demo-data';
import {
  CsvImportError,
  PERSONENSTAND_CSV_COLUMNS,
  PersonenstandValidationError,
  countEntries,
  getEntryByReference,
  importPersonenstandCsv,
  loadDemoPersonenstand,
  searchEntries,
  upsertEntry,
} from './personenstand';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));
const NOW = '2025-01-15T10:00:00.000Z';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-pst-'));
  db = new Database(path.join(dir, 'test.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const snapshot = () => JSON.stringify(db.prepare('SELECT * FROM personenstand_entries ORDER BY id').all());

/** A CSV with the given columns only (others left out: they are optional). */
function csv(rows: Record<string, string>[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [cols.join(';'), ...rows.map((r) => cols.map((c) => r[c] ?? '').join(';'))].join('\r\n') + '\r\n';
}

const BIRTH_ROW = {
  register: 'G',
  jahr: '2010',
  nummer: '399',
  art: 'geburt',
  beurkundet_am: '16.03.2010',
  urkundsperson: 'Hüsing',
  urkundsperson_titel: 'Standesbeamter',
  ereignis_datum: '2010-03-14',
  ereignis_zeit: '07:42',
  ereignis_ort: 'Lingen (Ems)',
  p1_familienname: 'Gößwein',
  p1_vornamen: 'Zoë Łucja',
  p1_geschlecht: 'w',
  e1_bezeichnung: 'Mutter',
  e1_familienname: 'Gößwein',
  e1_vornamen: 'Thị Hương',
  e1_geburtsname: 'Nguyễn',
  e1_geschlecht: 'w',
  e2_bezeichnung: 'Vater',
  e2_familienname: 'Gößwein',
  e2_vornamen: 'Łukasz Ödön',
  e2_geschlecht: 'm',
  hinweise: 'Eheschließung der Eltern: Standesamt Lingen (Ems), Nr. E 45/2008.',
  fb_anlass: 'Namensänderung',
  fb_wirksam_am: '2015-06-22',
  fb_beurkundet_am: '2015-07-01',
  fb_urkundsperson: 'Tiemann',
  fb_urkundsperson_titel: 'Standesbeamtin',
  fb_text: 'Das Kind führt den Geburtsnamen „Ørsted-Żółkiewski“.',
  fb_p1_familienname: 'Ørsted-Żółkiewski',
};

const MARRIAGE_ROW = {
  register: 'E',
  jahr: '2008',
  nummer: '45',
  art: 'ehe',
  beurkundet_am: '2008-05-02',
  urkundsperson: 'Tiemann',
  urkundsperson_titel: 'Standesbeamtin',
  ereignis_datum: '2008-05-02',
  ereignis_ort: 'Lingen (Ems)',
  p1_bezeichnung: 'Ehefrau',
  p1_familienname: 'Gößwein',
  p1_vornamen: 'Thị Hương',
  p1_familienname_vorher: 'Nguyễn',
  p1_geburtsdatum: '1984-01-09',
  p1_geburtsort: 'Osnabrück',
  p2_bezeichnung: 'Ehemann',
  p2_familienname: 'Gößwein',
  p2_vornamen: 'Łukasz Ödön',
  p2_geburtsdatum: '1982-11-30',
  p2_geburtsort: 'Poznań',
};

describe('migration 005', () => {
  it('creates the table with a unique reference', () => {
    upsertEntry(db, sampleBirth(), NOW);
    expect(() =>
      db
        .prepare(
          `INSERT INTO personenstand_entries (register, year, number, kind, entry, main_name_folded, names_folded, event_date,
             person_dates, created_at, updated_at) VALUES ('G', 2010, '399', 'geburt', '{}', '', '', '', '', '', '')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO personenstand_entries (register, year, number, kind, entry, main_name_folded, names_folded, event_date,
             person_dates, created_at, updated_at) VALUES ('G', 2011, '1', 'geburt', 'not json', '', '', '', '', '', '')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});

describe('upsertEntry / getEntryByReference', () => {
  it('stores, finds by "G 399/2010" and replaces on the same reference', () => {
    const first = upsertEntry(db, sampleBirth(), NOW);
    expect(first.created).toBe(true);
    const found = getEntryByReference(db, 'G 399/2010');
    expect(found?.entry).toEqual(sampleBirth());
    expect(getEntryByReference(db, 'g399 / 2010')?.id).toBe(first.id);
    expect(getEntryByReference(db, { register: 'G', number: '399', year: 2010 })?.id).toBe(first.id);
    expect(getEntryByReference(db, 'G 400/2010')).toBeNull();
    expect(getEntryByReference(db, 'Unsinn')).toBeNull();
    const again = upsertEntry(db, sampleBirth(), '2025-02-01T00:00:00.000Z');
    expect(again).toEqual({ id: first.id, created: false });
    expect(getEntryByReference(db, 'G 399/2010')?.updatedAt).toBe('2025-02-01T00:00:00.000Z');
  });

  it('rejects an invalid entry with German messages and writes nothing', () => {
    const bad = sampleBirth();
    bad.facts.birth.date = '2010-02-30';
    expect(() => upsertEntry(db, bad, NOW)).toThrow(PersonenstandValidationError);
    expect(() => upsertEntry(db, bad, NOW)).toThrow(/Tag der Geburt: kein gültiges Datum/);
    expect(snapshot()).toBe('[]');
  });
});

describe('importPersonenstandCsv', () => {
  it('imports a good file: birth with Folgebeurkundung and a marriage', () => {
    expect(importPersonenstandCsv(db, csv([BIRTH_ROW, MARRIAGE_ROW]), NOW)).toEqual({ imported: 2, updated: 0 });
    const birth = getEntryByReference(db, 'G 399/2010')!.entry as BirthEntry;
    expect(validateEntry(birth)).toEqual([]);
    expect(birth.facts.child).toEqual({ birthName: 'Gößwein', givenNames: 'Zoë Łucja', sex: 'weiblich' });
    expect(birth.recorded).toEqual({ date: '2010-03-16', place: 'Lingen (Ems)', registrar: 'Hüsing', registrarTitle: 'Standesbeamter' });
    expect(birth.facts.parents.map((p) => [p.designation, p.birthName])).toEqual([
      ['Mutter', 'Nguyễn'],
      ['Vater', null],
    ]);
    expect(currentFacts(birth).child.birthName).toBe('Ørsted-Żółkiewski');
    expect(birth.hinweise).toEqual([
      { anlass: 'Eheschließung der Eltern', text: 'Eheschließung der Eltern: Standesamt Lingen (Ems), Nr. E 45/2008.' },
    ]);
    const marriage = getEntryByReference(db, 'E 45/2008')!.entry as MarriageEntry;
    expect(marriage.facts.spouses[0].before).toEqual({ familyName: 'Nguyễn', birthName: null, givenNames: 'Thị Hương' });
    expect(marriage.folgebeurkundungen).toEqual([]);
    // Re-import updates.
    expect(importPersonenstandCsv(db, csv([BIRTH_ROW]), NOW)).toEqual({ imported: 0, updated: 1 });
    expect(countEntries(db)).toEqual({ G: 1, E: 1, L: 0, S: 0 });
  });

  it.each([
    [{ ...MARRIAGE_ROW, p2_geburtsdatum: '31.02.1982' }, /^Zeile 3: 2\. Person: Geburtsdatum „31\.02\.1982“ ist kein gültiges Datum\.$/],
    [{ ...MARRIAGE_ROW, register: 'G' }, /^Zeile 3: Art „ehe“ gehört in das Register E, nicht G\.$/],
    [{ ...MARRIAGE_ROW, p1_vornamen: 'Anna\u0001' }, /^Zeile 3: E 45\/2008: .*DIN 91379/],
    [{ ...MARRIAGE_ROW, p2_geburtsort: '' }, /^Zeile 3: 2\. Person: Geburtsort fehlt/],
    [{ ...MARRIAGE_ROW, jahr: '1850' }, /^Zeile 3: Registernummer .* ungültig/],
    [{ ...BIRTH_ROW }, /^Zeile 3: Der Eintrag G 399\/2010 steht schon in Zeile 2\.$/],
  ])('rejects a bad row with its line number and writes nothing (%#)', (badRow, message) => {
    upsertEntry(db, sampleBirth(), NOW);
    const before = snapshot();
    const text = csv([{ ...BIRTH_ROW, nummer: BIRTH_ROW.nummer }, badRow as Record<string, string>]);
    let err: unknown;
    try {
      importPersonenstandCsv(db, text, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvImportError);
    expect((err as CsvImportError).line).toBe(3);
    expect((err as Error).message).toMatch(message);
    expect(snapshot()).toBe(before);
  });

  it('reports header problems and CSV syntax errors with line numbers', () => {
    expect(() => importPersonenstandCsv(db, 'register;jahr;nummer;unsinn\r\nG;2010;1;x\r\n', NOW)).toThrow(
      /^Zeile 1: Unbekannte Spalte „unsinn“/,
    );
    expect(() => importPersonenstandCsv(db, 'register;jahr\r\nG;2010\r\n', NOW)).toThrow(/^Zeile 1: Die Pflichtspalte „nummer“ fehlt\.$/);
    const header = Object.keys(BIRTH_ROW).join(';');
    const good = Object.values(BIRTH_ROW).join(';');
    expect(() => importPersonenstandCsv(db, `${header}\n${good}\n"G;2011\n`, NOW)).toThrow(/^Zeile 3: Ein Anführungszeichen/);
    expect(snapshot()).toBe('[]');
  });
});

describe('searchEntries', () => {
  beforeEach(() => {
    importPersonenstandCsv(db, csv([BIRTH_ROW, MARRIAGE_ROW]), NOW);
  });

  it('finds by folded name, ignoring diacritics and the ae/oe/ue spelling', () => {
    const refs = (q: Parameters<typeof searchEntries>[1]) =>
      searchEntries(db, q).map((s) => `${s.entry.reference.register} ${s.entry.reference.number}/${s.entry.reference.year}`);
    expect(refs({ name: 'Goesswein' })).toEqual(['G 399/2010', 'E 45/2008']);
    expect(refs({ name: 'gosswein zoe' })).toEqual(['G 399/2010']);
    expect(refs({ name: 'Orsted-Zolkiewski' })).toEqual(['G 399/2010']); // current name after the Folgebeurkundung
    expect(refs({ name: 'Nguyen' })).toEqual(['E 45/2008']); // name before the marriage
    expect(refs({ name: 'Luka' })).toEqual(['E 45/2008']); // prefix
    expect(refs({ name: 'Gößwein', register: 'E' })).toEqual(['E 45/2008']);
    expect(refs({ name: 'Gößwein', date: '14.03.2010' })).toEqual(['G 399/2010']);
    expect(refs({ date: '1982-11-30' })).toEqual(['E 45/2008']); // birth date of a spouse
    expect(refs({ name: 'Müller' })).toEqual([]);
    expect(refs({})).toEqual([]);
    expect(refs({ date: 'kein Datum' })).toEqual([]);
  });
});

describe('demo Personenstand data', () => {
  it('has a header with exactly the documented columns', () => {
    const text = fs.readFileSync(path.join(RESOURCES, 'demo', 'personenstand.csv'), 'utf8');
    expect(text.split(/\r?\n/, 1)[0]).toBe(PERSONENSTAND_CSV_COLUMNS.join(';'));
    const readme = fs.readFileSync(path.join(RESOURCES, 'demo', 'personenstand-README.md'), 'utf8');
    for (const c of PERSONENSTAND_CSV_COLUMNS) expect(readme).toContain(`\`${c}\``);
  });

  it('loads; every entry passes validateEntry; births match the demo residents', () => {
    const result = loadDemoPersonenstand(db, RESOURCES, NOW);
    expect(result.updated).toBe(0);
    const counts = countEntries(db);
    expect(counts.G).toBeGreaterThanOrEqual(40);
    expect(counts.E).toBeGreaterThanOrEqual(5);
    expect(counts.S).toBeGreaterThanOrEqual(3);
    const all = (db.prepare('SELECT entry FROM personenstand_entries').all() as { entry: string }[]).map(
      (r) => JSON.parse(r.entry) as RegisterEntry,
    );
    expect(all.length).toBe(result.imported);
    for (const e of all) expect(validateEntry(e), JSON.stringify(e.reference)).toEqual([]);
    // Folgebeurkundungen with a name change after the marriage.
    const withFolge = all.filter((e) => e.kind === 'ehe' && e.folgebeurkundungen.length > 0);
    expect(withFolge.length).toBeGreaterThanOrEqual(2);

    loadDemoResidents(db, RESOURCES, NOW);
    type Res = { family_name: string; given_names: string; birth_date: string; birth_place: string | null; former_names: string };
    const rows = db
      .prepare('SELECT family_name, given_names, birth_date, birth_place, former_names FROM residents')
      .all() as Res[];
    let matched = 0;
    for (const e of all.filter((x): x is BirthEntry => x.kind === 'geburt')) {
      const b = currentFacts(e);
      const same = rows.filter((r) => r.given_names === b.child.givenNames && r.birth_date === b.birth.date);
      if (same.length === 0) continue; // born in Lingen, no longer lives there
      matched++;
      const names = same.flatMap((r) => [r.family_name, ...(JSON.parse(r.former_names || '[]') as string[])]);
      expect(names, `${b.child.givenNames} ${b.child.birthName}`).toContain(b.child.birthName);
      expect(same.some((r) => r.birth_place === 'Lingen (Ems)')).toBe(true);
    }
    expect(matched).toBeGreaterThanOrEqual(40);
    expect(counts.G - matched).toBeGreaterThanOrEqual(3); // people born here who moved away
  });
});
