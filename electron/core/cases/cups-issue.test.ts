import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, cupsPdfOutputDir, cupsUnavailableReason, pdfFilesIn, QUEUE, requireCups, run, waitFor } from '../printing/cups-test-support';
import { createSystemPrinterAdapter } from '../printing/system-printer';
import { makeTestCore, type TestCore } from '../test-support';
import type { SessionHolder } from '../transport';

/** The whole issue step against the real CUPS queue "PDF" (cups-pdf): the case is issued only when the job completed. */
const unavailable = cupsUnavailableReason();

if (unavailable && !requireCups) {
  describe.skip(`issuing through real CUPS (skipped: ${unavailable})`, () => {
    it('needs CUPS', () => {});
  });
} else {
  describe('issuing a Meldebescheinigung through real CUPS', () => {
    let t: TestCore;
    let clerk: SessionHolder;
    let residentId: number;
    const outDir = unavailable ? '' : cupsPdfOutputDir();
    const created: string[] = [];

    beforeAll(async () => {
      if (unavailable) throw new Error(`CUPS is required (BBDESK_REQUIRE_CUPS=1) but not usable: ${unavailable}`);
      t = await makeTestCore({ systemPrinter: createSystemPrinterAdapter({ pollIntervalMs: 100, timeoutMs: 30_000 }) });
      const adm = await t.sessionAs('admin');
      await t.call(adm, 'setup.loadDemoData', {});
      const folder = { adapter: 'folder' as const, printerName: '', media: 'A4', tray: '' };
      await t.call(adm, 'settings.update', {
        printers: { certificate: { adapter: 'system', printerName: QUEUE, media: 'A4', tray: '' }, letter: folder, envelope: folder },
      });
      clerk = await t.sessionAs('clerk');
      residentId = (await t.call(clerk, 'residents.search', { name: 'Søren Østergaard' }))[0]!.id;
    });

    afterAll(() => {
      if (unavailable) return;
      admin('cupsenable', QUEUE);
      admin('cupsaccept', QUEUE);
      for (const f of created) fs.rmSync(path.join(outDir, f), { force: true });
    });

    async function readyCase() {
      const c = await t.call(clerk, 'cases.createWalkIn', {
        serviceId: 'meldebescheinigung',
        residentId,
        data: { kind: 'einfach', purpose: 'arbeitgeber' },
      });
      await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
      return c.id;
    }

    it('prints, the PDF appears in the cups-pdf folder, and the case is issued', async () => {
      const before = pdfFilesIn(outDir);
      const caseId = await readyCase();
      const issued = await t.call(clerk, 'cases.issue', { caseId });
      expect(issued.status).toBe('issued');
      expect(issued.printJobs).toEqual([expect.objectContaining({ adapter: 'system', printerName: QUEUE, state: 'completed' })]);
      const fresh = await waitFor(() => {
        const now = [...pdfFilesIn(outDir)].filter((f) => !before.has(f));
        return now.length > 0 ? now : undefined;
      }, 15_000);
      expect(fresh).toBeDefined();
      created.push(...fresh!);
      // cups-pdf re-renders through Ghostscript (text becomes outlines): check the job title and the page.
      // It may still be writing the file when it appears: wait until pdfinfo reads it whole.
      const info = await waitFor(() => {
        const r = run('pdfinfo', [path.join(outDir, fresh![0]!)]);
        return r.ok && /Pages:\s+\d/.test(r.out) ? r.out : undefined;
      }, 15_000);
      expect(info).toContain(issued.reference);
      expect(info).toMatch(/Pages:\s+1\b/);
      expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842/);
    });

    it('with the queue disabled the job fails, the message says why, and the case stays as it was', async () => {
      const caseId = await readyCase();
      const before = pdfFilesIn(outDir);
      admin('cupsdisable', QUEUE);
      try {
        const r = await t.core.dispatch('cases.issue', { caseId }, clerk);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('PRINT_FAILED');
          expect(r.error.message).toContain('angehalten');
        }
      } finally {
        admin('cupsenable', QUEUE);
      }
      const after = await t.call(clerk, 'cases.get', { caseId });
      expect(after.status).toBe('ready');
      expect(after.printJobs.map((j) => j.state)).toEqual(['failed']);
      expect([...pdfFilesIn(outDir)].filter((f) => !before.has(f))).toEqual([]);
      const retried = await t.call(clerk, 'cases.issue', { caseId });
      expect(retried.status).toBe('issued');
      expect(retried.documents).toHaveLength(1);
      const fresh = await waitFor(() => {
        const now = [...pdfFilesIn(outDir)].filter((f) => !before.has(f));
        return now.length > 0 ? now : undefined;
      }, 15_000);
      created.push(...(fresh ?? []));
    });
  });
}
