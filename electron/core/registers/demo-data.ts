/**
 * Synthetic demo register of Stadt Lingen (Ems): a fixed set of "well-known" residents that tests and the UI
 * walkthrough rely on, followed by a deterministic (seeded) population of households. Every person is invented;
 * street names are real streets of Lingen, postcodes are assigned to them approximately.
 *
 * The committed file resources/demo/residents.csv is exactly generateDemoResidentsCsv(); a test keeps them in step
 * (regenerate with `UPDATE_DEMO_CSV=1 npx vitest run electron/core/registers/demo-data.test.ts`).
 * Loading the demo data = importing that file: loadDemoResidents(db, resourcesDir, now).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection';
import { formatCsv } from './csv';
import { CSV_COLUMNS, importResidentsCsv, type CsvColumn } from './csv-import';
import { formatGermanDate } from './dates';
import { taxIdCheckDigit } from './validate';
import { SeededRandom } from '../seeded-random';

/** Where the demo file lives inside the resources folder. */
export const DEMO_RESIDENTS_FILE = path.join('demo', 'residents.csv');

/** Ages and "minor" are computed against this day, so the data never changes with the calendar. */
export const DEMO_REFERENCE_DATE = '2025-01-01';

const CITY = 'Lingen (Ems)';

// ---------------------------------------------------------------------------------------------------------------
// Model

interface DemoAddress {
  kind: 'haupt' | 'neben';
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  movedIn: string | null;
  movedOut: string | null;
}

interface DemoPerson {
  kennung: string;
  familyName: string;
  givenNames: string;
  callName: string | null;
  degree: string | null;
  formerNames: string[];
  artistName: string | null;
  birthDate: string;
  birthPlace: string;
  sex: 'm' | 'w' | 'd' | 'x';
  taxId: string;
  nationalities: string[];
  religion: string;
  maritalStatus: string;
  spouse: DemoPerson | null;
  children: DemoPerson[];
  parents: DemoPerson[];
  idDocument: string;
  dateOfDeath: string | null;
  auskunftssperre: boolean;
  addresses: DemoAddress[];
}


// ---------------------------------------------------------------------------------------------------------------
// Dates

const DAY = 86_400_000;
const toMs = (iso: string) => Date.parse(iso + 'T00:00:00Z');
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => fromMs(toMs(iso) + n * DAY);
function addYears(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + n, m - 1, d));
  if (date.getUTCDate() !== d) date.setUTCDate(0); // 29 Feb → 28 Feb
  return date.toISOString().slice(0, 10);
}
const maxDate = (a: string, b: string) => (a > b ? a : b);
function randomDate(rng: SeededRandom, from: string, to: string): string {
  const a = toMs(from);
  const b = toMs(to);
  return fromMs(a + Math.floor(rng.next() * ((b - a) / DAY + 1)) * DAY);
}
function ageAt(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
const isMinor = (p: DemoPerson) => ageAt(p.birthDate, DEMO_REFERENCE_DATE) < 18;

// ---------------------------------------------------------------------------------------------------------------
// Streets of Lingen (Ems) with an approximate postcode

const LINGEN_STREETS: readonly (readonly [string, string])[] = [
  ['Lookenstraße', '49808'],
  ['Marienstraße', '49808'],
  ['Bahnhofstraße', '49808'],
  ['Am Markt', '49808'],
  ['Burgstraße', '49808'],
  ['Große Straße', '49808'],
  ['Schlachterstraße', '49808'],
  ['Clubstraße', '49808'],
  ['Castellstraße', '49808'],
  ['Wilhelmstraße', '49808'],
  ['Elisabethstraße', '49808'],
  ['Gymnasialstraße', '49808'],
  ['Kaiserstraße', '49808'],
  ['Georgstraße', '49808'],
  ['Konrad-Adenauer-Ring', '49808'],
  ['Willy-Brandt-Ring', '49808'],
  ['Rheiner Straße', '49809'],
  ['Schüttorfer Straße', '49809'],
  ['Darmer Escher', '49809'],
  ['Kiesberg', '49809'],
  ['Frerener Straße', '49809'],
  ['Nordhorner Straße', '49809'],
  ['Lengericher Straße', '49809'],
  ['Haselünner Straße', '49811'],
  ['Meppener Straße', '49811'],
  ['Baccumer Straße', '49811'],
  ['Waldstraße', '49811'],
];

/** Addresses outside Lingen: university towns, commuter destinations, former homes. */
const ELSEWHERE: readonly (readonly [string, string, string])[] = [
  ['Lotter Straße', '49078', 'Osnabrück'],
  ['Johannisstraße', '49074', 'Osnabrück'],
  ['Hüfferstraße', '48149', 'Münster'],
  ['Wolbecker Straße', '48155', 'Münster'],
  ['Ammerländer Heerstraße', '26129', 'Oldenburg (Oldb)'],
  ['Bibliothekstraße', '28359', 'Bremen'],
  ['Lister Meile', '30161', 'Hannover'],
  ['Grindelallee', '20146', 'Hamburg'],
  ['Torstraße', '10119', 'Berlin'],
  ['Emsstraße', '48431', 'Rheine'],
  ['Hauptstraße', '48529', 'Nordhorn'],
  ['Am Markt', '49716', 'Meppen'],
  ['Hauptkanal rechts', '26871', 'Papenburg'],
  ['Lange Straße', '49740', 'Haselünne'],
];
const UNIVERSITY_TOWNS = ELSEWHERE.slice(0, 9);
const EMSLAND_TOWNS = ELSEWHERE.slice(9);

// ---------------------------------------------------------------------------------------------------------------
// Names by origin

interface Origin {
  key: string;
  weight: number;
  nationality: string;
  /** Given names by sex; for Germans by generation (born before 1960, 1960–1989, from 1990). */
  male: readonly (readonly string[])[];
  female: readonly (readonly string[])[];
  /** Family names as [masculine, feminine] (equal where the language has one form). */
  surnames: readonly (readonly [string, string])[];
  birthPlaces: readonly string[];
  religions: readonly (readonly [string, number])[];
  /** Share of adults who also hold German nationality. */
  naturalised: number;
}

const same = (names: readonly string[]) => names.map((n) => [n, n] as const);
const RK = 'römisch-katholisch';
const LUTH = 'evangelisch-lutherisch';
const REF = 'evangelisch-reformiert';

const GERMAN_SURNAMES = [
  'Schulte', 'Brinkmann', 'Hermes', 'Lange', 'Koop', 'Többen', 'Wessels', 'Evers', 'Robben', 'Schepers',
  'Thünemann', 'Kuhlmann', 'Albers', 'Hanekamp', 'Berndsen', 'Deters', 'Jansen', 'Lammers', 'Gerdes', 'Hölscher',
  'Kamphues', 'Lüken', 'Niehaus', 'Rolfes', 'Schomaker', 'Tiemann', 'Wübbels', 'Brüggemann', 'Kösters', 'Müller',
  'Mueller', 'Meyer', 'Schmidt', 'Schulz', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer',
  'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann',
  'Werner', 'Krause', 'Meier', 'Lehmann', 'Köhler', 'Herrmann', 'König', 'Walter', 'Kaiser', 'Fuchs', 'Peters',
  'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Vogel', 'Keller', 'Günther', 'Berger', 'Roth', 'Beck', 'Lorenz',
  'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Böhm', 'Winter', 'Schumacher', 'Krämer', 'Vogt', 'Jäger', 'Otto',
  'Sommer', 'Groß', 'Seidel', 'Brandt', 'Haas', 'Graf', 'Dietrich', 'Kuhn', 'Pohl', 'Engel', 'Horn', 'Busch',
  'Bergmann', 'Voigt', 'Sauer', 'Arnold', 'Pfeiffer', 'Strauß', 'Nüßmann', 'Moeller', 'Goetze', 'Düing',
];

const ORIGINS: readonly Origin[] = [
  {
    key: 'de',
    weight: 66,
    nationality: 'deutsch',
    male: [
      ['Heinrich', 'Josef', 'Bernhard', 'Hermann', 'Gerhard', 'Franz', 'Wilhelm', 'Karl', 'Werner', 'Günter', 'Hubert',
        'Alfons', 'Clemens', 'Friedrich', 'Johann', 'Georg', 'Anton', 'Ludger', 'Theodor', 'Karl-Heinz'],
      ['Klaus', 'Jürgen', 'Dieter', 'Peter', 'Wolfgang', 'Michael', 'Thomas', 'Andreas', 'Stefan', 'Frank', 'Markus',
        'Christian', 'Martin', 'Matthias', 'Jörg', 'Uwe', 'Ralf', 'Dirk', 'Jens', 'Bernd', 'Hans-Georg', 'Holger',
        'Thorsten', 'Björn'],
      ['Lukas', 'Jonas', 'Leon', 'Finn', 'Paul', 'Ben', 'Elias', 'Noah', 'Felix', 'Maximilian', 'Mats', 'Henrik', 'Theo',
        'Tobias', 'Daniel', 'Jan', 'Sebastian', 'Florian', 'Niklas', 'Tim', 'Jannik', 'Moritz', 'Levi', 'Malte'],
    ],
    female: [
      ['Gertrud', 'Maria', 'Elisabeth', 'Anna', 'Hildegard', 'Margarete', 'Agnes', 'Theresia', 'Helga', 'Ingrid',
        'Ursula', 'Renate', 'Irmgard', 'Brigitte', 'Gisela', 'Christa', 'Mechthild', 'Hedwig'],
      ['Sabine', 'Petra', 'Monika', 'Andrea', 'Claudia', 'Susanne', 'Birgit', 'Martina', 'Stefanie', 'Nicole', 'Katrin',
        'Anja', 'Christiane', 'Kerstin', 'Sandra', 'Melanie', 'Silke', 'Heike', 'Jutta', 'Ute', 'Annette', 'Dörte',
        'Bärbel'],
      ['Laura', 'Lea', 'Hannah', 'Lena', 'Sophie', 'Emma', 'Mia', 'Marie', 'Lina', 'Clara', 'Johanna', 'Charlotte',
        'Greta', 'Ida', 'Frieda', 'Amelie', 'Zoë', 'Maja', 'Jana', 'Julia', 'Lisa', 'Katharina', 'Anna-Lena', 'Chiara'],
    ],
    surnames: same(GERMAN_SURNAMES),
    birthPlaces: [CITY, CITY, CITY, CITY, 'Meppen', 'Nordhorn', 'Osnabrück', 'Papenburg', 'Rheine', 'Haselünne',
      'Freren', 'Emsbüren', 'Münster', 'Oldenburg (Oldb)', 'Hannover', 'Bremen', 'Leer (Ostfriesland)', 'Köln'],
    religions: [[RK, 55], [LUTH, 20], [REF, 3], ['', 22]],
    naturalised: 1,
  },
  {
    key: 'aussiedler',
    weight: 6,
    nationality: 'deutsch',
    male: [['Waldemar', 'Viktor', 'Alexander', 'Eduard', 'Andreas', 'Artur', 'Johann', 'Dmitri', 'Eugen', 'Witali']],
    female: [['Olga', 'Irina', 'Natalia', 'Swetlana', 'Lydia', 'Tatjana', 'Elena', 'Valentina', 'Katharina']],
    surnames: same(['Schneider', 'Reimer', 'Dyck', 'Friesen', 'Penner', 'Klassen', 'Wiebe', 'Janzen', 'Enns', 'Neufeld']),
    birthPlaces: ['Karaganda', 'Pawlodar', 'Omsk', 'Kustanai', 'Semipalatinsk'],
    religions: [[LUTH, 40], [RK, 20], ['', 40]],
    naturalised: 1,
  },
  {
    key: 'pl',
    weight: 7,
    nationality: 'polnisch',
    male: [['Łukasz', 'Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Grzegorz', 'Jakub', 'Kacper',
      'Wojciech', 'Mateusz', 'Zbigniew', 'Jerzy', 'Bartłomiej']],
    female: [['Łucja', 'Agnieszka', 'Katarzyna', 'Małgorzata', 'Joanna', 'Magdalena', 'Anna', 'Ewa', 'Dorota', 'Zofia',
      'Alicja', 'Wiktoria', 'Jadwiga', 'Bożena', 'Grażyna']],
    surnames: [
      ['Nowak', 'Nowak'], ['Kowalski', 'Kowalska'], ['Wiśniewski', 'Wiśniewska'], ['Wójcik', 'Wójcik'],
      ['Kowalczyk', 'Kowalczyk'], ['Kamiński', 'Kamińska'], ['Lewandowski', 'Lewandowska'], ['Zieliński', 'Zielińska'],
      ['Szymański', 'Szymańska'], ['Woźniak', 'Woźniak'], ['Dąbrowski', 'Dąbrowska'], ['Kozłowski', 'Kozłowska'],
      ['Jankowski', 'Jankowska'], ['Mazur', 'Mazur'], ['Krawczyk', 'Krawczyk'], ['Grabowski', 'Grabowska'],
      ['Pawłowski', 'Pawłowska'], ['Król', 'Król'], ['Jabłoński', 'Jabłońska'], ['Wróbel', 'Wróbel'],
    ],
    birthPlaces: ['Gdańsk', 'Kraków', 'Wrocław', 'Łódź', 'Poznań', 'Szczecin', 'Opole'],
    religions: [[RK, 75], ['', 25]],
    naturalised: 0.3,
  },
  {
    key: 'tr',
    weight: 8,
    nationality: 'türkisch',
    male: [['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Murat',
      'Ömer', 'Emre', 'Burak', 'Ertuğrul', 'Kemal', 'Serkan', 'Volkan', 'Barış', 'Çağan']],
    female: [['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Merve', 'Büşra', 'Özlem', 'Gül', 'Tuğba', 'Çağla',
      'Yıldız', 'Şeyma', 'Derya', 'Songül', 'Hülya', 'Sevgi', 'Nur', 'Gülşen']],
    surnames: same(['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir',
      'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Güneş', 'Erdoğan',
      'Aktaş', 'Korkmaz', 'Polat']),
    birthPlaces: ['İstanbul', 'Ankara', 'İzmir', 'Kayseri', 'Trabzon', 'Gaziantep'],
    religions: [['', 100]],
    naturalised: 0.5,
  },
  {
    key: 'nl',
    weight: 3,
    nationality: 'niederländisch',
    male: [['Jan', 'Pieter', 'Sander', 'Bram', 'Daan', 'Joost', 'Gerrit', 'Henk', 'Wouter', 'Ruud', 'Sjoerd', 'Thijs']],
    female: [['Anouk', 'Femke', 'Sanne', 'Marieke', 'Lotte', 'Ilse', 'Anke', 'Ineke', 'Joke', 'Willemijn', 'Eva', 'Noor']],
    surnames: same(['de Vries', 'van der Berg', 'Bakker', 'Visser', 'Smit', 'Mulder', 'de Boer', 'Dijkstra', 'Hendriks',
      'van Dijk', 'Kuipers', 'Brouwer', 'ten Hove', 'Oosterhuis']),
    birthPlaces: ['Emmen', 'Enschede', 'Hengelo', 'Groningen', 'Coevorden'],
    religions: [[REF, 30], [RK, 30], ['', 40]],
    naturalised: 0.1,
  },
  {
    key: 'cz',
    weight: 2,
    nationality: 'tschechisch',
    male: [['Jiří', 'Tomáš', 'Petr', 'Jan', 'Pavel', 'Martin', 'Lukáš', 'Ondřej', 'Miroslav', 'Radek']],
    female: [['Žaneta', 'Božena', 'Lenka', 'Kateřina', 'Jana', 'Petra', 'Tereza', 'Markéta', 'Zuzana', 'Veronika']],
    surnames: [
      ['Novák', 'Nováková'], ['Dvořák', 'Dvořáková'], ['Svoboda', 'Svobodová'], ['Černý', 'Černá'],
      ['Procházka', 'Procházková'], ['Kučera', 'Kučerová'], ['Veselý', 'Veselá'], ['Horák', 'Horáková'],
      ['Němec', 'Němcová'], ['Růžička', 'Růžičková'], ['Šťastný', 'Šťastná'],
    ],
    birthPlaces: ['Brno', 'Praha', 'Ostrava', 'Plzeň', 'České Budějovice'],
    religions: [[RK, 30], ['', 70]],
    naturalised: 0.2,
  },
  {
    key: 'hu',
    weight: 2,
    nationality: 'ungarisch',
    male: [['Ödön', 'Zoltán', 'László', 'István', 'Gábor', 'Attila', 'Péter', 'Tamás', 'Bálint', 'Gergő']],
    female: [['Erzsébet', 'Katalin', 'Ildikó', 'Zsófia', 'Éva', 'Gyöngyi', 'Réka', 'Anikó', 'Noémi', 'Krisztina']],
    surnames: same(['Kovács', 'Szabó', 'Tóth', 'Nagy', 'Horváth', 'Kiss', 'Szőke', 'Kőváry', 'Molnár', 'Varga', 'Farkas',
      'Fekete', 'Balogh', 'Papp', 'Szűcs', 'Vörös']),
    birthPlaces: ['Budapest', 'Debrecen', 'Szeged', 'Pécs', 'Győr'],
    religions: [[RK, 60], [REF, 15], ['', 25]],
    naturalised: 0.3,
  },
  {
    key: 'dk',
    weight: 1.5,
    nationality: 'dänisch',
    male: [['Søren', 'Bjørn', 'Jørgen', 'Mads', 'Rasmus', 'Anders', 'Kasper', 'Frederik', 'Torben']],
    female: [['Mette', 'Kirsten', 'Ingeborg', 'Ane', 'Signe', 'Freja', 'Åse', 'Birthe', 'Line']],
    surnames: same(['Østergaard', 'Sørensen', 'Jørgensen', 'Møller', 'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Kjær',
      'Bøgh', 'Dahl', 'Sæther']),
    birthPlaces: ['København', 'Aarhus', 'Odense', 'Aalborg', 'Esbjerg'],
    religions: [[LUTH, 60], ['', 40]],
    naturalised: 0.1,
  },
  {
    key: 'ro',
    weight: 2,
    nationality: 'rumänisch',
    male: [['Ștefan', 'Andrei', 'Mihai', 'Ion', 'Bogdan', 'Cătălin', 'Răzvan', 'Vasile', 'Gheorghe', 'Florin']],
    female: [['Ioana', 'Elena', 'Maria', 'Andreea', 'Mihaela', 'Alexandra', 'Cristina', 'Ana', 'Roxana', 'Oana']],
    surnames: same(['Popescu', 'Ionescu', 'Popa', 'Țurcanu', 'Rusu', 'Stoica', 'Munteanu', 'Constantinescu', 'Mihăilă',
      'Dumitrescu', 'Ștefănescu', 'Lungu']),
    birthPlaces: ['București', 'Cluj-Napoca', 'Timișoara', 'Iași', 'Brașov'],
    religions: [['', 80], [RK, 20]],
    naturalised: 0.1,
  },
  {
    key: 'hr',
    weight: 1.5,
    nationality: 'kroatisch',
    male: [['Ivan', 'Marko', 'Dražen', 'Josip', 'Tomislav', 'Luka', 'Ante', 'Đuro', 'Krešimir']],
    female: [['Đurđica', 'Ivana', 'Ana', 'Marija', 'Katarina', 'Petra', 'Jelena', 'Mirjana', 'Snježana']],
    surnames: same(['Horvat', 'Kovačević', 'Babić', 'Marić', 'Jurić', 'Novak', 'Kovačić', 'Knežević', 'Đorđević',
      'Vuković', 'Šarić', 'Pavić']),
    birthPlaces: ['Zagreb', 'Split', 'Osijek', 'Đakovo', 'Rijeka'],
    religions: [[RK, 80], ['', 20]],
    naturalised: 0.3,
  },
  {
    key: 'vn',
    weight: 1.5,
    nationality: 'vietnamesisch',
    male: [['Văn Minh', 'Đức Anh', 'Quang Huy', 'Thành Long', 'Văn Hùng', 'Minh Tuấn']],
    female: [['Thị Hương', 'Thị Lan', 'Ngọc Ánh', 'Thu Trang', 'Thị Mai', 'Bảo Ngọc']],
    surnames: same(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ']),
    birthPlaces: ['Hà Nội', 'Hải Phòng', 'Huế', 'Thành phố Hồ Chí Minh'],
    religions: [['', 80], [RK, 20]],
    naturalised: 0.4,
  },
  {
    key: 'lt',
    weight: 1,
    nationality: 'litauisch',
    male: [['Jonas', 'Mindaugas', 'Tomas', 'Darius', 'Žydrūnas']],
    female: [['Rūta', 'Eglė', 'Ieva', 'Aušra', 'Giedrė']],
    surnames: [['Kazlauskas', 'Kazlauskienė'], ['Jankauskas', 'Jankauskienė'], ['Petrauskas', 'Petrauskienė'],
      ['Stankevičius', 'Stankevičienė'], ['Žukauskas', 'Žukauskienė']],
    birthPlaces: ['Vilnius', 'Kaunas', 'Klaipėda'],
    religions: [[RK, 70], ['', 30]],
    naturalised: 0.1,
  },
  {
    key: 'lv',
    weight: 0.8,
    nationality: 'lettisch',
    male: [['Jānis', 'Andris', 'Māris', 'Kārlis']],
    female: [['Ilze', 'Līga', 'Baiba', 'Dace']],
    surnames: [['Bērziņš', 'Bērziņa'], ['Kalniņš', 'Kalniņa'], ['Ozoliņš', 'Ozoliņa'], ['Liepiņš', 'Liepiņa']],
    birthPlaces: ['Rīga', 'Liepāja', 'Daugavpils'],
    religions: [[LUTH, 50], ['', 50]],
    naturalised: 0.1,
  },
  {
    key: 'sy',
    weight: 3,
    nationality: 'syrisch',
    male: [['Mohammad', 'Ahmad', 'Omar', 'Khaled', 'Yousef', 'Hussein', 'Ali', 'Samer']],
    female: [['Rama', 'Lina', 'Noor', 'Aya', 'Rasha', 'Hiba', 'Fatima', 'Sara']],
    surnames: same(['Al-Hassan', 'Haddad', 'Al Khalil', 'Hamdan', 'Nasser', 'Sabbagh', 'Al-Ahmad', 'Darwish', 'ʿAbdallah']),
    birthPlaces: ['Aleppo', 'Damaskus', 'Homs', 'Latakia'],
    religions: [['', 100]],
    naturalised: 0.3,
  },
];

const DEGREES: readonly (readonly [string, number])[] = [
  ['Dr.', 12],
  ['Dr. med.', 5],
  ['Dr. rer. nat.', 2],
  ['Dr.-Ing.', 2],
  ['Dr. med. dent.', 1],
  ['Dr. phil.', 1],
  ['Prof. Dr.', 1],
];

const AUSWEIS_CHARS = 'CFGHJKLMNPRTVWXYZ0123456789';

// ---------------------------------------------------------------------------------------------------------------
// The well-known demo residents (documented in resources/demo/README.md)

export interface WellKnownResident {
  kennung: string;
  /** As printed: doctoral degree, given names, family name. */
  displayName: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  /** Current Hauptwohnung. */
  mainAddress: string;
  note: string;
}

/** Builds the fixed residents; their details are literal so that tests and the walkthrough can rely on them. */
function wellKnown(): DemoPerson[] {
  const p = (x: Partial<DemoPerson> & Pick<DemoPerson, 'kennung' | 'familyName' | 'givenNames' | 'birthDate' | 'sex'>): DemoPerson => ({
    callName: null,
    degree: null,
    formerNames: [],
    artistName: null,
    birthPlace: CITY,
    taxId: '',
    nationalities: ['deutsch'],
    religion: '',
    maritalStatus: 'ledig',
    spouse: null,
    children: [],
    parents: [],
    idDocument: '',
    dateOfDeath: null,
    auskunftssperre: false,
    addresses: [],
    ...x,
  });
  const lingen = (street: string, no: string, plz: string, movedIn: string, kind: 'haupt' | 'neben' = 'haupt'): DemoAddress => ({
    kind,
    street,
    houseNumber: no,
    postalCode: plz,
    city: CITY,
    movedIn,
    movedOut: null,
  });

  const lukasz = p({
    kennung: 'LIN-000001', familyName: 'Kowalski', givenNames: 'Łukasz', birthDate: '1985-03-14', sex: 'm',
    birthPlace: 'Gdańsk', nationalities: ['polnisch'], religion: RK,
    addresses: [lingen('Lookenstraße', '12', '49808', '2012-09-01')],
  });
  const ayse = p({
    kennung: 'LIN-000002', familyName: 'Güneş', givenNames: 'Ayşe', formerNames: ['Doğan'], birthDate: '1990-06-21',
    sex: 'w', birthPlace: 'İzmir', nationalities: ['deutsch', 'türkisch'], maritalStatus: 'verheiratet',
    addresses: [lingen('Marienstraße', '7', '49808', '2014-05-01')],
  });
  const mehmet = p({
    kennung: 'LIN-000003', familyName: 'Güneş', givenNames: 'Mehmet Ali', callName: 'Mehmet', birthDate: '1987-02-11',
    sex: 'm', birthPlace: 'Ankara', nationalities: ['türkisch'], maritalStatus: 'verheiratet',
    addresses: [lingen('Marienstraße', '7', '49808', '2014-05-01')],
  });
  const elif = p({
    kennung: 'LIN-000004', familyName: 'Güneş', givenNames: 'Elif', birthDate: '2016-04-15', sex: 'w',
    nationalities: ['deutsch', 'türkisch'], addresses: [lingen('Marienstraße', '7', '49808', '2016-04-15')],
  });
  const weiss = p({
    kennung: 'LIN-000005', familyName: 'Weiß', givenNames: 'Hans-Jürgen', degree: 'Dr.', birthDate: '1958-11-02',
    sex: 'm', birthPlace: 'Osnabrück', religion: RK, maritalStatus: 'verheiratet',
    addresses: [
      lingen('Am Markt', '3', '49808', '1992-04-01'),
      { kind: 'neben', street: 'Hüfferstraße', houseNumber: '27', postalCode: '48149', city: 'Münster', movedIn: '2019-10-01', movedOut: null },
    ],
  });
  const margarete = p({
    kennung: 'LIN-000006', familyName: 'Weiß', givenNames: 'Margarete Elisabeth', callName: 'Margarete',
    formerNames: ['Brinkmann'], birthDate: '1961-05-07', sex: 'w', religion: RK, maritalStatus: 'verheiratet',
    addresses: [lingen('Am Markt', '3', '49808', '1992-04-01')],
  });
  const soren = p({
    kennung: 'LIN-000007', familyName: 'Østergaard', givenNames: 'Søren', birthDate: '1979-09-30', sex: 'm',
    birthPlace: 'København', nationalities: ['dänisch'], religion: LUTH, maritalStatus: 'geschieden',
    addresses: [lingen('Kaiserstraße', '21', '49808', '2018-03-15')],
  });
  const erika = p({
    kennung: 'LIN-000008', familyName: 'Mustermann', givenNames: 'Erika', formerNames: ['Gabler'], birthDate: '1964-08-12',
    sex: 'w', birthPlace: 'Berlin', religion: LUTH, maritalStatus: 'verheiratet',
    addresses: [
      lingen('Georgstraße', '17', '49808', '2010-07-01'),
      { kind: 'haupt', street: 'Heidestraße', houseNumber: '17', postalCode: '51147', city: 'Köln', movedIn: '1990-01-01', movedOut: '2010-06-30' },
    ],
  });
  const max = p({
    kennung: 'LIN-000009', familyName: 'Mustermann', givenNames: 'Max', birthDate: '1962-01-25', sex: 'm',
    birthPlace: 'Köln', religion: LUTH, maritalStatus: 'verheiratet',
    addresses: [
      lingen('Georgstraße', '17', '49808', '2010-07-01'),
      { kind: 'haupt', street: 'Heidestraße', houseNumber: '17', postalCode: '51147', city: 'Köln', movedIn: '1990-01-01', movedOut: '2010-06-30' },
    ],
  });
  const zaneta = p({
    kennung: 'LIN-000010', familyName: 'Dvořák', givenNames: 'Žaneta Božena', callName: 'Žaneta', birthDate: '1993-01-27',
    sex: 'w', birthPlace: 'Brno', nationalities: ['tschechisch'], addresses: [lingen('Burgstraße', '9', '49808', '2021-02-01')],
  });
  const yildiz = p({
    kennung: 'LIN-000011', familyName: 'Çelik', givenNames: 'Yıldız', birthDate: '1988-04-05', sex: 'w',
    birthPlace: 'İstanbul', nationalities: ['türkisch'], auskunftssperre: true,
    addresses: [lingen('Rheiner Straße', '45', '49809', '2019-08-01')],
  });
  const odon = p({
    kennung: 'LIN-000012', familyName: 'Kőváry', givenNames: 'Ödön', birthDate: '1951-12-08', sex: 'm',
    birthPlace: 'Budapest', nationalities: ['ungarisch', 'deutsch'], religion: RK, maritalStatus: 'verwitwet',
    addresses: [lingen('Waldstraße', '30', '49811', '1989-11-01')],
  });
  const anna = p({
    kennung: 'LIN-000013', familyName: 'Müller', givenNames: 'Anna', birthDate: '1975-05-05', sex: 'w', religion: RK,
    addresses: [lingen('Bahnhofstraße', '5', '49808', '2003-06-01')],
  });
  const marianne = p({
    kennung: 'LIN-000014', familyName: 'Strauß', givenNames: 'Marianne', degree: 'Prof. Dr.', formerNames: ['GROẞE'],
    birthDate: '1960-02-29', sex: 'w', birthPlace: 'Leipzig', religion: LUTH, maritalStatus: 'verwitwet',
    addresses: [lingen('Kaiserstraße', '10', '49808', '2001-10-01')],
  });
  const erzsebet = p({
    kennung: 'LIN-000015', familyName: 'Szőke', givenNames: 'Erzsébet', birthDate: '1969-10-23', sex: 'w',
    birthPlace: 'Debrecen', nationalities: ['ungarisch'], religion: REF, maritalStatus: 'geschieden',
    addresses: [lingen('Schüttorfer Straße', '88', '49809', '2008-01-15')],
  });
  const heinrich = p({
    kennung: 'LIN-000016', familyName: 'Többen', givenNames: 'Heinrich Josef', callName: 'Heinrich', birthDate: '1931-07-19',
    sex: 'm', religion: RK, maritalStatus: 'verheiratet', dateOfDeath: '2024-11-03',
    addresses: [lingen('Baccumer Straße', '112', '49811', '1961-05-01')],
  });
  const gertrud = p({
    kennung: 'LIN-000017', familyName: 'Többen', givenNames: 'Gertrud', formerNames: ['Schulte'], birthDate: '1934-02-02',
    sex: 'w', religion: RK, maritalStatus: 'verwitwet', addresses: [lingen('Baccumer Straße', '112', '49811', '1961-05-01')],
  });

  ayse.spouse = mehmet;
  mehmet.spouse = ayse;
  ayse.children = [elif];
  mehmet.children = [elif];
  elif.parents = [ayse, mehmet];
  weiss.spouse = margarete;
  margarete.spouse = weiss;
  erika.spouse = max;
  max.spouse = erika;
  heinrich.spouse = gertrud; // the widow keeps no spouse entry; the deceased's entry names her

  return [lukasz, ayse, mehmet, elif, weiss, margarete, soren, erika, max, zaneta, yildiz, odon, anna, marianne,
    erzsebet, heinrich, gertrud];
}

/** The well-known residents with their key data (for tests, the walkthrough and the README). */
export const WELL_KNOWN_DEMO_RESIDENTS: readonly WellKnownResident[] = wellKnown().map((p) => {
  const main = p.addresses.find((a) => a.kind === 'haupt' && a.movedOut === null)!;
  const notes: string[] = [];
  if (p.formerNames.length) notes.push(`geb. ${p.formerNames.join(', ')}`);
  if (p.addresses.some((a) => a.kind === 'neben')) {
    const n = p.addresses.find((a) => a.kind === 'neben')!;
    notes.push(`Nebenwohnung ${n.street} ${n.houseNumber}, ${n.postalCode} ${n.city}`);
  }
  if (p.addresses.some((a) => a.movedOut !== null)) notes.push('frühere Anschrift in Köln');
  if (p.auskunftssperre) notes.push('Auskunftssperre');
  if (p.dateOfDeath) notes.push(`verstorben ${formatGermanDate(p.dateOfDeath)}`);
  if (isMinor(p)) notes.push(`minderjährig, gesetzliche Vertreter: ${p.parents.map(fullName).join(', ')}`);
  if (p.spouse && !p.dateOfDeath) notes.push(`verheiratet mit ${fullName(p.spouse)}`);
  return {
    kennung: p.kennung,
    displayName: fullName(p),
    familyName: p.familyName,
    givenNames: p.givenNames,
    birthDate: p.birthDate,
    mainAddress: `${main.street} ${main.houseNumber}, ${main.postalCode} ${main.city}`,
    note: notes.join('; '),
  };
});

function fullName(p: DemoPerson): string {
  return [p.degree, p.givenNames, p.familyName].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Generated population

/** Minimum counts the generator guarantees (tests check them on the imported data). */
export const DEMO_MINIMUMS = {
  residents: 600,
  withSecondAddress: 35,
  auskunftssperre: 18,
  formerNames: 40,
  doctoralDegree: 28,
  formerAddresses: 60,
  deceased: 6,
} as const;

class Generator {
  readonly rng = new SeededRandom(49808);
  readonly people: DemoPerson[] = [];
  private next = 100;
  private readonly taxIds = new Set<string>();

  kennung(): string {
    return `LIN-${String(this.next++).padStart(6, '0')}`;
  }

  taxId(): string {
    for (;;) {
      let first10 = String(this.rng.int(1, 9));
      for (let i = 0; i < 9; i++) first10 += String(this.rng.int(0, 9));
      const id = first10 + String(taxIdCheckDigit(first10));
      if (!this.taxIds.has(id)) {
        this.taxIds.add(id);
        return id;
      }
    }
  }

  givenName(o: Origin, sex: 'm' | 'w', birth: string): string {
    const pools = sex === 'm' ? o.male : o.female;
    const year = Number(birth.slice(0, 4));
    const pool = pools.length === 3 ? pools[year < 1960 ? 0 : year < 1990 ? 1 : 2]! : pools[0]!;
    return this.rng.pick(pool);
  }

  /** One or (Germans often) two given names, with the Rufname marked when there are two. */
  givenNames(o: Origin, sex: 'm' | 'w', birth: string): { givenNames: string; callName: string | null } {
    const first = this.givenName(o, sex, birth);
    if ((o.key === 'de' || o.key === 'aussiedler') && this.rng.chance(0.45)) {
      let second = this.givenName(o, sex, birth);
      const clash = (x: string) => x === first || first.split('-').includes(x) || x.split('-').includes(first);
      for (let i = 0; i < 5 && clash(second); i++) second = this.givenName(o, sex, birth);
      if (clash(second)) return { givenNames: first, callName: null };
      const callSecond = this.rng.chance(0.15);
      return { givenNames: `${first} ${second}`, callName: callSecond ? second : first };
    }
    return { givenNames: first, callName: null };
  }

  person(o: Origin, sex: 'm' | 'w', birth: string, familyName: string, bornHere = false): DemoPerson {
    const names = this.givenNames(o, sex, birth);
    const adult = ageAt(birth, DEMO_REFERENCE_DATE) >= 18;
    const nationalities = [o.nationality];
    if (o.nationality !== 'deutsch' && (bornHere || (adult && this.rng.chance(o.naturalised)))) nationalities.unshift('deutsch');
    return {
      kennung: this.kennung(),
      familyName,
      givenNames: names.givenNames,
      callName: names.callName,
      degree: null,
      formerNames: [],
      artistName: null,
      birthDate: birth,
      birthPlace: bornHere ? CITY : this.rng.pick(o.birthPlaces),
      sex,
      taxId: this.taxId(),
      nationalities,
      religion: this.rng.weighted(o.religions),
      maritalStatus: 'ledig',
      spouse: null,
      children: [],
      parents: [],
      idDocument: '',
      dateOfDeath: null,
      auskunftssperre: false,
      addresses: [],
    };
  }

  surname(o: Origin, sex: 'm' | 'w'): string {
    const [m, f] = this.rng.pick(o.surnames);
    return sex === 'm' ? m : f;
  }

  /** The same family name in the form for the other sex (Kowalski ↔ Kowalska). */
  surnameFor(o: Origin, familyName: string, sex: 'm' | 'w'): string {
    const pair = o.surnames.find(([m, f]) => m === familyName || f === familyName);
    if (!pair) return familyName;
    return sex === 'm' ? pair[0] : pair[1];
  }

  lingenAddress(): { street: string; houseNumber: string; postalCode: string } {
    const [street, postalCode] = this.rng.pick(LINGEN_STREETS);
    let houseNumber = String(this.rng.int(1, 140));
    if (this.rng.chance(0.1)) houseNumber += this.rng.pick(['a', 'b', 'c']);
    return { street, houseNumber, postalCode };
  }

  elsewhere(pool: readonly (readonly [string, string, string])[]): Omit<DemoAddress, 'kind' | 'movedIn' | 'movedOut'> {
    const [street, postalCode, city] = this.rng.pick(pool);
    return { street, houseNumber: String(this.rng.int(1, 90)), postalCode, city };
  }

  marry(a: DemoPerson, b: DemoPerson): void {
    a.spouse = b;
    b.spouse = a;
    a.maritalStatus = b.maritalStatus = 'verheiratet';
  }

  /** A household at one Lingen address; returns its members. */
  household(): DemoPerson[] {
    const rng = this.rng;
    const o = rng.weighted(ORIGINS.map((x) => [x, x.weight] as const));
    const kind = rng.weighted([
      ['single', 24],
      ['couple', 18],
      ['family', 28],
      ['singleParent', 8],
      ['elderlyCouple', 10],
      ['elderlySingle', 7],
      ['students', 5],
    ] as const);
    const members: DemoPerson[] = [];
    const adults: DemoPerson[] = [];
    const adultBirth = (minAge: number, maxAge: number) =>
      randomDate(rng, addYears(DEMO_REFERENCE_DATE, -maxAge - 1), addYears(DEMO_REFERENCE_DATE, -minAge - 1));

    const couple = (minAge: number, maxAge: number) => {
      const sameSex = rng.chance(0.04);
      const s1: 'm' | 'w' = 'm';
      const s2: 'm' | 'w' = sameSex ? 'm' : 'w';
      const b1 = adultBirth(minAge, maxAge);
      const latest = addYears(DEMO_REFERENCE_DATE, -19);
      const b2 = randomDate(rng, addYears(b1, -6), addYears(b1, 4));
      const birth2 = b2 > latest ? latest : b2;
      const husbandName = this.surname(o, s1);
      const married = rng.chance(0.82);
      const a = this.person(o, s1, b1, husbandName);
      const birthName2 = this.surname(o, s2);
      const b = this.person(o, s2, birth2, birthName2);
      if (married) {
        this.marry(a, b);
        const scheme = rng.weighted([['his', 70], ['keep', 14], ['hers', 6], ['double', 10]] as const);
        if (scheme === 'his') {
          b.familyName = this.surnameFor(o, husbandName, s2);
          if (b.familyName !== birthName2) b.formerNames = [birthName2];
        } else if (scheme === 'hers') {
          a.familyName = this.surnameFor(o, birthName2, s1);
          if (a.familyName !== husbandName) a.formerNames = [husbandName];
        } else if (scheme === 'double' && (o.key === 'de' || o.key === 'aussiedler') && birthName2 !== husbandName) {
          b.familyName = `${husbandName}-${birthName2}`;
          b.formerNames = [birthName2];
        }
      }
      adults.push(a, b);
      members.push(a, b);
      return { a, b, married };
    };

    const child = (parents: DemoPerson[], familyName: string, minAge: number, maxAge: number) => {
      const youngestParent = parents.reduce((y, p) => (p.birthDate > y ? p.birthDate : y), '0000-01-01');
      const from = maxDate(addYears(youngestParent, 19), addYears(DEMO_REFERENCE_DATE, -maxAge - 1));
      const to = addYears(DEMO_REFERENCE_DATE, -minAge);
      if (from >= to) return null;
      const sex: 'm' | 'w' = rng.chance(0.5) ? 'm' : 'w';
      const birth = randomDate(rng, from, addDays(to, -1));
      const c = this.person(o, sex, birth, this.surnameFor(o, familyName, sex), rng.chance(0.85));
      c.religion = parents[0]!.religion;
      c.parents = parents;
      for (const p of parents) p.children.push(c);
      members.push(c);
      return c;
    };

    switch (kind) {
      case 'single': {
        const sex: 'm' | 'w' = rng.chance(0.5) ? 'm' : 'w';
        const birth = adultBirth(20, 75);
        const s = this.person(o, sex, birth, this.surname(o, sex));
        if (ageAt(birth, DEMO_REFERENCE_DATE) > 35 && rng.chance(0.35)) {
          s.maritalStatus = 'geschieden';
          if (sex === 'w' && rng.chance(0.6)) {
            s.formerNames = [s.familyName];
            s.familyName = this.surname(o, sex);
            if (s.formerNames[0] === s.familyName) s.formerNames = [];
          }
        }
        adults.push(s);
        members.push(s);
        break;
      }
      case 'couple':
        couple(24, 60);
        break;
      case 'family': {
        const { a, b } = couple(28, 55);
        const n = rng.weighted([[1, 35], [2, 45], [3, 20]] as const);
        for (let i = 0; i < n; i++) child([b, a], a.familyName, i === 0 && rng.chance(0.2) ? 18 : 0, 24);
        break;
      }
      case 'singleParent': {
        const sex: 'm' | 'w' = rng.chance(0.8) ? 'w' : 'm';
        const p = this.person(o, sex, adultBirth(26, 50), this.surname(o, sex));
        p.maritalStatus = rng.chance(0.6) ? 'geschieden' : 'ledig';
        if (p.maritalStatus === 'geschieden' && sex === 'w' && rng.chance(0.5)) {
          const birthName = this.surname(o, sex);
          if (birthName !== p.familyName) p.formerNames = [birthName];
        }
        adults.push(p);
        members.push(p);
        const n = rng.weighted([[1, 60], [2, 40]] as const);
        for (let i = 0; i < n; i++) child([p], p.familyName, 0, 17);
        break;
      }
      case 'elderlyCouple':
        couple(66, 90);
        break;
      case 'elderlySingle': {
        const sex: 'm' | 'w' = rng.chance(0.75) ? 'w' : 'm';
        const s = this.person(o, sex, adultBirth(70, 95), this.surname(o, sex));
        s.maritalStatus = 'verwitwet';
        if (sex === 'w') {
          const birthName = this.surname(o, sex);
          if (birthName !== s.familyName) s.formerNames = [birthName];
        }
        adults.push(s);
        members.push(s);
        break;
      }
      case 'students': {
        const n = rng.int(2, 3);
        for (let i = 0; i < n; i++) {
          const so = i === 0 ? o : rng.weighted(ORIGINS.map((x) => [x, x.weight] as const));
          const sex: 'm' | 'w' = rng.chance(0.5) ? 'm' : 'w';
          const s = this.person(so, sex, adultBirth(19, 26), this.surname(so, sex));
          adults.push(s);
          members.push(s);
        }
        break;
      }
    }

    // Move-in date of the household and, for some, the previous address.
    const adultSince = adults.reduce((d, p) => maxDate(d, addYears(p.birthDate, 18)), '1960-01-01');
    const movedIn = randomDate(rng, maxDate(adultSince, kind === 'students' ? '2021-09-01' : '1965-01-01'), '2024-10-01');
    const home = this.lingenAddress();
    let previous: DemoAddress | null = null;
    if (rng.chance(kind === 'students' ? 0.1 : 0.28) && addYears(adultSince, 1) < movedIn) {
      const inLingen = rng.chance(0.5);
      const prevMovedIn = randomDate(rng, adultSince, addDays(movedIn, -200));
      const where = inLingen ? { ...this.lingenAddress(), city: CITY } : this.elsewhere(ELSEWHERE);
      previous = { kind: 'haupt', ...where, movedIn: prevMovedIn, movedOut: addDays(movedIn, -1) };
    }
    for (const m of members) {
      const since = maxDate(movedIn, m.birthDate);
      m.addresses.push({ kind: 'haupt', ...home, city: CITY, movedIn: since, movedOut: null });
      if (previous && m.birthDate < previous.movedOut!) {
        m.addresses.push({ ...previous, movedIn: maxDate(previous.movedIn!, m.birthDate) });
      }
    }

    // Students: half of them keep their Hauptwohnung with their parents elsewhere (Lingen = Nebenwohnung).
    if (kind === 'students') {
      for (const s of members) {
        if (rng.chance(0.55)) {
          s.addresses[0]!.kind = 'neben';
          s.addresses.push({ kind: 'haupt', ...this.elsewhere(EMSLAND_TOWNS), movedIn: s.birthDate, movedOut: null });
        }
      }
    }
    // Grown-up children studying elsewhere: Hauptwohnung at the university, Nebenwohnung at home in Lingen.
    for (const c of members.filter((m) => m.parents.length > 0 && !isMinor(m))) {
      if (rng.chance(0.7)) {
        c.addresses[0]!.kind = 'neben';
        c.addresses.push({ kind: 'haupt', ...this.elsewhere(UNIVERSITY_TOWNS), movedIn: randomDate(rng, addYears(c.birthDate, 18), '2024-10-01'), movedOut: null });
      }
    }
    return members;
  }

  addAusweis(p: DemoPerson): void {
    if (!p.nationalities.includes('deutsch') || ageAt(p.birthDate, DEMO_REFERENCE_DATE) < 16 || p.dateOfDeath) return;
    let serial = this.rng.pick(['L', 'T', 'M', 'N']);
    for (let i = 0; i < 8; i++) serial += this.rng.pick(AUSWEIS_CHARS.split(''));
    const validYears = ageAt(p.birthDate, DEMO_REFERENCE_DATE) < 24 ? 6 : 10;
    const until = randomDate(this.rng, '2026-01-01', addYears('2025-06-30', validYears));
    p.idDocument = `Personalausweis ${serial}, ausgestellt von Stadt Lingen (Ems), gültig bis ${formatGermanDate(until)}`;
  }

  /** Brings every guaranteed feature up to its minimum, picking deterministic random people. */
  ensureMinimums(): void {
    const rng = this.rng;
    const generated = this.people.filter((p) => Number(p.kennung.slice(4)) >= 100);
    const adults = (minAge: number) => generated.filter((p) => ageAt(p.birthDate, DEMO_REFERENCE_DATE) >= minAge);
    const count = (f: (p: DemoPerson) => boolean) => this.people.filter(f).length;

    // Deceased: elderly people; a surviving spouse becomes widowed.
    for (const p of rng.shuffle(adults(80).filter((p) => p.children.every((c) => !isMinor(c))))) {
      if (count((x) => x.dateOfDeath !== null) >= DEMO_MINIMUMS.deceased + 1) break;
      if (p.spouse?.dateOfDeath) continue;
      p.dateOfDeath = randomDate(rng, '2022-01-01', '2024-12-01');
      if (p.spouse) {
        p.spouse.maritalStatus = 'verwitwet';
        p.spouse.spouse = null;
      }
    }
    // Doctoral degrees.
    for (const p of rng.shuffle(adults(30))) {
      if (count((x) => x.degree !== null) >= DEMO_MINIMUMS.doctoralDegree + 4) break;
      if (rng.chance(0.5)) p.degree = rng.weighted(DEGREES);
    }
    // Auskunftssperren.
    for (const p of rng.shuffle(adults(18).filter((x) => !x.dateOfDeath))) {
      if (count((x) => x.auskunftssperre) >= DEMO_MINIMUMS.auskunftssperre + 2) break;
      p.auskunftssperre = true;
    }
    // Weekly commuters with a Nebenwohnung elsewhere.
    for (const p of rng.shuffle(adults(25).filter((x) => !x.dateOfDeath && x.addresses.length === 1))) {
      if (count((x) => x.addresses.filter((a) => a.movedOut === null).length > 1) >= DEMO_MINIMUMS.withSecondAddress + 5) break;
      p.addresses.push({ kind: 'neben', ...this.elsewhere(ELSEWHERE), movedIn: randomDate(rng, addYears(p.birthDate, 25), '2024-10-01'), movedOut: null });
    }
    // Former addresses.
    for (const p of rng.shuffle(adults(25))) {
      if (count((x) => x.addresses.some((a) => a.movedOut !== null)) >= DEMO_MINIMUMS.formerAddresses + 5) break;
      const current = p.addresses[0]!;
      if (p.addresses.some((a) => a.movedOut !== null) || !current.movedIn) continue;
      const from = addYears(p.birthDate, 18);
      const to = addDays(current.movedIn, -100);
      if (from >= to) continue;
      p.addresses.push({ kind: 'haupt', ...this.elsewhere(ELSEWHERE), movedIn: randomDate(rng, from, to), movedOut: addDays(current.movedIn, -1) });
    }
    // Former names: divorced women who took back their birth name keep the married name as a former name.
    for (const p of rng.shuffle(adults(30).filter((x) => x.sex === 'w' && x.formerNames.length === 0 && !x.spouse && !x.dateOfDeath && (x.maritalStatus === 'ledig' || x.maritalStatus === 'geschieden')))) {
      if (count((x) => x.formerNames.length > 0) >= DEMO_MINIMUMS.formerNames + 5) break;
      const o = ORIGINS.find((x) => x.surnames.some(([m, f]) => m === p.familyName || f === p.familyName)) ?? ORIGINS[0]!;
      const married = this.surname(o, 'w');
      if (married === p.familyName) continue;
      p.formerNames = [married];
      p.maritalStatus = 'geschieden';
    }
    // A few religious or artist names, and people of diverse or unstated sex.
    const artists = ['Schwester Maria Bernadette', 'Lara Lingen', 'Emsblick'];
    rng.shuffle(adults(25).filter((x) => !x.dateOfDeath)).slice(0, 3).forEach((p, i) => (p.artistName = artists[i]!));
    rng.shuffle(adults(20).filter((x) => !x.spouse && x.children.length === 0)).slice(0, 3).forEach((p, i) => (p.sex = i < 2 ? 'd' : 'x'));
  }

  run(): DemoPerson[] {
    const fixed = wellKnown();
    for (const p of fixed) p.taxId = this.taxId();
    this.people.push(...fixed);
    while (this.people.length < 650) this.people.push(...this.household());
    this.ensureMinimums();
    for (const p of this.people) this.addAusweis(p);
    return this.people;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output

const withBirth = (p: DemoPerson) => `${fullName(p)} (* ${formatGermanDate(p.birthDate)})`;

function rowsOf(p: DemoPerson): Record<CsvColumn, string>[] {
  const person: Omit<Record<CsvColumn, string>, 'wohnungsart' | 'strasse' | 'hausnummer' | 'plz' | 'ort' | 'einzug' | 'auszug'> = {
    kennung: p.kennung,
    familienname: p.familyName,
    vornamen: p.givenNames,
    rufname: p.callName ?? '',
    doktorgrad: p.degree ?? '',
    fruehere_namen: p.formerNames.join('|'),
    ordens_kuenstlername: p.artistName ?? '',
    geburtsdatum: p.birthDate,
    geburtsort: p.birthPlace,
    geschlecht: p.sex,
    steuer_id: p.taxId,
    gesetzliche_vertreter: isMinor(p) ? p.parents.map(withBirth).join('|') : '',
    staatsangehoerigkeiten: p.nationalities.join('|'),
    religion: p.religion,
    familienstand: p.maritalStatus,
    ehegatte: p.spouse ? withBirth(p.spouse) : '',
    kinder: p.children.filter(isMinor).map(withBirth).join('|'),
    ausweis: p.idDocument,
    sterbedatum: p.dateOfDeath ?? '',
    auskunftssperre: p.auskunftssperre ? 'ja' : 'nein',
  };
  return p.addresses.map((a) => ({
    ...person,
    wohnungsart: a.kind,
    strasse: a.street,
    hausnummer: a.houseNumber,
    plz: a.postalCode,
    ort: a.city,
    einzug: a.movedIn ?? '',
    auszug: a.movedOut ?? '',
  }));
}

/** The demo register as CSV (UTF-8 with byte order mark for Excel, ";" separated, CRLF). Deterministic. */
export function generateDemoResidentsCsv(): string {
  const people = new Generator().run();
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const p of people) for (const r of rowsOf(p)) rows.push(CSV_COLUMNS.map((c) => r[c]));
  return '\uFEFF' + formatCsv(rows, ';', '\r\n');
}

/** Imports resources/demo/residents.csv into the register (one transaction). */
export function loadDemoResidents(db: Db, resourcesDir: string, now: string): { imported: number; updated: number } {
  const csv = fs.readFileSync(path.join(resourcesDir, DEMO_RESIDENTS_FILE), 'utf8');
  return importResidentsCsv(db, csv, now);
}
