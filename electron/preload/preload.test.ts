import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../main/test-support/fake-electron'));

import * as fake from '../main/test-support/fake-electron';

let exposed: { key: string; api: Record<string, unknown> }[] = [];

beforeAll(async () => {
  fake.resetFakeElectron();
  await import('./preload');
  exposed = [...fake.recorder.exposed];
});

describe('preload', () => {
  it('calls contextBridge.exposeInMainWorld once, for window.bbdesk', () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]!.key).toBe('bbdesk');
  });

  it('exposes exactly one member: invoke', () => {
    const api = exposed[0]!.api;
    expect(Object.getOwnPropertyNames(api)).toEqual(['invoke']);
    expect(Object.getOwnPropertySymbols(api)).toEqual([]);
    expect(api.invoke).toBeTypeOf('function');
  });

  it('invoke goes to bbdesk:invoke with op and input, nothing else', async () => {
    const invoke = exposed[0]!.api.invoke as (op: string, input: unknown) => Promise<unknown>;
    fake.ipcRenderer.invocations = [];
    await expect(invoke('cases.get', { id: 7 })).resolves.toEqual({ ok: true, data: null });
    expect(fake.ipcRenderer.invocations).toEqual([['bbdesk:invoke', 'cases.get', { id: 7 }]]);
  });
});
