import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../../electron/app/kiosk';
import { ensureHeadOffice, followEvents } from '../../../electron/store/hq';
import { hubServerConfig } from '../../../electron/store/nats-config';
import type { BusEvent } from '../../../electron/store/wire';
import { freePort, startNats, type NatsProcess } from '../../support/nats';
import { startTestStore, STORE, until, type TestStore } from './harness';

const LEAF = { user: 'leaf-s1', password: 'leaf-secret-123' };
const HQ = { user: 'hq', password: 'hq-secret-1234' };
let hub: NatsProcess;
let store: TestStore;
let k: Kiosk;
let hq: NatsConnection;
const seen: BusEvent[] = [];
let stop: () => void = () => undefined;

beforeAll(async () => {
  const leafPort = await freePort();
  hub = await startNats((js, port) => hubServerConfig({ port, leafPort, storeDir: js, leaf: LEAF, clients: [HQ] }));
  store = await startTestStore(['K01'], { domain: 'kassa-S1', leaf: { url: `127.0.0.1:${leafPort}`, ...LEAF } });
  await store.startNode();
  k = await store.startKiosk('K01');
  hq = await connect({ servers: hub.url, user: HQ.user, pass: HQ.password });
  // The leaf link comes up asynchronously: the sourcing stream is created once head office sees the store's domain.
  await until(() => ensureHeadOffice(hq, [{ storeId: STORE, domain: 'kassa-S1' }]).then(() => true, () => false), 'head-office stream', 20_000);
  stop = await followEvents(hq, [STORE], (e) => seen.push(e));
}, 60_000);
afterAll(async () => {
  stop();
  await hq?.close();
  await store?.close();
  await hub?.kill();
});

async function shop(client: string): Promise<void> {
  for (const [ch, p] of [
    ['session/start', {}],
    ['session/cancel', {}],
  ] as const)
    expect((await k.handle(ch, p, { client })).ok).toBe(true);
}

describe('head office over a leaf node', () => {
  it('every store event reaches head office (sourced by JetStream)', async () => {
    await shop('a');
    await until(() => k.store.outbox.backlog() === 0, 'kiosk drained');
    const ids = k.store.outbox.ids();
    await until(() => ids.every((id) => seen.some((e) => e.id === id)), 'events at head office', 20_000);
    expect(seen.filter((e) => e.laneId === 'K01').map((e) => e.id)).toEqual(ids);
  }, 40_000);

  it('head office down does not stop the store; its events arrive once it is back', async () => {
    await hub.stop();
    await shop('b');
    await until(() => k.store.outbox.backlog() === 0, 'kiosk drained into the store stream with head office down');
    await hub.start();
    const ids = k.store.outbox.ids();
    await until(() => ids.every((id) => seen.some((e) => e.id === id)), 'events after the outage', 40_000);
    expect(seen.map((e) => e.id).filter((id) => id.startsWith('K01-'))).toEqual(ids);
  }, 60_000);
});
