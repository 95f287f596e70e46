import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api/contract';
import type { CaseDetail } from '../../../shared/domain/types';
import { inTransaction, openDatabase, type Db } from '../db/connection';
import { makeTestCore, manualClock, TEST_PASSWORD, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { berlinDateTime } from '../../../shared/domain/berlin-time';
import { requireHolder } from './assignment';
import { getCaseRow } from './repository';

/** The test clock stands at 25.11.2026, 10:00 in Berlin. */
const SINCE = 'seit 25.11.2026, 10:00';
const heldBy = (name: string) => `Der Vorgang wird von ${name} bearbeitet (${SINCE}).`;

function failure(r: ApiResult<unknown>) {
  if (r.ok) throw new Error('expected the call to fail');
  return r.error;
}

describe('claims, the edit lock and assignment', () => {
  const clock = manualClock();
  let t: TestCore;
  let admin: SessionHolder;
  let maria: SessionHolder;
  let jonas: SessionHolder;
  let sabine: SessionHolder;
  let ids: { maria: number; jonas: number; sabine: number };
  let residentId: number;

  async function person(core: TestCore, username: string): Promise<SessionHolder> {
    const s = memorySessionHolder();
    await core.call(s, 'auth.login', { username, password: TEST_PASSWORD });
    return s;
  }

  async function user(username: string, displayName: string, role: 'clerk' | 'supervisor'): Promise<[SessionHolder, number]> {
    const u = await t.call(admin, 'users.create', { username, displayName, role, siteId: 1, password: TEST_PASSWORD });
    return [await person(t, username), u.id];
  }

  /** A new walk-in case; held by its creator. */
  async function newCase(by: SessionHolder = maria): Promise<CaseDetail> {
    return t.call(by, 'cases.createWalkIn', { serviceId: 'meldebescheinigung', residentId, data: { kind: 'einfach', purpose: 'arbeitgeber' } });
  }

  /** A case nobody holds (created, then released). */
  async function freeCase(): Promise<CaseDetail> {
    const c = await newCase(maria);
    return t.call(maria, 'cases.release', { caseId: c.id, reason: 'Zurück in die Warteschlange' });
  }

  const get = (caseId: number, by: SessionHolder = admin) => t.call(by, 'cases.get', { caseId });

  beforeAll(async () => {
    t = await makeTestCore({ clock });
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    let mariaId: number, jonasId: number, sabineId: number;
    [maria, mariaId] = await user('maria', 'Maria Müller', 'clerk');
    [jonas, jonasId] = await user('jonas', 'Jonas Becker', 'clerk');
    [sabine, sabineId] = await user('sabine', 'Sabine Schulte', 'supervisor');
    ids = { maria: mariaId, jonas: jonasId, sabine: sabineId };
    residentId = (await t.call(maria, 'residents.search', { name: 'Lukasz Kowalski' }))[0]!.id;
  });

  afterAll(() => t.core.close());

  it('makes the clerk who creates a walk-in case its holder', async () => {
    const c = await newCase(maria);
    expect(c).toMatchObject({ assigneeId: ids.maria, assigneeName: 'Maria Müller', assignedAt: clock.now().toISOString() });
  });

  it('lets exactly one of two sessions claiming the same case at once win; the other is told who holds it', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await freeCase();
      expect(c.assigneeId).toBeNull();
      const [a, b] = await Promise.all([
        t.core.dispatch('cases.claim', { caseId: c.id }, maria),
        t.core.dispatch('cases.claim', { caseId: c.id }, jonas),
      ]);
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
      const winner = a.ok ? 'Maria Müller' : 'Jonas Becker';
      const lost = failure(a.ok ? b : a);
      expect(lost.code).toBe('CONFLICT');
      expect(lost.message).toBe(heldBy(winner));
      const after = await get(c.id);
      expect(after.assigneeName).toBe(winner);
      expect(after.history.filter((h) => h.action === 'Übernommen')).toHaveLength(1);
    }
  });

  it('lets exactly one win when two core instances (two connections) on one data folder claim at once', async () => {
    const t2 = await makeTestCore({ dataDir: t.dataDir, clock });
    try {
      const jonas2 = await person(t2, 'jonas');
      for (let round = 0; round < 5; round++) {
        const c = await freeCase();
        const [a, b] = await Promise.all([
          t.core.dispatch('cases.claim', { caseId: c.id }, maria),
          t2.core.dispatch('cases.claim', { caseId: c.id }, jonas2),
        ]);
        expect([a, b].filter((r) => r.ok)).toHaveLength(1);
        const winner = a.ok ? 'Maria Müller' : 'Jonas Becker';
        expect(failure(a.ok ? b : a)).toMatchObject({ code: 'CONFLICT', message: heldBy(winner) });
        expect((await t2.call(jonas2, 'cases.get', { caseId: c.id })).assigneeName).toBe(winner);
      }
    } finally {
      t2.core.close();
    }
  });

  it('refuses a claim based on a row read before another connection claimed the case (the conditional UPDATE decides)', async () => {
    const c = await freeCase();
    const db2: Db = openDatabase(t.dataDir);
    try {
      const stale = getCaseRow(db2, c.id)!;
      expect(stale.assignee_id).toBeNull();
      await t.call(maria, 'cases.claim', { caseId: c.id });
      expect(() =>
        inTransaction(db2, () => requireHolder(db2, stale, { id: ids.jonas, displayName: 'Jonas Becker' }, clock.now().toISOString())),
      ).toThrow(heldBy('Maria Müller'));
      expect(getCaseRow(db2, c.id)!.assignee_id).toBe(ids.maria);
    } finally {
      db2.close();
    }
  });

  it('lets exactly one of two threads with their own connections win a claim started at the same instant', async () => {
    const c = await freeCase();
    const outfile = path.resolve(__dirname, '../../../node_modules/.cache', `bbdesk-claim-worker-${process.pid}.cjs`);
    buildSync({
      stdin: {
        contents: `
          import { parentPort, workerData } from 'node:worker_threads';
          import { inTransaction, openDatabase } from './db/connection';
          import { requireHolder } from './cases/assignment';
          import { getCaseRow } from './cases/repository';
          const { dataDir, caseId, user, at, gate } = workerData;
          const db = openDatabase(dataDir);
          const flag = new Int32Array(gate);
          Atomics.add(flag, 1, 1);
          Atomics.wait(flag, 0, 0);
          let result;
          try {
            inTransaction(db, () => requireHolder(db, getCaseRow(db, caseId), user, at));
            result = { ok: true };
          } catch (e) {
            result = { ok: false, code: e.code, message: e.message };
          }
          db.close();
          parentPort.postMessage(result);
        `,
        resolveDir: path.resolve(__dirname, '..'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    try {
      const gate = new SharedArrayBuffer(8);
      const flag = new Int32Array(gate);
      const at = clock.now().toISOString();
      const run = (user: { id: number; displayName: string }) =>
        new Promise<{ ok: boolean; code?: string; message?: string }>((resolve, reject) => {
          const w = new Worker(outfile, { workerData: { dataDir: t.dataDir, caseId: c.id, user, at, gate } });
          w.once('message', resolve);
          w.once('error', reject);
        });
      const results = Promise.all([run({ id: ids.maria, displayName: 'Maria Müller' }), run({ id: ids.jonas, displayName: 'Jonas Becker' })]);
      // Both threads have opened their connection: release them together.
      while (Atomics.load(flag, 1) < 2) await new Promise((r) => setTimeout(r, 5));
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      const [a, b] = await results;
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
      const winner = a.ok ? 'Maria Müller' : 'Jonas Becker';
      expect(a.ok ? b : a).toMatchObject({ ok: false, code: 'CONFLICT', message: heldBy(winner) });
      const after = await get(c.id);
      expect(after.assigneeName).toBe(winner);
      expect(after.history.filter((h) => h.action === 'Übernommen')).toHaveLength(1);
    } finally {
      fs.rmSync(outfile, { force: true });
    }
  });

  it('refuses every changing operation by someone else and leaves the case as it was', async () => {
    const c = await newCase(maria);
    const before = await get(c.id);
    const attempts = [
      t.core.dispatch('cases.transition', { caseId: c.id, to: 'waiting', reason: 'Unterlagen fehlen' }, jonas),
      t.core.dispatch('cases.recordPayment', { caseId: c.id, method: 'cash' }, jonas),
      t.core.dispatch('cases.issue', { caseId: c.id }, jonas),
      t.core.dispatch('cases.handOver', { caseId: c.id }, jonas),
      t.core.dispatch('cases.markReadyForPost', { caseId: c.id }, jonas),
      // Not even a supervisor acts on a held case without taking it over first.
      t.core.dispatch('cases.transition', { caseId: c.id, to: 'cancelled', reason: 'Doppelt erfasst' }, sabine),
    ];
    for (const r of await Promise.all(attempts)) expect(failure(r)).toEqual({ code: 'CONFLICT', message: heldBy('Maria Müller') });
    expect(await get(c.id)).toEqual(before);
    // Others may still read it.
    expect((await get(c.id, jonas)).id).toBe(c.id);
    // The holder goes on.
    expect((await t.call(maria, 'cases.recordPayment', { caseId: c.id, method: 'cash' })).status).toBe('ready');
  });

  it('claims a case nobody holds with the first change, in the same transaction', async () => {
    const c = await freeCase();
    const changed = await t.call(jonas, 'cases.transition', { caseId: c.id, to: 'waiting', reason: 'Unterlagen fehlen' });
    expect(changed).toMatchObject({ status: 'waiting', assigneeId: ids.jonas, assignedAt: clock.now().toISOString() });
    const actions = changed.history.map((h) => h.action);
    expect(actions.slice(-2)).toEqual(['Übernommen', 'Status: Wartet auf Antragsteller']);
    expect(failure(await t.core.dispatch('cases.transition', { caseId: c.id, to: 'in_progress' }, maria)).message).toBe(heldBy('Jonas Becker'));

    // A change the status machine refuses claims nothing.
    const d = await freeCase();
    expect(failure(await t.core.dispatch('cases.handOver', { caseId: d.id }, jonas)).code).toBe('CONFLICT');
    const after = await get(d.id);
    expect(after.assigneeId).toBeNull();
    expect(after.history.map((h) => h.action)).not.toContain('Übernommen');
  });

  it('claims with "Übernehmen"; claiming one\'s own case again changes nothing', async () => {
    const c = await freeCase();
    const claimed = await t.call(jonas, 'cases.claim', { caseId: c.id });
    expect(claimed).toMatchObject({ assigneeId: ids.jonas, assigneeName: 'Jonas Becker', assignedAt: clock.now().toISOString() });
    clock.advance(60_000);
    const again = await t.call(jonas, 'cases.claim', { caseId: c.id });
    expect(again.assignedAt).toBe(claimed.assignedAt);
    expect(again.history).toHaveLength(claimed.history.length);
  });

  it('releases with a reason, only by the holder', async () => {
    const c = await newCase(maria);
    expect(failure(await t.core.dispatch('cases.release', { caseId: c.id, reason: 'Urlaub' }, jonas))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('Maria Müller') as unknown as string,
    });
    expect(failure(await t.core.dispatch('cases.release', { caseId: c.id, reason: '' }, maria)).code).toBe('INVALID_INPUT');
    const released = await t.call(maria, 'cases.release', { caseId: c.id, reason: 'Urlaub ab morgen' });
    expect(released).toMatchObject({ assigneeId: null, assigneeName: null, assignedAt: null });
    expect(released.history.at(-1)).toMatchObject({ action: 'Freigegeben', reason: 'Urlaub ab morgen', userName: 'Maria Müller' });
    expect(failure(await t.core.dispatch('cases.release', { caseId: c.id, reason: 'nochmal' }, maria)).code).toBe('CONFLICT');
  });

  it('lets only a supervisor take a held case over, with a reason', async () => {
    const c = await newCase(maria);
    expect(failure(await t.core.dispatch('cases.takeOver', { caseId: c.id, reason: 'Krank' }, jonas)).code).toBe('FORBIDDEN');
    expect(failure(await t.core.dispatch('cases.takeOver', { caseId: c.id }, sabine)).code).toBe('INVALID_INPUT');
    clock.advance(60_000);
    const taken = await t.call(sabine, 'cases.takeOver', { caseId: c.id, reason: 'Kollegin erkrankt' });
    expect(taken).toMatchObject({ assigneeId: ids.sabine, assigneeName: 'Sabine Schulte', assignedAt: clock.now().toISOString() });
    expect(taken.history.at(-1)).toMatchObject({
      action: 'Übernahme durch Teamleitung (bisher: Maria Müller)',
      reason: 'Kollegin erkrankt',
      userName: 'Sabine Schulte',
    });
    const refused = failure(await t.core.dispatch('cases.recordPayment', { caseId: c.id, method: 'cash' }, maria));
    expect(refused.message).toMatch(/^Der Vorgang wird von Sabine Schulte bearbeitet \(seit 25\.11\.2026, \d\d:\d\d\)\.$/);
    // An administrator may take over too.
    expect((await t.call(admin, 'cases.takeOver', { caseId: c.id, reason: 'Vertretung' })).assigneeName).toBe('Anna Admin');
  });

  it('assigns many cases to a clerk, to nobody and to a site, with the reason in each history', async () => {
    const cases = [await newCase(maria), await freeCase(), await newCase(jonas)];
    const caseIds = cases.map((c) => c.id);
    expect(failure(await t.core.dispatch('cases.assign', { caseIds, assigneeId: ids.jonas, reason: 'Umverteilung' }, maria)).code).toBe(
      'FORBIDDEN',
    );

    expect(await t.call(sabine, 'cases.assign', { caseIds, assigneeId: ids.jonas, reason: 'Umverteilung' })).toEqual({ updated: 2 });
    for (const id of caseIds) {
      const d = await get(id);
      expect(d.assigneeName).toBe('Jonas Becker');
    }
    expect((await get(caseIds[0]!)).history.at(-1)).toMatchObject({ action: 'Zugewiesen an Jonas Becker', reason: 'Umverteilung', userName: 'Sabine Schulte' });
    expect((await get(caseIds[1]!)).history.at(-1)).toMatchObject({ action: 'Zugewiesen an Jonas Becker', reason: 'Umverteilung' });
    // Maria no longer holds the first one; Jonas may work on it.
    const first = await get(caseIds[0]!);
    expect(failure(await t.core.dispatch('cases.recordPayment', { caseId: first.id, method: 'cash' }, maria)).message).toBe(
      `Der Vorgang wird von Jonas Becker bearbeitet (seit ${berlinDateTime(first.assignedAt!)}).`,
    );
    expect((await t.call(jonas, 'cases.recordPayment', { caseId: first.id, method: 'cash' })).status).toBe('ready');
  });

  it('moves cases to a site and back to nobody', async () => {
    const cases = [await newCase(maria), await newCase(maria)];
    const caseIds = cases.map((c) => c.id);
    expect(await t.call(sabine, 'cases.assign', { caseIds, assigneeId: null, siteId: 2, reason: 'Zuständigkeit Ortsverwaltung' })).toEqual({
      updated: 2,
    });
    for (const id of caseIds) {
      const d = await get(id);
      expect(d).toMatchObject({ assigneeId: null, assignedAt: null, siteId: 2, siteName: 'Ortsverwaltung Altenlingen' });
      expect(d.history.slice(-2).map((h) => [h.action, h.reason])).toEqual([
        ['An Standort Ortsverwaltung Altenlingen verschoben', 'Zuständigkeit Ortsverwaltung'],
        ['Zuweisung aufgehoben (nicht übernommen)', 'Zuständigkeit Ortsverwaltung'],
      ]);
    }
  });

  it('refuses the whole assignment when one case is closed, unknown, or the assignee inactive: nothing changes', async () => {
    const open = await newCase(maria);
    const done = await newCase(maria);
    await t.call(maria, 'cases.transition', { caseId: done.id, to: 'cancelled', reason: 'Doppelt erfasst' });
    const before = [await get(open.id), await get(done.id)];

    const closed = failure(await t.core.dispatch('cases.assign', { caseIds: [open.id, done.id], assigneeId: ids.jonas, siteId: 2, reason: 'Umverteilung' }, sabine));
    expect(closed.code).toBe('CONFLICT');
    expect(closed.message).toContain(done.reference);
    const unknown = failure(await t.core.dispatch('cases.assign', { caseIds: [open.id, 999_999], assigneeId: ids.jonas, reason: 'Umverteilung' }, sabine));
    expect(unknown.code).toBe('NOT_FOUND');

    const gone = await t.call(admin, 'users.create', { username: 'paul', displayName: 'Paul Gegangen', role: 'clerk', siteId: 1, password: TEST_PASSWORD });
    await t.call(admin, 'users.update', { userId: gone.id, active: false });
    const inactive = failure(await t.core.dispatch('cases.assign', { caseIds: [open.id], assigneeId: gone.id, reason: 'Umverteilung' }, sabine));
    expect(inactive.code).toBe('INVALID_INPUT');
    const noSite = failure(await t.core.dispatch('cases.assign', { caseIds: [open.id], siteId: 99, reason: 'Umverteilung' }, sabine));
    expect(noSite.code).toBe('INVALID_INPUT');
    const nothing = failure(await t.core.dispatch('cases.assign', { caseIds: [open.id], reason: 'Umverteilung' }, sabine));
    expect(nothing.code).toBe('INVALID_INPUT');

    expect([await get(open.id), await get(done.id)]).toEqual(before);
  });

  it('lists the active colleagues with their sites', async () => {
    const team = await t.call(jonas, 'users.team', {});
    expect(team.find((m) => m.id === ids.maria)).toEqual({
      id: ids.maria,
      displayName: 'Maria Müller',
      role: 'clerk',
      siteId: 1,
      siteName: 'Bürgerbüro Lingen (Ems)',
    });
    expect(team.map((m) => m.displayName)).toContain('Sabine Schulte');
    expect(team.map((m) => m.displayName)).not.toContain('Paul Gegangen');
  });
});
