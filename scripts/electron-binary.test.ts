import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addonAbi,
  electronAbi,
  electronPackageDir,
  findElectronBinary,
  isExecutableFile,
  nativeAbiMismatches,
  platformExecutable,
} from './electron-binary.mjs';

let tmp: string;
let electronDir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-electron-bin-'));
  electronDir = path.join(tmp, 'node_modules', 'electron');
  fs.mkdirSync(electronDir, { recursive: true });
  fs.writeFileSync(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeBinary(file: string, mode = 0o755): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, mode);
  return file;
}

const noEnv = {};
const posix = process.platform !== 'win32';

describe('findElectronBinary', () => {
  it('returns null when path.txt is absent (the binary was never downloaded)', () => {
    expect(findElectronBinary({ electronDir, env: noEnv })).toBeNull();
  });

  it('returns null when there is no electron package at all', () => {
    expect(findElectronBinary({ electronDir: null, env: noEnv })).toBeNull();
  });

  it('returns dist/<path.txt> when it exists and is executable', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    const binary = writeBinary(path.join(electronDir, 'dist', 'electron'));
    expect(findElectronBinary({ electronDir, env: noEnv, platform: 'linux' })).toBe(binary);
  });

  it('follows path.txt to the macOS app bundle', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    const binary = writeBinary(path.join(electronDir, 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'));
    expect(findElectronBinary({ electronDir, env: noEnv, platform: 'darwin' })).toBe(binary);
  });

  it('returns null when path.txt names a binary that is missing', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary({ electronDir, env: noEnv, platform: 'linux' })).toBeNull();
  });

  it.runIf(posix)('returns null when the binary is not executable', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    writeBinary(path.join(electronDir, 'dist', 'electron'), 0o644);
    expect(findElectronBinary({ electronDir, env: noEnv, platform: 'linux' })).toBeNull();
  });

  it('returns null when path.txt names a directory', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(electronDir, 'dist', 'electron'), { recursive: true });
    expect(findElectronBinary({ electronDir, env: noEnv, platform: 'linux' })).toBeNull();
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH with the name from path.txt', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    const override = path.join(tmp, 'custom-electron');
    const binary = writeBinary(path.join(override, 'electron'));
    expect(findElectronBinary({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux' })).toBe(
      binary,
    );
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH without path.txt (like index.js: plain "electron")', () => {
    const override = path.join(tmp, 'custom-electron');
    const binary = writeBinary(path.join(override, 'electron'));
    expect(findElectronBinary({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux' })).toBe(
      binary,
    );
  });

  it('lets the override win over an installed dist (and fails if the override is empty)', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    writeBinary(path.join(electronDir, 'dist', 'electron'));
    const override = path.join(tmp, 'empty-override');
    fs.mkdirSync(override);
    expect(findElectronBinary({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux' })).toBeNull();
  });

  it('finds the project’s own electron package without executing it', () => {
    const dir = electronPackageDir();
    expect(dir).not.toBeNull();
    expect(fs.existsSync(path.join(dir!, 'install.js'))).toBe(true);
    // Whatever the answer on this machine, asking must not download or throw.
    const found = findElectronBinary();
    expect(found === null || isExecutableFile(found)).toBe(true);
  });
});

describe('platformExecutable', () => {
  it('matches install.js', () => {
    expect(platformExecutable('linux')).toBe('electron');
    expect(platformExecutable('freebsd')).toBe('electron');
    expect(platformExecutable('win32')).toBe('electron.exe');
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});

describe('native addon ABI', () => {
  function addon(pkg: string, name: string, abi: number | null): string {
    const file = path.join(tmp, 'node_modules', pkg, 'build', 'Release', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const symbol = abi === null ? 'napi_register_module_v1' : `node_register_module_v${abi}`;
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]), Buffer.from(`\0${symbol}\0`)]));
    return file;
  }

  it('reads the ABI from the addon and from electron/abi_version', () => {
    expect(addonAbi(addon('better-sqlite3', 'better_sqlite3.node', 115))).toBe(115);
    expect(addonAbi(addon('better-sqlite3', 'test_extension.node', null))).toBeNull();
    expect(addonAbi(path.join(tmp, 'missing.node'))).toBeNull();
    expect(electronAbi(electronDir)).toBeNull();
    fs.writeFileSync(path.join(electronDir, 'abi_version'), '150');
    expect(electronAbi(electronDir)).toBe(150);
  });

  it('lists addons built for another ABI', () => {
    const sqlite = addon('better-sqlite3', 'better_sqlite3.node', 115);
    addon('better-sqlite3', 'test_extension.node', null);
    addon('@thiagoelg/node-printer', 'node_printer.node', 150);
    expect(nativeAbiMismatches(150, tmp)).toEqual([{ file: sqlite, abi: 115 }]);
    expect(nativeAbiMismatches(115, tmp).map((m) => m.abi)).toEqual([150]);
    expect(nativeAbiMismatches(null, tmp)).toEqual([]);
  });

  it('reads the project’s real electron ABI without loading electron', () => {
    const abi = electronAbi();
    expect(abi === null || abi > Number(process.versions.modules)).toBe(true);
  });
});
