// Fault injection: the simulated portal goes down, gets slow, fails or rejects tokens.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SenderClient, SenderError } from './sender.js';
import { startSimulator, type Simulator } from './server.js';
import { fetchToken, generateDestinationKeys, rawRequest, type DestinationKeys } from './testing.js';

const SERVICE = 'urn:de:fim:leika:leistung:99027002012000';
let sim: Simulator;
let keys: DestinationKeys;
let token: string;
let destinationId: string;
const logLines: string[] = [];

beforeAll(async () => {
  [sim, keys] = await Promise.all([startSimulator({ log: (m) => logLines.push(m) }), generateDestinationKeys(4096)]);
  ({ destinationId } = sim.createDestination({
    encryptionKey: keys.encryption.publicJwk,
    signingKey: keys.signing.publicJwk,
    services: [{ identifier: SERVICE, submissionSchemas: [{ schemaUri: 'urn:example:geburtsurkunde:1.0', mimeType: 'application/json' }] }],
  }));
  token = await fetchToken(sim.tokenUrl, 'bbdesk', 'bbdesk-sim-secret');
});

afterAll(() => sim?.close());

const list = () => rawRequest(`${sim.url}/v1/submissions`, { token });

describe('faults', () => {
  it('down: the connection is dropped, for `count` requests, while the token endpoint keeps working', async () => {
    sim.setFault({ mode: 'down', count: 2 });
    await expect(list()).rejects.toThrow();
    expect(await fetchToken(sim.tokenUrl, 'bbdesk', 'bbdesk-sim-secret')).toBeTruthy();
    await expect(list()).rejects.toThrow();
    expect((await list()).status).toBe(200);
    expect(logLines.some((l) => l.includes('connection dropped'))).toBe(true);
  });

  it('down until reset', async () => {
    sim.setFault({ mode: 'down' });
    for (let i = 0; i < 3; i++) await expect(list()).rejects.toThrow();
    sim.setFault({ mode: 'none' });
    expect((await list()).status).toBe(200);
  });

  it('slow: answers after the delay', async () => {
    sim.setFault({ mode: 'slow', delayMs: 400, count: 1 });
    const started = Date.now();
    expect((await list()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    const again = Date.now();
    await list();
    expect(Date.now() - again).toBeLessThan(300);
  });

  it('error500 and unauthorized answer with problem+json', async () => {
    sim.setFault({ mode: 'error500', count: 1 });
    const failed = await list();
    expect(failed.status).toBe(500);
    expect(failed.contentType).toBe('application/problem+json');
    expect(failed.json).toMatchObject({ status: 500, title: 'Internal Server Error' });
    sim.setFault({ mode: 'unauthorized', count: 1 });
    const denied = await list();
    expect(denied.status).toBe(401);
    expect(denied.contentType).toBe('application/problem+json');
    expect(denied.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await list()).status).toBe(200);
  });

  it('counts token and API requests', async () => {
    const before = sim.counts();
    await fetchToken(sim.tokenUrl, 'sender', 'sender-sim-secret');
    await list();
    await rawRequest(`${sim.url}/v1/info`);
    sim.setFault({ mode: 'down', count: 1 });
    await expect(list()).rejects.toThrow();
    expect(sim.counts()).toEqual({ tokenRequests: before.tokenRequests + 1, apiRequests: before.apiRequests + 3 });
  });

  it('surfaces as SenderError in the sender client; a single 401 is retried with a new token', async () => {
    const sender = new SenderClient({ apiUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: 'sender', clientSecret: 'sender-sim-secret' });
    sim.setFault({ mode: 'down', count: 1 });
    const down = await sender.destination(destinationId).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(SenderError);
    expect((down as SenderError).status).toBeNull();
    sim.setFault({ mode: 'error500', count: 1 });
    const failed = await sender.destination(destinationId).catch((e: unknown) => e);
    expect((failed as SenderError).status).toBe(500);
    sim.setFault({ mode: 'unauthorized', count: 1 });
    expect((await sender.destination(destinationId)).destinationId).toBe(destinationId);
    sim.setFault({ mode: 'unauthorized' });
    expect(((await sender.destination(destinationId).catch((e: unknown) => e)) as SenderError).status).toBe(401);
    sim.setFault({ mode: 'none' });
    const sent = await sender.send({
      destinationId,
      serviceIdentifier: SERVICE,
      serviceName: 'Geburtsurkunde',
      schemaUri: 'urn:example:geburtsurkunde:1.0',
      data: { kind: 'Geburtsurkunde' },
      attachments: [],
    });
    expect(sim.submissionState(sent.submissionId)).toBe('submitted');
  });

  it('close() does not wait for a slow request', async () => {
    const other = await startSimulator();
    other.setFault({ mode: 'slow', delayMs: 30_000 });
    const pending = rawRequest(`${other.url}/v1/info`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('unknown paths and methods are problems too', async () => {
    const missing = await rawRequest(`${sim.url}/v2/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.contentType).toBe('application/problem+json');
    const method = await rawRequest(`${sim.url}/v1/info`, { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET');
    const unknown = await rawRequest(`${sim.url}/v1/submissions/${crypto.randomUUID()}`, { token, method: 'PUT', contentType: 'application/json', body: '{' });
    expect(unknown.status).toBe(404);
    const malformed = await rawRequest(`${sim.url}/v1/submissions/not-a-uuid`, { token });
    expect(malformed.status).toBe(404);
  });
});
