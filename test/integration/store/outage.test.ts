import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../../electron/app/kiosk';
import { NODE_PASSWORD, startTestStore, STORE, until, type TestStore } from './harness';
import { streamIds } from './stream';

let store: TestStore;
let k: Kiosk;
beforeAll(async () => {
  store = await startTestStore(['K01', 'K02']);
  await store.startNode();
  k = await store.startKiosk('K01');
}, 60_000);
afterAll(async () => {
  await store?.close();
});

const ITEM = '4740001000178';
/** One short shopping trip: a session with a scanned item, then "start over". */
async function shop(client: string, kiosk: Kiosk = k): Promise<void> {
  for (const [ch, p] of [
    ['session/start', {}],
    ['basket/scan', { code: ITEM, source: 'wedge' }],
    ['session/cancel', {}],
  ] as const) {
    const r = await kiosk.handle(ch, p, { client });
    expect(r.ok, `${ch}`).toBe(true);
  }
}
const stored = () => streamIds(store.nats.url, 'store-node', NODE_PASSWORD, `KASSA-${STORE}`);
const drained = () => until(() => k.store.outbox.backlog() === 0, 'outbox drained', 20_000);

describe('a kiosk cut from NATS', () => {
  it('keeps selling; on reconnect every event reaches the store stream exactly once', async () => {
    await shop('c1');
    await drained();
    await store.nats.stop();
    try {
      await shop('c2');
      await shop('c3');
      expect(k.store.outbox.backlog()).toBeGreaterThanOrEqual(4); // sessions started and ended, at least
      await until(() => k.deviceStatus().storeBus === 'disconnected', 'the staff console shows the bus down');
    } finally {
      await store.nats.start();
    }
    await drained();
    const { ids } = await stored();
    const mine = k.store.outbox.ids();
    expect(ids.filter((id) => id.startsWith('K01-'))).toEqual(mine);
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);

  it('an event published again after a lost acknowledgement is stored once (message ids)', async () => {
    await drained();
    const before = (await stored()).ids.length;
    // As if the kiosk crashed between the stream's ack and marking the rows sent.
    k.db.prepare(`UPDATE store_outbox SET sent_at = NULL WHERE id IN (SELECT id FROM store_outbox ORDER BY id DESC LIMIT 3)`).run();
    expect(k.store.outbox.backlog()).toBe(3);
    k.store.outbox.wake();
    await drained();
    expect((await stored()).ids.length).toBe(before);
  }, 30_000);

  it('the store node restarted mid-flow: nothing lost, nothing duplicated', async () => {
    const shopping = (async () => {
      for (let i = 0; i < 5; i++) await shop(`r${i}`);
    })();
    await store.node!.close();
    await store.startNode();
    await shopping;
    await drained();
    const { ids } = await stored();
    expect(ids.filter((id) => id.startsWith('K01-'))).toEqual(k.store.outbox.ids());
    expect(new Set(ids).size).toBe(ids.length);
    await until(() => store.node!.port.lanes().some((l) => l.laneId === 'K01' && l.status !== 'offline'), 'lane back in the registry');
  }, 60_000);

  it('a kiosk started while NATS is down starts, sells, and publishes once the server is up', async () => {
    await store.nats.stop();
    let k2: Kiosk;
    try {
      k2 = await store.startKiosk('K02');
      await shop('k2', k2);
      expect(k2.store.outbox.backlog()).toBeGreaterThanOrEqual(2);
    } finally {
      await store.nats.start();
    }
    await until(() => k2.store.outbox.backlog() === 0, 'K02 drained', 30_000);
    const { ids } = await stored();
    expect(ids.filter((id) => id.startsWith('K02-'))).toEqual(k2.store.outbox.ids());
  }, 60_000);
});
