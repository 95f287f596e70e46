/**
 * Client of the FIT-Connect Submission API 1.1.3, receiving side (tag "Einreichungsempfang"), for a
 * subscriber: OAuth2 client credentials, list and fetch submissions and attachments, read and write the
 * event log of a case.
 *
 * Errors are PortalError with a kind the sync logic can act on and a German message for the clerks:
 * - 'unavailable'  network error, timeout, 5xx, 429 (try again later)
 * - 'unauthorized' credentials refused (token endpoint) or a fresh token refused by the API
 * - 'forbidden'    403 (client lacks the destination's subscribe scope)
 * - 'not_found'    404
 * - 'conflict'     409 (e.g. an event for a submission that is no longer submitted)
 * - 'invalid'      400, 413, 415, 422, or a response larger than allowed
 * - 'protocol'     an answer that does not follow the spec
 * A 401 from the API drops the cached token and repeats the call once with a new one.
 * The client secret and tokens never appear in messages or logs.
 */

export interface PortalEndpoints {
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

export type PortalErrorKind = 'unavailable' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'invalid' | 'protocol';

export interface PortalProblemBody {
  type?: string;
  title?: string;
  detail?: string;
}

export class PortalError extends Error {
  readonly kind: PortalErrorKind;
  /** HTTP status, null when there was no HTTP answer. */
  readonly status: number | null;
  /** The RFC 7807 body of the answer, if it had one. */
  readonly problem?: PortalProblemBody;
  /** German, for clerks. */
  readonly germanMessage: string;

  /** `opts.message`: the technical message for logs (defaults to the German one). */
  constructor(kind: PortalErrorKind, status: number | null, germanMessage: string, opts: { message?: string; problem?: PortalProblemBody; cause?: unknown } = {}) {
    super(opts.message ?? germanMessage, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'PortalError';
    this.kind = kind;
    this.status = status;
    if (opts.problem) this.problem = opts.problem;
    this.germanMessage = germanMessage;
  }
}

/** An item of GET /v1/submissions (SubmissionForPickup in the spec). */
export interface SubmissionListEntry {
  destinationId: string;
  submissionId: string;
  caseId: string;
}

/** GET /v1/submissions/{id} (schema "Submission" of the spec). */
export interface SubmissionForPickup {
  destinationId: string;
  submissionId: string;
  caseId: string;
  /** Ids of the submission's attachments (empty if the portal sent none). */
  attachments: string[];
  serviceType: { name?: string; identifier: string };
  /** Compact JWE; always present for a submitted submission (the spec's submit requires it). */
  encryptedMetadata: string;
  /** Compact JWE; optional in the spec. */
  encryptedData?: string;
  callback?: { url?: string };
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Renew a cached token this long before it expires. */
export const TOKEN_RENEW_MARGIN_MS = 60_000;
/** Default bound of a downloaded attachment JWE: a 20 MB attachment in base64url plus header room. */
export const DEFAULT_MAX_ATTACHMENT_JWE_BYTES = Math.ceil((20 * 1024 * 1024 * 4) / 3) + 1024 * 1024;
const MAX_PAGE = 500;
const MAX_PAGES = 10_000;
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const GERMAN = {
  unreachable: 'Das Portal ist nicht erreichbar. Bitte die Netzwerkverbindung prüfen und es später erneut versuchen.',
  timeout: (s: number) => `Das Portal hat nicht innerhalb von ${s} Sekunden geantwortet. Bitte später erneut versuchen.`,
  serverError: (status: number) => `Das Portal meldet eine Störung (HTTP ${status}). Bitte später erneut versuchen.`,
  rateLimited: 'Das Portal nimmt gerade keine weiteren Anfragen an. Bitte später erneut versuchen.',
  credentialsRefused: 'Der Portalzugang wurde abgelehnt: Client-ID oder Geheimnis prüfen.',
  tokenRefused: (status: number) => `Der Anmeldedienst des Portals hat die Anfrage abgelehnt (HTTP ${status}). Bitte Token-URL und Zugangsdaten prüfen.`,
  tokenInvalidAnswer: 'Der Anmeldedienst des Portals hat keine gültige Antwort geliefert. Bitte die Token-URL prüfen.',
  apiUnauthorized: 'Das Portal hat die Anmeldung nicht angenommen. Bitte Zugangsdaten und Token-URL prüfen.',
  forbidden: 'Der Portalzugang hat keine Berechtigung für diesen Zugriff (z. B. nicht für diesen Zustellpunkt freigeschaltet).',
  notFound: 'Das Portal kennt den angefragten Eintrag nicht (mehr).',
  conflict: 'Das Portal hat die Änderung abgelehnt, weil die Einreichung nicht mehr im passenden Zustand ist.',
  invalid: (status: number) => `Das Portal hat die Anfrage als fehlerhaft abgelehnt (HTTP ${status}).`,
  protocol: 'Das Portal hat eine unerwartete Antwort geliefert. Bitte die API-URL prüfen.',
  tooLarge: (max: number) => `Die Anlage ist größer als erlaubt (${Math.round(max / (1024 * 1024))} MB).`,
};

type FetchFn = typeof fetch;

interface CachedToken {
  value: string;
  renewAt: number;
}

export class PortalClient {
  private readonly cfg: PortalEndpoints;
  private readonly apiUrl: string;
  private readonly fetchFn: FetchFn;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private cached: CachedToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(cfg: PortalEndpoints, opts: { fetch?: FetchFn; now?: () => number; timeoutMs?: number } = {}) {
    this.cfg = cfg;
    this.apiUrl = cfg.apiUrl.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** An access token (client credentials, no scope), cached until 60 s before it expires. */
  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Drops the cached token (e.g. after the credentials changed). */
  forgetToken(): void {
    this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret });
    const res = await this.send(this.cfg.tokenUrl, 'POST /token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
    });
    try {
      if (!res.response.ok) {
        const text = await readText(res.response, MAX_ERROR_BODY_BYTES).catch(() => '');
        let oauthError: string | undefined;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
          if (isObject(parsed) && typeof parsed.error === 'string') oauthError = parsed.error;
        } catch {
          /* not JSON */
        }
        const status = res.response.status;
        const technical = `token request refused: HTTP ${status}${oauthError ? ` (${oauthError})` : ''}`;
        if (status >= 500 || status === 429) throw new PortalError('unavailable', status, status === 429 ? GERMAN.rateLimited : GERMAN.serverError(status), { message: technical });
        const refused = status === 401 || status === 403 || oauthError === 'invalid_client' || oauthError === 'unauthorized_client' || oauthError === 'invalid_grant';
        if (refused) throw new PortalError('unauthorized', status, GERMAN.credentialsRefused, { message: technical, problem: problemOf(parsed) });
        throw new PortalError('protocol', status, GERMAN.tokenRefused(status), { message: technical, problem: problemOf(parsed) });
      }
      const json = await this.readJson(res.response, 'POST /token');
      if (!isObject(json) || typeof json.access_token !== 'string' || json.access_token.length === 0) {
        throw new PortalError('protocol', res.response.status, GERMAN.tokenInvalidAnswer, { message: 'token response without access_token' });
      }
      if (typeof json.token_type === 'string' && json.token_type.toLowerCase() !== 'bearer') {
        throw new PortalError('protocol', res.response.status, GERMAN.tokenInvalidAnswer, { message: `unsupported token_type ${json.token_type}` });
      }
      const expiresIn = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 300;
      const lifetimeMs = expiresIn * 1000;
      const usableMs = lifetimeMs > 2 * TOKEN_RENEW_MARGIN_MS ? lifetimeMs - TOKEN_RENEW_MARGIN_MS : lifetimeMs / 2;
      this.cached = { value: json.access_token, renewAt: res.startedAt + usableMs };
      return json.access_token;
    } catch (e) {
      throw this.mapReadError(e, 'POST /token');
    } finally {
      res.done();
    }
  }

  /** GET /v1/submissions for a destination, all pages (limit ≤ 500, offset). */
  async listSubmissions(destinationId: string, pageSize = MAX_PAGE): Promise<SubmissionListEntry[]> {
    const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(pageSize)));
    const out: SubmissionListEntry[] = [];
    const seen = new Set<string>();
    for (let offset = 0, page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams({ destinationId, limit: String(limit), offset: String(offset) });
      const label = 'GET /v1/submissions';
      const body = await this.getJson(`/v1/submissions?${q}`, label);
      if (!isObject(body) || !Array.isArray(body.submissions)) throw protocol(label, 'no "submissions" array');
      for (const s of body.submissions) {
        if (!isObject(s) || typeof s.submissionId !== 'string' || typeof s.caseId !== 'string' || typeof s.destinationId !== 'string') {
          throw protocol(label, 'a submission without destinationId, submissionId or caseId');
        }
        if (seen.has(s.submissionId)) continue;
        seen.add(s.submissionId);
        out.push({ destinationId: s.destinationId, submissionId: s.submissionId, caseId: s.caseId });
      }
      const n = body.submissions.length;
      offset += n;
      const total = typeof body.totalCount === 'number' ? body.totalCount : null;
      if (n === 0 || (total !== null ? offset >= total : n < limit)) break;
    }
    return out;
  }

  /** GET /v1/submissions/{submissionId}. */
  async getSubmission(submissionId: string): Promise<SubmissionForPickup> {
    const label = 'GET /v1/submissions/{id}';
    const b = await this.getJson(`/v1/submissions/${enc(submissionId)}`, label);
    if (!isObject(b)) throw protocol(label, 'not an object');
    for (const f of ['destinationId', 'submissionId', 'caseId'] as const) {
      if (typeof b[f] !== 'string') throw protocol(label, `no "${f}"`);
    }
    if (!isObject(b.serviceType) || typeof b.serviceType.identifier !== 'string') throw protocol(label, 'no serviceType.identifier');
    if (b.attachments !== undefined && (!Array.isArray(b.attachments) || !b.attachments.every((a) => typeof a === 'string'))) {
      throw protocol(label, '"attachments" is not an array of ids');
    }
    if (typeof b.encryptedMetadata !== 'string') throw protocol(label, 'no "encryptedMetadata"');
    if (b.encryptedData !== undefined && typeof b.encryptedData !== 'string') throw protocol(label, '"encryptedData" is not a string');
    const out: SubmissionForPickup = {
      destinationId: b.destinationId as string,
      submissionId: b.submissionId as string,
      caseId: b.caseId as string,
      attachments: (b.attachments as string[] | undefined) ?? [],
      serviceType: {
        identifier: b.serviceType.identifier,
        ...(typeof b.serviceType.name === 'string' ? { name: b.serviceType.name } : {}),
      },
      encryptedMetadata: b.encryptedMetadata,
    };
    if (typeof b.encryptedData === 'string') out.encryptedData = b.encryptedData;
    if (isObject(b.callback)) out.callback = typeof b.callback.url === 'string' ? { url: b.callback.url } : {};
    return out;
  }

  /**
   * GET /v1/submissions/{id}/attachments/{attachmentId}: the compact JWE as text. The body is counted
   * while it streams in; beyond `maxBytes` the download stops with kind 'invalid'.
   */
  async getAttachment(submissionId: string, attachmentId: string, maxBytes = DEFAULT_MAX_ATTACHMENT_JWE_BYTES): Promise<string> {
    const label = 'GET /v1/submissions/{id}/attachments/{attachmentId}';
    return this.api(`/v1/submissions/${enc(submissionId)}/attachments/${enc(attachmentId)}`, label, { method: 'GET', headers: { Accept: 'application/jose' } }, async (res) => {
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw new PortalError('invalid', res.status, GERMAN.tooLarge(maxBytes), { message: `${label}: attachment larger than ${maxBytes} bytes` });
      }
      let text: string;
      try {
        text = await readText(res, maxBytes);
      } catch (e) {
        if (e instanceof TooLarge) {
          throw new PortalError('invalid', res.status, GERMAN.tooLarge(maxBytes), { message: `${label}: attachment larger than ${maxBytes} bytes` });
        }
        throw e;
      }
      return text.trim();
    });
  }

  /** GET /v1/cases/{caseId}/events, all pages: the event log (compact SETs, oldest first). */
  async getEventLog(caseId: string): Promise<string[]> {
    const label = 'GET /v1/cases/{caseId}/events';
    const out: string[] = [];
    for (let offset = 0, page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams({ limit: String(MAX_PAGE), offset: String(offset) });
      const body = await this.getJson(`/v1/cases/${enc(caseId)}/events?${q}`, label);
      if (!isObject(body) || !Array.isArray(body.eventLog)) throw protocol(label, 'no "eventLog" array');
      if (!body.eventLog.every((e) => typeof e === 'string')) throw protocol(label, 'an event that is not a string');
      out.push(...(body.eventLog as string[]));
      const n = body.eventLog.length;
      offset += n;
      const total = typeof body.totalCount === 'number' ? body.totalCount : null;
      if (n === 0 || (total !== null ? offset >= total : n < MAX_PAGE)) break;
    }
    return out;
  }

  /** POST /v1/cases/{caseId}/events with a signed SET (application/jose); the portal answers 204. */
  async postEvent(caseId: string, set: string): Promise<void> {
    const label = 'POST /v1/cases/{caseId}/events';
    await this.api(`/v1/cases/${enc(caseId)}/events`, label, { method: 'POST', headers: { 'Content-Type': 'application/jose' }, body: set }, async (res) => {
      await res.body?.cancel().catch(() => {});
    });
  }

  /**
   * GET /v1/info (for "Verbindung testen"). Fetches a token first, so the credentials are tested as well
   * (the endpoint itself needs none).
   */
  async info(): Promise<unknown> {
    return this.getJson('/v1/info', 'GET /v1/info');
  }

  // ---- plumbing ----

  private getJson(pathAndQuery: string, label: string): Promise<unknown> {
    return this.api(pathAndQuery, label, { method: 'GET', headers: { Accept: 'application/json' } }, (res) => this.readJson(res, label));
  }

  /** One API call with the bearer token; 401 → new token, once. `read` consumes a 2xx answer. */
  private async api<T>(pathAndQuery: string, label: string, init: RequestInit, read: (res: Response) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token();
      const headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` };
      const r = await this.send(`${this.apiUrl}${pathAndQuery}`, label, { ...init, headers });
      try {
        const res = r.response;
        if (res.status === 401 && attempt === 0) {
          await res.body?.cancel().catch(() => {});
          if (this.cached?.value === token) this.cached = null;
          continue;
        }
        if (res.status < 200 || res.status >= 300) throw await this.httpError(res, label);
        return await read(res);
      } catch (e) {
        throw this.mapReadError(e, label);
      } finally {
        r.done();
      }
    }
  }

  /** fetch with a timeout that covers the whole exchange until `done()` (body included). */
  private async send(url: string, label: string, init: RequestInit): Promise<{ response: Response; startedAt: number; done: () => void }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), this.timeoutMs);
    const startedAt = this.now();
    try {
      const response = await this.fetchFn(url, { ...init, signal: controller.signal, redirect: 'error' });
      exchangeSignals.set(response, controller.signal);
      return { response, startedAt, done: () => clearTimeout(timer) };
    } catch (e) {
      clearTimeout(timer);
      throw this.mapReadError(e, label, controller.signal);
    }
  }

  private mapReadError(e: unknown, label: string, signal?: AbortSignal): unknown {
    if (e instanceof PortalError) return e;
    const timedOut = e instanceof TimeoutSignal || (signal?.aborted && signal.reason instanceof TimeoutSignal) || (isObject(e) && e.cause instanceof TimeoutSignal);
    if (timedOut || (e instanceof Error && e.name === 'AbortError') || (e instanceof DOMException && e.name === 'AbortError')) {
      return new PortalError('unavailable', null, GERMAN.timeout(Math.round(this.timeoutMs / 1000)), { message: `${label}: timeout after ${this.timeoutMs} ms` });
    }
    if (e instanceof TooLarge) return new PortalError('invalid', null, GERMAN.tooLarge(e.limit), { message: `${label}: answer larger than ${e.limit} bytes` });
    const code = isObject(e) && isObject(e.cause) && typeof e.cause.code === 'string' ? ` (${e.cause.code})` : '';
    return new PortalError('unavailable', null, GERMAN.unreachable, { message: `${label}: no answer${code}` });
  }

  private async readJson(res: Response, label: string): Promise<unknown> {
    const text = await readText(res, MAX_JSON_BYTES);
    try {
      return JSON.parse(text);
    } catch {
      throw protocol(label, `HTTP ${res.status}: the body is not JSON`);
    }
  }

  private async httpError(res: Response, label: string): Promise<PortalError> {
    const status = res.status;
    const text = await readText(res, MAX_ERROR_BODY_BYTES).catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    const problem = problemOf(parsed);
    const why = problem?.detail ?? problem?.title;
    const message = `${label}: HTTP ${status}${why ? ` – ${why}` : ''}`;
    const withDetail = (german: string) => (problem?.detail ? `${german} (${problem.detail})` : german);
    const opts = { message, ...(problem ? { problem } : {}) };
    if (status >= 500) return new PortalError('unavailable', status, GERMAN.serverError(status), opts);
    if (status === 429 || status === 408) return new PortalError('unavailable', status, GERMAN.rateLimited, opts);
    if (status === 401) return new PortalError('unauthorized', status, GERMAN.apiUnauthorized, opts);
    if (status === 403) return new PortalError('forbidden', status, GERMAN.forbidden, opts);
    if (status === 404) return new PortalError('not_found', status, GERMAN.notFound, opts);
    if (status === 409) return new PortalError('conflict', status, withDetail(GERMAN.conflict), opts);
    if (status === 400 || status === 413 || status === 415 || status === 422) return new PortalError('invalid', status, withDetail(GERMAN.invalid(status)), opts);
    return new PortalError('protocol', status, GERMAN.protocol, opts);
  }
}

class TimeoutSignal extends Error {
  constructor() {
    super('timeout');
    this.name = 'TimeoutSignal';
  }
}

class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
    this.name = 'TooLarge';
  }
}

const enc = encodeURIComponent;

const protocol = (label: string, what: string) => new PortalError('protocol', null, GERMAN.protocol, { message: `${label}: ${what}` });

/** The RFC 7807 members of a parsed body (strings only), or undefined. */
function problemOf(body: unknown): PortalProblemBody | undefined {
  if (!isObject(body)) return undefined;
  const p: PortalProblemBody = {};
  if (typeof body.type === 'string') p.type = body.type;
  if (typeof body.title === 'string') p.title = body.title;
  if (typeof body.detail === 'string') p.detail = body.detail;
  else if (typeof body.error_description === 'string') p.detail = body.error_description;
  return Object.keys(p).length > 0 ? p : undefined;
}

/**
 * The abort signal of each exchange. Reading the body watches it itself: fetch implementations do not
 * reliably fail a pending body read when the request is aborted after the headers arrived.
 */
const exchangeSignals = new WeakMap<Response, AbortSignal>();

/** Reads a body as UTF-8, counting bytes while streaming; throws TooLarge beyond `max`, the abort reason on timeout. */
async function readText(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const signal = exchangeSignals.get(res);
  const reader = res.body.getReader();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    onAbort = () => reject(signal.reason ?? new TimeoutSignal());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {}); // handled where it is raced
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      total += value.byteLength;
      if (total > max) throw new TooLarge(max);
      chunks.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  } finally {
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
