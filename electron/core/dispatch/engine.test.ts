import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fullText, readPdf } from '../documents/pdf-text';
import { makeTestCore, type TestCore } from '../test-support';
import type { SessionHolder } from '../transport';
import { BANK, postCase, waitForRun } from './test-helpers';

function outboxPdfs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(dir, f))
    .sort();
}

describe('print run to the outbox folder', () => {
  let t: TestCore;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  const ids: number[] = [];

  beforeAll(async () => {
    t = await makeTestCore();
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    await t.call(admin, 'settings.update', { bank: BANK });
    clerk = await t.sessionAs('clerk');
    ids.push(await postCase(t, clerk, 'Łukasz Kowalski'));
    ids.push(await postCase(t, clerk, 'Søren Østergaard', { registered: 'einwurf' }));
    ids.push(await postCase(t, clerk, 'Erika Mustermann', { pay: false }));
  });

  it('lists the postal cases ready for dispatch, oldest first', async () => {
    const list = await t.call(clerk, 'dispatch.candidates', {});
    expect(list.map((c) => c.caseId)).toEqual(ids);
    expect(list.map((c) => c.openFeeCents)).toEqual([0, 0, 750]);
    expect(list[1]!.registered).toBe('einwurf');
  });

  it('prints documents, cover letters and envelopes in list order, dispatches every case and logs it', async () => {
    const started = await t.call(clerk, 'dispatch.startRun', {});
    const run = await waitForRun(t, clerk, started.id);
    expect(run.message).toBeNull();
    expect(run.state).toBe('completed');
    expect(run.casesDispatched).toBe(3);
    expect(run.itemsPrinted).toBe(9);
    expect(run.runCases.map((c) => c.caseId)).toEqual(ids);
    expect(run.runCases.map((c) => c.product)).toEqual(['Standardbrief', 'Standardbrief + Einschreiben Einwurf', 'Standardbrief']);
    expect(run.postageCents).toBe(95 + 95 + 235 + 95);

    // One merged file for the A4 profile (cover letter, then the certificate, case by case) and one for the envelopes.
    const files = outboxPdfs(path.join(t.dataDir, 'ausgang'));
    expect(files).toHaveLength(2);
    const contents = await Promise.all(files.map(async (f) => readPdf(fs.readFileSync(f))));
    const a4 = contents.find((c) => c.pageSizes.every((p) => Math.round(p.width) === 210))!;
    const envelopes = contents.find((c) => c !== a4)!;
    expect(a4.pages).toBe(6);
    expect(envelopes.pages).toBe(3);
    const pageTexts = await Promise.all(
      Array.from({ length: a4.pages }, (_, i) => fullText(a4.items.filter((it) => it.page === i + 1))),
    );
    expect(pageTexts[0]).toContain('Sehr geehrter Herr Kowalski');
    expect(pageTexts[1]).toContain('Meldebescheinigung');
    expect(pageTexts[1]).toContain('Kowalski');
    expect(pageTexts[2]).toContain('Østergaard');
    expect(pageTexts[2]).toContain('Einschreiben Einwurf');
    expect(pageTexts[4]).toContain('Mustermann');
    expect(pageTexts[4]).toContain('7,50');
    expect(pageTexts[4]).toContain('DE89 3704 0044 0532 0130 00');
    expect(pageTexts[0]).not.toContain('7,50');

    const letterNumbers: string[] = [];
    for (const id of ids) {
      const c = await t.call(clerk, 'cases.get', { caseId: id });
      expect(c.status).toBe('dispatched');
      expect(c.dispatchedAt).not.toBeNull();
      expect(c.postageCents).toBe(run.runCases.find((rc) => rc.caseId === id)!.postageCents);
      letterNumbers.push(c.documents.find((d) => d.docType === 'anschreiben')!.number);
      expect(c.documents.map((d) => d.docType)).toEqual(['meldebescheinigung', 'anschreiben']);
      expect(c.history.map((h) => h.toStatus).filter(Boolean).slice(-2)).toEqual(['issued', 'dispatched']);
    }
    // Numbers follow the list even though the letters are rendered side by side.
    expect(letterNumbers).toEqual([...letterNumbers].sort());
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
    const log = await t.call(clerk, 'dispatch.log', { date: today, siteId: 1 });
    expect(log.map((e) => e.caseId)).toEqual(ids);
    expect(log[0]).toMatchObject({ recipientName: 'Herrn Łukasz Kowalski'.replace('Herrn ', ''), recipientPlace: '49808 Lingen (Ems)' });
    expect(await t.call(clerk, 'dispatch.candidates', {})).toEqual([]);
  });

  it('records a valid Einschreiben number and refuses a wrong check digit', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
    const log = await t.call(clerk, 'dispatch.log', { date: today, siteId: 1 });
    const registered = log.find((e) => e.registered === 'einwurf')!;
    const wrong = await t.core.dispatch('dispatch.setRegisteredNumber', { logId: registered.id, number: 'RR 47312482 8 DE' }, clerk);
    expect(!wrong.ok && wrong.error.message).toMatch(/Prüfziffer/);
    const plain = log.find((e) => e.registered === null)!;
    const notRegistered = await t.core.dispatch('dispatch.setRegisteredNumber', { logId: plain.id, number: 'RR 47312482 9 DE' }, clerk);
    expect(!notRegistered.ok && notRegistered.error.code).toBe('CONFLICT');
    const saved = await t.call(clerk, 'dispatch.setRegisteredNumber', { logId: registered.id, number: 'rr 47312482 9 de' });
    expect(saved.registeredNumber).toBe('RR473124829DE');
  });

  it('exports the Postausgangsbuch as CSV and PDF', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
    const csv = await t.call(clerk, 'dispatch.logCsv', { date: today, siteId: 1 });
    expect(csv.csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.csv).toContain('RR473124829DE');
    expect(csv.csv.split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(4);
    const pdf = await t.call(clerk, 'dispatch.logPdf', { date: today, siteId: 1 });
    const text = fullText((await readPdf(Buffer.from(pdf.pdfBase64, 'base64'))).items);
    expect(text).toContain('Postausgangsbuch');
    const run = (await t.call(clerk, 'dispatch.listRuns', {}))[0]!;
    const detail = await t.call(clerk, 'dispatch.getRun', { runId: run.id });
    for (const c of detail.runCases) expect(text).toContain(c.reference);
  });

  it('reprints a printed item with the reason in the case history, and only with a reason', async () => {
    const run = (await t.call(clerk, 'dispatch.listRuns', {}))[0]!;
    const detail = await t.call(clerk, 'dispatch.getRun', { runId: run.id });
    const envelope = detail.runCases[0]!.items.find((i) => i.kind === 'envelope')!;
    const before = outboxPdfs(path.join(t.dataDir, 'ausgang')).length;
    const noReason = await t.core.dispatch('dispatch.reprintItem', { itemId: envelope.id, reason: '' }, clerk);
    expect(!noReason.ok && noReason.error.code).toBe('INVALID_INPUT');
    const after = await t.call(clerk, 'dispatch.reprintItem', { itemId: envelope.id, reason: 'Umschlag beschädigt' });
    expect(after.runCases[0]!.items.find((i) => i.id === envelope.id)!.reprints).toBe(1);
    expect(outboxPdfs(path.join(t.dataDir, 'ausgang')).length).toBe(before + 1);
    const c = await t.call(clerk, 'cases.get', { caseId: ids[0]! });
    expect(c.history.at(-1)).toMatchObject({ action: 'Nachdruck (Umschlag)', reason: 'Umschlag beschädigt' });
  });

  it('refuses a run when nothing is ready', async () => {
    const r = await t.core.dispatch('dispatch.startRun', {}, clerk);
    expect(!r.ok && r.error.message).toMatch(/keine Vorgänge/);
  });
});

describe('pausing and cancelling a run', () => {
  async function setup(names: string[]) {
    const t = await makeTestCore();
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    await t.call(admin, 'settings.update', { bank: BANK, dispatch: { printEnvelopes: false, chunkSize: 1 } });
    const clerk = await t.sessionAs('clerk');
    for (const n of names) await postCase(t, clerk, n);
    return { t, clerk, outbox: () => outboxPdfs(path.join(t.dataDir, 'ausgang')) };
  }

  it('pauses after the current chunk and resumes where it stopped, printing every case once', async () => {
    const names = ['Łukasz Kowalski', 'Søren Østergaard', 'Ayşe Güneş', 'Ödön Kőváry', 'Yıldız Çelik', 'Anna Müller'];
    const { t, clerk, outbox } = await setup(names);
    const started = await t.call(clerk, 'dispatch.startRun', {});
    for (let i = 0; i < 2000; i++) {
      const r = await t.call(clerk, 'dispatch.getRun', { runId: started.id });
      if (r.casesDispatched >= 1 || r.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 5));
    }
    await t.call(clerk, 'dispatch.pauseRun', { runId: started.id });
    const paused = await waitForRun(t, clerk, started.id);
    expect(paused.state).toBe('paused');
    expect(paused.casesDispatched).toBeGreaterThanOrEqual(1);
    expect(paused.casesDispatched).toBeLessThan(names.length);
    expect(outbox()).toHaveLength(paused.casesDispatched);

    await t.call(clerk, 'dispatch.resumeRun', { runId: started.id });
    const done = await waitForRun(t, clerk, started.id);
    expect(done.state).toBe('completed');
    expect(done.casesDispatched).toBe(names.length);
    // chunk size 1, envelopes off: one merged job per case — none printed twice.
    expect(outbox()).toHaveLength(names.length);
  });

  it('cancelling leaves the cases ready, and the next run prints the certificate under its first number', async () => {
    const { t, clerk, outbox } = await setup(['Łukasz Kowalski', 'Søren Østergaard']);
    const started = await t.call(clerk, 'dispatch.startRun', {});
    const cancelled = await t.call(clerk, 'dispatch.cancelRun', { runId: started.id, reason: 'Papier nachfüllen' });
    expect(cancelled.state).toBe('cancelled');
    await waitForRun(t, clerk, started.id);
    const printedBefore = outbox().length;
    const left = await t.call(clerk, 'dispatch.candidates', {});
    expect(left.length + (await t.call(clerk, 'dispatch.getRun', { runId: started.id })).casesDispatched).toBe(2);
    const resumeCancelled = await t.core.dispatch('dispatch.resumeRun', { runId: started.id }, clerk);
    expect(!resumeCancelled.ok && resumeCancelled.error.code).toBe('CONFLICT');

    const again = await t.call(clerk, 'dispatch.startRun', {});
    const done = await waitForRun(t, clerk, again.id);
    expect(done.state).toBe('completed');
    expect(outbox().length).toBe(printedBefore + left.length);
    for (const c of left) {
      const detail = await t.call(clerk, 'cases.get', { caseId: c.caseId });
      expect(detail.status).toBe('dispatched');
      expect(detail.documents.filter((d) => d.docType === 'meldebescheinigung')).toHaveLength(1);
    }
  });
});
