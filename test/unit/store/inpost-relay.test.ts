/**
 * InPost Pay through the store node on the in-process bus: the store node's hub relays InPost's
 * calls to the kiosk owning the basket and makes the kiosks' calls to InPost (a recording fake
 * client here), each kiosk only for its own baskets; answers are checked before they are relayed.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centsToDecimal } from '../../../electron/checkout/money';
import { InpostBasketBook } from '../../../electron/inpost/book';
import type { InpostClient } from '../../../electron/inpost/client';
import { memoryLog } from '../../../electron/log';
import { toBytes } from '../../../electron/store/bus';
import { InpostHub } from '../../../electron/store/inpost-hub';
import { RemoteInpostApi, serveInpostLane } from '../../../electron/store/inpost-lane';
import { InpostLedger } from '../../../electron/store/inpost-ledger';
import { MemoryBusHub } from '../../../electron/store/memory-bus';
import { subjects } from '../../../electron/store/subjects';
import { basketOf, product } from '../../integration/inpost/support';

const log = memoryLog('inpost-relay');
let dbs: Database.Database[];
let hubBus: MemoryBusHub;
let hub: InpostHub;
let ledger: InpostLedger;
let calls: Array<[string, ...unknown[]]>;
let stops: Array<() => void>;

const book = () => {
  const db = new Database(':memory:');
  dbs.push(db);
  return new InpostBasketBook(db, { now: Date.now, lang: () => 'pl', promoCodes: [], basketTtlMs: 15 * 60_000 });
};
function kiosk(lane: string) {
  const b = book();
  const bus = hubBus.client();
  stops.push(serveInpostLane(bus, lane, b, log));
  return { book: b, api: new RemoteInpostApi(bus, lane, b, { timeoutMs: 2000 }) };
}

beforeEach(() => {
  dbs = [];
  stops = [];
  calls = [];
  hubBus = new MemoryBusHub('S');
  const fake = {
    putBasket: async (...a: unknown[]) => (calls.push(['put', ...a]), { status: 200, body: {} }),
    bindDeepLink: async (id: string) => (calls.push(['bind', id]), `https://inpost.example/app/${id}`),
    deleteBinding: async (id: string) => (calls.push(['unbind', id]), { status: 200, body: null }),
    orderEvent: async (...a: unknown[]) => (calls.push(['order-event', ...a]), { status: 200, body: null }),
    refund: async (...a: unknown[]) => (calls.push(['refund', ...a]), { status: 200, body: { status: 'SUCCESS' } }),
  } as unknown as InpostClient;
  const store = new Database(':memory:');
  dbs.push(store);
  ledger = new InpostLedger(store, Date.now);
  hub = new InpostHub(hubBus.client(), ledger, fake, log, { relayTimeoutMs: 200 });
  hub.start();
});
afterEach(() => {
  hub.close();
  for (const s of stops) s();
  for (const d of dbs) d.close();
});

const P = product('1', 450);

describe('the store node relays InPost to the owning kiosk', () => {
  it('a kiosk claims its basket; the other kiosk can neither push, unbind nor refund it', async () => {
    const k1 = kiosk('K01');
    const k2 = kiosk('K02');
    const row = k1.book.open('b-1', basketOf([[P, 2]]));
    await k1.api.putBasket('b-1', k1.book.wire(row, false));
    expect(await k1.api.bindDeepLink('b-1')).toBe('https://inpost.example/app/b-1');
    expect(ledger.get('b-1')).toMatchObject({ laneId: 'K01', status: 'open', totalCents: 900 });
    await expect(k2.api.putBasket('b-1', {})).rejects.toMatchObject({ status: 403, code: 'NOT_YOUR_BASKET' });
    await expect(k2.api.deleteBinding('b-1')).rejects.toMatchObject({ code: 'NOT_YOUR_BASKET' });
    await expect(k2.api.refund('tx-unknown', 'r-1', { external_refund_id: 'r-1', refund_amount: 1 })).rejects.toMatchObject({ code: 'NOT_YOUR_BASKET' });
    expect(calls.map((c) => c[0])).toEqual(['put', 'bind']);
  });

  it('InPost calls reach the kiosk; events are answered once per event_id; order, payment and refund follow', async () => {
    const k1 = kiosk('K01');
    kiosk('K02');
    k1.book.open('b-2', basketOf([[P, 1]]));
    await k1.api.putBasket('b-2', {});
    expect(await hub.answer({ op: 'get-basket', id: 'nope' })).toMatchObject({ status: 404, body: { error_code: 'BASKET_NOT_FOUND' } });
    expect((await hub.answer({ op: 'confirm', id: 'b-2', body: { status: 'SUCCESS', name: 'Anna' } })).status).toBe(200);
    const line = k1.book.get('b-2')!.basket.lines[0]!.id;
    const ev = (n: number) => ({ op: 'basket-event' as const, id: 'b-2', body: { event_id: 'e-1', event_data_time: new Date().toISOString(), event_type: 'PRODUCTS_QUANTITY', quantity_event_data: [{ product_id: line, quantity: { quantity: n } }] } });
    const first = await hub.answer(ev(3));
    expect(first.status).toBe(200);
    expect(await hub.answer(ev(7))).toEqual(first);
    expect(ledger.get('b-2')).toMatchObject({ status: 'bound', totalCents: 1350 });
    const order = { order_details: { basket_id: 'b-2', currency: 'PLN', basket_price: { net: 0, gross: centsToDecimal(1350), vat: 0 }, payment_type: 'CARD' }, account_info: { name: 'Anna', surname: 'K', phone_number: { country_prefix: '+48', phone: '600100800' }, mail: 'a@example.com' }, delivery: { delivery_type: 'DIGITAL', delivery_codes: [] }, consents: [] };
    const created = await hub.answer({ op: 'create-order', id: 'b-2', body: order });
    expect(created.status).toBe(201);
    const orderId = ledger.get('b-2')!.orderId!;
    expect(orderId).toBe((created.body as { order_details: { order_id: string } }).order_details.order_id);
    const paid = await hub.answer({ op: 'order-event', id: orderId, body: { event_id: 'o-1', event_data_time: new Date().toISOString(), event_data: { payment_status: 'AUTHORIZED', payment_id: 'tx-9' } } });
    expect(paid.status).toBe(200);
    expect(ledger.get('b-2')).toMatchObject({ status: 'authorized', transactionId: 'tx-9' });
    await k1.api.refund('tx-9', 'r-2', { external_refund_id: 'r-2', refund_amount: 1.5 });
    expect(calls.at(-1)).toEqual(['refund', 'tx-9', 'r-2', { external_refund_id: 'r-2', refund_amount: 1.5 }]);
    await k1.api.orderEvent(orderId, { event_id: `${orderId}-completed`, event_data_time: new Date().toISOString(), event_data: { order_status: 'ORDER_COMPLETED' } });
    expect(ledger.get('b-2')!.status).toBe('completed');
  });

  it('the binding deleted in the app reaches the kiosk (an empty 200) and the store list shows it', async () => {
    const k1 = kiosk('K01');
    k1.book.open('b-4', basketOf([[P, 1]]));
    await k1.api.putBasket('b-4', {});
    expect(await hub.answer({ op: 'delete-binding', id: 'b-4' })).toEqual({ status: 200, body: null });
    expect(k1.book.get('b-4')!.status).toBe('deleted');
    expect(ledger.get('b-4')!.status).toBe('deleted');
    expect(await hub.answer({ op: 'get-basket', id: 'b-4' })).toMatchObject({ status: 404, body: { error_code: 'BASKET_NOT_FOUND' } });
  });

  it('an event the kiosk applied after the store node gave up (503) is answered the same on InPost\'s retry, applied once', async () => {
    const b = book();
    const real = hubBus.client();
    let slow = true;
    // The kiosk's bus, whose first answer arrives after the store node's relay timeout (200 ms).
    const lagging = Object.assign(Object.create(real) as typeof real, {
      serve: (subject: string, handler: (d: Uint8Array, s: string) => Promise<Uint8Array>) =>
        real.serve(subject, async (d, s2) => {
          const answer = await handler(d, s2);
          const late = slow;
          slow = false;
          if (late) await new Promise((r) => setTimeout(r, 400));
          return answer;
        }),
    });
    stops.push(serveInpostLane(lagging, 'K05', b, log));
    const api = new RemoteInpostApi(real, 'K05', b, { timeoutMs: 2000 });
    b.open('b-5', basketOf([[P, 1]]));
    await api.putBasket('b-5', {});
    const line = b.get('b-5')!.basket.lines[0]!.id;
    const ev = (n: number) => ({ op: 'basket-event' as const, id: 'b-5', body: { event_id: 'e-5', event_data_time: new Date().toISOString(), event_type: 'PRODUCTS_QUANTITY', quantity_event_data: [{ product_id: line, quantity: { quantity: n } }] } });
    expect(await hub.answer(ev(4))).toMatchObject({ status: 503 });
    expect(b.get('b-5')!.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 4 });
    const retry = await hub.answer(ev(9));
    expect(retry.status).toBe(200);
    expect(b.get('b-5')!.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 4 });
    expect(ledger.get('b-5')!.totalCents).toBe(1800);
  });

  it('a kiosk offline or silent → 503; an answer that does not fit the call → 500; nothing is recorded', async () => {
    ledger.claim('b-3', 'K03', 100);
    expect(await hub.answer({ op: 'get-basket', id: 'b-3' })).toMatchObject({ status: 503, body: { error_code: 'SERVICE_UNAVAILABLE' } });
    const bus = hubBus.client();
    const s = subjects('S');
    stops.push(bus.serve(s.inpostRelay('K03'), () => new Promise<Uint8Array>(() => undefined)));
    expect(await hub.answer({ op: 'get-basket', id: 'b-3' })).toMatchObject({ status: 503 });
    stops.pop()!();
    stops.push(bus.serve(s.inpostRelay('K03'), async () => toBytes({ status: 200, body: { summary: {}, products: [] }, basket: { basketId: 'other', orderId: null, status: 'bound', totalCents: 1 } })));
    expect(await hub.answer({ op: 'get-basket', id: 'b-3' })).toMatchObject({ status: 500, body: { error_code: 'INTERNAL_SERVER_ERROR' } });
    stops.pop()!();
    stops.push(bus.serve(s.inpostRelay('K03'), async () => toBytes({ status: 302, body: 'elsewhere', basket: null })));
    expect((await hub.answer({ op: 'get-basket', id: 'b-3' })).status).toBe(500);
    expect(ledger.get('b-3')).toMatchObject({ status: 'open', totalCents: 100 });
  });
});
