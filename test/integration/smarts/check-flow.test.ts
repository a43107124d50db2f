import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { PurchaseCheckError, type CheckChange } from '../../../electron/smarts/checks';
import { editCart } from '../../../electron/smarts/edits';
import { linePrice } from '../../../electron/smarts/prices';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const beer = { id: 'BEER', name: 'Õlu 0,5 l', priceCents: 229, minAge: 18, quantity: 1 };
const wine = { id: 'WINE', name: 'Vein', priceCents: 1249, minAge: 18, quantity: 2 };
const bread = { id: 'BREAD', name: 'Rukkileib', priceCents: 189, vatRateBp: 900 };

describe('Smarts purchase check: check → decision → supervisor → result', () => {
  it('stores a pending check, resolves it with edited products and the gateway gets exactly that', async () => {
    const changes: CheckChange[] = [];
    h.store.onChange((c) => changes.push(c));
    const req = makeCheckRequest({ invoiceId: 'INV-1', products: [beer, wine, bread] });
    const answer = await h.sandbox.sendCheck(req);
    expect(answer).toEqual({ status: 200, body: { decision: 'AGE' } });

    const pending = h.store.pending();
    expect(pending.map((c) => c.invoiceId)).toEqual(['INV-1']);
    const check = pending[0]!;
    expect(check).toMatchObject({ status: 'pending', decision: 'AGE', lang: 'et', institutionId: req.institutionId, personId: req.personId });
    expect(check.reasons).toEqual([{ code: 'min-age', age: 18 }]);
    expect(check.totalCents).toBe(229 + 1249 + 189);
    expect(linePrice(check.products[2]!)).toEqual({ totalCents: 189, sumWithVATCents: 189, sumWithoutVATCents: 173, vatSumCents: 16, vatRateBp: 900 });
    expect(changes).toEqual([{ kind: 'received', invoiceId: 'INV-1', status: 'pending', repeated: false }]);

    const edited = editCart(check.products, [{ productId: 'WINE', quantity: 1 }, { productId: 'BEER', remove: true }]);
    const result = h.store.resolve('INV-1', 'passed', edited, 'sup-7');
    expect(result).toEqual({ invoiceId: 'INV-1', institutionId: req.institutionId, status: 'PASSED', products: edited });
    expect(h.store.get('INV-1')).toMatchObject({ status: 'passed', resolvedBy: 'sup-7', resultProducts: edited, resolvedAt: h.clock.now() });
    expect(h.outbox.rows('pending')).toHaveLength(1);

    expect(await h.outbox.flush()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    const got = h.sandbox.results();
    expect(got).toHaveLength(1);
    expect(got[0]!.result).toEqual(result);
    expect(got[0]!.result.products?.map((p) => [p.id, p.quantity.value])).toEqual([['WINE', 1], ['BREAD', 1]]);
    // Unknown Smarts fields survive the round trip.
    expect((got[0]!.result.products?.[0] as Record<string, unknown>).information).toEqual({ imageUrl: 'https://example.invalid/img/WINE.png' });
    expect(h.outbox.rows('sent')).toHaveLength(1);
    expect(await h.outbox.flush()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(h.sandbox.deliveryCount()).toBe(1);
    expect(changes.at(-1)).toEqual({ kind: 'resolved', invoiceId: 'INV-1', status: 'passed' });
  });

  it('sends no products when the supervisor changed nothing, and FAILED status as documented', async () => {
    const req = makeCheckRequest({ invoiceId: 'INV-2', products: [{ name: 'Teler', priceCents: 399_00 }] });
    expect((await h.sandbox.sendCheck(req)).body).toEqual({ decision: 'FULL' });
    const result = h.store.resolve('INV-2', 'failed', h.store.get('INV-2')!.products, 'sup-1');
    expect(result).toEqual({ invoiceId: 'INV-2', institutionId: req.institutionId, status: 'FAILED' });
    await h.outbox.flush();
    expect(h.sandbox.results().map((r) => r.result)).toEqual([result]);
    expect(h.store.get('INV-2')?.resultProducts).toBeNull();
  });

  it('a NO decision is not-required and cannot be resolved', async () => {
    const req = makeCheckRequest({ invoiceId: 'INV-3', products: [bread] });
    expect((await h.sandbox.sendCheck(req)).body).toEqual({ decision: 'NO' });
    expect(h.store.get('INV-3')?.status).toBe('not-required');
    expect(h.store.pending()).toEqual([]);
    expect(() => h.store.resolve('INV-3', 'passed', null, 'sup')).toThrow(expect.objectContaining({ code: 'not-required' }));
    expect(h.outbox.rows()).toEqual([]);
  });

  it('refuses unknown, twice-resolved and invalid edits without queuing anything extra', async () => {
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'INV-4', products: [beer] }));
    expect(() => h.store.resolve('NOPE', 'passed', null, 's')).toThrow(PurchaseCheckError);
    const bad = [{ id: 'X' }] as never;
    expect(() => h.store.resolve('INV-4', 'passed', bad, 's')).toThrow(expect.objectContaining({ code: 'invalid-products' }));
    expect(h.store.get('INV-4')?.status).toBe('pending');
    h.store.resolve('INV-4', 'failed_allow_payment', null, 's');
    expect(() => h.store.resolve('INV-4', 'passed', null, 's')).toThrow(expect.objectContaining({ code: 'already-resolved' }));
    expect(h.outbox.rows().map((r) => (r.body as { status: string }).status)).toEqual(['FAILED_ALLOW_PAYMENT']);
  });

  it('a repeated check with the same cart keeps its decision; a changed cart is re-decided and history kept', async () => {
    const req = makeCheckRequest({ invoiceId: 'INV-5', products: [beer] });
    await h.sandbox.sendCheck(req);
    const first = h.store.get('INV-5')!;
    h.clock.advance(60_000);
    expect((await h.sandbox.sendCheck(req)).body).toEqual({ decision: 'AGE' });
    expect(h.decideCalls).toBe(1);
    expect(h.store.history('INV-5')).toEqual([]);

    const bigger = makeCheckRequest({ invoiceId: 'INV-5', products: [beer, { id: 'TV', name: 'Teler', priceCents: 399_00 }] });
    expect((await h.sandbox.sendCheck(bigger)).body).toEqual({ decision: 'FULL' });
    expect(h.decideCalls).toBe(2);
    const now = h.store.get('INV-5')!;
    expect(now).toMatchObject({ decision: 'FULL', status: 'pending', receivedAt: first.receivedAt + 60_000 });
    expect(now.products.map((p) => p.id)).toEqual(['BEER', 'TV']);
    const hist = h.store.history('INV-5');
    expect(hist).toHaveLength(1);
    expect(hist[0]).toMatchObject({ decision: 'AGE', receivedAt: first.receivedAt, replacedAt: h.clock.now() });
  });

  it('a newer cart drops a result that was still waiting for the gateway', async () => {
    await h.sandbox.setOutage(true);
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'INV-6', products: [beer] }));
    h.store.resolve('INV-6', 'passed', null, 's');
    expect((await h.outbox.flush()).retrying).toBe(1);
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'INV-6', products: [beer, wine] }));
    expect(h.outbox.rows('pending')).toEqual([]);
    expect(h.outbox.rows('failed')[0]?.lastError).toMatch(/superseded/);
    expect(h.store.get('INV-6')?.status).toBe('pending');
  });

  it('decides FULL when the rules throw (fail closed)', async () => {
    const r = h.store.receive(makeCheckRequest({ invoiceId: 'INV-7', products: [bread] }), () => {
      throw new Error('rules broke');
    });
    expect(r).toMatchObject({ decision: 'FULL', status: 'pending' });
    expect(h.store.get('INV-7')?.reasons).toEqual([{ code: 'rules-error' }]);
  });
});
