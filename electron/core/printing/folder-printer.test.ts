import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFolderPrinterAdapter, FOLDER_PRINTER_NAME, sanitizeFileNamePart } from './folder-printer';

const PDF = Buffer.from('%PDF-1.4\n% test document\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');

describe('folder printer', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-outbox-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the PDF with the same bytes and reports the file as the external id', async () => {
    const logs: string[] = [];
    const adapter = createFolderPrinterAdapter(dir, {
      now: () => new Date(2025, 2, 7, 9, 5, 3),
      log: (m) => logs.push(m),
    });
    expect(adapter.kind).toBe('folder');
    const ids: string[] = [];
    const outcome = await adapter.print(
      { pdf: PDF, printerName: 'Zertifikat', title: 'Meldebescheinigung Müller/Groß' },
      (id) => ids.push(id),
    );
    expect(outcome).toEqual({ state: 'completed' });
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^Zertifikat\/20250307-090503-Meldebescheinigung_Mueller_Gross-[0-9a-f]{8}\.pdf$/);
    const file = path.join(dir, ...ids[0]!.split('/'));
    expect(fs.readFileSync(file).equals(PDF)).toBe(true);
    // Nothing but the PDF is left behind (no temporary files).
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    expect(await adapter.jobState('Zertifikat', ids[0]!)).toBe('completed');
    expect(logs.some((l) => l.includes('wrote'))).toBe(true);
  });

  it("uses 'ausgang' when no printer or the pseudo printer is named", async () => {
    const adapter = createFolderPrinterAdapter(dir);
    const ids: string[] = [];
    await adapter.print({ pdf: PDF, printerName: '', title: 'A' }, (id) => ids.push(id));
    await adapter.print({ pdf: PDF, printerName: FOLDER_PRINTER_NAME, title: 'B' }, (id) => ids.push(id));
    expect(ids.map((id) => id.split('/')[0])).toEqual(['ausgang', 'ausgang']);
  });

  it('never lets two jobs in the same second collide', async () => {
    const fixed = new Date(2025, 0, 1, 12, 0, 0);
    const adapter = createFolderPrinterAdapter(dir, { now: () => fixed });
    const ids: string[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        adapter.print({ pdf: Buffer.concat([PDF, Buffer.from(`%${i}\n`)]), printerName: 'PDF', title: 'Gleicher Titel' }, (id) =>
          ids.push(id),
        ),
      ),
    );
    expect(outcomes.every((o) => o.state === 'completed')).toBe(true);
    expect(new Set(ids).size).toBe(25);
    const files = fs.readdirSync(path.join(dir, 'PDF'));
    expect(files).toHaveLength(25);
    expect(files.every((f) => f.startsWith('20250101-120000-Gleicher_Titel-') && f.endsWith('.pdf'))).toBe(true);
  });

  it('fails with a German message when the folder cannot be written', async () => {
    const blocker = path.join(dir, 'just-a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const logs: string[] = [];
    const adapter = createFolderPrinterAdapter(path.join(blocker, 'outbox'), { log: (m) => logs.push(m) });
    let submitted = false;
    const outcome = await adapter.print({ pdf: PDF, printerName: 'PDF', title: 'X' }, () => {
      submitted = true;
    });
    expect(outcome.state).toBe('failed');
    if (outcome.state === 'failed') {
      expect(outcome.message).toMatch(/^Der Ablageordner „.*“ ist nicht beschreibbar\./);
    }
    expect(submitted).toBe(false);
    expect(logs.join('\n')).toMatch(/cannot write .*(ENOTDIR|EEXIST)/);
  });

  it('cleans up and rethrows when onSubmitted throws', async () => {
    const adapter = createFolderPrinterAdapter(dir);
    await expect(
      adapter.print({ pdf: PDF, printerName: 'PDF', title: 'X' }, () => {
        throw new Error('db is gone');
      }),
    ).rejects.toThrow('db is gone');
    expect(fs.readdirSync(path.join(dir, 'PDF'))).toEqual([]);
  });

  it('refuses an empty document', async () => {
    const adapter = createFolderPrinterAdapter(dir);
    const outcome = await adapter.print({ pdf: Buffer.alloc(0), printerName: 'PDF', title: 'X' }, () => {});
    expect(outcome).toEqual({ state: 'failed', message: 'Das Dokument ist leer und kann nicht gedruckt werden.' });
  });

  it('lists one pseudo printer and answers unknown for missing or malformed ids', async () => {
    const adapter = createFolderPrinterAdapter(dir);
    const printers = await adapter.listPrinters();
    expect(printers).toHaveLength(1);
    expect(printers[0]).toMatchObject({ name: 'Ablageordner', isDefault: true });
    expect(await adapter.jobState('PDF', 'PDF/missing.pdf')).toBe('unknown');
    expect(await adapter.jobState('PDF', '../etc/passwd')).toBe('unknown');
    expect(await adapter.jobState('PDF', '')).toBe('unknown');
  });

  it('sanitises file name parts', () => {
    expect(sanitizeFileNamePart('  Ärger: "a/b\\c" *?  ', 'x')).toBe('Aerger_a_b_c');
    expect(sanitizeFileNamePart('../..', 'fallback')).toBe('fallback');
    expect(sanitizeFileNamePart('Café Noël', 'x')).toBe('Cafe_Noel');
    expect(sanitizeFileNamePart('a'.repeat(100), 'x')).toHaveLength(60);
  });
});
