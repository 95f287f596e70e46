import { describe, expect, it } from 'vitest';
import { DL_WINDOW, ENVELOPES, FORM_A, FORM_B, RECIPIENT_ZONE_HEIGHT, RETURN_ZONE_HEIGHT, dlWindowRect } from './din5008';
import { drawAddressField, personAddressLines, returnLine } from './letter';
import { createPdf, pdfToBuffer } from './pdf';
import { readPdf, textLines } from './pdf-text';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const newDoc = (): PDFKit.PDFDocument => createPdf({ resourcesDir: RESOURCES_DIR, title: 'Brief', author: 'Test' });

describe('DIN 5008 geometry', () => {
  it('has the Form A / Form B address fields and the DL window of DOMAIN.md', () => {
    expect(FORM_B.addressField).toEqual({ x: 20, y: 45, width: 85, height: 45 });
    expect(FORM_A.addressField.y).toBe(27);
    expect(RETURN_ZONE_HEIGHT + RECIPIENT_ZONE_HEIGHT).toBeCloseTo(45, 10);
    expect(FORM_B.recipientZone.y).toBeCloseTo(62.7, 10);
    expect(FORM_B.foldMarks).toEqual([105, 210]);
    expect(FORM_B.holeMark).toBe(148.5);
    expect(ENVELOPES.DL).toEqual({ width: 220, height: 110 });
    expect(dlWindowRect()).toEqual({ x: 20, y: 50, width: DL_WINDOW.width, height: 45 });
  });
});

describe('drawAddressField', () => {
  it('fills the Vermerkzone bottom-up and the Anschriftzone top-down, inside the field', async () => {
    const doc = newDoc();
    drawAddressField(doc, {
      returnLine: returnLine(LETTERHEAD),
      notes: ['Einschreiben'],
      recipient: ['Frau', 'Ayşe Güneş', 'bei Żółkiewski', 'Burgstraße 21a', '49808 Lingen (Ems)'],
    });
    const lines = textLines((await readPdf(await pdfToBuffer(doc))).items);
    expect(lines.map((l) => l.text)).toEqual([
      'Stadt Lingen (Ems) · Elisabethstraße 14–16 · 49808 Lingen (Ems)',
      'Einschreiben',
      'Frau',
      'Ayşe Güneş',
      'bei Żółkiewski',
      'Burgstraße 21a',
      '49808 Lingen (Ems)',
    ]);
    const f = FORM_B.addressField;
    const zoneBottom = f.y + RETURN_ZONE_HEIGHT;
    const [ret, note, ...recipient] = lines;
    expect(ret!.y).toBeGreaterThanOrEqual(f.y);
    expect(note!.bottom).toBeLessThanOrEqual(zoneBottom + 0.5);
    expect(note!.y).toBeGreaterThan(ret!.bottom - 0.5);
    for (const l of recipient) {
      expect(l.y).toBeGreaterThanOrEqual(zoneBottom - 0.5);
      expect(l.bottom).toBeLessThanOrEqual(f.y + f.height);
      expect(l.right).toBeLessThanOrEqual(f.x + f.width);
    }
  });

  it('refuses more than six recipient lines or five Vermerk lines', () => {
    const doc = newDoc();
    expect(() =>
      drawAddressField(doc, { returnLine: 'R', recipient: ['1', '2', '3', '4', '5', '6', '7'] }),
    ).toThrow(/sechs Zeilen/);
    expect(() =>
      drawAddressField(doc, { returnLine: 'R', notes: ['a', 'b', 'c', 'd', 'e'], recipient: ['x'] }),
    ).toThrow(/fünf Zeilen/);
  });

  it('names the person with "Dr." first and falls back to the gebräuchliche Vorname when too long', () => {
    const doc = newDoc();
    const addr = { street: 'Burgstraße', houseNumber: '21a', postalCode: '49808', city: 'Lingen (Ems)' };
    expect(
      personAddressLines(doc, { givenNames: 'Ödön', callName: null, familyName: 'Kőváry', doctoralDegree: 'Dr.' }, addr),
    ).toEqual(['Dr. Ödön Kőváry', 'Burgstraße 21a', '49808 Lingen (Ems)']);
    expect(
      personAddressLines(
        doc,
        {
          givenNames: 'Maximilian Alexander Friedrich Wilhelm Konstantin',
          callName: 'Konstantin',
          familyName: 'Hohenzollern-Sigmaringen',
          doctoralDegree: null,
        },
        addr,
      )[0],
    ).toBe('Konstantin Hohenzollern-Sigmaringen');
  });
});
