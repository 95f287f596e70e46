import { beforeAll, describe, expect, it } from 'vitest';
import { formatWahlscheinNumber } from '../../../shared/services/briefwahl/rules';
import { fullText, readPdf, textLines, type PdfContent, type PdfTextLine } from './pdf-text';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';
import {
  UNGUELTIGE_CSV_HEADER,
  WAHLSCHEINVERZEICHNIS_CSV_HEADER,
  renderUngueltigeWahlscheine,
  renderWahlscheinverzeichnis,
  ungueltigeWahlscheineCsv,
  wahlscheinverzeichnisCsv,
  type WahlscheinListEntry,
  type WahlscheinListInput,
} from './wahlscheinverzeichnis';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };
const ELECTION = { name: 'Wahl zum 22. Deutschen Bundestag', kind: 'bundestag' as const, date: '2029-09-23' };
const NAMES: [string, string][] = [
  ['Żółkiewski-Ørsted', 'Łukasz Ödön'],
  ['Güneş', 'Ayşe'],
  ['Çelik', 'Yıldız Nur'],
  ['GROẞE', 'Žaneta Ħanna'],
  ['Kőváry', 'Ödön'],
];

function entry(i: number, over: Partial<WahlscheinListEntry> = {}): WahlscheinListEntry {
  const [familyName, givenNames] = NAMES[i % NAMES.length]!;
  const bezirk = i % 2 ? 13 : 12;
  return {
    number: formatWahlscheinNumber(bezirk, Math.floor(i / 2) + 1),
    wahlbezirk: bezirk,
    voterNumber: String(100 + i),
    familyName,
    givenNames,
    birthDate: '1986-03-12',
    address: 'Burgstraße 21a, 49808 Lingen (Ems)',
    issuedAt: new Date('2029-09-01T08:00:00Z'),
    delivery: 'home',
    ...over,
  };
}

const MANY: WahlscheinListEntry[] = [
  ...Array.from({ length: 44 }, (_, i) =>
    entry(i, i % 9 === 4 ? { invalidatedAt: new Date('2029-09-20T08:30:00Z'), invalidationReason: 'not_received' } : {}),
  ),
  entry(44, { number: 'WS 013-0099', wahlbezirk: 13, voterNumber: null, registerException: true, delivery: 'pickup_by_proxy', deliveryDetail: 'Ayşe Güneş' }),
];

function input(entries: WahlscheinListEntry[] = MANY): WahlscheinListInput {
  return { election: ELECTION, entries, asOf: new Date('2029-09-21T10:00:00Z') };
}

interface Rendered {
  pdf: PdfContent;
  lines: PdfTextLine[];
  text: string;
}

async function read(bytes: Buffer): Promise<Rendered> {
  const pdf = await readPdf(bytes);
  return { pdf, lines: textLines(pdf.items), text: fullText(pdf.items) };
}

const HEADS = new Set(['Ungültig', 'Ungültig seit', 'Grund', 'Übermittlung']);

/**
 * Cell texts of one column (items whose x lies in [from, to)): consecutive lines of a wrapped cell are joined;
 * a new table row starts where the baseline gap exceeds a line pitch.
 */
function cells(r: Rendered, from: number, to: number): string[] {
  const items = r.pdf.items
    // Table cells only: 8 pt text above the footer, not the column heads.
    .filter((i) => i.x >= from && i.x < to && i.str.trim() && Math.abs(i.fontSize - 8) < 0.01 && i.bottom < 195)
    .filter((i) => !HEADS.has(i.str))
    .sort((a, b) => a.page - b.page || a.baseline - b.baseline || a.x - b.x);
  const out: string[] = [];
  let prev: (typeof items)[number] | null = null;
  for (const i of items) {
    if (prev && prev.page === i.page && i.baseline - prev.baseline < 4.5) {
      out[out.length - 1] += (i.baseline - prev.baseline < 0.6 ? '' : ' ') + i.str;
    } else out.push(i.str);
    prev = i;
  }
  return out.map((c) => c.replace(/\s+/g, ' ').normalize('NFC'));
}

describe('Wahlscheinverzeichnis (PDF)', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await read(await renderWahlscheinverzeichnis(input(), CTX));
  });

  it('is A4 landscape, PDF/A-2b, several pages with "Seite n von m" on each', () => {
    expect(r.pdf.pages).toBeGreaterThan(1);
    for (const s of r.pdf.pageSizes) {
      expect(s.width).toBeCloseTo(297, 0);
      expect(s.height).toBeCloseTo(210, 0);
    }
    expect(r.pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    for (let p = 1; p <= r.pdf.pages; p++) {
      const footer = r.lines.find((l) => l.page === p && l.text.endsWith(`Seite ${p} von ${r.pdf.pages}`));
      expect(footer, `footer on page ${p}`).toBeDefined();
      expect(footer!.y).toBeGreaterThan(195);
    }
  });

  it('has the title, the election and the Stand', () => {
    expect(r.text).toContain('Wahlscheinverzeichnis');
    expect(r.text).toContain('Wahl zum 22. Deutschen Bundestag am Sonntag, 23.09.2029');
    expect(r.text).toContain('Stand: 21.09.2029 12:00 Uhr');
  });

  it('lists every Wahlschein once, § 25 Abs. 1 by number first, then § 25 Abs. 2 in its own section', () => {
    const numbers = r.lines
      .flatMap((l) => l.items.map((i) => ({ page: l.page, y: l.y, s: i.str })))
      .filter((i) => /^WS \d{3}-\d{4}$/.test(i.s));
    expect(numbers.map((n) => n.s)).toEqual([
      ...MANY.filter((e) => !e.registerException)
        .map((e) => e.number)
        .sort(),
      'WS 013-0099',
    ]);
    const headB = r.lines.find((l) => l.text.startsWith('B. Wahlscheine ohne Eintragung im Wählerverzeichnis (§ 25 Abs. 2 BWO)'))!;
    const headA = r.lines.find((l) => l.text.startsWith('A. Wahlberechtigte im Wählerverzeichnis (§ 25 Abs. 1 BWO)'))!;
    expect(headA.page).toBe(1);
    const last = numbers[numbers.length - 1]!;
    expect(last.page === headB.page && last.y > headB.y).toBe(true);
    const beforeB = numbers[numbers.length - 2]!;
    expect(beforeB.page < headB.page || beforeB.y < headB.y).toBe(true);
  });

  it('repeats the column heads on continuation pages and keeps the names intact', () => {
    for (let p = 1; p <= r.pdf.pages; p++) {
      expect(r.lines.some((l) => l.page === p && l.text.startsWith('Lfd. Wahlschein- WVZ-Nr. Bezirk Familienname, Vornamen'))).toBe(true);
    }
    for (const [family, given] of NAMES) expect(r.text).toContain(`${family}, ${given}`.normalize('NFC'));
  });

  it('marks invalidated Wahlscheine, names the delivery and counts', () => {
    // Column "Ungültig" from x = 255 mm, "Übermittlung" from 219 mm (A4 landscape, 15 mm margins).
    const invalidCells = cells(r, 255, 283);
    expect(invalidCells).toEqual(MANY.filter((e) => e.invalidatedAt).map(() => 'ungültig seit 20.09.2029 (nicht zugegangen)'));
    expect(cells(r, 219, 255)).toContain('Abgeholt durch Bevollmächtigte(n): Ayşe Güneş');
    const invalid = MANY.filter((e) => e.invalidatedAt).length;
    expect(r.text).toContain(`Erteilte Wahlscheine: ${MANY.length} (Abschnitt A: ${MANY.length - 1}, Abschnitt B: 1)`);
    expect(r.text).toContain(`davon für ungültig erklärt: ${invalid} · gültig: ${MANY.length - invalid}`);
  });

  it('keeps every table text inside the page and above the footer', () => {
    for (const it of r.pdf.items) {
      expect(it.x).toBeGreaterThanOrEqual(14);
      expect(it.x + it.width).toBeLessThanOrEqual(283);
      if (it.str.trim() && !it.str.startsWith('Seite') && !it.str.startsWith('Stadt Lingen (Ems) ·')) expect(it.bottom).toBeLessThan(197);
    }
  });

  it('says so when a section is empty', async () => {
    const empty = await read(await renderWahlscheinverzeichnis(input([]), CTX));
    expect(empty.pdf.pages).toBe(1);
    expect(empty.text).toContain('Keine Wahlscheine.');
    expect(empty.text).toContain('Keine Wahlscheine nach dieser Vorschrift.');
  });

  it('cites the NKWO for local elections', async () => {
    const kw = await read(
      await renderWahlscheinverzeichnis({ ...input([entry(0)]), election: { ...ELECTION, kind: 'kommunalwahl', name: 'Kommunalwahlen 2031' } }, CTX),
    );
    expect(kw.text).toContain('§§ 26, 27 NKWO');
    expect(kw.text).toContain('§ 19 Abs. 2 NKWG');
  });
});

describe('Verzeichnis der für ungültig erklärten Wahlscheine (PDF)', () => {
  it('lists only the invalidated ones, with date, time and reason', async () => {
    const r = await read(await renderUngueltigeWahlscheine(input(), CTX));
    const invalid = MANY.filter((e) => e.invalidatedAt);
    const numbers = r.pdf.items.filter((i) => /^WS \d{3}-\d{4}$/.test(i.str)).map((i) => i.str);
    expect(numbers).toEqual(invalid.map((e) => e.number).sort());
    expect(r.text).toContain('Verzeichnis der für ungültig erklärten Wahlscheine');
    // Columns "Ungültig seit" from x = 208 mm, "Grund" from 236 mm.
    expect(cells(r, 208, 236)).toEqual(invalid.map(() => '20.09.2029 10:30')); // 08:30 UTC = 10:30 CEST
    expect(cells(r, 236, 283)).toEqual(invalid.map(() => 'Nicht zugegangen (Ersatz-Wahlschein erteilt)'));
    expect(r.text).toContain(`Für ungültig erklärte Wahlscheine: ${invalid.length}`);
    expect(r.text).toContain('Seite 1 von 1');
  });

  it('says so when there are none', async () => {
    const r = await read(await renderUngueltigeWahlscheine(input([entry(0)]), CTX));
    expect(r.text).toContain('Es wurden keine Wahlscheine für ungültig erklärt.');
  });
});

describe('CSV', () => {
  it('Wahlscheinverzeichnis: BOM, header, ";", CRLF, sections and numbers in order, names unchanged', () => {
    const csv = wahlscheinverzeichnisCsv(MANY);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[rows.length - 1]).toBe('');
    expect(rows[0]).toBe(WAHLSCHEINVERZEICHNIS_CSV_HEADER.join(';'));
    const body = rows.slice(1, -1).map((r) => r.split(';'));
    expect(body).toHaveLength(MANY.length);
    expect(body.map((r) => r[0])).toEqual([...MANY.filter((e) => !e.registerException).map((e) => e.number).sort(), 'WS 013-0099']);
    expect(body[body.length - 1]!.slice(1, 3)).toEqual(['§ 25 Abs. 2 BWO', '']);
    expect(body[0]!.slice(1, 9)).toEqual([
      '§ 25 Abs. 1 BWO',
      '100',
      '12',
      'Żółkiewski-Ørsted',
      'Łukasz Ödön',
      '12.03.1986',
      'Burgstraße 21a, 49808 Lingen (Ems)',
      '01.09.2029 10:00',
    ]);
    const invalidRow = body.find((r) => r[0] === MANY[4]!.number)!;
    expect(invalidRow.slice(11)).toEqual(['20.09.2029', 'Nicht zugegangen (Ersatz-Wahlschein erteilt)']);
  });

  it('guards against formula injection and quotes separators', () => {
    const csv = wahlscheinverzeichnisCsv([
      entry(0, { deliveryDetail: '=HYPERLINK("http://x")', address: 'Am Markt 1; Hinterhaus, 49808 Lingen (Ems)', delivery: 'other_address' }),
      entry(1, { deliveryDetail: '+49 591 1', delivery: 'pickup_by_proxy' }),
      entry(2, { deliveryDetail: '@SUM(A1)', delivery: 'pickup_by_proxy' }),
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('"Am Markt 1; Hinterhaus, 49808 Lingen (Ems)"');
    expect(csv).toContain(";'+49 591 1;");
    expect(csv).toContain(";'@SUM(A1);");
  });

  it('invalidated Wahlscheine only', () => {
    const csv = ungueltigeWahlscheineCsv(MANY);
    const rows = csv.slice(1).split('\r\n').slice(0, -1);
    expect(rows[0]).toBe(UNGUELTIGE_CSV_HEADER.join(';'));
    expect(rows.slice(1).map((r) => r.split(';')[0])).toEqual(MANY.filter((e) => e.invalidatedAt).map((e) => e.number).sort());
    expect(rows[1]!.split(';').slice(6)).toEqual(['20.09.2029 10:30', 'Nicht zugegangen (Ersatz-Wahlschein erteilt)']);
  });
});
