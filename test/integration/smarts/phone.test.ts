/**
 * The simulator's phone page ("Smarts app") against the kiosk's node: its key, scanning and
 * searching through product search, the purchase check and the store's result, the receipt and
 * its confirmation, the sale in the order record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmarts, type SmartsPart } from '../../../electron/app/smarts';
import { Catalog } from '../../../electron/catalog';
import { DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';
import { configSchema } from '../../../electron/config/schema';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { ManualClock } from '../../../electron/engine/clock';
import type { KioskEngine } from '../../../electron/engine/engine';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import { memoryLog } from '../../../electron/log';
import type { SmartsSandbox } from '../../../electron/sandbox/smarts/sandbox';

const MILK = withCheckDigit('4740000000010');
const BEER = withCheckDigit('4740000000030');
const BREAD = withCheckDigit('4740000000020');
const names = (en: string) => ({ en, et: en, pl: en, ru: en });
const ROWS = [
  { sku: 'MILK', barcodes: [MILK], name: names('Milk 1 l'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null },
  { sku: 'BEER', barcodes: [BEER], name: names('Beer 0.5 l'), unitPriceCents: 189, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'alcohol', ageLimit: 18 },
  { sku: 'BREAD', barcodes: [BREAD], name: names('Rye bread'), unitPriceCents: 245, vatRateBp: 900, unit: 'piece', soldByWeight: false, category: 'bakery', ageLimit: null },
];

let dir: string;
let db: JournalDb;
let catalog: Catalog;
let part: SmartsPart;
let sim: SmartsSandbox;
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-smarts-phone-'));
  db = openJournalDb(join(dir, 'journal.db'));
  catalog = Catalog.open(join(dir, 'catalog.db'), memoryLog('catalog'));
  catalog.importProducts(ROWS, 'test');
  const config = configSchema.parse({ smarts: { nodeToken: 'phone-node-token-0123456789', institutionId: 'store-77' } });
  const rules = { ...DEFAULT_CONTROL_RULES, timeZone: 'Europe/Tallinn', ageLimits: { alcohol: 18 }, saleHours: [], sampling: { rate: 0, seed: 1 } };
  const engine = { publish: () => undefined } as unknown as KioskEngine;
  part = (await startSmarts({ config, mode: 'demo', engine, db, clock, log: memoryLog('smarts'), rules, catalog, defaultLang: 'et' }))!;
  sim = part.sandbox!;
});
afterAll(async () => {
  await part?.close();
  catalog?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = async (path: string, body?: unknown, key: string | null = sim.phone.key) => {
  const r = await fetch(`${sim.url}/phone/api/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { ...(key ? { 'x-phone-key': key } : {}), 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('the Smarts app page of the simulator', () => {
  it('is served only with its key; the API refuses calls without it; the gateway still needs its token', async () => {
    expect((await fetch(sim.phoneUrl)).status).toBe(200);
    expect(await (await fetch(sim.phoneUrl)).text()).toContain('<title>Smarts app (simulator)</title>');
    expect((await fetch(`${sim.url}/phone?key=wrong`)).status).toBe(401);
    expect((await fetch(`${sim.url}/phone`)).status).toBe(401);
    expect((await api('state', undefined, null)).status).toBe(401);
    expect((await api('scan', { barcode: MILK }, 'nope')).status).toBe(401);
    expect((await fetch(`${sim.url}/v1/control/result`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await api('scan', { barcode: '' })).status).toBe(409);
    expect((await api('scan', { barcode: 'x'.repeat(65) })).status).toBe(409);
  });

  it('scans three products through the node, waits for the store\'s age check, creates and pays the receipt', async () => {
    await api('reset', {});
    for (const code of [MILK, BEER, MILK, BREAD]) expect((await api('scan', { barcode: code })).status).toBe(200);
    const unknown = await api('scan', { barcode: withCheckDigit('4740000009990') });
    expect(unknown.body.message).toMatch(/No product/);
    const found = await api('search', { name: 'bread' });
    expect(found.body.products).toEqual([{ name: 'Rye bread', barcode: BREAD, priceCents: 245 }]);
    let s = (await api('state')).body as { invoiceId: string; lines: Array<{ id: string; quantity: number; rowCents: number }>; totalCents: number; step: string };
    expect(s.lines.map((l) => [l.id, l.quantity, l.rowCents])).toEqual([['MILK', 2, 258], ['BEER', 1, 189], ['BREAD', 1, 245]]);
    expect(s.totalCents).toBe(692);
    expect((await api('pay', {})).body.message).toMatch(/Cannot pay now/);

    s = (await api('check', {})).body as typeof s;
    expect(s).toMatchObject({ step: 'checking', decision: 'AGE' });
    expect(part.store.get(s.invoiceId)).toMatchObject({ status: 'pending', institutionId: 'store-77' });
    expect((await api('scan', { barcode: MILK })).status).toBe(409); // the app is locked while checking

    part.port.resolve(s.invoiceId, 'PASSED', undefined, 'SUP-1');
    await part.outbox.flush();
    expect((await api('state')).body).toMatchObject({ step: 'ready-to-pay', checkStatus: 'PASSED' });
    const paid = (await api('pay', {})).body as { step: string; receipt: { institutionInvoiceId: string; total: number } };
    expect(paid.step).toBe('paid');
    expect(paid.receipt.total).toBe(6.92);
    expect(part.receipts!.get(s.invoiceId)?.status).toBe('confirmed');
    expect(part.port.orders()[0]).toMatchObject({ merchantOrderId: paid.receipt.institutionInvoiceId, method: 'smarts', paidCents: 692 });
  });

  it('a supervisor\'s edit comes back to the app; a FAILED check cannot be paid', async () => {
    await api('reset', {});
    await api('scan', { barcode: BEER });
    await api('scan', { barcode: BEER });
    const s = (await api('check', {})).body as { invoiceId: string };
    part.port.resolve(s.invoiceId, 'PASSED', [{ index: 0, quantity: 1 }], 'SUP-1');
    await part.outbox.flush();
    expect((await api('state')).body).toMatchObject({ step: 'ready-to-pay', lines: [{ id: 'BEER', quantity: 1, rowCents: 189 }], totalCents: 189 });

    await api('reset', {});
    await api('scan', { barcode: BEER });
    const f = (await api('check', {})).body as { invoiceId: string };
    part.port.resolve(f.invoiceId, 'FAILED', undefined, 'SUP-1');
    await part.outbox.flush();
    expect((await api('state')).body).toMatchObject({ step: 'check-failed' });
    expect((await api('pay', {})).body.message).toMatch(/Cannot pay now/);
    expect(part.receipts!.get(f.invoiceId)).toBeNull();
  });
});
