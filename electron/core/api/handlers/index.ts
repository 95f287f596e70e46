import type { HandlerMap } from '../context';
import { adminHandlers } from './admin';
import { authHandlers } from './auth';
import { caseHandlers } from './cases';
import { dispatchHandlers } from './dispatch';
import { portalHandlers } from './portal';
import { auditHandlers } from './audit';
import { deadlineHandlers } from './deadlines';
import { reportHandlers } from './reports';
import { teamHandlers } from './teams';
import { residentHandlers } from './residents';
import { setupHandlers } from './setup';
import { personenstandHandlers } from './personenstand';
import { hundesteuerHandlers } from './hundesteuer';
import { gewerbeHandlers } from './gewerbe';
import { briefwahlHandlers } from './briefwahl';

/** Every operation of the contract has exactly one handler (the type makes a missing one a compile error). */
export const handlers: HandlerMap = {
  ...setupHandlers,
  ...authHandlers,
  ...adminHandlers,
  ...residentHandlers,
  ...caseHandlers,
  ...dispatchHandlers,
  ...portalHandlers,
  ...teamHandlers,
  ...deadlineHandlers,
  ...reportHandlers,
  ...auditHandlers,
  ...personenstandHandlers,
  ...hundesteuerHandlers,
  ...gewerbeHandlers,
  ...briefwahlHandlers,
};
