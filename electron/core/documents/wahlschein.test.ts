import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { electionSchema, type ElectionInput } from '../../../shared/services/briefwahl/index';
import { FORM_B } from './din5008';
import { fullText, readPdf, textLines, type PdfContent, type PdfTextLine } from './pdf-text';
import {
  LOWER_TOP,
  UPPER_BOTTOM,
  WahlscheinError,
  noticeTexts,
  renderWahlschein,
  renderWahlscheinNotice,
  wahlscheinTexts,
  type WahlscheinInput,
  type WahlscheinNoticeInput,
} from './wahlschein';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };

function election(over: Partial<ElectionInput> = {}) {
  return electionSchema.parse({
    id: 'btw-2029',
    name: 'Wahl zum 22. Deutschen Bundestag',
    kind: 'bundestag',
    date: '2029-09-23',
    constituency: { number: 31, name: 'Mittelems' },
    wahlbezirke: [{ number: 12, name: 'Altstadt' }],
    ballotsReady: true,
    ...over,
  } satisfies ElectionInput);
}

function input(over: Partial<WahlscheinInput> = {}): WahlscheinInput {
  return {
    election: election(),
    number: 'WS 012-0001',
    voter: {
      familyName: 'Żółkiewski-Ørsted',
      givenNames: 'Łukasz Ödön',
      doctoralDegree: 'Dr.',
      birthDate: '1984-02-29',
      address: { street: 'Burgstraße', houseNumber: '21a', postalCode: '49808', city: 'Lingen (Ems)' },
    },
    voterNumber: '0815',
    wahlbezirk: { number: 12, name: 'Altstadt' },
    issuedAt: new Date('2029-09-01T08:00:00Z'),
    clerkName: 'Anna Schütte',
    ...over,
  };
}

interface Rendered {
  bytes: Buffer;
  pdf: PdfContent;
  lines: PdfTextLine[];
  text: string;
}

async function read(bytes: Buffer): Promise<Rendered> {
  const pdf = await readPdf(bytes);
  return { bytes, pdf, lines: textLines(pdf.items), text: fullText(pdf.items) };
}

/** The first line whose text contains `s` (NFC), optionally filtered. */
function line(r: Rendered, s: string, where: (l: PdfTextLine) => boolean = () => true): PdfTextLine {
  const l = r.lines.find((x) => x.text.normalize('NFC').includes(s.normalize('NFC')) && where(x));
  if (!l) throw new Error(`line not found: ${s}\n--- text:\n${r.text}`);
  return l;
}

/** Lines built from the items in a region only (the address field and the information block share baselines). */
function linesIn(r: Rendered, where: (x: number, y: number) => boolean): PdfTextLine[] {
  return textLines(r.pdf.items.filter((i) => where(i.x, i.y)));
}

/** Text of the lines between two y positions (mm from the top), joined with spaces (wrapped sentences). */
function textBetween(r: Rendered, top: number, bottom: number): string {
  return r.lines
    .filter((l) => l.y >= top && l.bottom <= bottom)
    .map((l) => l.text)
    .join(' ')
    .normalize('NFC');
}

/** Bounding boxes (mm, from the top-left) of the images painted on page 1, from the operator list's CTM. */
async function imageBoxes(bytes: Buffer): Promise<{ x: number; y: number; width: number; height: number }[]> {
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(1);
    const heightPt = page.view[3]! - page.view[1]!;
    const ops = await page.getOperatorList();
    type M = [number, number, number, number, number, number];
    const mul = (m: M, n: M): M => [
      n[0] * m[0] + n[1] * m[2],
      n[0] * m[1] + n[1] * m[3],
      n[2] * m[0] + n[3] * m[2],
      n[2] * m[1] + n[3] * m[3],
      n[4] * m[0] + n[5] * m[2] + m[4],
      n[4] * m[1] + n[5] * m[3] + m[5],
    ];
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    const out: { x: number; y: number; width: number; height: number }[] = [];
    const k = 25.4 / 72;
    ops.fnArray.forEach((fn, i) => {
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = mul(ctm, ops.argsArray[i] as M);
      else if (fn === OPS.paintImageXObject) {
        const xs = [ctm[4], ctm[4] + ctm[0]];
        const ys = [ctm[5], ctm[5] + ctm[3]];
        out.push({
          x: Math.min(...xs) * k,
          y: (heightPt - Math.max(...ys)) * k,
          width: Math.abs(ctm[0]) * k,
          height: Math.abs(ctm[3]) * k,
        });
      }
    });
    return out;
  } finally {
    await doc.destroy();
  }
}

describe('Wahlschein (Anlage 9 BWO): the upper part', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await read(await renderWahlschein(input(), CTX));
  });

  it('is one A4 page, PDF/A-2b, with the number in the metadata and the name out of it', () => {
    expect(r.pdf.pages).toBe(1);
    expect(r.pdf.pageSizes[0]!.width).toBeCloseTo(210, 0);
    expect(r.pdf.pageSizes[0]!.height).toBeCloseTo(297, 0);
    expect(r.pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(r.pdf.xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(r.pdf.info.Title).toBe('Wahlschein WS 012-0001');
    expect(r.pdf.xmp).not.toContain('Żółkiewski');
  });

  it('prints the election, its date and the constituency above the voter', () => {
    const title = line(r, 'Wahlschein', (l) => l.text === 'Wahlschein');
    const election = textBetween(r, title.bottom, title.bottom + 14);
    expect(election).toContain('für die Wahl zum 22. Deutschen Bundestag am Sonntag, 23.09.2029');
    const constituency = line(r, 'Nur gültig für den Wahlkreis 31 Mittelems');
    expect(constituency.y).toBeLessThan(line(r, 'Żółkiewski-Ørsted').y);
  });

  it('prints the voter: name (DIN 91379 intact), birth date and Wohnanschrift, labelled', () => {
    const name = line(r, 'Dr. Łukasz Ödön Żółkiewski-Ørsted');
    expect(name.text).toBe('Name Dr. Łukasz Ödön Żółkiewski-Ørsted');
    expect(name.fontSize).toBeCloseTo(12, 1);
    expect(line(r, 'geboren am').text).toBe('geboren am 29.02.1984');
    expect(line(r, 'wohnhaft in').text).toBe('wohnhaft in Burgstraße 21a, 49808 Lingen (Ems)');
  });

  it('has Wahlschein-Nr., Wählerverzeichnis-Nr. and Wahlbezirk in the box top right', () => {
    const box = linesIn(r, (x, y) => x > 120 && y < 60);
    const at = (t: string) => box.findIndex((l) => l.text === t);
    for (const [label, value] of [
      ['Wahlschein-Nr.', 'WS 012-0001'],
      ['Wählerverzeichnis-Nr.', '0815'],
      ['Wahlbezirk', '012 – Altstadt'],
    ] as const) {
      expect(at(label)).toBeGreaterThanOrEqual(0);
      expect(at(value)).toBe(at(label) + 1);
      expect(box[at(value)]!.y - box[at(label)]!.bottom).toBeLessThan(3);
    }
    expect(box[at('WS 012-0001')]!.fontSize).toBeCloseTo(14, 1);
    expect(at('Wahlschein nach § 25 Abs. 2 BWO')).toBeGreaterThan(at('012 – Altstadt'));
  });

  it('says how the holder can vote: any polling station of the Wahlkreis, or by post', () => {
    const t = textBetween(r, line(r, 'wohnhaft in').bottom, UPPER_BOTTOM);
    expect(t).toContain('kann mit diesem Wahlschein an der Wahl im oben genannten Wahlkreis teilnehmen');
    expect(t).toContain('1. gegen Abgabe des Wahlscheins und unter Vorlage eines amtlichen Lichtbildausweises');
    expect(t).toContain('oder 2. durch Briefwahl.');
  });

  it('closes with place and date, authority, printed clerk name and the printed seal — all in the upper part', async () => {
    const place = line(r, 'Lingen (Ems), 01.09.2029');
    const auftrag = line(r, 'Im Auftrag');
    const clerk = line(r, 'Anna Schütte');
    expect(line(r, 'Stadt Lingen (Ems)', (l) => l.y > place.y).y).toBeLessThan(auftrag.y);
    expect(line(r, 'Wahlamt', (l) => l.y > place.y).y).toBeLessThan(auftrag.y);
    expect(clerk.y).toBeGreaterThan(auftrag.y);
    expect(clerk.items[0]!.fontName).not.toBe(place.items[0]!.fontName); // bold
    expect(textBetween(r, clerk.bottom, UPPER_BOTTOM)).toContain('Maschinell erstellt: gültig ohne Unterschrift');
    for (const l of [place, auftrag, clerk]) expect(l.bottom).toBeLessThan(UPPER_BOTTOM);
    const images = await imageBoxes(r.bytes);
    expect(images).toHaveLength(1);
    const seal = images[0]!;
    expect(seal.width).toBeCloseTo(26, 0);
    expect(seal.y).toBeGreaterThan(line(r, 'wohnhaft in').bottom);
    expect(seal.y + seal.height).toBeLessThanOrEqual(UPPER_BOTTOM + 0.1);
    expect(seal.x).toBeGreaterThan(clerk.right);
  });

  it('keeps the upper part above UPPER_BOTTOM and only the declaration below LOWER_TOP', () => {
    const upper = r.lines.filter((l) => l.y < UPPER_BOTTOM);
    const lower = r.lines.filter((l) => l.y > LOWER_TOP && l.y < 288);
    expect(r.lines.filter((l) => l.bottom > UPPER_BOTTOM && l.y < LOWER_TOP)).toEqual([]);
    expect(upper.map((l) => l.text).join(' ')).not.toContain('Eides statt');
    expect(lower.map((l) => l.text).join(' ')).not.toContain('Lingen (Ems), 01.09.2029');
  });
});

describe('Wahlschein: the Versicherung an Eides statt in the lower part', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await read(await renderWahlschein(input(), CTX));
  });

  it('has the title, the declaration to the Kreiswahlleiter and the number', () => {
    const title = line(r, 'Versicherung an Eides statt zur Briefwahl');
    expect(title.y).toBeGreaterThan(LOWER_TOP);
    expect(title.items[0]!.fontSize).toBeCloseTo(13, 1);
    expect(line(r, 'Wahlschein-Nr. WS 012-0001', (l) => l.y > LOWER_TOP).right).toBeGreaterThan(180);
    const t = textBetween(r, title.bottom, 290);
    expect(t).toContain(
      'Ich versichere gegenüber dem Kreiswahlleiter an Eides statt, dass ich den beigefügten Stimmzettel persönlich – als Hilfsperson gemäß dem erklärten Willen der wahlberechtigten Person – gekennzeichnet habe.',
    );
  });

  it('has lines for place and date, the voter’s signature and the Hilfsperson', () => {
    const decl = line(r, 'gekennzeichnet habe.');
    const ort = line(r, 'Ort, Datum');
    const voterSig = line(r, 'Unterschrift der wahlberechtigten Person');
    const helperSig = line(r, 'oder Unterschrift der Hilfsperson');
    const helperName = line(r, 'Vor- und Familienname der Hilfsperson');
    expect(ort.y).toBeGreaterThan(decl.bottom + 5); // room to write above the caption
    expect(voterSig.y).toBeGreaterThan(ort.bottom + 5);
    expect(Math.abs(helperSig.baseline - voterSig.baseline)).toBeLessThan(0.6);
    expect(helperSig.items.find((i) => i.str.startsWith('oder'))!.x).toBeGreaterThan(110);
    expect(helperName.y).toBeGreaterThan(helperSig.bottom + 5);
    // The voter's name printed under the signature line, intact.
    expect(line(r, 'Dr. Łukasz Ödön Żółkiewski-Ørsted', (l) => l.y > voterSig.y).y).toBeLessThan(voterSig.bottom + 5);
  });

  it('ends with the notes on Hilfsperson, liability and the return of the Wahlbrief, inside the page', () => {
    const t = textBetween(r, line(r, 'Vor- und Familienname der Hilfsperson').bottom, 288);
    expect(t).toContain('mindestens 16 Jahre alt');
    expect(t).toContain('§§ 156, 161 StGB');
    expect(t).toContain('roten Wahlbriefumschlag');
    expect(t).toContain('spätestens am Sonntag, 23.09.2029, 18:00 Uhr');
    for (const it of r.pdf.items) expect(it.bottom).toBeLessThan(293);
  });
});

describe('Wahlschein: kinds of election and § 25 Abs. 2', () => {
  it('Kommunalwahl (NKWO Anlage 4): Wahlbereich, by post only, declaration to the Gemeindewahlleitung', async () => {
    const kw = election({ kind: 'kommunalwahl', name: 'Wahl des Rates der Stadt Lingen (Ems)', constituency: { number: 2, name: 'Lingen-Süd' } });
    const r = await read(await renderWahlschein(input({ election: kw }), CTX));
    expect(r.text).toContain('Nur gültig für den Wahlbereich 2 Lingen-Süd');
    expect(textBetween(r, 60, UPPER_BOTTOM)).toContain('kann mit diesem Wahlschein an der Wahl im oben genannten Wahlbereich durch Briefwahl teilnehmen.');
    expect(r.text).not.toContain('Lichtbildausweis');
    expect(textBetween(r, LOWER_TOP, 290)).toContain('Ich versichere gegenüber der Gemeindewahlleitung an Eides statt');
    expect(r.text).toContain('(§ 24 Abs. 2 NKWO)');
    expect(r.text).toContain('nach Anlage 4 NKWO');
  });

  it('§ 25 Abs. 2: no Wählerverzeichnis-Nr., the intended Wahlbezirk, the box ticked', async () => {
    const bytes = await renderWahlschein(input({ voterNumber: null, registerException: true }), CTX);
    const r = await read(bytes);
    expect(line(r, 'oder vorgesehener Wahlbezirk').x).toBeGreaterThan(120);
    expect(line(r, '012 – Altstadt', (l) => l.x > 120).items[0]!.fontName).toBeTruthy();
    expect(line(r, '—', (l) => l.x > 120).text).toBe('—');
    // The cross of the ticked box: two more stroked segments than on the unticked Wahlschein.
    const plain = await renderWahlschein(input(), CTX);
    expect(await strokedSegments(bytes)).toBe((await strokedSegments(plain)) + 2);
  });

  it('refuses a Wahlschein without Wählerverzeichnis-Nr. outside § 25 Abs. 2, without number or clerk', async () => {
    await expect(renderWahlschein(input({ voterNumber: null }), CTX)).rejects.toThrow(WahlscheinError);
    await expect(renderWahlschein(input({ number: ' ' }), CTX)).rejects.toThrow(/keine Nummer/);
    await expect(renderWahlschein(input({ clerkName: '' }), CTX)).rejects.toThrow(/Name der beauftragten Person/);
  });

  it('keeps the wording per kind in one place', () => {
    expect(wahlscheinTexts(election({ kind: 'landtag', name: 'Wahl zum 20. Niedersächsischen Landtag' })).declaration).toContain(
      'gegenüber der Kreiswahlleitung',
    );
    expect(wahlscheinTexts(election({ overrides: { declarationAddressee: 'der Kreiswahlleiterin' } })).declaration).toContain(
      'gegenüber der Kreiswahlleiterin an Eides statt',
    );
    expect(wahlscheinTexts(election({ constituency: null })).participationIntro).toBe('kann mit diesem Wahlschein an der Wahl teilnehmen');
  });
});

/** Straight stroked segments on page 1 (rules, frames, tick marks), from the operator list. */
async function strokedSegments(bytes: Buffer): Promise<number> {
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  try {
    const ops = await (await doc.getPage(1)).getOperatorList();
    let n = 0;
    ops.fnArray.forEach((fn, i) => {
      if (fn !== OPS.constructPath) return;
      const [op, [path]] = ops.argsArray[i] as [number, [ArrayLike<number>]];
      if (op !== OPS.stroke || !path) return;
      for (let j = 0; j < path.length; ) {
        const code = path[j]!;
        if (code === 1) n++;
        j += code === 0 || code === 1 ? 3 : code === 2 ? 7 : code === 3 ? 5 : 1;
      }
    });
    return n;
  } finally {
    await doc.destroy();
  }
}

describe('Wahlschein: DIN 91379 names', () => {
  it.each([
    ['Łukasz Ödön', 'Żółkiewski-Ørsted'],
    ['Ayşe', 'Güneş'],
    ['Yıldız Nur', 'Çelik'],
    ['Žaneta Ħanna', 'GROẞE'],
    ['Ödön', 'Kőváry'],
    ['ʼNandi', 'Ştefănescu'],
    ['Łucja', 'C\u0328\u0306elik'], // a normative DIN 91379 combining sequence
    ['Mu\u0308ller', 'Mu\u0308ller'], // NFD-stored ü
  ])('%s %s', async (givenNames, familyName) => {
    const r = await read(await renderWahlschein(input({ voter: { ...input().voter, givenNames, familyName, doctoralDegree: null } }), CTX));
    const expected = `${givenNames} ${familyName}`.normalize('NFC');
    expect(line(r, expected).text.normalize('NFC')).toBe(`Name ${expected}`);
    expect(line(r, expected, (l) => l.y > LOWER_TOP).text.normalize('NFC')).toBe(expected);
  });

  it('wraps a very long name without running into the closing block', async () => {
    const givenNames = 'Maximiliane Friederike Charlotte Wilhelmine Anastasia Theodora';
    const familyName = 'von Hohenzollern-Sigmaringen-Żółkiewska-Ørsted';
    const r = await read(await renderWahlschein(input({ voter: { ...input().voter, givenNames, familyName } }), CTX));
    const nameLines = linesIn(r, (_x, y) => y > 50 && y < UPPER_BOTTOM).filter((l) => Math.abs(l.fontSize - 12) < 0.1);
    expect(nameLines.length).toBeGreaterThan(1);
    expect(nameLines.map((l) => l.text).join(' ')).toBe(`Name Dr. ${givenNames} ${familyName}`);
    expect(Math.max(...nameLines.map((l) => l.right))).toBeLessThanOrEqual(190.5);
    expect(line(r, 'geboren am').y).toBeGreaterThan(nameLines[nameLines.length - 1]!.bottom);
    expect(line(r, 'Lingen (Ems), 01.09.2029').y).toBeGreaterThan(line(r, 'durch Briefwahl.').bottom);
  });

  it('draws the preview watermark', async () => {
    const r = await read(await renderWahlschein(input({ preview: true }), CTX));
    expect(r.text).toContain('VORSCHAU – NICHT GÜLTIG');
  });
});

// ---------------------------------------------------------------------------------------------------------------

function notice(over: Partial<WahlscheinNoticeInput> = {}): WahlscheinNoticeInput {
  return {
    election: election(),
    number: 'WS 012-0001',
    caseReference: 'BB-2029-000042',
    issuedAt: new Date('2029-09-02T08:00:00Z'),
    applicationDate: '2029-08-30',
    recipient: {
      title: 'Dr.',
      givenNames: 'Łukasz Ödön',
      familyName: 'Żółkiewski-Ørsted',
      street: 'Burgstraße',
      houseNumber: '21a',
      postalCode: '49808',
      city: 'Lingen (Ems)',
    },
    deliveryAddress: {
      givenNames: 'Łukasz',
      familyName: 'Żółkiewski-Ørsted',
      careOf: 'c/o Hotel Miramar',
      street: 'Rue de la Paix',
      houseNumber: '5',
      postalCode: '75002',
      city: 'Paris',
      country: 'FR',
    },
    clerkName: 'Anna Schütte',
    ...over,
  };
}

describe('notice to the home address (DIN 5008 Form B)', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await read(await renderWahlscheinNotice(notice(), CTX));
  });

  it('is addressed to the home address, in the address field', () => {
    const f = FORM_B.recipientZone;
    const inField = linesIn(r, (x) => x < 110).filter((l) => l.x >= f.x && l.right <= f.x + 85 && l.y >= f.y && l.bottom <= f.y + f.height);
    expect(inField.map((l) => l.text.normalize('NFC'))).toEqual([
      'Dr. Łukasz Ödön Żółkiewski-Ørsted',
      'Burgstraße 21a',
      '49808 Lingen (Ems)',
    ]);
  });

  it('comes from the Wahlamt and names the Wahlschein', () => {
    expect(line(r, 'Wahlamt', (l) => l.y < 30).x).toBeLessThan(40);
    expect(r.text).not.toContain('Meldebehörde');
    expect(line(r, 'Wahlschein-Nr.', (l) => l.x >= 120).text).toBe('Wahlschein-Nr. WS 012-0001');
    expect(line(r, 'Ihr Antrag vom', (l) => l.x >= 120).text).toBe('Ihr Antrag vom 30.08.2029');
  });

  it('says where the documents went, what to do if not applied for, and the replacement deadline', () => {
    const body = textBetween(r, FORM_B.bodyTop - 1, 280);
    expect(body).toContain('Mitteilung über die Versendung Ihrer Briefwahlunterlagen – Wahl zum 22. Deutschen Bundestag am 23.09.2029');
    expect(body).toContain('Guten Tag Dr. Łukasz Żółkiewski-Ørsted,');
    expect(body).toContain('auf Ihren Antrag vom 30.08.2029 haben wir Ihnen den Wahlschein Nr. WS 012-0001');
    expect(body).toContain('am 02.09.2029 als amtliche Wahlunterlagen nicht an Ihre Wohnanschrift, sondern an die folgende Anschrift gesandt:');
    const addr = ['Łukasz Żółkiewski-Ørsted', 'bei Hotel Miramar', '5 Rue de la Paix', '75002 PARIS', 'FRANKREICH'];
    const lines = addr.map((a) => line(r, a, (l) => l.y > FORM_B.bodyTop && l.text.normalize('NFC') === a));
    lines.forEach((l, i) => {
      expect(l.text.normalize('NFC')).toBe(addr[i]);
      expect(l.x).toBeCloseTo(FORM_B.textLeft + 8, 0);
      if (i > 0) expect(l.y).toBeGreaterThan(lines[i - 1]!.y);
    });
    expect(body).toContain('wenden Sie sich bitte sofort an uns');
    expect(body).toContain('bis Samstag, 22.09.2029, 12:00 Uhr ein neuer Wahlschein erteilt werden');
    expect(body).toContain('Im Auftrag Anna Schütte');
    expect(line(r, 'Seite 1 von 1').y).toBeGreaterThan(280);
  });

  it('can leave the other address out', async () => {
    const t = noticeTexts(notice({ hideDeliveryAddress: true }));
    expect(t.address).toBeNull();
    const r2 = await read(await renderWahlscheinNotice(notice({ hideDeliveryAddress: true }), CTX));
    expect(r2.text).not.toContain('PARIS');
    expect(textBetween(r2, FORM_B.bodyTop, 280)).toContain('an die von Ihnen angegebene andere Anschrift gesandt.');
  });
});
