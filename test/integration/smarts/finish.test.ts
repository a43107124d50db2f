/**
 * Issue 10, "purchase control, finished" and "a confirmed receipt is a sale", through the kiosk's
 * wiring (startSmarts) with the real node, the simulator as Smarts and its gateway, a real catalog:
 * PENDING when a supervisor opens a check, a refused result shown with a retry, the resend answer,
 * "cancel shopping", the MAX_TIME restriction, and paid Smarts receipts in the order record with
 * a printable receipt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmarts, type SmartsPart } from '../../../electron/app/smarts';
import { Catalog } from '../../../electron/catalog';
import { DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';
import { checkReceipt, type Receipt } from '../../../electron/checkout/receipt';
import { configSchema } from '../../../electron/config/schema';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { ManualClock } from '../../../electron/engine/clock';
import type { KioskEngine } from '../../../electron/engine/engine';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import { memoryLog } from '../../../electron/log';
import { makeCheckRequest, makeProduct } from '../../../electron/sandbox/smarts/requests';
import type { SmartsSandbox } from '../../../electron/sandbox/smarts/sandbox';

const MILK = withCheckDigit('4740000000010');
const BEER = withCheckDigit('4740000000030');
const names = (en: string, et: string) => ({ en, et, pl: en, ru: en });
const ROWS = [
  { sku: 'MILK', barcodes: [MILK], name: names('Milk 1 l', 'Piim 1 l'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null },
  { sku: 'BEER', barcodes: [BEER], name: names('Beer 0.5 l', 'Õlu 0,5 l'), unitPriceCents: 189, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'alcohol', ageLimit: 18 },
];

let dir: string;
let db: JournalDb;
let catalog: Catalog;
let part: SmartsPart;
let sim: SmartsSandbox;
let publishes = 0;
const printed: Array<{ ref: string; receipt: Receipt }> = [];
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z')); // 12:00 in Tallinn

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-smarts-finish-'));
  db = openJournalDb(join(dir, 'journal.db'));
  catalog = Catalog.open(join(dir, 'catalog.db'), memoryLog('catalog'));
  catalog.importProducts(ROWS, 'test');
  const config = configSchema.parse({ smarts: { nodeToken: 'finish-node-token-0123456789', invoicePrefix: 'K07-' }, printer: { digitalReceiptUrl: 'https://receipts.example/{orderRef}' } });
  const rules = { ...DEFAULT_CONTROL_RULES, timeZone: 'Europe/Tallinn', ageLimits: { alcohol: 18 }, saleHours: [], sampling: { rate: 0, seed: 1 } };
  const engine = { publish: () => void publishes++ } as unknown as KioskEngine;
  part = (await startSmarts({ config, mode: 'demo', engine, db, clock, log: memoryLog('smarts'), rules, catalog, defaultLang: 'et', print: (ref, receipt) => void printed.push({ ref, receipt }) }))!;
  sim = part.sandbox!;
  await part.outbox.stop(); // the tests deliver with flush(), step by step
});
afterAll(async () => {
  await part?.close();
  catalog?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const beer = { id: 'BEER', barcode: BEER, name: 'Õlu', priceCents: 189, minAge: 18 };
const sentStatuses = (invoiceId: string) => sim.results().filter((r) => r.result.invoiceId === invoiceId).map((r) => r.result.status);

describe('purchase control, finished', () => {
  it('a supervisor opening a pending check sends PENDING once, before the verdict', async () => {
    expect((await sim.sendCheck(makeCheckRequest({ invoiceId: 'F-OPEN', products: [beer] }))).body).toEqual({ decision: 'AGE' });
    part.port.open('F-OPEN', 'SUP-1');
    part.port.open('F-OPEN', 'SUP-1');
    part.port.open('F-NOPE', 'SUP-1'); // unknown: nothing happens
    expect(part.outbox.rows().filter((r) => r.invoiceId === 'F-OPEN').map((r) => (r.body as { status: string }).status)).toEqual(['PENDING']);
    part.port.resolve('F-OPEN', 'PASSED', undefined, 'SUP-1');
    part.port.open('F-OPEN', 'SUP-1'); // resolved: no second PENDING
    await part.outbox.flush();
    expect(sentStatuses('F-OPEN')).toEqual(['PENDING', 'PASSED']);
    expect(part.port.checks().find((c) => c.invoiceId === 'F-OPEN')?.delivery).toEqual({ status: 'PASSED', state: 'sent', error: null });
  });

  it('a result the gateway refuses for good is shown to staff with the reason, and a retry delivers it', async () => {
    await sim.sendCheck(makeCheckRequest({ invoiceId: 'F-FAIL', products: [beer] }));
    part.port.resolve('F-FAIL', 'FAILED_ALLOW_PAYMENT', undefined, 'SUP-1');
    expect(part.port.checks().find((c) => c.invoiceId === 'F-FAIL')?.delivery).toMatchObject({ state: 'sending' });
    sim.failNext(400);
    const before = publishes;
    expect(await part.outbox.flush()).toMatchObject({ failed: 1 });
    expect(publishes).toBeGreaterThan(before); // onFailed: the console is refreshed
    const shown = part.port.checks().find((c) => c.invoiceId === 'F-FAIL')!;
    expect(shown.delivery).toEqual({ status: 'FAILED_ALLOW_PAYMENT', state: 'failed', error: expect.stringContaining('400') });
    expect(sentStatuses('F-FAIL')).toEqual([]);
    part.port.retryFailed('F-FAIL');
    expect(() => part.port.retryFailed('F-FAIL')).toThrow(expect.objectContaining({ code: 'not-failed' }));
    expect(await part.outbox.flush()).toMatchObject({ sent: 1 });
    expect(sentStatuses('F-FAIL')).toEqual(['FAILED_ALLOW_PAYMENT']);
    expect(part.port.checks().find((c) => c.invoiceId === 'F-FAIL')?.delivery?.state).toBe('sent');
  });

  it('the resend answer updates the check the console shows', async () => {
    await sim.sendCheck(makeCheckRequest({ invoiceId: 'F-RESEND', institutionId: 'store-tln-01', products: [beer] }));
    db.prepare(`DELETE FROM smarts_checks WHERE invoice_id = 'F-RESEND'`).run(); // the kiosk lost it
    expect(part.port.checks().some((c) => c.invoiceId === 'F-RESEND')).toBe(false);
    await part.port.requestResend('F-RESEND').catch(() => undefined); // summary gone: refused…
    part.outbox.enqueueResend({ invoiceId: 'F-RESEND', institutionId: 'store-tln-01' }); // …so queued directly
    await part.outbox.flush();
    await sim.reposts();
    const back = part.port.checks().find((c) => c.invoiceId === 'F-RESEND');
    expect(back).toMatchObject({ status: 'pending', decision: 'AGE' });
    expect(back?.products.map((p) => p.name)).toEqual(['Õlu']);
  });

  it('"cancel shopping" is sent as FAILED without products and recorded as failed', async () => {
    await sim.sendCheck(makeCheckRequest({ invoiceId: 'F-CANCEL', products: [beer] }));
    part.port.resolve('F-CANCEL', 'CANCEL_SHOPPING', [{ index: 0, quantity: 0 }], 'SUP-1');
    await part.outbox.flush();
    expect(sim.results().filter((r) => r.result.invoiceId === 'F-CANCEL').map((r) => r.result)).toEqual([{ invoiceId: 'F-CANCEL', institutionId: 'store-tln-01', status: 'FAILED' }]);
    expect(part.store.get('F-CANCEL')?.status).toBe('failed');
  });

  it('MAX_TIME from the product inspections: after the time in its zone the check is FULL, before it is not', async () => {
    const late = makeProduct({ id: 'MILK', barcode: MILK, name: 'Piim', priceCents: 129 });
    late.inspections = [{ action: 'RESTICT', type: 'MAX_TIME', time: '21:00:00', timezone: 'Europe/Tallinn' }];
    expect((await sim.sendCheck(makeCheckRequest({ invoiceId: 'F-T1', products: [late] }))).body).toEqual({ decision: 'NO' });
    clock.set(Date.parse('2026-11-23T19:30:00Z')); // 21:30 in Tallinn
    try {
      expect((await sim.sendCheck(makeCheckRequest({ invoiceId: 'F-T2', products: [late] }))).body).toEqual({ decision: 'FULL' });
      expect(part.store.get('F-T2')?.reasons).toContainEqual({ rule: 'sale-hours', sku: 'MILK', detail: 'MAX_TIME 21:00 (Europe/Tallinn)' });
      // The same hour in a zone where it is still 20:30: allowed.
      late.inspections = [{ action: 'RESTICT', type: 'MAX_TIME', time: '21:00:00', timezone: 'Europe/Warsaw' }];
      expect((await sim.sendCheck(makeCheckRequest({ invoiceId: 'F-T3', products: [late] }))).body).toEqual({ decision: 'NO' });
    } finally {
      clock.set(Date.parse('2026-11-23T10:10:00Z'));
    }
  });
});

function cart(invoiceId: string, lines: Array<[string, string, number]>) {
  return {
    invoiceId,
    langCode: 'ET',
    personId: 'person-7',
    institutionId: 'store-1',
    products: lines.map(([id, barcode, value]) => ({ id, barcode, type: 'SINGLE', translatableName: { originalText: id, translations: [{ ET: id }] }, quantity: { unit: 'PIECE', value }, price: { vat: { sumWithoutVAT: 0.01, VATSum: 0, sumWithVAT: 0.01, VATRate: 0 }, total: 0.01 }, weightItem: false })),
  };
}

describe('a confirmed Smarts receipt is a sale', () => {
  it('listed in the order record (method smarts), printable by staff with the digital-receipt link, copies marked', async () => {
    const created = (await sim.createReceipt(cart('F-SALE', [['MILK', MILK, 2], ['BEER', BEER, 1]]))).body as { institutionInvoiceId: string };
    expect(part.port.orders().some((o) => o.merchantOrderId === created.institutionInvoiceId)).toBe(false); // not paid yet
    expect(() => part.port.reprint(created.institutionInvoiceId)).toThrow(expect.objectContaining({ code: 'not-found' }));
    const before = publishes;
    expect((await sim.confirmReceipt({ invoiceId: 'F-SALE', institutionInvoiceId: created.institutionInvoiceId })).status).toBe(200);
    expect(publishes).toBeGreaterThan(before);
    expect(part.port.orders()[0]).toEqual({
      merchantOrderId: created.institutionInvoiceId,
      orderNumber: created.institutionInvoiceId,
      at: clock.now(),
      totalCents: 447,
      paidCents: 447,
      refundedCents: 0,
      refundableCents: 0,
      state: 'closed',
      method: 'smarts',
    });
    part.port.reprint(created.institutionInvoiceId);
    const p = printed.at(-1)!;
    expect(p.ref).toBe(`smarts:${created.institutionInvoiceId}`);
    expect(() => checkReceipt(p.receipt)).not.toThrow();
    expect(p.receipt).toMatchObject({
      receiptNo: created.institutionInvoiceId,
      lang: 'et',
      lines: [
        { name: 'Piim 1 l', quantity: { kind: 'pieces', count: 2 }, unitPriceCents: 129, totalCents: 258, vatRateBp: 2400 },
        { name: 'Õlu 0,5 l', quantity: { kind: 'pieces', count: 1 }, unitPriceCents: 189, totalCents: 189, vatRateBp: 2400 },
      ],
      vat: [{ rateBp: 2400, grossCents: 447, vatCents: 87, netCents: 360 }],
      totalCents: 447,
      payment: { provider: 'smarts', orderNumber: created.institutionInvoiceId, method: 'Smarts' },
      qr: { text: `https://receipts.example/${created.institutionInvoiceId}`, caption: 'Digitaalne tšekk' },
    });
    expect(() => part.port.reprint('K07-999999')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => part.port.reprint('nonsense')).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});
