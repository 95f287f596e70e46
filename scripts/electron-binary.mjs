// Finds an installed Electron binary WITHOUT network access.
//
// `require('electron')` in plain Node runs node_modules/electron/index.js, which downloads the
// binary when it is missing (Electron 45 installs lazily) and throws offline. This module mirrors
// index.js's resolution instead and only looks at the file system:
//   1. ELECTRON_OVERRIDE_DIST_PATH set  → <that folder>/<path.txt content, else the platform's name
//                                         or "electron"> (the override wins; no fall-through)
//   2. node_modules/electron/path.txt   → node_modules/electron/dist/<path.txt content>
// The candidate counts only if it is a regular file and executable. Otherwise: null.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The executable's path inside an Electron dist folder, as install.js writes it to path.txt. */
export function platformExecutable(platform = process.platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** node_modules/electron of the project, resolved without executing its index.js; null if absent. */
export function electronPackageDir(root = projectRoot) {
  try {
    const req = createRequire(path.join(root, 'package.json'));
    return path.dirname(req.resolve('electron/package.json'));
  } catch {
    const fallback = path.join(root, 'node_modules', 'electron');
    return fs.existsSync(path.join(fallback, 'package.json')) ? fallback : null;
  }
}

/** True for an existing regular file we may execute (on Windows: existence suffices). */
export function isExecutableFile(file, platform = process.platform) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readPathTxt(electronDir) {
  if (!electronDir) return null;
  try {
    const value = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    return value === '' ? null : value;
  } catch {
    return null;
  }
}

/**
 * @param {{ electronDir?: string | null, env?: Record<string, string | undefined>, platform?: string }} [options]
 * @returns {string | null} absolute path of the Electron executable, or null when none is installed
 */
export function findElectronBinary(options = {}) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const electronDir = options.electronDir === undefined ? electronPackageDir() : options.electronDir;
  const executablePath = readPathTxt(electronDir);

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    // index.js uses path.txt's value, else plain "electron"; also try the platform's usual name.
    const names = [...new Set([executablePath ?? platformExecutable(platform), 'electron'])];
    for (const name of names) {
      const candidate = path.resolve(override, name);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
    return null;
  }
  if (!electronDir || !executablePath) return null;
  const candidate = path.resolve(electronDir, 'dist', executablePath);
  return isExecutableFile(candidate, platform) ? candidate : null;
}

/** Packages with native (non-N-API) addons the core loads. */
export const NATIVE_PACKAGES = ['better-sqlite3', '@thiagoelg/node-printer'];

/** The NODE_MODULE_VERSION an addon was compiled for, read from its exported symbol name; null if none. */
export function addonAbi(file) {
  try {
    const m = /node_register_module_v(\d+)/.exec(fs.readFileSync(file).toString('latin1'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Electron's NODE_MODULE_VERSION as shipped in node_modules/electron/abi_version; null if unknown. */
export function electronAbi(electronDir = electronPackageDir()) {
  if (!electronDir) return null;
  try {
    const n = Number(fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/**
 * Native addons in node_modules built for another ABI than `abi` (e.g. for Node instead of Electron).
 * Without network we cannot rebuild them here; the caller decides what to do.
 * @returns {{ file: string, abi: number }[]}
 */
export function nativeAbiMismatches(abi, root = projectRoot) {
  if (!abi) return [];
  const out = [];
  for (const pkg of NATIVE_PACKAGES) {
    const release = path.join(root, 'node_modules', pkg, 'build', 'Release');
    let names = [];
    try {
      names = fs.readdirSync(release).filter((n) => n.endsWith('.node'));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(release, name);
      const found = addonAbi(file);
      if (found !== null && found !== abi) out.push({ file, abi: found });
    }
  }
  return out;
}

// `node scripts/electron-binary.mjs` prints the path (exit 0) or a note (exit 1).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = findElectronBinary();
  if (found) console.log(found);
  else console.log('Kein Electron-Binary gefunden.');
  process.exit(found ? 0 : 1);
}
