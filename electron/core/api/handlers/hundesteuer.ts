import type { hundesteuerOps } from '../../../../shared/api/ops/hundesteuer';
import type { HandlerMap } from '../context';

export const hundesteuerHandlers: Pick<HandlerMap, keyof typeof hundesteuerOps> = {};
