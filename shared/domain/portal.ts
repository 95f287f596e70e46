/** What the app knows about its FIT-Connect connection and the online cases it imported. */

export interface PortalStatus {
  /** A destination, URLs and credentials are configured (or the embedded simulator runs). */
  configured: boolean;
  /** The embedded simulator serves as portal (npm start without a configured portal). */
  simulator: boolean;
  syncing: boolean;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** Submissions recorded but not yet imported or answered (accept/reject event not yet posted). */
  waiting: number;
  /** Submissions rejected back to the portal so far. */
  rejected: number;
  /** The last failure in plain German, null after a successful sync. */
  errorMessage: string | null;
  /** When the next automatic sync is due (ISO), null while none is scheduled. */
  nextAttemptAt: string | null;
  /** Consecutive failed syncs (drives the backoff). */
  failures: number;
  pollMinutes: number;
}

export interface PortalKeyInfo {
  kid: string;
  use: 'enc' | 'sig';
  alg: 'RSA-OAEP-256' | 'PS512';
  createdAt: string;
}

export interface PortalConfigView {
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  /** The client secret is never sent back; only whether one is stored. */
  hasClientSecret: boolean;
  destinationId: string;
  pollMinutes: number;
  /** Where a value comes from: environment variables override the stored configuration. */
  source: 'settings' | 'environment' | 'file' | 'simulator' | 'none';
  keys: PortalKeyInfo[];
}

export interface PortalProblem {
  /** FIT-Connect problem type URI. */
  type: string;
  title: string;
  detail: string;
  instance?: string;
}

export interface RejectedSubmission {
  submissionId: string;
  portalCaseId: string;
  serviceIdentifier: string | null;
  receivedAt: string;
  rejectedAt: string | null;
  /** 'rejecting' while the reject event is not yet confirmed by the portal. */
  state: 'rejecting' | 'rejected';
  problems: PortalProblem[];
}

export interface OnlinePayment {
  status: 'INITIAL' | 'BOOKED' | 'FAILED' | 'CANCELED';
  method: string;
  methodDetail: string | null;
  transactionId: string;
  transactionReference: string;
  grossAmountCents: number | null;
  at: string | null;
}

export interface OnlineAttachment {
  attachmentId: string;
  filename: string | null;
  mimeType: string;
  purpose: 'form' | 'attachment' | 'report';
  description: string | null;
  size: number;
}

export interface OnlineApplicant {
  familienname: string;
  vornamen: string;
  geburtsdatum: string;
  anschrift: { strasse: string; hausnummer: string; postleitzahl: string; ort: string };
  email?: string;
  telefon?: string;
}

/** The portal side of an online case, shown beside the case data. */
export interface OnlineCaseInfo {
  submissionId: string;
  portalCaseId: string;
  destinationId: string;
  serviceIdentifier: string;
  receivedAt: string;
  applicationDate: string | null;
  senderReference: string | null;
  applicant: OnlineApplicant | null;
  payment: OnlinePayment | null;
  /** How the applicant identified: one line per proof, e.g. "identificationReport 1.0.0". */
  authentication: { type: string; version: string }[];
  /** Reply channel in plain German, e.g. "E-Mail: a@b.de" or null if none was given. */
  replyChannel: { kind: 'eMail' | 'deMail' | 'fink' | 'elster'; address: string } | null;
  attachments: OnlineAttachment[];
}
