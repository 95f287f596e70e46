/** Destinations (Zustellpunkte): validation of their configuration, creation, and their public/private views. */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from './context.js';
import { describeIssues } from './context.js';
import { KeyProblem, normalizeDestinationKey } from './keys.js';
import { badRequest } from './problems.js';
import type { ContactInformation, DestinationRecord, DestinationService, DestinationStatus } from './store.js';

/**
 * Default region of a service when none is given: the Amtlicher Regionalschlüssel of Lingen (Ems)
 * (AGS 03454032 → ARS 03 4 54 0032 032), prefixed with DE as the spec requires.
 */
export const DEFAULT_REGION = 'DE034540032032';

/** Placeholder contact of destinations created without one (clearly marked as simulator data). */
export const DEFAULT_CONTACT: ContactInformation = {
  legalName: 'Portal-Simulator (Testzustellpunkt)',
  address: 'nicht hinterlegt (Portal-Simulator)',
  phone: '+49 000 0000000',
  email: 'portal-simulator@example.org',
};

export const DEFAULT_METADATA_VERSIONS = ['1.0.0'];

const SERVICE_URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,.:=@;$_!*'%/?#-]+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const unique = <T>(xs: T[]) => new Set(xs.map((x) => JSON.stringify(x))).size === xs.length;

export const ServiceSchema = z.object({
  identifier: z.string().min(7).max(255).regex(SERVICE_URN, 'must be a URN like urn:de:fim:leika:leistung:<key>'),
  regions: z
    .array(z.string().regex(/^DE[0-9]{0,12}$/, 'must be DE followed by up to 12 digits (ARS)'))
    .min(1)
    .refine(unique, 'regions must be unique')
    .optional(),
  submissionSchemas: z
    .array(
      z.object({
        schemaUri: z.string().refine((s) => URL.canParse(s), 'must be an absolute URI'),
        mimeType: z.enum(['application/json', 'application/xml']),
      }),
    )
    .min(1)
    .refine(unique, 'submissionSchemas must be unique'),
});

const ContactSchema = z.object({
  legalName: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.email(),
  unit: z.string().optional(),
});

const CallbackSchema = z.object({
  url: z.string().min(9).regex(/^https:\/\/.+/, 'must be an https URL'),
  secret: z.string().min(32).max(512),
});

/** Body of POST /v1/destinations: the spec's CreateDestination, with defaults for what a simulator can fill in. */
export const CreateDestinationSchema = z.object({
  contactInformation: ContactSchema.optional(),
  services: z.array(ServiceSchema).min(1),
  callback: CallbackSchema.optional(),
  encryptionKid: z.string().max(64).optional(),
  encryptionPublicKey: z.record(z.string(), z.unknown()).optional(),
  signingPublicKey: z.record(z.string(), z.unknown()).optional(),
  /** Alternative to encryptionPublicKey/signingPublicKey: both JWKs in one array (told apart by use/key_ops/alg). */
  keys: z.array(z.record(z.string(), z.unknown())).optional(),
  replyChannels: z.record(z.string(), z.unknown()).optional(),
  metadataVersions: z.array(z.string().regex(SEMVER, 'must be a semantic version')).min(1).optional(),
});

export type CreateDestinationInput = z.infer<typeof CreateDestinationSchema>;

function keyPurpose(k: Record<string, unknown>): 'enc' | 'sig' | undefined {
  const ops = Array.isArray(k.key_ops) ? k.key_ops : [];
  if (k.use === 'enc' || k.alg === 'RSA-OAEP-256' || ops.includes('wrapKey')) return 'enc';
  if (k.use === 'sig' || k.alg === 'PS512' || ops.includes('verify')) return 'sig';
  return undefined;
}

/** Validates and stores a destination. Throws a 400 problem on invalid input. */
export function createDestination(sim: SimContext, body: unknown, ownerClientId: string, status: DestinationStatus = 'active'): DestinationRecord {
  const parsed = CreateDestinationSchema.safeParse(body);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error.issues), 'invalid-destination');
  const input = parsed.data;

  let encKey: unknown = input.encryptionPublicKey;
  let sigKey: unknown = input.signingPublicKey;
  for (const k of input.keys ?? []) {
    const purpose = keyPurpose(k);
    if (purpose === 'enc' && encKey === undefined) encKey = k;
    else if (purpose === 'sig' && sigKey === undefined) sigKey = k;
    else throw badRequest('keys: need exactly one encryption key (use "enc" / RSA-OAEP-256) and one signing key (use "sig" / PS512)', 'invalid-destination');
  }
  if (encKey === undefined || sigKey === undefined) {
    throw badRequest('encryptionPublicKey and signingPublicKey are required', 'invalid-destination');
  }

  const destinationId = crypto.randomUUID();
  let enc, sig;
  try {
    enc = normalizeDestinationKey(encKey, 'enc', sim.keys.ca, `Zustellpunkt ${destinationId} Verschlüsselung`);
    sig = normalizeDestinationKey(sigKey, 'sig', sim.keys.ca, `Zustellpunkt ${destinationId} Signatur`);
  } catch (e) {
    if (e instanceof KeyProblem) throw badRequest(e.message, 'invalid-key');
    throw e;
  }
  if (input.encryptionKid !== undefined && input.encryptionKid !== enc.jwk.kid) {
    throw badRequest(`encryptionKid ${input.encryptionKid} does not match the kid of encryptionPublicKey (${enc.jwk.kid})`, 'invalid-key');
  }
  if (enc.jwk.kid === sig.jwk.kid) throw badRequest('the encryption and signing keys must have different kids', 'invalid-key');

  const services: DestinationService[] = input.services.map((s) => ({
    identifier: s.identifier,
    regions: s.regions ?? [DEFAULT_REGION],
    submissionSchemas: s.submissionSchemas,
  }));
  if (!unique(services.map((s) => s.identifier))) throw badRequest('services: each identifier may appear once', 'invalid-destination');

  const record: DestinationRecord = {
    destinationId,
    ownerClientId,
    status,
    services,
    encryptionKid: enc.jwk.kid,
    signingKid: sig.jwk.kid,
    keys: new Map([
      [enc.jwk.kid, enc.jwk],
      [sig.jwk.kid, sig.jwk],
    ]),
    signingKey: sig.keyObject,
    contactInformation: input.contactInformation ?? DEFAULT_CONTACT,
    metadataVersions: input.metadataVersions ?? DEFAULT_METADATA_VERSIONS,
    replyChannels: input.replyChannels,
    callbackUrl: input.callback?.url,
    createdAt: Date.now(),
  };
  sim.store.destinations.set(destinationId, record);
  return record;
}

/** PublicDestination: what senders see. */
export function publicView(d: DestinationRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    destinationId: d.destinationId,
    encryptionKid: d.encryptionKid,
    metadataVersions: d.metadataVersions,
    services: d.services,
    status: d.status,
  };
  if (d.replyChannels && Object.keys(d.replyChannels).length) view.replyChannels = d.replyChannels;
  return view;
}

/** PrivateDestination: what the destination's own client sees (the callback secret is never returned). */
export function privateView(d: DestinationRecord): Record<string, unknown> {
  const view = { ...publicView(d), contactInformation: d.contactInformation } as Record<string, unknown>;
  if (d.callbackUrl) view.callback = { url: d.callbackUrl };
  return view;
}
