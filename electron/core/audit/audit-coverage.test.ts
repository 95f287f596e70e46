/**
 * Every operation of the contract that reads or changes personal data (`personal: true`) writes an audit entry
 * naming the operation, the user and — where the input names a case or a person — that case or person.
 *
 * Table-driven from the contract: a personal operation added later without a row in CALLS fails "has a row in the
 * table", so whoever adds it has to say how to call it and what the entry must name.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES, type OperationName } from '../../../shared/api/contract';
import type { Role } from '../../../shared/domain/roles';
import { openDatabase } from '../db/connection';
import { BANK, postCase, waitForRun } from '../dispatch/test-helpers';
import { makeTestCore, type TestCore } from '../test-support';
import type { SessionHolder } from '../transport';

interface Fixtures {
  residentId: number;
  /** A walk-in case held by the clerk, issued (has a document). */
  issuedCaseId: number;
  documentId: number;
  /** A registered postal case, dispatched by a print run. */
  postCaseId: number;
  runId: number;
  itemId: number;
  logId: number;
  logDate: string;
}

/** How to call one operation, as whom, and which subject its entry must name (null: none is expected). */
interface Call {
  role: Role;
  /** Runs before the call (e.g. creates the case it works on); its result is passed to input/subject. */
  prepare?: (f: Fixtures) => Promise<number>;
  input: (f: Fixtures, prepared: number) => unknown;
  subject: (f: Fixtures, prepared: number) => { kind: 'case' | 'resident'; id: number } | null;
  /** The call must succeed (default). false: any outcome, as long as it is recorded. */
  ok?: boolean;
}

let t: TestCore;
let db: Database.Database;
const sessions = {} as Record<Role, SessionHolder>;
let f: Fixtures;

async function walkIn(paid: boolean): Promise<number> {
  const c = await t.call(sessions.clerk, 'cases.createWalkIn', {
    serviceId: 'meldebescheinigung',
    residentId: f.residentId,
    data: { kind: 'einfach', purpose: 'arbeitgeber' },
  });
  if (paid) await t.call(sessions.clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
  return c.id;
}

const caseSubject = (id: number) => ({ kind: 'case' as const, id });

const CALLS: Partial<Record<OperationName, Call>> = {
  'setup.loadDemoData': { role: 'admin', input: () => ({}), subject: () => null, ok: false },
  'residents.search': { role: 'clerk', input: () => ({ name: 'Erika Mustermann' }), subject: (x) => ({ kind: 'resident', id: x.residentId }) },
  'residents.get': { role: 'clerk', input: (x) => ({ residentId: x.residentId }), subject: (x) => ({ kind: 'resident', id: x.residentId }) },
  'residents.importCsv': {
    role: 'admin',
    input: () => ({ csv: 'kennung;familienname;vornamen;geburtsdatum\nLIN-990001;Probe;Paula;1970-01-01\n' }),
    subject: () => null,
  },
  'cases.list': { role: 'clerk', input: () => ({}), subject: () => null },
  'cases.get': { role: 'clerk', input: (x) => ({ caseId: x.issuedCaseId }), subject: (x) => caseSubject(x.issuedCaseId) },
  'cases.createWalkIn': {
    role: 'clerk',
    input: (x) => ({ serviceId: 'meldebescheinigung', residentId: x.residentId, data: { kind: 'einfach', purpose: 'arbeitgeber' } }),
    // The new case's id is only known afterwards: the entry names the next case id.
    prepare: async () => (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM cases').get() as { n: number }).n,
    subject: (_x, next) => caseSubject(next),
  },
  'cases.transition': {
    role: 'clerk',
    prepare: () => walkIn(false),
    input: (_x, id) => ({ caseId: id, to: 'cancelled', reason: 'Antrag zurückgezogen' }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.recordPayment': {
    role: 'clerk',
    prepare: () => walkIn(false),
    input: (_x, id) => ({ caseId: id, method: 'cash' }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.previewDocument': {
    role: 'clerk',
    prepare: () => walkIn(true),
    input: (_x, id) => ({ caseId: id }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.issue': { role: 'clerk', prepare: () => walkIn(true), input: (_x, id) => ({ caseId: id }), subject: (_x, id) => caseSubject(id) },
  'cases.handOver': {
    role: 'clerk',
    prepare: async () => {
      const id = await walkIn(true);
      await t.call(sessions.clerk, 'cases.issue', { caseId: id });
      return id;
    },
    input: (_x, id) => ({ caseId: id }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.markReadyForPost': {
    role: 'clerk',
    prepare: async () => {
      const c = await t.call(sessions.clerk, 'cases.createWalkIn', {
        serviceId: 'meldebescheinigung',
        residentId: f.residentId,
        data: { kind: 'einfach', purpose: 'arbeitgeber' },
        deliveryMethod: 'post',
      });
      return c.id;
    },
    input: (_x, id) => ({ caseId: id }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.attachment': {
    role: 'clerk',
    input: (x) => ({ caseId: x.issuedCaseId, attachmentId: '2f0c8f7e-4a39-4d7e-9a59-3f1b1b0b6c11' }),
    subject: (x) => caseSubject(x.issuedCaseId),
    ok: false,
  },
  'dispatch.candidates': { role: 'clerk', input: (x) => ({ caseIds: [x.postCaseId] }), subject: (x) => caseSubject(x.postCaseId) },
  'dispatch.startRun': {
    role: 'clerk',
    input: (x) => ({ caseIds: [x.postCaseId] }),
    subject: (x) => caseSubject(x.postCaseId),
    ok: false, // already dispatched: nothing to print
  },
  'dispatch.getRun': { role: 'clerk', input: (x) => ({ runId: x.runId }), subject: () => null },
  'dispatch.reprintItem': {
    role: 'clerk',
    input: (x) => ({ itemId: x.itemId, reason: 'Papierstau' }),
    subject: (x) => caseSubject(x.postCaseId),
  },
  'dispatch.log': { role: 'clerk', input: (x) => ({ date: x.logDate, siteId: 1 }), subject: () => null },
  'dispatch.logPdf': { role: 'clerk', input: (x) => ({ date: x.logDate, siteId: 1 }), subject: () => null },
  'dispatch.logCsv': { role: 'clerk', input: (x) => ({ date: x.logDate, siteId: 1 }), subject: () => null },
  'dispatch.setRegisteredNumber': {
    role: 'clerk',
    input: (x) => ({ logId: x.logId, number: 'RR 47312482 9 DE' }),
    subject: (x) => caseSubject(x.postCaseId),
  },
  'portal.syncNow': { role: 'clerk', input: () => ({}), subject: () => null },
  'cases.claim': { role: 'clerk', input: (x) => ({ caseId: x.issuedCaseId }), subject: (x) => caseSubject(x.issuedCaseId) },
  'cases.release': {
    role: 'clerk',
    prepare: () => walkIn(false),
    input: (_x, id) => ({ caseId: id, reason: 'Urlaub' }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.takeOver': {
    role: 'supervisor',
    prepare: () => walkIn(false),
    input: (_x, id) => ({ caseId: id, reason: 'Vertretung' }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.assign': {
    role: 'supervisor',
    prepare: () => walkIn(false),
    input: (_x, id) => ({ caseIds: [id], assigneeId: null, reason: 'Zurück in die Warteschlange' }),
    subject: (_x, id) => caseSubject(id),
  },
  'cases.exportCsv': { role: 'clerk', input: () => ({}), subject: () => null },
  'retention.purge': {
    role: 'admin',
    input: (x) => ({ caseIds: [x.issuedCaseId] }),
    subject: (x) => caseSubject(x.issuedCaseId),
    ok: false, // not due: refused, nothing deleted
  },
  'documents.get': { role: 'clerk', input: (x) => ({ documentId: x.documentId }), subject: (x) => caseSubject(x.issuedCaseId) },
  // Briefwahl (demo election ltw-2027): the Wählerverzeichnis and the Wahlscheinverzeichnis.
  'briefwahl.searchVoters': {
    role: 'clerk',
    input: () => ({ electionKey: 'ltw-2027', familyName: 'Albrecht', givenNames: null, birthDate: null, residentKennung: null }),
    subject: () => null,
  },
  'briefwahl.verzeichnis': { role: 'clerk', input: () => ({ electionKey: 'ltw-2027', list: 'verzeichnis' }), subject: () => null },
  'briefwahl.verzeichnisPdf': { role: 'clerk', input: () => ({ electionKey: 'ltw-2027', list: 'ungueltig' }), subject: () => null },
  'briefwahl.verzeichnisCsv': { role: 'clerk', input: () => ({ electionKey: 'ltw-2027', list: 'verzeichnis' }), subject: () => null },
  'briefwahl.wahlschein': { role: 'clerk', input: () => ({ electionKey: 'ltw-2027', number: 'WS 001-0001' }), subject: () => null, ok: false },
  'briefwahl.invalidate': {
    role: 'clerk',
    input: () => ({ electionKey: 'ltw-2027', number: 'WS 001-0001', reason: 'other', reasonText: 'Probe ohne Wahlschein' }),
    subject: () => null,
    ok: false, // no such Wahlschein
  },
  'briefwahl.recordProxyVollmacht': {
    role: 'clerk',
    input: (x) => ({ caseId: x.issuedCaseId, vollmachtPresent: true, confirmsAtMostFourVoters: true }),
    subject: (x) => caseSubject(x.issuedCaseId),
    ok: false, // not a Briefwahl case
  },
  'briefwahl.importVoters': {
    role: 'admin',
    input: () => ({ electionKey: 'ltw-2027', csv: 'wahlbezirk;nr;familienname;vornamen;geburtsdatum;strasse;plz;ort\n1;001-0001;Albrecht;Hildegard;1949-09-28;Burgstraße;49808;Lingen (Ems)\n' }),
    subject: () => null,
    ok: false, // any outcome, as long as it is recorded
  },
  // The generic steps, here on a Meldebescheinigung case that needs none of them: refused, still recorded.
  'cases.approve': { role: 'supervisor', input: (x) => ({ caseId: x.issuedCaseId, reason: 'Interesse belegt' }), subject: (x) => caseSubject(x.issuedCaseId), ok: false },
  'cases.sign': { role: 'clerk', input: (x) => ({ caseId: x.issuedCaseId }), subject: (x) => caseSubject(x.issuedCaseId), ok: false },
  'cases.updateTask': {
    role: 'clerk',
    input: (x) => ({ caseId: x.issuedCaseId, taskKey: 'ihk', state: 'done' }),
    subject: (x) => caseSubject(x.issuedCaseId),
    ok: false,
  },
  // Personenstandsregister reads, and the entry and signer of a case (a Meldebescheinigung case: refused, recorded).
  'personenstand.search': { role: 'clerk', input: () => ({ name: 'Müller' }), subject: () => null },
  'personenstand.entry': { role: 'clerk', input: () => ({ reference: 'G 132/1975' }), subject: () => null },
  'personenstand.setRegisterReference': {
    role: 'clerk',
    input: (x) => ({ caseId: x.issuedCaseId, registerReference: 'G 132/1975' }),
    subject: (x) => caseSubject(x.issuedCaseId),
    ok: false,
  },
  'personenstand.setSigner': {
    role: 'clerk',
    input: (x) => ({ caseId: x.issuedCaseId, signer: { userId: 1, title: 'Standesbeamtin' } }),
    subject: (x) => caseSubject(x.issuedCaseId),
    ok: false,
  },
  // Hundesteuer: the dog of a case and the Ersatzmarke (here on a Meldebescheinigung case: refused, still recorded).
  'hundesteuer.caseDog': { role: 'clerk', input: (x) => ({ caseId: x.issuedCaseId }), subject: (x) => caseSubject(x.issuedCaseId), ok: false },
  'hundesteuer.replaceTag': {
    role: 'clerk',
    input: (x) => ({ caseId: x.issuedCaseId, method: 'cash', reason: 'Marke verloren' }),
    subject: (x) => caseSubject(x.issuedCaseId),
    ok: false, // not a Hundesteuer case
  },
};

/** Whether an entry's subject names the case or person: "case:12", or a list "cases:3,12,40". */
function names(subject: string | null, want: { kind: 'case' | 'resident'; id: number }): boolean {
  if (subject === `${want.kind}:${want.id}`) return true;
  const list = new RegExp(`^${want.kind}s?:([\\d,]+)$`).exec(subject ?? '');
  return !!list && list[1]!.split(',').includes(String(want.id));
}

const PERSONAL = OPERATION_NAMES.filter((op) => contract[op].personal);

describe('audit coverage of the contract', () => {
  beforeAll(async () => {
    t = await makeTestCore();
    sessions.admin = await t.sessionAs('admin');
    sessions.clerk = await t.sessionAs('clerk', 'clara');
    sessions.supervisor = await t.sessionAs('supervisor', 'sven');
    await t.call(sessions.admin, 'setup.loadDemoData', {});
    await t.call(sessions.admin, 'settings.update', { bank: BANK });
    db = openDatabase(t.dataDir);
    const residentId = (await t.call(sessions.clerk, 'residents.search', { name: 'Erika Mustermann' }))[0]!.id;
    f = { residentId } as Fixtures;
    f.issuedCaseId = await walkIn(true);
    const issued = await t.call(sessions.clerk, 'cases.issue', { caseId: f.issuedCaseId });
    f.documentId = issued.documents[0]!.id;
    f.postCaseId = await postCase(t, sessions.clerk, 'Søren Østergaard', { registered: 'einwurf' });
    const run = await t.call(sessions.clerk, 'dispatch.startRun', { caseIds: [f.postCaseId] });
    const done = await waitForRun(t, sessions.clerk, run.id);
    expect(done.state).toBe('completed');
    f.runId = run.id;
    f.itemId = (db.prepare('SELECT id FROM print_run_items WHERE run_id = ? ORDER BY id LIMIT 1').get(run.id) as { id: number }).id;
    const log = db.prepare('SELECT id, dispatch_date FROM dispatch_log WHERE case_id = ?').get(f.postCaseId) as { id: number; dispatch_date: string };
    f.logId = log.id;
    f.logDate = log.dispatch_date;
  });

  afterAll(() => {
    db?.close();
    t?.core.close();
  });

  it('the contract has personal operations, and none of them is a silent background poll', () => {
    expect(PERSONAL.length).toBeGreaterThan(20);
    for (const op of PERSONAL) expect({ op, background: 'background' in contract[op] && contract[op].background === true }).toEqual({ op, background: false });
  });

  describe.each(PERSONAL)('%s', (op) => {
    it('has a row in the table', () => {
      expect(CALLS[op], `${op} is personal: add how to call it to CALLS in audit-coverage.test.ts`).toBeDefined();
    });

    it('writes an audit entry with the operation, the user and the case or person', async () => {
      const call = CALLS[op];
      if (!call) return;
      const prepared = call.prepare ? await call.prepare(f) : 0;
      const before = (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log').get() as { n: number }).n;
      const session = sessions[call.role];
      const r = await t.core.dispatch(op, call.input(f, prepared), session);
      if (call.ok !== false) expect(r.ok ? 'ok' : r.error).toBe('ok');
      const rows = db
        .prepare('SELECT operation, username, subject, outcome FROM audit_log WHERE id > ? AND operation = ? ORDER BY id')
        .all(before, op) as { operation: string; username: string | null; subject: string | null; outcome: string }[];
      expect(rows).toHaveLength(1);
      const entry = rows[0]!;
      expect(entry.username).toBe(call.role === 'admin' ? 'admin' : call.role === 'clerk' ? 'clara' : 'sven');
      expect(entry.outcome).toBe(r.ok ? 'ok' : r.error.code);
      const want = call.subject(f, prepared);
      if (want) expect({ subject: entry.subject, names: names(entry.subject, want) }).toEqual({ subject: entry.subject, names: true });
    });
  });

  it('a search names every person it showed', async () => {
    const found = await t.call(sessions.clerk, 'residents.search', { name: 'Mustermann' });
    expect(found.length).toBeGreaterThan(1);
    const entry = db.prepare(`SELECT subject FROM audit_log WHERE operation = 'residents.search' ORDER BY id DESC LIMIT 1`).get() as { subject: string };
    expect(entry.subject).toBe(`residents:${found.map((p) => p.id).join(',')}`);
  });

  it('a refused call of a personal operation is recorded too', async () => {
    const r = await t.core.dispatch('residents.get', { residentId: f.residentId }, sessions.admin);
    expect(r.ok).toBe(true);
    const before = (db.prepare('SELECT MAX(id) AS n FROM audit_log').get() as { n: number }).n;
    const bad = await t.core.dispatch('residents.get', { residentId: -1 }, sessions.clerk);
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    const entry = db.prepare('SELECT operation, username, outcome FROM audit_log WHERE id > ?').get(before);
    expect(entry).toEqual({ operation: 'residents.get', username: 'clara', outcome: 'INVALID_INPUT' });
  });
});
