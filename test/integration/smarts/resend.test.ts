import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBasket, makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { PurchaseControlCheckRequest } from '../../../electron/smarts/schemas';
import { GATEWAY_TOKEN, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('resend and the sandbox gateway', () => {
  it('a resend request reaches the sandbox, which answers with the check and re-POSTs it to the node', async () => {
    const req = makeCheckRequest({ invoiceId: 'RS-1', products: [{ id: 'W', name: 'Vein', priceCents: 1249, minAge: 18 }] });
    await h.sandbox.sendCheck(req);
    h.store.resolve('RS-1', 'failed', null, 'sup');
    await h.outbox.flush();

    const outcome = await h.gateway.requestResend({ invoiceId: 'RS-1', institutionId: req.institutionId });
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(outcome.ok && outcome.value?.invoiceId).toBe('RS-1');
    expect(h.sandbox.resendRequests().map((r) => r.request)).toEqual([{ invoiceId: 'RS-1', institutionId: req.institutionId }]);
    expect(await h.sandbox.reposts()).toEqual([{ invoiceId: 'RS-1', status: 200, decision: 'AGE' }]);
    // The re-sent check opens a fresh pending check; the resolved one is in history.
    expect(h.store.get('RS-1')?.status).toBe('pending');
    expect(h.store.history('RS-1').map((c) => c.status)).toEqual(['failed']);

    // The same check fed again from the answer body is a no-op (no second decision).
    const calls = h.decideCalls;
    if (outcome.ok && outcome.value) h.store.receive(outcome.value, () => ({ decision: 'NO', reasons: [] }));
    expect(h.decideCalls).toBe(calls);
    expect(h.store.get('RS-1')?.decision).toBe('AGE');
  });

  it('a queued resend is delivered by the outbox and its answer goes to onResent', async () => {
    const got: string[] = [];
    const { SmartsOutbox } = await import('../../../electron/smarts/outbox');
    const outbox = new SmartsOutbox(h.db, h.gateway, h.log, h.clock, { onResent: (c) => got.push(c.invoiceId) });
    await h.sandbox.sendCheck(makeCheckRequest({ invoiceId: 'RS-2', products: [{ name: 'Õlu', priceCents: 229, minAge: 18 }] }));
    outbox.enqueueResend({ invoiceId: 'RS-2', institutionId: 'store-tln-01' });
    expect((await outbox.flush()).sent).toBe(1);
    expect(got).toEqual(['RS-2']);
    expect(h.sandbox.resendRequests()).toHaveLength(1);
  });

  it('the gateway sandbox checks the accessToken header and validates bodies', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(h.sandbox.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { accessToken: token } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post('/v1/control/result', { invoiceId: 'A', institutionId: 'B', status: 'PASSED' })).status).toBe(401);
    expect((await post('/v1/control/result', { invoiceId: 'A', institutionId: 'B', status: 'PASSED' }, 'bad')).status).toBe(401);
    const bad = await post('/v1/control/result', { invoiceId: 'A', institutionId: 'B', status: 'EXPIRED' }, GATEWAY_TOKEN);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues[0]?.path).toBe('status');
    expect((await post('/v1/control/result', { invoiceId: 'A', institutionId: 'B', status: 'EXIPRED' }, GATEWAY_TOKEN)).status).toBe(200);
    expect((await post('/v1/control/resend', { invoiceId: 'A' }, GATEWAY_TOKEN)).status).toBe(400);
    expect(h.sandbox.results().map((r) => r.result.status)).toEqual(['EXIPRED']);
  });

  it('builds realistic 50-product baskets that pass the schema', () => {
    const b = makeBasket(50, 7);
    expect(PurchaseControlCheckRequest.safeParse(b).success).toBe(true);
    expect(b.products).toHaveLength(50);
    expect(b.products.some((p) => p.inspections?.some((i) => i.type === 'MIN_AGE' && i.age === 18))).toBe(true);
    expect(makeBasket(50, 7)).toEqual(b);
    for (const p of b.products) {
      const v = p.price.vat;
      expect(Math.round((Number(v.sumWithoutVAT) + Number(v.VATSum)) * 100)).toBe(Math.round(Number(v.sumWithVAT) * 100));
    }
  });
});
