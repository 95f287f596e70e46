import { describe, expect, it } from 'vitest';
import { ENVELOPE_ADDRESS_FONT_PT } from './din5008';
import { createPdf } from './pdf';
import {
  ADDRESS_LINE_WIDTH_MM,
  AddressFormatError,
  COUNTRY_NAMES_DE,
  docMeasure,
  fontMeasure,
  formatPostalAddress,
  recipientDisplayName,
  residentPostalAddress,
  salutationFromSex,
  type PostalAddressInput,
  type PostalAddressOptions,
  type Shortening,
} from './postal-address';
import { RESOURCES_DIR } from './test-fixtures';

const measure = fontMeasure(RESOURCES_DIR);
const LINGEN = { street: 'Burgstraße', houseNumber: '21a', postalCode: '49808', city: 'Lingen (Ems)' };

interface Case {
  name: string;
  input: PostalAddressInput;
  options?: PostalAddressOptions;
  lines: string[];
  shortened?: Omit<Shortening, 'rule'>[];
  notes?: string[];
}

const CASES: Case[] = [
  // --- Anrede, akademische Grade, Namensbestandteile
  {
    name: 'Frau, own line',
    input: { salutation: 'Frau', givenNames: 'Erika', familyName: 'Mustermann', ...LINGEN },
    lines: ['Frau', 'Erika Mustermann', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'Herrn, own line',
    input: { salutation: 'Herrn', givenNames: 'Max', familyName: 'Mustermann', street: 'Am Markt', houseNumber: '3', postalCode: '49808', city: 'Lingen (Ems)' },
    lines: ['Herrn', 'Max Mustermann', 'Am Markt 3', '49808 Lingen (Ems)'],
  },
  {
    name: 'no Anrede (chosen by the caller)',
    input: { salutation: null, givenNames: 'Alex', familyName: 'Mustermann', ...LINGEN },
    lines: ['Alex Mustermann', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'Frau Dr.: degree at the head of the name line',
    input: { salutation: 'Frau', title: 'Dr.', givenNames: 'Erika', familyName: 'Mustermann', ...LINGEN },
    lines: ['Frau', 'Dr. Erika Mustermann', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'Herrn Prof. Dr.',
    input: { salutation: 'Herrn', title: 'Prof. Dr.', givenNames: 'Hans', familyName: 'Meier', ...LINGEN },
    lines: ['Herrn', 'Prof. Dr. Hans Meier', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'Dr. med. without Anrede',
    input: { title: 'Dr. med.', givenNames: 'Ödön', familyName: 'Kőváry', ...LINGEN },
    lines: ['Dr. med. Ödön Kőváry', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'nobility part between given and family name',
    input: { salutation: 'Herrn', givenNames: 'Karl-Theodor', namePrefix: 'Freiherr von', familyName: 'Stein', ...LINGEN },
    lines: ['Herrn', 'Karl-Theodor Freiherr von Stein', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'name suffix after the family name',
    input: { salutation: 'Herrn', givenNames: 'Hans', familyName: 'Meier', nameSuffix: 'jun.', ...LINGEN },
    lines: ['Herrn', 'Hans Meier jun.', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'all given names when they fit',
    input: { givenNames: 'Łukasz Ödön', callName: 'Łukasz', title: 'Dr.', familyName: 'Żółkiewski-Ørsted', ...LINGEN },
    lines: ['Dr. Łukasz Ödön Żółkiewski-Ørsted', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  // --- c/o → bei
  {
    name: 'c/o becomes bei',
    input: { salutation: 'Frau', givenNames: 'Anna', familyName: 'Schulz', careOf: 'c/o Müller', ...LINGEN },
    lines: ['Frau', 'Anna Schulz', 'bei Müller', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'C/O in capitals',
    input: { givenNames: 'Anna', familyName: 'Schulz', careOf: 'C/O Familie Schmidt', ...LINGEN },
    lines: ['Anna Schulz', 'bei Familie Schmidt', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: '"bei" is not doubled',
    input: { givenNames: 'Emre', familyName: 'Kaya', careOf: 'bei Yılmaz', ...LINGEN },
    lines: ['Emre Kaya', 'bei Yılmaz', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'p. A. becomes bei',
    input: { givenNames: 'Emre', familyName: 'Kaya', careOf: 'p. A. Hausverwaltung Ems GmbH', ...LINGEN },
    lines: ['Emre Kaya', 'bei Hausverwaltung Ems GmbH', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'plain care-of name gets "bei"',
    input: { givenNames: 'Emre', familyName: 'Kaya', careOf: 'Jürgen Weiß', ...LINGEN },
    lines: ['Emre Kaya', 'bei Jürgen Weiß', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  // --- Postfach, Adresszusatz
  {
    name: 'Postfach of an authority, digits in pairs',
    input: { organisation: 'Landkreis Emsland', postOfficeBox: '1563', postalCode: '49702', city: 'Meppen' },
    lines: ['Landkreis Emsland', 'Postfach 15 63', '49702 Meppen'],
  },
  {
    name: 'Postfach of a person, six digits',
    input: { salutation: 'Herrn', givenNames: 'Max', familyName: 'Mustermann', postOfficeBox: '123456', postalCode: '49781', city: 'Lingen (Ems)' },
    lines: ['Herrn', 'Max Mustermann', 'Postfach 12 34 56', '49781 Lingen (Ems)'],
  },
  {
    name: 'Postfach entered with the word',
    input: { organisation: 'Emsland-Stärke GmbH', postOfficeBox: 'Postfach 10 01 23', postalCode: '49824', city: 'Emlichheim' },
    lines: ['Emsland-Stärke GmbH', 'Postfach 10 01 23', '49824 Emlichheim'],
  },
  {
    name: 'Adresszusatz above the street',
    input: { salutation: 'Frau', givenNames: 'Anna', familyName: 'Schulz', addressSupplement: 'Hinterhaus', ...LINGEN },
    lines: ['Frau', 'Anna Schulz', 'Hinterhaus', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: '"D-" before the German postcode is dropped',
    input: { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, postalCode: 'D-49808' },
    lines: ['Anna Schulz', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  // --- Firmen
  {
    name: 'organisation only',
    input: { organisation: 'Emsland-Stärke GmbH', street: 'Am Bahnhof', houseNumber: '4', postalCode: '49824', city: 'Emlichheim' },
    lines: ['Emsland-Stärke GmbH', 'Am Bahnhof 4', '49824 Emlichheim'],
  },
  {
    name: 'organisation with contact person: Anrede joins the name line',
    input: { organisation: 'Muster GmbH', salutation: 'Frau', givenNames: 'Erika', familyName: 'Muster', ...LINGEN },
    lines: ['Muster GmbH', 'Frau Erika Muster', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'long organisation name over two even lines (not a shortening)',
    input: {
      organisation: 'Wasserverband Lingen-Emsland-Grafschaft Bentheim und Umgebung',
      street: 'Am Wasserwerk',
      houseNumber: '1',
      postalCode: '49809',
      city: 'Lingen (Ems)',
    },
    lines: [
      'Wasserverband Lingen-Emsland-Grafschaft',
      'Bentheim und Umgebung',
      'Am Wasserwerk 1',
      '49809 Lingen (Ems)',
    ],
  },
  // --- Lange Namen und Straßen: Kürzung nach Regel, gemeldet
  {
    name: 'long given names → the gebräuchliche Vorname',
    input: {
      salutation: 'Herrn',
      title: 'Dr.',
      givenNames: 'Maximilian Alexander Friedrich Wilhelm Konstantin',
      callName: 'Konstantin',
      familyName: 'Hohenzollern-Sigmaringen',
      ...LINGEN,
    },
    lines: ['Herrn', 'Dr. Konstantin Hohenzollern-Sigmaringen', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    shortened: [{ field: 'givenNames', from: 'Maximilian Alexander Friedrich Wilhelm Konstantin', to: 'Konstantin' }],
  },
  {
    name: 'no gebräuchlicher Vorname → further given names as initials',
    input: {
      salutation: 'Frau',
      givenNames: 'Maximiliane Alexandra Friederike Wilhelmine',
      familyName: 'Hohenzollern-Sigmaringen',
      ...LINGEN,
    },
    lines: ['Frau', 'Maximiliane A. F. W. Hohenzollern-Sigmaringen', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    shortened: [
      { field: 'givenNames', from: 'Maximiliane Alexandra Friederike Wilhelmine', to: 'Maximiliane A. F. W.' },
    ],
  },
  {
    name: 'initials still too long → only the first given name',
    input: {
      title: 'Prof. Dr.',
      givenNames: 'Johann Georg Friedrich Wilhelm Ludwig Karl August Heinrich',
      familyName: 'Sachsen-Coburg-Gotha',
      ...LINGEN,
    },
    lines: ['Prof. Dr. Johann Sachsen-Coburg-Gotha', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    shortened: [
      {
        field: 'givenNames',
        from: 'Johann Georg Friedrich Wilhelm Ludwig Karl August Heinrich',
        to: 'Johann G. F. W. L. K. A. H.',
      },
      { field: 'givenNames', from: 'Johann G. F. W. L. K. A. H.', to: 'Johann' },
    ],
  },
  {
    name: 'one long given name → its initial (hyphenated: both parts)',
    input: {
      title: 'Dr.',
      givenNames: 'Bartholomäus-Maximilian',
      familyName: 'Wolkenstein-Rodenegg-Trostburg-Hauenstein',
      ...LINGEN,
    },
    lines: ['Dr. B.-M. Wolkenstein-Rodenegg-Trostburg-Hauenstein', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    shortened: [{ field: 'givenNames', from: 'Bartholomäus-Maximilian', to: 'B.-M.' }],
  },
  {
    name: 'long street → "Str."',
    input: {
      givenNames: 'Anna',
      familyName: 'Schulz',
      street: 'Bürgermeister-Heinrich-Wilhelm-Grünewald-Straße',
      houseNumber: '117b',
      postalCode: '49808',
      city: 'Lingen (Ems)',
    },
    lines: ['Anna Schulz', 'Bürgermeister-Heinrich-Wilhelm-Grünewald-Str. 117b', '49808 Lingen (Ems)'],
    shortened: [
      {
        field: 'street',
        from: 'Bürgermeister-Heinrich-Wilhelm-Grünewald-Straße 117b',
        to: 'Bürgermeister-Heinrich-Wilhelm-Grünewald-Str. 117b',
      },
    ],
  },
  {
    name: 'short street stays "Straße"',
    input: { givenNames: 'Anna', familyName: 'Schulz', street: 'Lange Straße', houseNumber: '1', postalCode: '49808', city: 'Lingen (Ems)' },
    lines: ['Anna Schulz', 'Lange Straße 1', '49808 Lingen (Ems)'],
  },
  // --- DIN 91379: printed as written
  {
    name: 'Łukasz Kowalski',
    input: { salutation: 'Herrn', givenNames: 'Łukasz', familyName: 'Kowalski', ...LINGEN },
    lines: ['Herrn', 'Łukasz Kowalski', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'Ayşe Güneş',
    input: { salutation: 'Frau', givenNames: 'Ayşe', familyName: 'Güneş', street: 'Kaiserstraße', houseNumber: '7', postalCode: '49809', city: 'Lingen (Ems)' },
    lines: ['Frau', 'Ayşe Güneş', 'Kaiserstraße 7', '49809 Lingen (Ems)'],
  },
  {
    name: 'Weiß and GROẞE as written',
    input: { givenNames: 'Jürgen', familyName: 'GROẞE', careOf: 'Weiß', street: 'Weißdornweg', houseNumber: '2', postalCode: '49808', city: 'Lingen (Ems)' },
    lines: ['Jürgen GROẞE', 'bei Weiß', 'Weißdornweg 2', '49808 Lingen (Ems)'],
  },
  {
    name: 'decomposed input is printed in NFC',
    input: { givenNames: 'Zoe\u0308', familyName: 'Mu\u0308ller', ...LINGEN },
    lines: ['Zoë Müller', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'DIN 91379 combining sequence kept',
    input: { givenNames: 'Žaneta', familyName: 'C\u0328\u0306elik', ...LINGEN },
    lines: ['Žaneta C\u0328\u0306elik', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  // --- Ausland: Ort und Land in Großbuchstaben, Land deutsch
  {
    name: 'Austria, old "A-" prefix removed',
    input: { salutation: 'Frau', givenNames: 'Anna', familyName: 'Gruber', street: 'Stephansplatz', houseNumber: '1', postalCode: 'A-1010', city: 'Wien', country: 'AT' },
    lines: ['Frau', 'Anna Gruber', 'Stephansplatz 1', '1010 WIEN', 'ÖSTERREICH'],
  },
  {
    name: 'Switzerland, "Strasse" as written',
    input: { givenNames: 'Urs', familyName: 'Brändli', street: 'Bahnhofstrasse', houseNumber: '1', postalCode: 'CH-8001', city: 'Zürich', country: 'ch' },
    lines: ['Urs Brändli', 'Bahnhofstrasse 1', '8001 ZÜRICH', 'SCHWEIZ'],
  },
  {
    name: 'Netherlands, postcode "1234 AB"',
    input: { givenNames: 'Sanne', familyName: 'de Vries', street: 'Damrak', houseNumber: '1', postalCode: '1012lg', city: 'Amsterdam', country: 'NL' },
    lines: ['Sanne de Vries', 'Damrak 1', '1012 LG AMSTERDAM', 'NIEDERLANDE'],
  },
  {
    name: 'Poland, postcode "00-000", Polish capitals',
    input: { salutation: 'Herrn', givenNames: 'Łukasz', familyName: 'Kowalski', street: 'ul. Piotrkowska', houseNumber: '12', postalCode: '90006', city: 'Łódź', country: 'PL' },
    lines: ['Herrn', 'Łukasz Kowalski', 'ul. Piotrkowska 12', '90-006 ŁÓDŹ', 'POLEN'],
  },
  {
    name: 'Turkey, Turkish capitals (İ)',
    input: { salutation: 'Frau', givenNames: 'Ayşe', familyName: 'Güneş', street: 'Gazi Caddesi', houseNumber: '5', postalCode: '21100', city: 'Diyarbakır', country: 'TR' },
    lines: ['Frau', 'Ayşe Güneş', 'Gazi Caddesi 5', '21100 DİYARBAKIR', 'TÜRKEI'],
  },
  {
    name: 'United Kingdom: number first, postcode on its own line',
    input: { givenNames: 'Oliver', familyName: 'Smith', houseNumber: '10', street: 'Downing Street', postalCode: 'sw1a2aa', city: 'London', country: 'GB' },
    lines: ['Oliver Smith', '10 Downing Street', 'LONDON', 'SW1A 2AA', 'VEREINIGTES KÖNIGREICH'],
  },
  {
    name: 'France: number first',
    input: { salutation: 'Frau', givenNames: 'Élodie', familyName: 'Lefèvre', houseNumber: '12', street: 'Rue de la Paix', postalCode: 'F-75002', city: 'Paris', country: 'FR' },
    lines: ['Frau', 'Élodie Lefèvre', '12 Rue de la Paix', '75002 PARIS', 'FRANKREICH'],
  },
  {
    name: 'United States: CITY ST ZIP',
    input: { givenNames: 'John', familyName: 'Miller', houseNumber: '350', street: 'Fifth Avenue', city: 'New York', region: 'ny', postalCode: '10118', country: 'US' },
    lines: ['John Miller', '350 Fifth Avenue', 'NEW YORK NY 10118', 'VEREINIGTE STAATEN'],
  },
  {
    name: 'Italy with province',
    input: { givenNames: 'Giulia', familyName: 'Rossi', street: 'Via Roma', houseNumber: '1', postalCode: '00184', city: 'Roma', region: 'RM', country: 'IT' },
    lines: ['Giulia Rossi', 'Via Roma 1', '00184 ROMA RM', 'ITALIEN'],
  },
  {
    name: 'Denmark: Søren Østergaard',
    input: { salutation: 'Herrn', givenNames: 'Søren', familyName: 'Østergaard', street: 'Nørregade', houseNumber: '12', postalCode: '1165', city: 'København K', country: 'DK' },
    lines: ['Herrn', 'Søren Østergaard', 'Nørregade 12', '1165 KØBENHAVN K', 'DÄNEMARK'],
  },
  {
    name: 'Ukraine',
    input: { salutation: 'Frau', givenNames: 'Oksana', familyName: 'Kovalenko', street: 'vul. Khreshchatyk', houseNumber: '22', postalCode: '01001', city: 'Kyiv', country: 'UA' },
    lines: ['Frau', 'Oksana Kovalenko', 'vul. Khreshchatyk 22', '01001 KYIV', 'UKRAINE'],
  },
  {
    name: 'Luxembourg keeps its official "L-" prefix',
    input: { givenNames: 'Marc', familyName: 'Weber', houseNumber: '2', street: 'rue Notre-Dame', postalCode: 'L-2240', city: 'Luxembourg', country: 'LU' },
    lines: ['Marc Weber', '2 rue Notre-Dame', 'L-2240 LUXEMBOURG', 'LUXEMBURG'],
  },
  {
    name: 'Czech Republic, postcode "123 45"',
    input: { givenNames: 'Tomáš', familyName: 'Dvořák', street: 'Národní', houseNumber: '20', postalCode: '11000', city: 'Praha 1', country: 'CZ' },
    lines: ['Tomáš Dvořák', 'Národní 20', '110 00 PRAHA 1', 'TSCHECHIEN'],
  },
  // --- Zeilenzahl: sieben Zeilen werden sechs
  {
    name: '7 lines abroad: the Anrede joins the name line',
    input: {
      salutation: 'Frau',
      title: 'Dr.',
      givenNames: 'Anna',
      familyName: 'Gruber',
      careOf: 'c/o Huber',
      addressSupplement: 'Stiege 2, Tür 14',
      street: 'Mariahilfer Straße',
      houseNumber: '120',
      postalCode: '1070',
      city: 'Wien',
      country: 'AT',
    },
    lines: ['Frau Dr. Anna Gruber', 'bei Huber', 'Stiege 2, Tür 14', 'Mariahilfer Straße 120', '1070 WIEN', 'ÖSTERREICH'],
    shortened: [{ field: 'salutation', from: 'Frau', to: 'Frau Dr. Anna Gruber' }],
  },
  {
    name: '7 lines and the merged line too wide: the Anrede line is dropped',
    input: {
      salutation: 'Frau',
      title: 'Prof. Dr.',
      givenNames: 'Christiane',
      familyName: 'Leutheusser-Schnarrenberger-Wolff',
      careOf: 'c/o Huber',
      addressSupplement: 'Stiege 2, Tür 14',
      street: 'Mariahilfer Straße',
      houseNumber: '120',
      postalCode: '1070',
      city: 'Wien',
      country: 'AT',
    },
    lines: [
      'Prof. Dr. Christiane Leutheusser-Schnarrenberger-Wolff',
      'bei Huber',
      'Stiege 2, Tür 14',
      'Mariahilfer Straße 120',
      '1070 WIEN',
      'ÖSTERREICH',
    ],
    shortened: [{ field: 'salutation', from: 'Frau', to: '' }],
  },
  // --- Vermerke, Auskunftssperre, Envelope size
  {
    name: 'Vermerke go to the Vermerkzone, not into the address',
    input: { salutation: 'Herrn', givenNames: 'Max', familyName: 'Mustermann', notes: ['Einschreiben Einwurf', ' Amtliche Wahlunterlagen '], ...LINGEN },
    lines: ['Herrn', 'Max Mustermann', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    notes: ['Einschreiben Einwurf', 'Amtliche Wahlunterlagen'],
  },
  {
    name: 'five Vermerke where no return line is printed',
    input: { givenNames: 'Max', familyName: 'Mustermann', notes: ['1', '2', '3', '4', '5'], ...LINGEN },
    options: { withReturnLine: false },
    lines: ['Max Mustermann', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    notes: ['1', '2', '3', '4', '5'],
  },
  {
    name: 'Auskunftssperre: the address is printed (the letter goes to the person)',
    input: { salutation: 'Frau', givenNames: 'Anna', familyName: 'Schulz', auskunftssperre: true, ...LINGEN },
    lines: ['Frau', 'Anna Schulz', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
  {
    name: 'envelope: 10 pt minimum shortens where the letter would not',
    input: { givenNames: 'Hans-Peter', familyName: 'Schnarrenberger-Lüdenscheidt-Müller', ...LINGEN },
    options: { widthMm: 85, sizePt: ENVELOPE_ADDRESS_FONT_PT.max, minSizePt: ENVELOPE_ADDRESS_FONT_PT.min },
    lines: ['H.-P. Schnarrenberger-Lüdenscheidt-Müller', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    shortened: [{ field: 'givenNames', from: 'Hans-Peter', to: 'H.-P.' }],
  },
  {
    name: 'the same name in the letter: full, at a smaller size',
    input: { givenNames: 'Hans-Peter', familyName: 'Schnarrenberger-Lüdenscheidt-Müller', ...LINGEN },
    lines: ['Hans-Peter Schnarrenberger-Lüdenscheidt-Müller', 'Burgstraße 21a', '49808 Lingen (Ems)'],
  },
];

describe('formatPostalAddress: exact lines', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = formatPostalAddress(c.input, { measure, ...c.options });
    expect(r.lines).toEqual(c.lines.map((l) => l.normalize('NFC')));
    expect(r.shortened.map(({ field, from, to }) => ({ field, from, to }))).toEqual(c.shortened ?? []);
    expect(r.notes).toEqual(c.notes ?? []);
    // Invariants: ≤ 6 lines, none blank, each fits at the minimum size, every shortening explained in German.
    expect(r.lines.length).toBeLessThanOrEqual(6);
    for (const l of r.lines) {
      expect(l.trim()).toBe(l);
      expect(l.length).toBeGreaterThan(0);
      expect(measure(l, c.options?.minSizePt ?? 8)).toBeLessThanOrEqual((c.options?.widthMm ?? ADDRESS_LINE_WIDTH_MM) + 1e-6);
    }
    for (const s of r.shortened) expect(s.rule).toMatch(/\p{L}/u);
    expect(r.confidential).toBe(!!c.input.auskunftssperre);
  });
});

describe('formatPostalAddress: refused with a German message', () => {
  const ERRORS: [string, PostalAddressInput, RegExp, PostalAddressOptions?][] = [
    ['no street and no Postfach', { givenNames: 'Anna', familyName: 'Schulz', postalCode: '49808', city: 'Lingen (Ems)' }, /Straße und Hausnummer oder Postfach fehlen/],
    ['street and Postfach', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, postOfficeBox: '1234' }, /entweder Straße und Hausnummer oder ein Postfach/],
    ['German postcode with four digits', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, postalCode: '4980' }, /keine fünfstellige deutsche Postleitzahl/],
    ['Cyrillic letters (outside DIN 91379)', { givenNames: 'Иван', familyName: 'Petrov', ...LINGEN }, /Vornamen „Иван“ enthält Zeichen außerhalb von DIN 91379/],
    ['emoji in the street', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, street: 'Burgstraße 🏠' }, /Straße .* außerhalb von DIN 91379/],
    ['unknown country code', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, country: 'XY' }, /Ländercode „XY“/],
    ['Anrede without a family name', { organisation: 'Muster GmbH', salutation: 'Frau', ...LINGEN }, /ohne Familienname/],
    ['neither name nor organisation', { ...LINGEN }, /Familiennamen oder eine Firma/],
    ['no town', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, city: ' ' }, /Ort fehlt/],
    ['region for a German address', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, region: 'Niedersachsen' }, /keine Region/],
    [
      'a family name too long even with initials',
      { givenNames: 'Anna', familyName: 'Wolkenstein-Rodenegg-Trostburg-Hauenstein-Sigmaringen-Hohenzollern', ...LINGEN },
      /Zeile „A\. Wolkenstein-.*“ \(Familienname\) passt auch nach den Kürzungsregeln nicht/,
    ],
    [
      'a street too long even as "Str."',
      { givenNames: 'Anna', familyName: 'Schulz', street: 'Oberbürgermeister-Dr.-Heinrich-Wilhelm-Grünewald-Straße', houseNumber: '117b', postalCode: '49808', city: 'Lingen (Ems)' },
      /„Oberbürgermeister-Dr\.-Heinrich-Wilhelm-Grünewald-Str\. 117b“ \(Straße\) passt auch nach den Kürzungsregeln nicht/,
    ],
    [
      'eight lines even with the Anrede in the name line',
      {
        organisation: 'Wasserverband Lingen-Emsland-Grafschaft Bentheim und Umgebung',
        salutation: 'Frau',
        givenNames: 'Anna',
        familyName: 'Gruber',
        careOf: 'Huber',
        addressSupplement: 'Stiege 2',
        street: 'Mariahilfer Straße',
        houseNumber: '120',
        postalCode: '1070',
        city: 'Wien',
        country: 'AT',
      },
      /8 Zeilen; im Anschriftfeld sind höchstens 6 erlaubt/,
    ],
    ['five Vermerke next to the return line', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, notes: ['1', '2', '3', '4', '5'] }, /Höchstens 4 Vermerke .* Rücksendeangabe/],
    ['a Vermerk too long for the zone', { givenNames: 'Anna', familyName: 'Schulz', ...LINGEN, notes: ['Einschreiben Einwurf - bitte nur persönlich an die Empfängerin aushändigen, nicht an Nachbarn oder Hausverwaltung'] }, /Vermerk .* zu lang/],
  ];
  it.each(ERRORS)('%s', (_name, input, message, options) => {
    let error: unknown;
    try {
      formatPostalAddress(input, { measure, ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AddressFormatError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('formatPostalAddress: font metric and sizes', () => {
  it('measures exactly as pdfkit does in a document', () => {
    const doc = createPdf({ resourcesDir: RESOURCES_DIR, title: 'm', author: 't' });
    const inDoc = docMeasure(doc);
    for (const s of ['Dr. Łukasz Ödön Żółkiewski-Ørsted', 'AVAVA Tee Wolf', 'GROẞE Weiß', 'C\u0328\u0306elik']) {
      expect(measure(s, 10)).toBeCloseTo(inDoc(s, 10), 6);
      expect(measure(s, 8, 'Bold')).toBeCloseTo(inDoc(s, 8, 'Bold'), 6);
    }
  });

  it('reports the largest size at which every line fits; uses the default fonts without a measure', () => {
    const short = formatPostalAddress({ givenNames: 'Anna', familyName: 'Schulz', ...LINGEN });
    expect(short.sizePt).toBe(10);
    const long = formatPostalAddress({ givenNames: 'Hans-Peter', familyName: 'Leutheusser-Schnarrenberger-Müller', ...LINGEN });
    expect(long.sizePt).toBeLessThan(10);
    expect(long.sizePt).toBeGreaterThanOrEqual(8);
    expect(measure(long.lines[0]!, long.sizePt)).toBeLessThanOrEqual(ADDRESS_LINE_WIDTH_MM);
    expect(measure(long.lines[0]!, long.sizePt + 0.25)).toBeGreaterThan(ADDRESS_LINE_WIDTH_MM);
  });

  it('has German names for the EU and the usual other destinations', () => {
    const eu = 'AT BE BG CY CZ DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
    for (const c of [...eu, 'CH', 'GB', 'US', 'TR', 'UA', 'RU', 'NO', 'LI']) expect(COUNTRY_NAMES_DE[c]).toBeTruthy();
    expect(COUNTRY_NAMES_DE.PL).toBe('Polen');
  });

  it('builds a resident’s address with an explicit Anrede', () => {
    const r = { givenNames: 'Łukasz Ödön', callName: 'Łukasz', familyName: 'Żółkiewski-Ørsted', doctoralDegree: 'Dr.', auskunftssperre: true };
    const input = residentPostalAddress(r, LINGEN, salutationFromSex('m'));
    expect(formatPostalAddress(input, { measure }).lines).toEqual([
      'Herrn',
      'Dr. Łukasz Ödön Żółkiewski-Ørsted',
      'Burgstraße 21a',
      '49808 Lingen (Ems)',
    ]);
    expect(formatPostalAddress(input, { measure }).confidential).toBe(true);
    expect(formatPostalAddress(residentPostalAddress(r, LINGEN), { measure }).lines[0]).toBe('Dr. Łukasz Ödön Żółkiewski-Ørsted');
    expect([salutationFromSex('w'), salutationFromSex('m'), salutationFromSex('d'), salutationFromSex('x'), salutationFromSex(null)]).toEqual([
      'Frau',
      'Herrn',
      null,
      null,
      null,
    ]);
  });

  it('names the recipient for lists without the Anrede', () => {
    expect(recipientDisplayName({ salutation: 'Frau', title: 'Dr.', givenNames: 'Erika', familyName: 'Mustermann', ...LINGEN })).toBe(
      'Dr. Erika Mustermann',
    );
    expect(recipientDisplayName({ organisation: 'Muster GmbH', givenNames: 'Erika', familyName: 'Muster', ...LINGEN })).toBe(
      'Muster GmbH, Erika Muster',
    );
  });
});
