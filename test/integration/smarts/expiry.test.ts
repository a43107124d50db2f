import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { SMARTS_LOCK_MS, type CheckChange } from '../../../electron/smarts/checks';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const beer = { id: 'BEER', name: 'Õlu', priceCents: 229, minAge: 18 };

describe('purchase check expiry after 4 h (fake clock)', () => {
  it('expires a pending check at 4 h, not before; resolve is refused; the expiry is reported once as EXIPRED', async () => {
    const changes: CheckChange[] = [];
    h.store.onChange((c) => changes.push(c));
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'EXP-1', products: [beer] }));
    const t0 = h.clock.now();
    h.clock.advance(30 * 60_000);
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'EXP-2', products: [beer] }));

    expect(h.store.expireOlderThan(t0 + SMARTS_LOCK_MS - 1)).toEqual([]);
    expect(h.store.get('EXP-1')?.status).toBe('pending');
    expect(h.store.expireOlderThan(t0 + SMARTS_LOCK_MS)).toEqual(['EXP-1']);
    expect(h.store.get('EXP-1')).toMatchObject({ status: 'expired', resolvedBy: 'system:expiry', resolvedAt: t0 + SMARTS_LOCK_MS });
    expect(h.store.pending().map((c) => c.invoiceId)).toEqual(['EXP-2']);
    expect(changes.at(-1)).toEqual({ kind: 'expired', invoiceId: 'EXP-1', status: 'expired' });

    expect(() => h.store.resolve('EXP-1', 'passed', null, 'late-sup')).toThrow(expect.objectContaining({ code: 'expired' }));
    expect(h.store.get('EXP-1')?.status).toBe('expired');
    // The document's expiry status (spelled "EXIPRED") goes to Smarts once; the late resolve added nothing.
    expect(h.outbox.rows().map((r) => r.body)).toEqual([{ invoiceId: 'EXP-1', institutionId: 'store-tln-01', status: 'EXIPRED' }]);
    h.clock.advance(SMARTS_LOCK_MS); // the row is due at its expiry time
    await h.outbox.flush();
    expect(h.sandbox.results().map((r) => [r.result.invoiceId, r.result.status])).toEqual([['EXP-1', 'EXIPRED']]);
    expect(h.store.expireOlderThan(t0 + SMARTS_LOCK_MS + 60_000)).toEqual([]);
    expect(h.outbox.rows()).toHaveLength(1);
  });

  it('with results.sendExpired false an expiry is recorded but not sent', async () => {
    const { PurchaseCheckStore } = await import('../../../electron/smarts/checks');
    const quiet = new PurchaseCheckStore(h.db, h.clock, h.log, { sendExpired: false });
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'EXP-Q', products: [beer] }));
    h.clock.advance(SMARTS_LOCK_MS);
    expect(quiet.expireOlderThan(h.clock.now())).toEqual(['EXP-Q']);
    expect(h.outbox.rows()).toEqual([]);
  });

  it('the expiry timer uses the injected clock', async () => {
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'EXP-3', products: [beer] }));
    const stop = h.store.startExpiryTimer(10);
    try {
      await new Promise((r) => setTimeout(r, 40));
      expect(h.store.get('EXP-3')?.status).toBe('pending');
      h.clock.advance(SMARTS_LOCK_MS);
      const until = Date.now() + 2000;
      while (h.store.get('EXP-3')?.status !== 'expired' && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect(h.store.get('EXP-3')?.status).toBe('expired');
    } finally {
      stop();
    }
  });

  it('a check that survives a restart still expires on time', async () => {
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'EXP-4', products: [beer] }));
    const { store } = h.reopen();
    expect(store.pending().map((c) => c.invoiceId)).toEqual(['EXP-4']);
    h.clock.advance(SMARTS_LOCK_MS);
    expect(store.expireOlderThan(h.clock.now())).toEqual(['EXP-4']);
  });
});
