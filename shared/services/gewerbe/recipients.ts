/**
 * Where a Gewerbeanzeige goes after the Empfangsbescheinigung: the to-do list of a case.
 *
 * Legal basis (checked against the text of the GewAnzV of 22.07.2014, BGBl. I S. 1208, as last amended by
 * Art. 1 V v. 3.7.2019, BGBl. I S. 916, and § 14 Abs. 8 GewO):
 *
 * § 3 Abs. 1 GewAnzV — "regelmäßig", every notice (GewA 1, 2 and 3), each body without certain fields:
 *   Nr. 1 IHK (§ 14 Abs. 8 Satz 1 Nr. 1 GewO)            Nr. 2 HWK (Nr. 2)
 *   Nr. 3 Immissionsschutz-Landesbehörde (Nr. 3)          Nr. 4 Arbeitsschutz-Landesbehörde (Nr. 3a)
 *   Nr. 5 Eichbehörde, only the listed fields (Nr. 4)     Nr. 6 Bundesagentur für Arbeit (Nr. 5)
 *   Nr. 7 Deutsche Gesetzliche Unfallversicherung (Nr. 6) Nr. 8 Registergericht (Nr. 8) — GewA 3 only
 *   Nr. 9 Lebensmittelüberwachung (Nr. 10)
 *   Last sentence: not to a body that has waived the regular transmission.
 * § 3 Abs. 2 GewAnzV — the statistical offices (Statistikregister, § 14 Abs. 8 Satz 1 Nr. 9 GewO, and the monthly
 *   Bundesstatistik, § 14 Abs. 13 GewO): Anmeldung, Ummeldung and Abmeldung (Abs. 2 Nr. 3 a–c).
 * § 3 Abs. 3 GewAnzV — the customs administration (§ 14 Abs. 8 Satz 1 Nr. 7 GewO): only an Anmeldung, and only
 *   where it shows indications of offences under the SchwarzArbG, SGB III or AÜG (a clerk's finding).
 * § 3 Abs. 5 GewAnzV — when: to the bodies of Abs. 1 and 3 "unverzüglich nach Bescheinigung des Empfangs"; to the
 *   statistical offices "unverzüglich, spätestens jedoch am ersten Arbeitstag des Monats, der auf die
 *   Bescheinigung … folgt".
 * The Finanzamt is not in § 3 GewAnzV: § 14 Abs. 8 Satz 2 GewO leaves § 138 AO untouched, and § 138 Abs. 1 Satz 1
 *   and 4 AO makes the municipality inform the Finanzamt (§ 22 Abs. 1 AO) "unverzüglich" of the opening, the
 *   relocation and the closing of a business. An Ummeldung that only changes the activity is none of these.
 *
 * Decisions where the law leaves room:
 * - IHK or HWK: the GewAnzV lists both, but § 14 Abs. 8 Satz 2 GewO limits every transmission to what the body
 *   needs. A craft business (Anlage A or B HwO) belongs to the Handwerkskammer (§ 90 HwO), any other trade to the
 *   IHK (§ 2 IHKG); a craft business with non-craft parts to both (§ 2 Abs. 3 IHKG).
 * - Lebensmittelüberwachung: only where the activity involves food (§ 14 Abs. 8 Satz 1 Nr. 10 GewO: "zur
 *   Durchführung lebensmittelrechtlicher Vorschriften"); the clerk ticks `activity.food`, and the WZ 2008 classes
 *   of food production, food trade and gastronomy tick it as well.
 * - Registergericht: only the Abmeldung of a business in the Handels- or Genossenschaftsregister (HRA, HRB, GnR),
 *   as § 14 Abs. 8 Satz 1 Nr. 8 GewO says; the court is the one named in the register entry.
 * - In Niedersachsen the Staatliche Gewerbeaufsichtsamt is the authority for Immissionsschutz and Arbeitsschutz
 *   alike, so Nr. 3 and Nr. 4 become one to-do (the field lists of both are identical).
 *
 * Bodies for Lingen (Ems) — defaults, configurable per office (RecipientOptions.directory):
 * the Staatliches Gewerbeaufsichtsamt Osnabrück is responsible for "Emsland – Altkreis Lingen" (Niedersächsisches
 * Landesarchiv, Bestand NLA OS Rep 610 Osn), not the office in Emden, which covers the north of the Emsland.
 *
 * Besides the transmissions, the list holds checks a clerk owes the case (kind 'check'): a permit that is required
 * but not shown (§ 15 Abs. 2 GewO), a zulassungspflichtiges Handwerk without Handwerkskarte (§ 1 HwO), and a
 * Reisegewerbe, which needs its own Reisegewerbekarte (§ 55 Abs. 2 GewO).
 */
import { firstWorkingDayOfNextMonth, type IsoDate } from '../../domain/niedersachsen-calendar';
import { registerText } from './display';
import { LOCAL_DISTRICT, type GewerbeanzeigeData, type GewerbeForm } from './schema';

export const RECIPIENT_KEYS = [
  'ihk',
  'hwk',
  'gewerbeaufsicht',
  'eichbehoerde',
  'arbeitsagentur',
  'dguv',
  'registergericht',
  'lebensmittel',
  'statistik',
  'zoll',
  'finanzamt',
] as const;
export type RecipientKey = (typeof RECIPIENT_KEYS)[number];

/** The bodies for a business in Lingen (Ems). */
export const LINGEN_DIRECTORY: Record<RecipientKey, string> = {
  ihk: 'Industrie- und Handelskammer Osnabrück – Emsland – Grafschaft Bentheim',
  hwk: 'Handwerkskammer Osnabrück-Emsland-Grafschaft Bentheim',
  gewerbeaufsicht: 'Staatliches Gewerbeaufsichtsamt Osnabrück',
  eichbehoerde: 'Mess- und Eichwesen Niedersachsen (MEN)',
  arbeitsagentur: 'Bundesagentur für Arbeit (Agentur für Arbeit Nordhorn)',
  dguv: 'Deutsche Gesetzliche Unfallversicherung e. V. (zur Weiterleitung an die Berufsgenossenschaft)',
  registergericht: 'Amtsgericht Osnabrück – Registergericht',
  lebensmittel: 'Landkreis Emsland – Veterinärwesen und Lebensmittelüberwachung',
  statistik: 'Landesamt für Statistik Niedersachsen (LSN)',
  zoll: 'Hauptzollamt Osnabrück – Finanzkontrolle Schwarzarbeit',
  finanzamt: 'Finanzamt Lingen (Ems)',
};

export type CheckKey = 'erlaubnis' | 'handwerksrolle' | 'reisegewerbe';

/** Which fields of the form (Anlage 1, 2, 3 GewAnzV) a body receives. */
export type FieldSelection = { mode: 'all' } | { mode: 'except'; fields: readonly (number | [number, number])[] } | { mode: 'only'; fields: readonly (number | [number, number])[] };

export type DueRule = 'unverzueglich' | 'erster_arbeitstag_folgemonat';

export interface TransmitTodo {
  kind: 'transmit';
  key: RecipientKey;
  body: string;
  /** Why this notice goes there (German, for the clerk). */
  reason: string;
  /** The legal reference. */
  reference: string;
  /** The fields of this notice's form the body receives. */
  fields: FieldSelection;
  /** "Felder 1 bis 12, 14 bis 26 …" in words, for the to-do list. */
  fieldsText: string;
  due: DueRule;
}

export interface CheckTodo {
  kind: 'check';
  key: CheckKey;
  body: string;
  reason: string;
  reference: string;
  due: DueRule;
}

export type RecipientTodo = TransmitTodo | CheckTodo;

/** States of a to-do as stored per case. */
export const TODO_STATES = ['offen', 'erledigt', 'entfaellt'] as const;
export type TodoState = (typeof TODO_STATES)[number];
export const TODO_STATE_LABELS: Record<TodoState, string> = {
  offen: 'offen',
  erledigt: 'erledigt',
  entfaellt: 'entfällt',
};

export interface RecipientOptions {
  /** Bodies named differently from LINGEN_DIRECTORY (another office, a renamed authority). */
  directory?: Partial<Record<RecipientKey, string>>;
  /** Bodies that have waived the regular transmission (§ 3 Abs. 1 letzter Satz GewAnzV). */
  waived?: readonly RecipientKey[];
}

// ---------------------------------------------------------------------------------------------------------------
// Field lists of § 3 Abs. 1 GewAnzV, per body and form (Anlage 1 = GewA1, 2 = GewA2, 3 = GewA3)
// ---------------------------------------------------------------------------------------------------------------

type PerForm = Record<GewerbeForm, FieldSelection>;
const except = (...fields: (number | [number, number])[]): FieldSelection => ({ mode: 'except', fields });
const only = (...fields: (number | [number, number])[]): FieldSelection => ({ mode: 'only', fields });
const ALL: FieldSelection = { mode: 'all' };

const FIELDS: Record<Exclude<RecipientKey, 'finanzamt'>, PerForm> = {
  // § 3 Abs. 1 Nr. 1
  ihk: { GewA1: except(13, 27, [29, 31], 33), GewA2: except(13, [26, 28], 30), GewA3: except(13, 30) },
  // Nr. 2
  hwk: { GewA1: except(13, 27, 30, 31, 33), GewA2: except(13, 27, 28, 30), GewA3: except(13, 30) },
  // Nr. 3 and Nr. 4 (identical lists)
  gewerbeaufsicht: {
    GewA1: except(10, 12, 13, [27, 31], 33),
    GewA2: except(10, 12, 13, [25, 28], 30),
    GewA3: except(10, 12, 13, 28, 30),
  },
  // Nr. 5: only these fields
  eichbehoerde: {
    GewA1: only(1, [3, 5], 11, 14, 15, 18, 20),
    GewA2: only(1, [3, 5], 11, 14, 15, 18, 19, 21),
    GewA3: only(1, [3, 5], 11, 14, 16, 18, 20),
  },
  // Nr. 6
  arbeitsagentur: { GewA1: except(13, 27, 33), GewA2: except(13, 30), GewA3: except(10, [12, 19], [21, 30]) },
  // Nr. 7
  dguv: { GewA1: except(12, 28, 30, 31, 33), GewA2: except(12, 25, 27, 28, 30), GewA3: except(12, 30) },
  // Nr. 8 (GewA3 only)
  registergericht: { GewA1: ALL, GewA2: ALL, GewA3: except([8, 10], [12, 14], 16, 21, 22, 24, [28, 30]) },
  // Nr. 9
  lebensmittel: {
    GewA1: except(10, 12, 13, [27, 31], 33),
    GewA2: except(10, 12, 13, [25, 28], 30),
    GewA3: except(10, 12, 13, 28, 30),
  },
  // Abs. 2: Hilfsmerkmale fields 1–5, 12, 15–17; Erhebungsmerkmale per form (Nr. 3 a–c)
  statistik: {
    GewA1: only([1, 6], 10, 12, [15, 25], 29, 32),
    GewA2: only([1, 6], 10, 12, [15, 24], 26, 29),
    GewA3: only([1, 6], 10, 12, [15, 26], 28, 29),
  },
  // Abs. 3 (GewA1 only)
  zoll: { GewA1: except(13, 27, 33), GewA2: ALL, GewA3: ALL },
};

function fieldList(fields: readonly (number | [number, number])[]): string {
  const parts = fields.map((f) => (typeof f === 'number' ? String(f) : `${f[0]} bis ${f[1]}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} und ${parts.at(-1)}` : (parts[0] ?? '');
}

const ANLAGE: Record<GewerbeForm, string> = { GewA1: 'Anlage 1', GewA2: 'Anlage 2', GewA3: 'Anlage 3' };

export function fieldsText(sel: FieldSelection, form: GewerbeForm): string {
  switch (sel.mode) {
    case 'all':
      return 'alle Angaben der Anzeige';
    case 'except':
      return `alle Angaben außer den Feldern ${fieldList(sel.fields)} (${ANLAGE[form]} GewAnzV)`;
    case 'only':
      return `nur die Felder ${fieldList(sel.fields)} (${ANLAGE[form]} GewAnzV)`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------------------------

/**
 * WZ 2008 classes whose businesses handle food: Abteilung 10 (Nahrungs- und Futtermittel), 11 (Getränke),
 * Gruppe 46.3 (Großhandel mit Nahrungsmitteln, Getränken und Tabakwaren), Klasse 47.11 (Einzelhandel mit Waren
 * verschiedener Art, Hauptrichtung Nahrungs- und Genussmittel), Gruppe 47.2 (Einzelhandel mit Nahrungsmitteln …),
 * Klasse 47.81 (Einzelhandel an Verkaufsständen mit Nahrungs- und Genussmitteln), Abteilung 56 (Gastronomie).
 */
export function isFoodWz(wz: string): boolean {
  return /^(?:10|11|56)\.|^46\.3|^47\.11|^47\.2|^47\.81/.test(wz);
}

export function isFoodBusiness(d: GewerbeanzeigeData): boolean {
  return d.activity.food || (!!d.activity.wz2008 && isFoodWz(d.activity.wz2008));
}

function isCraft(d: GewerbeanzeigeData): boolean {
  return d.activity.craft !== 'keins';
}

const FORM_WORD: Record<GewerbeForm, string> = { GewA1: 'Anmeldung', GewA2: 'Ummeldung', GewA3: 'Abmeldung' };

// ---------------------------------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------------------------------

/**
 * The to-do list of a notice: the bodies it must be sent to, then the checks. In a stable order (the order of
 * § 3 GewAnzV, then the Finanzamt, then the checks), so a stored list can be compared with a recomputed one.
 */
export function recipientsFor(d: GewerbeanzeigeData, options: RecipientOptions = {}): RecipientTodo[] {
  const dir = { ...LINGEN_DIRECTORY, ...(options.directory ?? {}) };
  const waived = new Set(options.waived ?? []);
  const form = d.form;
  const word = FORM_WORD[form];
  const out: RecipientTodo[] = [];
  const transmit = (key: Exclude<RecipientKey, 'finanzamt'>, reason: string, reference: string, due: DueRule = 'unverzueglich', body = dir[key]) => {
    if (waived.has(key)) return;
    const fields = FIELDS[key][form];
    out.push({ kind: 'transmit', key, body, reason, reference, fields, fieldsText: fieldsText(fields, form), due });
  };

  const craft = isCraft(d);
  if (!craft || d.activity.craftAlsoNonCraft) {
    transmit(
      'ihk',
      craft
        ? `${word} eines Handwerksbetriebes mit nichthandwerklichem Betriebsteil (Zugehörigkeit auch zur IHK, § 2 Abs. 3 IHKG)`
        : `${word} eines nichthandwerklichen Gewerbes (Kammerzugehörigkeit, § 2 IHKG)`,
      '§ 14 Abs. 8 Satz 1 Nr. 1 GewO, § 3 Abs. 1 Nr. 1 GewAnzV',
    );
  }
  if (craft) {
    const anlage = d.activity.craft === 'A' ? 'Anlage A' : d.activity.craft === 'B1' ? 'Anlage B Abschnitt 1' : 'Anlage B Abschnitt 2';
    transmit(
      'hwk',
      `${word} eines Handwerks oder handwerksähnlichen Gewerbes (${anlage} HwO; Handwerksrolle bzw. Verzeichnis, §§ 6, 19 HwO)`,
      '§ 14 Abs. 8 Satz 1 Nr. 2 GewO, § 3 Abs. 1 Nr. 2 GewAnzV',
    );
  }
  transmit(
    'gewerbeaufsicht',
    `${word}: Immissionsschutz und Arbeitsschutz (in Niedersachsen beides beim Staatlichen Gewerbeaufsichtsamt)`,
    '§ 14 Abs. 8 Satz 1 Nr. 3 und 3a GewO, § 3 Abs. 1 Nr. 3 und 4 GewAnzV',
  );
  transmit('eichbehoerde', `${word}: Aufgaben nach dem Mess- und Eichgesetz`, '§ 14 Abs. 8 Satz 1 Nr. 4 GewO, § 3 Abs. 1 Nr. 5 GewAnzV');
  transmit(
    'arbeitsagentur',
    `${word}: Aufgaben nach § 405 Abs. 1 i. V. m. § 404 Abs. 2 SGB III und dem Arbeitnehmerüberlassungsgesetz`,
    '§ 14 Abs. 8 Satz 1 Nr. 5 GewO, § 3 Abs. 1 Nr. 6 GewAnzV',
  );
  transmit(
    'dguv',
    `${word}: zur Weiterleitung an die zuständige Berufsgenossenschaft`,
    '§ 14 Abs. 8 Satz 1 Nr. 6 GewO, § 3 Abs. 1 Nr. 7 GewAnzV',
  );
  const reg = d.business.register;
  if (form === 'GewA3' && reg && (reg.type === 'HRA' || reg.type === 'HRB' || reg.type === 'GnR')) {
    transmit(
      'registergericht',
      `Abmeldung einer im ${reg.type === 'GnR' ? 'Genossenschaftsregister' : 'Handelsregister'} eingetragenen Niederlassung (${registerText(reg)}): Richtigkeit des Registers (§ 388 Abs. 1 FamFG bzw. § 160 GenG)`,
      '§ 14 Abs. 8 Satz 1 Nr. 8 GewO, § 3 Abs. 1 Nr. 8 GewAnzV',
      'unverzueglich',
      options.directory?.registergericht ?? `${registerText(reg).split(',')[0]} – Registergericht`,
    );
  }
  if (isFoodBusiness(d)) {
    transmit(
      'lebensmittel',
      `${word} eines Betriebes mit Lebensmitteln${d.activity.food ? '' : ` (WZ 2008 ${d.activity.wz2008})`}: Lebensmittelüberwachung`,
      '§ 14 Abs. 8 Satz 1 Nr. 10 GewO, § 3 Abs. 1 Nr. 9 GewAnzV',
    );
  }
  transmit(
    'statistik',
    `${word}: Gewerbeanzeigenstatistik und Statistikregister`,
    `§ 14 Abs. 8 Satz 1 Nr. 9 und Abs. 13 GewO, § 3 Abs. 2 Nr. 3 Buchst. ${form === 'GewA1' ? 'a' : form === 'GewA2' ? 'b' : 'c'} GewAnzV`,
    'erster_arbeitstag_folgemonat',
  );
  if (form === 'GewA1' && d.customsIndications) {
    transmit(
      'zoll',
      'Anmeldung mit Anhaltspunkten für Verstöße gegen das Schwarzarbeitsbekämpfungsgesetz, § 404 Abs. 2 SGB III oder das Arbeitnehmerüberlassungsgesetz',
      '§ 14 Abs. 8 Satz 1 Nr. 7 GewO, § 3 Abs. 3 GewAnzV',
    );
  }
  const relocation = form === 'GewA2' && d.changes.relocation;
  if ((form === 'GewA1' || form === 'GewA3' || relocation) && !waived.has('finanzamt')) {
    const what = form === 'GewA1' ? 'Eröffnung' : form === 'GewA3' ? 'Aufgabe' : 'Verlegung';
    out.push({
      kind: 'transmit',
      key: 'finanzamt',
      body: dir.finanzamt,
      reason: `${what} eines gewerblichen Betriebes: Unterrichtung des nach § 22 Abs. 1 AO zuständigen Finanzamts`,
      reference: '§ 138 Abs. 1 Satz 1 und 4 AO, § 14 Abs. 8 Satz 2 GewO',
      fields: ALL,
      fieldsText: fieldsText(ALL, form),
      due: 'unverzueglich',
    });
  }

  // --- Checks.
  const a = d.activity;
  if (form !== 'GewA3' && a.permitRequired && !a.permit) {
    out.push({
      kind: 'check',
      key: 'erlaubnis',
      body: 'Zuständige Erlaubnisbehörde',
      reason:
        'Die Tätigkeit ist erlaubnispflichtig, eine Erlaubnis liegt nicht vor: Erlaubnis anfordern; ohne Zulassung kann die Fortsetzung des Betriebes verhindert werden.',
      reference: '§ 15 Abs. 2 GewO',
      due: 'unverzueglich',
    });
  }
  if (form !== 'GewA3' && a.craft === 'A' && !a.craftCard) {
    out.push({
      kind: 'check',
      key: 'handwerksrolle',
      body: dir.hwk,
      reason:
        'Zulassungspflichtiges Handwerk ohne Handwerkskarte: der selbständige Betrieb setzt die Eintragung in die Handwerksrolle voraus; Eintragung bei der Handwerkskammer klären.',
      reference: '§ 1 Abs. 1 HwO, § 16 Abs. 3 HwO',
      due: 'unverzueglich',
    });
  }
  if (form !== 'GewA3' && a.itinerant) {
    out.push({
      kind: 'check',
      key: 'reisegewerbe',
      body: `${LOCAL_DISTRICT.authority} – Gewerbebehörde`,
      reason:
        'Die Tätigkeit wird auch im Reisegewerbe ausgeübt: die Gewerbeanzeige ersetzt nicht die Reisegewerbekarte (sofern keine Ausnahme nach §§ 55a, 55b GewO greift).',
      reference: '§ 55 Abs. 2 GewO',
      due: 'unverzueglich',
    });
  }
  return out;
}

/**
 * The latest day a to-do must be done, where the law names one: for the statistical offices the first working day
 * of the month after the Empfangsbescheinigung (§ 3 Abs. 5 Satz 2 GewAnzV). "Unverzüglich" (without culpable
 * delay) names no day: null.
 */
export function latestDueDate(todo: Pick<RecipientTodo, 'due'>, certifiedOn: IsoDate): IsoDate | null {
  return todo.due === 'erster_arbeitstag_folgemonat' ? firstWorkingDayOfNextMonth(certifiedOn) : null;
}

export const DUE_RULE_LABELS: Record<DueRule, string> = {
  unverzueglich: 'unverzüglich nach der Empfangsbescheinigung',
  erster_arbeitstag_folgemonat: 'spätestens am ersten Arbeitstag des Folgemonats',
};
