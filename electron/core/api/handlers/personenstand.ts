import type { personenstandOps } from '../../../../shared/api/ops/personenstand';
import type { HandlerMap } from '../context';

export const personenstandHandlers: Pick<HandlerMap, keyof typeof personenstandOps> = {};
