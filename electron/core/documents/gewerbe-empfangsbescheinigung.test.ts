import { describe, expect, it } from 'vitest';
import { parseGewerbeanzeige } from '../../../shared/services/gewerbe/index';
import {
  PARTNER_AYSE,
  PARTNER_GREET,
  PARTNER_JAN,
  abmeldung,
  anmeldung,
  gbrAnmeldung,
  person,
  ummeldung,
} from '../../../shared/services/gewerbe/test-fixtures';
import { ADDRESS_TEXT_INSET, FORM_B } from './din5008';
import {
  GewerbeDocumentError,
  MACHINE_NOTE,
  NO_PERMIT,
  PERMIT_NOTE,
  RECEIPT_ONLY_HEADLINE,
  bindCitations,
  defaultRecipient,
  keyDataRows,
  layoutGewerbeEmpfangsbescheinigung,
  type GewerbeEmpfangsbescheinigungInput,
} from './gewerbe-empfangsbescheinigung';
import { fullText, readPdf, textLines, type PdfContent, type PdfTextLine } from './pdf-text';
import { LETTERHEAD, RESOURCES_DIR } from './test-fixtures';

const CTX = { resourcesDir: RESOURCES_DIR, letterhead: LETTERHEAD };
const TOL = 1; // mm
/** The DL window on the sheet folded at 105 mm: 20 mm from the left, 90 × 45 mm, its top at 45 mm. */
const WINDOW = { left: 20, right: 110, top: 45, bottom: 90 };

function input(overrides: Partial<GewerbeEmpfangsbescheinigungInput> = {}): GewerbeEmpfangsbescheinigungInput {
  return {
    caseReference: 'BB-2026-000042',
    number: 'GA-2026-000017',
    issuedAt: new Date('2026-03-11T09:30:00Z'),
    notice: anmeldung(),
    fee: { cents: 2600, paidOn: '2026-03-10' },
    clerkName: 'Anna Schütte',
    ...overrides,
  };
}

interface Rendered {
  pdf: PdfContent;
  addressLines: string[];
  /** Lines of the left column (x < 120 mm): address field and body. */
  left: PdfTextLine[];
  /** Lines of the information block. */
  right: PdfTextLine[];
  /** The body text in one line per PDF line, whitespace (also no-break spaces) as single spaces. */
  text: string;
  /** All text joined with single spaces. */
  flat: string;
}

async function render(i: GewerbeEmpfangsbescheinigungInput): Promise<Rendered> {
  const { pdf: bytes, addressLines } = await layoutGewerbeEmpfangsbescheinigung(i, CTX);
  const pdf = await readPdf(bytes);
  const left = textLines(pdf.items.filter((it) => it.x < 120));
  const right = textLines(pdf.items.filter((it) => it.x >= 120));
  const text = fullText(pdf.items).replace(/[ \u00a0]+/g, ' ');
  return { pdf, addressLines, left, right, text, flat: text.replace(/\s+/g, ' ') };
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

function line(r: Rendered, text: string): PdfTextLine {
  const l = r.left.find((x) => norm(x.text) === norm(text));
  if (!l) throw new Error(`line not found: ${text}\n--- text:\n${r.text}`);
  return l;
}

/** The value column of a key-data row whose label starts the line. */
function row(r: Rendered, label: string): string {
  const l = r.left.find((x) => x.items[0]!.fontSize < 9 && norm(x.items[0]!.str) === label && x.x < FORM_B.textLeft + 1);
  if (!l) throw new Error(`row not found: ${label}\n--- text:\n${r.text}`);
  return norm(l.text.slice(label.length));
}

describe('Empfangsbescheinigung: DIN 5008 letter', () => {
  it('puts the recipient into the address field and the DL window, within 1 mm', async () => {
    const r = await render(input());
    expect(r.addressLines).toEqual(['Ödöns Fahrradwerkstatt', 'Dr. Łukasz Ödön Żółkiewski-Ørsted', 'Lookenstraße 12', '49808 Lingen (Ems)']);
    const zone = FORM_B.recipientZone;
    const printed = r.addressLines.map((t) => line(r, t));
    for (const l of printed) {
      expect(l.x).toBeCloseTo(zone.x + ADDRESS_TEXT_INSET, 0);
      expect(Math.abs(l.x - (zone.x + ADDRESS_TEXT_INSET))).toBeLessThan(TOL);
      expect(l.y).toBeGreaterThan(zone.y - TOL);
      expect(l.bottom).toBeLessThan(zone.y + zone.height + TOL);
      expect(l.x).toBeGreaterThan(WINDOW.left - TOL);
      expect(l.right).toBeLessThan(WINDOW.right + TOL);
      expect(l.y).toBeGreaterThan(WINDOW.top - TOL);
      expect(l.bottom).toBeLessThan(WINDOW.bottom + TOL);
    }
    // Top-down without gaps, in the order formatted.
    for (let i = 1; i < printed.length; i++) expect(printed[i]!.baseline).toBeGreaterThan(printed[i - 1]!.baseline);
    // The return line sits in the Zusatz- und Vermerkzone above.
    const ret = r.left.find((l) => l.text.startsWith('Stadt Lingen (Ems) · Elisabethstraße'))!;
    expect(ret.bottom).toBeLessThan(FORM_B.returnZone.y + FORM_B.returnZone.height + TOL);
    expect(ret.y).toBeGreaterThan(FORM_B.returnZone.y - TOL);
  });

  it('fills the information block and the letterhead of the Gewerbe office', async () => {
    const r = await render(input());
    for (const [label, value] of [
      ['Aktenzeichen', 'BB-2026-000042'],
      ['Bescheinigungs-Nr.', 'GA-2026-000017'],
      ['Eingang der Anzeige', '10.03.2026'],
      ['Auskunft erteilt', 'Anna Schütte'],
      ['Datum', '11.03.2026'],
    ]) {
      const l = r.right.find((x) => norm(x.text) === `${label} ${value}`);
      expect(l, label).toBeTruthy();
      expect(l!.x).toBeCloseTo(FORM_B.infoBlock.x, 0);
    }
    expect(r.text).toContain('Bürgerbüro – Gewerbeangelegenheiten');
    expect(r.text).not.toContain('Meldebehörde');
    expect(r.pdf.pages).toBe(1);
    expect(r.pdf.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(r.pdf.xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  });

  it('prints the key data of a GewA 1 below the title, the no-permit statement, fee, place and date, Im Auftrag', async () => {
    const r = await render(input());
    const title = line(r, 'Empfangsbescheinigung');
    expect(title.y).toBeGreaterThan(FORM_B.addressField.y + FORM_B.addressField.height);
    expect(r.text).toContain('nach § 15 Abs. 1 Gewerbeordnung (GewO) – Gewerbe-Anmeldung (GewA 1)');
    expect(r.flat).toContain('Ihre Gewerbe-Anmeldung ist am 10.03.2026 bei der Stadt Lingen (Ems) eingegangen.');
    expect(row(r, 'Grund der Anmeldung')).toBe('Neuerrichtung / Neugründung');
    expect(row(r, 'Betrieb')).toBe('Ödöns Fahrradwerkstatt');
    expect(row(r, 'Rechtsform')).toBe('Einzelunternehmen');
    expect(row(r, 'Angaben zur Person')).toBe('Dr. Łukasz Ödön Żółkiewski-Ørsted, geboren am 29.02.1984');
    expect(row(r, 'Betriebsstätte')).toBe('Lookenstraße 12, 49808 Lingen (Ems) (Hauptniederlassung)');
    expect(row(r, 'Angemeldete Tätigkeit')).toBe('Einzelhandel mit Fahrrädern und Fahrradzubehör (WZ 2008: 47.64.1)');
    expect(row(r, 'Beginn der Tätigkeit')).toBe('01.04.2026');
    const noPermit = line(r, NO_PERMIT);
    expect(noPermit.y).toBeGreaterThan(line(r, title.text).y);
    expect(r.flat).toContain(norm(PERMIT_NOTE));
    expect(r.flat).toContain('Gebühr für die Bearbeitung der Anzeige: 26,00 €, bezahlt am 10.03.2026.');
    const place = line(r, 'Lingen (Ems), 11.03.2026');
    const auftrag = line(r, 'Im Auftrag');
    const clerk = r.left.filter((l) => norm(l.text) === 'Anna Schütte').at(-1)!;
    expect(auftrag.y).toBeGreaterThan(place.bottom);
    expect(clerk.y).toBeGreaterThan(auftrag.bottom);
    expect(r.flat).toContain(MACHINE_NOTE);
    expect(r.text).toContain('Seite 1 von 1');
  });

  it('names the bodies the data go to, with the Finanzamt and the tax note on an Anmeldung, never the customs', async () => {
    const r = await render(input({ notice: anmeldung({ customsIndications: true }) }));
    expect(r.flat).toContain('weitergegeben an (§ 14 Abs. 8 GewO, § 3 GewAnzV, § 138 Abs. 1 AO):');
    for (const body of [
      'Industrie- und Handelskammer Osnabrück – Emsland – Grafschaft Bentheim',
      'Staatliches Gewerbeaufsichtsamt Osnabrück',
      'Landesamt für Statistik Niedersachsen (LSN)',
      'Finanzamt Lingen (Ems)',
    ]) {
      expect(r.flat).toContain(body);
    }
    expect(r.flat).toContain('Die Weitergabe ersetzt nicht Ihre steuerliche Anmeldung');
    expect(r.flat).not.toMatch(/Zoll|Schwarzarbeit/);
  });

  it('lists every partner of a GbR, each on its own line, and addresses the GbR', async () => {
    const r = await render(input({ notice: gbrAnmeldung(), fee: { cents: 2600 } }));
    expect(r.addressLines).toEqual(['Güneş, Kuipers & Große Café GbR', 'Lookenstraße 12', '49808 Lingen (Ems)']);
    expect(r.flat).toContain('Sehr geehrte Damen und Herren,');
    const partners = [
      'Ayşe Güneş, geb. Yıldız, geboren am 12.03.1986 (Gesellschafter/in)',
      'Jan Kuipers, geboren am 02.11.1979 (Gesellschafter/in)',
      'Margarethe GROẞE, geboren am 01.07.1990 (Gesellschafter/in)',
    ];
    const label = r.left.find((l) => norm(l.text).startsWith('Angaben zu den Personen'))!;
    expect(norm(label.text)).toBe(`Angaben zu den Personen ${partners[0]}`);
    const lines = partners.map((p) => r.left.find((l) => norm(l.text).endsWith(p)));
    lines.forEach((l, i) => expect(l, partners[i]).toBeTruthy());
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.baseline).toBeGreaterThan(lines[i - 1]!.baseline);
    for (const l of lines.slice(1)) expect(l!.x).toBeCloseTo(FORM_B.textLeft + 47, 0);
    expect(r.flat).toContain('Landkreis Emsland – Veterinärwesen und Lebensmittelüberwachung');
    expect(r.flat).toContain('Gebühr: 26,00 € – hierüber erhalten Sie einen gesonderten Gebührenbescheid.');
    expect(r.pdf.pages).toBe(1);
  });

  it('prints the change and both addresses of a GewA 2', async () => {
    const r = await render(input({ notice: ummeldung() }));
    expect(r.text).toContain('Gewerbe-Ummeldung (GewA 2)');
    expect(r.addressLines).toEqual(['Emsland Elektrotechnik GmbH', 'Kaiserstraße 30', '49809 Lingen (Ems)']);
    expect(row(r, 'Art der Änderung')).toBe('Verlegung der Betriebsstätte und Ausdehnung der Tätigkeit');
    expect(row(r, 'Rechtsform, Register')).toBe('GmbH, Amtsgericht Osnabrück, HRB 201234');
    expect(row(r, 'Betriebsstätte (neu)')).toBe('Kaiserstraße 30, 49809 Lingen (Ems) (Hauptniederlassung)');
    expect(row(r, 'Bisherige Betriebsstätte')).toBe('Lookenstraße 12, 49808 Lingen (Ems)');
    expect(row(r, 'Bisherige Tätigkeit')).toBe('Elektroinstallation');
    expect(row(r, 'Änderung wirksam ab')).toBe('01.03.2026');
    expect(r.flat).toContain(NO_PERMIT);
    expect(r.flat).toContain('Handwerkskammer Osnabrück-Emsland-Grafschaft Bentheim');
    expect(r.flat).not.toContain('Industrie- und Handelskammer');
  });

  it('sends a GewA 3 to the home address and states receipt only', async () => {
    const r = await render(input({ notice: abmeldung({ continuedBySomeoneElse: true, successor: 'Blumen Kuipers GmbH' }), fee: { cents: 2000, paidOn: '2026-03-10' } }));
    expect(r.addressLines).toEqual(['Jürgen Weiß', 'Burgstraße 21a', '49808 Lingen (Ems)']);
    expect(r.text).toContain('Gewerbe-Abmeldung (GewA 3)');
    expect(row(r, 'Grund der Abmeldung')).toBe('Aufgabe des Betriebes');
    expect(row(r, 'Betriebsaufgabe zum')).toBe('28.02.2026');
    expect(row(r, 'Fortführung des Betriebes')).toBe('durch Blumen Kuipers GmbH');
    expect(row(r, 'Abgemeldete Tätigkeit')).toBe('Einzelhandel mit Blumen und Pflanzen (WZ 2008: 47.76.1)');
    expect(r.flat).toContain(RECEIPT_ONLY_HEADLINE);
    expect(r.flat).not.toContain(NO_PERMIT);
    expect(r.flat).toContain('Amtsgericht Osnabrück – Registergericht');
    expect(r.flat).not.toContain('Fragebogen zur steuerlichen Erfassung');
    expect(r.flat).toContain('20,00 €');
  });

  it('after a death writes to the heir who made the notice, not to the deceased', async () => {
    const notice = abmeldung({
      reason: 'tod',
      endDate: '2025-12-31',
      lateNoticeReason: 'Erbschein erst im Februar 2026 erteilt',
      reporter: { familyName: 'Weiß', givenNames: 'Marie', capacity: 'Erbin', address: { street: 'Marienstraße', houseNumber: '2', postalCode: '48529', city: 'Nordhorn' } },
    });
    const r = await render(input({ notice, fee: { cents: 0, waivedReason: 'Abmeldung nach Tod des Gewerbetreibenden' } }));
    expect(r.addressLines).toEqual(['Marie Weiß', 'Marienstraße 2', '48529 Nordhorn']);
    expect(r.flat).toContain('Guten Tag Marie Weiß,');
    expect(r.flat).not.toContain('Guten Tag Jürgen');
    expect(row(r, 'Grund der Abmeldung')).toBe('Tod des Gewerbetreibenden');
    expect(row(r, 'Anzeige erstattet von')).toBe('Marie Weiß (Erbin)');
    expect(r.flat).toContain('Die Bearbeitung der Anzeige ist gebührenfrei (Abmeldung nach Tod des Gewerbetreibenden).');
  });

  it('keeps the closing with the last paragraph when many partners push it to a second page', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ ...PARTNER_AYSE, givenNames: `Ayşe ${String.fromCharCode(65 + i)}.` }));
    const r = await render(input({ notice: gbrAnmeldung({ persons: [...many, PARTNER_JAN, PARTNER_GREET] }), fee: { cents: 2600 } }));
    expect(r.pdf.pages).toBe(2);
    const page2 = r.left.filter((l) => l.page === 2).map((l) => norm(l.text));
    expect(page2[0]).toContain('(Fortsetzung)');
    expect(page2).toContain('Im Auftrag');
    expect(page2.some((t) => t.startsWith('Gebühr: 26,00 €'))).toBe(true);
    expect(r.text).toContain('Seite 2 von 2');
  });

  it('refuses an invalid notice with the German reasons', async () => {
    await expect(layoutGewerbeEmpfangsbescheinigung(input({ notice: anmeldung({ persons: [] }) }), CTX)).rejects.toThrow(GewerbeDocumentError);
    await expect(layoutGewerbeEmpfangsbescheinigung(input({ notice: anmeldung({ startDate: '2026-09-01' }) }), CTX)).rejects.toThrow(
      /Gewerbeanzeige ist fehlerhaft: Der Beginn der Tätigkeit \(01\.09\.2026\) liegt mehr als 3 Monate/,
    );
  });

  it('chooses recipients, rows and line-safe citations without rendering', () => {
    const gmbh = parseGewerbeanzeige(ummeldung());
    expect(defaultRecipient(gmbh)).toMatchObject({ organisation: 'Emsland Elektrotechnik GmbH', street: 'Kaiserstraße', postalCode: '49809' });
    const woman = parseGewerbeanzeige(anmeldung({ business: { legalForm: 'einzelunternehmen' }, persons: [person({ sex: 'w', givenNames: 'Ayşe', familyName: 'Güneş', doctoralDegree: '' })] }));
    expect(defaultRecipient(woman)).toMatchObject({ salutation: 'Frau', familyName: 'Güneş', organisation: null, street: 'Lookenstraße' });
    expect(keyDataRows(parseGewerbeanzeige(anmeldung())).map((r) => r.label)).toEqual([
      'Grund der Anmeldung',
      'Betrieb',
      'Rechtsform',
      'Angaben zur Person',
      'Betriebsstätte',
      'Angemeldete Tätigkeit',
      'Beginn der Tätigkeit',
    ]);
    expect(bindCitations('siehe § 138 Abs. 1b AO und § 15 Abs. 2 GewO.')).toBe('siehe §\u00a0138\u00a0Abs.\u00a01b\u00a0AO und §\u00a015\u00a0Abs.\u00a02\u00a0GewO.');
  });
});
