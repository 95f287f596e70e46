/** Types of postal dispatch as the API returns them. */
export type PrintRunState = 'running' | 'paused' | 'stopped' | 'cancelled' | 'completed';
export type PrintItemState = 'pending' | 'printing' | 'printed' | 'failed' | 'cancelled';
export type RegisteredMail = 'einwurf' | 'uebergabe' | 'rueckschein';

export const RUN_STATE_LABELS: Record<PrintRunState, string> = {
  running: 'Läuft',
  paused: 'Angehalten',
  stopped: 'Unterbrochen',
  cancelled: 'Abgebrochen',
  completed: 'Abgeschlossen',
};

export const REGISTERED_LABELS: Record<RegisteredMail, string> = {
  einwurf: 'Einschreiben Einwurf',
  uebergabe: 'Einschreiben Übergabe',
  rueckschein: 'Einschreiben Rückschein',
};

export const ITEM_KIND_LABELS: Record<'document' | 'cover_letter' | 'envelope', string> = {
  document: 'Dokument',
  cover_letter: 'Anschreiben',
  envelope: 'Umschlag',
};

export interface DispatchCandidate {
  caseId: number;
  reference: string;
  serviceId: string;
  serviceName: string;
  applicantName: string;
  siteId: number;
  siteName: string;
  status: 'ready' | 'issued';
  registered: string | null;
  openFeeCents: number;
  updatedAt: string;
}

export interface PrintRunSummary {
  id: number;
  state: PrintRunState;
  message: string | null;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  cases: number;
  casesDispatched: number;
  items: number;
  itemsPrinted: number;
  currentPrinter: string | null;
  postageCents: number;
}

export interface PrintRunItem {
  id: number;
  kind: 'document' | 'cover_letter' | 'envelope';
  printerRole: 'certificate' | 'letter' | 'envelope';
  documentNumber: string | null;
  state: PrintItemState;
  error: string | null;
  printedAt: string | null;
  reprints: number;
}

export interface PrintRunCase {
  caseId: number;
  seq: number;
  reference: string;
  applicantName: string;
  state: 'pending' | 'dispatched' | 'cancelled';
  sheets: number | null;
  envelope: string | null;
  product: string | null;
  postageCents: number | null;
  items: PrintRunItem[];
}

export interface PrintRunDetail extends PrintRunSummary {
  runCases: PrintRunCase[];
  postageByProduct: { product: string; count: number; cents: number }[];
}

export interface DispatchLogEntry {
  id: number;
  runId: number | null;
  /** null once the case was deleted after its retention period (the entry is anonymised then). */
  caseId: number | null;
  reference: string;
  dispatchDate: string;
  siteId: number;
  siteName: string;
  recipientName: string;
  /** "49808 Lingen (Ems)", or "Auskunftssperre" for protected people. */
  recipientPlace: string;
  postalCode: string;
  city: string;
  country: string;
  confidential: boolean;
  product: string;
  envelope: string;
  sheets: number;
  postageCents: number;
  registered: RegisteredMail | null;
  registeredNumber: string | null;
  userName: string;
  at: string;
}
