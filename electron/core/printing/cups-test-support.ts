import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadNodePrinterBinding } from './system-printer';

/** Helpers for tests against the real CUPS queue "PDF" that scripts/ci-cups.sh sets up. */
export const QUEUE = 'PDF';
const CI_SCRIPT = path.resolve(__dirname, '..', '..', '..', 'scripts', 'ci-cups.sh');
/** CI sets BBDESK_REQUIRE_CUPS=1: a missing CUPS is then a failure, not a skip. */
export const requireCups = process.env.BBDESK_REQUIRE_CUPS === '1';

export function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim() };
}

/** Administrative CUPS commands: directly (root or lpadmin member), else through password-less sudo. */
export function admin(cmd: string, ...args: string[]): void {
  let r = run(cmd, args);
  if (!r.ok && process.getuid?.() !== 0) r = run('sudo', ['-n', cmd, ...args]);
  if (!r.ok) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.out}`);
}

export function cupsUnavailableReason(): string | undefined {
  const sched = run('lpstat', ['-r']);
  if (/ENOENT/.test(sched.out)) return 'lpstat not found (Debian package cups not installed)';
  if (!/^scheduler is running/m.test(sched.out)) return `CUPS scheduler not running (lpstat -r: ${sched.out || 'no output'})`;
  const queue = run('lpstat', ['-p', QUEUE]);
  if (!queue.ok) return `CUPS queue "${QUEUE}" missing (${queue.out}); run scripts/ci-cups.sh`;
  try {
    loadNodePrinterBinding();
  } catch (err) {
    return `@thiagoelg/node-printer cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
  }
  return undefined;
}

/** The folder cups-pdf writes this user's PDFs to, as scripts/ci-cups.sh computes it. */
export function cupsPdfOutputDir(): string {
  const r = spawnSync('bash', [CI_SCRIPT, '--print-outdir'], {
    encoding: 'utf8',
    env: { ...process.env, BBDESK_PRINT_USER: os.userInfo().username },
  });
  const dir = (r.stdout ?? '').trim();
  if (r.status !== 0 || !dir) throw new Error(`ci-cups.sh --print-outdir failed: ${r.stderr}`);
  return dir;
}

export function pdfFilesIn(dir: string): Set<string> {
  try {
    return new Set(fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pdf')));
  } catch {
    return new Set();
  }
}

export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, intervalMs = 100): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined || Date.now() >= deadline) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

