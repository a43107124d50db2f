/**
 * The kiosk journey with InPost Pay, in process: a PLN store on the sandboxes (the InPost
 * simulator, the merchant node, the virtual printer) with random purchase checks off. The
 * customer's app is the simulator's customer (the same calls the app page makes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKiosk, type Kiosk } from '../../../electron/app/kiosk';
import { loadConfig } from '../../../electron/config/load';
import { memoryLog } from '../../../electron/log';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const ctx = { client: 'test' };
let kiosk: Kiosk;
let dir: string;

async function until<T>(f: () => T | undefined | null | false, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-inpost-'));
  writeFileSync(join(dir, 'kassa.config.json'), JSON.stringify({
    sandboxes: true,
    store: { name: 'Sklep', currency: 'PLN', timeZone: 'Europe/Warsaw' },
    languages: { default: 'pl', available: ['pl', 'en', 'et', 'ru'] },
    inpost: { enabled: true },
    purchaseControl: { timeZone: 'Europe/Warsaw', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null },
    catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') },
  }));
  kiosk = await startKiosk({ env: { KASSA_DATA_DIR: dir, KASSA_NODE_PORT: '0' }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => dir, log: memoryLog('inpost') });
});
afterEach(async () => {
  await kiosk.close();
  rmSync(dir, { recursive: true, force: true });
});

async function toPayment() {
  const h = (c: string, p: unknown) => kiosk.handle(c, p, ctx);
  expect((await h('session/start', {})).ok).toBe(true);
  expect((await h('basket/scan', { code: '4740001000178', source: 'panel' })).ok).toBe(true);
  expect((await h('basket/scan', { code: '4740001000055', source: 'panel' })).ok).toBe(true);
  expect(kiosk.engine.view().store).toMatchObject({ currency: 'PLN', inpostPay: true });
  expect((await h('checkout/pay', { method: 'inpost' })).ok).toBe(true);
  const qr = await until(() => kiosk.engine.view().payment?.qrText, 'the QR code');
  const sim = kiosk.inpost.sandbox!;
  const key = qr.slice(qr.lastIndexOf('/') + 1);
  return { h, sim, key, qr };
}

describe('the Polish demo store', () => {
  it('KASSA_DEMO_STORE=pl: złoty, Polish first; anything else but ee/pl is refused', () => {
    const d = mkdtempSync(join(tmpdir(), 'kassa-demo-pl-'));
    try {
      const c = loadConfig({ KASSA_DATA_DIR: d, KASSA_DEMO_STORE: 'pl' }, () => d);
      expect(c.mode).toBe('demo');
      expect(c.config.store.currency).toBe('PLN');
      expect(c.config.languages.default).toBe('pl');
      expect(loadConfig({ KASSA_DATA_DIR: d }, () => d).config.store.currency).toBe('EUR');
      expect(() => loadConfig({ KASSA_DATA_DIR: d, KASSA_DEMO_STORE: 'de' }, () => d)).toThrow(/KASSA_DEMO_STORE must be one of ee, pl/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('a store that turns InPost Pay on', () => {
  it('without the merchant node (smarts.enabled: false) is refused at start, naming the fields', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kassa-inpost-nonode-'));
    try {
      writeFileSync(join(d, 'kassa.config.json'), JSON.stringify({
        sandboxes: true,
        store: { name: 'Sklep', currency: 'PLN', timeZone: 'Europe/Warsaw' },
        languages: { default: 'pl', available: ['pl', 'en', 'et', 'ru'] },
        inpost: { enabled: true },
        smarts: { enabled: false },
      }));
      await expect(startKiosk({ env: { KASSA_DATA_DIR: d, KASSA_NODE_PORT: '0' }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => d, log: memoryLog('inpost-nonode') })).rejects.toThrow(/inpost\.enabled.*smarts\.enabled/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('on a store bus it is offered without credentials or a simulator of its own (the store node holds them), even with smarts.enabled: false', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kassa-inpost-bus-'));
    try {
      writeFileSync(join(d, 'kassa.config.json'), JSON.stringify({
        sandboxes: true,
        store: { name: 'Sklep', currency: 'PLN', timeZone: 'Europe/Warsaw', kioskId: 'K01' },
        languages: { default: 'pl', available: ['pl', 'en', 'et', 'ru'] },
        inpost: { enabled: true },
        smarts: { enabled: false },
        // Nothing listens there: the kiosk starts and sells offline, and its InPost calls would fail as unknown.
        storeBus: { storeId: 'S1', natsUrl: ['nats://127.0.0.1:1'], user: 'kiosk-K01' },
      }));
      const k = await startKiosk({ env: { KASSA_DATA_DIR: d, KASSA_NODE_PORT: '0', KASSA_NATS_PASSWORD: 'kiosk-secret-1' }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => d, log: memoryLog('inpost-bus') });
      try {
        expect(k.inpost.sandbox).toBeNull();
        expect(k.smarts).toBeNull();
        expect(k.inpost.provider.available).toBe(true);
        expect(k.engine.view().store).toMatchObject({ currency: 'PLN', inpostPay: true });
      } finally {
        await k.close();
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('InPost Pay at the kiosk', () => {
  it('bind, change a quantity in the app, promo code, order, pay: receipt and one ORDER_COMPLETED', async () => {
    const { sim, key, qr } = await toPayment();
    expect(qr).toContain('/app/');
    expect((await sim.customer.confirm(key)).status).toBe(200);
    await until(() => kiosk.engine.view().payment?.customer, 'the greeting');
    expect(kiosk.engine.view().payment!.customer).toEqual({ name: 'Anna', maskedPhone: '600 *** 800' });
    const before = kiosk.engine.view().basket.totalCents;
    const line = kiosk.engine.basket.lines[0]!;
    expect((await sim.customer.quantity(key, line.id, 3)).status).toBe(200);
    // The kiosk's own basket and screen follow the app at once.
    expect(kiosk.engine.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 3 });
    expect(kiosk.engine.view().basket.totalCents).toBe(before + 2 * line.unitPriceCents);
    expect((await sim.customer.promo(key, 'KASSA10')).status).toBe(200);
    const due = kiosk.engine.view().payment!.totalCents;
    expect(due).toBeLessThan(before + 2 * line.unitPriceCents);
    expect((await sim.customer.createOrder(key)).status).toBe(201);
    expect((await sim.customer.finish(key, 'pay')).status).toBe(200);
    await until(() => kiosk.engine.state === 'done', 'thank you');
    const printed = await kiosk.receipts!.virtual!.waitForReceipts(1);
    // The receipt is the basket as changed in the app, with the promo code named, totalling what was paid.
    const text = printed[0]!.decoded.lines.map((l) => l.text).join('\n');
    const zl = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')} zł`;
    expect(text).toContain(zl(due));
    expect(text).toContain('Kod KASSA10');
    expect(text).toMatch(/ 3 × /);
    expect(text).not.toContain('SWiP');
    const order = sim.ledger().orders[0]!;
    expect(order.totalGrosze).toBe(due);
    expect(order.merchantEvents.filter((e) => e.orderStatus === 'ORDER_COMPLETED')).toHaveLength(1);
    expect(sim.ledger().orders).toHaveLength(1);

    // A supervisor's refund goes through InPost's refund call (X-Command-ID = our refund id), never above what was captured.
    const mid = kiosk.payments.journal.get(kiosk.inpost.book.rows()[0]!.paymentId)!.merchantOrderId;
    const r = await kiosk.payments.refunds.request({ merchantOrderId: mid, kind: 'refund', amountCents: 100, reason: 'damaged', supervisorBadge: 'SUP-1' });
    expect(r.refund).toMatchObject({ state: 'succeeded', amountCents: 100 });
    expect(sim.ledger().orders[0]!.refunds).toEqual([expect.objectContaining({ amountGrosze: 100 })]);
    await expect(kiosk.payments.refunds.request({ merchantOrderId: mid, kind: 'refund', amountCents: due, reason: 'too much', supervisorBadge: 'SUP-1' })).rejects.toMatchObject({ code: 'refund-too-large' });
    await expect(kiosk.payments.refunds.request({ merchantOrderId: mid, kind: 'reverse', reason: 'no reverse', supervisorBadge: 'SUP-1' })).rejects.toMatchObject({ code: 'not-reversible' });
    expect(sim.ledger().orders[0]!.refundedGrosze).toBe(100);
  });

  it('rejected in the app: back to the basket with a message, nothing paid', async () => {
    const { sim, key } = await toPayment();
    await sim.customer.confirm(key);
    await sim.customer.createOrder(key);
    expect((await sim.customer.finish(key, 'reject')).status).toBe(200);
    await until(() => kiosk.engine.state === 'shopping', 'back to the basket');
    expect(kiosk.engine.view().notice?.code).toBe('payment-cancelled');
    expect(kiosk.engine.basket.lines).toHaveLength(2);
  });

  it('binding deleted in the app: back to the basket', async () => {
    const { sim, key } = await toPayment();
    await sim.customer.confirm(key);
    expect((await sim.customer.deleteBinding(key)).status).toBe(200);
    await until(() => kiosk.engine.state === 'shopping', 'back to the basket');
  });

  it('cancel at the kiosk deletes the binding at InPost', async () => {
    const { h, sim } = await toPayment();
    expect((await h('checkout/cancelPayment', {})).ok).toBe(true);
    await until(() => kiosk.engine.state === 'shopping', 'back to the basket');
    expect(sim.ledger().baskets[0]).toMatchObject({ deleted: true });
  });
});
