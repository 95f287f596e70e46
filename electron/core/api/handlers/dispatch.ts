import { rulesFor } from '../../services';
import { getCaseDetail, getCaseRow, paidCents } from '../../cases/repository';
import { changeStatus } from '../../cases/status';
import { requireHolder } from '../../cases/assignment';
import { caseSteps, issueCaseOf, requireApproved } from '../../cases/service-case';
import { inTransaction } from '../../db/connection';
import { dispatchLogCsv, renderDispatchLogPdf, type DispatchLogEntry as LogDocEntry } from '../../documents/dispatch-log';
import { dispatchLog, getRun, listRuns } from '../../dispatch/queries';
import { normaliseRegisteredNumber } from '../../../../shared/domain/registered-mail';
import type { DispatchLogEntry } from '../../../../shared/domain/dispatch';
import type { HandlerContext, HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure, notFound } from '../errors';

function run(ctx: HandlerContext, runId: number) {
  const r = getRun(ctx.db, runId);
  if (!r) throw notFound('Der Druckauftrag');
  return r;
}

function siteName(ctx: HandlerContext, siteId: number): string {
  const s = ctx.db.prepare('SELECT name FROM sites WHERE id = ?').get(siteId) as { name: string } | undefined;
  if (!s) throw notFound('Der Standort');
  return s.name;
}

const toDocEntry = (e: DispatchLogEntry, i: number): LogDocEntry => ({
  number: i + 1,
  caseReference: e.reference,
  recipientName: e.recipientName,
  postalCode: e.postalCode,
  city: e.city,
  country: e.country,
  confidential: e.confidential,
  product: e.product,
  registeredNumber: e.registeredNumber,
  postageCents: e.postageCents,
  clerk: e.userName,
});

export const dispatchHandlers: Pick<
  HandlerMap,
  | 'cases.markReadyForPost'
  | 'dispatch.candidates'
  | 'dispatch.startRun'
  | 'dispatch.listRuns'
  | 'dispatch.getRun'
  | 'dispatch.pauseRun'
  | 'dispatch.resumeRun'
  | 'dispatch.cancelRun'
  | 'dispatch.reprintItem'
  | 'dispatch.log'
  | 'dispatch.logPdf'
  | 'dispatch.logCsv'
  | 'dispatch.setRegisteredNumber'
> = {
  'cases.markReadyForPost': (input, ctx) => {
    const user = requireUser(ctx);
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      requireHolder(ctx.db, row, user, ctx.clock.now().toISOString());
      if (row.delivery_method !== 'post') {
        throw new ApiFailure('CONFLICT', 'Ohne erfasste Gebühr können nur Vorgänge für den Postversand bereitgestellt werden.');
      }
      const rules = rulesFor(row.service_id);
      if (!rules) {
        throw new ApiFailure('CONFLICT', 'Für diese Leistung können noch keine Dokumente erstellt werden; der Vorgang kann nicht in den Postversand.');
      }
      requireApproved(caseSteps(ctx.db, row.id));
      // The store checks (register entry, voter, deadline …) before the case waits for the print run.
      const serviceCase = issueCaseOf(ctx.db, row);
      rules.checkApplication?.({ db: ctx.db, now: ctx.clock.now(), settings: ctx.settings(), user }, serviceCase.data, serviceCase.resident);
      changeStatus(ctx.db, row, 'ready', {
        userId: user.id,
        at: ctx.clock.now().toISOString(),
        action:
          paidCents(ctx.db, row.id).paid >= row.fee_cents
            ? 'Bereit zum Postversand (Gebühr bezahlt)'
            : 'Bereit zum Postversand (Gebühr wird mit dem Anschreiben angefordert)',
      });
    });
    ctx.auditSubject = `case:${input.caseId}`;
    return getCaseDetail(ctx.db, input.caseId, ctx.clock.now())!;
  },
  'dispatch.candidates': (input, ctx) => ctx.dispatch.candidates(input),
  'dispatch.startRun': (input, ctx) => run(ctx, ctx.dispatch.startRun(requireUser(ctx), input)),
  'dispatch.listRuns': (input, ctx) => listRuns(ctx.db, input.limit),
  'dispatch.getRun': (input, ctx) => run(ctx, input.runId),
  // Pause and cancel answer once the run's background work has stopped (after the chunk being printed).
  'dispatch.pauseRun': async (input, ctx) => {
    ctx.dispatch.pause(input.runId);
    await ctx.dispatch.settle(input.runId);
    return run(ctx, input.runId);
  },
  'dispatch.resumeRun': (input, ctx) => {
    ctx.dispatch.resume(input.runId, requireUser(ctx));
    return run(ctx, input.runId);
  },
  'dispatch.cancelRun': async (input, ctx) => {
    ctx.dispatch.cancel(input.runId, requireUser(ctx), input.reason);
    await ctx.dispatch.settle(input.runId);
    return run(ctx, input.runId);
  },
  // Not behind the edit lock: reprints belong to the print run (the post room's work), like the run itself.
  'dispatch.reprintItem': async (input, ctx) => {
    const item = ctx.db.prepare('SELECT run_id, case_id FROM print_run_items WHERE id = ?').get(input.itemId) as
      | { run_id: number; case_id: number }
      | undefined;
    if (!item) throw notFound('Der Druckposten');
    ctx.auditSubject = `case:${item.case_id}`;
    await ctx.dispatch.reprintItem(input.itemId, requireUser(ctx), input.reason);
    return run(ctx, item.run_id);
  },
  'dispatch.log': (input, ctx) => dispatchLog(ctx.db, input.date, input.siteId),
  'dispatch.logPdf': async (input, ctx) => {
    const entries = dispatchLog(ctx.db, input.date, input.siteId).map(toDocEntry);
    const pdf = await renderDispatchLogPdf(
      { date: input.date, site: siteName(ctx, input.siteId), entries },
      { resourcesDir: ctx.resourcesDir, letterhead: ctx.settings().letterhead },
    );
    return { pdfBase64: pdf.toString('base64') };
  },
  'dispatch.logCsv': (input, ctx) => {
    siteName(ctx, input.siteId);
    const entries = dispatchLog(ctx.db, input.date, input.siteId).map(toDocEntry);
    return { csv: dispatchLogCsv(entries), fileName: `postausgangsbuch-${input.date}-${input.siteId}.csv` };
  },
  'dispatch.setRegisteredNumber': (input, ctx) => {
    const row = ctx.db.prepare('SELECT case_id, dispatch_date, site_id, registered FROM dispatch_log WHERE id = ?').get(input.logId) as
      | { case_id: number | null; dispatch_date: string; site_id: number; registered: string | null }
      | undefined;
    if (!row) throw notFound('Der Eintrag im Postausgangsbuch');
    if (row.case_id === null) {
      throw new ApiFailure('CONFLICT', 'Der Vorgang zu diesem Brief wurde nach Ablauf der Aufbewahrungsfrist gelöscht.');
    }
    if (!row.registered) throw new ApiFailure('CONFLICT', 'Dieser Brief wurde nicht als Einschreiben versandt.');
    ctx.auditSubject = `case:${row.case_id}`;
    const number = normaliseRegisteredNumber(input.number);
    inTransaction(ctx.db, () => {
      ctx.db.prepare('UPDATE dispatch_log SET registered_number = ? WHERE id = ?').run(number, input.logId);
      ctx.db
        .prepare(`INSERT INTO case_history (case_id, at, user_id, action, details) VALUES (?, ?, ?, ?, ?)`)
        .run(row.case_id, ctx.clock.now().toISOString(), requireUser(ctx).id, `Einschreibennummer erfasst: ${number}`, null);
    });
    return dispatchLog(ctx.db, row.dispatch_date, row.site_id).find((e) => e.id === input.logId)!;
  },
};
