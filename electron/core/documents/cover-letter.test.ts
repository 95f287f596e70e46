import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { FORM_B, HOLE_MARK_LENGTH, FOLD_MARK_LENGTH, MARK_X, RETURN_ZONE_HEIGHT } from './din5008';
import {
  CLOSING,
  CoverLetterError,
  MACHINE_NOTE_LETTER,
  ON_BEHALF,
  dlWindowOnSheet,
  formatIban,
  letterSalutation,
  renderCoverLetter,
  renderCoverLetters,
  type CoverLetterInput,
} from './cover-letter';
import { returnLine } from './letter';
import { fullText, readPdf, textLines, type PdfContent, type PdfTextLine } from './pdf-text';
import { formatPostalAddress, fontMeasure, type PostalAddressInput } from './postal-address';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };
const TOL = 1; // mm
/** The DL window on the A4 sheet once folded at 105 mm: 20 mm from the left, 90 × 45 mm, 15 mm above the fold. */
const WINDOW = { left: 20, right: 20 + 90, top: 105 - 15 - 45, bottom: 105 - 15 };
const BANK = { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', bankName: 'Sparkasse Emsland' };

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

function input(overrides: Partial<CoverLetterInput> = {}): CoverLetterInput {
  return {
    caseReference: 'BB-2026-000042',
    issuedAt: new Date('2026-11-25T09:30:00Z'),
    applicationDate: '2026-11-20',
    serviceName: 'Meldebescheinigung',
    recipient: AYSE,
    vermerke: ['Einschreiben Einwurf'],
    enclosures: [{ title: 'Meldebescheinigung (einfach)' }],
    openFeeCents: 750,
    bank: BANK,
    clerkName: 'Anna Schütte',
    ...overrides,
  };
}

interface Rendered {
  bytes: Buffer;
  pdf: PdfContent;
  /** Lines of the page, the left column (address field, body) and the information block (x ≥ 120 mm) apart. */
  lines: PdfTextLine[];
  /** Lines of the left column only. */
  left: PdfTextLine[];
  text: string;
}

async function render(i: CoverLetterInput): Promise<Rendered> {
  const bytes = await renderCoverLetter(i, CTX);
  const pdf = await readPdf(bytes);
  const left = textLines(pdf.items.filter((it) => it.x < 120));
  const right = textLines(pdf.items.filter((it) => it.x >= 120));
  return { bytes, pdf, lines: [...left, ...right], left, text: fullText(pdf.items) };
}

function line(r: Rendered, text: string, page = 1): PdfTextLine {
  const l = r.left.find((x) => x.page === page && x.text.normalize('NFC') === text.normalize('NFC'));
  if (!l) throw new Error(`line not found: ${text}\n--- text:\n${r.text}`);
  return l;
}

/** Stroked straight segments of a page, in mm from the top-left (pdfkit draws in a y-down user space). */
async function strokedSegments(bytes: Buffer, pageNo = 1): Promise<{ x1: number; y1: number; x2: number; y2: number }[]> {
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(pageNo);
    const ops = await page.getOperatorList();
    const k = 25.4 / 72;
    const out: { x1: number; y1: number; x2: number; y2: number }[] = [];
    ops.fnArray.forEach((fn, i) => {
      if (fn !== OPS.constructPath) return;
      const [op, [path]] = ops.argsArray[i] as [number, [ArrayLike<number>]];
      if (op !== OPS.stroke || !path) return;
      let x = 0;
      let y = 0;
      for (let j = 0; j < path.length; ) {
        const code = path[j]!;
        if (code === 0) {
          x = path[j + 1]!;
          y = path[j + 2]!;
          j += 3;
        } else if (code === 1) {
          out.push({ x1: x * k, y1: y * k, x2: path[j + 1]! * k, y2: path[j + 2]! * k });
          x = path[j + 1]!;
          y = path[j + 2]!;
          j += 3;
        } else if (code === 2) j += 7;
        else if (code === 3) j += 5;
        else j += 1;
      }
    });
    return out;
  } finally {
    await doc.destroy();
  }
}

describe('cover letter: the address shows in the DL window (DIN 5008 Form B)', () => {
  it('uses the figures of DOMAIN.md for the window on the folded sheet', () => {
    expect(dlWindowOnSheet()).toEqual({ x: 20, y: 45, width: 90, height: 45 });
    expect(FORM_B.addressField).toEqual({ x: 20, y: 45, width: 85, height: 45 });
  });

  const RECIPIENTS: [string, PostalAddressInput, string[]][] = [
    ['Frau Dr. with "bei" and an Einschreiben', AYSE, ['Einschreiben Einwurf']],
    [
      'six lines abroad with two Vermerke',
      {
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
      },
      ['Einschreiben Rückschein', 'Amtliche Wahlunterlagen'],
    ],
    [
      'long name and street, shortened by rule',
      {
        salutation: 'Herrn',
        title: 'Dr.',
        givenNames: 'Maximilian Alexander Friedrich Wilhelm Konstantin',
        callName: 'Konstantin',
        familyName: 'Hohenzollern-Sigmaringen',
        addressSupplement: 'Zimmer 12',
        street: 'Bürgermeister-Heinrich-Wilhelm-Grünewald-Straße',
        houseNumber: '117b',
        postalCode: '49808',
        city: 'Lingen (Ems)',
      },
      [],
    ],
    ['organisation, four Vermerke (the most beside the return line)', { organisation: 'Emsland-Stärke GmbH', postOfficeBox: '1563', postalCode: '49824', city: 'Emlichheim' }, ['Einschreiben', 'Persönlich', 'Vertraulich', 'Nicht nachsenden']],
  ];

  it.each(RECIPIENTS)('%s', async (_name, recipient, vermerke) => {
    const r = await render(input({ recipient, vermerke }));
    const expected = formatPostalAddress({ ...recipient, notes: vermerke }, { measure: fontMeasure(RESOURCES_DIR) });
    const ret = line(r, returnLine(LETTERHEAD));
    const notes = expected.notes.map((n) => line(r, n));
    const recipientLines = expected.lines.map((l) => line(r, l));

    // Recipient: inside the window, top-down in the given order, the lower 27.3 mm of the field.
    for (const l of recipientLines) {
      expect(l.x).toBeGreaterThanOrEqual(WINDOW.left - TOL);
      expect(l.right).toBeLessThanOrEqual(WINDOW.right + TOL);
      expect(l.y).toBeGreaterThanOrEqual(WINDOW.top - TOL);
      expect(l.bottom).toBeLessThanOrEqual(WINDOW.bottom + TOL);
      expect(l.fontSize).toBeGreaterThanOrEqual(8 - 0.01);
      expect(l.y).toBeGreaterThanOrEqual(FORM_B.recipientZone.y - TOL);
    }
    for (let i = 1; i < recipientLines.length; i++) {
      expect(recipientLines[i]!.baseline).toBeGreaterThan(recipientLines[i - 1]!.baseline);
    }
    // Return line: inside the window, in the upper part of the field, above everything else.
    expect(ret.x).toBeGreaterThanOrEqual(WINDOW.left - TOL);
    expect(ret.right).toBeLessThanOrEqual(WINDOW.right + TOL);
    expect(ret.y).toBeGreaterThanOrEqual(WINDOW.top - TOL);
    expect(ret.bottom).toBeLessThanOrEqual(WINDOW.top + RETURN_ZONE_HEIGHT + TOL);
    expect(ret.bottom).toBeLessThanOrEqual(recipientLines[0]!.y + TOL);
    // Vermerke: between return line and recipient, in order.
    let prev = ret;
    for (const n of notes) {
      expect(n.y).toBeGreaterThanOrEqual(prev.bottom - TOL);
      expect(n.bottom).toBeLessThanOrEqual(recipientLines[0]!.y + TOL);
      expect(n.x).toBeGreaterThanOrEqual(WINDOW.left - TOL);
      expect(n.right).toBeLessThanOrEqual(WINDOW.right + TOL);
      prev = n;
    }
    // Nothing else of the letter shows in the window.
    const inWindow = r.lines.filter(
      (l) => l.page === 1 && l.x < WINDOW.right && l.right > WINDOW.left && l.y < WINDOW.bottom && l.bottom > WINDOW.top,
    );
    expect(inWindow.map((l) => l.text).sort()).toEqual([ret, ...notes, ...recipientLines].map((l) => l.text).sort());
  });

  it('draws the fold marks at 105 and 210 mm and the hole mark at 148.5 mm', async () => {
    const { bytes } = await render(input());
    const segs = await strokedSegments(bytes);
    const mark = (y: number, length: number): void => {
      const s = segs.find((g) => Math.abs(g.y1 - y) < 0.05 && Math.abs(g.y2 - y) < 0.05 && g.x1 < 15);
      expect(s, `mark at ${y} mm`).toBeTruthy();
      expect(s!.x1).toBeCloseTo(MARK_X, 1);
      expect(s!.x2 - s!.x1).toBeCloseTo(length, 1);
    };
    mark(105, FOLD_MARK_LENGTH);
    mark(210, FOLD_MARK_LENGTH);
    mark(148.5, HOLE_MARK_LENGTH);
  });
});

describe('cover letter: text', () => {
  it('has the reference line, subject, salutation, enclosures, payment details and closing', async () => {
    const r = await render(
      input({ enclosures: [{ title: 'Meldebescheinigung (einfach)' }, { title: 'Geburtsurkunde', copies: 2 }] }),
    );
    for (const [label, value] of [
      ['Aktenzeichen', 'BB-2026-000042'],
      ['Ihr Antrag vom', '20.11.2026'],
      ['Auskunft erteilt', 'Anna Schütte'],
      ['Telefon', '0591 9144-0'],
      ['Datum', '25.11.2026'],
    ]) {
      const l = r.lines.find((x) => x.text === `${label} ${value}`);
      expect(l, label).toBeTruthy();
      expect(l!.x).toBeCloseTo(FORM_B.infoBlock.x, 0);
    }
    const subject = line(r, 'Ihr Antrag: Meldebescheinigung');
    expect(subject.y).toBeGreaterThan(FORM_B.addressField.y + FORM_B.addressField.height);
    expect(subject.items[0]!.fontName).not.toBe(line(r, 'Sehr geehrte Frau Dr. Güneş,').items[0]!.fontName);
    const t = r.text.replace(/\n/g, ' ');
    expect(t).toContain('vielen Dank für Ihren Antrag vom 20.11.2026. Mit diesem Schreiben erhalten Sie die folgenden Unterlagen:');
    expect(r.lines.some((l) => l.text === '– Meldebescheinigung (einfach)')).toBe(true);
    expect(r.lines.some((l) => l.text === '– 2 × Geburtsurkunde')).toBe(true);
    expect(t).toContain('Die Gebühr von 7,50 € ist noch nicht bezahlt.');
    expect(t).toContain('innerhalb von zwei Wochen nach Erhalt dieses Schreibens');
    expect(t).toContain('Verwendungszweck das Aktenzeichen an:');
    expect(r.lines.some((l) => l.text === 'Empfänger Stadt Lingen (Ems)')).toBe(true);
    expect(r.lines.some((l) => l.text === 'IBAN DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(r.lines.some((l) => l.text === 'BIC COBADEFFXXX')).toBe(true);
    expect(r.lines.some((l) => l.text === 'Kreditinstitut Sparkasse Emsland')).toBe(true);
    expect(r.lines.some((l) => l.text === 'Betrag 7,50 €')).toBe(true);
    expect(r.lines.some((l) => l.text === 'Verwendungszweck BB-2026-000042')).toBe(true);
    const closing = line(r, CLOSING);
    const onBehalf = line(r, ON_BEHALF);
    const clerk = r.lines.filter((l) => l.text === 'Anna Schütte').at(-1)!;
    expect(onBehalf.y).toBeGreaterThan(closing.bottom);
    expect(clerk.y).toBeGreaterThan(onBehalf.bottom + 3);
    expect(t).toContain(MACHINE_NOTE_LETTER);
    expect(t).toContain('Seite 1 von 1');
    expect(r.pdf.pages).toBe(1);
    expect(r.pdf.pageSizes[0]!.width).toBeCloseTo(210, 0);
    expect(r.pdf.pageSizes[0]!.height).toBeCloseTo(297, 0);
    expect(r.pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(r.pdf.xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  });

  it('says nothing about a fee when it is paid, and names a single document in the singular', async () => {
    const r = await render(input({ openFeeCents: 0, bank: null, applicationDate: null, feeDueDate: null }));
    const t = r.text.replace(/\n/g, ' ');
    expect(t).toContain('vielen Dank für Ihren Antrag. Mit diesem Schreiben erhalten Sie das folgende Dokument:');
    for (const s of ['Gebühr', 'IBAN', 'überweisen', 'Verwendungszweck', 'Betrag']) expect(t).not.toContain(s);
    expect(r.lines.some((l) => l.text.startsWith('Ihr Antrag vom'))).toBe(false);
  });

  it('names the due date and the account holder where they are given', async () => {
    const r = await render(input({ feeDueDate: '2026-12-09', bank: { ...BANK, accountHolder: 'Stadtkasse Lingen (Ems)' } }));
    const t = r.text.replace(/\n/g, ' ');
    expect(t).toContain('Bitte überweisen Sie den Betrag bis zum 09.12.2026');
    expect(r.lines.some((l) => l.text === 'Empfänger Stadtkasse Lingen (Ems)')).toBe(true);
  });

  it('refuses an open fee without the town’s account, a mistyped IBAN and a letter without enclosures', async () => {
    await expect(render(input({ bank: null }))).rejects.toThrow(/fehlt die Bankverbindung/);
    await expect(render(input({ bank: { iban: 'DE89 3704 0044 0532 0130 01' } }))).rejects.toThrow(/falsche Prüfziffer/);
    await expect(render(input({ enclosures: [] }))).rejects.toThrow(CoverLetterError);
    expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });

  it('greets by the Anrede the caller chose, neutrally without one', () => {
    const base = { city: 'Lingen (Ems)', postalCode: '49808', street: 'Am Markt', houseNumber: '1' };
    expect(letterSalutation({ ...base, salutation: 'Frau', title: 'Dr.', givenNames: 'Erika', familyName: 'Mustermann' })).toBe(
      'Sehr geehrte Frau Dr. Mustermann,',
    );
    expect(letterSalutation({ ...base, salutation: 'Herrn', givenNames: 'Max', familyName: 'Mustermann' })).toBe(
      'Sehr geehrter Herr Mustermann,',
    );
    expect(letterSalutation({ ...base, salutation: 'Herrn', givenNames: 'Karl', namePrefix: 'von', familyName: 'Stein' })).toBe(
      'Sehr geehrter Herr von Stein,',
    );
    expect(letterSalutation({ ...base, givenNames: 'Alex Kim', familyName: 'Mustermann' })).toBe('Guten Tag Alex Mustermann,');
    expect(letterSalutation({ ...base, givenNames: 'Łukasz Ödön', callName: 'Ödön', title: 'Dr.', familyName: 'Żółkiewski' })).toBe(
      'Guten Tag Dr. Ödön Żółkiewski,',
    );
    expect(letterSalutation({ ...base, organisation: 'Emsland-Stärke GmbH' })).toBe('Sehr geehrte Damen und Herren,');
  });

  it('carries a too-long address as a German error rather than printing outside the window', async () => {
    await expect(
      render(input({ recipient: { ...AYSE, familyName: 'Wolkenstein-Rodenegg-Trostburg-Hauenstein-Sigmaringen-Hohenzollern' } })),
    ).rejects.toThrow(/passt auch nach den Kürzungsregeln nicht/);
  });
});

describe('cover letters in one PDF (print run)', () => {
  it('numbers each letter on its own and flows long lists onto a second page', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ title: `Anlage ${i + 1}` }));
    const { pdf, letters } = await renderCoverLetters(
      [input(), input({ caseReference: 'BB-2026-000043', enclosures: many }), input({ caseReference: 'BB-2026-000044' })],
      CTX,
    );
    expect(letters.map((l) => l.pages)).toEqual([
      { start: 0, count: 1 },
      { start: 1, count: 2 },
      { start: 3, count: 1 },
    ]);
    const read = await readPdf(pdf);
    expect(read.pages).toBe(4);
    const footers = textLines(read.items.filter((it) => it.x > 150 && it.baseline > 280)).map((l) => `${l.page}:${l.text}`);
    expect(footers).toEqual(['1:Seite 1 von 1', '2:Seite 1 von 2', '3:Seite 2 von 2', '4:Seite 1 von 1']);
    const text = fullText(read.items);
    expect(text).toContain('Anlage 40');
    expect(text).toContain('BB-2026-000044');
    // The continuation page carries a header and the closing lies on it.
    const page3 = textLines(read.items).filter((l) => l.page === 3);
    expect(page3[0]!.text).toContain('(Fortsetzung)');
    expect(page3.some((l) => l.text === CLOSING)).toBe(true);
  });

  it('starts every letter on a front side for duplex printers', async () => {
    const { pdf, letters } = await renderCoverLetters([input(), input(), input()], CTX, { duplex: true });
    expect(letters.map((l) => l.pages.start)).toEqual([0, 2, 4]);
    expect((await readPdf(pdf)).pages).toBe(5);
  });
});
