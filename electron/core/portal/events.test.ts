import { randomUUID } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeCompactJws } from '../../portal-sim/compact';
import { checkAuthenticationTags, checkSetClaims, verifySetSignature } from '../../portal-sim/events';
import { ACCEPT_SUBMISSION, buildAcceptEvent, buildRejectEvent, findOwnDecisionEvent, REJECT_SUBMISSION, SET_PAYLOAD_SCHEMA } from './events';
import { problem } from './problems';

const destinationId = 'd3f0c1a2-5b6e-4c7d-8e9f-0a1b2c3d4e5f';
const submissionId = '9b1e2d3c-4f5a-4b6c-8d7e-6f5a4b3c2d1e';
const caseId = 'c0ffee00-1234-4abc-8def-0123456789ab';
const now = new Date('2025-03-01T10:15:30.900Z');
const tags = { metadata: 'tagM', data: 'tagD', attachments: { 'a1b2c3d4-0000-4000-8000-000000000001': 'tagA' } };

let signingKey: { kid: string; key: CryptoKey };
let verifyKey: CryptoKey;
let otherKey: { kid: string; key: CryptoKey };
let simVerifyKey: KeyObject;

const decodePayload = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

beforeAll(async () => {
  const [mine, other] = await Promise.all([
    generateKeyPair('PS512', { modulusLength: 4096 }),
    generateKeyPair('PS512', { modulusLength: 4096 }),
  ]);
  signingKey = { kid: randomUUID(), key: mine.privateKey as CryptoKey };
  // Verify with the public JWK as the portal registers it (use sig, key_ops verify).
  const jwk = { ...(await exportJWK(mine.publicKey)), alg: 'PS512' };
  verifyKey = (await importJWK(jwk, 'PS512')) as CryptoKey;
  simVerifyKey = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  otherKey = { kid: randomUUID(), key: other.privateKey as CryptoKey };
});

describe('buildAcceptEvent / buildRejectEvent', () => {
  it('signs an accept-submission SET with PS512 and the FIT-Connect claims', async () => {
    const jti = randomUUID();
    const set = await buildAcceptEvent({ destinationId, submissionId, caseId, authenticationTags: tags, signingKey, now, jti });
    const { protectedHeader, payload } = await compactVerify(set, verifyKey, { algorithms: ['PS512'] });
    expect(protectedHeader).toEqual({ alg: 'PS512', typ: 'secevent+jwt', kid: signingKey.kid });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({
      $schema: SET_PAYLOAD_SCHEMA,
      jti,
      iss: destinationId,
      iat: Math.floor(now.getTime() / 1000),
      sub: `submission:${submissionId}`,
      txn: `case:${caseId}`,
      events: { [ACCEPT_SUBMISSION]: { authenticationTags: tags } },
    });
  });

  it('signs a reject-submission SET with the problems', async () => {
    const problems = [problem('hash-mismatch', 'Die SHA-512-Prüfsumme der Fachdaten stimmt nicht.', 'data'), problem('missing-data', 'fehlt')];
    const set = await buildRejectEvent({ destinationId, submissionId, caseId, problems, signingKey, now });
    await expect(compactVerify(set, verifyKey)).resolves.toBeTruthy();
    const claims = decodePayload(set);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(claims.events).toEqual({ [REJECT_SUBMISSION]: { problems } });
    expect(decodeProtectedHeader(set).typ).toBe('secevent+jwt');
  });

  it('uses a new jti each time unless one is given', async () => {
    const a = await buildAcceptEvent({ destinationId, submissionId, caseId, authenticationTags: tags, signingKey, now });
    const b = await buildAcceptEvent({ destinationId, submissionId, caseId, authenticationTags: tags, signingKey, now });
    expect(decodePayload(a).jti).not.toBe(decodePayload(b).jti);
  });

  it('refuses a reject without problems', async () => {
    await expect(buildRejectEvent({ destinationId, submissionId, caseId, problems: [], signingKey, now })).rejects.toThrow();
  });

  it('passes the simulator\'s checks of posted events', async () => {
    const set = await buildAcceptEvent({ destinationId, submissionId, caseId, authenticationTags: tags, signingKey, now: new Date() });
    const { header, payload } = decodeCompactJws(set);
    await expect(verifySetSignature(set, header, simVerifyKey, signingKey.kid)).resolves.toBeUndefined();
    const ev = checkSetClaims(payload, { destinationId, submissionId, caseId });
    expect(ev.kind).toBe('accept-submission');
    expect(() => checkAuthenticationTags(ev.eventContent.authenticationTags, tags)).not.toThrow();
    const reject = await buildRejectEvent({ destinationId, submissionId, caseId, problems: [problem('missing-data', 'x', 'data')], signingKey, now: new Date() });
    expect(checkSetClaims(decodeCompactJws(reject).payload, { destinationId, submissionId, caseId }).kind).toBe('reject-submission');
  });

  it('does not verify with another key', async () => {
    const set = await buildAcceptEvent({ destinationId, submissionId, caseId, authenticationTags: tags, signingKey: otherKey, now });
    await expect(compactVerify(set, verifyKey)).rejects.toThrow();
  });
});

describe('findOwnDecisionEvent', () => {
  /** An unsigned SET as the portal's own events look (the portal signs with its key; we only decode). */
  const portalEvent = (name: string, sub = submissionId) =>
    [
      Buffer.from(JSON.stringify({ alg: 'PS512', typ: 'secevent+jwt', kid: 'portal' })).toString('base64url'),
      Buffer.from(
        JSON.stringify({ iss: 'https://portal.example/', sub: `submission:${sub}`, txn: `case:${caseId}`, events: { [`https://schema.fitko.de/fit-connect/events/${name}`]: {} } }),
      ).toString('base64url'),
      'c2ln',
    ].join('.');

  it('finds none in a log with only the portal events', () => {
    expect(findOwnDecisionEvent([portalEvent('create-submission'), portalEvent('submit-submission')], destinationId, submissionId)).toBeNull();
    expect(findOwnDecisionEvent([], destinationId, submissionId)).toBeNull();
  });

  it('finds our accept or reject for this submission, ignoring others and garbage', async () => {
    const accept = await buildAcceptEvent({ destinationId, submissionId, caseId, authenticationTags: tags, signingKey, now });
    const reject = await buildRejectEvent({ destinationId, submissionId, caseId, problems: [problem('missing-data', 'x')], signingKey, now });
    const otherSubmission = await buildRejectEvent({ destinationId, submissionId: randomUUID(), caseId, problems: [problem('missing-data', 'x')], signingKey, now });
    const otherDestination = await buildAcceptEvent({ destinationId: randomUUID(), submissionId, caseId, authenticationTags: tags, signingKey, now });
    const log = [portalEvent('create-submission'), 'kein.jws', 'x', portalEvent('submit-submission'), otherSubmission, otherDestination];
    expect(findOwnDecisionEvent(log, destinationId, submissionId)).toBeNull();
    expect(findOwnDecisionEvent([...log, accept], destinationId, submissionId)).toBe('accept');
    expect(findOwnDecisionEvent([...log, reject], destinationId, submissionId)).toBe('reject');
    // The portal's own reject (after 14 days) is not ours.
    expect(findOwnDecisionEvent([...log, portalEvent('reject-submission')], destinationId, submissionId)).toBeNull();
    // Case of the ids does not matter.
    expect(findOwnDecisionEvent([accept], destinationId.toUpperCase(), submissionId.toUpperCase())).toBe('accept');
  });
});
