import { briefwahl } from './briefwahl';
import { GEWERBE_SERVICES } from './gewerbe';
import { hundesteuerAbmeldung, hundesteuerAnmeldung } from './hundesteuer';
import { meldebescheinigung } from './meldebescheinigung';
import { personenstandsurkunde } from './personenstand';
import type { ServiceDefinition } from './types';

/**
 * The service catalogue: adding a service means adding its folder and listing it here. The core needs rules for a
 * service before cases of it can be created (electron/core/services); the counter offers those the renderer has a
 * form for (SERVICE_UI). Online applications: ./online.ts.
 */
export const SERVICES: readonly ServiceDefinition[] = [
  meldebescheinigung,
  personenstandsurkunde,
  hundesteuerAnmeldung,
  hundesteuerAbmeldung,
  ...GEWERBE_SERVICES,
  briefwahl,
];

export function findService(id: string): ServiceDefinition | undefined {
  return SERVICES.find((s) => s.id === id);
}

/**
 * The service a FIT-Connect service identifier (submission `serviceType.identifier`, metadata
 * `publicServiceType.identifier`) names: its `serviceIdentifier` or one of its `alternativeIdentifiers`.
 * Surrounding blanks are ignored; the URN is compared exactly otherwise.
 */
export function findServiceByIdentifier(urn: string): ServiceDefinition | undefined {
  const u = urn.trim();
  return SERVICES.find((s) => s.serviceIdentifier === u) ?? SERVICES.find((s) => s.alternativeIdentifiers?.includes(u));
}

export function defaultFees(): Record<string, number> {
  const fees: Record<string, number> = {};
  for (const s of SERVICES) for (const f of s.fees) fees[f.key] = f.cents;
  return fees;
}
