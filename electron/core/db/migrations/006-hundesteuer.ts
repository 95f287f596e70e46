import type { Migration } from '../migrate';

/**
 * Hundesteuer store: the Hundemarken as numbered stock, the dogs with their tax registrations, the SEPA mandates.
 * Depends only on tables of migration 001 (residents, cases).
 */
export const migration006: Migration = {
  version: 6,
  name: 'hundesteuer',
  up: (db) => {
    db.exec(`
      -- SEPA direct-debit mandates; the reference is assigned by the town and unique per creditor.
      CREATE TABLE sepa_mandates (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        iban TEXT NOT NULL,
        bic TEXT,
        holder TEXT NOT NULL,
        signed_on TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      -- A dog and its holder. The owner's name and address are a snapshot taken at registration (the resident may
      -- move or be missing from the register); owner_resident_id links to the register where known.
      CREATE TABLE dogs (
        id INTEGER PRIMARY KEY,
        owner_resident_id INTEGER REFERENCES residents(id),
        owner_name TEXT NOT NULL,
        owner_address TEXT NOT NULL,
        name TEXT NOT NULL,
        breed TEXT NOT NULL,
        colour TEXT,
        sex TEXT CHECK (sex IN ('ruede', 'huendin')),
        chip_number TEXT,
        birth_date TEXT,
        -- Dangerous under the Satzung or under § 7 NHundG (tax rate); the § 8 permit as JSON.
        dangerous INTEGER NOT NULL DEFAULT 0 CHECK (dangerous IN (0, 1)),
        permit TEXT,
        -- JSON of the form's parts (§ 5 insurance, § 3 Sachkunde, § 6 central register entry); null: not given.
        insurance TEXT,
        sachkunde TEXT,
        register_entry TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX dogs_owner ON dogs(owner_resident_id);
      CREATE INDEX dogs_owner_name ON dogs(owner_name, owner_address);
      CREATE INDEX dogs_chip ON dogs(chip_number);

      -- One holding of a dog for the tax: from the day it began (from_date) to the day it ended (to_date, null while
      -- held). liable_from / liable_until are the first and last month of liability ("YYYY-MM").
      CREATE TABLE dog_tax_registrations (
        id INTEGER PRIMARY KEY,
        dog_id INTEGER NOT NULL REFERENCES dogs(id) ON DELETE CASCADE,
        case_id INTEGER REFERENCES cases(id),
        from_date TEXT NOT NULL,
        liable_from TEXT NOT NULL,
        to_date TEXT,
        liable_until TEXT,
        end_reason TEXT CHECK (end_reason IN ('death', 'sale', 'move')),
        yearly_cents INTEGER NOT NULL CHECK (yearly_cents >= 0),
        category TEXT NOT NULL CHECK (category IN ('first', 'second', 'further', 'dangerous')),
        mandate_reference TEXT REFERENCES sepa_mandates(reference),
        created_at TEXT NOT NULL,
        ended_at TEXT,
        CHECK ((to_date IS NULL) = (end_reason IS NULL)),
        CHECK ((to_date IS NULL) = (liable_until IS NULL))
      );
      CREATE INDEX dog_tax_registrations_dog ON dog_tax_registrations(dog_id);
      -- At most one open registration per dog.
      CREATE UNIQUE INDEX dog_tax_registrations_open ON dog_tax_registrations(dog_id) WHERE to_date IS NULL;

      -- Hundemarken: numbered stock. in_stock → issued → returned | lost. Returned and lost tags are not issued again.
      CREATE TABLE dog_tags (
        id INTEGER PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE CHECK (number > 0),
        year INTEGER,
        series TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('in_stock', 'issued', 'returned', 'lost')),
        dog_id INTEGER REFERENCES dogs(id),
        issued_at TEXT,
        returned_at TEXT,
        reason TEXT,
        CHECK ((state = 'in_stock') = (dog_id IS NULL))
      );
      CREATE INDEX dog_tags_free ON dog_tags(state, number);
      CREATE INDEX dog_tags_dog ON dog_tags(dog_id);
      -- A dog wears at most one tag at a time.
      CREATE UNIQUE INDEX dog_tags_issued_dog ON dog_tags(dog_id) WHERE state = 'issued';
    `);
  },
};
