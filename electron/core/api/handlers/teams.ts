import { subjectList } from '../../audit/audit';
import { sql } from '../../db/connection';
import { inTransaction } from '../../db/connection';
import { assignCases, claimCase, releaseCase, takeOverCase } from '../../cases/assignment';
import { getCaseDetail } from '../../cases/repository';
import type { TeamMember } from '../../../../shared/domain/teams';
import type { HandlerContext, HandlerMap } from '../context';
import { requireUser } from '../context';
import { notFound } from '../errors';

// The claim is the edit lock: see electron/core/cases/assignment.ts.

function detail(ctx: HandlerContext, caseId: number) {
  ctx.auditSubject = `case:${caseId}`;
  const d = getCaseDetail(ctx.db, caseId, ctx.clock.now());
  if (!d) throw notFound('Der Vorgang');
  return d;
}

export const teamHandlers: Pick<HandlerMap, 'cases.claim' | 'cases.release' | 'cases.takeOver' | 'cases.assign' | 'users.team'> = {
  'cases.claim': (input, ctx) => {
    const user = requireUser(ctx);
    ctx.auditSubject = `case:${input.caseId}`;
    inTransaction(ctx.db, () => claimCase(ctx.db, input.caseId, user, ctx.clock.now().toISOString()));
    return detail(ctx, input.caseId);
  },

  'cases.release': (input, ctx) => {
    const user = requireUser(ctx);
    ctx.auditSubject = `case:${input.caseId}`;
    inTransaction(ctx.db, () => releaseCase(ctx.db, input.caseId, user, input.reason, ctx.clock.now().toISOString()));
    return detail(ctx, input.caseId);
  },

  'cases.takeOver': (input, ctx) => {
    const user = requireUser(ctx);
    ctx.auditSubject = `case:${input.caseId}`;
    inTransaction(ctx.db, () => takeOverCase(ctx.db, input.caseId, user, input.reason, ctx.clock.now().toISOString()));
    return detail(ctx, input.caseId);
  },

  'cases.assign': (input, ctx) => {
    const user = requireUser(ctx);
    const ids = [...new Set(input.caseIds)];
    ctx.auditSubject = subjectList('case', ids);
    const updated = inTransaction(ctx.db, () =>
      assignCases(
        ctx.db,
        { caseIds: ids, assigneeId: input.assigneeId, siteId: input.siteId, reason: input.reason },
        user,
        ctx.clock.now().toISOString(),
      ),
    );
    return { updated };
  },

  'users.team': (_input, ctx) =>
    (
      sql(
        ctx.db,
        `SELECT u.id, u.display_name, u.role, u.site_id, s.name AS site_name
         FROM users u JOIN sites s ON s.id = u.site_id WHERE u.active = 1 ORDER BY u.display_name, u.id`,
      ).all() as { id: number; display_name: string; role: TeamMember['role']; site_id: number; site_name: string }[]
    ).map((u) => ({ id: u.id, displayName: u.display_name, role: u.role, siteId: u.site_id, siteName: u.site_name })),
};
