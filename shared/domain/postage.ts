/**
 * Postage: which envelope a letter goes in and which Deutsche Post product and price it needs. Prices and products
 * are configuration (integer cents); the defaults are Deutsche Post's from 1 January 2025 (../shared/DOMAIN.md
 * "Letters and envelopes"). Pure logic, no I/O.
 *
 * Weight estimate (documented figures, deliberately on the heavy side):
 * - one A4 sheet of 80 g/m² paper: 0.0625 m² × 80 g = 5 g (4.99 g);
 * - envelopes: DL ≈ 5 g, C6/5 ≈ 5 g, C6 ≈ 4 g, C5 ≈ 10 g, C4 ≈ 20 g (80–100 g/m² envelope paper incl. flap);
 * - thickness: 0.1 mm per sheet, times the layers of the fold (DL: letter fold, 3 layers; C5: folded once, 2; C4:
 *   flat, 1), plus 0.3 mm for the envelope. For paper letters the weight always binds before the thickness.
 * A DL envelope with 3 sheets weighs 20 g: the Standardbrief limit; more sheets in DL make a Kompaktbrief.
 *
 * Formats: Standard- and Kompaktbrief take at most 235 × 125 mm, so they fit DL (and C6, C6/5) only; a C5 or C4
 * envelope is always at least a Großbrief (up to 353 × 250 mm, 500 g), beyond that a Maxibrief (1000 g).
 */
import { z } from 'zod';
import { formatEuro } from './money';

export type EnvelopeSize = 'DL' | 'C6/5' | 'C6' | 'C5' | 'C4';
export type PostalProduct = 'standard' | 'kompakt' | 'gross' | 'maxi';
export type RegisteredOption = 'einwurf' | 'uebergabe' | 'rueckschein';

export interface ProductSpec {
  label: string;
  cents: number;
  maxGrams: number;
  maxThicknessMm: number;
  /** Largest envelope (length × width in mm) the product accepts. */
  maxLengthMm: number;
  maxWidthMm: number;
}

export interface PostagePrices {
  products: Record<PostalProduct, ProductSpec>;
  /** Surcharges in cents (the Rückschein figure is the whole surcharge of "Einschreiben Rückschein"). */
  registered: Record<RegisteredOption, { label: string; vermerk: string; cents: number }>;
  /** Vermerk printed for official election mail. */
  electionMailVermerk: string;
}

export const DEFAULT_POSTAGE_PRICES: PostagePrices = {
  products: {
    standard: { label: 'Standardbrief', cents: 95, maxGrams: 20, maxThicknessMm: 5, maxLengthMm: 235, maxWidthMm: 125 },
    kompakt: { label: 'Kompaktbrief', cents: 110, maxGrams: 50, maxThicknessMm: 10, maxLengthMm: 235, maxWidthMm: 125 },
    gross: { label: 'Großbrief', cents: 180, maxGrams: 500, maxThicknessMm: 20, maxLengthMm: 353, maxWidthMm: 250 },
    maxi: { label: 'Maxibrief', cents: 290, maxGrams: 1000, maxThicknessMm: 50, maxLengthMm: 353, maxWidthMm: 250 },
  },
  registered: {
    einwurf: { label: 'Einschreiben Einwurf', vermerk: 'Einschreiben Einwurf', cents: 235 },
    uebergabe: { label: 'Einschreiben Übergabe', vermerk: 'Einschreiben', cents: 265 },
    rueckschein: { label: 'Einschreiben Rückschein', vermerk: 'Einschreiben Rückschein', cents: 485 },
  },
  electionMailVermerk: 'Amtliche Wahlunterlagen',
};

const productSpec = z.object({
  label: z.string().min(1),
  cents: z.number().int().min(0),
  maxGrams: z.number().positive(),
  maxThicknessMm: z.number().positive(),
  maxLengthMm: z.number().positive(),
  maxWidthMm: z.number().positive(),
});
const registeredSpec = z.object({ label: z.string().min(1), vermerk: z.string().min(1), cents: z.number().int().min(0) });

/** Schema of the price configuration (for the settings store and its admin form). */
export const postagePricesSchema = z.object({
  products: z.object({ standard: productSpec, kompakt: productSpec, gross: productSpec, maxi: productSpec }),
  registered: z.object({ einwurf: registeredSpec, uebergabe: registeredSpec, rueckschein: registeredSpec }),
  electionMailVermerk: z.string().min(1),
});

/** Envelope dimensions (mm, length × width), weight (g) and the layers a sheet is folded into. */
export const ENVELOPE_SPECS: Record<EnvelopeSize, { length: number; width: number; grams: number; layers: number }> = {
  DL: { length: 220, width: 110, grams: 5, layers: 3 },
  'C6/5': { length: 229, width: 114, grams: 5, layers: 3 },
  C6: { length: 162, width: 114, grams: 4, layers: 4 },
  C5: { length: 229, width: 162, grams: 10, layers: 2 },
  C4: { length: 324, width: 229, grams: 20, layers: 1 },
};
export const SHEET_GRAMS = 5;
export const SHEET_THICKNESS_MM = 0.1;
export const ENVELOPE_THICKNESS_MM = 0.3;

export class PostageError extends Error {
  override name = 'PostageError';
}

// ---------------------------------------------------------------------------------------------------------------
// Envelope by sheet count
// ---------------------------------------------------------------------------------------------------------------

export interface EnvelopeRule {
  /** Up to this many sheets (inclusive); null = any number. */
  maxSheets: number | null;
  envelope: EnvelopeSize;
}

export interface EnvelopeConfig {
  /** Checked in order; the first rule whose maxSheets is ≥ the sheet count applies. */
  rules: EnvelopeRule[];
}

/** 1–3 sheets DL (letter fold), 4–8 C5 (folded once), more C4 (flat). */
export const DEFAULT_ENVELOPE_CONFIG: EnvelopeConfig = {
  rules: [
    { maxSheets: 3, envelope: 'DL' },
    { maxSheets: 8, envelope: 'C5' },
    { maxSheets: null, envelope: 'C4' },
  ],
};

export const envelopeConfigSchema = z.object({
  rules: z
    .array(
      z.object({ maxSheets: z.number().int().positive().nullable(), envelope: z.enum(['DL', 'C6/5', 'C6', 'C5', 'C4']) }),
    )
    .min(1),
});

export function chooseEnvelope(sheets: number, config: EnvelopeConfig = DEFAULT_ENVELOPE_CONFIG): EnvelopeSize {
  if (!Number.isInteger(sheets) || sheets < 1) throw new PostageError(`Ungültige Blattzahl: ${sheets}.`);
  const rule = config.rules.find((r) => r.maxSheets === null || sheets <= r.maxSheets);
  if (!rule) {
    throw new PostageError(
      `Für ${sheets} Blatt ist kein Umschlag eingestellt (Einstellungen → Postversand → Umschläge).`,
    );
  }
  return rule.envelope;
}

// ---------------------------------------------------------------------------------------------------------------
// Product and price
// ---------------------------------------------------------------------------------------------------------------

export interface PostageRequest {
  /** A4 sheets in the envelope (cover letter and documents; a duplex sheet counts once). */
  sheets: number;
  envelope: EnvelopeSize;
  registered?: RegisteredOption | null;
  /** Official election mail (Briefwahlunterlagen): prints the Vermerk "Amtliche Wahlunterlagen". */
  officialElectionMail?: boolean;
  /** Enclosures other than A4 sheets (ballot, Stimmzettel- and Wahlbriefumschlag …), in grams. */
  extraGrams?: number;
}

export interface PostageChoice {
  product: PostalProduct;
  productLabel: string;
  registered: RegisteredOption | null;
  registeredLabel: string | null;
  envelope: EnvelopeSize;
  weightGrams: number;
  thicknessMm: number;
  baseCents: number;
  surchargeCents: number;
  /** Total postage of the letter. */
  cents: number;
  /** "Standardbrief", "Großbrief + Einschreiben Einwurf". */
  label: string;
  /** Lines for the Zusatz- und Vermerkzone, in order. */
  vermerke: string[];
}

const PRODUCT_ORDER: PostalProduct[] = ['standard', 'kompakt', 'gross', 'maxi'];

export function estimateWeightGrams(sheets: number, envelope: EnvelopeSize, extraGrams = 0): number {
  return sheets * SHEET_GRAMS + ENVELOPE_SPECS[envelope].grams + extraGrams;
}

export function estimateThicknessMm(sheets: number, envelope: EnvelopeSize): number {
  return Math.round((sheets * ENVELOPE_SPECS[envelope].layers * SHEET_THICKNESS_MM + ENVELOPE_THICKNESS_MM) * 100) / 100;
}

export function choosePostage(req: PostageRequest, prices: PostagePrices = DEFAULT_POSTAGE_PRICES): PostageChoice {
  if (!Number.isInteger(req.sheets) || req.sheets < 1) throw new PostageError(`Ungültige Blattzahl: ${req.sheets}.`);
  const env = ENVELOPE_SPECS[req.envelope];
  if (!env) throw new PostageError(`Unbekanntes Umschlagformat: ${String(req.envelope)}.`);
  if ((req.extraGrams ?? 0) < 0) throw new PostageError('Das Zusatzgewicht kann nicht negativ sein.');
  const weightGrams = estimateWeightGrams(req.sheets, req.envelope, req.extraGrams ?? 0);
  const thicknessMm = estimateThicknessMm(req.sheets, req.envelope);
  const product = PRODUCT_ORDER.find((p) => {
    const s = prices.products[p];
    return (
      weightGrams <= s.maxGrams && thicknessMm <= s.maxThicknessMm && env.length <= s.maxLengthMm && env.width <= s.maxWidthMm
    );
  });
  if (!product) {
    throw new PostageError(
      `Die Sendung (${req.envelope}, ${req.sheets} Blatt, etwa ${weightGrams} g) ist für einen Brief zu schwer oder zu groß; bitte als Paket versenden oder teilen.`,
    );
  }
  const spec = prices.products[product];
  const reg = req.registered ? prices.registered[req.registered] : null;
  if (req.registered && !reg) throw new PostageError(`Unbekannte Einschreiben-Art: ${String(req.registered)}.`);
  const vermerke: string[] = [];
  if (reg) vermerke.push(reg.vermerk);
  if (req.officialElectionMail) vermerke.push(prices.electionMailVermerk);
  const surchargeCents = reg ? reg.cents : 0;
  return {
    product,
    productLabel: spec.label,
    registered: req.registered ?? null,
    registeredLabel: reg ? reg.label : null,
    envelope: req.envelope,
    weightGrams,
    thicknessMm,
    baseCents: spec.cents,
    surchargeCents,
    cents: spec.cents + surchargeCents,
    label: reg ? `${spec.label} + ${reg.label}` : spec.label,
    vermerke,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Totals of a run
// ---------------------------------------------------------------------------------------------------------------

export interface PostageTotals {
  letters: number;
  cents: number;
  /** Per label ("Standardbrief", "Großbrief + Einschreiben Einwurf"), in order of first appearance. */
  byLabel: { label: string; letters: number; cents: number }[];
}

export function postageTotals(items: readonly { label: string; cents: number }[]): PostageTotals {
  const byLabel: PostageTotals['byLabel'] = [];
  let cents = 0;
  for (const it of items) {
    if (!Number.isInteger(it.cents)) throw new PostageError(`Porto muss in ganzen Cent angegeben sein: ${it.cents}.`);
    cents += it.cents;
    const row = byLabel.find((r) => r.label === it.label);
    if (row) {
      row.letters++;
      row.cents += it.cents;
    } else byLabel.push({ label: it.label, letters: 1, cents: it.cents });
  }
  return { letters: items.length, cents, byLabel };
}

/** "3 Briefe, Porto 4,65 €" */
export function describeTotals(t: PostageTotals): string {
  return `${t.letters} ${t.letters === 1 ? 'Brief' : 'Briefe'}, Porto ${formatEuro(t.cents)}`;
}
