import { berlinIsoDay } from '../../../../shared/domain/berlin-time';
import { QUEUE_COUNT_CAP } from '../../../../shared/domain/queue';
import { listAllCases } from '../../cases/repository';
import { dashboard } from '../../reports/dashboard';
import { queueCsv, queueCsvFileName } from '../../reports/queue-csv';
import type { HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure } from '../errors';

export const reportHandlers: Pick<HandlerMap, 'dashboard.get' | 'cases.exportCsv'> = {
  'dashboard.get': (input, ctx) => dashboard(ctx.db, input, ctx.clock.now()),

  'cases.exportCsv': (input, ctx) => {
    const user = requireUser(ctx);
    const now = ctx.clock.now();
    const items = listAllCases(ctx.db, input, { userId: user.id, siteId: user.siteId }, now, QUEUE_COUNT_CAP);
    if (items === null) {
      throw new ApiFailure(
        'INVALID_INPUT',
        `Die Ansicht umfasst mehr als ${QUEUE_COUNT_CAP.toLocaleString('de-DE')} Vorgänge. Bitte die Filter enger fassen, um sie zu exportieren.`,
      );
    }
    return { csv: queueCsv(items), fileName: queueCsvFileName(berlinIsoDay(now)), rows: items.length };
  },
};
