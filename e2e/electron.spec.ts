/**
 * The Electron shell end to end: launches dist/electron/main.cjs in a real Electron.
 *
 * Skips where no Electron binary is installed. Electron 45's npm package downloads its binary
 * lazily on first use; offline (CI sandboxes, this repository's build container) there is none,
 * and asking `require('electron')` would try the download. Detection therefore only looks at
 * node_modules/electron/path.txt + dist/ and ELECTRON_OVERRIDE_DIST_PATH (scripts/electron-binary.mjs).
 * The shell's security settings and IPC checks are covered without a binary by the vitest suites
 * in electron/main and electron/preload (fake `electron` module).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronAbi, findElectronBinary, nativeAbiMismatches } from '../scripts/electron-binary.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainCjs = path.join(projectRoot, 'dist', 'electron', 'main.cjs');
const binary = findElectronBinary();
const abi = electronAbi();
const sqliteBuiltForElectron = !nativeAbiMismatches(abi).some((m) => m.file.includes('better-sqlite3'));

const SKIP_NO_BINARY =
  'Electron-Binary nicht vorhanden: node_modules/electron/path.txt fehlt oder zeigt auf keine ausführbare Datei ' +
  '(Electron 45 lädt das Binary erst bei Bedarf aus dem Netz). Zum Testen Electron installieren ' +
  'oder ELECTRON_OVERRIDE_DIST_PATH auf ein entpacktes Electron 45 setzen.';

test.describe('Electron-Shell', () => {
  let app: ElectronApplication;
  let win: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    test.skip(!binary, SKIP_NO_BINARY);
    test.skip(
      !sqliteBuiltForElectron,
      `better-sqlite3 ist für Node.js gebaut, nicht für Electron (ABI ${abi}) – zuerst \`npx electron-builder install-app-deps\`.`,
    );
    test.skip(!fs.existsSync(mainCjs), 'dist/electron/main.cjs fehlt – zuerst `node scripts/build.mjs` ausführen.');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-e2e-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    app = await electron.launch({
      executablePath: binary!,
      // Chromium refuses to run as root with its sandbox; containers often run tests as root.
      args: [mainCjs, '--data-dir', dataDir, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: projectRoot,
      env,
    });
    win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('lädt die Oberfläche von app://bbdesk/, nicht von file://', async () => {
    expect(win.url()).toMatch(/^app:\/\/bbdesk\//);
    expect(await win.title()).toContain('Bürgerbüro');
  });

  test('die Seite sieht nur window.bbdesk.invoke – kein Node, kein ipcRenderer', async () => {
    const seen = await win.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        bridgeKeys: Object.keys(window.bbdesk ?? {}),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    expect(seen).toEqual({
      bridgeKeys: ['invoke'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('invoke erreicht den Kern und liefert ein ApiResult', async () => {
    const result = await win.evaluate(() => window.bbdesk!.invoke('setup.status', {}));
    expect(result).toHaveProperty('ok');
    expect(JSON.stringify(result)).not.toMatch(/token/i);
  });

  test('Antworten tragen die strenge CSP', async () => {
    const csp = await win.evaluate(async () => (await fetch('app://bbdesk/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  test('window.open und Navigation nach außen sind gesperrt', async () => {
    expect(await win.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    await win.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toMatch(/^app:\/\/bbdesk\//);
    expect(app.windows()).toHaveLength(1);
  });

  test('keine Berechtigungen (z. B. Standort)', async () => {
    const state = await win.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state);
    expect(state).toBe('denied');
  });
});
