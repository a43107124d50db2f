/**
 * The SWiP sandbox against the document (swip-pos-api-v3), over real HTTP with raw requests:
 * personal loyalty when the app opens the order (scenario 1/2 step 4), paying SWiP's total,
 * the terminal choice (`cash`), decline (`error`), expiry 1.5 minutes after creation, a lost
 * response, the 429 error body, and posType being required.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centsOf, createBody, startRaw, type Raw } from './raw';

let r: Raw;
beforeEach(async () => {
  r = await startRaw();
});
afterEach(async () => {
  await r.close();
});

async function created(over: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const a = await r.api('POST', '/orders', createBody(over));
  expect(a.status).toBe(200);
  return a.body;
}

async function order(id: unknown): Promise<Record<string, unknown>> {
  const a = await r.api('GET', `/orders/${String(id)}`);
  expect(a.status).toBe(200);
  return a.body;
}

type Line = { discount: number; amount: number };

describe('SWiP sandbox: create needs posType (marked required)', () => {
  it('refuses a create without posType with 400, code 5 and a fieldError naming posType', async () => {
    const body = createBody();
    delete body.posType;
    const a = await r.api('POST', '/orders', body);
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({ code: 5, description: 'VALIDATION FAILED' });
    expect(a.body.fieldErrors).toEqual([expect.objectContaining({ field: 'posType' })]);
    const empty = await r.api('POST', '/orders', createBody({ posType: ' ' }));
    expect(empty.status).toBe(400);
    expect(r.sb.ledger()).toHaveLength(0);
  });

  it('accepts any non-empty posType (the document lists no values)', async () => {
    const o = await created({ posType: 'RKEEPER' });
    expect(o.orderStatus).toBe('OPEN');
    expect(r.sb.ledger()[0]!.posType).toBe('RKEEPER');
  });
});

describe('SWiP sandbox: personal discount when the app opens the order', () => {
  it('lowers total, sets swipDiscount and per-line discounts that sum exactly, keeps totalOriginal', async () => {
    const o = await created();
    expect(o).toMatchObject({ total: 10, totalOriginal: 10, swipDiscount: 0 });
    const opened = await r.control('open', { order: o.id, personalDiscountBp: 1234 });
    expect(opened.status).toBe(200);
    const got = await order(o.id);
    // 12.34 % of 10.00 = 1.234 → 1.23; spread pro rata over 3.00 / 2.33 / 4.67.
    expect(got).toMatchObject({ orderStatus: 'OPEN', total: 8.77, totalOriginal: 10, swipDiscount: 1.23, paid: 0 });
    const lines = got.purchases as Line[];
    expect(lines.map((l) => l.discount)).toEqual([0.37, 0.29, 0.57]);
    expect(centsOf(lines.map((l) => l.discount))).toBe(123);
    lines.forEach((l) => expect(centsOf([l.discount])).toBeLessThanOrEqual(centsOf([l.amount])));
    expect(lines.map((l) => l.amount)).toEqual([3, 2.33, 4.67]);
  });

  it('scenario 1: pay covers SWiP total (the lower amount); close with it captures it', async () => {
    const o = await created();
    await r.control('open', { order: o.id, personalDiscountBp: 500 });
    const paid = await r.control('pay', { order: o.id });
    expect(paid.status).toBe(200);
    const got = await order(o.id);
    expect(got).toMatchObject({ orderStatus: 'OPEN', total: 9.5, totalOriginal: 10, swipDiscount: 0.5, paid: 9.5, unconfirmed: 9.5, cash: false });
    // Closing with more than was paid is refused (32); with the paid amount it closes.
    expect((await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10.0 })).body).toMatchObject({ code: 32 });
    const closed = await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 9.5 });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ orderStatus: 'CLOSED', closeAmount: 9.5, paid: 9.5, unconfirmed: 0, total: 9.5, swipDiscount: 0.5 });
    const entry = r.sb.ledger()[0]!;
    expect(entry).toMatchObject({ totalCents: 950, posTotalCents: 1000, swipDiscountCents: 50, capturedCents: 950 });
    expect(entry.events.map((e) => e.type)).toEqual(['created', 'opened', 'paid', 'closed']);
  });

  it('applies personalDiscountBp from start() when the wallet page opens the order, once', async () => {
    await r.close();
    r = await startRaw({ personalDiscountBp: 1000 });
    const o = await created();
    const page = await fetch(String(o.sessionCode));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('€ 9.00');
    await fetch(String(o.sessionCode));
    expect(await order(o.id)).toMatchObject({ total: 9, swipDiscount: 1, totalOriginal: 10 });
    expect(r.sb.ledger()[0]!.events.filter((e) => e.type === 'opened')).toHaveLength(1);
  });

  it('pay without an explicit open applies the configured personal discount (the app opens it first)', async () => {
    await r.close();
    r = await startRaw({ personalDiscountBp: 250 });
    const o = await created();
    await r.control('pay', { order: o.id });
    expect(await order(o.id)).toMatchObject({ total: 9.75, paid: 9.75, swipDiscount: 0.25 });
  });

  it('a personal discount applies to the total the POS sent (after anonymous loyalty)', async () => {
    const o = await created({ total: 9.0 });
    await r.control('open', { order: o.id, personalDiscountBp: 1000 });
    expect(await order(o.id)).toMatchObject({ totalOriginal: 10, total: 8.1, swipDiscount: 0.9 });
  });

  it('the total is fixed once paid: a new discount is refused (409)', async () => {
    const o = await created();
    await r.control('pay', { order: o.id });
    const again = await r.control('open', { order: o.id, personalDiscountBp: 500 });
    expect(again.status).toBe(409);
    expect(await order(o.id)).toMatchObject({ total: 10, paid: 10 });
  });
});

describe('SWiP sandbox: scenario 2, the customer chooses the terminal', () => {
  it('reports cash: true, unpaid, with the applied loyalty total; close with that amount', async () => {
    const o = await created();
    await r.control('open', { order: o.id, personalDiscountBp: 500 });
    expect((await r.control('markTerminal', { order: o.id })).status).toBe(200);
    expect(await order(o.id)).toMatchObject({ orderStatus: 'OPEN', cash: true, paid: 0, unconfirmed: 0, total: 9.5, swipDiscount: 0.5 });
    // More than SWiP's total without ROUNDED: 32.
    expect((await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10.0 })).body).toMatchObject({ code: 32 });
    const closed = await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 9.5 });
    expect(closed.body).toMatchObject({ orderStatus: 'CLOSED', cash: true, closeAmount: 9.5, paid: 0 });
    expect(r.sb.ledger()[0]).toMatchObject({ capturedCents: 0, cash: true, closeAmountCents: 950 });
  });

  it('ROUNDED closes a cash payment with a rounded amount, within pennies only', async () => {
    const o = await created({ total: 9.98 });
    await r.control('markTerminal', { order: o.id });
    const far = await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 11.0, tags: ['ROUNDED'] });
    expect(far.status).toBe(400);
    const near = await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10.0, tags: ['ROUNDED'] });
    expect(near.body).toMatchObject({ orderStatus: 'CLOSED', closeAmount: 10, cash: true });
  });

  it('the app cannot pay an order sent to the terminal', async () => {
    const o = await created();
    await r.control('markTerminal', { order: o.id });
    expect((await r.control('pay', { order: o.id })).status).toBe(409);
  });
});

describe('SWiP sandbox: decline (error)', () => {
  it('sets the error text; the order stays OPEN and unpaid and may be paid later', async () => {
    const o = await created();
    const d = await r.control('decline', { order: o.id, reason: 'Insufficient funds' });
    expect(d.status).toBe(200);
    expect(await order(o.id)).toMatchObject({ orderStatus: 'OPEN', error: 'Insufficient funds', paid: 0, unconfirmed: 0 });
    // The unpaid order cannot be closed with an amount (31) …
    expect((await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10 })).body).toMatchObject({ code: 31 });
    // … but the customer may try again.
    await r.control('pay', { order: o.id });
    expect(await order(o.id)).toMatchObject({ paid: 10 });
  });
});

describe('SWiP sandbox: expiry 1.5 minutes after creation (sandbox clock)', () => {
  it('an unclosed paid order is closed with 0 at exactly created + 90 s, the hold voided', async () => {
    const o = await created();
    r.clock.advance(80_000);
    await r.control('pay', { order: o.id });
    r.clock.advance(9_999);
    expect(await order(o.id)).toMatchObject({ orderStatus: 'OPEN', paid: 10 });
    r.clock.advance(1);
    expect(await order(o.id)).toMatchObject({ orderStatus: 'CLOSED', closeAmount: 0, paid: 0, unconfirmed: 0 });
    const entry = r.sb.ledger()[0]!;
    const created0 = entry.events[0]!.at;
    expect(entry.events.find((e) => e.type === 'voided-hold')).toMatchObject({ at: created0 + 90_000, amountCents: 1000 });
    expect(entry.events.find((e) => e.type === 'expired')!.at).toBe(created0 + 90_000);
    // A close after expiry is a second close: 30.
    expect((await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10 })).body).toMatchObject({ code: 30 });
  });

  it('opening the order later does not move the deadline', async () => {
    const o = await created();
    r.clock.advance(60_000);
    await r.control('open', { order: o.id, personalDiscountBp: 500 });
    r.clock.advance(30_000);
    expect(await order(o.id)).toMatchObject({ orderStatus: 'CLOSED', closeAmount: 0 });
  });
});

describe('SWiP sandbox: lost response and 429', () => {
  it('lose-response: the close is done although the socket dies; a second close is 30', async () => {
    const o = await created();
    await r.control('pay', { order: o.id });
    expect((await r.control('faults', { kind: 'lose-response', path: '/orders/', times: 1 })).status).toBe(200);
    await expect(r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10 })).rejects.toThrow();
    expect(await order(o.id)).toMatchObject({ orderStatus: 'CLOSED', closeAmount: 10 });
    expect((await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10 })).body).toMatchObject({ code: 30 });
  });

  it('429 answers the documented error object with too_many_request, then recovers', async () => {
    await r.control('faults', { kind: 'status', status: 429, retryAfterS: 2, times: 1 });
    const a = await r.api('POST', '/orders', createBody());
    expect(a.status).toBe(429);
    expect(a.body).toEqual({ code: 'too_many_request', description: 'Too many requests sent in a short amount of time.', fieldErrors: [] });
    expect(a.headers.get('retry-after')).toBe('2');
    expect(r.sb.ledger()).toHaveLength(0);
    expect((await r.api('POST', '/orders', createBody())).status).toBe(200);
  });
});

describe('SWiP sandbox: wallet page buttons', () => {
  it('offers pay, personal discount, terminal, decline with a labelled reason, expiry and faults', async () => {
    const o = await created();
    const html = await (await fetch(String(o.sessionCode))).text();
    for (const id of ['pay', 'pay-personal', 'terminal', 'decline', 'expire', 'fault-lose', 'fault-429']) {
      expect(html).toMatch(new RegExp(`<button id="${id}" [^>]*type="button"`));
    }
    expect(html).toContain('<label for="reason">');
    expect(html).toContain('role="status"');
    expect(html).toContain(`data-expires-at="${r.clock.now() + 90_000}"`);
    expect(html).toContain('Pay with personal discount (−5 %)');
  });

  it('a paid order shows no actions; a declined one shows the reason and the actions again', async () => {
    const o = await created();
    await r.control('decline', { order: o.id, reason: 'Card expired' });
    const declined = await (await fetch(String(o.sessionCode))).text();
    expect(declined).toContain('Payment declined: Card expired');
    expect(declined).toContain('id="pay"');
    await r.control('pay', { order: o.id });
    const paid = await (await fetch(String(o.sessionCode))).text();
    expect(paid).not.toContain('id="pay"');
  });
});

describe('SWiP sandbox: an order status the document does not list', () => {
  it('order-status fault: the answer reports the given orderStatus; the order itself is unchanged', async () => {
    const o = await created();
    await r.control('faults', { kind: 'order-status', value: 'PROCESSING', times: 1 });
    expect((await order(o.id)).orderStatus).toBe('PROCESSING');
    expect((await order(o.id)).orderStatus).toBe('OPEN');
  });

  it('customerId appears only after an app-paid order is closed', async () => {
    const o = await created();
    await r.control('pay', { order: o.id });
    expect((await order(o.id)).customerId).toBeNull();
    const closed = await r.api('POST', `/orders/${String(o.id)}/actions/close`, { amount: 10 });
    expect(closed.body.customerId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
