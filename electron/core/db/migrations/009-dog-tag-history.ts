import type { Migration } from '../migrate';

/**
 * Hundemarken handed back go back to stock (issue 5: "the tag returns to stock (or is marked lost) on
 * deregistration"); lost ones are never issued again. Which dog wore which tag, from when to when and how it ended
 * is kept in `dog_tag_assignments`, since a tag's number can now belong to several dogs one after the other.
 *
 * dog_tags is rebuilt without the state 'returned' and without the per-wearing columns (issued_at, returned_at,
 * reason), which move to the assignments. Nothing references dog_tags before this migration, so the old table can
 * be renamed away and dropped while foreign keys stay on. Existing rows: every tag with a dog becomes an assignment
 * (open while issued, ended 'returned' or 'lost'); returned tags go back to stock.
 */
export const migration009: Migration = {
  version: 9,
  name: 'dog-tag-history',
  up: (db) => {
    db.exec(`
      ALTER TABLE dog_tags RENAME TO dog_tags_v8;
      DROP INDEX dog_tags_free;
      DROP INDEX dog_tags_dog;
      DROP INDEX dog_tags_issued_dog;

      -- Hundemarken: numbered stock. in_stock → issued → in_stock (handed back) or lost (never issued again).
      -- dog_id: the dog wearing an issued tag, or the last wearer of a lost one.
      CREATE TABLE dog_tags (
        id INTEGER PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE CHECK (number > 0),
        year INTEGER,
        series TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('in_stock', 'issued', 'lost')),
        dog_id INTEGER REFERENCES dogs(id),
        CHECK ((state = 'in_stock') = (dog_id IS NULL))
      );
      CREATE INDEX dog_tags_free ON dog_tags(state, number);
      CREATE INDEX dog_tags_dog ON dog_tags(dog_id);
      -- A dog wears at most one tag at a time.
      CREATE UNIQUE INDEX dog_tags_issued_dog ON dog_tags(dog_id) WHERE state = 'issued';

      INSERT INTO dog_tags (id, number, year, series, state, dog_id)
        SELECT id, number, year, series,
               CASE state WHEN 'returned' THEN 'in_stock' ELSE state END,
               CASE WHEN state IN ('issued', 'lost') THEN dog_id END
        FROM dog_tags_v8;

      -- One wearing of a tag by a dog: from issued_at to ended_at (null while worn), ended by handing the tag
      -- back ('returned', it went back to stock) or as 'lost'.
      CREATE TABLE dog_tag_assignments (
        id INTEGER PRIMARY KEY,
        tag_id INTEGER NOT NULL REFERENCES dog_tags(id),
        dog_id INTEGER NOT NULL REFERENCES dogs(id),
        issued_at TEXT NOT NULL,
        ended_at TEXT,
        end_state TEXT CHECK (end_state IN ('returned', 'lost')),
        reason TEXT,
        CHECK ((ended_at IS NULL) = (end_state IS NULL))
      );
      CREATE INDEX dog_tag_assignments_dog ON dog_tag_assignments(dog_id, issued_at);
      CREATE INDEX dog_tag_assignments_tag ON dog_tag_assignments(tag_id, issued_at);
      -- A tag is worn by at most one dog, and a dog wears at most one tag, at a time.
      CREATE UNIQUE INDEX dog_tag_assignments_open_tag ON dog_tag_assignments(tag_id) WHERE ended_at IS NULL;
      CREATE UNIQUE INDEX dog_tag_assignments_open_dog ON dog_tag_assignments(dog_id) WHERE ended_at IS NULL;

      -- A tag without a recorded issue time counts from the dog's entry; an ended one without an end time ends then.
      INSERT INTO dog_tag_assignments (tag_id, dog_id, issued_at, ended_at, end_state, reason)
        SELECT t.id, t.dog_id, COALESCE(t.issued_at, d.created_at),
               CASE WHEN t.state = 'issued' THEN NULL ELSE COALESCE(t.returned_at, t.issued_at, d.created_at) END,
               CASE WHEN t.state = 'issued' THEN NULL ELSE t.state END,
               CASE WHEN t.state = 'issued' THEN NULL ELSE t.reason END
        FROM dog_tags_v8 t JOIN dogs d ON d.id = t.dog_id
        WHERE t.dog_id IS NOT NULL
        ORDER BY COALESCE(t.issued_at, d.created_at), t.id;

      DROP TABLE dog_tags_v8;
    `);
  },
};
