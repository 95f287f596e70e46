import { getCaseRow } from '../../cases/repository';
import { getAttachmentContent } from '../../portal/online-cases';
import { listRejected } from '../../portal/submissions';
import type { HandlerMap } from '../context';
import { notFound } from '../errors';

export const portalHandlers: Pick<
  HandlerMap,
  | 'cases.attachment'
  | 'portal.status'
  | 'portal.syncNow'
  | 'portal.getConfig'
  | 'portal.saveConfig'
  | 'portal.generateKeys'
  | 'portal.publicKeys'
  | 'portal.testConnection'
  | 'portal.rejected'
> = {
  'cases.attachment': (input, ctx) => {
    if (!getCaseRow(ctx.db, input.caseId)) throw notFound('Der Vorgang');
    ctx.auditSubject = `case:${input.caseId}`;
    const a = getAttachmentContent(ctx.db, input.caseId, input.attachmentId);
    if (!a) throw notFound('Die Anlage');
    return { filename: a.filename, mimeType: a.mimeType, base64: a.content.toString('base64') };
  },
  'portal.status': (_input, ctx) => ctx.portal.sync.status(),
  // A failed sync is not an error of the request: the status carries the German message and the next attempt.
  'portal.syncNow': async (_input, ctx) => {
    await ctx.portal.sync.syncNow().catch(() => undefined);
    return ctx.portal.sync.status();
  },
  'portal.getConfig': (_input, ctx) => ctx.portal.view(),
  'portal.saveConfig': (input, ctx) => {
    ctx.portal.save(input);
    return ctx.portal.view();
  },
  'portal.generateKeys': async (_input, ctx) => {
    await ctx.portal.keys.generate(ctx.clock.now());
    return ctx.portal.view();
  },
  'portal.publicKeys': (_input, ctx) => ({ jwks: ctx.portal.keys.publicJwks() as unknown as { keys: Record<string, unknown>[] } }),
  'portal.testConnection': (_input, ctx) => ctx.portal.testConnection(),
  'portal.rejected': (input, ctx) => listRejected(ctx.db, input.limit),
};
