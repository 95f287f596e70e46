import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./test-support/fake-electron'));

import type { IpcMain, WebContents } from 'electron';
import type { Core } from '../core';
import type { SessionHolder } from '../core/transport';
import * as fake from './test-support/fake-electron';
import { registerIpcBridge } from './ipc';

type Dispatch = Core['dispatch'];

function setup(dispatchImpl?: Dispatch) {
  const dispatch = vi.fn<Dispatch>(dispatchImpl ?? (async () => ({ ok: true, data: 'done' })));
  const bridge = registerIpcBridge(fake.asElectron<IpcMain>(fake.ipcMain), { dispatch });
  const handler = fake.ipcMain.handlers.get('bbdesk:invoke')!;
  return { dispatch, bridge, handler };
}

/** A window of ours: its main frame shows the app. */
function appWindow() {
  const contents = new fake.FakeWebContents();
  contents.mainFrame.url = 'app://bbdesk/index.html';
  return contents;
}

function eventFrom(contents: fake.FakeWebContents, frame: fake.FakeWebFrameMain | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame, frameId: 1, processId: 1, type: 'frame' };
}

const asContents = (c: fake.FakeWebContents) => fake.asElectron<WebContents>(c);

beforeEach(() => fake.resetFakeElectron());

describe('IPC bridge: trusted sender', () => {
  it('registers exactly one channel, bbdesk:invoke', () => {
    setup();
    expect([...fake.ipcMain.handlers.keys()]).toEqual(['bbdesk:invoke']);
  });

  it('forwards (op, input, holder) to the core dispatcher and returns its result', async () => {
    const { dispatch, bridge, handler } = setup();
    const win = appWindow();
    bridge.trust(asContents(win));
    const input = { status: ['new'] };
    const result = await handler(eventFrom(win), 'cases.list', input);
    expect(result).toEqual({ ok: true, data: 'done' });
    expect(dispatch).toHaveBeenCalledTimes(1);
    const [op, passedInput, holder] = dispatch.mock.calls[0]!;
    expect(op).toBe('cases.list');
    expect(passedInput).toBe(input);
    expect(holder).toBe(bridge.holderFor(win.id));
  });

  it('keeps one session holder per window, in the main process', async () => {
    const { dispatch, bridge, handler } = setup(async (op, _input, holder) => {
      if (op === 'auth.login') holder.setToken(`token-${Math.random()}`);
      return { ok: true, data: { user: 'x' } };
    });
    const a = appWindow();
    const b = appWindow();
    bridge.trust(asContents(a));
    bridge.trust(asContents(b));

    const loginResult = await handler(eventFrom(a), 'auth.login', { username: 'u', password: 'p' });
    expect(JSON.stringify(loginResult)).not.toContain('token-');
    await handler(eventFrom(a), 'cases.list', {});
    await handler(eventFrom(b), 'cases.list', {});

    const holders = dispatch.mock.calls.map((c) => c[2] as SessionHolder);
    expect(holders[0]).toBe(holders[1]);
    expect(holders[0]!.token).toMatch(/^token-/);
    expect(holders[2]).not.toBe(holders[0]);
    expect(holders[2]!.token).toBeNull();
  });

  it('drops the holder when the webContents is destroyed, and refuses its later calls', async () => {
    const { dispatch, bridge, handler } = setup();
    const win = appWindow();
    bridge.trust(asContents(win));
    expect(bridge.holderFor(win.id)).toBeDefined();
    win.destroy();
    expect(bridge.holderFor(win.id)).toBeUndefined();
    const result = await handler(eventFrom(win), 'cases.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('IPC bridge: untrusted senders never reach the dispatcher', () => {
  async function expectRejected(
    makeEvent: (bridge: ReturnType<typeof setup>['bridge']) => unknown,
  ): Promise<void> {
    const { dispatch, bridge, handler } = setup();
    const result = await handler(makeEvent(bridge), 'auth.login', { username: 'admin', password: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  }

  it('a webContents we did not create', async () => {
    await expectRejected(() => eventFrom(appWindow()));
  });

  it('our window showing a foreign URL', async () => {
    await expectRejected((bridge) => {
      const win = appWindow();
      bridge.trust(asContents(win));
      win.mainFrame.url = 'https://evil.example/';
      return eventFrom(win);
    });
  });

  it.each(['file:///etc/passwd', 'http://127.0.0.1:5780/', 'app://other/index.html', 'about:blank'])(
    'our window at %s',
    async (url) => {
      await expectRejected((bridge) => {
        const win = appWindow();
        bridge.trust(asContents(win));
        win.mainFrame.url = url;
        return eventFrom(win);
      });
    },
  );

  it('a subframe of our window, even one on the app origin', async () => {
    await expectRejected((bridge) => {
      const win = appWindow();
      bridge.trust(asContents(win));
      const sub = new fake.FakeWebFrameMain('app://bbdesk/frame.html', win.mainFrame);
      return eventFrom(win, sub);
    });
  });

  it('a frame that claims to be top-level but is not the main frame', async () => {
    await expectRejected((bridge) => {
      const win = appWindow();
      bridge.trust(asContents(win));
      return eventFrom(win, new fake.FakeWebFrameMain('app://bbdesk/index.html'));
    });
  });

  it('an event whose frame is gone', async () => {
    await expectRejected((bridge) => {
      const win = appWindow();
      bridge.trust(asContents(win));
      return eventFrom(win, null);
    });
  });
});

describe('IPC bridge: input checks', () => {
  it.each([[42], [null], [undefined], [{ op: 'x' }], [''], ['x'.repeat(101)]])('refuses operation %j', async (op) => {
    const { dispatch, bridge, handler } = setup();
    const win = appWindow();
    bridge.trust(asContents(win));
    const result = await handler(eventFrom(win), op, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a thrown error into INTERNAL without leaking its message', async () => {
    const { bridge, handler } = setup(async () => {
      throw new Error('SQLITE_CORRUPT at /secret/path');
    });
    const win = appWindow();
    bridge.trust(asContents(win));
    const result = await handler(eventFrom(win), 'cases.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
  });

  it('dispose removes the handler', () => {
    const { bridge } = setup();
    bridge.dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
