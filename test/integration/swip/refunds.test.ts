import { afterEach, describe, expect, it } from 'vitest';
import { SwipError, type SwipOrder } from '../../../electron/payments/swip';
import { apples, bread, milk, orderOf, startHarness, thrown, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function paidAndClosed(harness: Harness, closeCents = 653): Promise<SwipOrder> {
  const o = await harness.client.createOrder(orderOf());
  harness.sandbox.pay(o.id);
  return harness.client.closeOrder(o.id, closeCents);
}

async function code(fn: () => Promise<unknown>): Promise<number | undefined> {
  const e = await thrown(fn);
  expect(e).toBeInstanceOf(SwipError);
  return (e as SwipError).code;
}

describe('SWiP refunds', () => {
  it('partial refunds add up to the captured amount and never above it', async () => {
    h = await startHarness();
    const o = await paidAndClosed(h);
    const first = await h.client.refund(o.merchantOrderId, 200);
    expect(first.status).toBe('SUCCESS');
    expect(first.slip).toContain('REFUND');
    expect(first.slip).toContain('EUR 2.00');
    await h.client.refund(o.merchantOrderId, 300);
    expect(await code(() => h!.client.refund(o.merchantOrderId, 154))).toBe(32);
    await h.client.refund(o.merchantOrderId, 153);
    expect(await code(() => h!.client.refund(o.merchantOrderId, 1))).toBe(29);
    expect((await h.client.getOrder(o.id)).refundedCents).toBe(653);
    const entry = h.sandbox.ledger()[0]!;
    expect(entry.refundedCents).toBe(653);
    expect(entry.refundedCents + entry.reversedCents).toBeLessThanOrEqual(entry.capturedCents);
    expect(entry.events.filter((e) => e.type === 'refunded').map((e) => e.amountCents)).toEqual([200, 300, 153]);
  });

  it('refunds only a partial capture, not the released part', async () => {
    h = await startHarness();
    const o = await paidAndClosed(h, 400);
    expect(await code(() => h!.client.refund(o.merchantOrderId, 401))).toBe(32);
    await h.client.refund(o.merchantOrderId, 400);
  });

  it('refund of an OPEN order is 11, of a cancelled or terminal-paid order 31, of an unknown one 9', async () => {
    h = await startHarness();
    const open = await h.client.createOrder(orderOf());
    h.sandbox.pay(open.id);
    expect(await code(() => h!.client.refund(open.merchantOrderId, 100))).toBe(11);
    await h.client.cancelOrder(open.id);
    expect(await code(() => h!.client.refund(open.merchantOrderId, 100))).toBe(31);
    const cash = await h.client.createOrder(orderOf());
    h.sandbox.markTerminal(cash.id);
    await h.client.closeOrder(cash.id, 653);
    expect(await code(() => h!.client.refund(cash.merchantOrderId, 100))).toBe(31);
    expect(await code(() => h!.client.refund('no-such-order', 100))).toBe(9);
  });
});

describe('SWiP reverses', () => {
  it('reverses before capture; after captureDelayMs (sandbox clock) it is 27', async () => {
    h = await startHarness({ captureDelayMs: 60_000 });
    const a = await paidAndClosed(h);
    h.clock.advance(59_999);
    const r = await h.client.reverse(a.merchantOrderId, 100);
    expect(r).toMatchObject({ status: 'SUCCESS', code: 0 });
    expect(r.slip).toContain('REVERSAL');
    const rest = await h.client.reverse(a.merchantOrderId);
    expect(rest.status).toBe('SUCCESS');
    expect(h.sandbox.ledger()[0]).toMatchObject({ reversedCents: 653, refundedCents: 0, capturedCents: 653 });
    expect(await code(() => h!.client.reverse(a.merchantOrderId, 1))).toBe(29);
    expect((await h.client.getOrder(a.id)).refundedCents).toBe(653);

    const b = await paidAndClosed(h);
    h.clock.advance(60_000);
    expect(await code(() => h!.client.reverse(b.merchantOrderId))).toBe(27);
    // After capture the money goes back by refund.
    expect((await h.client.refund(b.merchantOrderId, 653)).status).toBe('SUCCESS');
    const entry = h.sandbox.ledger().find((e) => e.id === b.id)!;
    expect(entry.events.map((e) => e.type)).toEqual(['created', 'opened', 'paid', 'closed', 'captured', 'refunded']);
  });

  it('reverse of an OPEN order is 11; more than left is 32', async () => {
    h = await startHarness();
    const o = await h.client.createOrder(orderOf());
    expect(await code(() => h!.client.reverse(o.merchantOrderId))).toBe(11);
    const c = await paidAndClosed(h);
    await h.client.refund(c.merchantOrderId, 600);
    expect(await code(() => h!.client.reverse(c.merchantOrderId, 54))).toBe(32);
    await h.client.reverse(c.merchantOrderId, 53);
  });
});

describe('SWiP loyalty calculation', () => {
  it('applies a percent program (with minimum) and an amount off per unit, rounded to cents', async () => {
    h = await startHarness({
      loyaltyPrograms: [
        { programId: 584, description: 'Discount for all customers', kind: 'percent', percentBp: 750, minTotalCents: 500 },
        { programId: 585, description: 'Milk −0.10 €', kind: 'product-amount', productId: 'sku-milk', amountOffCents: 10 },
        { programId: 586, description: 'Apples −0.33 €/kg', kind: 'product-amount', productId: 'sku-apple', amountOffCents: 33 },
        { programId: 587, description: 'Big baskets', kind: 'percent', percentBp: 1000, minTotalCents: 100_000 },
      ],
    });
    const r = await h.client.loyaltyCalculation('m-1', [milk, apples, bread], 653);
    // 7.5 % of 653 = 48.975 → 49; milk 2 × 10 = 20; apples 0.753 kg × 33 = 24.849 → 25; big baskets: no.
    expect(r.lines).toEqual([
      { programId: 584, description: 'Discount for all customers', discountCents: 49 },
      { programId: 585, description: 'Milk −0.10 €', discountCents: 20 },
      { programId: 586, description: 'Apples −0.33 €/kg', discountCents: 25 },
    ]);
    expect(r).toMatchObject({ discountOriginalCents: 94, discountCents: 94, totalBeforeCents: 653, totalCents: 559 });

    const small = await h.client.loyaltyCalculation('m-2', [bread], 245);
    expect(small).toMatchObject({ discountCents: 0, totalCents: 245, lines: [] });

    // The discounted total is what the POS then creates the order with.
    const o = await h.client.createOrder(orderOf({ totalCents: r.totalCents }));
    expect(o).toMatchObject({ totalCents: 559, totalOriginalCents: 653 });
  });

  it('rounds the final discount to the configured step and never above the total', async () => {
    h = await startHarness({
      discountStepCents: 100,
      loyaltyPrograms: [{ programId: 1, description: 'Bread −3 €', kind: 'product-amount', productId: 'sku-bread', amountOffCents: 300 }],
    });
    const r = await h.client.loyaltyCalculation('m-3', [milk, bread], 503);
    // Bread line capped at its amount: 245; stepped to whole euros: 2.00.
    expect(r).toMatchObject({ discountOriginalCents: 245, discountCents: 200, totalCents: 303 });
    const h2 = await startHarness({ loyaltyPrograms: [{ programId: 2, description: 'Everything', kind: 'percent', percentBp: 10_000 }] });
    try {
      expect(await h2.client.loyaltyCalculation('m-4', [bread], 245)).toMatchObject({ discountCents: 245, totalCents: 0 });
    } finally {
      await h2.close();
    }
  });

  it('a bad purchase list is 400 code 5', async () => {
    h = await startHarness();
    const e = await thrown(() => h!.client.loyaltyCalculation('m-5', [{ ...milk, quantity: -1 }], 258));
    expect(e).toMatchObject({ code: 5, httpStatus: 400 });
  });
});
