/**
 * Issue 9, merchant node: every bad input the adversarial review found is refused with a clear
 * status, nothing is stored, and the reply always reaches the client (raw HTTP on loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { MAX_AMOUNT } from '../../../electron/smarts/schemas';
import { NODE_TOKEN, startHarness, type Harness } from './harness';
import { blindPost, rawRequest } from './http-client';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const AUTH = { authorization: `Bearer ${NODE_TOKEN}`, 'content-type': 'application/json' };
const milk = { id: 'MILK', name: 'Piim', priceCents: 119 };
const wine = { id: 'WINE', name: 'Vein', priceCents: 150_00, minAge: 18 };

type Mutable = Record<string, any>;
function check(mutate: (req: Mutable) => void, invoiceId: string): Mutable {
  const req = structuredClone(makeCheckRequest({ invoiceId, products: [milk, wine] })) as Mutable;
  mutate(req);
  return req;
}

async function refused(invoiceId: string, mutate: (req: Mutable) => void, path?: string) {
  const r = await rawRequest(h.node.url, '/control/check', { headers: AUTH, body: JSON.stringify(check(mutate, invoiceId)) });
  expect(r.status, r.text).toBe(400);
  expect(r.json?.error).toBe('invalid-request');
  if (path) expect((r.json?.issues as Array<{ path: string }>).map((i) => i.path)).toContain(path);
  expect(h.store.get(invoiceId)).toBeNull();
  return r;
}

describe('merchant node refuses bad Smarts input (400, nothing stored)', () => {
  it('a valid check is still accepted (the baseline the refusals are measured against)', async () => {
    const r = await rawRequest(h.node.url, '/control/check', { headers: AUTH, body: JSON.stringify(check(() => {}, 'OK-1')) });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ decision: 'FULL' });
    expect(h.store.get('OK-1')?.totalCents).toBe(119 + 150_00);
  });

  it('the poison check: price.total 1e20', async () => {
    await refused('POISON-1', (q) => (q.products[0].price.total = 1e20), 'products.0.price.total');
    await refused('POISON-2', (q) => (q.products[0].price.vat.sumWithVAT = 1e20), 'products.0.price.vat.sumWithVAT');
    await refused('POISON-3', (q) => (q.products[0].price.total = String(MAX_AMOUNT + 0.01)), 'products.0.price.total');
  });

  it('a basket total above the documented maximum', async () => {
    await refused('HUGE-1', (q) => {
      for (const p of q.products) p.price.total = MAX_AMOUNT;
    });
  });

  it('negative prices: a −190 € line cannot turn FULL into NO', async () => {
    const r = await refused('NEG-1', (q) => {
      const line = structuredClone(q.products[0]);
      line.id = 'REFUND-TRICK';
      line.price.total = -190;
      line.price.vat.sumWithVAT = -190;
      q.products.push(line);
    });
    expect((r.json?.issues as Array<{ path: string }>).map((i) => i.path)).toEqual(expect.arrayContaining(['products.2.price.total', 'products.2.price.vat.sumWithVAT']));
    await refused('NEG-2', (q) => (q.products[0].price.addition = { type: 'DSC', sum: -5, rate: null }), 'products.0.price.addition.sum');
  });

  it('negative, zero and fractional piece quantities', async () => {
    await refused('QTY-1', (q) => (q.products[0].quantity.value = -1), 'products.0.quantity.value');
    await refused('QTY-2', (q) => (q.products[0].quantity.value = 0), 'products.0.quantity.value');
    await refused('QTY-3', (q) => (q.products[0].quantity.value = 1.5), 'products.0.quantity.value');
    await refused('QTY-4', (q) => (q.products[0].quantity.value = '2.5'), 'products.0.quantity.value');
    await refused('QTY-5', (q) => (q.products[0].quantity.unit = 'BUSHEL'), 'products.0.quantity.unit');
    // A weighed product may have a fractional quantity.
    const ok = await rawRequest(h.node.url, '/control/check', {
      headers: AUTH,
      body: JSON.stringify(check((q) => (q.products[0].quantity = { unit: 'KILOGRAM', value: 1.234 }), 'QTY-KG')),
    });
    expect(ok.status).toBe(200);
  });

  it('duplicate product ids', async () => {
    await refused('DUP-1', (q) => (q.products[1].id = q.products[0].id), 'products.1.id');
  });

  it('control and bidi-override characters, over-long strings', async () => {
    await refused('CTL-1', (q) => (q.products[0].translatableName.originalText = 'Piim\u0007'), 'products.0.translatableName.originalText');
    await refused('CTL-2', (q) => (q.products[0].translatableName.originalText = 'Piim \u202Etxe.exe'), 'products.0.translatableName.originalText');
    await refused('CTL-3', (q) => (q.products[0].translatableName.translations = [{ EN: 'milk\u2066' }]), 'products.0.translatableName.translations.0.EN');
    await refused('CTL-4', (q) => (q.products[0].barcode = '474\u0085'), 'products.0.barcode');
    await refused('CTL-5', (q) => (q.personId = 'p'.repeat(201)), 'personId');
    await refused('CTL\u202E6', () => {}, 'invoiceId');
  });

  it('60,000-deep nested JSON is a 400, not a 500', async () => {
    const deep = `{"invoiceId":"DEEP-1","x":${'['.repeat(60_000)}${']'.repeat(60_000)}}`;
    const r = await rawRequest(h.node.url, '/control/check', { headers: AUTH, body: deep });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'invalid-json', message: expect.stringContaining('nesting') });
    // Brackets inside strings do not count.
    const inString = JSON.stringify(check((q) => (q.products[0].translatableName.originalText = '['.repeat(1000)), 'DEEP-2'));
    expect((await rawRequest(h.node.url, '/control/check', { headers: AUTH, body: inString })).status).toBe(200);
    expect(h.store.get('DEEP-1')).toBeNull();
  });

  it('a wrong content type is 415, before the body is parsed', async () => {
    const body = JSON.stringify(check(() => {}, 'CT-1'));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const r = await rawRequest(h.node.url, '/control/check', { headers: { ...AUTH, 'content-type': type }, body });
      expect(r.status, type).toBe(415);
      expect(r.json).toMatchObject({ error: 'unsupported-media-type' });
    }
    const { 'content-type': _drop, ...noType } = AUTH;
    const none = await rawRequest(h.node.url, '/control/check', { headers: noType, body });
    expect(none.status).toBe(415);
    expect(h.store.get('CT-1')).toBeNull();
    const charset = await rawRequest(h.node.url, '/control/check', { headers: { ...AUTH, 'content-type': 'application/json;charset=UTF-8' }, body });
    expect(charset.status).toBe(200);
  });

  it('__proto__ keys are refused', async () => {
    const body = JSON.stringify(check(() => {}, 'PROTO-1')).replace('{', '{"__proto__":{"polluted":true},');
    const r = await rawRequest(h.node.url, '/control/check', { headers: AUTH, body });
    expect(r.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(h.store.get('PROTO-1')).toBeNull();
  });

  it('an oversized body gets the 413 reply, with and without Content-Length', async () => {
    for (const bytes of [300 * 1024, 5 * 1024 * 1024]) {
      const r = await rawRequest(h.node.url, '/control/check', { headers: AUTH, body: { bytes } });
      expect(r.status, `${bytes} bytes`).toBe(413);
      expect(r.json).toMatchObject({ error: 'body-too-large', message: expect.stringContaining('262144') });
      const chunked = await rawRequest(h.node.url, '/control/check', { headers: AUTH, body: { bytes, chunked: true } });
      expect(chunked.status, `${bytes} bytes chunked`).toBe(413);
    }
    // A client that writes the whole body before reading still gets the reply.
    expect(await blindPost(h.node.url, '/control/check', AUTH, 8 * 1024 * 1024)).toBe('HTTP/1.1 413 Payload Too Large');
    // And with fetch (undici), as Smarts' HTTP client would.
    const res = await fetch(`${h.node.url}/control/check`, { method: 'POST', headers: AUTH, body: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    // The node still answers afterwards.
    expect((await rawRequest(h.node.url, '/node/health', { method: 'GET', headers: AUTH })).status).toBe(200);
  });
});

describe('merchant node rate limit', () => {
  it('answers 429 with a JSON body and Retry-After once a client exceeds its budget, also for wrong tokens', async () => {
    const limited = await startHarness({ node: { rateLimit: { max: 5, windowMs: 60_000 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await rawRequest(limited.node.url, '/node/health', { method: 'GET', headers: AUTH })).status);
      statuses.push((await rawRequest(limited.node.url, '/node/health', { method: 'GET', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status);
      const over = await rawRequest(limited.node.url, '/control/check', { headers: AUTH, body: JSON.stringify(check(() => {}, 'RL-1')) });
      expect(statuses).toEqual([200, 200, 200, 200, 401]);
      expect(over.status).toBe(429);
      expect(over.json).toMatchObject({ error: 'rate-limited', retryAfterMs: expect.any(Number) });
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.store.get('RL-1')).toBeNull();
    } finally {
      await limited.close();
    }
  });
});
