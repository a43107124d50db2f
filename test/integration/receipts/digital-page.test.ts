/**
 * The digital receipt page over real HTTP: a real kiosk (store mode with the sandboxes, virtual
 * printer) behind a real browser host; a purchase paid in the SWiP sandbox; the link from the
 * thank-you screen and the printed receipt's QR opens a page whose amounts are the journaled
 * order's. Tokens are per receipt, checked for shape, 404 when unknown or expired.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type Kiosk } from '../../../electron/app/kiosk';
import { receiptFromOrder } from '../../../electron/app/receipts';
import { formatMoney } from '../../../electron/checkout/receipt-layout';
import { ManualClock } from '../../../electron/engine/clock';
import { orderNoOf } from '../../../electron/journal/order-numbers';
import { startWebHost, type WebHost } from '../../../electron/host/web-host';
import { memoryLog } from '../../../electron/log';
import { rawGet } from '../security/harness';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const SAMPLES = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-samples.json'), 'utf8')) as { piece: string[]; weighed: Array<{ example: string }>; reducedVat: string };
const TTL = 3_600_000;

let dir: string;
let kiosk: Kiosk;
let web: WebHost;
let port: number;

const until = async <T>(f: () => T | null | undefined | false, what: string): Promise<T> => {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-receipt-page-'));
  const data = join(dir, 'data');
  const app = join(dir, 'app');
  mkdirSync(data);
  mkdirSync(app);
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>Kassa</title>');
  writeFileSync(
    join(data, 'kassa.config.json'),
    JSON.stringify({
      sandboxes: true,
      printer: { kind: 'virtual' },
      smarts: { enabled: false },
      terminal: { kind: 'none' },
      languages: { default: 'et', available: ['et', 'en', 'pl', 'ru'] },
      purchaseControl: { timeZone: 'Europe/Tallinn', ageLimits: { alcohol: 18 }, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null },
      receipts: { linkTtlMs: TTL },
      catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') },
    }),
  );
  kiosk = await startKiosk({ env: { KASSA_DATA_DIR: data }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => data, log: memoryLog('receipt-page'), manualClock: true });
  web = await startWebHost({ kiosk, rendererDir: app, host: '127.0.0.1', port: 0, log: memoryLog('web'), testHooks: false });
  port = Number(new URL(web.url).port);
}, 60_000);

afterAll(async () => {
  await web?.close();
  await kiosk?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the digital receipt page', () => {
  it('shows the paid order as journaled (lines, discounts, VAT, total, order number) in the receipt language; tokens are checked', async () => {
    const e = kiosk.engine;
    await kiosk.handle('session/start', { lang: 'pl' }, { client: 't' });
    for (const code of [SAMPLES.piece[0]!, SAMPLES.piece[0]!, SAMPLES.weighed[0]!.example, SAMPLES.reducedVat]) {
      expect((await kiosk.handle('basket/scan', { code, source: 'panel' }, { client: 't' })).ok).toBe(true);
    }
    expect((await kiosk.handle('checkout/pay', { method: 'swip' }, { client: 't' })).ok).toBe(true);
    const qr = await until(() => e.view().payment?.qrText, 'the SWiP QR');
    kiosk.payments.sandbox!.pay(qr);
    await until(() => e.view().state === 'done', 'the thank-you screen');
    const rec = kiosk.payments.journal.recent(1)[0]!;
    const link = kiosk.digitalReceipts.link(rec.merchantOrderId);
    expect(link).toMatch(new RegExp(`^${web.url}r/[A-Za-z0-9_-]{43}$`));
    expect(link).not.toContain(rec.merchantOrderId);
    // The same link every time for one receipt (the printed QR and the screen agree).
    expect(kiosk.digitalReceipts.link(rec.merchantOrderId)).toBe(link);
    const printed = await until(() => kiosk.receipts!.virtual!.receipts().at(-1), 'the printed receipt');
    expect(printed.decoded.qrPayloads).toEqual([link]);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    // Exactly what was journaled: the receipt built from the journal, amount by amount.
    const expected = receiptFromOrder(rec, kiosk.loaded.config);
    expect(expected.totalCents).toBe(rec.closeAmountCents);
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain(`data-testid="total">${formatMoney(rec.closeAmountCents!, 'pl')}\u00a0€`);
    expect(orderNoOf(rec)).toMatch(/^K01-\d{4}$/);
    expect(html).toContain(`data-testid="receipt-no">${orderNoOf(rec)}`);
    expect(html).toContain(`data-testid="order-no">${orderNoOf(rec)}`);
    for (const l of expected.lines) expect(html).toContain(`${formatMoney(l.totalCents, 'pl')}\u00a0€`);
    for (const l of expected.lines) expect(html).toContain(l.name.replace(/&/g, '&#38;'));
    for (const v of expected.vat) for (const c of [v.netCents, v.vatCents, v.grossCents]) expect(html).toContain(`${formatMoney(c, 'pl')}\u00a0€`);
    expect(expected.vat.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('RAZEM');
    // Nothing else: no internal id, no card data, no slip, no script.
    expect(html).not.toContain(rec.merchantOrderId);
    expect(html).not.toMatch(/<script|\*\*\*\*/);

    const token = link.slice(-43);
    for (const bad of [`/r/${rec.merchantOrderId}`, '/r/' + 'A'.repeat(43), '/r/' + token.slice(0, 42), '/r/' + token + 'x', `/r/${token.slice(0, 42)}%`, `/r/${token}/x`, '/r/', '/r/..%2Fjournal.db']) {
      const r = await rawGet(port, bad);
      expect(r.status, bad).toBe(404);
      expect(r.body).not.toContain('K01-');
    }
    // The receipt page needs no cookie and answers any host name; other methods are refused.
    expect((await rawGet(port, `/r/${token}`, { host: 'kassa.shop.lan:5173' })).status).toBe(200);
    expect((await fetch(link, { method: 'POST' })).status).toBe(405);
    // After the link's lifetime it is gone.
    (kiosk.clock as ManualClock).advance(TTL + 1);
    expect((await fetch(link)).status).toBe(404);
    // A new link for the same order works again (a reprint on a later day).
    const again = kiosk.digitalReceipts.link(rec.merchantOrderId);
    expect(again).not.toBe(link);
    expect((await fetch(again)).status).toBe(200);
  }, 60_000);
});
