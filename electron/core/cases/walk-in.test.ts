import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrinterAdapter } from '../printing/port';
import { makeTestCore, type TestCore } from '../test-support';
import type { SessionHolder } from '../transport';

/** A system printer whose queue refuses the job, as a stopped CUPS queue does (the real one is tested in printing/). */
const stoppedPrinter: PrinterAdapter = {
  kind: 'system',
  listPrinters: async () => [{ name: 'Urkunden', isDefault: true, status: 'stopped' }],
  print: async () => ({ state: 'failed', message: 'Der Drucker „Urkunden“ ist angehalten.' }),
  jobState: async () => 'unknown',
};

describe('walk-in Meldebescheinigung', () => {
  let t: TestCore;
  let admin: SessionHolder;
  let clerk: SessionHolder;
  let residentId: number;

  beforeAll(async () => {
    t = await makeTestCore({ systemPrinter: stoppedPrinter });
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
    const found = await t.call(clerk, 'residents.search', { name: 'Lukasz Kowalski' });
    residentId = found[0]!.id;
  });

  it('charges the configured fee, records payment, prints to the outbox and closes on hand-over', async () => {
    const created = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'meldebescheinigung',
      residentId,
      data: { kind: 'einfach', purpose: 'arbeitgeber' },
    });
    expect(created.status).toBe('in_progress');
    expect(created.reference).toMatch(/^BB-2026-\d{6}$/);
    expect(created.feeCents).toBe(750);
    expect(created.applicantName).toContain('Łukasz');

    const paid = await t.call(clerk, 'cases.recordPayment', { caseId: created.id, method: 'cash' });
    expect(paid.status).toBe('ready');
    expect(paid.payments[0]).toMatchObject({ method: 'cash', amountCents: 750 });
    expect(paid.payments[0]!.receiptNumber).toMatch(/^Q-2026-\d{6}$/);

    const again = await t.core.dispatch('cases.recordPayment', { caseId: created.id, method: 'cash' }, clerk);
    expect(!again.ok && again.error.code).toBe('CONFLICT');

    const preview = await t.call(clerk, 'cases.previewDocument', { caseId: created.id });
    expect(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const issued = await t.call(clerk, 'cases.issue', { caseId: created.id });
    expect(issued.status).toBe('issued');
    expect(issued.documents).toHaveLength(1);
    expect(issued.documents[0]!.number).toMatch(/^MB-2026-\d{6}$/);
    expect(issued.printJobs[0]).toMatchObject({ adapter: 'folder', state: 'completed' });
    const outbox = path.join(t.dataDir, 'ausgang');
    const files = fs.readdirSync(outbox, { recursive: true }).filter((f) => String(f).endsWith('.pdf'));
    expect(files).toHaveLength(1);

    const closed = await t.call(clerk, 'cases.handOver', { caseId: created.id });
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h) => h.toStatus).filter(Boolean)).toEqual([
      'new',
      'in_progress',
      'ready',
      'issued',
      'handed_over',
      'closed',
    ]);
    expect(closed.history.every((h) => h.userName === 'Test clerk')).toBe(true);
  });

  it('uses the fee set in the administration and waives it for free purposes with the reason', async () => {
    await t.call(admin, 'settings.update', { fees: { 'meldebescheinigung.erweitert': 1000 } });
    const ext = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'meldebescheinigung',
      residentId,
      data: { kind: 'erweitert', purpose: 'behoerde', extendedItems: ['geburtsort', 'staatsangehoerigkeiten'] },
    });
    expect(ext.feeCents).toBe(1000);
    const refused = await t.core.dispatch('cases.recordPayment', { caseId: ext.id, method: 'free' }, clerk);
    expect(!refused.ok && refused.error.fields?.[0]?.path).toBe('freeReason');
    const free = await t.call(clerk, 'cases.recordPayment', { caseId: ext.id, method: 'free', freeReason: 'Rentenangelegenheit' });
    expect(free.payments[0]).toMatchObject({ method: 'free', amountCents: 0, freeReason: 'Rentenangelegenheit' });
  });

  it('refuses bad service data with a German message and creates nothing', async () => {
    const before = await t.call(clerk, 'cases.list', { includeFinished: true });
    const r = await t.core.dispatch(
      'cases.createWalkIn',
      { serviceId: 'meldebescheinigung', residentId, data: { kind: 'erweitert', purpose: 'allgemein', extendedItems: [] } },
      clerk,
    );
    expect(!r.ok && r.error.message).toMatch(/mindestens eine weitere Angabe/);
    const unknown = await t.core.dispatch('cases.createWalkIn', { serviceId: 'gibtsnicht', residentId, data: {} }, clerk);
    expect(!unknown.ok && unknown.error.code).toBe('INVALID_INPUT');
    const after = await t.call(clerk, 'cases.list', { includeFinished: true });
    expect(after.total).toBe(before.total);
  });

  it('leaves the case unchanged when the printer fails, and numbers no second document on retry', async () => {
    const c = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'meldebescheinigung',
      residentId,
      data: { kind: 'einfach', purpose: 'bank' },
    });
    await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'ec' });
    const folder = { adapter: 'folder' as const, printerName: '', media: 'A4', tray: '' };
    await t.call(admin, 'settings.update', {
      printers: { certificate: { adapter: 'system', printerName: 'Urkunden', media: 'A4', tray: '' }, letter: folder, envelope: folder },
    });
    try {
      for (let i = 0; i < 2; i++) {
        const r = await t.core.dispatch('cases.issue', { caseId: c.id }, clerk);
        expect(!r.ok && r.error).toMatchObject({ code: 'PRINT_FAILED', message: expect.stringContaining('angehalten') });
      }
      const after = await t.call(clerk, 'cases.get', { caseId: c.id });
      expect(after.status).toBe('ready');
      expect(after.documents).toHaveLength(1);
      expect(after.printJobs.map((j) => j.state)).toEqual(['failed', 'failed']);
    } finally {
      await t.call(admin, 'settings.update', { printers: { certificate: folder, letter: folder, envelope: folder } });
    }
    const issued = await t.call(clerk, 'cases.issue', { caseId: c.id });
    expect(issued.status).toBe('issued');
    expect(issued.documents).toHaveLength(1);
  });

  it('filters and searches the queue', async () => {
    const all = await t.call(clerk, 'cases.list', { includeFinished: true });
    expect(all.total).toBeGreaterThanOrEqual(3);
    const open = await t.call(clerk, 'cases.list', {});
    expect(open.items.every((c) => !['closed', 'cancelled', 'rejected'].includes(c.status))).toBe(true);
    const byName = await t.call(clerk, 'cases.list', { search: 'lukasz', includeFinished: true });
    expect(byName.total).toBe(all.total);
    const byRef = await t.call(clerk, 'cases.list', { search: all.items[0]!.reference, includeFinished: true });
    expect(byRef.items.map((c) => c.id)).toEqual([all.items[0]!.id]);
    const ready = await t.call(clerk, 'cases.list', { status: ['ready'] });
    expect(ready.items.every((c) => c.status === 'ready')).toBe(true);
    const online = await t.call(clerk, 'cases.list', { channel: 'online' });
    expect(online.total).toBe(0);
    const newest = await t.call(clerk, 'cases.list', { includeFinished: true, sort: 'newest' });
    expect(newest.items.map((c) => c.id)).toEqual([...all.items.map((c) => c.id)].reverse());
  });

  it('requires a reason to cancel', async () => {
    const c = await t.call(clerk, 'cases.createWalkIn', {
      serviceId: 'meldebescheinigung',
      residentId,
      data: { kind: 'einfach', purpose: 'allgemein' },
    });
    const r = await t.core.dispatch('cases.transition', { caseId: c.id, to: 'cancelled' }, clerk);
    expect(!r.ok && r.error.message).toMatch(/Grund/);
    const done = await t.call(clerk, 'cases.transition', { caseId: c.id, to: 'cancelled', reason: 'Antrag zurückgezogen' });
    expect(done.status).toBe('cancelled');
    expect(done.history.at(-1)).toMatchObject({ toStatus: 'cancelled', reason: 'Antrag zurückgezogen' });
  });
});
