import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./test-support/fake-electron'));

import type { Protocol } from 'electron';
import * as fake from './test-support/fake-electron';
import { createAppRequestHandler, mimeTypeFor, registerAppScheme, resolveAppRequest, serveRenderer } from './protocol';
import { CONTENT_SECURITY_POLICY } from './security';

let tmp: string;
let root: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-protocol-'));
  root = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Bürgerbüro Desk</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log("hi")');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'Schrift ä.woff2'), 'w');
  // Things outside the root that a traversal would want.
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'geheim');
  fs.mkdirSync(path.join(tmp, 'renderer-evil'));
  fs.writeFileSync(path.join(tmp, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => fake.resetFakeElectron());

const get = (url: string, method = 'GET') => createAppRequestHandler(root)(new Request(url, { method }));

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme with fetch — without bypassing the CSP', () => {
    registerAppScheme(fake.asElectron<Protocol>(fake.protocol));
    expect(fake.recorder.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    const privileges = (fake.recorder.privilegedSchemes[0] as { privileges: Record<string, unknown> }).privileges;
    expect(privileges.bypassCSP).toBeFalsy();
    expect(privileges.corsEnabled).toBeFalsy();
  });

  it('is answered by protocol.handle', async () => {
    serveRenderer(fake.asElectron<Protocol>(fake.protocol), root);
    const handler = fake.protocol.handlers.get('app')!;
    const res = await handler(new Request('app://bbdesk/index.html'));
    expect(res.status).toBe(200);
  });
});

describe('serving dist/renderer', () => {
  it('serves index.html for / with the CSP header and the HTML type', async () => {
    for (const url of ['app://bbdesk/', 'app://bbdesk/index.html', 'app://bbdesk']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('Bürgerbüro Desk');
    }
  });

  it('serves assets with their MIME types', async () => {
    const js = await get('app://bbdesk/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("hi")');
    expect((await get('app://bbdesk/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const font = await get('app://bbdesk/assets/Schrift%20%C3%A4.woff2');
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
  });

  it('knows the usual types', () => {
    expect(mimeTypeFor('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.png')).toBe('image/png');
    expect(mimeTypeFor('a.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });

  it('answers a missing asset with 404 and a client-side route with the app shell', async () => {
    expect((await get('app://bbdesk/assets/missing.js')).status).toBe(404);
    const route = await get('app://bbdesk/faelle/42');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://bbdesk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://bbdesk/index.html', 'POST')).status).toBe(405);
  });

  it('serves nothing for another host', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
  });

  it.each([
    'app://bbdesk/../secret.txt',
    'app://bbdesk/%2e%2e/secret.txt',
    'app://bbdesk/assets/%2E%2E/%2E%2E/secret.txt',
    'app://bbdesk/..%2fsecret.txt',
    'app://bbdesk/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://bbdesk/..%5csecret.txt',
    'app://bbdesk/%00index.html',
    'app://bbdesk/%E0%A4%A',
    'app://bbdesk/../renderer-evil/x.js',
    'app://bbdesk/..%2frenderer-evil/x.js',
  ])('prevents path traversal: %s', async (url) => {
    const res = await get(url);
    expect(res.status).not.toBe(200);
    const body = await res.text();
    expect(body).not.toContain('geheim');
    expect(body).not.toContain('evil');
  });

  it('never resolves outside the root (lexical check)', () => {
    for (const url of ['app://bbdesk/..%2f..%2fetc/passwd', 'app://bbdesk/a/..%2f..%2f..%2fx']) {
      const r = resolveAppRequest(root, url);
      if (r.kind === 'file') {
        expect(path.relative(root, r.filePath).startsWith('..')).toBe(false);
      } else {
        expect([400, 403, 404]).toContain(r.status);
      }
    }
  });

  it('does not list directories', async () => {
    expect((await get('app://bbdesk/assets')).status).not.toBe(200);
  });
});
