import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Resident } from '../../../shared/domain/types';
import { EXTENDED_ITEMS, type ExtendedItemId } from '../../../shared/services/meldebescheinigung/index';
import { FORM_B } from './din5008';
import {
  BASIC_LABELS,
  CALL_NAME_FOOTNOTE,
  CONFORMITY_STATEMENT,
  MACHINE_NOTE,
  NO_DATE_OF_DEATH,
  NO_ENTRY,
  berlinDate,
  givenNameRuns,
  renderMeldebescheinigung,
  type MeldebescheinigungInput,
} from './meldebescheinigung';
import { fullText, readPdf, textLines, type PdfContent, type PdfTextLine } from './pdf-text';
import { LETTERHEAD, RESOURCES_DIR, resident } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };
const TOL = 1; // mm

function input(overrides: Partial<MeldebescheinigungInput> = {}): MeldebescheinigungInput {
  return {
    number: 'MB-2026-000123',
    caseReference: 'BB-2026-000042',
    issuedAt: new Date('2026-11-25T09:30:00Z'),
    clerkName: 'Anna Schütte',
    kind: 'einfach',
    extendedItems: [],
    resident: resident(),
    ...overrides,
  };
}

interface Rendered {
  bytes: Buffer;
  pdf: PdfContent;
  lines: PdfTextLine[];
  text: string;
  /** Text without any whitespace (for numbers that might be grouped). */
  compact: string;
  /** Labels of the table rows (label column, 9 pt), joined per row. */
  labels: string;
}

async function render(i: MeldebescheinigungInput): Promise<Rendered> {
  const bytes = await renderMeldebescheinigung(i, CTX);
  const pdf = await readPdf(bytes);
  const lines = textLines(pdf.items);
  const text = fullText(pdf.items);
  const labelItems = pdf.items.filter((it) => Math.abs(it.x - FORM_B.textLeft) < 0.5 && Math.abs(it.fontSize - 9) < 0.01);
  return {
    bytes,
    pdf,
    lines,
    text,
    compact: text.replace(/\s+/g, ''),
    labels: labelItems.map((it) => it.str).join(' ').normalize('NFC'),
  };
}

function lineWith(r: Rendered, s: string, where: (l: PdfTextLine) => boolean = () => true): PdfTextLine {
  const l = r.lines.find((x) => x.text.normalize('NFC') === s.normalize('NFC') && where(x));
  if (!l) throw new Error(`line not found: ${s}\n--- text:\n${r.text}`);
  return l;
}

const EXTENDED_LABELS = EXTENDED_ITEMS.filter((i) => i.id !== 'keinSterbedatum').map((i) => i.label);

describe('Meldebescheinigung: names in DIN 91379 survive the round trip', () => {
  const cases: Partial<Resident>[] = [
    { givenNames: 'Łukasz Ödön', callName: 'Łukasz', familyName: 'Żółkiewski-Ørsted' },
    { givenNames: 'Ayşe', callName: 'Ayşe', familyName: 'Güneş', doctoralDegree: null, sex: 'w' },
    { givenNames: 'Yıldız Nur', callName: 'Nur', familyName: 'Çelik', doctoralDegree: null },
    { givenNames: 'Ödön', callName: null, familyName: 'Kőváry', doctoralDegree: 'Dr. med.' },
    { givenNames: 'Žaneta Ħanna', callName: 'Žaneta', familyName: 'Weiß', formerNames: ['GROẞE', 'ʼNandi-Ştefănescu'] },
    // A normative DIN 91379 combining sequence (C + ogonek + breve) and an NFD-stored ü.
    { givenNames: 'C̨̆ebi Jürgen', callName: 'Jürgen', familyName: 'Łoś-Ångström' },
  ];
  for (const c of cases) {
    it(`${c.givenNames} ${c.familyName}`, async () => {
      const res = resident(c);
      const r = await render(input({ resident: res, kind: 'erweitert', extendedItems: ['fruehereNamen'] }));
      const nfc = (s: string): string => s.normalize('NFC');
      // Table rows.
      expect(lineWith(r, `Familienname ${res.familyName}`)).toBeTruthy();
      expect(r.text).toContain(nfc(`Vornamen ${res.givenNames}`));
      for (const former of res.formerNames) expect(r.text).toContain(nfc(former));
      // Address field: "Dr. Vornamen Familienname" with every character intact.
      const dr = res.doctoralDegree ? `${res.doctoralDegree} ` : '';
      expect(lineWith(r, `${dr}${res.givenNames} ${res.familyName}`)).toBeTruthy();
      // Character by character: every code point of the names occurs in the extracted text.
      for (const ch of nfc(res.givenNames + res.familyName + res.formerNames.join(''))) expect(r.text).toContain(ch);
    });
  }

  it('the NFD form of a name reads back as the same NFC string', async () => {
    const res = resident({ givenNames: 'Jürgen'.normalize('NFD'), callName: 'Jürgen', familyName: 'Ströbele'.normalize('NFD') });
    const r = await render(input({ resident: res }));
    expect(r.text).toContain('Familienname Ströbele');
    expect(r.text).toContain('Vornamen Jürgen');
  });
});

describe('Meldebescheinigung einfach (§ 18 Abs. 1 BMG)', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(input());
  });

  it('has the title and the five items, and only those', () => {
    expect(r.text).toContain('Meldebescheinigung');
    expect(r.text).toContain('(einfache Meldebescheinigung nach § 18 Abs. 1 BMG)');
    expect(r.text).not.toContain('erweitert');
    expect(r.labels).toBe(
      [
        BASIC_LABELS.familienname,
        BASIC_LABELS.vornamen,
        BASIC_LABELS.doktorgrad,
        BASIC_LABELS.geburtsdatum,
        BASIC_LABELS.anschriften,
      ].join(' '),
    );
    expect(r.text).toContain('Familienname Żółkiewski-Ørsted');
    expect(r.text).toContain('Vornamen Łukasz Ödön');
    expect(r.text).toContain('Doktorgrad Dr.');
    expect(r.text).toContain('Geburtsdatum 29.02.1984');
    expect(r.text).toContain('Gegenwärtige Anschriften Hauptwohnung: Burgstraße 21a, 49808 Lingen (Ems)');
    expect(r.text).toContain('Nebenwohnung: Kőváry-Weg 3, 48149 Münster');
  });

  it('marks the gebräuchliche Vorname (underlined run + footnote)', () => {
    expect(r.text).toContain(CALL_NAME_FOOTNOTE);
    // The footnote follows the five items directly (before anything else).
    const footnote = lineWith(r, CALL_NAME_FOOTNOTE);
    const vornamen = lineWith(r, 'Vornamen Łukasz Ödön');
    expect(footnote.baseline).toBeGreaterThan(vornamen.baseline);
    expect(footnote.baseline).toBeLessThan(lineWith(r, CONFORMITY_STATEMENT).baseline);
    expect(givenNameRuns('Łukasz Ödön', 'Łukasz').runs).toEqual([
      { text: 'Łukasz', underline: true },
      { text: ' Ödön' },
    ]);
    expect(givenNameRuns('Hans-Peter Karl', 'Peter').runs).toEqual([
      { text: 'Hans-' },
      { text: 'Peter', underline: true },
      { text: ' Karl' },
    ]);
    expect(givenNameRuns('Annalena Anna', 'Anna').runs).toEqual([
      { text: 'Annalena ' },
      { text: 'Anna', underline: true },
    ]);
    expect(givenNameRuns('Maria', null).marked).toBe(false);
  });

  it('contains none of the extended labels or values', () => {
    for (const label of EXTENDED_LABELS) expect(r.text, label).not.toContain(label);
    const res = resident();
    const forbidden = [
      res.birthPlace!,
      res.religion!,
      res.formerNames[0]!,
      'polnisch',
      'Ayşe',
      'Yıldız',
      'L01X00T47',
      'männlich',
      'verheiratet',
      'Schlossstraße', // former address
      '01.08.2019', // Einzugsdatum
      'Einzug',
      NO_DATE_OF_DEATH,
      NO_ENTRY,
      'Herrn', // salutation would disclose the Geschlecht
    ];
    for (const s of forbidden) expect(r.text, s).not.toContain(s.normalize('NFC'));
    expect(r.compact).not.toContain(res.taxId!);
  });

  it('puts the return line and the recipient into the DIN 5008 Form B address field', () => {
    const f = FORM_B.addressField;
    const below = (l: PdfTextLine): boolean => l.page === 1 && l.y > f.y - 5;
    const recipient = ['Dr. Łukasz Ödön Żółkiewski-Ørsted', 'Burgstraße 21a', '49808 Lingen (Ems)'].map((s) =>
      lineWith(r, s, below),
    );
    const zoneTop = f.y + FORM_B.returnZone.height;
    for (const l of recipient) {
      expect(l.x).toBeGreaterThanOrEqual(f.x - TOL);
      expect(l.right).toBeLessThanOrEqual(f.x + f.width + TOL);
      expect(l.y).toBeGreaterThanOrEqual(zoneTop - TOL);
      expect(l.bottom).toBeLessThanOrEqual(f.y + f.height + TOL);
      expect(l.fontSize).toBeGreaterThanOrEqual(8);
    }
    // Top-down, no blank lines, at most 6.
    expect(recipient[0]!.baseline).toBeLessThan(recipient[1]!.baseline);
    expect(recipient[2]!.baseline - recipient[0]!.baseline).toBeLessThan(2 * 5.5);
    const ret = lineWith(r, 'Stadt Lingen (Ems) · Elisabethstraße 14–16 · 49808 Lingen (Ems)');
    expect(ret.y).toBeGreaterThanOrEqual(f.y - TOL);
    expect(ret.bottom).toBeLessThanOrEqual(zoneTop + TOL);
    expect(ret.x).toBeGreaterThanOrEqual(f.x - TOL);
    expect(ret.right).toBeLessThanOrEqual(f.x + f.width + TOL);
    expect(ret.fontSize).toBeLessThanOrEqual(8);
    // Nothing else is printed inside the address field.
    const inField = r.lines.filter(
      (l) => l.page === 1 && l.x < f.x + f.width && l.right > f.x && l.bottom > f.y && l.y < f.y + f.height,
    );
    expect(inField.map((l) => l.text)).toEqual([ret.text, ...recipient.map((l) => l.text)]);
  });

  it('shows the information block, place and date, "Im Auftrag" with the clerk, and the note', () => {
    expect(r.text).toContain('Aktenzeichen BB-2026-000042');
    expect(r.text).toContain('Bescheinigungs-Nr. MB-2026-000123');
    const place = lineWith(r, 'Lingen (Ems), 25.11.2026');
    const auftrag = lineWith(r, 'Im Auftrag');
    const clerk = lineWith(r, 'Anna Schütte');
    expect(place.baseline).toBeLessThan(auftrag.baseline);
    expect(auftrag.baseline).toBeLessThan(clerk.baseline);
    const statement = lineWith(r, CONFORMITY_STATEMENT);
    expect(statement.baseline).toBeLessThan(place.baseline);
    expect(r.text).toContain(MACHINE_NOTE);
    expect(r.text).toContain('Seite 1 von 1');
    expect(r.text).toContain('Stadt Lingen (Ems)');
    expect(r.text).toContain('Bürgerbüro – Meldebehörde');
  });

  it('embeds the seal and is PDF/A-2b with the number in the metadata', () => {
    expect(r.bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(r.pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(r.pdf.xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(r.pdf.info.Title).toBe('Meldebescheinigung MB-2026-000123');
    expect(String(r.pdf.info.Subject)).toContain('BB-2026-000042');
    // The resident's name stays out of the metadata.
    expect(r.pdf.xmp).not.toContain('Żółkiewski');
  });

  it('keeps all text on the page and the body clear of the footer', () => {
    for (const it of r.pdf.items) {
      expect(it.x).toBeGreaterThanOrEqual(3);
      expect(it.x + it.width).toBeLessThanOrEqual(207);
      expect(it.bottom).toBeLessThanOrEqual(292);
    }
    const footer = lineWith(r, 'Stadt Lingen (Ems) · Bürgerbüro – Meldebehörde · Meldebescheinigung Nr. MB-2026-000123 Seite 1 von 1');
    const body = r.lines.filter((l) => l !== footer);
    for (const l of body) expect(l.bottom).toBeLessThan(281);
  });
});

describe('Meldebescheinigung erweitert (§ 18 Abs. 2 BMG)', () => {
  it('adds exactly the chosen items, in the order of EXTENDED_ITEMS', async () => {
    const chosen: ExtendedItemId[] = ['religion', 'keinSterbedatum', 'einAuszugsdatum', 'geburtsort'];
    const r = await render(input({ kind: 'erweitert', extendedItems: chosen }));
    expect(r.text).toContain('Meldebescheinigung – erweitert –');
    expect(r.text).toContain('(erweiterte Meldebescheinigung nach § 18 Abs. 2 BMG)');
    const expectedLabels = [
      BASIC_LABELS.familienname,
      BASIC_LABELS.vornamen,
      BASIC_LABELS.doktorgrad,
      BASIC_LABELS.geburtsdatum,
      BASIC_LABELS.anschriften,
      'Geburtsort',
      'Zugehörigkeit zu einer öffentlich-rechtlichen Religionsgesellschaft',
      'Einzugs- und Auszugsdaten',
    ];
    expect(r.labels).toBe(expectedLabels.join(' '));
    expect(r.text).toContain('Geburtsort Gdańsk');
    expect(r.text).toContain('römisch-katholisch');
    expect(r.text).toContain('Burgstraße 21a, 49808 Lingen (Ems): Einzug 01.08.2019');
    expect(r.text).toContain('Kőváry-Weg 3, 48149 Münster: Einzug 01.10.2022');
    expect(r.text).toContain(NO_DATE_OF_DEATH);
    // Not chosen: absent, including the former address (only with "Frühere Anschriften").
    for (const s of ['Schlossstraße', 'GROẞE', 'polnisch', 'männlich', 'verheiratet', 'Ayşe', 'Yıldız', 'L01X00T47']) {
      expect(r.text, s).not.toContain(s);
    }
    expect(r.compact).not.toContain('47036892816');
    for (const label of EXTENDED_LABELS.filter((l) => !expectedLabels.includes(l))) {
      expect(r.labels, label).not.toContain(label);
    }
  });

  it('prints every item when all are chosen, "keine Angabe" where the register is empty, over two pages', async () => {
    const r = await render(
      input({ kind: 'erweitert', extendedItems: EXTENDED_ITEMS.map((i) => i.id).reverse() as ExtendedItemId[] }),
    );
    const labelsInOrder = EXTENDED_LABELS.map((l) => r.labels.indexOf(l));
    for (const idx of labelsInOrder) expect(idx).toBeGreaterThan(0);
    expect([...labelsInOrder].sort((a, b) => a - b)).toEqual(labelsInOrder);
    expect(r.text).toContain('Ordensname, Künstlername keine Angabe');
    expect(r.text).toContain('Gesetzliche Vertreter keine Angabe');
    expect(r.text).toContain('47 036 892 816');
    expect(r.text).toContain('Hauptwohnung: Schlossstraße 7, 49809 Lingen (Ems)');
    expect(r.text).toContain('Auszug 31.07.2019');
    expect(r.text).toContain('Geschlecht männlich');
    expect(r.text).toContain('Ehegatte oder Lebenspartner Ayşe Güneş, geb. 12.03.1986');
    expect(r.text).toContain('Minderjährige Kinder Yıldız Çelik, geb. 05.07.2015');
    expect(r.text).toContain(NO_DATE_OF_DEATH);
    expect(r.pdf.pages).toBe(2);
    expect(r.text).toContain('Seite 1 von 2');
    expect(r.text).toContain('Seite 2 von 2');
    // The closing block stays together on the last page; nothing runs into the footer.
    for (const s of [CONFORMITY_STATEMENT, 'Lingen (Ems), 25.11.2026', 'Im Auftrag', 'Anna Schütte']) {
      expect(lineWith(r, s).page).toBe(2);
    }
    for (const l of r.lines.filter((x) => !x.text.includes('Seite '))) expect(l.bottom).toBeLessThan(281);
  });

  it('refuses to state "kein Sterbedatum" for a person with a date of death', async () => {
    await expect(
      renderMeldebescheinigung(
        input({ kind: 'erweitert', extendedItems: ['keinSterbedatum'], resident: resident({ dateOfDeath: '2026-01-02' }) }),
        CTX,
      ),
    ).rejects.toThrow(/Sterbedatum/);
  });

  it('ignores extended items on an einfache Meldebescheinigung', async () => {
    const r = await render(input({ kind: 'einfach', extendedItems: ['geburtsort', 'steuerId'] }));
    expect(r.text).not.toContain('Gdańsk');
    expect(r.text).not.toContain('Geburtsort');
    expect(r.compact).not.toContain('47036892816');
  });
});

describe('Meldebescheinigung: details', () => {
  it('dates the certificate in Europe/Berlin', async () => {
    expect(berlinDate(new Date('2026-11-24T23:30:00Z'))).toBe('25.11.2026');
    expect(berlinDate(new Date('2026-06-30T22:30:00Z'))).toBe('01.07.2026');
    expect(berlinDate(new Date('2026-06-30T21:30:00Z'))).toBe('30.06.2026');
    const r = await render(input({ issuedAt: new Date('2026-12-31T23:15:00Z') }));
    expect(r.text).toContain('Lingen (Ems), 01.01.2027');
  });

  it('prints "—" for a missing Doktorgrad, no "Dr." in the address, no footnote without a call name', async () => {
    const r = await render(input({ resident: resident({ doctoralDegree: null, callName: null }) }));
    expect(r.text).toContain('Doktorgrad —');
    expect(lineWith(r, 'Łukasz Ödön Żółkiewski-Ørsted')).toBeTruthy();
    expect(r.text).not.toContain(CALL_NAME_FOOTNOTE);
  });

  it('uses a single current address as "Gegenwärtige Anschrift"', async () => {
    const res = resident();
    const r = await render(input({ resident: { ...res, addresses: res.addresses.filter((a) => a.kind === 'haupt') } }));
    expect(r.labels).toContain('Gegenwärtige Anschrift');
    expect(r.labels).not.toContain('Anschriften');
    expect(r.text).not.toContain('Nebenwohnung');
  });

  it('refuses a person without a current address', async () => {
    const res = resident();
    await expect(
      renderMeldebescheinigung(input({ resident: { ...res, addresses: res.addresses.filter((a) => a.movedOut) } }), CTX),
    ).rejects.toThrow(/keine gegenwärtige Anschrift/);
  });

  it('uses the configured seal and rejects one that is not a PNG', async () => {
    const png = fs.readFileSync(path.join(RESOURCES_DIR, 'images', 'siegel-lingen.png'));
    const letterhead = { ...LETTERHEAD, sealImage: `data:image/png;base64,${png.toString('base64')}` };
    const ok = await renderMeldebescheinigung(input(), { ...CTX, letterhead });
    expect(ok.toString('latin1')).toMatch(/\/Subtype \/Image/);
    await expect(
      renderMeldebescheinigung(input(), { ...CTX, letterhead: { ...LETTERHEAD, sealImage: 'data:image/png;base64,AAAA' } }),
    ).rejects.toThrow(/Dienstsiegel/);
  });

  it('marks a preview with a watermark and only a preview', async () => {
    const preview = await render(input({ preview: true }));
    const final = await render(input());
    expect(preview.text).toContain('VORSCHAU – nicht gültig');
    expect(preview.pdf.info.Title).toContain('Vorschau');
    expect(final.text).not.toMatch(/VORSCHAU/i);
  });

  it('shrinks or shortens a long name so the address stays inside the field', async () => {
    const res = resident({
      givenNames: 'Maximilian Alexander Friedrich Wilhelm',
      callName: 'Friedrich',
      familyName: 'Freiherr von Hohenzollern-Sigmaringen',
    });
    const r = await render(input({ resident: res }));
    const name = r.lines.find((l) => l.text.startsWith('Dr. ') && l.page === 1 && l.y < 90)!;
    expect(name.text).toBe('Dr. Friedrich Freiherr von Hohenzollern-Sigmaringen');
    expect(name.right).toBeLessThanOrEqual(FORM_B.addressField.x + FORM_B.addressField.width + TOL);
    expect(r.text).toContain('Vornamen Maximilian Alexander Friedrich Wilhelm');
  });
});
