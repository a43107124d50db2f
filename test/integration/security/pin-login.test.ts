/**
 * Supervisor login hardening (issue 9): PIN checks off the engine's thread (a PIN flood does
 * not freeze other clients), unknown badges indistinguishable until the PIN is checked, a
 * kiosk-wide back-off with an assistance alert, 6-digit PINs in store mode, bounded hash
 * parameters refused at configuration load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startKiosk } from '../../../electron/app/kiosk';
import { ConfigError } from '../../../electron/config/load';
import { DEFAULT_REPEAT, memoryLog } from '../../../electron/log';
import { hashPin, isPinHash, LoginThrottle, pinHashProblem, verifyPin } from '../../../electron/supervisor';
import { kioskSocket } from '../../support/kiosk-ws';
import { BADGE, collector, PIN, startSecureHost, type SecureHost } from './harness';

const REPO = resolve(import.meta.dirname, '..', '..', '..');

const isFlood = (id: number | null | undefined) => typeof id === 'number' && id >= 50_000 && id < 50_200;

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]!;
}

describe('a PIN flood', () => {
  let h: SecureHost;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    h = await startSecureHost({ logRepeat: DEFAULT_REPEAT });
  }, 30_000);
  afterAll(async () => {
    for (const s of sockets) s.terminate();
    await h?.close();
  });

  const connect = async () => {
    const ws = await kioskSocket(h.url);
    const c = collector(ws);
    await new Promise<void>((res, rej) => (ws.once('open', () => res()), ws.once('error', rej)));
    await c.until(() => c.pushes.length > 0);
    sockets.push(ws);
    return { ws, c };
  };

  // Wall-clock latency on a shared 2-core machine: a retry absorbs a burst of load from other
  // processes (the figure printed says what each attempt measured, baseline included).
  it('while one PIN is being checked, another client is answered first (the check never runs on the engine\'s thread)', async () => {
    // Deterministic, not timed: a synchronous check would answer the PIN before it even read
    // the other client's view/get; an off-thread check (~50 ms of scrypt on the pool) answers
    // the view/get first, however loaded the machine is.
    for (const s of sockets.splice(0)) s.terminate();
    const attacker = await connect();
    const victim = await connect();
    h.kiosk.supervision.directory.setPin(BADGE, PIN);
    h.kiosk.supervision.supervision.throttle.succeeded();
    const order: string[] = [];
    attacker.ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { t: string; id?: number };
      if (f.t !== 'push' && typeof f.id === 'number' && f.id >= 70_000 && f.id < 70_010) order.push(`pin${f.id - 70_000}`);
    });
    victim.ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { t: string; id?: number };
      if (f.t !== 'push' && typeof f.id === 'number' && f.id >= 80_000 && f.id < 80_010) order.push(`view${f.id - 80_000}`);
    });
    for (let i = 0; i < 3; i++) {
      expect((await attacker.c.invoke('basket/scan', { code: BADGE, source: 'panel' })).ok).toBe(true);
      attacker.ws.send(JSON.stringify({ t: 'invoke', id: 70_000 + i, channel: 'supervisor/pin', payload: { pin: '999999' } }));
      victim.ws.send(JSON.stringify({ t: 'invoke', id: 80_000 + i, channel: 'view/get', payload: {} }));
      await attacker.c.until(() => order.includes(`pin${i}`) && order.includes(`view${i}`), 30_000);
      await attacker.c.invoke('supervisor/logout');
    }
    expect(order).toEqual(['view0', 'pin0', 'view1', 'pin1', 'view2', 'pin2']);
    h.kiosk.supervision.directory.setPin(BADGE, PIN);
    h.kiosk.supervision.supervision.throttle.succeeded();
  });

  // Wall-clock latency on a shared 2-core machine: the bound is loose (a frozen engine takes
  // seconds); the figure printed is what was measured. The ordering test above is the guard.
  it("200 PIN messages: another client keeps being answered, every PIN is answered, nobody logs in", { retry: 2, timeout: 60_000 }, async () => {
    for (const s of sockets.splice(0)) s.terminate(); // a retry starts with fresh connections
    const attackers = await Promise.all([connect(), connect(), connect(), connect()]);
    const victim = await connect();
    expect((await attackers[0]!.c.invoke('basket/scan', { code: BADGE, source: 'panel' })).ok).toBe(true);
    expect(h.kiosk.engine.view().supervisor?.phase).toBe('pin');
    // A retry starts from a fresh PIN pad and an unlocked badge.
    h.kiosk.supervision.directory.setPin(BADGE, PIN);
    h.kiosk.supervision.supervision.throttle.succeeded();
    const auditBefore = h.kiosk.supervision.audit.list().filter((e) => e.action === 'login-failed').length;
    const logBefore = h.log.lines.length;

    // The victim asks for the view every 20 ms (within its budget) from before the flood until
    // well after it; the flood: 4 connections × 50 PIN messages (each within its budget), at once.
    const rtts: number[] = [];
    const during: number[] = [];
    const refused: string[] = [];
    let flooding = true;
    let inFlood = false;
    const measure = (async () => {
      while (flooding) {
        const t = performance.now();
        const r = await victim.c.invoke('view/get');
        const ms = performance.now() - t;
        rtts.push(ms);
        if (inFlood) during.push(ms);
        if (!r.ok) refused.push(r.error!.code);
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 600));
    const baseline = [...rtts];
    inFlood = true;
    const t0 = performance.now();
    // Each attacker sends its 50 PINs one after another, as fast as the answers come (the
    // original finding: every one ran a synchronous scrypt on the engine's thread).
    let id = 50_000;
    await Promise.all(
      attackers.map(async (a) => {
        for (let i = 0; i < 50; i++) {
          const myId = id++;
          const from = a.c.replies.length;
          a.ws.send(JSON.stringify({ t: 'invoke', id: myId, channel: 'supervisor/pin', payload: { pin: String(100000 + i) } }));
          await a.c.until(() => a.c.replies.slice(from).some((r) => r.id === myId), 30_000);
        }
      }),
    );
    const floodMs = performance.now() - t0;
    inFlood = false;
    // Keep measuring after the last answer (scrypt work still on the pool).
    await new Promise((r) => setTimeout(r, 1500));
    flooding = false;
    await measure;
    expect(refused).toEqual([]);

    const answers = attackers.flatMap((a) => a.c.replies.filter((r) => isFlood(r.id)));
    expect(answers).toHaveLength(200);
    expect(answers.filter((r) => r.result?.ok !== false)).toEqual([]);
    const codes = answers.map((r) => r.result!.error!.code);
    const count = (c: string) => codes.filter((x) => x === c).length;
    const figure = `PIN flood: 200 PIN messages (4 connections × 50, each sent as soon as the previous was answered) answered in ${floodMs.toFixed(0)} ms (wrong-pin ${count('wrong-pin')}, locked ${count('locked')}, busy ${count('busy')}, login-backoff ${count('login-backoff')}); victim view/get baseline max ${Math.max(0, ...baseline).toFixed(2)} ms; overall n=${rtts.length} p99 ${p99(rtts).toFixed(2)} ms, max ${Math.max(...rtts).toFixed(2)} ms; during the flood n=${during.length} max ${Math.max(0, ...during).toFixed(2)} ms`;
    console.log(figure);
    expect(rtts.length).toBeGreaterThanOrEqual(60);
    expect(p99(rtts)).toBeLessThan(500);
    // The per-badge lock holds: 5 wrong PINs were checked, the rest refused as locked or busy.
    // (How many were checked depends on timing: PINs arriving during a check are answered busy.)
    expect(count('wrong-pin')).toBeGreaterThanOrEqual(1);
    expect(count('wrong-pin')).toBeLessThanOrEqual(4);
    expect(count('wrong-pin') + count('locked') + count('busy')).toBe(200);
    expect(h.kiosk.engine.view().supervisor?.phase).toBe('pin');
    // The repeated refusals were logged a few times and then counted, not 200 times.
    const refusedLines = h.log.lines.slice(logBefore).filter((l) => l.msg === 'supervisor login refused').length;
    expect(refusedLines).toBeLessThanOrEqual(DEFAULT_REPEAT.burst);
    // Only the checked PINs reached the audit log (the wrong ones and the one that locked), not the flood.
    expect(h.kiosk.supervision.audit.list().filter((e) => e.action === 'login-failed').length - auditBefore).toBe(count('wrong-pin') + Math.min(1, count('locked')));
  });
});

describe('unknown badges', () => {
  let h: SecureHost;
  beforeAll(async () => {
    h = await startSecureHost();
  }, 30_000);
  afterAll(async () => h?.close());

  it('open the same PIN pad as a known badge; only the PIN check tells, after the same scrypt work', async () => {
    const k = h.kiosk;
    const client = { client: 'ws-test' };
    await k.handle('basket/scan', { code: BADGE, source: 'panel' }, client);
    const known = k.engine.view().supervisor;
    await k.handle('supervisor/logout', {}, client);
    await k.handle('basket/scan', { code: 'SUP-9999', source: 'panel' }, client);
    const unknown = k.engine.view().supervisor;
    expect(unknown).toEqual({ ...known, badge: 'SUP-9999' });
    expect(k.engine.view().notice).toBeNull();

    const once = async (badge: string) => {
      await k.handle('basket/scan', { code: badge, source: 'panel' }, client);
      const t = performance.now();
      const r = await k.handle('supervisor/pin', { pin: '999999' }, client);
      expect(r.ok).toBe(false);
      return performance.now() - t;
    };
    // Interleaved, medians of 4 (the known badge stays below its lock of 5). Without scrypt an
    // unknown badge would answer ~100 times faster; the bounds leave room for a loaded machine.
    const unknownRuns: number[] = [];
    const knownRuns: number[] = [];
    for (let i = 0; i < 4; i++) {
      unknownRuns.push(await once('SUP-9999'));
      knownRuns.push(await once(BADGE));
    }
    k.supervision.supervision.throttle.succeeded();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    const tUnknown = median(unknownRuns);
    const tKnown = median(knownRuns);
    expect(tUnknown / tKnown).toBeGreaterThan(0.2);
    expect(tUnknown / tKnown).toBeLessThan(5);
    // A product code stays a product code.
    await k.handle('supervisor/logout', {}, client);
    await k.handle('basket/scan', { code: '4740001999991', source: 'panel' }, client);
    expect(k.engine.view().notice?.code).toBe('product-not-found');
  });
});

describe('the kiosk-wide login limit', () => {
  it('backs off with growing waits across all badges and calls for assistance; a right PIN clears it', () => {
    let now = 0;
    const t = new LoginThrottle({ now: () => now });
    for (let i = 1; i <= 5; i++) expect(t.failed().blockedUntil).toBeNull();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const until = t.failed().blockedUntil!;
      waits.push(until - now);
      expect(t.blockedUntil()).toBe(until);
      now = until;
      expect(t.blockedUntil()).toBeNull();
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000]);
    expect(t.failed().alert).toBe(true);
    t.succeeded();
    expect(t.blockedUntil()).toBeNull();
    expect(t.failed().alert).toBe(false);
  });

  it('in the engine: PINs for different badges meet the back-off, refused without hashing; the staff light comes on', async () => {
    const h = await startSecureHost();
    try {
      const k = h.kiosk;
      const c = { client: 'ws-1' };
      const results: string[] = [];
      for (let i = 0; i < 9; i++) {
        await k.handle('basket/scan', { code: `SUP-X${i}0`, source: 'panel' }, c);
        const r = await k.handle('supervisor/pin', { pin: '111111' }, c);
        results.push(r.ok ? 'ok' : r.error.code);
        // Wait out any back-off so the next badge is really checked.
        const until = k.supervision.supervision.throttle.blockedUntil();
        if (until && i < 8) {
          // Refused without a scrypt check: far faster than one (fastest of 3 against a real check,
          // so a burst of load on a shared machine does not decide the outcome).
          const tc = performance.now();
          await verifyPin('111111', hashPin('222222'));
          const checkMs = performance.now() - tc;
          let fastest = Infinity;
          for (let j = 0; j < 3; j++) {
            const t = performance.now();
            const refused = await k.handle('supervisor/pin', { pin: '111111' }, c);
            fastest = Math.min(fastest, performance.now() - t);
            expect(refused).toMatchObject({ ok: false, error: { code: 'login-backoff' } });
          }
          expect(fastest).toBeLessThan(checkMs / 3);
          expect(k.engine.view().supervisor?.pinError).toMatchObject({ reason: 'locked', lockedUntil: until });
          break;
        }
      }
      expect(results.slice(0, 5)).toEqual(['unknown-badge', 'unknown-badge', 'unknown-badge', 'unknown-badge', 'unknown-badge']);
      expect(results).toHaveLength(6);
    } finally {
      await h.close();
    }
  });

  it('after repeated failures the kiosk asks for assistance', async () => {
    const h = await startSecureHost();
    try {
      const k = h.kiosk;
      const sup = k.supervision.supervision;
      for (let i = 0; i < 7; i++) sup.throttle.failed();
      expect(k.engine.view().assistance.requested).toBe(false);
      // The 8th failure, through the engine.
      await k.handle('basket/scan', { code: 'SUP-ALERT1', source: 'panel' }, { client: 'c' });
      const blocked = sup.throttle.blockedUntil();
      expect(blocked).not.toBeNull();
      (sup.throttle as unknown as { until: number }).until = 0;
      const r = await k.handle('supervisor/pin', { pin: '111111' }, { client: 'c' });
      expect(r.ok).toBe(false);
      expect(k.engine.view().assistance.requested).toBe(true);
      expect(h.log.lines.some((l) => l.msg === 'repeated failed supervisor logins: assistance requested')).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('PINs and hashes', () => {
  it('store mode: a PIN of fewer than 6 digits cannot be set, and never logs in even if it matches the hash', async () => {
    const h = await startSecureHost();
    try {
      const d = h.kiosk.supervision.directory;
      expect(() => d.upsert('SUP-0002', 'Jaan', '2468')).toThrow(/6–8 digits/);
      expect((await d.verify(BADGE, PIN)).ok).toBe(true);
      // A 4-digit PIN stored by hash (as from an old configuration) is refused as a wrong PIN.
      d.loadSupervisorsFromConfig([{ badge: 'SUP-0003', name: 'Old', pinHash: hashPin('1357') }]);
      expect(await d.verify('SUP-0003', '1357')).toMatchObject({ ok: false, reason: 'wrong-pin' });
    } finally {
      await h.close();
    }
  });

  it('a wrong PIN gets a clear error and changes nothing but the error', async () => {
    const h = await startSecureHost();
    try {
      const k = h.kiosk;
      await k.handle('basket/scan', { code: BADGE, source: 'panel' }, { client: 'c' });
      const r = await k.handle('supervisor/pin', { pin: '000000' }, { client: 'c' });
      expect(r).toMatchObject({ ok: false, error: { code: 'wrong-pin', message: 'the PIN was not accepted' } });
      expect(JSON.stringify(r)).not.toContain('000000');
      expect(k.engine.view().supervisor).toMatchObject({ phase: 'pin', pinError: { reason: 'wrong-pin', attemptsLeft: 4 } });
      expect(k.engine.basket.lines).toEqual([]);
    } finally {
      await h.close();
    }
  });

  const salt = 'AAAAAAAAAAAAAAAAAAAAAA==';
  const key = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  it.each([
    [`scrypt$1048576$8$1$${salt}$${key}`, /1024 MiB per check; at most 64 MiB/],
    [`scrypt$131072$8$1$${salt}$${key}`, /128 MiB/],
    [`scrypt$65536$16$1$${salt}$${key}`, /128 MiB/],
    [`scrypt$16384$8$16$${salt}$${key}`, /p must be from 1 to 4/],
    [`scrypt$16384$64$1$${salt}$${key}`, /r must be from 1 to 32/],
    [`scrypt$512$8$1$${salt}$${key}`, /power of two of at least 1024/],
    [`scrypt$16385$8$1$${salt}$${key}`, /power of two/],
  ])('a hash demanding too much (%s) is refused with a clear reason and never verified', async (hash, why) => {
    expect(pinHashProblem(hash)).toMatch(why);
    expect(isPinHash(hash)).toBe(false);
    expect(await verifyPin('246813', hash)).toBe(false);
  });

  it('at configuration load: start-up stops naming the field and the limit, without echoing the hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-sec-cfg-'));
    const big = `scrypt$1048576$8$1$${salt}$${key}`;
    writeFileSync(join(dir, 'kassa.config.json'), JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, smarts: { enabled: false }, supervisors: [{ badge: 'SUP-0001', name: 'Mari', pinHash: big }] }));
    try {
      const err = await startKiosk({ env: { KASSA_DATA_DIR: dir }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => dir, log: memoryLog() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/supervisors\.0\.pinHash.*at most 64 MiB/);
      expect((err as Error).message).not.toContain(key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verification runs off the thread: the event loop keeps turning during a check', async () => {
    const h = hashPin('246813');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const t = performance.now();
    await Promise.all([verifyPin('246813', h), verifyPin('000000', h), verifyPin('111111', h)]);
    const ms = performance.now() - t;
    clearInterval(timer);
    expect(ms).toBeGreaterThan(10);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(ms / 10));
  });
});
