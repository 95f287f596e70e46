import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const projectRoot = path.resolve(__dirname, '..');
const require = createRequire(path.join(projectRoot, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
};

type Config = Record<string, any>;
const config = yaml.load(fs.readFileSync(path.join(projectRoot, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it("passes electron-builder 26's own schema validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('identifies the product', () => {
    expect(config.appId).toBe('de.lingen.bbdesk');
    expect(config.productName).toBe('Bürgerbüro Desk');
    expect(config.publish).toBeNull();
  });

  it('packs dist/ into an asar, unpacks native modules, ships resources/ beside it', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/@thiagoelg/node-printer/**']),
    );
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources', to: 'resources' })]);
    expect(fs.existsSync(path.join(projectRoot, 'resources', 'fonts'))).toBe(true);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds per-machine Windows installers and Linux packages', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, allowElevation: true });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('has a 256×256 PNG icon', () => {
    const png = fs.readFileSync(path.join(projectRoot, 'resources', 'icons', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(256);
    expect(png.readUInt32BE(20)).toBe(256);
  });
});
