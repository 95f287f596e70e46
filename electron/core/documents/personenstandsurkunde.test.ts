import { beforeAll, describe, expect, it } from 'vitest';
import { invalidNameCharacters } from '../../../shared/domain/names';
import {
  sampleBirth,
  sampleBirthWithAcknowledgement,
  sampleDeath,
  sampleMarriage,
  samplePartnership,
} from '../../../shared/services/personenstand/samples';
import type { BirthEntry, RegisterEntry } from '../../../shared/services/personenstand/register';
import { fullText, readPdf, textLines, type PdfContent, type PdfTextItem, type PdfTextLine } from './pdf-text';
import {
  CONFORMITY_NOTE,
  UrkundeError,
  renderPersonenstandsurkunde,
  renderPersonenstandsurkundeWithLayout,
  type PersonenstandsurkundeInput,
  type UrkundeLayout,
} from './personenstandsurkunde';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };

function input(over: Partial<PersonenstandsurkundeInput> = {}): PersonenstandsurkundeInput {
  return {
    kind: 'geburtsurkunde',
    entry: sampleBirth(),
    number: 'PU-2026-000012',
    caseReference: 'BB-2026-000042',
    issuedAt: new Date('2026-11-25T09:30:00Z'),
    registrar: { name: 'Tiemann', title: 'Standesbeamtin' },
    ...over,
  };
}

interface Rendered {
  bytes: Buffer;
  pdf: PdfContent;
  layout: UrkundeLayout;
  lines: PdfTextLine[];
  /** NFC text, no-break spaces as spaces. */
  text: string;
  /** The text with line breaks as spaces (for wrapped values). */
  flat: string;
  /** Label (9 pt, left column) and value of each row, "Label Value". */
  rows: string[];
}

async function render(i: PersonenstandsurkundeInput): Promise<Rendered> {
  const { pdf: bytes, layout } = await renderPersonenstandsurkundeWithLayout(i, CTX);
  const pdf = await readPdf(bytes);
  const lines = textLines(pdf.items);
  const text = fullText(pdf.items).replace(/\u00a0/g, ' ');
  const rows = lines
    .filter(
      (l) =>
        (l.page > 1 || l.baseline > 65) &&
        l.items.some((it) => Math.abs(it.x - 25) < 0.5 && Math.abs(it.fontSize - 9) < 0.01) &&
        l.items.some((it) => it.x > 80),
    )
    .map((l) => l.text.normalize('NFC').replace(/\u00a0/g, ' '));
  return { bytes, pdf, layout, lines, text, flat: text.replace(/\n/g, ' '), rows };
}

function lineWith(r: Rendered, s: string): PdfTextLine {
  const l = r.lines.find((x) => x.text.normalize('NFC').replace(/\u00a0/g, ' ').includes(s.normalize('NFC')));
  if (!l) throw new Error(`no line with ${JSON.stringify(s)} in:\n${r.text}`);
  return l;
}

function intersects(it: PdfTextItem, rect: { x: number; y: number; width: number; height: number }): boolean {
  return it.x < rect.x + rect.width && it.x + it.width > rect.x && it.bottom > rect.y && it.y < rect.y + rect.height;
}

function expectFreeSignatureAndSeal(r: Rendered): void {
  const { signature, seal, closingPage } = r.layout;
  const onPage = r.pdf.items.filter((it) => it.page === closingPage);
  expect(onPage.filter((it) => intersects(it, signature)).map((it) => it.str)).toEqual([]);
  expect(onPage.filter((it) => intersects(it, seal)).map((it) => it.str)).toEqual([]);
  // Big enough to sign and to seal.
  expect(signature.width).toBeGreaterThanOrEqual(60);
  expect(signature.height).toBeGreaterThanOrEqual(15);
  expect(Math.min(seal.width, seal.height)).toBeGreaterThanOrEqual(38);
  // Signature and seal do not overlap each other and stay on the page.
  expect(seal.x).toBeGreaterThan(signature.x + signature.width);
  expect(seal.x + seal.width).toBeLessThanOrEqual(195);
  expect(seal.y + seal.height).toBeLessThan(285);
}

describe('Geburtsurkunde (§ 59 PStG, PStV Anlage 8)', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(input());
  });

  it('has the Standesamt, the title, the register reference and only the current facts in the official order', () => {
    expect(lineWith(r, 'Standesamt Lingen (Ems)').fontSize).toBeGreaterThan(11);
    expect(lineWith(r, 'Geburtsurkunde').fontSize).toBeGreaterThan(18);
    const ref = lineWith(r, 'G 399/2010');
    expect(ref.text).toMatch(/^Standesamt Lingen \(Ems\) Registernummer ?G 399\/2010$/);
    expect(ref.items.find((it) => it.str === 'G 399/2010')!.fontName).toBe(lineWith(r, 'Geburtsurkunde').items[0]!.fontName);
    expect(r.rows).toEqual([
      'Geburtsname Ørsted-Żółkiewski',
      'Vornamen Zoë Łucja',
      'Geschlecht weiblich',
      'Tag der Geburt 14.03.2010',
      'Ort der Geburt Lingen (Ems)',
      'Familienname Ørsted-Żółkiewski',
      'Vornamen Thị Hương',
      'Familienname Ørsted-Żółkiewski',
      'Vornamen Łukasz Ödön',
    ]);
    const mutter = lineWith(r, 'Mutter');
    const vater = lineWith(r, 'Vater');
    expect(mutter.baseline).toBeLessThan(lineWith(r, 'Vornamen Thị Hương').baseline);
    expect(vater.baseline).toBeGreaterThan(lineWith(r, 'Vornamen Thị Hương').baseline);
  });

  it('does not show the former name, the register-only facts, the Folgebeurkundungen or the Hinweise', () => {
    for (const s of [
      'Gößwein', // Geburtsname before the Namensänderung (Folgebeurkundung 1)
      'Nguyễn', // the mother's Geburtsname: register only
      '07:42',
      '07:24',
      'Uhr', // no time of birth on the Geburtsurkunde (§ 59 Abs. 1 Nr. 3: Ort und Tag)
      'männlich', // the parents' Geschlecht: register only
      'Namensänderung',
      'Berichtigung',
      'Folgebeurkundung',
      'Eheschließung der Eltern',
      'Osnabrück',
      'Hüsing',
      'beglaubigt',
    ]) {
      expect(r.text, s).not.toContain(s.normalize('NFC'));
    }
  });

  it('ends with place and date, "Die Standesbeamtin", a free signature area over the line, the name, a free seal field', () => {
    const place = lineWith(r, 'Lingen (Ems), 25.11.2026');
    const title = lineWith(r, 'Die Standesbeamtin');
    const name = lineWith(r, 'Tiemann');
    expect(place.baseline).toBeLessThan(title.baseline);
    expect(title.baseline).toBeLessThan(r.layout.signature.y);
    expect(name.y).toBeGreaterThan(r.layout.signatureLineY);
    expect(name.baseline - r.layout.signatureLineY).toBeLessThan(7);
    // In the lower part of the page, below all facts.
    expect(r.layout.signature.y).toBeGreaterThan(297 / 2 + 50);
    expect(place.baseline).toBeGreaterThan(lineWith(r, 'Vornamen Łukasz Ödön').baseline + 20);
    expectFreeSignatureAndSeal(r);
  });

  it('prints no seal image, is one page of PDF/A-2b, and keeps names out of the metadata', () => {
    expect(r.bytes.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    expect(r.pdf.pages).toBe(1);
    expect(r.pdf.pageSizes[0]!.width).toBeCloseTo(210, 0);
    expect(r.pdf.pageSizes[0]!.height).toBeCloseTo(297, 0);
    expect(r.pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(r.pdf.xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(r.pdf.info.Title).toBe('Geburtsurkunde G 399/2010');
    expect(String(r.pdf.info.Subject)).toContain('BB-2026-000042');
    expect(r.pdf.xmp).not.toContain('Żółkiewski');
    expect(String(r.pdf.info.Title) + String(r.pdf.info.Subject)).not.toContain('Zoë');
  });

  it('has no DIN 5008 address field: no return line, no recipient, no fold marks text', () => {
    expect(r.text).not.toContain('Elisabethstraße');
    expect(r.text).not.toContain('Herrn');
    expect(r.text).not.toContain('Frau ');
    expect(r.text).not.toContain('Seite 1 von 1');
  });

  it('keeps all text on the page', () => {
    for (const it of r.pdf.items) {
      expect(it.x).toBeGreaterThanOrEqual(20);
      expect(it.x + it.width).toBeLessThanOrEqual(191);
      expect(it.bottom).toBeLessThanOrEqual(285);
    }
  });
});

describe('Geburtsurkunde: options (§ 59 Abs. 2 PStG, § 48 Abs. 1a and 2 PStV)', () => {
  it('without Geschlecht: the field is left out', async () => {
    const r = await render(input({ birthOptions: { withoutSex: true } }));
    expect(r.text).not.toContain('Geschlecht');
    expect(r.text).not.toContain('weiblich');
    expect(r.rows[2]).toBe('Tag der Geburt 14.03.2010');
    expect(r.text).toContain('Mutter');
    expectFreeSignatureAndSeal(r);
  });

  it('without parents: the parent fields are left out', async () => {
    const r = await render(input({ birthOptions: { withoutParents: true } }));
    for (const s of ['Mutter', 'Vater', 'Elternteil', 'Thị Hương', 'Łukasz Ödön', 'Familienname']) expect(r.text, s).not.toContain(s);
    expect(r.rows).toEqual([
      'Geburtsname Ørsted-Żółkiewski',
      'Vornamen Zoë Łucja',
      'Geschlecht weiblich',
      'Tag der Geburt 14.03.2010',
      'Ort der Geburt Lingen (Ems)',
    ]);
    expectFreeSignatureAndSeal(r);
  });

  it('without both', async () => {
    const r = await render(input({ birthOptions: { withoutSex: true, withoutParents: true } }));
    expect(r.rows).toEqual(['Geburtsname Ørsted-Żółkiewski', 'Vornamen Zoë Łucja', 'Tag der Geburt 14.03.2010', 'Ort der Geburt Lingen (Ems)']);
  });

  it('"Elternteil" for a parent who asked for it — in the register or with this application', async () => {
    const entry = sampleBirthWithAcknowledgement(); // the mother's standing request is recorded
    const own = await render(input({ entry }));
    expect(own.lines.filter((l) => l.text === 'Elternteil')).toHaveLength(1);
    expect(lineWith(own, 'Vater').baseline).toBeGreaterThan(lineWith(own, 'Elternteil').baseline);
    expect(own.text).not.toContain('Mutter');

    const both = await render(input({ entry, birthOptions: { elternteilFor: [2] } }));
    expect(both.lines.filter((l) => l.text === 'Elternteil')).toHaveLength(2);
    expect(both.text).not.toMatch(/Mutter|Vater/);
    expect(both.rows).toContain('Familienname Þórsson');
    expect(both.rows).toContain('Vornamen Ragnar');
  });

  it('a Vaterschaftsanerkennung (Folgebeurkundung) shows the father as a current fact', async () => {
    const r = await render(input({ entry: sampleBirthWithAcknowledgement() }));
    expect(r.rows).toEqual([
      'Geburtsname Şahin',
      'Vornamen Yıldız Ħana',
      'Geschlecht weiblich',
      'Tag der Geburt 06.01.2019',
      'Ort der Geburt Lingen (Ems)',
      'Familienname Şahin',
      'Vornamen Ayşe Nur',
      'Familienname Þórsson',
      'Vornamen Ragnar',
    ]);
    expect(r.text).not.toContain('anerkannt');
  });
});

describe('DIN 91379 names', () => {
  const names: [string, string][] = [
    ['Ørsted-Żółkiewski', 'Zoë Łucja'],
    ['Ŋgũgĩ-Ðặng', 'ʹAbd-al-Ḥamīd'],
    ['Łoś-Ångström', 'C̨̆ebi Jürgen'], // a normative combining sequence (C + ogonek + breve)
    ['O’Ŕourke', 'Ŀuís Ǿrjan'],
    ['GROẞMANN', 'Ǧorǵe Ḱiril'],
  ];
  it.each(names)('%s, %s prints unchanged', async (familyName, givenNames) => {
    expect(invalidNameCharacters(familyName + givenNames)).toEqual([]);
    const base = sampleBirth();
    const entry: BirthEntry = {
      ...base,
      facts: { ...base.facts, child: { ...base.facts.child, givenNames, birthName: familyName } },
      folgebeurkundungen: [],
    };
    const r = await render(input({ entry }));
    expect(r.rows).toContain(`Geburtsname ${familyName}`.normalize('NFC'));
    expect(r.rows).toContain(`Vornamen ${givenNames}`.normalize('NFC'));
    for (const ch of (familyName + givenNames).normalize('NFC')) expect(r.text).toContain(ch);
  });
});

describe('Ehe- and Lebenspartnerschaftsurkunde (§§ 57, 58 PStG, PStV Anlagen 6, 7)', () => {
  it('Eheurkunde: names at the marriage and now, birth data, place and day, Weitere Angaben', async () => {
    const r = await render(input({ kind: 'eheurkunde', entry: sampleMarriage(), registrar: { name: 'Hüsing', title: 'Standesbeamter' } }));
    expect(lineWith(r, 'Eheurkunde').fontSize).toBeGreaterThan(18);
    expect(r.text).toContain('E 87/2015');
    expect(r.rows.filter((x) => !x.startsWith('Weitere Angaben'))).toEqual([
      'Tag der Eheschließung 12.06.2015',
      'Ort der Eheschließung Lingen (Ems)',
      'Familienname Kowalska',
      'Vornamen Zofia Ewa',
      'Familienname vor der Eheschließung Nowak',
      'Geburtsname vor der Eheschließung Kowalska',
      'Vornamen vor der Eheschließung Zofia Ewa',
      'Tag der Geburt 03.04.1988',
      'Ort der Geburt Kraków (Polen)',
      'Familienname Schröder',
      'Vornamen Jürgen Ćiril',
      'Familienname vor der Eheschließung Schröder',
      'Vornamen vor der Eheschließung Jürgen Ćiril',
      'Tag der Geburt 30.11.1985',
      'Ort der Geburt Lingen (Ems)',
    ]);
    expect(r.flat).toContain('Weitere Angaben Die Ehe ist durch Scheidung aufgelöst; rechtskräftig seit 03.05.2021.');
    expect(lineWith(r, 'Ehefrau').baseline).toBeLessThan(lineWith(r, 'Ehemann').baseline);
    // The superseded name of the marriage is no current fact.
    expect(r.text).not.toContain('Nowak-Schröder');
    expect(r.text).not.toContain('Amtsgericht');
    expect(r.text).toContain('Der Standesbeamte');
    expect(r.text).toContain('Hüsing');
    expect(r.text).not.toContain('Standesbeamtin');
    expectFreeSignatureAndSeal(r);
  });

  it('Lebenspartnerschaftsurkunde: numbered "Lebenspartner" headings, Begründung, the conversion as Weitere Angabe', async () => {
    const r = await render(input({ kind: 'lebenspartnerschaftsurkunde', entry: samplePartnership() }));
    expect(r.text).toContain('Lebenspartnerschaftsurkunde');
    expect(r.text).toContain('L 3/2012');
    expect(r.rows.slice(0, 2)).toEqual(['Tag der Begründung 24.08.2012', 'Ort der Begründung Lingen (Ems)']);
    expect(r.text).toContain('1. Lebenspartner');
    expect(r.text).toContain('2. Lebenspartner');
    expect(r.rows).toContain('Familienname Lefèvre-Öztürk');
    expect(r.rows).toContain('Familienname vor der Begründung Öztürk');
    expect(r.flat).toContain('Weitere Angaben Die Lebenspartnerschaft ist am 15.12.2018 in eine Ehe umgewandelt worden.');
    expectFreeSignatureAndSeal(r);
  });
});

describe('Sterbeurkunde (§ 60 PStG, PStV Anlage 9)', () => {
  it('names, birth, last residence, Familienstand, spouse, place, day and time of death — current facts only', async () => {
    const r = await render(input({ kind: 'sterbeurkunde', entry: sampleDeath() }));
    expect(r.text).toContain('S 154/2023');
    expect(r.rows).toEqual([
      'Familienname Weiß',
      'Geburtsname Grünewald',
      'Vornamen Hannelore Rūta',
      'Tag der Geburt 02.11.1938',
      'Ort der Geburt Klaipėda (Litauen)',
      'Letzter Wohnsitz Lingen (Ems)',
      'Familienstand verwitwet',
      'Familienname Weiß',
      'Vornamen Friedrich Wilhelm',
      'Tag des Todes 12.01.2023',
      'Uhrzeit des Todes 14:05 Uhr',
      'Ort des Todes Lingen (Ems)',
    ]);
    expect(lineWith(r, 'Ehegatte').baseline).toBeLessThan(lineWith(r, 'Vornamen Friedrich Wilhelm').baseline);
    expect(r.text).not.toContain('14:30'); // corrected by a Berichtigung
    expect(r.text).not.toContain('Geschlecht');
    expect(r.text).not.toContain('nachbeurkundet'); // a Hinweis
    expectFreeSignatureAndSeal(r);
  });
});

describe('Beglaubigter Registerausdruck (§ 55 Abs. 1 Nr. 1 PStG, PStV Anlagen 2–5, § 48)', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(input({ kind: 'registerausdruck', entry: sampleBirth() }));
  });

  it('shows the title, the register and the reference', () => {
    expect(lineWith(r, 'Beglaubigter Registerausdruck').fontSize).toBeGreaterThan(16);
    expect(r.text).toContain('aus dem Geburtenregister');
    expect(r.text).toMatch(/Registernummer ?G 399\/2010/);
    expect(r.pdf.info.Title).toBe('Beglaubigter Registerausdruck G 399/2010');
  });

  it('shows the whole entry: the Haupteintrag as recorded (the former name) and every Folgebeurkundung', () => {
    expect(r.text).toContain('Haupteintrag');
    expect(r.rows).toContain('Geburtsname Gößwein');
    expect(r.rows).toContain('Uhrzeit der Geburt 07:42 Uhr');
    expect(r.rows).toContain('Geburtsname Nguyễn');
    expect(r.rows).toContain('Geschlecht männlich');
    expect(r.text).toContain('Beurkundet: Lingen (Ems), 16.03.2010 · Hüsing, Standesbeamter');
    expect(r.text).toContain('Folgebeurkundungen');
    expect(r.text).toContain('1. Namensänderung – wirksam seit 22.06.2015');
    expect(r.text).toContain('„Ørsted-Żółkiewski“');
    expect(r.text).toContain('2. Berichtigung');
    expect(r.text).toContain('Das Kind ist um 07:24 Uhr geboren.');
    expect(lineWith(r, 'Geburtsname Gößwein').baseline).toBeLessThan(lineWith(r, 'Folgebeurkundungen').baseline);
  });

  it('has no Hinweise unless asked for (§ 48 Abs. 3 PStV)', async () => {
    expect(r.text).not.toContain('Hinweise');
    expect(r.text).not.toContain('Eheschließung der Eltern');
    const withHinweise = await render(input({ kind: 'registerausdruck', entry: sampleBirth(), withHinweise: true }));
    expect(withHinweise.text).toContain('Hinweise');
    expect(withHinweise.text).toContain('Eheschließung der Eltern: Standesamt Lingen (Ems), Nr. E 45/2008.');
    expect(withHinweise.text).toContain('Geburt der Mutter: Standesamt Osnabrück, Nr. G 1203/1984.');
  });

  it('certifies the conformity before place, date and the Standesbeamtin; signature and seal stay free', () => {
    const statement = lineWith(r, CONFORMITY_NOTE('Geburtenregister'));
    expect(statement.text).toBe('Die Übereinstimmung mit dem Eintrag im Geburtenregister wird beglaubigt.');
    const place = lineWith(r, 'Lingen (Ems), 25.11.2026');
    expect(statement.page).toBe(place.page);
    expect(statement.baseline).toBeLessThan(place.baseline);
    expect(lineWith(r, 'Die Standesbeamtin').page).toBe(place.page);
    expectFreeSignatureAndSeal(r);
  });

  it('over two pages: numbered, and the closing page carries certified content too', async () => {
    const m = await render(input({ kind: 'registerausdruck', entry: sampleBirth(), withHinweise: true }));
    expect(m.pdf.pages).toBe(2);
    expect(m.text).toContain('G 399/2010 · Seite 1 von 2');
    expect(m.text).toContain('G 399/2010 · Seite 2 von 2');
    expect(m.text).toContain('Beglaubigter Registerausdruck G 399/2010 – Fortsetzung');
    const statement = lineWith(m, 'wird beglaubigt.');
    expect(statement.page).toBe(2);
    expect(m.layout.closingPage).toBe(2);
    const contentOnClosingPage = m.lines.filter(
      (l) => l.page === 2 && l.baseline < statement.baseline && !l.text.includes('Fortsetzung'),
    );
    expect(contentOnClosingPage.length).toBeGreaterThan(0);
    expectFreeSignatureAndSeal(m);
    for (const it of m.pdf.items) expect(it.bottom).toBeLessThanOrEqual(291);
  });

  it('Eheregister: names before and in the marriage as recorded, the later name in the Folgebeurkundung', async () => {
    const e = await render(input({ kind: 'registerausdruck', entry: sampleMarriage() }));
    expect(e.text).toContain('aus dem Eheregister');
    expect(e.rows).toContain('Familienname in der Ehe Nowak-Schröder');
    expect(e.text).toContain('Die Übereinstimmung mit dem Eintrag im Eheregister wird beglaubigt.');
    expect(e.text).toContain('(Az. 12 F 345/20)');
    expect(e.text).toMatch(/wieder ihren Geburtsnamen\s„Kowalska“/);
    expectFreeSignatureAndSeal(e);
  });

  it('Sterberegister: both times of death', async () => {
    const s = await render(input({ kind: 'registerausdruck', entry: sampleDeath() }));
    expect(s.rows).toContain('Uhrzeit des Todes 14:30 Uhr');
    expect(s.text).toContain('ist um 14:05 Uhr verstorben');
    expect(s.text).toContain('Die Übereinstimmung mit dem Eintrag im Sterberegister wird beglaubigt.');
  });
});

describe('Personenstandsurkunde: errors and details', () => {
  it.each([
    ['eheurkunde', sampleBirth()],
    ['geburtsurkunde', sampleMarriage()],
    ['sterbeurkunde', samplePartnership()],
    ['lebenspartnerschaftsurkunde', sampleDeath()],
  ] as [PersonenstandsurkundeInput['kind'], RegisterEntry][])('refuses a %s from the wrong register', async (kind, entry) => {
    await expect(renderPersonenstandsurkunde(input({ kind, entry }), CTX)).rejects.toThrow(UrkundeError);
  });

  it('refuses a certificate without the Standesbeamter’s name and birth options on other kinds', async () => {
    await expect(renderPersonenstandsurkunde(input({ registrar: { name: ' ', title: 'Standesbeamter' } }), CTX)).rejects.toThrow(
      /§ 56 Abs\. 3 PStG/,
    );
    await expect(
      renderPersonenstandsurkunde(input({ kind: 'sterbeurkunde', entry: sampleDeath(), birthOptions: { withoutSex: true } }), CTX),
    ).rejects.toThrow(UrkundeError);
  });

  it('dates the certificate in Europe/Berlin', async () => {
    const r = await render(input({ issuedAt: new Date('2026-12-31T23:15:00Z') }));
    expect(r.text).toContain('Lingen (Ems), 01.01.2027');
  });

  it('prints a validity note for a fee-free purpose above the closing block', async () => {
    const note = 'Gebührenfrei nach § 64 SGB X; nur gültig für: Rentenangelegenheit.';
    const r = await render(input({ validityNote: note }));
    expect(lineWith(r, note).baseline).toBeLessThan(lineWith(r, 'Lingen (Ems), 25.11.2026').baseline);
    expectFreeSignatureAndSeal(r);
  });

  it('marks a preview with a watermark and only a preview', async () => {
    const preview = await render(input({ preview: true }));
    expect(preview.text).toContain('VORSCHAU – nicht gültig');
    expect(preview.pdf.info.Title).toContain('Vorschau');
    const final = await render(input());
    expect(final.text).not.toMatch(/VORSCHAU/i);
  });
});
