/**
 * Personenstandsregister entries (PStG §§ 3, 15–17, 21, 27, 31; PStV § 11 with Anlage 1 "Datenfelder") as pure data,
 * and the rule of § 56 Abs. 2 PStG: a certificate shows only the current facts — the Haupteintrag as changed by its
 * Folgebeurkundungen. `currentFacts(entry)` derives them; the beglaubigte Registerausdruck shows the whole entry.
 *
 * An entry holds
 *   - `facts`: the Haupteintrag exactly as recorded (names at birth, names before/at the marriage …),
 *   - `folgebeurkundungen`: later changes in the order of their numbers (Anlage 1 field 0014), each with its wording
 *     for the Registerausdruck (`text`) and a structured `patch` of the facts it changes,
 *   - `hinweise`: references to other entries (§ 21 Abs. 3, § 27 Abs. 4 PStG); they are no Personenstand and have no
 *     evidential force (§ 54 Abs. 1 Satz 2), appear on a Registerausdruck only on request (§ 48 Abs. 3 PStV), never
 *     on an Urkunde.
 *
 * Pure TypeScript: no Node, no DOM (shared by core and renderer).
 */
import { describeCharacters, invalidDin91379Characters, invalidNameCharacters, invalidTextCharacters } from '../../domain/names';

// ---------------------------------------------------------------------------------------------------------------
// Register and reference ("G 399/2010")

export const REGISTER_KINDS = ['G', 'E', 'L', 'S'] as const;
/** Anlage 1 PStV field 0011: G Geburtenregister, E Eheregister, L Lebenspartnerschaftsregister, S Sterberegister. */
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export const REGISTER_NAMES: Record<RegisterKind, string> = {
  G: 'Geburtenregister',
  E: 'Eheregister',
  L: 'Lebenspartnerschaftsregister',
  S: 'Sterberegister',
};

/** Register year and entry number (Anlage 1 fields 0011–0013). */
export interface RegisterReference {
  register: RegisterKind;
  /** Entry number without leading zeros; a re-recorded entry carries a suffix ("334-1", field 0012). */
  number: string;
  year: number;
}

/** Personenstandsregister in today's form exist since 1876 (PStG 1875); older church books are no registers. */
export const FIRST_REGISTER_YEAR = 1876;

const REFERENCE_RE = /^\s*([GELSgels])\s*(?:Nr\.?\s*)?(\d{1,6})(?:\s*-\s*(\d{1,2}))?\s*\/\s*(\d{4})\s*$/;

/**
 * Parses "G 399/2010" (also "g399/2010", "G Nr. 399 / 2010", "G 334-1/2015"). Returns null for anything else, for
 * number 0 and for years before 1876. The year is not compared with today here (see `referenceProblem`).
 */
export function parseRegisterReference(text: string): RegisterReference | null {
  const m = REFERENCE_RE.exec(text);
  if (!m) return null;
  const num = Number(m[2]);
  const year = Number(m[4]);
  if (num < 1 || year < FIRST_REGISTER_YEAR) return null;
  const suffix = m[3] !== undefined ? `-${Number(m[3])}` : '';
  return { register: m[1]!.toUpperCase() as RegisterKind, number: `${num}${suffix}`, year };
}

/** "G 399/2010" */
export function formatRegisterReference(ref: RegisterReference): string {
  return `${ref.register} ${ref.number}/${ref.year}`;
}

/** A German message why the text is not a usable register reference (null when it is), given the current year. */
export function referenceProblem(text: string, currentYear: number): string | null {
  const ref = parseRegisterReference(text);
  if (!ref) {
    return 'Bitte das Registerzeichen mit Nummer und Jahr angeben, z. B. „G 399/2010“ (G Geburten-, E Ehe-, L Lebenspartnerschafts-, S Sterberegister).';
  }
  if (ref.year > currentYear) return `Das Registerjahr ${ref.year} liegt in der Zukunft.`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Common value types

/** Calendar date "YYYY-MM-DD". */
export type IsoDate = string;
/** Time of day "HH:MM" (Stunde und Minute, Anlage 1 field 1041). */
export type ClockTime = string;

/** Geschlecht as recorded (§ 21 Abs. 1 Nr. 3, § 22 Abs. 3 PStG). */
export const SEXES = ['weiblich', 'männlich', 'divers', 'ohne Angabe'] as const;
export type Sex = (typeof SEXES)[number];

/** Funktionsbezeichnung of the Urkundsperson (Anlage 1 field 0053). */
export type RegistrarTitle = 'Standesbeamter' | 'Standesbeamtin';

/** "Der Standesbeamte" / "Die Standesbeamtin" */
export function registrarHeading(title: RegistrarTitle): string {
  return title === 'Standesbeamtin' ? 'Die Standesbeamtin' : 'Der Standesbeamte';
}

/** Who recorded an entry or a Folgebeurkundung, where and when (Anlage 1 fields 0050–0053). */
export interface Recording {
  date: IsoDate;
  place: string;
  /** Name der Urkundsperson. */
  registrar: string;
  registrarTitle: RegistrarTitle;
}

export interface PersonNames {
  familyName: string;
  givenNames: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Geburt (§ 21 PStG, Folgebeurkundungen § 27)

export interface BirthChild {
  /** Geburtsname of the child (§ 21 Abs. 1 Nr. 1). */
  birthName: string;
  givenNames: string;
  sex: Sex;
}

export interface BirthEvent {
  date: IsoDate;
  /** Stunde und Minute; null where unknown (Findelkind, § 24). */
  time: ClockTime | null;
  place: string;
}

/** Familienrechtliche Bezeichnung of a parent as recorded. */
export type ParentDesignation = 'Mutter' | 'Vater' | 'Elternteil';

export interface BirthParent {
  designation: ParentDesignation;
  familyName: string;
  givenNames: string;
  /** Geburtsname where it differs from the family name (register only, not on the Geburtsurkunde). */
  birthName: string | null;
  /** Geschlecht of the parent (§ 21 Abs. 1 Nr. 4; register only). */
  sex: Sex | null;
  /**
   * The parent has asked to be called "Elternteil" instead of "Mutter"/"Vater" in birth certificates
   * (§ 48 Abs. 1a PStV); applies to every Geburtsurkunde from this entry.
   */
  elternteilRequested: boolean;
}

export interface BirthFacts {
  child: BirthChild;
  birth: BirthEvent;
  /** In register order (position 1, 2). Empty when no parent is recorded. */
  parents: BirthParent[];
}

export interface BirthPatch {
  child?: Partial<BirthChild>;
  /** Only by Berichtigung. */
  birth?: Partial<BirthEvent>;
  /** Replaces all parents: Annahme als Kind (§ 27 Abs. 3 Nr. 1 with § 21 Abs. 1 Nr. 4 PStG). */
  parents?: BirthParent[];
  /**
   * In order, each adds (position one past the last), changes or — with `set: null` — removes the parent at a
   * position: Vaterschaftsanerkennung or -feststellung, erfolgreiche Anfechtung, Namensänderung der Eltern
   * (§ 27 Abs. 3 Nr. 2), Berichtigung. A parent added must be given completely. Applied after `parents`.
   */
  parentChanges?: ParentChange[];
}

export interface ParentChange {
  position: 1 | 2;
  set: Partial<BirthParent> | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Ehe and Lebenspartnerschaft (§§ 15–17 PStG)

export interface SpouseNamesBefore {
  /** Familienname vor der Eheschließung / Begründung. */
  familyName: string;
  /** Geburtsname vor der Eheschließung / Begründung, where it differs from the family name. */
  birthName: string | null;
  givenNames: string;
}

export interface Spouse {
  /** "Ehefrau", "Ehemann", "Ehegatte" / "Lebenspartnerin", "Lebenspartner". */
  designation: string;
  before: SpouseNamesBefore;
  /** Names in the marriage / partnership as recorded, then as changed by Folgebeurkundungen. */
  current: PersonNames;
  birthDate: IsoDate;
  birthPlace: string;
}

export interface UnionFacts {
  /** Tag und Ort der Eheschließung / Begründung der Lebenspartnerschaft. */
  event: { date: IsoDate; place: string };
  spouses: [Spouse, Spouse];
  /**
   * "Weitere Angaben" of the Ehe-/Lebenspartnerschaftsurkunde: e.g. the dissolution of the marriage
   * (§ 16 Abs. 1 Nr. 2 PStG) or the conversion of a Lebenspartnerschaft into a marriage (§ 17a).
   */
  weitereAngaben: string[];
}

export interface SpousePatch {
  designation?: string;
  before?: Partial<SpouseNamesBefore>;
  current?: Partial<PersonNames>;
  birthDate?: IsoDate;
  birthPlace?: string;
}

export interface UnionPatch {
  event?: Partial<UnionFacts['event']>;
  spouse1?: SpousePatch;
  spouse2?: SpousePatch;
  /** Appended to "Weitere Angaben". */
  addWeitereAngabe?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Sterbefall (§ 31 PStG, Folgebeurkundungen § 32)

/** Familienstand values in use in the Sterberegister. */
export const MARITAL_STATUSES = [
  'ledig',
  'verheiratet',
  'verwitwet',
  'geschieden',
  'Ehe aufgehoben',
  'in Lebenspartnerschaft',
  'Lebenspartner verstorben',
  'Lebenspartnerschaft aufgehoben',
] as const;

export interface DeathSpouse {
  designation: 'Ehegatte' | 'Lebenspartner';
  familyName: string;
  givenNames: string;
}

export interface DeathFacts {
  deceased: { familyName: string; birthName: string | null; givenNames: string; sex: Sex | null };
  birth: { date: IsoDate; place: string };
  lastResidence: string;
  maritalStatus: string;
  /** Ehegatte or Lebenspartner at death (§ 31 Abs. 1 Nr. 4), null when none. */
  spouse: DeathSpouse | null;
  death: { date: IsoDate; time: ClockTime | null; place: string };
}

export interface DeathPatch {
  deceased?: Partial<DeathFacts['deceased']>;
  birth?: Partial<DeathFacts['birth']>;
  lastResidence?: string;
  maritalStatus?: string;
  spouse?: DeathSpouse | null;
  death?: Partial<DeathFacts['death']>;
}

// ---------------------------------------------------------------------------------------------------------------
// Entries

export interface Folgebeurkundung<P> {
  /** Anlass der Beurkundung (field 0020), e.g. "Namensänderung", "Vaterschaftsanerkennung", "Berichtigung". */
  anlass: string;
  /** Datum der Wirksamkeit (field 0040), when it differs from the recording. */
  effectiveDate: IsoDate | null;
  recorded: Recording;
  /** The wording as recorded; printed on the beglaubigte Registerausdruck. */
  text: string;
  /** The facts this Folgebeurkundung changes. */
  patch: P;
}

export interface Hinweis {
  /** Anlass eines Hinweises (field 0030), e.g. "Eheschließung des Kindes", "Tod". */
  anlass: string;
  text: string;
}

/**
 * Restrictions of use recorded with an entry: § 63 Abs. 1 PStG (Annahme als Kind), § 63 Abs. 2 (Änderung von
 * Geschlechtseintrag und Vornamen nach dem SBGG), § 64 (Sperrvermerk).
 */
export type EntryRestriction = 'annahme_als_kind' | 'sbgg' | 'sperrvermerk';

interface EntryBase<K extends string, F, P> {
  kind: K;
  reference: RegisterReference;
  /** Name of the Standesamt that recorded the entry (field 0001), e.g. "Lingen (Ems)". */
  standesamt: string;
  recorded: Recording;
  /** The Haupteintrag as recorded. */
  facts: F;
  /** In the order of their numbers. */
  folgebeurkundungen: Folgebeurkundung<P>[];
  hinweise: Hinweis[];
  restrictions: EntryRestriction[];
}

export type BirthEntry = EntryBase<'geburt', BirthFacts, BirthPatch>;
export type MarriageEntry = EntryBase<'ehe', UnionFacts, UnionPatch>;
export type PartnershipEntry = EntryBase<'lebenspartnerschaft', UnionFacts, UnionPatch>;
export type DeathEntry = EntryBase<'sterbefall', DeathFacts, DeathPatch>;
export type RegisterEntry = BirthEntry | MarriageEntry | PartnershipEntry | DeathEntry;
export type EntryKind = RegisterEntry['kind'];

export const ENTRY_REGISTER: Record<EntryKind, RegisterKind> = {
  geburt: 'G',
  ehe: 'E',
  lebenspartnerschaft: 'L',
  sterbefall: 'S',
};

// ---------------------------------------------------------------------------------------------------------------
// Current facts (§ 56 Abs. 2 PStG)

/** Copies only the keys that are set (undefined leaves the value; null is a value). */
function merge<T extends object>(base: T, patch: Partial<T> | undefined): T {
  if (!patch) return base;
  const out = { ...base };
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const v = patch[key];
    if (v !== undefined) out[key] = v as T[keyof T];
  }
  return out;
}

function applyBirth(f: BirthFacts, p: BirthPatch, n: number): BirthFacts {
  let parents = p.parents ? p.parents.map((x) => ({ ...x })) : f.parents;
  for (const change of p.parentChanges ?? []) {
    const i = change.position - 1;
    parents = [...parents];
    if (change.set === null) {
      if (i < parents.length) parents.splice(i, 1);
    } else if (i < parents.length) {
      parents[i] = merge(parents[i]!, change.set);
    } else if (i === parents.length) {
      const s = change.set;
      if (!s.designation || !s.familyName || !s.givenNames) {
        throw new Error(`Folgebeurkundung ${n}: ein neuer Elternteil braucht Bezeichnung, Familienname und Vornamen.`);
      }
      parents.push({ birthName: null, sex: null, elternteilRequested: false, ...s } as BirthParent);
    } else {
      throw new Error(
        `Folgebeurkundung ${n}: ein Elternteil an Stelle ${change.position} setzt einen Elternteil an Stelle ${change.position - 1} voraus.`,
      );
    }
  }
  return { child: merge(f.child, p.child), birth: merge(f.birth, p.birth), parents };
}

function applySpouse(s: Spouse, p: SpousePatch | undefined): Spouse {
  if (!p) return s;
  return {
    designation: p.designation ?? s.designation,
    before: merge(s.before, p.before),
    current: merge(s.current, p.current),
    birthDate: p.birthDate ?? s.birthDate,
    birthPlace: p.birthPlace ?? s.birthPlace,
  };
}

function applyUnion(f: UnionFacts, p: UnionPatch): UnionFacts {
  return {
    event: merge(f.event, p.event),
    spouses: [applySpouse(f.spouses[0], p.spouse1), applySpouse(f.spouses[1], p.spouse2)],
    weitereAngaben: p.addWeitereAngabe?.trim() ? [...f.weitereAngaben, p.addWeitereAngabe.trim()] : f.weitereAngaben,
  };
}

function applyDeath(f: DeathFacts, p: DeathPatch): DeathFacts {
  return {
    deceased: merge(f.deceased, p.deceased),
    birth: merge(f.birth, p.birth),
    lastResidence: p.lastResidence ?? f.lastResidence,
    maritalStatus: p.maritalStatus ?? f.maritalStatus,
    spouse: p.spouse !== undefined ? p.spouse : f.spouse,
    death: merge(f.death, p.death),
  };
}

/**
 * The facts of the Haupteintrag after every Folgebeurkundung, in order: what a Geburts-, Ehe-, Lebenspartnerschafts-
 * or Sterbeurkunde states (§ 56 Abs. 2 PStG). A later name change replaces the name; the former one is no current
 * fact. The entry itself is not changed.
 */
export function currentFacts(entry: BirthEntry): BirthFacts;
export function currentFacts(entry: MarriageEntry | PartnershipEntry): UnionFacts;
export function currentFacts(entry: DeathEntry): DeathFacts;
export function currentFacts(entry: RegisterEntry): BirthFacts | UnionFacts | DeathFacts;
export function currentFacts(entry: RegisterEntry): BirthFacts | UnionFacts | DeathFacts {
  switch (entry.kind) {
    case 'geburt':
      return entry.folgebeurkundungen.reduce((f, fb, i) => applyBirth(f, fb.patch, i + 1), entry.facts);
    case 'ehe':
    case 'lebenspartnerschaft':
      return (entry.folgebeurkundungen as Folgebeurkundung<UnionPatch>[]).reduce(
        (f, fb) => applyUnion(f, fb.patch),
        entry.facts,
      );
    case 'sterbefall':
      return entry.folgebeurkundungen.reduce((f, fb) => applyDeath(f, fb.patch), entry.facts);
  }
}

/** The names the person of a birth entry bore before (Haupteintrag and superseded Folgebeurkundungen), newest last. */
export function formerChildNames(entry: BirthEntry): PersonNames[] {
  const out: PersonNames[] = [];
  let f = entry.facts;
  entry.folgebeurkundungen.forEach((fb, i) => {
    const next = applyBirth(f, fb.patch, i + 1);
    if (next.child.birthName !== f.child.birthName || next.child.givenNames !== f.child.givenNames) {
      out.push({ familyName: f.child.birthName, givenNames: f.child.givenNames });
    }
    f = next;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation (for the importer and the register store)

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isClockTime(s: string): boolean {
  return TIME_RE.test(s);
}

/**
 * Typographic quotes, dashes and the ellipsis of German official texts („…“ ‚…‘ – —). They are not in the DIN 91379
 * character set (which is made for names); the wording of Folgebeurkundungen and Hinweise uses them, and the
 * embedded font prints them. A transfer in XPersonenstand would have to map them to their ASCII forms.
 */
const GERMAN_TYPOGRAPHY = /[\u201E\u201C\u201A\u2018\u2013\u2014\u2026]/g;

class Problems {
  readonly list: string[] = [];
  name(label: string, v: string | null | undefined, required = true): void {
    if (v === null || v === undefined || v.trim() === '') {
      if (required) this.add(`${label}: fehlt.`);
      return;
    }
    const bad = invalidNameCharacters(v);
    if (bad.length) this.add(`${label}: Zeichen außerhalb von DIN 91379: ${describeCharacters(bad)}.`);
  }
  /** Free wording (Folgebeurkundungen, Hinweise, Weitere Angaben): DIN 91379 data type C plus German typography. */
  wording(label: string, v: string): void {
    if (v.trim() === '') return this.add(`${label}: fehlt.`);
    const bad = invalidDin91379Characters(v.replace(GERMAN_TYPOGRAPHY, ''), 'C');
    if (bad.length) this.add(`${label}: Zeichen außerhalb von DIN 91379: ${describeCharacters(bad)}.`);
  }
  text(label: string, v: string | null | undefined, required = true): void {
    if (v === null || v === undefined || v.trim() === '') {
      if (required) this.add(`${label}: fehlt.`);
      return;
    }
    const bad = invalidTextCharacters(v);
    if (bad.length) this.add(`${label}: Zeichen außerhalb von DIN 91379: ${describeCharacters(bad)}.`);
  }
  date(label: string, v: string | null | undefined): void {
    if (!v || !isIsoDate(v)) this.add(`${label}: kein gültiges Datum (JJJJ-MM-TT).`);
  }
  time(label: string, v: string | null): void {
    if (v !== null && !isClockTime(v)) this.add(`${label}: keine gültige Uhrzeit (HH:MM).`);
  }
  add(m: string): void {
    if (!this.list.includes(m)) this.list.push(m);
  }
}

function checkBirth(p: Problems, f: BirthFacts, where: string): void {
  p.name(`${where}Geburtsname des Kindes`, f.child.birthName);
  p.name(`${where}Vornamen des Kindes`, f.child.givenNames);
  if (!SEXES.includes(f.child.sex)) p.add(`${where}Geschlecht des Kindes: unbekannter Wert „${f.child.sex}“.`);
  p.date(`${where}Tag der Geburt`, f.birth.date);
  p.time(`${where}Geburtszeit`, f.birth.time);
  p.text(`${where}Ort der Geburt`, f.birth.place);
  if (f.parents.length > 2) p.add(`${where}Es können höchstens zwei Elternteile eingetragen sein.`);
  f.parents.forEach((par, i) => {
    const l = `${where}${i + 1}. Elternteil`;
    if (!['Mutter', 'Vater', 'Elternteil'].includes(par.designation)) p.add(`${l}: unbekannte Bezeichnung „${par.designation}“.`);
    p.name(`${l}, Familienname`, par.familyName);
    p.name(`${l}, Vornamen`, par.givenNames);
    p.name(`${l}, Geburtsname`, par.birthName, false);
    if (par.sex !== null && !SEXES.includes(par.sex)) p.add(`${l}: unbekanntes Geschlecht „${par.sex}“.`);
  });
}

function checkUnion(p: Problems, f: UnionFacts, where: string, event: string): void {
  p.date(`${where}Tag der ${event}`, f.event.date);
  p.text(`${where}Ort der ${event}`, f.event.place);
  f.spouses.forEach((s, i) => {
    const l = `${where}${i + 1}. ${s.designation || 'Person'}`;
    p.text(`${l}, Bezeichnung`, s.designation);
    p.name(`${l}, Familienname`, s.current.familyName);
    p.name(`${l}, Vornamen`, s.current.givenNames);
    p.name(`${l}, Familienname vor der ${event}`, s.before.familyName);
    p.name(`${l}, Geburtsname`, s.before.birthName, false);
    p.name(`${l}, Vornamen vor der ${event}`, s.before.givenNames);
    p.date(`${l}, Geburtstag`, s.birthDate);
    p.text(`${l}, Geburtsort`, s.birthPlace);
  });
  f.weitereAngaben.forEach((w) => p.wording(`${where}Weitere Angaben`, w));
}

function checkDeath(p: Problems, f: DeathFacts, where: string): void {
  p.name(`${where}Familienname`, f.deceased.familyName);
  p.name(`${where}Geburtsname`, f.deceased.birthName, false);
  p.name(`${where}Vornamen`, f.deceased.givenNames);
  p.date(`${where}Geburtstag`, f.birth.date);
  p.text(`${where}Geburtsort`, f.birth.place);
  p.text(`${where}Letzter Wohnsitz`, f.lastResidence);
  p.text(`${where}Familienstand`, f.maritalStatus);
  if (f.spouse) {
    p.name(`${where}${f.spouse.designation}, Familienname`, f.spouse.familyName);
    p.name(`${where}${f.spouse.designation}, Vornamen`, f.spouse.givenNames);
  }
  p.date(`${where}Sterbetag`, f.death.date);
  p.time(`${where}Sterbezeit`, f.death.time);
  p.text(`${where}Sterbeort`, f.death.place);
}

function checkFacts(p: Problems, entry: RegisterEntry, facts: BirthFacts | UnionFacts | DeathFacts, where: string): void {
  if (entry.kind === 'geburt') checkBirth(p, facts as BirthFacts, where);
  else if (entry.kind === 'ehe') checkUnion(p, facts as UnionFacts, where, 'Eheschließung');
  else if (entry.kind === 'lebenspartnerschaft') checkUnion(p, facts as UnionFacts, where, 'Begründung');
  else checkDeath(p, facts as DeathFacts, where);
}

/**
 * German messages for everything wrong with an entry: the register letter against the kind, names outside
 * DIN 91379 (data type A; places and texts: type B), dates and times, and the same for the facts after each
 * Folgebeurkundung. Empty when the entry can be stored and printed.
 */
export function validateEntry(entry: RegisterEntry): string[] {
  const p = new Problems();
  if (ENTRY_REGISTER[entry.kind] !== entry.reference.register) {
    p.add(
      `Ein Eintrag „${entry.kind}“ gehört in das ${REGISTER_NAMES[ENTRY_REGISTER[entry.kind]]}, nicht in das ${REGISTER_NAMES[entry.reference.register]}.`,
    );
  }
  if (!parseRegisterReference(formatRegisterReference(entry.reference))) p.add('Registernummer oder -jahr ungültig.');
  p.text('Standesamt', entry.standesamt);
  p.date('Datum der Beurkundung', entry.recorded.date);
  p.name('Urkundsperson', entry.recorded.registrar);
  checkFacts(p, entry, entry.facts, '');
  let facts: BirthFacts | UnionFacts | DeathFacts = entry.facts;
  entry.folgebeurkundungen.forEach((fb, i) => {
    const where = `Folgebeurkundung ${i + 1}: `;
    p.text(`${where}Anlass`, fb.anlass);
    p.wording(`${where}Text`, fb.text);
    p.date(`${where}Datum der Beurkundung`, fb.recorded.date);
    if (fb.effectiveDate !== null) p.date(`${where}Datum der Wirksamkeit`, fb.effectiveDate);
    try {
      facts = currentFacts({ ...entry, folgebeurkundungen: entry.folgebeurkundungen.slice(0, i + 1) } as RegisterEntry);
      checkFacts(p, entry, facts, where);
    } catch (e) {
      p.add((e as Error).message);
    }
  });
  entry.hinweise.forEach((h, i) => p.wording(`Hinweis ${i + 1}`, h.text));
  return p.list;
}
