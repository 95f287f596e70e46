import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullText, readPdf } from './pdf-text';
import { CoverLetterError } from './cover-letter';
import { workerRenderer, type DocumentRenderer } from './renderer';
import { LETTERHEAD, RESOURCES_DIR, resident } from './test-fixtures';

/** The worker pool against the real bundled worker script, built here as the app's build does. */
describe('document rendering in worker threads', () => {
  let renderer: DocumentRenderer;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-worker-'));
    const outfile = path.join(dir, 'render-worker.cjs');
    await build({
      entryPoints: [path.join(__dirname, 'render-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      logLevel: 'silent',
      absWorkingDir: path.resolve(__dirname, '..', '..', '..'),
    });
    renderer = workerRenderer(outfile, 2);
  });
  afterAll(() => renderer.close());

  it('renders certificates in parallel with every name intact', async () => {
    const names = ['Łukasz Kowalski', 'Ayşe Güneş', 'Søren Østergaard', 'Ödön Kőváry'];
    const pdfs = await Promise.all(
      names.map((n, i) => {
        const [given, family] = n.split(' ') as [string, string];
        return renderer.render(
          'meldebescheinigung',
          {
            number: `MB-2026-00000${i}`,
            caseReference: `BB-2026-00000${i}`,
            issuedAt: new Date('2026-11-25T10:00:00Z'),
            clerkName: 'Test',
            kind: 'einfach',
            extendedItems: [],
            resident: resident({ givenNames: given, callName: null, familyName: family }),
          },
          { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD },
        );
      }),
    );
    for (const [i, pdf] of pdfs.entries()) {
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(fullText((await readPdf(pdf)).items).normalize('NFC')).toContain(names[i]!.split(' ')[1]!);
    }
  });

  it('passes a document error back with its class and German message', async () => {
    const err = await renderer
      .render(
        'coverLetter',
        {
          caseReference: 'BB-2026-000001',
          issuedAt: new Date(),
          serviceName: 'Meldebescheinigung',
          recipient: { givenNames: 'Erika', familyName: 'Mustermann', street: 'Georgstraße', houseNumber: '17', postalCode: '49808', city: 'Lingen (Ems)' },
          enclosures: [{ title: 'Meldebescheinigung' }],
          openFeeCents: 750,
          bank: null,
          clerkName: 'Test',
        },
        { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoverLetterError);
    expect((err as Error).message).toContain('Bankverbindung');
  });
});
