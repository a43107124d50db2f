/**
 * Replays the findings against the browser host (issue 9) and asserts each is refused:
 * tokenless and cross-origin WebSockets, a DNS-rebinding Host, the static path escape,
 * malformed frames, floods, and supervisor intents from a second connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ABUSE_LIMIT, WS_BUDGET } from '../../../electron/host/web-host';
import { MAX_FRAME_BYTES } from '../../../electron/host/frames';
import { kioskSocket, openKioskSocket, sessionCookieOf } from '../../support/kiosk-ws';
import { BADGE, collector, PIN, rawGet, startSecureHost, stateOf, type SecureHost } from './harness';

let h: SecureHost;
const open: WebSocket[] = [];
beforeAll(async () => {
  h = await startSecureHost();
}, 30_000);
afterAll(async () => {
  for (const ws of open) ws.terminate();
  await h?.close();
});

/** Tries an upgrade; answers the HTTP status it was refused with (or 101) and the frames seen before. */
async function tryUpgrade(opts: Parameters<typeof kioskSocket>[1]): Promise<{ status: number; frames: number }> {
  const ws = await kioskSocket(h.url, opts);
  let frames = 0;
  ws.on('message', () => frames++);
  const status = await new Promise<number>((res) => {
    ws.once('open', () => res(101));
    ws.once('unexpected-response', (_req, r) => res(r.statusCode ?? 0));
    ws.once('error', () => res(-1));
  });
  await new Promise((r) => setTimeout(r, 100));
  ws.terminate();
  return { status, frames };
}

async function connected(): Promise<{ ws: WebSocket; c: ReturnType<typeof collector> }> {
  const ws = await kioskSocket(h.url);
  const c = collector(ws);
  await new Promise<void>((res, rej) => (ws.once('open', () => res()), ws.once('error', rej)));
  await c.until(() => c.pushes.length > 0);
  open.push(ws);
  return { ws, c };
}

describe('the session cookie', () => {
  it('is set with the page: HttpOnly, SameSite=Strict, 32 random bytes, new per start, never logged', async () => {
    const r = await fetch(h.url);
    const set = r.headers.getSetCookie();
    expect(set).toHaveLength(1);
    expect(set[0]).toMatch(/^kassa_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(Buffer.from(set[0]!.split(';')[0]!.split('=')[1]!, 'base64url')).toHaveLength(32);
    expect(r.url).not.toContain('kassa_session');
    // Assets carry no cookie; the secret never appears in the log.
    const asset = await fetch(new URL('/assets/app.js', h.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.getSetCookie()).toEqual([]);
    const secret = set[0]!.split(';')[0]!.split('=')[1]!;
    expect(JSON.stringify(h.log.lines)).not.toContain(secret);
  });
});

describe('WebSocket upgrade', () => {
  it('without the cookie: refused with 401 before any view', async () => {
    expect(await tryUpgrade({ cookie: null })).toEqual({ status: 401, frames: 0 });
  });

  it('with a wrong cookie: 401', async () => {
    expect(await tryUpgrade({ cookie: `kassa_session=${'A'.repeat(43)}` })).toEqual({ status: 401, frames: 0 });
  });

  it('from another origin (http://evil.localhost), even with the cookie: 403 before any view', async () => {
    expect(await tryUpgrade({ origin: 'http://evil.localhost' })).toEqual({ status: 403, frames: 0 });
    expect(await tryUpgrade({ origin: `http://evil.localhost:${h.port}` })).toEqual({ status: 403, frames: 0 });
    expect(await tryUpgrade({ origin: `https://127.0.0.1:${h.port}` })).toEqual({ status: 403, frames: 0 });
  });

  it('without an Origin: 403', async () => {
    expect(await tryUpgrade({ origin: null })).toEqual({ status: 403, frames: 0 });
  });

  it('refusals are logged without the secret', () => {
    const refused = h.log.lines.filter((l) => l.msg === 'websocket refused');
    expect(refused.map((l) => l.reason)).toEqual(expect.arrayContaining(['no-session', 'bad-session', 'bad-origin']));
  });

  it('a DNS-rebinding name gets neither the page (cookie) nor the socket', async () => {
    const page = await rawGet(h.port, '/', { host: `evil.localhost:${h.port}` });
    expect(page.status).toBe(403);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('the page and its own origin: accepted, the view arrives; localhost works as well as 127.0.0.1', async () => {
    const { c } = await connected();
    expect(c.pushes[0]!.state).toBe('attract');
    const alt = h.url.replace('127.0.0.1', 'localhost');
    const ws = await openKioskSocket(alt, { cookie: await sessionCookieOf(h.url) });
    open.push(ws);
  });

  it('views go only to authenticated connections', async () => {
    const before = h.web.connections();
    const { frames } = await tryUpgrade({ cookie: null });
    expect(frames).toBe(0);
    expect(h.web.connections()).toBe(before);
  });
});

describe('static files', () => {
  it('a sibling folder with the same prefix (/app-evil) cannot be reached', async () => {
    for (const path of ['/..%2fapp-evil/secret.txt', '/%2e%2e/app-evil/secret.txt', '/..%2F..%2Fapp-evil%2Fsecret.txt', '/%2e%2e%2fapp-evil%2fsecret.txt', '/assets/..%2f..%2fapp-evil/secret.txt']) {
      const r = await rawGet(h.port, path, { host: `127.0.0.1:${h.port}` });
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('TOP-SECRET');
    }
    expect((await rawGet(h.port, '/%E0%A4%A', { host: `127.0.0.1:${h.port}` })).status).toBe(404);
    expect((await rawGet(h.port, '/assets/app.js', { host: `127.0.0.1:${h.port}` })).status).toBe(200);
  });
});

describe('malformed frames', () => {
  const bad: Array<[string, string | Buffer]> = [
    ['not JSON', 'hello'],
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['a string', '"invoke"'],
    ['no t', '{"id":1}'],
    ['wrong t', '{"t":"result","id":2}'],
    ['no id', '{"t":"invoke","channel":"view/get"}'],
    ['negative id', '{"t":"invoke","id":-1,"channel":"view/get"}'],
    ['fractional id', '{"t":"invoke","id":1.5,"channel":"view/get"}'],
    ['huge id', '{"t":"invoke","id":1e300,"channel":"view/get"}'],
    ['unknown channel', '{"t":"invoke","id":7,"channel":"admin/shell"}'],
    ['__proto__ channel', '{"t":"invoke","id":8,"channel":"__proto__"}'],
    ['object channel that cannot be printed', '{"t":"invoke","id":14,"channel":{"toString":0}}'],
    ['payload null for a scan', '{"t":"invoke","id":9,"channel":"basket/scan","payload":null}'],
    ['payload wrong type', '{"t":"invoke","id":10,"channel":"basket/scan","payload":{"code":5,"source":"wedge"}}'],
    ['extra field', '{"t":"invoke","id":11,"channel":"session/start","payload":{"lang":"en","admin":true}}'],
    ['refund from nobody', '{"t":"invoke","id":12,"channel":"supervisor/refund","payload":{"merchantOrderId":"X","amountCents":100,"reason":"Goods returned"}}'],
    ['oversized', JSON.stringify({ t: 'invoke', id: 13, channel: 'basket/scan', payload: { code: 'x'.repeat(MAX_FRAME_BYTES), source: 'wedge' } })],
    ['binary', Buffer.from([0, 1, 2, 3])],
  ];

  it('each gets exactly one error reply and changes nothing; the connection keeps working', async () => {
    const { ws, c } = await connected();
    const before = stateOf(h.kiosk);
    for (const [name, frame] of bad) {
      const n = c.replies.length;
      ws.send(frame, { binary: Buffer.isBuffer(frame) });
      await c.until(() => c.replies.length > n);
      await new Promise((r) => setTimeout(r, 20));
      expect(c.replies.length, name).toBe(n + 1);
      const reply = c.replies[n]!;
      const ok = reply.t === 'result' ? reply.result!.ok : false;
      expect(ok, name).toBe(false);
      const code = reply.t === 'error' ? reply.error!.code : reply.result!.error!.code;
      expect(code, name).toMatch(/^[a-z-]+$/);
      expect(code, name).not.toBe('internal');
      expect(stateOf(h.kiosk), name).toEqual(before);
    }
    expect((await c.invoke('view/get')).ok).toBe(true);
  });
});

describe('message budget', () => {
  it(`a burst over ${WS_BUDGET.capacity} is answered "rate-limited" (every frame answered); persistent abuse closes the connection`, async () => {
    const { ws, c } = await connected();
    const N = WS_BUDGET.capacity + 30;
    for (let i = 0; i < N; i++) ws.send(JSON.stringify({ t: 'invoke', id: 1000 + i, channel: 'view/get', payload: {} }));
    await c.until(() => c.replies.length >= N);
    const limited = c.replies.filter((r) => r.result?.error?.code === 'rate-limited').length;
    expect(limited).toBeGreaterThanOrEqual(20);
    expect(c.replies.filter((r) => r.result?.ok).length).toBeGreaterThanOrEqual(WS_BUDGET.capacity);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    for (let i = 0; i < ABUSE_LIMIT + 50 && ws.readyState === ws.OPEN; i++) ws.send('{"t":"invoke","id":1,"channel":"view/get","payload":{}}');
    expect(await closed).toBe(1008);
    // The log says so a few times, then counts (repeated lines collapse in production logs).
    expect(h.log.lines.some((l) => l.msg === 'websocket closed for flooding')).toBe(true);
  });
});

describe('supervisor session belongs to the connection that logged in', () => {
  it("a second connection's refund, reprintLast, cancelSession (and logout) are refused and logged; the owner's work", async () => {
    const a = await connected();
    const b = await connected();
    expect((await a.c.invoke('basket/scan', { code: '4740001000178', source: 'panel' })).ok).toBe(true);
    expect((await a.c.invoke('basket/scan', { code: BADGE, source: 'panel' })).ok).toBe(true);
    expect((await a.c.invoke('supervisor/pin', { pin: PIN })).ok).toBe(true);
    expect(h.kiosk.engine.view().supervisor?.phase).toBe('active');
    const before = stateOf(h.kiosk);
    const auditBefore = h.kiosk.supervision.audit.list().length;
    for (const [channel, payload] of [
      ['supervisor/refund', { merchantOrderId: 'K-1', amountCents: 100, reason: 'Goods returned' }],
      ['supervisor/reprintLast', {}],
      ['supervisor/cancelSession', {}],
      ['supervisor/voidLine', { lineId: 'L1' }],
      ['supervisor/logout', {}],
    ] as const) {
      expect(await b.c.invoke(channel, payload), channel).toMatchObject({ ok: false, error: { code: 'not-your-session' } });
    }
    expect(stateOf(h.kiosk)).toEqual(before);
    expect(h.kiosk.supervision.audit.list().length).toBe(auditBefore);
    expect(h.log.lines.filter((l) => l.msg === 'supervisor intent from another connection refused').length).toBeGreaterThanOrEqual(5);
    // The owner can.
    expect((await a.c.invoke('supervisor/cancelSession')).ok).toBe(true);
    expect(h.kiosk.engine.view().basket.lines).toEqual([]);
    expect((await a.c.invoke('supervisor/logout')).ok).toBe(true);
    expect(h.kiosk.engine.view().supervisor).toBeNull();
  });

  it('closing the owning connection ends the supervisor session (nobody else could act for it)', async () => {
    const a = await connected();
    expect((await a.c.invoke('basket/scan', { code: BADGE, source: 'panel' })).ok).toBe(true);
    expect((await a.c.invoke('supervisor/pin', { pin: PIN })).ok).toBe(true);
    expect(h.kiosk.engine.view().supervisor?.phase).toBe('active');
    const closed = new Promise((r) => a.ws.once('close', r));
    a.ws.close();
    await closed;
    const end = Date.now() + 5000;
    while (h.kiosk.engine.view().supervisor !== null && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(h.kiosk.engine.view().supervisor).toBeNull();
    expect(h.kiosk.supervision.audit.list().at(-1)?.action).toBe('logout-disconnected');
  });
});
