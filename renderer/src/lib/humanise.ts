/**
 * Case data of services without a view of their own, made readable: keys become German labels, values German text.
 * Services get a proper view in renderer/src/services (SERVICE_UI); this is the fallback that shows everything.
 */
import { formatEuro } from '../../../shared/domain/money';
import { formatDateTime, formatIsoDate } from './format';

/** Labels of keys the service schemas use (shared/services), German and English ones alike. */
const KEY_LABELS: Record<string, string> = {
  // people
  familyName: 'Familienname',
  familienname: 'Familienname',
  givenNames: 'Vornamen',
  vornamen: 'Vornamen',
  birthName: 'Geburtsname',
  geburtsname: 'Geburtsname',
  birthDate: 'Geburtsdatum',
  geburtsdatum: 'Geburtsdatum',
  applicantBirthDate: 'Geburtsdatum des Antragstellers',
  birthPlace: 'Geburtsort',
  birthCountry: 'Geburtsland',
  doctoralDegree: 'Doktorgrad',
  sex: 'Geschlecht',
  nationalities: 'Staatsangehörigkeiten',
  name: 'Name',
  role: 'Funktion',
  position: 'Stellung',
  persons: 'Personen',
  representative: 'Vertreter',
  voter: 'Wahlberechtigte Person',
  ehegatte: 'Ehegatte',
  relation: 'Verhältnis zur Person im Eintrag',
  // addresses and contact
  address: 'Anschrift',
  anschrift: 'Anschrift',
  newAddress: 'Neue Anschrift',
  previousAddress: 'Frühere Anschrift',
  street: 'Straße',
  strasse: 'Straße',
  houseNumber: 'Hausnummer',
  hausnummer: 'Hausnummer',
  postalCode: 'Postleitzahl',
  postleitzahl: 'Postleitzahl',
  city: 'Ort',
  ort: 'Ort',
  country: 'Staat',
  careOf: 'c/o',
  addressSupplement: 'Adresszusatz',
  email: 'E-Mail',
  phone: 'Telefon',
  telefon: 'Telefon',
  // application
  kind: 'Art',
  type: 'Art',
  form: 'Formular',
  purpose: 'Verwendungszweck',
  reason: 'Grund',
  reasonOther: 'Anderer Grund',
  reasonDetails: 'Erläuterung',
  details: 'Einzelheiten',
  description: 'Beschreibung',
  copies: 'Ausfertigungen',
  delivery: 'Zustellung',
  channel: 'Antragsweg',
  date: 'Datum',
  startDate: 'Beginn',
  endDate: 'Ende',
  changeDate: 'Datum der Änderung',
  reference: 'Aktenzeichen',
  legalInterest: 'Rechtliches Interesse',
  // Personenstand
  eintrag: 'Registereintrag',
  registerReference: 'Registernummer',
  registerzeichen: 'Registerzeichen',
  ereignisdatum: 'Datum des Ereignisses',
  ereignisort: 'Ort des Ereignisses',
  withHinweise: 'Mit Hinweisteil',
  withoutParents: 'Ohne Angaben zu den Eltern',
  withoutSex: 'Ohne Angabe des Geschlechts',
  // Gewerbe
  business: 'Betrieb',
  activity: 'Tätigkeit',
  previousActivity: 'Bisherige Tätigkeit',
  activityChange: 'Änderung der Tätigkeit',
  legalForm: 'Rechtsform',
  legalFormOther: 'Andere Rechtsform',
  register: 'Registereintrag',
  court: 'Registergericht',
  number: 'Nummer',
  registrationPending: 'Eintragung beantragt',
  establishment: 'Betriebsstätte',
  mainEstablishment: 'Hauptniederlassung',
  previousEstablishment: 'Frühere Betriebsstätte',
  employees: 'Beschäftigte',
  fullTime: 'Vollzeit',
  partTime: 'Teilzeit',
  sideline: 'Nebenerwerb',
  permit: 'Erlaubnis',
  permitRequired: 'Erlaubnispflichtig',
  craft: 'Handwerk',
  craftCard: 'Handwerkskarte',
  previousOwner: 'Vorinhaber',
  successor: 'Nachfolger',
  takeover: 'Übernahme',
  chamber: 'Kammer',
  authority: 'Behörde',
  issuedOn: 'Ausgestellt am',
  // Hundesteuer
  dog: 'Hund',
  breed: 'Rasse',
  colour: 'Farbe',
  chipNumber: 'Chipnummer',
  tagNumber: 'Hundesteuermarke',
  tagReturned: 'Steuermarke zurückgegeben',
  acquiredOn: 'Gehalten seit',
  endedOn: 'Gehalten bis',
  dangerous: 'Gefährlicher Hund',
  insurance: 'Haftpflichtversicherung',
  insurer: 'Versicherer',
  policyNumber: 'Versicherungsnummer',
  newOwner: 'Neue Halterin / neuer Halter',
  sepa: 'SEPA-Lastschriftmandat',
  iban: 'IBAN',
  accountHolder: 'Kontoinhaber',
  mandateDate: 'Datum des Mandats',
  // Briefwahl
  electionId: 'Wahl',
  intendedWahlbezirk: 'Wahlbezirk',
  ground: 'Grund',
  registerException: 'Ausnahme vom Wählerverzeichnis',
  suddenIllness: 'Plötzliche Erkrankung',
  vollmachtPresent: 'Vollmacht liegt vor',
  credibleAssurance: 'Versicherung an Eides statt',
};

/** "previousHoldingFrom" → "Previous holding from"; "tag_number" → "Tag number". */
export function humaniseKey(key: string): string {
  const known = KEY_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-zäöüß0-9])([A-ZÄÖÜ])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** A humanised value tree: text, a list of values, or labelled rows. */
export type HumanValue =
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: HumanValue[] }
  | { kind: 'rows'; rows: HumanRow[] };

export interface HumanRow {
  key: string;
  label: string;
  value: HumanValue;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function text(t: string): HumanValue {
  return { kind: 'text', text: t };
}

/** One value: dates the German way, yes/no, amounts in cents as euros, nested objects as rows. */
export function humaniseValue(value: unknown, key = ''): HumanValue {
  if (value === null || value === undefined || value === '') return text('–');
  if (typeof value === 'boolean') return text(value ? 'ja' : 'nein');
  if (typeof value === 'number') {
    if (/cents$/i.test(key) && Number.isInteger(value)) return text(formatEuro(value));
    return text(new Intl.NumberFormat('de-DE').format(value));
  }
  if (typeof value === 'string') {
    if (ISO_DAY.test(value)) return text(formatIsoDate(value));
    if (ISO_TIMESTAMP.test(value)) return text(formatDateTime(value));
    return text(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return text('–');
    const items = value.map((v) => humaniseValue(v, key));
    if (items.every((i) => i.kind === 'text')) {
      return text(items.map((i) => (i as { text: string }).text).join(', '));
    }
    return { kind: 'list', items };
  }
  if (typeof value === 'object') {
    const rows = humaniseData(value as Record<string, unknown>);
    return rows.length ? { kind: 'rows', rows } : text('–');
  }
  return text(String(value));
}

/** Every entry of the data as a labelled row; undefined entries are left out. */
export function humaniseData(data: Record<string, unknown>): HumanRow[] {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ key, label: humaniseKey(key), value: humaniseValue(v, key) }));
}
