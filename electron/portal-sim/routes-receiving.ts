/** Tag "Einreichungsempfang": list and fetch submissions, read and write the event log of a case. */
import { compactJwsProblem, decodeCompactJws } from './compact.js';
import { authOf, isUuid, paging, requirePermission, uuidParam, type RequestContext, type Route } from './context.js';
import { checkAuthenticationTags, checkSetClaims, setSubject, verifySetSignature } from './events.js';
import { empty, json, requireMediaType } from './http-util.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from './problems.js';
import type { CaseRecord, SubmissionRecord } from './store.js';
import { fullView, pickupView } from './submissions.js';
import { allowed } from './tokens.js';

/** A submission the client subscribes to, in state submitted or forwarded (else 404, as the spec says). */
function fetchableSubmission(ctx: RequestContext): SubmissionRecord {
  const id = uuidParam(ctx, 'submissionId', 'Submission');
  const store = ctx.sim.store;
  const s = store.submissions.get(id);
  if (!s) throw notFound(`Submission ${id} does not exist.`);
  const d = store.destinations.get(s.destinationId)!;
  requirePermission(ctx, { kind: 'subscribe', destination: d }, `This client does not subscribe to destination ${d.destinationId}.`);
  if (s.state !== 'submitted' && s.state !== 'forwarded') throw notFound(`Submission ${id} is ${s.state}, not submitted or forwarded.`);
  return s;
}

function caseOf(ctx: RequestContext): CaseRecord {
  const id = uuidParam(ctx, 'caseId', 'Case');
  const c = ctx.sim.store.cases.get(id);
  if (!c) throw notFound(`Case ${id} does not exist.`);
  return c;
}

export const receivingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/submissions',
    auth: true,
    handler: (ctx) => {
      const auth = authOf(ctx);
      const store = ctx.sim.store;
      if (auth.client.role !== 'subscriber') throw forbidden('Only subscribing clients may list submissions (scope subscribe:destination:<id>).');
      const { limit, offset } = paging(ctx.url);
      const wanted = ctx.url.searchParams.get('destinationId');
      let destinations: Set<string>;
      if (wanted !== null) {
        if (!isUuid(wanted)) throw badRequest('Query parameter destinationId must be a UUID.');
        const d = store.destinations.get(wanted.toLowerCase());
        if (!d || !allowed(auth, { kind: 'subscribe', destination: d })) throw forbidden(`This client does not subscribe to destination ${wanted}.`);
        destinations = new Set([d.destinationId]);
      } else {
        destinations = new Set(
          store.destinationsOwnedBy(auth.client.clientId).filter((d) => allowed(auth, { kind: 'subscribe', destination: d })).map((d) => d.destinationId),
        );
      }
      const ready: SubmissionRecord[] = [];
      for (const id of store.pickup) {
        const s = store.submissions.get(id)!;
        if (s.state === 'submitted' && destinations.has(s.destinationId)) ready.push(s);
      }
      const page = ready.slice(offset, offset + limit);
      return json(200, { count: page.length, offset, totalCount: ready.length, submissions: page.map(pickupView) });
    },
  },
  {
    method: 'GET',
    path: '/v1/submissions/{submissionId}',
    auth: true,
    handler: (ctx) => json(200, fullView(fetchableSubmission(ctx))),
  },
  {
    method: 'GET',
    path: '/v1/submissions/{submissionId}/attachments/{attachmentId}',
    auth: true,
    handler: (ctx) => {
      const s = fetchableSubmission(ctx);
      const attachmentId = (ctx.params.attachmentId ?? '').toLowerCase();
      const jwe = s.attachments.get(attachmentId);
      if (jwe === undefined) throw notFound(`Submission ${s.submissionId} has no attachment ${attachmentId}.`);
      return { status: 200, text: jwe, contentType: 'application/jose' };
    },
  },
  {
    method: 'GET',
    path: '/v1/cases/{caseId}/events',
    auth: true,
    handler: (ctx) => {
      const c = caseOf(ctx);
      const auth = authOf(ctx);
      const store = ctx.sim.store;
      const d = store.destinations.get(c.destinationId)!;
      const mayRead =
        allowed(auth, { kind: 'subscribe', destination: d }) ||
        allowed(auth, { kind: 'manage', destination: d }) ||
        (allowed(auth, { kind: 'send', destination: d }) && c.submissionIds.some((id) => store.submissions.get(id)?.senderClientId === auth.client.clientId));
      if (!mayRead) throw forbidden(`This client may not read the event log of case ${c.caseId}.`);
      const { limit, offset } = paging(ctx.url);
      const eventLog = c.events.slice(offset, limit);
      return json(200, { count: eventLog.length, offset, totalCount: c.events.size, eventLog });
    },
  },
  {
    method: 'POST',
    path: '/v1/cases/{caseId}/events',
    auth: true,
    handler: async (ctx) => {
      const c = caseOf(ctx);
      const store = ctx.sim.store;
      const d = store.destinations.get(c.destinationId)!;
      requirePermission(ctx, { kind: 'subscribe', destination: d }, `This client does not subscribe to destination ${d.destinationId}.`);
      requireMediaType(ctx.req, 'application/jose');
      const jws = (await ctx.body()).toString('utf8').trim();
      const syntax = compactJwsProblem(jws);
      if (syntax) throw badRequest(`The body is not a compact JWS: ${syntax}.`, 'invalid-jws');

      const { header, payload } = decodeCompactJws(jws);
      const submissionId = setSubject(payload);
      const s = store.submissions.get(submissionId);
      if (!s || s.caseId !== c.caseId) {
        throw unprocessable('invalid-event', 'Invalid Security Event Token', `Submission ${submissionId} does not belong to case ${c.caseId}.`);
      }
      await verifySetSignature(jws, header, d.signingKey, d.signingKid);
      const event = checkSetClaims(payload, { destinationId: d.destinationId, submissionId, caseId: c.caseId });

      if (s.state !== 'submitted' && s.state !== 'forwarded') {
        throw conflict('invalid-state-transition', 'Invalid state transition', `Submission ${submissionId} is ${s.state}; ${event.kind} is not possible.`);
      }
      if (event.kind === 'accept-submission') checkAuthenticationTags(event.eventContent.authenticationTags, s.tags!);
      if (c.jtis.has(event.jti)) throw unprocessable('invalid-event', 'Invalid Security Event Token', `An event with jti ${event.jti} is already in the log.`);

      c.jtis.add(event.jti);
      c.events.append(jws);
      store.setState(s, event.kind === 'accept-submission' ? 'accepted' : 'rejected');
      return empty(204);
    },
  },
];
