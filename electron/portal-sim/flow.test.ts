// End-to-end flows through the simulator over real HTTP: sending, receiving, the event log and its state machine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { compactDecrypt, compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptApplication, SenderClient, type OutgoingApplication } from './sender.js';
import { startSimulator, type Simulator } from './server.js';
import { buildSet, fetchToken, generateDestinationKeys, rawRequest, tagOf, type DestinationKeys } from './testing.js';

const SERVICE = 'urn:de:fim:leika:leistung:99115003012000';
const SCHEMA_URI = 'https://schema.example.org/bbdesk/meldebescheinigung/1.0.0/schema.json';
const EVENTS = 'https://schema.fitko.de/fit-connect/events/';
const metadataSchema = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../resources/fit-connect/metadata.schema.v1.0.0.json', import.meta.url)), 'utf8'));

let keys: DestinationKeys;
let otherKeys: DestinationKeys;
let sim: Simulator;
let destinationId: string;
let sender: SenderClient;
let subscriberToken: string;

const services = [{ identifier: SERVICE, submissionSchemas: [{ schemaUri: SCHEMA_URI, mimeType: 'application/json' as const }] }];

function application(extra: Partial<OutgoingApplication> = {}): OutgoingApplication {
  return {
    destinationId,
    serviceIdentifier: SERVICE,
    serviceName: 'Meldebescheinigung',
    schemaUri: SCHEMA_URI,
    data: { antrag: { art: 'einfach', name: 'Müller-Lüdenscheidt', vorname: 'Jürgen' } },
    attachments: [
      { filename: 'antrag.pdf', mimeType: 'application/pdf', purpose: 'form', bytes: new TextEncoder().encode('%PDF-1.7 Antrag') },
      { filename: 'nachweis.png', mimeType: 'image/png', purpose: 'attachment', description: 'Nachweis', bytes: crypto.randomBytes(3000) },
    ],
    additionalReferenceInfo: { senderReference: 'OR-4711', applicationDate: '2025-03-01' },
    ...extra,
  };
}

const api = (path: string, init: Parameters<typeof rawRequest>[1] = {}) => rawRequest(sim.url + path, { token: subscriberToken, ...init });

async function submissionParts(submissionId: string) {
  const s = await api(`/v1/submissions/${submissionId}`);
  expect(s.status).toBe(200);
  const attachments: Record<string, string> = {};
  for (const id of s.json.attachments as string[]) attachments[id] = (await api(`/v1/submissions/${submissionId}/attachments/${id}`)).text;
  return { submission: s.json, attachments };
}

function tagsOf(parts: Awaited<ReturnType<typeof submissionParts>>) {
  return {
    metadata: tagOf(parts.submission.encryptedMetadata),
    data: tagOf(parts.submission.encryptedData),
    attachments: Object.fromEntries(Object.entries(parts.attachments).map(([id, jwe]) => [id, tagOf(jwe)])),
  };
}

async function postEvent(caseId: string, jws: string) {
  return api(`/v1/cases/${caseId}/events`, { method: 'POST', contentType: 'application/jose', body: jws });
}

beforeAll(async () => {
  [keys, otherKeys, sim] = await Promise.all([generateDestinationKeys(4096), generateDestinationKeys(4096), startSimulator()]);
  ({ destinationId } = sim.createDestination({ encryptionKey: keys.encryption.publicJwk, signingKey: keys.signing.publicJwk, services }));
  sender = new SenderClient({ apiUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: 'sender', clientSecret: 'sender-sim-secret' });
  subscriberToken = await fetchToken(sim.tokenUrl, 'bbdesk', 'bbdesk-sim-secret');
});

afterAll(() => sim?.close());

describe('a submission from sender to receiver', () => {
  it('arrives encrypted, decrypts, matches its metadata, and is accepted', async () => {
    const { submissionId, caseId } = await sender.send(application({ compress: true }));
    expect(sim.submissionState(submissionId)).toBe('submitted');

    const list = await api(`/v1/submissions?destinationId=${destinationId}`);
    expect(list.json.submissions).toContainEqual({ destinationId, submissionId, caseId });

    const parts = await submissionParts(submissionId);
    expect(parts.submission.serviceType).toEqual({ name: 'Meldebescheinigung', identifier: SERVICE });
    const key = keys.encryption.privateKey;
    const metaJwe = await compactDecrypt(parts.submission.encryptedMetadata, key);
    expect(metaJwe.protectedHeader).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF', kid: keys.encryption.publicJwk.kid });
    const metadata = JSON.parse(new TextDecoder().decode(metaJwe.plaintext));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    expect(ajv.validate(metadataSchema, metadata), JSON.stringify(ajv.errors)).toBe(true);

    const data = (await compactDecrypt(parts.submission.encryptedData, key)).plaintext;
    expect(crypto.createHash('sha512').update(data).digest('hex')).toBe(metadata.contentStructure.data.hash.content);
    expect(JSON.parse(new TextDecoder().decode(data)).antrag.name).toBe('Müller-Lüdenscheidt');
    expect(Object.keys(parts.attachments).sort()).toEqual(metadata.contentStructure.attachments.map((a: { attachmentId: string }) => a.attachmentId).sort());
    for (const entry of metadata.contentStructure.attachments) {
      const plain = (await compactDecrypt(parts.attachments[entry.attachmentId]!, key)).plaintext;
      expect(crypto.createHash('sha512').update(plain).digest('hex')).toBe(entry.hash.content);
    }

    // The event log: simulator SETs, verifiable with the published JWKS.
    const jwks = createLocalJWKSet((await rawRequest(`${sim.url}/.well-known/jwks.json`)).json);
    const log = await api(`/v1/cases/${caseId}/events`);
    expect(log.json).toMatchObject({ count: 2, offset: 0, totalCount: 2 });
    expect(sim.eventLog(caseId)).toEqual(log.json.eventLog);
    const claims = [];
    for (const set of log.json.eventLog as string[]) {
      expect(decodeProtectedHeader(set)).toMatchObject({ alg: 'PS512', typ: 'secevent+jwt' });
      const { payload } = await compactVerify(set, jwks, { algorithms: ['PS512'] });
      claims.push(JSON.parse(new TextDecoder().decode(payload)));
    }
    expect(claims.map((c) => Object.keys(c.events)[0])).toEqual([`${EVENTS}create-submission`, `${EVENTS}submit-submission`]);
    for (const c of claims) {
      expect(c).toMatchObject({ iss: sim.url, sub: `submission:${submissionId}`, txn: `case:${caseId}`, $schema: 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json' });
    }
    expect(claims[1].events[`${EVENTS}submit-submission`].authenticationTags).toEqual(tagsOf(parts));

    const base = { signingKey: keys.signing.privateKey, kid: keys.signing.publicJwk.kid, destinationId, submissionId, caseId };
    expect((await postEvent(caseId, await buildSet({ ...base, event: 'accept-submission', content: { authenticationTags: tagsOf(parts) } }))).status).toBe(204);
    expect(sim.submissionState(submissionId)).toBe('accepted');
    expect(sim.eventLog(caseId)).toHaveLength(3);

    const twice = await postEvent(caseId, await buildSet({ ...base, event: 'accept-submission', content: { authenticationTags: tagsOf(parts) } }));
    expect(twice.status).toBe(409);
    expect(twice.contentType).toBe('application/problem+json');
    expect(twice.json).toMatchObject({ status: 409, title: 'Invalid state transition' });
    const rejectAfter = await postEvent(caseId, await buildSet({ ...base, event: 'reject-submission', content: { problems: [{ type: 'urn:x', title: 'x' }] } }));
    expect(rejectAfter.status).toBe(409);
    expect((await api(`/v1/submissions/${submissionId}`)).status).toBe(404);
    expect((await api(`/v1/submissions?destinationId=${destinationId}`)).json.submissions).not.toContainEqual(expect.objectContaining({ submissionId }));
  });

  it('can be rejected with problems, after which accept is a conflict', async () => {
    const { submissionId, caseId } = await sender.send(application({ attachments: [] }));
    const base = { signingKey: keys.signing.privateKey, destinationId, submissionId, caseId };
    const problems = [{ type: 'https://schema.fitko.de/fit-connect/events/problems/hash-mismatch', title: 'Prüfsumme stimmt nicht', detail: 'data', instance: 'data' }];
    expect((await postEvent(caseId, await buildSet({ ...base, event: 'reject-submission', content: { problems } }))).status).toBe(204);
    expect(sim.submissionState(submissionId)).toBe('rejected');
    const parts = { metadata: 'x', data: 'y', attachments: {} };
    expect((await postEvent(caseId, await buildSet({ ...base, event: 'accept-submission', content: { authenticationTags: parts } }))).status).toBe(409);
  });

  it('answers 422 to SETs with a bad signature, wrong claims or wrong tags, and keeps the state', async () => {
    const { submissionId, caseId } = await sender.send(application());
    const parts = await submissionParts(submissionId);
    const tags = tagsOf(parts);
    const base = { signingKey: keys.signing.privateKey, kid: keys.signing.publicJwk.kid, destinationId, submissionId, caseId, event: 'accept-submission', content: { authenticationTags: tags } };
    const firstAttachment = Object.keys(tags.attachments)[0]!;
    const cases: [string, Promise<string>][] = [
      ['signed with another key', buildSet({ ...base, signingKey: otherKeys.signing.privateKey })],
      ['kid of another key', buildSet({ ...base, kid: keys.encryption.publicJwk.kid })],
      ['typ JWT', buildSet({ ...base, header: { typ: 'JWT' } })],
      ['iss not the destination', buildSet({ ...base, claims: { iss: sim.url } })],
      ['txn of another case', buildSet({ ...base, claims: { txn: `case:${crypto.randomUUID()}` } })],
      ['wrong $schema', buildSet({ ...base, claims: { $schema: 'https://example.org/x.json' } })],
      ['jti not a uuid', buildSet({ ...base, claims: { jti: 'abc' } })],
      ['iat missing', buildSet({ ...base, claims: { iat: undefined } })],
      ['two events', buildSet({ ...base, claims: { events: { [`${EVENTS}accept-submission`]: { authenticationTags: tags }, [`${EVENTS}reject-submission`]: { problems: [] } } } })],
      ['an event the receiver may not post', buildSet({ ...base, event: 'notify-submission', content: {} })],
      ['metadata tag wrong', buildSet({ ...base, content: { authenticationTags: { ...tags, metadata: tags.data } } })],
      ['data tag missing', buildSet({ ...base, content: { authenticationTags: { metadata: tags.metadata, attachments: tags.attachments } } })],
      ['attachment tag missing', buildSet({ ...base, content: { authenticationTags: { ...tags, attachments: {} } } })],
      ['attachment tag wrong', buildSet({ ...base, content: { authenticationTags: { ...tags, attachments: { ...tags.attachments, [firstAttachment]: tags.metadata } } } })],
      ['no authenticationTags', buildSet({ ...base, content: {} })],
      ['reject without problems', buildSet({ ...base, event: 'reject-submission', content: { problems: [] } })],
      ['sub of another submission', buildSet({ ...base, submissionId: crypto.randomUUID() })],
    ];
    for (const [label, jws] of cases) {
      const res = await postEvent(caseId, await jws);
      expect(res.status, `${label}: ${res.text}`).toBe(422);
      expect(res.contentType).toBe('application/problem+json');
      expect(typeof res.json.issue, label).toBe('string');
    }
    expect(sim.submissionState(submissionId)).toBe('submitted');
    expect(sim.eventLog(caseId)).toHaveLength(2);
    expect((await postEvent(caseId, await buildSet(base))).status).toBe(204);
  });

  it('lets a sender reply within an existing case', async () => {
    const first = await sender.send(application({ attachments: [] }));
    const token = await fetchToken(sim.tokenUrl, 'sender', 'sender-sim-secret');
    const body = (caseId: string) => JSON.stringify({ destinationId, announcedAttachments: [], serviceType: { name: 'Meldebescheinigung', identifier: SERVICE }, caseId });
    const reply = await rawRequest(`${sim.url}/v1/submissions`, { method: 'POST', token, contentType: 'application/json', body: body(first.caseId) });
    expect(reply.status).toBe(201);
    expect(reply.json.caseId).toBe(first.caseId);
    expect(sim.eventLog(first.caseId)).toHaveLength(3);
    const unknown = await rawRequest(`${sim.url}/v1/submissions`, { method: 'POST', token, contentType: 'application/json', body: body(crypto.randomUUID()) });
    expect(unknown.status).toBe(422);
  });
});

describe('listing', () => {
  it('pages through submitted submissions in submit order', async () => {
    const { destinationId: dest } = sim.createDestination({ encryptionKey: keys.encryption.publicJwk, signingKey: keys.signing.publicJwk, services });
    const parts = await encryptApplication({ ...application({ attachments: [] }), destinationId: dest }, keys.encryption.publicJwk);
    const raw = { destinationId: dest, serviceType: { name: 'Meldebescheinigung', identifier: SERVICE }, announcedAttachments: [], attachments: {}, encryptedMetadata: parts.encryptedMetadata, encryptedData: parts.encryptedData };
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) sent.push((await sender.sendRaw(raw)).submissionId);

    const seen: string[] = [];
    for (let offset = 0; offset < 9; offset += 3) {
      const page = await api(`/v1/submissions?destinationId=${dest}&limit=3&offset=${offset}`);
      expect(page.status).toBe(200);
      expect(page.json.totalCount).toBe(7);
      expect(page.json.offset).toBe(offset);
      expect(page.json.count).toBe(page.json.submissions.length);
      seen.push(...page.json.submissions.map((s: { submissionId: string }) => s.submissionId));
    }
    expect(seen).toEqual(sent);
    const all = await api('/v1/submissions?limit=500');
    expect(all.json.submissions.map((s: { submissionId: string }) => s.submissionId)).toEqual(expect.arrayContaining(sent));
    for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc', 'destinationId=nope']) {
      const res = await api(`/v1/submissions?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.contentType).toBe('application/problem+json');
    }
  });

  it('holds 1,000 submissions with attachments', async () => {
    const { destinationId: dest } = sim.createDestination({ encryptionKey: keys.encryption.publicJwk, signingKey: keys.signing.publicJwk, services });
    const enc = await encryptApplication({ ...application(), destinationId: dest }, keys.encryption.publicJwk);
    const started = Date.now();
    const ids: string[] = [];
    const worker = async () => {
      while (ids.length < 1000) {
        ids.push('');
        const slot = ids.length - 1;
        const announced = [crypto.randomUUID(), crypto.randomUUID()];
        const attachments = Object.fromEntries(announced.map((id, i) => [id, Object.values(enc.attachments)[i]!]));
        ids[slot] = (await sender.sendRaw({ destinationId: dest, serviceType: { identifier: SERVICE }, announcedAttachments: announced, attachments, encryptedMetadata: enc.encryptedMetadata, encryptedData: enc.encryptedData })).submissionId;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const elapsed = Date.now() - started;
    const first = await api(`/v1/submissions?destinationId=${dest}&limit=500`);
    const second = await api(`/v1/submissions?destinationId=${dest}&limit=500&offset=500`);
    expect(first.json.totalCount).toBe(1000);
    expect(first.json.count + second.json.count).toBe(1000);
    const listed = new Set([...first.json.submissions, ...second.json.submissions].map((s: { submissionId: string }) => s.submissionId));
    expect(listed).toEqual(new Set(ids));
    const some = await submissionParts(ids[777]!);
    expect(Object.keys(some.attachments)).toHaveLength(2);
    expect(elapsed).toBeLessThan(30_000);
  });
});

describe('tokens and authorisation', () => {
  it('answers 401 after expireTokens, and the sender client renews its token', async () => {
    const token = await fetchToken(sim.tokenUrl, 'bbdesk', 'bbdesk-sim-secret');
    expect((await rawRequest(`${sim.url}/v1/submissions`, { token })).status).toBe(200);
    await sender.destination(destinationId); // the client holds a token now
    sim.expireTokens();
    const res = await rawRequest(`${sim.url}/v1/submissions`, { token });
    expect(res.status).toBe(401);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(res.json).toMatchObject({ status: 401, title: 'Unauthorized' });
    const before = sim.counts().tokenRequests;
    await sender.destination(destinationId);
    expect(sim.counts().tokenRequests).toBe(before + 1);
    subscriberToken = await fetchToken(sim.tokenUrl, 'bbdesk', 'bbdesk-sim-secret');
  });

  it('lets tokens run out after tokenLifetimeSeconds', async () => {
    const short = await startSimulator({ tokenLifetimeSeconds: 1 });
    try {
      const res = await rawRequest(short.tokenUrl, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'grant_type=client_credentials&client_id=bbdesk&client_secret=bbdesk-sim-secret' });
      expect(res.json.expires_in).toBe(1);
      expect((await rawRequest(`${short.url}/v1/submissions`, { token: res.json.access_token })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      const late = await rawRequest(`${short.url}/v1/submissions`, { token: res.json.access_token });
      expect(late.status).toBe(401);
      expect(late.json.detail).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });

  it('keeps subscribers to their own destinations and honours requested scopes', async () => {
    const multi = await startSimulator({
      clients: [
        { clientId: 'bbdesk', clientSecret: 'a', role: 'subscriber' },
        { clientId: 'nachbar', clientSecret: 'b', role: 'subscriber' },
        { clientId: 'sender', clientSecret: 'c', role: 'sender' },
      ],
    });
    try {
      const { destinationId: dest } = multi.createDestination({ encryptionKey: keys.encryption.publicJwk, signingKey: keys.signing.publicJwk, services });
      const s = new SenderClient({ apiUrl: multi.url, tokenUrl: multi.tokenUrl, clientId: 'sender', clientSecret: 'c' });
      const { submissionId, caseId } = await s.send({ ...application(), destinationId: dest });
      const neighbour = await fetchToken(multi.tokenUrl, 'nachbar', 'b');
      const get = (path: string) => rawRequest(multi.url + path, { token: neighbour });
      expect((await get(`/v1/submissions?destinationId=${dest}`)).status).toBe(403);
      expect((await get('/v1/submissions')).json.totalCount).toBe(0);
      expect((await get(`/v1/submissions/${submissionId}`)).status).toBe(403);
      expect((await get(`/v1/cases/${caseId}/events`)).status).toBe(403);
      expect((await get(`/v1/destinations/${dest}`)).status).toBe(403);

      const scoped = await rawRequest(multi.tokenUrl, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'grant_type=client_credentials&client_id=bbdesk&client_secret=a&scope=create:destination' });
      expect(scoped.json.scope).toBe('create:destination');
      expect((await rawRequest(`${multi.url}/v1/submissions?destinationId=${dest}`, { token: scoped.json.access_token })).status).toBe(403);
      const full = await fetchToken(multi.tokenUrl, 'bbdesk', 'a');
      expect((await rawRequest(`${multi.url}/v1/submissions?destinationId=${dest}`, { token: full })).json.totalCount).toBe(1);
      const invalid = await rawRequest(multi.tokenUrl, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'grant_type=client_credentials&client_id=nachbar&client_secret=b&scope=subscribe:destination:' + dest });
      expect(invalid.status).toBe(400);
      expect(invalid.json.error).toBe('invalid_scope');
      const grant = await rawRequest(multi.tokenUrl, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'grant_type=password&client_id=nachbar&client_secret=b' });
      expect(grant.json.error).toBe('unsupported_grant_type');
    } finally {
      await multi.close();
    }
  });
});

describe('destination keys', () => {
  const post = (body: unknown) => api('/v1/destinations', { method: 'POST', contentType: 'application/json', body: JSON.stringify(body) });

  it('are normalised to the spec JWK with an x5c chain for the same key', async () => {
    const created = await post({ services, keys: [keys.signing.publicJwk, keys.encryption.publicJwk] });
    expect(created.status).toBe(201);
    const key = await rawRequest(`${sim.url}/v1/destinations/${created.json.destinationId}/keys/${created.json.encryptionKid}`);
    expect(Object.keys(key.json).sort()).toEqual(['alg', 'e', 'key_ops', 'kid', 'kty', 'n', 'x5c']);
    const cert = new crypto.X509Certificate(Buffer.from(key.json.x5c[0], 'base64'));
    expect(cert.publicKey.export({ format: 'jwk' }).n).toBe(keys.encryption.publicJwk.n);
    expect(created.json.services[0].regions).toEqual(['DE034540032032']);
  });

  it('are refused when short, private, mislabelled or mismatched', async () => {
    const weak = await generateDestinationKeys(2048);
    const privateJwk = keys.encryption.privateKey.export({ format: 'jwk' });
    const cases: [string, unknown][] = [
      ['2048 bit', { services, encryptionPublicKey: weak.encryption.publicJwk, signingPublicKey: keys.signing.publicJwk }],
      ['private key', { services, encryptionPublicKey: privateJwk, signingPublicKey: keys.signing.publicJwk }],
      ['swapped', { services, encryptionPublicKey: keys.signing.publicJwk, signingPublicKey: keys.encryption.publicJwk }],
      ['kid mismatch', { services, encryptionKid: 'something-else', encryptionPublicKey: keys.encryption.publicJwk, signingPublicKey: keys.signing.publicJwk }],
      ['no services', { services: [], encryptionPublicKey: keys.encryption.publicJwk, signingPublicKey: keys.signing.publicJwk }],
      ['bad service urn', { services: [{ ...services[0], identifier: 'Meldebescheinigung' }], encryptionPublicKey: keys.encryption.publicJwk, signingPublicKey: keys.signing.publicJwk }],
    ];
    for (const [label, body] of cases) {
      const res = await post(body);
      expect(res.status, `${label}: ${res.text}`).toBe(400);
    }
    expect(() => sim.createDestination({ encryptionKey: weak.encryption.publicJwk, signingKey: weak.signing.publicJwk, services })).toThrow(/4096/);
  });
});
