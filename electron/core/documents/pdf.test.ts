import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPdf, fitSize, mm, pdfToBuffer, textAt, textWidthMm, wrapText, fontKey } from './pdf';
import { fullText, readPdf } from './pdf-text';
import { RESOURCES_DIR } from './test-fixtures';

const hasTool = (tool: string): boolean => spawnSync(tool, ['-v']).error === undefined;

/** DIN 91379 (2022) normative Latin letters (group bll), single code points. */
const DIN91379_LETTERS =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ' +
  'ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž' +
  'ƇƈƏƗƠơƯưƷǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǢǣǤǥǦǧǨǩǪǫǬǭǮǯǰǴǵǸǹǺǻǼǽǾǿȒȓȘșȚțȞȟȧȨȩȪȫȬȭȮȯȰȱȲȳəɨʒ' +
  'ḂḃḆḇḊḋḌḍḎḏḐḑḗḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḯḰḱḲḳḴḵḶḷḺḻṀṁṂṃṄṅṆṇṈṉṒṓṔṕṖṗṘṙṚṛṞṟṠṡṢṣṪṫṬṭṮṯẀẁẂẃẄẅẆẇẌẍẎẏẐẑẒẓẔẕẖẗẞ' +
  'ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ' +
  'ʹʺʾʿˈˌ’‡';
/** DIN 91379 normative combining diacritics (group dc). */
const DIN91379_COMBINING = [
  0x300, 0x301, 0x302, 0x304, 0x306, 0x307, 0x308, 0x30b, 0x30c, 0x30d, 0x310, 0x315, 0x31b, 0x323, 0x325, 0x326, 0x327,
  0x328, 0x331, 0x35f,
];
/** Some of the normative sequences (base letter + combining marks). */
const DIN91379_SEQUENCES = ['A̋', 'C̨̆', 'K͟H', 'k͟h', 'L̥̄', 'S̛̄', 'Z̧', 'ž̦', 'Ụ̈', 'ō̍', 'M̐', 'T̕'];

function newDoc(title = 'Test'): PDFKit.PDFDocument {
  return createPdf({ resourcesDir: RESOURCES_DIR, title, author: 'Stadt Lingen (Ems)', subject: 'Prüfung' });
}

describe('mm', () => {
  it('converts millimetres to points (1 mm = 72/25.4 pt)', () => {
    expect(mm(25.4)).toBeCloseTo(72, 10);
    expect(mm(210)).toBeCloseTo(595.2756, 3);
    expect(mm(0)).toBe(0);
  });
});

describe('bundled fonts', () => {
  it('have a glyph for every DIN 91379 letter and combining mark (regular and bold)', () => {
    const doc = newDoc();
    for (const name of ['Regular', 'Bold'] as const) {
      doc.font(fontKey(name));
      const font = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
      const missing = [...DIN91379_LETTERS].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      const missingMarks = DIN91379_COMBINING.filter((cp) => !font.hasGlyphForCodePoint(cp)).map((cp) => cp.toString(16));
      expect(missing, name).toEqual([]);
      expect(missingMarks, name).toEqual([]);
    }
  });

  it('ship with their licence', () => {
    expect(fs.existsSync(path.join(RESOURCES_DIR, 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    expect(fs.existsSync(path.join(RESOURCES_DIR, 'fonts', 'DejaVuSans-Bold.ttf'))).toBe(true);
    expect(fs.readFileSync(path.join(RESOURCES_DIR, 'fonts', 'LICENSE-DejaVu.txt'), 'utf8')).toMatch(/Bitstream/);
  });
});

describe('createPdf / pdfToBuffer', () => {
  it('writes every DIN 91379 letter and sequence so that it reads back unchanged', async () => {
    const doc = newDoc();
    const chunks = [...DIN91379_LETTERS.match(/.{1,40}/gu)!, DIN91379_SEQUENCES.join(' ')];
    chunks.forEach((c, i) => textAt(doc, c, 20, 30 + i * 8, { size: 11, font: i % 2 ? 'Bold' : 'Regular' }));
    const pdf = await readPdf(await pdfToBuffer(doc));
    const text = fullText(pdf.items).split('\n');
    expect(text).toEqual(chunks.map((c) => c.normalize('NFC')));
  });

  it('produces A4, PDF 1.7 and claims PDF/A-2b in the XMP, consistent with the Info dictionary', async () => {
    const bytes = await pdfToBuffer(newDoc('Bescheinigung & Anlage <1>'));
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBe(1);
    expect(pdf.pageSizes[0]!.width).toBeCloseTo(210, 1);
    expect(pdf.pageSizes[0]!.height).toBeCloseTo(297, 1);
    expect(pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(pdf.xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    // Characters that would break the XMP packet are replaced in both places alike.
    expect(pdf.info.Title).toBe('Bescheinigung und Anlage 1');
    expect(pdf.xmp).toContain('<rdf:li xml:lang="x-default">Bescheinigung und Anlage 1</rdf:li>');
    expect(pdf.xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(pdf.info.Author).toBe('Stadt Lingen (Ems)');
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/GTS_PDFA1'); // sRGB output intent
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/); // no non-embedded standard font
  });

  it.skipIf(!hasTool('pdffonts'))('embeds every font (pdffonts)', async () => {
    const doc = newDoc();
    textAt(doc, 'Regular Łł', 20, 20, { size: 10 });
    textAt(doc, 'Bold ẞ', 20, 30, { size: 10, font: 'Bold' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-test-')), 'fonts.pdf');
    fs.writeFileSync(file, await pdfToBuffer(doc));
    const out = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
    const rows = out.split('\n').slice(2).filter((l) => l.trim());
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatch(/DejaVuSans/);
      expect(row).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
    }
    const info = spawnSync('pdfinfo', ['-meta', file], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/pdfaid:part>2</);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe('text helpers', () => {
  it('wrapText keeps every character and respects the width', () => {
    const doc = newDoc();
    const text =
      'Zugehörigkeit zu einer öffentlich-rechtlichen Religionsgesellschaft Donaudampfschifffahrtsgesellschaftskapitänswitwe Ł̥̄ukasz';
    const lines = wrapText(doc, text, 30, { size: 10 });
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(textWidthMm(doc, l, { size: 10 })).toBeLessThanOrEqual(30 + 1e-6);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });

  it('fitSize shrinks down to the minimum only', () => {
    const doc = newDoc();
    const long = 'Stadt Lingen (Ems) · Elisabethstraße 14–16 · 49808 Lingen (Ems) · Bürgerbüro';
    const s = fitSize(doc, long, 80, { size: 7 }, 6);
    expect(s).toBeGreaterThanOrEqual(6);
    expect(s).toBeLessThanOrEqual(7);
    expect(fitSize(doc, 'kurz', 80, { size: 7 }, 6)).toBe(7);
  });
});

describe('fonts shared between documents', () => {
  it('keeps each document’s text intact when documents are rendered one after another and side by side', async () => {
    const { renderMeldebescheinigung } = await import('./meldebescheinigung');
    const { readPdf, fullText } = await import('./pdf-text');
    const { LETTERHEAD, RESOURCES_DIR, resident } = await import('./test-fixtures');
    const names = ['C̨̆ebi Łoś-Ångström', 'Zofia Żółkiewska', 'Jürgen Ødegård', 'Ḗmile Ŧhuẞ'];
    const render = (family: string, i: number) =>
      renderMeldebescheinigung(
        {
          number: `MB-2026-00000${i}`,
          caseReference: `BB-2026-00000${i}`,
          issuedAt: new Date('2026-11-25T10:00:00Z'),
          clerkName: 'Test',
          kind: 'einfach',
          extendedItems: [],
          resident: resident({ familyName: family, givenNames: 'Zacharias', callName: null }),
        },
        { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD },
      );
    const sequential: Buffer[] = [];
    for (const [i, n] of names.entries()) sequential.push(await render(n, i));
    const parallel = await Promise.all(names.map(render));
    for (const [i, n] of names.entries()) {
      for (const pdf of [sequential[i]!, parallel[i]!]) {
        const text = fullText((await readPdf(pdf)).items).normalize('NFC');
        expect(text).toContain(n.normalize('NFC'));
        expect(text).toContain('Zacharias');
      }
    }
  });
});
