import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../core/clock';
import { openDatabase } from '../core/db/connection';
import { PortalKeyStore, plainProtector } from '../core/portal/keys';
import { PortalService } from '../core/portal/portal-service';
import { loadDemoResidents } from '../core/registers/demo-data';
import { getSettings } from '../core/settings/settings';
import { sendDemoApplications } from '../portal-sim/demo-feed';
import { createDestinationForKeys } from '../portal-sim/register-destination';
import { startSimulator } from '../portal-sim/server';

const COUNT = Number(process.env.BBDESK_BENCH_PORTAL_COUNT ?? 1000);

/** Portal import: 1,000 submissions of all services from the simulator into cases, with accept events. */
export async function benchPortal(resourcesDir: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-bench-portal-'));
  const sim = await startSimulator({ log: () => undefined });
  try {
    let t = performance.now();
    const keys = new PortalKeyStore(dir, plainProtector);
    await keys.generate(new Date());
    console.log(`key generation (2 × RSA-4096)              ${(performance.now() - t).toFixed(0)} ms`);
    const { destinationId } = createDestinationForKeys(sim, keys.publicJwks());
    t = performance.now();
    await sendDemoApplications({
      apiUrl: sim.url,
      tokenUrl: sim.tokenUrl,
      clientId: 'sender',
      clientSecret: 'sender-sim-secret',
      destinationId,
      resourcesDir,
      count: COUNT,
      concurrency: 8,
    });
    console.log(`sending ${COUNT} demo applications (sender side)  ${(performance.now() - t).toFixed(0)} ms`);

    const db = openDatabase(dir);
    loadDemoResidents(db, resourcesDir, new Date().toISOString());
    const portal = new PortalService({
      db,
      clock: systemClock,
      dataDir: dir,
      settings: () => getSettings(db, dir),
      log: () => undefined,
      protector: plainProtector,
      override: {
        source: 'file',
        config: { tokenUrl: sim.tokenUrl, apiUrl: sim.url, clientId: 'bbdesk', clientSecret: 'bbdesk-sim-secret', destinationId, pollMinutes: 5 },
      },
    });
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const report = await portal.sync.syncNow();
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const attachments = (db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM case_attachments').get() as { n: number; bytes: number });
    console.log(`import: ${report.imported} cases, ${report.decided} accept events, ${report.rejected} rejected, ${report.failed} failed`);
    console.log(`        ${attachments.n} attachments, ${(attachments.bytes / 1024 / 1024).toFixed(1)} MB decrypted`);
    console.log(`import wall time                           ${ms.toFixed(0)} ms  →  ${((report.imported / ms) * 1000).toFixed(1)} submissions/s`);
    console.log(`decryption (summed over concurrent ones)   ${report.decryptMs.toFixed(0)} ms  (${(report.decryptMs / Math.max(1, report.imported)).toFixed(1)} ms per submission)`);
    console.log(`process CPU during the import              user ${(cpu.user / 1000).toFixed(0)} ms, system ${(cpu.system / 1000).toFixed(0)} ms (includes the simulator)`);
    console.log(`database file                              ${(fs.statSync(path.join(dir, 'bbdesk.sqlite')).size / 1024 / 1024).toFixed(1)} MB`);
    db.close();
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
