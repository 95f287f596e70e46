import { findService, SERVICES } from '../../../shared/services';
import { meldebescheinigungRules } from './meldebescheinigung';
import type { ServiceRules } from './types';

const RULES: ReadonlyMap<string, ServiceRules> = new Map([[meldebescheinigungRules.definition.id, meldebescheinigungRules]]);

/**
 * Services whose rules the core must have at start-up. The catalogue lists more services (online applications of
 * all of them arrive through the portal); their rules follow, and until then `rulesFor` answers undefined for them:
 * no walk-in case can be created and no document issued for such a service.
 */
export const SERVICES_REQUIRING_RULES: readonly string[] = ['meldebescheinigung'];

for (const id of SERVICES_REQUIRING_RULES) {
  if (!findService(id)) throw new Error(`service ${id} is not in the catalogue (shared/services)`);
  if (!RULES.has(id)) throw new Error(`service ${id} has no rules in electron/core/services`);
}
for (const [id, rules] of RULES) {
  if (!SERVICES.includes(rules.definition)) throw new Error(`rules for ${id} belong to no service of the catalogue`);
}

export function rulesFor(serviceId: string): ServiceRules | undefined {
  return RULES.get(serviceId);
}
