/** Types of team work: assignment, deadlines, the supervisors' dashboard, the audit trail and retention. */
import type { CaseStatus } from './status';
import type { Channel } from './channels';

/** Deadlines per service: the service norm (target) and, where the law sets one, the legal deadline. */
export interface ServiceDeadlineConfig {
  /** Working days (Mon–Fri without Niedersachsen holidays) from receipt to the target date. */
  targetWorkingDays: number;
  /** Working days to the legal deadline, null where the law sets none. */
  legalWorkingDays: number | null;
  /** Months a closed case is kept before it is deleted (anonymous statistics stay). */
  retentionMonths: number;
}

export interface TeamMember {
  id: number;
  displayName: string;
  role: 'clerk' | 'supervisor' | 'admin';
  siteId: number;
  siteName: string;
}

/** Queue scopes: all cases, the caller's own, the caller's site (team), nobody's. */
export const QUEUE_SCOPES = ['all', 'mine', 'team', 'unassigned'] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];

export const DUE_FILTERS = ['today', 'overdue', 'due'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export interface CountBy<K extends string = string> {
  key: K;
  label: string;
  count: number;
}

export interface Dashboard {
  generatedAt: string;
  open: number;
  byStatus: CountBy<CaseStatus>[];
  byService: CountBy[];
  byChannel: CountBy<Channel>[];
  bySite: CountBy[];
  /** Open cases by age since receipt: 0–1, 2–3, 4–7, 8–14, 15–30, > 30 days. */
  ageBuckets: { key: string; label: string; minDays: number; maxDays: number | null; count: number }[];
  dueToday: number;
  overdue: number;
  /** The last 30 days (Europe/Berlin), oldest first. */
  perDay: { day: string; received: number; finished: number }[];
  /** Cases finished (handed over, dispatched or closed) in the last 30 days per clerk. */
  finishedPerClerk: { userId: number; displayName: string; count: number }[];
  /** Portal submissions recorded but not yet turned into a case or answered, oldest first. */
  oldestPortalSubmissions: { submissionId: string; receivedAt: string; state: string; attempts: number; lastError: string | null }[];
}

export interface AuditEntryView {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  operation: string;
  subject: string | null;
  outcome: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** Id of the first entry whose hash does not match, null when intact. */
  brokenAt: number | null;
  message: string;
}

export interface RetentionCandidate {
  caseId: number;
  reference: string;
  serviceId: string;
  serviceName: string;
  closedAt: string;
  /** The day the retention period ended. */
  dueSince: string;
}
