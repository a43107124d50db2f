import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { NODE_TOKEN, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function post(path: string, body: string, headers: Record<string, string> = { authorization: `Bearer ${NODE_TOKEN}` }) {
  const res = await fetch(h.node.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const milk = { name: 'Piim', priceCents: 119 };

describe('merchant node', () => {
  it('answers health and version to an authenticated caller', async () => {
    const health = await fetch(`${h.node.url}/node/health`, { headers: { accessToken: NODE_TOKEN } });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'UP' });
    const version = await fetch(`${h.node.url}/node/version`, { headers: { authorization: `Bearer ${NODE_TOKEN}` } });
    expect(await version.json()).toEqual({ version: '9.9.9-test' });
  });

  it('accepts the token as Bearer or as the accessToken header', async () => {
    const body = JSON.stringify(makeCheckRequest({ products: [milk] }));
    expect((await post('/control/check', body, { authorization: `Bearer ${NODE_TOKEN}` })).body).toEqual({ decision: 'NO' });
    expect((await post('/control/check', body, { accessToken: NODE_TOKEN })).body).toEqual({ decision: 'NO' });
  });

  it('refuses a missing or wrong token with 401 JSON and stores nothing', async () => {
    const req = makeCheckRequest({ products: [milk] });
    const none = await post('/control/check', JSON.stringify(req), {});
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('unauthorized');
    const wrong = await post('/control/check', JSON.stringify(req), { authorization: `Bearer ${NODE_TOKEN}x` });
    expect(wrong.status).toBe(401);
    const wrongHeader = await post('/control/check', JSON.stringify(req), { accessToken: 'nope' });
    expect(wrongHeader.status).toBe(401);
    expect((await fetch(`${h.node.url}/node/health`)).status).toBe(401);
    expect(h.store.get(req.invoiceId)).toBeNull();
  });

  it('answers 400 invalid-json to a body that is not JSON', async () => {
    const r = await post('/control/check', '{"invoiceId": ');
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid-json');
  });

  it('answers 400 with issues for a missing invoiceId and wrong types', async () => {
    const { invoiceId: _drop, ...noId } = makeCheckRequest({ products: [milk] });
    const missing = await post('/control/check', JSON.stringify(noId));
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid-request');
    expect(missing.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'invoiceId' })]));

    const bad = makeCheckRequest({ products: [milk] }) as unknown as Record<string, unknown>;
    bad.personId = 42;
    ((bad.products as Array<Record<string, any>>)[0]!.price as Record<string, unknown>).total = 'one euro';
    const wrong = await post('/control/check', JSON.stringify(bad));
    expect(wrong.status).toBe(400);
    const paths = (wrong.body.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toContain('personId');
    expect(paths).toContain('products.0.price.total');
    expect(h.store.get(String(bad.invoiceId))).toBeNull();
  });

  it('tolerates unknown fields and a numeric-string quantity', async () => {
    const req = makeCheckRequest({ products: [{ name: 'Banaan', priceCents: 163, weightItem: true }] }) as any;
    req.products[0].quantity.value = '1.03';
    req.somethingNew = { x: 1 };
    const r = await post('/control/check', JSON.stringify(req));
    expect(r.status).toBe(200);
    expect(h.store.get(req.invoiceId)?.products[0]?.quantity.value).toBe('1.03');
  });

  it('answers 413 with a clear message to an oversized body', async () => {
    const huge = JSON.stringify({ ...makeCheckRequest({ products: [milk] }), pad: 'x'.repeat(300 * 1024) });
    const r = await post('/control/check', huge);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: 'body-too-large' });
    expect(String(r.body.message)).toContain('262144');
  });

  it('logs route, status and invoiceId but never the token or the body', async () => {
    const req = makeCheckRequest({ invoiceId: 'LOG-CHECK-1', products: [{ name: 'Secret-ish product name', priceCents: 100 }] });
    await post('/control/check', JSON.stringify(req));
    const line = h.log.lines.find((l) => l.invoiceId === 'LOG-CHECK-1' && l.msg === 'node request');
    expect(line).toMatchObject({ route: '/control/check', status: 200, decision: 'NO' });
    expect(typeof line?.ms).toBe('number');
    const all = JSON.stringify(h.log.lines);
    expect(all).not.toContain(NODE_TOKEN);
    expect(all).not.toContain('Secret-ish');
  });
});
