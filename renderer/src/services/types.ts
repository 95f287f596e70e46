import type { ComponentType } from 'react';
import type { CaseDetail, ResidentSummary } from '../../../shared/domain/types';
import type { ApiCallError } from '../api/client';

export interface ServiceFormProps {
  data: Record<string, unknown>;
  onChange(data: Record<string, unknown>): void;
  /** The error of the last create attempt; its field paths are "data.<field>" (or "<field>"). */
  error: ApiCallError | null;
  /** Configured fees (cents by fee key), when loaded. */
  fees: Record<string, number> | undefined;
  /** The person chosen in the Melderegister, or null when the clerk goes on without one (services with needsResident false). */
  resident: ResidentSummary | null;
}

/** A service's own part of the case screen (e.g. the Hundemarke, the Wahlschein, the Gewerbe recipients). */
export interface ServiceCasePanelProps {
  detail: CaseDetail;
  /** Whether the signed-in user may change the case now (holds it or may claim it, and it is open). */
  editable: boolean;
}

/** What the renderer knows about a service beyond shared/services: its counter form and how to show its data. */
export interface ServiceUi {
  initialData(): Record<string, unknown>;
  Form: ComponentType<ServiceFormProps>;
  /** Rows for the case screen's "Angaben zur Leistung". */
  describe(data: Record<string, unknown>): { label: string; value: string }[];
  /** Whether the document may be sent by post (offers "Versand per Post" and Einschreiben); default true. */
  postal?: boolean;
  /**
   * Whether the core creates and prints this service's document (preview, "Drucken und ausstellen", postal release).
   * Opt-in: set it once the core has the service's rules and document (electron/core/services); without it the case
   * screen offers status changes only.
   */
  printable?: boolean;
  /** Why the case is free of charge (prefills the payment panel), or null. */
  freeReason?(data: Record<string, unknown>): string | null;
  /** Shown in the case screen below "Angaben zur Leistung"; uses the API hooks itself. */
  CasePanel?: ComponentType<ServiceCasePanelProps>;
  /**
   * The delivery the service's own data decides (e.g. the Wahlschein's delivery); the counter then hides its
   * "Zustellung" choice. The core's rules decide the same way (ServiceRules.deliveryMethod).
   */
  deliveryFromData?(data: Record<string, unknown>): 'counter' | 'post';
  /** Label of the print button (default "Drucken und ausstellen"). */
  issueLabel?: string;
}

export function dataFieldError(error: ApiCallError | null, field: string): string | undefined {
  return error?.fieldMessage(`data.${field}`) ?? error?.fieldMessage(field);
}
