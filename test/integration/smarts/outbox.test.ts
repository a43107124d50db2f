import { afterEach, describe, expect, it } from 'vitest';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import type { OutboxRow } from '../../../electron/smarts/outbox';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const beer = { id: 'BEER', name: 'Õlu', priceCents: 229, minAge: 18 };

async function resolvedCheck(hh: Harness, invoiceId: string) {
  await hh.sandbox.sendCheck(makeCheckRequest({ invoiceId, products: [beer] }));
  return hh.store.resolve(invoiceId, 'passed', null, 'sup-1');
}

async function waitUntil(cond: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SmartsOutbox', () => {
  it('keeps a result pending through a gateway outage (503 and refused) with exponential backoff, then delivers once', async () => {
    h = await startHarness({ outbox: { baseMs: 1000, maxMs: 4000 } });
    const result = await resolvedCheck(h, 'OUT-1');
    await h.sandbox.setOutage(true, 'http-503');
    const t0 = h.clock.now();
    expect(await h.outbox.flush()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    let row = h.outbox.rows('pending')[0]!;
    expect(row).toMatchObject({ attempts: 1, nextAttemptAt: t0 + 1000 });
    expect(row.lastError).toContain('503');

    // Not due yet: nothing is tried.
    expect(await h.outbox.flush()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    await h.sandbox.setOutage(true, 'refuse');
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.clock.set(h.outbox.rows('pending')[0]!.nextAttemptAt);
      expect((await h.outbox.flush()).retrying).toBe(1);
      row = h.outbox.rows('pending')[0]!;
      delays.push(row.nextAttemptAt - h.clock.now());
    }
    expect(delays).toEqual([2000, 4000, 4000, 4000]); // doubled, capped at maxMs
    expect(row.lastError).toMatch(/network/);
    expect(h.sandbox.deliveryCount()).toBe(0);

    await h.sandbox.setOutage(false);
    h.clock.set(row.nextAttemptAt);
    expect(await h.outbox.flush()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(h.sandbox.results().map((r) => r.result)).toEqual([result]);
    expect(h.sandbox.deliveryCount()).toBe(1);
    expect(h.outbox.rows('sent')[0]).toMatchObject({ attempts: 6, lastError: null });
  });

  it('the running loop delivers on its own once the gateway is back (real timers, short backoff)', async () => {
    h = await startHarness({ outbox: { baseMs: 20, maxMs: 50, pollMs: 20 } });
    await h.sandbox.setOutage(true, 'refuse');
    // The loop needs time to move; the fake clock follows the wall clock here.
    const started = Date.now();
    const base = h.clock.now();
    const tick = setInterval(() => h!.clock.set(base + (Date.now() - started)), 5);
    try {
      h.outbox.start();
      await resolvedCheck(h, 'OUT-2');
      h.outbox.wake();
      await waitUntil(() => (h!.outbox.rows('pending')[0]?.attempts ?? 0) >= 2);
      await h.sandbox.setOutage(false);
      await waitUntil(() => h!.sandbox.deliveryCount() === 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(h.sandbox.deliveryCount()).toBe(1);
      expect(h.outbox.rows('pending')).toEqual([]);
    } finally {
      clearInterval(tick);
    }
  });

  it('a 4xx is a permanent failure surfaced via onFailed; 408/429/500 are retried', async () => {
    const failed: OutboxRow[] = [];
    h = await startHarness({ outbox: { baseMs: 1000, onFailed: (r) => failed.push(r) } });
    await resolvedCheck(h, 'OUT-3');
    for (const status of [500, 408, 429]) {
      h.sandbox.failNext(status);
      expect((await h.outbox.flush()).retrying).toBe(1);
      h.clock.advance(60_000);
    }
    h.sandbox.failNext(422);
    expect(await h.outbox.flush()).toEqual({ sent: 0, failed: 1, retrying: 0 });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ invoiceId: 'OUT-3', state: 'failed', attempts: 4 });
    expect(failed[0]!.lastError).toContain('422');
    expect(h.log.lines.some((l) => l.msg === 'smarts call failed for good' && l.invoiceId === 'OUT-3')).toBe(true);

    // The supervisor retries it and this time it goes through.
    expect(h.outbox.retryFailed(failed[0]!.id)).toBe(true);
    expect((await h.outbox.flush()).sent).toBe(1);
    expect(h.sandbox.deliveryCount()).toBe(1);
  });

  it('a wrong gateway token is a permanent 401 failure, never a retry loop', async () => {
    h = await startHarness();
    await resolvedCheck(h, 'OUT-4');
    const { SmartsGateway } = await import('../../../electron/smarts/gateway');
    const wrong = new SmartsGateway({ baseUrl: h.sandbox.url, accessToken: 'wrong-token', log: h.log });
    const outcome = await wrong.sendResult({ invoiceId: 'OUT-4', institutionId: 'x', status: 'PASSED' });
    expect(outcome).toMatchObject({ ok: false, kind: 'permanent', status: 401 });
    expect(JSON.stringify(h.log.lines)).not.toContain('wrong-token');
  });

  it('a gateway timeout is retried', async () => {
    h = await startHarness({ gatewayTimeoutMs: 100 });
    await resolvedCheck(h, 'OUT-5');
    h.sandbox.setDelay(400);
    const r = await h.outbox.flush();
    expect(r.retrying).toBe(1);
    expect(h.outbox.rows('pending')[0]?.lastError).toMatch(/timeout/);
    h.sandbox.setDelay(0);
  });

  it('survives a restart: a pending row on the reopened DB is delivered exactly once', async () => {
    h = await startHarness({ outbox: { baseMs: 1000 } });
    await h.sandbox.setOutage(true, 'http-503');
    const result = await resolvedCheck(h, 'OUT-6');
    expect((await h.outbox.flush()).retrying).toBe(1);
    await h.outbox.stop();

    const { store, outbox } = h.reopen();
    expect(store.get('OUT-6')?.status).toBe('passed');
    expect(outbox.rows('pending')).toHaveLength(1);
    await h.sandbox.setOutage(false);
    h.clock.advance(1000);
    expect(await outbox.flush()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(await outbox.flush()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(h.sandbox.deliveryCount()).toBe(1);
    expect(h.sandbox.results().map((r) => r.result)).toEqual([result]);
  });

  it('delivers rows of one invoice in order and lets other invoices pass a backed-off row', async () => {
    h = await startHarness({ outbox: { baseMs: 1000 } });
    await resolvedCheck(h, 'ORD-A');
    await resolvedCheck(h, 'ORD-B');
    h.outbox.enqueueResend({ invoiceId: 'ORD-A', institutionId: 'store-tln-01' });
    h.sandbox.failNext(503);
    expect((await h.outbox.flush()).retrying).toBe(1); // ORD-A result backs off
    // ORD-A's resend must wait behind its result; ORD-B goes.
    expect(await h.outbox.flush()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(h.outbox.rows('pending').map((r) => [r.invoiceId, r.kind])).toEqual([['ORD-A', 'result'], ['ORD-A', 'resend']]);
    h.clock.advance(1000);
    expect((await h.outbox.flush()).sent).toBe(2);
    expect(h.outbox.rows('sent').map((r) => [r.invoiceId, r.kind])).toEqual([['ORD-A', 'result'], ['ORD-B', 'result'], ['ORD-A', 'resend']]);
  });
});
