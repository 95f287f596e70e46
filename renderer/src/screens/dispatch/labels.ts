import type { PrintItemState, PrintRunCase, PrintRunDetail, PrintRunItem, PrintRunState } from '../../../../shared/domain/dispatch';

export const ITEM_STATE_LABELS: Record<PrintItemState, string> = {
  pending: 'Wartet',
  printing: 'Wird gedruckt',
  printed: 'Gedruckt',
  failed: 'Fehlgeschlagen',
  cancelled: 'Abgebrochen',
};

export const RUN_CASE_STATE_LABELS: Record<PrintRunCase['state'], string> = {
  pending: 'Offen',
  dispatched: 'Versandt',
  cancelled: 'Abgebrochen',
};

export const PRINTER_ROLE_LABELS: Record<PrintRunItem['printerRole'], string> = {
  certificate: 'Bescheinigungsdrucker',
  letter: 'Briefdrucker',
  envelope: 'Umschlagdrucker',
};

/** Runs that have not ended: they still hold their cases (not in the ready list) and can be resumed or cancelled. */
export const OPEN_RUN_STATES: readonly PrintRunState[] = ['running', 'paused', 'stopped'];

/**
 * Poll a run while it prints, and also while a job that was under way when it was paused or cancelled still
 * settles (its items are "printing" until the printer answered).
 */
export function runNeedsPolling(run: PrintRunDetail | undefined): boolean {
  if (!run) return false;
  return run.state === 'running' || run.runCases.some((c) => c.items.some((i) => i.state === 'printing'));
}

/** "RR123456785DE" → "RR 12345678 5 DE" (as printed on the Einlieferungsbeleg). */
export function formatRegisteredNumber(n: string): string {
  return /^[A-Z]{2}\d{9}[A-Z]{2}$/.test(n) ? `${n.slice(0, 2)} ${n.slice(2, 10)} ${n.slice(10, 11)} ${n.slice(11)}` : n;
}
