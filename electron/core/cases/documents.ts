import { createHash } from 'node:crypto';
import { sql, type Db } from '../db/connection';

/** Stores an issued document's PDF with its hash and page count; returns its id. Call inside the write transaction. */
export function insertDocument(
  db: Db,
  d: {
    caseId: number;
    type: string;
    number: string;
    pdf: Buffer;
    pages: number;
    userId: number;
    at: string;
    /** What the rules fixed when numbering it (Wahlschein-Nr., Hundemarke …). */
    facts?: Record<string, unknown> | null;
  },
): number {
  const info = sql(
    db,
    `INSERT INTO documents (case_id, doc_type, number, created_at, user_id, pdf, sha256, pages, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.caseId,
    d.type,
    d.number,
    d.at,
    d.userId,
    d.pdf,
    createHash('sha256').update(d.pdf).digest('hex'),
    d.pages,
    d.facts && Object.keys(d.facts).length > 0 ? JSON.stringify(d.facts) : null,
  );
  return Number(info.lastInsertRowid);
}

/**
 * The newest document of the type that never reached paper — neither at the counter nor in a print run — so a
 * reprint uses its number instead of numbering a new one.
 */
export function unprintedDocument(db: Db, caseId: number, type: string): { id: number; number: string; pdf: Buffer } | undefined {
  return sql(
    db,
    `SELECT d.id, d.number, d.pdf FROM documents d WHERE d.case_id = ? AND d.doc_type = ?
       AND NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.document_id = d.id AND j.state = 'completed')
       AND NOT EXISTS (SELECT 1 FROM print_run_items i WHERE i.document_id = d.id AND i.state = 'printed')
     ORDER BY d.id DESC LIMIT 1`,
  ).get(caseId, type) as { id: number; number: string; pdf: Buffer } | undefined;
}
