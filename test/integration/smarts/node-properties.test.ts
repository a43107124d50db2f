/**
 * Property tests (fast-check) over the merchant node's schemas, through real HTTP: random valid
 * checks are accepted and stored readable; random mutations of valid checks and random bodies
 * never crash the node (no 5xx), always get a JSON reply, and a refused request changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCheckRequest, type SandboxProductSpec } from '../../../electron/sandbox/smarts/requests';
import { basketTotalCents, linePrice } from '../../../electron/smarts/prices';
import { MAX_AMOUNT_CENTS, PurchaseControlCheckRequest } from '../../../electron/smarts/schemas';
import { NODE_TOKEN, startHarness, type Harness } from './harness';
import { rawRequest } from './http-client';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ node: { rateLimit: false } });
});
afterAll(async () => {
  await h.close();
});

const AUTH = { authorization: `Bearer ${NODE_TOKEN}`, 'content-type': 'application/json' };
let seq = 0;

function tableState(): string {
  return JSON.stringify(h.db.prepare('SELECT * FROM smarts_checks ORDER BY invoice_id').all()) + JSON.stringify(h.db.prepare('SELECT COUNT(*) AS n FROM smarts_check_history').get());
}

const productSpec: fc.Arbitrary<SandboxProductSpec> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(s)),
  priceCents: fc.integer({ min: 0, max: 100_000_00 }),
  vatRateBp: fc.constantFrom(0, 900, 2200, 2400),
  weightItem: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 50 }),
  minAge: fc.option(fc.constantFrom(16, 18), { nil: undefined }),
});

const validRequest = fc.array(productSpec, { minLength: 1, maxLength: 6 }).map((specs) => {
  const id = `PROP-${++seq}`;
  return makeCheckRequest({ invoiceId: id, products: specs.map((s, i) => ({ ...s, id: `${id}-P${i}`, discountCents: 0 })) }) as Record<string, unknown>;
});

/** Every path to a leaf or node of a JSON value. */
function paths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete cur[last];
  else cur[last] = value;
  return copy;
}

const hostileValue = fc.oneof(
  fc.constantFrom(1e20, -190, -0.01, 0, 1.5, Number.MAX_SAFE_INTEGER, 1e-9, '1e20', '-5', 'NaN', '', ' ', '\u202E', 'a\u0000b', null, true, [], {}, 'x'.repeat(3000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string(),
  fc.double(),
);

const mutation = fc.record({ pathSeed: fc.nat(), value: hostileValue, remove: fc.boolean(), duplicate: fc.boolean() });

async function post(body: string) {
  return rawRequest(h.node.url, '/control/check', { headers: AUTH, body });
}

describe('merchant node properties', () => {
  it('random valid checks are accepted, and what is stored is readable by the console', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, async (req) => {
        const r = await post(JSON.stringify(req));
        expect(r.status, r.text).toBe(200);
        const stored = h.store.get(String(req.invoiceId))!;
        expect(stored.totalCents).toBe(basketTotalCents(req as never));
      }),
      { numRuns: 60 },
    );
  });

  it('mutated valid checks: never 5xx, always a JSON reply, refused ones change nothing, accepted ones stay displayable', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, fc.array(mutation, { minLength: 1, maxLength: 3 }), async (req, muts) => {
        let body: unknown = req;
        for (const m of muts) {
          const all = paths(body);
          const path = all[m.pathSeed % all.length]!;
          body = setAt(body, path, m.value, m.remove && path.length > 0);
          if (m.duplicate && body && typeof body === 'object' && Array.isArray((body as { products?: unknown }).products)) {
            const ps = (body as { products: unknown[] }).products;
            if (ps.length > 0) ps.push(structuredClone(ps[0]));
          }
        }
        const before = tableState();
        const sent = JSON.stringify(body);
        const r = await post(sent);
        expect(r.status, r.text).toBeLessThan(500);
        expect(r.json, r.text).not.toBeNull();
        if (r.status !== 200) {
          expect([400, 413]).toContain(r.status);
          expect(tableState()).toBe(before);
          return;
        }
        // Accepted: the schema held for what was sent (JSON turns a non-finite number into null),
        // so every amount converts and the basket is in range.
        const parsed = PurchaseControlCheckRequest.parse(JSON.parse(sent));
        const stored = h.store.get(parsed.invoiceId)!;
        expect(stored.totalCents).toBeLessThanOrEqual(MAX_AMOUNT_CENTS);
        for (const p of stored.products) {
          const price = linePrice(p);
          expect(price.totalCents).toBeGreaterThanOrEqual(0);
          expect(Number(p.quantity.value)).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a counterexample found in CI: a blank name and weightItem −Infinity (sent as null) is accepted as a piece item and displayable', async () => {
    const req = makeCheckRequest({ invoiceId: 'PROP-FIXED-1', products: [{ id: 'PROP-FIXED-1-P0', name: ' ', priceCents: 0, vatRateBp: 0, weightItem: false, quantity: 1, minAge: 16, discountCents: 0 }] }) as Record<string, unknown>;
    const products = req.products as Array<Record<string, unknown>>;
    products[0]!.weightItem = Number.NEGATIVE_INFINITY;
    const sent = JSON.stringify(req);
    expect(sent).toContain('"weightItem":null');
    const r = await post(sent);
    expect(r.status, r.text).toBe(200);
    const stored = h.store.get('PROP-FIXED-1')!;
    expect(stored.totalCents).toBe(0);
    expect(linePrice(stored.products[0]!).totalCents).toBe(0);
    // A non-finite number where an amount belongs is refused and stores nothing.
    const bad = structuredClone(req) as { products: Array<{ price: { total: unknown } }> };
    bad.products[0]!.price.total = Number.POSITIVE_INFINITY;
    const before = tableState();
    const r2 = await post(JSON.stringify({ ...bad, invoiceId: 'PROP-FIXED-2' }));
    expect(r2.status, r2.text).toBe(400);
    expect(tableState()).toBe(before);
  });

  it('random bodies and content types: never 5xx, always a reply, nothing stored', async () => {
    const before = tableState();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 2000 }), fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null'), fc.nat({ max: 200 }).map((n) => '['.repeat(n) + ']'.repeat(n))),
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', 'application/octet-stream', 'multipart/form-data; boundary=x'),
        async (text, type) => {
          const r = await rawRequest(h.node.url, '/control/check', { headers: { ...AUTH, 'content-type': type }, body: text });
          expect(r.status, r.text).toBeGreaterThanOrEqual(400);
          expect(r.status, r.text).toBeLessThan(500);
          expect(r.json).not.toBeNull();
        },
      ),
      { numRuns: 150 },
    );
    expect(tableState()).toBe(before);
  });
});
