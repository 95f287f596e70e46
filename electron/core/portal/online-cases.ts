import type { OnlineAttachment, OnlineCaseInfo } from '../../../shared/domain/portal';
import { sql, type Db } from '../db/connection';

/** The portal side of an online case (without the attachment contents). */
export function getOnlineCaseInfo(db: Db, caseId: number): OnlineCaseInfo | null {
  const row = sql(db, 'SELECT info FROM online_case_info WHERE case_id = ?').get(caseId) as { info: string } | undefined;
  if (!row) return null;
  const info = JSON.parse(row.info) as Omit<OnlineCaseInfo, 'attachments'>;
  return { ...info, attachments: listAttachments(db, caseId) };
}

export function saveOnlineCaseInfo(db: Db, caseId: number, info: Omit<OnlineCaseInfo, 'attachments'>): void {
  sql(db, 'INSERT INTO online_case_info (case_id, submission_id, info) VALUES (?, ?, ?)').run(
    caseId,
    info.submissionId,
    JSON.stringify(info),
  );
}

export interface StoredAttachment extends OnlineAttachment {
  sha512: string;
  content: Buffer;
}

export function insertAttachment(db: Db, caseId: number, a: StoredAttachment): void {
  sql(
    db,
    `INSERT INTO case_attachments (case_id, attachment_id, filename, mime_type, purpose, description, size, sha512, content)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(caseId, a.attachmentId, a.filename, a.mimeType, a.purpose, a.description, a.size, a.sha512, a.content);
}

function listAttachments(db: Db, caseId: number): OnlineAttachment[] {
  const rows = sql(
    db,
    `SELECT attachment_id, filename, mime_type, purpose, description, size FROM case_attachments WHERE case_id = ? ORDER BY id`,
  ).all(caseId) as { attachment_id: string; filename: string | null; mime_type: string; purpose: OnlineAttachment['purpose']; description: string | null; size: number }[];
  return rows.map((r) => ({
    attachmentId: r.attachment_id,
    filename: r.filename,
    mimeType: r.mime_type,
    purpose: r.purpose,
    description: r.description,
    size: r.size,
  }));
}

export function getAttachmentContent(
  db: Db,
  caseId: number,
  attachmentId: string,
): { filename: string; mimeType: string; content: Buffer } | null {
  const r = sql(db, 'SELECT filename, mime_type, content FROM case_attachments WHERE case_id = ? AND attachment_id = ?').get(
    caseId,
    attachmentId,
  ) as { filename: string | null; mime_type: string; content: Buffer } | undefined;
  if (!r) return null;
  return { filename: r.filename ?? `anlage-${attachmentId.slice(0, 8)}`, mimeType: r.mime_type, content: r.content };
}
