import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { makeTestCore, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';
import { dispatchCandidates } from '../dispatch/candidates';
import { addCaseTasks } from './service-case';

/**
 * The generic steps every service may use, shown on Meldebescheinigung cases whose flags are set directly (the
 * services that set them through their rules have their own tests): a supervisor's approval before the fee, the
 * Standesbeamter's signature before hand-over and dispatch, and per-case tasks.
 */
describe('approval, signature and tasks on a case', () => {
  let t: TestCore;
  let db: Db;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  let other: SessionHolder;
  let supervisor: SessionHolder;
  let registrar: SessionHolder;
  let residentId: number;

  const newCase = async (deliveryMethod: 'counter' | 'post' = 'counter') =>
    t.call(clerk, 'cases.createWalkIn', { serviceId: 'meldebescheinigung', residentId, data: { kind: 'einfach', purpose: 'arbeitgeber' }, deliveryMethod });
  const failure = async (session: SessionHolder, op: Parameters<TestCore['core']['dispatch']>[0], input: unknown) => {
    const r = await t.core.dispatch(op, input, session);
    if (r.ok) throw new Error(`${op} should have failed`);
    return r.error;
  };

  beforeAll(async () => {
    t = await makeTestCore();
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
    other = await t.sessionAs('clerk');
    supervisor = await t.sessionAs('supervisor');
    const reg = await t.call(admin, 'users.create', {
      username: 'standesamt',
      displayName: 'Stefanie Standesbeamtin',
      role: 'clerk',
      siteId: 1,
      password: 'geheim-geheim-42',
      registrar: true,
    });
    expect(reg.registrar).toBe(true);
    registrar = memorySessionHolder();
    await t.call(registrar, 'auth.login', { username: 'standesamt', password: 'geheim-geheim-42' });
    residentId = (await t.call(clerk, 'residents.search', { name: 'Lukasz Kowalski' }))[0]!.id;
    db = openDatabase(t.dataDir);
  });
  afterAll(() => db?.close());

  it('refuses the fee until a supervisor approves, and only a supervisor may', async () => {
    const c = await newCase();
    db.prepare('UPDATE cases SET approval_required = ? WHERE id = ?').run('Berechtigtes Interesse', c.id);
    const refused = await failure(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
    expect(refused.message).toContain('Teamleitung freigegeben');
    expect((await t.call(clerk, 'cases.get', { caseId: c.id })).status).toBe('in_progress');

    const awaiting = async () => (await t.call(supervisor, 'cases.list', { awaiting: 'approval' })).items.map((x) => x.id);
    expect(await awaiting()).toEqual([c.id]);
    expect((await failure(clerk, 'cases.approve', { caseId: c.id, reason: 'Erbschaft belegt' })).code).toBe('FORBIDDEN');
    const approved = await t.call(supervisor, 'cases.approve', { caseId: c.id, reason: 'Erbschaft belegt' });
    expect(approved.steps.approvedAt).not.toBeNull();
    expect(approved.history.at(-1)?.action).toContain('Freigegeben');
    expect(await awaiting()).toEqual([]);
    expect((await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' })).status).toBe('ready');
  });

  it('keeps a certificate that needs a signature from hand-over until a Standesbeamter signs it', async () => {
    const c = await newCase();
    db.prepare('UPDATE cases SET signature_required = 1 WHERE id = ?').run(c.id);
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
    expect((await failure(registrar, 'cases.sign', { caseId: c.id })).message).toContain('Ausgestellt');
    await t.call(clerk, 'cases.issue', { caseId: c.id });

    const awaiting = async () => (await t.call(registrar, 'cases.list', { awaiting: 'signature' })).items.map((x) => x.id);
    expect(await awaiting()).toContain(c.id);
    const handOver = await failure(clerk, 'cases.handOver', { caseId: c.id });
    expect(handOver.message).toContain('unterschrieben und gesiegelt');
    expect((await failure(clerk, 'cases.sign', { caseId: c.id })).code).toBe('FORBIDDEN');
    expect((await failure(supervisor, 'cases.sign', { caseId: c.id })).code).toBe('FORBIDDEN');

    const signed = await t.call(registrar, 'cases.sign', { caseId: c.id });
    expect(signed.steps).toMatchObject({ signatureRequired: true, signedBy: 'Stefanie Standesbeamtin' });
    expect((await failure(registrar, 'cases.sign', { caseId: c.id })).message).toContain('bereits unterschrieben');
    expect(await awaiting()).not.toContain(c.id);
    expect((await t.call(clerk, 'cases.handOver', { caseId: c.id })).status).toBe('closed');
  });

  it('leaves an unsigned certificate out of the postal print run', async () => {
    const c = await newCase('post');
    db.prepare('UPDATE cases SET signature_required = 1 WHERE id = ?').run(c.id);
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
    const ids = () => dispatchCandidates(db, {}).map((x) => x.caseId);
    expect(ids()).not.toContain(c.id);
    await t.call(clerk, 'cases.issue', { caseId: c.id });
    expect(ids()).not.toContain(c.id);
    await t.call(registrar, 'cases.sign', { caseId: c.id });
    expect(ids()).toContain(c.id);
  });

  it('lets the holder set a task, records it in the history, and refuses others', async () => {
    const c = await newCase();
    db.transaction(() =>
      addCaseTasks(db, c.id, [{ key: 'ihk', label: 'IHK Osnabrück-Emsland', detail: '§ 3 GewAnzV' }, { key: 'finanzamt', label: 'Finanzamt Lingen' }], new Date().toISOString(), null),
    )();
    const before = await t.call(clerk, 'cases.get', { caseId: c.id });
    expect(before.tasks.map((x) => [x.key, x.state])).toEqual([
      ['ihk', 'open'],
      ['finanzamt', 'open'],
    ]);
    const done = await t.call(clerk, 'cases.updateTask', { caseId: c.id, taskKey: 'ihk', state: 'done', note: 'per E-Mail' });
    expect(done.tasks[0]).toMatchObject({ state: 'done', note: 'per E-Mail' });
    expect(done.history.at(-1)?.action).toBe('Aufgabe „IHK Osnabrück-Emsland“: erledigt');
    const refused = await failure(other, 'cases.updateTask', { caseId: c.id, taskKey: 'finanzamt', state: 'done' });
    expect(refused.code).toBe('CONFLICT');
    expect((await t.call(clerk, 'cases.get', { caseId: c.id })).tasks[1]!.state).toBe('open');
    expect((await failure(clerk, 'cases.updateTask', { caseId: c.id, taskKey: 'hwk', state: 'done' })).code).toBe('NOT_FOUND');
  });

  it('counts a legal deadline as met once the document is issued, while the target date still runs', async () => {
    const c = await newCase();
    db.prepare('UPDATE cases SET legal_deadline_at = ?, target_date = ? WHERE id = ?').run('2026-11-20T23:00:00.000Z', '2026-12-31', c.id);
    const overdue = async () => (await t.call(clerk, 'cases.list', { due: 'overdue' })).items.map((x) => x.id);
    expect(await overdue()).toContain(c.id);
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
    expect(await overdue()).toContain(c.id);
    await t.call(clerk, 'cases.issue', { caseId: c.id });
    expect(await overdue()).not.toContain(c.id);
    const row = (await t.call(clerk, 'cases.list', {})).items.find((x) => x.id === c.id);
    expect(row?.due).toBeNull();
    db.prepare('UPDATE cases SET target_date = ? WHERE id = ?').run('2026-11-01', c.id);
    expect(await overdue()).toContain(c.id);
  });

  it('needs a Melderegister person for a Meldebescheinigung', async () => {
    const e = await failure(clerk, 'cases.createWalkIn', { serviceId: 'meldebescheinigung', residentId: null, data: { kind: 'einfach', purpose: 'arbeitgeber' } });
    expect(e.message).toContain('Person im Melderegister');
  });
});
