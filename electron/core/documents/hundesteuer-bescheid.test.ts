import { describe, expect, it } from 'vitest';
import { DEFAULT_HUNDESTEUER_CONFIG } from '../../../shared/services/hundesteuer';
import { FORM_B, RETURN_ZONE_HEIGHT } from './din5008';
import {
  BESCHEID_TITLE,
  HundesteuerBescheidError,
  MACHINE_NOTE_BESCHEID,
  SUBTITLE_FESTSETZUNG,
  SUBTITLE_SCHLUSS,
  hundesteuerBescheidTexts,
  renderHundesteuerBescheid,
  renderHundesteuerBescheidWithLayout,
  type HundesteuerBescheidInput,
} from './hundesteuer-bescheid';
import { returnLine } from './letter';
import { fullText, readPdf, textLines, type PdfContent, type PdfTextLine } from './pdf-text';
import { fontMeasure, formatPostalAddress, type PostalAddressInput } from './postal-address';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };
const TOL = 1; // mm
/** The DL window on the A4 sheet once folded at 105 mm (DOMAIN.md): 20 mm from the left, 90 × 45 mm. */
const WINDOW = { left: 20, right: 110, top: 45, bottom: 90 };

const RECIPIENT: PostalAddressInput = {
  salutation: 'Herrn',
  title: 'Dr.',
  givenNames: 'Łukasz Ödön',
  callName: 'Łukasz',
  familyName: 'Żółkiewski-Ørsted',
  street: 'Burgstraße',
  houseNumber: '21a',
  postalCode: '49808',
  city: 'Lingen (Ems)',
};

/** A second dog registered late (taken in on 20.11.2025, registered 09.03.2026), posted on 10.03.2026. */
function input(overrides: Partial<HundesteuerBescheidInput> = {}): HundesteuerBescheidInput {
  return {
    kind: 'festsetzung',
    number: 'HST-2026-000012',
    caseReference: 'BB-2026-000042',
    kassenzeichen: '5.1200.004711',
    issuedAt: new Date('2026-03-10T09:30:00Z'),
    reportedOn: '2026-03-09',
    recipient: RECIPIENT,
    clerkName: 'Anna Schütte',
    dog: { name: 'Bärbel', breed: 'Mischling (Labrador/Schäferhund)', colour: 'schwarz-braun', sex: 'huendin', birthDate: '2022-06-01', chipNumber: '276098100123456' },
    tagNumber: '0815',
    position: 'second',
    dangerous: false,
    liableFrom: '2025-12',
    schedule: 'quarterly',
    payment: { kind: 'sepa', mandateReference: 'HST-BB-2026-000042', accountHolder: 'Łukasz Żółkiewski-Ørsted', iban: 'DE89370400440532013000', mandateDate: '2026-03-09' },
    config: DEFAULT_HUNDESTEUER_CONFIG,
    ...overrides,
  };
}

/** Schlussbescheid: the dog died on 10.05.2026; 30,00 € of 2026 were collected. */
function schluss(overrides: Partial<HundesteuerBescheidInput> = {}): HundesteuerBescheidInput {
  return input({
    kind: 'schluss',
    number: 'HST-2026-000031',
    issuedAt: new Date('2026-05-20T08:00:00Z'),
    reportedOn: '2026-05-18',
    liableFrom: '2020-06',
    deregistration: { reason: 'tod', endedOn: '2026-05-10', liableUntil: '2026-05', paidCents: 3000, tagReturned: false },
    ...overrides,
  });
}

interface Rendered {
  bytes: Buffer;
  pdf: PdfContent;
  lines: PdfTextLine[];
  /** Lines left of the information block (address field and body). */
  left: PdfTextLine[];
  text: string;
  pages: number;
}

async function render(i: HundesteuerBescheidInput): Promise<Rendered> {
  const { pdf: bytes, layout } = await renderHundesteuerBescheidWithLayout(i, CTX);
  const pdf = await readPdf(bytes);
  const left = textLines(pdf.items.filter((it) => it.x < 120 || it.baseline > FORM_B.bodyTop));
  return { bytes, pdf, lines: textLines(pdf.items), left, text: fullText(pdf.items), pages: layout.pages };
}

function has(r: Rendered, s: string): boolean {
  return r.text.replace(/\s+/g, ' ').includes(s);
}

function line(r: Rendered, text: string): PdfTextLine {
  const l = r.left.find((x) => x.page === 1 && x.text.normalize('NFC') === text.normalize('NFC'));
  if (!l) throw new Error(`line not found: ${text}\n--- text:\n${r.text}`);
  return l;
}

/** A row of a table or list: the line that starts with `start` (label or first cell). */
function row(r: Rendered, start: string): string {
  const l = r.lines.find((x) => x.text.startsWith(start));
  if (!l) throw new Error(`row not found: ${start}\n--- text:\n${r.text}`);
  return l.text;
}

describe('Hundesteuerbescheid (Festsetzung)', () => {
  it('is a PDF/A-2b letter titled as a Festsetzung, on two pages', async () => {
    const r = await render(input());
    expect(r.pdf.xmp).toContain('pdfaid:part');
    expect(r.pdf.info.Title).toBe('Hundesteuerbescheid HST-2026-000012');
    expect(r.pages).toBe(2);
    expect(has(r, BESCHEID_TITLE)).toBe(true);
    expect(has(r, SUBTITLE_FESTSETZUNG)).toBe(true);
    expect(has(r, 'Sehr geehrter Herr Dr. Żółkiewski-Ørsted,')).toBe(true);
    expect(has(r, 'aufgrund Ihrer Anmeldung vom 09.03.2026 wird für das Halten des folgenden Hundes die Hundesteuer nach der Satzung über die Erhebung der Hundesteuer in der Stadt Lingen (Ems) (Hundesteuersatzung) festgesetzt.')).toBe(true);
  });

  it('puts the address into the DIN 5008 window within 1 mm, and nothing else', async () => {
    const r = await render(input({ vermerke: ['Einschreiben Einwurf'] }));
    const expected = formatPostalAddress({ ...RECIPIENT, notes: ['Einschreiben Einwurf'] }, { measure: fontMeasure(RESOURCES_DIR) });
    expect(expected.lines).toEqual(['Herrn', 'Dr. Łukasz Ödön Żółkiewski-Ørsted', 'Burgstraße 21a', '49808 Lingen (Ems)']);
    const ret = line(r, returnLine(LETTERHEAD));
    const note = line(r, 'Einschreiben Einwurf');
    const lines = expected.lines.map((t) => line(r, t));
    for (const l of lines) {
      expect(l.x).toBeGreaterThanOrEqual(WINDOW.left - TOL);
      expect(l.right).toBeLessThanOrEqual(WINDOW.right + TOL);
      expect(l.y).toBeGreaterThanOrEqual(FORM_B.recipientZone.y - TOL);
      expect(l.bottom).toBeLessThanOrEqual(WINDOW.bottom + TOL);
      expect(l.fontSize).toBeGreaterThanOrEqual(8 - 0.01);
    }
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.baseline).toBeGreaterThan(lines[i - 1]!.baseline);
    expect(ret.y).toBeGreaterThanOrEqual(WINDOW.top - TOL);
    expect(ret.bottom).toBeLessThanOrEqual(WINDOW.top + RETURN_ZONE_HEIGHT + TOL);
    expect(note.y).toBeGreaterThanOrEqual(ret.bottom - TOL);
    expect(note.bottom).toBeLessThanOrEqual(lines[0]!.y + TOL);
    const inWindow = r.left.filter(
      (l) => l.page === 1 && l.x < WINDOW.right && l.right > WINDOW.left && l.y < WINDOW.bottom && l.bottom > WINDOW.top,
    );
    expect(inWindow.map((l) => l.text).sort()).toEqual([ret, note, ...lines].map((l) => l.text).sort());
  });

  it('names the dog, its tag, the classification and the start of the tax', async () => {
    const r = await render(input());
    expect(row(r, 'Name des Hundes')).toContain('Bärbel');
    expect(row(r, 'Name des Hundes')).toContain('Chipnummer 276 098 100 123 456');
    expect(has(r, 'Hundesteuermarke Nr. 0815')).toBe(true);
    expect(has(r, 'Einstufung Zweiter Hund')).toBe(true);
    expect(has(r, 'Steuerpflicht ab 01.12.2025')).toBe(true);
    // Information block.
    expect(has(r, 'Bescheid-Nr. HST-2026-000012')).toBe(true);
    expect(has(r, 'Kassenzeichen 5.1200.004711')).toBe(true);
    expect(has(r, 'Datum 10.03.2026')).toBe(true);
  });

  it('states the yearly tax, each year with its months, and the following years', async () => {
    const r = await render(input());
    expect(row(r, 'Jahressteuer (zweiter Hund)')).toBe('Jahressteuer (zweiter Hund) 60,00 €');
    expect(row(r, 'Steuer 2025')).toBe('Steuer 2025 Dezember 2025 (1 Monat) 5,00 €');
    expect(row(r, 'Steuer 2026')).toBe('Steuer 2026 Januar bis Dezember 2026 (12 Monate) 60,00 €');
    expect(row(r, 'ab 2027 jährlich')).toBe('ab 2027 jährlich Januar bis Dezember, fällig mit je 15,00 € am 60,00 €');
    expect(has(r, '15.02., 15.05., 15.08. und 15.11.')).toBe(true);
    expect(has(r, '(Dauerbescheid)')).toBe(true);
  });

  it('lists the instalments with due dates; past ones one month after Bekanntgabe', async () => {
    const r = await render(input());
    expect(row(r, '16.04.2026 * Dezember')).toBe('16.04.2026 * Dezember 2025 (4. Quartal) 5,00 €');
    expect(row(r, '16.04.2026 * Januar')).toBe('16.04.2026 * Januar bis März 2026 (1. Quartal) 15,00 €');
    expect(row(r, '15.05.2026')).toBe('15.05.2026 April bis Juni 2026 (2. Quartal) 15,00 €');
    expect(row(r, '15.08.2026')).toBe('15.08.2026 Juli bis September 2026 (3. Quartal) 15,00 €');
    expect(row(r, '15.11.2026')).toBe('15.11.2026 Oktober bis Dezember 2026 (4. Quartal) 15,00 €');
    expect(row(r, 'Summe')).toBe('Summe 65,00 €');
    expect(has(r, 'Der Betrag ist deshalb einen Monat nach Bekanntgabe fällig (Bekanntgabe: 16.03.2026).')).toBe(true);
  });

  it('announces the SEPA direct debit with mandate reference and creditor id', async () => {
    const r = await render(input());
    expect(row(r, 'Mandatsreferenz')).toBe('Mandatsreferenz HST-BB-2026-000042');
    expect(row(r, 'Gläubiger-ID')).toBe('Gläubiger-ID DE98ZZZ09999999999');
    expect(row(r, 'IBAN')).toBe('IBAN DE89 37•• •••• •••• ••30 00');
    expect(row(r, 'Kontoinhaber')).toBe('Kontoinhaber Łukasz Żółkiewski-Ørsted');
    expect(has(r, 'Dieser Bescheid ist zugleich die Vorabankündigung (Pre-Notification) dieser SEPA-Lastschriften.')).toBe(true);
  });

  it('gives the legal basis, the Rechtsbehelfsbelehrung (Klage, no Widerspruch) and the machine note', async () => {
    const r = await render(input());
    expect(has(r, 'Niedersächsisches Kommunalabgabengesetz (NKAG) in Verbindung mit der Satzung über die Erhebung der Hundesteuer')).toBe(true);
    expect(
      has(r, 'Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Klage beim Verwaltungsgericht Osnabrück, Hakenstraße 15, 49074 Osnabrück, erhoben werden.'),
    ).toBe(true);
    expect(has(r, 'nach Maßgabe des § 55a der Verwaltungsgerichtsordnung (VwGO) eingereicht werden')).toBe(true);
    expect(has(r, 'Eine Klage hat keine aufschiebende Wirkung (§ 80 Abs. 2 Satz 1 Nr. 1 VwGO).')).toBe(true);
    expect(r.text).not.toMatch(/Widerspruch/);
    expect(has(r, MACHINE_NOTE_BESCHEID)).toBe(true);
    expect(has(r, 'Im Auftrag')).toBe(true);
  });

  it('keeps every text inside the page and no two lines on top of each other', async () => {
    for (const i of [input(), schluss(), input({ dangerous: true, schedule: 'annual', payment: { kind: 'transfer', bank: { iban: 'DE89370400440532013000' } } })]) {
      const r = await render(i);
      for (const it of r.pdf.items) {
        expect(it.x).toBeGreaterThanOrEqual(FORM_B.textLeft - 5.5); // the address field starts at 20 + 5 mm
        expect(it.x + it.width).toBeLessThanOrEqual(FORM_B.textRight + 0.5);
        expect(it.bottom).toBeLessThanOrEqual(290);
      }
      const items = r.pdf.items;
      for (let a = 0; a < items.length; a++) {
        for (let b = a + 1; b < items.length; b++) {
          const p = items[a]!;
          const q = items[b]!;
          if (p.page !== q.page) continue;
          const xOverlap = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
          const yOverlap = Math.min(p.baseline, q.baseline) - Math.max(p.y, q.y);
          if (xOverlap > 0.3 && yOverlap > 0.5 && Math.abs(p.baseline - q.baseline) > 0.3) {
            throw new Error(`overlap on page ${p.page}: "${p.str}" / "${q.str}"`);
          }
        }
      }
    }
  });

  it('a first dog taken in on 1 July, Bescheid handed over at the counter', async () => {
    const r = await render(
      input({ position: 'first', liableFrom: '2026-08', issuedAt: new Date('2026-07-01T08:00:00Z'), reportedOn: '2026-07-01', deliveredInPerson: true }),
    );
    expect(row(r, 'Steuer 2026')).toBe('Steuer 2026 August bis Dezember 2026 (5 Monate) 15,00 €');
    expect(row(r, '15.08.2026')).toBe('15.08.2026 August bis September 2026 (3. Quartal) 6,00 €');
    expect(row(r, '15.11.2026')).toBe('15.11.2026 Oktober bis Dezember 2026 (4. Quartal) 9,00 €');
    expect(has(r, '*')).toBe(false);
  });

  it('a dangerous dog, paid by transfer once a year', async () => {
    const r = await render(
      input({
        dangerous: true,
        schedule: 'annual',
        liableFrom: '2026-04',
        payment: { kind: 'transfer', bank: { accountHolder: 'Stadtkasse Lingen (Ems)', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', bankName: 'Sparkasse Emsland' } },
      }),
    );
    expect(has(r, 'Einstufung Gefährlicher Hund')).toBe(true);
    expect(row(r, 'Jahressteuer (gefährlicher Hund)')).toBe('Jahressteuer (gefährlicher Hund) 600,00 €');
    expect(row(r, 'Steuer 2026')).toBe('Steuer 2026 April bis Dezember 2026 (9 Monate) 450,00 €');
    expect(row(r, '01.07.2026')).toBe('01.07.2026 April bis Dezember 2026 450,00 €');
    expect(row(r, 'ab 2027 jährlich')).toBe('ab 2027 jährlich Januar bis Dezember, fällig am 01.07. 600,00 €');
    expect(has(r, 'Fälligkeiten (Zahlungsweise: jährlich)')).toBe(true);
    expect(row(r, 'IBAN')).toBe('IBAN DE89 3704 0044 0532 0130 00');
    expect(row(r, 'Verwendungszweck')).toBe('Verwendungszweck 5.1200.004711');
    expect(has(r, 'Mandatsreferenz')).toBe(false);
  });

  it('names the replacement tag fee when given', async () => {
    const r = await render(input({ replacementTagFeeCents: 250 }));
    expect(has(r, 'Bei Verlust erhalten Sie gegen eine Gebühr von 2,50 € eine Ersatzmarke.')).toBe(true);
  });

  it('marks a preview', async () => {
    const r = await render(input({ preview: true }));
    expect(has(r, 'VORSCHAU – NICHT GÜLTIG')).toBe(true);
    expect(r.pdf.info.Title).toBe('Hundesteuerbescheid HST-2026-000012 (Vorschau)');
  });
});

describe('Hundesteuerbescheid (Schlussbescheid)', () => {
  it('ends the tax with the month of death and refunds what was paid beyond it', async () => {
    const r = await render(schluss());
    expect(has(r, SUBTITLE_SCHLUSS)).toBe(true);
    expect(r.pdf.info.Title).toBe('Hundesteuer-Schlussbescheid HST-2026-000031');
    expect(has(r, 'Die Steuerpflicht endet mit Ablauf des Monats Mai 2026.')).toBe(true);
    expect(has(r, 'Abmeldung Tod des Hundes am 10.05.2026')).toBe(true);
    expect(has(r, 'Steuerpflicht bis 31.05.2026')).toBe(true);
    expect(row(r, '2026')).toBe('2026 Januar bis Mai 2026 (5 Monate) 60,00 € 25,00 €');
    expect(row(r, 'Neu festgesetzte Steuer')).toBe('Neu festgesetzte Steuer 25,00 €');
    expect(row(r, 'Bereits gezahlt')).toBe('Bereits gezahlt 30,00 €');
    expect(row(r, 'Erstattung an Sie')).toBe('Erstattung an Sie 5,00 €');
    expect(has(r, 'Der zu viel gezahlte Betrag von 5,00 € wird Ihnen auf das Konto Ihres SEPA-Lastschriftmandats erstattet')).toBe(true);
    expect(row(r, 'Mandatsreferenz')).toBe('Mandatsreferenz HST-BB-2026-000042');
    // No debit follows: no creditor id, no pre-notification, no "pay anyway" hint.
    expect(has(r, 'Gläubiger-ID')).toBe(false);
    expect(has(r, 'Vorabankündigung')).toBe(false);
    expect(has(r, 'aufschiebende Wirkung')).toBe(false);
    expect(has(r, 'Bitte geben Sie die Hundesteuermarke Nr. 0815 zurück')).toBe(true);
    expect(has(r, 'Klage beim Verwaltungsgericht Osnabrück')).toBe(true);
  });

  it('collects the rest of a short final year after Bekanntgabe', async () => {
    const r = await render(
      schluss({
        issuedAt: new Date('2026-02-05T08:00:00Z'),
        reportedOn: '2026-02-04',
        deregistration: { reason: 'abgabe', endedOn: '2026-02-03', liableUntil: '2026-02', paidCents: 0, tagReturned: true },
      }),
    );
    expect(has(r, 'Abmeldung Abgabe des Hundes am 03.02.2026')).toBe(true);
    expect(row(r, '2026')).toBe('2026 Januar bis Februar 2026 (2 Monate) 60,00 € 10,00 €');
    expect(row(r, 'Noch zu zahlen')).toBe('Noch zu zahlen 10,00 €');
    expect(row(r, '09.03.2026 *')).toBe('09.03.2026 * Januar bis Februar 2026 (1. Quartal) 10,00 €');
    expect(row(r, 'Gläubiger-ID')).toBe('Gläubiger-ID DE98ZZZ09999999999');
    expect(has(r, 'Dieser Bescheid ist zugleich die Vorabankündigung')).toBe(true);
    expect(has(r, 'weitere Lastschriften für diesen Hund erfolgen nicht')).toBe(true);
    expect(has(r, 'Die Hundesteuermarke Nr. 0815 haben Sie zurückgegeben.')).toBe(true);
  });

  it('a deregistration across the turn of the year sets the new year to 0', async () => {
    const r = await render(
      schluss({
        issuedAt: new Date('2026-01-22T08:00:00Z'),
        reportedOn: '2026-01-20',
        position: 'first',
        deregistration: { reason: 'wegzug', endedOn: '2025-12-20', liableUntil: '2025-12', paidCents: 3600, tagReturned: true },
      }),
    );
    expect(row(r, '2025')).toBe('2025 Januar bis Dezember 2025 (12 Monate) 36,00 € 36,00 €');
    expect(row(r, '2026')).toBe('2026 keine Steuerpflicht 36,00 € 0,00 €');
    expect(row(r, 'Noch zu zahlen')).toBe('Noch zu zahlen 0,00 €');
    expect(has(r, 'Abmeldung Wegzug am 20.12.2025')).toBe(true);
  });
});

describe('Hundesteuerbescheid: refusals and texts', () => {
  it('refuses inconsistent input with German messages', async () => {
    await expect(renderHundesteuerBescheid(input({ kind: 'schluss' }), CTX)).rejects.toThrow(
      new HundesteuerBescheidError('Für den Schlussbescheid fehlen die Angaben zur Abmeldung.'),
    );
    await expect(
      renderHundesteuerBescheid(
        input({ payment: { kind: 'sepa', mandateReference: 'HST BB 42', accountHolder: 'X', iban: 'DE89370400440532013000', mandateDate: '2026-03-09' } }),
        CTX,
      ),
    ).rejects.toThrow('Die Mandatsreferenz „HST BB 42“ ist ungültig.');
    await expect(renderHundesteuerBescheid(input({ config: { ...DEFAULT_HUNDESTEUER_CONFIG, creditorId: 'DE00ZZZ00000000000' } }), CTX)).rejects.toThrow(
      'Die Hundesteuer-Einstellungen sind unvollständig: Die Gläubiger-Identifikationsnummer ist ungültig (Aufbau oder Prüfziffer).',
    );
  });

  it('exposes its texts and figures for a preview', () => {
    const t = hundesteuerBescheidTexts(input(), 'Stadt Lingen (Ems)');
    expect(t.computed.kind).toBe('festsetzung');
    expect(t.computed.plan.openCents).toBe(6500);
    expect(t.due!.rows.at(-1)!.cells).toEqual(['', 'Summe', '65,00 €']);
    expect(t.paymentRows).toContainEqual(['Mandatsreferenz', 'HST-BB-2026-000042']);
  });
});
