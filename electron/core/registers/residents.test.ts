import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Address } from '../../../shared/domain/types';
import { parseDateInput } from './dates';
import {
  countResidents,
  getResident,
  ResidentValidationError,
  searchResidents,
  upsertResident,
  type ResidentInput,
} from './residents';
import { isValidTaxId, taxIdCheckDigit } from './validate';
import { openTempDb, registerSnapshot, type TempDb } from './test-helpers';

const NOW = '2025-03-01T09:00:00.000Z';

const lingen = (street: string, houseNumber: string, extra: Partial<Address> = {}): Address => ({
  kind: 'haupt',
  street,
  houseNumber,
  postalCode: '49808',
  city: 'Lingen (Ems)',
  movedIn: '2010-01-01',
  movedOut: null,
  ...extra,
});

const FIXTURES: ResidentInput[] = [
  {
    externalId: 'T-1',
    familyName: 'Kowalski',
    givenNames: 'Łukasz',
    birthDate: '1985-03-14',
    sex: 'm',
    addresses: [lingen('Lookenstraße', '12')],
  },
  {
    externalId: 'T-2',
    familyName: 'Müller',
    givenNames: 'Anna Maria',
    callName: 'Anna',
    birthDate: '1975-05-05',
    addresses: [lingen('Bahnhofstraße', '5')],
  },
  {
    externalId: 'T-3',
    familyName: 'Mueller',
    givenNames: 'Bernd',
    birthDate: '1970-01-01',
    addresses: [lingen('Bahnhofstraße', '52')],
  },
  {
    externalId: 'T-4',
    familyName: 'Güneş',
    givenNames: 'Ayşe',
    formerNames: ['Doğan'],
    birthDate: '1990-06-21',
    auskunftssperre: true,
    addresses: [lingen('Marienstraße', '7')],
  },
  {
    externalId: 'T-5',
    familyName: 'Şahin',
    givenNames: 'Mehmet',
    birthDate: '1990-06-21',
    addresses: [lingen('Rheiner Straße', '15', { postalCode: '49809' })],
  },
  {
    externalId: 'T-6',
    familyName: 'Weiß',
    givenNames: 'Hans-Jürgen',
    doctoralDegree: 'Dr.',
    birthDate: '1958-11-02',
    addresses: [
      lingen('Am Markt', '3'),
      { ...lingen('Hüfferstraße', '27'), kind: 'neben', postalCode: '48149', city: 'Münster' },
      { ...lingen('Burgstraße', '1'), movedIn: '1980-01-01', movedOut: '2009-12-31' },
    ],
  },
  {
    externalId: 'T-7',
    familyName: 'Többen',
    givenNames: 'Heinrich',
    birthDate: '1931-07-19',
    dateOfDeath: '2024-11-03',
    addresses: [lingen('Baccumer Straße', '112', { postalCode: '49811' })],
  },
  {
    externalId: 'T-8',
    familyName: 'Østergaard',
    givenNames: 'Søren',
    birthDate: '1979-09-30',
    addresses: [lingen('Kaiserstraße', '21')],
  },
  {
    externalId: 'T-9',
    familyName: 'Anders',
    givenNames: 'Lukas',
    birthDate: '2001-02-03',
    addresses: [lingen('Bahnhofstraße', '5a')],
  },
];

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
  for (const f of FIXTURES) upsertResident(t.db, f, NOW);
});
afterEach(() => t.close());

const names = (rs: { familyName: string; givenNames: string }[]) => rs.map((r) => `${r.givenNames} ${r.familyName}`);
const search = (q: Parameters<typeof searchResidents>[1]) => names(searchResidents(t.db, q));

describe('searchResidents by name', () => {
  it('finds names typed without diacritics', () => {
    expect(search({ name: 'Lukasz', limit: 10 })).toEqual(['Łukasz Kowalski']);
    expect(search({ name: 'Gunes', limit: 10 })).toEqual(['Ayşe Güneş']);
    expect(search({ name: 'sahin', limit: 10 })).toEqual(['Mehmet Şahin']);
    expect(search({ name: 'Weiss', limit: 10 })).toEqual(['Hans-Jürgen Weiß']);
    expect(search({ name: 'soren ostergaard', limit: 10 })).toEqual(['Søren Østergaard']);
    expect(search({ name: 'Soeren', limit: 10 })).toEqual(['Søren Østergaard']);
  });

  it('treats ü, ue and u alike (Müller, Mueller, Muller)', () => {
    // Equal family names after folding: the given names decide the order (as in DIN 5007-2 phone-book order).
    const both = ['Anna Maria Müller', 'Bernd Mueller'];
    expect(search({ name: 'mueller', limit: 10 })).toEqual(both);
    expect(search({ name: 'muller', limit: 10 })).toEqual(both);
    expect(search({ name: 'Müller', limit: 10 })).toEqual(both);
  });

  it('needs every word to begin some name word', () => {
    expect(search({ name: 'lukasz kowal', limit: 10 })).toEqual(['Łukasz Kowalski']);
    expect(search({ name: 'kowal lukasz', limit: 10 })).toEqual(['Łukasz Kowalski']);
    expect(search({ name: 'owalski', limit: 10 })).toEqual([]);
    expect(search({ name: 'luka', limit: 10 })).toEqual(['Lukas Anders', 'Łukasz Kowalski']);
    expect(search({ name: 'jurgen', limit: 10 })).toEqual(['Hans-Jürgen Weiß']);
    expect(search({ name: 'Anna', limit: 10 })).toEqual(['Anna Maria Müller']);
  });

  it('searches former names and ignores "geb."', () => {
    expect(search({ name: 'Dogan', limit: 10 })).toEqual(['Ayşe Güneş']);
    expect(search({ name: 'Ayse geb. Dogan', limit: 10 })).toEqual(['Ayşe Güneş']);
  });

  it('finds the doctoral degree with the name', () => {
    expect(search({ name: 'Dr. Weiß', limit: 10 })).toEqual(['Hans-Jürgen Weiß']);
  });

  it('leaves out the deceased unless asked', () => {
    expect(search({ name: 'Többen', limit: 10 })).toEqual([]);
    expect(search({ name: 'Tobben', limit: 10, includeDeceased: true })).toEqual(['Heinrich Többen']);
  });

  it('orders by family name, then given names, diacritics folded', () => {
    const all = searchResidents(t.db, { address: 'Lingen', limit: 50 });
    expect(names(all)).toEqual([
      'Lukas Anders',
      'Ayşe Güneş',
      'Łukasz Kowalski',
      'Anna Maria Müller',
      'Bernd Mueller',
      'Søren Østergaard',
      'Mehmet Şahin',
      'Hans-Jürgen Weiß',
    ]);
    expect(searchResidents(t.db, { address: 'Lingen', limit: 3 })).toHaveLength(3);
  });

  it('finds nobody without a usable criterion', () => {
    expect(search({ limit: 10 })).toEqual([]);
    expect(search({ name: ' – ', limit: 10 })).toEqual([]);
    expect(search({ name: 'Дмитрий', limit: 10 })).toEqual([]);
  });
});

describe('searchResidents by birth date and address', () => {
  it('matches the birth date exactly, ISO or German', () => {
    expect(search({ birthDate: '1990-06-21', limit: 10 })).toEqual(['Ayşe Güneş', 'Mehmet Şahin']);
    expect(search({ birthDate: '21.06.1990', limit: 10 })).toEqual(['Ayşe Güneş', 'Mehmet Şahin']);
    expect(search({ birthDate: '1990-06-22', limit: 10 })).toEqual([]);
    expect(search({ birthDate: '31.02.1990', limit: 10 })).toEqual([]);
  });

  it('combines criteria with AND', () => {
    expect(search({ name: 'Gunes', birthDate: '1990-06-21', limit: 10 })).toEqual(['Ayşe Güneş']);
    expect(search({ name: 'Gunes', birthDate: '1990-06-22', limit: 10 })).toEqual([]);
    expect(search({ name: 'Anna', address: 'Marienstr', limit: 10 })).toEqual([]);
  });

  it('finds addresses typed without ß and abbreviated', () => {
    expect(search({ address: 'Strasse 5', limit: 10 })).toEqual(['Lukas Anders', 'Anna Maria Müller']);
    expect(search({ address: 'Bahnhofstr. 5', limit: 10 })).toEqual(['Lukas Anders', 'Anna Maria Müller']);
    expect(search({ address: 'Bahnhofstraße 52', limit: 10 })).toEqual(['Bernd Mueller']);
    expect(search({ address: 'Lookenstrasse 12', limit: 10 })).toEqual(['Łukasz Kowalski']);
    expect(search({ address: '49809', limit: 10 })).toEqual(['Mehmet Şahin']);
    expect(search({ address: '4980', limit: 10 })).toHaveLength(8);
  });

  it('searches current addresses including Nebenwohnungen, not former ones', () => {
    expect(search({ address: 'Hüfferstraße', limit: 10 })).toEqual(['Hans-Jürgen Weiß']);
    expect(search({ address: 'Burgstraße 1', limit: 10 })).toEqual([]);
  });
});

describe('summaries and full entries', () => {
  it('carries the Auskunftssperre flag, degree and main address in summaries', () => {
    const [ayse] = searchResidents(t.db, { name: 'Ayşe', limit: 1 });
    expect(ayse).toMatchObject({
      familyName: 'Güneş',
      givenNames: 'Ayşe',
      birthDate: '1990-06-21',
      auskunftssperre: true,
      doctoralDegree: null,
      mainAddress: 'Marienstraße 7, 49808 Lingen (Ems)',
    });
    const [weiss] = searchResidents(t.db, { name: 'Weiß', limit: 1 });
    expect(weiss).toMatchObject({ doctoralDegree: 'Dr.', auskunftssperre: false, mainAddress: 'Am Markt 3, 49808 Lingen (Ems)' });
  });

  it('returns the full entry, current addresses and the Hauptwohnung first', () => {
    const id = searchResidents(t.db, { name: 'Weiß', limit: 1 })[0]!.id;
    const r = getResident(t.db, id)!;
    expect(r.familyName).toBe('Weiß');
    expect(r.addresses.map((a) => `${a.kind} ${a.street} ${a.movedOut ?? ''}`.trim())).toEqual([
      'haupt Am Markt',
      'neben Hüfferstraße',
      'haupt Burgstraße 2009-12-31',
    ]);
    const anna = getResident(t.db, searchResidents(t.db, { name: 'Anna', limit: 1 })[0]!.id)!;
    expect(anna).toMatchObject({ callName: 'Anna', formerNames: [], nationalities: [], minorChildren: [], sex: null });
    expect(getResident(t.db, 99999)).toBeNull();
  });

  it('counts all residents, the deceased included', () => {
    expect(countResidents(t.db)).toBe(FIXTURES.length);
  });
});

describe('upsertResident', () => {
  it('updates by external id instead of duplicating, replacing the addresses', () => {
    const first = upsertResident(t.db, { ...FIXTURES[0]!, givenNames: 'Łukasz Jan', callName: 'Łukasz' }, NOW);
    expect(first.created).toBe(false);
    expect(countResidents(t.db)).toBe(FIXTURES.length);
    const again = upsertResident(t.db, { ...FIXTURES[0]!, addresses: [lingen('Burgstraße', '9')] }, NOW);
    expect(again.id).toBe(first.id);
    expect(getResident(t.db, first.id)!.addresses.map((a) => a.street)).toEqual(['Burgstraße']);
    expect(search({ address: 'Lookenstraße', limit: 10 })).toEqual([]);
  });

  it('stores names unchanged in NFC, even when given decomposed', () => {
    const { id } = upsertResident(
      t.db,
      { familyName: 'Gu\u0308nes\u0327', givenNames: 'Ays\u0327e', birthDate: '2000-01-01' },
      NOW,
    );
    const r = getResident(t.db, id)!;
    expect(r.familyName).toBe('Güneş');
    expect(r.familyName.length).toBe(5);
    expect(r.givenNames).toBe('Ayşe');
  });

  it('rejects names outside DIN 91379 with a German message naming the field, changing nothing', () => {
    const before = registerSnapshot(t.db);
    const attempt = () =>
      upsertResident(t.db, { externalId: 'T-1', familyName: 'Дмитриев', givenNames: 'Łukasz', birthDate: '1985-03-14' }, NOW);
    expect(attempt).toThrow(ResidentValidationError);
    expect(attempt).toThrow(/Familienname „Дмитриев“ enthält Zeichen außerhalb von DIN 91379: „Д“/);
    expect(() => upsertResident(t.db, { familyName: 'Meyer', givenNames: 'Anna 😀', birthDate: '2000-01-01' }, NOW)).toThrow(
      /Vornamen „Anna 😀“ enthält Zeichen außerhalb von DIN 91379: „😀“/,
    );
    expect(registerSnapshot(t.db)).toBe(before);
  });

  it('checks the other fields', () => {
    const base: ResidentInput = { familyName: 'Meyer', givenNames: 'Anna', birthDate: '2000-01-01' };
    const fails = (patch: Partial<ResidentInput>, message: RegExp) =>
      expect(() => upsertResident(t.db, { ...base, ...patch }, NOW)).toThrow(message);
    fails({ familyName: '  ' }, /Der Familienname fehlt/);
    fails({ birthDate: '2000-02-30' }, /Geburtsdatum „2000-02-30“ ist kein gültiges Datum/);
    fails({ birthDate: '2030-01-01' }, /liegt in der Zukunft/);
    fails({ callName: 'Maria' }, /Rufname „Maria“ ist keiner der Vornamen/);
    fails({ taxId: '12345678901' }, /Steuer-Identifikationsnummer/);
    fails({ dateOfDeath: '1999-01-01' }, /Sterbedatum liegt vor dem Geburtsdatum/);
    fails({ addresses: [lingen('A', '1'), lingen('B', '2')] }, /nur eine aktuelle Hauptwohnung/);
    fails({ addresses: [lingen('A', '1', { movedIn: '2020-01-01', movedOut: '2019-01-01' })] }, /Auszugsdatum liegt vor/);
    fails({ birthPlace: 'Москва' }, /Geburtsort/);
  });
});

describe('dates and tax ids', () => {
  it('parses ISO and German dates, rejecting impossible ones', () => {
    expect(parseDateInput('14.03.1985')).toBe('1985-03-14');
    expect(parseDateInput('1.2.2000')).toBe('2000-02-01');
    expect(parseDateInput(' 2024-02-29 ')).toBe('2024-02-29');
    expect(parseDateInput('29.02.2023')).toBeNull();
    expect(parseDateInput('31.04.2020')).toBeNull();
    expect(parseDateInput('2020-13-01')).toBeNull();
    expect(parseDateInput('14/03/1985')).toBeNull();
  });

  it('checks the Steuer-IdNr check digit (ISO 7064 MOD 11,10)', () => {
    // Example number published by the BZSt.
    expect(isValidTaxId('86095742719')).toBe(true);
    expect(isValidTaxId('86095742718')).toBe(false);
    expect(isValidTaxId('06095742719')).toBe(false);
    expect(taxIdCheckDigit('8609574271')).toBe(9);
  });
});
