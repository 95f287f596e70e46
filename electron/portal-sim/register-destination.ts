import { ONLINE_SERVICES, onlineSchemaUri } from '../../shared/services/online';
import type { Simulator } from './server';

/**
 * Creates a destination in the simulator for a subscriber's public keys (the JWKS the app exports), offering
 * every online service with its data schema.
 */
export function createDestinationForKeys(sim: Simulator, jwks: { keys: readonly JsonWebKey[] }): { destinationId: string } {
  const keys = jwks.keys as readonly (JsonWebKey & { use?: string })[];
  const encryptionKey = keys.find((k) => k.use === 'enc');
  const signingKey = keys.find((k) => k.use === 'sig');
  if (!encryptionKey || !signingKey) throw new Error('Die Schlüsseldatei enthält keinen Verschlüsselungs- und Signaturschlüssel (use enc/sig).');
  return sim.createDestination({
    encryptionKey,
    signingKey,
    services: ONLINE_SERVICES.map((s) => ({
      identifier: s.serviceIdentifier,
      submissionSchemas: [{ schemaUri: onlineSchemaUri(s.id), mimeType: 'application/json' as const }],
    })),
  });
}
