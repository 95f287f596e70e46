import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/core';
import type { SessionHolder } from '../core/transport';
import { readCookie, sessionCookie, SESSION_COOKIE } from './cookies';
import { mimeType, resolveStatic } from './static-files';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';


const MAX_BODY = 64 * 1024 * 1024;

export interface HttpHostOptions {
  core: Core;
  /** Built renderer (dist/renderer). */
  staticDir: string;
  /** The host name the server was bound to, accepted in Host headers besides the loopback names. */
  boundHost?: string;
  log?: (message: string) => void;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, extra: http.OutgoingHttpHeaders = {}) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', extra);
}

/** Host header must name this loopback server: guards against DNS rebinding. */
function hostAllowed(host: string | undefined, port: number, boundHost: string | undefined): boolean {
  if (!host) return false;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (boundHost) allowed.push(`${boundHost.toLowerCase()}:${port}`);
  return allowed.includes(host.toLowerCase());
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const apiError = (code: string, message: string) => ({ ok: false, error: { code, message } });

/**
 * Browser mode: the same renderer and the same dispatcher over HTTP on loopback.
 * POST /api/<operation> with a JSON body; the session lives in an HttpOnly SameSite=Strict cookie;
 * requests from a foreign Origin are refused.
 */
export function createHttpHost(opts: HttpHostOptions): http.Server {
  const log = opts.log ?? ((m) => console.error(`[bbdesk-http] ${m}`));
  const staticRoot = path.resolve(opts.staticDir);

  const server = http.createServer(async (req, res) => {
    try {
      const port = (server.address() as { port: number } | null)?.port ?? 0;
      if (!hostAllowed(req.headers.host, port, opts.boundHost)) {
        return sendJson(res, 421, apiError('FORBIDDEN', 'Unzulässiger Host.'));
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return sendJson(res, 405, apiError('INVALID_INPUT', 'Nur POST ist erlaubt.'), { allow: 'POST' });
        const origin = req.headers.origin;
        if (!origin || origin !== `http://${req.headers.host}`) {
          log(`refused API request from origin ${origin ?? '(none)'}`);
          return sendJson(res, 403, apiError('FORBIDDEN', 'Anfrage von fremder Herkunft abgelehnt.'));
        }
        if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
          return sendJson(res, 415, apiError('INVALID_INPUT', 'JSON erwartet.'));
        }
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return sendJson(res, 400, apiError('INVALID_INPUT', 'Die Anfrage ist kein gültiges JSON oder zu groß.'));
        }
        const operation = decodeURIComponent(url.pathname.slice('/api/'.length));
        const original = readCookie(req.headers.cookie, SESSION_COOKIE);
        const holder: SessionHolder = {
          token: original,
          setToken(t) {
            holder.token = t;
          },
        };
        const result = await opts.core.dispatch(operation, input, holder);
        const headers: http.OutgoingHttpHeaders = {};
        if (holder.token !== original) headers['set-cookie'] = sessionCookie(holder.token);
        return sendJson(res, 200, result, headers);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', 'text/plain');
      const file = resolveStatic(staticRoot, url.pathname);
      if (!file || !fs.existsSync(file)) return send(res, 404, 'Nicht gefunden', 'text/plain; charset=utf-8');
      const body = fs.readFileSync(file);
      return send(res, 200, body, mimeType(file), {
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-frame-options': 'DENY',
        ...(file.includes(`${path.sep}assets${path.sep}`) ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
      });
    } catch (err) {
      log(`request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, apiError('INTERNAL', 'Interner Fehler.'));
      else res.destroy();
    }
  });
  return server;
}
