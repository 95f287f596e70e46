import { beforeAll, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES } from '../../../shared/api/contract';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { verifyAuditChain } from '../audit/audit';
import { openDatabase } from '../db/connection';
import { makeTestCore, manualClock, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';

describe('dispatcher', () => {
  let t: TestCore;
  const sessions = {} as Record<Role, SessionHolder>;

  beforeAll(async () => {
    t = await makeTestCore();
    for (const role of ROLES) sessions[role] = await t.sessionAs(role);
  });

  it('refuses an unknown operation', async () => {
    for (const op of ['nope', 'cases.delete', '__proto__', 'constructor', '']) {
      const r = await t.core.dispatch(op, {}, sessions.admin);
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_OPERATION' }) });
    }
  });

  describe.each(OPERATION_NAMES)('%s', (op) => {
    const def = contract[op];

    if (def.access !== 'public') {
      it('needs a session', async () => {
        const r = await t.core.dispatch(op, {}, memorySessionHolder());
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('UNAUTHENTICATED');
        const forged = await t.core.dispatch(op, {}, memorySessionHolder('forged-token'));
        expect(!forged.ok && forged.error.code).toBe('UNAUTHENTICATED');
      });
    }

    for (const role of ROLES) {
      const allowed = def.access === 'public' || def.access.includes(role);
      it(`${allowed ? 'admits' : 'refuses'} the role ${role}`, async () => {
        // A string is invalid input for every operation: an admitted role reaches validation, a refused one never does.
        const r = await t.core.dispatch(op, 'kein Objekt', sessions[role]);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.error.code).toBe(allowed ? 'INVALID_INPUT' : 'FORBIDDEN');
        expect(r.error.message).toMatch(/[a-zäöü]/i);
      });
    }
  });

  it('rejects invalid input with German field messages', async () => {
    const r = await t.core.dispatch('users.create', { username: 'X Y', displayName: '', role: 'boss', siteId: 1, password: 'kurz' }, sessions.admin);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    const paths = r.error.fields!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'role', 'password']));
    expect(r.error.fields!.find((f) => f.path === 'password')!.message).toContain('mindestens 10 Zeichen');
  });

  it('rejects names outside DIN 91379', async () => {
    const r = await t.core.dispatch(
      'users.create',
      { username: 'eve', displayName: 'Eve 😀', role: 'clerk', siteId: 1, password: TEST_PASSWORD },
      sessions.admin,
    );
    expect(!r.ok && r.error.message).toContain('DIN 91379');
  });

  it('writes a chained audit entry for every call', async () => {
    await t.core.dispatch('cases.list', {}, sessions.clerk);
    await t.core.dispatch('users.list', {}, sessions.clerk);
    const db = openDatabase(t.dataDir);
    const last = db.prepare('SELECT operation, outcome, username FROM audit_log ORDER BY id DESC LIMIT 2').all();
    expect(last).toEqual([
      expect.objectContaining({ operation: 'users.list', outcome: 'FORBIDDEN' }),
      expect.objectContaining({ operation: 'cases.list', outcome: 'ok' }),
    ]);
    expect(verifyAuditChain(db)).toBeNull();
    expect(() => db.prepare(`UPDATE audit_log SET outcome = 'x'`).run()).toThrow(/append-only/);
    db.close();
  });
});

describe('sessions and sign-in', () => {
  it('locks an account after five wrong passwords until an administrator unlocks it', async () => {
    const t = await makeTestCore();
    const admin = await t.sessionAs('admin');
    await t.sessionAs('clerk', 'ben');
    const s = memorySessionHolder();
    for (let i = 1; i <= 4; i++) {
      const r = await t.core.dispatch('auth.login', { username: 'ben', password: 'falsch-falsch' }, s);
      expect(!r.ok && r.error.message).toBe('Benutzername oder Passwort ist falsch.');
    }
    const fifth = await t.core.dispatch('auth.login', { username: 'ben', password: 'falsch-falsch' }, s);
    expect(!fifth.ok && fifth.error.message).toMatch(/gesperrt/);
    const right = await t.core.dispatch('auth.login', { username: 'ben', password: TEST_PASSWORD }, s);
    expect(!right.ok && right.error.message).toMatch(/gesperrt/);
    expect(s.token).toBeNull();
    const users = await t.call(admin, 'users.list', {});
    const ben = users.find((u) => u.username === 'ben')!;
    expect(ben.locked).toBe(true);
    await t.call(admin, 'users.unlock', { userId: ben.id });
    const info = await t.call(s, 'auth.login', { username: 'ben', password: TEST_PASSWORD });
    expect(info.user.username).toBe('ben');
  });

  it('does not reveal whether a user name exists', async () => {
    const t = await makeTestCore();
    await t.sessionAs('admin');
    const r = await t.core.dispatch('auth.login', { username: 'niemand', password: 'egal-egal-egal' }, memorySessionHolder());
    expect(!r.ok && r.error.message).toBe('Benutzername oder Passwort ist falsch.');
  });

  it('locks the screen after the idle time and unlocks with the password', async () => {
    const clock = manualClock();
    const t = await makeTestCore({ clock });
    const clerk = await t.sessionAs('clerk');
    await t.call(clerk, 'cases.list', {});
    clock.advance(5 * 60_000 + 1000);
    const r = await t.core.dispatch('cases.list', {}, clerk);
    expect(!r.ok && r.error.code).toBe('SESSION_LOCKED');
    const info = await t.call(clerk, 'auth.session', {});
    expect(info?.locked).toBe(true);
    const wrong = await t.core.dispatch('auth.unlock', { password: 'falsch-falsch' }, clerk);
    expect(!wrong.ok && wrong.error.code).toBe('UNAUTHENTICATED');
    await t.call(clerk, 'auth.unlock', { password: TEST_PASSWORD });
    await t.call(clerk, 'cases.list', {});
  });

  it('expires sessions after the configured hours', async () => {
    const clock = manualClock();
    const t = await makeTestCore({ clock });
    const clerk = await t.sessionAs('clerk');
    for (let i = 0; i < 11; i++) {
      clock.advance(60 * 60_000 - 1000);
      await t.core.dispatch('auth.session', {}, clerk); // keeps nothing alive: sessions end after 10 h regardless
      if (clerk.token) await t.core.dispatch('auth.unlock', { password: TEST_PASSWORD }, clerk);
    }
    expect(clerk.token).toBeNull();
    const r = await t.core.dispatch('cases.list', {}, clerk);
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
  });

  it('allows the first administrator only once', async () => {
    const t = await makeTestCore();
    await t.sessionAs('admin');
    const r = await t.core.dispatch(
      'setup.createAdmin',
      { username: 'mallory', displayName: 'Mallory', password: TEST_PASSWORD, siteId: 1 },
      memorySessionHolder(),
    );
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});
