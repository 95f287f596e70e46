import type { PrinterInfo } from '../../../shared/domain/types';

export type { PrinterInfo };

/** One PDF to print. `media`, `tray` and `copies` are passed to the driver as given (CUPS: media, InputSlot, copies). */
export interface PrintRequest {
  pdf: Buffer;
  printerName: string;
  /** Shown in the printer queue (job name) and used for the file name by the folder adapter. */
  title: string;
  media?: string;
  tray?: string;
  copies?: number;
}

/** `message` is German and meant for the clerk. */
export type PrintOutcome = { state: 'completed' } | { state: 'failed'; message: string };

/** State of a job submitted earlier, as far as the adapter can still tell. */
export type PrintJobState = 'pending' | 'completed' | 'failed' | 'unknown';

export type PrintLog = (message: string) => void;

export interface PrinterAdapter {
  readonly kind: 'system' | 'folder';
  /**
   * The printers this adapter can print to.
   * Rejects with {@link PrinterUnavailableError} (German message) only when the adapter cannot work at all on this
   * machine (e.g. the system printer binding is missing).
   */
  listPrinters(): Promise<PrinterInfo[]>;
  /**
   * Submits and follows the job to completed or failed. onSubmitted gets the external job id as soon as it exists
   * (the core stores it). Ordinary printer failures resolve to `{ state: 'failed' }`, they never reject.
   * If onSubmitted itself throws, the adapter tries to cancel the job and rethrows that error.
   */
  print(req: PrintRequest, onSubmitted: (externalId: string) => void): Promise<PrintOutcome>;
  /** After a restart: what became of a job submitted earlier. Never rejects. */
  jobState(printerName: string, externalId: string): Promise<PrintJobState>;
}

/** The adapter cannot be used on this machine at all. `message` is German and meant for the clerk. */
export class PrinterUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrinterUnavailableError';
  }
}

/** German messages shared by the adapters (and usable by the core and its tests). */
export const printMessages = {
  bindingMissing: 'Die Systemdrucker-Anbindung ist auf diesem Rechner nicht installiert.',
  noPrinterSelected: 'Es ist kein Drucker ausgewählt. Bitte in den Einstellungen einen Drucker wählen.',
  notConfigured: (printer: string) => `Der Drucker „${printer}“ ist nicht eingerichtet.`,
  noPrintersAtAll: (printer: string) =>
    `Der Drucker „${printer}“ ist nicht eingerichtet. Es sind derzeit überhaupt keine Drucker erreichbar – bitte prüfen, ob der Druckdienst läuft.`,
  stopped: (printer: string) =>
    `Der Drucker „${printer}“ ist angehalten. Bitte am Drucker bzw. in der Druckerverwaltung wieder freigeben.`,
  notAccepting: (printer: string) =>
    `Der Drucker „${printer}“ nimmt derzeit keine Aufträge an. Bitte in der Druckerverwaltung wieder freigeben.`,
  submitFailed: (printer: string) =>
    `Der Druckauftrag konnte nicht an den Drucker „${printer}“ übergeben werden. Bitte Drucker und Druckdienst prüfen.`,
  cancelledByPrinter: 'Der Druckauftrag wurde vom Drucker abgebrochen.',
  timeout: (seconds: number) =>
    `Der Druckauftrag wurde nicht innerhalb von ${seconds === 1 ? 'einer Sekunde' : `${seconds} Sekunden`} abgeschlossen und wurde abgebrochen.`,
  jobVanished: (printer: string) =>
    `Der Druckauftrag ist aus der Warteschlange des Druckers „${printer}“ verschwunden, sein Ergebnis ist unbekannt. Bitte die Ausgabe am Drucker prüfen.`,
  emptyDocument: 'Das Dokument ist leer und kann nicht gedruckt werden.',
  folderNotWritable: (dir: string) =>
    `Der Ablageordner „${dir}“ ist nicht beschreibbar. Bitte den Ablageordner in den Einstellungen prüfen.`,
} as const;

/** Renders an unknown error for English log lines. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}
