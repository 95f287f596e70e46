import type { Migration } from '../migrate';

/**
 * The steps the whole service catalogue needs on every case (issue 5):
 * - a supervisor's approval before the fee (Personenstandsurkunde for a stated legal interest, § 62 Abs. 1 PStG);
 * - the Standesbeamter's signature and seal after printing, before hand-over or dispatch (§ 55 Abs. 2 PStG);
 * - per-case tasks with a state (the bodies a Gewerbeanzeige goes to, § 3 GewAnzV);
 * - facts fixed when a document is numbered (Wahlschein-Nr., Hundemarke), kept with the document so a reprint
 *   shows the same ones;
 * - users appointed Standesbeamtin/Standesbeamter (an appointment on top of their role, § 2 PStG).
 */
export const migration008: Migration = {
  version: 8,
  name: 'service-steps',
  up: (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN registrar INTEGER NOT NULL DEFAULT 0 CHECK (registrar IN (0, 1));

      ALTER TABLE cases ADD COLUMN approval_required TEXT;
      ALTER TABLE cases ADD COLUMN approved_at TEXT;
      ALTER TABLE cases ADD COLUMN approved_by INTEGER REFERENCES users(id);
      ALTER TABLE cases ADD COLUMN signature_required INTEGER NOT NULL DEFAULT 0 CHECK (signature_required IN (0, 1));
      ALTER TABLE cases ADD COLUMN signed_at TEXT;
      ALTER TABLE cases ADD COLUMN signed_by INTEGER REFERENCES users(id);
      CREATE INDEX cases_unsigned ON cases (status) WHERE signature_required = 1 AND signed_at IS NULL;

      ALTER TABLE documents ADD COLUMN facts TEXT CHECK (facts IS NULL OR json_valid(facts));

      CREATE TABLE case_tasks (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        -- Stable key within the case, e.g. "ihk", "finanzamt".
        task_key TEXT NOT NULL,
        label TEXT NOT NULL,
        -- What the task is about (e.g. the body's address or the legal basis).
        detail TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'not_required')),
        note TEXT,
        updated_at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        UNIQUE (case_id, task_key)
      );
    `);
  },
};
