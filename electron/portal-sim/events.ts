/**
 * Security Event Tokens (RFC 8417) of the event log: the ones the simulator signs itself
 * (create-submission, submit-submission) and the checks of the ones a destination posts
 * (accept-submission, reject-submission).
 */
import crypto, { type KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import { authenticationTag } from './compact.js';
import { unprocessable } from './problems.js';
import type { SubmissionRecord } from './store.js';

export const EVENT_URI_PREFIX = 'https://schema.fitko.de/fit-connect/events/';
export const SET_PAYLOAD_SCHEMA = 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json';
export const SET_TYPE = 'secevent+jwt';

export type EventName =
  | 'create-submission'
  | 'submit-submission'
  | 'notify-submission'
  | 'forward-submission'
  | 'reject-submission'
  | 'accept-submission'
  | 'delete-submission';

export const eventUri = (name: EventName) => EVENT_URI_PREFIX + name;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PS512 (RSASSA-PSS, SHA-512, salt 64 bytes) compact JWS, signed synchronously. */
export class SetSigner {
  constructor(
    private readonly privateKey: KeyObject,
    readonly kid: string,
  ) {}

  sign(payload: Record<string, unknown>): string {
    const header = Buffer.from(JSON.stringify({ alg: 'PS512', typ: SET_TYPE, kid: this.kid })).toString('base64url');
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const input = `${header}.${body}`;
    const signature = crypto.sign('sha512', Buffer.from(input), {
      key: this.privateKey,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 64,
    });
    return `${input}.${signature.toString('base64url')}`;
  }
}

type Entry = string | { materialize: () => string };

/**
 * A case's event log (oldest first). The simulator's own events are signed lazily, the first time
 * they are read: an RSA-4096 signature costs milliseconds, and bulk tests create thousands of events
 * nobody reads. Claims (iat, jti) are fixed when the event happens.
 */
export class CaseEventLog {
  private readonly entries: Entry[] = [];

  append(entry: string | (() => string)): void {
    if (typeof entry === 'string') this.entries.push(entry);
    else {
      let cached: string | undefined;
      this.entries.push({ materialize: () => (cached ??= entry()) });
    }
  }

  get size(): number {
    return this.entries.length;
  }

  slice(offset: number, limit: number): string[] {
    return this.entries.slice(offset, offset + limit).map((e) => (typeof e === 'string' ? e : e.materialize()));
  }

  all(): string[] {
    return this.slice(0, this.entries.length);
  }
}

export interface AuthenticationTags {
  metadata: string;
  data?: string;
  attachments: Record<string, string>;
}

/** The tags of a submission's JWEs (last compact segment), as a submit-submission event carries them. */
export function tagsOf(s: Pick<SubmissionRecord, 'encryptedMetadata' | 'encryptedData' | 'attachments'>): AuthenticationTags {
  const tags: AuthenticationTags = { metadata: authenticationTag(s.encryptedMetadata ?? ''), attachments: {} };
  if (s.encryptedData !== undefined) tags.data = authenticationTag(s.encryptedData);
  for (const [id, jwe] of s.attachments) tags.attachments[id] = authenticationTag(jwe);
  return tags;
}

/** A simulator-issued event, signed on first read. */
export function simulatorEvent(
  signer: SetSigner,
  issuer: string,
  submission: Pick<SubmissionRecord, 'submissionId' | 'caseId'>,
  name: EventName,
  eventPayload: Record<string, unknown> = {},
): { jti: string; token: () => string } {
  const jti = crypto.randomUUID();
  const claims = {
    $schema: SET_PAYLOAD_SCHEMA,
    jti,
    iss: issuer,
    iat: Math.floor(Date.now() / 1000),
    sub: `submission:${submission.submissionId}`,
    txn: `case:${submission.caseId}`,
    events: { [eventUri(name)]: eventPayload },
  };
  return { jti, token: () => signer.sign(claims) };
}

// ---- Checks of a posted SET ------------------------------------------------------------------

export interface PostedEvent {
  kind: 'accept-submission' | 'reject-submission';
  jti: string;
  payload: Record<string, unknown>;
  eventContent: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const fail = (detail: string) => unprocessable('invalid-event', 'Invalid Security Event Token', detail);

/** The submission a (not yet verified) SET is about: `sub` = `submission:<uuid>`. */
export function setSubject(payload: unknown): string {
  if (!isObject(payload)) throw fail('the JWS payload is not a JSON object');
  const sub = payload.sub;
  const m = typeof sub === 'string' ? /^submission:(.+)$/.exec(sub) : null;
  if (!m || !UUID.test(m[1]!)) throw fail(`"sub" must be "submission:<uuid>", got ${JSON.stringify(sub)}`);
  return m[1]!.toLowerCase();
}

/** Header checks and the PS512 signature against the destination's registered signing key. */
export async function verifySetSignature(jws: string, header: unknown, key: KeyObject, expectedKid: string): Promise<void> {
  if (!isObject(header)) throw fail('the JWS header is not a JSON object');
  if (header.typ !== SET_TYPE) throw fail(`header "typ" must be "${SET_TYPE}", got ${JSON.stringify(header.typ)}`);
  if (header.alg !== 'PS512') throw fail(`header "alg" must be "PS512", got ${JSON.stringify(header.alg)}`);
  if (header.kid !== undefined && header.kid !== expectedKid) {
    throw fail(`header "kid" ${JSON.stringify(header.kid)} is not the destination's signing key (${expectedKid})`);
  }
  try {
    await compactVerify(jws, key, { algorithms: ['PS512'] });
  } catch {
    throw fail("the signature does not verify with the destination's signing key");
  }
}

/** Claim checks (set-payload 1.0.0) for an event posted by the receiving side. */
export function checkSetClaims(payload: unknown, expected: { destinationId: string; submissionId: string; caseId: string }): PostedEvent {
  if (!isObject(payload)) throw fail('the JWS payload is not a JSON object');
  if (payload.$schema !== SET_PAYLOAD_SCHEMA) throw fail(`"$schema" must be ${SET_PAYLOAD_SCHEMA}`);
  if (typeof payload.jti !== 'string' || !UUID.test(payload.jti)) throw fail('"jti" must be a UUID');
  if (payload.iss !== expected.destinationId) throw fail(`"iss" must be the destinationId ${expected.destinationId}`);
  if (typeof payload.iat !== 'number' || !Number.isInteger(payload.iat) || payload.iat < 0) throw fail('"iat" must be a NumericDate (integer seconds)');
  if (payload.iat > Date.now() / 1000 + 300) throw fail('"iat" lies in the future');
  if (payload.sub !== `submission:${expected.submissionId}`) throw fail(`"sub" must be submission:${expected.submissionId}`);
  if (typeof payload.txn !== 'string' || payload.txn.toLowerCase() !== `case:${expected.caseId}`) throw fail(`"txn" must be case:${expected.caseId}`);
  if (!isObject(payload.events)) throw fail('"events" must be an object');
  const names = Object.keys(payload.events);
  if (names.length !== 1) throw fail(`"events" must hold exactly one event, it holds ${names.length}`);
  const uri = names[0]!;
  const kind = uri === eventUri('accept-submission') ? 'accept-submission' : uri === eventUri('reject-submission') ? 'reject-submission' : null;
  if (!kind) throw fail(`only ${eventUri('accept-submission')} and ${eventUri('reject-submission')} may be posted, got ${uri}`);
  const content = payload.events[uri];
  if (!isObject(content)) throw fail(`the ${kind} event content must be an object`);
  if (content.problems !== undefined || kind === 'reject-submission') checkProblems(content.problems, kind);
  if (kind === 'accept-submission' && !isObject(content.authenticationTags)) throw fail('accept-submission requires "authenticationTags"');
  return { kind, jti: payload.jti.toLowerCase(), payload, eventContent: content };
}

function checkProblems(problems: unknown, kind: string): void {
  if (!Array.isArray(problems) || (kind === 'reject-submission' && problems.length === 0)) {
    throw fail(`${kind}: "problems" must be ${kind === 'reject-submission' ? 'a non-empty' : 'an'} array`);
  }
  problems.forEach((p, i) => {
    if (!isObject(p) || typeof p.type !== 'string' || typeof p.title !== 'string') {
      throw fail(`${kind}: problems[${i}] needs string "type" and "title" (RFC 7807)`);
    }
    for (const f of ['detail', 'instance'] as const) {
      if (p[f] !== undefined && typeof p[f] !== 'string') throw fail(`${kind}: problems[${i}].${f} must be a string`);
    }
  });
}

/** accept-submission: the tags must be exactly those of the JWEs the destination received. */
export function checkAuthenticationTags(given: unknown, expected: AuthenticationTags): void {
  const failTags = (detail: string) => unprocessable('incorrect-authentication-tags', 'Incorrect authentication tags', detail);
  if (!isObject(given)) throw failTags('"authenticationTags" must be an object');
  if (given.metadata !== expected.metadata) throw failTags('the metadata tag does not match the submitted encryptedMetadata');
  if (expected.data === undefined) {
    if (given.data !== undefined) throw failTags('the submission has no encryptedData, but a data tag was sent');
  } else if (given.data !== expected.data) {
    throw failTags('the data tag does not match the submitted encryptedData');
  }
  const expectedIds = Object.keys(expected.attachments);
  const givenAtt = given.attachments === undefined && expectedIds.length === 0 ? {} : given.attachments;
  if (!isObject(givenAtt)) throw failTags('"attachments" must map each attachmentId to its tag');
  for (const id of expectedIds) {
    if (givenAtt[id] !== expected.attachments[id]) throw failTags(`the tag of attachment ${id} is missing or does not match`);
  }
  const extra = Object.keys(givenAtt).filter((id) => !(id in expected.attachments));
  if (extra.length) throw failTags(`tags for attachments the submission does not have: ${extra.join(', ')}`);
}
