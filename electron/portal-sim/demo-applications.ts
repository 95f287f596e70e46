/**
 * Demo online applications for every service of the catalogue, as a citizens' portal (OpenR@thaus) would send them
 * through FIT-Connect: the Fachdaten (`{ antragsteller, antrag }`, valid against shared/services/online.ts), the
 * attachments (the form PDF, and depending on the service a scanned PDF or a photo), the payment of paid services,
 * the identification report, the reply channel and the sender's reference. Used by the simulator's `submit` command
 * and by the app's demo mode; the caller adds destination and service (serviceIdentifier, onlineSchemaUri).
 *
 * The applicants are residents of the demo Melderegister (resources/demo/residents.csv, `loadDemoPeople`): name,
 * birth date and address exactly as registered, so a clerk finds them in the register. Everything is deterministic
 * for a given service, sequence number, people and options (seeded PRNG; the application date is an option).
 *
 * Speed: the scanned PDFs, the photo and the blank form PDF of each service are made once per resources folder and
 * shared by all applications (do not modify their bytes); 1,000 applications take well under a second. With
 * `personalForm: true` the form PDF is filled in per application (about 10 ms each) — for the demo mode, where a
 * clerk opens it.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { addDays, addMonths, germanDate } from '../../shared/domain/niedersachsen-calendar';
import { foldForSearch } from '../../shared/domain/names';
import type { OnlineApplicant } from '../../shared/domain/portal';
import { findService } from '../../shared/services';
import { DELIVERY_KIND_LABELS } from '../../shared/services/briefwahl';
import { ACTIVITY_CHANGES, DEREGISTRATION_REASONS, GEWERBE_FEES, LEGAL_FORMS, type GewerbeForm } from '../../shared/services/gewerbe';
import { ABMELDUNG_REASONS, ANMELDUNG_REASONS, DOG_SEX_LABELS, formatChipNumber } from '../../shared/services/hundesteuer';
import { EXTENDED_ITEMS, PURPOSES as MB_PURPOSES } from '../../shared/services/meldebescheinigung';
import { CERTIFICATE_KINDS, PURPOSES as PS_PURPOSES, RELATION_LABELS, type CertificateKindId } from '../../shared/services/personenstand';
import type { FeeDefault, ServiceDefinition } from '../../shared/services/types';
import { createPdf, mm, textAt, wrapText, type TextStyle } from '../core/documents/pdf';
import { CSV_COLUMNS, readCsvRecords, type CsvColumn } from '../core/registers/csv-import';
import { parseDateInput } from '../core/registers/dates';
import { SeededRandom } from '../core/seeded-random';

// ---------------------------------------------------------------------------------------------------------------
// Types

/** A resident of the demo register, as far as online applications need them. */
export interface DemoPerson {
  kennung: string;
  familienname: string;
  vornamen: string;
  rufname: string | null;
  doktorgrad: string | null;
  /** Former names (Geburtsname first). */
  fruehereNamen: string[];
  geburtsdatum: string;
  geburtsort: string | null;
  geschlecht: 'm' | 'w' | 'd' | 'x' | null;
  staatsangehoerigkeiten: string[];
  familienstand: string | null;
  /** As in the register: "Ayşe Güneş (* 21.06.1990)". */
  ehegatte: string | null;
  /** As in the register: "Name (* TT.MM.JJJJ)" each. */
  gesetzlicheVertreter: string[];
  sterbedatum: string | null;
  auskunftssperre: boolean;
  /** The current Hauptwohnung as registered, null when there is none. */
  anschrift: OnlineApplicant['anschrift'] | null;
}

export interface DemoAttachment {
  filename: string;
  mimeType: string;
  purpose: 'form' | 'attachment' | 'report';
  description?: string;
  bytes: Uint8Array;
}

/** `paymentInformation` of the FIT-Connect metadata 1.0.0 (a booked payment). */
export type DemoPaymentInformation = {
  transactionReference: string;
  transactionId: string;
  transactionTimestamp: string;
  paymentMethod: 'GIROPAY' | 'PAYDIRECT' | 'CREDITCARD' | 'PAYPAL' | 'INVOICE' | 'OTHER';
  paymentMethodDetail?: string;
  status: 'BOOKED';
  /** Euros (metadata: number, multiple of 0.01). */
  grossAmount: number;
};

export interface DemoApplication {
  /** The Fachdaten; valid for `parseOnlineData(serviceId, data)` and the service's JSON Schema. */
  data: { antragsteller: OnlineApplicant; antrag: Record<string, unknown> };
  attachments: DemoAttachment[];
  /** Paid services only (not for Briefwahl, Hundesteuer, a Meldebescheinigung or Urkunde for a free purpose). */
  paymentInformation?: DemoPaymentInformation;
  authenticationInformation: { type: 'identificationReport'; version: string; content: string }[];
  replyChannel: { eMail: { address: string } };
  additionalReferenceInfo: { senderReference: string; applicationDate: string };
}

export interface DemoOptions {
  /** The resources folder (fonts, demo images); defaults to the one `people` were loaded from. */
  resourcesDir?: string;
  /** Day of the application (YYYY-MM-DD); every date in the data is relative to it. Default DEMO_APPLICATION_DATE. */
  applicationDate?: string;
  /** The election of Briefwahl applications. Default DEMO_ELECTION_ID. */
  electionId?: string;
  /**
   * Render the form PDF filled in with this application (applicant, answers, attachments, payment), as a portal
   * does — about 10 ms per application. Default false: the blank form of the service, made once and shared, so
   * that bulk generation stays fast (1,000 applications in well under a second). Demo mode, where a clerk opens the
   * PDF, should pass true.
   */
  personalForm?: boolean;
}

export const DEMO_APPLICATION_DATE = '2026-11-23';
/** Landtagswahl in Niedersachsen, autumn 2027 (the election the demo configures). */
export const DEMO_ELECTION_ID = 'ltw-2027';

// ---------------------------------------------------------------------------------------------------------------
// People

const LINGEN_POSTCODES = ['49808', '49809', '49811'];
const peopleDirs = new WeakMap<readonly DemoPerson[], string>();

/**
 * The residents of resources/demo/residents.csv (read with the register's CSV parser; one row per resident and
 * address, see resources/demo/README.md), in file order. Remembers `resourcesDir` for `demoApplication`.
 */
export function loadDemoPeople(resourcesDir: string): DemoPerson[] {
  const text = fs.readFileSync(path.join(resourcesDir, 'demo', 'residents.csv'), 'utf8');
  const people = new Map<string, DemoPerson>();
  for (const { row } of readCsvRecords(text, CSV_COLUMNS, [])) {
    const get = (name: CsvColumn) => row[name];
    const list = (name: CsvColumn) =>
      get(name)
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
    const kennung = get('kennung');
    if (!kennung) continue;
    let p = people.get(kennung);
    if (!p) {
      const sex = get('geschlecht').toLowerCase();
      p = {
        kennung,
        familienname: get('familienname'),
        vornamen: get('vornamen'),
        rufname: get('rufname') || null,
        doktorgrad: get('doktorgrad') || null,
        fruehereNamen: list('fruehere_namen'),
        geburtsdatum: parseDateInput(get('geburtsdatum')) ?? get('geburtsdatum'),
        geburtsort: get('geburtsort') || null,
        geschlecht: sex === 'm' || sex === 'w' || sex === 'd' || sex === 'x' ? sex : null,
        staatsangehoerigkeiten: list('staatsangehoerigkeiten'),
        familienstand: get('familienstand') || null,
        ehegatte: get('ehegatte') || null,
        gesetzlicheVertreter: list('gesetzliche_vertreter'),
        sterbedatum: get('sterbedatum') ? parseDateInput(get('sterbedatum')) : null,
        auskunftssperre: ['ja', 'j', '1', 'true', 'x', 'yes'].includes(get('auskunftssperre').toLowerCase()),
        anschrift: null,
      };
      people.set(kennung, p);
    }
    const kind = get('wohnungsart').toLowerCase();
    const current = get('strasse') && !get('auszug') && ['', 'haupt', 'hauptwohnung', 'h', 'hw'].includes(kind);
    if (current && !p.anschrift) {
      p.anschrift = { strasse: get('strasse'), hausnummer: get('hausnummer'), postleitzahl: get('plz'), ort: get('ort') };
    }
  }
  const out = [...people.values()];
  peopleDirs.set(out, resourcesDir);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness, dates, names



function ageOn(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const fullName = (p: Pick<DemoPerson, 'vornamen' | 'familienname'>) => `${p.vornamen} ${p.familienname}`;

interface PeopleIndex {
  byBirth: Map<string, DemoPerson[]>;
  pools: Map<string, DemoPerson[]>;
}
const indexes = new WeakMap<readonly DemoPerson[], PeopleIndex>();

function indexOf(people: readonly DemoPerson[]): PeopleIndex {
  let ix = indexes.get(people);
  if (!ix) {
    const byBirth = new Map<string, DemoPerson[]>();
    for (const p of people) {
      const list = byBirth.get(p.geburtsdatum);
      if (list) list.push(p);
      else byBirth.set(p.geburtsdatum, [p]);
    }
    ix = { byBirth, pools: new Map() };
    indexes.set(people, ix);
  }
  return ix;
}

/** "Name (* TT.MM.JJJJ)" of the register → the resident it names, if in `people`. */
function findByReference(ref: string, people: readonly DemoPerson[]): DemoPerson | undefined {
  const m = /\(\*\s*(\d{1,2}\.\d{1,2}\.\d{4})\)/.exec(ref);
  const birth = m ? parseDateInput(m[1]!) : null;
  if (!birth) return undefined;
  return indexOf(people).byBirth.get(birth)?.find((p) => ref.includes(p.familienname));
}

function isLingen(p: DemoPerson): boolean {
  return !!p.anschrift && LINGEN_POSTCODES.includes(p.anschrift.postleitzahl) && /^Lingen/.test(p.anschrift.ort);
}

/** Living adults with a Hauptwohnung in Lingen (Ems): the people who apply online here (per day, cached). */
function applicants(people: readonly DemoPerson[], day: string): DemoPerson[] {
  const pools = indexOf(people).pools;
  let pool = pools.get(day);
  if (!pool) {
    pool = people.filter((p) => !p.sterbedatum && isLingen(p) && ageOn(p.geburtsdatum, day) >= 18);
    pools.set(day, pool);
  }
  return pool;
}

function emailFor(p: DemoPerson, rng: SeededRandom): string {
  const words = (s: string) => foldForSearch(s).replace(/[^a-z0-9 ]/g, '').split(' ').filter(Boolean);
  const given = words(p.rufname ?? p.vornamen)[0] ?? 'post';
  const family = words(p.familienname).join('-') || 'demo';
  const local = rng.weighted([
    [`${given}.${family}`, 5],
    [`${given[0]}.${family}`, 2],
    [`${family}${p.geburtsdatum.slice(2, 4)}`, 2],
    [`${given}${family}`, 1],
  ] as const);
  return `${local}@${rng.pick(['example.org', 'example.com', 'example.net'])}`;
}

function applicantOf(p: DemoPerson, rng: SeededRandom): OnlineApplicant {
  if (!p.anschrift) throw new Error(`${p.kennung} hat keine Hauptwohnung.`);
  const a: OnlineApplicant = {
    familienname: p.familienname,
    vornamen: p.vornamen,
    geburtsdatum: p.geburtsdatum,
    anschrift: { ...p.anschrift },
    email: emailFor(p, rng),
  };
  if (rng.chance(0.6)) a.telefon = rng.chance(0.5) ? `0591 ${rng.int(1, 9)}${rng.digits(5)}` : `01${rng.pick(['51', '57', '60', '70', '76'])} ${rng.digits(7)}`;
  return a;
}

/** A valid German IBAN (check digits by ISO 7064 mod 97-10) at an invented account. */
function germanIban(rng: SeededRandom): string {
  const bban = `26650001${rng.digits(10)}`; // BLZ of the Sparkasse Emsland; the account numbers are random
  const numeric = `${bban}131400`; // "DE00" moved to the end, D=13, E=14
  const check = 98n - (BigInt(numeric) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

/** Birth country (German name) of the foreign places of birth in the demo register. */
const BIRTH_COUNTRIES: Record<string, string> = {
  Semipalatinsk: 'Kasachstan',
  Pawlodar: 'Kasachstan',
  Kustanai: 'Kasachstan',
  Karaganda: 'Kasachstan',
  Omsk: 'Russland',
  Gaziantep: 'Türkei',
  İstanbul: 'Türkei',
  İzmir: 'Türkei',
  Trabzon: 'Türkei',
  Ankara: 'Türkei',
  Kayseri: 'Türkei',
  Debrecen: 'Ungarn',
  Budapest: 'Ungarn',
  Pécs: 'Ungarn',
  Győr: 'Ungarn',
  Szeged: 'Ungarn',
  Timișoara: 'Rumänien',
  'Cluj-Napoca': 'Rumänien',
  Brașov: 'Rumänien',
  Iași: 'Rumänien',
  București: 'Rumänien',
  Gdańsk: 'Polen',
  Opole: 'Polen',
  Łódź: 'Polen',
  Kraków: 'Polen',
  Poznań: 'Polen',
  Szczecin: 'Polen',
  Wrocław: 'Polen',
  Damaskus: 'Syrien',
  Aleppo: 'Syrien',
  Homs: 'Syrien',
  Latakia: 'Syrien',
  Đakovo: 'Kroatien',
  Osijek: 'Kroatien',
  Zagreb: 'Kroatien',
  Coevorden: 'Niederlande',
  Groningen: 'Niederlande',
  Enschede: 'Niederlande',
  Hengelo: 'Niederlande',
  Emmen: 'Niederlande',
  København: 'Dänemark',
  Aarhus: 'Dänemark',
  Odense: 'Dänemark',
  Klaipėda: 'Litauen',
  Vilnius: 'Litauen',
  Kaunas: 'Litauen',
  Rīga: 'Lettland',
  Daugavpils: 'Lettland',
  'Hà Nội': 'Vietnam',
  'Hải Phòng': 'Vietnam',
  Huế: 'Vietnam',
  'Thành phố Hồ Chí Minh': 'Vietnam',
  Ostrava: 'Tschechien',
  Brno: 'Tschechien',
  'České Budějovice': 'Tschechien',
  Plzeň: 'Tschechien',
};

const STREETS_LINGEN: readonly [string, string][] = [
  ['Lookenstraße', '49808'],
  ['Große Straße', '49808'],
  ['Marienstraße', '49808'],
  ['Burgstraße', '49808'],
  ['Am Markt', '49808'],
  ['Bahnhofstraße', '49808'],
  ['Georgstraße', '49808'],
  ['Kaiserstraße', '49808'],
  ['Rheiner Straße', '49809'],
  ['Schüttorfer Straße', '49809'],
  ['Waldstraße', '49811'],
  ['Baccumer Straße', '49811'],
];

function lingenAddress(rng: SeededRandom, except?: string): { street: string; houseNumber: string; postalCode: string; city: string } {
  const choices = STREETS_LINGEN.filter(([s]) => s !== except);
  const [street, postalCode] = rng.pick(choices);
  return { street, houseNumber: `${rng.int(1, 140)}${rng.chance(0.15) ? rng.pick(['a', 'b']) : ''}`, postalCode, city: 'Lingen (Ems)' };
}

// ---------------------------------------------------------------------------------------------------------------
// Per-service generators

type Line = [label: string, value: string];
type ExtraAttachment = 'vollmacht' | 'haftpflicht' | 'ausweis';

interface Generated {
  applicant: DemoPerson;
  antrag: Record<string, unknown>;
  /** The form's summary of `antrag`. */
  lines: Line[];
  /** Amount paid online, in cents; 0 for a free application. */
  feeCents: number;
  extras: { kind: ExtraAttachment; description: string }[];
}

interface Ctx {
  rng: SeededRandom;
  people: readonly DemoPerson[];
  pool: readonly DemoPerson[];
  day: string;
  electionId: string;
  service: ServiceDefinition;
}

const euro = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

function feeCents(service: ServiceDefinition, key: string): number {
  const f: FeeDefault | undefined = service.fees.find((x) => x.key === key);
  if (!f) throw new Error(`Gebühr ${key} fehlt bei ${service.id}.`);
  return f.cents;
}

function meldebescheinigung(c: Ctx): Generated {
  const { rng } = c;
  const applicant = rng.pick(c.pool);
  const kind = rng.chance(0.7) ? 'einfach' : 'erweitert';
  const purpose = rng.weighted([
    ['allgemein', 25],
    ['arbeitgeber', 20],
    ['behoerde', 15],
    ['bank', 15],
    ['rente', 10],
    ['versorgungsamt', 5],
    ['sozialleistung', 10],
  ] as const);
  const copies = rng.chance(0.85) ? 1 : 2;
  const extendedItems: string[] = [];
  if (kind === 'erweitert') {
    const offer = ['fruehereAnschriften', 'familienstand', 'staatsangehoerigkeiten', 'geburtsort', 'einAuszugsdatum', 'ehegatte', 'kinder'];
    const n = rng.int(1, 3);
    while (extendedItems.length < n) {
      const item = rng.pick(offer);
      if (!extendedItems.includes(item)) extendedItems.push(item);
    }
  }
  const p = MB_PURPOSES.find((x) => x.id === purpose)!;
  const fee = p.free ? 0 : feeCents(c.service, `meldebescheinigung.${kind}`) * copies;
  const lines: Line[] = [
    ['Art der Bescheinigung', kind === 'einfach' ? 'Einfache Meldebescheinigung' : 'Erweiterte Meldebescheinigung'],
    ['Verwendungszweck', p.label],
  ];
  if (extendedItems.length) lines.push(['Weitere Angaben', extendedItems.map((id) => EXTENDED_ITEMS.find((i) => i.id === id)!.label).join(', ')]);
  lines.push(['Anzahl', String(copies)], ['Zustellung', 'per Post an die Meldeanschrift']);
  return { applicant, antrag: { kind, purpose, extendedItems, copies }, lines, feeCents: fee, extras: [] };
}

function personenstand(c: Ctx): Generated {
  const { rng, day } = c;
  type Scenario = 'geburt_selbst' | 'geburt_kind' | 'ehe' | 'sterbefall';
  const scenario = rng.weighted<Scenario>([
    ['geburt_selbst', 40],
    ['geburt_kind', 25],
    ['ehe', 25],
    ['sterbefall', 10],
  ]);
  let applicant: DemoPerson | undefined;
  let kind: CertificateKindId = 'geburtsurkunde';
  let relation: string = 'self';
  let eintrag: Record<string, unknown> | undefined;
  let purposes: readonly (readonly [string, number])[] = [
    ['allgemein', 4],
    ['ausweis', 2],
    ['eheschliessung', 2],
    ['ausland', 1],
    ['rente', 1],
  ];
  const bornHere = (p: DemoPerson) => p.geburtsort === 'Lingen (Ems)';

  if (scenario === 'geburt_kind') {
    const children = c.people.filter((p) => !p.sterbedatum && bornHere(p) && ageOn(p.geburtsdatum, day) < 18 && p.gesetzlicheVertreter.length);
    const candidates = children
      .map((child) => ({ child, parent: findByReference(rng.pick(child.gesetzlicheVertreter), c.people) }))
      .filter((x): x is { child: DemoPerson; parent: DemoPerson } => !!x.parent && c.pool.includes(x.parent));
    if (candidates.length) {
      const { child, parent } = rng.pick(candidates);
      applicant = parent;
      relation = 'ancestor';
      eintrag = { familienname: child.familienname, vornamen: child.vornamen, ereignisdatum: child.geburtsdatum, ereignisort: 'Lingen (Ems)' };
      purposes = [
        ['familienleistung', 4],
        ['ausweis', 3],
        ['allgemein', 2],
      ];
    }
  } else if (scenario === 'ehe') {
    const couples = c.pool
      .filter((p) => p.familienstand === 'verheiratet' && p.ehegatte)
      .map((p) => ({ p, spouse: findByReference(p.ehegatte!, c.people) }))
      .filter((x): x is { p: DemoPerson; spouse: DemoPerson } => !!x.spouse);
    const youngerOf = (a: DemoPerson, b: DemoPerson) => (a.geburtsdatum > b.geburtsdatum ? a.geburtsdatum : b.geburtsdatum);
    // Married at 20 at the earliest, and at least two months before the application.
    const fitting = couples.filter(({ p, spouse }) => addMonths(youngerOf(p, spouse), 12 * 20) < addDays(day, -60));
    if (fitting.length) {
      const { p, spouse } = rng.pick(fitting);
      applicant = p;
      kind = 'eheurkunde';
      const earliest = addMonths(youngerOf(p, spouse), 12 * 20);
      const span = Math.min(9000, Math.round((Date.parse(day) - Date.parse(earliest)) / 86_400_000) - 60);
      eintrag = {
        familienname: p.familienname,
        vornamen: p.vornamen,
        geburtsname: p.fruehereNamen[0] ?? null,
        ereignisdatum: addDays(earliest, rng.int(0, span)),
        ereignisort: 'Lingen (Ems)',
        ehegatte: { familienname: spouse.familienname, vornamen: spouse.vornamen },
      };
      purposes = [
        ['allgemein', 3],
        ['nachlass', 1],
        ['ausland', 2],
        ['ausweis', 1],
      ];
    }
  } else if (scenario === 'sterbefall') {
    const cases = c.people
      .filter((p) => p.sterbedatum && p.ehegatte)
      .map((d) => ({ d, spouse: findByReference(d.ehegatte!, c.people) }))
      .filter((x): x is { d: DemoPerson; spouse: DemoPerson } => !!x.spouse && c.pool.includes(x.spouse));
    if (cases.length) {
      const { d, spouse } = rng.pick(cases);
      applicant = spouse;
      kind = 'sterbeurkunde';
      relation = 'spouse';
      eintrag = { familienname: d.familienname, vornamen: d.vornamen, ereignisdatum: d.sterbedatum, ereignisort: 'Lingen (Ems)' };
      purposes = [
        ['nachlass', 4],
        ['rente', 3],
        ['allgemein', 1],
      ];
    }
  }
  if (!applicant || !eintrag) {
    // geburt_selbst, and the fallback when the people have no such family.
    const born = c.pool.filter(bornHere);
    applicant = rng.pick(born.length ? born : c.pool);
    kind = 'geburtsurkunde';
    relation = 'self';
    eintrag = {
      familienname: applicant.familienname,
      vornamen: applicant.vornamen,
      geburtsname: applicant.fruehereNamen[0] ?? null,
      ereignisdatum: applicant.geburtsdatum,
      ereignisort: 'Lingen (Ems)',
    };
  }
  const purpose = rng.weighted(purposes);
  const copies = rng.weighted([
    [1, 7],
    [2, 2],
    [3, 1],
  ] as const);
  const p = PS_PURPOSES.find((x) => x.id === purpose)!;
  const fee = p.free ? 0 : feeCents(c.service, 'personenstand.erste') + feeCents(c.service, 'personenstand.weitere') * (copies - 1);
  const e = eintrag as { familienname: string; vornamen: string; geburtsname?: string | null; ereignisdatum: string; ehegatte?: { familienname: string; vornamen: string } };
  const lines: Line[] = [
    ['Urkunde', CERTIFICATE_KINDS.find((k) => k.id === kind)!.label],
    ['Person im Eintrag', `${e.vornamen} ${e.familienname}${e.geburtsname ? ` geb. ${e.geburtsname}` : ''}`],
  ];
  if (e.ehegatte) lines.push(['Ehegatte', `${e.ehegatte.vornamen} ${e.ehegatte.familienname}`]);
  lines.push(
    [kind === 'sterbeurkunde' ? 'Sterbedatum' : kind === 'eheurkunde' ? 'Tag der Eheschließung' : 'Geburtsdatum', germanDate(e.ereignisdatum)],
    ['Ort', 'Lingen (Ems)'],
    ['Beziehung zur Person', RELATION_LABELS[relation as keyof typeof RELATION_LABELS]],
    ['Verwendungszweck', p.label],
    ['Anzahl', String(copies)],
    ['Zustellung', 'per Post'],
  );
  return {
    applicant,
    antrag: { kind, eintrag, purpose, relation, copies },
    lines,
    feeCents: fee,
    extras: [{ kind: 'ausweis', description: 'Personalausweis (Foto)' }],
  };
}

const DOG_NAMES = {
  ruede: ['Balu', 'Bello', 'Oskar', 'Paul', 'Finn', 'Rocky', 'Sammy', 'Jöns', 'Anton', 'Theo'],
  huendin: ['Luna', 'Emma', 'Frieda', 'Kira', 'Nala', 'Mia', 'Lotte', 'Bärbel', 'Åsa', 'Ronja'],
} as const;
const BREEDS = [
  'Labrador Retriever',
  'Golden Retriever',
  'Mischling (Schäferhund/Husky)',
  'Mischling',
  'Dackel',
  'Border Collie',
  'Jack Russell Terrier',
  'Deutscher Schäferhund',
  'Französische Bulldogge',
  'Beagle',
  'Kleiner Münsterländer',
  'Australian Shepherd',
];
const COLOURS = ['schwarz', 'braun', 'blond', 'schwarz-weiß', 'dreifarbig', 'grau', 'rotbraun', 'weiß mit braunen Flecken'];
const INSURER = 'Emsländische Muster-Versicherung VVaG';

function hundesteuerAnmeldung(c: Ctx): Generated {
  const { rng, day } = c;
  const applicant = rng.pick(c.pool);
  const reason = rng.chance(0.85) ? 'aufnahme' : 'geburt';
  const sex = rng.chance(0.5) ? 'ruede' : 'huendin';
  const puppy = reason === 'geburt' || rng.chance(0.25);
  let acquiredOn: string;
  let birthDate: string;
  if (reason === 'geburt') {
    birthDate = addDays(day, -rng.int(20, 60));
    acquiredOn = birthDate;
  } else {
    acquiredOn = addDays(day, -rng.int(2, 13));
    birthDate = puppy ? addDays(acquiredOn, -rng.int(63, 140)) : addDays(acquiredOn, -rng.int(365, 3650));
  }
  const older = !puppy; // older than six months on `day`
  const chip = older || rng.chance(0.6) ? `276098${rng.digits(9)}` : null;
  const insurance =
    older || rng.chance(0.5)
      ? { insurer: INSURER, policyNumber: `HH-${rng.digits(7)}`, personsCents: 500_000_000, otherCents: 500_000_000 }
      : null;
  const sachkunde = rng.chance(0.6)
    ? { kind: 'pruefung', theoryPassedOn: addDays(acquiredOn, -rng.int(5, 60)), practicalPassedOn: null, examiner: 'Hundeschule Emsland (Demo)' }
    : { kind: 'ausnahme', reason: 'fruehere_haltung', details: '', previousHoldingFrom: addMonths(acquiredOn, -108), previousHoldingTo: addMonths(acquiredOn, -rng.int(2, 12)) };
  const centralRegister = older || rng.chance(0.4) ? { enteredOn: addDays(acquiredOn, rng.int(0, Math.max(0, Math.round((Date.parse(day) - Date.parse(acquiredOn)) / 86_400_000)))), reference: null } : null;
  const sepa = rng.chance(0.7) ? { accountHolder: fullName(applicant), iban: germanIban(rng), mandateDate: day } : null;
  const dog = {
    name: rng.pick(DOG_NAMES[sex]),
    breed: rng.pick(BREEDS),
    colour: rng.pick(COLOURS),
    sex,
    birthDate,
    birthDateEstimated: reason === 'aufnahme' && rng.chance(0.2),
    chipNumber: chip,
  };
  const previousOwner = reason === 'aufnahme' ? rng.pick(['Tierheim Lingen (Demo), Am Tierheim 1, 49811 Lingen (Ems)', 'Züchterin in Meppen', null]) : null;
  const antrag = {
    reason,
    acquiredOn,
    registeredOn: day,
    previousOwner,
    dog,
    insurance,
    sachkunde,
    centralRegister,
    sepa,
  };
  const lines: Line[] = [
    ['Anlass', ANMELDUNG_REASONS.find((r) => r.id === reason)!.label],
    ['Beginn der Haltung', germanDate(acquiredOn)],
    ['Hund', `${dog.name}, ${dog.breed}, ${dog.colour}, ${DOG_SEX_LABELS[sex]}`],
    ['Geboren', `${germanDate(birthDate)}${dog.birthDateEstimated ? ' (geschätzt)' : ''}`],
    ['Chipnummer', chip ? formatChipNumber(chip) : '—'],
    ['Haftpflichtversicherung', insurance ? `${insurance.insurer}, Nr. ${insurance.policyNumber}` : '—'],
    ['Sachkunde', sachkunde.kind === 'pruefung' ? `Theoretische Prüfung am ${germanDate(sachkunde.theoryPassedOn as string)}` : 'Ausnahme: frühere Hundehaltung'],
    ['Zentrales Register', centralRegister ? `eingetragen am ${germanDate(centralRegister.enteredOn)}` : '—'],
    ['SEPA-Lastschrift', sepa ? `${sepa.accountHolder}, ${sepa.iban.slice(0, 4)} … ${sepa.iban.slice(-4)}` : 'nein (Überweisung)'],
  ];
  return {
    applicant,
    antrag,
    lines,
    feeCents: 0,
    extras: insurance ? [{ kind: 'haftpflicht', description: 'Nachweis der Hundehalter-Haftpflichtversicherung (§ 5 NHundG), Scan' }] : [],
  };
}

function hundesteuerAbmeldung(c: Ctx): Generated {
  const { rng, day } = c;
  const applicant = rng.pick(c.pool);
  const reason = rng.weighted([
    ['tod', 4],
    ['abgabe', 3],
    ['wegzug', 2],
    ['sonstiges', 1],
  ] as const);
  const endedOn = reason === 'wegzug' ? addDays(day, rng.int(5, 40)) : addDays(day, -rng.int(1, 20));
  const antrag: Record<string, unknown> = {
    tagNumber: `${rng.int(1, 2)}${rng.digits(3)}`,
    reason,
    endedOn,
    reportedOn: day,
    reasonDetails: reason === 'sonstiges' ? `Der Hund ist am ${germanDate(endedOn)} entlaufen; die Suche blieb erfolglos.` : '',
  };
  if (reason === 'abgabe') {
    antrag.newOwner = rng.chance(0.5)
      ? { name: 'Tierheim Lingen (Demo)', address: { street: 'Am Tierheim 1', postalCode: '49811', city: 'Lingen (Ems)' } }
      : { name: `${rng.pick(['Anke', 'Jürgen', 'Małgorzata', 'Hendrik'])} ${rng.pick(['Schulte', 'Többen', 'Nowak', 'de Vries'])}`, address: { street: `Hauptstraße ${rng.int(1, 80)}`, postalCode: '48431', city: 'Rheine' } };
  }
  if (reason === 'wegzug') antrag.newAddress = { street: `Kirchstraße ${rng.int(1, 60)}`, postalCode: '49716', city: 'Meppen' };
  const lines: Line[] = [
    ['Hundesteuermarke', String(antrag.tagNumber)],
    ['Grund', ABMELDUNG_REASONS.find((r) => r.id === reason)!.label],
    ['Ende der Haltung', germanDate(endedOn)],
  ];
  if (antrag.reasonDetails) lines.push(['Erläuterung', String(antrag.reasonDetails)]);
  if (antrag.newOwner) {
    const o = antrag.newOwner as { name: string; address: { street: string; postalCode: string; city: string } };
    lines.push(['Neue Halterin/neuer Halter', `${o.name}, ${o.address.street}, ${o.address.postalCode} ${o.address.city}`]);
  }
  if (antrag.newAddress) {
    const a = antrag.newAddress as { street: string; postalCode: string; city: string };
    lines.push(['Neue Anschrift', `${a.street}, ${a.postalCode} ${a.city}`]);
  }
  lines.push(['Hundesteuermarke', 'wird per Post zurückgesandt']);
  return { applicant, antrag, lines, feeCents: 0, extras: [] };
}

const ACTIVITIES: readonly { description: string; wz2008: string; trade: string; food?: boolean }[] = [
  { description: 'Hausmeisterdienste und Gartenpflege', wz2008: '81.10.0', trade: 'Hausmeisterservice' },
  { description: 'Versand- und Internet-Einzelhandel mit Bekleidung und Accessoires', wz2008: '47.91.1', trade: 'Modeversand' },
  { description: 'Entwicklung von Software und IT-Beratung', wz2008: '62.01.9', trade: 'IT-Service' },
  { description: 'Einzelhandel mit Fahrrädern, Fahrradteilen und Zubehör', wz2008: '47.64.1', trade: 'Radladen' },
  { description: 'Betrieb eines Cafés mit Verkauf von Kuchen und Backwaren', wz2008: '56.10.4', trade: 'Café', food: true },
  { description: 'Unternehmensberatung für kleine und mittlere Betriebe', wz2008: '70.22.0', trade: 'Beratung' },
  { description: 'Kurier- und Expressdienste im Stadtgebiet', wz2008: '53.20.0', trade: 'Kurierdienst' },
  { description: 'Handel mit Gebrauchtwagen', wz2008: '45.11.0', trade: 'Autohandel' },
];

function gewerbePerson(p: DemoPerson, role: string, position = '') {
  if (!p.anschrift) throw new Error(`${p.kennung} hat keine Hauptwohnung.`);
  return {
    role,
    position,
    doctoralDegree: p.doktorgrad ?? '',
    familyName: p.familienname,
    givenNames: p.vornamen,
    birthName: p.fruehereNamen[0] ?? '',
    sex: p.geschlecht,
    birthDate: p.geburtsdatum,
    birthPlace: p.geburtsort ?? 'unbekannt',
    birthCountry: (p.geburtsort && BIRTH_COUNTRIES[p.geburtsort]) ?? 'Deutschland',
    nationalities: p.staatsangehoerigkeiten.length ? p.staatsangehoerigkeiten : ['deutsch'],
    address: { street: p.anschrift.strasse, houseNumber: p.anschrift.hausnummer, postalCode: p.anschrift.postleitzahl, city: p.anschrift.ort },
  };
}

function gewerbe(c: Ctx, form: GewerbeForm): Generated {
  const { rng, day } = c;
  const applicant = rng.pick(c.pool);
  const legalForm = rng.weighted([
    ['einzelunternehmen', 6],
    ['gbr', 2],
    ['gmbh', 2],
  ] as const);
  const activity = rng.pick(ACTIVITIES);
  const persons = [gewerbePerson(applicant, legalForm === 'gmbh' ? 'gesetzlicher_vertreter' : legalForm === 'gbr' ? 'gesellschafter' : 'inhaber', legalForm === 'gmbh' ? 'Geschäftsführung' : '')];
  let partner: DemoPerson | undefined;
  if (legalForm === 'gbr') {
    partner = rng.pick(c.pool.filter((p) => p !== applicant));
    persons.push(gewerbePerson(partner, 'gesellschafter'));
  }
  const business: Record<string, unknown> =
    legalForm === 'einzelunternehmen'
      ? { name: rng.chance(0.6) ? `${activity.trade} ${applicant.familienname}` : '', legalForm }
      : legalForm === 'gbr'
        ? { name: `${activity.trade} ${applicant.familienname} & ${partner!.familienname} GbR`, legalForm }
        : rng.chance(0.5) || form !== 'GewA1'
          ? { name: `${activity.trade} Emsland GmbH`, legalForm, register: { court: 'Amtsgericht Osnabrück', type: 'HRB', number: `2${rng.digits(5)}` } }
          : { name: `${activity.trade} Emsland GmbH`, legalForm, registrationPending: true };
  const home = applicant.anschrift!;
  const atHome = legalForm === 'einzelunternehmen' && rng.chance(0.5);
  const establishmentAddress = atHome
    ? { street: home.strasse, houseNumber: home.hausnummer, postalCode: home.postleitzahl, city: home.ort }
    : lingenAddress(rng, home.strasse);
  const establishment = { address: establishmentAddress, kind: 'hauptniederlassung' };
  const activityData = { description: activity.description, wz2008: activity.wz2008, sideline: legalForm === 'einzelunternehmen' && rng.chance(0.35), food: !!activity.food };
  const employees = { fullTime: legalForm === 'gmbh' ? rng.int(1, 6) : rng.int(0, 1), partTime: rng.int(0, 3) };
  const antrag: Record<string, unknown> = { form, receivedOn: day, business, persons, establishment, activity: activityData, employees };
  const formLabel = LEGAL_FORMS.find((f) => f.id === legalForm)!.label;
  const lines: Line[] = [
    ['Betrieb', `${(business.name as string) || '(ohne Geschäftsbezeichnung)'}; ${formLabel}`],
    ['Anzeigende Personen', persons.map((p) => `${p.givenNames} ${p.familyName}`).join('; ')],
    ['Betriebsstätte', `${establishmentAddress.street} ${establishmentAddress.houseNumber}, ${establishmentAddress.postalCode} ${establishmentAddress.city}`],
    ['Tätigkeit', `${activity.description} (WZ 2008: ${activity.wz2008})${activityData.sideline ? ', Nebenerwerb' : ''}`],
    ['Beschäftigte', `${employees.fullTime} Vollzeit, ${employees.partTime} Teilzeit`],
  ];
  if (form === 'GewA1') {
    const startDate = rng.chance(0.7) ? addDays(day, rng.int(0, 30)) : addDays(day, -rng.int(1, 14));
    Object.assign(antrag, { reason: 'neugruendung', startDate });
    lines.push(['Grund', 'Neugründung'], ['Beginn der Tätigkeit', germanDate(startDate)]);
  } else if (form === 'GewA2') {
    const relocation = rng.chance(0.6);
    const changeDate = addDays(day, rng.int(-10, 20));
    const changes = relocation
      ? { relocation: true, previousAddress: lingenAddress(rng, establishmentAddress.street), activityChange: 'keine', previousActivity: '' }
      : { relocation: false, previousAddress: null, activityChange: 'ausdehnung', previousActivity: activity.description.split(/ mit | und /)[0]!.trim() };
    if (!relocation && changes.previousActivity === activity.description) changes.previousActivity = `${activity.trade} (bisher ohne Erweiterung)`;
    Object.assign(antrag, { changes, changeDate });
    lines.push(
      ['Änderung', relocation ? 'Verlegung der Betriebsstätte innerhalb der Stadt' : ACTIVITY_CHANGES.find((a) => a.id === changes.activityChange)!.label],
      ['Wirksam ab', germanDate(changeDate)],
    );
    if (relocation) {
      const p = changes.previousAddress!;
      lines.push(['Bisherige Betriebsstätte', `${p.street} ${p.houseNumber}, ${p.postalCode} ${p.city}`]);
    } else {
      lines.push(['Bisherige Tätigkeit', changes.previousActivity]);
    }
  } else {
    const reason = rng.weighted([
      ['aufgabe', 6],
      ['verlegung', 2],
      ['sonstige', 1],
    ] as const);
    const endDate = addDays(day, rng.int(-14, 30));
    Object.assign(antrag, { endDate, reason });
    if (reason === 'verlegung') antrag.newAddress = { street: 'Am Markt', houseNumber: String(rng.int(1, 30)), postalCode: '49716', city: 'Meppen' };
    if (reason === 'sonstige') antrag.reasonOther = 'Umwandlung in eine Tätigkeit als Angestellte(r)';
    lines.push(['Grund', DEREGISTRATION_REASONS.find((r) => r.id === reason)!.label], ['Betriebsaufgabe zum', germanDate(endDate)]);
  }
  const extras: Generated['extras'] = [];
  if (form === 'GewA1') extras.push({ kind: 'ausweis', description: 'Personalausweis der anzeigenden Person (Foto)' });
  if (partner && form !== 'GewA3') extras.push({ kind: 'vollmacht', description: `Vollmacht von ${fullName(partner)} (Mitgesellschafter/in), Scan` });
  return { applicant, antrag, lines, feeCents: GEWERBE_FEES[form].cents, extras };
}

function briefwahl(c: Ctx): Generated {
  const { rng } = c;
  const voters = c.pool.filter((p) => p.staatsangehoerigkeiten.includes('deutsch'));
  const applicant = rng.pick(voters.length ? voters : c.pool);
  const kind = rng.weighted([
    ['home', 70],
    ['other_address', 10],
    ['pickup_in_person', 12],
    ['pickup_by_proxy', 8],
  ] as const);
  let delivery: Record<string, unknown> = { kind };
  let deliveryText: string = DELIVERY_KIND_LABELS[kind];
  const extras: Generated['extras'] = [];
  if (kind === 'other_address') {
    const address = rng.pick([
      { street: 'Strandstraße', houseNumber: String(rng.int(1, 40)), postalCode: '26571', city: 'Juist', country: 'DE' },
      { street: 'Carrer de Mallorca', houseNumber: String(rng.int(1, 200)), postalCode: '07001', city: 'Palma', country: 'ES' },
      { street: 'Seestraße', houseNumber: String(rng.int(1, 90)), postalCode: '6020', city: 'Innsbruck', country: 'AT' },
    ]);
    delivery = { kind, address };
    deliveryText += `: ${address.street} ${address.houseNumber}, ${address.postalCode} ${address.city}${address.country === 'DE' ? '' : ` (${address.country})`}`;
  } else if (kind === 'pickup_by_proxy') {
    const proxy = rng.pick(c.pool.filter((p) => p !== applicant));
    const a = proxy.anschrift!;
    delivery = {
      kind,
      proxy: {
        familyName: proxy.familienname,
        givenNames: proxy.vornamen,
        birthDate: proxy.geburtsdatum,
        address: { street: a.strasse, houseNumber: a.hausnummer, postalCode: a.postleitzahl, city: a.ort },
      },
    };
    deliveryText += `: ${fullName(proxy)}, geb. ${germanDate(proxy.geburtsdatum)}`;
    extras.push({ kind: 'vollmacht', description: 'Vollmacht für die Abholung (Scan; das Original wird bei der Abholung vorgelegt)' });
  }
  const lines: Line[] = [
    ['Wahl', c.electionId],
    ['Zustellung', deliveryText],
    ['Plötzliche Erkrankung', 'nein'],
  ];
  return { applicant, antrag: { electionId: c.electionId, delivery, suddenIllness: null }, lines, feeCents: 0, extras };
}

const GENERATORS: Record<string, (c: Ctx) => Generated> = {
  meldebescheinigung,
  personenstandsurkunde: personenstand,
  'hundesteuer-anmeldung': hundesteuerAnmeldung,
  'hundesteuer-abmeldung': hundesteuerAbmeldung,
  'gewerbe-anmeldung': (c) => gewerbe(c, 'GewA1'),
  'gewerbe-ummeldung': (c) => gewerbe(c, 'GewA2'),
  'gewerbe-abmeldung': (c) => gewerbe(c, 'GewA3'),
  briefwahl,
};

/** The services `demoApplication` knows. */
export const DEMO_SERVICE_IDS: readonly string[] = Object.keys(GENERATORS);

// ---------------------------------------------------------------------------------------------------------------
// Attachments

/** Collects a pdfkit document's bytes synchronously: pdfkit writes everything during end(). */
function pdfBytesSync(doc: PDFKit.PDFDocument): Uint8Array {
  doc.end();
  const chunks: Buffer[] = [];
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
  const bytes = Buffer.concat(chunks);
  if (bytes.subarray(-6).toString('latin1').trim() !== '%%EOF') throw new Error('PDF unvollständig.');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface Assets {
  photo: Uint8Array;
  scans: Record<'vollmacht' | 'haftpflicht', Uint8Array>;
}

const assetCache = new Map<string, Assets>();

/** A "scanned" page: the JPEG over the whole A4 page, as a scanner's PDF. */
function scanPdf(jpeg: Buffer, title: string): Uint8Array {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    info: { Title: title, Creator: 'Scan', Producer: 'Demo-Scanner', CreationDate: new Date(Date.UTC(2026, 0, 5, 9, 0)) },
  });
  doc.image(jpeg, 0, 0, { width: mm(210), height: mm(297) });
  return pdfBytesSync(doc);
}

function assets(resourcesDir: string): Assets {
  let a = assetCache.get(resourcesDir);
  if (!a) {
    const dir = path.join(resourcesDir, 'demo', 'portal');
    const read = (f: string) => fs.readFileSync(path.join(dir, f));
    const photo = read('ausweis-foto.jpg');
    a = {
      photo: new Uint8Array(photo.buffer, photo.byteOffset, photo.byteLength),
      scans: { vollmacht: scanPdf(read('vollmacht-scan.jpg'), 'Vollmacht'), haftpflicht: scanPdf(read('haftpflicht-scan.jpg'), 'Versicherungsbestätigung') },
    };
    assetCache.set(resourcesDir, a);
  }
  return a;
}

const EXTRA_FILES: Record<ExtraAttachment, { filename: string; mimeType: string }> = {
  vollmacht: { filename: 'Vollmacht.pdf', mimeType: 'application/pdf' },
  haftpflicht: { filename: 'Versicherungsbestaetigung.pdf', mimeType: 'application/pdf' },
  ausweis: { filename: 'Ausweis.jpg', mimeType: 'image/jpeg' },
};

/** The questions of each service's online form, for the blank form PDF. */
const GEWERBE_COMMON = ['Name des Betriebes (Firma)', 'Rechtsform, Registereintrag', 'Anzeigende Personen', 'Betriebsstätte', 'Tätigkeit (WZ 2008)', 'Beschäftigte'];
const FORM_QUESTIONS: Record<string, readonly string[]> = {
  meldebescheinigung: ['Art der Bescheinigung', 'Verwendungszweck', 'Weitere Angaben (erweiterte Bescheinigung)', 'Anzahl', 'Zustellung'],
  personenstandsurkunde: [
    'Urkunde',
    'Person im Eintrag',
    'Ehegatte oder Lebenspartner',
    'Datum des Ereignisses',
    'Ort des Ereignisses',
    'Registerzeichen (falls bekannt)',
    'Beziehung zur Person',
    'Rechtliches Interesse',
    'Verwendungszweck',
    'Anzahl',
  ],
  'hundesteuer-anmeldung': [
    'Anlass',
    'Beginn der Haltung',
    'Hund (Name, Rasse, Farbe, Geschlecht)',
    'Geboren',
    'Chipnummer',
    'Haftpflichtversicherung',
    'Sachkunde (§ 3 NHundG)',
    'Zentrales Register',
    'Gefährlicher Hund',
    'SEPA-Lastschrift',
  ],
  'hundesteuer-abmeldung': ['Hundesteuermarke', 'Grund', 'Ende der Haltung', 'Erläuterung', 'Neue Halterin/neuer Halter', 'Neue Anschrift'],
  'gewerbe-anmeldung': [...GEWERBE_COMMON, 'Grund der Anmeldung', 'Beginn der Tätigkeit'],
  'gewerbe-ummeldung': [...GEWERBE_COMMON, 'Änderung', 'Wirksam ab', 'Bisherige Betriebsstätte oder Tätigkeit'],
  'gewerbe-abmeldung': [...GEWERBE_COMMON, 'Grund der Abmeldung', 'Betriebsaufgabe zum'],
  briefwahl: ['Wahl', 'Zustellung', 'Plötzliche Erkrankung'],
};

interface FormContent {
  service: ServiceDefinition;
  /** Null: the blank form (questions with empty fields). */
  filled: {
    applicant: OnlineApplicant;
    lines: Line[];
    attachments: string[];
    payment: DemoPaymentInformation | undefined;
    senderReference: string;
    applicationDate: string;
  } | null;
  submittedAt: Date;
}

const PAYMENT_METHOD_LABELS: Record<DemoPaymentInformation['paymentMethod'], string> = {
  GIROPAY: 'giropay',
  PAYDIRECT: 'paydirekt',
  CREDITCARD: 'Kreditkarte',
  PAYPAL: 'PayPal',
  INVOICE: 'Rechnung',
  OTHER: 'sonstige Zahlart',
};

/** The portal's PDF of the form (purpose 'form'): filled in with the application, or the blank form of the service. */
function formPdf(resourcesDir: string, f: FormContent): Uint8Array {
  const filled = f.filled;
  const doc = createPdf({
    resourcesDir,
    title: filled ? `Online-Antrag ${f.service.shortName} ${filled.senderReference}` : `Antragsformular ${f.service.shortName}`,
    author: 'Serviceportal Emsland (OpenR@thaus, Demo)',
    subject: f.service.name,
    creationDate: f.submittedAt,
  });
  const LEFT = 20;
  const LABEL_W = 52;
  const VALUE_X = LEFT + LABEL_W + 3;
  const VALUE_W = 190 - VALUE_X;
  const body: TextStyle = { size: 9.5 };
  const small: TextStyle = { size: 7.5, color: '#555555' };
  let y = 20;
  const footer = () =>
    textAt(
      doc,
      filled ? 'Automatisch aus den Angaben des Online-Antrags erzeugt · Demo, erfundene Daten' : 'Formular des Online-Antrags; die Angaben stehen in den Fachdaten der Einreichung · Demo',
      LEFT,
      287,
      small,
    );
  const ensure = (h: number) => {
    if (y + h > 278) {
      footer();
      doc.addPage({ size: 'A4', margin: 0 });
      y = 20;
    }
  };
  textAt(doc, 'Serviceportal Emsland · OpenR@thaus (Demo)', LEFT, y, small);
  if (filled) textAt(doc, `Vorgangsnummer ${filled.senderReference}`, 190, y, { ...small, align: 'right' });
  y += 11;
  for (const line of wrapText(doc, `Antrag: ${f.service.name}`, 170, { size: 14, font: 'Bold' })) {
    textAt(doc, line, LEFT, y, { size: 14, font: 'Bold' });
    y += 6.5;
  }
  textAt(doc, filled ? `An: Stadt Lingen (Ems) · eingereicht am ${germanDate(filled.applicationDate)}` : 'An: Stadt Lingen (Ems)', LEFT, y, {
    size: 9,
    color: '#333333',
  });
  y += 10;
  const section = (title: string) => {
    ensure(14);
    textAt(doc, title, LEFT, y, { size: 11, font: 'Bold' });
    doc.save().lineWidth(0.4).strokeColor('#888888').moveTo(mm(LEFT), mm(y + 1.5)).lineTo(mm(190), mm(y + 1.5)).stroke().restore();
    y += 7;
  };
  const row = (label: string, value: string | null) => {
    const labelLines = wrapText(doc, label, LABEL_W, body);
    const valueLines = value === null ? [''] : wrapText(doc, value || '—', VALUE_W, body);
    const n = Math.max(labelLines.length, valueLines.length);
    ensure(n * 4.6 + (value === null ? 2 : 0));
    labelLines.forEach((l, i) => textAt(doc, l, LEFT, y + i * 4.6, { ...body, color: '#444444' }));
    if (value === null) {
      doc.save().lineWidth(0.3).strokeColor('#999999').moveTo(mm(VALUE_X), mm(y + 1)).lineTo(mm(190), mm(y + 1)).stroke().restore();
      y += 2;
    } else {
      valueLines.forEach((l, i) => textAt(doc, l, VALUE_X, y + i * 4.6, body));
    }
    y += n * 4.6 + 1.2;
  };
  const a = filled?.applicant;
  section('Antragstellende Person');
  row('Familienname', a ? a.familienname : null);
  row('Vornamen', a ? a.vornamen : null);
  row('Geburtsdatum', a ? germanDate(a.geburtsdatum) : null);
  row('Anschrift', a ? `${a.anschrift.strasse} ${a.anschrift.hausnummer}, ${a.anschrift.postleitzahl} ${a.anschrift.ort}` : null);
  row('E-Mail', a ? (a.email ?? '') : null);
  if (!a || a.telefon) row('Telefon', a?.telefon ?? null);
  y += 3;
  section('Angaben zum Antrag');
  if (filled) for (const [label, value] of filled.lines) row(label, value);
  else for (const q of FORM_QUESTIONS[f.service.id] ?? []) row(q, null);
  y += 3;
  section('Anlagen');
  row('Hochgeladen', filled ? (filled.attachments.length ? filled.attachments.join('; ') : 'keine') : null);
  y += 3;
  section('Bezahlung');
  const p = filled?.payment;
  row(
    'Gebühr',
    filled
      ? p
        ? `${euro(Math.round(p.grossAmount * 100))}, bezahlt per ${PAYMENT_METHOD_LABELS[p.paymentMethod]}${p.paymentMethodDetail ? ` (${p.paymentMethodDetail})` : ''}, Kassenzeichen ${p.transactionReference}`
        : 'gebührenfrei'
      : null,
  );
  y += 3;
  section('Erklärung');
  row('Richtigkeit', 'Ich versichere, dass meine Angaben richtig und vollständig sind.');
  row('Identifizierung', 'Servicekonto Emsland (Benutzername und Passwort)');
  footer();
  return pdfBytesSync(doc);
}

const blankForms = new Map<string, Uint8Array>();

/** The blank form of a service, made once per resources folder. */
function blankFormPdf(resourcesDir: string, service: ServiceDefinition): Uint8Array {
  const key = `${resourcesDir}\u0000${service.id}`;
  let pdf = blankForms.get(key);
  if (!pdf) {
    pdf = formPdf(resourcesDir, { service, filled: null, submittedAt: new Date(Date.UTC(2026, 0, 5, 9, 0)) });
    blankForms.set(key, pdf);
  }
  return pdf;
}

function base64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

// ---------------------------------------------------------------------------------------------------------------
// The application

/**
 * A demo application for the service, number `seq` (any integer; the same arguments give the same application).
 * `people` come from `loadDemoPeople`; applicants are living adults with a Hauptwohnung in Lingen (Ems).
 * Throws for a service without a generator or when `people` hold nobody who can apply.
 */
export function demoApplication(serviceId: string, seq: number, people: readonly DemoPerson[], options: DemoOptions = {}): DemoApplication {
  const service = findService(serviceId);
  const generate = GENERATORS[serviceId];
  if (!service || !generate) throw new Error(`Für die Leistung „${serviceId}“ gibt es keine Demo-Anträge.`);
  const resourcesDir = options.resourcesDir ?? peopleDirs.get(people);
  if (!resourcesDir) throw new Error('demoApplication: resourcesDir fehlt (people nicht mit loadDemoPeople geladen).');
  const day = options.applicationDate ?? DEMO_APPLICATION_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || parseDateInput(day) !== day) throw new Error(`Ungültiges Antragsdatum: ${day}`);
  const pool = applicants(people, day);
  if (pool.length < 2) throw new Error('Die Demodaten enthalten zu wenige Personen, die online Anträge stellen können.');

  const rng = new SeededRandom(`${serviceId}#${seq}`);
  const g = generate({ rng, people, pool, day, electionId: options.electionId ?? DEMO_ELECTION_ID, service });
  const antragsteller = applicantOf(g.applicant, rng);
  const email = antragsteller.email!;
  const minutes = rng.int(7 * 60, 22 * 60);
  const submittedAt = new Date(`${day}T00:00:00Z`);
  submittedAt.setUTCMinutes(minutes - 60); // Europe/Berlin (CET) wall time → UTC; the demo ignores summer time
  const senderReference = `ORA-LIN-${day.replace(/-/g, '')}-${String(Math.abs(seq) % 1_000_000).padStart(6, '0')}`;

  let paymentInformation: DemoPaymentInformation | undefined;
  if (g.feeCents > 0) {
    const method = rng.weighted([
      ['CREDITCARD', 4],
      ['PAYPAL', 4],
      ['PAYDIRECT', 2],
    ] as const);
    paymentInformation = {
      transactionReference: `5.${rng.digits(4)}.${rng.digits(6)}`,
      transactionId: `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`,
      transactionTimestamp: new Date(submittedAt.getTime() - 60_000).toISOString(),
      paymentMethod: method,
      ...(method === 'CREDITCARD' ? { paymentMethodDetail: rng.pick(['Visa', 'Mastercard']) } : {}),
      status: 'BOOKED',
      grossAmount: g.feeCents / 100,
    };
  }

  const extras = g.extras.map((e) => ({ ...EXTRA_FILES[e.kind], kind: e.kind, description: e.description }));
  const bytes = assets(resourcesDir);
  const form = options.personalForm
    ? formPdf(resourcesDir, {
        service,
        filled: {
          applicant: antragsteller,
          lines: g.lines,
          attachments: extras.map((e) => `${e.filename} (${e.description})`),
          payment: paymentInformation,
          senderReference,
          applicationDate: day,
        },
        submittedAt,
      })
    : blankFormPdf(resourcesDir, service);
  const attachments: DemoAttachment[] = [
    { filename: `Antrag_${service.id}_${senderReference}.pdf`, mimeType: 'application/pdf', purpose: 'form', description: `Antragsformular ${service.shortName}`, bytes: form },
    ...extras.map((e) => ({
      filename: e.filename,
      mimeType: e.mimeType,
      purpose: 'attachment' as const,
      description: e.description,
      bytes: e.kind === 'ausweis' ? bytes.photo : bytes.scans[e.kind],
    })),
  ];

  const report = {
    type: 'identificationReport',
    issuer: 'Servicekonto Emsland (Demo)',
    method: 'Benutzername und Passwort',
    trustLevel: 'niedrig',
    authenticatedAt: new Date(submittedAt.getTime() - 15 * 60_000).toISOString(),
    subject: {
      familienname: antragsteller.familienname,
      vornamen: antragsteller.vornamen,
      geburtsdatum: antragsteller.geburtsdatum,
      anschrift: antragsteller.anschrift,
      email,
    },
  };

  return {
    data: { antragsteller, antrag: g.antrag },
    attachments,
    ...(paymentInformation ? { paymentInformation } : {}),
    authenticationInformation: [{ type: 'identificationReport', version: '1.0.0', content: base64url(JSON.stringify(report)) }],
    replyChannel: { eMail: { address: email } },
    additionalReferenceInfo: { senderReference, applicationDate: day },
  };
}
