import path from 'node:path';
import type { z } from 'zod';
import type { settingsPatch } from '../../../shared/api/contract';
import type { Settings } from '../../../shared/domain/types';
import { defaultFees } from '../../../shared/services';
import { DEFAULT_HUNDESTEUER_CONFIG } from '../../../shared/services/hundesteuer/tax';
import { DEFAULT_ENVELOPE_CONFIG, DEFAULT_POSTAGE_PRICES } from '../../../shared/domain/postage';
import type { Db } from '../db/connection';

export function defaultSettings(dataDir: string): Settings {
  const folder = { adapter: 'folder' as const, printerName: '', media: 'A4', tray: '' };
  return {
    fees: defaultFees(),
    bank: { accountHolder: 'Stadt Lingen (Ems)', iban: '', bic: '', bankName: '' },
    postage: DEFAULT_POSTAGE_PRICES,
    envelopes: DEFAULT_ENVELOPE_CONFIG,
    dispatch: { printEnvelopes: true, chunkSize: 25 },
    idleLockMinutes: 5,
    sessionHours: 10,
    letterhead: {
      authority: 'Stadt Lingen (Ems)',
      department: 'Bürgerbüro – Meldebehörde',
      street: 'Elisabethstraße 14–16',
      postalCode: '49808',
      city: 'Lingen (Ems)',
      phone: '0591 9144-0',
      email: 'buergerbuero@lingen.de',
      website: 'www.lingen.de',
      place: 'Lingen (Ems)',
      sealImage: null,
    },
    printers: { certificate: folder, letter: folder, envelope: { ...folder, media: '' } },
    outboxDir: path.join(dataDir, 'ausgang'),
    workstation: 'default',
    hundesteuer: DEFAULT_HUNDESTEUER_CONFIG,
  };
}

/** Stored values over defaults; a stored fee map is merged so new services' fees appear with their defaults. */
/** Printer profiles belong to a workstation (which printers stand beside it); everything else is office-wide. */
const PER_WORKSTATION: ReadonlySet<string> = new Set(['printers']);
const storageKey = (key: string, workstation: string) => (PER_WORKSTATION.has(key) ? `${key}@${workstation}` : key);

export function getSettings(db: Db, dataDir: string, workstation = 'default'): Settings {
  const s = { ...defaultSettings(dataDir), workstation };
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  for (const key of Object.keys(s) as (keyof Settings)[]) {
    if (key === 'workstation') continue;
    const value = stored.get(storageKey(key, workstation));
    if (value === undefined) continue;
    const v = JSON.parse(value) as never;
    if (key === 'fees') s.fees = { ...s.fees, ...(v as Record<string, number>) };
    else if (key === 'hundesteuer') s.hundesteuer = { ...s.hundesteuer, ...(v as Partial<Settings['hundesteuer']>) };
    else (s as unknown as Record<string, unknown>)[key] = v;
  }
  return s;
}

export function updateSettings(db: Db, patch: z.output<typeof settingsPatch>, workstation = 'default'): void {
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) put.run(storageKey(key, workstation), JSON.stringify(value));
  }
}
