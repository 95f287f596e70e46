import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidNameCharacters } from '../../../shared/domain/names';
import { importResidentsCsv } from './csv-import';
import {
  DEMO_MINIMUMS,
  generateDemoResidentsCsv,
  loadDemoResidents,
  WELL_KNOWN_DEMO_RESIDENTS,
} from './demo-data';
import { countResidents, getResident, searchResidents } from './residents';
import { openTempDb, type TempDb } from './test-helpers';
import { demoResidentsCsvPath, writeDemoResidentsCsv } from './write-demo-csv';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));
const NOW = '2025-03-01T09:00:00.000Z';

describe('demo CSV file', () => {
  it('is deterministic', () => {
    expect(generateDemoResidentsCsv()).toBe(generateDemoResidentsCsv());
  });

  it('resources/demo/residents.csv equals the generator output (UPDATE_DEMO_CSV=1 rewrites it)', () => {
    if (process.env.UPDATE_DEMO_CSV === '1') writeDemoResidentsCsv(RESOURCES);
    const file = demoResidentsCsvPath(RESOURCES);
    expect(fs.existsSync(file), `${file} missing: run UPDATE_DEMO_CSV=1 npx vitest run electron/core/registers/demo-data.test.ts`).toBe(true);
    // Line ends normalised, in case a checkout converts them.
    const committed = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    expect(committed === generateDemoResidentsCsv().replace(/\r\n/g, '\n'), 'demo CSV out of date: run with UPDATE_DEMO_CSV=1').toBe(true);
  });

  it('contains DIN 91379 letters beyond Latin-1, all valid', () => {
    const csv = generateDemoResidentsCsv();
    for (const ch of ['ẞ', 'Ł', 'ł', 'ğ', 'ı', 'İ', 'ő', 'ž', 'Ž', 'Ø', 'ø', 'ş', 'Ç', 'ř', 'ń']) {
      expect(csv, `character ${ch}`).toContain(ch);
    }
    expect(csv.startsWith('\uFEFFkennung;familienname;vornamen;')).toBe(true);
  });
});

describe('demo register loaded into SQLite', () => {
  let t: TempDb;
  let result: { imported: number; updated: number };
  beforeAll(() => {
    t = openTempDb();
    result = loadDemoResidents(t.db, RESOURCES, NOW);
  });
  afterAll(() => t.close());

  const scalar = (sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

  it('has the promised size and variety', () => {
    expect(result.updated).toBe(0);
    expect(result.imported).toBe(countResidents(t.db));
    expect(countResidents(t.db)).toBeGreaterThanOrEqual(DEMO_MINIMUMS.residents);
    const counts = {
      withSecondAddress: scalar(
        `SELECT COUNT(*) AS n FROM (SELECT resident_id FROM resident_addresses WHERE moved_out IS NULL
           GROUP BY resident_id HAVING COUNT(*) > 1)`,
      ),
      nebenwohnung: scalar(`SELECT COUNT(DISTINCT resident_id) AS n FROM resident_addresses WHERE kind = 'neben' AND moved_out IS NULL`),
      auskunftssperre: scalar('SELECT COUNT(*) AS n FROM residents WHERE auskunftssperre = 1'),
      formerNames: scalar(`SELECT COUNT(*) AS n FROM residents WHERE former_names <> '[]'`),
      doctoralDegree: scalar('SELECT COUNT(*) AS n FROM residents WHERE doctoral_degree IS NOT NULL'),
      formerAddresses: scalar('SELECT COUNT(DISTINCT resident_id) AS n FROM resident_addresses WHERE moved_out IS NOT NULL'),
      deceased: scalar('SELECT COUNT(*) AS n FROM residents WHERE date_of_death IS NOT NULL'),
      minorsWithRepresentatives: scalar(
        `SELECT COUNT(*) AS n FROM residents WHERE birth_date > '2007-01-01' AND legal_representatives <> '[]'`,
      ),
      minors: scalar(`SELECT COUNT(*) AS n FROM residents WHERE birth_date > '2007-01-01'`),
      married: scalar(`SELECT COUNT(*) AS n FROM residents WHERE marital_status = 'verheiratet' AND spouse IS NOT NULL`),
      artistNames: scalar('SELECT COUNT(*) AS n FROM residents WHERE religious_or_artist_name IS NOT NULL'),
      postcodes: scalar(`SELECT COUNT(DISTINCT postal_code) AS n FROM resident_addresses WHERE postal_code IN ('49808','49809','49811')`),
    };
    expect(counts.withSecondAddress).toBeGreaterThanOrEqual(DEMO_MINIMUMS.withSecondAddress);
    expect(counts.nebenwohnung).toBeGreaterThanOrEqual(30);
    expect(counts.auskunftssperre).toBeGreaterThanOrEqual(DEMO_MINIMUMS.auskunftssperre);
    expect(counts.formerNames).toBeGreaterThanOrEqual(DEMO_MINIMUMS.formerNames);
    expect(counts.doctoralDegree).toBeGreaterThanOrEqual(DEMO_MINIMUMS.doctoralDegree);
    expect(counts.formerAddresses).toBeGreaterThanOrEqual(DEMO_MINIMUMS.formerAddresses);
    expect(counts.deceased).toBeGreaterThanOrEqual(DEMO_MINIMUMS.deceased);
    expect(counts.minors).toBeGreaterThan(50);
    expect(counts.minorsWithRepresentatives).toBe(counts.minors);
    expect(counts.married).toBeGreaterThan(100);
    expect(counts.artistNames).toBeGreaterThanOrEqual(3);
    expect(counts.postcodes).toBe(3);
  });

  it('stores only DIN 91379 names', () => {
    const rows = t.db.prepare('SELECT family_name, given_names, former_names FROM residents').all() as {
      family_name: string;
      given_names: string;
      former_names: string;
    }[];
    const bad = rows.filter(
      (r) =>
        invalidNameCharacters(r.family_name).length > 0 ||
        invalidNameCharacters(r.given_names).length > 0 ||
        (JSON.parse(r.former_names) as string[]).some((n) => invalidNameCharacters(n).length > 0),
    );
    expect(bad).toEqual([]);
  });

  it('contains every DIN 91379 sample character ẞ Ł ğ ı ő ž Ø in names', () => {
    const text = (
      t.db.prepare(`SELECT group_concat(family_name || ' ' || given_names || ' ' || former_names, ' ') AS s FROM residents`).get() as {
        s: string;
      }
    ).s;
    for (const ch of ['ẞ', 'Ł', 'ğ', 'ı', 'ő', 'ž', 'Ø']) expect(text, ch).toContain(ch);
  });

  it('has the well-known residents, found the way a clerk types', () => {
    for (const w of WELL_KNOWN_DEMO_RESIDENTS) {
      const hits = searchResidents(t.db, {
        name: `${w.givenNames.split(' ')[0]} ${w.familyName}`,
        birthDate: w.birthDate,
        limit: 5,
        includeDeceased: true,
      });
      expect(hits.map((h) => h.familyName), w.displayName).toContain(w.familyName);
      expect(hits.find((h) => h.familyName === w.familyName)!.mainAddress, w.displayName).toBe(w.mainAddress);
    }

    const [lukasz] = searchResidents(t.db, { name: 'Lukasz Kowalski', birthDate: '14.03.1985', limit: 5 });
    expect(lukasz).toMatchObject({ givenNames: 'Łukasz', familyName: 'Kowalski', mainAddress: 'Lookenstraße 12, 49808 Lingen (Ems)' });
    expect(searchResidents(t.db, { address: 'Lookenstrasse 12', limit: 50 }).map((r) => r.givenNames)).toContain('Łukasz');

    const erika = searchResidents(t.db, { name: 'Erika Gabler', birthDate: '1964-08-12', limit: 5 });
    expect(erika).toHaveLength(1);
    const full = getResident(t.db, erika[0]!.id)!;
    expect(full).toMatchObject({ familyName: 'Mustermann', formerNames: ['Gabler'], spouse: 'Max Mustermann (* 25.01.1962)' });
    expect(full.addresses.filter((a) => a.movedOut !== null)).toHaveLength(1);

    const [weiss] = searchResidents(t.db, { name: 'Hans-Jurgen Weiss', limit: 5 });
    expect(weiss!.doctoralDegree).toBe('Dr.');
    expect(getResident(t.db, weiss!.id)!.addresses.map((a) => a.kind)).toEqual(['haupt', 'neben']);

    expect(searchResidents(t.db, { name: 'Yildiz Celik', birthDate: '1988-04-05', limit: 5 })[0]!.auskunftssperre).toBe(true);
    expect(searchResidents(t.db, { name: 'Heinrich Tobben', limit: 5 })).toEqual([]);
    const [elif] = searchResidents(t.db, { name: 'Elif Gunes', birthDate: '2016-04-15', limit: 5 });
    expect(getResident(t.db, elif!.id)!.legalRepresentatives).toEqual([
      'Ayşe Güneş (* 21.06.1990)',
      'Mehmet Ali Güneş (* 11.02.1987)',
    ]);
    expect(searchResidents(t.db, { name: 'Strauss GROSSE', limit: 5 })[0]).toMatchObject({ doctoralDegree: 'Prof. Dr.' });
  });

  it('re-importing the demo file updates every resident and duplicates none', () => {
    const before = countResidents(t.db);
    const again = importResidentsCsv(t.db, fs.readFileSync(demoResidentsCsvPath(RESOURCES), 'utf8'), NOW);
    expect(again).toEqual({ imported: 0, updated: before });
    expect(countResidents(t.db)).toBe(before);
  });
});
