import { z } from 'zod';
import { hundesteuerConfigSchema, type HundesteuerConfig } from '../../services/hundesteuer/tax';
import { ADMIN, STAFF, op, type OperationDef } from '../op';

/** A dog as the case panel shows it, with its registration and tags. */
export interface HundesteuerDogInfo {
  dogId: number;
  ownerName: string;
  ownerAddress: string;
  name: string;
  breed: string;
  colour: string | null;
  sex: 'ruede' | 'huendin' | null;
  chipNumber: string | null;
  birthDate: string | null;
  dangerous: boolean;
  registration: {
    id: number;
    caseId: number | null;
    fromDate: string;
    liableFrom: string;
    toDate: string | null;
    liableUntil: string | null;
    endReason: string | null;
    yearlyCents: number;
    category: 'first' | 'second' | 'further' | 'dangerous';
    mandateReference: string | null;
  } | null;
  /** The tag worn now, or null. */
  currentTag: number | null;
  /**
   * Every tag the dog wore or wears, oldest first: from issuedAt to endedAt (null while worn), ended by handing it
   * back ('returned': it went back to stock and may be worn by another dog since) or as 'lost'.
   */
  tags: { number: number; state: 'issued' | 'returned' | 'lost'; issuedAt: string; endedAt: string | null; reason: string | null }[];
}

export interface HundesteuerTagStock {
  inStock: number;
  issued: number;
  /** Of inStock: tags handed back by an earlier dog (issued again like new ones). */
  returned: number;
  lost: number;
  /** Consecutive runs of tags per series, with how many of each run are still in stock. */
  ranges: { series: string; year: number | null; from: number; to: number; inStock: number }[];
  nextFree: number | null;
}

const caseId = z.number().int().positive();

/**
 * The operations of the Hundesteuer service beyond the common case operations (spread into ../contract.ts); their
 * handlers live in electron/core/api/handlers/hundesteuer.ts.
 */
export const hundesteuerOps = {
  /** The dog a case registered (Anmeldung) or deregisters (Abmeldung), or null before the Bescheid. */
  'hundesteuer.caseDog': op<HundesteuerDogInfo | null>()({ input: z.object({ caseId }), access: STAFF, personal: true }),
  /**
   * Ersatzmarke for the dog of an Anmeldung case: the worn tag is recorded lost, the next free one issued, and the
   * replacement fee taken (receipt) — all in one transaction.
   */
  'hundesteuer.replaceTag': op<{ dog: HundesteuerDogInfo; tagNumber: number; receiptNumber: string; feeCents: number }>()({
    input: z.object({
      caseId,
      method: z.enum(['cash', 'ec'], { error: 'Bitte die Zahlungsart wählen (bar oder EC-Karte).' }),
      reason: z.string().trim().min(3, 'Bitte kurz angeben, warum eine Ersatzmarke nötig ist (z. B. „Marke verloren“).').max(200),
    }),
    access: STAFF,
    personal: true,
  }),
  'hundesteuer.tagStock': op<HundesteuerTagStock>()({ input: z.object({}), access: STAFF, personal: false }),
  'hundesteuer.addTags': op<HundesteuerTagStock>()({
    input: z
      .object({
        from: z.number({ error: 'Bitte die erste Nummer angeben.' }).int('Nur ganze Nummern.').min(1, 'Die Nummern beginnen bei 1.'),
        to: z.number({ error: 'Bitte die letzte Nummer angeben.' }).int('Nur ganze Nummern.').min(1, 'Die Nummern beginnen bei 1.'),
        series: z.string().trim().min(1, 'Bitte die Serie angeben (z. B. „HSt“).').max(20, 'Serie: höchstens 20 Zeichen.'),
        year: z.number().int().min(1900).max(2999).nullable().default(null),
      })
      .refine((v) => v.to >= v.from, { message: 'Die letzte Nummer muss mindestens so groß sein wie die erste.', path: ['to'] }),
    access: ADMIN,
    personal: false,
  }),
  /** The Hundesteuersatzung (rates, due dates, creditor id …) in the settings. */
  'hundesteuer.updateSatzung': op<HundesteuerConfig>()({ input: hundesteuerConfigSchema, access: ADMIN, personal: false }),
} as const satisfies Record<string, OperationDef>;
