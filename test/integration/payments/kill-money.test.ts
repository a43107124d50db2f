/**
 * SIGKILL while money moves: an HTTP call in flight whose answer is lost, a refund, a card-terminal
 * payment — each with the real virtual printer, so the receipt after recovery is checked too.
 * SWiP outlives the kiosk (a sandbox in this process); the sandbox terminal keeps its ledger on
 * disk like a real terminal keeps its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import type { KioskView } from '../../../electron/ipc/view';
import type { PaymentRecord } from '../../../electron/journal/payments';
import { SwipSandbox } from '../../../electron/sandbox/swip';
import { hashPin } from '../../../electron/supervisor';
import { hook, intent, kill, startHost, until, type Host } from './host-harness';

const TOKEN = 'kill-money-token-0123';
const MILK = withCheckDigit('4740000000010');
const BREAD = withCheckDigit('4740000000020');
const BADGE = 'SUP-0077';
const PIN = '864213'; // store mode requires at least 6 digits
const n = (en: string) => ({ en, et: en, pl: en, ru: en });
const CATALOG = [
  { sku: 'MILK', barcodes: [MILK], name: n('Milk'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null },
  { sku: 'BREAD', barcodes: [BREAD], name: n('Bread'), unitPriceCents: 245, vatRateBp: 900, unit: 'piece', soldByWeight: false, category: 'bakery', ageLimit: null },
];
const TOTAL = 129 + 245;

let sandbox: SwipSandbox;
let h: Host | null = null;
let dataDir = '';
beforeAll(async () => {
  sandbox = await SwipSandbox.start({ token: TOKEN, merchantId: 'KASS', storeId: 'S1', captureDelayMs: 600_000 });
});
afterAll(async () => sandbox?.close());
afterEach(async () => {
  if (h) await kill(h);
  h = null;
  sandbox.clearFaults();
  rmSync(dataDir, { recursive: true, force: true });
});

function setUp(): string {
  dataDir = mkdtempSync(join(tmpdir(), 'kassa-kill-money-'));
  writeFileSync(join(dataDir, 'catalog.json'), JSON.stringify(CATALOG));
  writeFileSync(
    join(dataDir, 'kassa.config.json'),
    JSON.stringify({
      sandboxes: true,
      catalog: { importOnStart: join(dataDir, 'catalog.json') },
      swip: { baseUrl: sandbox.url, token: TOKEN, merchantId: 'KASS', storeId: 'S1', pollMs: 200, timeoutMs: 1500 },
      terminal: { kind: 'sandbox', autoApproveMs: null },
      printer: { kind: 'virtual' },
      smarts: { enabled: false },
      supervisors: [{ badge: BADGE, name: 'Kill Tester', pinHash: hashPin(PIN) }],
      purchaseControl: { timeZone: 'Europe/Tallinn', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null },
    }),
  );
  return dataDir;
}

async function shop(x: Host): Promise<void> {
  expect((await intent(x, 'basket/scan', { code: MILK, source: 'panel' })).ok).toBe(true);
  expect((await intent(x, 'basket/scan', { code: BREAD, source: 'panel' })).ok).toBe(true);
}

async function recovered(x: Host): Promise<KioskView> {
  return until(async () => {
    const r = await intent(x, 'view/get');
    return r.view && !r.view.recovering ? r.view : null;
  }, 'recovery finished', 20_000);
}

const payments = (x: Host) => hook<{ orders: PaymentRecord[]; terminal: Array<{ reference: string; result: { approved: boolean }; refundedCents: number }> }>(x, '/__test/payments');
const printedReceipts = async (x: Host) => (await hook<{ receipts: Array<{ text: string }> }>(x, '/__test/printer')).receipts.map((r) => r.text);

/** How the newest session ended ('paid' once the provider confirmed the close), from the journal file. */
function lastSessionEnd(): string | null {
  const db = new Database(join(dataDir, 'journal.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT end_reason FROM sessions ORDER BY started_at DESC LIMIT 1`).get() as { end_reason: string | null } | undefined)?.end_reason ?? null;
  } finally {
    db.close();
  }
}

function printJobState(orderRef: string): string | null {
  const db = new Database(join(dataDir, 'journal.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT state FROM print_jobs WHERE order_ref LIKE ?`).get(orderRef) as { state: string } | undefined)?.state ?? null;
  } finally {
    db.close();
  }
}

describe('kill -9 while money moves', () => {
  it('killed while the close is in flight and its answer is lost: closed once, receipt printed after recovery', async () => {
    setUp();
    const before = new Set(sandbox.ledger().map((o) => o.id));
    const mine = () => sandbox.ledger().find((o) => !before.has(o.id));
    h = await startHost(dataDir);
    await shop(h);
    await intent(h, 'checkout/pay', { method: 'swip' });
    const o = await until(() => mine(), 'order at SWiP');
    sandbox.injectFault({ kind: 'lose-response', path: '/actions/close', times: 1 });
    sandbox.pay(o.id);
    await until(() => mine()!.events.some((e) => e.type === 'closed'), 'SWiP closed the order', 10_000);
    await kill(h); // SWiP acted, the kiosk never heard
    h = await startHost(dataDir);
    const view = await recovered(h);
    // Under load the kiosk may have retried the close and heard the answer before the kill: then the
    // session was already ended as paid and the restart opens on the attract screen. Either way it is paid.
    if (view.state !== 'done') expect({ state: view.state, ended: lastSessionEnd() }).toEqual({ state: 'attract', ended: 'paid' });
    const rec = (await payments(h)).orders.find((r) => r.merchantOrderId === o.merchantOrderId)!;
    expect(rec).toMatchObject({ step: 'closed', closeAmountCents: TOTAL });
    expect(mine()!.events.filter((e) => e.type === 'closed')).toHaveLength(1);
    expect(mine()!.events.filter((e) => e.type === 'close-refused')).toHaveLength(0);
    await until(() => printJobState(o.merchantOrderId) === 'printed', 'receipt printed');
  }, 60_000);

  it('killed with a refund journaled but not sent: SWiP refunded nothing, the refund is recorded as not done', async () => {
    setUp();
    h = await startHost(dataDir, 'refund-requested');
    await shop(h);
    await intent(h, 'checkout/pay', { method: 'swip' });
    const v = await until(async () => (await intent(h!, 'view/get')).view?.payment?.qrText, 'QR');
    sandbox.pay(v);
    await until(async () => (await intent(h!, 'view/get')).view?.state === 'done', 'thank you');
    const mid = (await payments(h)).orders[0]!.merchantOrderId;
    await intent(h, 'basket/scan', { code: BADGE, source: 'panel' });
    expect((await intent(h, 'supervisor/pin', { pin: PIN })).ok).toBe(true);
    void intent(h, 'supervisor/refund', { merchantOrderId: mid, amountCents: 100, reason: 'Goods returned' }).catch(() => undefined);
    expect(await h.exited).toBe('SIGKILL');
    h = await startHost(dataDir);
    await recovered(h);
    await until(async () => (await payments(h!)).orders[0]!.refundedCents === 0 && !refundInFlight(mid), 'refund reconciled');
    expect(sandbox.ledger().find((o) => o.merchantOrderId === mid)!.refundedCents).toBe(0);
  }, 60_000);

  it('killed after SWiP refunded but before the answer arrived: the refund is found at start-up and recorded with SWiP\'s amount', async () => {
    setUp();
    h = await startHost(dataDir);
    await shop(h);
    await intent(h, 'checkout/pay', { method: 'swip' });
    const qr = await until(async () => (await intent(h!, 'view/get')).view?.payment?.qrText, 'QR');
    sandbox.pay(qr);
    await until(async () => (await intent(h!, 'view/get')).view?.state === 'done', 'thank you');
    const mid = (await payments(h)).orders[0]!.merchantOrderId;
    await intent(h, 'basket/scan', { code: BADGE, source: 'panel' });
    await intent(h, 'supervisor/pin', { pin: PIN });
    sandbox.injectFault({ kind: 'lose-response', path: '/refunds', times: 1 });
    sandbox.injectFault({ kind: 'delay', ms: 10_000, path: '/orders/' });
    void intent(h, 'supervisor/refund', { merchantOrderId: mid, amountCents: 150, reason: 'Goods returned' }).catch(() => undefined);
    await until(() => sandbox.ledger().find((o) => o.merchantOrderId === mid)!.refundedCents === 150, 'SWiP refunded');
    await kill(h);
    sandbox.clearFaults();
    expect(refundInFlight(mid)).toBe(true); // journaled before the call, outcome unknown at the kill
    h = await startHost(dataDir);
    await recovered(h);
    await until(async () => (await payments(h!)).orders[0]!.refundedCents === 150 && !refundInFlight(mid), 'refund reconciled');
    // A second refund of the rest is allowed, a third cent is not.
    await intent(h, 'basket/scan', { code: BADGE, source: 'panel' });
    await intent(h, 'supervisor/pin', { pin: PIN });
    expect((await intent(h, 'supervisor/refund', { merchantOrderId: mid, amountCents: TOTAL - 150 + 1, reason: 'Goods returned' })).error?.code).toBe('refund-too-large');
    expect((await intent(h, 'supervisor/refund', { merchantOrderId: mid, amountCents: TOTAL - 150, reason: 'Goods returned' })).ok).toBe(true);
    expect(sandbox.ledger().find((o) => o.merchantOrderId === mid)!.refundedCents).toBe(TOTAL);
    await until(() => printJobState(`${mid}:refund:%`) === 'printed', 'refund receipt printed');
    expect((await printedReceipts(h)).some((t) => /REFUND/.test(t)), 'the SWiP refund slip is on it').toBe(true);
  }, 60_000);

  it('killed during a card-terminal payment after the card was approved: closed, receipt printed after recovery; no SWiP order', async () => {
    setUp();
    const before = sandbox.ledger().length;
    h = await startHost(dataDir, 'paid');
    await shop(h);
    await intent(h, 'checkout/pay', { method: 'terminal' });
    await until(async () => (await hook<{ pending: string[] }>(h!, '/__test/terminal')).pending.length === 1, 'terminal waiting');
    void hook(h, '/__test/terminal', { approve: true }).catch(() => undefined);
    expect(await h.exited).toBe('SIGKILL');
    h = await startHost(dataDir);
    const view = await recovered(h);
    expect(view.state).toBe('done');
    const p = await payments(h);
    expect(p.orders[0]).toMatchObject({ method: 'terminal', step: 'closed', closeAmountCents: TOTAL });
    expect(p.terminal).toMatchObject([{ result: { approved: true } }]);
    await until(async () => (await printedReceipts(h!)).some((t) => t.includes('3.74') || t.includes('3,74')), 'receipt printed after recovery');
    expect(sandbox.ledger().length).toBe(before);
  }, 60_000);

  it('killed while the terminal waits for the card: nothing charged, the payment is cancelled', async () => {
    setUp();
    h = await startHost(dataDir);
    await shop(h);
    await intent(h, 'checkout/pay', { method: 'terminal' });
    await until(async () => (await hook<{ pending: string[] }>(h!, '/__test/terminal')).pending.length === 1, 'terminal waiting');
    await kill(h);
    h = await startHost(dataDir);
    const view = await recovered(h);
    expect(view.state).toBe('shopping');
    expect(view.basket.lines).toHaveLength(2);
    const p = await payments(h);
    expect(p.orders[0]!.step).toBe('cancelled');
    expect(p.terminal.filter((t) => t.result.approved)).toHaveLength(0);
  }, 60_000);
});

function refundInFlight(mid: string): boolean {
  const db = new Database(join(dataDir, 'journal.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM payment_refunds WHERE merchant_order_id = ? AND state = 'requested'`).get(mid) as { n: number }).n > 0;
  } finally {
    db.close();
  }
}
