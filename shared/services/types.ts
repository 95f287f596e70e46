import type { z } from 'zod';
import type { Channel } from '../domain/channels';

export interface FeeDefault {
  /** Key under which the fee is configured, e.g. "meldebescheinigung.einfach". */
  key: string;
  label: string;
  cents: number;
}

// ---------------------------------------------------------------------------------------------------------------
// FIT-Connect service identifiers

/** Prefix of a service of the Leistungskatalog (LeiKa) as FIT-Connect service identifier. */
export const LEIKA_URN_PREFIX = 'urn:de:fim:leika:leistung:';
/** Prefix of this project's service URNs, for services whose LeiKa key is not confirmed (yet). */
export const PROJECT_URN_PREFIX = 'urn:bbdesk:leistung:';
/**
 * The pattern of `publicServiceType.identifier` in the FIT-Connect metadata schema 1.0.0: a URN whose namespace and
 * rest are lower case.
 */
export const SERVICE_IDENTIFIER_PATTERN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,.:=@;$_!*'%/?#-]+$/;

/** "urn:de:fim:leika:leistung:99115003012000" for a 14-digit LeiKa key. */
export function leikaUrn(leikaKey: string): string {
  if (!/^\d{14}$/.test(leikaKey)) throw new Error(`Kein LeiKa-Schlüssel (14 Ziffern): ${leikaKey}`);
  return `${LEIKA_URN_PREFIX}${leikaKey}`;
}

/** "urn:bbdesk:leistung:<name>": the project URN of a service without a confirmed LeiKa key. */
export function projectUrn(name: string): string {
  return `${PROJECT_URN_PREFIX}${name}`;
}

/** True when the text has the form FIT-Connect accepts as service identifier (metadata schema 1.0.0). */
export function isServiceIdentifier(urn: string): boolean {
  return urn.length >= 7 && urn.length <= 255 && SERVICE_IDENTIFIER_PATTERN.test(urn);
}

// ---------------------------------------------------------------------------------------------------------------
// Service definition

export interface ServiceDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  id: string;
  /** The 14-digit LeiKa key where one is known (DOMAIN.md; to be confirmed in the FIM catalogue), else null. */
  leikaKey: string | null;
  /**
   * The FIT-Connect service identifier (metadata `publicServiceType.identifier`, submission `serviceType.identifier`):
   * `urn:de:fim:leika:leistung:<leikaKey>` where a LeiKa key is known, else the project URN `urn:bbdesk:leistung:<id>`.
   */
  serviceIdentifier: string;
  /**
   * Further identifiers under which a portal may deliver this service (e.g. the LeiKa keys of single certificate
   * kinds of the Personenstandsurkunde). `findServiceByIdentifier` accepts them too; the destination announces
   * `serviceIdentifier`.
   */
  alternativeIdentifiers?: readonly string[];
  name: string;
  shortName: string;
  channels: readonly Channel[];
  fees: readonly FeeDefault[];
  /** zod schema of the case data; serves the counter form, and the online data unless `onlineDataSchema` is set. */
  dataSchema: S;
  /**
   * zod schema of the service's part (`antrag`) of the online Fachdaten (./online.ts), where the case data does not
   * suit online use (fields only a clerk sets, facts the portal supplies); defaults to `dataSchema`.
   */
  onlineDataSchema?: z.ZodTypeAny;
  /** Document types this service produces. */
  documents: readonly string[];
  /** Service norm: working days until the case should be finished. */
  targetDays: number;
  /**
   * Whether a counter case needs the applicant's person from the Melderegister (a Meldebescheinigung, the dog tax of
   * a resident). Services that people from elsewhere use too (Gewerbe, Personenstandsurkunden, Briefwahl with its own
   * Wählerverzeichnis) take the applicant from the form instead; a matched resident is then optional.
   */
  needsResident: boolean;
}

/** Checks the identifiers once, when the service module loads: a malformed URN is a programming error. */
export function defineService<S extends z.ZodTypeAny>(def: ServiceDefinition<S>): ServiceDefinition<S> {
  if (def.leikaKey !== null && def.serviceIdentifier !== leikaUrn(def.leikaKey)) {
    throw new Error(`Leistung ${def.id}: serviceIdentifier ${def.serviceIdentifier} passt nicht zum LeiKa-Schlüssel ${def.leikaKey}.`);
  }
  for (const urn of [def.serviceIdentifier, ...(def.alternativeIdentifiers ?? [])]) {
    if (!isServiceIdentifier(urn)) throw new Error(`Leistung ${def.id}: ungültige Leistungs-URN ${urn}.`);
  }
  return def;
}
