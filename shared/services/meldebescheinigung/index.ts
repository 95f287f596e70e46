import { z } from 'zod';
import { defineService, leikaUrn } from '../types';

/** LeiKa key of "Meldebescheinigung" (DOMAIN.md; to be confirmed in the FIM catalogue before going live). */
export const MELDEBESCHEINIGUNG_LEIKA = '99115003012000';

/** Items of § 3 Abs. 1 BMG an erweiterte Meldebescheinigung may add (§ 18 Abs. 2 BMG). */
export const EXTENDED_ITEMS = [
  { id: 'fruehereNamen', label: 'Frühere Namen' },
  { id: 'ordensKuenstlername', label: 'Ordensname, Künstlername' },
  { id: 'geburtsort', label: 'Geburtsort' },
  { id: 'geschlecht', label: 'Geschlecht' },
  { id: 'steuerId', label: 'Steuerliche Identifikationsnummer' },
  { id: 'gesetzlicherVertreter', label: 'Gesetzliche Vertreter' },
  { id: 'staatsangehoerigkeiten', label: 'Staatsangehörigkeiten' },
  { id: 'religion', label: 'Zugehörigkeit zu einer öffentlich-rechtlichen Religionsgesellschaft' },
  { id: 'fruehereAnschriften', label: 'Frühere Anschriften' },
  { id: 'einAuszugsdatum', label: 'Einzugs- und Auszugsdaten' },
  { id: 'familienstand', label: 'Familienstand' },
  { id: 'ehegatte', label: 'Ehegatte oder Lebenspartner' },
  { id: 'kinder', label: 'Minderjährige Kinder' },
  { id: 'ausweisdaten', label: 'Ausweisdaten' },
  { id: 'keinSterbedatum', label: 'Hinweis: kein Sterbedatum gespeichert' },
] as const;
export type ExtendedItemId = (typeof EXTENDED_ITEMS)[number]['id'];
const EXTENDED_IDS = EXTENDED_ITEMS.map((i) => i.id) as [ExtendedItemId, ...ExtendedItemId[]];

/** Purposes offered at the counter; `free` ones waive the fee. */
export const PURPOSES = [
  { id: 'allgemein', label: 'Allgemeine Vorlage', free: false },
  { id: 'arbeitgeber', label: 'Vorlage beim Arbeitgeber', free: false },
  { id: 'behoerde', label: 'Vorlage bei einer Behörde', free: false },
  { id: 'bank', label: 'Vorlage bei Bank oder Versicherung', free: false },
  { id: 'rente', label: 'Rentenangelegenheit (Rentenversicherung)', free: true },
  { id: 'versorgungsamt', label: 'Vorlage beim Versorgungsamt', free: true },
  { id: 'sozialleistung', label: 'Sozialleistungen (§ 64 SGB X)', free: true },
] as const;
export type PurposeId = (typeof PURPOSES)[number]['id'];
const PURPOSE_IDS = PURPOSES.map((p) => p.id) as [PurposeId, ...PurposeId[]];

export const meldebescheinigungData = z
  .object({
    kind: z.enum(['einfach', 'erweitert']),
    purpose: z.enum(PURPOSE_IDS),
    extendedItems: z.array(z.enum(EXTENDED_IDS)).default([]),
    copies: z.number().int().min(1).max(5).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'einfach' && v.extendedItems.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['extendedItems'],
        message: 'Eine einfache Meldebescheinigung enthält keine weiteren Angaben.',
      });
    }
    if (v.kind === 'erweitert' && v.extendedItems.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['extendedItems'],
        message: 'Bitte mindestens eine weitere Angabe für die erweiterte Meldebescheinigung wählen.',
      });
    }
  });
export type MeldebescheinigungData = z.infer<typeof meldebescheinigungData>;

export const meldebescheinigung = defineService({
  id: 'meldebescheinigung',
  leikaKey: MELDEBESCHEINIGUNG_LEIKA,
  serviceIdentifier: leikaUrn(MELDEBESCHEINIGUNG_LEIKA),
  name: 'Meldebescheinigung (§ 18 BMG)',
  shortName: 'Meldebescheinigung',
  channels: ['walk_in', 'online', 'post'],
  fees: [
    { key: 'meldebescheinigung.einfach', label: 'Meldebescheinigung, einfach', cents: 750 },
    { key: 'meldebescheinigung.erweitert', label: 'Meldebescheinigung, erweitert', cents: 900 },
  ],
  dataSchema: meldebescheinigungData,
  documents: ['meldebescheinigung'],
  targetDays: 1,
  needsResident: true,
});

export function isFreePurpose(purpose: PurposeId): boolean {
  return PURPOSES.some((p) => p.id === purpose && p.free);
}

/** The fee key for the data; the amount comes from settings (defaults above). */
export function feeKeyFor(data: MeldebescheinigungData): string {
  return data.kind === 'einfach' ? 'meldebescheinigung.einfach' : 'meldebescheinigung.erweitert';
}
