import fs from 'node:fs';
import path from 'node:path';

/** A submission as fetched from the portal: still encrypted, exactly as received. */
export interface RawSubmission {
  submission: {
    destinationId: string;
    submissionId: string;
    caseId: string;
    attachments?: string[];
    serviceType: { name?: string; identifier: string };
    encryptedMetadata?: string;
    encryptedData?: string;
    [key: string]: unknown;
  };
  /** attachmentId → compact JWE */
  attachments: Record<string, string>;
}

/**
 * Keeps the raw encrypted submissions in the data folder until their case is closed (or, for rejected ones,
 * until they are no longer needed). One file per submission, written atomically, readable by the owner only.
 */
export class RawSubmissionStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'portal', 'eingang');
  }

  private file(submissionId: string): string {
    if (!/^[0-9a-fA-F-]{1,64}$/.test(submissionId)) throw new Error(`invalid submission id ${JSON.stringify(submissionId)}`);
    return path.join(this.dir, `${submissionId.toLowerCase()}.json`);
  }

  save(raw: RawSubmission): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const target = this.file(raw.submission.submissionId);
    const tmp = `${target}.${process.pid}.tmp`;
    // No fsync: a file lost to a power cut is fetched again (the portal keeps the submission until our
    // accept event), and the sync treats a missing file of a 'downloaded' submission exactly so.
    fs.writeFileSync(tmp, JSON.stringify(raw), { mode: 0o600 });
    fs.renameSync(tmp, target);
  }

  load(submissionId: string): RawSubmission | null {
    try {
      return JSON.parse(fs.readFileSync(this.file(submissionId), 'utf8')) as RawSubmission;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  remove(submissionId: string): void {
    fs.rmSync(this.file(submissionId), { force: true });
  }

  has(submissionId: string): boolean {
    return fs.existsSync(this.file(submissionId));
  }
}
