import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./test-support/fake-electron'));

import type { App, Session, WebContents } from 'electron';
import * as fake from './test-support/fake-electron';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  installWebContentsGuard,
  isAppUrl,
  withSecurityHeaders,
} from './security';

const asSession = (s: fake.FakeSession) => fake.asElectron<Session>(s);
const asContents = (c: fake.FakeWebContents) => fake.asElectron<WebContents>(c);

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

beforeEach(() => fake.resetFakeElectron());

describe('Content-Security-Policy', () => {
  it('is strict: scripts only from self, no eval, no inline script, no plugins, no framing', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('is set on every response of the session, replacing a CSP the response brought along', () => {
    const ses = fake.fakeSession();
    hardenSession(asSession(ses));
    expect(ses.headersListener).toBeTypeOf('function');
    const callback = vi.fn();
    ses.headersListener!(
      { url: 'app://bbdesk/index.html', responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      callback,
    );
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('is set even when a response has no headers', () => {
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('permissions', () => {
  it('denies every permission request and every permission check', () => {
    const ses = fake.fakeSession();
    hardenSession(asSession(ses));
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      const cb = vi.fn();
      ses.permissionRequestHandler!(new fake.FakeWebContents(), permission, cb, {});
      expect(cb).toHaveBeenCalledExactlyOnceWith(false);
      expect(ses.permissionCheckHandler!(null, permission, 'app://bbdesk', {})).toBe(false);
    }
    expect(ses.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://bbdesk' })).toBe(false);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://bbdesk/index.html', true],
    ['app://bbdesk/', true],
    ['app://bbdesk/faelle/42?x=1#y', true],
    ['app://other/index.html', false],
    ['app://bbdesk.evil.example/', false],
    ['app://user:pw@bbdesk/', false],
    ['app://bbdesk:8080/', false],
    ['https://bbdesk/', false],
    ['http://127.0.0.1:5780/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('webContents hardening', () => {
  function hardened() {
    const contents = new fake.FakeWebContents();
    hardenWebContents(asContents(contents));
    return contents;
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to a foreign URL is prevented', (event) => {
    const contents = hardened();
    for (const url of ['https://evil.example/', 'http://127.0.0.1:5780/', 'file:///etc/passwd', 'app://other/']) {
      const e = new fake.FakeEvent({ url });
      contents.emit(event, e, url);
      expect(e.defaultPrevented, `${event} ${url}`).toBe(true);
    }
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s within app://bbdesk is allowed', (event) => {
    const contents = hardened();
    const e = new fake.FakeEvent({ url: 'app://bbdesk/index.html' });
    contents.emit(event, e, 'app://bbdesk/index.html');
    expect(e.defaultPrevented).toBe(false);
  });

  it('also uses the deprecated url argument when the event carries none', () => {
    const contents = hardened();
    const e = new fake.FakeEvent();
    contents.emit('will-navigate', e, 'https://evil.example/');
    expect(e.defaultPrevented).toBe(true);
  });

  it('denies window.open for every URL, our own included', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler).toBeTypeOf('function');
    for (const url of ['https://evil.example/', 'app://bbdesk/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach webviews', () => {
    const contents = hardened();
    const e = new fake.FakeEvent();
    contents.emit('will-attach-webview', e, {}, { src: 'https://evil.example/' });
    expect(e.defaultPrevented).toBe(true);
  });

  it('is idempotent (one set of listeners per webContents)', () => {
    const contents = hardened();
    hardenWebContents(asContents(contents));
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('web-contents-created guard', () => {
  it('hardens every new webContents and closes webview guests', () => {
    installWebContentsGuard(fake.asElectron<App>(fake.app));
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);

    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', new fake.FakeEvent(), contents);
    const e = new fake.FakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', e, 'https://evil.example/');
    expect(e.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    const guest = new fake.FakeWebContents();
    guest.type = 'webview';
    fake.app.emit('web-contents-created', new fake.FakeEvent(), guest);
    expect(guest.closed).toBe(true);
  });
});
