import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderOf, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ merchantName: 'Pood <&> "Kassa"' });
});
afterEach(async () => {
  await h.close();
});

interface ControlAnswer {
  ok: boolean;
  error?: string;
  order?: { orderStatus: string; paid: number; cash: boolean; error: string | null };
}

function control(path: string, body: unknown): Promise<Response> {
  return fetch(`${h.sandbox.url}/__control/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe('SWiP wallet page', () => {
  it('renders the order (escaped) with Pay / terminal / Decline buttons wired to the control API', async () => {
    const o = await h.client.createOrder(orderOf());
    const res = await fetch(o.sessionCode!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Pood &lt;&amp;&gt; &quot;Kassa&quot;');
    expect(html).toContain('Leib &lt;Rukki&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('<Rukki>');
    expect(html).toContain('€ 6.53');
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<link|src="http|href="http/);
    expect(html).toContain(`data-order="${o.id}"`);
    const actions = [...html.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1]);
    expect(actions).toEqual(['pay', 'pay-personal', 'terminal', 'decline', 'expire', 'fault-lose', 'fault-429']);
    expect(html).toContain("fetch('/__control/' + path");

    // What the Pay button does: POST /__control/pay {order: <data-order>}.
    const pay = await control('pay', { order: o.id });
    expect(pay.status).toBe(200);
    const answer = (await pay.json()) as ControlAnswer;
    expect(answer.order).toMatchObject({ orderStatus: 'OPEN', paid: 6.53 });
    expect(await h.client.getOrder(o.id)).toMatchObject({ paidCents: 653, unconfirmedCents: 653 });

    const after = await (await fetch(o.sessionCode!)).text();
    expect(after).not.toContain('data-action="pay"');
    expect(after).toContain('Paid, waiting for the shop to confirm');
  });

  it('Decline keeps the order open and unpaid with an error; terminal marks it cash', async () => {
    const a = await h.client.createOrder(orderOf());
    expect((await control('decline', { order: a.sessionCode })).status).toBe(200);
    expect(await h.client.getOrder(a.id)).toMatchObject({ status: 'OPEN', paidCents: 0, error: 'Payment declined by the issuing bank' });
    const b = await h.client.createOrder(orderOf());
    const code = b.sessionCode!.split('/').at(-1)!;
    expect((await control('markTerminal', { order: code })).status).toBe(200);
    expect(await h.client.getOrder(b.id)).toMatchObject({ cash: true, paidCents: 0 });
  });

  it('control API refuses what the app could not do', async () => {
    const o = await h.client.createOrder(orderOf());
    await control('pay', { order: o.id });
    const twice = await control('pay', { order: o.id });
    expect([twice.status, ((await twice.json()) as ControlAnswer).error]).toEqual([409, 'already-paid']);
    const missing = await control('pay', { order: 'nope' });
    expect(missing.status).toBe(404);
    const bad = await control('pay', {});
    expect(bad.status).toBe(400);
    await h.client.closeOrder(o.id, 653);
    expect((await control('decline', { order: o.id })).status).toBe(409);
    const page = await fetch(`${h.sandbox.url}/wallet/UNKNOWN`);
    expect(page.status).toBe(404);
  });

  it('control API arms faults, serves the ledger and resets', async () => {
    const o = await h.client.createOrder(orderOf());
    expect((await control('faults', { kind: 'status', status: 503, path: '/orders/', times: 1 })).status).toBe(200);
    expect((await control('faults', { kind: 'explode' })).status).toBe(400);
    const raw = await fetch(`${h.sandbox.url}/orders/${o.id}`, {
      headers: { Authorization: 'Bearer x', 'X-Merchant-ID': 'x', 'X-Store-ID': 'x', 'X-Cash-ID': 'x', 'Api-Version': '3' },
    });
    expect(raw.status).toBe(503); // faults act before authentication, like a gateway outage
    const ledger = (await (await fetch(`${h.sandbox.url}/__control/ledger`)).json()) as Array<{ id: string }>;
    expect(ledger.map((l) => l.id)).toEqual([o.id]);
    expect((await control('reset', {})).status).toBe(200);
    expect(h.sandbox.ledger()).toEqual([]);
  });

  it('uses publicBaseUrl for wallet links', async () => {
    const other = await startHarness({ publicBaseUrl: 'http://192.168.1.20:8080/' });
    try {
      const o = await other.client.createOrder(orderOf());
      expect(o.sessionCode).toMatch(/^http:\/\/192\.168\.1\.20:8080\/wallet\/[A-Z0-9]{10}$/);
    } finally {
      await other.close();
    }
  });
});
