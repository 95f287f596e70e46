/**
 * Only the shell (electron/main, electron/preload) may import 'electron'. The core, the HTTP host,
 * the CLI, shared/ and the renderer must run without it (DESIGN.md, "Processes and layers").
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const projectRoot = path.resolve(__dirname, '..', '..');
const SHELL = [path.join('electron', 'main'), path.join('electron', 'preload')];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(full));
    } else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

const IMPORTS_ELECTRON = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]electron(?:\/[^'"]*)?['"]/;

describe('layer boundaries', () => {
  it("no module outside electron/main and electron/preload imports 'electron'", () => {
    const offenders = ['electron', 'shared', 'renderer']
      .flatMap((dir) => sourceFiles(path.join(projectRoot, dir)))
      .map((file) => path.relative(projectRoot, file))
      .filter((rel) => !SHELL.some((shell) => rel.startsWith(shell + path.sep)))
      .filter((rel) => IMPORTS_ELECTRON.test(fs.readFileSync(path.join(projectRoot, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the preload imports nothing but electron and pure modules', () => {
    const text = fs.readFileSync(path.join(projectRoot, 'electron', 'preload', 'preload.ts'), 'utf8');
    const specifiers = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !s!.startsWith('.') && s !== 'electron')).toEqual([]);
  });
});
