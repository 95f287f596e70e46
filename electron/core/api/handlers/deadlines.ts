import { inTransaction } from '../../db/connection';
import { getDeadlineConfigs, saveDeadlineConfigs } from '../../settings/deadlines';
import type { HandlerMap } from '../context';

/**
 * Verwaltung → Fristen: target days, legal deadline and retention per service (electron/core/settings/deadlines.ts).
 * An update applies to cases created afterwards: existing cases keep their dates (retention is read when deletion
 * is due, so it applies to every closed case).
 */
export const deadlineHandlers: Pick<HandlerMap, 'deadlines.get' | 'deadlines.update'> = {
  'deadlines.get': (_input, ctx) => getDeadlineConfigs(ctx.db),
  'deadlines.update': (input, ctx) => inTransaction(ctx.db, () => saveDeadlineConfigs(ctx.db, input)),
};
