import { describe, expect, it } from 'vitest';
import { SwipCode } from '../../../electron/payments/swip';
import { MERCHANT, TOKEN, bread, milk, orderOf, eachTest, startHarness, swipError, type Harness } from './harness';

let h: Harness;
eachTest(async () => (h = await startHarness()));

describe('SWiP orders: happy paths', () => {
  it('creates an OPEN order with an id and a wallet sessionCode, and reads it back', async () => {
    const req = orderOf();
    const created = await h.client.createOrder(req);
    expect(created).toMatchObject({
      merchantOrderId: req.merchantOrderId,
      status: 'OPEN',
      totalCents: 653,
      totalOriginalCents: 653,
      paidCents: 0,
      unconfirmedCents: 0,
      closeAmountCents: 0,
      refundedCents: 0,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.sessionCode).toMatch(new RegExp(`^${h.sandbox.url}/wallet/[A-Z0-9]{10}$`));
    expect(h.sandbox.walletUrl(created.sessionCode!)).toBe(created.sessionCode);

    const read = await h.client.getOrder(created.id);
    expect(read).toEqual(created);
  });

  it('keeps a sessionCode the POS sends', async () => {
    const o = await h.client.createOrder(orderOf({ sessionCode: 'https://swip.one/?qr=6794742' }));
    expect(o.sessionCode).toBe('https://swip.one/?qr=6794742');
    expect(h.sandbox.walletUrl(o.sessionCode!)).toBe(`${h.sandbox.url}/wallet/${encodeURIComponent('https://swip.one/?qr=6794742')}`);
  });

  it('pay → paid = unconfirmed = total with card details; close captures and clears unconfirmed', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.pay(o.sessionCode!);
    const paid = await h.client.getOrder(o.id);
    expect(paid).toMatchObject({ status: 'OPEN', paidCents: 653, unconfirmedCents: 653, paymentMethod: 'CARD', paymentSystem: 'VISA', pan: '4111 11** **** 1111', cash: false });
    expect(paid.authorizationCode).toMatch(/^\d{6}$/);
    expect(paid.rrn).toMatch(/^\d{12}$/);
    expect(paid.orderNumber).toMatch(/^\d{32}$/);
    const slipLines = paid.slip!.split('\n');
    expect(slipLines.length).toBeGreaterThan(5);
    expect(Math.max(...slipLines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(paid.slip).toContain('EUR 6.53');

    const closed = await h.client.closeOrder(o.id, 653);
    expect(closed).toMatchObject({ status: 'CLOSED', paidCents: 653, unconfirmedCents: 0, closeAmountCents: 653 });
    const entry = h.sandbox.ledger().find((e) => e.id === o.id)!;
    expect(entry.capturedCents).toBe(653);
    expect(entry.events.map((e) => e.type)).toEqual(['created', 'opened', 'paid', 'closed']);
  });

  it('partial close captures less and releases the rest', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.pay(o.id);
    const closed = await h.client.closeOrder(o.id, 400);
    expect(closed).toMatchObject({ status: 'CLOSED', paidCents: 400, closeAmountCents: 400, unconfirmedCents: 0 });
    expect(h.sandbox.ledger()[0]!.events.at(-1)!.note).toContain('253 cents released');
  });

  it('cancel with {amount:0} and with no body voids a held payment', async () => {
    const a = await h.client.createOrder(orderOf());
    h.sandbox.pay(a.id);
    const cancelled = await h.client.cancelOrder(a.id);
    expect(cancelled).toMatchObject({ status: 'CLOSED', paidCents: 0, unconfirmedCents: 0, closeAmountCents: 0 });

    const b = await h.client.createOrder(orderOf());
    const noBody = await h.client.cancelOrder(b.id, { noBody: true });
    expect(noBody).toMatchObject({ status: 'CLOSED', closeAmountCents: 0 });
    const ledger = h.sandbox.ledger();
    expect(ledger.find((e) => e.id === a.id)!.events.map((e) => e.type)).toEqual(['created', 'opened', 'paid', 'voided-hold', 'closed']);
    expect(ledger.every((e) => e.capturedCents === 0)).toBe(true);
  });

  it('scenario 2: customer picks the terminal; POS closes unpaid order with the collected amount, ROUNDED by a cent', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.markTerminal(o.sessionCode!);
    const seen = await h.client.getOrder(o.id);
    expect(seen).toMatchObject({ status: 'OPEN', paidCents: 0, cash: true });
    const closed = await h.client.closeOrder(o.id, 654, { rounded: true });
    expect(closed).toMatchObject({ status: 'CLOSED', closeAmountCents: 654, paidCents: 0, cash: true });
    expect(h.sandbox.ledger()[0]!.capturedCents).toBe(0);
  });

  it('an OPEN order is cancelled 90 s after create (sandbox clock), even if paid', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.pay(o.id);
    h.clock.advance(89_999);
    expect((await h.client.getOrder(o.id)).status).toBe('OPEN');
    h.clock.advance(1);
    expect(await h.client.getOrder(o.id)).toMatchObject({ status: 'CLOSED', closeAmountCents: 0, paidCents: 0 });
    expect(h.sandbox.ledger()[0]!.events.map((e) => e.type)).toEqual(['created', 'opened', 'paid', 'voided-hold', 'expired', 'closed']);
    const late = await swipError(() => h.client.closeOrder(o.id, 653));
    expect(late.code).toBe(SwipCode.ORDER_ALREADY_CONFIRMED);
  });
});

describe('SWiP headers', () => {
  it('a wrong token is 401 code 2, and the token is not in the message', async () => {
    const e = await swipError(() => h.clientWith({ token: 'wrong-token' }).createOrder(orderOf()));
    expect(e).toMatchObject({ type: 'api', httpStatus: 401, code: 2, retryable: false, messageKey: 'swip.error.unavailable' });
    expect(e.message).not.toContain('wrong-token');
    expect(h.sandbox.ledger()).toHaveLength(0);
  });

  it('a wrong merchant is 403 code 4; a wrong store too', async () => {
    expect(await swipError(() => h.clientWith({ merchantId: 'XXXX' }).createOrder(orderOf()))).toMatchObject({ httpStatus: 403, code: 4 });
    expect(await swipError(() => h.clientWith({ storeId: 'other' }).createOrder(orderOf()))).toMatchObject({ httpStatus: 403, code: 4 });
  });

  it('sends every documented header; a wrong Api-Version is 400 code 10', async () => {
    const seen: Headers[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    await h.clientWith({}, spy).createOrder(orderOf());
    const hd = seen[0]!;
    expect(hd.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect([hd.get('x-merchant-id'), hd.get('x-store-id'), hd.get('x-cash-id'), hd.get('api-version'), hd.get('content-type')]).toEqual([
      MERCHANT, 'SwipTestStore', 'kiosk-1', '3', 'application/json',
    ]);

    const res = await fetch(`${h.sandbox.url}/orders/x`, {
      headers: { Authorization: `Bearer ${TOKEN}`, 'X-Merchant-ID': MERCHANT, 'X-Store-ID': 'SwipTestStore', 'X-Cash-ID': '1', 'Api-Version': '2' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 10, description: expect.stringContaining('Api-Version') as unknown, fieldErrors: [] });
  });
});

describe('SWiP error codes', () => {
  it('5 VALIDATION FAILED with fieldErrors: total above totalOriginal, line and sum mismatches', async () => {
    const e = await swipError(() => h.client.createOrder(orderOf({ totalCents: 700, totalOriginalCents: 653 })));
    expect(e).toMatchObject({ type: 'api', httpStatus: 400, code: 5 });
    expect(e.fieldErrors.map((f) => f.field)).toEqual(['total']);

    const badLine = { ...milk, amountCents: 300 };
    const e2 = await swipError(() => h.client.createOrder(orderOf({ purchases: [badLine, bread], totalCents: 545, totalOriginalCents: 545 })));
    expect(e2.fieldErrors.map((f) => f.field)).toEqual(['purchases[0].amount']);

    const e3 = await swipError(() => h.client.createOrder(orderOf({ totalCents: 600, totalOriginalCents: 600 })));
    expect(e3.fieldErrors.map((f) => f.field)).toEqual(['totalOriginal']);
    // One cent of rounding per line is accepted.
    await expect(h.client.createOrder(orderOf({ totalCents: 654, totalOriginalCents: 654 }))).resolves.toMatchObject({ status: 'OPEN' });
  });

  it('9 NOT FOUND (404) for an unknown order', async () => {
    expect(await swipError(() => h.client.getOrder('no-such-order'))).toMatchObject({ httpStatus: 404, code: 9, codeName: 'NOT_FOUND', messageKey: 'swip.error.order' });
  });

  it('28 ORDER ALREADY EXISTS for a reused merchantOrderId, also after close', async () => {
    const req = orderOf();
    const o = await h.client.createOrder(req);
    expect(await swipError(() => h.client.createOrder(req))).toMatchObject({ httpStatus: 400, code: SwipCode.ORDER_ALREADY_EXISTS });
    await h.client.cancelOrder(o.id);
    expect(await swipError(() => h.client.createOrder({ ...req, totalCents: 500 }))).toMatchObject({ code: 28 });
    expect(h.sandbox.ledger()).toHaveLength(1);
  });

  it('8 DUPLICATE for a sessionCode already used by an open order', async () => {
    await h.client.createOrder(orderOf({ sessionCode: 'QR-1' }));
    expect(await swipError(() => h.client.createOrder(orderOf({ sessionCode: 'QR-1' })))).toMatchObject({ code: 8 });
  });

  it('30 ORDER ALREADY CONFIRMED on a second close', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.pay(o.id);
    await h.client.closeOrder(o.id, 653);
    expect(await swipError(() => h.client.closeOrder(o.id, 653))).toMatchObject({ httpStatus: 400, code: 30 });
    expect(await swipError(() => h.client.cancelOrder(o.id))).toMatchObject({ code: 30 });
  });

  it('31 ORDER NOT PAID when closing an unpaid order with an amount', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.decline(o.id, 'Insufficient funds');
    expect(await h.client.getOrder(o.id)).toMatchObject({ status: 'OPEN', paidCents: 0, error: 'Insufficient funds' });
    const e = await swipError(() => h.client.closeOrder(o.id, 653));
    expect(e).toMatchObject({ code: 31, messageKey: 'swip.error.notPaid' });
    expect((await h.client.getOrder(o.id)).status).toBe('OPEN');
  });

  it('32 EXCESS TOTAL AMOUNT when closing above the paid amount', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.pay(o.id);
    expect(await swipError(() => h.client.closeOrder(o.id, 654))).toMatchObject({ code: 32 });
    expect((await h.client.getOrder(o.id)).status).toBe('OPEN');
  });

  it('ROUNDED is refused (code 5) on a card payment and from one currency unit on', async () => {
    const card = await h.client.createOrder(orderOf());
    h.sandbox.pay(card.id);
    expect(await swipError(() => h.client.closeOrder(card.id, 653, { rounded: true }))).toMatchObject({ code: 5 });
    const cash = await h.client.createOrder(orderOf());
    h.sandbox.markTerminal(cash.id);
    const far = await swipError(() => h.client.closeOrder(cash.id, 653 - 100, { rounded: true }));
    expect(far).toMatchObject({ code: 5 });
    expect(far.fieldErrors[0]!.field).toBe('amount');
    // A 5-cent cash rounding moves 6.53 to 6.55: allowed.
    expect(await h.client.closeOrder(cash.id, 655, { rounded: true })).toMatchObject({ closeAmountCents: 655 });
  });

  it('unknown path is 404 code 9, wrong method 405 code 7', async () => {
    const headers = { Authorization: `Bearer ${TOKEN}`, 'X-Merchant-ID': MERCHANT, 'X-Store-ID': 'SwipTestStore', 'X-Cash-ID': '1', 'Api-Version': '3' };
    const a = await fetch(`${h.sandbox.url}/nope`, { headers });
    expect([a.status, ((await a.json()) as { code: number }).code]).toEqual([404, 9]);
    const b = await fetch(`${h.sandbox.url}/orders`, { headers });
    expect([b.status, ((await b.json()) as { code: number }).code]).toEqual([405, 7]);
  });
});
