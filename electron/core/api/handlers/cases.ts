import { z } from 'zod';
import { findService } from '../../../../shared/services';
import { requireHolder } from '../../cases/assignment';
import { addHistory } from '../../cases/history';
import { initialDeadlines } from '../../cases/deadlines';
import { issueDocument, previewDocument, type IssueDeps } from '../../cases/issue';
import { getCaseDetail, getCaseRow, insertCase, listCases, paidCents } from '../../cases/repository';
import { changeStatus } from '../../cases/status';
import { berlinYear, nextNumber } from '../../db/counters';
import { inTransaction } from '../../db/connection';
import { getResident } from '../../registers/residents';
import { rulesFor } from '../../services';
import type { HandlerContext, HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure, notFound } from '../errors';

function detail(ctx: HandlerContext, caseId: number) {
  const d = getCaseDetail(ctx.db, caseId, ctx.clock.now());
  if (!d) throw notFound('Der Vorgang');
  ctx.auditSubject = `case:${caseId}`;
  return d;
}

function issueDeps(ctx: HandlerContext): IssueDeps {
  return {
    db: ctx.db,
    clock: ctx.clock,
    resourcesDir: ctx.resourcesDir,
    settings: ctx.settings(),
    printerFor: ctx.printerFor,
    renderer: ctx.renderer,
    log: ctx.log,
  };
}

const fullName = (r: { familyName: string; givenNames: string; doctoralDegree: string | null }) =>
  [r.doctoralDegree, r.givenNames, r.familyName].filter(Boolean).join(' ');

export const caseHandlers: Pick<
  HandlerMap,
  | 'cases.list'
  | 'cases.get'
  | 'cases.createWalkIn'
  | 'cases.transition'
  | 'cases.recordPayment'
  | 'cases.previewDocument'
  | 'cases.issue'
  | 'cases.handOver'
  | 'documents.get'
> = {
  'cases.list': (input, ctx) => {
    const user = requireUser(ctx);
    return listCases(ctx.db, input, { userId: user.id, siteId: user.siteId }, ctx.clock.now());
  },
  'cases.get': (input, ctx) => detail(ctx, input.caseId),

  'cases.createWalkIn': (input, ctx) => {
    const user = requireUser(ctx);
    const service = findService(input.serviceId);
    const rules = rulesFor(input.serviceId);
    if (!service || !rules) throw new ApiFailure('INVALID_INPUT', 'Diese Leistung gibt es nicht.', [{ path: 'serviceId', message: 'Unbekannte Leistung.' }]);
    if (!service.channels.includes('walk_in')) throw new ApiFailure('INVALID_INPUT', 'Diese Leistung wird nicht am Schalter angeboten.');
    const parsed = service.dataSchema.safeParse(input.data);
    if (!parsed.success) {
      const fields = (parsed.error as z.ZodError).issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message }));
      throw new ApiFailure('INVALID_INPUT', fields[0]?.message ?? 'Ungültige Angaben.', fields);
    }
    const data = parsed.data as Record<string, unknown>;
    const resident = getResident(ctx.db, input.residentId);
    if (!resident) throw notFound('Die Person');
    rules.checkResident(resident, data);
    const fee = rules.fee(data, ctx.settings());
    const caseId = inTransaction(ctx.db, () => {
      const at = ctx.clock.now().toISOString();
      const reference = nextNumber(ctx.db, 'BB', berlinYear(ctx.clock.now()));
      const deadlines = initialDeadlines(ctx.db, service.id, new Date(at));
      const id = insertCase(ctx.db, {
        ...deadlines,
        reference,
        serviceId: service.id,
        channel: 'walk_in',
        siteId: user.siteId,
        residentId: resident.id,
        applicantName: fullName(resident),
        data,
        deliveryMethod: input.deliveryMethod,
        registered: input.registered,
        feeCents: fee,
        userId: user.id,
        at,
      });
      addHistory(ctx.db, {
        caseId: id,
        at,
        userId: user.id,
        action: `Vorgang angelegt (Vorsprache): ${service.shortName}`,
        toStatus: 'new',
        details: { data, feeCents: fee },
      });
      changeStatus(ctx.db, { id, status: 'new' }, 'in_progress', { userId: user.id, at, action: 'Bearbeitung begonnen' });
      return id;
    });
    return detail(ctx, caseId);
  },

  'cases.transition': (input, ctx) => {
    const user = requireUser(ctx);
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      requireHolder(ctx.db, row, user, ctx.clock.now().toISOString());
      changeStatus(ctx.db, row, input.to, { userId: user.id, at: ctx.clock.now().toISOString(), reason: input.reason ?? null });
    });
    return detail(ctx, input.caseId);
  },

  'cases.recordPayment': (input, ctx) => {
    const user = requireUser(ctx);
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      requireHolder(ctx.db, row, user, ctx.clock.now().toISOString());
      if (row.status !== 'in_progress') {
        throw new ApiFailure('CONFLICT', 'Die Gebühr kann nur für einen Vorgang in Bearbeitung erfasst werden.');
      }
      if (paidCents(ctx.db, row.id).count > 0) throw new ApiFailure('CONFLICT', 'Die Gebühr ist bereits erfasst.');
      const amount = input.method === 'free' ? 0 : row.fee_cents;
      if (input.method !== 'free' && amount === 0) {
        throw new ApiFailure('INVALID_INPUT', 'Der Vorgang ist gebührenfrei; bitte „Gebührenfrei“ mit Grund wählen.', [
          { path: 'method', message: 'Gebührenfrei wählen.' },
        ]);
      }
      const at = ctx.clock.now().toISOString();
      const receipt = nextNumber(ctx.db, 'Q', berlinYear(ctx.clock.now()));
      ctx.db
        .prepare(
          'INSERT INTO payments (case_id, receipt_number, method, amount_cents, free_reason, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(row.id, receipt, input.method, amount, input.method === 'free' ? input.freeReason! : null, at, user.id);
      addHistory(ctx.db, {
        caseId: row.id,
        at,
        userId: user.id,
        action: `Gebühr erfasst: Quittung ${receipt}`,
        reason: input.method === 'free' ? input.freeReason! : null,
        details: { method: input.method, amountCents: amount, receiptNumber: receipt },
      });
      changeStatus(ctx.db, row, 'ready', { userId: user.id, at, action: 'Bereit zur Ausstellung' });
    });
    return detail(ctx, input.caseId);
  },

  'cases.previewDocument': async (input, ctx) => {
    ctx.auditSubject = `case:${input.caseId}`;
    const pdf = await previewDocument(issueDeps(ctx), input.caseId, requireUser(ctx));
    return { pdfBase64: pdf.toString('base64') };
  },

  'cases.issue': async (input, ctx) => {
    ctx.auditSubject = `case:${input.caseId}`;
    const user = requireUser(ctx);
    // The edit lock is checked (or the case claimed) before printing; printing itself runs outside a transaction.
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      requireHolder(ctx.db, row, user, ctx.clock.now().toISOString());
    });
    await issueDocument(issueDeps(ctx), input.caseId, user);
    return detail(ctx, input.caseId);
  },

  'cases.handOver': (input, ctx) => {
    const user = requireUser(ctx);
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      requireHolder(ctx.db, row, user, ctx.clock.now().toISOString());
      if (row.delivery_method === 'post') {
        throw new ApiFailure('CONFLICT', 'Dieser Vorgang ist für den Postversand bestimmt und wird nicht am Schalter ausgehändigt.');
      }
      const at = ctx.clock.now().toISOString();
      changeStatus(ctx.db, row, 'handed_over', { userId: user.id, at, action: 'Dokument ausgehändigt' });
      changeStatus(ctx.db, row, 'closed', { userId: user.id, at, action: 'Vorgang abgeschlossen' });
    });
    return detail(ctx, input.caseId);
  },

  'documents.get': (input, ctx) => {
    const doc = ctx.db.prepare('SELECT case_id, number, pdf FROM documents WHERE id = ?').get(input.documentId) as
      | { case_id: number; number: string; pdf: Buffer }
      | undefined;
    if (!doc) throw notFound('Das Dokument');
    ctx.auditSubject = `case:${doc.case_id}`;
    return { pdfBase64: doc.pdf.toString('base64'), number: doc.number };
  },
};
