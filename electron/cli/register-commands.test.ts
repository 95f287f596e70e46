/** The administrator's command line for the registers: demo data, Personenstandsregister and Wählerverzeichnis imports. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/test-support';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'electron', 'cli.cjs');
const DEMO = path.join(ROOT, 'resources', 'demo');

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('npm run cli -- residents demo / personenstand import / elections import', () => {
  const dataDir = tempDir('bbdesk-cli-registers-');

  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--core-only', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }, 120_000);

  it('loads the demo data of every register, as the app does', () => {
    const r = cli(['residents', 'demo', '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Demodaten geladen: \d{3} Einwohner, 64 Personenstandseinträge, 384 Wahlberechtigte, 500 Hundemarken im Bestand\./);
  });

  it('imports the Personenstandsregister CSV again without duplicates, and refuses a broken file with its line', () => {
    const again = cli(['personenstand', 'import', '--file', path.join(DEMO, 'personenstand.csv'), '--data-dir', dataDir]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Importiert: 0 neu, 64 aktualisiert. Im Register: 64 Einträge.');

    const lines = fs.readFileSync(path.join(DEMO, 'personenstand.csv'), 'utf8').split('\n');
    const broken = path.join(dataDir, 'kaputt.csv');
    fs.writeFileSync(broken, [lines[0], lines[1], lines[1]].join('\n'));
    const bad = cli(['personenstand', 'import', '--file', broken, '--data-dir', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Zeile 3/);
  });

  it('imports a Wählerverzeichnis into a known election only', () => {
    const ok = cli(['elections', 'import', '--election', 'ltw-2027', '--file', path.join(DEMO, 'waehlerverzeichnis.csv'), '--data-dir', dataDir]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('0 neu, 384 aktualisiert');
    const unknown = cli(['elections', 'import', '--election', 'kw-2031', '--file', path.join(DEMO, 'waehlerverzeichnis.csv'), '--data-dir', dataDir]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Eine Wahl „kw-2031“ gibt es nicht');
  });
});
