import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../db/connection';
import type { PrinterAdapter } from '../printing/port';
import { makeTestCore, RESOURCES_DIR } from '../test-support';
import { createCore } from '../core';
import { memorySessionHolder } from '../transport';

/** A system printer that accepts the job and then the process "crashes" before hearing back. */
function crashingPrinter(reportAfterRestart: 'completed' | 'failed' | 'unknown' | 'pending'): PrinterAdapter {
  return {
    kind: 'system',
    listPrinters: async () => [],
    print: async (_req, onSubmitted) => {
      onSubmitted('77');
      throw new Error('simulated crash after submission');
    },
    jobState: async () => reportAfterRestart,
  };
}

async function caseWithOpenJob(after: 'completed' | 'failed' | 'unknown' | 'pending') {
  const t = await makeTestCore({ systemPrinter: crashingPrinter(after) });
  const admin = await t.sessionAs('admin');
  await t.call(admin, 'setup.loadDemoData', {});
  const folder = { adapter: 'folder' as const, printerName: '', media: 'A4', tray: '' };
  await t.call(admin, 'settings.update', {
    printers: { certificate: { adapter: 'system', printerName: 'Urkunden', media: 'A4', tray: '' }, letter: folder, envelope: folder },
  });
  const clerk = await t.sessionAs('clerk', 'clara');
  const residentId = (await t.call(clerk, 'residents.search', { name: 'Ayşe' }))[0]!.id;
  const c = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'meldebescheinigung', residentId, data: { kind: 'einfach', purpose: 'bank' } });
  await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
  // The printer takes the job and the process dies before it hears back (the adapter throws after submission);
  // then set the row back to what a power cut at that moment leaves behind: "submitted" with the printer's job id.
  await t.core.dispatch('cases.issue', { caseId: c.id }, clerk);
  const db = new Database(path.join(t.dataDir, DB_FILE_NAME));
  db.prepare(`UPDATE print_jobs SET state = 'submitted', external_id = '77', error = NULL WHERE case_id = ?`).run(c.id);
  db.prepare(`DELETE FROM case_history WHERE case_id = ? AND action = 'Druck fehlgeschlagen'`).run(c.id);
  db.close();
  t.core.close();
  return { dataDir: t.dataDir, caseId: c.id };
}

describe('print jobs left open by a crash', () => {
  it('issues the case after restart when the printer reports the job completed, exactly once', async () => {
    const { dataDir, caseId } = await caseWithOpenJob('completed');
    const core = createCore({ dataDir, resourcesDir: RESOURCES_DIR, systemPrinter: crashingPrinter('completed'), log: () => {} });
    const s = memorySessionHolder();
    await core.dispatch('auth.login', { username: 'clara', password: 'geheim-geheim-42' }, s);
    // The recovery also runs on start-up; issuing again must not print a second time.
    const r = await core.dispatch('cases.issue', { caseId }, s);
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    const got = await core.dispatch('cases.get', { caseId }, s);
    expect(got.ok).toBe(true);
    if (got.ok) {
      const c = got.data as { status: string; printJobs: { state: string }[]; documents: unknown[] };
      expect(c.status).toBe('issued');
      expect(c.printJobs.map((j) => j.state)).toEqual(['completed']);
      expect(c.documents).toHaveLength(1);
    }
    core.close();
  });

  it('marks a job the printer does not know as failed, so that the clerk can print again', async () => {
    const { dataDir, caseId } = await caseWithOpenJob('unknown');
    const core = createCore({ dataDir, resourcesDir: RESOURCES_DIR, systemPrinter: crashingPrinter('unknown'), log: () => {} });
    const s = memorySessionHolder();
    await core.dispatch('auth.login', { username: 'clara', password: 'geheim-geheim-42' }, s);
    const got = await core.dispatch('cases.issue', { caseId }, s);
    // The printer "crashes" again on the reprint, but the stale job no longer blocks it.
    expect(!got.ok && got.error.code).toBe('PRINT_FAILED');
    const c = await core.dispatch('cases.get', { caseId }, s);
    if (c.ok) {
      const d = c.data as { status: string; printJobs: { state: string; error: string | null }[] };
      expect(d.status).toBe('ready');
      expect(d.printJobs[0]!.state).toBe('failed');
      expect(d.printJobs[0]!.error).toContain('unterbrochen');
    }
    core.close();
  });
});
