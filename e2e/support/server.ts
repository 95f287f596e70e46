/**
 * Starts the browser-mode host (`node dist/electron/server.cjs`) on a free port with a fresh temporary
 * data folder, and stops it afterwards. The folder printer adapter is the default, so printed PDFs land
 * in the data folder's outbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type Page } from '@playwright/test';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverCjs = path.join(projectRoot, 'dist', 'electron', 'server.cjs');
const rendererIndex = path.join(projectRoot, 'dist', 'renderer', 'index.html');

export interface RunningServer {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/** `env` is added to the server's environment; the embedded demo portal is off unless a spec turns it on. */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  for (const f of [serverCjs, rendererIndex]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(projectRoot, f)} fehlt – zuerst \`node scripts/build.mjs\` ausführen.`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-e2e-'));
  const env = { ...process.env };
  delete env.BBDESK_DATA_DIR;
  delete env.BBDESK_PORT;
  env.BBDESK_PORTAL_SIM = '0';
  Object.assign(env, opts.env ?? {});
  const child: ChildProcess = spawn(process.execPath, [serverCjs, '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (log += d));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server meldete keine Adresse binnen 30 s:\n${log}`)), 30_000);
    child.stdout!.on('data', (d: string) => {
      log += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/?/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]! + '/');
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Server beendet (Code ${code}):\n${log}`));
    });
  });

  return {
    url,
    dataDir,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timeout = new Promise<void>((r) => setTimeout(r, 5_000));
        await Promise.race([exited, timeout]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Registers beforeAll/afterAll hooks for one server per spec file; call inside a describe block. */
export function useServer(opts: { env?: Record<string, string> } = {}): () => RunningServer {
  let server: RunningServer | null = null;
  test.beforeAll(async () => {
    server = await startServer(opts);
  });
  test.afterAll(async () => {
    await server?.stop();
    server = null;
  });
  return () => {
    if (!server) throw new Error('Server nicht gestartet');
    return server;
  };
}

/**
 * Collects what the page reports as broken: uncaught exceptions, console errors and CSP violations.
 * A failed API call answers JSON and logs nothing, so an empty list is a real expectation.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

/** Every file below `dir` whose name ends with `ext`. */
export function filesBelow(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesBelow(p, ext));
    else if (entry.name.toLowerCase().endsWith(ext)) out.push(p);
  }
  return out;
}
