import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, cupsPdfOutputDir, cupsUnavailableReason, pdfFilesIn, QUEUE, requireCups, run, waitFor } from '../printing/cups-test-support';
import type { PrinterAdapter } from '../printing/port';
import { createSystemPrinterAdapter } from '../printing/system-printer';
import { makeTestCore, type TestCore } from '../test-support';
import type { SessionHolder } from '../transport';
import { BANK, postCase, waitForRun } from './test-helpers';

/** Print runs against the real CUPS queue "PDF" (cups-pdf). */
const unavailable = cupsUnavailableReason();
const NAMES = ['Łukasz Kowalski', 'Søren Østergaard', 'Ayşe Güneş'];

async function setup(systemPrinter: PrinterAdapter, dispatch: { printEnvelopes: boolean; chunkSize: number }) {
  const t = await makeTestCore({ systemPrinter });
  const adm = await t.sessionAs('admin');
  await t.call(adm, 'setup.loadDemoData', {});
  const a4 = { adapter: 'system' as const, printerName: QUEUE, media: 'A4', tray: '' };
  await t.call(adm, 'settings.update', {
    bank: BANK,
    dispatch,
    printers: { certificate: a4, letter: a4, envelope: { ...a4, media: 'DL' } },
  });
  const clerk = await t.sessionAs('clerk');
  for (const n of NAMES) await postCase(t, clerk, n);
  return { t, clerk };
}

/** pdfinfo of a cups-pdf output file, once cups-pdf has finished writing it. */
async function info(file: string) {
  const out = await waitFor(() => {
    const r = run('pdfinfo', [file]);
    return r.ok && /Pages:\s+\d/.test(r.out) ? r.out : undefined;
  }, 15_000);
  if (!out) throw new Error(`${file} never became a readable PDF`);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Math.round(Number(size[1])), height: Math.round(Number(size[2])), text: out };
}

if (unavailable && !requireCups) {
  describe.skip(`print runs through real CUPS (skipped: ${unavailable})`, () => {
    it('needs CUPS', () => {});
  });
} else {
  describe('print runs through real CUPS', () => {
    const outDir = unavailable ? '' : cupsPdfOutputDir();
    const created: string[] = [];
    afterAll(() => {
      if (unavailable) return;
      admin('cupsenable', QUEUE);
      admin('cupsaccept', QUEUE);
      for (const f of created) run('rm', ['-f', path.join(outDir, f)]);
    });

    async function newFiles(before: Set<string>, count: number): Promise<string[]> {
      const files = await waitFor(() => {
        const now = [...pdfFilesIn(outDir)].filter((f) => !before.has(f));
        return now.length >= count ? now : undefined;
      }, 20_000);
      const list = files ?? [...pdfFilesIn(outDir)].filter((f) => !before.has(f));
      created.push(...list);
      return list.sort((a, b) => Number(/(\d+)\.pdf$/.exec(a)?.[1] ?? 0) - Number(/(\d+)\.pdf$/.exec(b)?.[1] ?? 0));
    }

    it('lands a full run in order: one A4 job with letters and certificates, then one job of envelopes', async () => {
      if (unavailable) throw new Error(`CUPS is required (BBDESK_REQUIRE_CUPS=1) but not usable: ${unavailable}`);
      const { t, clerk } = await setup(createSystemPrinterAdapter({ pollIntervalMs: 100, timeoutMs: 30_000 }), {
        printEnvelopes: true,
        chunkSize: 25,
      });
      const before = pdfFilesIn(outDir);
      const started = await t.call(clerk, 'dispatch.startRun', {});
      const done = await waitForRun(t, clerk, started.id);
      expect(done.message).toBeNull();
      expect(done.state).toBe('completed');
      expect(done.casesDispatched).toBe(3);
      const files = await newFiles(before, 2);
      expect(files).toHaveLength(2);
      const [a4, envelopes] = await Promise.all(files.map((f) => info(path.join(outDir, f))));
      expect(a4).toMatchObject({ pages: 6, width: 595, height: 842 });
      expect(envelopes!.pages).toBe(3);
      // DL envelope, 220 × 110 mm (cups-pdf may turn it to portrait)
      expect([envelopes!.width, envelopes!.height].sort()).toEqual([312, 624]);
    });

    it('stops with a clear message when the queue is disabled part-way and resumes after cupsenable without duplicates', async () => {
      if (unavailable) throw new Error(`CUPS is required (BBDESK_REQUIRE_CUPS=1) but not usable: ${unavailable}`);
      const real = createSystemPrinterAdapter({ pollIntervalMs: 100, timeoutMs: 30_000 });
      let jobs = 0;
      // The operator's hand: after the first completed job somebody stops the queue (cupsdisable), as a jam would.
      const operator: PrinterAdapter = {
        ...real,
        kind: 'system',
        listPrinters: () => real.listPrinters(),
        jobState: (p, id) => real.jobState(p, id),
        print: async (req, onSubmitted) => {
          const outcome = await real.print(req, onSubmitted);
          if (outcome.state === 'completed' && ++jobs === 1) admin('cupsdisable', QUEUE);
          return outcome;
        },
      };
      let t: TestCore;
      let clerk: SessionHolder;
      try {
        ({ t, clerk } = await setup(operator, { printEnvelopes: false, chunkSize: 1 }));
        const before = pdfFilesIn(outDir);
        const started = await t.call(clerk, 'dispatch.startRun', {});
        const stopped = await waitForRun(t, clerk, started.id);
        expect(stopped.state).toBe('stopped');
        expect(stopped.message).toContain('angehalten');
        expect(stopped.message).toContain('Fortsetzen');
        expect(stopped.casesDispatched).toBe(1);
        admin('cupsenable', QUEUE);
        await t.call(clerk, 'dispatch.resumeRun', { runId: started.id });
        const done = await waitForRun(t, clerk, started.id);
        expect(done.state).toBe('completed');
        expect(done.casesDispatched).toBe(3);
        expect(done.itemsPrinted).toBe(done.items);
        const files = await newFiles(before, 3);
        await new Promise((r) => setTimeout(r, 1000));
        expect([...pdfFilesIn(outDir)].filter((f) => !before.has(f))).toHaveLength(3);
        for (const f of files) expect((await info(path.join(outDir, f))).pages).toBe(2);
      } finally {
        admin('cupsenable', QUEUE);
      }
    });
  });
}
