import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** DESIGN.md's layer rules, checked on every import statement of the source tree. */
const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specs.push((m[1] ?? m[2] ?? m[3])!);
  }
  return specs;
}

function resolvesInto(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
  return target === folder || target.startsWith(folder + path.sep);
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|crypto$|child_process$|http$|https$|net$|url$|util$|zlib$|stream$|module$|worker_threads$)/;

describe('layering', () => {
  it('shared/ imports nothing from Node, Electron, the core or the renderer', () => {
    const offenders = sourceFiles('shared')
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        imports(f)
          .filter((s) => NODE_BUILTIN.test(s) || s === 'electron' || resolvesInto(f, s, 'electron') || resolvesInto(f, s, 'renderer'))
          .map((s) => `${f}: ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the renderer imports only shared/ and browser libraries', () => {
    const offenders = sourceFiles('renderer').flatMap((f) =>
      imports(f)
        .filter((s) => NODE_BUILTIN.test(s) || s === 'electron' || s === 'better-sqlite3' || resolvesInto(f, s, 'electron'))
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only the shell (electron/main, electron/preload) imports electron', () => {
    const files = ['electron/core', 'electron/server', 'electron/cli'].filter((d) => fs.existsSync(path.join(ROOT, d))).flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((f) =>
      imports(f)
        .filter((s) => s === 'electron' || s.startsWith('electron/') || resolvesInto(f, s, 'electron/main') || resolvesInto(f, s, 'electron/preload'))
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
