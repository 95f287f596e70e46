import { z } from 'zod';
import type { CaseDetail } from '../../domain/types';
import { ELECTION_KINDS } from '../../services/briefwahl/index';
import { INVALIDATION_REASONS, type InvalidationReason } from '../../services/briefwahl/rules';
import { ADMIN, op, STAFF, type OperationDef } from '../op';

/** An election as the counter and the Briefwahl screen show it. */
export interface ElectionSummary {
  key: string;
  name: string;
  kind: (typeof ELECTION_KINDS)[number];
  kindLabel: string;
  date: string;
  ballotsReady: boolean;
  wahlbezirke: { number: number; name: string }[];
  /** "Nur gültig für …" on the Wahlschein; null where none is printed. */
  constituency: { number: number | null; name: string } | null;
  /** "Freitag, 08.10.2027, 13:00 Uhr" with the basis. */
  deadlines: { application: string; late: string; replacement: string };
  voters: number;
  wahlscheine: { valid: number; invalid: number };
}

/** A voter of the Wählerverzeichnis (voter search at the counter). */
export interface VoterSummary {
  /** Wählerverzeichnis-Nr. */
  voterNumber: string;
  wahlbezirk: number;
  familyName: string;
  givenNames: string;
  birthDate: string;
  address: { street: string; houseNumber: string; postalCode: string; city: string };
  residentKennung: string | null;
  /** Vermerk "W". */
  markedW: boolean;
  /** The voter's valid Wahlschein, if any. */
  validWahlschein: string | null;
  /** Issued under § 25 Abs. 2 (no entry in the Wählerverzeichnis). */
  registerException: boolean;
}

/** A line of the Wahlscheinverzeichnis. */
export interface WahlscheinRow {
  number: string;
  wahlbezirk: number;
  voterNumber: string | null;
  familyName: string;
  givenNames: string;
  birthDate: string;
  address: string;
  issuedAt: string;
  delivery: string;
  deliveryDetail: string | null;
  registerException: boolean;
  state: 'valid' | 'invalid';
  invalidatedAt: string | null;
  invalidationReason: InvalidationReason | null;
  reasonText: string | null;
  /** The case that issued it, where known. */
  caseId: number | null;
  caseReference: string | null;
}

const electionKey = z.string().trim().min(1, 'Bitte die Wahl wählen.').max(63);

/**
 * An election as the administration enters it (Verwaltung → Wahlen). Checked in the core against
 * shared/services/briefwahl electionSchema, which gives the German messages with field paths; the deadlines follow
 * from the kind (rules.ts LEGAL_FRAMES) and are not entered.
 */
export const electionConfigInput = z.object({
  name: z.string(),
  kind: z.enum(ELECTION_KINDS, { error: 'Bitte die Art der Wahl wählen.' }),
  date: z.string(),
  constituency: z.object({ number: z.number().int().nullable(), name: z.string() }).nullable().default(null),
  wahlbezirke: z.array(z.object({ number: z.number().int(), name: z.string() })).max(999),
});
export type ElectionConfigInput = z.input<typeof electionConfigInput>;
const listKind = z.enum(['verzeichnis', 'ungueltig']);

/**
 * The operations of the Briefwahl service beyond the common case operations (spread into ../contract.ts); their
 * handlers live in electron/core/api/handlers/briefwahl.ts.
 */
export const briefwahlOps = {
  'briefwahl.elections': op<ElectionSummary[]>()({ input: z.object({}), access: STAFF, personal: false }),
  'briefwahl.searchVoters': op<VoterSummary[]>()({
    input: z.object({
      electionKey,
      familyName: z.string().trim().max(120).nullable().default(null),
      givenNames: z.string().trim().max(120).nullable().default(null),
      birthDate: z.string().trim().max(10).nullable().default(null),
      residentKennung: z.string().trim().max(40).nullable().default(null),
    }),
    access: STAFF,
    personal: true,
  }),
  'briefwahl.verzeichnis': op<{ election: ElectionSummary; rows: WahlscheinRow[] }>()({
    input: z.object({ electionKey, list: listKind.default('verzeichnis') }),
    access: STAFF,
    personal: true,
  }),
  'briefwahl.verzeichnisPdf': op<{ pdfBase64: string; fileName: string }>()({
    input: z.object({ electionKey, list: listKind }),
    access: STAFF,
    personal: true,
  }),
  'briefwahl.verzeichnisCsv': op<{ csv: string; fileName: string }>()({
    input: z.object({ electionKey, list: listKind }),
    access: STAFF,
    personal: true,
  }),
  'briefwahl.wahlschein': op<WahlscheinRow>()({
    input: z.object({ electionKey, number: z.string().trim().min(1).max(20) }),
    access: STAFF,
    personal: true,
  }),
  'briefwahl.invalidate': op<WahlscheinRow>()({
    input: z.object({
      electionKey,
      number: z.string().trim().min(1).max(20),
      reason: z.enum(INVALIDATION_REASONS, { error: 'Bitte den Grund wählen.' }),
      reasonText: z.string().trim().min(5, 'Bitte kurz begründen (mindestens 5 Zeichen).').max(500),
    }),
    access: STAFF,
    personal: true,
  }),
  /**
   * The proxy collecting at the counter presents the voter's written Vollmacht and confirms in writing to act for at
   * most four voters (recorded on the case before the Wahlschein is printed; online applications name the proxy only).
   */
  'briefwahl.recordProxyVollmacht': op<CaseDetail>()({
    input: z.object({ caseId: z.number().int().positive(), vollmachtPresent: z.boolean(), confirmsAtMostFourVoters: z.boolean() }),
    access: STAFF,
    personal: true,
  }),
  /** Verwaltung → Wahlen: a new election; `key` is the identifier applications carry ("kw-2026-lingen"). */
  'briefwahl.createElection': op<ElectionSummary>()({
    input: electionConfigInput.extend({ key: z.string().trim(), ballotsReady: z.boolean().default(false) }),
    access: ADMIN,
    personal: false,
  }),
  /** Changes an election's configuration; refused once a Wahlschein is issued (the key never changes). */
  'briefwahl.updateElection': op<ElectionSummary>()({
    input: electionConfigInput.extend({ electionKey }),
    access: ADMIN,
    personal: false,
  }),
  /** "Stimmzettel liegen vor": only then are Wahlscheine issued. May be switched at any time. */
  'briefwahl.setBallotsReady': op<ElectionSummary>()({
    input: z.object({ electionKey, ready: z.boolean() }),
    access: ADMIN,
    personal: false,
  }),
  /** Imports the Wählerverzeichnis from CSV (all or nothing; "Zeile N: …"); voters are matched by Wählerverzeichnis-Nr. */
  'briefwahl.importVoters': op<{ imported: number; updated: number; election: ElectionSummary }>()({
    input: z.object({ electionKey, csv: z.string().min(1, 'Die Datei ist leer.').max(50_000_000, 'Die Datei ist zu groß (höchstens 50 MB).') }),
    access: ADMIN,
    personal: true,
  }),
} as const satisfies Record<string, OperationDef>;
