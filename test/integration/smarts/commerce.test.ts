/**
 * Issue 10: Smarts product search and merchant-side invoicing through the real node, called by
 * the simulator (its own reading of integrations.md), with a real catalog and the kiosk's rules.
 * Basket: two milks (24 % VAT), a beer (18+, sale hours), 1.234 kg of bananas (weighed, 9 % VAT),
 * three breads (9 %), and a 5 % store discount.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmarts, type SmartsPart } from '../../../electron/app/smarts';
import { Catalog } from '../../../electron/catalog';
import { DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';
import { configSchema } from '../../../electron/config/schema';
import { parseBarcode, DEFAULT_WEIGHT_RULES } from '../../../electron/devices/barcode';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { ManualClock } from '../../../electron/engine/clock';
import type { KioskEngine } from '../../../electron/engine/engine';
import { AuditLog } from '../../../electron/journal/audit';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import { memoryLog } from '../../../electron/log';
import type { SmartsSandbox } from '../../../electron/sandbox/smarts/sandbox';
import { WPageable, WProduct } from '../../../electron/sandbox/smarts/wire';
import type { ParseBarcode } from '../../../electron/smarts/products';

const MILK = withCheckDigit('4740000000010');
const BEER = withCheckDigit('4740000000030');
const BREAD = withCheckDigit('4740000000020');
const BANANA_LOOKUP = withCheckDigit('2000123000000');
const BANANA_LABEL = withCheckDigit('2000123012340'); // 1.234 kg
const names = (en: string, et: string, pl: string, ru: string) => ({ en, et, pl, ru });
const ROWS = [
  { sku: 'MILK', barcodes: [MILK], name: names('Milk 1 l', 'Piim 1 l', 'Mleko 1 l', 'Молоко 1 л'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null },
  { sku: 'BEER', barcodes: [BEER], name: names('Beer 0.5 l', 'Õlu 0,5 l', 'Piwo 0,5 l', 'Пиво 0,5 л'), unitPriceCents: 189, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'alcohol', ageLimit: 18 },
  { sku: 'BREAD', barcodes: [BREAD], name: names('Rye bread', 'Rukkileib', 'Chleb żytni', 'Ржаной хлеб'), unitPriceCents: 245, vatRateBp: 900, unit: 'piece', soldByWeight: false, category: 'bakery', ageLimit: null },
  { sku: 'BANANA', barcodes: [BANANA_LOOKUP], name: names('Bananas', 'Banaanid', 'Banany', 'Бананы'), unitPriceCents: 249, vatRateBp: 900, unit: 'weight', soldByWeight: true, category: 'produce', ageLimit: null },
];
const TOKEN = 'commerce-node-token-0123456789';

let dir: string;
let db: JournalDb;
let catalog: Catalog;
let part: SmartsPart;
let sim: SmartsSandbox;
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z')); // 12:00 in Tallinn

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-commerce-'));
  db = openJournalDb(join(dir, 'journal.db'));
  catalog = Catalog.open(join(dir, 'catalog.db'), memoryLog('catalog'));
  catalog.importProducts(ROWS, 'test');
  const parse: ParseBarcode = (raw) => parseBarcode(raw, { rules: DEFAULT_WEIGHT_RULES }) as ReturnType<ParseBarcode>;
  const config = configSchema.parse({
    smarts: { nodeToken: TOKEN, imageUrlTemplate: 'https://img.example/{sku}.jpg', invoicePrefix: 'K03-', receiptDiscount: { description: 'Smarts −5 %', percentBp: 500, minTotalCents: 1000 } },
  });
  const rules = { ...DEFAULT_CONTROL_RULES, timeZone: 'Europe/Tallinn', ageLimits: { alcohol: 18 }, saleHours: [{ categories: ['alcohol'], from: '10:00', to: '22:00' }], sampling: { rate: 0, seed: 1 } };
  const engine = { publish: () => undefined } as unknown as KioskEngine;
  part = (await startSmarts({ config, mode: 'demo', engine, db, clock, log: memoryLog('smarts'), rules, catalog, parse, defaultLang: 'et' }))!;
  sim = part.sandbox!;
});
afterAll(async () => {
  await part?.close();
  catalog?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tr = (en: string, et: string, pl: string, ru: string) => [{ EN: en }, { ET: et }, { PL: pl }, { RU: ru }];

describe('product search', () => {
  it('barcode search: the age-restricted beer, field by field', async () => {
    const r = await sim.searchBarcode({ barcode: BEER, langCode: 'EN', type: 'SELF_SERVICE', personId: 'p-1', institutionId: 'store-1' });
    expect(r.status).toBe(200);
    expect(r.issues).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.body).toEqual({
      id: 'BEER',
      barcode: BEER,
      type: 'SINGLE',
      translatableName: { originalText: 'Beer 0.5 l', translations: tr('Beer 0.5 l', 'Õlu 0,5 l', 'Piwo 0,5 l', 'Пиво 0,5 л') },
      translatableDescription: null,
      quantity: { unit: 'PIECE', value: 1 },
      // 1.89 gross, VAT 24 %: round(189 × 2400 / 12400) = 37 cents.
      price: { vat: { sumWithoutVAT: 1.52, VATSum: 0.37, sumWithVAT: 1.89, VATRate: 24 }, total: 1.89 },
      weightItem: false,
      information: { imageUrl: 'https://img.example/BEER.jpg' },
      inspections: [
        { action: 'INSPECT', type: 'MIN_AGE', age: 18 },
        { action: 'RESTICT', type: 'MAX_TIME', time: '22:00:00', timezone: 'Europe/Tallinn' },
      ],
      campaigns: [],
      subProducts: null,
      categories: [{ id: 'alcohol', translatableName: { originalText: 'alcohol', translations: null }, numberOfProducts: 1, parentId: null }],
    });
  });

  it('barcode search with a weight label: the weighed item priced for its weight; the plain code gives the price per kg', async () => {
    const label = await sim.searchBarcode({ barcode: BANANA_LABEL, langCode: 'ET' });
    expect(label.valid).toBe(true);
    expect(label.body).toMatchObject({
      id: 'BANANA',
      weightItem: true,
      translatableName: { originalText: 'Banaanid' },
      quantity: { unit: 'KILOGRAM', value: 1.234 },
      // round(1234 g × 2.49 €/kg) = 3.07; VAT 9 %: round(307 × 900 / 10900) = 25 cents.
      price: { vat: { sumWithoutVAT: 2.82, VATSum: 0.25, sumWithVAT: 3.07, VATRate: 9 }, total: 3.07 },
      inspections: [],
    });
    const perKg = await sim.searchBarcode({ barcode: BANANA_LOOKUP });
    expect(perKg.body).toMatchObject({ quantity: { unit: 'KILOGRAM', value: 1 }, price: { vat: { sumWithoutVAT: 2.28, VATSum: 0.21, sumWithVAT: 2.49, VATRate: 9 }, total: 2.49 } });
    // EAN-13 as printed, or its GTIN-14 form: the same milk.
    expect((await sim.searchBarcode({ barcode: `0${MILK}` })).body).toMatchObject({ id: 'MILK', barcode: MILK });
  });

  it('barcode search: unknown → 404, missing or bad input → 400, no token → 401', async () => {
    const unknown = await sim.searchBarcode({ barcode: withCheckDigit('4740000009990') });
    expect(unknown).toMatchObject({ status: 404, body: { error: 'product-not-found' } });
    expect((await sim.searchBarcode({ barcode: 'garbage' })).status).toBe(404);
    expect((await sim.searchBarcode({ langCode: 'ET' })).status).toBe(400);
    expect((await sim.searchBarcode({ barcode: `${MILK}\u202E` })).status).toBe(400);
    expect((await sim.searchBarcode({ barcode: MILK, langCode: 'DE' })).status).toBe(400);
    expect((await sim.searchBarcode({ barcode: MILK }, null)).status).toBe(401);
    expect((await sim.searchBarcode({ barcode: MILK }, 'wrong-token-wrong-token')).status).toBe(401);
  });

  it('name search in any of our languages, langCode honoured', async () => {
    const et = await sim.searchName({ name: 'piim', langCode: 'ET' });
    expect(et.valid).toBe(true);
    expect((et.body as Array<{ id: string; translatableName: { originalText: string } }>).map((p) => [p.id, p.translatableName.originalText])).toEqual([['MILK', 'Piim 1 l']]);
    const ru = await sim.searchName({ name: 'молоко', langCode: 'RU' });
    expect((ru.body as Array<{ translatableName: { originalText: string } }>)[0]?.translatableName.originalText).toBe('Молоко 1 л');
    const pl = await sim.searchName({ name: 'chleb', langCode: 'pl' });
    expect((pl.body as Array<{ id: string }>).map((p) => p.id)).toEqual(['BREAD']);
    expect((await sim.searchName({ name: 'nothing-like-this', langCode: 'EN' })).body).toEqual([]);
    expect((await sim.searchName({ langCode: 'EN' })).status).toBe(400);
    expect((await sim.searchName({ name: 'piim' }, null)).status).toBe(401);
  });

  it('list search pages from 1 in catalog order, ASC/"ACS"/DESC, category filter, totals count products', async () => {
    const p1 = await sim.searchProducts({ page: 1, limit: 3, orderBy: 'ACS', orderFieldName: 'barcode', request: { type: 'SELF_SERVICE', langCode: 'EN' } });
    expect(p1.valid).toBe(true);
    const ids = (b: unknown) => (b as { result: Array<{ id: string }> }).result.map((p) => p.id);
    expect(ids(p1.body)).toEqual(['BEER', 'BREAD', 'MILK']);
    expect(p1.body).toMatchObject({ lastPage: 2, totalCount: 4 });
    expect(ids((await sim.searchProducts({ page: 2, limit: 3, orderBy: 'ASC', request: {} })).body)).toEqual(['BANANA']);
    expect(ids((await sim.searchProducts({ page: 1, limit: 3, orderBy: 'DESC', request: {} })).body)).toEqual(['BANANA', 'MILK', 'BREAD']);
    expect(ids((await sim.searchProducts({ page: 2, limit: 3, orderBy: 'DESC', request: {} })).body)).toEqual(['BEER']);
    expect((await sim.searchProducts({ page: 1, limit: 50, request: { categoryName: 'dairy' } })).body).toMatchObject({ totalCount: 1, lastPage: 1, result: [{ id: 'MILK' }] });
    expect((await sim.searchProducts({ page: 9, limit: 50, request: {} })).body).toEqual({ result: [], lastPage: 1, totalCount: 4 });
    expect((await sim.searchProducts({ page: 1, limit: 50, request: { categoryName: 'nope' } })).body).toEqual({ result: [], lastPage: 0, totalCount: 0 });
    for (const bad of [{ page: 0 }, { limit: 0 }, { limit: 201 }, { page: 1.5 }, { orderBy: 'UP' }, { request: { langCode: 'XX' } }]) {
      expect((await sim.searchProducts({ page: 1, limit: 10, request: {}, ...bad })).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await sim.searchProducts({ page: 1, limit: 10, request: {} }, null)).status).toBe(401);
  });

  it('category search (path configurable): a PageRequest or a bare ProductSearchRequest', async () => {
    const wrapped = await sim.searchCategory({ page: 1, limit: 10, request: { categoryName: 'produce', langCode: 'EN' } });
    expect(wrapped.valid).toBe(true);
    expect(wrapped.body).toMatchObject({ totalCount: 1, result: [{ id: 'BANANA', weightItem: true }] });
    expect((await sim.searchCategory({ categoryName: 'produce' })).body).toMatchObject({ totalCount: 1 });
    expect((await sim.searchCategory({ page: 1, limit: 10, request: {} })).status).toBe(400);
    expect((await sim.searchCategory({ categoryName: 'produce' }, null)).status).toBe(401);
  });
});

/** A cart as Smarts sends it; prices deliberately wrong (the store must not trust them). */
function cart(invoiceId: string, lines: Array<[string, string, 'PIECE' | 'KILOGRAM', number]>) {
  return {
    invoiceId,
    langCode: 'EN',
    personId: 'person-42',
    institutionId: 'store-1',
    products: lines.map(([id, barcode, unit, value]) => ({
      id,
      barcode,
      type: 'SINGLE',
      translatableName: { originalText: id, translations: [{ EN: id }] },
      quantity: { unit, value },
      price: { vat: { sumWithoutVAT: 0.01, VATSum: 0, sumWithVAT: 0.01, VATRate: 0 }, total: 0.01 },
      weightItem: unit === 'KILOGRAM',
    })),
    shipment: null,
    loyaltyCards: [],
  };
}

const BASKET: Array<[string, string, 'PIECE' | 'KILOGRAM', number]> = [
  ['MILK', MILK, 'PIECE', 2],
  ['BEER', BEER, 'PIECE', 1],
  ['BANANA', BANANA_LABEL, 'KILOGRAM', 1.234],
  ['BREAD', BREAD, 'PIECE', 3],
];

describe('merchant-side invoicing', () => {
  it('creates the receipt with our prices, VAT split and discount, field by field; idempotent on invoiceId', async () => {
    const r = await sim.createReceipt(cart('INV-R1', BASKET));
    expect(r.status).toBe(200);
    expect(r.issues).toEqual([]);
    // Lines: 2 × 1.29 = 2.58; 1.89; round(1234 × 2.49 / 1000) = 3.07; 3 × 2.45 = 7.35 → 14.89.
    // Discount 5 % of 14.89 = 0.74, spread by gross (largest remainder): 24 %: 0.22, 9 %: 0.52.
    // 24 %: 4.47 − 0.22 = 4.25 → VAT 0.82, net 3.43; 9 %: 10.42 − 0.52 = 9.90 → VAT 0.82, net 9.08.
    expect(r.body).toEqual({
      institutionInvoiceId: expect.stringMatching(/^K03-\d{6}$/),
      invoiceId: 'INV-R1',
      institutionId: 'store-1',
      customerId: 'person-42',
      products: [
        { id: 'MILK', barcode: MILK, productName: 'Milk 1 l', amount: 2, rowPrice: 2.58, categories: [{ id: 'dairy', name: 'dairy' }] },
        { id: 'BEER', barcode: BEER, productName: 'Beer 0.5 l', amount: 1, rowPrice: 1.89, categories: [{ id: 'alcohol', name: 'alcohol' }] },
        { id: 'BANANA', barcode: BANANA_LABEL, productName: 'Bananas', amount: 1.234, rowPrice: 3.07, categories: [{ id: 'produce', name: 'produce' }] },
        { id: 'BREAD', barcode: BREAD, productName: 'Rye bread', amount: 3, rowPrice: 7.35, categories: [{ id: 'bakery', name: 'bakery' }] },
      ],
      shipment: null,
      currency: 'EUR',
      totalWithoutAddition: 14.89,
      additionSum: -0.74,
      totalWithoutVAT: 12.51,
      vatSum: 1.64,
      total: 14.15,
    });
    const first = r.body as { institutionInvoiceId: string };
    expect(part.receipts!.get('INV-R1')?.cents).toMatchObject({ subtotalCents: 1489, discountCents: 74, totalCents: 1415 });
    // The same request again: the same receipt, no new invoice number.
    const again = await sim.createReceipt(cart('INV-R1', BASKET));
    expect(again.body).toEqual(r.body);
    // A changed cart before payment: re-priced under the same institutionInvoiceId.
    const changed = await sim.createReceipt(cart('INV-R1', [['MILK', MILK, 'PIECE', 1]]));
    expect(changed.body).toMatchObject({ institutionInvoiceId: first.institutionInvoiceId, total: 1.29, additionSum: 0, totalWithoutAddition: 1.29 });
    const other = await sim.createReceipt(cart('INV-R2', [['BREAD', BREAD, 'PIECE', 1]]));
    expect((other.body as { institutionInvoiceId: string }).institutionInvoiceId).not.toBe(first.institutionInvoiceId);
  });

  it('confirms payment once: journaled and audited; unknown, mismatched and repeated confirmations are 4xx and change nothing', async () => {
    const created = (await sim.createReceipt(cart('INV-C1', BASKET))).body as { institutionInvoiceId: string; total: number };
    expect((await sim.confirmReceipt({ invoiceId: 'INV-NOPE', institutionInvoiceId: created.institutionInvoiceId })).status).toBe(404);
    expect((await sim.confirmReceipt({ invoiceId: 'INV-C1', institutionInvoiceId: 'K03-999999' })).status).toBe(409);
    expect((await sim.confirmReceipt({ invoiceId: 'INV-C1', institutionInvoiceId: created.institutionInvoiceId }, null)).status).toBe(401);
    expect((await sim.confirmReceipt({ invoiceId: 'INV-C1' } as never)).status).toBe(400);
    expect(part.receipts!.get('INV-C1')?.status).toBe('created');

    clock.advance(60_000);
    const ok = await sim.confirmReceipt({ invoiceId: 'INV-C1', institutionInvoiceId: created.institutionInvoiceId });
    expect(ok.status).toBe(200);
    expect(ok.valid).toBe(true);
    expect(ok.body).toMatchObject({ institutionInvoiceId: created.institutionInvoiceId, total: 14.15 });
    expect(part.receipts!.get('INV-C1')).toMatchObject({ status: 'confirmed', confirmedAt: clock.now() });
    expect(part.receipts!.confirmed().map((r) => r.receipt.invoiceId)).toContain('INV-C1');
    const audit = new AuditLog(db).list().filter((e) => e.action === 'smarts.receipt.paid');
    expect(audit.map((e) => e.detail)).toContainEqual({ invoiceId: 'INV-C1', institutionInvoiceId: created.institutionInvoiceId, totalCents: 1415 });

    const twice = await sim.confirmReceipt({ invoiceId: 'INV-C1', institutionInvoiceId: created.institutionInvoiceId });
    expect(twice).toMatchObject({ status: 409, body: { error: 'already-confirmed' } });
    expect(new AuditLog(db).list().filter((e) => e.action === 'smarts.receipt.paid' && (e.detail as { invoiceId: string }).invoiceId === 'INV-C1')).toHaveLength(1);
    // A paid receipt's cart cannot change; the same request still returns it.
    expect((await sim.createReceipt(cart('INV-C1', [['MILK', MILK, 'PIECE', 1]]))).status).toBe(409);
    expect((await sim.createReceipt(cart('INV-C1', BASKET))).status).toBe(200);
  });

  it('refuses carts it cannot price: unknown product, wrong units, bad quantities, sale hours, no token', async () => {
    const refuse = async (body: unknown, status: number, error?: string) => {
      const r = await sim.createReceipt(body as Record<string, unknown>);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      if (error) expect(r.body).toMatchObject({ error });
    };
    await refuse(cart('INV-X1', [['GHOST', withCheckDigit('4740000009990'), 'PIECE', 1]]), 422, 'unknown-product');
    await refuse(cart('INV-X2', [['BANANA', BANANA_LOOKUP, 'PIECE', 2]]), 422, 'bad-quantity');
    await refuse(cart('INV-X3', [['MILK', MILK, 'KILOGRAM', 1.5]]), 422, 'bad-quantity');
    await refuse(cart('INV-X4', [['MILK', MILK, 'PIECE', 1.5]]), 400, 'invalid-request');
    await refuse(cart('INV-X5', [['MILK', MILK, 'PIECE', 1], ['MILK', MILK, 'PIECE', 2]]), 400, 'invalid-request');
    await refuse({ ...cart('INV-X6', BASKET), invoiceId: '' }, 400, 'invalid-request');
    expect((await sim.createReceipt(cart('INV-X7', BASKET), null)).status).toBe(401);
    clock.set(Date.parse('2026-11-23T21:30:00Z')); // 23:30 in Tallinn: no alcohol
    try {
      await refuse(cart('INV-X8', BASKET), 422, 'not-sold-now');
    } finally {
      clock.set(Date.parse('2026-11-23T10:05:00Z'));
    }
    for (const id of ['INV-X1', 'INV-X2', 'INV-X3', 'INV-X4', 'INV-X5', 'INV-X7', 'INV-X8']) expect(part.receipts!.get(id), id).toBeNull();
  });
});

describe('product search and receipts: properties', () => {
  const state = () => JSON.stringify(db.prepare('SELECT * FROM smarts_receipts ORDER BY id').all());
  const hostile = fc.oneof(
    fc.constantFrom(1e20, -1, 0, 1.5, '2.5', '', '\u202E', null, true, [], {}, 'x'.repeat(500), 'ACS', 'DESC', 'ET', 'XX', MILK, BANANA_LABEL),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const keys = ['page', 'limit', 'orderBy', 'orderFieldName', 'request', 'barcode', 'name', 'categoryName', 'langCode', 'type', 'invoiceId', 'products', 'personId', 'institutionId', 'institutionInvoiceId'];

  it('random search bodies on every search path: never 5xx, always a JSON reply, answers have the reference shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('productSearch', 'barcodeSearch', 'nameSearch', 'categorySearch') as fc.Arbitrary<'productSearch' | 'barcodeSearch' | 'nameSearch' | 'categorySearch'>, fc.dictionary(fc.constantFrom(...keys), hostile, { maxKeys: 5 }), fc.boolean(), async (path, body, wrap) => {
        const sent = wrap ? { page: 1, limit: 5, request: body } : body;
        const shape = path === 'barcodeSearch' ? WProduct : path === 'nameSearch' ? WProduct.array() : WPageable;
        const r = await sim.callNode(path, sent, shape as never);
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
        expect(typeof r.body).toBe('object');
        if (r.status === 200) expect(r.issues).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('mutated receipt requests: never 5xx; refused ones store nothing; accepted ones are priced by us', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 3 }), fc.constantFrom(...keys, 'quantity', 'price', 'id'), hostile, async (line, key, value) => {
        const id = `INV-P-${++propSeq}`;
        const body = cart(id, BASKET) as unknown as { products: Array<Record<string, unknown>> } & Record<string, unknown>;
        if (['quantity', 'price', 'id', 'barcode'].includes(key)) body.products[line]![key] = value;
        else body[key] = value;
        const before = state();
        const r = await sim.createReceipt(body);
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
        if (r.status !== 200) {
          expect([400, 409, 422]).toContain(r.status);
          expect(state()).toBe(before);
        } else {
          expect(r.issues).toEqual([]);
          // Prices in the request never matter: a full basket is always 14.15 €.
          if ((r.body as { products: unknown[] }).products.length === 4 && key !== 'quantity') expect((r.body as { total: number }).total).toBe(14.15);
        }
      }),
      { numRuns: 120 },
    );
  });
});
let propSeq = 0;
