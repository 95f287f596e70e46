import type { briefwahlOps } from '../../../../shared/api/ops/briefwahl';
import type { HandlerMap } from '../context';

export const briefwahlHandlers: Pick<HandlerMap, keyof typeof briefwahlOps> = {};
