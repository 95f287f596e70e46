import type { Db } from '../db/connection';
import { inTransaction } from '../db/connection';
import { loadDemoElection } from './elections';
import { addTagStock, countTagsInStock } from './hundesteuer';
import { loadDemoPersonenstand } from './personenstand';
import { getSettings, updateSettings } from '../settings/settings';
import { DEMO_BANK } from '../../../shared/domain/demo-bank';

/** Numbers of the demo Hundemarken stock (series of the year of the demo data). */
export const DEMO_TAG_RANGE = { from: 1001, to: 1500 } as const;

/**
 * The service stores' demo data beside the demo residents: the Personenstandsregister entries, the demo election
 * with its Wählerverzeichnis, a stock of Hundemarken, and an example bank account where none is entered.
 * Idempotent (re-running adds nothing twice).
 */
export function loadServiceDemoData(db: Db, resourcesDir: string, now: string): { personenstand: number; voters: number; tags: number } {
  return inTransaction(db, () => {
    const ps = loadDemoPersonenstand(db, resourcesDir, now);
    const election = loadDemoElection(db, resourcesDir, now);
    if (!getSettings(db, '').bank.iban) updateSettings(db, { bank: { ...DEMO_BANK } });
    if (countTagsInStock(db) === 0) addTagStock(db, DEMO_TAG_RANGE.from, DEMO_TAG_RANGE.to, 'HSt', Number(now.slice(0, 4)));
    return { personenstand: ps.imported + ps.updated, voters: election.imported + election.updated, tags: countTagsInStock(db) };
  });
}
