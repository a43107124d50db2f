/**
 * The attendant console server on loopback, over real HTTP and WebSocket, in front of a real
 * engine (SQLite journal, supervisor directory, audit): who may connect, badge + PIN with the
 * kiosk's lock-out, frames refused without change, and an action's round trip.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { BADGE, CODES, PIN, startEngine, type EngineHarness } from '../engine/harness';
import { createLaneAgent } from '../../../electron/store/lane-agent';
import { createLocalStorePort } from '../../../electron/store/local-port';
import { LANES_FRAME_GAP_MS, startConsoleServer, type ConsoleServer } from '../../../electron/store/console/server';
import { memoryLog } from '../../../electron/log';

let h: EngineHarness;
let server: ConsoleServer;
let dir: string;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
  dir = mkdtempSync(join(tmpdir(), 'kassa-console-'));
  mkdirSync(join(dir, 'console'));
  writeFileSync(join(dir, 'console', 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const agent = createLaneAgent({ laneId: 'K01', storeId: 'S1', engine: h.engine, staff: h.supervision, attention: () => [], remoteAgeCheck: false, log: memoryLog('lane') });
  server = await startConsoleServer({ store: createLocalStorePort('S1', agent), directory: h.directory, clock: h.clock, rendererDir: dir, host: '127.0.0.1', port: 0, log: memoryLog('console'), remoteAgeCheck: false, idleMs: 300_000, lang: 'en', audit: h.audit });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await server.close();
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cookie(): Promise<string> {
  const r = await fetch(server.url);
  expect(await r.text()).toContain('console');
  const set = r.headers.getSetCookie().find((c) => c.startsWith('kassa_console='))!;
  expect(set).toMatch(/HttpOnly; SameSite=Strict/);
  return set.split(';')[0]!;
}

interface Client {
  ws: WebSocket;
  frames: Array<Record<string, any>>;
  send(frame: unknown): Promise<Record<string, any>>;
  next(t: string, after?: number, where?: (f: Record<string, any>) => boolean): Promise<Record<string, any>>;
}

async function connect(opts: { cookie?: string | null; origin?: string | null } = {}): Promise<Client> {
  const c = opts.cookie === undefined ? await cookie() : opts.cookie;
  return connectTo(server, c, opts.origin);
}

async function connectTo(srv: ConsoleServer, c: string | null, originOpt?: string | null): Promise<Client> {
  const opts = { origin: originOpt };
  const origin = opts.origin === undefined ? new URL(srv.url).origin : opts.origin;
  const ws = new WebSocket(new URL('/attendant', srv.url).href.replace('http', 'ws'), { headers: c ? { cookie: c } : {}, ...(origin ? { origin } : {}) });
  sockets.push(ws);
  const frames: Array<Record<string, any>> = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d))));
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('unexpected-response', (_q, r) => rej(new Error(`upgrade refused: ${r.statusCode}`)));
    ws.once('error', rej);
  });
  let id = 0;
  const waitFor = async (pred: (f: Record<string, any>) => boolean, from = 0) => {
    for (let i = 0; i < 400; i++) {
      const f = frames.slice(from).find(pred);
      if (f) return f;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no such frame; got ${JSON.stringify(frames)}`);
  };
  return {
    ws,
    frames,
    async send(frame) {
      const fid = ++id;
      ws.send(typeof frame === 'string' ? frame : JSON.stringify({ id: fid, ...(frame as object) }));
      if (typeof frame === 'string') return waitFor((f) => f.t === 'error' || f.t === 'result', frames.length);
      return (await waitFor((f) => f.t === 'result' && f.id === fid)).result;
    },
    next: (t, after = 0, where = () => true) => waitFor((f) => f.t === t && where(f), after),
  };
}

describe('who may connect', () => {
  it('serves only the console page and assets; refuses upgrades without the cookie or from another origin', async () => {
    expect((await fetch(new URL('/index.html', server.url))).status).toBe(200);
    expect(await (await fetch(new URL('/console/../index.html', server.url))).text()).toContain('console');
    expect((await fetch(new URL('/kiosk.html', server.url))).status).toBe(404);
    const u = new URL(server.url);
    const status = await new Promise<number>((res, rej) => request({ host: u.hostname, port: u.port, path: '/', headers: { host: 'evil.example' } }, (r) => res(r.statusCode!)).on('error', rej).end());
    expect(status).toBe(403);
    await expect(connect({ cookie: null })).rejects.toThrow('401');
    await expect(connect({ cookie: 'kassa_console=wrong' })).rejects.toThrow('401');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(connect({ origin: null })).rejects.toThrow('403');
  });

  it('says hello without lanes; unauthenticated and invalid frames are refused and change nothing', async () => {
    await h.engine.dispatch('basket/scan', { code: CODES.milk, source: 'panel' });
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    const c = await connect();
    expect(await c.next('hello')).toMatchObject({ storeId: 'S1', remoteAgeCheck: false, lang: 'en', checks: false });
    const fakeToken = 'A'.repeat(43);
    expect(await c.send({ t: 'act', token: fakeToken, laneId: 'K01', action: { kind: 'pass-check' } })).toMatchObject({ ok: false, code: 'signed-out' });
    expect(await c.send({ t: 'resume', token: fakeToken })).toMatchObject({ ok: false, code: 'signed-out' });
    expect((await c.send('not json')).error).toMatchObject({ code: 'not-json' });
    expect((await c.send('{"t":"act"}')).error).toMatchObject({ code: 'bad-frame' });
    expect(await c.send({ t: 'act', token: fakeToken, laneId: 'K01', action: { kind: 'void-line', lineId: 'L1', reason: 'x' } })).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('reason') });
    expect(await c.send({ t: 'login', badge: BADGE, pin: '12' })).toMatchObject({ ok: false, code: 'invalid' });
    expect((await c.send(JSON.stringify({ t: 'login', id: 99, badge: BADGE, pin: '1'.repeat(5000) }))).error).toMatchObject({ code: 'frame-too-large' });
    expect(c.frames.some((f) => f.t === 'lanes')).toBe(false);
    expect(h.engine.view().lock).not.toBeNull();
    expect(h.audit.list()).toHaveLength(0);
  });
});

describe('badge + PIN', () => {
  it('wrong PINs lock the badge as at the kiosk (fifth answers locked; the kiosk refuses the badge too)', async () => {
    const c = await connect();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await c.send({ t: 'login', badge: BADGE, pin: '9173' }));
    expect(answers.slice(0, 4).map((a) => a.attemptsLeft)).toEqual([4, 3, 2, 1]);
    expect(answers[4]).toMatchObject({ ok: false, code: 'locked', lockedUntil: h.clock.now() + 300_000 });
    expect(await c.send({ t: 'login', badge: BADGE, pin: PIN })).toMatchObject({ ok: false, code: 'locked' });
    expect(h.directory.isLocked(BADGE)).toBe(true);
    // The same badge at the kiosk is locked as well.
    await h.engine.dispatch('basket/scan', { code: BADGE, source: 'panel' });
    expect(await h.engine.dispatch('supervisor/pin', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(h.audit.list().filter((r) => r.action === 'console-login-failed')).toHaveLength(5);
    expect(JSON.stringify(c.frames)).not.toContain('9173');
  });

  it('round trip: sign in, see the locked lane, pass the check, the lane unlocks; audited with the console', async () => {
    await h.engine.dispatch('basket/scan', { code: CODES.milk, source: 'panel' });
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    const c = await connect();
    const login = await c.send({ t: 'login', badge: BADGE, pin: PIN });
    expect(login).toMatchObject({ ok: true, staff: { badge: BADGE, name: 'Mari Maasikas' } });
    const lanes = await c.next('lanes');
    expect(lanes.lanes).toHaveLength(1);
    expect(lanes.lanes[0]).toMatchObject({ laneId: 'K01', status: 'locked', lock: { reason: 'purchase-check' } });
    const mark = c.frames.length;
    expect(await c.send({ t: 'act', token: login.token, laneId: 'K01', action: { kind: 'pass-check' } })).toEqual({ ok: true });
    expect(h.engine.view().lock).toBeNull();
    // Lanes frames are coalesced (one per 50 ms): one sent as the action arrived may still show the lock.
    const after = await c.next('lanes', mark, (f) => f.lanes[0]?.status !== 'locked');
    expect(after.lanes[0].status).toBe('shopping');
    expect(h.audit.list().at(-1)).toMatchObject({ action: 'pass-check', supervisorBadge: BADGE, detail: { via: 'console:c1', lane: 'K01' } });
    // A wrong lane, a refused action, then sign out: the token no longer acts.
    expect(await c.send({ t: 'act', token: login.token, laneId: 'K02', action: { kind: 'pass-check' } })).toMatchObject({ ok: false, code: 'offline' });
    expect(await c.send({ t: 'act', token: login.token, laneId: 'K01', action: { kind: 'pass-check' } })).toMatchObject({ ok: false, code: 'refused' });
    expect(await c.send({ t: 'logout', token: login.token })).toEqual({ ok: true });
    expect(await c.send({ t: 'act', token: login.token, laneId: 'K01', action: { kind: 'cancel-session', reason: 'Customer left' } })).toMatchObject({ ok: false, code: 'signed-out' });
    expect(h.engine.sessionId).not.toBeNull();
    // A token acts only on a connection it is bound to (by sign-in, or by resume after a reload).
    const other = await connect();
    const again = await c.send({ t: 'login', badge: BADGE, pin: PIN });
    expect(await other.send({ t: 'act', token: again.token, laneId: 'K01', action: { kind: 'cancel-session', reason: 'Customer left' } })).toMatchObject({ ok: false, code: 'signed-out' });
    expect(h.engine.sessionId).not.toBeNull();
    const mark2 = other.frames.length;
    expect(await other.send({ t: 'resume', token: again.token })).toMatchObject({ ok: true, staff: { badge: BADGE } });
    expect((await other.next('lanes', mark2)).lanes[0].laneId).toBe('K01');
  });

  it('without a Smarts node: no checks frame; a verdict is answered offline and audited', async () => {
    const c = await connect();
    expect(await c.send({ t: 'resolve-check', token: 'A'.repeat(43), invoiceId: 'INV-1', verdict: 'PASSED' })).toMatchObject({ ok: false, code: 'signed-out' });
    const login = await c.send({ t: 'login', badge: BADGE, pin: PIN });
    await c.next('lanes');
    expect(await c.send({ t: 'resolve-check', token: login.token, invoiceId: 'INV-1', verdict: 'PASSED' })).toMatchObject({ ok: false, code: 'offline' });
    expect(c.frames.some((f) => f.t === 'checks')).toBe(false);
    expect(h.audit.list().at(-1)).toMatchObject({ action: 'smarts-result', supervisorBadge: BADGE, detail: { via: 'console:c1', request: { invoiceId: 'INV-1', status: 'PASSED' }, outcome: 'refused', code: 'offline' } });
  });

  it('idle: the session ends after idleMs without an action', async () => {
    const c = await connect();
    const login = await c.send({ t: 'login', badge: BADGE, pin: PIN });
    h.clock.advance(300_000);
    expect(await c.send({ t: 'act', token: login.token, laneId: 'K01', action: { kind: 'ack-help' } })).toMatchObject({ ok: false, code: 'signed-out' });
    expect(h.audit.list().map((r) => r.action)).toEqual(['console-login', 'console-logout-idle']);
  });
});

describe('a store port that does not answer, and a flood', () => {
  it('an action past the timeout is answered `timeout`; frames over the budget are answered `rate-limited`', async () => {
    const silent = { storeId: 'S9', lanes: () => [], subscribe: () => () => undefined, act: () => new Promise<never>(() => undefined) };
    const slow = await startConsoleServer({ store: silent, directory: h.directory, clock: h.clock, rendererDir: dir, host: '127.0.0.1', port: 0, log: memoryLog('console'), remoteAgeCheck: false, idleMs: 300_000, lang: 'et', actionTimeoutMs: 200, budget: { capacity: 3, perSecond: 0.001 } });
    try {
      const r = await fetch(slow.url);
      const c = await connectTo(slow, r.headers.getSetCookie()[0]!.split(';')[0]!);
      expect(await c.next('hello')).toMatchObject({ storeId: 'S9', lang: 'et' });
      const login = await c.send({ t: 'login', badge: BADGE, pin: PIN });
      expect(await c.send({ t: 'act', token: login.token, laneId: 'K01', action: { kind: 'ack-help' } })).toMatchObject({ ok: false, code: 'timeout' });
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await c.send({ t: 'resume', token: login.token }));
      expect(answers.some((a) => a.code === 'rate-limited')).toBe(true);
    } finally {
      await slow.close();
    }
  });
});

describe('a busy store', () => {
  it('lane changes in a burst reach a console as one frame now and one with the newest lanes after the gap', async () => {
    let lanes = [{ laneId: 'K01', n: 0 }];
    const listeners = new Set<(l: never) => void>();
    const busy = { storeId: 'S2', lanes: () => lanes as never, subscribe: (l: (x: never) => void) => (listeners.add(l), () => void listeners.delete(l)), act: async () => ({ ok: true as const }) };
    const srv = await startConsoleServer({ store: busy, directory: h.directory, clock: h.clock, rendererDir: dir, host: '127.0.0.1', port: 0, log: memoryLog('console'), remoteAgeCheck: false, idleMs: 300_000, lang: 'en' });
    try {
      const r = await fetch(srv.url);
      const c = await connectTo(srv, r.headers.getSetCookie()[0]!.split(';')[0]!);
      await c.send({ t: 'login', badge: BADGE, pin: PIN });
      await c.next('lanes');
      // Past the gap since the sign-in's frame: the first change goes out at once, the rest wait.
      await new Promise((res) => setTimeout(res, LANES_FRAME_GAP_MS + 20));
      const mark = c.frames.length;
      for (let n = 1; n <= 20; n++) {
        lanes = [{ laneId: 'K01', n }];
        for (const l of listeners) l(lanes as never);
      }
      const first = await c.next('lanes', mark);
      expect(first.lanes[0].n).toBe(1);
      const last = await c.next('lanes', c.frames.indexOf(first) + 1);
      expect(last.lanes[0].n).toBe(20);
      await new Promise((res) => setTimeout(res, LANES_FRAME_GAP_MS * 3));
      expect(c.frames.slice(mark).filter((f) => f.t === 'lanes')).toHaveLength(2);
    } finally {
      await srv.close();
    }
  });
});
