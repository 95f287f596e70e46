import type { Migration } from '../migrate';

/**
 * Briefwahl: the elections, their Wählerverzeichnis and the Wahlscheinverzeichnis (BWO §§ 25–30, NLWO, NKWO).
 * Self-contained (references no table of other migrations), see electron/core/registers/elections.ts.
 */
export const migration007: Migration = {
  version: 7,
  name: 'elections',
  up: (db) => {
    db.exec(`
      CREATE TABLE elections (
        id INTEGER PRIMARY KEY,
        -- Election.id of shared/services/briefwahl ("ltw-2027"); what applications name as electionId.
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bundestag', 'europawahl', 'landtag', 'kommunalwahl')),
        date TEXT NOT NULL,
        -- The whole Election (electionSchema) as JSON; ballots_ready below is authoritative over its ballotsReady.
        config TEXT NOT NULL CHECK (json_valid(config)),
        ballots_ready INTEGER NOT NULL CHECK (ballots_ready IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- The Wählerverzeichnis of an election: one row per voter.
      CREATE TABLE voter_register (
        id INTEGER PRIMARY KEY,
        election_id INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
        -- Wählerverzeichnis-Nr.
        voter_number TEXT NOT NULL,
        wahlbezirk INTEGER NOT NULL CHECK (wahlbezirk BETWEEN 1 AND 999),
        family_name TEXT NOT NULL,
        given_names TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        street TEXT NOT NULL,
        house_number TEXT NOT NULL,
        postal_code TEXT NOT NULL,
        city TEXT NOT NULL,
        -- kennung of the resident in the Melderegister, when the export names it.
        resident_kennung TEXT,
        -- foldForSearch of the names (shared/domain/names.ts).
        search_family TEXT NOT NULL,
        search_given TEXT NOT NULL,
        -- Vermerk "W" (§ 30 BWO): set once any Wahlschein was issued; stays after invalidation.
        marked_w INTEGER NOT NULL DEFAULT 0 CHECK (marked_w IN (0, 1)),
        UNIQUE (election_id, voter_number)
      );
      CREATE INDEX voter_register_search ON voter_register(election_id, search_family, birth_date);
      CREATE INDEX voter_register_bezirk ON voter_register(election_id, wahlbezirk, voter_number);

      -- The Wahlscheinverzeichnis: every Wahlschein issued, valid or declared invalid (numbers are never reused).
      CREATE TABLE wahlscheine (
        id INTEGER PRIMARY KEY,
        election_id INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
        -- "WS 012-0001" (shared/services/briefwahl/rules.ts formatWahlscheinNumber).
        number TEXT NOT NULL,
        voter_id INTEGER NOT NULL REFERENCES voter_register(id),
        wahlbezirk INTEGER NOT NULL CHECK (wahlbezirk BETWEEN 1 AND 999),
        state TEXT NOT NULL CHECK (state IN ('valid', 'invalid')),
        issued_at TEXT NOT NULL,
        invalidated_at TEXT,
        reason TEXT CHECK (reason IS NULL OR reason IN ('not_received', 'wahlrecht_entfallen', 'other')),
        reason_text TEXT,
        -- deliverySchema of shared/services/briefwahl as JSON, or NULL.
        delivery TEXT CHECK (delivery IS NULL OR json_valid(delivery)),
        UNIQUE (election_id, number),
        CHECK ((state = 'valid') = (invalidated_at IS NULL))
      );
      -- At most one valid Wahlschein per voter (§ 28 BWO: a replacement only after the first is declared invalid).
      CREATE UNIQUE INDEX wahlscheine_one_valid ON wahlscheine(voter_id) WHERE state = 'valid';
      CREATE INDEX wahlscheine_voter ON wahlscheine(voter_id);
      CREATE INDEX wahlscheine_state ON wahlscheine(election_id, state, number);
    `);
  },
};
