import type { PortalConfigView } from '../../../shared/domain/portal';
import type { Settings } from '../../../shared/domain/types';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { PortalClient } from './client';
import {
  DEFAULT_POLL_MINUTES,
  getStoredPortalSettings,
  saveStoredPortalSettings,
  type PortalOverride,
  type PortalRuntimeConfig,
  type StoredPortalSettings,
} from './config';
import { PortalKeyStore, type SecretProtector } from './keys';
import { PortalSync, type PortalSyncDeps } from './sync';

export interface PortalServiceDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  settings(): Settings;
  log(message: string): void;
  protector: SecretProtector;
  /** Fixed by the host (environment, file or embedded simulator); beats what an administrator stored. */
  override: PortalOverride | null;
  fetch?: typeof fetch;
  backoffBaseMs?: number;
  concurrency?: number;
  onStep?: PortalSyncDeps['onStep'];
}

/** The portal connection of one core: configuration, keys and the sync. */
export class PortalService {
  readonly keys: PortalKeyStore;
  readonly sync: PortalSync;

  constructor(private readonly deps: PortalServiceDeps & { override: PortalOverride | null }) {
    this.keys = new PortalKeyStore(deps.dataDir, deps.protector);
    this.sync = new PortalSync({
      db: deps.db,
      clock: deps.clock,
      dataDir: deps.dataDir,
      keys: this.keys,
      settings: deps.settings,
      config: () => this.config(),
      simulator: deps.override?.source === 'simulator',
      log: deps.log,
      fetch: deps.fetch,
      backoffBaseMs: deps.backoffBaseMs,
      concurrency: deps.concurrency,
      onStep: deps.onStep,
    });
  }

  /** True when a host-fixed configuration or a stored one exists (the embedded simulator is then not started). */
  hasOwnConfiguration(): boolean {
    return this.deps.override !== null || getStoredPortalSettings(this.deps.db) !== null;
  }

  onlineCaseCount(): number {
    return (this.deps.db.prepare(`SELECT COUNT(*) AS n FROM cases WHERE channel = 'online'`).get() as { n: number }).n;
  }

  /** Used by hosts that start the embedded simulator after the core. */
  setOverride(override: PortalOverride): void {
    this.deps.override = override;
    this.sync.simulator = override.source === 'simulator';
  }

  /** The configuration in force, or null when none is complete. */
  config(): PortalRuntimeConfig | null {
    if (this.deps.override) return this.deps.override.config;
    const stored = getStoredPortalSettings(this.deps.db);
    const secret = this.keys.clientSecret();
    if (!stored || !secret) return null;
    return { ...stored, clientSecret: secret };
  }

  view(): PortalConfigView {
    const o = this.deps.override;
    const stored = getStoredPortalSettings(this.deps.db);
    const shown = o?.config ?? stored;
    return {
      tokenUrl: shown?.tokenUrl ?? '',
      apiUrl: shown?.apiUrl ?? '',
      clientId: shown?.clientId ?? '',
      hasClientSecret: o ? true : this.keys.clientSecret() !== null,
      destinationId: shown?.destinationId ?? '',
      pollMinutes: shown?.pollMinutes ?? DEFAULT_POLL_MINUTES,
      source: o?.source ?? (stored ? 'settings' : 'none'),
      keys: this.keys.list(),
    };
  }

  save(input: StoredPortalSettings & { clientSecret?: string }): void {
    const { clientSecret, ...rest } = input;
    if (clientSecret) this.keys.saveClientSecret(clientSecret);
    saveStoredPortalSettings(this.deps.db, rest);
  }

  /** Token and /v1/info; answers in German for the administrator. */
  async testConnection(): Promise<{ ok: boolean; message: string }> {
    const cfg = this.config();
    if (!cfg) return { ok: false, message: 'Das Portal ist nicht vollständig eingerichtet (Adressen, Client-ID, Geheimnis, Zustellpunkt).' };
    const client = new PortalClient(cfg, { fetch: this.deps.fetch, timeoutMs: 15_000 });
    try {
      await client.token();
      await client.info();
      const waiting = await client.listSubmissions(cfg.destinationId);
      return { ok: true, message: `Verbindung in Ordnung: Anmeldung erfolgreich, ${waiting.length} Einreichung(en) zum Abruf bereit.` };
    } catch (err) {
      const m = err && typeof err === 'object' && 'germanMessage' in err ? String((err as { germanMessage: string }).germanMessage) : 'Unbekannter Fehler.';
      return { ok: false, message: m };
    }
  }
}
