import { berlinIsoDay } from '../../shared/domain/berlin-time';
import type { Core } from '../core/core';
import { startSimulator, type Simulator } from './server';
import { sendDemoApplications } from './demo-feed';
import { createDestinationForKeys } from './register-destination';

export interface EmbeddedPortalOptions {
  core: Core;
  resourcesDir: string;
  log(message: string): void;
  /** Demo applications sent at start and then one per interval; 0 = none. */
  initialApplications?: number;
  feedIntervalMs?: number;
  /** No more demo applications once the database holds this many online cases. */
  maxOnlineCases?: number;
}

/**
 * Demo mode without a configured portal: runs the FIT-Connect simulator in this process, creates a destination
 * with the app's own public keys (generated on first use), points the core at it and feeds demo applications,
 * so a new user sees online cases arrive. The sync then works exactly as against a real portal.
 */
export async function startEmbeddedPortal(o: EmbeddedPortalOptions): Promise<{ simulator: Simulator; destinationId: string; stop(): Promise<void> }> {
  const portal = o.core.portal;
  if (portal.keys.list().length === 0) {
    o.log('Schlüssel für den Demo-Zustellpunkt werden erzeugt (RSA-4096) …');
    await portal.keys.generate(new Date());
  }
  const simulator = await startSimulator({ log: () => undefined });
  const { destinationId } = createDestinationForKeys(simulator, portal.keys.publicJwks());
  portal.setOverride({
    source: 'simulator',
    config: {
      tokenUrl: simulator.tokenUrl,
      apiUrl: simulator.url,
      clientId: 'bbdesk',
      clientSecret: 'bbdesk-sim-secret',
      destinationId,
      pollMinutes: 1,
    },
  });
  const sender = { apiUrl: simulator.url, tokenUrl: simulator.tokenUrl, clientId: 'sender', clientSecret: 'sender-sim-secret' };
  const onlineCases = () => portal.onlineCaseCount();
  let seq = Math.floor(Date.now() / 1000) % 100_000;
  const feed = async (count: number) => {
    if (count <= 0 || onlineCases() >= (o.maxOnlineCases ?? 60)) return;
    try {
      await sendDemoApplications({
        ...sender,
        destinationId,
        resourcesDir: o.resourcesDir,
        count,
        firstSeq: seq,
        personalForm: true,
        applicationDate: berlinIsoDay(new Date()),
      });
      seq += count;
    } catch (err) {
      o.log(`demo applications could not be sent: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  await feed(o.initialApplications ?? 6);
  const timer = (o.feedIntervalMs ?? 180_000) > 0 ? setInterval(() => void feed(1), o.feedIntervalMs ?? 180_000) : null;
  timer?.unref();
  portal.sync.start(500);
  return {
    simulator,
    destinationId,
    stop: async () => {
      if (timer) clearInterval(timer);
      portal.sync.stop();
      await simulator.close();
    },
  };
}


/**
 * What both hosts (browser mode and the Electron main process) do at start: without a configured portal
 * (environment, file or administration) run the simulator embedded; BBDESK_PORTAL_SIM=0 turns that off,
 * BBDESK_PORTAL_SIM_FEED=0 keeps it without demo applications. Logs the outcome; null when not started.
 */
export function startDemoPortalUnlessConfigured(
  core: Core,
  resourcesDir: string,
  log: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ simulator: Simulator; destinationId: string; stop(): Promise<void> } | null> | null {
  if (env.BBDESK_PORTAL_SIM === '0' || core.portal.hasOwnConfiguration()) return null;
  const feed = env.BBDESK_PORTAL_SIM_FEED !== '0';
  return startEmbeddedPortal({ core, resourcesDir, log, initialApplications: feed ? 6 : 0, feedIntervalMs: feed ? 180_000 : 0 })
    .then((e) => {
      log(`Demo-Portal (FIT-Connect-Simulator): ${e.simulator.url} – Zustellpunkt ${e.destinationId}`);
      return e;
    })
    .catch((err: unknown) => {
      log(`Demo-Portal konnte nicht starten: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
}
