import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from './csv';
import { CSV_COLUMNS, CsvImportError, importResidentsCsv } from './csv-import';
import { countResidents, getResident, searchResidents } from './residents';
import { openTempDb, registerSnapshot, type TempDb } from './test-helpers';

const NOW = '2025-03-01T09:00:00.000Z';

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

/** A CSV file with every column; rows give only the fields they need. */
function csv(rows: Row[], sep = ';', bom = true): string {
  const body = formatCsv([[...CSV_COLUMNS], ...rows.map((r) => CSV_COLUMNS.map((c) => r[c] ?? ''))], sep);
  return (bom ? '\uFEFF' : '') + body;
}

const LUKASZ: Row = {
  kennung: 'K-1',
  familienname: 'Kowalski',
  vornamen: 'Łukasz',
  geburtsdatum: '14.03.1985',
  geburtsort: 'Gdańsk',
  geschlecht: 'm',
  staatsangehoerigkeiten: 'polnisch',
  auskunftssperre: 'nein',
  wohnungsart: 'haupt',
  strasse: 'Lookenstraße',
  hausnummer: '12',
  plz: '49808',
  ort: 'Lingen (Ems)',
  einzug: '2012-09-01',
};
const WEISS_MAIN: Row = {
  kennung: 'K-2',
  familienname: 'Weiß',
  vornamen: 'Hans-Jürgen Karl',
  rufname: 'Hans-Jürgen',
  doktorgrad: 'Dr.',
  fruehere_namen: 'Weiss|GROẞE',
  geburtsdatum: '1958-11-02',
  steuer_id: '86095742719',
  staatsangehoerigkeiten: 'deutsch|österreichisch',
  ehegatte: 'Margarete Weiß (* 07.05.1961)',
  kinder: '',
  auskunftssperre: 'ja',
  wohnungsart: 'haupt',
  strasse: 'Am Markt',
  hausnummer: '3',
  plz: '49808',
  ort: 'Lingen (Ems)',
};
const WEISS_SECOND: Row = {
  kennung: 'K-2',
  wohnungsart: 'neben',
  strasse: 'Hüfferstraße',
  hausnummer: '27',
  plz: '48149',
  ort: 'Münster',
  einzug: '01.10.2019',
};
const WEISS_FORMER: Row = {
  ...WEISS_MAIN,
  strasse: 'Burgstraße',
  hausnummer: '1',
  einzug: '1980-01-01',
  auszug: '1991-12-31',
};

let t: TempDb;
beforeEach(() => (t = openTempDb()));
afterEach(() => t.close());

describe('importResidentsCsv', () => {
  it('imports persons with several addresses (one row per address, same kennung)', () => {
    const result = importResidentsCsv(t.db, csv([LUKASZ, WEISS_MAIN, WEISS_SECOND, WEISS_FORMER]), NOW);
    expect(result).toEqual({ imported: 2, updated: 0 });
    expect(countResidents(t.db)).toBe(2);

    const [weiss] = searchResidents(t.db, { name: 'weiss', limit: 5 });
    expect(weiss).toMatchObject({ doctoralDegree: 'Dr.', auskunftssperre: true, mainAddress: 'Am Markt 3, 49808 Lingen (Ems)' });
    const r = getResident(t.db, weiss!.id)!;
    expect(r).toMatchObject({
      familyName: 'Weiß',
      givenNames: 'Hans-Jürgen Karl',
      callName: 'Hans-Jürgen',
      formerNames: ['Weiss', 'GROẞE'],
      taxId: '86095742719',
      nationalities: ['deutsch', 'österreichisch'],
      spouse: 'Margarete Weiß (* 07.05.1961)',
      minorChildren: [],
      auskunftssperre: true,
    });
    expect(r.addresses).toEqual([
      { kind: 'haupt', street: 'Am Markt', houseNumber: '3', postalCode: '49808', city: 'Lingen (Ems)', movedIn: null, movedOut: null },
      { kind: 'neben', street: 'Hüfferstraße', houseNumber: '27', postalCode: '48149', city: 'Münster', movedIn: '2019-10-01', movedOut: null },
      { kind: 'haupt', street: 'Burgstraße', houseNumber: '1', postalCode: '49808', city: 'Lingen (Ems)', movedIn: '1980-01-01', movedOut: '1991-12-31' },
    ]);
    const lukasz = getResident(t.db, searchResidents(t.db, { name: 'Lukasz', limit: 1 })[0]!.id)!;
    expect(lukasz).toMatchObject({ birthDate: '1985-03-14', birthPlace: 'Gdańsk', sex: 'm', auskunftssperre: false });
  });

  it('is idempotent: importing the same file again updates, never duplicates', () => {
    const file = csv([LUKASZ, WEISS_MAIN, WEISS_SECOND]);
    expect(importResidentsCsv(t.db, file, NOW)).toEqual({ imported: 2, updated: 0 });
    const first = registerSnapshot(t.db);
    expect(importResidentsCsv(t.db, file, NOW)).toEqual({ imported: 0, updated: 2 });
    expect(countResidents(t.db)).toBe(2);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM resident_addresses').get()).toEqual({ n: 3 });
    // Same ids, same data (addresses are re-written, so only their row ids may differ).
    const strip = (s: string) => JSON.parse(s, (k, v) => (k === 'id' && typeof v === 'number' && v > 2 ? 0 : v));
    expect(strip(registerSnapshot(t.db)).residents).toEqual(strip(first).residents);

    // A changed file updates the person in place.
    importResidentsCsv(t.db, csv([{ ...LUKASZ, strasse: 'Burgstraße', hausnummer: '9' }]), NOW);
    expect(countResidents(t.db)).toBe(2);
    expect(searchResidents(t.db, { name: 'Lukasz', limit: 5 })[0]!.mainAddress).toBe('Burgstraße 9, 49808 Lingen (Ems)');
  });

  it('accepts "," as separator, no BOM, LF line ends, quoted fields and header case', () => {
    const text =
      'Kennung,Familienname,Vornamen,Geburtsdatum,Staatsangehörigkeiten,Strasse,Hausnummer,PLZ,Ort\n' +
      'X-1,"Çelik","Yıldız",1988-04-05,"türkisch|deutsch","Rheiner Straße","45",49809,"Lingen (Ems)"\n' +
      '\n' +
      'X-2,"O\'Brien, jr.",Seán,05.04.1970,irisch,"Am ""Alten"" Markt",1,49808,"Lingen (Ems)"\n';
    expect(importResidentsCsv(t.db, text, NOW)).toEqual({ imported: 2, updated: 0 });
    const [yildiz] = searchResidents(t.db, { name: 'yildiz celik', limit: 5 });
    expect(yildiz).toMatchObject({ givenNames: 'Yıldız', mainAddress: 'Rheiner Straße 45, 49809 Lingen (Ems)' });
    const [obrien] = searchResidents(t.db, { name: 'obrien', limit: 5 });
    expect(obrien).toMatchObject({ familyName: "O'Brien, jr.", givenNames: 'Seán' });
    expect(getResident(t.db, obrien!.id)!.addresses[0]).toMatchObject({ street: 'Am "Alten" Markt', city: 'Lingen (Ems)' });
  });

  it('parses RFC 4180 records with their starting line', () => {
    const records = parseCsv('a;b\r\n"x\r\ny";"q""uote"\r\n\r\nlast;\r\n', ';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\r\ny', 'q"uote'] },
      { line: 5, fields: ['last', ''] },
    ]);
  });
});

describe('importResidentsCsv: a bad row aborts everything', () => {
  /** Imports a valid register first, then a file whose given row is bad; checks message, line and no change. */
  function expectRejected(rows: Row[], line: number, message: RegExp | string) {
    importResidentsCsv(t.db, csv([LUKASZ]), NOW);
    const before = registerSnapshot(t.db);
    let error: unknown;
    try {
      importResidentsCsv(t.db, csv(rows), NOW);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CsvImportError);
    const e = error as CsvImportError;
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`Zeile ${line}: `)).toBe(true);
    expect(e.message).toMatch(message);
    expect(registerSnapshot(t.db)).toBe(before);
  }

  const good = (i: number): Row => ({ ...LUKASZ, kennung: `G-${i}`, familienname: `Meyer`, vornamen: `Anna`, strasse: 'Marienstraße' });

  it('rejects an invalid date, naming the line and the value', () => {
    expectRejected(
      [good(1), good(2), { ...good(3), geburtsdatum: '31.02.1990' }, good(4)],
      4,
      'Zeile 4: Geburtsdatum „31.02.1990“ ist kein gültiges Datum.',
    );
  });

  it('rejects a name character outside DIN 91379 (Cyrillic Д)', () => {
    expectRejected([good(1), { ...good(2), familienname: 'Дмитриев' }], 3, /Familienname „Дмитриев“ enthält Zeichen außerhalb von DIN 91379: „Д“/);
    expectRejected([good(1), { ...good(2), vornamen: 'Anna', fruehere_namen: 'Meyer|Д' }], 3, /Früherer Name „Д“/);
  });

  it('rejects a missing family name', () => {
    expectRejected([good(1), good(2), { ...good(3), familienname: '' }], 4, 'Zeile 4: Der Familienname fehlt.');
  });

  it('rejects an updated person with a bad row even though earlier persons were fine', () => {
    expectRejected([good(1), { ...LUKASZ, strasse: 'Burgstraße' }, { ...good(5), geschlecht: 'q' }], 4, /Geschlecht „q“ ist unbekannt/);
  });

  it('rejects bad address data on the address row', () => {
    expectRejected([good(1), { ...good(1), wohnungsart: 'neben', strasse: 'Am Markt', plz: '', einzug: '' }], 3, /PLZ fehlt/);
    expectRejected([good(1), { ...good(1), wohnungsart: 'zweit', strasse: 'Am Markt' }], 3, /Wohnungsart „zweit“/);
    expectRejected([{ ...good(1), einzug: '2020-01-01', auszug: '2019-01-01' }], 2, /Auszugsdatum liegt vor dem Einzugsdatum/);
    expectRejected([good(1), { ...good(1), wohnungsart: 'haupt', strasse: 'Am Markt' }], 3, /nur eine aktuelle Hauptwohnung/);
  });

  it('rejects rows of one kennung that disagree about the person', () => {
    expectRejected([good(1), { ...good(1), geburtsdatum: '1999-01-01', wohnungsart: 'neben' }], 3, /Geburtsdatum „1999-01-01“ weicht von Zeile 2/);
  });

  it('rejects structural problems', () => {
    expectRejected([{ ...good(1), kennung: '' }], 2, 'Zeile 2: Die Kennung fehlt.');
    const before = registerSnapshot(t.db);
    const fails = (text: string, line: number, message: RegExp) => {
      expect(() => importResidentsCsv(t.db, text, NOW)).toThrow(CsvImportError);
      try {
        importResidentsCsv(t.db, text, NOW);
      } catch (err) {
        expect((err as CsvImportError).line).toBe(line);
        expect((err as Error).message).toMatch(message);
      }
    };
    fails('', 1, /leer/);
    fails('kennung;familienname;vornamen\nA;B;C\n', 1, /Pflichtspalte „geburtsdatum“ fehlt/);
    fails('kennung;familienname;vornamen;geburtsdatum;hobby\n', 1, /Unbekannte Spalte „hobby“/);
    fails('kennung;familienname;vornamen;geburtsdatum\nA;B;C\n', 2, /3 statt 4 Felder/);
    fails('kennung;familienname;vornamen;geburtsdatum\nA;"B;C;2000-01-01\n', 2, /Anführungszeichen wird nicht geschlossen/);
    fails('kennung;familienname;vornamen;geburtsdatum\nA;B;C;2000-01-01\nA;B;C;2000-01-01;x\n', 3, /5 statt 4 Felder/);
    expect(registerSnapshot(t.db)).toBe(before);
  });
});
