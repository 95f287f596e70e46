import { describe, expect, it } from 'vitest';
import { parseGewerbeanzeige } from './index';
import { fieldsText, isFoodWz, latestDueDate, LINGEN_DIRECTORY, recipientsFor, type RecipientTodo } from './recipients';
import { abmeldung, anmeldung, gbrAnmeldung, ummeldung } from './test-fixtures';

const keys = (todos: RecipientTodo[]) => todos.map((t) => t.key);

describe('recipientsFor: which body gets which notice (§ 3 GewAnzV, § 138 AO)', () => {
  // [case, notice, expected keys in order]
  it.each<[string, unknown, string[]]>([
    [
      'GewA 1 trade (IHK), no food',
      anmeldung(),
      ['ihk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 1 café (food by flag and WZ 56)',
      gbrAnmeldung(),
      ['ihk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'lebensmittel', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 1 bakery: food by WZ 10.71.1 alone',
      anmeldung({ activity: { description: 'Herstellung von Backwaren', wz2008: '10.71.1', craft: 'A', craftCard: { chamber: 'HWK Osnabrück-Emsland-Grafschaft Bentheim', issuedOn: '2020-01-01' } } }),
      ['hwk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'lebensmittel', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 1 Handwerk Anlage B1 with non-craft trade: HWK and IHK',
      anmeldung({ activity: { description: 'Fliesenlegerarbeiten und Handel mit Baustoffen', craft: 'B1', craftAlsoNonCraft: true } }),
      ['ihk', 'hwk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 1 with indications of undeclared work: customs',
      anmeldung({ customsIndications: true }),
      ['ihk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik', 'zoll', 'finanzamt'],
    ],
    [
      'GewA 2 relocation of a Handwerk A business: HWK and Finanzamt',
      ummeldung(),
      ['hwk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 2 activity change only: no Finanzamt (§ 138 AO covers opening, relocation, closing)',
      ummeldung({ changes: { relocation: false, activityChange: 'wechsel', previousActivity: 'Elektroinstallation' } }),
      ['hwk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik'],
    ],
    [
      'GewA 2 customs flag is ignored (Anmeldung only)',
      ummeldung({ customsIndications: true } as never),
      ['hwk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 3 of an e. K. in the HRA: Registergericht',
      abmeldung(),
      ['ihk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'registergericht', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 3 of an Einzelunternehmen: no Registergericht',
      abmeldung({ business: { name: 'Blumenstube', legalForm: 'einzelunternehmen' } }),
      ['ihk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 3 of a Verein (VR): no Registergericht (only Handels- and Genossenschaftsregister)',
      abmeldung({
        business: { name: 'Förderverein Lingen e. V.', legalForm: 'sonstige', legalFormOther: 'eingetragener Verein', register: { court: 'Osnabrück', type: 'VR', number: '110123' } },
      }),
      ['ihk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'statistik', 'finanzamt'],
    ],
    [
      'GewA 3 of an eG (GnR): Registergericht',
      abmeldung({
        business: { name: 'Dorfladen Brögbern eG', legalForm: 'eg', register: { court: 'Osnabrück', type: 'GnR', number: '300' } },
        persons: [{ ...abmeldung().persons[0]!, role: 'gesetzlicher_vertreter', position: 'Vorstand' }],
        activity: { description: 'Einzelhandel mit Lebensmitteln', wz2008: '47.11.0' },
      }),
      ['ihk', 'gewerbeaufsicht', 'eichbehoerde', 'arbeitsagentur', 'dguv', 'registergericht', 'lebensmittel', 'statistik', 'finanzamt'],
    ],
  ])('%s', (_, notice, expected) => {
    const todos = recipientsFor(parseGewerbeanzeige(notice)).filter((t) => t.kind === 'transmit');
    expect(keys(todos)).toEqual(expected);
  });

  it('names the bodies for Lingen (Ems) with their legal references', () => {
    const todos = recipientsFor(parseGewerbeanzeige(abmeldung()));
    const by = Object.fromEntries(todos.map((t) => [t.key, t]));
    expect(by.ihk).toMatchObject({ body: 'Industrie- und Handelskammer Osnabrück – Emsland – Grafschaft Bentheim', reference: '§ 14 Abs. 8 Satz 1 Nr. 1 GewO, § 3 Abs. 1 Nr. 1 GewAnzV' });
    expect(by.gewerbeaufsicht).toMatchObject({ body: 'Staatliches Gewerbeaufsichtsamt Osnabrück', reference: '§ 14 Abs. 8 Satz 1 Nr. 3 und 3a GewO, § 3 Abs. 1 Nr. 3 und 4 GewAnzV' });
    expect(by.eichbehoerde!.reference).toBe('§ 14 Abs. 8 Satz 1 Nr. 4 GewO, § 3 Abs. 1 Nr. 5 GewAnzV');
    expect(by.arbeitsagentur!.reference).toBe('§ 14 Abs. 8 Satz 1 Nr. 5 GewO, § 3 Abs. 1 Nr. 6 GewAnzV');
    expect(by.dguv!.reference).toBe('§ 14 Abs. 8 Satz 1 Nr. 6 GewO, § 3 Abs. 1 Nr. 7 GewAnzV');
    expect(by.registergericht).toMatchObject({ body: 'Amtsgericht Osnabrück – Registergericht', reference: '§ 14 Abs. 8 Satz 1 Nr. 8 GewO, § 3 Abs. 1 Nr. 8 GewAnzV' });
    expect(by.registergericht!.reason).toContain('Amtsgericht Osnabrück, HRA 200815');
    expect(by.statistik).toMatchObject({ body: 'Landesamt für Statistik Niedersachsen (LSN)', due: 'erster_arbeitstag_folgemonat' });
    expect(by.statistik!.reference).toContain('§ 3 Abs. 2 Nr. 3 Buchst. c GewAnzV');
    expect(by.finanzamt).toMatchObject({ body: 'Finanzamt Lingen (Ems)', reference: '§ 138 Abs. 1 Satz 1 und 4 AO, § 14 Abs. 8 Satz 2 GewO' });
    expect(by.finanzamt!.reason).toMatch(/^Aufgabe eines gewerblichen Betriebes/);
    for (const t of todos) expect(t.reason.length).toBeGreaterThan(10);
  });

  it('states the fields each body receives per form (§ 3 Abs. 1 and 2 GewAnzV)', () => {
    const a = Object.fromEntries(recipientsFor(parseGewerbeanzeige(anmeldung({ customsIndications: true }))).map((t) => [t.key, t]));
    expect((a.ihk as { fieldsText: string }).fieldsText).toBe('alle Angaben außer den Feldern 13, 27, 29 bis 31 und 33 (Anlage 1 GewAnzV)');
    expect((a.eichbehoerde as { fieldsText: string }).fieldsText).toBe('nur die Felder 1, 3 bis 5, 11, 14, 15, 18 und 20 (Anlage 1 GewAnzV)');
    expect((a.statistik as { fieldsText: string }).fieldsText).toBe('nur die Felder 1 bis 6, 10, 12, 15 bis 25, 29 und 32 (Anlage 1 GewAnzV)');
    expect((a.zoll as { fieldsText: string }).fieldsText).toBe('alle Angaben außer den Feldern 13, 27 und 33 (Anlage 1 GewAnzV)');
    const u = Object.fromEntries(recipientsFor(parseGewerbeanzeige(ummeldung())).map((t) => [t.key, t]));
    expect((u.hwk as { fieldsText: string }).fieldsText).toBe('alle Angaben außer den Feldern 13, 27, 28 und 30 (Anlage 2 GewAnzV)');
    const d = Object.fromEntries(recipientsFor(parseGewerbeanzeige(abmeldung())).map((t) => [t.key, t]));
    expect((d.arbeitsagentur as { fieldsText: string }).fieldsText).toBe('alle Angaben außer den Feldern 10, 12 bis 19 und 21 bis 30 (Anlage 3 GewAnzV)');
    expect((d.registergericht as { fieldsText: string }).fieldsText).toBe(
      'alle Angaben außer den Feldern 8 bis 10, 12 bis 14, 16, 21, 22, 24 und 28 bis 30 (Anlage 3 GewAnzV)',
    );
    expect(fieldsText({ mode: 'all' }, 'GewA1')).toBe('alle Angaben der Anzeige');
  });

  it('leaves out bodies that waived the regular transmission and takes other names from the configuration', () => {
    const todos = recipientsFor(parseGewerbeanzeige(anmeldung()), {
      waived: ['eichbehoerde', 'gewerbeaufsicht'],
      directory: { arbeitsagentur: 'Agentur für Arbeit Nordhorn, Geschäftsstelle Lingen' },
    });
    expect(keys(todos)).toEqual(['ihk', 'arbeitsagentur', 'dguv', 'statistik', 'finanzamt']);
    expect(todos.find((t) => t.key === 'arbeitsagentur')!.body).toBe('Agentur für Arbeit Nordhorn, Geschäftsstelle Lingen');
    expect(LINGEN_DIRECTORY.hwk).toBe('Handwerkskammer Osnabrück-Emsland-Grafschaft Bentheim');
  });

  // [case, notice, expected check keys]
  it.each<[string, unknown, string[]]>([
    ['nothing to check', anmeldung(), []],
    ['permit required, none shown', anmeldung({ activity: { description: 'Immobilienmakler', permitRequired: true } }), ['erlaubnis']],
    [
      'permit required and shown',
      anmeldung({ activity: { description: 'Immobilienmakler', permitRequired: true, permit: { kind: 'Erlaubnis nach § 34c GewO', authority: 'Stadt Lingen (Ems)', issuedOn: '2026-02-01' } } }),
      [],
    ],
    ['Anlage A without Handwerkskarte', anmeldung({ activity: { description: 'Elektroinstallation', craft: 'A' } }), ['handwerksrolle']],
    ['Anlage B1 needs no Handwerkskarte', anmeldung({ activity: { description: 'Fliesenlegerarbeiten', craft: 'B1' } }), []],
    ['Reisegewerbe', anmeldung({ activity: { description: 'Verkauf von Haushaltswaren', itinerant: true } }), ['reisegewerbe']],
    ['no checks on an Abmeldung', abmeldung({ activity: { description: 'Immobilienmakler', permitRequired: true, craft: 'A', itinerant: true } }), []],
  ])('checks: %s', (_, notice, expected) => {
    const checks = recipientsFor(parseGewerbeanzeige(notice)).filter((t) => t.kind === 'check');
    expect(keys(checks)).toEqual(expected);
    for (const c of checks) expect(c.reference).toMatch(/§ (15 Abs\. 2 GewO|1 Abs\. 1 HwO|55 Abs\. 2 GewO)/);
  });

  it('dates the statistical transmission: first working day of the next month', () => {
    const [stat] = recipientsFor(parseGewerbeanzeige(anmeldung())).filter((t) => t.key === 'statistik');
    expect(latestDueDate(stat!, '2026-12-15')).toBe('2027-01-04');
    expect(latestDueDate(stat!, '2026-03-10')).toBe('2026-04-01');
    const [ihk] = recipientsFor(parseGewerbeanzeige(anmeldung())).filter((t) => t.key === 'ihk');
    expect(latestDueDate(ihk!, '2026-03-10')).toBeNull();
  });

  it.each([
    ['10.71.1', true],
    ['11.05.0', true],
    ['46.31.0', true],
    ['47.21.0', true],
    ['47.81.0', true],
    ['56.30.0', true],
    ['47.11.0', true], // Einzelhandel mit Waren verschiedener Art, Hauptrichtung Nahrungs- und Genussmittel
    ['47.19.1', false], // … Hauptrichtung Nicht-Nahrungsmittel
    ['47.64.1', false],
    ['01.13.1', false],
  ])('WZ %s handles food: %s', (wz, food) => {
    expect(isFoodWz(wz)).toBe(food);
  });
});
