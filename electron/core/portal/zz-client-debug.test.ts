import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SenderClient } from '../../portal-sim/sender';
import { startSimulator } from '../../portal-sim/server';
import { buildBadSubmissions, sampleApplication, TEST_OTHER_SCHEMA_URI, TEST_SCHEMA_URI, TEST_SERVICE_IDENTIFIER, testResolvers } from './bad-submissions';
import { checkSubmission } from './checks';
import { PortalClient, PortalError, type PortalEndpoints } from './client';
import { buildAcceptEvent, buildRejectEvent, findOwnDecisionEvent } from './events';
import { PortalKeyStore, plainProtector } from './keys';

const SECRET = 'super-geheimes-client-secret-4711';
const CLIENT_ID = 'bbdesk-lingen';
const DEST = '4a7b2f0e-6d0c-4a57-9e8e-0d3f7f2a9b11';

interface Seen {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: Seen, res: http.ServerResponse) => void | Promise<void>;

let server: http.Server;
let base: string;
let handler: Handler;
const seen: Seen[] = [];
/** Tokens the API accepts; the token endpoint adds each one it issues. */
const valid = new Set<string>();
let issued = 0;
let tokenReply: (req: Seen, res: http.ServerResponse) => void;

const json = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'Content-Type': type });
  res.end(JSON.stringify(body));
};
const problemReply = (res: http.ServerResponse, status: number, title: string, detail?: string) =>
  json(res, status, { type: `urn:test:${status}`, title, status, ...(detail ? { detail } : {}) }, 'application/problem+json');

const defaultTokenReply = (_req: Seen, res: http.ServerResponse) => {
  const token = `tok-${++issued}`;
  valid.add(token);
  json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 1800 });
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method!, url: new URL(req.url!, 'http://x'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      if (s.url.pathname === '/token') return tokenReply(s, res);
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !valid.has(auth.slice(7))) return problemReply(res, 401, 'Unauthorized', 'token invalid or expired');
      void handler(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

afterEach(() => {
  seen.length = 0;
  valid.clear();
  tokenReply = defaultTokenReply;
  handler = (_req, res) => problemReply(res, 404, 'Not Found');
});
tokenReply = defaultTokenReply;

const endpoints = (): PortalEndpoints => ({ tokenUrl: `${base}/token`, apiUrl: `${base}/api/`, clientId: CLIENT_ID, clientSecret: SECRET });
const apiCalls = () => seen.filter((s) => s.url.pathname !== '/token');
const tokenCalls = () => seen.filter((s) => s.url.pathname === '/token');

async function portalError(p: Promise<unknown>): Promise<PortalError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PortalError);
    const err = e as PortalError;
    // Never a secret or token in what may end up in a log or on screen.
    for (const text of [err.message, err.germanMessage, JSON.stringify(err.problem ?? {}), String(err.stack)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/tok-\d/);
    }
    return err;
  }
  throw new Error('expected a PortalError');
}

describe('token', () => {
  it('posts client credentials as a form without scope and caches the token', async () => {
    const c = new PortalClient(endpoints());
    const t1 = await c.token();
    expect(t1).toMatch(/^tok-\d+$/);
    expect(await c.token()).toBe(t1);
    expect(tokenCalls()).toHaveLength(1);
    const t = tokenCalls()[0]!;
    expect(t.method).toBe('POST');
    expect(t.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(t.body);
    expect([...form.keys()].sort()).toEqual(['client_id', 'client_secret', 'grant_type']);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.get('client_secret')).toBe(SECRET);
  });

  it('renews the token 60 s before it expires', async () => {
    let now = 1_000_000;
    const c = new PortalClient(endpoints(), { now: () => now });
    const first = await c.token();
    now += (1800 - 61) * 1000; // 61 s before expiry: still the cached one
    expect(await c.token()).toBe(first);
    expect(tokenCalls()).toHaveLength(1);
    now += 2000; // 59 s before expiry: renewed
    const renewed = await c.token();
    expect(renewed).not.toBe(first);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('fetches one token for concurrent callers', async () => {
    const c = new PortalClient(endpoints());
    const tokens = await Promise.all([c.token(), c.token(), c.token()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('reports refused credentials in German (unauthorized)', async () => {
    tokenReply = (_req, res) => json(res, 401, { error: 'invalid_client', error_description: 'bad client credentials' });
    const err = await portalError(new PortalClient(endpoints()).token());
    expect(err.kind).toBe('unauthorized');
    expect(err.status).toBe(401);
    expect(err.germanMessage).toBe('Der Portalzugang wurde abgelehnt: Client-ID oder Geheimnis prüfen.');

    tokenReply = (_req, res) => json(res, 400, { error: 'invalid_client' });
    expect((await portalError(new PortalClient(endpoints()).token())).kind).toBe('unauthorized');
  });

  it('treats a failing token endpoint as unavailable and a nonsense answer as protocol error', async () => {
    tokenReply = (_req, res) => json(res, 503, { error: 'temporarily_unavailable' });
    expect((await portalError(new PortalClient(endpoints()).token())).kind).toBe('unavailable');
    tokenReply = (_req, res) => json(res, 200, { token: 'no access_token member' });
    expect((await portalError(new PortalClient(endpoints()).token())).kind).toBe('protocol');
  });
});

describe('API calls', () => {
  it('renews an expired token on 401 and repeats the call once', async () => {
    handler = (_req, res) => json(res, 200, { version: { major: 1, minor: 1, patch: 3 } });
    const c = new PortalClient(endpoints());
    const expired = await c.token();
    valid.clear(); // the portal considers the token expired
    expect(await c.info()).toEqual({ version: { major: 1, minor: 1, patch: 3 } });
    expect(tokenCalls()).toHaveLength(2);
    expect(apiCalls().map((s) => s.headers.authorization)).toEqual([`Bearer ${expired}`, `Bearer tok-${issued}`]);
    // The new token stays cached.
    await c.info();
    expect(tokenCalls()).toHaveLength(2);
  });

  it('gives up after the second 401', async () => {
    const c = new PortalClient(endpoints());
    tokenReply = (_req, res) => json(res, 200, { access_token: `tok-${++issued}`, expires_in: 1800 }); // never valid
    const err = await portalError(c.listSubmissions(DEST));
    expect(err.kind).toBe('unauthorized');
    expect(apiCalls()).toHaveLength(2);
  });

  it('pages through the submissions (limit ≤ 500, offset)', async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ destinationId: DEST, submissionId: `00000000-0000-4000-8000-00000000000${i}`, caseId: `c${i}` }));
    handler = (req, res) => {
      const limit = Number(req.url.searchParams.get('limit'));
      const offset = Number(req.url.searchParams.get('offset'));
      const page = all.slice(offset, offset + limit);
      json(res, 200, { count: page.length, offset, totalCount: all.length, submissions: page });
    };
    const c = new PortalClient(endpoints());
    expect(await c.listSubmissions(DEST, 3)).toEqual(all);
    const calls = apiCalls();
    expect(calls.map((s) => s.url.pathname)).toEqual(['/api/v1/submissions', '/api/v1/submissions', '/api/v1/submissions']);
    expect(calls.map((s) => [s.url.searchParams.get('destinationId'), s.url.searchParams.get('limit'), s.url.searchParams.get('offset')])).toEqual([
      [DEST, '3', '0'],
      [DEST, '3', '3'],
      [DEST, '3', '6'],
    ]);
    seen.length = 0;
    await c.listSubmissions(DEST, 10_000);
    expect(apiCalls().map((s) => s.url.searchParams.get('limit'))).toEqual(['500']);
  });

  it('fetches a submission, typed and checked', async () => {
    const sub = {
      destinationId: DEST,
      submissionId: '9b1e2d3c-4f5a-4b6c-8d7e-6f5a4b3c2d1e',
      caseId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      attachments: ['a1b2c3d4-0000-4000-8000-000000000001'],
      serviceType: { name: 'Hundesteuer', identifier: 'urn:de:fim:leika:leistung:99102013104000' },
      encryptedMetadata: 'h.k.i.c.t',
      encryptedData: 'h.k.i.c.u',
    };
    handler = (req, res) => (req.url.pathname.endsWith(sub.submissionId) ? json(res, 200, sub) : problemReply(res, 404, 'Not Found'));
    const c = new PortalClient(endpoints());
    expect(await c.getSubmission(sub.submissionId)).toEqual(sub);
    handler = (_req, res) => json(res, 200, { ...sub, serviceType: undefined });
    expect((await portalError(c.getSubmission(sub.submissionId))).kind).toBe('protocol');
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kaputt":');
    };
    expect((await portalError(c.getSubmission(sub.submissionId))).kind).toBe('protocol');
  });

  it('downloads an attachment as text and stops beyond maxBytes while streaming', async () => {
    const jwe = `${'a'.repeat(1000)}.b.c.d.e`;
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/jose' });
      res.end(jwe);
    };
    const c = new PortalClient(endpoints());
    expect(await c.getAttachment('s', 'a', 2000)).toBe(jwe);
    expect(apiCalls()[0]!.url.pathname).toBe('/api/v1/submissions/s/attachments/a');

    // Declared too large.
    const small = await portalError(c.getAttachment('s', 'a', 100));
    expect(small.kind).toBe('invalid');
    expect(small.germanMessage).toMatch(/größer als erlaubt/);

    // Chunked without Content-Length: counted while streaming; the server is still sending when we stop.
    let stopped = false;
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/jose', 'Transfer-Encoding': 'chunked' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        stopped = sent < 64 * 1024 * 1024;
      });
      pump();
    };
    const streamed = await portalError(c.getAttachment('s', 'a', 256 * 1024));
    expect(streamed.kind).toBe('invalid');
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(true);
  });

  it('pages through the event log', async () => {
    const events = Array.from({ length: 620 }, (_, i) => `e${i}.p.s`);
    handler = (req, res) => {
      const limit = Number(req.url.searchParams.get('limit'));
      const offset = Number(req.url.searchParams.get('offset'));
      const page = events.slice(offset, offset + limit);
      json(res, 200, { count: page.length, offset, totalCount: events.length, eventLog: page });
    };
    const c = new PortalClient(endpoints());
    expect(await c.getEventLog('case-1')).toEqual(events);
    expect(apiCalls().map((s) => `${s.url.pathname}?${s.url.searchParams.get('offset')}`)).toEqual(['/api/v1/cases/case-1/events?0', '/api/v1/cases/case-1/events?500']);
  });

  it('posts an event as application/jose and maps 409 and 422 with their problem', async () => {
    handler = (req, res) => {
      if (req.method !== 'POST') return problemReply(res, 405, 'Method Not Allowed');
      if (req.body === 'conflict') return problemReply(res, 409, 'Invalid state transition', 'Submission is accepted; reject-submission is not possible.');
      if (req.body === 'bad') return problemReply(res, 422, 'Invalid Security Event Token', '"iss" must be the destinationId');
      res.writeHead(204).end();
    };
    const c = new PortalClient(endpoints());
    await expect(c.postEvent('case-1', 'h.p.s')).resolves.toBeUndefined();
    const post = apiCalls()[0]!;
    expect(post.method).toBe('POST');
    expect(post.url.pathname).toBe('/api/v1/cases/case-1/events');
    expect(post.headers['content-type']).toBe('application/jose');
    expect(post.body).toBe('h.p.s');

    const conflict = await portalError(c.postEvent('case-1', 'conflict'));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.status).toBe(409);
    expect(conflict.problem).toEqual({ type: 'urn:test:409', title: 'Invalid state transition', detail: 'Submission is accepted; reject-submission is not possible.' });
    const bad = await portalError(c.postEvent('case-1', 'bad'));
    expect(bad.kind).toBe('invalid');
    expect(bad.problem?.detail).toBe('"iss" must be the destinationId');
  });

  it('maps 5xx to unavailable, 403 to forbidden, 404 to not_found, with RFC 7807 details', async () => {
    const c = new PortalClient(endpoints());
    handler = (_req, res) => problemReply(res, 500, 'Internal Server Error', 'database down');
    const e500 = await portalError(c.info());
    expect([e500.kind, e500.status, e500.problem?.detail]).toEqual(['unavailable', 500, 'database down']);
    expect(e500.germanMessage).toMatch(/Störung \(HTTP 500\)/);
    handler = (_req, res) => problemReply(res, 403, 'Forbidden');
    expect((await portalError(c.info())).kind).toBe('forbidden');
    handler = (_req, res) => problemReply(res, 404, 'Not Found');
    expect((await portalError(c.getSubmission('x'))).kind).toBe('not_found');
    handler = (_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad Gateway</h1>');
    };
    const e502 = await portalError(c.info());
    expect([e502.kind, e502.problem]).toEqual(['unavailable', undefined]);
  });

  it('times out when the portal does not answer, also in the middle of a body', async () => {
    handler = () => {
      /* never answers */
    };
    const c = new PortalClient(endpoints(), { timeoutMs: 200 });
    console.log('A', Date.now());
    await c.token();
    console.log('B', Date.now());
    const t0 = Date.now();
    const err = await portalError(c.info());
    console.log('C', Date.now());
    expect(err.kind).toBe('unavailable');
    expect(err.status).toBeNull();
    expect(err.germanMessage).toMatch(/nicht innerhalb von/);
    expect(Date.now() - t0).toBeLessThan(2000);

    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"count":');
    };
    expect((await portalError(c.listSubmissions(DEST))).kind).toBe('unavailable');
    console.log('D', Date.now());
  });

  it('reports an unreachable portal as unavailable', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const c = new PortalClient({ ...endpoints(), tokenUrl: `http://127.0.0.1:${port}/token` });
    const err = await portalError(c.token());
    expect(err.kind).toBe('unavailable');
    expect(err.germanMessage).toMatch(/nicht erreichbar/);
  });
});

describe('against the simulator (round trip)', () => {
  it('lists, fetches, checks and accepts / rejects submissions; renews an expired token', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-roundtrip-'));
    const sim = await startSimulator();
    try {
      const keyStore = new PortalKeyStore(dir, plainProtector);
      await keyStore.generate(new Date());
      const [encryptionKey, signingKeyJwk] = keyStore.publicJwks().keys;
      const { destinationId } = sim.createDestination({
        encryptionKey: encryptionKey!,
        signingKey: signingKeyJwk!,
        services: [{ identifier: TEST_SERVICE_IDENTIFIER, submissionSchemas: [{ schemaUri: TEST_SCHEMA_URI, mimeType: 'application/json' }] }],
      });
      const sender = new SenderClient({ apiUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: 'sender', clientSecret: 'sender-sim-secret' });
      const sent = await sender.send(sampleApplication(destinationId));
      const corpus = await buildBadSubmissions({
        encryptionKey: encryptionKey!,
        application: sampleApplication(destinationId),
        otherSchemaUri: TEST_OTHER_SCHEMA_URI,
        maxAttachmentBytes: 256 * 1024,
      });
      const bad = corpus.variants.find((v) => v.name === 'attachment-hash-mismatch')!;
      const sentBad = await sender.sendRaw({ destinationId, ...bad.parts });

      const client = new PortalClient({ tokenUrl: sim.tokenUrl, apiUrl: sim.url, clientId: 'bbdesk', clientSecret: 'bbdesk-sim-secret' });
      expect(await client.info()).toMatchObject({ version: { major: 1 } });
      const listed = await client.listSubmissions(destinationId, 1);
      expect(listed.map((s) => s.submissionId).sort()).toEqual([sent.submissionId, sentBad.submissionId].sort());

      sim.expireTokens(); // the next call gets a 401 and renews the token
      const keys = await keyStore.decryptionKeys();
      const signingKey = await keyStore.signingKey();
      const { services, schemas } = testResolvers();
      for (const entry of listed) {
        const submission = await client.getSubmission(entry.submissionId);
        const attachments: Record<string, string> = {};
        for (const id of submission.attachments) attachments[id] = await client.getAttachment(entry.submissionId, id);
        const result = await checkSubmission({ submission, attachments }, keys, services, schemas);
        const ids = { destinationId, submissionId: entry.submissionId, caseId: entry.caseId, signingKey, now: new Date() };
        if (entry.submissionId === sent.submissionId) {
          if (!result.ok) throw new Error(JSON.stringify(result.problems));
          await client.postEvent(entry.caseId, await buildAcceptEvent({ ...ids, authenticationTags: result.authenticationTags }));
          expect(sim.submissionState(entry.submissionId)).toBe('accepted');
          expect(findOwnDecisionEvent(await client.getEventLog(entry.caseId), destinationId, entry.submissionId)).toBe('accept');
        } else {
          expect(result.ok).toBe(false);
          if (result.ok) continue;
          await client.postEvent(entry.caseId, await buildRejectEvent({ ...ids, problems: result.problems }));
          expect(sim.submissionState(entry.submissionId)).toBe('rejected');
          expect(findOwnDecisionEvent(await client.getEventLog(entry.caseId), destinationId, entry.submissionId)).toBe('reject');
          // A second decision is a conflict.
          const again = await portalError(client.postEvent(entry.caseId, await buildRejectEvent({ ...ids, problems: result.problems })));
          expect(again.kind).toBe('conflict');
        }
      }
      expect(await client.listSubmissions(destinationId)).toEqual([]);
    } finally {
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
