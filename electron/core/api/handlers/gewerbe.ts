import type { gewerbeOps } from '../../../../shared/api/ops/gewerbe';
import type { HandlerMap } from '../context';

export const gewerbeHandlers: Pick<HandlerMap, keyof typeof gewerbeOps> = {};
