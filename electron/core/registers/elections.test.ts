import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { CsvImportError } from './csv-import';
import {
  DEMO_ELECTION,
  DEMO_VOTER_REGISTER_FILE,
  ElectionError,
  countVoters,
  countWahlscheine,
  createElection,
  updateElection,
  findVoter,
  generateDemoVoterRegisterCsv,
  getElectionByKey,
  getVoter,
  getVoterByNumber,
  importVoterRegisterCsv,
  invalidateWahlschein,
  invalidatedList,
  issueWahlschein,
  loadDemoElection,
  setBallotsReady,
  validWahlscheinOf,
  wahlscheinverzeichnis,
  addExceptionVoter,
  isExceptionVoter,
  peekNextWahlscheinNumber,
  proxyWahlscheine,
  searchVoters,
} from './elections';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));
const NOW = '2027-09-01T08:00:00.000Z';

let db: Db;

function freshDb(): Db {
  const d = new Database(':memory:');
  d.pragma('foreign_keys = ON');
  migrate(d, MIGRATIONS);
  return d;
}

const HEADER = 'wahlbezirk;nr;familienname;vornamen;geburtsdatum;strasse;hausnummer;plz;ort;kennung';
const GOOD = [
  HEADER,
  '1;001-0001;Güneş;Ayşe;1990-06-21;Marienstraße;7;49808;Lingen (Ems);LIN-000002',
  '2;002-0001;Müller;Anna;05.05.1975;Bahnhofstraße;5;49808;Lingen (Ems);',
  '3;003-0001;Østergaard;Søren;1979-09-30;Kaiserstraße;21;49808;Lingen (Ems);',
].join('\r\n');

function snapshot(): string {
  return JSON.stringify({
    v: db.prepare('SELECT * FROM voter_register ORDER BY id').all(),
    w: db.prepare('SELECT * FROM wahlscheine ORDER BY id').all(),
  });
}

function election(ballotsReady = true) {
  return createElection(db, { ...DEMO_ELECTION, id: 'test-2027', ballotsReady }, NOW);
}

beforeEach(() => {
  db = freshDb();
});
afterEach(() => {
  db.close();
});

describe('elections', () => {
  it('creates and reads an election; refuses duplicates and invalid configurations', () => {
    const e = election(false);
    expect(e).toMatchObject({ key: 'test-2027', kind: 'landtag', date: '2027-10-10', ballotsReady: false });
    expect(e.config.wahlbezirke).toHaveLength(7);
    expect(getElectionByKey(db, 'test-2027')?.id).toBe(e.id);
    expect(() => election()).toThrow(/bereits angelegt/);
    expect(() => createElection(db, { ...DEMO_ELECTION, id: 'x-1', wahlbezirke: [] }, NOW)).toThrow(ElectionError);
    expect(setBallotsReady(db, e.id, true, NOW)).toMatchObject({ ballotsReady: true, config: { ballotsReady: true } });
  });
});

describe('importVoterRegisterCsv', () => {
  it('imports the register and updates by Wählerverzeichnis-Nr. on re-import', () => {
    const e = election();
    expect(importVoterRegisterCsv(db, e.id, GOOD)).toEqual({ imported: 3, updated: 0 });
    const anna = getVoterByNumber(db, e.id, '002-0001')!;
    expect(anna).toMatchObject({ familyName: 'Müller', givenNames: 'Anna', birthDate: '1975-05-05', wahlbezirk: 2, markedW: false });
    expect(anna.address).toEqual({ street: 'Bahnhofstraße', houseNumber: '5', postalCode: '49808', city: 'Lingen (Ems)' });
    expect(getVoterByNumber(db, e.id, '001-0001')?.residentKennung).toBe('LIN-000002');
    expect(importVoterRegisterCsv(db, e.id, GOOD.replace('Bahnhofstraße;5', 'Bahnhofstraße;6'))).toEqual({ imported: 0, updated: 3 });
    expect(getVoterByNumber(db, e.id, '002-0001')?.address.houseNumber).toBe('6');
    expect(countVoters(db, e.id)).toBe(3);
  });

  const bad: [string, string, RegExp][] = [
    ['unknown Wahlbezirk', '99;099-0001;Weiß;Hans;1958-11-02;Am Markt;3;49808;Lingen (Ems);', /^Zeile 5: Wahlbezirk 99 ist für die Wahl/],
    ['bad date', '1;001-0002;Weiß;Hans;31.02.1958;Am Markt;3;49808;Lingen (Ems);', /^Zeile 5: Geburtsdatum „31\.02\.1958“ ist kein gültiges Datum\./],
    ['duplicate number', '1;001-0001;Weiß;Hans;1958-11-02;Am Markt;3;49808;Lingen (Ems);', /^Zeile 5: Wählerverzeichnis-Nr\. „001-0001“ kommt bereits in Zeile 2 vor\./],
    ['missing family name', '1;001-0002;;Hans;1958-11-02;Am Markt;3;49808;Lingen (Ems);', /^Zeile 5: Familienname fehlt\./],
    ['bad postcode', '1;001-0002;Weiß;Hans;1958-11-02;Am Markt;3;4980;Lingen (Ems);', /^Zeile 5: PLZ „4980“/],
    ['character outside DIN 91379', '1;001-0002;Weiß☺;Hans;1958-11-02;Am Markt;3;49808;Lingen (Ems);', /^Zeile 5: Familienname „Weiß☺“: Zeichen außerhalb von DIN 91379/],
    ['too few fields', '1;001-0002;Weiß;Hans', /^Zeile 5: Die Zeile hat 4 statt 10 Felder\./],
    ['unclosed quote', '1;001-0002;"Weiß;Hans;1958-11-02;Am Markt;3;49808;Lingen (Ems);', /^Zeile 5: Ein Anführungszeichen wird nicht geschlossen\./],
  ];
  it.each(bad)('a bad row (%s) aborts the whole import with a line-numbered message', (_name, row, message) => {
    const e = election();
    importVoterRegisterCsv(db, e.id, GOOD);
    const before = snapshot();
    // Line 2 changes too, so a partial write would show in the snapshot.
    const text = `${GOOD.replace('Marienstraße;7', 'Marienstraße;8')}\r\n${row}`;
    let error: unknown;
    try {
      importVoterRegisterCsv(db, e.id, text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as Error).message).toMatch(message);
    expect(snapshot()).toBe(before);
  });

  it('refuses bad headers and empty files', () => {
    const e = election();
    expect(() => importVoterRegisterCsv(db, e.id, '')).toThrow(/^Zeile 1: Die Datei ist leer\./);
    expect(() => importVoterRegisterCsv(db, e.id, HEADER)).toThrow(/keine Datenzeilen/);
    expect(() => importVoterRegisterCsv(db, e.id, HEADER.replace(';nr;', ';'))).toThrow(/^Zeile 1: Die Pflichtspalte „nr“ fehlt\./);
    expect(() => importVoterRegisterCsv(db, e.id, `${HEADER};farbe\n`)).toThrow(/^Zeile 1: Unbekannte Spalte „farbe“/);
    expect(countVoters(db, e.id)).toBe(0);
  });

  it('accepts "," as separator and the alias Wählerverzeichnis-Nr.', () => {
    const e = election();
    const text = 'Wahlbezirk,Wählerverzeichnis-Nr.,Familienname,Vornamen,Geburtsdatum,Straße,Hausnummer,PLZ,Ort\n5,5-1,Çelik,Yıldız,1988-04-05,Rheiner Straße,45,49809,Lingen (Ems)\n';
    expect(importVoterRegisterCsv(db, e.id, text)).toEqual({ imported: 1, updated: 0 });
    expect(getVoterByNumber(db, e.id, '5-1')?.residentKennung).toBeNull();
  });
});

describe('findVoter', () => {
  it('matches folded names and the exact birth date', () => {
    const e = election();
    importVoterRegisterCsv(db, e.id, GOOD);
    expect(findVoter(db, e.id, { familienname: 'Gunes', vornamen: 'Ayse', geburtsdatum: '1990-06-21' }).map((v) => v.voterNumber)).toEqual(['001-0001']);
    expect(findVoter(db, e.id, { familienname: 'MUELLER', vornamen: 'anna', geburtsdatum: '05.05.1975' })).toHaveLength(1);
    expect(findVoter(db, e.id, { familienname: 'Ostergaard', vornamen: 'Soren', geburtsdatum: '1979-09-30' })).toHaveLength(1);
    expect(findVoter(db, e.id, { familienname: 'Müller', vornamen: 'Anna', geburtsdatum: '1975-05-06' })).toEqual([]);
    expect(findVoter(db, e.id, { familienname: 'Müller', vornamen: 'Anne', geburtsdatum: '1975-05-05' })).toEqual([]);
    expect(findVoter(db, e.id, { familienname: 'Müller', vornamen: 'Anna', geburtsdatum: 'gestern' })).toEqual([]);
  });
});

describe('searchVoters (counter)', () => {
  it('finds by the beginning of folded names, birth date or Melderegister-Kennung; nothing without criteria', () => {
    const e = election();
    importVoterRegisterCsv(db, e.id, GOOD);
    const nums = (q: Parameters<typeof searchVoters>[2]) => searchVoters(db, e.id, q).map((v) => v.voterNumber);
    expect(nums({ familyName: 'gun' })).toEqual(['001-0001']);
    expect(nums({ familyName: 'M', givenNames: 'an' })).toEqual(['002-0001']);
    expect(nums({ birthDate: '30.09.1979' })).toEqual(['003-0001']);
    expect(nums({ residentKennung: 'LIN-000002' })).toEqual(['001-0001']);
    expect(nums({ familyName: '%' })).toEqual([]);
    expect(nums({})).toEqual([]);
  });
});

describe('Wahlscheine under § 25 Abs. 2', () => {
  it('adds the person once with an own number in the intended Wahlbezirk and issues there', () => {
    const e = election();
    importVoterRegisterCsv(db, e.id, GOOD);
    const person = { familyName: 'Neumann', givenNames: 'Paula', birthDate: '1990-03-03', wahlbezirk: 2, address: { street: 'Am Markt', houseNumber: '4', postalCode: '49808', city: 'Lingen (Ems)' } };
    const v = addExceptionVoter(db, e.id, person);
    expect(v.voterNumber).toBe('A25-002-0001');
    expect(isExceptionVoter(v)).toBe(true);
    expect(addExceptionVoter(db, e.id, person).id).toBe(v.id);
    expect(addExceptionVoter(db, e.id, { ...person, givenNames: 'Paul' }).voterNumber).toBe('A25-002-0002');
    expect(() => addExceptionVoter(db, e.id, { ...person, wahlbezirk: 99 })).toThrow('Der Wahlbezirk 99 gehört nicht');
    expect(peekNextWahlscheinNumber(db, e.id, 2)).toBe('WS 002-0001');
    expect(issueWahlschein(db, e.id, v.id, { now: NOW }).number).toBe('WS 002-0001');
    expect(peekNextWahlscheinNumber(db, e.id, 2)).toBe('WS 002-0002');
  });

  it('lists the valid Wahlscheine handed to a proxy', () => {
    const e = election();
    importVoterRegisterCsv(db, e.id, GOOD);
    const proxy = { familyName: 'Große', givenNames: 'Jürgen', birthDate: '1970-05-05', address: { careOf: null, addressSupplement: null, street: 'Am Markt', houseNumber: '1', postalCode: '49808', city: 'Lingen (Ems)', country: 'DE' }, vollmachtPresent: true, confirmsAtMostFourVoters: true };
    issueWahlschein(db, e.id, getVoterByNumber(db, e.id, '001-0001')!.id, { now: NOW, delivery: { kind: 'pickup_by_proxy', proxy } });
    issueWahlschein(db, e.id, getVoterByNumber(db, e.id, '002-0001')!.id, { now: NOW, delivery: { kind: 'home' } });
    expect(proxyWahlscheine(db, e.id).map((w) => w.voterNumber)).toEqual(['001-0001']);
    invalidateWahlschein(db, e.id, 'WS 001-0001', { now: NOW, reason: 'other' });
    expect(proxyWahlscheine(db, e.id)).toEqual([]);
  });
});

describe('Wahlscheine', () => {
  function setup() {
    const e = election();
    importVoterRegisterCsv(db, e.id, GOOD);
    const ayse = getVoterByNumber(db, e.id, '001-0001')!;
    return { e, ayse };
  }

  it('issues one valid Wahlschein per voter; a replacement only after invalidation', () => {
    const { e, ayse } = setup();
    const first = issueWahlschein(db, e.id, ayse.id, { now: NOW, delivery: { kind: 'home' } });
    expect(first).toMatchObject({ number: 'WS 001-0001', state: 'valid', wahlbezirk: 1, delivery: { kind: 'home' }, invalidatedAt: null });
    expect(getVoter(db, ayse.id)?.markedW).toBe(true);

    expect(() => issueWahlschein(db, e.id, ayse.id, { now: NOW })).toThrow(/bereits den gültigen Wahlschein WS 001-0001/);

    const inv = invalidateWahlschein(db, e.id, 'WS 001-0001', { now: '2027-09-20T09:00:00.000Z', reason: 'not_received' });
    expect(inv).toMatchObject({ state: 'invalid', reason: 'not_received', invalidatedAt: '2027-09-20T09:00:00.000Z' });
    expect(() => invalidateWahlschein(db, e.id, 'WS 001-0001', { now: NOW, reason: 'other' })).toThrow(/bereits für ungültig erklärt/);

    const replacement = issueWahlschein(db, e.id, ayse.id, { now: '2027-09-20T09:05:00.000Z' });
    expect(replacement.number).toBe('WS 001-0002');
    expect(validWahlscheinOf(db, ayse.id)?.number).toBe('WS 001-0002');
    expect(getVoter(db, ayse.id)?.markedW).toBe(true);

    const anna = getVoterByNumber(db, e.id, '002-0001')!;
    expect(issueWahlschein(db, e.id, anna.id, { now: NOW }).number).toBe('WS 002-0001');

    expect(wahlscheinverzeichnis(db, e.id).map((w) => [w.number, w.state, w.familyName])).toEqual([
      ['WS 001-0001', 'invalid', 'Güneş'],
      ['WS 001-0002', 'valid', 'Güneş'],
      ['WS 002-0001', 'valid', 'Müller'],
    ]);
    expect(invalidatedList(db, e.id).map((w) => w.number)).toEqual(['WS 001-0001']);
  });

  it('the database itself refuses a second valid Wahlschein (partial unique index)', () => {
    const { e, ayse } = setup();
    issueWahlschein(db, e.id, ayse.id, { now: NOW });
    const insert = db.prepare(
      "INSERT INTO wahlscheine (election_id, number, voter_id, wahlbezirk, state, issued_at) VALUES (?, ?, ?, 1, 'valid', ?)",
    );
    expect(() => insert.run(e.id, 'WS 001-0099', ayse.id, NOW)).toThrow(/UNIQUE constraint failed/);
    // An invalid one beside it is fine; a duplicate number is not.
    db.prepare(
      "INSERT INTO wahlscheine (election_id, number, voter_id, wahlbezirk, state, issued_at, invalidated_at, reason) VALUES (?, 'WS 001-0098', ?, 1, 'invalid', ?, ?, 'other')",
    ).run(e.id, ayse.id, NOW, NOW);
    expect(() =>
      db.prepare(
        "INSERT INTO wahlscheine (election_id, number, voter_id, wahlbezirk, state, issued_at, invalidated_at) VALUES (?, 'WS 001-0001', ?, 1, 'invalid', ?, ?)",
      ).run(e.id, ayse.id, NOW, NOW),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it('refuses Wahlscheine before the ballots are ready, for foreign voters and with a bad delivery', () => {
    const e = election(false);
    importVoterRegisterCsv(db, e.id, GOOD);
    const ayse = getVoterByNumber(db, e.id, '001-0001')!;
    expect(() => issueWahlschein(db, e.id, ayse.id, { now: NOW })).toThrow(/Stimmzettel noch nicht vor/);
    setBallotsReady(db, e.id, true, NOW);
    const other = createElection(db, { ...DEMO_ELECTION, id: 'other-2027' }, NOW);
    expect(() => issueWahlschein(db, other.id, ayse.id, { now: NOW })).toThrow(/nicht im Wählerverzeichnis/);
    expect(() =>
      issueWahlschein(db, e.id, ayse.id, { now: NOW, delivery: { kind: 'other_address' } as never }),
    ).toThrow(ElectionError);
    expect(wahlscheinverzeichnis(db, e.id)).toEqual([]);
    expect(getVoter(db, ayse.id)?.markedW).toBe(false);
  });
});

describe('demo', () => {
  it('resources/demo/waehlerverzeichnis.csv equals the generator output (UPDATE_DEMO_CSV=1 rewrites it)', () => {
    const residents = fs.readFileSync(path.join(RESOURCES, 'demo', 'residents.csv'), 'utf8');
    const file = path.join(RESOURCES, DEMO_VOTER_REGISTER_FILE);
    const generated = generateDemoVoterRegisterCsv(residents);
    if (process.env.UPDATE_DEMO_CSV === '1') fs.writeFileSync(file, generated, 'utf8');
    expect(fs.readFileSync(file, 'utf8') === generated, 'demo Wählerverzeichnis out of date: run with UPDATE_DEMO_CSV=1').toBe(true);
  });

  it('loads the demo election ltw-2027 with the adult German residents of Lingen', () => {
    const first = loadDemoElection(db, RESOURCES, NOW);
    expect(first.election).toMatchObject({ key: 'ltw-2027', name: 'Landtagswahl Niedersachsen 2027', ballotsReady: true });
    expect(first.imported).toBeGreaterThan(200);
    expect(first.updated).toBe(0);
    const e = first.election;
    // Ayşe Güneş: deutsch|türkisch, adult → listed; Mehmet Ali (türkisch), Elif (minor), Łukasz (polnisch) → not.
    expect(findVoter(db, e.id, { familienname: 'Gunes', vornamen: 'Ayse', geburtsdatum: '1990-06-21' })).toHaveLength(1);
    expect(findVoter(db, e.id, { familienname: 'Güneş', vornamen: 'Mehmet Ali', geburtsdatum: '1987-02-11' })).toEqual([]);
    expect(findVoter(db, e.id, { familienname: 'Güneş', vornamen: 'Elif', geburtsdatum: '2016-04-15' })).toEqual([]);
    expect(findVoter(db, e.id, { familienname: 'Kowalski', vornamen: 'Lukasz', geburtsdatum: '1985-03-14' })).toEqual([]);
    // Ödön Kőváry (ungarisch und deutsch) in Waldstraße → Wahlbezirk 7; Heinrich Többen died → not listed.
    expect(findVoter(db, e.id, { familienname: 'Kovary', vornamen: 'Odon', geburtsdatum: '1951-12-08' })[0]?.wahlbezirk).toBe(7);
    expect(findVoter(db, e.id, { familienname: 'Többen', vornamen: 'Heinrich Josef', geburtsdatum: '1931-07-19' })).toEqual([]);
    const bornAfter = db
      .prepare("SELECT count(*) AS n FROM voter_register WHERE election_id = ? AND birth_date > '2009-10-10'")
      .get(e.id) as { n: number };
    expect(bornAfter.n).toBe(0);

    const again = loadDemoElection(db, RESOURCES, NOW);
    expect(again).toMatchObject({ imported: 0, updated: first.imported });
    expect(countVoters(db, e.id)).toBe(first.imported);
  });
});

describe('updateElection', () => {
  it('changes name, date and Wahlbezirke, keeps key and ballots; refuses once a Wahlschein exists', () => {
    const e = election(true);
    importVoterRegisterCsv(db, e.id, GOOD);
    const changed = updateElection(db, e.id, { ...DEMO_ELECTION, name: 'Landtagswahl (geändert)', date: '2027-10-17', wahlbezirke: [...DEMO_ELECTION.wahlbezirke, { number: 42, name: 'Neu' }] }, NOW);
    expect(changed).toMatchObject({ key: 'test-2027', name: 'Landtagswahl (geändert)', date: '2027-10-17', ballotsReady: true });
    expect(changed.config.wahlbezirke.some((w) => w.number === 42)).toBe(true);

    const before = snapshot();
    expect(() => updateElection(db, e.id, { ...DEMO_ELECTION, wahlbezirke: [{ number: 1, name: 'Altstadt' }] }, NOW)).toThrow(
      'Wahlbezirk 2 kann nicht entfallen: Im Wählerverzeichnis stehen 1 Person(en) in diesem Wahlbezirk.',
    );
    expect(() => updateElection(db, e.id, { ...DEMO_ELECTION, date: '1980-01-01' }, NOW)).toThrow('Der Wahltag kann nicht vor dem Geburtsdatum');
    expect(snapshot()).toBe(before);
    expect(getElectionByKey(db, 'test-2027')!.config.wahlbezirke).toHaveLength(8);

    const voter = getVoterByNumber(db, e.id, '001-0001')!;
    issueWahlschein(db, e.id, voter.id, { now: NOW });
    expect(countWahlscheine(db, e.id)).toBe(1);
    let err: unknown;
    try {
      updateElection(db, e.id, { ...DEMO_ELECTION, name: 'Noch einmal geändert' }, NOW);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(ElectionError);
    expect((err as ElectionError).code).toBe('wahlscheine_issued');
    expect(getElectionByKey(db, 'test-2027')!.name).toBe('Landtagswahl (geändert)');
    // Ballots ready may still be switched.
    expect(setBallotsReady(db, e.id, false, NOW).ballotsReady).toBe(false);
  });
});
