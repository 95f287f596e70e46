import { findService } from '../../shared/services';
import { onlineSchemaUri, ONLINE_SERVICES } from '../../shared/services/online';
import { demoApplication, loadDemoPeople, type DemoPerson } from './demo-applications';
import { mapLimit } from '../core/map-limit';
import { SenderClient, type SenderConfig } from './sender';

export interface DemoFeedInput extends SenderConfig {
  destinationId: string;
  resourcesDir: string;
  /** Service ids to send; default: every online service in turn. */
  serviceIds?: readonly string[];
  count: number;
  /** Sequence number of the first application (varies the people and data). */
  firstSeq?: number;
  /** Applications sent at once. */
  concurrency?: number;
  /** Fill the form PDF with the application (what a clerk opens); off for bulk runs, where it costs ~10 ms each. */
  personalForm?: boolean;
  /** Day of the applications (YYYY-MM-DD); default: the demo date. */
  applicationDate?: string;
}

let peopleCache: { dir: string; people: DemoPerson[] } | null = null;

/** Sends realistic encrypted demo applications through a portal's sending endpoints, as a portal would. */
export async function sendDemoApplications(input: DemoFeedInput): Promise<{ submissionId: string; caseId: string; serviceId: string }[]> {
  const serviceIds = input.serviceIds?.length ? input.serviceIds : ONLINE_SERVICES.map((s) => s.id);
  for (const id of serviceIds) {
    if (!findService(id)) throw new Error(`Unbekannte Leistung: ${id} (bekannt: ${ONLINE_SERVICES.map((s) => s.id).join(', ')})`);
  }
  if (peopleCache?.dir !== input.resourcesDir) peopleCache = { dir: input.resourcesDir, people: loadDemoPeople(input.resourcesDir) };
  const people = peopleCache.people;
  const sender = new SenderClient(input);
  // Fetched once for the whole batch, so a wrong destination fails before anything is sent.
  const key = await sender.encryptionKey(input.destinationId);
  const first = input.firstSeq ?? 1;
  const indexes = Array.from({ length: input.count }, (_, i) => i);
  return mapLimit(indexes, input.concurrency ?? 4, async (i) => {
    const serviceId = serviceIds[i % serviceIds.length]!;
    const service = findService(serviceId)!;
    const app = demoApplication(serviceId, first + i, people, {
      resourcesDir: input.resourcesDir,
      personalForm: input.personalForm,
      applicationDate: input.applicationDate,
    });
    const sent = await sender.send(
      {
        destinationId: input.destinationId,
        serviceIdentifier: service.serviceIdentifier,
        serviceName: service.name,
        schemaUri: onlineSchemaUri(serviceId),
        data: app.data,
        attachments: app.attachments,
        paymentInformation: app.paymentInformation as Record<string, unknown> | undefined,
        authenticationInformation: app.authenticationInformation,
        replyChannel: app.replyChannel,
        additionalReferenceInfo: app.additionalReferenceInfo,
      },
      key,
    );
    return { ...sent, serviceId };
  });
}
