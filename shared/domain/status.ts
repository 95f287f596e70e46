/** The case status machine (DESIGN.md "Cases"). The core enforces it; the renderer uses it to offer only valid actions. */
export const CASE_STATUSES = [
  'new',
  'in_progress',
  'waiting',
  'ready',
  'issued',
  'handed_over',
  'dispatched',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'cancelled'];

const FORWARD: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress'],
  in_progress: ['waiting', 'ready'],
  waiting: ['in_progress'],
  ready: ['in_progress', 'issued'],
  issued: ['handed_over', 'dispatched'],
  handed_over: ['closed'],
  dispatched: ['closed'],
  closed: [],
  rejected: [],
  cancelled: [],
};

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Every status a case may move to from `from`: its forward steps, plus rejected and cancelled from any open state. */
export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  if (isTerminal(from)) return [];
  return [...FORWARD[from], 'rejected', 'cancelled'];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return allowedTransitions(from).includes(to);
}

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'Neu',
  in_progress: 'In Bearbeitung',
  waiting: 'Wartet auf Antragsteller',
  ready: 'Bereit zur Ausstellung',
  issued: 'Ausgestellt',
  handed_over: 'Ausgehändigt',
  dispatched: 'Versandt',
  closed: 'Abgeschlossen',
  rejected: 'Abgelehnt',
  cancelled: 'Storniert',
};

/** Statuses whose changes need a reason in the history. */
export const REASON_REQUIRED: readonly CaseStatus[] = ['waiting', 'rejected', 'cancelled'];
