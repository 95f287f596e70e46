import type { Migration } from '../migrate';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE sites (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('buergerbuero', 'ortsverwaltung'))
      );
      INSERT INTO sites (code, name, kind) VALUES
        ('BB', 'Bürgerbüro Lingen (Ems)', 'buergerbuero'),
        ('OV-ALT', 'Ortsverwaltung Altenlingen', 'ortsverwaltung'),
        ('OV-BAC', 'Ortsverwaltung Baccum', 'ortsverwaltung'),
        ('OV-BRA', 'Ortsverwaltung Bramsche', 'ortsverwaltung'),
        ('OV-BRO', 'Ortsverwaltung Brögbern', 'ortsverwaltung'),
        ('OV-CLU', 'Ortsverwaltung Clusorth-Bramhar', 'ortsverwaltung'),
        ('OV-DAR', 'Ortsverwaltung Darme', 'ortsverwaltung'),
        ('OV-HOL', 'Ortsverwaltung Holthausen-Biene', 'ortsverwaltung'),
        ('OV-LAX', 'Ortsverwaltung Laxten', 'ortsverwaltung'),
        ('OV-SCH', 'Ortsverwaltung Schepsdorf', 'ortsverwaltung');

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
        site_id INTEGER NOT NULL REFERENCES sites(id),
        password_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
      );

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX sessions_user ON sessions(user_id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE counters (
        name TEXT NOT NULL,
        year INTEGER NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (name, year)
      );

      -- Melderegister. Dates ISO yyyy-mm-dd. search_names holds the folded (diacritics-free, lower-case)
      -- family, given, former names for the clerk's search.
      CREATE TABLE residents (
        id INTEGER PRIMARY KEY,
        external_id TEXT UNIQUE,
        family_name TEXT NOT NULL,
        given_names TEXT NOT NULL,
        call_name TEXT,
        doctoral_degree TEXT,
        former_names TEXT NOT NULL DEFAULT '[]',
        religious_or_artist_name TEXT,
        birth_date TEXT NOT NULL,
        birth_place TEXT,
        sex TEXT CHECK (sex IN ('m', 'w', 'd', 'x')),
        tax_id TEXT,
        legal_representatives TEXT NOT NULL DEFAULT '[]',
        nationalities TEXT NOT NULL DEFAULT '[]',
        religion TEXT,
        marital_status TEXT,
        spouse TEXT,
        minor_children TEXT NOT NULL DEFAULT '[]',
        id_document TEXT,
        date_of_death TEXT,
        auskunftssperre INTEGER NOT NULL DEFAULT 0,
        search_names TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX residents_birth_date ON residents(birth_date);

      CREATE TABLE resident_addresses (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('haupt', 'neben')),
        street TEXT NOT NULL,
        house_number TEXT NOT NULL,
        postal_code TEXT NOT NULL,
        city TEXT NOT NULL,
        moved_in TEXT,
        moved_out TEXT,
        search_address TEXT NOT NULL
      );
      CREATE INDEX resident_addresses_resident ON resident_addresses(resident_id);

      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        service_id TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('walk_in', 'online', 'post')),
        status TEXT NOT NULL,
        site_id INTEGER NOT NULL REFERENCES sites(id),
        resident_id INTEGER REFERENCES residents(id),
        applicant_name TEXT NOT NULL,
        search_text TEXT NOT NULL,
        data TEXT NOT NULL,
        delivery_method TEXT NOT NULL,
        fee_cents INTEGER NOT NULL DEFAULT 0,
        assignee_id INTEGER REFERENCES users(id),
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        closed_at TEXT,
        portal_submission_id TEXT UNIQUE,
        portal_case_id TEXT,
        portal_destination_id TEXT
      );
      CREATE INDEX cases_status_created ON cases(status, created_at);
      CREATE INDEX cases_service_status ON cases(service_id, status);
      CREATE INDEX cases_site_status ON cases(site_id, status);
      CREATE INDEX cases_channel_status ON cases(channel, status);

      CREATE TABLE case_history (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        reason TEXT,
        details TEXT
      );
      CREATE INDEX case_history_case ON case_history(case_id, id);

      CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        receipt_number TEXT NOT NULL UNIQUE,
        method TEXT NOT NULL CHECK (method IN ('cash', 'ec', 'free')),
        amount_cents INTEGER NOT NULL,
        free_reason TEXT,
        at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id)
      );
      CREATE INDEX payments_case ON payments(case_id);

      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        doc_type TEXT NOT NULL,
        number TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        pdf BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        pages INTEGER NOT NULL
      );
      CREATE INDEX documents_case ON documents(case_id);

      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        adapter TEXT NOT NULL CHECK (adapter IN ('system', 'folder')),
        printer_name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'submitted', 'completed', 'failed')),
        external_id TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id)
      );
      CREATE INDEX print_jobs_case ON print_jobs(case_id);
      CREATE INDEX print_jobs_state ON print_jobs(state);

      -- Append-only; each entry's hash covers the previous entry's hash.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT,
        operation TEXT NOT NULL,
        subject TEXT,
        outcome TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
