/** The administrator's command line against a simulator started by the command line itself. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../core/db/connection';
import { provideTestKeys } from '../core/portal/test-portal';
import { tempDir } from '../core/test-support';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'electron', 'cli.cjs');

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
}

describe('npm run cli -- portal / portal-sim', () => {
  let serve: ChildProcess;
  let api = '';
  let destination = '';
  const dataDir = tempDir('bbdesk-cli-portal-');

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--core-only', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    await provideTestKeys(dataDir);
    const jwks = path.join(dataDir, 'jwks.json');
    const exported = cli(['portal', 'keys', 'export', '--out', jwks, '--data-dir', dataDir]);
    expect(exported.status, exported.stderr).toBe(0);
    serve = spawn(process.execPath, [CLI, 'portal-sim', 'serve', '--port', '0', '--jwks', jwks]);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 30_000);
      serve.stdout!.on('data', (d) => {
        out += d;
        const m = /FIT-Connect-Simulator: (\S+)[\s\S]*Zustellpunkt: (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          [, api, destination] = m as unknown as [string, string, string];
          resolve();
        }
      });
    });
  }, 120_000);

  afterAll(() => {
    serve?.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('submits demo applications and syncs them once into the data folder', () => {
    const submitted = cli(['portal-sim', 'submit', '--service', 'meldebescheinigung,hundesteuer-anmeldung', '--count', '4', '--api', api, '--blank-forms']);
    expect(submitted.status, submitted.stderr).toBe(0);
    expect(submitted.stdout).toContain('4 Antrag/Anträge eingereicht.');

    const unknown = cli(['portal-sim', 'submit', '--service', 'kfz-zulassung', '--count', '1', '--api', api]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unbekannte Leistung: kfz-zulassung');

    const env = {
      ...process.env,
      BBDESK_PORTAL_TOKEN_URL: `${api}/token`,
      BBDESK_PORTAL_API_URL: api,
      BBDESK_PORTAL_CLIENT_ID: 'bbdesk',
      BBDESK_PORTAL_CLIENT_SECRET: 'bbdesk-sim-secret',
      BBDESK_PORTAL_DESTINATION_ID: destination,
    };
    const synced = cli(['portal', 'sync', '--once', '--data-dir', dataDir], env);
    expect(synced.status, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/4 übernommen, 0 abgelehnt, 4 bestätigt/);
    const db = openDatabase(dataDir);
    try {
      const n = (db.prepare(`SELECT COUNT(*) AS n FROM cases WHERE channel = 'online'`).get() as { n: number }).n;
      expect(n).toBe(4);
    } finally {
      db.close();
    }
    const status = cli(['portal', 'status', '--data-dir', dataDir], env);
    expect(status.stdout).toContain('Konfiguration: environment');
    expect(status.stdout).toContain('Wartend: 0');
  });

  it('refuses a half-set environment with a clear message', () => {
    const r = cli(['portal', 'sync', '--once', '--data-dir', dataDir], { ...process.env, BBDESK_PORTAL_API_URL: api });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Portal-Konfiguration unvollständig');
  });
});
