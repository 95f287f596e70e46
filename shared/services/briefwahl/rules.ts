/**
 * Rules of the Briefwahl service: deadlines (computed in Europe/Berlin), the admissibility check of an application,
 * Wahlschein numbers, the "W" mark in the Wählerverzeichnis and the invalidation of a Wahlschein. Pure logic, no I/O:
 * what the Wählerverzeichnis and the Wahlscheinverzeichnis hold is passed in by the core.
 *
 * Legal frame per kind of election (LEGAL_FRAMES; an election's `overrides` win):
 *
 * | kind         | Ordnung | application deadline          | late deadline (§ 25 Abs. 2, illness) | replacement          |
 * |--------------|---------|-------------------------------|--------------------------------------|----------------------|
 * | bundestag    | BWO     | 2nd day before, 15:00 (§ 27 Abs. 4 Satz 1) | election day 15:00 (§ 27 Abs. 4 Satz 2, 3) | day before 12:00 (§ 28) |
 * | europawahl   | EuWO    | 2nd day before, 15:00         | election day 15:00                   | day before 12:00     |
 * | landtag      | NLWO    | 2nd day before, 13:00 (*)     | election day 15:00                   | day before 12:00     |
 * | kommunalwahl | NKWO    | 2nd day before, 13:00 (§ 23 Abs. 5 Satz 1) | election day 15:00 (§ 23 Abs. 5 Satz 2, 3) | day before 12:00 (**) |
 *
 * (*) Niedersachsen's Landtag elections: the municipalities announced Friday 13:00 for 2017 and 2022 (NLWO); the
 *     paragraph is to be confirmed. (**) As BWO; NKWO's own rule for replacements is to be confirmed — set
 *     `overrides.replacementDeadline` where it differs.
 *
 * Citations: checked against the published text — BWO § 25 Abs. 1/2, § 26 (Anlage 9), § 27 Abs. 1 (no telephone),
 * Abs. 3 (Vollmacht), Abs. 4 (deadlines: 15 Uhr in the current text, as for the Bundestagswahl 2025; earlier 18 Uhr); EuWO § 24
 * Abs. 2; NKWO § 23 Abs. 1, 3, 5 and § 24 Abs. 1, 2, 5; NKWG § 19 Abs. 2; NLWO § 20, § 22 Abs. 1, 2, 5. Given without
 * a paragraph number where not checked: the sub-paragraphs of § 28 BWO (Vollmacht for collecting, replacement, lists,
 * notice to the home address), the EuWO numbers other than § 24, the NLWO paragraph of the 13:00 deadline, NKWO's rules
 * on replacement and on collecting for others.
 *
 * A deadline "bis 15 Uhr" includes 15:00:00: an application received at 15:00:00.000 is in time, one received a
 * millisecond later is not. Received means received by the office (the time stamp of the case; for letters the day's
 * post-opening time stamp) — the core passes it in.
 */
import {
  APPLICATION_CHANNELS,
  REFUSED_CHANNELS,
  REFUSED_CHANNEL_MESSAGES,
  REGISTER_EXCEPTION_LABELS,
  type ApplicationChannel,
  type BriefwahlData,
  type DeadlineRule,
  type Election,
  type ElectionKind,
  type ProxyData,
  type RefusedChannel,
} from './index';
import { foldForSearch } from '../../domain/names';

// ---------------------------------------------------------------------------------------------------------------
// Europe/Berlin wall-clock time
// ---------------------------------------------------------------------------------------------------------------

const BERLIN_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const BERLIN_WEEKDAY = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'long' });

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function berlinWallClock(at: Date): WallClock {
  const p: Record<string, string> = {};
  for (const part of BERLIN_PARTS.formatToParts(at)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** Offset of Europe/Berlin from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function berlinOffsetMs(at: Date): number {
  const w = berlinWallClock(at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the clocks in Europe/Berlin show `time` ("HH:MM") on `isoDay` ("YYYY-MM-DD"). The offset is
 * that of the target instant, not of "now" or of midnight, so a deadline on the day of a DST change is right.
 * A time in the spring gap (02:00–03:00 on the last Sunday of March) does not exist; it is taken as the instant one
 * hour later on the clock (03:xx CEST). A time in the autumn overlap (02:00–03:00 twice) is taken the first time.
 */
export function berlinWallTime(isoDay: string, time: string): Date {
  const [y, mo, d] = isoDay.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // Berlin is UTC+1 (CET) or UTC+2 (CEST): the instant is naive − 2 h or naive − 1 h, whichever shows the wall
  // time; the earlier one first (the first occurrence in the autumn overlap).
  for (const t of [naive - 2 * 3_600_000, naive - 3_600_000]) {
    const w = berlinWallClock(new Date(t));
    if (w.year === y && w.month === mo && w.day === d && w.hour === h && w.minute === mi) return new Date(t);
  }
  // In the spring gap: the clock jumps from 02:00 CET to 03:00 CEST; count with the offset before the change.
  return new Date(naive - 3_600_000);
}

/** Calendar arithmetic on "YYYY-MM-DD" (no time zone involved). */
export function shiftIsoDay(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "27.03.2026" in Europe/Berlin. */
export function berlinDayText(at: Date): string {
  const w = berlinWallClock(at);
  return `${pad2(w.day)}.${pad2(w.month)}.${w.year}`;
}

/** "Freitag, 27.03.2026, 15:00 Uhr" in Europe/Berlin. */
export function berlinDateTimeText(at: Date): string {
  const w = berlinWallClock(at);
  return `${BERLIN_WEEKDAY.format(at)}, ${pad2(w.day)}.${pad2(w.month)}.${w.year}, ${pad2(w.hour)}:${pad2(w.minute)} Uhr`;
}

/** "Sonntag, 29.03.2026" for an ISO day. */
export function isoDayText(isoDay: string, withWeekday = true): string {
  const [y, m, d] = isoDay.split('-');
  const noon = berlinWallTime(isoDay, '12:00');
  return `${withWeekday ? `${BERLIN_WEEKDAY.format(noon)}, ` : ''}${d}.${m}.${y}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Legal frame per kind of election
// ---------------------------------------------------------------------------------------------------------------

export interface LegalFrame {
  /** "BWO", "EuWO", "NLWO", "NKWO". */
  ordnung: string;
  /** The model of the Wahlschein. */
  wahlscheinModel: string;
  applicationDeadline: DeadlineRule & { basis: string };
  /** For § 25 Abs. 2 cases and sudden illness. */
  lateDeadline: DeadlineRule & { basis: string };
  replacementDeadline: DeadlineRule & { basis: string };
  channelBasis: string;
  representativeBasis: string;
  /** A representative's application needs the Vollmacht in writing on paper: e-mail, fax and online are not enough. */
  representativeOnPaperOnly: boolean;
  proxyBasis: string;
  registerBasis: string;
  registerExceptionBasis: string;
  /** The ballots must exist before a Wahlschein is issued. */
  issueBasis: string;
  replacementBasis: string;
  /** One Wahlschein per voter; the Wahlscheinverzeichnis and the list of invalidated Wahlscheine. */
  listsBasis: string;
  /** Vermerk "W" in the Wählerverzeichnis. */
  markBasis: string;
  /** Seal printed, signature replaced by the printed name on machine-made Wahlscheine. */
  machineMadeBasis: string;
  /** "Nur gültig für den Wahlkreis" (+ " 31 Mittelems"), and the reference back to it: "im oben genannten Wahlkreis". */
  constituency: { validFor: string; ref: string };
  /** Addressee of the Versicherung an Eides statt, in the dative: "dem Kreiswahlleiter". */
  declarationAddressee: string;
  /** With a Wahlschein one votes by post or in any polling station of the constituency, or by post only. */
  votingWith: 'any_polling_station_or_post' | 'post_only';
}

export const LEGAL_FRAMES: Record<ElectionKind, LegalFrame> = {
  bundestag: {
    ordnung: 'BWO',
    wahlscheinModel: 'Anlage 9 BWO',
    applicationDeadline: { daysBefore: 2, time: '15:00', basis: '§ 27 Abs. 4 Satz 1 BWO' },
    lateDeadline: { daysBefore: 0, time: '15:00', basis: '§ 27 Abs. 4 Satz 2 und 3 BWO' },
    replacementDeadline: { daysBefore: 1, time: '12:00', basis: '§ 28 BWO' },
    channelBasis: '§ 27 Abs. 1 BWO',
    representativeBasis: '§ 27 Abs. 3 BWO',
    representativeOnPaperOnly: false,
    proxyBasis: '§ 28 BWO',
    registerBasis: '§ 25 Abs. 1 BWO',
    registerExceptionBasis: '§ 25 Abs. 2 BWO',
    issueBasis: '§ 28 BWO',
    replacementBasis: '§ 28 BWO',
    listsBasis: '§ 28 BWO',
    markBasis: '§ 30 BWO',
    machineMadeBasis: '§ 28 BWO',
    constituency: { validFor: 'Nur gültig für den Wahlkreis', ref: 'im oben genannten Wahlkreis' },
    declarationAddressee: 'dem Kreiswahlleiter',
    votingWith: 'any_polling_station_or_post',
  },
  europawahl: {
    ordnung: 'EuWO',
    wahlscheinModel: 'Muster der EuWO',
    applicationDeadline: { daysBefore: 2, time: '15:00', basis: 'EuWO (Wahlscheinanträge)' },
    lateDeadline: { daysBefore: 0, time: '15:00', basis: 'EuWO (Wahlscheinanträge)' },
    replacementDeadline: { daysBefore: 1, time: '12:00', basis: 'EuWO (Erteilung von Wahlscheinen)' },
    channelBasis: 'EuWO (Wahlscheinanträge)',
    representativeBasis: 'EuWO (Wahlscheinanträge)',
    representativeOnPaperOnly: false,
    proxyBasis: 'EuWO (Erteilung von Wahlscheinen)',
    registerBasis: '§ 24 Abs. 1 EuWO',
    registerExceptionBasis: '§ 24 Abs. 2 EuWO',
    issueBasis: 'EuWO (Erteilung von Wahlscheinen)',
    replacementBasis: 'EuWO (Erteilung von Wahlscheinen)',
    listsBasis: 'EuWO (Erteilung von Wahlscheinen)',
    markBasis: 'EuWO (Vermerk im Wählerverzeichnis)',
    machineMadeBasis: 'EuWO (Erteilung von Wahlscheinen)',
    constituency: { validFor: 'Nur gültig für', ref: 'im oben genannten Kreis bzw. in der oben genannten kreisfreien Stadt' },
    declarationAddressee: 'dem Kreiswahlleiter',
    votingWith: 'any_polling_station_or_post',
  },
  landtag: {
    ordnung: 'NLWO',
    wahlscheinModel: 'Muster 4 NLWO',
    applicationDeadline: { daysBefore: 2, time: '13:00', basis: 'NLWO (Wahlscheinanträge)' },
    lateDeadline: { daysBefore: 0, time: '15:00', basis: 'NLWO (Wahlscheinanträge)' },
    replacementDeadline: { daysBefore: 1, time: '12:00', basis: 'NLWO (Erteilung von Wahlscheinen)' },
    channelBasis: 'NLWO (Wahlscheinanträge)',
    representativeBasis: 'NLWO (Wahlscheinanträge)',
    representativeOnPaperOnly: false,
    proxyBasis: '§ 22 Abs. 5 NLWO',
    registerBasis: 'NLWG / NLWO (Wählerverzeichnis)',
    registerExceptionBasis: 'NLWO (Wahlschein ohne Eintragung im Wählerverzeichnis)',
    issueBasis: '§ 22 Abs. 1 NLWO',
    replacementBasis: 'NLWO (Erteilung von Wahlscheinen)',
    listsBasis: 'NLWO (Wahlscheinverzeichnis)',
    markBasis: 'NLWO (Vermerk im Wählerverzeichnis)',
    machineMadeBasis: '§ 22 Abs. 2 NLWO',
    constituency: { validFor: 'Nur gültig für den Wahlkreis', ref: 'im oben genannten Wahlkreis' },
    declarationAddressee: 'der Kreiswahlleitung',
    votingWith: 'any_polling_station_or_post',
  },
  kommunalwahl: {
    ordnung: 'NKWO',
    wahlscheinModel: 'Anlage 4 NKWO',
    applicationDeadline: { daysBefore: 2, time: '13:00', basis: '§ 23 Abs. 5 Satz 1 NKWO' },
    lateDeadline: { daysBefore: 0, time: '15:00', basis: '§ 23 Abs. 5 Satz 2 und 3 NKWO' },
    replacementDeadline: { daysBefore: 1, time: '12:00', basis: '§ 24 NKWO' },
    channelBasis: '§ 23 Abs. 1 Satz 3 NKWO',
    representativeBasis: '§ 23 Abs. 3 NKWO',
    representativeOnPaperOnly: true,
    proxyBasis: '§ 24 NKWO',
    registerBasis: '§ 19 NKWG',
    registerExceptionBasis: '§ 19 Abs. 2 NKWG',
    issueBasis: '§ 24 Abs. 1 Satz 1 NKWO',
    replacementBasis: '§ 24 NKWO',
    listsBasis: '§§ 26, 27 NKWO',
    markBasis: '§ 28 NKWO',
    machineMadeBasis: '§ 24 Abs. 2 NKWO',
    constituency: { validFor: 'Nur gültig für den Wahlbereich', ref: 'im oben genannten Wahlbereich' },
    declarationAddressee: 'der Gemeindewahlleitung',
    // § 30 Satz 2 NKWO: with a Wahlschein only by post when Abgeordnete are elected.
    votingWith: 'post_only',
  },
};

export function legalFrame(election: Pick<Election, 'kind'>): LegalFrame {
  return LEGAL_FRAMES[election.kind];
}

// ---------------------------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------------------------

export interface Deadline {
  /** The instant (UTC inside, Europe/Berlin on the clock). */
  at: Date;
  /** Calendar day in Europe/Berlin, "YYYY-MM-DD". */
  day: string;
  /** "HH:MM" on the clock in Europe/Berlin. */
  time: string;
  /** "Freitag, 27.03.2026, 15:00 Uhr". */
  text: string;
  basis: string;
}

type ElectionForDeadline = Pick<Election, 'kind' | 'date'> & { overrides?: Election['overrides'] };

function deadline(election: ElectionForDeadline, rule: DeadlineRule, basis: string): Deadline {
  const day = shiftIsoDay(election.date, -rule.daysBefore);
  const at = berlinWallTime(day, rule.time);
  return { at, day, time: rule.time, text: berlinDateTimeText(at), basis };
}

/**
 * Last moment to apply: the second day before the election at 15:00 (BWO § 27 Abs. 4, EuWO) or 13:00 (NKWO
 * § 23 Abs. 5, NLWO) — for a Sunday election, the Friday.
 */
export function applicationDeadline(election: ElectionForDeadline): Deadline {
  const f = legalFrame(election);
  const o = election.overrides?.applicationDeadline;
  return deadline(election, o ?? f.applicationDeadline, o ? `${f.applicationDeadline.basis}, abweichend eingestellt` : f.applicationDeadline.basis);
}

/** Sudden illness (and the § 25 Abs. 2 cases): election day, 15:00. */
export function suddenIllnessDeadline(election: ElectionForDeadline): Deadline {
  const f = legalFrame(election);
  const o = election.overrides?.lateDeadline;
  return deadline(election, o ?? f.lateDeadline, o ? `${f.lateDeadline.basis}, abweichend eingestellt` : f.lateDeadline.basis);
}

/** A new Wahlschein for one that did not arrive: until the day before the election, 12:00. */
export function replacementDeadline(election: ElectionForDeadline): Deadline {
  const f = legalFrame(election);
  const o = election.overrides?.replacementDeadline;
  return deadline(election, o ?? f.replacementDeadline, o ? `${f.replacementDeadline.basis}, abweichend eingestellt` : f.replacementDeadline.basis);
}

/** The three deadlines of an election, for the election screen. */
export function electionDeadlines(election: ElectionForDeadline): { application: Deadline; late: Deadline; replacement: Deadline } {
  return {
    application: applicationDeadline(election),
    late: suddenIllnessDeadline(election),
    replacement: replacementDeadline(election),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Wahlschein numbers
// ---------------------------------------------------------------------------------------------------------------

/**
 * Wahlschein numbers: "WS <Wahlbezirk, 3 digits>-<running number within the Wahlbezirk, 4 digits>", e.g.
 * "WS 012-0001" for the first Wahlschein of Wahlbezirk 12. Unique within one election (the store keys them by
 * election and number); the Wahlbezirk is the voter's (Wählerverzeichnis) or, under § 25 Abs. 2, the intended one.
 * Numbers are never reused: a replacement gets the next free number; the invalidated one stays in the
 * Wahlscheinverzeichnis and in the list of invalidated Wahlscheine. The number is printed on the Wahlschein and
 * may be printed on the Wahlbriefumschlag.
 */
export const WAHLSCHEIN_PREFIX = 'WS';
const NUMBER_RE = /^WS (\d{3})-(\d{4})$/;

export function formatWahlscheinNumber(wahlbezirk: number, sequence: number): string {
  if (!Number.isInteger(wahlbezirk) || wahlbezirk < 1 || wahlbezirk > 999) {
    throw new RangeError(`Wahlbezirk ${wahlbezirk}: erlaubt sind 1 bis 999.`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) {
    throw new RangeError(`Laufende Nummer ${sequence} im Wahlbezirk ${wahlbezirk}: erlaubt sind 1 bis 9999.`);
  }
  return `${WAHLSCHEIN_PREFIX} ${String(wahlbezirk).padStart(3, '0')}-${String(sequence).padStart(4, '0')}`;
}

export function parseWahlscheinNumber(s: string): { wahlbezirk: number; sequence: number } | null {
  const m = NUMBER_RE.exec(s.trim());
  if (!m) return null;
  const wahlbezirk = Number(m[1]);
  const sequence = Number(m[2]);
  if (wahlbezirk < 1 || sequence < 1) return null;
  return { wahlbezirk, sequence };
}

/** The next number for a Wahlbezirk, given every number already issued in the election (valid or invalidated). */
export function nextWahlscheinNumber(wahlbezirk: number, issued: Iterable<string>): string {
  let max = 0;
  for (const n of issued) {
    const p = parseWahlscheinNumber(n);
    if (p && p.wahlbezirk === wahlbezirk) max = Math.max(max, p.sequence);
  }
  return formatWahlscheinNumber(wahlbezirk, max + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Register facts passed in by the core
// ---------------------------------------------------------------------------------------------------------------

/** The voter's entry in the Wählerverzeichnis of the election. */
export interface VoterRegisterEntry {
  /** Wählerverzeichnis-Nr. (running number within the Wahlbezirk's Wählerverzeichnis). */
  voterNumber: string;
  wahlbezirk: number;
  familyName: string;
  givenNames: string;
  birthDate: string;
  /** Struck from the Wählerverzeichnis (moved away, died, lost the right to vote). */
  struck?: boolean;
}

export const INVALIDATION_REASONS = ['not_received', 'wahlrecht_entfallen', 'other'] as const;
export type InvalidationReason = (typeof INVALIDATION_REASONS)[number];
export const INVALIDATION_REASON_LABELS: Record<InvalidationReason, string> = {
  not_received: 'Nicht zugegangen (Ersatz-Wahlschein erteilt)',
  wahlrecht_entfallen: 'Wahlrecht entfallen / aus dem Wählerverzeichnis gestrichen',
  other: 'Sonstiger Grund',
};

/** A Wahlschein already issued to the voter for this election. */
export interface WahlscheinRecord {
  number: string;
  issuedAt: Date;
  /** Set once the Wahlschein is declared invalid. */
  invalidatedAt: Date | null;
  invalidationReason?: InvalidationReason | null;
}

/** The mark in the Wählerverzeichnis (§ 30 BWO, § 28 NKWO). */
export const WAHLSCHEIN_MARK = 'W';

/**
 * "W" once any Wahlschein has been issued to the voter — it stays when the Wahlschein is later declared invalid: the
 * voter may then only vote with a (new) Wahlschein, never on the Wählerverzeichnis entry alone.
 */
export function voterMark(records: readonly WahlscheinRecord[]): typeof WAHLSCHEIN_MARK | null {
  return records.length > 0 ? WAHLSCHEIN_MARK : null;
}

/** The valid Wahlschein of a voter, if any (there is at most one). */
export function validWahlschein(records: readonly WahlscheinRecord[]): WahlscheinRecord | null {
  return records.find((r) => r.invalidatedAt === null) ?? null;
}

/** Key to count the voters a proxy collects for (same person: same folded names and birth date). */
export function proxyKey(p: Pick<ProxyData, 'familyName' | 'givenNames' | 'birthDate'>): string {
  return `${foldForSearch(p.familyName)}|${foldForSearch(p.givenNames)}|${p.birthDate}`;
}

/** At most four voters per proxy (§ 28 BWO, § 22 Abs. 5 NLWO). */
export const MAX_VOTERS_PER_PROXY = 4;

// ---------------------------------------------------------------------------------------------------------------
// The check of an application
// ---------------------------------------------------------------------------------------------------------------

export type FindingCode =
  | 'channel_refused'
  | 'not_registered'
  | 'struck_from_register'
  | 'identity_mismatch'
  | 'register_exception_not_needed'
  | 'register_exception'
  | 'unknown_wahlbezirk'
  | 'already_valid_wahlschein'
  | 'earlier_wahlschein_invalidated'
  | 'replacement_old_still_valid'
  | 'replacement_nothing_to_replace'
  | 'replacement_lost'
  | 'replacement_no_assurance'
  | 'replacement_after_deadline'
  | 'after_deadline'
  | 'late_application'
  | 'sudden_illness_not_declared'
  | 'representative_without_vollmacht'
  | 'representative_not_on_paper'
  | 'proxy_without_vollmacht'
  | 'proxy_without_confirmation'
  | 'proxy_limit'
  | 'ballots_not_ready'
  | 'notice_to_home_address'
  | 'postal_too_late';

export interface Finding {
  code: FindingCode;
  /** German, for the clerk and for a refusal letter. */
  message: string;
  basis: string;
}

export interface ApplicationCheck {
  /** Admissible: record the application (and issue the Wahlschein when `issuable`). False when `reasons` is non-empty. */
  ok: boolean;
  /** A Wahlschein can be issued now. */
  issuable: boolean;
  /** Why the application is refused. */
  reasons: Finding[];
  /** Admissible but not issuable yet (ballots not ready). */
  holds: Finding[];
  /** Things the clerk must do or know (notice to the home address, § 25 Abs. 2 list, late application). */
  notices: Finding[];
  /** The deadline that applies to this application. */
  deadline: Deadline;
}

/** The application as received: the channel may be one the schema refuses (a telephone call noted by the clerk). */
export type BriefwahlApplication = Omit<BriefwahlData, 'channel'> & { channel: ApplicationChannel | RefusedChannel };

export interface ApplicationContext {
  election: Election;
  /** When the application reached the office. */
  receivedAt: Date;
  /** The voter's entry in the Wählerverzeichnis, or null when none was found. */
  voter: VoterRegisterEntry | null;
  /** Wahlscheine already issued to this voter for this election. */
  wahlscheine: readonly WahlscheinRecord[];
  /** For delivery by proxy: how many OTHER voters this proxy already collects for in this election (proxyKey). */
  proxyOtherVoters?: number;
}

function receivedText(at: Date): string {
  return berlinDateTimeText(at);
}

/**
 * Checks an application against the Wahlordnung of its election. Every refusal reason is listed (not only the
 * first), in German with its legal basis. Ballots not yet printed do not refuse the application: it is recorded,
 * and the Wahlschein is issued once `election.ballotsReady`.
 */
export function checkApplication(app: BriefwahlApplication, ctx: ApplicationContext): ApplicationCheck {
  const { election, receivedAt } = ctx;
  const f = legalFrame(election);
  const reasons: Finding[] = [];
  const holds: Finding[] = [];
  const notices: Finding[] = [];
  const add = (list: Finding[], code: FindingCode, message: string, basis: string) => list.push({ code, message, basis });

  // --- Channel.
  if ((REFUSED_CHANNELS as readonly string[]).includes(app.channel)) {
    add(reasons, 'channel_refused', REFUSED_CHANNEL_MESSAGES[app.channel as RefusedChannel], f.channelBasis);
  } else if (!(APPLICATION_CHANNELS as readonly string[]).includes(app.channel)) {
    add(reasons, 'channel_refused', `Unbekannter Antragsweg „${String(app.channel)}“.`, f.channelBasis);
  }

  // --- Representative (someone applied for the voter).
  if (app.representative) {
    const who = `${app.representative.givenNames} ${app.representative.familyName}`;
    if (!app.representative.vollmachtPresent) {
      add(
        reasons,
        'representative_without_vollmacht',
        `Der Antrag wurde von ${who} für die wahlberechtigte Person gestellt, aber ohne schriftliche Vollmacht. Wer den Antrag für eine andere Person stellt, muss seine Berechtigung durch eine schriftliche Vollmacht nachweisen.`,
        f.representativeBasis,
      );
    } else if (f.representativeOnPaperOnly && (app.channel === 'email' || app.channel === 'fax' || app.channel === 'online')) {
      add(
        reasons,
        'representative_not_on_paper',
        `Für die ${election.name} kann ein Antrag für eine andere Person nicht per E-Mail, Telefax oder online gestellt werden; die Vollmacht ist schriftlich im Original vorzulegen (persönlich oder per Post).`,
        f.representativeBasis,
      );
    }
  }

  // --- Wählerverzeichnis (§ 25 BWO).
  const registered = ctx.voter !== null && !ctx.voter.struck;
  if (!registered) {
    if (app.registerException) {
      add(
        notices,
        'register_exception',
        `Wahlschein ohne Eintragung im Wählerverzeichnis (${f.registerExceptionBasis}): ${REGISTER_EXCEPTION_LABELS[app.registerException.ground]}. Im Wahlscheinverzeichnis getrennt führen; vorgesehener Wahlbezirk ${app.registerException.intendedWahlbezirk}.`,
        f.registerExceptionBasis,
      );
      if (!election.wahlbezirke.some((w) => w.number === app.registerException!.intendedWahlbezirk)) {
        add(
          reasons,
          'unknown_wahlbezirk',
          `Der vorgesehene Wahlbezirk ${app.registerException.intendedWahlbezirk} gehört nicht zur ${election.name}.`,
          f.registerExceptionBasis,
        );
      }
    } else if (ctx.voter?.struck) {
      add(
        reasons,
        'struck_from_register',
        'Die Person ist im Wählerverzeichnis gestrichen (z. B. nach Wegzug) und kann hier keinen Wahlschein erhalten. ' +
          `Ausnahmen nach ${f.registerExceptionBasis} prüfen.`,
        f.registerBasis,
      );
    } else {
      add(
        reasons,
        'not_registered',
        'Die Person ist nicht im Wählerverzeichnis eingetragen. Einen Wahlschein erhält nur, wer im Wählerverzeichnis steht – ' +
          `ohne Eintragung nur in den Ausnahmefällen des ${f.registerExceptionBasis}: Frist zur Aufnahme oder zum Einspruch ohne Verschulden versäumt, ` +
          'Recht zur Teilnahme erst nach Ablauf dieser Fristen entstanden, oder Wahlrecht im Einspruchsverfahren festgestellt und erst nach Abschluss des Wählerverzeichnisses bekannt geworden.',
        f.registerBasis,
      );
    }
  } else {
    if (ctx.voter!.birthDate !== app.voter.birthDate) {
      add(
        reasons,
        'identity_mismatch',
        `Das Geburtsdatum im Antrag (${isoDayText(app.voter.birthDate, false)}) stimmt nicht mit dem Wählerverzeichnis überein. Bitte die Angaben mit der antragstellenden Person klären.`,
        f.registerBasis,
      );
    }
    if (app.registerException) {
      add(
        notices,
        'register_exception_not_needed',
        `Die Person ist im Wählerverzeichnis eingetragen; die Ausnahme nach ${f.registerExceptionBasis} wird nicht gebraucht und nicht vermerkt.`,
        f.registerBasis,
      );
    }
  }

  // --- Existing Wahlscheine: one valid Wahlschein per voter; replacements.
  const valid = validWahlschein(ctx.wahlscheine);
  const invalidated = ctx.wahlscheine.filter((w) => w.invalidatedAt !== null);
  const replacementDl = replacementDeadline(election);
  if (!app.replacement) {
    if (valid) {
      add(
        reasons,
        'already_valid_wahlschein',
        `Für diese Person wurde bereits der Wahlschein ${valid.number} am ${berlinDayText(valid.issuedAt)} erteilt; je Person gibt es nur einen gültigen Wahlschein.`,
        f.listsBasis,
      );
    } else if (invalidated.length > 0) {
      const last = invalidated[invalidated.length - 1]!;
      add(
        reasons,
        'earlier_wahlschein_invalidated',
        `Der Wahlschein ${last.number} dieser Person wurde am ${berlinDayText(last.invalidatedAt!)} für ungültig erklärt. Ein neuer Wahlschein ist nur als Ersatz möglich (Antrag als Ersatz-Wahlschein erfassen).`,
        f.replacementBasis,
      );
    }
  } else {
    if (ctx.wahlscheine.length === 0) {
      add(
        reasons,
        'replacement_nothing_to_replace',
        'Für diese Person wurde noch kein Wahlschein erteilt; es gibt nichts zu ersetzen. Bitte als gewöhnlichen Antrag erfassen.',
        f.replacementBasis,
      );
    }
    if (app.replacement.reason === 'lost') {
      add(
        reasons,
        'replacement_lost',
        'Verlorene Wahlscheine werden nicht ersetzt. Ein neuer Wahlschein ist nur möglich, wenn glaubhaft versichert wird, dass der beantragte Wahlschein nicht zugegangen ist.',
        f.replacementBasis,
      );
    } else if (!app.replacement.credibleAssurance) {
      add(
        reasons,
        'replacement_no_assurance',
        'Für einen Ersatz-Wahlschein muss die wahlberechtigte Person glaubhaft versichern, dass ihr der beantragte Wahlschein nicht zugegangen ist.',
        f.replacementBasis,
      );
    }
    if (valid) {
      add(
        reasons,
        'replacement_old_still_valid',
        `Der bisherige Wahlschein ${valid.number} ist noch gültig. Er muss zuerst für ungültig erklärt werden (Verzeichnis der für ungültig erklärten Wahlscheine); erst dann kann ein neuer Wahlschein erteilt werden.`,
        f.replacementBasis,
      );
    }
    if (receivedAt.getTime() > replacementDl.at.getTime()) {
      add(
        reasons,
        'replacement_after_deadline',
        `Ein neuer Wahlschein für einen nicht zugegangenen kann nur bis ${replacementDl.text} erteilt werden; der Antrag ist am ${receivedText(receivedAt)} eingegangen.`,
        replacementDl.basis,
      );
    }
  }

  // --- Deadlines (a replacement has its own, checked above).
  const regular = applicationDeadline(election);
  const late = suddenIllnessDeadline(election);
  let applied: Deadline = app.replacement ? replacementDl : regular;
  if (!app.replacement && receivedAt.getTime() > regular.at.getTime()) {
    const exception = !registered && !!app.registerException;
    const illness = !!app.suddenIllness;
    if ((exception || illness) && receivedAt.getTime() <= late.at.getTime()) {
      applied = late;
      if (illness && !app.suddenIllness!.declaredInWriting) {
        add(
          reasons,
          'sudden_illness_not_declared',
          `Nach Ablauf der Antragsfrist (${regular.text}) ist ein Antrag wegen plötzlicher Erkrankung nur möglich, wenn die Erkrankung nachgewiesen bzw. von der wahlberechtigten Person schriftlich erklärt ist.`,
          late.basis,
        );
      } else {
        add(
          notices,
          'late_application',
          `Antrag nach der regulären Frist (${regular.text}) ${illness ? `wegen plötzlicher Erkrankung („${app.suddenIllness!.reason}“)` : `nach ${f.registerExceptionBasis}`}: zulässig bis ${late.text}.`,
          late.basis,
        );
      }
    } else if ((exception || illness) && receivedAt.getTime() > late.at.getTime()) {
      applied = late;
      add(
        reasons,
        'after_deadline',
        `Der Antrag ist am ${receivedText(receivedAt)} eingegangen. Auch in diesem Ausnahmefall konnte ein Wahlschein nur bis ${late.text} beantragt werden.`,
        late.basis,
      );
    } else {
      add(
        reasons,
        'after_deadline',
        `Der Antrag ist am ${receivedText(receivedAt)} eingegangen, nach Ablauf der Antragsfrist am ${regular.text}. ` +
          `Danach ist ein Wahlschein nur noch bis ${late.text} bei nachgewiesener plötzlicher Erkrankung oder in den Fällen des ${f.registerExceptionBasis} möglich.`,
        regular.basis,
      );
    }
  }

  // --- Delivery.
  const d = app.delivery;
  if (d.kind === 'pickup_by_proxy') {
    const p = d.proxy;
    const who = `${p.givenNames} ${p.familyName}`;
    if (!p.vollmachtPresent) {
      add(
        reasons,
        'proxy_without_vollmacht',
        `${who} kann die Unterlagen nur mit einer schriftlichen Vollmacht der wahlberechtigten Person abholen; die Vollmacht liegt nicht vor.`,
        f.proxyBasis,
      );
    }
    if (!p.confirmsAtMostFourVoters) {
      add(
        reasons,
        'proxy_without_confirmation',
        `${who} muss vor der Abholung schriftlich versichern, nicht mehr als ${MAX_VOTERS_PER_PROXY} Wahlberechtigte zu vertreten.`,
        f.proxyBasis,
      );
    }
    const others = ctx.proxyOtherVoters ?? 0;
    if (others >= MAX_VOTERS_PER_PROXY) {
      add(
        reasons,
        'proxy_limit',
        `${who} holt bereits für ${others} andere Wahlberechtigte Unterlagen ab; eine bevollmächtigte Person darf nicht mehr als ${MAX_VOTERS_PER_PROXY} Wahlberechtigte vertreten.`,
        f.proxyBasis,
      );
    }
  }
  if (d.kind === 'other_address') {
    add(
      notices,
      'notice_to_home_address',
      'Die Unterlagen gehen an eine andere als die Wohnanschrift: an die Wohnanschrift ist zugleich eine Mitteilung über die Versendung zu schicken.',
      f.listsBasis,
    );
  }
  if ((d.kind === 'home' || d.kind === 'other_address') && receivedAt.getTime() > regular.at.getTime() && reasons.length === 0) {
    add(
      notices,
      'postal_too_late',
      'Per Post erreichen die Unterlagen die wahlberechtigte Person vor dem Wahltag kaum noch: Abholung durch die Person selbst oder eine bevollmächtigte Person anbieten.',
      late.basis,
    );
  }

  // --- Ballots.
  if (!election.ballotsReady) {
    add(
      holds,
      'ballots_not_ready',
      'Die Stimmzettel liegen noch nicht vor. Der Antrag wird erfasst; der Wahlschein kann erst erteilt werden, wenn die Stimmzettel da sind.',
      f.issueBasis,
    );
  }

  const ok = reasons.length === 0;
  return { ok, issuable: ok && holds.length === 0, reasons, holds, notices, deadline: applied };
}

/**
 * At the counter, before the documents are handed to a proxy: the Vollmacht, the written confirmation and the
 * limit of four voters (the same findings as checkApplication's, for the moment of the hand-over).
 */
export function checkProxyHandover(
  proxy: Pick<ProxyData, 'familyName' | 'givenNames' | 'vollmachtPresent' | 'confirmsAtMostFourVoters'>,
  proxyOtherVoters: number,
  election: Pick<Election, 'kind'>,
): Finding[] {
  const f = legalFrame(election);
  const out: Finding[] = [];
  const who = `${proxy.givenNames} ${proxy.familyName}`;
  if (!proxy.vollmachtPresent) {
    out.push({
      code: 'proxy_without_vollmacht',
      message: `${who} kann die Unterlagen nur mit einer schriftlichen Vollmacht der wahlberechtigten Person abholen; die Vollmacht liegt nicht vor.`,
      basis: f.proxyBasis,
    });
  }
  if (!proxy.confirmsAtMostFourVoters) {
    out.push({
      code: 'proxy_without_confirmation',
      message: `${who} muss vor der Abholung schriftlich versichern, nicht mehr als ${MAX_VOTERS_PER_PROXY} Wahlberechtigte zu vertreten.`,
      basis: f.proxyBasis,
    });
  }
  if (proxyOtherVoters >= MAX_VOTERS_PER_PROXY) {
    out.push({
      code: 'proxy_limit',
      message: `${who} holt bereits für ${proxyOtherVoters} andere Wahlberechtigte Unterlagen ab; eine bevollmächtigte Person darf nicht mehr als ${MAX_VOTERS_PER_PROXY} Wahlberechtigte vertreten.`,
      basis: f.proxyBasis,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Invalidation
// ---------------------------------------------------------------------------------------------------------------

/**
 * May this Wahlschein be declared invalid now? Refusals in German; empty when it may. A Wahlschein declared invalid
 * because it did not arrive is replaced, so that invalidation has the replacement deadline; one whose holder lost
 * the right to vote can be declared invalid until the polls close (18:00 on election day).
 */
export function checkInvalidation(
  record: WahlscheinRecord,
  reason: InvalidationReason,
  at: Date,
  election: Election,
): Finding[] {
  const f = legalFrame(election);
  const out: Finding[] = [];
  if (record.invalidatedAt) {
    out.push({
      code: 'earlier_wahlschein_invalidated',
      message: `Der Wahlschein ${record.number} wurde bereits am ${berlinDayText(record.invalidatedAt)} für ungültig erklärt.`,
      basis: f.listsBasis,
    });
  }
  if (reason === 'not_received') {
    const dl = replacementDeadline(election);
    if (at.getTime() > dl.at.getTime()) {
      out.push({
        code: 'replacement_after_deadline',
        message: `Ein nicht zugegangener Wahlschein kann nur bis ${dl.text} ersetzt werden; danach wird er nicht mehr für ungültig erklärt, weil kein neuer erteilt werden kann.`,
        basis: dl.basis,
      });
    }
  } else {
    const close = berlinWallTime(election.date, '18:00');
    if (at.getTime() > close.getTime()) {
      out.push({
        code: 'after_deadline',
        message: `Die Wahlzeit ist am ${berlinDateTimeText(close)} abgelaufen; der Wahlschein kann nicht mehr für ungültig erklärt werden.`,
        basis: f.listsBasis,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------------------------------------------

export interface DispatchPlan {
  /** 'post': sent by mail; 'counter': handed to the voter; 'proxy': handed to the proxy. */
  method: 'post' | 'counter' | 'proxy';
  /** Sent as official election mail (Vermerk "Amtliche Wahlunterlagen", envelope.ts officialElectionMail). */
  officialElectionMail: boolean;
  /** The municipality pays the postage of the dispatch; the voter never pays (free of charge). */
  postagePaidByMunicipality: boolean;
  /** Where the documents go by post. */
  recipient: 'home' | 'other_address' | null;
  /** A notice letter to the home address is due (renderWahlscheinNotice). */
  homeNotice: boolean;
}

export function dispatchPlan(delivery: BriefwahlData['delivery']): DispatchPlan {
  switch (delivery.kind) {
    case 'home':
      return { method: 'post', officialElectionMail: true, postagePaidByMunicipality: true, recipient: 'home', homeNotice: false };
    case 'other_address':
      return { method: 'post', officialElectionMail: true, postagePaidByMunicipality: true, recipient: 'other_address', homeNotice: true };
    case 'pickup_in_person':
      return { method: 'counter', officialElectionMail: false, postagePaidByMunicipality: false, recipient: null, homeNotice: false };
    case 'pickup_by_proxy':
      return { method: 'proxy', officialElectionMail: false, postagePaidByMunicipality: false, recipient: null, homeNotice: false };
  }
}
