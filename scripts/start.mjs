// Starts Bürgerbüro Desk.
//   node scripts/start.mjs [--browser] [--port N] [--data-dir DIR]
// Builds first (quietly; errors are shown). With an installed Electron binary the desktop app
// starts; otherwise — or with --browser — the HTTP host serves the same app on 127.0.0.1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBuildError, runBuild, projectRoot } from './build.mjs';
import { electronAbi, findElectronBinary, nativeAbiMismatches } from './electron-binary.mjs';

export const DEFAULT_PORT = 5780;
export const FALLBACK_NOTICE =
  'Die Electron-Laufzeit wurde nicht gefunden – Bürgerbüro Desk startet im Browsermodus.';

function argValue(argv, name) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === name) return argv[i + 1];
    if (a.startsWith(name + '=')) return a.slice(name.length + 1);
  }
  return undefined;
}

export function parseStartArgs(argv) {
  const portText = argValue(argv, '--port');
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Ungültiger Port: ${portText}`);
  }
  return {
    browser: argv.includes('--browser'),
    port,
    dataDir: argValue(argv, '--data-dir'),
    skipBuild: argv.includes('--no-build'),
  };
}

/** One line: the Electron binary exists, but SQLite's addon is built for plain Node. */
export function abiNotice(found, wanted) {
  return (
    `better-sqlite3 ist für Node.js gebaut (ABI ${found}), Electron braucht ABI ${wanted} – ` +
    'Bürgerbüro Desk startet im Browsermodus (Desktopmodus: npx electron-builder install-app-deps).'
  );
}

/**
 * What to run: Electron with main.cjs, or Node with server.cjs. Pure; `electronBinary` is the
 * result of findElectronBinary() (null when absent); `abiProblem` a one-line reason why the
 * native addons cannot load in that Electron (null when they can).
 */
export function planLaunch(options, electronBinary, root = projectRoot, abiProblem = null) {
  const dataDirArgs = options.dataDir ? ['--data-dir', path.resolve(options.dataDir)] : [];
  if (!options.browser && electronBinary && !abiProblem) {
    return {
      mode: 'electron',
      notice: null,
      command: electronBinary,
      args: [path.join(root, 'dist', 'electron', 'main.cjs'), ...dataDirArgs],
    };
  }
  return {
    mode: 'browser',
    notice: options.browser ? null : (abiProblem ?? FALLBACK_NOTICE),
    command: process.execPath,
    args: [path.join(root, 'dist', 'electron', 'server.cjs'), '--port', String(options.port), ...dataDirArgs],
  };
}

/** Environment for the child: Electron must not be told to behave like plain Node. */
export function childEnv(mode, env = process.env) {
  const out = { ...env };
  if (mode === 'electron') delete out.ELECTRON_RUN_AS_NODE;
  return out;
}

/** A one-line notice when better-sqlite3's addon was built for another ABI than `abi`; else null. */
function sqliteAbiProblem(abi) {
  const mismatch = nativeAbiMismatches(abi).find((m) => m.file.includes(`${path.sep}better-sqlite3${path.sep}`));
  return mismatch ? abiNotice(mismatch.abi, abi) : null;
}

async function main() {
  const options = parseStartArgs(process.argv.slice(2));
  if (!options.skipBuild) {
    try {
      await runBuild({ quiet: true, coreOnly: false });
    } catch (err) {
      console.error(`Build fehlgeschlagen: ${describeBuildError(err)}`);
      process.exit(1);
    }
  }

  const binary = options.browser ? null : findElectronBinary();
  const plan = planLaunch(options, binary, projectRoot, binary ? sqliteAbiProblem(electronAbi()) : null);

  const entry = plan.args[0];
  if (!fs.existsSync(entry)) {
    console.error(`${path.relative(projectRoot, entry)} fehlt – der Build hat diesen Teil nicht erzeugt.`);
    process.exit(1);
  }
  if (plan.notice) console.log(plan.notice);
  // The reverse case: addons rebuilt for Electron cannot load in plain Node.
  if (plan.mode === 'browser' && sqliteAbiProblem(Number(process.versions.modules))) {
    console.log(`Hinweis: better-sqlite3 passt nicht zu Node.js ${process.version} – \`npm rebuild better-sqlite3\` ausführen.`);
  }

  const child = spawn(plan.command, plan.args, {
    cwd: projectRoot,
    stdio: 'inherit',
    env: childEnv(plan.mode),
  });

  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));

  child.on('error', (err) => {
    console.error(`Start fehlgeschlagen: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    const number = signal ? os.constants.signals[signal] : undefined;
    process.exit(number ? 128 + number : 1);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`Start fehlgeschlagen: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    process.exit(1);
  });
}
