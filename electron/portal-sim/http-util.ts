/** Small HTTP helpers on top of node:http: bodies with a size limit, media types, replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, payloadTooLarge, unsupportedMediaType, type HttpProblem } from './problems.js';

/** What a route handler answers; server.ts writes it. */
export interface Reply {
  status: number;
  /** Serialised as JSON with `contentType` (default application/json). */
  json?: unknown;
  /** Sent as is with `contentType`. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, json: body, headers });
export const empty = (status: number, headers?: Record<string, string>): Reply => ({ status, headers });

export function problemReply(p: HttpProblem): Reply {
  return { status: p.status, json: p.body(), contentType: 'application/problem+json', headers: p.headers };
}

/** The request's media type, lower-case, without parameters ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function requireMediaType(req: IncomingMessage, expected: string): void {
  const got = mediaType(req);
  if (got !== expected) throw unsupportedMediaType(expected, got);
}

/** Hard stop for bodies far beyond the limit: rather than draining gigabytes, drop the connection. */
const DRAIN_CAP = 256 * 1024 * 1024;

/**
 * Reads the whole request body. Over `limit` bytes the rest is read and discarded (so the client
 * gets to see the answer) and a 413 problem is thrown.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > limit + DRAIN_CAP) req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(payloadTooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | undefined;
  if (reply.json !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.json), 'utf8');
    headers['Content-Type'] = reply.contentType ?? 'application/json';
  } else if (reply.text !== undefined) {
    payload = Buffer.from(reply.text, 'utf8');
    headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}
