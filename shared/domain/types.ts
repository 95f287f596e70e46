import type { HundesteuerConfig } from '../services/hundesteuer/tax';
import type { OnlineCaseInfo } from './portal';
import type { EnvelopeConfig, PostagePrices } from './postage';
import type { CaseStatus } from './status';
import type { Role } from './roles';
import type { Channel, DeliveryMethod, RecordedPaymentMethod } from './channels';

export interface Site {
  id: number;
  code: string;
  name: string;
  kind: 'buergerbuero' | 'ortsverwaltung';
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  siteId: number;
  siteName: string;
  active: boolean;
  locked: boolean;
  failedAttempts: number;
  /** Appointed Standesbeamtin/Standesbeamter (§ 2 PStG): may sign and seal certificates. */
  registrar: boolean;
}

export interface SessionInfo {
  user: User;
  idleLockMinutes: number;
  locked: boolean;
}

export interface Address {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  /** Haupt- or Nebenwohnung. */
  kind: 'haupt' | 'neben';
  movedIn: string | null;
  movedOut: string | null;
}

export interface ResidentSummary {
  id: number;
  familyName: string;
  givenNames: string;
  doctoralDegree: string | null;
  birthDate: string;
  mainAddress: string;
  auskunftssperre: boolean;
}

export interface Resident {
  id: number;
  familyName: string;
  givenNames: string;
  /** The gebräuchliche Vorname (one of givenNames), or null when not set. */
  callName: string | null;
  doctoralDegree: string | null;
  formerNames: string[];
  religiousOrArtistName: string | null;
  birthDate: string;
  birthPlace: string | null;
  sex: 'm' | 'w' | 'd' | 'x' | null;
  taxId: string | null;
  legalRepresentatives: string[];
  nationalities: string[];
  religion: string | null;
  maritalStatus: string | null;
  spouse: string | null;
  minorChildren: string[];
  idDocument: string | null;
  dateOfDeath: string | null;
  auskunftssperre: boolean;
  addresses: Address[];
}

export interface CaseSummary {
  id: number;
  reference: string;
  serviceId: string;
  serviceName: string;
  channel: Channel;
  status: CaseStatus;
  siteId: number;
  siteName: string;
  applicantName: string;
  createdAt: string;
  updatedAt: string;
  assigneeId: number | null;
  assigneeName: string | null;
  /** Since when the assignee holds the case. */
  assignedAt: string | null;
  /** Target date by the service norm (YYYY-MM-DD, Europe/Berlin); moved on while waiting for the applicant. */
  targetDate: string | null;
  /** Legal deadline (ISO instant) where the law sets one; moved on while waiting for the applicant. */
  legalDeadlineAt: string | null;
  /** Set while the case waits for the applicant (the clocks stand still). */
  waitingSince: string | null;
  /** Open cases: 'overdue' when a date has passed, 'today' when one is today (Europe/Berlin). */
  due: 'overdue' | 'today' | null;
}

export interface HistoryEntry {
  id: number;
  at: string;
  userName: string | null;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

export interface Payment {
  id: number;
  receiptNumber: string;
  method: RecordedPaymentMethod;
  amountCents: number;
  freeReason: string | null;
  at: string;
  userName: string;
}

export interface DocumentInfo {
  id: number;
  docType: string;
  number: string;
  createdAt: string;
  userName: string;
  pages: number;
  /** What was fixed when the document was numbered (Wahlschein-Nr., Hundemarke …), or null. */
  facts: Record<string, unknown> | null;
}

/** The approval and signature steps of a case (services that need them). */
export interface CaseSteps {
  /** Why a supervisor must approve the case before its fee is taken, or null when no approval is needed. */
  approvalRequired: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  /** The printed certificate needs the Standesbeamter's signature and seal before hand-over or dispatch. */
  signatureRequired: boolean;
  signedAt: string | null;
  signedBy: string | null;
}

export const TASK_STATES = ['open', 'done', 'not_required'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Record<TaskState, string> = { open: 'offen', done: 'erledigt', not_required: 'entfällt' };

/** A to-do of a case, e.g. a body a Gewerbeanzeige must be sent to (§ 3 GewAnzV). */
export interface CaseTask {
  key: string;
  label: string;
  detail: string;
  state: TaskState;
  note: string | null;
  updatedAt: string;
  userName: string | null;
}

export interface PrintJob {
  id: number;
  documentId: number;
  adapter: 'system' | 'folder';
  printerName: string;
  state: 'pending' | 'submitted' | 'completed' | 'failed';
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CaseDetail extends CaseSummary {
  residentId: number | null;
  resident: Resident | null;
  data: Record<string, unknown>;
  deliveryMethod: DeliveryMethod;
  /** Einschreiben option of a postal case. */
  registered: 'einwurf' | 'uebergabe' | 'rueckschein' | null;
  dispatchedAt: string | null;
  postageCents: number | null;
  feeCents: number;
  paidCents: number;
  payments: Payment[];
  documents: DocumentInfo[];
  printJobs: PrintJob[];
  history: HistoryEntry[];
  /** The portal side of an online case; null for walk-in and postal cases. */
  online: OnlineCaseInfo | null;
  steps: CaseSteps;
  tasks: CaseTask[];
}

export interface Letterhead {
  authority: string;
  department: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  website: string;
  /** Place used in "Lingen (Ems), den …". */
  place: string;
  /** PNG seal image as data URL, or null for the bundled seal. */
  sealImage: string | null;
}

export interface PrinterProfile {
  adapter: 'system' | 'folder';
  /** System printer name (CUPS queue / Windows printer); ignored by the folder adapter. */
  printerName: string;
  media: string;
  tray: string;
}

export interface BankAccountSettings {
  accountHolder: string;
  iban: string;
  bic: string;
  bankName: string;
}

export interface DispatchSettings {
  /** Print an envelope per letter (offices with window envelopes turn this off). */
  printEnvelopes: boolean;
  /** Cases per printer job of a print run: a fault repeats at most one chunk. */
  chunkSize: number;
}

export interface Settings {
  fees: Record<string, number>;
  bank: BankAccountSettings;
  postage: PostagePrices;
  envelopes: EnvelopeConfig;
  dispatch: DispatchSettings;
  idleLockMinutes: number;
  sessionHours: number;
  letterhead: Letterhead;
  printers: Record<'certificate' | 'letter' | 'envelope', PrinterProfile>;
  outboxDir: string;
  /** The workstation these printer profiles belong to (read-only; set by --workstation or the host name). */
  workstation: string;
  /** The Hundesteuersatzung: rates, due dates, SEPA creditor id (Verwaltung → Hundesteuer). */
  hundesteuer: HundesteuerConfig;
}

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
  status: string;
}
