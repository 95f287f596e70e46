import type { Migration } from '../migrate';

/** Postal dispatch: print runs with their items and printer jobs, and the Postausgangsbuch. */
export const migration002: Migration = {
  version: 2,
  name: 'postal-dispatch',
  up: (db) => {
    db.exec(`
      ALTER TABLE cases ADD COLUMN registered TEXT CHECK (registered IN ('einwurf', 'uebergabe', 'rueckschein'));
      ALTER TABLE cases ADD COLUMN dispatched_at TEXT;
      ALTER TABLE cases ADD COLUMN postage_cents INTEGER;
      CREATE INDEX cases_delivery_status ON cases(delivery_method, status);

      CREATE TABLE print_runs (
        id INTEGER PRIMARY KEY,
        workstation TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'stopped', 'cancelled', 'completed')),
        message TEXT,
        filter TEXT NOT NULL,
        chunk_size INTEGER NOT NULL,
        current_printer TEXT,
        created_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX print_runs_state ON print_runs(state);

      -- One row per case of a run, in the order of the list (seq).
      CREATE TABLE print_run_cases (
        run_id INTEGER NOT NULL REFERENCES print_runs(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'dispatched', 'cancelled')),
        sheets INTEGER,
        envelope TEXT,
        product TEXT,
        postage_cents INTEGER,
        PRIMARY KEY (run_id, case_id)
      );
      CREATE UNIQUE INDEX print_run_cases_seq ON print_run_cases(run_id, seq);
      CREATE INDEX print_run_cases_case ON print_run_cases(case_id, state);

      -- One physical print job of a run: the merged PDF of several items for one printer profile.
      CREATE TABLE print_run_jobs (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES print_runs(id) ON DELETE CASCADE,
        adapter TEXT NOT NULL CHECK (adapter IN ('system', 'folder')),
        printer_name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'submitted', 'completed', 'failed')),
        external_id TEXT,
        error TEXT,
        pages INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX print_run_jobs_run ON print_run_jobs(run_id);

      -- What a run prints for a case: its documents, the cover letter, the envelope.
      CREATE TABLE print_run_items (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES print_runs(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('document', 'cover_letter', 'envelope')),
        printer_role TEXT NOT NULL CHECK (printer_role IN ('certificate', 'letter', 'envelope')),
        document_id INTEGER REFERENCES documents(id),
        state TEXT NOT NULL CHECK (state IN ('pending', 'printing', 'printed', 'failed', 'cancelled')),
        job_id INTEGER REFERENCES print_run_jobs(id),
        error TEXT,
        printed_at TEXT,
        reprints INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX print_run_items_run ON print_run_items(run_id, seq, id);
      CREATE INDEX print_run_items_case ON print_run_items(case_id);

      -- Postausgangsbuch: one row per letter that left the office.
      CREATE TABLE dispatch_log (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES print_runs(id),
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        dispatch_date TEXT NOT NULL,
        site_id INTEGER NOT NULL REFERENCES sites(id),
        recipient_name TEXT NOT NULL,
        postal_code TEXT NOT NULL,
        city TEXT NOT NULL,
        country TEXT NOT NULL,
        -- Auskunftssperre: lists show no place.
        confidential INTEGER NOT NULL,
        product TEXT NOT NULL,
        envelope TEXT NOT NULL,
        sheets INTEGER NOT NULL,
        postage_cents INTEGER NOT NULL,
        registered TEXT,
        registered_number TEXT,
        user_id INTEGER NOT NULL REFERENCES users(id),
        at TEXT NOT NULL
      );
      CREATE INDEX dispatch_log_day ON dispatch_log(dispatch_date, site_id);
      CREATE UNIQUE INDEX dispatch_log_case ON dispatch_log(case_id);
    `);
  },
};
