/** What route handlers get to work with, and the helpers they share. */
import type { IncomingMessage } from 'node:http';
import type { SetSigner } from './events.js';
import type { Reply } from './http-util.js';
import type { SimulatorKeys } from './keys.js';
import { badRequest, forbidden, notFound } from './problems.js';
import type { Store } from './store.js';
import { allowed, type AuthContext, type Permission } from './tokens.js';

export interface SimContext {
  store: Store;
  keys: SimulatorKeys;
  signer: SetSigner;
  /** e.g. http://127.0.0.1:43123, the `iss` of the simulator's own events. */
  baseUrl: string;
  maxBodyBytes: number;
}

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  sim: SimContext;
  /** Set for routes that require a bearer token. */
  auth: AuthContext | null;
  /** The request body (read once, limited to maxBodyBytes → 413). */
  body(): Promise<Buffer>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path template, e.g. /v1/submissions/{submissionId} */
  path: string;
  /** Whether a bearer token is required. */
  auth: boolean;
  handler: Handler;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

/** A UUID path parameter, lower-cased; a malformed one cannot name anything: 404. */
export function uuidParam(ctx: RequestContext, name: string, what: string): string {
  const v = ctx.params[name] ?? '';
  if (!isUuid(v)) throw notFound(`${what} ${v} does not exist.`);
  return v.toLowerCase();
}

export function authOf(ctx: RequestContext): AuthContext {
  if (!ctx.auth) throw new Error(`route ${ctx.url.pathname} used auth without requiring it`);
  return ctx.auth;
}

export function requirePermission(ctx: RequestContext, p: Permission, detail: string): void {
  if (!allowed(authOf(ctx), p)) throw forbidden(detail);
}

/** `limit` (1..500, default 100) and `offset` (≥ 0, default 0) query parameters. */
export function paging(url: URL): { limit: number; offset: number } {
  const read = (name: string, def: number, min: number, max: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null) return def;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw badRequest(`Query parameter ${name} must be an integer from ${min} to ${max}.`);
    return n;
  };
  return { limit: read('limit', 100, 1, 500), offset: read('offset', 0, 0, 2_147_483_647) };
}

/** Formats zod-style issues as one line. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(body)'}: ${i.message}`).join('; ');
}
