import { SERVICES } from '../../../shared/services';
import { meldebescheinigungRules } from './meldebescheinigung';
import type { ServiceRules } from './types';

const RULES: ReadonlyMap<string, ServiceRules> = new Map([[meldebescheinigungRules.definition.id, meldebescheinigungRules]]);

for (const s of SERVICES) {
  if (!RULES.has(s.id)) throw new Error(`service ${s.id} has no rules in electron/core/services`);
}

export function rulesFor(serviceId: string): ServiceRules | undefined {
  return RULES.get(serviceId);
}
