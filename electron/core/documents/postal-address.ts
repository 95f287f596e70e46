/**
 * The ONE formatter of postal addresses. Cover letters, envelopes and the Postausgangsbuch take their recipient
 * lines from here; nothing else builds address lines by hand.
 *
 * Rules (DIN 5008:2020 "Anschriftfeld", Deutsche Post "Richtig adressieren", ../shared/DOMAIN.md):
 * - Order: [Anrede] → [Firma/Behörde] → [Dr.] Vornamen [Namenszusatz] Familienname → "bei …" → Adresszusatz →
 *   Straße Hausnummer | Postfach → PLZ Ort → [LAND]. At most 6 lines, no blank line. Vermerke ("Einschreiben
 *   Einwurf", "Amtliche Wahlunterlagen") are not address lines: they go to `notes` for the Zusatz- und Vermerkzone.
 * - Anrede: "Frau" / "Herrn" on its own line above the name, the academic degree at the head of the name line
 *   ("Frau" / "Dr. Erika Mustermann"). DIN 5008:2020 allows both this and "Frau Dr. Erika Mustermann" on one
 *   line; the own line is the form drawAddressField and its tests already use, and keeps the name line short. The
 *   caller decides the Anrede (null = none, e.g. for "divers", unknown, or where the Geschlecht must not be
 *   disclosed); it is never derived from the sex here. Below a Firma/Behörde the Anrede joins the name line
 *   ("Muster GmbH" / "Frau Erika Muster"), as in DIN 5008's examples.
 * - "c/o", "bei", "p. A." in the care-of field all print as "bei …".
 * - Germany: "PLZ Ort" exactly as the town is written, no "D-", no country line. Abroad: town (and region, and
 *   the postcode where it contains letters) in CAPITALS, the country in German in CAPITALS on the last line;
 *   old country prefixes ("A-1010", "CH-8001") are removed; postcodes get their national shape (NL "1234 AB",
 *   PL "00-950", GB "SW1A 1AA" on its own line below the town, US "CITY ST 12345", …); house number first in
 *   FR, GB, IE, US, CA, AU, NZ, LU. Capitals follow the destination's language (Turkish "İ" for TR).
 * - Names are printed as written (DIN 91379: Weiß stays Weiß, GROẞE stays GROẞE); characters outside
 *   DIN 91379 are refused with a message.
 *
 * Line length: every line must fit the address field's text width (79 mm: the 85 mm field less the 5 mm inset
 * and 1 mm right margin of drawAddressField) at the minimum size (8 pt in letters; envelopes ask for 10 pt),
 * measured with the embedded DejaVu Sans. The letter prints all lines at the largest size ≤ 10 pt at which they
 * fit (`sizePt`). Where a line does not fit at the minimum size, or there are more than 6 lines, the rules
 * below apply in this order — each one that is applied is reported in `shortened`, nothing is ever cut off:
 *   Namenszeile:  1. nur der gebräuchliche Vorname (where one is stored);
 *                 2. without one: further Vornamen as initials ("Anna M. L."), 3. only the first Vorname,
 *                 4. the remaining Vorname as its initial ("K.", "H.-P.").
 *   Straße:       5. "Straße"/"Strasse" → "Str." ("Burgstraße" → "Burgstr.").
 *   Firma:        split at the space giving the most even two lines (not a shortening, not reported).
 *   Zeilenzahl:   6. Anrede joins the name line ("Frau Dr. Erika Mustermann"), 7. else the Anrede line is dropped.
 * Still too long or too many lines: AddressFormatError with a German message; the clerk corrects the address.
 *
 * Auskunftssperre (§ 51 BMG): the formatter prints the address all the same — a letter to the protected person
 * must reach that person, and the envelope shows nothing a postman does not need. What the block protects is the
 * address from third parties; choosing the delivery address (e.g. sending to the applicant with Vollmacht, never
 * revealing the protected person's address to someone else) is the case logic's job, made before calling this.
 * The formatter marks its result `confidential` so that lists leave the place out: the Postausgangsbuch prints
 * "Auskunftssperre" instead of PLZ Ort. Nothing in the address field or on the envelope mentions the block.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { describeCharacters, invalidDin91379Characters, type Din91379DataType } from '../../../shared/domain/names';
import type { Address, Resident } from '../../../shared/domain/types';
import { findResourcesDir } from '../config';
import { ADDRESS_FIELD_SIZE, ADDRESS_TEXT_INSET, RECIPIENT_FONT_PT, RECIPIENT_MAX_LINES, RECIPIENT_MIN_FONT_PT, VERMERK_MAX_LINES } from './din5008';
import { fontPath, ptToMm, textWidthMm, type FontName } from './pdf';

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

export type Salutation = 'Frau' | 'Herrn';

export interface PostalAddressInput {
  /** "Frau" / "Herrn", or null for none. Chosen by the caller (never derived from the sex here). */
  salutation?: Salutation | null;
  /** Academic degree(s) before the name as written: "Dr.", "Prof. Dr.", "Dr. med.". */
  title?: string | null;
  /** All given names as registered ("Łukasz Ödön"). */
  givenNames?: string | null;
  /** The gebräuchliche Vorname, used when the name line is too long. */
  callName?: string | null;
  /** Name parts between given names and family name where stored apart: "Freiherr von", "van der". */
  namePrefix?: string | null;
  familyName?: string | null;
  /** After the family name: "jun.", "sen.". */
  nameSuffix?: string | null;
  /** Company, authority or organisation; a person named as well is its Ansprechpartner. */
  organisation?: string | null;
  /** Care-of: "c/o Müller", "bei Müller", "Müller" all print "bei Müller". */
  careOf?: string | null;
  /** Delivery detail above the street: "Hinterhaus", "Wohnung 12", "App. 3". */
  addressSupplement?: string | null;
  street?: string | null;
  houseNumber?: string | null;
  /** Postfach number instead of street and house number (German digits are grouped in pairs: "12 34 56"). */
  postOfficeBox?: string | null;
  postalCode?: string | null;
  city: string;
  /** State or province where the country needs it (US "NY", CA "ON", AU "NSW", IT "RM"). */
  region?: string | null;
  /** ISO 3166-1 alpha-2; 'DE' when absent. */
  country?: string | null;
  /** Lines for the Zusatz- und Vermerkzone ("Einschreiben Einwurf", "Amtliche Wahlunterlagen"). */
  notes?: readonly string[];
  /** Auskunftssperre: the result is marked confidential (see the module comment); the address is still printed. */
  auskunftssperre?: boolean;
}

/** Measures a string in millimetres. */
export type TextMeasure = (text: string, sizePt: number, font?: FontName) => number;

export interface PostalAddressOptions {
  /** Text width of a line in mm; default the DIN 5008 address field's (79 mm). */
  widthMm?: number;
  /** Preferred size (default 10 pt) and the minimum size every line must fit at (default 8 pt). */
  sizePt?: number;
  minSizePt?: number;
  /** Default 6. */
  maxLines?: number;
  /**
   * The Zusatz- und Vermerkzone has 5 lines; with a return line (the default) 4 are left for notes. Pass false for
   * 5 notes where no return line is printed.
   */
  withReturnLine?: boolean;
  /** Minimum size a Vermerk must fit at within widthMm (default 6 pt, as drawAddressField shrinks them). */
  noteMinSizePt?: number;
  /** Font metric; default the embedded DejaVu Sans from the resources folder. */
  measure?: TextMeasure;
}

export type AddressField =
  | 'salutation'
  | 'title'
  | 'givenNames'
  | 'callName'
  | 'namePrefix'
  | 'familyName'
  | 'nameSuffix'
  | 'organisation'
  | 'careOf'
  | 'addressSupplement'
  | 'street'
  | 'houseNumber'
  | 'postOfficeBox'
  | 'postalCode'
  | 'city'
  | 'region'
  | 'country'
  | 'notes'
  | 'lines';

export interface Shortening {
  field: AddressField;
  /** The rule in German, for the clerk ("nur der gebräuchliche Vorname"). */
  rule: string;
  from: string;
  to: string;
}

export interface PostalAddress {
  /** Recipient lines, top-down, at most 6, none blank. */
  lines: string[];
  /** Zusatz- und Vermerkzone lines (printed bottom-up above the recipient). */
  notes: string[];
  /** Every shortening applied, in order. Empty when the address prints as entered. */
  shortened: Shortening[];
  /** Largest size between minSizePt and sizePt (0.25 pt steps) at which every line fits. */
  sizePt: number;
  /** ISO code of the destination. */
  country: string;
  domestic: boolean;
  /** Auskunftssperre: lists and logs leave the place out. */
  confidential: boolean;
}

export class AddressFormatError extends Error {
  override name = 'AddressFormatError';
  constructor(
    message: string,
    readonly field: AddressField | null = null,
  ) {
    super(message);
  }
}

/** Text width of an address line in the DIN 5008 field (as drawAddressField uses it): 85 − 5 − 1 = 79 mm. */
export const ADDRESS_LINE_WIDTH_MM = ADDRESS_FIELD_SIZE.width - ADDRESS_TEXT_INSET - 1;

// ---------------------------------------------------------------------------------------------------------------
// Countries
// ---------------------------------------------------------------------------------------------------------------

/** German names of destinations (short forms of the Auswärtiges Amt's list of state names). */
export const COUNTRY_NAMES_DE: Readonly<Record<string, string>> = {
  DE: 'Deutschland',
  // EU
  AT: 'Österreich',
  BE: 'Belgien',
  BG: 'Bulgarien',
  CY: 'Zypern',
  CZ: 'Tschechien',
  DK: 'Dänemark',
  EE: 'Estland',
  ES: 'Spanien',
  FI: 'Finnland',
  FR: 'Frankreich',
  GR: 'Griechenland',
  HR: 'Kroatien',
  HU: 'Ungarn',
  IE: 'Irland',
  IT: 'Italien',
  LT: 'Litauen',
  LU: 'Luxemburg',
  LV: 'Lettland',
  MT: 'Malta',
  NL: 'Niederlande',
  PL: 'Polen',
  PT: 'Portugal',
  RO: 'Rumänien',
  SE: 'Schweden',
  SI: 'Slowenien',
  SK: 'Slowakei',
  // Rest of Europe
  AD: 'Andorra',
  AL: 'Albanien',
  BA: 'Bosnien und Herzegowina',
  BY: 'Belarus',
  CH: 'Schweiz',
  GB: 'Vereinigtes Königreich',
  IS: 'Island',
  LI: 'Liechtenstein',
  MC: 'Monaco',
  MD: 'Moldau',
  ME: 'Montenegro',
  MK: 'Nordmazedonien',
  NO: 'Norwegen',
  RS: 'Serbien',
  RU: 'Russland',
  SM: 'San Marino',
  TR: 'Türkei',
  UA: 'Ukraine',
  VA: 'Vatikanstadt',
  XK: 'Kosovo',
  // Further
  AF: 'Afghanistan',
  AM: 'Armenien',
  AR: 'Argentinien',
  AU: 'Australien',
  AZ: 'Aserbaidschan',
  BR: 'Brasilien',
  CA: 'Kanada',
  CN: 'China',
  DZ: 'Algerien',
  EG: 'Ägypten',
  ER: 'Eritrea',
  ET: 'Äthiopien',
  GE: 'Georgien',
  ID: 'Indonesien',
  IL: 'Israel',
  IN: 'Indien',
  IQ: 'Irak',
  IR: 'Iran',
  JP: 'Japan',
  KR: 'Republik Korea',
  KZ: 'Kasachstan',
  LB: 'Libanon',
  MA: 'Marokko',
  MX: 'Mexiko',
  NG: 'Nigeria',
  NZ: 'Neuseeland',
  PH: 'Philippinen',
  PK: 'Pakistan',
  SO: 'Somalia',
  SY: 'Syrien',
  TH: 'Thailand',
  TN: 'Tunesien',
  US: 'Vereinigte Staaten',
  VN: 'Vietnam',
  ZA: 'Südafrika',
};

/** Countries that write the house number before the street. */
const NUMBER_FIRST = new Set(['FR', 'GB', 'IE', 'US', 'CA', 'AU', 'NZ', 'LU', 'MC']);
/** The postcode on its own line below the town (Royal Mail, An Post). */
const POSTCODE_OWN_LINE = new Set(['GB', 'IE']);
/** "TOWN REGION POSTCODE". */
const TOWN_REGION_POSTCODE = new Set(['US', 'CA', 'AU']);
/** Countries whose official postcode carries a letter prefix ("L-1234", "LV-1050"); elsewhere it is removed. */
const KEEP_PREFIX = new Set(['LU', 'LV', 'LT', 'MD']);
/** Word for Postfach in the destination's usage. */
const PO_BOX_WORD: Readonly<Record<string, string>> = {
  DE: 'Postfach',
  AT: 'Postfach',
  CH: 'Postfach',
  LI: 'Postfach',
  NL: 'Postbus',
  BE: 'Postbus',
  FR: 'BP',
  LU: 'BP',
  PL: 'Skrytka pocztowa',
  IT: 'Casella postale',
  ES: 'Apartado',
};
/** Capitals in the destination's language (Turkish and Azerbaijani dotted İ). */
const UPPER_LOCALE: Readonly<Record<string, string>> = { TR: 'tr', AZ: 'az' };

function upper(s: string, country: string): string {
  return s.toLocaleUpperCase(UPPER_LOCALE[country] ?? 'de-DE');
}

/** The national shape of a foreign postcode; anything unknown stays as entered (upper-cased). */
function foreignPostcode(raw: string, country: string): string {
  let pc = raw.toUpperCase().replace(/\s+/g, ' ').trim();
  if (!KEEP_PREFIX.has(country)) pc = pc.replace(/^[A-Z]{1,3}-(?=\d)/, '');
  const compact = pc.replace(/[\s-]/g, '');
  switch (country) {
    case 'NL': {
      const m = /^(\d{4})([A-Z]{2})$/.exec(compact);
      return m ? `${m[1]} ${m[2]}` : pc;
    }
    case 'PL': {
      const m = /^(\d{2})(\d{3})$/.exec(compact);
      return m ? `${m[1]}-${m[2]}` : pc;
    }
    case 'PT': {
      const m = /^(\d{4})(\d{3})$/.exec(compact);
      return m ? `${m[1]}-${m[2]}` : pc;
    }
    case 'CZ':
    case 'SK':
    case 'SE':
    case 'GR': {
      const m = /^(\d{3})(\d{2})$/.exec(compact);
      return m ? `${m[1]} ${m[2]}` : pc;
    }
    case 'GB':
    case 'CA': {
      const m = /^([A-Z0-9]{2,4})([0-9][A-Z]{2}|[0-9][A-Z][0-9])$/.exec(compact);
      return m ? `${m[1]} ${m[2]}` : pc;
    }
    case 'IE': {
      const m = /^([A-Z0-9]{3})([A-Z0-9]{4})$/.exec(compact);
      return m ? `${m[1]} ${m[2]}` : pc;
    }
    default:
      return pc;
  }
}

/** "123456" → "12 34 56" (DIN 5008: Postfach numbers in pairs from the right); other text unchanged. */
function germanPoBox(n: string): string {
  const digits = n.replace(/\s+/g, '');
  if (!/^\d+$/.test(digits)) return n;
  const pairs: string[] = [];
  for (let end = digits.length; end > 0; end -= 2) pairs.unshift(digits.slice(Math.max(0, end - 2), end));
  return pairs.join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Font metric
// ---------------------------------------------------------------------------------------------------------------

const measureFonts = new Map<string, fontkit.Font>();

function loadMeasureFont(file: string): fontkit.Font {
  let f = measureFonts.get(file);
  if (!f) {
    if (!fs.existsSync(file)) throw new Error(`Schriftart fehlt: ${file} (resources/fonts wird mit der Anwendung ausgeliefert).`);
    f = fontkit.create(fs.readFileSync(file)) as fontkit.Font;
    measureFonts.set(file, f);
  }
  return f;
}

/**
 * Measures with the embedded fonts of the resources folder, as pdfkit does (fontkit layout with its default
 * features, advance widths summed): the same figure as textWidthMm in a document. A separate parsed copy, so that
 * measuring never touches the glyph cache of the fonts that documents embed.
 */
export function fontMeasure(resourcesDir: string): TextMeasure {
  return (text, sizePt, font = 'Regular') => {
    const f = loadMeasureFont(fontPath(resourcesDir, font));
    return ptToMm((f.layout(text).advanceWidth / f.unitsPerEm) * sizePt);
  };
}

/** Measures in an open pdfkit document (changes its current font and size, as every text helper does). */
export function docMeasure(doc: PDFKit.PDFDocument): TextMeasure {
  return (text, sizePt, font = 'Regular') => textWidthMm(doc, text, { font, size: sizePt });
}

let defaultMeasureCache: TextMeasure | null = null;

function defaultMeasure(): TextMeasure {
  if (!defaultMeasureCache) {
    const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
    defaultMeasureCache = fontMeasure(findResourcesDir(here));
  }
  return defaultMeasureCache;
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------------------

const FIELD_LABELS: Record<AddressField, string> = {
  salutation: 'Anrede',
  title: 'Akademischer Grad',
  givenNames: 'Vornamen',
  callName: 'Gebräuchlicher Vorname',
  namePrefix: 'Namensbestandteil',
  familyName: 'Familienname',
  nameSuffix: 'Namenszusatz',
  organisation: 'Firma/Behörde',
  careOf: 'bei (c/o)',
  addressSupplement: 'Adresszusatz',
  street: 'Straße',
  houseNumber: 'Hausnummer',
  postOfficeBox: 'Postfach',
  postalCode: 'Postleitzahl',
  city: 'Ort',
  region: 'Region/Bundesstaat',
  country: 'Land',
  notes: 'Vermerk',
  lines: 'Anschrift',
};

const NAME_FIELDS: AddressField[] = ['title', 'givenNames', 'callName', 'namePrefix', 'familyName', 'nameSuffix'];
const TEXT_FIELDS: AddressField[] = [
  'organisation',
  'careOf',
  'addressSupplement',
  'street',
  'houseNumber',
  'postOfficeBox',
  'postalCode',
  'city',
  'region',
];

function clean(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

function checkCharacters(field: AddressField, value: string, type: Din91379DataType): void {
  if (!value) return;
  const bad = invalidDin91379Characters(value, type);
  if (bad.length) {
    throw new AddressFormatError(
      `${FIELD_LABELS[field]} „${value}“ enthält Zeichen außerhalb von DIN 91379: ${describeCharacters(bad)}.`,
      field,
    );
  }
}

function graphemes(s: string): string[] {
  return Array.from(new Intl.Segmenter('de', { granularity: 'grapheme' }).segment(s), (g) => g.segment);
}

/** "Konstantin" → "K.", "Hans-Peter" → "H.-P.", "M." stays. */
function initial(name: string): string {
  if (/^\p{L}\p{M}*\.$/u.test(name)) return name;
  return name
    .split('-')
    .map((part) => (part ? `${graphemes(part)[0]}.` : part))
    .join('-');
}

/** "Straße" → "Str.", "Burgstraße" → "Burgstr.", "Strasse" → "Str." (whole words only: "Straßenbahnweg" stays). */
function abbreviateStreet(street: string): string {
  return street.replace(/([Ss])tra(?:ß|ss)e(?![\p{L}\p{M}])/gu, '$1tr.');
}

/** "c/o Müller", "C/O Müller", "bei Müller", "p. A. Müller", "per Adresse Müller" → "Müller". */
function stripCareOf(s: string): string {
  return s.replace(/^(?:c\s*\/\s*o|bei|p\.\s*a\.|per\s+adresse)\s*[:.]?\s+/iu, '').trim();
}

type GivenMode = 'all' | 'call' | 'initials' | 'first' | 'initial';

const GIVEN_RULES: Record<Exclude<GivenMode, 'all'>, string> = {
  call: 'nur der gebräuchliche Vorname',
  initials: 'weitere Vornamen als Initialen',
  first: 'nur der erste Vorname',
  initial: 'Vorname als Initiale',
};

interface Parts {
  salutation: Salutation | null;
  title: string;
  given: string[];
  callName: string;
  namePrefix: string;
  familyName: string;
  nameSuffix: string;
  organisation: string;
  careOf: string;
  supplement: string;
  streetLine: string;
  streetLineShort: string;
  cityLines: string[];
  countryLine: string;
}

interface State {
  given: GivenMode;
  streetShort: boolean;
  salutation: 'line' | 'merged' | 'dropped';
  organisationSplit: [string, string] | null;
}

function givenText(p: Parts, mode: GivenMode): string {
  const [first = '', ...rest] = p.given;
  switch (mode) {
    case 'all':
      return p.given.join(' ');
    case 'call':
      return p.callName;
    case 'initials':
      return [first, ...rest.map(initial)].join(' ');
    case 'first':
      return first;
    case 'initial':
      return initial(p.callName && p.callName !== p.given.join(' ') ? p.callName : first);
  }
}

function nameLine(p: Parts, s: State): string {
  if (!p.familyName) return '';
  return [p.title, givenText(p, s.given), p.namePrefix, p.familyName, p.nameSuffix].filter((x) => x).join(' ');
}

interface Line {
  text: string;
  field: AddressField;
}

function buildLines(p: Parts, s: State): Line[] {
  const out: Line[] = [];
  const name = nameLine(p, s);
  if (p.salutation && s.salutation === 'line') out.push({ text: p.salutation, field: 'salutation' });
  if (p.organisation) {
    if (s.organisationSplit) {
      out.push({ text: s.organisationSplit[0], field: 'organisation' });
      out.push({ text: s.organisationSplit[1], field: 'organisation' });
    } else out.push({ text: p.organisation, field: 'organisation' });
  }
  if (name) {
    const merged = p.salutation && s.salutation === 'merged' ? `${p.salutation} ${name}` : name;
    out.push({ text: merged, field: 'familyName' });
  }
  if (p.careOf) out.push({ text: `bei ${p.careOf}`, field: 'careOf' });
  if (p.supplement) out.push({ text: p.supplement, field: 'addressSupplement' });
  if (p.streetLine) out.push({ text: s.streetShort ? p.streetLineShort : p.streetLine, field: 'street' });
  for (const c of p.cityLines) out.push({ text: c, field: 'city' });
  if (p.countryLine) out.push({ text: p.countryLine, field: 'country' });
  return out;
}

function parts(input: PostalAddressInput): { parts: Parts; country: string } {
  const country = clean(input.country).toUpperCase() || 'DE';
  if (!/^[A-Z]{2}$/.test(country) || !COUNTRY_NAMES_DE[country]) {
    throw new AddressFormatError(
      `Für den Ländercode „${clean(input.country)}“ ist kein Ländername hinterlegt (ISO 3166-1, zwei Buchstaben, z. B. AT).`,
      'country',
    );
  }
  const domestic = country === 'DE';
  const v: Record<AddressField, string> = {
    salutation: clean(input.salutation),
    title: clean(input.title),
    givenNames: clean(input.givenNames),
    callName: clean(input.callName),
    namePrefix: clean(input.namePrefix),
    familyName: clean(input.familyName),
    nameSuffix: clean(input.nameSuffix),
    organisation: clean(input.organisation),
    careOf: stripCareOf(clean(input.careOf)),
    addressSupplement: clean(input.addressSupplement),
    street: clean(input.street),
    houseNumber: clean(input.houseNumber),
    postOfficeBox: clean(input.postOfficeBox).replace(/^(?:postfach|pf\.?|po box|p\.o\. box|postbus|bp)\s*/i, ''),
    postalCode: clean(input.postalCode),
    city: clean(input.city),
    region: clean(input.region),
    country,
    notes: '',
    lines: '',
  };
  for (const f of NAME_FIELDS) checkCharacters(f, v[f], 'A');
  for (const f of TEXT_FIELDS) checkCharacters(f, v[f], 'B');

  if (input.salutation && input.salutation !== 'Frau' && input.salutation !== 'Herrn') {
    throw new AddressFormatError(`Anrede „${input.salutation}“ ist nicht vorgesehen (Frau, Herrn oder keine).`, 'salutation');
  }
  if (!v.familyName && !v.organisation) {
    throw new AddressFormatError('Die Anschrift braucht einen Familiennamen oder eine Firma/Behörde.', 'familyName');
  }
  if (!v.familyName && (v.salutation || v.title || v.givenNames)) {
    throw new AddressFormatError('Anrede, akademischer Grad oder Vornamen ohne Familienname.', 'familyName');
  }
  if (!v.city) throw new AddressFormatError('Der Ort fehlt.', 'city');
  if (v.street && v.postOfficeBox) {
    throw new AddressFormatError(
      'Bitte entweder Straße und Hausnummer oder ein Postfach angeben, nicht beides (die Postleitzahl gehört zu einem von beiden).',
      'postOfficeBox',
    );
  }
  if (!v.street && !v.postOfficeBox && !v.organisation) {
    throw new AddressFormatError('Straße und Hausnummer oder Postfach fehlen.', 'street');
  }
  if (v.houseNumber && !v.street) {
    throw new AddressFormatError('Hausnummer ohne Straße.', 'houseNumber');
  }

  let cityLines: string[];
  if (domestic) {
    const pc = v.postalCode.replace(/^(?:D|DE)\s*-\s*/i, '');
    if (!/^\d{5}$/.test(pc)) {
      throw new AddressFormatError(
        `Die Postleitzahl „${v.postalCode}“ ist keine fünfstellige deutsche Postleitzahl.`,
        'postalCode',
      );
    }
    if (v.region) {
      throw new AddressFormatError('Anschriften in Deutschland haben keine Region/Bundesland-Zeile.', 'region');
    }
    cityLines = [`${pc} ${v.city}`];
  } else {
    const pc = v.postalCode ? foreignPostcode(v.postalCode, country) : '';
    const town = upper(v.city, country);
    const region = v.region ? upper(v.region, country) : '';
    if (POSTCODE_OWN_LINE.has(country)) {
      cityLines = [[town, region].filter((x) => x).join(' ')];
      if (pc) cityLines.push(pc);
    } else if (TOWN_REGION_POSTCODE.has(country)) {
      cityLines = [[town, region, pc].filter((x) => x).join(' ')];
    } else {
      cityLines = [[pc, town, region].filter((x) => x).join(' ')];
    }
  }

  let streetLine = '';
  if (v.street) {
    streetLine = NUMBER_FIRST.has(country)
      ? [v.houseNumber, v.street].filter((x) => x).join(' ')
      : [v.street, v.houseNumber].filter((x) => x).join(' ');
  } else if (v.postOfficeBox) {
    const word = PO_BOX_WORD[country] ?? 'PO Box';
    streetLine = `${word} ${domestic ? germanPoBox(v.postOfficeBox) : v.postOfficeBox}`;
  }

  const given = v.givenNames ? v.givenNames.split(' ') : [];
  return {
    country,
    parts: {
      salutation: (v.salutation || null) as Salutation | null,
      title: v.title,
      given,
      callName: v.callName,
      namePrefix: v.namePrefix,
      familyName: v.familyName,
      nameSuffix: v.nameSuffix,
      organisation: v.organisation,
      careOf: v.careOf,
      supplement: v.addressSupplement,
      streetLine,
      streetLineShort: abbreviateStreet(streetLine),
      cityLines,
      countryLine: domestic ? '' : upper(COUNTRY_NAMES_DE[country]!, 'DE'),
    },
  };
}

/** The next given-name modes to try, in order, from the current one. */
function givenSteps(p: Parts): Exclude<GivenMode, 'all'>[] {
  const all = p.given.join(' ');
  const steps: Exclude<GivenMode, 'all'>[] = [];
  if (p.given.length && p.callName && p.callName !== all) steps.push('call');
  else if (p.given.length > 1) steps.push('initials', 'first');
  const last = steps.length ? steps[steps.length - 1]! : 'all';
  const remaining = givenText(p, last);
  if (remaining && initial(remaining) !== remaining) steps.push('initial');
  return steps;
}

/** Splits text at the space that gives the most even pair of lines that both fit; null when impossible. */
function splitTwo(text: string, fits: (s: string) => boolean, width: (s: string) => number): [string, string] | null {
  const words = text.split(' ');
  let best: [string, string] | null = null;
  let bestWidth = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    const w = Math.max(width(a), width(b));
    if (fits(a) && fits(b) && w < bestWidth) {
      best = [a, b];
      bestWidth = w;
    }
  }
  return best;
}

/**
 * Formats a postal address by the rules of the module comment. Throws AddressFormatError (German message) when the
 * input is incomplete, contains characters outside DIN 91379, or cannot be made to fit without cutting.
 */
export function formatPostalAddress(input: PostalAddressInput, options: PostalAddressOptions = {}): PostalAddress {
  const measure = options.measure ?? defaultMeasure();
  const widthMm = options.widthMm ?? ADDRESS_LINE_WIDTH_MM;
  const prefSize = options.sizePt ?? RECIPIENT_FONT_PT;
  const minSize = Math.min(prefSize, options.minSizePt ?? RECIPIENT_MIN_FONT_PT);
  const maxLines = options.maxLines ?? RECIPIENT_MAX_LINES;
  const maxNotes = VERMERK_MAX_LINES - (options.withReturnLine === false ? 0 : 1);
  const noteMin = options.noteMinSizePt ?? 6;
  const fitsAt = (s: string, size: number): boolean => measure(s, size) <= widthMm + 1e-6;
  const fits = (s: string): boolean => fitsAt(s, minSize);

  // --- Notes (Zusatz- und Vermerkzone).
  const notes = (input.notes ?? []).map((n) => clean(n)).filter((n) => n.length > 0);
  if (notes.length > maxNotes) {
    throw new AddressFormatError(
      `Höchstens ${maxNotes} Vermerke passen in die Zusatz- und Vermerkzone${
        options.withReturnLine === false ? '' : ' (neben der Rücksendeangabe)'
      }; angegeben sind ${notes.length}.`,
      'notes',
    );
  }
  for (const n of notes) {
    if (!fitsAt(n, noteMin)) {
      throw new AddressFormatError(`Der Vermerk „${n}“ ist zu lang für eine Zeile der Vermerkzone.`, 'notes');
    }
  }

  const { parts: p, country } = parts(input);
  const shortened: Shortening[] = [];
  const state: State = {
    given: 'all',
    streetShort: false,
    salutation: p.organisation ? 'merged' : 'line',
    organisationSplit: null,
  };
  const tooLong = (line: Line): AddressFormatError =>
    new AddressFormatError(
      `Die Zeile „${line.text}“ (${FIELD_LABELS[line.field]}) passt auch nach den Kürzungsregeln nicht in das ` +
        `Anschriftfeld (höchstens ${fmt(widthMm)} mm bei ${fmt(minSize)} pt). Bitte eine kürzere Versandanschrift erfassen.`,
      line.field,
    );

  // --- Width: the name line.
  if (p.familyName) {
    if (p.salutation && state.salutation === 'merged' && !fits(`${p.salutation} ${nameLine(p, state)}`)) {
      state.salutation = 'line'; // below a Firma: back on its own line rather than shortening the name
    }
    const line = (): string =>
      p.salutation && state.salutation === 'merged' ? `${p.salutation} ${nameLine(p, state)}` : nameLine(p, state);
    for (const step of givenSteps(p)) {
      if (fits(line())) break;
      const from = givenText(p, state.given);
      state.given = step;
      shortened.push({ field: 'givenNames', rule: GIVEN_RULES[step], from, to: givenText(p, step) });
    }
    if (!fits(line())) throw tooLong({ text: line(), field: 'familyName' });
  }

  // --- Width: the street.
  if (p.streetLine && !fits(p.streetLine)) {
    if (p.streetLineShort !== p.streetLine) {
      state.streetShort = true;
      shortened.push({ field: 'street', rule: '„Straße“ abgekürzt zu „Str.“', from: p.streetLine, to: p.streetLineShort });
    }
    if (!fits(p.streetLineShort)) throw tooLong({ text: p.streetLineShort, field: 'street' });
  }

  // --- Width: the Firma over two lines.
  if (p.organisation && !fits(p.organisation)) {
    state.organisationSplit = splitTwo(p.organisation, fits, (t) => measure(t, minSize));
    if (!state.organisationSplit) throw tooLong({ text: p.organisation, field: 'organisation' });
  }

  // --- Width: everything else is never shortened.
  for (const l of buildLines(p, state)) if (!fits(l.text)) throw tooLong(l);

  // --- Line count.
  let lines = buildLines(p, state);
  if (lines.length > maxLines && p.salutation && state.salutation === 'line') {
    const name = nameLine(p, state);
    const merged = `${p.salutation} ${name}`;
    if (fits(merged)) {
      state.salutation = 'merged';
      shortened.push({ field: 'salutation', rule: 'Anrede in die Namenszeile gezogen', from: p.salutation, to: merged });
    } else {
      state.salutation = 'dropped';
      shortened.push({ field: 'salutation', rule: 'Anredezeile weggelassen', from: p.salutation, to: '' });
    }
    lines = buildLines(p, state);
  }
  if (lines.length > maxLines) {
    throw new AddressFormatError(
      `Die Anschrift hat auch nach den Kürzungsregeln ${lines.length} Zeilen; im Anschriftfeld sind höchstens ` +
        `${maxLines} erlaubt. Bitte Adresszusatz, „bei“-Angabe oder Firmenzeilen zusammenfassen.`,
      'lines',
    );
  }

  const texts = lines.map((l) => l.text);
  let sizePt = prefSize;
  while (sizePt > minSize && !texts.every((t) => fitsAt(t, sizePt))) sizePt = Math.max(minSize, sizePt - 0.25);
  return {
    lines: texts,
    notes,
    shortened,
    sizePt,
    country,
    domestic: country === 'DE',
    confidential: !!input.auskunftssperre,
  };
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** "Frau Dr. Erika Mustermann" → for the Postausgangsbuch: the name without the Anrede line. */
export function recipientDisplayName(input: PostalAddressInput): string {
  const name = [input.title, input.givenNames, input.namePrefix, input.familyName, input.nameSuffix]
    .map((s) => clean(s))
    .filter((s) => s)
    .join(' ');
  const org = clean(input.organisation);
  return org && name ? `${org}, ${name}` : org || name;
}

/**
 * "Frau" for 'w', "Herrn" for 'm', no Anrede for 'd', 'x' or unknown. An explicit opt-in of the caller: a letter
 * whose Anrede follows the register's Geschlecht discloses it to whoever handles the envelope, so documents that
 * must not (the einfache Meldebescheinigung) pass null instead.
 */
export function salutationFromSex(sex: Resident['sex']): Salutation | null {
  return sex === 'w' ? 'Frau' : sex === 'm' ? 'Herrn' : null;
}

/** The postal address of a resident at one of their (German) register addresses; the Anrede is the caller's choice. */
export function residentPostalAddress(
  r: Pick<Resident, 'givenNames' | 'callName' | 'familyName' | 'doctoralDegree' | 'auskunftssperre'>,
  a: Pick<Address, 'street' | 'houseNumber' | 'postalCode' | 'city'>,
  salutation: Salutation | null = null,
): PostalAddressInput {
  return {
    salutation,
    title: r.doctoralDegree,
    givenNames: r.givenNames,
    callName: r.callName,
    familyName: r.familyName,
    street: a.street,
    houseNumber: a.houseNumber,
    postalCode: a.postalCode,
    city: a.city,
    country: 'DE',
    auskunftssperre: r.auskunftssperre,
  };
}
