import fs from 'node:fs';
import { z } from 'zod';
import type { PortalConfigView } from '../../../shared/domain/portal';
import { sql, type Db } from '../db/connection';

/** Everything the sync needs to talk to one FIT-Connect destination. */
export interface PortalRuntimeConfig {
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  destinationId: string;
  pollMinutes: number;
}

/** A configuration fixed by the host (environment, file, embedded simulator); it beats the stored one. */
export interface PortalOverride {
  config: PortalRuntimeConfig;
  source: Exclude<PortalConfigView['source'], 'settings' | 'none'>;
}

export const DEFAULT_POLL_MINUTES = 5;

const fileSchema = z.object({
  tokenUrl: z.string().url(),
  apiUrl: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  destinationId: z.string().uuid(),
  pollMinutes: z.number().int().min(1).max(1440).default(DEFAULT_POLL_MINUTES),
});

/**
 * Reads the portal configuration a host may be given: BBDESK_PORTAL_* environment variables (all five),
 * else the JSON file named by --portal-config or BBDESK_PORTAL_CONFIG. Returns null when neither is set.
 * A half-set environment or a broken file is an error: silently falling back would sync the wrong place.
 */
export function portalOverrideFromEnvironment(env: NodeJS.ProcessEnv, configFile?: string): PortalOverride | null {
  const keys = ['TOKEN_URL', 'API_URL', 'CLIENT_ID', 'CLIENT_SECRET', 'DESTINATION_ID'] as const;
  const present = keys.filter((k) => env[`BBDESK_PORTAL_${k}`]);
  if (present.length > 0) {
    if (present.length < keys.length) {
      const missing = keys.filter((k) => !env[`BBDESK_PORTAL_${k}`]).map((k) => `BBDESK_PORTAL_${k}`);
      throw new Error(`Portal-Konfiguration unvollständig: es fehlen ${missing.join(', ')}.`);
    }
    const parsed = fileSchema.safeParse({
      tokenUrl: env.BBDESK_PORTAL_TOKEN_URL,
      apiUrl: env.BBDESK_PORTAL_API_URL,
      clientId: env.BBDESK_PORTAL_CLIENT_ID,
      clientSecret: env.BBDESK_PORTAL_CLIENT_SECRET,
      destinationId: env.BBDESK_PORTAL_DESTINATION_ID,
      pollMinutes: env.BBDESK_PORTAL_POLL_MINUTES ? Number(env.BBDESK_PORTAL_POLL_MINUTES) : undefined,
    });
    if (!parsed.success) throw new Error(`Portal-Konfiguration aus Umgebungsvariablen ungültig: ${describe(parsed.error)}`);
    return { config: parsed.data, source: 'environment' };
  }
  const file = configFile ?? env.BBDESK_PORTAL_CONFIG;
  if (!file) return null;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Portal-Konfigurationsdatei ${file} nicht lesbar: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Portal-Konfigurationsdatei ${file} ungültig: ${describe(parsed.error)}`);
  return { config: parsed.data, source: 'file' };
}

function describe(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(Wurzel)'}: ${i.message}`).join('; ');
}

/** The configuration an administrator stored (the client secret lives in the key store, not here). */
export interface StoredPortalSettings {
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  destinationId: string;
  pollMinutes: number;
}

const SETTINGS_KEY = 'portal';

export function getStoredPortalSettings(db: Db): StoredPortalSettings | null {
  const row = sql(db, 'SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as StoredPortalSettings) : null;
}

export function saveStoredPortalSettings(db: Db, s: StoredPortalSettings): void {
  sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    SETTINGS_KEY,
    JSON.stringify(s),
  );
}
