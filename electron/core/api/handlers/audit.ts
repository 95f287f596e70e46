import { listAudit, verifyAudit } from '../../audit/audit-queries';
import { listDueCases, purgeCases } from '../../cases/retention';
import type { HandlerMap } from '../context';

/** The audit trail and retention (administrators only; the contract's access lists say so). */
export const auditHandlers: Pick<HandlerMap, 'audit.list' | 'audit.verify' | 'retention.due' | 'retention.purge'> = {
  'audit.list': (input, ctx) => listAudit(ctx.db, input),
  'audit.verify': (_input, ctx) => verifyAudit(ctx.db),
  'retention.due': (_input, ctx) => listDueCases(ctx.db, ctx.clock.now()),
  // The audit entry names the deleted cases ("cases:1,2,3", from the input).
  'retention.purge': (input, ctx) => purgeCases({ db: ctx.db, clock: ctx.clock, dataDir: ctx.dataDir, log: ctx.log }, input.caseIds),
};
