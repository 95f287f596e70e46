import type { OnlineApplicant } from '../../../shared/domain/portal';
import type { Settings } from '../../../shared/domain/types';
import { findService } from '../../../shared/services';
import { inTransaction, type Db } from '../db/connection';
import { importOnlineCase } from './import-case';

let seq = 0;

/**
 * Tests: imports an online application as the sync does once its checks passed — in one transaction, under the
 * service's FIT-Connect identifier — and returns the new case's id.
 */
export function importTestApplication(
  db: Db,
  a: { serviceId: string; applicant: OnlineApplicant; antrag: unknown; settings: Settings; now?: Date; submissionId?: string },
): number {
  const service = findService(a.serviceId);
  if (!service) throw new Error(`unknown service ${a.serviceId}`);
  const n = String(++seq).padStart(12, '0');
  const submissionId = a.submissionId ?? `00000000-0000-4000-8000-${n}`;
  return inTransaction(db, () =>
    importOnlineCase(
      db,
      {
        submissionId,
        portalCaseId: `case-${submissionId}`,
        destinationId: 'dest-1',
        serviceIdentifier: service.serviceIdentifier,
        serviceId: service.id,
        metadata: {},
        data: { antragsteller: a.applicant, antrag: a.antrag },
        attachments: [],
      },
      a.now ?? new Date(),
      a.settings,
    ),
  );
}
