/** Tag "Einreichungsübermittlung": create a submission, upload its attachments, submit it. */
import crypto from 'node:crypto';
import { compactJweProblem } from './compact.js';
import { authOf, describeIssues, requirePermission, uuidParam, type RequestContext, type Route } from './context.js';
import { CaseEventLog, simulatorEvent, tagsOf } from './events.js';
import { empty, json, parseJson, requireMediaType } from './http-util.js';
import { badRequest, forbidden, notFound, unprocessable } from './problems.js';
import type { CaseRecord, SubmissionRecord } from './store.js';
import { CreateSubmissionSchema, reducedView, SubmitSubmissionSchema } from './submissions.js';

/** The submission at {submissionId}, which only the sender that created it may change. */
function ownSubmission(ctx: RequestContext): SubmissionRecord {
  const id = uuidParam(ctx, 'submissionId', 'Submission');
  const s = ctx.sim.store.submissions.get(id);
  if (!s) throw notFound(`Submission ${id} does not exist.`);
  const auth = authOf(ctx);
  if (auth.client.role !== 'sender' || s.senderClientId !== auth.client.clientId) {
    throw forbidden(`Submission ${id} was created by another client.`);
  }
  return s;
}

function appendEvent(ctx: RequestContext, s: SubmissionRecord, name: 'create-submission' | 'submit-submission', payload: Record<string, unknown> = {}): void {
  const c = ctx.sim.store.cases.get(s.caseId)!;
  const ev = simulatorEvent(ctx.sim.signer, ctx.sim.baseUrl, s, name, payload);
  c.jtis.add(ev.jti);
  c.events.append(ev.token);
}

export const sendingRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/submissions',
    auth: true,
    handler: async (ctx) => {
      requireMediaType(ctx.req, 'application/json');
      const parsed = CreateSubmissionSchema.safeParse(parseJson(await ctx.body()));
      if (!parsed.success) throw badRequest(describeIssues(parsed.error.issues), 'invalid-submission');
      const input = parsed.data;
      const store = ctx.sim.store;
      const destinationId = input.destinationId.toLowerCase();
      const d = store.destinations.get(destinationId);
      if (!d) throw notFound(`Destination ${destinationId} does not exist.`);
      requirePermission(ctx, { kind: 'send', destination: d }, `This client may not send to destination ${destinationId}.`);
      if (d.status !== 'active') throw unprocessable('destination-not-active', 'Destination not active', `Destination ${destinationId} is ${d.status}.`);
      if (!d.services.some((s) => s.identifier === input.serviceType.identifier)) {
        throw unprocessable('service-not-offered', 'Service not offered', `Destination ${destinationId} does not offer ${input.serviceType.identifier}.`);
      }
      let c: CaseRecord | undefined;
      if (input.caseId) {
        c = store.cases.get(input.caseId.toLowerCase());
        if (!c || c.destinationId !== destinationId) {
          throw unprocessable('unknown-case', 'Unknown case', `Case ${input.caseId} does not exist at destination ${destinationId}.`);
        }
      } else {
        c = { caseId: crypto.randomUUID(), destinationId, submissionIds: [], events: new CaseEventLog(), jtis: new Set() };
        store.cases.set(c.caseId, c);
      }
      const s: SubmissionRecord = {
        submissionId: crypto.randomUUID(),
        caseId: c.caseId,
        destinationId,
        senderClientId: authOf(ctx).client.clientId,
        serviceType: input.serviceType,
        announcedAttachments: input.announcedAttachments.map((a) => a.toLowerCase()),
        attachments: new Map(),
        state: 'incomplete',
        createdAt: Date.now(),
        callbackUrl: input.callback?.url,
      };
      store.submissions.set(s.submissionId, s);
      c.submissionIds.push(s.submissionId);
      appendEvent(ctx, s, 'create-submission');
      return json(201, { destinationId, submissionId: s.submissionId, caseId: s.caseId });
    },
  },
  {
    method: 'PUT',
    path: '/v1/submissions/{submissionId}/attachments/{attachmentId}',
    auth: true,
    handler: async (ctx) => {
      const s = ownSubmission(ctx);
      const attachmentId = (ctx.params.attachmentId ?? '').toLowerCase();
      requireMediaType(ctx.req, 'application/jose');
      const body = (await ctx.body()).toString('utf8').trim();
      if (!s.announcedAttachments.includes(attachmentId)) {
        throw unprocessable('attachment-not-announced', 'Attachment not announced', `Attachment ${attachmentId} was not announced for submission ${s.submissionId}.`);
      }
      if (s.state !== 'incomplete') {
        throw unprocessable('submission-not-incomplete', 'Submission already submitted', `Submission ${s.submissionId} is ${s.state}; attachments can no longer change.`);
      }
      const problem = compactJweProblem(body);
      if (problem) throw badRequest(`The attachment is not a compact JWE: ${problem}.`, 'invalid-jwe');
      s.attachments.set(attachmentId, body);
      return empty(204);
    },
  },
  {
    method: 'PUT',
    path: '/v1/submissions/{submissionId}',
    auth: true,
    handler: async (ctx) => {
      const s = ownSubmission(ctx);
      requireMediaType(ctx.req, 'application/json');
      const parsed = SubmitSubmissionSchema.safeParse(parseJson(await ctx.body()));
      if (!parsed.success) throw badRequest(describeIssues(parsed.error.issues), 'invalid-submission');
      const { encryptedMetadata, encryptedData } = parsed.data;
      for (const [field, value] of [['encryptedMetadata', encryptedMetadata], ['encryptedData', encryptedData]] as const) {
        if (value === undefined) continue;
        const problem = compactJweProblem(value);
        if (problem) throw badRequest(`${field} is not a compact JWE: ${problem}.`, 'invalid-jwe');
      }
      if (s.state !== 'incomplete') {
        throw unprocessable('submission-not-incomplete', 'Submission already submitted', `Submission ${s.submissionId} is ${s.state}.`);
      }
      const missing = s.announcedAttachments.filter((a) => !s.attachments.has(a));
      if (missing.length) {
        throw unprocessable('missing-attachments', 'Submission incomplete', `Announced attachments not uploaded yet: ${missing.join(', ')}.`);
      }
      s.encryptedMetadata = encryptedMetadata;
      s.encryptedData = encryptedData;
      s.submittedAt = Date.now();
      s.tags = tagsOf(s);
      ctx.sim.store.setState(s, 'submitted');
      appendEvent(ctx, s, 'submit-submission', { authenticationTags: s.tags });
      return json(202, reducedView(s));
    },
  },
];
