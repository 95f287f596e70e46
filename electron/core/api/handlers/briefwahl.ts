import type { briefwahlOps, ElectionSummary, VoterSummary, WahlscheinRow } from '../../../../shared/api/ops/briefwahl';
import { ELECTION_KIND_LABELS } from '../../../../shared/services/briefwahl/index';
import { INVALIDATION_REASON_LABELS, checkInvalidation, electionDeadlines } from '../../../../shared/services/briefwahl/rules';
import { requireHolder } from '../../cases/assignment';
import { addHistory } from '../../cases/history';
import { getCaseDetail, getCaseRow } from '../../cases/repository';
import { inTransaction, sql, type Db } from '../../db/connection';
import { berlinIsoDay } from '../../../../shared/domain/berlin-time';
import {
  renderUngueltigeWahlscheine,
  renderWahlscheinverzeichnis,
  ungueltigeWahlscheineCsv,
  wahlscheinverzeichnisCsv,
  type WahlscheinListEntry,
} from '../../documents/wahlscheinverzeichnis';
import { electionSchema, type ElectionInput } from '../../../../shared/services/briefwahl/index';
import type { ElectionConfigInput } from '../../../../shared/api/ops/briefwahl';
import type { z } from 'zod';
import {
  CsvImportError,
  ElectionError,
  countVoters,
  countWahlscheine,
  createElection,
  importVoterRegisterCsv,
  setBallotsReady,
  updateElection,
  getElectionByKey,
  getWahlschein,
  invalidateWahlschein,
  isExceptionVoter,
  listElections,
  searchVoters,
  validWahlscheinOf,
  wahlscheinverzeichnis,
  type ElectionRecord,
  type WahlscheinEntry,
} from '../../registers/elections';
import type { HandlerContext, HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure, notFound } from '../errors';

function electionByKey(ctx: HandlerContext, key: string): ElectionRecord {
  const e = getElectionByKey(ctx.db, key);
  if (!e) throw new ApiFailure('NOT_FOUND', `Die Wahl „${key}“ ist nicht angelegt.`, [{ path: 'electionKey', message: 'Unbekannte Wahl.' }]);
  return e;
}

function summary(db: Db, e: ElectionRecord): ElectionSummary {
  const d = electionDeadlines(e.config);
  const counts = sql(db, `SELECT state, count(*) AS n FROM wahlscheine WHERE election_id = ? GROUP BY state`).all(e.id) as { state: string; n: number }[];
  return {
    key: e.key,
    name: e.name,
    kind: e.kind,
    kindLabel: ELECTION_KIND_LABELS[e.kind],
    date: e.date,
    ballotsReady: e.ballotsReady,
    wahlbezirke: e.config.wahlbezirke.map((w) => ({ number: w.number, name: w.name })),
    constituency: e.config.constituency ? { number: e.config.constituency.number, name: e.config.constituency.name } : null,
    deadlines: {
      application: `${d.application.text} (${d.application.basis})`,
      late: `${d.late.text} (${d.late.basis})`,
      replacement: `${d.replacement.text} (${d.replacement.basis})`,
    },
    voters: countVoters(db, e.id),
    wahlscheine: {
      valid: counts.find((c) => c.state === 'valid')?.n ?? 0,
      invalid: counts.find((c) => c.state === 'invalid')?.n ?? 0,
    },
  };
}

const DELIVERY_LABELS = {
  home: 'Post an Wohnanschrift',
  other_address: 'Post an andere Anschrift',
  pickup_in_person: 'Persönlich abgeholt',
  pickup_by_proxy: 'Abgeholt durch Bevollmächtigte(n)',
} as const;

function deliveryDetail(w: WahlscheinEntry): string | null {
  const d = w.delivery;
  if (d?.kind === 'pickup_by_proxy') return `${d.proxy.givenNames} ${d.proxy.familyName}`;
  if (d?.kind === 'other_address') return `${d.address.postalCode} ${d.address.city}${d.address.country !== 'DE' ? ` (${d.address.country})` : ''}`.trim();
  return null;
}

/** The case whose document carries each Wahlschein-Nr. of the election. */
function casesByNumber(db: Db, electionKey: string): Map<string, { id: number; reference: string }> {
  const rows = sql(
    db,
    `SELECT json_extract(d.facts, '$.wahlscheinNumber') AS number, c.id, c.reference
     FROM documents d JOIN cases c ON c.id = d.case_id
     WHERE d.doc_type = 'wahlschein' AND json_extract(d.facts, '$.electionKey') = ?`,
  ).all(electionKey) as { number: string; id: number; reference: string }[];
  return new Map(rows.map((r) => [r.number, { id: r.id, reference: r.reference }]));
}

function addressOf(db: Db, voterId: number): string {
  const v = sql(db, 'SELECT street, house_number, postal_code, city FROM voter_register WHERE id = ?').get(voterId) as {
    street: string;
    house_number: string;
    postal_code: string;
    city: string;
  };
  return `${v.street} ${v.house_number}, ${v.postal_code} ${v.city}`.replace(/\s+/g, ' ').trim();
}

function rowOf(db: Db, w: WahlscheinEntry, cases: Map<string, { id: number; reference: string }>): WahlscheinRow {
  const exception = isExceptionVoter(w);
  const c = cases.get(w.number);
  return {
    number: w.number,
    wahlbezirk: w.wahlbezirk,
    voterNumber: exception ? null : w.voterNumber,
    familyName: w.familyName,
    givenNames: w.givenNames,
    birthDate: w.birthDate,
    address: addressOf(db, w.voterId),
    issuedAt: w.issuedAt,
    delivery: w.delivery ? DELIVERY_LABELS[w.delivery.kind] : '',
    deliveryDetail: deliveryDetail(w),
    registerException: exception,
    state: w.state,
    invalidatedAt: w.invalidatedAt,
    invalidationReason: w.reason,
    reasonText: w.reasonText,
    caseId: c?.id ?? null,
    caseReference: c?.reference ?? null,
  };
}

function rowsOf(db: Db, e: ElectionRecord, list: 'verzeichnis' | 'ungueltig'): WahlscheinRow[] {
  const cases = casesByNumber(db, e.key);
  return wahlscheinverzeichnis(db, e.id)
    .filter((w) => list === 'verzeichnis' || w.state === 'invalid')
    .map((w) => rowOf(db, w, cases));
}

function listEntry(w: WahlscheinEntry, db: Db): WahlscheinListEntry {
  return {
    number: w.number,
    wahlbezirk: w.wahlbezirk,
    voterNumber: isExceptionVoter(w) ? null : w.voterNumber,
    familyName: w.familyName,
    givenNames: w.givenNames,
    birthDate: w.birthDate,
    address: addressOf(db, w.voterId),
    issuedAt: new Date(w.issuedAt),
    delivery: w.delivery?.kind ?? 'pickup_in_person',
    deliveryDetail: deliveryDetail(w),
    registerException: isExceptionVoter(w),
    invalidatedAt: w.invalidatedAt ? new Date(w.invalidatedAt) : null,
    invalidationReason: w.reason,
  };
}

function fileName(e: ElectionRecord, list: 'verzeichnis' | 'ungueltig', at: Date, ext: string): string {
  const what = list === 'verzeichnis' ? 'wahlscheinverzeichnis' : 'ungueltige-wahlscheine';
  return `${what}-${e.key}-${berlinIsoDay(at)}.${ext}`;
}

const FIELD_LABELS: Record<string, string> = {
  key: 'Kennung',
  name: 'Name der Wahl',
  kind: 'Art der Wahl',
  date: 'Wahltag',
  wahlbezirke: 'Wahlbezirke',
  constituency: 'Wahlkreis/Wahlbereich',
};

/** zod's own messages are English; the schema's custom ones are German already. */
function germanIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') return issue.origin === 'string' ? `Mindestens ${String(issue.minimum)} Zeichen.` : issue.message;
  if (issue.code === 'too_big') return issue.origin === 'string' ? `Höchstens ${String(issue.maximum)} Zeichen.` : issue.message;
  if (issue.code === 'invalid_type') return 'Bitte ausfüllen.';
  return issue.message;
}

/** Checks an election entered in the administration; German messages with field paths (ApiFailure INVALID_INPUT). */
function checkElectionConfig(key: string, input: ElectionConfigInput, ballotsReady: boolean, today: string): ElectionInput {
  const candidate = {
    id: key,
    name: input.name.trim(),
    kind: input.kind,
    date: input.date.trim(),
    constituency: input.constituency && (input.constituency.name.trim() || input.constituency.number !== null) ? input.constituency : null,
    wahlbezirke: input.wahlbezirke,
    ballotsReady,
  };
  const parsed = electionSchema.safeParse(candidate);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => {
      const path = i.path.map(String);
      if (path[0] === 'id') path[0] = 'key';
      return { path: path.join('.'), message: germanIssue(i) };
    });
    const first = fields[0]!;
    const label = FIELD_LABELS[first.path.split('.')[0]!] ?? first.path;
    const where = /^wahlbezirke\.(\d+)/.exec(first.path);
    const prefix = where ? `Wahlbezirk in Zeile ${Number(where[1]) + 1}` : label;
    throw new ApiFailure('INVALID_INPUT', first.message.startsWith(`${label}:`) ? first.message : `${prefix}: ${first.message}`, fields);
  }
  if (parsed.data.date < today) {
    throw new ApiFailure('INVALID_INPUT', 'Der Wahltag liegt in der Vergangenheit. Bitte den Tag der Wahl angeben.', [
      { path: 'date', message: 'Der Wahltag liegt in der Vergangenheit.' },
    ]);
  }
  return candidate;
}

function electionFailure(err: unknown): never {
  if (err instanceof ElectionError) {
    if (err.code === 'duplicate_key') throw new ApiFailure('CONFLICT', err.message, [{ path: 'key', message: err.message }]);
    if (err.code === 'invalid_config') throw new ApiFailure('INVALID_INPUT', err.message);
    throw new ApiFailure('CONFLICT', err.message);
  }
  throw err;
}

function logElection(ctx: HandlerContext, what: string, e: ElectionRecord) {
  ctx.log(`briefwahl: ${what} election ${e.key}`);
}

export const briefwahlHandlers: Pick<HandlerMap, keyof typeof briefwahlOps> = {
  'briefwahl.elections': (_input, ctx) => listElections(ctx.db).map((e) => summary(ctx.db, e)),

  'briefwahl.searchVoters': (input, ctx) => {
    const e = electionByKey(ctx, input.electionKey);
    const voters = searchVoters(ctx.db, e.id, input);
    return voters.map(
      (v): VoterSummary => ({
        voterNumber: v.voterNumber,
        wahlbezirk: v.wahlbezirk,
        familyName: v.familyName,
        givenNames: v.givenNames,
        birthDate: v.birthDate,
        address: v.address,
        residentKennung: v.residentKennung,
        markedW: v.markedW,
        validWahlschein: validWahlscheinOf(ctx.db, v.id)?.number ?? null,
        registerException: isExceptionVoter(v),
      }),
    );
  },

  'briefwahl.verzeichnis': (input, ctx) => {
    const e = electionByKey(ctx, input.electionKey);
    return { election: summary(ctx.db, e), rows: rowsOf(ctx.db, e, input.list) };
  },

  'briefwahl.verzeichnisPdf': async (input, ctx) => {
    const e = electionByKey(ctx, input.electionKey);
    const now = ctx.clock.now();
    const all = wahlscheinverzeichnis(ctx.db, e.id).map((w) => listEntry(w, ctx.db));
    const docInput = { election: e.config, entries: all, asOf: now };
    const docCtx = { resourcesDir: ctx.resourcesDir, letterhead: ctx.settings().letterhead };
    const pdf = input.list === 'verzeichnis' ? await renderWahlscheinverzeichnis(docInput, docCtx) : await renderUngueltigeWahlscheine(docInput, docCtx);
    return { pdfBase64: pdf.toString('base64'), fileName: fileName(e, input.list, now, 'pdf') };
  },

  'briefwahl.verzeichnisCsv': (input, ctx) => {
    const e = electionByKey(ctx, input.electionKey);
    const all = wahlscheinverzeichnis(ctx.db, e.id).map((w) => listEntry(w, ctx.db));
    const csv = input.list === 'verzeichnis' ? wahlscheinverzeichnisCsv(all, e.config) : ungueltigeWahlscheineCsv(all);
    return { csv, fileName: fileName(e, input.list, ctx.clock.now(), 'csv') };
  },

  'briefwahl.wahlschein': (input, ctx) => {
    const e = electionByKey(ctx, input.electionKey);
    const w = wahlscheinverzeichnis(ctx.db, e.id).find((x) => x.number === input.number);
    if (!w) throw new ApiFailure('NOT_FOUND', `Den Wahlschein „${input.number}“ gibt es für diese Wahl nicht.`);
    const row = rowOf(ctx.db, w, casesByNumber(ctx.db, e.key));
    if (row.caseId) ctx.auditSubject = `case:${row.caseId}`;
    return row;
  },

  'briefwahl.recordProxyVollmacht': (input, ctx) => {
    const user = requireUser(ctx);
    ctx.auditSubject = `case:${input.caseId}`;
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row || row.service_id !== 'briefwahl') throw notFound('Der Briefwahlantrag');
      const at = ctx.clock.now().toISOString();
      requireHolder(ctx.db, row, user, at);
      if (!['new', 'in_progress', 'waiting', 'ready'].includes(row.status)) {
        throw new ApiFailure('CONFLICT', 'Die Vollmacht wird vor dem Druck des Wahlscheins erfasst; dieser Vorgang ist bereits weiter.');
      }
      const data = JSON.parse(row.data) as { delivery?: { kind?: string; proxy?: { givenNames: string; familyName: string } } };
      if (data.delivery?.kind !== 'pickup_by_proxy' || !data.delivery.proxy) {
        throw new ApiFailure('CONFLICT', 'Bei diesem Antrag holt keine bevollmächtigte Person die Unterlagen ab.');
      }
      sql(
        ctx.db,
        `UPDATE cases SET data = json_set(data, '$.delivery.proxy.vollmachtPresent', json(?), '$.delivery.proxy.confirmsAtMostFourVoters', json(?)),
           updated_at = ? WHERE id = ?`,
      ).run(String(input.vollmachtPresent), String(input.confirmsAtMostFourVoters), at, row.id);
      const p = data.delivery.proxy;
      addHistory(ctx.db, {
        caseId: row.id,
        at,
        userId: user.id,
        action: `Abholung durch ${p.givenNames} ${p.familyName}: schriftliche Vollmacht ${input.vollmachtPresent ? 'liegt vor' : 'fehlt'}, Versicherung (höchstens vier Wahlberechtigte) ${input.confirmsAtMostFourVoters ? 'liegt vor' : 'fehlt'}`,
      });
    });
    const d = getCaseDetail(ctx.db, input.caseId, ctx.clock.now());
    if (!d) throw notFound('Der Vorgang');
    return d;
  },

  'briefwahl.invalidate': (input, ctx) => {
    const user = requireUser(ctx);
    const e = electionByKey(ctx, input.electionKey);
    const now = ctx.clock.now();
    return inTransaction(ctx.db, () => {
      const ws = getWahlschein(ctx.db, e.id, input.number);
      if (!ws) throw new ApiFailure('NOT_FOUND', `Den Wahlschein „${input.number}“ gibt es für diese Wahl nicht.`);
      const refusals = checkInvalidation(
        { number: ws.number, issuedAt: new Date(ws.issuedAt), invalidatedAt: ws.invalidatedAt ? new Date(ws.invalidatedAt) : null },
        input.reason,
        now,
        e.config,
      );
      if (refusals.length > 0) throw new ApiFailure('CONFLICT', refusals.map((r) => r.message).join(' '));
      try {
        invalidateWahlschein(ctx.db, e.id, ws.number, { now: now.toISOString(), reason: input.reason, reasonText: input.reasonText });
      } catch (err) {
        if (err instanceof ElectionError) throw new ApiFailure('CONFLICT', err.message);
        throw err;
      }
      const c = casesByNumber(ctx.db, e.key).get(ws.number);
      if (c) {
        ctx.auditSubject = `case:${c.id}`;
        addHistory(ctx.db, {
          caseId: c.id,
          at: now.toISOString(),
          userId: user.id,
          action: `Wahlschein ${ws.number} für ungültig erklärt: ${INVALIDATION_REASON_LABELS[input.reason]}`,
          reason: input.reasonText,
        });
      }
      const entry = wahlscheinverzeichnis(ctx.db, e.id).find((x) => x.number === ws.number)!;
      return rowOf(ctx.db, entry, casesByNumber(ctx.db, e.key));
    });
  },

  'briefwahl.createElection': (input, ctx) => {
    requireUser(ctx);
    const now = ctx.clock.now();
    const config = checkElectionConfig(input.key, input, input.ballotsReady, berlinIsoDay(now));
    let e: ElectionRecord;
    try {
      e = createElection(ctx.db, config, now.toISOString());
    } catch (err) {
      electionFailure(err);
    }
    logElection(ctx, 'created', e);
    return summary(ctx.db, e);
  },

  'briefwahl.updateElection': (input, ctx) => {
    requireUser(ctx);
    const current = electionByKey(ctx, input.electionKey);
    const now = ctx.clock.now();
    const issued = countWahlscheine(ctx.db, current.id);
    if (issued > 0) {
      throw new ApiFailure(
        'CONFLICT',
        `Für die Wahl „${current.name}“ sind bereits ${issued} Wahlschein(e) erteilt; Name, Art, Wahltag und Wahlbezirke können nicht mehr geändert werden. Nur „Stimmzettel liegen vor“ lässt sich noch umstellen.`,
      );
    }
    const config = checkElectionConfig(current.key, input, current.ballotsReady, berlinIsoDay(now));
    let e: ElectionRecord;
    try {
      e = updateElection(ctx.db, current.id, { ...config, overrides: current.config.overrides }, now.toISOString());
    } catch (err) {
      electionFailure(err);
    }
    logElection(ctx, 'updated', e);
    return summary(ctx.db, e);
  },

  'briefwahl.setBallotsReady': (input, ctx) => {
    requireUser(ctx);
    const current = electionByKey(ctx, input.electionKey);
    const e = setBallotsReady(ctx.db, current.id, input.ready, ctx.clock.now().toISOString());
    logElection(ctx, input.ready ? 'ballots ready for' : 'ballots not ready for', e);
    return summary(ctx.db, e);
  },

  'briefwahl.importVoters': (input, ctx) => {
    requireUser(ctx);
    const e = electionByKey(ctx, input.electionKey);
    if (e.date < berlinIsoDay(ctx.clock.now())) {
      throw new ApiFailure('CONFLICT', `Die Wahl „${e.name}“ hat bereits stattgefunden; ihr Wählerverzeichnis wird nicht mehr geändert.`);
    }
    try {
      const result = importVoterRegisterCsv(ctx.db, e.id, input.csv);
      ctx.log(`briefwahl: voter register of ${e.key} imported (${result.imported} new, ${result.updated} updated)`);
      return { ...result, election: summary(ctx.db, getElectionByKey(ctx.db, e.key)!) };
    } catch (err) {
      if (err instanceof CsvImportError) throw new ApiFailure('INVALID_INPUT', err.message);
      return electionFailure(err);
    }
  },
};
