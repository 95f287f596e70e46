import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, tempDir, TEST_PASSWORD } from '../core/test-support';
import { createHttpHost } from './http-server';

describe('browser-mode HTTP host', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const t = await makeTestCore();
    const staticDir = tempDir('bbdesk-static-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Bürgerbüro Desk</title>');
    server = createHttpHost({ core: t.core, staticDir, log: () => {} });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (op: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, ...headers },
      body: JSON.stringify(body),
    });

  it('keeps the session in an HttpOnly SameSite=Strict cookie and out of the JSON', async () => {
    const res = await post('setup.createAdmin', { username: 'admin', displayName: 'Anna Admin', password: TEST_PASSWORD, siteId: 1 });
    const json = (await res.json()) as { ok: boolean; data: unknown };
    expect(json.ok).toBe(true);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^bbdesk_session=[A-Za-z0-9_-]{20,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const token = /bbdesk_session=([^;]+)/.exec(cookie)![1]!;
    expect(JSON.stringify(json)).not.toContain(token);

    const users = await post('users.list', {}, { cookie: `bbdesk_session=${token}` });
    expect(((await users.json()) as { ok: boolean }).ok).toBe(true);
    const anonymous = await post('users.list', {});
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');

    const out = await post('auth.logout', {}, { cookie: `bbdesk_session=${token}` });
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('refuses state-changing requests from a foreign or missing origin', async () => {
    const foreign = await post('auth.login', { username: 'admin', password: TEST_PASSWORD }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const none = await fetch(`${base}/api/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(403);
    const form = await fetch(`${base}/api/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: 'username=admin',
    });
    expect(form.status).toBe(415);
    const get = await fetch(`${base}/api/setup.status`);
    expect(get.status).toBe(405);
  });

  it('answers malformed JSON with a German error', async () => {
    const res = await fetch(`${base}/api/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: '{kaputt',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('kein gültiges JSON');
  });

  it('serves the renderer with a strict CSP and never outside its folder', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    const csp = index.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(await index.text()).toContain('Bürgerbüro Desk');
    const traversal = await fetch(`${base}/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd`);
    expect(await traversal.text()).not.toContain('root:');
    const sibling = await fetch(`${base}/..%2fpackage.json`);
    expect(sibling.status).toBe(404);
  });
});
