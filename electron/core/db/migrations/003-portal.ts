import type { Migration } from '../migrate';

/**
 * Online applications from FIT-Connect.
 * - portal_submissions: every submission is recorded by its id before anything else happens to it; its state
 *   says how far it got (recorded → downloaded → imported → accepted, or → rejecting → rejected), so a sync
 *   interrupted at any point resumes where it stopped.
 * - online_case_info / case_attachments: the portal side of an online case and its decrypted attachments.
 * - payments: rebuilt so an online payment (no clerk, no receipt of ours) can be recorded.
 */
export const migration003: Migration = {
  version: 3,
  name: 'portal',
  up: (db) => {
    db.exec(`
      CREATE TABLE portal_submissions (
        submission_id TEXT PRIMARY KEY,
        portal_case_id TEXT NOT NULL,
        destination_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('recorded', 'downloaded', 'imported', 'rejecting', 'accepted', 'rejected')),
        service_identifier TEXT,
        case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
        problems TEXT,
        auth_tags TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        received_at TEXT NOT NULL,
        decided_at TEXT,
        updated_at TEXT NOT NULL,
        raw_dropped INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX portal_submissions_state ON portal_submissions(state, received_at);

      CREATE TABLE online_case_info (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        submission_id TEXT NOT NULL UNIQUE,
        info TEXT NOT NULL
      );

      CREATE TABLE case_attachments (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        attachment_id TEXT NOT NULL,
        filename TEXT,
        mime_type TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('form', 'attachment', 'report')),
        description TEXT,
        size INTEGER NOT NULL,
        sha512 TEXT NOT NULL,
        content BLOB NOT NULL,
        UNIQUE (case_id, attachment_id)
      );

      CREATE TABLE payments_new (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        receipt_number TEXT NOT NULL UNIQUE,
        method TEXT NOT NULL CHECK (method IN ('cash', 'ec', 'free', 'online')),
        amount_cents INTEGER NOT NULL,
        free_reason TEXT,
        external_reference TEXT,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
      );
      INSERT INTO payments_new (id, case_id, receipt_number, method, amount_cents, free_reason, at, user_id)
        SELECT id, case_id, receipt_number, method, amount_cents, free_reason, at, user_id FROM payments;
      DROP TABLE payments;
      ALTER TABLE payments_new RENAME TO payments;
      CREATE INDEX payments_case ON payments(case_id);
    `);
  },
};
