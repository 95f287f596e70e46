import { afterAll, describe, expect, it } from 'vitest';
import { makeTestCore, RESOURCES_DIR, type TestCore } from '../core/test-support';
import { startDemoPortalUnlessConfigured } from './embedded';

/** The demo portal start both hosts share (electron/server/main.ts, electron/main/main.ts). */
describe('startDemoPortalUnlessConfigured', () => {
  const cores: TestCore[] = [];
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of stops) await s();
    for (const t of cores) t.core.close();
  });

  it('starts nothing when turned off', async () => {
    const t = await makeTestCore();
    cores.push(t);
    const log: string[] = [];
    expect(startDemoPortalUnlessConfigured(t.core, RESOURCES_DIR, (m) => log.push(m), { BBDESK_PORTAL_SIM: '0' })).toBeNull();
    expect(t.core.portal.hasOwnConfiguration()).toBe(false);
  });

  it('starts nothing when a portal is configured', async () => {
    const t = await makeTestCore({
      portal: {
        source: 'environment',
        config: { tokenUrl: 'http://127.0.0.1:9/token', apiUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's', destinationId: 'd', pollMinutes: 5 },
      },
    });
    cores.push(t);
    expect(startDemoPortalUnlessConfigured(t.core, RESOURCES_DIR, () => {}, {})).toBeNull();
  });

  it('runs the simulator with a destination for the app keys and points the core at it', async () => {
    const t = await makeTestCore();
    cores.push(t);
    const log: string[] = [];
    const started = await startDemoPortalUnlessConfigured(t.core, RESOURCES_DIR, (m) => log.push(m), { BBDESK_PORTAL_SIM_FEED: '0' });
    expect(started).not.toBeNull();
    stops.push(() => started!.stop());
    expect(log.at(-1)).toMatch(/^Demo-Portal \(FIT-Connect-Simulator\): http:\/\/127\.0\.0\.1:\d+ – Zustellpunkt \S+$/);
    expect(t.core.portal.view().source).toBe('simulator');
    expect(t.core.portal.config()?.destinationId).toBe(started!.destinationId);
    expect(t.core.portal.keys.list().length).toBeGreaterThan(0);
  }, 60_000);
});
