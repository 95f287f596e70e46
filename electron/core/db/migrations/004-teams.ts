import type { Migration } from '../migrate';

/**
 * Team work: who holds a case since when, its target date and legal deadline (moved on while it waits for
 * the applicant), indexes for the queue's filters, and the anonymous statistics that outlive deleted cases.
 */
export const migration004: Migration = {
  version: 4,
  name: 'teams',
  up: (db) => {
    db.exec(`
      ALTER TABLE cases ADD COLUMN assigned_at TEXT;
      ALTER TABLE cases ADD COLUMN target_date TEXT;
      ALTER TABLE cases ADD COLUMN legal_deadline_at TEXT;
      ALTER TABLE cases ADD COLUMN waiting_since TEXT;
      UPDATE cases SET assigned_at = updated_at WHERE assignee_id IS NOT NULL;

      -- Views including finished cases (the open ones use cases_open below): one clerk's, one site's, one
      -- service's cases and the days received, each walked in created_at order so a page stops early.
      CREATE INDEX cases_assignee_created ON cases(assignee_id, created_at);
      CREATE INDEX cases_site_created ON cases(site_id, created_at);
      CREATE INDEX cases_service_created ON cases(service_id, created_at);
      CREATE INDEX cases_created ON cases(created_at);
      CREATE INDEX cases_closed_at ON cases(closed_at) WHERE closed_at IS NOT NULL;
      -- The dashboard's "finished per day / per clerk" reads only this index (covering).
      CREATE INDEX case_history_to_status_at ON case_history(to_status, at, from_status, user_id, case_id);
      -- Open cases, a few thousand of a million rows: the queue's and the dashboard's only index for them
      -- (covering every filter column; electron/core/cases/queue-query.ts repeats the WHERE exactly).
      CREATE INDEX cases_open ON cases(created_at, id, status, site_id, assignee_id, service_id, channel, target_date,
        legal_deadline_at, waiting_since, search_text) WHERE status NOT IN ('closed', 'rejected', 'cancelled');

      -- What stays of a case deleted after its retention period: counts only, no person, no reference.
      CREATE TABLE case_statistics (
        id INTEGER PRIMARY KEY,
        service_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        site_id INTEGER NOT NULL,
        final_status TEXT NOT NULL,
        received_day TEXT NOT NULL,
        finished_day TEXT NOT NULL,
        fee_cents INTEGER NOT NULL,
        deleted_at TEXT NOT NULL
      );
    `);
    auditAndRetention(db);
  },
};

/**
 * Audit trail and retention (issue 6):
 * - indexes for the administrators' filters of the audit log (newest first by id within each);
 * - the chain head: how many entries the log has and the last hash, updated in the same transaction as each
 *   append, so that cutting entries off the end is detected (the chain alone only covers what is still there);
 * - append-only triggers for the head as well (its row may only move forward by appendAudit's UPDATE);
 * - the Postausgangsbuch outlives a case deleted after its retention period: dispatch_log.case_id becomes
 *   nullable (ON DELETE SET NULL instead of CASCADE); retention anonymises the row (no name, no place, no
 *   Einschreiben number) and keeps day, site, product, sheets, postage and clerk, so past days' postage totals and
 *   running numbers stay as they were handed to the Post and the Kämmerei.
 */
function auditAndRetention(db: Parameters<Migration['up']>[0]): void {
  db.exec(`
    CREATE INDEX audit_log_at ON audit_log(at);
    CREATE INDEX audit_log_username ON audit_log(username);
    CREATE INDEX audit_log_operation ON audit_log(operation);
    CREATE INDEX audit_log_subject ON audit_log(subject);
    -- Retention: dispatched postal cases have no closed_at; they are final from dispatched_at on.
    CREATE INDEX cases_dispatched_final ON cases(dispatched_at) WHERE status = 'dispatched';

    CREATE TABLE audit_chain_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      entries INTEGER NOT NULL,
      last_id INTEGER NOT NULL,
      last_hash TEXT NOT NULL
    );
    INSERT INTO audit_chain_head (id, entries, last_id, last_hash)
      SELECT 1, COUNT(*), COALESCE(MAX(id), 0),
             COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '${'0'.repeat(64)}')
      FROM audit_log;
    CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
      BEGIN SELECT RAISE(ABORT, 'audit_chain_head is append-only'); END;
    CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE ON audit_chain_head
      WHEN NEW.entries != OLD.entries + 1 OR NEW.last_id <= OLD.last_id
      BEGIN SELECT RAISE(ABORT, 'audit_chain_head only moves forward'); END;

    CREATE TABLE dispatch_log_new (
      id INTEGER PRIMARY KEY,
      run_id INTEGER REFERENCES print_runs(id),
      -- NULL once the case was deleted after its retention period (the row is anonymised then).
      case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
      dispatch_date TEXT NOT NULL,
      site_id INTEGER NOT NULL REFERENCES sites(id),
      recipient_name TEXT NOT NULL,
      postal_code TEXT NOT NULL,
      city TEXT NOT NULL,
      country TEXT NOT NULL,
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
    INSERT INTO dispatch_log_new SELECT id, run_id, case_id, dispatch_date, site_id, recipient_name, postal_code, city,
      country, confidential, product, envelope, sheets, postage_cents, registered, registered_number, user_id, at
      FROM dispatch_log;
    DROP TABLE dispatch_log;
    ALTER TABLE dispatch_log_new RENAME TO dispatch_log;
    CREATE INDEX dispatch_log_day ON dispatch_log(dispatch_date, site_id);
    CREATE UNIQUE INDEX dispatch_log_case ON dispatch_log(case_id);
  `);
}
