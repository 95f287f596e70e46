import { findService, SERVICES } from '../../../shared/services';
import { briefwahlRules } from './briefwahl';
import { gewerbeRules } from './gewerbe';
import { hundesteuerRules } from './hundesteuer';
import { meldebescheinigungRules } from './meldebescheinigung';
import { personenstandRules } from './personenstand';
import type { ServiceRules } from './types';

const ALL_RULES: readonly ServiceRules[] = [
  meldebescheinigungRules,
  ...personenstandRules,
  ...hundesteuerRules,
  ...gewerbeRules,
  ...briefwahlRules,
];

const RULES: ReadonlyMap<string, ServiceRules> = new Map(ALL_RULES.map((r) => [r.definition.id, r]));

/** Services whose rules the core must have at start-up: every service of the catalogue. */
export const SERVICES_REQUIRING_RULES: readonly string[] = ['meldebescheinigung', 'personenstandsurkunde', 'gewerbe-anmeldung', 'gewerbe-ummeldung', 'gewerbe-abmeldung', 'hundesteuer-anmeldung', 'hundesteuer-abmeldung', 'briefwahl'];

for (const id of SERVICES_REQUIRING_RULES) {
  if (!findService(id)) throw new Error(`service ${id} is not in the catalogue (shared/services)`);
  if (!RULES.has(id)) throw new Error(`service ${id} has no rules in electron/core/services`);
}
for (const [id, rules] of RULES) {
  if (!SERVICES.includes(rules.definition)) throw new Error(`rules for ${id} belong to no service of the catalogue`);
}
if (RULES.size !== ALL_RULES.length) throw new Error('two rule sets for one service in electron/core/services');

export function rulesFor(serviceId: string): ServiceRules | undefined {
  return RULES.get(serviceId);
}
