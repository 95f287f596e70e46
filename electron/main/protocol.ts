/**
 * Serves the built renderer (dist/renderer) over the privileged custom scheme app://bbdesk/.
 * A real origin instead of file://: the CSP's 'self' means exactly our files, fetch and workers
 * work, and no page gets file-system reach.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './constants';
import { CONTENT_SECURITY_POLICY } from './security';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Must run before app 'ready': app:// becomes a standard, secure origin that supports fetch. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export type ResolvedRequest =
  | { kind: 'file'; filePath: string }
  | { kind: 'error'; status: 400 | 403 | 404 | 405 };

/**
 * Maps a request URL to a file below `rootDir`, lexically (no file system access).
 * Rejects other hosts, methods other than GET/HEAD, NUL bytes, backslashes and any path that
 * would leave the root after percent-decoding. "/" means index.html.
 */
export function resolveAppRequest(rootDir: string, url: string, method = 'GET'): ResolvedRequest {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'error', status: 405 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'error', status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST || parsed.port !== '') {
    return { kind: 'error', status: 404 };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'error', status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'error', status: 400 };
  const segments = pathname.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { kind: 'error', status: 403 };
  if (segments.length === 0 || pathname.endsWith('/')) segments.push('index.html');

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...segments);
  const rel = path.relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'error', status: 403 };
  return { kind: 'file', filePath };
}

function errorResponse(status: number): Response {
  return new Response(null, {
    status,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
  });
}

type FileRead = { kind: 'file'; body: Buffer } | { kind: 'missing' } | { kind: 'not-a-file' };

async function readRegularFile(filePath: string): Promise<FileRead> {
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) return { kind: 'not-a-file' };
    return { kind: 'file', body: await fs.readFile(filePath) };
  } catch {
    return { kind: 'missing' };
  }
}

/** The request handler behind protocol.handle('app', …). Exported for tests. */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  return async (request) => {
    const resolved = resolveAppRequest(root, request.url, request.method);
    if (resolved.kind === 'error') return errorResponse(resolved.status);
    let filePath = resolved.filePath;
    let read = await readRegularFile(filePath);
    // Client-side routes ("/faelle/42") fall back to the app shell; missing assets and folders stay 404.
    if (read.kind === 'missing' && path.extname(filePath) === '') {
      filePath = path.join(root, 'index.html');
      read = await readRegularFile(filePath);
    }
    if (read.kind !== 'file') return errorResponse(404);
    const body = read.body;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': mimeTypeFor(filePath),
        'Content-Length': String(body.length),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** After app 'ready': answer app://bbdesk/… from the renderer folder. */
export function serveRenderer(protocol: Protocol, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}
