import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedHosts, checkUpgrade, readCookie, SESSION_COOKIE, staticFile } from '../../../electron/host/guard';
import { parseClientFrame, refusalFrame, TokenBucket, MAX_FRAME_BYTES } from '../../../electron/host/frames';

const ROOT = join(sep, 'srv', 'app');

describe('staticFile', () => {
  it('maps paths under the root, index.html for /', () => {
    expect(staticFile(ROOT, '/')).toBe(join(ROOT, 'index.html'));
    expect(staticFile(ROOT, '/assets/a.js')).toBe(join(ROOT, 'assets', 'a.js'));
    expect(staticFile(ROOT, '/a/../b.js')).toBe(join(ROOT, 'b.js'));
  });

  it.each(['/../app-evil/x', '/..%2fapp-evil%2fx', '/%2e%2e/app-evil/x', '/..', '/../app', '/x/../../app-evil', '/%00', '/%E0%A4%A', `/${'a'.repeat(2000)}`])('refuses %s (a sibling with the same prefix, NUL, bad escapes, huge)', (p) => {
    expect(staticFile(ROOT, p)).toBeNull();
  });
});

describe('checkUpgrade', () => {
  const secret = 'S'.repeat(43);
  const hosts = allowedHosts('127.0.0.1', 5173);
  const ok = { host: '127.0.0.1:5173', origin: 'http://127.0.0.1:5173', cookie: `a=b; ${SESSION_COOKIE}=${secret}` };
  it('accepts the host, its own origin and the cookie', () => {
    expect(checkUpgrade(ok, secret, hosts)).toEqual({ ok: true });
    expect(checkUpgrade({ ...ok, host: 'localhost:5173', origin: 'http://localhost:5173' }, secret, hosts)).toEqual({ ok: true });
  });
  it.each([
    [{ ...ok, origin: 'http://evil.localhost' }, 403, 'bad-origin'],
    [{ ...ok, origin: 'http://localhost:5173' }, 403, 'bad-origin'], // origin must match the Host used
    [{ ...ok, origin: undefined }, 403, 'bad-origin'],
    [{ ...ok, host: 'evil.localhost:5173', origin: 'http://evil.localhost:5173' }, 403, 'bad-host'],
    [{ ...ok, cookie: undefined }, 401, 'no-session'],
    [{ ...ok, cookie: `${SESSION_COOKIE}=${'T'.repeat(43)}` }, 401, 'bad-session'],
    [{ ...ok, cookie: `${SESSION_COOKIE}=${secret}x` }, 401, 'bad-session'],
  ])('refuses %j with %i', (headers, status, reason) => {
    expect(checkUpgrade(headers, secret, hosts)).toEqual({ ok: false, status, reason });
  });
  it('a wildcard bind takes the Host used, and the Origin must equal it', () => {
    const any = allowedHosts('0.0.0.0', 80);
    expect(any).toBeNull();
    expect(checkUpgrade({ ...ok, host: 'kiosk.lan:80', origin: 'http://kiosk.lan:80' }, secret, any)).toEqual({ ok: true });
    expect(checkUpgrade({ ...ok, host: 'kiosk.lan:80', origin: 'http://evil.lan' }, secret, any)).toMatchObject({ ok: false, status: 403 });
  });
  it('readCookie is bounded and exact', () => {
    expect(readCookie(`x${SESSION_COOKIE}=1; ${SESSION_COOKIE}=2`, SESSION_COOKIE)).toBe('2');
    expect(readCookie('a'.repeat(9000), 'a')).toBeNull();
  });
});

describe('frames', () => {
  it('refuses with a code, keeping a usable id', () => {
    expect(parseClientFrame('{"t":"invoke","id":3,"channel":"x"}', false)).toMatchObject({ ok: true, id: 3 });
    expect(parseClientFrame('nope', false)).toMatchObject({ ok: false, id: null, error: { code: 'not-json' } });
    expect(parseClientFrame('null', false)).toMatchObject({ ok: false, error: { code: 'bad-frame' } });
    expect(parseClientFrame('{"t":"x","id":4}', false)).toMatchObject({ ok: false, id: 4, error: { code: 'bad-frame' } });
    expect(parseClientFrame('{}', true)).toMatchObject({ ok: false, error: { code: 'binary-frame' } });
    expect(parseClientFrame('x'.repeat(MAX_FRAME_BYTES + 1), false)).toMatchObject({ ok: false, error: { code: 'frame-too-large' } });
    expect(JSON.parse(refusalFrame(4, { code: 'bad-frame', message: 'm' }))).toEqual({ t: 'result', id: 4, result: { ok: false, error: { code: 'bad-frame', message: 'm' } } });
    expect(JSON.parse(refusalFrame(null, { code: 'not-json', message: 'm' }))).toEqual({ t: 'error', id: null, error: { code: 'not-json', message: 'm' } });
  });

  it('TokenBucket: a burst of capacity, then perSecond', () => {
    let now = 0;
    const b = new TokenBucket(3, 2, () => now);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    now = 499;
    expect(b.take()).toBe(false);
    now = 500;
    expect(b.take()).toBe(true);
    now = 10_000;
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  });
});
