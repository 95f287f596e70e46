import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abiNotice, childEnv, DEFAULT_PORT, FALLBACK_NOTICE, parseStartArgs, planLaunch } from './start.mjs';

const root = '/proj';
const electron = '/proj/node_modules/electron/dist/electron';

describe('parseStartArgs', () => {
  it('defaults to port 5780, no browser flag, no data dir', () => {
    expect(parseStartArgs([])).toEqual({ browser: false, port: DEFAULT_PORT, dataDir: undefined, skipBuild: false });
    expect(DEFAULT_PORT).toBe(5780);
  });

  it('reads --browser, --port N, --port=N, --data-dir', () => {
    expect(parseStartArgs(['--browser', '--port', '6000', '--data-dir', '/d'])).toMatchObject({
      browser: true,
      port: 6000,
      dataDir: '/d',
    });
    expect(parseStartArgs(['--port=6001', '--data-dir=/e'])).toMatchObject({ port: 6001, dataDir: '/e' });
  });

  it('refuses a bad port', () => {
    expect(() => parseStartArgs(['--port', 'abc'])).toThrow(/Port/);
    expect(() => parseStartArgs(['--port', '70000'])).toThrow(/Port/);
  });
});

describe('planLaunch', () => {
  it('starts Electron with main.cjs and --data-dir when a binary exists; --port is not passed', () => {
    const plan = planLaunch({ browser: false, port: 6000, dataDir: '/data' }, electron, root);
    expect(plan).toEqual({
      mode: 'electron',
      notice: null,
      command: electron,
      args: [path.join(root, 'dist', 'electron', 'main.cjs'), '--data-dir', path.resolve('/data')],
    });
  });

  it('falls back to browser mode with exactly the one German notice when no binary exists', () => {
    const plan = planLaunch({ browser: false, port: DEFAULT_PORT, dataDir: undefined }, null, root);
    expect(plan.mode).toBe('browser');
    expect(plan.notice).toBe(FALLBACK_NOTICE);
    expect(FALLBACK_NOTICE).toBe(
      'Die Electron-Laufzeit wurde nicht gefunden – Bürgerbüro Desk startet im Browsermodus.',
    );
    expect(FALLBACK_NOTICE).not.toContain('\n');
    expect(plan.command).toBe(process.execPath);
    expect(plan.args).toEqual([path.join(root, 'dist', 'electron', 'server.cjs'), '--port', '5780']);
  });

  it('uses browser mode silently when asked for, even with a binary', () => {
    const plan = planLaunch({ browser: true, port: 6000, dataDir: '/data' }, electron, root);
    expect(plan.mode).toBe('browser');
    expect(plan.notice).toBeNull();
    expect(plan.args).toEqual([
      path.join(root, 'dist', 'electron', 'server.cjs'),
      '--port',
      '6000',
      '--data-dir',
      path.resolve('/data'),
    ]);
  });
});

describe('planLaunch with native addons built for Node', () => {
  it('falls back to browser mode with one line naming the fix', () => {
    const notice = abiNotice(115, 150);
    const plan = planLaunch({ browser: false, port: DEFAULT_PORT, dataDir: undefined }, electron, root, notice);
    expect(plan.mode).toBe('browser');
    expect(plan.notice).toBe(notice);
    expect(notice).not.toContain('\n');
    expect(notice).toContain('ABI 115');
    expect(notice).toContain('ABI 150');
    expect(notice).toContain('Browsermodus');
  });

  it('stays silent about it when --browser was asked for', () => {
    const plan = planLaunch({ browser: true, port: DEFAULT_PORT, dataDir: undefined }, electron, root, abiNotice(115, 150));
    expect(plan.notice).toBeNull();
  });
});

describe('childEnv', () => {
  it('never lets Electron run as plain Node', () => {
    expect(childEnv('electron', { ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' })).toEqual({ PATH: '/bin' });
    expect(childEnv('browser', { PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });
});
