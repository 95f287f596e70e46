import { describeCharacters, invalidNameCharacters, invalidTextCharacters } from '../../../shared/domain/names';
import type { Address, Resident } from '../../../shared/domain/types';
import { dayOf, isValidIsoDate } from './dates';

/** What a caller gives to create or update a resident. Absent optional fields are stored empty. */
export interface ResidentInput {
  /** Update this resident (must exist). */
  id?: number;
  /** External id (the "kennung" of the source system): a resident with this id is updated, not duplicated. */
  externalId?: string | null;
  familyName: string;
  givenNames: string;
  /** The gebräuchliche Vorname; must be one of givenNames. */
  callName?: string | null;
  doctoralDegree?: string | null;
  formerNames?: string[];
  religiousOrArtistName?: string | null;
  /** ISO yyyy-mm-dd. */
  birthDate: string;
  birthPlace?: string | null;
  sex?: Resident['sex'];
  taxId?: string | null;
  legalRepresentatives?: string[];
  nationalities?: string[];
  religion?: string | null;
  maritalStatus?: string | null;
  spouse?: string | null;
  minorChildren?: string[];
  idDocument?: string | null;
  dateOfDeath?: string | null;
  auskunftssperre?: boolean;
  addresses?: Address[];
}

/** A resident input with every string trimmed and in NFC, empty strings as null, lists without blanks. */
export type NormalisedResident = Required<Omit<ResidentInput, 'id' | 'externalId'>> & {
  id: number | null;
  externalId: string | null;
};

/** One problem found in a resident input; addressIndex points into input.addresses for address problems. */
export interface ResidentProblem {
  field: string;
  message: string;
  addressIndex?: number;
}

/** Thrown by upsertResident when the input is invalid. The message is German and names the fields. */
export class ResidentValidationError extends Error {
  constructor(readonly problems: ResidentProblem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'ResidentValidationError';
  }
}

const MAX_LEN = 200;

const text = (s: string | null | undefined): string | null => {
  if (s === null || s === undefined) return null;
  const t = s.normalize('NFC').trim();
  return t === '' ? null : t;
};
const list = (xs: readonly string[] | undefined): string[] =>
  (xs ?? []).map((x) => text(x)).filter((x): x is string => x !== null);

export function normaliseResident(input: ResidentInput): NormalisedResident {
  return {
    id: input.id ?? null,
    externalId: text(input.externalId),
    familyName: text(input.familyName) ?? '',
    givenNames: (text(input.givenNames) ?? '').replace(/\s+/g, ' '),
    callName: text(input.callName),
    doctoralDegree: text(input.doctoralDegree),
    formerNames: list(input.formerNames),
    religiousOrArtistName: text(input.religiousOrArtistName),
    birthDate: (input.birthDate ?? '').trim(),
    birthPlace: text(input.birthPlace),
    sex: input.sex ?? null,
    taxId: text(input.taxId)?.replace(/\s+/g, '') ?? null,
    legalRepresentatives: list(input.legalRepresentatives),
    nationalities: list(input.nationalities),
    religion: text(input.religion),
    maritalStatus: text(input.maritalStatus),
    spouse: text(input.spouse),
    minorChildren: list(input.minorChildren),
    idDocument: text(input.idDocument),
    dateOfDeath: text(input.dateOfDeath),
    auskunftssperre: input.auskunftssperre ?? false,
    addresses: (input.addresses ?? []).map((a) => ({
      kind: a.kind,
      street: text(a.street) ?? '',
      houseNumber: text(a.houseNumber) ?? '',
      postalCode: text(a.postalCode) ?? '',
      city: text(a.city) ?? '',
      movedIn: text(a.movedIn),
      movedOut: text(a.movedOut),
    })),
  };
}

/**
 * Steuerliche Identifikationsnummer: 11 digits, no leading zero, last digit the ISO 7064 MOD 11,10 check digit
 * (the procedure of § 139b AO / BZSt).
 */
export function isValidTaxId(s: string): boolean {
  if (!/^[1-9]\d{10}$/.test(s)) return false;
  return taxIdCheckDigit(s.slice(0, 10)) === Number(s[10]);
}

/** The check digit for the first ten digits of a Steuer-IdNr. */
export function taxIdCheckDigit(first10: string): number {
  let product = 10;
  for (const ch of first10) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

const SEX_VALUES = ['m', 'w', 'd', 'x'] as const;
const POSTAL_CODE = /^[0-9A-Za-z][0-9A-Za-z -]{1,9}$/;

/**
 * Checks a normalised resident. `today` (ISO date or timestamp) bounds birth and death dates.
 * Messages are German and name the field, e.g. "Familienname „Дмитрий“ enthält Zeichen außerhalb von DIN 91379: „Д“, …".
 */
export function residentProblems(r: NormalisedResident, today: string): ResidentProblem[] {
  const problems: ResidentProblem[] = [];
  const day = dayOf(today);
  const add = (field: string, message: string, addressIndex?: number) =>
    problems.push(addressIndex === undefined ? { field, message } : { field, message, addressIndex });

  const checkChars = (field: string, label: string, value: string | null, kind: 'name' | 'text', i?: number) => {
    if (value === null) return;
    if (value.length > MAX_LEN) add(field, `${label} ist länger als ${MAX_LEN} Zeichen.`, i);
    const bad = kind === 'name' ? invalidNameCharacters(value) : invalidTextCharacters(value);
    if (bad.length > 0) {
      add(field, `${label} „${value}“ enthält Zeichen außerhalb von DIN 91379: ${describeCharacters(bad)}.`, i);
    }
  };
  const checkDate = (field: string, label: string, value: string | null, i?: number): boolean => {
    if (value === null) return false;
    if (!isValidIsoDate(value)) {
      add(field, `${label} „${value}“ ist kein gültiges Datum.`, i);
      return false;
    }
    return true;
  };

  if (r.externalId !== null && r.externalId.length > 100) add('externalId', 'Die Kennung ist länger als 100 Zeichen.');
  if (r.familyName === '') add('familyName', 'Der Familienname fehlt.');
  checkChars('familyName', 'Familienname', r.familyName || null, 'name');
  checkChars('givenNames', 'Vornamen', r.givenNames || null, 'name');
  checkChars('callName', 'Rufname', r.callName, 'name');
  if (r.callName !== null && !r.givenNames.split(' ').includes(r.callName)) {
    add('callName', `Der Rufname „${r.callName}“ ist keiner der Vornamen „${r.givenNames}“.`);
  }
  checkChars('doctoralDegree', 'Doktorgrad', r.doctoralDegree, 'name');
  r.formerNames.forEach((n) => checkChars('formerNames', 'Früherer Name', n, 'name'));
  checkChars('religiousOrArtistName', 'Ordens-/Künstlername', r.religiousOrArtistName, 'name');

  if (r.birthDate === '') add('birthDate', 'Das Geburtsdatum fehlt.');
  else if (checkDate('birthDate', 'Geburtsdatum', r.birthDate) && r.birthDate > day) {
    add('birthDate', `Das Geburtsdatum ${r.birthDate} liegt in der Zukunft.`);
  }
  checkChars('birthPlace', 'Geburtsort', r.birthPlace, 'text');
  if (r.sex !== null && !(SEX_VALUES as readonly string[]).includes(r.sex)) {
    add('sex', `Geschlecht „${String(r.sex)}“ ist unbekannt (erlaubt: m, w, d, x).`);
  }
  if (r.taxId !== null && !isValidTaxId(r.taxId)) {
    add('taxId', `Die Steuer-Identifikationsnummer „${r.taxId}“ ist ungültig (11 Ziffern mit Prüfziffer).`);
  }
  r.legalRepresentatives.forEach((n) => checkChars('legalRepresentatives', 'Gesetzlicher Vertreter', n, 'text'));
  r.nationalities.forEach((n) => checkChars('nationalities', 'Staatsangehörigkeit', n, 'text'));
  checkChars('religion', 'Religion', r.religion, 'text');
  checkChars('maritalStatus', 'Familienstand', r.maritalStatus, 'text');
  checkChars('spouse', 'Ehegatte/Lebenspartner', r.spouse, 'text');
  r.minorChildren.forEach((n) => checkChars('minorChildren', 'Minderjähriges Kind', n, 'text'));
  checkChars('idDocument', 'Ausweisdaten', r.idDocument, 'text');
  if (checkDate('dateOfDeath', 'Sterbedatum', r.dateOfDeath) && r.dateOfDeath !== null) {
    if (r.dateOfDeath > day) add('dateOfDeath', `Das Sterbedatum ${r.dateOfDeath} liegt in der Zukunft.`);
    if (isValidIsoDate(r.birthDate) && r.dateOfDeath < r.birthDate) {
      add('dateOfDeath', 'Das Sterbedatum liegt vor dem Geburtsdatum.');
    }
  }

  let currentMain = 0;
  r.addresses.forEach((a, i) => {
    if (a.kind !== 'haupt' && a.kind !== 'neben') {
      add('addresses', `Wohnungsart „${String(a.kind)}“ ist unbekannt (erlaubt: haupt, neben).`, i);
    }
    if (a.street === '') add('addresses', 'Die Straße der Anschrift fehlt.', i);
    if (a.city === '') add('addresses', 'Der Ort der Anschrift fehlt.', i);
    if (!POSTAL_CODE.test(a.postalCode)) add('addresses', `Postleitzahl „${a.postalCode}“ ist ungültig.`, i);
    checkChars('addresses', 'Straße', a.street || null, 'text', i);
    checkChars('addresses', 'Hausnummer', a.houseNumber || null, 'text', i);
    checkChars('addresses', 'Ort', a.city || null, 'text', i);
    const inOk = checkDate('addresses', 'Einzugsdatum', a.movedIn, i);
    const outOk = checkDate('addresses', 'Auszugsdatum', a.movedOut, i);
    if (inOk && outOk && a.movedOut! < a.movedIn!) add('addresses', 'Das Auszugsdatum liegt vor dem Einzugsdatum.', i);
    if (a.kind === 'haupt' && a.movedOut === null) {
      currentMain++;
      if (currentMain === 2) add('addresses', 'Eine Person kann nur eine aktuelle Hauptwohnung haben.', i);
    }
  });
  return problems;
}
