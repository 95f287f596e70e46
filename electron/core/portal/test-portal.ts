/** Test support: a simulator, a core pointed at it with the destination's keys, and demo senders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sendDemoApplications } from '../../portal-sim/demo-feed';
import { createDestinationForKeys } from '../../portal-sim/register-destination';
import { startSimulator, type Simulator } from '../../portal-sim/server';
import { makeTestCore, RESOURCES_DIR, tempDir, type TestCore } from '../test-support';
import type { PortalRuntimeConfig } from './config';
import { PortalKeyStore, plainProtector } from './keys';

/**
 * RSA-4096 generation takes seconds; the destination's keys are made once per machine and copied into
 * each test's data folder (they are test keys, nothing else uses them).
 */
export async function provideTestKeys(dataDir: string): Promise<PortalKeyStore> {
  const cache = path.join(os.tmpdir(), 'bbdesk-test-portal-keys-v1');
  if (!fs.existsSync(path.join(cache, 'done'))) {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-keys-'));
    await new PortalKeyStore(staging, plainProtector).generate(new Date('2026-11-01T00:00:00Z'));
    fs.writeFileSync(path.join(staging, 'done'), '');
    try {
      fs.renameSync(staging, cache);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another test file won the race
    }
  }
  fs.cpSync(path.join(cache, 'keys'), path.join(dataDir, 'keys'), { recursive: true });
  return new PortalKeyStore(dataDir, plainProtector);
}

export interface PortalFixture {
  sim: Simulator;
  destinationId: string;
  config: PortalRuntimeConfig;
  dataDir: string;
  keys: PortalKeyStore;
  /** Sends demo applications (every service in turn unless named). */
  send(count: number, serviceIds?: string[], firstSeq?: number): Promise<{ submissionId: string; caseId: string; serviceId: string }[]>;
  sender: { apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string };
  close(): Promise<void>;
}

export async function startPortalFixture(dataDir = tempDir('bbdesk-portal-')): Promise<PortalFixture> {
  const keys = await provideTestKeys(dataDir);
  const sim = await startSimulator({ log: () => undefined });
  const { destinationId } = createDestinationForKeys(sim, keys.publicJwks());
  const config: PortalRuntimeConfig = {
    tokenUrl: sim.tokenUrl,
    apiUrl: sim.url,
    clientId: 'bbdesk',
    clientSecret: 'bbdesk-sim-secret',
    destinationId,
    pollMinutes: 5,
  };
  const sender = { apiUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: 'sender', clientSecret: 'sender-sim-secret' };
  return {
    sim,
    destinationId,
    config,
    dataDir,
    keys,
    sender,
    send: (count, serviceIds, firstSeq) =>
      sendDemoApplications({ ...sender, destinationId, resourcesDir: RESOURCES_DIR, count, serviceIds, firstSeq }),
    close: () => sim.close(),
  };
}

/** A core with demo residents whose portal is the fixture's simulator. */
export async function portalTestCore(f: PortalFixture, opts: { backoffBaseMs?: number } = {}): Promise<TestCore> {
  const t = await makeTestCore({
    dataDir: f.dataDir,
    portal: { source: 'file', config: f.config },
    portalBackoffBaseMs: opts.backoffBaseMs,
  });
  return t;
}
