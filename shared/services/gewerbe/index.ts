/**
 * Gewerbeanzeigen (§§ 14, 15 GewO, GewAnzV) as three services, one per form: Anmeldung (GewA 1), Ummeldung (GewA 2),
 * Abmeldung (GewA 3).
 *
 * Why three services and not one with a `form` switch: a service is what the portal delivers under one service
 * identifier, what the queue filters by and what carries one fee; the three forms are three LeiKa services with
 * their own data (Anlagen 1–3 GewAnzV) and their own fees. What they share — the data blocks, the rules, the
 * recipients, the deadline — lives once in this folder; each schema carries `form`, so code handling any
 * Gewerbeanzeige uses the union `gewerbeanzeigeData`.
 *
 * Service identifiers: GewA 1 "Gewerbe anmelden" is LeiKa 99050012104000 (../shared/DOMAIN.md). For Ummeldung
 * and Abmeldung no LeiKa key was confirmed, so they carry project URNs until one is: see GEWERBE_SERVICE_IDENTIFIERS.
 *
 * Fees (defaults; the amounts are configured under Einstellungen → Gebühren with the keys below): 26,00 € for an
 * Anmeldung or Ummeldung, 20,00 € for an Abmeldung — the lower ends of the Niedersachsen examples in DOMAIN.md.
 */
import { defineService, leikaUrn, projectUrn, type FeeDefault } from '../types';
import {
  gewerbeAbmeldungData,
  gewerbeAnmeldungData,
  gewerbeAnmeldungOnlineData,
  gewerbeanzeigeData,
  gewerbeUmmeldungData,
  type GewerbeanzeigeData,
  type GewerbeForm,
} from './schema';

export * from './schema';
export * from './display';
export * from './recipients';
export * from './deadline';
export * from '../../domain/niedersachsen-calendar';

export const GEWERBE_FEES: Record<GewerbeForm, FeeDefault> = {
  GewA1: { key: 'gewerbe.anmeldung', label: 'Gewerbe-Anmeldung (GewA 1)', cents: 2600 },
  GewA2: { key: 'gewerbe.ummeldung', label: 'Gewerbe-Ummeldung (GewA 2)', cents: 2600 },
  GewA3: { key: 'gewerbe.abmeldung', label: 'Gewerbe-Abmeldung (GewA 3)', cents: 2000 },
};

/** LeiKa key of GewA 1 "Gewerbe anmelden" (DOMAIN.md; to be confirmed in the FIM catalogue before going live). */
export const GEWERBE_ANMELDUNG_LEIKA = '99050012104000';

/**
 * FIT-Connect service identifiers. Anmeldung: the LeiKa URN. Ummeldung/Abmeldung: project URNs (no LeiKa key
 * confirmed yet) — once a key is confirmed, set `leikaKey` of the service and derive the identifier with leikaUrn.
 */
export const GEWERBE_SERVICE_IDENTIFIERS: Record<GewerbeForm, string> = {
  GewA1: leikaUrn(GEWERBE_ANMELDUNG_LEIKA),
  GewA2: projectUrn('gewerbe-ummeldung'),
  GewA3: projectUrn('gewerbe-abmeldung'),
};

export const GEWERBE_DOCUMENT = 'gewerbeEmpfangsbescheinigung';

/** Service norm in working days; the legal receipt deadline (three calendar days, § 15 Abs. 1 GewO) is in deadline.ts. */
const TARGET_DAYS = 3;

export const gewerbeAnmeldung = defineService({
  id: 'gewerbe-anmeldung',
  leikaKey: GEWERBE_ANMELDUNG_LEIKA,
  serviceIdentifier: GEWERBE_SERVICE_IDENTIFIERS.GewA1,
  name: 'Gewerbe-Anmeldung (GewA 1, § 14 GewO)',
  shortName: 'Gewerbe-Anmeldung',
  channels: ['walk_in', 'online', 'post'],
  fees: [GEWERBE_FEES.GewA1],
  dataSchema: gewerbeAnmeldungData,
  onlineDataSchema: gewerbeAnmeldungOnlineData,
  documents: [GEWERBE_DOCUMENT],
  targetDays: TARGET_DAYS,
  needsResident: false,
});

export const gewerbeUmmeldung = defineService({
  id: 'gewerbe-ummeldung',
  leikaKey: null,
  serviceIdentifier: GEWERBE_SERVICE_IDENTIFIERS.GewA2,
  name: 'Gewerbe-Ummeldung (GewA 2, § 14 GewO)',
  shortName: 'Gewerbe-Ummeldung',
  channels: ['walk_in', 'online', 'post'],
  fees: [GEWERBE_FEES.GewA2],
  dataSchema: gewerbeUmmeldungData,
  documents: [GEWERBE_DOCUMENT],
  targetDays: TARGET_DAYS,
  needsResident: false,
});

export const gewerbeAbmeldung = defineService({
  id: 'gewerbe-abmeldung',
  leikaKey: null,
  serviceIdentifier: GEWERBE_SERVICE_IDENTIFIERS.GewA3,
  name: 'Gewerbe-Abmeldung (GewA 3, § 14 GewO)',
  shortName: 'Gewerbe-Abmeldung',
  channels: ['walk_in', 'online', 'post'],
  fees: [GEWERBE_FEES.GewA3],
  dataSchema: gewerbeAbmeldungData,
  documents: [GEWERBE_DOCUMENT],
  targetDays: TARGET_DAYS,
  needsResident: false,
});

/** The three services, for the catalogue (shared/services/index.ts). */
export const GEWERBE_SERVICES = [gewerbeAnmeldung, gewerbeUmmeldung, gewerbeAbmeldung] as const;

export const SERVICE_ID_BY_FORM: Record<GewerbeForm, string> = {
  GewA1: gewerbeAnmeldung.id,
  GewA2: gewerbeUmmeldung.id,
  GewA3: gewerbeAbmeldung.id,
};

/** The form of a service id, or null for another service. */
export function formOfService(serviceId: string): GewerbeForm | null {
  const hit = (Object.entries(SERVICE_ID_BY_FORM) as [GewerbeForm, string][]).find(([, id]) => id === serviceId);
  return hit ? hit[0] : null;
}

/** Parses any Gewerbeanzeige (the union, by `form`). */
export function parseGewerbeanzeige(data: unknown): GewerbeanzeigeData {
  return gewerbeanzeigeData.parse(data);
}

/** The fee key for the notice; the amount comes from settings (defaults GEWERBE_FEES). */
export function feeKeyFor(data: Pick<GewerbeanzeigeData, 'form'>): string {
  return GEWERBE_FEES[data.form].key;
}

/** The fee in cents from the configured fees, falling back to the default. One notice, one fee. */
export function feeFor(data: Pick<GewerbeanzeigeData, 'form'>, fees: Readonly<Record<string, number>>): number {
  const def = GEWERBE_FEES[data.form];
  return fees[def.key] ?? def.cents;
}
