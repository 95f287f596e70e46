/**
 * Security Event Tokens (RFC 8417) the destination posts to a case's event log: accept-submission
 * and reject-submission, signed as compact JWS with PS512 (header `typ: secevent+jwt`, `kid`).
 */
import { randomUUID } from 'node:crypto';
import { CompactSign, decodeJwt, decodeProtectedHeader } from 'jose';
import type { PortalProblem } from '../../../shared/domain/portal';
import type { CheckedSubmission } from './checks';

export const EVENT_URI_PREFIX = 'https://schema.fitko.de/fit-connect/events/';
export const ACCEPT_SUBMISSION = `${EVENT_URI_PREFIX}accept-submission`;
export const REJECT_SUBMISSION = `${EVENT_URI_PREFIX}reject-submission`;
export const SET_PAYLOAD_SCHEMA = 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json';
export const SET_TYPE = 'secevent+jwt';

interface EventIds {
  destinationId: string;
  submissionId: string;
  caseId: string;
  signingKey: { kid: string; key: CryptoKey };
  now: Date;
  /** Event id; a fresh UUID if not given (pass a stored one to re-send the very same event after a crash). */
  jti?: string;
}

async function sign(p: EventIds, eventUri: string, content: Record<string, unknown>): Promise<string> {
  const claims = {
    $schema: SET_PAYLOAD_SCHEMA,
    jti: p.jti ?? randomUUID(),
    iss: p.destinationId,
    iat: Math.floor(p.now.getTime() / 1000),
    sub: `submission:${p.submissionId}`,
    txn: `case:${p.caseId}`,
    events: { [eventUri]: content },
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'PS512', typ: SET_TYPE, kid: p.signingKey.kid })
    .sign(p.signingKey.key);
}

/** accept-submission with the authentication tags of every JWE received. */
export function buildAcceptEvent(p: EventIds & { authenticationTags: CheckedSubmission['authenticationTags'] }): Promise<string> {
  return sign(p, ACCEPT_SUBMISSION, { authenticationTags: p.authenticationTags });
}

/** reject-submission with the problems found (RFC 7807 objects: type, title, detail, instance). */
export async function buildRejectEvent(p: EventIds & { problems: PortalProblem[] }): Promise<string> {
  if (p.problems.length === 0) throw new Error('reject-submission needs at least one problem');
  const problems = p.problems.map((x) => {
    const out: Record<string, string> = { type: x.type, title: x.title, detail: x.detail };
    if (x.instance !== undefined) out.instance = x.instance;
    return out;
  });
  return sign(p, REJECT_SUBMISSION, { problems });
}

/**
 * Our own decision on a submission in a case's event log (newest last), or null: used after a crash
 * to learn whether the accept/reject event reached the portal. The signature is not verified: the
 * log comes from the portal, which verified it when we posted it, and a forged "decision" could only
 * make us skip posting one. Unreadable entries are ignored.
 */
export function findOwnDecisionEvent(eventLog: readonly string[], destinationId: string, submissionId: string): 'accept' | 'reject' | null {
  const iss = destinationId.toLowerCase();
  const sub = `submission:${submissionId}`.toLowerCase();
  let decision: 'accept' | 'reject' | null = null;
  for (const token of eventLog) {
    try {
      const header = decodeProtectedHeader(token);
      if (header.typ !== undefined && header.typ !== SET_TYPE) continue;
      const claims = decodeJwt(token) as Record<string, unknown>;
      if (typeof claims.iss !== 'string' || claims.iss.toLowerCase() !== iss) continue;
      if (typeof claims.sub !== 'string' || claims.sub.toLowerCase() !== sub) continue;
      const events = claims.events;
      if (typeof events !== 'object' || events === null) continue;
      if (ACCEPT_SUBMISSION in events) decision = 'accept';
      else if (REJECT_SUBMISSION in events) decision = 'reject';
    } catch {
      // not a JWS/JWT: not ours
    }
  }
  return decision;
}
