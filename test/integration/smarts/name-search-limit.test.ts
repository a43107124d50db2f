/**
 * The per-client limit of Smarts name search on a real merchant node: a client over its budget
 * gets 429 with Retry-After while its barcode searches still pass, and is served again once
 * tokens have refilled; invalid requests do not use the budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../../electron/catalog';
import { memoryLog } from '../../../electron/log';
import { type MerchantNode, startMerchantNode } from '../../../electron/node/server';
import { smartsProductRoutes } from '../../../electron/smarts/product-routes';
import { goodRows } from '../catalog/fixtures';
import { rawRequest } from './http-client';

const TOKEN = 'name-limit-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
let dir: string;
let catalog: Catalog;
let node: MerchantNode;
let now = 0;
const log = memoryLog('node');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-name-limit-'));
  catalog = Catalog.open(join(dir, 'catalog.db'), memoryLog('catalog'));
  catalog.importProducts(goodRows(), 'test');
  const rules = { timeZone: 'Europe/Tallinn', requiredAge: () => null, saleWindow: () => null };
  node = await startMerchantNode({ port: 0, inboundToken: TOKEN, log, routes: [smartsProductRoutes({ catalog, rules, nameSearchLimit: { perSecond: 0.5, burst: 3 }, now: () => now })] });
});
afterAll(async () => {
  await node?.close();
  catalog?.close();
  rmSync(dir, { recursive: true, force: true });
});

const byName = (name: string) => rawRequest(node.url, '/product/search/name', { headers: AUTH, body: JSON.stringify({ name, langCode: 'EN' }) });

describe('name search rate limit', () => {
  it('answers 429 with Retry-After over the burst, keeps other routes open, and serves again after the refill', async () => {
    // Invalid requests are refused before the limit and use none of it.
    for (let i = 0; i < 5; i++) expect((await rawRequest(node.url, '/product/search/name', { headers: AUTH, body: '{"name":""}' })).status).toBe(400);
    const first = await Promise.all([byName('milk'), byName('vodka'), byName('bananas')]);
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((first[0]!.json as unknown as Array<{ id: string }>).map((p) => p.id)).toEqual(['MILK-1']);
    const over = await byName('milk');
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('2');
    expect(over.json).toMatchObject({ error: 'rate-limited', retryAfterMs: 2000 });
    expect(log.lines.some((l) => l.msg === 'node request' && l.status === 429 && l.limited === 'name search')).toBe(true);
    // Barcode search is not limited by it.
    const scan = await rawRequest(node.url, '/product/search/barcode', { headers: AUTH, body: JSON.stringify({ barcode: '96385074', langCode: 'EN' }) });
    expect(scan.status).toBe(200);
    now += 1999;
    expect((await byName('milk')).status).toBe(429);
    now += 1;
    expect((await byName('milk')).status).toBe(200);
    expect((await byName('milk')).status).toBe(429);
  });
});
