import type { z } from 'zod';
import type { Channel } from '../domain/channels';

export interface FeeDefault {
  /** Key under which the fee is configured, e.g. "meldebescheinigung.einfach". */
  key: string;
  label: string;
  cents: number;
}

export interface ServiceDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  id: string;
  /** LeiKa key or project URN suffix used as FIT-Connect service identifier. */
  leikaKey: string;
  name: string;
  shortName: string;
  channels: readonly Channel[];
  fees: readonly FeeDefault[];
  /** zod schema of the case data; serves the counter form and the online data. */
  dataSchema: S;
  /** Document types this service produces. */
  documents: readonly string[];
  /** Service norm: working days until the case should be finished. */
  targetDays: number;
}

export function defineService<S extends z.ZodTypeAny>(def: ServiceDefinition<S>): ServiceDefinition<S> {
  return def;
}
