import { meldebescheinigung } from './meldebescheinigung';
import type { ServiceDefinition } from './types';

/** The service catalogue: adding a service means adding its folder and listing it here. */
export const SERVICES: readonly ServiceDefinition[] = [meldebescheinigung];

export function findService(id: string): ServiceDefinition | undefined {
  return SERVICES.find((s) => s.id === id);
}

export function defaultFees(): Record<string, number> {
  const fees: Record<string, number> = {};
  for (const s of SERVICES) for (const f of s.fees) fees[f.key] = f.cents;
  return fees;
}
