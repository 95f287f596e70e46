import type { Migration } from '../migrate';

/**
 * The local Personenstandsregister of the Standesamt (Geburten-, Ehe-, Lebenspartnerschafts- und Sterberegister):
 * one row per entry, the entry itself as JSON (shape: RegisterEntry of shared/services/personenstand/register.ts,
 * checked by validateEntry before every write), plus search columns derived from it on write.
 */
export const migration005: Migration = {
  version: 5,
  name: 'personenstand',
  up: (db) => {
    db.exec(`
      CREATE TABLE personenstand_entries (
        id INTEGER PRIMARY KEY,
        register TEXT NOT NULL CHECK (register IN ('G', 'E', 'L', 'S')),
        year INTEGER NOT NULL CHECK (year >= 1876),
        -- Entry number without leading zeros, possibly with a suffix ("334-1").
        number TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('geburt', 'ehe', 'lebenspartnerschaft', 'sterbefall')),
        entry TEXT NOT NULL CHECK (json_valid(entry)),
        -- foldForSearch of the main person's current family name (child, 1. Ehegatte, deceased).
        main_name_folded TEXT NOT NULL,
        -- foldForSearch of every name of every person of the entry (current, former, birth names), blank-separated.
        names_folded TEXT NOT NULL,
        -- Day of the birth, marriage / partnership or death (YYYY-MM-DD).
        event_date TEXT NOT NULL,
        -- Birth dates of the persons of the entry, blank-separated (YYYY-MM-DD).
        person_dates TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (register, year, number)
      );
      CREATE INDEX personenstand_entries_name_date ON personenstand_entries(main_name_folded, event_date);
      CREATE INDEX personenstand_entries_date ON personenstand_entries(event_date);
    `);
  },
};
