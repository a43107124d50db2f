/**
 * InPost Pay on the store node, over a real nats-server: the InPost simulator (started by the
 * store node, which holds the merchant credential) calls the store node's merchant URL; each
 * call is relayed to the kiosk owning the basket (of two), whose screen follows; unknown basket
 * 404, owning kiosk offline 503 with nothing changed, unsigned or forged calls 401 at the store
 * node; a kiosk can neither answer nor send another lane's InPost subjects.
 */
import { connect } from '@nats-io/transport-node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../../electron/app/kiosk';
import { toBytes } from '../../../electron/store/bus';
import { inboxPrefix, subjects } from '../../../electron/store/subjects';
import { hashPin } from '../../../electron/supervisor/pin-hash';
import { consoleClient } from './console-client';
import { BADGE, kioskPassword, PIN, startTestStore, STORE, until, type TestStore } from './harness';

const PLN = (lane: string) => ({
  store: { name: 'Sklep', currency: 'PLN', timeZone: 'Europe/Warsaw', kioskId: lane },
  languages: { default: 'pl', available: ['pl', 'en', 'et', 'ru'] },
  inpost: { enabled: true },
  purchaseControl: { timeZone: 'Europe/Warsaw', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null },
});

let store: TestStore;
beforeAll(async () => {
  store = await startTestStore(['K01', 'K02']);
  const { store: s, languages, inpost } = PLN('S');
  // The store node with its attendant console (a stand-in page) and the store's supervisor.
  const renderer = join(store.dir, 'renderer');
  mkdirSync(join(renderer, 'console'), { recursive: true });
  writeFileSync(join(renderer, 'console', 'index.html'), '<!doctype html><title>console</title>');
  await store.startNode({ store: { ...s, kioskId: 'NODE' }, languages, inpost, supervisors: [{ badge: BADGE, name: 'Mari', pinHash: hashPin(PIN) }] }, { rendererDir: renderer });
  await store.startKiosk('K01', { config: PLN('K01') });
  await store.startKiosk('K02', { config: PLN('K02') });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

const sim = () => store.node!.inpost!.sandbox!;

/** A customer at `k` pays with InPost: the QR's key in the simulator. */
async function toInpost(k: Kiosk, client: string): Promise<string> {
  const h = (c: string, p: unknown) => k.handle(c, p, { client });
  await until(() => k.store.bus.connected(), 'the kiosk on the store bus');
  expect((await h('session/start', {})).ok).toBe(true);
  expect((await h('basket/scan', { code: '4740001000178', source: 'panel' })).ok).toBe(true);
  expect((await h('basket/scan', { code: '4740001000055', source: 'panel' })).ok).toBe(true);
  expect(k.engine.view().store).toMatchObject({ currency: 'PLN', inpostPay: true });
  expect((await h('checkout/pay', { method: 'inpost' })).ok).toBe(true);
  const qr = await until(() => k.engine.view().payment?.qrText, 'the QR code');
  return qr.slice(qr.lastIndexOf('/') + 1);
}

describe('InPost Pay through the store node', () => {
  it('the basket is routed to its kiosk of two; paid only after InPost confirmed; listed for the store', async () => {
    const node = store.node!;
    const [k1, k2] = [store.kiosks.get('K01')!, store.kiosks.get('K02')!];
    expect(k2.smarts).toBeNull();
    expect(k2.inpost.sandbox).toBeNull(); // the store node holds the merchant credential and plays InPost here
    const key = await toInpost(k2, 'c2');
    const basketId = k2.inpost.book.rows()[0]!.basketId;
    expect(node.inpost!.orders()).toEqual([expect.objectContaining({ basketId, laneId: 'K02', status: 'open' })]);

    expect((await sim().customer.confirm(key)).status).toBe(200);
    expect(k2.engine.view().payment!.customer).toEqual({ name: 'Anna', maskedPhone: '600 *** 800' });
    expect(k1.inpost.book.rows()).toEqual([]);
    const line = k2.engine.basket.lines[0]!;
    const before = k2.engine.view().basket.totalCents;
    expect((await sim().customer.quantity(key, line.id, 3, 'ev-q-1')).status).toBe(200);
    expect(k2.engine.view().basket.totalCents).toBe(before + 2 * line.unitPriceCents);
    // The same event again (InPost retrying through the store node): the first answer, nothing applied twice.
    const again = await sim().customer.quantity(key, line.id, 5, 'ev-q-1');
    expect(again.status).toBe(200);
    expect(k2.engine.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 3 });
    const due = k2.engine.view().payment!.totalCents;
    expect(node.inpost!.ledger.get(basketId)).toMatchObject({ status: 'bound', totalCents: due });

    expect((await sim().customer.createOrder(key)).status).toBe(201);
    const orderId = node.inpost!.ledger.get(basketId)!.orderId!;
    expect(orderId).toMatch(/^K[0-9A-F]{20}$/);
    expect((await sim().customer.call('GET', `/v1/izi/order/${orderId}`)).status).toBe(200);
    expect(k2.engine.state).not.toBe('done');
    expect((await sim().customer.finish(key, 'pay')).status).toBe(200);
    await until(() => k2.engine.state === 'done', 'thank you on K02');
    const order = sim().ledger().orders[0]!;
    expect(order.totalGrosze).toBe(due);
    expect(order.merchantEvents.filter((e) => e.orderStatus === 'ORDER_COMPLETED')).toHaveLength(1);
    await until(() => node.inpost!.ledger.get(basketId)?.status === 'completed', 'completed in the store list');
    expect(node.inpost!.orders()[0]).toMatchObject({ basketId, laneId: 'K02', orderId, totalCents: due, status: 'completed' });
    expect(k1.engine.state).not.toBe('done');
    // The attendant console lists the store's InPost orders once signed in (never before).
    const c = await consoleClient(node.consoleUrl!);
    try {
      expect((await c.send({ t: 'login', badge: BADGE, pin: PIN })).ok).toBe(true);
      const f = await c.next('inpost');
      expect(f.orders).toEqual([{ basketId, laneId: 'K02', orderId, status: 'completed', totalCents: due, createdAt: expect.any(Number), updatedAt: expect.any(Number) }]);
      expect(c.frames.findIndex((x) => x.t === 'inpost')).toBeGreaterThan(c.frames.findIndex((x) => x.t === 'result'));
    } finally {
      c.close();
    }
  });

  it('unknown basket or order 404; unsigned or forged calls 401 at the store node', async () => {
    const node = store.node!;
    expect(await sim().customer.call('GET', '/v1/izi/basket/no-such-basket')).toMatchObject({ status: 404, body: { error_code: 'BASKET_NOT_FOUND' } });
    expect(await sim().customer.call('GET', '/v1/izi/order/KNOSUCHORDER')).toMatchObject({ status: 404, body: { error_code: 'ORDER_NOT_FOUND' } });
    const basketId = node.inpost!.orders()[0]!.basketId;
    const plain = await fetch(`${node.url}/v1/izi/basket/${basketId}`);
    expect(plain.status).toBe(401);
    expect(await plain.json()).toMatchObject({ error_code: 'UNAUTHORIZED' });
    sim().setSignatureFault('bad-signature');
    try {
      expect(await sim().customer.call('GET', `/v1/izi/basket/${basketId}`)).toMatchObject({ status: 401, body: { error_code: 'INVALID_SIGNATURE' } });
    } finally {
      sim().setSignatureFault('none');
    }
  });

  it('a kiosk cannot answer, send or act on another lane\'s InPost subjects', async () => {
    const s = subjects(STORE);
    const nc = await connect({ servers: store.nats.url, user: 'kiosk-K01', pass: kioskPassword('K01'), inboxPrefix: inboxPrefix('kiosk-K01'), reconnect: false });
    try {
      const sub = nc.subscribe(s.inpostRelay('K02'));
      const closed = await sub.closed;
      expect(String(closed)).toMatch(/permissions violation/i);
      await expect(nc.request(s.inpostCall('K02'), toBytes({ kind: 'bind', basketId: 'x' }), { timeout: 1500 })).rejects.toThrow(/Permissions Violation|timeout|no responders/i);
      await expect(nc.request(s.inpostRelay('K02'), toBytes({ op: 'get-basket', id: 'x' }), { timeout: 1500 })).rejects.toThrow(/Permissions Violation|timeout|no responders/i);
      // Its own subject, but another kiosk's basket: refused by the store node.
      const basketId = store.node!.inpost!.orders()[0]!.basketId;
      const r = await nc.request(s.inpostCall('K01'), toBytes({ kind: 'delete-binding', basketId }), { timeout: 5000 });
      expect(JSON.parse(new TextDecoder().decode(r.data))).toMatchObject({ ok: false, code: 'NOT_YOUR_BASKET' });
    } finally {
      await nc.close().catch(() => undefined);
    }
  });

  it('the owning kiosk offline: 503, nothing changed', async () => {
    const node = store.node!;
    const k1 = store.kiosks.get('K01')!;
    const key = await toInpost(k1, 'c1');
    const basketId = k1.inpost.book.rows()[0]!.basketId;
    await k1.close();
    store.kiosks.delete('K01');
    expect(await sim().customer.confirm(key)).toMatchObject({ status: 503, body: { error_code: 'SERVICE_UNAVAILABLE' } });
    expect(node.inpost!.ledger.get(basketId)).toMatchObject({ laneId: 'K01', status: 'open' });
  });
});
