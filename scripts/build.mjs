// Builds Bürgerbüro Desk.
//   node scripts/build.mjs [--core-only] [--quiet]
// esbuild bundles the Node-side entries to CommonJS in dist/electron/ (node_modules stay external,
// so better-sqlite3 & co. load from node_modules); Vite builds the renderer into dist/renderer/
// unless --core-only. An entry whose source does not exist yet is skipped.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(projectRoot, 'dist', 'electron');

/** Node-side entries: source (relative to the project) → output file in dist/electron. */
export const NODE_ENTRIES = [
  { source: 'electron/main/main.ts', outfile: 'main.cjs' },
  { source: 'electron/server/main.ts', outfile: 'server.cjs' },
  { source: 'electron/cli/cli.ts', outfile: 'cli.cjs' },
  { source: 'electron/cli/bench.ts', outfile: 'bench.cjs' },
  { source: 'electron/core/documents/render-worker.ts', outfile: 'render-worker.cjs' },
];
export const PRELOAD_ENTRY = { source: 'electron/preload/preload.ts', outfile: 'preload.cjs' };

/**
 * The preload runs sandboxed: its only permitted require is 'electron'. Anything else would
 * fail at runtime inside the renderer, so the build fails instead.
 */
export function foreignRequires(bundleText) {
  const found = new Set();
  for (const m of bundleText.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
    if (m[1] !== 'electron') found.add(m[1]);
  }
  return [...found];
}

async function buildNodeEntries({ quiet }) {
  const logLevel = quiet ? 'error' : 'warning';
  const common = {
    absWorkingDir: projectRoot,
    bundle: true,
    format: 'cjs',
    sourcemap: true,
    logLevel,
    charset: 'utf8',
    legalComments: 'none',
    // system-printer.ts falls back to import.meta.url only when run as ESM (vitest); the bundle uses __filename.
    logOverride: { 'empty-import-meta': 'silent' },
  };
  const present = NODE_ENTRIES.filter((e) => fs.existsSync(path.join(projectRoot, e.source)));
  const skipped = NODE_ENTRIES.filter((e) => !present.includes(e));

  const jobs = present.map((entry) =>
    esbuild.build({
      ...common,
      entryPoints: [entry.source],
      outfile: path.join(outDir, entry.outfile),
      platform: 'node',
      target: 'node20',
      packages: 'external',
      external: ['electron'],
      // Sources written as ESM may use import.meta.url; give it its CommonJS meaning.
      define: { 'import.meta.url': '__bbdeskImportMetaUrl' },
      banner: { js: "var __bbdeskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
  );

  const hasPreload = fs.existsSync(path.join(projectRoot, PRELOAD_ENTRY.source));
  if (hasPreload) {
    const preloadOut = path.join(outDir, PRELOAD_ENTRY.outfile);
    jobs.push(
      esbuild
        .build({
          ...common,
          entryPoints: [PRELOAD_ENTRY.source],
          outfile: preloadOut,
          // 'browser': importing a Node built-in fails the build instead of the sandboxed renderer.
          platform: 'browser',
          target: 'es2022',
          external: ['electron'],
        })
        .then((result) => {
          const extra = foreignRequires(fs.readFileSync(preloadOut, 'utf8'));
          if (extra.length > 0) {
            throw new Error(`preload.cjs darf nur 'electron' laden, verlangt aber: ${extra.join(', ')}`);
          }
          return result;
        }),
    );
  } else {
    skipped.push(PRELOAD_ENTRY);
  }

  // Let every entry finish (and print its diagnostics) before reporting the first failure.
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { built: [...present, ...(hasPreload ? [PRELOAD_ENTRY] : [])], skipped };
}

async function buildRenderer({ quiet }) {
  const configFile = path.join(projectRoot, 'vite.config.ts');
  if (!fs.existsSync(configFile)) {
    if (!quiet) console.log('vite.config.ts fehlt – Oberfläche nicht gebaut.');
    return false;
  }
  const { build } = await import('vite');
  // The config's relative root ('renderer') is resolved against the working directory.
  const cwd = process.cwd();
  process.chdir(projectRoot);
  try {
    await build({ configFile, logLevel: quiet ? 'error' : 'info' });
  } finally {
    process.chdir(cwd);
  }
  return true;
}

/**
 * @param {{ coreOnly?: boolean, quiet?: boolean }} [options]
 */
export async function runBuild(options = {}) {
  const quiet = Boolean(options.quiet);
  const started = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  const { built, skipped } = await buildNodeEntries({ quiet });
  if (!quiet) {
    for (const e of built) console.log(`  ${e.source} → dist/electron/${e.outfile}`);
    for (const e of skipped) console.log(`  ${e.source} fehlt – übersprungen`);
  }
  const renderer = options.coreOnly ? false : await buildRenderer({ quiet });
  if (!quiet) {
    const what = options.coreOnly ? 'Kern' : renderer ? 'Kern und Oberfläche' : 'Kern';
    console.log(`Build fertig (${what}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  return { built, skipped, renderer };
}

/** One line about a build error: esbuild's own diagnostics have already been printed above. */
export function describeBuildError(err) {
  if (err && Array.isArray(err.errors) && err.errors.length > 0) {
    return `${err.errors.length} Fehler (Einzelheiten oben).`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0];
}

export function parseBuildArgs(argv) {
  return { coreOnly: argv.includes('--core-only'), quiet: argv.includes('--quiet') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBuild(parseBuildArgs(process.argv.slice(2))).catch((err) => {
    // esbuild has already printed its diagnostics; add a one-line summary.
    console.error(`Build fehlgeschlagen: ${describeBuildError(err)}`);
    process.exit(1);
  });
}
