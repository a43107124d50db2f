import { describe, expect, it } from 'vitest';
import { SwipCode, swipCustomerMessage } from '../../../electron/payments/swip';
import { TOKEN, orderOf, eachTest, startHarness, swipError, thrown, type Harness } from './harness';

let h: Harness;
eachTest(async () => (h = await startHarness()));

/** Counts the requests that reach the network, per path. */
function countingFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    },
  };
}

describe('SWiP retries', () => {
  it('GET is retried on 500 and 503 and then succeeds', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.injectFault({ kind: 'status', status: 500, path: '/orders/', times: 1 });
    h.sandbox.injectFault({ kind: 'status', status: 503, path: '/orders/', times: 1 });
    const c = countingFetch();
    const read = await h.clientWith({}, c.fetch).getOrder(o.id);
    expect(read.id).toBe(o.id);
    expect(c.calls).toHaveLength(3);
    const warns = h.log.lines.filter((l) => l.msg === 'swip call failed');
    expect(warns.map((l) => l.status)).toEqual([500, 503]);
  });

  it('GET gives up after the configured attempts with a retryable server error', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.injectFault({ kind: 'status', status: 500, path: '/orders/' });
    const c = countingFetch();
    const e = await swipError(() => h.clientWith({}, c.fetch).getOrder(o.id));
    expect(e).toMatchObject({ type: 'api', httpStatus: 500, code: 1, retryable: true, messageKey: 'swip.error.server' });
    expect(c.calls).toHaveLength(3);
  });

  it('429 honours Retry-After (seconds) on GET', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.injectFault({ kind: 'status', status: 429, path: '/orders/', times: 1, retryAfterS: 1 });
    const started = Date.now();
    const read = await h.clientWith({ retry: { attempts: 3, baseMs: 10, maxMs: 400 } }).getOrder(o.id);
    expect(read.id).toBe(o.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('429 with a Retry-After beyond 5 × maxMs surfaces at once', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.injectFault({ kind: 'status', status: 429, path: '/orders/', times: 1, retryAfterS: 30 });
    const started = Date.now();
    const e = await swipError(() => h.client.getOrder(o.id));
    expect(Date.now() - started).toBeLessThan(10_000); // not the 30 s the server asked for
    expect(e).toMatchObject({ httpStatus: 429, retryable: true, messageKey: 'swip.error.busy' });
  });

  it('close is retried on 429 (the request was refused, not processed)', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.pay(o.id);
    h.sandbox.injectFault({ kind: 'status', status: 429, path: `/orders/${o.id}/actions/close`, times: 1 });
    expect(await h.client.closeOrder(o.id, 653)).toMatchObject({ status: 'CLOSED' });
  });

  it('500 on close is not retried: the error surfaces and the order stays open', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.pay(o.id);
    h.sandbox.injectFault({ kind: 'status', status: 500, path: `/orders/${o.id}/actions/close`, times: 1 });
    const c = countingFetch();
    const e = await swipError(() => h.clientWith({}, c.fetch).closeOrder(o.id, 653));
    expect(e).toMatchObject({ httpStatus: 500, retryable: true });
    expect(c.calls).toEqual([`POST /orders/${o.id}/actions/close`]);
    expect((await h.client.getOrder(o.id)).status).toBe('OPEN');
  });

  it('loyalty calculation is retried on a dropped connection', async () => {
    h.sandbox.injectFault({ kind: 'drop', path: '/loyalty-calculations', times: 2 });
    const r = await h.client.loyaltyCalculation('m-1', orderOf().purchases, 653);
    expect(r.totalCents).toBe(653);
  });

  it('createOrder is retried when the connection is refused before anything is sent', async () => {
    let refused = 0;
    const flaky: typeof fetch = (input, init) => {
      if (refused++ < 2) {
        return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }));
      }
      return fetch(input, init);
    };
    const o = await h.clientWith({}, flaky).createOrder(orderOf());
    expect(o.status).toBe('OPEN');
    expect(h.sandbox.ledger()).toHaveLength(1);
  });

  it('a refused connection on a closed port is a network error after the attempts', async () => {
    const port = new URL(h.sandbox.url).port;
    await h.sandbox.close();
    const e = await swipError(() => h.clientWith({ baseUrl: `http://127.0.0.1:${port}` }).createOrder(orderOf()));
    expect(e).toMatchObject({ type: 'network', retryable: true, messageKey: 'swip.error.network' });
    expect(e.message).toContain('ECONNREFUSED');
    expect(h.log.lines.filter((l) => l.msg === 'swip call failed')).toHaveLength(3);
    h = await startHarness(); // afterEach closes this one
  });
});

describe('SWiP lost answers on create', () => {
  for (const kind of ['drop', 'lose-response'] as const) {
    it(`${kind}: network error, no retry; a re-create with the same merchantOrderId is 28 exactly when the order exists`, async () => {
      h.sandbox.injectFault({ kind, path: '/orders', times: 1 });
      const req = orderOf();
      const c = countingFetch();
      const e = await swipError(() => h.clientWith({}, c.fetch).createOrder(req));
      expect(e).toMatchObject({ type: 'network', retryable: true });
      expect(c.calls).toEqual(['POST /orders']);
      const exists = kind === 'lose-response';
      expect(h.sandbox.ledger().map((l) => l.merchantOrderId)).toEqual(exists ? [req.merchantOrderId] : []);
      if (exists) {
        const again = await swipError(() => h.client.createOrder(req));
        expect(again.code).toBe(SwipCode.ORDER_ALREADY_EXISTS);
        expect(h.sandbox.ledger()).toHaveLength(1);
      } else {
        expect((await h.client.createOrder(req)).merchantOrderId).toBe(req.merchantOrderId);
      }
    });
  }
});

describe('SWiP timeouts and invalid responses', () => {
  it('a slow answer is a timeout (per try), retried for GET', async () => {
    const o = await h.client.createOrder(orderOf());
    h.sandbox.injectFault({ kind: 'delay', ms: 600, path: '/orders/', times: 1 });
    const fast = h.clientWith({ timeoutMs: 150 });
    expect((await fast.getOrder(o.id)).id).toBe(o.id);
    h.sandbox.injectFault({ kind: 'delay', ms: 600, path: '/orders/' });
    const e = await swipError(() => fast.getOrder(o.id));
    expect(e).toMatchObject({ type: 'timeout', retryable: true, messageKey: 'swip.error.timeout' });
    h.sandbox.clearFaults();
  });

  it('a slow create is a timeout and is not retried', async () => {
    h.sandbox.injectFault({ kind: 'delay', ms: 400, path: '/orders', times: 1 });
    const c = countingFetch();
    const e = await swipError(() => h.clientWith({ timeoutMs: 100 }, c.fetch).createOrder(orderOf()));
    expect(e.type).toBe('timeout');
    expect(c.calls).toHaveLength(1);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['malformed JSON', '{"id": "x", ', /malformed JSON/],
    ['empty body', '', /empty body/],
    ['missing total', JSON.stringify({ id: 'x', merchantOrderId: 'm', orderStatus: 'OPEN', totalOriginal: 1 }), /field 'total'/],
    ['wrong type', JSON.stringify({ id: 'x', merchantOrderId: 'm', orderStatus: 'OPEN', total: true, totalOriginal: 1 }), /field 'total'/],
    ['not a number string', JSON.stringify({ id: 'x', merchantOrderId: 'm', orderStatus: 'OPEN', total: '1,50', totalOriginal: 1 }), /field 'total'/],
  ];
  for (const [name, body, why] of cases) {
    it(`invalid response: ${name}`, async () => {
      h.sandbox.injectFault({ kind: 'malformed', path: '/orders/', times: 1, body });
      const e = await swipError(() => h.client.getOrder('x'));
      expect(e).toMatchObject({ type: 'invalid-response', retryable: false, messageKey: 'swip.error.response' });
      expect(e.message).toMatch(why);
    });
  }

  it('tolerates an orderStatus the document does not list (kept as UNKNOWN with the raw text)', async () => {
    h.sandbox.injectFault({ kind: 'malformed', path: '/orders/', times: 1, body: JSON.stringify({ id: 'x', merchantOrderId: 'm', orderStatus: 'PAID', total: 1, totalOriginal: 1 }) });
    expect(await h.client.getOrder('x')).toMatchObject({ status: 'UNKNOWN', rawStatus: 'PAID', totalCents: 100 });
  });

  it('tolerates numeric strings, nulls, missing optional fields and unknown fields', async () => {
    const body = JSON.stringify({
      id: 'x', merchantOrderId: 'm', orderStatus: 'CLOSED', total: '12.30', totalOriginal: 12.5, paid: null, closeAmount: '12.3',
      sessionCode: null, cash: 'true', orderNumber: 123, 'private boolean': 'cash', extra: { deep: [1] },
    });
    h.sandbox.injectFault({ kind: 'malformed', path: '/orders/', times: 1, body });
    expect(await h.client.getOrder('x')).toMatchObject({
      status: 'CLOSED', totalCents: 1230, totalOriginalCents: 1250, paidCents: 0, unconfirmedCents: 0, closeAmountCents: 1230,
      refundedCents: 0, sessionCode: null, cash: true, orderNumber: '123', pan: null,
    });
  });

  it('a refund FAIL answer is returned as a result, not thrown', async () => {
    h.sandbox.injectFault({ kind: 'malformed', path: '/refunds', times: 1, body: '{"status":"FAIL","description":"Bank refused","code":"13"}' });
    expect(await h.client.refund('m', 100)).toEqual({ status: 'FAIL', slip: null, description: 'Bank refused', code: 13 });
  });

  it('an HTTP error without a JSON body is type http; the @type variant is type api', async () => {
    const plain: typeof fetch = () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await swipError(() => h.clientWith({ retry: { attempts: 1, baseMs: 1, maxMs: 1 } }, plain).getOrder('x'))).toMatchObject({
      type: 'http', httpStatus: 502, retryable: true, messageKey: 'swip.error.server',
    });
    const variant: typeof fetch = () =>
      Promise.resolve(new Response(JSON.stringify({ '@type': 'OrderNotPaid', code: 31, timestamp: '2025-01-15T10:00:00Z', fieldErrors: [] }), { status: 400 }));
    const e = await swipError(() => h.clientWith({}, variant).closeOrder('x', 100));
    expect(e).toMatchObject({ type: 'api', code: 31, description: 'OrderNotPaid', codeName: 'ORDER_NOT_PAID' });
  });
});

describe('SWiP secrets and customer messages', () => {
  it('the token never appears in logs or error messages, also when the server echoes it', async () => {
    const o = await h.client.createOrder(orderOf());
    await h.client.getOrder(o.id);
    await thrown(() => h.client.closeOrder(o.id, 999));
    const echo: typeof fetch = () =>
      Promise.resolve(new Response(JSON.stringify({ code: 2, description: `bad token Bearer ${TOKEN}`, fieldErrors: [] }), { status: 401 }));
    const e = await swipError(() => h.clientWith({}, echo).getOrder(o.id));
    expect(e.message).not.toContain(TOKEN);
    expect(e.description).toContain('[redacted]');
    const text = JSON.stringify(h.log.lines);
    expect(text).not.toContain(TOKEN);
    const ok = h.log.lines.find((l) => l.msg === 'swip call' && l.path === '/orders')!;
    expect(ok).toMatchObject({ method: 'POST', status: 200, merchantOrderId: o.merchantOrderId });
    expect(typeof ok.ms).toBe('number');
  });

  it('every error class has a short, non-technical message in every language', async () => {
    const samples: unknown[] = [
      await thrown(() => h.clientWith({ token: 'bad' }).getOrder('x')),
      await thrown(() => h.client.getOrder('x')),
      new Error('boom'),
    ];
    for (const s of samples) {
      const texts = (['en', 'et', 'pl', 'ru'] as const).map((l) => swipCustomerMessage(s, l));
      expect(new Set(texts).size).toBe(4);
      for (const t of texts) {
        expect(t.length).toBeLessThan(120);
        expect(t).not.toMatch(/HTTP|\b\d{3}\b|code|error/i);
      }
    }
    expect(swipCustomerMessage(samples[0], 'en')).toMatch(/terminal|staff/);
    expect(swipCustomerMessage(samples[1], 'en')).toMatch(/staff/);
  });
});
