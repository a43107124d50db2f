import { afterEach, describe, expect, it } from 'vitest';
import { APPLES_1234, BREAD, MILK, startPaymentHarness } from './harness';

type H = Awaited<ReturnType<typeof startPaymentHarness>>;
let h: H;
afterEach(async () => h?.close());

async function shop(h: H) {
  expect((await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' })).ok).toBe(true);
  await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' });
  await h.engine.dispatch('basket/scan', { code: BREAD, source: 'panel' });
  await h.engine.dispatch('basket/scan', { code: APPLES_1234, source: 'panel' });
  // 2 × 1.29 + 2.45 + round(1234 × 249 / 1000) = 2.58 + 2.45 + 3.07 = 8.10
  expect(h.engine.view().basket.totalCents).toBe(810);
}

const orderOf = (h: H) => h.sandbox.ledger().at(-1)!;

describe('pay with SWiP by QR', () => {
  it('creates the order, shows the QR, sees the payment, closes once with the amount', async () => {
    h = await startPaymentHarness();
    await shop(h);
    const r = await h.engine.dispatch('checkout/pay', { method: 'swip' });
    expect(r.ok).toBe(true);
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    const v = h.engine.view();
    expect(v.state).toBe('paying');
    expect(v.payment!.qrText).toMatch(/\/wallet\//);
    // 90 s counted from before the create request, minus the margin that keeps the cancel ahead of SWiP's own expiry.
    expect(v.payment!.secondsLeft).toBe(85);
    expect(v.basket.editable).toBe(false);
    expect((await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' })).ok).toBe(true);
    expect(h.engine.view().notice?.code).toBe('basket-locked');
    expect(h.engine.basket.lines).toHaveLength(3);

    h.sandbox.pay(v.payment!.qrText!);
    await h.until(() => h.engine.state === 'done', 'thank you');
    const entry = orderOf(h);
    expect(entry.events.filter((e) => e.type === 'closed').length).toBe(1);
    const rec = h.journal.recent(1)[0]!;
    expect(rec).toMatchObject({ step: 'closed', closeAmountCents: 810, totalOriginalCents: 810 });
    expect(h.journal.events(rec.merchantOrderId).map((e) => e.step)).toEqual(['requested', 'creating', 'created', 'paid', 'close-requested', 'closed']);
    await h.engine.dispatch('checkout/finish', {});
    expect(h.engine.state).toBe('attract');
  });

  it('shows loyalty discount lines and closes with the discounted total', async () => {
    h = await startPaymentHarness({ sandbox: { loyaltyPrograms: [{ programId: 7, description: 'Everyone −10 %', kind: 'percent', percentBp: 1000 }] } });
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    const v = h.engine.view();
    expect(v.basket.discounts).toEqual([{ description: 'Everyone −10 %', amountCents: 81 }]);
    expect(v.basket.totalCents).toBe(729);
    expect(v.basket.vat.reduce((s, r) => s + r.grossCents, 0)).toBe(729);
    h.sandbox.pay(v.payment!.qrText!);
    await h.until(() => h.engine.state === 'done', 'thank you');
    expect(h.journal.recent(1)[0]).toMatchObject({ closeAmountCents: 729, totalCents: 729, totalOriginalCents: 810 });
  });

  it('Cancel closes the order with 0 and returns to the basket', async () => {
    h = await startPaymentHarness();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    await h.engine.dispatch('checkout/cancelPayment', {});
    await h.until(() => h.engine.state === 'shopping', 'basket');
    expect(h.engine.view().notice?.code).toBe('payment-cancelled');
    expect(h.engine.basket.lines).toHaveLength(3);
    const o = orderOf(h);
    expect(o.status).toBe('CLOSED');
    expect(o.closeAmountCents).toBe(0);
    expect(h.journal.recent(1)[0]!.step).toBe('cancelled');
  });

  it('without payment the order is cancelled before SWiP\'s own 90 s run out (fake clock)', async () => {
    h = await startPaymentHarness();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    h.clock.advance(60_000);
    h.engine.tick();
    expect(h.engine.view().payment?.secondsLeft).toBe(25);
    h.clock.advance(25_001);
    h.engine.tick();
    await h.until(() => h.engine.state === 'shopping', 'basket after timeout');
    expect(h.engine.view().notice?.code).toBe('payment-timeout');
    expect(orderOf(h).closeAmountCents).toBe(0);
  });

  it('a payment that lands as the customer presses Cancel is closed, not refunded', async () => {
    h = await startPaymentHarness();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    h.flow.stop(); // no poll between the payment and the cancel
    h.sandbox.pay(h.engine.view().payment!.qrText!);
    await h.engine.dispatch('checkout/cancelPayment', {});
    await h.until(() => h.engine.state === 'done', 'closed instead of cancelled');
    expect(orderOf(h).closeAmountCents).toBe(810);
  });

  it('a failed create shows a translated message with a way forward, and nothing is charged', async () => {
    h = await startPaymentHarness();
    await shop(h);
    h.sandbox.injectFault({ kind: 'status', status: 500, path: '/orders' });
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'failed', 'failure');
    const p = h.engine.view().payment!;
    expect(p.error!.message.length).toBeGreaterThan(10);
    expect(p.error!.message).not.toMatch(/500|stack|Error:/);
    expect(h.journal.recent(1)[0]!.step).toBe('abandoned');
    h.sandbox.clearFaults();
    await h.engine.dispatch('checkout/back', {});
    expect(h.engine.state).toBe('shopping');
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR after retry');
    const mids = h.journal.recent(5).map((r) => r.merchantOrderId);
    expect(new Set(mids).size).toBe(2); // a fresh merchantOrderId for the new order
  });

  it('the basket cannot be paid twice at once', async () => {
    h = await startPaymentHarness();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    const again = await h.engine.dispatch('checkout/pay', { method: 'swip' });
    expect(again).toMatchObject({ ok: false, error: { code: 'payment-in-progress' } });
  });
});

describe('network faults during a payment', () => {
  it('a close whose response is lost after SWiP acted is recorded as closed, never closed twice', async () => {
    h = await startPaymentHarness();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    h.flow.stop(); // no poll: the cancel's last look finds the payment and closes
    h.sandbox.pay(h.engine.view().payment!.qrText!);
    h.sandbox.injectFault({ kind: 'lose-response', path: '/actions/close', times: 1 });
    await h.engine.dispatch('checkout/cancelPayment', {}); // last look sees the payment → close
    await h.until(() => h.engine.state === 'done', 'thank you after a lost close response', 15_000);
    const o = orderOf(h);
    expect(o.events.filter((e) => e.type === 'closed')).toHaveLength(1);
    expect(o.events.filter((e) => e.type === 'close-refused')).toHaveLength(0);
    expect(h.journal.recent(1)[0]).toMatchObject({ step: 'closed', closeAmountCents: 810 });
  });

  it('polls that fail with 500 keep the QR up, and the payment is still seen', async () => {
    h = await startPaymentHarness();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    h.sandbox.injectFault({ kind: 'status', status: 500, path: '/orders/', times: 6 });
    h.sandbox.pay(h.engine.view().payment!.qrText!);
    await h.until(() => h.engine.state === 'done', 'thank you after failing polls', 15_000);
    expect(orderOf(h).closeAmountCents).toBe(810);
  });
});

describe('card terminal', () => {
  it('"Pay at card terminal" on the kiosk is a plain terminal payment: no SWiP order at all', async () => {
    h = await startPaymentHarness({ terminalAutoApproveMs: null });
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await h.until(() => h.terminal.pending().length === 1, 'terminal waiting');
    expect(h.engine.view().payment).toMatchObject({ method: 'terminal', phase: 'waiting', qrText: null, totalCents: 810 });
    h.terminal.approve(h.terminal.pending()[0]!);
    await h.until(() => h.engine.state === 'done', 'thank you');
    expect(h.sandbox.ledger()).toHaveLength(0);
    expect(h.journal.recent(1)[0]).toMatchObject({ method: 'terminal', step: 'closed', closeAmountCents: 810 });
  });

  it('rounds 9.39 to 9.40 (5-cent cash rounding) and shows the rounding as its own line', async () => {
    h = await startPaymentHarness({ cashRoundingCents: 5, terminalAutoApproveMs: null });
    await shop(h);
    await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' }); // a third milk: 9.39
    expect(h.engine.view().basket.totalCents).toBe(939);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await h.until(() => h.terminal.pending().length === 1, 'terminal waiting');
    expect(h.engine.view().basket).toMatchObject({ roundingCents: 1, totalCents: 940 });
    expect(h.terminal.pendingAmount(h.terminal.pending()[0]!)).toBe(940);
    h.terminal.approve(h.terminal.pending()[0]!);
    await h.until(() => h.engine.state === 'done', 'thank you');
    expect(h.journal.recent(1)[0]).toMatchObject({ closeAmountCents: 940 });
    expect(h.journal.recent(1)[0]!.details).toMatchObject({ roundingCents: 1 });
  });

  it('a card approved just as the customer presses Cancel is taken and closed, not cancelled away', async () => {
    h = await startPaymentHarness({ terminalAutoApproveMs: null });
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await h.until(() => h.terminal.pending().length === 1, 'terminal waiting');
    h.flow.stop(); // no poll between the approval and the cancel
    h.terminal.approve(h.terminal.pending()[0]!);
    await h.engine.dispatch('checkout/cancelPayment', {});
    await h.until(() => h.engine.state === 'done', 'closed instead of cancelled');
    expect(h.journal.recent(1)[0]).toMatchObject({ step: 'closed', closeAmountCents: 810 });
  });

  it('a declined card leaves nothing charged and offers a way forward', async () => {
    h = await startPaymentHarness({ terminalAutoApproveMs: null });
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await h.until(() => h.terminal.pending().length === 1, 'terminal waiting');
    h.terminal.decline(h.terminal.pending()[0]!);
    await h.until(() => h.engine.view().payment?.phase === 'failed', 'declined');
    expect(h.engine.view().payment!.error!.message).toMatch(/declined/);
    expect(h.journal.recent(1)[0]!.step).toBe('declined');
    expect((await h.engine.dispatch('checkout/back', {})).ok).toBe(true);
  });
});
