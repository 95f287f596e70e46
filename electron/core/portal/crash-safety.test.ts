/**
 * Crash safety of the portal sync: the sync runs as a child process (the CLI's `portal sync --once`) and is
 * killed with SIGKILL at different points; after a restart every submission has exactly one case and exactly
 * one accept event.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { startPortalFixture, type PortalFixture } from './test-portal';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'electron', 'cli.cjs');
const ACCEPT = 'https://schema.fitko.de/fit-connect/events/accept-submission';

describe('portal sync killed with SIGKILL at any point', () => {
  let f: PortalFixture;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--core-only', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    f = await startPortalFixture();
  }, 120_000);

  afterAll(async () => {
    await f.close();
  });

  function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      BBDESK_PORTAL_TOKEN_URL: f.config.tokenUrl,
      BBDESK_PORTAL_API_URL: f.config.apiUrl,
      BBDESK_PORTAL_CLIENT_ID: f.config.clientId,
      BBDESK_PORTAL_CLIENT_SECRET: f.config.clientSecret,
      BBDESK_PORTAL_DESTINATION_ID: f.config.destinationId,
      ...extra,
    };
  }

  function runSync(extra: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'portal', 'sync', '--once', '--data-dir', f.dataDir], { env: env(extra) });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code, signal) => resolve({ code, signal, output }));
    });
  }

  function casesFor(db: Db, submissionId: string): number {
    return (db.prepare('SELECT COUNT(*) AS n FROM cases WHERE portal_submission_id = ?').get(submissionId) as { n: number }).n;
  }

  function acceptEvents(caseId: string): number {
    return f.sim.eventLog(caseId).filter((set) => ACCEPT in (decodeJwt(set).events as object)).length;
  }

  async function expectExactlyOnce(sent: { submissionId: string; caseId: string }[]) {
    const db = openDatabase(f.dataDir);
    try {
      for (const s of sent) {
        expect(casesFor(db, s.submissionId)).toBe(1);
        expect(acceptEvents(s.caseId)).toBe(1);
        expect(f.sim.submissionState(s.submissionId)).toBe('accepted');
      }
    } finally {
      db.close();
    }
  }

  const points = ['recorded:1', 'attachment:2', 'downloaded:2', 'imported:1', 'imported:3', 'posted:1', 'posted:3', 'decided:2'];
  let seq = 200;
  for (const point of points) {
    it(`killed after ${point}: one case and one accept event per submission after the restart`, async () => {
      const sent = await f.send(3, undefined, (seq += 10));
      const crashed = await runSync({ BBDESK_PORTAL_CRASH_AT: point });
      expect(crashed.signal, crashed.output).toBe('SIGKILL');
      const again = await runSync();
      expect(again.code, again.output).toBe(0);
      await expectExactlyOnce(sent);
    }, 120_000);
  }

  it('killed from outside while downloading from a slow portal', async () => {
    const sent = await f.send(4, undefined, (seq += 10));
    f.sim.setFault({ mode: 'slow', delayMs: 400 });
    try {
      const before = f.sim.counts().apiRequests;
      const child = spawn(process.execPath, [CLI, 'portal', 'sync', '--once', '--data-dir', f.dataDir], { env: env() });
      const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)));
      while (f.sim.counts().apiRequests < before + 4) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      f.sim.setFault({ mode: 'none' });
    }
    const again = await runSync();
    expect(again.code, again.output).toBe(0);
    await expectExactlyOnce(sent);
  }, 120_000);
});
