/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for the simulator and the authorisation of API calls.
 *
 * Permissions are evaluated per request from the client's role and the destinations it owns, so a
 * destination created after the token was issued is usable with that token. A token obtained with
 * an explicit `scope` parameter is additionally limited to those scopes.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { json, mediaType, type Reply } from './http-util.js';
import { unauthorized } from './problems.js';
import type { ClientRecord, DestinationRecord, Store, TokenRecord } from './store.js';

export interface AuthContext {
  client: ClientRecord;
  token: TokenRecord;
}

export type Permission =
  | { kind: 'create-destination' }
  | { kind: 'subscribe' | 'manage' | 'send'; destination: DestinationRecord };

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}): Reply =>
  json(status, { error, error_description: description }, { ...NO_STORE, ...headers });

/** The scopes a client holds right now (what the token response reports). */
export function scopesOf(client: ClientRecord, store: Store): string[] {
  if (client.role === 'sender') return ['send:region:DE'];
  return ['create:destination', ...store.destinationsOwnedBy(client.clientId).flatMap((d) => [`subscribe:destination:${d.destinationId}`, `manage:destination:${d.destinationId}`])];
}

function decodeFormComponent(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/** POST /token */
export function handleTokenRequest(req: IncomingMessage, body: Buffer, store: Store, lifetimeSeconds: number): Reply {
  if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST.', { Allow: 'POST' });
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(body.toString('utf8'));
  let clientId = form.get('client_id');
  let clientSecret = form.get('client_secret');
  const authz = req.headers.authorization;
  const basic = authz && /^Basic\s+(.+)$/i.exec(authz);
  if (basic) {
    if (clientSecret !== null) return oauthError(400, 'invalid_request', 'Use one client authentication method, not two.');
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return oauthError(401, 'invalid_client', 'Malformed Basic credentials.', { 'WWW-Authenticate': 'Basic realm="portal-sim"' });
    try {
      clientId = decodeFormComponent(decoded.slice(0, colon));
      clientSecret = decodeFormComponent(decoded.slice(colon + 1));
    } catch {
      return oauthError(401, 'invalid_client', 'Malformed Basic credentials.', { 'WWW-Authenticate': 'Basic realm="portal-sim"' });
    }
  }
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is missing.');
  if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.');

  const client = clientId ? store.clients.get(clientId) : undefined;
  const secretOk =
    client !== undefined &&
    clientSecret !== null &&
    clientSecret.length === client.clientSecret.length &&
    crypto.timingSafeEqual(Buffer.from(clientSecret), Buffer.from(client.clientSecret));
  if (!client || !secretOk) {
    return oauthError(401, 'invalid_client', 'Unknown client or wrong secret.', basic ? { 'WWW-Authenticate': 'Basic realm="portal-sim"' } : {});
  }

  const held = scopesOf(client, store);
  let scopes: Set<string> | null = null;
  const requested = form.get('scope');
  if (requested !== null && requested.trim() !== '') {
    const wanted = requested.trim().split(/\s+/);
    const notHeld = wanted.filter((s) => !held.includes(s));
    if (notHeld.length) return oauthError(400, 'invalid_scope', `Scopes not granted to this client: ${notHeld.join(' ')}`);
    scopes = new Set(wanted);
  }
  const token: TokenRecord = {
    token: crypto.randomBytes(32).toString('base64url'),
    clientId: client.clientId,
    expiresAt: Date.now() + lifetimeSeconds * 1000,
    scopes,
  };
  store.tokens.set(token.token, token);
  return json(
    200,
    { access_token: token.token, token_type: 'Bearer', expires_in: lifetimeSeconds, scope: (scopes ? [...scopes] : held).join(' ') },
    NO_STORE,
  );
}

/** The bearer token of an API request, or a 401 problem. */
export function authenticate(req: IncomingMessage, store: Store): AuthContext {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) throw unauthorized('A Bearer access token is required.');
  const token = store.tokens.get(m[1]!);
  if (!token) throw unauthorized('The access token is unknown or has been revoked.');
  if (token.expiresAt <= Date.now()) {
    store.tokens.delete(token.token);
    throw unauthorized('The access token has expired.');
  }
  const client = store.clients.get(token.clientId);
  if (!client) throw unauthorized('The client of this token no longer exists.');
  return { client, token };
}

function sendScopeCovers(scope: string, destination: DestinationRecord): boolean {
  const m = /^send:region:DE(\d*)(?:\+send:service:(.+))?$/.exec(scope);
  if (!m) return false;
  const [, region = '', service] = m;
  return destination.services.some(
    (s) => (service === undefined || s.identifier === service) && s.regions.some((r) => r.startsWith(`DE${region}`)),
  );
}

export function allowed(auth: AuthContext, p: Permission): boolean {
  const { client, token } = auth;
  switch (p.kind) {
    case 'create-destination':
      return client.role === 'subscriber' && (!token.scopes || token.scopes.has('create:destination'));
    case 'subscribe':
    case 'manage':
      return (
        client.role === 'subscriber' &&
        p.destination.ownerClientId === client.clientId &&
        (!token.scopes || token.scopes.has(`${p.kind}:destination:${p.destination.destinationId}`))
      );
    case 'send':
      return client.role === 'sender' && (!token.scopes || [...token.scopes].some((s) => sendScopeCovers(s, p.destination)));
  }
}
