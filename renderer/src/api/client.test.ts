import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError, call, onAuthError } from './client';
import { setTransport } from './transport';

afterEach(() => setTransport(null));

describe('call', () => {
  it('returns the data of an ok answer and sends the input unchanged', async () => {
    const seen: unknown[] = [];
    setTransport(async (op, input) => {
      seen.push([op, input]);
      return { ok: true, data: { needsAdmin: false, residentCount: 3, sites: [] } };
    });
    await expect(call('setup.status')).resolves.toEqual({ needsAdmin: false, residentCount: 3, sites: [] });
    await call('cases.get', { caseId: 7 }).catch(() => undefined);
    expect(seen).toEqual([
      ['setup.status', {}],
      ['cases.get', { caseId: 7 }],
    ]);
  });

  it('throws ApiCallError with code, German message and field errors', async () => {
    setTransport(async () => ({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Postleitzahl: fünf Ziffern.',
        fields: [{ path: 'letterhead.postalCode', message: 'Postleitzahl: fünf Ziffern.' }],
      },
    }));
    const err = await call('settings.update', { outboxDir: '/tmp' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    const e = err as ApiCallError;
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('Postleitzahl: fünf Ziffern.');
    expect(e.fieldMessage('letterhead.postalCode')).toBe('Postleitzahl: fünf Ziffern.');
    expect(e.fieldMessage('letterhead')).toBe('Postleitzahl: fünf Ziffern.');
    expect(e.fieldMessage('outboxDir')).toBeUndefined();
  });

  it('reports a lost connection as NETWORK, garbage as INTERNAL', async () => {
    setTransport(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(call('sites.list')).rejects.toMatchObject({ code: 'NETWORK' });
    setTransport(async () => '<html>');
    await expect(call('sites.list')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('tells the session layer about UNAUTHENTICATED and SESSION_LOCKED, except for sign-in and unlock', async () => {
    const heard: string[] = [];
    const off = onAuthError((e) => heard.push(`${e.operation}:${e.code}`));
    setTransport(async (op) => ({
      ok: false,
      error: { code: op === 'cases.list' ? 'SESSION_LOCKED' : 'UNAUTHENTICATED', message: 'x' },
    }));
    await call('cases.list', {}).catch(() => undefined);
    await call('users.list').catch(() => undefined);
    await call('auth.login', { username: 'a', password: 'b' }).catch(() => undefined);
    await call('auth.unlock', { password: 'b' }).catch(() => undefined);
    off();
    await call('users.list').catch(() => undefined);
    expect(heard).toEqual(['cases.list:SESSION_LOCKED', 'users.list:UNAUTHENTICATED']);
  });

  it('leaves a wrong current password of the password change to its dialog, but not a locked session', async () => {
    const heard: string[] = [];
    const off = onAuthError((e) => heard.push(`${e.operation}:${e.code}`));
    let code = 'UNAUTHENTICATED';
    setTransport(async () => ({ ok: false, error: { code, message: 'Benutzername oder Passwort ist falsch.' } }));
    const input = { currentPassword: 'falsch', newPassword: 'ein-neues-passwort' };
    await expect(call('auth.changePassword', input)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    code = 'SESSION_LOCKED';
    await expect(call('auth.changePassword', input)).rejects.toMatchObject({ code: 'SESSION_LOCKED' });
    off();
    expect(heard).toEqual(['auth.changePassword:SESSION_LOCKED']);
  });
});
