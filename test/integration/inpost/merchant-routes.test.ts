import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basketOf, product, startInpostPair } from './support';

let p: Awaited<ReturnType<typeof startInpostPair>>;
beforeAll(async () => {
  p = await startInpostPair();
});
afterAll(() => p.close());

const milk = product('1001', 349);
const bread = product('1002', 599);

async function bound() {
  const id = randomUUID();
  const key = await p.push(id, basketOf([[milk, 1], [bread, 2]]));
  const r = await p.sim.customer.confirm(key);
  expect(r.status).toBe(200);
  return { id, key };
}

describe('InPost merchant endpoints', () => {
  it('confirmation answers the basket priced by our engine and records the customer', async () => {
    const { id } = await bound();
    const b = p.sim.book.baskets.get(id)!.basket;
    expect(b.summary.basket_final_price).toEqual({ gross: 15.47, net: 12.58, vat: 2.89 });
    expect(b.products.map((x) => [x.product_id, x.quantity.quantity])).toEqual([['L1', 1], ['L2', 2]]);
    expect(p.book.get(id)).toMatchObject({ status: 'bound', client: { maskedPhone: '600 *** 800', name: 'Anna' } });
  });

  it('a quantity event is recalculated and answered with the full basket; quantity 0 removes the line', async () => {
    const { id, key } = await bound();
    const r = await p.sim.customer.quantity(key, 'L1', 3);
    expect(r.status).toBe(200);
    expect((r.body as { summary: { basket_final_price: { gross: number } } }).summary.basket_final_price.gross).toBe(22.45);
    expect(p.book.get(id)!.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 3 });
    await p.sim.customer.quantity(key, 'L2', 0);
    expect(p.book.get(id)!.basket.lines.map((l) => l.id)).toEqual(['L1']);
  });

  it('events are idempotent on event_id: a repeat gets the first answer and changes nothing', async () => {
    const { id, key } = await bound();
    const a = await p.sim.customer.quantity(key, 'L1', 2, 'evt-repeat-1');
    const b = await p.sim.customer.quantity(key, 'L1', 5, 'evt-repeat-1');
    expect(b).toEqual(a);
    expect(p.book.get(id)!.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 2 });
  });

  it('a known promo code lowers the total; an unknown one is 409 BASKET_NOT_UPDATE and changes nothing', async () => {
    const { id, key } = await bound();
    const ok = await p.sim.customer.promo(key, 'kassa10');
    expect(ok.status).toBe(200);
    expect((ok.body as { summary: { basket_final_price: { gross: number } } }).summary.basket_final_price.gross).toBe(13.92);
    const bad = await p.sim.customer.promo(key, 'NOPE');
    expect(bad).toMatchObject({ status: 409, body: { error_code: 'BASKET_NOT_UPDATE' } });
    expect(p.book.get(id)!.promoCodes).toEqual(['KASSA10']);
  });

  it('unknown products and baskets get the documented 404s', async () => {
    const { key } = await bound();
    expect(await p.sim.customer.quantity(key, 'L99', 1)).toMatchObject({ status: 404, body: { error_code: 'PRODUCT_NOT_FOUND' } });
    expect(await p.sim.customer.call('GET', '/v1/izi/basket/no-such-basket')).toMatchObject({ status: 404, body: { error_code: 'BASKET_NOT_FOUND' } });
    expect(await p.sim.customer.call('POST', '/v1/izi/order/nope/event', { event_id: 'x1', event_data_time: new Date().toISOString(), event_data: { payment_status: 'AUTHORIZED' } })).toMatchObject({ status: 404, body: { error_code: 'ORDER_NOT_FOUND' } });
  });

  it('invalid bodies are 400 BAD_REQUEST / MALFORMED_REQUEST and change nothing', async () => {
    const { id } = await bound();
    const path = `/v1/izi/basket/${id}/event`;
    expect(await p.sim.customer.call('POST', path, { event_id: 'e-bad', event_type: 'PRODUCTS_QUANTITY' })).toMatchObject({ status: 400, body: { error_code: 'BAD_REQUEST' } });
    expect(await p.sim.customer.call('POST', path, { event_id: 'e-bad2', event_data_time: new Date().toISOString(), event_type: 'PRODUCTS_QUANTITY', quantity_event_data: [{ product_id: 'L1', quantity: { quantity: -1 } }] })).toMatchObject({ status: 400 });
    expect(await p.sim.customer.call('POST', '/v1/izi/order', { order_details: { basket_id: id } })).toMatchObject({ status: 400, body: { error_code: 'BAD_REQUEST' } });
    expect(await p.sim.customer.call('POST', `/v1/izi/basket/${id}/confirmation`, [1, [2, [3]]])).toMatchObject({ status: 400 });
    expect(p.book.get(id)!.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 1 });
  });

  it('refuses unsigned, badly signed and stale calls before reading anything: 401', async () => {
    const { id, key } = await bound();
    for (const [fault, code] of [['unsigned', 'UNAUTHORIZED'], ['bad-signature', 'INVALID_SIGNATURE'], ['stale-timestamp', 'INVALID_SIGNATURE'], ['unknown-key-version', 'INVALID_SIGNATURE'], ['wrong-hash', 'INVALID_SIGNATURE']] as const) {
      p.sim.setSignatureFault(fault);
      expect(await p.sim.customer.quantity(key, 'L1', 7), fault).toMatchObject({ status: 401, body: { error_code: code } });
      // Even a body that is not JSON, on a path that does not exist, is refused for its signature first.
      expect((await p.sim.customer.call('POST', '/v1/izi/nowhere', 'not json')).status).toBe(401);
    }
    p.sim.setSignatureFault('none');
    expect(p.book.get(id)!.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 1 });
    // The Smarts token does not open InPost's endpoints.
    const res = await fetch(`${p.node.url}/v1/izi/basket/${id}`, { headers: { authorization: 'Bearer node-token-0123456789' } });
    expect(res.status).toBe(401);
  });

  it('order: 201 with our order, ORDER_EXISTS on a second one; AUTHORIZED pays it once; a later rejection is 409', async () => {
    const { id, key } = await bound();
    const o = await p.sim.customer.createOrder(key);
    expect(o.status).toBe(201);
    expect(o.body).toMatchObject({ order_details: { basket_id: id, currency: 'PLN', order_final_price: { gross: 15.47 } }, delivery: { delivery_type: 'DIGITAL' } });
    const orderId = (o.body as { order_details: { order_id: string } }).order_details.order_id;
    const again = await p.sim.customer.call('POST', '/v1/izi/order', { order_details: { basket_id: id, currency: 'PLN', basket_price: { net: 12.58, gross: 15.47, vat: 2.89 }, payment_type: 'BLIK_CODE' }, account_info: { name: 'A', surname: 'K', phone_number: { country_prefix: '+48', phone: '600700800' }, mail: 'a@example.pl' }, delivery: { delivery_type: 'DIGITAL', delivery_codes: [] }, consents: [] });
    expect(again).toMatchObject({ status: 409, body: { error_code: 'ORDER_EXISTS' } });
    expect(await p.sim.customer.call('GET', `/v1/izi/order/${orderId}`)).toMatchObject({ status: 200, body: { order_details: { order_id: orderId } } });
    expect((await p.sim.customer.finish(key, 'pay', 'pay-1')).status).toBe(200);
    expect((await p.sim.customer.finish(key, 'pay', 'pay-1')).status).toBe(200);
    expect(p.book.get(id)).toMatchObject({ status: 'authorized', orderTotalCents: 1547 });
    expect(await p.sim.customer.finish(key, 'reject')).toMatchObject({ status: 409, body: { error_code: 'ORDER_NOT_UPDATE' } });
  });

  it('an order whose price is not our basket price is 409 ORDER_NOT_CREATE; rejection and deleted binding end the basket', async () => {
    const { id, key } = await bound();
    const r = await p.sim.customer.call('POST', '/v1/izi/order', { order_details: { basket_id: id, currency: 'PLN', basket_price: { net: 1, gross: 1.23, vat: 0.23 }, payment_type: 'BLIK_CODE' }, account_info: { name: 'A', surname: 'K', phone_number: { country_prefix: '+48', phone: '600700800' }, mail: 'a@example.pl' }, delivery: { delivery_type: 'DIGITAL', delivery_codes: [] }, consents: [] });
    expect(r).toMatchObject({ status: 409, body: { error_code: 'ORDER_NOT_CREATE' } });
    expect((await p.sim.customer.createOrder(key)).status).toBe(201);
    expect((await p.sim.customer.finish(key, 'reject')).status).toBe(200);
    expect(p.book.get(id)!.status).toBe('rejected');
    const second = await bound();
    expect((await p.sim.customer.deleteBinding(second.key)).status).toBe(200);
    expect(p.book.get(second.id)!.status).toBe('deleted');
    expect(await p.sim.customer.call('GET', `/v1/izi/basket/${second.id}`)).toMatchObject({ status: 404, body: { error_code: 'BASKET_NOT_FOUND' } });
  });
});
