import { afterEach, describe, expect, it } from 'vitest';
import { BADGE, CODES, ORDER_WITH_NUMBER, PIN, PRODUCTS, startEngine, type EngineHarness } from './harness';

let h: EngineHarness;
afterEach(() => h?.close());
const scan = (code: string) => h.engine.dispatch('basket/scan', { code, source: 'panel' });
const login = async () => {
  await scan(BADGE);
  expect(h.engine.view().supervisor?.phase).toBe('pin');
  expect((await h.engine.dispatch('supervisor/pin', { pin: PIN })).ok).toBe(true);
  expect(h.engine.view().supervisor).toMatchObject({ phase: 'active', name: 'Mari Maasikas' });
};

describe('age-restricted items', () => {
  it('the customer keeps scanning; Pay locks for an age check until a supervisor approves', async () => {
    h = startEngine();
    await scan(CODES.beer);
    expect(h.engine.view().notice).toMatchObject({ code: 'age-restricted', params: { age: 18 } });
    await scan(CODES.milk);
    expect(h.engine.basket.lines).toHaveLength(2);
    expect(await h.engine.dispatch('checkout/pay', { method: 'swip' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(h.engine.view().lock).toMatchObject({ reason: 'age-check' });
    expect(h.engine.view().assistance.requested).toBe(true);
    // Every customer intent is refused by the engine while locked.
    for (const [c, p] of [['basket/scan', { code: CODES.milk, source: 'panel' }], ['basket/removeLine', { lineId: 'L1' }], ['checkout/pay', { method: 'swip' }], ['session/cancel', {}]] as const) {
      expect(await h.engine.dispatch(c, p)).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
    expect(h.engine.basket.lines).toHaveLength(2);
    await login();
    await h.engine.dispatch('supervisor/approveAge', {});
    await h.engine.dispatch('supervisor/logout', {});
    expect(h.engine.view().lock).toBeNull();
    expect(h.engine.view().basket.lines[0]!.ageApproved).toBe(true);
    expect((await h.engine.dispatch('checkout/pay', { method: 'swip' })).ok).toBe(true);
    const actions = h.audit.list().map((e) => e.action);
    expect(actions).toEqual(['login', 'approve-age', 'logout']);
  });

  it('alcohol after 22:00 in Tallinn cannot be sold at all', async () => {
    h = startEngine();
    h.clock.set(Date.parse('2026-11-23T20:30:00Z')); // 22:30 in Tallinn
    await scan(CODES.milk);
    await scan(CODES.beer);
    expect(h.engine.view().notice).toMatchObject({ code: 'not-sold-now', params: { from: '10:00', to: '22:00' } });
    expect(h.engine.basket.lines.map((l) => l.sku)).toEqual(['MILK']);
  });
});

describe('sampled purchase check', () => {
  it('locks at Pay; the supervisor voids a line and passes; the corrected basket pays', async () => {
    h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
    await scan(CODES.milk);
    await scan(CODES.bread);
    expect(await h.engine.dispatch('checkout/pay', { method: 'swip' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(h.engine.view().lock).toMatchObject({ reason: 'purchase-check', reasons: ['sampling'] });
    await login();
    expect((await h.engine.dispatch('supervisor/voidLine', { lineId: 'L2', reason: 'Scanned twice' })).ok).toBe(true);
    // Signing out with the lock still on does not continue the Pay.
    await h.engine.dispatch('supervisor/logout', {});
    expect(h.resumed).toHaveLength(0);
    await login();
    await h.engine.dispatch('supervisor/passCheck', {});
    await h.engine.dispatch('supervisor/logout', {});
    // Check passed and staff gone: the payments are asked to continue the Pay the check stopped.
    expect(h.resumed).toHaveLength(1);
    expect(h.engine.view().basket.totalCents).toBe(129);
    expect((await h.engine.dispatch('checkout/pay', { method: 'swip' })).ok).toBe(true); // not re-sampled
    const voided = h.audit.list().find((e) => e.action === 'void-line')!;
    expect(voided.basketBefore).toHaveLength(2);
    expect(voided.basketAfter).toHaveLength(1);
    expect(voided.detail).toMatchObject({ lineId: 'L2', reason: 'Scanned twice' });
    expect(h.audit.exportCsv()).toMatch(/void-line/);
  });

  it('supervisor actions are refused without a supervisor session', async () => {
    h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
    await scan(CODES.milk);
    for (const c of ['supervisor/passCheck', 'supervisor/approveAge', 'supervisor/cancelSession'] as const) {
      expect(await h.engine.dispatch(c, {})).toMatchObject({ ok: false, error: { code: 'supervisor-required' } });
    }
    expect(await h.engine.dispatch('supervisor/voidLine', { lineId: 'L1' })).toMatchObject({ ok: false, error: { code: 'supervisor-required' } });
    expect(h.engine.basket.lines).toHaveLength(1);
  });

  it('the lock survives a restart and the session ends after 60 s of staff inactivity', async () => {
    h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
    await scan(CODES.milk);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    h = h.reopen();
    expect(h.engine.view().lock).toMatchObject({ reason: 'purchase-check' });
    expect(await h.engine.dispatch('basket/scan', { code: CODES.bread, source: 'panel' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    await login();
    h.clock.advance(60_000);
    h.engine.tick();
    expect(h.engine.view().supervisor).toBeNull();
    expect(h.engine.view().lock).not.toBeNull();
    expect(h.audit.list().at(-1)!.action).toBe('logout-idle');
  });
});

describe('supervisor login', () => {
  it('five wrong PINs lock the badge for five minutes', async () => {
    h = startEngine();
    await scan(BADGE);
    for (let i = 1; i <= 5; i++) {
      const r = await h.engine.dispatch('supervisor/pin', { pin: '0000' });
      expect(r.ok).toBe(false);
    }
    expect(h.engine.view().supervisor?.pinError).toMatchObject({ reason: 'locked' });
    expect(await h.engine.dispatch('supervisor/pin', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'locked' } });
    h.clock.advance(5 * 60_000);
    await scan(BADGE);
    expect((await h.engine.dispatch('supervisor/pin', { pin: PIN })).ok).toBe(true);
    // Five checked PINs are audited; the one for the already-locked badge was refused unchecked.
    expect(h.audit.list().filter((e) => e.action === 'login-failed')).toHaveLength(5);
    // Secrets never reach the audit log.
    expect(JSON.stringify(h.audit.list())).not.toContain(PIN);
  });

  it('a supervisor cancels the whole session', async () => {
    h = startEngine();
    await scan(CODES.milk);
    await login();
    await h.engine.dispatch('supervisor/cancelSession', {});
    expect(h.engine.view()).toMatchObject({ state: 'attract', basket: { lines: [] } });
  });
});

describe('Smarts on the staff console (issue 10)', () => {
  it('paid Smarts receipts and pickup orders are in the supervisor view; reprint, open, retry and pickup intents are staff-only and audited', async () => {
    const calls: string[] = [];
    const sale = { merchantOrderId: 'SM-000007', orderNumber: 'SM-000007', at: 5, totalCents: 692, paidCents: 692, refundedCents: 0, refundableCents: 0, state: 'closed', method: 'smarts' };
    h = startEngine({
      smarts: {
        checks: () => [],
        resolve: (id, status) => void calls.push(`resolve ${id} ${status}`),
        requestResend: async () => undefined,
        open: (id, by) => void calls.push(`open ${id} ${by}`),
        orders: () => [sale],
        pickups: () => [{ id: 'ORD-1', customerId: 'p', status: 'WAITING_FOR_CONFIRMATION', method: 'PARCEL', totalCents: 758, products: [], receivedAt: 1 }],
        setPickupStatus: (id, status) => void calls.push(`pickup ${id} ${status}`),
        reprint: (id) => void calls.push(`reprint ${id}`),
        retryFailed: (id) => void calls.push(`retry ${id}`),
      },
    });
    const intents = [
      ['supervisor/reprintSmarts', { institutionInvoiceId: 'SM-000007' }],
      ['supervisor/openSmarts', { invoiceId: 'INV-1' }],
      ['supervisor/retrySmarts', { invoiceId: 'INV-1' }],
      ['supervisor/pickupStatus', { id: 'ORD-1', status: 'CONFIRMED' }],
      ['supervisor/resolveSmarts', { invoiceId: 'INV-1', status: 'CANCEL_SHOPPING' }],
    ] as const;
    for (const [c, p] of intents) expect(await h.engine.dispatch(c, p)).toMatchObject({ ok: false, error: { code: 'supervisor-required' } });
    expect(calls).toEqual([]);
    await login();
    expect(h.engine.view().supervisor).toMatchObject({ orders: [sale], pickups: [{ id: 'ORD-1' }] });
    for (const [c, p] of intents) expect((await h.engine.dispatch(c, p)).ok, c).toBe(true);
    expect(calls).toEqual(['reprint SM-000007', `open INV-1 ${BADGE}`, 'retry INV-1', 'pickup ORD-1 CONFIRMED', 'resolve INV-1 CANCEL_SHOPPING']);
    const actions = h.audit.list().map((e) => e.action);
    for (const a of ['smarts-reprint', 'smarts-open', 'smarts-retry', 'smarts-pickup-status', 'smarts-cancel-shopping']) expect(actions).toContain(a);
  });
});

describe('payment actions in the audit log', () => {
  it('name the order by its kiosk order number as well as its internal id', async () => {
    h = startEngine();
    await login();
    expect((await h.engine.dispatch('supervisor/refund', { merchantOrderId: ORDER_WITH_NUMBER.mid, amountCents: 100, reason: 'Goods returned' })).ok).toBe(true);
    // The console confirms it.
    expect(h.engine.view().supervisor?.done).toMatchObject({ action: 'refund', outcome: 'succeeded', orderNo: 'K01-0427', amountCents: 100 });
    expect((await h.engine.dispatch('supervisor/reverse', { merchantOrderId: ORDER_WITH_NUMBER.mid, reason: 'Duplicate' })).ok).toBe(true);
    const entries = h.audit.list().filter((e) => e.action === 'refund' || e.action === 'reverse');
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.detail).toMatchObject({ request: { merchantOrderId: ORDER_WITH_NUMBER.mid, orderNo: 'K01-0427' }, outcome: 'succeeded' });
    expect(h.audit.exportCsv()).toContain('K01-0427');
    expect(h.engine.view().supervisor?.done).toMatchObject({ action: 'reverse', orderNo: 'K01-0427' });
    await h.engine.dispatch('supervisor/logout', {});
    await login();
    expect(h.engine.view().supervisor?.done).toBeNull();
  });
});

describe('looked-up weighed items (purchaseControl.lookupWeighed)', () => {
  const apples = () => PRODUCTS.find((p) => p.sku === 'APPLES')!;
  const weighedHere = { kind: 'weight' as const, grams: 1234, scale: { grossGrams: 1234, tareGrams: 0, status: 'stable' as const } };

  it('rate 1: a basket with an item weighed on the kiosk scale locks for a full check at Pay', async () => {
    h = startEngine({ rules: { lookupWeighed: { rate: 1 } } });
    h.engine.startSession();
    h.engine.addScanned(apples(), apples().barcodes[0]!, weighedHere);
    expect(await h.engine.dispatch('checkout/pay', { method: 'swip' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(h.engine.view().lock).toMatchObject({ reason: 'purchase-check', reasons: ['lookup-weighed'] });
  });

  it('the same weight from a printed label is not drawn; with the rule off nothing is drawn', async () => {
    h = startEngine({ rules: { lookupWeighed: { rate: 1 } } });
    await scan(CODES.apples1234);
    expect((await h.engine.dispatch('checkout/pay', { method: 'swip' })).ok).toBe(true);
    h.close();
    h = startEngine();
    h.engine.startSession();
    h.engine.addScanned(apples(), apples().barcodes[0]!, weighedHere);
    expect((await h.engine.dispatch('checkout/pay', { method: 'swip' })).ok).toBe(true);
  });
});
