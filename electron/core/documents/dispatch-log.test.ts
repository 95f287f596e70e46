import { describe, expect, it } from 'vitest';
import { choosePostage } from '../../../shared/domain/postage';
import {
  CONFIDENTIAL_PLACE,
  DispatchLogError,
  csvCell,
  csvEuro,
  dispatchLogCsv,
  dispatchRecipient,
  dispatchTotals,
  placeText,
  renderDispatchLogPdf,
  type DispatchLogEntry,
} from './dispatch-log';
import { fullText, readPdf, textLines } from './pdf-text';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };

const ENTRIES: DispatchLogEntry[] = [
  {
    caseReference: 'BB-2026-000042',
    recipientName: 'Dr. Ayşe Güneş',
    postalCode: '49808',
    city: 'Lingen (Ems)',
    product: 'Standardbrief',
    postageCents: 95,
    clerk: 'Anna Schütte',
  },
  {
    caseReference: 'BB-2026-000043',
    recipientName: 'Müller; Meier "GbR"',
    postalCode: '1010',
    city: 'Wien',
    country: 'AT',
    product: 'Großbrief + Einschreiben Einwurf',
    registeredNumber: 'RT123456789DE',
    postageCents: 415,
    clerk: 'Anna Schütte',
  },
  {
    caseReference: '=HYPERLINK("http://x")',
    recipientName: '+49 591 Test',
    postalCode: '49809',
    city: '-Lingen',
    product: '@SUM(A1)',
    postageCents: 110,
    clerk: 'Zeile1\nZeile2',
  },
  {
    caseReference: 'BB-2026-000045',
    recipientName: 'Anna Schulz',
    postalCode: '49808',
    city: 'Lingen (Ems)',
    confidential: true,
    product: 'Standardbrief',
    postageCents: 95,
    clerk: 'Anna Schütte',
  },
];

describe('Postausgangsbuch as CSV', () => {
  it('writes the exact expected file: BOM, header, ";", decimal comma, RFC 4180 quoting, injection guard', () => {
    expect(dispatchLogCsv(ENTRIES)).toBe(
      '\uFEFF' +
        'Lfd. Nr.;Aktenzeichen;Empfänger;PLZ;Ort;Land;Produkt;Einschreiben-Nr.;Porto (EUR);Bearbeitung\r\n' +
        '1;BB-2026-000042;Dr. Ayşe Güneş;49808;Lingen (Ems);DE;Standardbrief;;0,95;Anna Schütte\r\n' +
        '2;BB-2026-000043;"Müller; Meier ""GbR""";1010;Wien;AT;Großbrief + Einschreiben Einwurf;RT123456789DE;4,15;Anna Schütte\r\n' +
        `3;"'=HYPERLINK(""http://x"")";'+49 591 Test;49809;'-Lingen;DE;'@SUM(A1);;1,10;"Zeile1\nZeile2"\r\n` +
        '4;BB-2026-000045;Anna Schulz;;Auskunftssperre;;Standardbrief;;0,95;Anna Schütte\r\n',
    );
  });

  it('has just the header for an empty day and keeps given running numbers', () => {
    expect(dispatchLogCsv([])).toBe(
      '\uFEFFLfd. Nr.;Aktenzeichen;Empfänger;PLZ;Ort;Land;Produkt;Einschreiben-Nr.;Porto (EUR);Bearbeitung\r\n',
    );
    expect(dispatchLogCsv([{ ...ENTRIES[0]!, number: 17 }]).split('\r\n')[1]).toMatch(/^17;/);
  });

  it('guards and quotes single cells, formats cents', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('Lingen (Ems)')).toBe('Lingen (Ems)');
    expect(csvEuro(5)).toBe('0,05');
    expect(csvEuro(123456)).toBe('1234,56');
    expect(() => dispatchLogCsv([{ ...ENTRIES[0]!, postageCents: 0.5 }])).toThrow(DispatchLogError);
  });
});

describe('Postausgangsbuch as PDF', () => {
  it('lists every entry with its columns and the totals per product and overall, A4 landscape', async () => {
    const bytes = await renderDispatchLogPdf({ date: '2026-11-25', site: 'Bürgerbüro Lingen (Ems)', entries: ENTRIES }, CTX);
    const pdf = await readPdf(bytes);
    expect(pdf.pageSizes[0]!.width).toBeCloseTo(297, 0);
    expect(pdf.pageSizes[0]!.height).toBeCloseTo(210, 0);
    expect(pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    const text = fullText(pdf.items);
    expect(text).toContain('Postausgangsbuch');
    expect(text).toContain('Tag: 25.11.2026');
    expect(text).toContain('Standort: Bürgerbüro Lingen (Ems)');
    const rows = textLines(pdf.items).map((l) => l.text.normalize('NFC'));
    // Each entry's row: the cells of its first line, and all its cell texts (wrapped cells below) in its band.
    const band = (nr: string): string => {
      const first = pdf.items.find((i) => i.str === nr && i.x < 25)!;
      // Up to the next row: the next baseline in the "Nr." column.
      const next = Math.min(
        first.baseline + 4.5,
        ...pdf.items.filter((i) => /^\d+$/.test(i.str) && i.x < 25 && i.baseline > first.baseline + 0.3).map((i) => i.baseline),
      );
      const cells = pdf.items.filter((i) => i.page === first.page && i.baseline > first.baseline - 0.3 && i.baseline < next - 0.3);
      return textLines(cells)
        .map((l) => l.text)
        .join(' | ')
        .normalize('NFC');
    };
    expect(band('1')).toBe('1 BB-2026-000042 Dr. Ayşe Güneş 49808 Lingen (Ems) Standardbrief 0,95 € Anna Schütte');
    expect(band('2')).toBe(
      '2 BB-2026-000043 Müller; Meier "GbR" 1010 Wien (Österreich) Großbrief + Einschreiben RT123456789DE 4,15 € Anna Schütte | Einwurf',
    );
    // Formula-like text is printed as text (wrapped where the column is too narrow).
    expect(band('3')).toBe('3 =HYPERLINK("htt +49 591 Test 49809 -Lingen @SUM(A1) 1,10 € Zeile1 | p://x") Zeile2');
    // The confidential entry: name without its place.
    expect(band('4')).toBe('4 BB-2026-000045 Anna Schulz Auskunftssperre Standardbrief 0,95 € Anna Schütte');
    // Totals.
    expect(rows).toContain('Standardbrief 2 1,90 €');
    expect(rows).toContain('Großbrief + Einschreiben Einwurf 1 4,15 €');
    expect(rows).toContain('@SUM(A1) 1 1,10 €');
    expect(rows).toContain('Gesamt 4 7,15 €');
    expect(text).toMatch(/Übergeben an die Deutsche Post am/);
    expect(text).toContain('Seite 1 von 1');
  });

  it('runs over several pages with the column titles repeated and page numbers', async () => {
    const entries = Array.from({ length: 45 }, (_, i) => ({
      ...ENTRIES[i % 2]!,
      caseReference: `BB-2026-${String(100 + i).padStart(6, '0')}`,
    }));
    const pdf = await readPdf(await renderDispatchLogPdf({ date: new Date('2026-11-25T10:00:00Z'), site: 'Ortsverwaltung Darme', entries }, CTX));
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    const text = fullText(pdf.items);
    for (const e of entries) expect(text).toContain(e.caseReference);
    expect(text).toContain(`Seite ${pdf.pages} von ${pdf.pages}`);
    const titles = pdf.items.filter((i) => i.str === 'Einschreiben-Nr.');
    expect(new Set(titles.map((t) => t.page)).size).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Gesamt 45');
    for (const it of pdf.items) {
      expect(it.x).toBeGreaterThanOrEqual(14);
      expect(it.x + it.width).toBeLessThanOrEqual(297 - 14);
      expect(it.bottom).toBeLessThanOrEqual(210 - 5);
    }
  });

  it('prints an empty day, and refuses totals that disagree with the entries', async () => {
    const empty = fullText((await readPdf(await renderDispatchLogPdf({ date: '2026-11-25', site: 'Bürgerbüro', entries: [] }, CTX))).items);
    expect(empty).toContain('Keine Sendungen an diesem Tag.');
    expect(empty).toContain('Gesamt 0 0,00 €');
    await expect(
      renderDispatchLogPdf({ date: '2026-11-25', site: 'Bürgerbüro', entries: ENTRIES, totals: { letters: 4, cents: 1, byLabel: [] } }, CTX),
    ).rejects.toThrow(/passen nicht zu den Einträgen/);
  });
});

describe('Postausgangsbuch entries', () => {
  it('take recipient and postage from the one formatter and the postage rules', () => {
    const postage = choosePostage({ sheets: 2, envelope: 'DL', registered: 'einwurf' });
    const e: DispatchLogEntry = {
      ...dispatchRecipient({
        salutation: 'Frau',
        title: 'Dr.',
        givenNames: 'Ayşe',
        familyName: 'Güneş',
        street: 'Burgstraße',
        houseNumber: '21a',
        postalCode: '49808',
        city: 'Lingen (Ems)',
        auskunftssperre: true,
      }),
      caseReference: 'BB-2026-000042',
      product: postage.label,
      postageCents: postage.cents,
      clerk: 'Anna Schütte',
    };
    expect(e.recipientName).toBe('Dr. Ayşe Güneş');
    expect(placeText(e)).toBe(CONFIDENTIAL_PLACE);
    expect(placeText({ ...e, confidential: false })).toBe('49808 Lingen (Ems)');
    expect(dispatchTotals([e, e])).toEqual({
      letters: 2,
      cents: 660,
      byLabel: [{ label: 'Standardbrief + Einschreiben Einwurf', letters: 2, cents: 660 }],
    });
  });
});
