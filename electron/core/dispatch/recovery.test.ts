import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../core';
import { DB_FILE_NAME } from '../db/connection';
import { makeTestCore, RESOURCES_DIR, TEST_PASSWORD } from '../test-support';
import { memorySessionHolder } from '../transport';
import { BANK, postCase, waitForRun } from './test-helpers';

describe('a print run interrupted by a crash', () => {
  it('is stopped on restart, keeps what the printer finished, and resumes without printing it again', async () => {
    const t = await makeTestCore();
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    await t.call(admin, 'settings.update', { bank: BANK, dispatch: { printEnvelopes: false, chunkSize: 1 } });
    const clerk = await t.sessionAs('clerk', 'carla');
    for (const n of ['Łukasz Kowalski', 'Søren Østergaard', 'Ayşe Güneş']) await postCase(t, clerk, n);
    const run = await t.call(clerk, 'dispatch.startRun', {});
    const done = await waitForRun(t, clerk, run.id);
    expect(done.state).toBe('completed');
    t.core.close();

    // Rewind the file to the moment of a power cut: the second case's job handed to the printer (and written by it),
    // the third not yet started, the run still "running".
    const db = new Database(path.join(t.dataDir, DB_FILE_NAME));
    const second = done.runCases[1]!.caseId;
    const third = done.runCases[2]!.caseId;
    db.prepare(`UPDATE print_runs SET state = 'running', finished_at = NULL WHERE id = ?`).run(run.id);
    db.prepare(`UPDATE print_run_jobs SET state = 'submitted' WHERE id = (SELECT job_id FROM print_run_items WHERE case_id = ? LIMIT 1)`).run(second);
    db.prepare(`UPDATE print_run_items SET state = 'printing', printed_at = NULL WHERE case_id = ?`).run(second);
    db.prepare(`UPDATE print_run_items SET state = 'pending', printed_at = NULL, job_id = NULL WHERE case_id = ?`).run(third);
    db.prepare(`DELETE FROM print_run_jobs WHERE id NOT IN (SELECT job_id FROM print_run_items WHERE job_id IS NOT NULL)`).run();
    for (const c of [second, third]) {
      db.prepare(`UPDATE print_run_cases SET state = 'pending' WHERE case_id = ?`).run(c);
      db.prepare(`DELETE FROM dispatch_log WHERE case_id = ?`).run(c);
      db.prepare(`UPDATE cases SET status = 'issued', dispatched_at = NULL, postage_cents = NULL WHERE id = ?`).run(c);
    }
    db.close();

    const core = createCore({ dataDir: t.dataDir, resourcesDir: RESOURCES_DIR, log: () => {} });
    const s = memorySessionHolder();
    await core.dispatch('auth.login', { username: 'carla', password: TEST_PASSWORD }, s);
    const get = async () => {
      const r = await core.dispatch('dispatch.getRun', { runId: run.id }, s);
      if (!r.ok) throw new Error(r.error.message);
      return r.data as typeof done;
    };
    const stopped = await get();
    expect(stopped.state).toBe('stopped');
    expect(stopped.message).toMatch(/unterbrochen/);
    // The folder printer had written the second case's file: its items count as printed.
    expect(stopped.runCases[1]!.items.every((i) => i.state === 'printed')).toBe(true);
    expect(stopped.runCases[2]!.items.every((i) => i.state === 'pending')).toBe(true);

    const resumed = await core.dispatch('dispatch.resumeRun', { runId: run.id }, s);
    expect(resumed.ok).toBe(true);
    let final = await get();
    for (let i = 0; i < 600 && final.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      final = await get();
    }
    expect(final.state).toBe('completed');
    expect(final.casesDispatched).toBe(3);
    const reprints = final.runCases.flatMap((c) => c.items).filter((i) => i.reprints > 0);
    expect(reprints).toEqual([]);
    const jobs = new Database(path.join(t.dataDir, DB_FILE_NAME))
      .prepare(`SELECT COUNT(*) AS n FROM print_run_jobs WHERE run_id = ? AND state = 'completed'`)
      .get(run.id) as { n: number };
    expect(jobs.n).toBe(3);
    core.close();
  });
});
