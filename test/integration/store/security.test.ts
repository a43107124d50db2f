import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { toBytes } from '../../../electron/store/bus';
import { BusStorePort } from '../../../electron/store/bus-port';
import { NatsBus } from '../../../electron/store/nats-bus';
import { LaneRegistry } from '../../../electron/store/registry';
import { inboxPrefix, subjects } from '../../../electron/store/subjects';
import { kioskPassword, NODE_PASSWORD, startTestStore, STORE, until, type TestStore } from './harness';

let store: TestStore;
let node: NatsBus;
let registry: LaneRegistry;
const log = memoryLog('sec');
const s = subjects(STORE);
beforeAll(async () => {
  store = await startTestStore(['K01', 'K02']);
  node = await NatsBus.connect({ storeId: STORE, servers: [store.nats.url], user: 'store-node', password: NODE_PASSWORD, name: 'test-node', log, background: false });
  await node.ensureStore();
  registry = new LaneRegistry(node, log, { offlineAfterMs: 60_000 });
  await registry.start();
}, 30_000);
afterAll(async () => {
  registry?.stop();
  await node?.close();
  await store?.close();
});

const snapshot = (laneId: string, extra: Record<string, unknown> = {}) => ({
  laneId,
  storeId: STORE,
  status: 'idle',
  since: 1,
  publishedAt: 2,
  seq: 3,
  sessionId: null,
  currency: 'EUR',
  basket: { totalCents: 0, articleCount: 0, lines: [] },
  lock: null,
  assistance: false,
  devices: {},
  outboxBacklog: 0,
  ...extra,
});

describe('NATS authentication and permissions', () => {
  it('refuses connections without or with wrong credentials, and never logs the password', async () => {
    await expect(connect({ servers: store.nats.url, reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(connect({ servers: store.nats.url, user: 'kiosk-K01', pass: 'wrong-password', reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(NatsBus.connect({ storeId: STORE, servers: [store.nats.url], user: 'store-node', password: 'wrong-password-9', name: 'x', log, background: false })).rejects.toThrow(/cannot connect to NATS/);
    expect(JSON.stringify(log.lines)).not.toContain(NODE_PASSWORD);
  });

  it('a kiosk may publish only its own lane: another lane snapshot is refused by the server', async () => {
    const k1 = await NatsBus.connect({ storeId: STORE, servers: [store.nats.url], user: 'kiosk-K01', password: kioskPassword('K01'), name: 'k1', log, background: false });
    try {
      await k1.putLane('K01', toBytes(snapshot('K01')));
      await until(() => registry.list().some((l) => l.laneId === 'K01'), 'own lane registered');
      await expect(k1.putLane('K02', toBytes(snapshot('K02')))).rejects.toThrow();
      await expect(k1.append(s.event('K02', 'audit'), toBytes({}), 'forged-1')).rejects.toThrow();
      expect(registry.list().map((l) => l.laneId)).toEqual(['K01']);
    } finally {
      await k1.close();
    }
  });
});

describe('reply subjects are private', () => {
  it("a kiosk cannot subscribe to other clients' replies (the shared _INBOX or another user's inbox); its own requests still work", async () => {
    const nc = await connect({ servers: store.nats.url, user: 'kiosk-K01', pass: kioskPassword('K01'), inboxPrefix: inboxPrefix('kiosk-K01'), reconnect: false });
    const refused = new Map<string, string>();
    try {
      const subjectsTried = ['_INBOX.>', `${inboxPrefix('store-node')}.>`, `${inboxPrefix('kiosk-K02')}.>`];
      for (const subject of subjectsTried) {
        const sub = nc.subscribe(subject, { callback: (err) => void (err && refused.set(subject, err.message)) });
        const closed = await sub.closed;
        if (closed instanceof Error) refused.set(subject, closed.message);
      }
      expect([...refused.keys()].sort()).toEqual([...subjectsTried].sort());
      for (const e of refused.values()) expect(e).toMatch(/permissions violation/i);
    } finally {
      await nc.close().catch(() => undefined);
    }
    // The kiosk's own bus (its own inbox prefix) still gets replies: a JetStream-acknowledged put.
    const k1 = await NatsBus.connect({ storeId: STORE, servers: [store.nats.url], user: 'kiosk-K01', password: kioskPassword('K01'), name: 'k1', log, background: false });
    try {
      await k1.putLane('K01', toBytes(snapshot('K01')));
    } finally {
      await k1.close();
    }
  });
});

describe('invalid bus messages are refused', () => {
  it('a snapshot out of range, under the wrong key or not JSON never reaches the registry', async () => {
    const k2 = await NatsBus.connect({ storeId: STORE, servers: [store.nats.url], user: 'kiosk-K02', password: kioskPassword('K02'), name: 'k2', log, background: false });
    try {
      const before = log.lines.filter((l) => String(l.msg).startsWith('bus message refused')).length;
      await k2.putLane('K02', new TextEncoder().encode('{not json'));
      await k2.putLane('K02', toBytes(snapshot('K02', { basket: { totalCents: 1e12, articleCount: 0, lines: [] } })));
      await k2.putLane('K02', toBytes(snapshot('K02', { status: 'offline' })));
      await k2.putLane('K02', toBytes(snapshot('K01')));
      await until(() => log.lines.filter((l) => String(l.msg).startsWith('bus message refused')).length >= before + 4, 'four refusals logged');
      expect(registry.list().map((l) => l.laneId)).toEqual(['K01']);
      await k2.putLane('K02', toBytes(snapshot('K02')));
      await until(() => registry.list().some((l) => l.laneId === 'K02'), 'a valid snapshot is taken');
    } finally {
      await k2.close();
    }
  });

  it('an invalid action is refused before it is sent; a silent lane times out; a gone lane is offline', async () => {
    const port = new BusStorePort(node, registry, log, { actTimeoutMs: 300 });
    expect(await port.act('K01', { kind: 'void-line', lineId: '', reason: 'x' }, { badge: 'B', name: 'N' }, 'console')).toMatchObject({ ok: false, code: 'invalid' });
    // K01 is registered but nobody answers its subject now.
    expect(await port.act('K01', { kind: 'ack-help' }, { badge: 'B', name: 'N' }, 'console')).toMatchObject({ ok: false, code: 'offline' });
    const quiet = node.serve(s.act('K01'), () => new Promise<Uint8Array>(() => undefined));
    try {
      expect(await port.act('K01', { kind: 'ack-help' }, { badge: 'B', name: 'N' }, 'console')).toMatchObject({ ok: false, code: 'timeout' });
    } finally {
      quiet();
    }
    const bad = node.serve(s.act('K01'), async () => toBytes({ ok: 'yes' }));
    try {
      expect(await port.act('K01', { kind: 'ack-help' }, { badge: 'B', name: 'N' }, 'console')).toMatchObject({ ok: false, code: 'invalid' });
    } finally {
      bad();
    }
  });
});

describe('shutdown', () => {
  it('closing the bus while its server is gone does not hang', async () => {
    const k1 = await NatsBus.connect({ storeId: STORE, servers: [store.nats.url], user: 'kiosk-K01', password: kioskPassword('K01'), name: 'k1', log, background: false });
    await store.nats.stop();
    const t0 = Date.now();
    await k1.close();
    expect(Date.now() - t0).toBeLessThan(10_000);
    await store.nats.start();
  }, 30_000);
});
