/** Submissions: request schemas and the response views of the spec (Submission, SubmissionReduced, ...). */
import { z } from 'zod';
import type { SubmissionRecord } from './store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERVICE_URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,.:=@;$_!*'%/?#-]+$/;
const JOSE_CHARS = /^[a-zA-Z0-9\-_=.]+$/;

const uuid = z.string().regex(UUID, 'must be a UUID');

export const CreateSubmissionSchema = z.object({
  destinationId: uuid,
  announcedAttachments: z
    .array(uuid)
    .refine((ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length, 'attachment ids must be unique'),
  serviceType: z.object({
    name: z.string(),
    description: z.string().optional(),
    identifier: z.string().min(7).max(255).regex(SERVICE_URN, 'must be a URN like urn:de:fim:leika:leistung:<key>'),
  }),
  caseId: uuid.optional(),
  callback: z
    .object({
      url: z.string().min(9).regex(/^https:\/\/.+/, 'must be an https URL'),
      secret: z.string().min(32).max(512),
    })
    .optional(),
});

export const SubmitSubmissionSchema = z.object({
  encryptedMetadata: z.string().regex(JOSE_CHARS, 'must be a compact JWE'),
  encryptedData: z.string().regex(JOSE_CHARS, 'must be a compact JWE').optional(),
});

/** SubmissionReduced (202 of submit-submission). */
export function reducedView(s: SubmissionRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    destinationId: s.destinationId,
    submissionId: s.submissionId,
    caseId: s.caseId,
    attachments: s.announcedAttachments.filter((a) => s.attachments.has(a)),
    serviceType: s.serviceType,
  };
  if (s.callbackUrl) view.callback = { url: s.callbackUrl };
  return view;
}

/** Submission (200 of get-submission). */
export function fullView(s: SubmissionRecord): Record<string, unknown> {
  const view = reducedView(s);
  view.encryptedMetadata = s.encryptedMetadata;
  if (s.encryptedData !== undefined) view.encryptedData = s.encryptedData;
  return view;
}

/** SubmissionForPickup (items of get-submissions-for-pickup). */
export const pickupView = (s: SubmissionRecord) => ({ destinationId: s.destinationId, submissionId: s.submissionId, caseId: s.caseId });
