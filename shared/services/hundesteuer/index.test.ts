import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CHIP_LENGTH_MESSAGE,
  HUNDESTEUER_ABMELDUNG_URN,
  addMonths,
  anmeldungHints,
  buildMandateReference,
  chipNumberProblem,
  easterSunday,
  formatChipNumber,
  formatMonthRange,
  holidaysNiedersachsen,
  hundesteuerAbmeldung,
  hundesteuerAbmeldungData,
  hundesteuerAnmeldung,
  hundesteuerAnmeldungData,
  hundesteuerAnmeldungShape,
  ibanProblem,
  isDangerousForTax,
  isIsoDate,
  isValidCreditorId,
  isValidMandateReference,
  maskIban,
  nhundgDutiesApply,
} from './index';

/** A complete, valid Anmeldung of an adult dog. */
function anmeldung(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reason: 'aufnahme',
    acquiredOn: '2026-03-18',
    registeredOn: '2026-03-25',
    previousOwner: 'Tierheim Lingen, Am Tierheim 1, 49811 Lingen (Ems)',
    dog: {
      name: 'Bärbel',
      breed: 'Mischling (Labrador/Schäferhund)',
      colour: 'schwarz-braun',
      sex: 'huendin',
      birthDate: '2022-06-01',
      chipNumber: '276 09 8100 123456',
    },
    insurance: { insurer: 'Emsländische Versicherung VVaG', policyNumber: 'HH-2026/4711', personsCents: 1_000_000_00, otherCents: 500_000_00 },
    sachkunde: { kind: 'pruefung', theoryPassedOn: '2026-02-20', practicalPassedOn: null, examiner: 'Hundeschule Emsland' },
    centralRegister: { enteredOn: '2026-03-20', reference: null },
    sepa: { accountHolder: 'Łukasz Żółkiewski-Ørsted', iban: 'de89 3704 0044 0532 0130 00', mandateDate: '2026-03-25' },
    ...overrides,
  };
}

function messages(schema: z.ZodTypeAny, data: unknown): Record<string, string[]> {
  const r = schema.safeParse(data);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join('.')] ??= []).push(i.message);
  return out;
}

describe('services', () => {
  it('Anmeldung has the LeiKa key of DOMAIN.md, the Abmeldung a project URN', () => {
    expect(hundesteuerAnmeldung).toMatchObject({
      id: 'hundesteuer-anmeldung',
      leikaKey: '99102013104000',
      serviceIdentifier: 'urn:de:fim:leika:leistung:99102013104000',
      documents: ['hundesteuerBescheid'],
    });
    expect(hundesteuerAbmeldung).toMatchObject({ id: 'hundesteuer-abmeldung', leikaKey: null, serviceIdentifier: HUNDESTEUER_ABMELDUNG_URN });
    expect(HUNDESTEUER_ABMELDUNG_URN).toBe('urn:bbdesk:leistung:hundesteuer-abmeldung');
    expect(hundesteuerAnmeldung.fees).toEqual([{ key: 'hundesteuer.ersatzmarke', label: 'Ersatz-Hundesteuermarke', cents: 250 }]);
  });

  it('both schemas export as JSON Schema for the portal side (input form)', () => {
    const a = z.toJSONSchema(hundesteuerAnmeldungData, { io: 'input' }) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(a.properties)).toEqual(
      expect.arrayContaining(['reason', 'acquiredOn', 'registeredOn', 'dog', 'insurance', 'sachkunde', 'centralRegister', 'dangerous', 'sepa']),
    );
    expect(a.required).toEqual(expect.arrayContaining(['reason', 'acquiredOn', 'registeredOn', 'dog']));
    expect(() => z.toJSONSchema(hundesteuerAbmeldungData, { io: 'input' })).not.toThrow();
  });
});

describe('Anmeldung', () => {
  it('accepts a complete registration and normalises chip and IBAN', () => {
    const d = hundesteuerAnmeldungData.parse(anmeldung());
    expect(d.dog.chipNumber).toBe('276098100123456');
    expect(d.sepa!.iban).toBe('DE89370400440532013000');
    expect(d.dangerous).toEqual({ bySatzung: false, byNHundG: false, determination: null, permit: null });
    expect(d.paymentSchedule).toBeNull();
    expect(isDangerousForTax(d)).toBe(false);
  });

  it.each<[string, string, string | null]>([
    ['too short', '27609810012345', CHIP_LENGTH_MESSAGE],
    ['letters', '27609810012345A', CHIP_LENGTH_MESSAGE],
    ['16 digits', '2760981001234567', CHIP_LENGTH_MESSAGE],
    ['German country code', '276098100123456', null],
    ['Austria (040)', '040098100123456', null],
    ['Netherlands (528)', '528140000123456', null],
    ['manufacturer code 900', '900123456789012', null],
    ['manufacturer code 985', '985112003456789', null],
    ['test transponder 999', '999000000000001', 'Die Chipnummer beginnt mit 999: das ist ein Testtransponder, keine Kennzeichnung eines Tieres (ISO 11784).'],
    ['000', '000123456789012', 'Die Chipnummer beginnt mit 000: das ist weder ein Ländercode nach ISO 3166 (z. B. 276 für Deutschland) noch ein Herstellercode (900 bis 998). Bitte die Nummer mit dem Heimtierausweis vergleichen.'],
    ['no country 277', '277098100123456', 'Die Chipnummer beginnt mit 277: das ist weder ein Ländercode nach ISO 3166 (z. B. 276 für Deutschland) noch ein Herstellercode (900 bis 998). Bitte die Nummer mit dem Heimtierausweis vergleichen.'],
  ])('chip number %s', (_name, chip, problem) => {
    expect(chipNumberProblem(chip)).toBe(problem);
    const m = messages(hundesteuerAnmeldungData, anmeldung({ dog: { ...(anmeldung().dog as object), chipNumber: chip } }));
    expect(m['dog.chipNumber']).toEqual(problem ? [problem] : undefined);
  });

  it('formats a chip number for print', () => {
    expect(formatChipNumber('276098100123456')).toBe('276 098 100 123 456');
  });

  it('requires a chip for a dog older than six months on the day of registration (§ 4 NHundG)', () => {
    const m = messages(hundesteuerAnmeldungData, anmeldung({ dog: { ...(anmeldung().dog as object), chipNumber: null } }));
    expect(m['dog.chipNumber']).toEqual(['Für Hunde, die älter als sechs Monate sind, ist eine Chipnummer erforderlich (§ 4 NHundG).']);
    // An empty field counts as no chip number.
    const empty = messages(hundesteuerAnmeldungData, anmeldung({ dog: { ...(anmeldung().dog as object), chipNumber: '' } }));
    expect(empty['dog.chipNumber']).toEqual(['Für Hunde, die älter als sechs Monate sind, ist eine Chipnummer erforderlich (§ 4 NHundG).']);
  });

  it.each<[string, string, boolean]>([
    ['exactly six months old (born 31.08., registered 28.02.)', '2025-08-31', false],
    ['born 30.08.: also six months old on 28.02. (§ 188 Abs. 3 BGB)', '2025-08-30', false],
    ['born 27.08.: older than six months on 28.02.', '2025-08-27', true],
    ['leap year: born 29.02.2024, registered 29.08.2024', '2024-02-29', false],
  ])('six-month age limit: %s', (_name, birthDate, older) => {
    const registeredOn = birthDate === '2024-02-29' ? '2024-08-29' : '2026-02-28';
    expect(nhundgDutiesApply(birthDate, registeredOn)).toBe(older);
  });

  it('a puppy of four months needs no chip, insurance or register entry yet; the clerk is told the date', () => {
    const puppy = anmeldung({
      acquiredOn: '2026-03-10',
      registeredOn: '2026-03-12',
      dog: { name: 'Krümel', breed: 'Dackel', colour: 'rot', sex: 'ruede', birthDate: '2025-11-20' },
      insurance: null,
      centralRegister: null,
    });
    const d = hundesteuerAnmeldungData.parse(puppy);
    expect(anmeldungHints(d)).toContain(
      'Der Hund wird am 20.05.2026 sechs Monate alt; bis dahin nach dem NHundG erforderlich: Kennzeichnung mit Transponder (§ 4), Haftpflichtversicherung (§ 5), Eintrag im Zentralen Register (§ 6).',
    );
  });

  it('requires liability insurance with the minimum sums of § 5 NHundG', () => {
    expect(messages(hundesteuerAnmeldungData, anmeldung({ insurance: null })).insurance).toEqual([
      'Für Hunde, die älter als sechs Monate sind, ist eine Haftpflichtversicherung nachzuweisen (§ 5 NHundG): Versicherung, Versicherungsscheinnummer und Deckungssummen.',
    ]);
    const low = messages(
      hundesteuerAnmeldungData,
      anmeldung({ insurance: { insurer: 'X-Versicherung AG', policyNumber: '1', personsCents: 499_999_99, otherCents: 100_000_00 } }),
    );
    expect(low['insurance.personsCents']).toEqual(['Die Deckungssumme für Personenschäden muss mindestens 500.000 € betragen (§ 5 NHundG).']);
    expect(low['insurance.otherCents']).toEqual(['Die Deckungssumme für sonstige Schäden (Sachschäden) muss mindestens 250.000 € betragen (§ 5 NHundG).']);
    expect(
      messages(hundesteuerAnmeldungData, anmeldung({ insurance: { insurer: 'X', policyNumber: '1', personsCents: 500_000_00, otherCents: 250_000_00 } })),
    ).toEqual({});
  });

  it('requires the central register entry (§ 6 NHundG)', () => {
    expect(messages(hundesteuerAnmeldungData, anmeldung({ centralRegister: null })).centralRegister).toEqual([
      'Hunde, die älter als sechs Monate sind, müssen im Zentralen Register eingetragen sein (§ 6 NHundG); bitte das Datum des Eintrags angeben.',
    ]);
  });

  describe('Sachkunde (§ 3 NHundG)', () => {
    it('is required: proof or exception', () => {
      expect(messages(hundesteuerAnmeldungData, anmeldung({ sachkunde: null })).sachkunde).toEqual([
        'Bitte die Sachkunde angeben: Datum der bestandenen Sachkundeprüfung oder die Ausnahme, die für Sie gilt (§ 3 NHundG).',
      ]);
    });

    it.each<[string, string | null, string | null, boolean]>([
      ['held a dog 2015–2024 (within ten years, more than two)', '2015-01-01', '2024-12-31', true],
      ['exactly two years ending on the start of this holding', '2024-03-18', '2026-03-18', true],
      ['only 23 months', '2023-01-01', '2024-11-30', false],
      ['two years, but more than ten years ago', '2010-01-01', '2015-12-31', false],
      ['long holding that reaches two years into the ten-year window', '2000-01-01', '2018-03-18', true],
      ['dates missing', null, null, false],
    ])('exception "earlier holding": %s', (_name, from, to, ok) => {
      const m = messages(
        hundesteuerAnmeldungData,
        anmeldung({ sachkunde: { kind: 'ausnahme', reason: 'fruehere_haltung', previousHoldingFrom: from, previousHoldingTo: to } }),
      );
      if (ok) expect(m).toEqual({});
      else expect(Object.keys(m).some((k) => k.startsWith('sachkunde.'))).toBe(true);
    });

    it('names the ten-year window in its message', () => {
      const m = messages(
        hundesteuerAnmeldungData,
        anmeldung({ sachkunde: { kind: 'ausnahme', reason: 'fruehere_haltung', previousHoldingFrom: '2010-01-01', previousHoldingTo: '2015-12-31' } }),
      );
      expect(m['sachkunde.previousHoldingTo']).toEqual([
        'Die Ausnahme von der Sachkundeprüfung gilt nur, wenn innerhalb der letzten zehn Jahre vor Beginn der Haltung (also seit dem 18.03.2016) mindestens zwei Jahre ununterbrochen ein Hund gehalten wurde (§ 3 NHundG).',
      ]);
    });

    it('another exception must be explained', () => {
      expect(messages(hundesteuerAnmeldungData, anmeldung({ sachkunde: { kind: 'ausnahme', reason: 'sonstige' } }))['sachkunde.details']).toEqual([
        'Bitte die Ausnahme von der Sachkundeprüfung erläutern (welche Vorschrift, welcher Nachweis).',
      ]);
      expect(messages(hundesteuerAnmeldungData, anmeldung({ sachkunde: { kind: 'ausnahme', reason: 'tierarzt' } }))).toEqual({});
    });

    it('hints (not refusals): theory exam after the start, practical exam due', () => {
      const d = hundesteuerAnmeldungData.parse(
        anmeldung({ sachkunde: { kind: 'pruefung', theoryPassedOn: '2026-03-20', practicalPassedOn: null } }),
      );
      expect(anmeldungHints(d)).toEqual([
        'Die theoretische Sachkundeprüfung ist vor Beginn der Hundehaltung abzulegen (§ 3 NHundG); sie wurde danach abgelegt.',
        'Die praktische Sachkundeprüfung ist bis zum 18.03.2027 abzulegen (§ 3 NHundG).',
      ]);
    });
  });

  it('a dog found dangerous under § 7 NHundG needs the permit of § 8 noted', () => {
    const m = messages(hundesteuerAnmeldungData, anmeldung({ dangerous: { byNHundG: true } }));
    expect(m['dangerous.determination']).toEqual(['Bitte die Feststellung der Gefährlichkeit nach § 7 NHundG angeben: Behörde, Aktenzeichen und Datum.']);
    expect(m['dangerous.permit']).toEqual([
      'Wer einen nach § 7 NHundG als gefährlich festgestellten Hund hält, braucht die Erlaubnis nach § 8 NHundG: bitte Behörde, Aktenzeichen und Datum der Erlaubnis angeben.',
    ]);
    const ok = hundesteuerAnmeldungData.parse(
      anmeldung({
        dangerous: {
          byNHundG: true,
          determination: { authority: 'Stadt Lingen (Ems), Fachdienst Ordnung', reference: '32.1-HG-17/2025', date: '2025-09-01' },
          permit: { authority: 'Stadt Lingen (Ems), Fachdienst Ordnung', reference: '32.1-HG-17/2025-E', date: '2025-11-15' },
        },
      }),
    );
    expect(isDangerousForTax(ok)).toBe(true);
    // Dangerous under the Satzung only: the tax rate, but no NHundG permit.
    const satzung = hundesteuerAnmeldungData.parse(anmeldung({ dangerous: { bySatzung: true } }));
    expect(isDangerousForTax(satzung)).toBe(true);
  });

  it.each<[string, string, string]>([
    ['mistyped', 'DE89 3704 0044 0532 0130 01', 'Die IBAN ist ungültig (Länge oder Prüfziffer stimmt nicht).'],
    ['outside SEPA', 'BR1800360305000010009795493C1', 'Die IBAN gehört zu einem Land außerhalb des SEPA-Raums (BR); ein SEPA-Lastschriftmandat ist damit nicht möglich.'],
    ['empty', '', 'Bitte die IBAN angeben.'],
  ])('IBAN %s', (_name, iban, message) => {
    expect(ibanProblem(iban)).toBe(message);
    const m = messages(hundesteuerAnmeldungData, anmeldung({ sepa: { accountHolder: 'A B', iban, mandateDate: '2026-03-25' } }));
    expect(m['sepa.iban']).toEqual([message]);
  });

  it('accepts SEPA IBANs from abroad and no mandate at all (payment by transfer)', () => {
    expect(ibanProblem('CH93 0076 2011 6238 5295 7')).toBeNull();
    expect(ibanProblem('NL91ABNA0417164300')).toBeNull();
    expect(hundesteuerAnmeldungData.parse(anmeldung({ sepa: null })).sepa).toBeNull();
    expect(maskIban('DE89370400440532013000')).toBe('DE89 37•• •••• •••• ••30 00');
  });

  it('names in DIN 91379: accepted unchanged, others refused with the character', () => {
    const d = hundesteuerAnmeldungData.parse(anmeldung({ dog: { ...(anmeldung().dog as object), name: 'Ørjan \'Łapa\' Şeker' } }));
    expect(d.dog.name).toBe('Ørjan \'Łapa\' Şeker');
    expect(d.sepa!.accountHolder).toBe('Łukasz Żółkiewski-Ørsted');
    const m = messages(hundesteuerAnmeldungData, anmeldung({ dog: { ...(anmeldung().dog as object), name: 'Rex 🐶' } }));
    expect(m['dog.name']).toEqual(['Name des Hundes: Zeichen außerhalb von DIN 91379 sind nicht zulässig: „🐶“.']);
  });

  it('checks the dates against each other', () => {
    expect(messages(hundesteuerAnmeldungData, anmeldung({ acquiredOn: '2022-05-01' })).acquiredOn).toEqual([
      'Die Hundehaltung kann nicht vor der Geburt des Hundes begonnen haben.',
    ]);
    expect(messages(hundesteuerAnmeldungData, anmeldung({ registeredOn: '2026-02-30' })).registeredOn).toEqual([
      'Datum der Anmeldung: bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.',
    ]);
    expect(messages(hundesteuerAnmeldungData, anmeldung({ reason: 'geburt' })).acquiredOn).toEqual([
      'Bei einem Hund aus eigener Zucht beginnt die Haltung mit der Geburt: bitte das Geburtsdatum eintragen.',
    ]);
  });

  it('a late registration is a hint, not a refusal', () => {
    const d = hundesteuerAnmeldungData.parse(anmeldung({ acquiredOn: '2026-01-05' }));
    expect(anmeldungHints(d)[0]).toBe(
      'Die Anmeldung ist verspätet: die Frist von 14 Tagen nach Beginn der Haltung endete am 19.01.2026. Die Steuer wird trotzdem ab dem Beginn der Haltung festgesetzt.',
    );
  });

  it('the shape schema records a holding without NHundG proofs', () => {
    const data = anmeldung({ insurance: null, centralRegister: null, sachkunde: null, dog: { ...(anmeldung().dog as object), chipNumber: null } });
    expect(hundesteuerAnmeldungShape.safeParse(data).success).toBe(true);
    expect(hundesteuerAnmeldungData.safeParse(data).success).toBe(false);
  });
});

describe('Abmeldung', () => {
  const abmeldung = (o: Record<string, unknown> = {}) => ({ tagNumber: ' 0815 ', reason: 'tod', endedOn: '2026-05-10', reportedOn: '2026-05-12', ...o });

  it('accepts a death reported two days later', () => {
    expect(hundesteuerAbmeldungData.parse(abmeldung())).toEqual({
      tagNumber: '0815',
      reason: 'tod',
      endedOn: '2026-05-10',
      reportedOn: '2026-05-12',
      reasonDetails: '',
      newOwner: null,
      newAddress: null,
      tagReturned: false,
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['death in the future', { endedOn: '2026-05-20' }, 'endedOn', 'Das Todesdatum kann nicht nach dem Tag der Abmeldung liegen.'],
    ['sale without new owner', { reason: 'abgabe' }, 'newOwner', 'Bei Verkauf oder Abgabe des Hundes bitte Name und Anschrift der neuen Halterin oder des neuen Halters angeben.'],
    ['move four months ahead', { reason: 'wegzug', endedOn: '2026-09-30' }, 'endedOn', 'Ein Wegzug kann höchstens drei Monate im Voraus abgemeldet werden.'],
    ['other reason unexplained', { reason: 'sonstiges' }, 'reasonDetails', 'Bitte den Grund der Abmeldung erläutern.'],
    ['tag number with spaces inside', { tagNumber: '08 15' }, 'tagNumber', 'Die Nummer der Hundesteuermarke besteht aus Ziffern (und ggf. Buchstaben, Bindestrich), höchstens 12 Zeichen.'],
  ])('refuses: %s', (_name, o, path, message) => {
    expect(messages(hundesteuerAbmeldungData, abmeldung(o))[path]).toEqual([message]);
  });

  it('accepts a sale with the new owner and a move announced in advance', () => {
    const sale = hundesteuerAbmeldungData.parse(
      abmeldung({ reason: 'abgabe', newOwner: { name: 'Ayşe Güneş', address: { street: 'Kőváry-Weg 3', postalCode: '48149', city: 'Münster' } } }),
    );
    expect(sale.newOwner!.address.country).toBe('DE');
    expect(hundesteuerAbmeldungData.safeParse(abmeldung({ reason: 'wegzug', endedOn: '2026-07-31' })).success).toBe(true);
  });
});

describe('calendar and SEPA helpers', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('Easter %i', (year, date) => expect(easterSunday(year)).toBe(date));

  it('holidays in Niedersachsen 2026', () => {
    expect([...holidaysNiedersachsen(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-10-31',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(formatMonthRange('2026-04', '2026-12')).toBe('April bis Dezember 2026');
    expect(formatMonthRange('2025-12', '2026-03')).toBe('Dezember 2025 bis März 2026');
    expect(formatMonthRange('2026-05', '2026-05')).toBe('Mai 2026');
  });

  it('Gläubiger-Identifikationsnummer and mandate references', () => {
    expect(isValidCreditorId('DE98ZZZ09999999999')).toBe(true);
    expect(isValidCreditorId('DE98 ZZZ 0999 9999 999')).toBe(true);
    expect(isValidCreditorId('DE98ABC09999999999')).toBe(true); // the business code is not checked
    expect(isValidCreditorId('DE97ZZZ09999999999')).toBe(false);
    expect(isValidCreditorId('DE98ZZZ0999999999')).toBe(false);
    expect(buildMandateReference('HST', 'BB-2026-000042')).toBe('HST-BB-2026-000042');
    expect(buildMandateReference('HST', 'Marke 0815 / Bärbel')).toBe('HST-MARKE-0815-/-BARBEL');
    expect(isValidMandateReference('HST BB')).toBe(false);
    expect(isValidMandateReference('X'.repeat(36))).toBe(false);
    expect(() => buildMandateReference('HST', '€')).toThrow('Für die Mandatsreferenz fehlt ein Schlüssel');
  });
});
