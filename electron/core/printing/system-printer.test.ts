import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printMessages, PrinterUnavailableError, type PrintOutcome } from './port';
import {
  classifyJob,
  createSystemPrinterAdapter,
  type NodePrinterBinding,
  type NodePrinterDetails,
  type NodePrinterJob,
} from './system-printer';
import { admin, cupsPdfOutputDir, cupsUnavailableReason, pdfFilesIn, QUEUE, requireCups, run, waitFor } from './cups-test-support';


// ---------------------------------------------------------------------------------------------------------------
// Behaviour against a scripted fake of node-printer (runs everywhere).

interface FakeJob {
  status: string[];
}

function fakeBinding(init: { printers?: Record<string, NodePrinterDetails>; onPoll?: (job: FakeJob, poll: number) => void }) {
  const printers: Record<string, NodePrinterDetails> = init.printers ?? {
    [QUEUE]: { name: QUEUE, isDefault: true, status: 'IDLE', options: { 'printer-state': '3', 'printer-is-accepting-jobs': 'true' } },
  };
  const jobs = new Map<number, FakeJob>();
  const submitted: Array<{ printer: string; docname: string; options: Record<string, string> }> = [];
  const cancelled: number[] = [];
  let polls = 0;
  let nextId = 41;
  const binding: NodePrinterBinding = {
    getPrinters: () => Object.values(printers),
    getPrinter: (name) => {
      const p = printers[name];
      if (!p) throw new Error('Printer not found');
      return p;
    },
    printDirect: (o) => {
      nextId++;
      jobs.set(nextId, { status: ['PENDING'] });
      submitted.push({ printer: o.printer, docname: o.docname, options: o.options });
      o.success(nextId);
    },
    getJob: (_printer, id): NodePrinterJob => {
      const job = jobs.get(id);
      if (!job) throw new Error('Printer job not found');
      init.onPoll?.(job, ++polls);
      if (!jobs.has(id)) throw new Error('Printer job not found');
      return { id, status: [...job.status] };
    },
    setJob: (_printer, id) => {
      cancelled.push(id);
      const job = jobs.get(id);
      if (job) job.status = ['CANCELLED'];
      return true;
    },
  };
  return { binding, printers, jobs, submitted, cancelled };
}

const tinyPdf = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('system printer adapter (scripted node-printer)', () => {
  it('reports a missing binding in German instead of crashing', async () => {
    const logs: string[] = [];
    const adapter = createSystemPrinterAdapter({
      loadBinding: () => {
        throw new Error("Cannot find module '@thiagoelg/node-printer'");
      },
      log: (m) => logs.push(m),
    });
    expect(await adapter.print({ pdf: tinyPdf, printerName: QUEUE, title: 't' }, () => {})).toEqual({
      state: 'failed',
      message: 'Die Systemdrucker-Anbindung ist auf diesem Rechner nicht installiert.',
    });
    await expect(adapter.listPrinters()).rejects.toBeInstanceOf(PrinterUnavailableError);
    expect(await adapter.jobState(QUEUE, '1')).toBe('unknown');
    expect(logs.join('\n')).toContain('Cannot find module');
  });

  it('passes title, media, tray and copies and completes when the job is printed', async () => {
    const fake = fakeBinding({ onPoll: (job, n) => (job.status = n === 1 ? ['PRINTING'] : ['PRINTED']) });
    const adapter = createSystemPrinterAdapter({ loadBinding: () => fake.binding, pollIntervalMs: 10 });
    const ids: string[] = [];
    const outcome = await adapter.print(
      { pdf: tinyPdf, printerName: QUEUE, title: 'Meldebescheinigung', media: 'A4', tray: 'Tray2', copies: 2 },
      (id) => ids.push(id),
    );
    expect(outcome).toEqual({ state: 'completed' });
    expect(ids).toEqual(['42']);
    expect(fake.submitted).toEqual([
      { printer: QUEUE, docname: 'Meldebescheinigung', options: { media: 'A4', InputSlot: 'Tray2', copies: '2' } },
    ]);
    expect(await adapter.jobState(QUEUE, '42')).toBe('completed');
    expect(await adapter.jobState(QUEUE, '4711')).toBe('unknown');
    expect(await adapter.jobState(QUEUE, 'nonsense')).toBe('unknown');
  });

  it('fails at once for a stopped or rejecting printer, without submitting', async () => {
    const fake = fakeBinding({
      printers: {
        Stopped: { name: 'Stopped', isDefault: false, status: 'STOPPED', options: { 'printer-state': '5' } },
        Rejecting: { name: 'Rejecting', isDefault: false, status: 'IDLE', options: { 'printer-is-accepting-jobs': 'false' } },
      },
    });
    const adapter = createSystemPrinterAdapter({ loadBinding: () => fake.binding });
    expect(await adapter.print({ pdf: tinyPdf, printerName: 'Stopped', title: 't' }, () => {})).toEqual({
      state: 'failed',
      message: 'Der Drucker „Stopped“ ist angehalten. Bitte am Drucker bzw. in der Druckerverwaltung wieder freigeben.',
    });
    expect(await adapter.print({ pdf: tinyPdf, printerName: 'Rejecting', title: 't' }, () => {})).toEqual({
      state: 'failed',
      message: printMessages.notAccepting('Rejecting'),
    });
    expect(await adapter.print({ pdf: tinyPdf, printerName: 'XYZ', title: 't' }, () => {})).toEqual({
      state: 'failed',
      message: 'Der Drucker „XYZ“ ist nicht eingerichtet.',
    });
    expect(await adapter.print({ pdf: tinyPdf, printerName: ' ', title: 't' }, () => {})).toEqual({
      state: 'failed',
      message: printMessages.noPrinterSelected,
    });
    expect(fake.submitted).toEqual([]);
    const list = await adapter.listPrinters();
    expect(list.map((p) => [p.name, p.status])).toEqual([
      ['Stopped', 'Angehalten'],
      ['Rejecting', 'Bereit, nimmt keine Aufträge an'],
    ]);
  });

  it('cancels and fails when the printer is stopped while the job waits', async () => {
    const fake = fakeBinding({
      onPoll: (_job, n) => {
        if (n === 3) {
          fake.printers[QUEUE]!.status = 'STOPPED';
          fake.printers[QUEUE]!.options!['printer-state'] = '5';
        }
      },
    });
    const adapter = createSystemPrinterAdapter({ loadBinding: () => fake.binding, pollIntervalMs: 10 });
    const outcome = await adapter.print({ pdf: tinyPdf, printerName: QUEUE, title: 't' }, () => {});
    expect(outcome).toEqual({ state: 'failed', message: printMessages.stopped(QUEUE) });
    expect(fake.cancelled).toEqual([42]);
  });

  it('fails when the printer aborts or cancels the job', async () => {
    const fake = fakeBinding({ onPoll: (job, n) => (job.status = n < 2 ? ['PRINTING'] : ['ABORTED']) });
    const adapter = createSystemPrinterAdapter({ loadBinding: () => fake.binding, pollIntervalMs: 10 });
    expect(await adapter.print({ pdf: tinyPdf, printerName: QUEUE, title: 't' }, () => {})).toEqual({
      state: 'failed',
      message: 'Der Druckauftrag wurde vom Drucker abgebrochen.',
    });
    expect(await adapter.jobState(QUEUE, '42')).toBe('failed');
    expect(fake.cancelled).toEqual([]);
  });

  it('cancels and fails after the timeout', async () => {
    const fake = fakeBinding({});
    const adapter = createSystemPrinterAdapter({ loadBinding: () => fake.binding, pollIntervalMs: 20, timeoutMs: 1000 });
    const started = Date.now();
    const outcome = await adapter.print({ pdf: tinyPdf, printerName: QUEUE, title: 't' }, () => {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome).toEqual({
      state: 'failed',
      message: 'Der Druckauftrag wurde nicht innerhalb von einer Sekunde abgeschlossen und wurde abgebrochen.',
    });
    expect(fake.cancelled).toEqual([42]);
    expect(printMessages.timeout(60)).toBe(
      'Der Druckauftrag wurde nicht innerhalb von 60 Sekunden abgeschlossen und wurde abgebrochen.',
    );
  });

  it('fails when the job vanishes from the queue', async () => {
    const fake = fakeBinding({ onPoll: (_job, n) => n === 2 && fake.jobs.delete(42) });
    const adapter = createSystemPrinterAdapter({ loadBinding: () => fake.binding, pollIntervalMs: 10 });
    expect(await adapter.print({ pdf: tinyPdf, printerName: QUEUE, title: 't' }, () => {})).toEqual({
      state: 'failed',
      message: printMessages.jobVanished(QUEUE),
    });
  });

  it('cancels the job and rethrows when onSubmitted throws', async () => {
    const fake = fakeBinding({});
    const adapter = createSystemPrinterAdapter({ loadBinding: () => fake.binding });
    await expect(
      adapter.print({ pdf: tinyPdf, printerName: QUEUE, title: 't' }, () => {
        throw new Error('db is gone');
      }),
    ).rejects.toThrow('db is gone');
    expect(fake.cancelled).toEqual([42]);
  });

  it('classifies CUPS and Windows job states', () => {
    expect(classifyJob(['PENDING'])).toBe('pending');
    expect(classifyJob(['PAUSED'])).toBe('pending');
    expect(classifyJob(['PRINTING'])).toBe('pending');
    expect(classifyJob(['PRINTED'])).toBe('completed');
    expect(classifyJob(['CANCELLED'])).toBe('failed');
    expect(classifyJob(['ABORTED'])).toBe('failed');
    expect(classifyJob(['PRINTING', 'DELETING'])).toBe('failed');
    expect(classifyJob([])).toBe('pending');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The real thing: CUPS with the cups-pdf queue "PDF" (set up by scripts/ci-cups.sh).

function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: text } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(`Bürgerbüro Desk Testdruck ${text}`);
    doc.end();
  });
}

const unavailable = cupsUnavailableReason();

if (unavailable && !requireCups) {
  console.warn(`[system-printer.test] real CUPS tests skipped: ${unavailable}`);
  describe.skip(`system printer adapter against real CUPS (skipped: ${unavailable}; set BBDESK_REQUIRE_CUPS=1 to make this an error)`, () => {
    it('needs CUPS', () => {});
  });
} else if (unavailable) {
  describe('system printer adapter against real CUPS', () => {
    it('requires CUPS because BBDESK_REQUIRE_CUPS=1', () => {
      expect.fail(`CUPS is required (BBDESK_REQUIRE_CUPS=1) but not usable: ${unavailable}`);
    });
  });
} else {
  describe('system printer adapter against real CUPS', () => {
    const logs: string[] = [];
    const adapter = createSystemPrinterAdapter({ pollIntervalMs: 100, timeoutMs: 30_000, log: (m) => logs.push(m) });
    const outDir = cupsPdfOutputDir();
    const created: string[] = [];

    afterAll(() => {
      // Never leave the queue stopped or rejecting, nor our output files behind.
      admin('cupsenable', QUEUE);
      admin('cupsaccept', QUEUE);
      for (const f of created) fs.rmSync(f, { force: true });
    });

    it('lists the PDF queue', async () => {
      const printers = await adapter.listPrinters();
      const pdf = printers.find((p) => p.name === QUEUE);
      expect(pdf).toBeDefined();
      expect(pdf!.status).toMatch(/^(Bereit|Druckt)/);
    });

    it('prints a real PDF: the job completes and cups-pdf writes a new file', { timeout: 45_000 }, async () => {
      const token = `T${Date.now().toString(36)}`;
      const pdf = await makePdf(token);
      const before = pdfFilesIn(outDir);
      const ids: string[] = [];
      const outcome = await adapter.print(
        { pdf, printerName: QUEUE, title: `bbdesk-test-${token}`, media: 'A4', copies: 1 },
        (id) => ids.push(id),
      );
      expect(outcome, logs.join('\n')).toEqual({ state: 'completed' });
      expect(ids).toHaveLength(1);
      expect(ids[0]).toMatch(/^\d+$/);
      expect(await adapter.jobState(QUEUE, ids[0]!)).toBe('completed');

      // cups-pdf writes the file before the backend exits, but allow for slow file systems.
      const file = await waitFor(() => {
        const fresh = [...pdfFilesIn(outDir)].filter((f) => !before.has(f));
        const full = fresh.map((f) => path.join(outDir, f)).find((f) => fs.statSync(f).size > 0);
        return full;
      }, 15_000);
      expect(file, `no new PDF in ${outDir}`).toBeDefined();
      created.push(file!);
      const bytes = fs.readFileSync(file!);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = run('pdftotext', [file!, '-']);
      if (!/ENOENT/.test(text.out)) expect(text.out).toContain(token);
    });

    it('fails at once with the German "angehalten" message while the queue is disabled', { timeout: 30_000 }, async () => {
      const before = pdfFilesIn(outDir);
      admin('cupsdisable', QUEUE);
      let outcome: PrintOutcome;
      const ids: string[] = [];
      try {
        outcome = await adapter.print(
          { pdf: await makePdf('disabled'), printerName: QUEUE, title: 'bbdesk-test-disabled' },
          (id) => ids.push(id),
        );
      } finally {
        admin('cupsenable', QUEUE);
      }
      expect(outcome).toEqual({
        state: 'failed',
        message: 'Der Drucker „PDF“ ist angehalten. Bitte am Drucker bzw. in der Druckerverwaltung wieder freigeben.',
      });
      expect(ids).toEqual([]); // nothing was submitted, so nothing prints once the queue is enabled again
      await new Promise((r) => setTimeout(r, 1500));
      expect([...pdfFilesIn(outDir)].filter((f) => !before.has(f))).toEqual([]);
      expect(run('lpstat', ['-p', QUEUE]).out).not.toMatch(/disabled/);
    });

    describe('with a queue that holds every job (a job that never finishes)', () => {
      const HELD = `BBDESK_TEST_HELD_${process.pid}`;
      beforeAll(() => {
        admin('lpadmin', '-p', HELD, '-E', '-v', 'cups-pdf:/', '-P', `/etc/cups/ppd/${QUEUE}.ppd`, '-o', 'job-hold-until-default=indefinite');
      });
      afterAll(() => {
        admin('lpadmin', '-x', HELD); // also drops its jobs
      });

      it('cancels the job and fails after the timeout', { timeout: 20_000 }, async () => {
        const short = createSystemPrinterAdapter({ pollIntervalMs: 100, timeoutMs: 1500 });
        const ids: string[] = [];
        const outcome = await short.print({ pdf: await makePdf('held'), printerName: HELD, title: 'bbdesk-test-held' }, (id) =>
          ids.push(id),
        );
        expect(outcome).toEqual({
          state: 'failed',
          message: 'Der Druckauftrag wurde nicht innerhalb von 2 Sekunden abgeschlossen und wurde abgebrochen.',
        });
        expect(ids).toHaveLength(1);
        expect(await short.jobState(HELD, ids[0]!)).toBe('failed');
      });

      it('cancels the job and fails when the queue is stopped while the job waits', { timeout: 20_000 }, async () => {
        const ids: string[] = [];
        const outcome = await adapter.print(
          { pdf: await makePdf('stopped'), printerName: HELD, title: 'bbdesk-test-stopped' },
          (id) => {
            ids.push(id);
            setTimeout(() => admin('cupsdisable', HELD), 300);
          },
        );
        expect(outcome).toEqual({ state: 'failed', message: printMessages.stopped(HELD) });
        expect(await adapter.jobState(HELD, ids[0]!)).toBe('failed');
      });
    });

    it('fails for a printer that does not exist', async () => {
      const name = `bbdesk-missing-${process.pid}`;
      const outcome = await adapter.print({ pdf: await makePdf('missing'), printerName: name, title: 't' }, () => {
        throw new Error('must not be submitted');
      });
      expect(outcome).toEqual({ state: 'failed', message: `Der Drucker „${name}“ ist nicht eingerichtet.` });
      expect(await adapter.jobState(name, '1')).toBe('unknown');
    });
  });
}
