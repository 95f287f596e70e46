import { z } from 'zod';
import { findService } from '../../../../shared/services';
import { requireHolder } from '../../cases/assignment';
import { addHistory } from '../../cases/history';
import { initialDeadlines } from '../../cases/deadlines';
import { issueDocument, previewDocument, type IssueDeps } from '../../cases/issue';
import { getCaseDetail, getCaseRow, insertCase, listCases, paidCents } from '../../cases/repository';
import { changeStatus } from '../../cases/status';
import { berlinYear, nextNumber } from '../../db/counters';
import { inTransaction, sql } from '../../db/connection';
import { caseSteps, caseTasks, requireApproved, requireSigned, setServiceSteps } from '../../cases/service-case';
import { TASK_STATE_LABELS, type Resident } from '../../../../shared/domain/types';
import { getResident, residentDisplayName } from '../../registers/residents';
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

export const caseHandlers: Pick<
  HandlerMap,
  | 'cases.list'
  | 'cases.get'
  | 'cases.createWalkIn'
  | 'cases.approve'
  | 'cases.sign'
  | 'cases.updateTask'
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
    let resident: Resident | null = null;
    if (input.residentId != null) {
      resident = getResident(ctx.db, input.residentId);
      if (!resident) throw notFound('Die Person');
      rules.checkResident(resident, data);
    } else if (service.needsResident) {
      throw new ApiFailure('INVALID_INPUT', 'Für diese Leistung bitte zuerst die Person im Melderegister suchen.', [
        { path: 'residentId', message: 'Person auswählen.' },
      ]);
    }
    const ruleCtx = { db: ctx.db, now: ctx.clock.now(), settings: ctx.settings(), user };
    rules.checkApplication?.(ruleCtx, data, resident);
    const fee = rules.fee(data, ctx.settings());
    const applicantName = rules.applicantName?.(data, resident) ?? (resident ? residentDisplayName(resident) : null);
    if (!applicantName) throw new ApiFailure('INVALID_INPUT', 'Bitte die Antragstellerin oder den Antragsteller angeben.');
    const approval = rules.approvalRequired?.(data) ?? null;
    // The service's data may decide the delivery (a Wahlschein sent or collected); the counter's choice otherwise.
    const deliveryMethod = rules.deliveryMethod?.(data) ?? input.deliveryMethod;
    const caseId = inTransaction(ctx.db, () => {
      const at = ctx.clock.now().toISOString();
      const reference = nextNumber(ctx.db, 'BB', berlinYear(ctx.clock.now()));
      // The deadlines run from the receipt the data records (a notice typed in later), never from a later time.
      const recorded = rules.receivedAt?.(data) ?? null;
      const deadlines = initialDeadlines(ctx.db, service.id, recorded && recorded.toISOString() < at ? recorded : new Date(at));
      const id = insertCase(ctx.db, {
        ...deadlines,
        reference,
        serviceId: service.id,
        channel: 'walk_in',
        siteId: user.siteId,
        residentId: resident?.id ?? null,
        applicantName,
        data,
        deliveryMethod,
        registered: deliveryMethod === 'post' ? input.registered : null,
        feeCents: fee,
        userId: user.id,
        at,
      });
      setServiceSteps(ctx.db, id, { approvalRequired: approval, signatureRequired: rules.signatureRequired === true });
      addHistory(ctx.db, {
        caseId: id,
        at,
        userId: user.id,
        action: `Vorgang angelegt (Vorsprache): ${service.shortName}`,
        toStatus: 'new',
        details: { data, feeCents: fee },
      });
      rules.afterCreate?.(ruleCtx, id, data, resident);
      changeStatus(ctx.db, { id, status: 'new' }, 'in_progress', { userId: user.id, at, action: 'Bearbeitung begonnen' });
      return id;
    });
    return detail(ctx, caseId);
  },

  'cases.approve': (input, ctx) => {
    const user = requireUser(ctx);
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      const steps = caseSteps(ctx.db, row.id);
      if (!steps.approvalRequired) throw new ApiFailure('CONFLICT', 'Dieser Vorgang braucht keine Freigabe.');
      if (steps.approvedAt) throw new ApiFailure('CONFLICT', 'Der Vorgang ist bereits freigegeben.');
      if (!['new', 'in_progress', 'waiting'].includes(row.status)) {
        throw new ApiFailure('CONFLICT', 'Nur ein offener Vorgang vor der Gebühr kann freigegeben werden.');
      }
      const at = ctx.clock.now().toISOString();
      sql(ctx.db, 'UPDATE cases SET approved_at = ?, approved_by = ?, updated_at = ? WHERE id = ? AND approved_at IS NULL').run(at, user.id, at, row.id);
      addHistory(ctx.db, { caseId: row.id, at, userId: user.id, action: `Freigegeben durch die Teamleitung (${steps.approvalRequired})`, reason: input.reason });
    });
    return detail(ctx, input.caseId);
  },

  'cases.updateTask': (input, ctx) => {
    const user = requireUser(ctx);
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      requireHolder(ctx.db, row, user, ctx.clock.now().toISOString());
      const task = caseTasks(ctx.db, row.id).find((t) => t.key === input.taskKey);
      if (!task) throw notFound('Die Aufgabe');
      const at = ctx.clock.now().toISOString();
      sql(ctx.db, 'UPDATE case_tasks SET state = ?, note = ?, updated_at = ?, user_id = ? WHERE case_id = ? AND task_key = ?').run(
        input.state,
        input.note,
        at,
        user.id,
        row.id,
        input.taskKey,
      );
      addHistory(ctx.db, {
        caseId: row.id,
        at,
        userId: user.id,
        action: `Aufgabe „${task.label}“: ${TASK_STATE_LABELS[input.state]}`,
        reason: input.note,
      });
    });
    return detail(ctx, input.caseId);
  },

  'cases.sign': (input, ctx) => {
    const user = requireUser(ctx);
    if (!user.registrar) {
      throw new ApiFailure('FORBIDDEN', 'Nur eine bestellte Standesbeamtin oder ein bestellter Standesbeamter darf Urkunden unterschreiben.');
    }
    inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      const steps = caseSteps(ctx.db, row.id);
      if (!steps.signatureRequired) throw new ApiFailure('CONFLICT', 'Für diesen Vorgang ist keine Unterschrift vorgesehen.');
      if (steps.signedAt) throw new ApiFailure('CONFLICT', `Die Urkunde ist bereits unterschrieben (${steps.signedBy ?? ''}).`);
      if (row.status !== 'issued') throw new ApiFailure('CONFLICT', 'Unterschrieben wird die gedruckte Urkunde (Status „Ausgestellt“).');
      const rules = rulesFor(row.service_id);
      const printed = rules
        ? (sql(ctx.db, 'SELECT facts FROM documents WHERE case_id = ? AND doc_type = ? ORDER BY id DESC LIMIT 1').get(row.id, rules.document.type) as
            | { facts: string | null }
            | undefined)
        : undefined;
      const named = printed?.facts ? rules?.designatedSigner?.(JSON.parse(printed.facts) as Record<string, unknown>) : null;
      if (named && named.userId !== user.id) {
        throw new ApiFailure(
          'FORBIDDEN',
          `Die Urkunde nennt ${named.name || 'eine andere Person'} als unterschreibende Standesbeamtin oder unterschreibenden Standesbeamten; nur diese Person kann sie unterschreiben.`,
        );
      }
      const at = ctx.clock.now().toISOString();
      sql(ctx.db, 'UPDATE cases SET signed_at = ?, signed_by = ?, updated_at = ? WHERE id = ? AND signed_at IS NULL').run(at, user.id, at, row.id);
      addHistory(ctx.db, { caseId: row.id, at, userId: user.id, action: 'Unterschrift und Siegel bestätigt (Standesbeamtin/Standesbeamter)' });
    });
    return detail(ctx, input.caseId);
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
      requireApproved(caseSteps(ctx.db, row.id));
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
      requireSigned(caseSteps(ctx.db, row.id));
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
