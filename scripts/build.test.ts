import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { foreignRequires, NODE_ENTRIES, parseBuildArgs, PRELOAD_ENTRY, projectRoot } from './build.mjs';

describe('build script', () => {
  it('knows the entries and their outputs', () => {
    expect(NODE_ENTRIES.map((e) => `${e.source} → ${e.outfile}`)).toEqual([
      'electron/main/main.ts → main.cjs',
      'electron/server/main.ts → server.cjs',
      'electron/cli/cli.ts → cli.cjs',
      'electron/cli/bench.ts → bench.cjs',
      'electron/core/documents/render-worker.ts → render-worker.cjs',
    ]);
    expect(PRELOAD_ENTRY).toEqual({ source: 'electron/preload/preload.ts', outfile: 'preload.cjs' });
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('parses its flags', () => {
    expect(parseBuildArgs(['--core-only', '--quiet'])).toEqual({ coreOnly: true, quiet: true });
    expect(parseBuildArgs([])).toEqual({ coreOnly: false, quiet: false });
  });

  it('spots requires a sandboxed preload cannot satisfy', () => {
    expect(foreignRequires('var e = require("electron");')).toEqual([]);
    expect(foreignRequires('require("electron"); require("node:fs"); require(\'path\')')).toEqual(['node:fs', 'path']);
  });

  it('bundles the preload into one file whose only require is electron', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-preload-')), 'preload.cjs');
    await esbuild.build({
      absWorkingDir: projectRoot,
      entryPoints: [PRELOAD_ENTRY.source],
      outfile: out,
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      external: ['electron'],
      logLevel: 'silent',
    });
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('require("electron")');
    expect(foreignRequires(text)).toEqual([]);
    expect(text).toContain('"bbdesk:invoke"');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
