import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENVELOPE_CONFIG,
  DEFAULT_POSTAGE_PRICES,
  PostageError,
  chooseEnvelope,
  choosePostage,
  describeTotals,
  envelopeConfigSchema,
  postagePricesSchema,
  postageTotals,
  type EnvelopeSize,
  type PostageRequest,
  type PostalProduct,
} from './postage';

describe('chooseEnvelope', () => {
  it.each([
    [1, 'DL'],
    [2, 'DL'],
    [3, 'DL'],
    [4, 'C5'],
    [8, 'C5'],
    [9, 'C4'],
    [40, 'C4'],
  ] as const)('%i sheet(s) → %s by default', (sheets, env) => {
    expect(chooseEnvelope(sheets)).toBe(env);
  });

  it('follows a configured mapping and refuses counts it does not cover', () => {
    const config = { rules: [{ maxSheets: 2, envelope: 'DL' as const }, { maxSheets: 5, envelope: 'C4' as const }] };
    expect(chooseEnvelope(2, config)).toBe('DL');
    expect(chooseEnvelope(3, config)).toBe('C4');
    expect(() => chooseEnvelope(6, config)).toThrow(/kein Umschlag eingestellt/);
    expect(() => chooseEnvelope(0)).toThrow(PostageError);
    expect(envelopeConfigSchema.parse(DEFAULT_ENVELOPE_CONFIG)).toEqual(DEFAULT_ENVELOPE_CONFIG);
  });
});

describe('choosePostage', () => {
  const table: [PostageRequest, PostalProduct, number, number, string][] = [
    // request, product, weight g, cents, label
    [{ sheets: 1, envelope: 'DL' }, 'standard', 10, 95, 'Standardbrief'],
    [{ sheets: 3, envelope: 'DL' }, 'standard', 20, 95, 'Standardbrief'],
    [{ sheets: 4, envelope: 'DL' }, 'kompakt', 25, 110, 'Kompaktbrief'],
    [{ sheets: 9, envelope: 'DL' }, 'kompakt', 50, 110, 'Kompaktbrief'],
    [{ sheets: 10, envelope: 'DL' }, 'gross', 55, 180, 'Großbrief'],
    // C5 and C4 exceed the 235 × 125 mm of Standard- and Kompaktbrief: always at least Großbrief.
    [{ sheets: 1, envelope: 'C5' }, 'gross', 15, 180, 'Großbrief'],
    [{ sheets: 8, envelope: 'C5' }, 'gross', 50, 180, 'Großbrief'],
    [{ sheets: 9, envelope: 'C4' }, 'gross', 65, 180, 'Großbrief'],
    [{ sheets: 96, envelope: 'C4' }, 'gross', 500, 180, 'Großbrief'],
    [{ sheets: 97, envelope: 'C4' }, 'maxi', 505, 290, 'Maxibrief'],
    [{ sheets: 2, envelope: 'DL', registered: 'einwurf' }, 'standard', 15, 95 + 235, 'Standardbrief + Einschreiben Einwurf'],
    [{ sheets: 2, envelope: 'DL', registered: 'uebergabe' }, 'standard', 15, 95 + 265, 'Standardbrief + Einschreiben Übergabe'],
    [{ sheets: 5, envelope: 'C5', registered: 'rueckschein' }, 'gross', 35, 180 + 485, 'Großbrief + Einschreiben Rückschein'],
    // Briefwahlunterlagen: 2 sheets (Wahlschein, Merkblatt) + ballot and two envelopes ≈ 12 g.
    [{ sheets: 2, envelope: 'DL', officialElectionMail: true, extraGrams: 12 }, 'kompakt', 27, 110, 'Kompaktbrief'],
    [{ sheets: 1, envelope: 'C6/5' }, 'standard', 10, 95, 'Standardbrief'],
  ];
  it.each(table)('%o → %s, %i g, %i ct', (req, product, grams, cents, label) => {
    const c = choosePostage(req, DEFAULT_POSTAGE_PRICES);
    expect(c.product).toBe(product);
    expect(c.weightGrams).toBe(grams);
    expect(c.cents).toBe(cents);
    expect(c.label).toBe(label);
    expect(c.baseCents + c.surchargeCents).toBe(c.cents);
    expect(Number.isInteger(c.cents)).toBe(true);
  });

  it('names the Vermerke for the Zusatz- und Vermerkzone', () => {
    expect(choosePostage({ sheets: 1, envelope: 'DL', registered: 'einwurf' }).vermerke).toEqual(['Einschreiben Einwurf']);
    expect(choosePostage({ sheets: 1, envelope: 'DL', registered: 'uebergabe' }).vermerke).toEqual(['Einschreiben']);
    expect(choosePostage({ sheets: 1, envelope: 'DL', officialElectionMail: true }).vermerke).toEqual([
      'Amtliche Wahlunterlagen',
    ]);
    expect(choosePostage({ sheets: 1, envelope: 'DL' }).vermerke).toEqual([]);
  });

  it('estimates thickness by the fold and stays far below the limits for paper letters', () => {
    expect(choosePostage({ sheets: 3, envelope: 'DL' }).thicknessMm).toBe(1.2); // 3 sheets × 3 layers × 0.1 + 0.3
    expect(choosePostage({ sheets: 8, envelope: 'C5' }).thicknessMm).toBe(1.9);
    expect(choosePostage({ sheets: 20, envelope: 'C4' }).thicknessMm).toBe(2.3);
  });

  it('takes prices from the configuration', () => {
    const prices = structuredClone(DEFAULT_POSTAGE_PRICES);
    prices.products.standard.cents = 105;
    prices.registered.einwurf.cents = 250;
    expect(postagePricesSchema.parse(prices)).toEqual(prices);
    expect(choosePostage({ sheets: 1, envelope: 'DL', registered: 'einwurf' }, prices).cents).toBe(355);
    expect(() => postagePricesSchema.parse({ ...prices, electionMailVermerk: '' })).toThrow();
  });

  it('refuses what is no letter', () => {
    expect(() => choosePostage({ sheets: 0, envelope: 'DL' })).toThrow(/Blattzahl/);
    expect(() => choosePostage({ sheets: 200, envelope: 'C4' })).toThrow(/Paket/);
    expect(() => choosePostage({ sheets: 1, envelope: 'B4' as EnvelopeSize })).toThrow(/Umschlagformat/);
  });
});

describe('postageTotals', () => {
  it('sums per product and overall, in cents', () => {
    const letters = [
      choosePostage({ sheets: 1, envelope: 'DL' }),
      choosePostage({ sheets: 5, envelope: 'C5', registered: 'einwurf' }),
      choosePostage({ sheets: 2, envelope: 'DL' }),
    ];
    const t = postageTotals(letters);
    expect(t).toEqual({
      letters: 3,
      cents: 95 + 180 + 235 + 95,
      byLabel: [
        { label: 'Standardbrief', letters: 2, cents: 190 },
        { label: 'Großbrief + Einschreiben Einwurf', letters: 1, cents: 415 },
      ],
    });
    expect(describeTotals(t)).toBe('3 Briefe, Porto 6,05 €');
    expect(() => postageTotals([{ label: 'x', cents: 0.5 }])).toThrow(PostageError);
  });
});
