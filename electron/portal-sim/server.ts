/**
 * A FIT-Connect Submission API 1.1.3 simulator on node:http, for tests and for running the app
 * without a real portal. State lives in memory. The OAuth token endpoint is served on the same
 * port at /token (in FIT-Connect it is a separate host).
 *
 * Modules: tokens.ts (OAuth, authorisation), store.ts (state), events.ts (SETs), routes-*.ts (the
 * endpoints by tag), destinations.ts / submissions.ts (validation and views), problems.ts (RFC 7807),
 * keys.ts / certs.ts (key material, x5c), faults.ts (fault injection).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestContext, SimContext } from './context.js';
import { createDestination } from './destinations.js';
import { SetSigner } from './events.js';
import { Faults, type FaultSpec } from './faults.js';
import { problemReply, readBody, writeReply, type Reply } from './http-util.js';
import { simulatorKeys, type PublicJwk } from './keys.js';
import { HttpProblem, internalError, methodNotAllowed, notFound, unauthorized } from './problems.js';
import { Router } from './router.js';
import { destinationRoutes } from './routes-destinations.js';
import { receivingRoutes } from './routes-receiving.js';
import { sendingRoutes } from './routes-sending.js';
import { technicalRoutes } from './routes-technical.js';
import { Store, type ClientRecord, type SubmissionState } from './store.js';
import { authenticate, handleTokenRequest } from './tokens.js';

export type { FaultMode, FaultSpec } from './faults.js';
export type { SubmissionState } from './store.js';

export interface SimulatorOptions {
  /** 0 = any free port (default 0). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 1800. */
  tokenLifetimeSeconds?: number;
  /**
   * OAuth clients known to the token endpoint. Default: the subscriber
   * {clientId:'bbdesk', clientSecret:'bbdesk-sim-secret'} (creates destinations, subscribes to the
   * ones it created) and the sender {clientId:'sender', clientSecret:'sender-sim-secret'} (sends to
   * every destination).
   */
  clients?: { clientId: string; clientSecret: string; role: 'subscriber' | 'sender' }[];
  log?: (msg: string) => void;
  /** Larger request bodies are answered with 413; default 50 MB. */
  maxAttachmentBytes?: number;
}

export interface SimulatorDestinationInput {
  /** Public RSA-OAEP-256 key (≥ 4096 bit); `kid` optional (default: RFC 7638 thumbprint). */
  encryptionKey: JsonWebKey;
  /** Public PS512 key (≥ 4096 bit). */
  signingKey: JsonWebKey;
  services: { identifier: string; regions?: string[]; submissionSchemas: { schemaUri: string; mimeType: 'application/json' }[] }[];
  /** Default: the first subscriber client. */
  ownerClientId?: string;
}

export interface Simulator {
  /** API base, e.g. http://127.0.0.1:43123 (paths start with /v1/...). */
  readonly url: string;
  /** e.g. http://127.0.0.1:43123/token */
  readonly tokenUrl: string;
  close(): Promise<void>;
  /** Fault injection for API requests (not the token endpoint). */
  setFault(f: FaultSpec): void;
  /** Every issued token becomes invalid (the API answers 401). */
  expireTokens(): void;
  /** Creates an active destination (throws on invalid keys or services). */
  createDestination(input: SimulatorDestinationInput): { destinationId: string };
  /** The SETs (compact JWS) of a case, oldest first. */
  eventLog(caseId: string): string[];
  submissionState(submissionId: string): SubmissionState | undefined;
  counts(): { tokenRequests: number; apiRequests: number };
  /** The public key the simulator signs its own events with (also served at /.well-known/jwks.json). */
  readonly signingJwk: JsonWebKey;
}

export const DEFAULT_CLIENTS: ClientRecord[] = [
  { clientId: 'bbdesk', clientSecret: 'bbdesk-sim-secret', role: 'subscriber' },
  { clientId: 'sender', clientSecret: 'sender-sim-secret', role: 'sender' },
];

const TOKEN_BODY_LIMIT = 64 * 1024;

function hostForUrl(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const keys = await simulatorKeys();
  const clients = opts.clients ?? DEFAULT_CLIENTS;
  const store = new Store(clients);
  const log = opts.log ?? (() => {});
  const lifetime = opts.tokenLifetimeSeconds ?? 1800;
  const faults = new Faults();
  const counts = { tokenRequests: 0, apiRequests: 0 };
  const sim: SimContext = {
    store,
    keys,
    signer: new SetSigner(keys.signingPrivateKey, keys.signingJwk.kid),
    baseUrl: '',
    maxBodyBytes: opts.maxAttachmentBytes ?? 50 * 1024 * 1024,
  };
  const router = new Router([...technicalRoutes, ...destinationRoutes, ...sendingRoutes, ...receivingRoutes]);
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const drain = (req: IncomingMessage) => readBody(req, sim.maxBodyBytes).catch(() => undefined);

  async function api(req: IncomingMessage, url: URL): Promise<Reply | 'destroyed'> {
    const fault = faults.take();
    if (fault?.mode === 'down') {
      req.socket.destroy();
      return 'destroyed';
    }
    if (fault?.mode === 'slow') {
      await delay(fault.delayMs);
      if (closed) {
        req.socket.destroy();
        return 'destroyed';
      }
    }
    if (fault?.mode === 'error500') {
      await drain(req);
      return problemReply(internalError('Simulated fault (error500).'));
    }
    if (fault?.mode === 'unauthorized') {
      await drain(req);
      return problemReply(unauthorized('Simulated fault (unauthorized).'));
    }

    const match = router.match(req.method ?? 'GET', url.pathname);
    if (!match) throw notFound(`There is no resource at ${url.pathname}.`);
    if ('allow' in match) throw methodNotAllowed(match.allow);
    const auth = match.route.auth ? authenticate(req, store) : null;
    let body: Promise<Buffer> | undefined;
    const ctx: RequestContext = {
      req,
      url,
      params: match.params,
      sim,
      auth,
      body: () => (body ??= readBody(req, sim.maxBodyBytes)),
    };
    try {
      return await match.route.handler(ctx);
    } finally {
      if (!body) req.resume();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    let reply: Reply | 'destroyed';
    try {
      if (url.pathname === '/token') {
        counts.tokenRequests++;
        reply = handleTokenRequest(req, await readBody(req, TOKEN_BODY_LIMIT), store, lifetime);
      } else {
        counts.apiRequests++;
        reply = await api(req, url);
      }
    } catch (e) {
      if (!(e instanceof HttpProblem)) log(`portal-sim: ${req.method} ${url.pathname} failed: ${(e as Error).stack ?? e}`);
      const problem = e instanceof HttpProblem ? e : internalError('The simulator failed on this request.');
      reply = problemReply(problem);
      req.resume();
    }
    if (reply === 'destroyed') {
      log(`${req.method} ${url.pathname} → connection dropped (fault)`);
      return;
    }
    if (!res.destroyed) writeReply(res, reply);
    log(`${req.method} ${url.pathname}${url.search} → ${reply.status} (${Date.now() - started} ms)`);
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  sim.baseUrl = `http://${hostForUrl(opts.host ?? '127.0.0.1')}:${address.port}`;
  log(`portal-sim: FIT-Connect Submission API simulator at ${sim.baseUrl}`);

  const defaultOwner = clients.find((c) => c.role === 'subscriber')?.clientId;

  return {
    url: sim.baseUrl,
    tokenUrl: `${sim.baseUrl}/token`,
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    setFault: (f) => faults.set(f),
    expireTokens: () => store.tokens.clear(),
    createDestination: (input) => {
      const owner = input.ownerClientId ?? defaultOwner;
      const client = owner ? store.clients.get(owner) : undefined;
      if (!client || client.role !== 'subscriber') throw new Error(`createDestination: ${owner ?? '(no subscriber client)'} is not a subscriber client`);
      const d = createDestination(
        sim,
        { services: input.services, encryptionPublicKey: input.encryptionKey, signingPublicKey: input.signingKey },
        client.clientId,
      );
      return { destinationId: d.destinationId };
    },
    eventLog: (caseId) => store.cases.get(caseId.toLowerCase())?.events.all() ?? [],
    submissionState: (id) => store.submissions.get(id.toLowerCase())?.state,
    counts: () => ({ ...counts }),
    signingJwk: keys.signingJwk as PublicJwk & JsonWebKey,
  };
}
