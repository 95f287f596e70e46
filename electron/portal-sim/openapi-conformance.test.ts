// Every response the simulator gives in a full flow, checked against the OpenAPI file.
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from './openapi-validator.js';
import { encryptApplication } from './sender.js';
import { startSimulator, type Simulator } from './server.js';
import { buildSet, fetchToken, generateDestinationKeys, rawRequest, tagOf, type DestinationKeys, type RawResponse } from './testing.js';

const SPEC = fileURLToPath(new URL('../../resources/fit-connect/submission-api-1.1.3.yaml', import.meta.url));
const validator = createOpenApiValidator(SPEC);
const SERVICE = 'urn:de:fim:leika:leistung:99115003012000';
const SCHEMA_URI = 'https://schema.example.org/bbdesk/meldebescheinigung/1.0.0/schema.json';

let sim: Simulator;
let smallSim: Simulator;
let keys: DestinationKeys;
let subscriberToken: string;
let senderToken: string;
const checked: string[] = [];

/** Calls the simulator and asserts the response conforms to the spec for (method, template, status). */
async function call(
  s: Simulator,
  method: string,
  path: string,
  opts: { token?: string; contentType?: string; body?: string; expect: number },
): Promise<RawResponse> {
  const res = await rawRequest(s.url + path, { method, token: opts.token, contentType: opts.contentType, body: opts.body });
  expect(res.status, `${method} ${path}: ${res.text}`).toBe(opts.expect);
  const body = res.status === 204 ? undefined : res.text;
  const errors = validator.validate(method, path, res.status, res.contentType, body, res.headers);
  expect(errors, `${method} ${path} ${res.status}`).toEqual([]);
  checked.push(`${method} ${validator.operation(method, path)?.template} ${res.status}`);
  return res;
}

beforeAll(async () => {
  [keys, sim, smallSim] = await Promise.all([
    generateDestinationKeys(4096),
    startSimulator(),
    startSimulator({ maxAttachmentBytes: 2048 }),
  ]);
  subscriberToken = await fetchToken(sim.tokenUrl, 'bbdesk', 'bbdesk-sim-secret');
  senderToken = await fetchToken(sim.tokenUrl, 'sender', 'sender-sim-secret');
});

afterAll(async () => {
  await Promise.all([sim?.close(), smallSim?.close()]);
});

describe('the validator itself', () => {
  it('knows the operations of the spec', () => {
    expect(validator.operations()).toEqual(
      expect.arrayContaining(['GET /v1/submissions', 'POST /v1/cases/{caseId}/events', 'GET /.well-known/jwks.json', 'PUT /v1/submissions/{submissionId}/attachments/{attachmentId}']),
    );
  });

  it('rejects responses that break the contract', () => {
    expect(validator.validate('GET', '/v1/info', 200, 'application/json', { version: { major: 1 } })).not.toEqual([]);
    expect(validator.validate('GET', '/v1/info', 200, 'text/html', '<p>hi</p>')).not.toEqual([]);
    expect(validator.validate('GET', '/v1/info', 418, 'application/json', '{}')).not.toEqual([]);
    expect(validator.validate('GET', '/v1/submissions?limit=3', 200, 'application/json', { submissions: [{ destinationId: 'nope' }] })).not.toEqual([]);
    expect(validator.validate('POST', '/v1/cases/0b6c8a5e-7d0c-4c39-9d0e-6f7d6f0e2a11/events', 204, null, '{"x":1}')).not.toEqual([]);
    // a JWK of less than 4096 bit (n shorter than 683 characters) is not a FIT-Connect key
    const shortKey = { kty: 'RSA', key_ops: ['verify'], alg: 'PS512', x5c: ['MII='], kid: 'abcdefgh', n: 'A'.repeat(342), e: 'AQAB' };
    expect(validator.validate('GET', '/.well-known/jwks.json', 200, 'application/json', { keys: [shortKey] })).toEqual([
      'GET /.well-known/jwks.json 200: /keys/0/n must NOT have fewer than 683 characters',
    ]);
    // the required Cache-Control header of destination responses
    const dest = { destinationId: crypto.randomUUID(), encryptionKid: 'k', metadataVersions: ['1.0.0'], services: [{ identifier: SERVICE, regions: ['DE03'], submissionSchemas: [{ schemaUri: SCHEMA_URI, mimeType: 'application/json' }] }], status: 'active' };
    expect(validator.validate('GET', `/v1/destinations/${dest.destinationId}`, 200, 'application/json', dest, {})).toEqual([
      `GET /v1/destinations/${dest.destinationId} 200: required header Cache-Control is missing`,
    ]);
    expect(validator.validate('GET', `/v1/destinations/${dest.destinationId}`, 200, 'application/json', dest, { 'cache-control': 'no-cache' })).toEqual([]);
  });

  it('handles OpenAPI 3.0 nullable and boolean exclusive bounds', async () => {
    const { toJsonSchema } = await import('./openapi-validator.js');
    expect(toJsonSchema({ type: 'string', nullable: true, example: 'x' })).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true })).toEqual({ type: 'number', exclusiveMinimum: 0 });
    expect(toJsonSchema({ $ref: '#/components/schemas/Error', nullable: true })).toEqual({ anyOf: [{ $ref: 'openapi.json#/components/schemas/Error' }, { type: 'null' }] });
  });
});

describe('simulator responses conform to submission-api-1.1.3.yaml', () => {
  it('full flow with error cases', async () => {
    // --- technical
    await call(sim, 'GET', '/v1/info', { expect: 200 });
    const jwks = await call(sim, 'GET', '/.well-known/jwks.json', { expect: 200 });
    expect(jwks.json.keys[0].kid).toBe((sim.signingJwk as { kid: string }).kid);

    // --- token endpoint (OAuth, not part of the OpenAPI file)
    const tokenRes = await rawRequest(sim.tokenUrl, {
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      headers: { Authorization: `Basic ${Buffer.from('sender:sender-sim-secret').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(tokenRes.status).toBe(200);
    expect(tokenRes.json).toMatchObject({ token_type: 'Bearer', expires_in: 1800, scope: 'send:region:DE' });
    expect(typeof tokenRes.json.access_token).toBe('string');
    const badToken = await rawRequest(sim.tokenUrl, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'grant_type=client_credentials&client_id=bbdesk&client_secret=wrong' });
    expect(badToken.status).toBe(401);
    expect(badToken.json.error).toBe('invalid_client');

    // --- destination management
    const created = await call(sim, 'POST', '/v1/destinations', {
      token: subscriberToken,
      contentType: 'application/json',
      body: JSON.stringify({
        services: [{ identifier: SERVICE, submissionSchemas: [{ schemaUri: SCHEMA_URI, mimeType: 'application/json' }] }],
        encryptionPublicKey: keys.encryption.publicJwk,
        signingPublicKey: keys.signing.publicJwk,
      }),
      expect: 201,
    });
    const destinationId = created.json.destinationId as string;
    expect(created.headers.location).toBe(`/v1/destinations/${destinationId}`);
    await call(sim, 'POST', '/v1/destinations', { token: senderToken, contentType: 'application/json', body: '{}', expect: 403 });
    await call(sim, 'POST', '/v1/destinations', { token: subscriberToken, contentType: 'application/json', body: '{"services":[]}', expect: 400 });
    await call(sim, 'GET', '/v1/destinations', { token: subscriberToken, expect: 200 });
    await call(sim, 'GET', '/v1/destinations', { token: senderToken, expect: 403 });
    await call(sim, 'GET', '/v1/destinations', { expect: 401 });
    const ownView = await call(sim, 'GET', `/v1/destinations/${destinationId}`, { token: subscriberToken, expect: 200 });
    expect(ownView.json.contactInformation).toBeDefined();
    const publicView = await call(sim, 'GET', `/v1/destinations/${destinationId}`, { token: senderToken, expect: 200 });
    expect(publicView.json.contactInformation).toBeUndefined();
    expect(publicView.json.encryptionKid).toBe(keys.encryption.publicJwk.kid);
    await call(sim, 'GET', `/v1/destinations/${crypto.randomUUID()}`, { token: senderToken, expect: 404 });
    const encKey = await call(sim, 'GET', `/v1/destinations/${destinationId}/keys/${keys.encryption.publicJwk.kid}`, { expect: 200 });
    expect(encKey.json).toMatchObject({ kty: 'RSA', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'], kid: keys.encryption.publicJwk.kid });
    await call(sim, 'GET', `/v1/destinations/${destinationId}/keys/${keys.signing.publicJwk.kid}`, { expect: 200 });
    await call(sim, 'GET', `/v1/destinations/${destinationId}/keys/unknown-kid-123`, { expect: 404 });

    // --- sending
    const app = await encryptApplication(
      {
        destinationId,
        serviceIdentifier: SERVICE,
        serviceName: 'Meldebescheinigung',
        schemaUri: SCHEMA_URI,
        data: { antrag: { art: 'einfach' } },
        attachments: [{ filename: 'ausweis.pdf', mimeType: 'application/pdf', purpose: 'attachment', bytes: new Uint8Array([37, 80, 68, 70]) }],
      },
      encKey.json,
    );
    const createBody = { destinationId, announcedAttachments: app.announcedAttachments, serviceType: { name: 'Meldebescheinigung', identifier: SERVICE } };
    expect(validator.validateRequest('POST', '/v1/submissions', 'application/json', createBody)).toEqual([]);
    const sub = await call(sim, 'POST', '/v1/submissions', { token: senderToken, contentType: 'application/json', body: JSON.stringify(createBody), expect: 201 });
    const { submissionId, caseId } = sub.json as { submissionId: string; caseId: string };
    await call(sim, 'POST', '/v1/submissions', { token: senderToken, contentType: 'application/json', body: JSON.stringify({ ...createBody, serviceType: { identifier: 'nope' } }), expect: 400 });
    await call(sim, 'POST', '/v1/submissions', { token: senderToken, contentType: 'application/json', body: JSON.stringify({ ...createBody, destinationId: crypto.randomUUID() }), expect: 404 });
    await call(sim, 'POST', '/v1/submissions', { token: subscriberToken, contentType: 'application/json', body: JSON.stringify(createBody), expect: 403 });
    await call(sim, 'POST', '/v1/submissions', { token: senderToken, contentType: 'application/json', body: JSON.stringify({ ...createBody, serviceType: { name: 'x', identifier: 'urn:de:fim:leika:leistung:1' } }), expect: 422 });

    const attachmentId = app.announcedAttachments[0]!;
    const attachmentPath = `/v1/submissions/${submissionId}/attachments/${attachmentId}`;
    const submitBody = { encryptedMetadata: app.encryptedMetadata, encryptedData: app.encryptedData };
    expect(validator.validateRequest('PUT', `/v1/submissions/${submissionId}`, 'application/json', submitBody)).toEqual([]);
    // submitting before the announced attachment is there: 422
    await call(sim, 'PUT', `/v1/submissions/${submissionId}`, { token: senderToken, contentType: 'application/json', body: JSON.stringify(submitBody), expect: 422 });
    await call(sim, 'PUT', attachmentPath, { token: senderToken, contentType: 'text/plain', body: app.attachments[attachmentId], expect: 415 });
    await call(sim, 'PUT', `/v1/submissions/${submissionId}/attachments/${crypto.randomUUID()}`, { token: senderToken, contentType: 'application/jose', body: app.attachments[attachmentId], expect: 422 });
    await call(sim, 'PUT', attachmentPath, { token: senderToken, contentType: 'application/jose', body: 'not.a.jwe', expect: 400 });
    await call(sim, 'PUT', attachmentPath, { token: senderToken, contentType: 'application/jose', body: app.attachments[attachmentId], expect: 204 });
    await call(sim, 'PUT', `/v1/submissions/${submissionId}`, { token: senderToken, contentType: 'application/json', body: '{"encryptedMetadata":"a.b"}', expect: 400 });
    await call(sim, 'PUT', `/v1/submissions/${submissionId}`, { token: subscriberToken, contentType: 'application/json', body: JSON.stringify(submitBody), expect: 403 });
    await call(sim, 'PUT', `/v1/submissions/${crypto.randomUUID()}`, { token: senderToken, contentType: 'application/json', body: JSON.stringify(submitBody), expect: 404 });
    const submitted = await call(sim, 'PUT', `/v1/submissions/${submissionId}`, { token: senderToken, contentType: 'application/json', body: JSON.stringify(submitBody), expect: 202 });
    expect(submitted.json.attachments).toEqual([attachmentId]);

    // --- receiving
    const list = await call(sim, 'GET', `/v1/submissions?destinationId=${destinationId}&limit=10&offset=0`, { token: subscriberToken, expect: 200 });
    expect(list.json).toEqual({ count: 1, offset: 0, totalCount: 1, submissions: [{ destinationId, submissionId, caseId }] });
    await call(sim, 'GET', '/v1/submissions', { expect: 401 });
    await call(sim, 'GET', '/v1/submissions', { token: senderToken, expect: 403 });
    await call(sim, 'GET', `/v1/submissions?destinationId=${crypto.randomUUID()}`, { token: subscriberToken, expect: 403 });
    const full = await call(sim, 'GET', `/v1/submissions/${submissionId}`, { token: subscriberToken, expect: 200 });
    expect(full.json.encryptedMetadata).toBe(app.encryptedMetadata);
    await call(sim, 'GET', `/v1/submissions/${crypto.randomUUID()}`, { token: subscriberToken, expect: 404 });
    await call(sim, 'GET', `/v1/submissions/${submissionId}`, { token: senderToken, expect: 403 });
    const att = await call(sim, 'GET', attachmentPath, { token: subscriberToken, expect: 200 });
    expect(att.text).toBe(app.attachments[attachmentId]);
    await call(sim, 'GET', `/v1/submissions/${submissionId}/attachments/${crypto.randomUUID()}`, { token: subscriberToken, expect: 404 });

    const events = await call(sim, 'GET', `/v1/cases/${caseId}/events`, { token: subscriberToken, expect: 200 });
    expect(events.json.totalCount).toBe(2);
    await call(sim, 'GET', `/v1/cases/${caseId}/events?limit=1&offset=1`, { token: senderToken, expect: 200 });
    await call(sim, 'GET', `/v1/cases/${crypto.randomUUID()}/events`, { token: subscriberToken, expect: 404 });
    await call(sim, 'GET', `/v1/cases/${caseId}/events`, { expect: 401 });

    const tags = { metadata: tagOf(app.encryptedMetadata), data: tagOf(app.encryptedData), attachments: { [attachmentId]: tagOf(app.attachments[attachmentId]!) } };
    const base = { signingKey: keys.signing.privateKey, kid: keys.signing.publicJwk.kid, destinationId, submissionId, caseId };
    const forged = await buildSet({ ...base, signingKey: keys.encryption.privateKey, event: 'accept-submission', content: { authenticationTags: tags } });
    await call(sim, 'POST', `/v1/cases/${caseId}/events`, { token: subscriberToken, contentType: 'application/jose', body: forged, expect: 422 });
    await call(sim, 'POST', `/v1/cases/${caseId}/events`, { token: subscriberToken, contentType: 'application/jose', body: 'garbage', expect: 400 });
    const accept = await buildSet({ ...base, event: 'accept-submission', content: { authenticationTags: tags } });
    await call(sim, 'POST', `/v1/cases/${caseId}/events`, { token: senderToken, contentType: 'application/jose', body: accept, expect: 403 });
    await call(sim, 'POST', `/v1/cases/${crypto.randomUUID()}/events`, { token: subscriberToken, contentType: 'application/jose', body: accept, expect: 404 });
    await call(sim, 'POST', `/v1/cases/${caseId}/events`, { token: subscriberToken, contentType: 'application/jose', body: accept, expect: 204 });
    const again = await buildSet({ ...base, event: 'accept-submission', content: { authenticationTags: tags } });
    await call(sim, 'POST', `/v1/cases/${caseId}/events`, { token: subscriberToken, contentType: 'application/jose', body: again, expect: 409 });
    // accepted submissions are gone for the receiver (the spec: 404 unless submitted/forwarded)
    await call(sim, 'GET', `/v1/submissions/${submissionId}`, { token: subscriberToken, expect: 404 });
    const after = await call(sim, 'GET', `/v1/cases/${caseId}/events`, { token: subscriberToken, expect: 200 });
    expect(after.json.eventLog).toHaveLength(3);
    expect(after.json.eventLog[2]).toBe(accept);
    expect(sim.submissionState(submissionId)).toBe('accepted');
  });

  it('413 for attachments over the limit', async () => {
    const { destinationId } = smallSim.createDestination({
      encryptionKey: keys.encryption.publicJwk,
      signingKey: keys.signing.publicJwk,
      services: [{ identifier: SERVICE, submissionSchemas: [{ schemaUri: SCHEMA_URI, mimeType: 'application/json' }] }],
    });
    const token = await fetchToken(smallSim.tokenUrl, 'sender', 'sender-sim-secret');
    const attachmentId = crypto.randomUUID();
    const sub = await call(smallSim, 'POST', '/v1/submissions', {
      token,
      contentType: 'application/json',
      body: JSON.stringify({ destinationId, announcedAttachments: [attachmentId], serviceType: { name: 'Meldebescheinigung', identifier: SERVICE } }),
      expect: 201,
    });
    const big = `eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.${'A'.repeat(4000)}.AAAA.AAAA.AAAA`;
    const res = await call(smallSim, 'PUT', `/v1/submissions/${sub.json.submissionId}/attachments/${attachmentId}`, { token, contentType: 'application/jose', body: big, expect: 413 });
    expect(res.json.status).toBe(413);
  });

  it('covered every operation of the receiving and sending tags', () => {
    const covered = new Set(checked.map((c) => c.split(' ').slice(0, 2).join(' ')));
    for (const op of [
      'GET /v1/info',
      'GET /.well-known/jwks.json',
      'GET /v1/destinations',
      'POST /v1/destinations',
      'GET /v1/destinations/{destinationId}',
      'GET /v1/destinations/{destinationId}/keys/{keyId}',
      'POST /v1/submissions',
      'GET /v1/submissions',
      'GET /v1/submissions/{submissionId}',
      'PUT /v1/submissions/{submissionId}',
      'GET /v1/submissions/{submissionId}/attachments/{attachmentId}',
      'PUT /v1/submissions/{submissionId}/attachments/{attachmentId}',
      'GET /v1/cases/{caseId}/events',
      'POST /v1/cases/{caseId}/events',
    ]) {
      expect(covered, op).toContain(op);
    }
    const statuses = new Set(checked.map((c) => c.split(' ')[2]));
    for (const s of ['200', '201', '202', '204', '400', '401', '403', '404', '409', '413', '415', '422']) expect(statuses, s).toContain(s);
  });
});
