import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { ENVELOPES, type EnvelopeFormat } from './din5008';
import {
  ELECTION_MAIL_MARK,
  EnvelopeError,
  codingZone,
  frankingZone,
  renderEnvelope,
  renderEnvelopes,
  type EnvelopeInput,
} from './envelope';
import { returnLine } from './letter';
import { readPdf, textLines, type PdfTextItem, type PdfTextLine } from './pdf-text';
import type { PostalAddressInput } from './postal-address';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };
const TOL = 1; // mm
const FORMATS: EnvelopeFormat[] = ['DL', 'C5', 'C4'];

const AYSE: PostalAddressInput = {
  salutation: 'Frau',
  title: 'Dr.',
  givenNames: 'Ayşe',
  familyName: 'Güneş',
  careOf: 'c/o Żółkiewski',
  street: 'Burgstraße',
  houseNumber: '21a',
  postalCode: '49808',
  city: 'Lingen (Ems)',
};
/** Six address lines and three Vermerke: the fullest block a DL envelope has to take. */
const FULL: PostalAddressInput = {
  salutation: 'Herrn',
  title: 'Prof. Dr.',
  givenNames: 'Søren',
  familyName: 'Østergaard',
  careOf: 'c/o Łukasz Kowalski',
  addressSupplement: '3. sal, tv.',
  street: 'Nørregade',
  houseNumber: '12',
  postalCode: '1165',
  city: 'København K',
  country: 'DK',
};

interface Box {
  x: number;
  y: number;
  right: number;
  bottom: number;
}

function overlaps(a: Box, z: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < z.x + z.width && z.x < a.right && a.y < z.y + z.height && z.y < a.bottom;
}

function itemBox(it: PdfTextItem): Box {
  return { x: it.x, y: it.y, right: it.x + it.width, bottom: it.bottom };
}

/** Bounding boxes (mm, top-left based) of every stroked or filled path of a page. */
async function pathBoxes(bytes: Buffer, pageNo: number): Promise<Box[]> {
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  try {
    const ops = await (await doc.getPage(pageNo)).getOperatorList();
    const k = 25.4 / 72;
    const out: Box[] = [];
    ops.fnArray.forEach((fn, i) => {
      if (fn !== OPS.constructPath) return;
      const minMax = (ops.argsArray[i] as unknown[])[2] as ArrayLike<number> | null;
      if (!minMax) return;
      out.push({ x: minMax[0]! * k, y: minMax[1]! * k, right: minMax[2]! * k, bottom: minMax[3]! * k });
    });
    return out;
  } finally {
    await doc.destroy();
  }
}

function lineOf(lines: PdfTextLine[], text: string): PdfTextLine {
  const l = lines.find((x) => x.text.normalize('NFC') === text.normalize('NFC'));
  if (!l) throw new Error(`line not found: ${text}\n${lines.map((x) => x.text).join('\n')}`);
  return l;
}

describe.each(FORMATS)('envelope %s', (format) => {
  const env = ENVELOPES[format];
  const input = (over: Partial<EnvelopeInput> = {}): EnvelopeInput => ({
    format,
    recipient: AYSE,
    vermerke: ['Einschreiben Einwurf'],
    runMark: 'Lauf 7 · 3/12',
    ...over,
  });

  it('has the envelope’s size, landscape, and one page', async () => {
    const pdf = await readPdf(await renderEnvelope(input(), CTX));
    expect(pdf.pages).toBe(1);
    expect(pdf.pageSizes[0]!.width).toBeCloseTo(env.width, 1);
    expect(pdf.pageSizes[0]!.height).toBeCloseTo(env.height, 1);
    expect(pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  });

  it.each([
    ['a short address', AYSE, ['Einschreiben Einwurf'], false],
    ['six lines, three Vermerke and the election mark', FULL, ['Einschreiben Rückschein', 'Persönlich', 'Nicht nachsenden'], true],
  ] as const)('keeps the franking and coding zones free: %s', async (_n, recipient, vermerke, election) => {
    const bytes = await renderEnvelope(input({ recipient, vermerke: [...vermerke], officialElectionMail: election }), CTX);
    const pdf = await readPdf(bytes);
    const franking = frankingZone(format);
    const coding = codingZone(format);
    expect(franking).toEqual({ x: env.width - 74, y: 0, width: 74, height: 40 });
    expect(coding).toEqual({ x: 0, y: env.height - 15, width: env.width, height: 15 });
    expect(pdf.items.length).toBeGreaterThan(5);
    for (const it of pdf.items) {
      expect(overlaps(itemBox(it), franking), `${it.str} in the franking zone`).toBe(false);
      expect(it.bottom, `${it.str} in the coding zone`).toBeLessThanOrEqual(env.height - 15);
      expect(it.x).toBeGreaterThanOrEqual(15 - TOL);
      expect(it.x + it.width).toBeLessThanOrEqual(env.width - 15 + TOL);
      expect(it.y).toBeGreaterThanOrEqual(15 - TOL);
    }
    const boxes = await pathBoxes(bytes, 1);
    expect(boxes.length).toBeGreaterThanOrEqual(election ? 2 : 1); // the rule under the return line, the frame
    for (const b of boxes) {
      expect(overlaps(b, franking)).toBe(false);
      expect(b.bottom).toBeLessThanOrEqual(env.height - 15);
    }
  });

  it('places the address ≥ 15 mm from the edges at 10–12 pt, left-aligned in the lower right half, with the return line and Vermerke above', async () => {
    const bytes = await renderEnvelope(input(), CTX);
    const pdf = await readPdf(bytes);
    const lines = textLines(pdf.items);
    const recipient = ['Frau', 'Dr. Ayşe Güneş', 'bei Żółkiewski', 'Burgstraße 21a', '49808 Lingen (Ems)'].map((t) => lineOf(lines, t));
    const ret = lineOf(lines, returnLine(LETTERHEAD));
    const vermerk = lineOf(lines, 'Einschreiben Einwurf');
    const x = recipient[0]!.x;
    for (const l of recipient) {
      expect(l.x).toBeCloseTo(x, 1); // left-aligned
      expect(l.x).toBeGreaterThanOrEqual(Math.min(env.width / 2, env.width - 15 - 85) - TOL);
      expect(l.x).toBeGreaterThanOrEqual(15);
      expect(l.right).toBeLessThanOrEqual(env.width - 15);
      expect(l.y).toBeGreaterThanOrEqual(40);
      expect(l.bottom).toBeLessThanOrEqual(env.height - 15);
      expect(l.fontSize).toBeGreaterThanOrEqual(10 - 0.01);
      expect(l.fontSize).toBeLessThanOrEqual(12 + 0.01);
    }
    expect(ret.x).toBeCloseTo(x, 1);
    expect(ret.fontSize).toBeLessThan(8);
    expect(ret.bottom).toBeLessThanOrEqual(vermerk.y + 0.2);
    expect(vermerk.bottom).toBeLessThanOrEqual(recipient[0]!.y + 0.2);
    // The last line sits just above the coding zone (5 mm safety), the block hangs from there.
    expect(recipient.at(-1)!.bottom).toBeCloseTo(env.height - 20, 0);
  });
});

describe('envelopes', () => {
  it('prints the election-mail mark once, framed in the sender zone', async () => {
    const bytes = await renderEnvelope(
      { format: 'DL', recipient: AYSE, vermerke: ['Amtliche Wahlunterlagen'], officialElectionMail: true },
      CTX,
    );
    const lines = textLines((await readPdf(bytes)).items);
    const marks = lines.filter((l) => l.text === ELECTION_MAIL_MARK);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.x).toBeCloseTo(18, 0);
    expect(marks[0]!.y).toBeLessThan(40);
  });

  it('shortens a name for the 10 pt minimum of envelopes and reports it', async () => {
    const { envelopes } = await renderEnvelopes(
      [{ format: 'DL', recipient: { ...AYSE, salutation: null, title: null, givenNames: 'Hans-Peter', familyName: 'Schnarrenberger-Lüdenscheidt-Müller' } }],
      CTX,
    );
    expect(envelopes[0]!.address.lines[0]).toBe('H.-P. Schnarrenberger-Lüdenscheidt-Müller');
    expect(envelopes[0]!.address.shortened).toHaveLength(1);
    expect(envelopes[0]!.recipientSizePt).toBeGreaterThanOrEqual(10);
  });

  it('renders a run into ONE PDF, a page per envelope in its own size', async () => {
    const { pdf, envelopes } = await renderEnvelopes(
      [
        { format: 'DL', recipient: AYSE },
        { format: 'C5', recipient: FULL },
        { format: 'C4', recipient: { organisation: 'Landkreis Emsland', postOfficeBox: '1563', postalCode: '49702', city: 'Meppen' } },
      ],
      CTX,
    );
    const read = await readPdf(pdf);
    expect(read.pages).toBe(3);
    expect(read.pageSizes.map((s) => [Math.round(s.width), Math.round(s.height)])).toEqual([
      [220, 110],
      [229, 162],
      [324, 229],
    ]);
    expect(envelopes.map((e) => e.format)).toEqual(['DL', 'C5', 'C4']);
    const byPage = (p: number): string[] => textLines(read.items.filter((i) => i.page === p)).map((l) => l.text.normalize('NFC'));
    expect(byPage(1)).toContain('Dr. Ayşe Güneş');
    expect(byPage(2)).toContain('1165 KØBENHAVN K');
    expect(byPage(2)).toContain('DÄNEMARK');
    expect(byPage(3)).toContain('Postfach 15 63');
    expect(byPage(3)).not.toContain('Dr. Ayşe Güneş');
  });

  it('refuses an empty run and an unknown format', async () => {
    await expect(renderEnvelopes([], CTX)).rejects.toThrow(EnvelopeError);
    await expect(renderEnvelope({ format: 'B4' as EnvelopeFormat, recipient: AYSE }, CTX)).rejects.toThrow();
  });
});
