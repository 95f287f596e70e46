import type { Resident, Settings } from '../../../shared/domain/types';
import type { ServiceDefinition } from '../../../shared/services/types';
import type { DocumentRenderer } from '../documents/renderer';

export interface RenderRequest {
  data: Record<string, unknown>;
  resident: Resident;
  caseReference: string;
  number: string;
  issuedAt: Date;
  clerkName: string;
  preview: boolean;
  settings: Settings;
  resourcesDir: string;
  renderer: DocumentRenderer;
}

/** The core's rules for one service; the data shape and defaults live in shared/services/<id>/. */
export interface ServiceRules {
  definition: ServiceDefinition;
  /** Fee in cents for validated case data. */
  fee(data: Record<string, unknown>, settings: Settings): number;
  /** A reason the fee is waived by law or purpose, or null. */
  waiverReason(data: Record<string, unknown>): string | null;
  /** Refuses the application for this resident with a German message (throws ApiFailure), e.g. a deceased person. */
  checkResident(resident: Resident, data: Record<string, unknown>): void;
  document: {
    type: string;
    /** Number prefix, e.g. "MB" → MB-2026-000001. */
    prefix: string;
    printer: keyof Settings['printers'];
    render(req: RenderRequest): Promise<Buffer>;
  };
}
