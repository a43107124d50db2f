/**
 * Payment figures (prints tables; not a pass/fail test):
 *
 *   npx tsx test/bench/payment.bench.ts        (BENCH_PAY_N, BENCH_PAID_N, BENCH_QUICK=1)
 *
 * (a) Kiosk overhead from pressing Pay to the QR: `kiosk.handle('checkout/pay')` → the pushed view
 *     with payment.phase 'waiting' and a qrText, with the SWiP sandbox answering at once (target
 *     p99 ≤ 50 ms). Each order is cancelled afterwards, untimed.
 * (b) From the sandbox marking the order paid (random offset in the poll cycle) to the thank-you
 *     view (state 'done') at the configured poll interval (swip.pollMs, default 500 ms): expected
 *     ≈ U(0, poll) + one GET + the close. Target p50 ≤ 300 ms. SWiP is a sandbox behind a counting
 *     proxy: requests per payment (loyalty, create, polls, close) and requests per second per kiosk
 *     while the QR is up (target ≤ 2/s).
 * (c) Recovery after a kill with 100 unfinished orders in the journal (40 paid, 40 unpaid, 20
 *     close-requested of which half had already closed at SWiP): a fresh `startKiosk` on that data
 *     folder until `view.recovering === false`; then every paid order must be closed exactly once
 *     and every unpaid one cancelled.
 * All kiosks are the real composition (`startKiosk`, store mode with the local sandboxes) with
 * purchase-control sampling and thresholds off, so no supervisor lock interrupts a payment.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startKiosk, type Kiosk } from '../../electron/app/kiosk';
import { configSchema } from '../../electron/config/schema';
import type { KioskView } from '../../electron/ipc/view';
import { openJournalDb } from '../../electron/journal/db';
import { PaymentJournal, type PaymentStep } from '../../electron/journal/payments';
import { createLog } from '../../electron/log';
import { SwipClient } from '../../electron/payments/swip';
import { SwipSandbox } from '../../electron/sandbox/swip';
import { HEADER, loadNote, QUICK, row, sleep, until, verdict } from './stats';

const REPO = resolve(import.meta.dirname, '..', '..');
const PAY_N = Number(process.env.BENCH_PAY_N ?? (QUICK ? 40 : 200));
const PAID_N = Number(process.env.BENCH_PAID_N ?? (QUICK ? 8 : 30));
/** The configured default poll interval: what a store gets. */
const POLL_MS = configSchema.parse({}).swip.pollMs;
const quietLog = () => createLog('bench', () => undefined, 'info');

const RULES = {
  timeZone: 'Europe/Tallinn',
  ageLimits: { alcohol: 18, tobacco: 18 },
  saleHours: [],
  sampling: { rate: 0, seed: 1 },
  basketValueCents: null,
  itemCount: null,
  voidedLines: null,
  unknownScans: null,
};

/** Piece products without age checks from the demo catalog. */
function pieceCodes(): string[] {
  const cat = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as {
    products: Array<{ barcodes: string[]; soldByWeight: boolean; ageLimit: number | null; category: string }>;
  };
  return cat.products.filter((p) => !p.soldByWeight && p.ageLimit === null && p.category !== 'alcohol' && p.category !== 'tobacco').map((p) => p.barcodes[0]!);
}
const CODES = pieceCodes();

async function kioskOn(dir: string, swip: Record<string, unknown> = {}): Promise<Kiosk> {
  writeFileSync(
    join(dir, 'kassa.config.json'),
    JSON.stringify({ sandboxes: true, catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') }, purchaseControl: RULES, swip: { pollMs: POLL_MS, ...swip } }),
  );
  return startKiosk({ env: { KASSA_DATA_DIR: dir }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => dir, log: quietLog() });
}

/** Waits for the first pushed view that satisfies `cond`; resolves with its arrival time. */
function viewWhere(k: Kiosk, cond: (v: KioskView) => boolean, ms = 10_000): Promise<{ at: number; view: KioskView }> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => (stop(), rej(new Error(`no matching view within ${ms} ms; state ${k.engine.state}`))), ms);
    const stop = k.engine.onView((v) => {
      if (!cond(v)) return;
      const at = performance.now();
      clearTimeout(timer);
      stop();
      res({ at, view: v });
    });
  });
}

async function fillBasket(k: Kiosk, i: number): Promise<void> {
  for (let j = 0; j < 3 + (i % 8); j++) {
    const r = await k.handle('basket/scan', { code: CODES[(i * 7 + j) % CODES.length]!, source: 'panel' });
    if (!r.ok) throw new Error(`scan refused: ${JSON.stringify(r.error)}`);
  }
}

const isQr = (v: KioskView) => v.payment?.phase === 'waiting' && !!v.payment.qrText;

// ---- (a) Pay → QR -----------------------------------------------------------------------------
async function payToQr(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-pay-bench-'));
  const k = await kioskOn(dir);
  try {
    const ms: number[] = [];
    const call: number[] = [];
    for (let i = 0; i < 20 + PAY_N; i++) {
      await fillBasket(k, i);
      const qr = viewWhere(k, isQr);
      const t0 = performance.now();
      const r = await k.handle('checkout/pay', { method: 'swip' });
      const t1 = performance.now();
      if (!r.ok) throw new Error(`pay refused: ${JSON.stringify(r.error)}`);
      const { at } = await qr;
      if (i >= 20) {
        ms.push(at - t0);
        call.push(t1 - t0);
      }
      // Untimed: cancel the order, then end the session.
      const back = viewWhere(k, (v) => v.state === 'shopping' && !v.payment);
      const c = await k.handle('checkout/cancelPayment', {});
      if (!c.ok) throw new Error(`cancel refused: ${JSON.stringify(c.error)}`);
      await back;
      await k.handle('session/cancel', {});
    }
    const open = k.payments.sandbox!.ledger().filter((o) => o.status === 'OPEN').length;
    console.log(`\n(a) Pay → QR visible (in-process kiosk, SWiP sandbox on loopback answering at once; ${loadNote()})`);
    console.log(HEADER);
    console.log(row('checkout/pay → view waiting + qrText', ms));
    console.log(row('  of which the pay intent call itself', call));
    console.log(`orders left OPEN at SWiP after the cancels: ${open}`);
    console.log(`target p99 ≤ 50 ms: ${verdict(ms, 50)}`);
  } finally {
    await k.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- (b) paid → thank you ---------------------------------------------------------------------
async function paidToThankYou(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-paid-bench-'));
  const cred = { token: 'bench-token-0123456789', merchantId: 'BENCH', storeId: 'S1' };
  const sandbox = await SwipSandbox.start({ ...cred });
  // A counting proxy in front of SWiP: every request the kiosk sends, by kind.
  const counts = new Map<string, number>();
  const proxy = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const kind = path === '/loyalty-calculations' ? 'loyalty' : path === '/orders' ? 'create' : path.endsWith('/actions/close') ? 'close' : req.method === 'GET' ? 'poll' : 'other';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void fetch(new URL(req.url ?? '/', sandbox.url), { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) }).then(async (r) => {
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await r.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const k = await kioskOn(dir, { baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, ...cred });
  const total = () => [...counts.values()].reduce((a, b) => a + b, 0);
  try {
    const ms: number[] = [];
    const offsets: number[] = [];
    const perPayment: number[] = [];
    const rates: number[] = [];
    for (let i = 0; i < PAID_N; i++) {
      await fillBasket(k, i);
      const qr = viewWhere(k, isQr);
      const before = total();
      const polls0 = counts.get('poll') ?? 0;
      await k.handle('checkout/pay', { method: 'swip' });
      const { at: qrAt } = await qr;
      // The customer pays somewhere in a poll cycle, a few cycles after the QR appeared.
      const offset = 3 * POLL_MS + Math.random() * POLL_MS;
      await sleep(Math.max(0, offset - (performance.now() - qrAt)));
      const done = viewWhere(k, (v) => v.state === 'done', 5000);
      const order = sandbox.ledger().find((o) => o.status === 'OPEN' && o.paidCents === 0);
      if (!order) throw new Error('no open order to pay');
      sandbox.pay(order.id);
      const paidAt = performance.now();
      const { at } = await done;
      ms.push(at - paidAt);
      offsets.push(paidAt - qrAt);
      perPayment.push(total() - before);
      rates.push((((counts.get('poll') ?? 0) - polls0) * 1000) / (at - qrAt));
      await k.handle('checkout/finish', {});
    }
    const ledger = sandbox.ledger();
    const closedOnce = ledger.filter((o) => o.status === 'CLOSED' && o.closeAmountCents === o.totalCents && o.events.filter((e) => e.type === 'closed').length === 1).length;
    console.log(`\n(b) sandbox marks paid → thank-you view (configured poll interval ${POLL_MS} ms; ${loadNote()})`);
    console.log(HEADER);
    console.log(row('paid → state done', ms));
    console.log(row('  paid at offset after the QR', offsets));
    console.log(row('SWiP requests per payment (QR up ≈ 3.5 polls)', perPayment, 'req', 1));
    console.log(row('SWiP status polls per second while the QR is up', rates, 'req/s', 2));
    console.log(`requests by kind: ${[...counts].map(([kind, n]) => `${kind} ${n}`).join(', ')} over ${PAID_N} payments`);
    console.log(`per payment: loyalty 1 + create 1 + close 1 + one poll per ${POLL_MS} ms the QR is up (${(1000 / POLL_MS).toFixed(1)}/s; a 30 s wait ≈ ${3 + Math.round(30_000 / POLL_MS)} requests)`);
    console.log(`target p50 paid → thank-you ≤ 300 ms: ${summarizeP50(ms) <= 300 ? 'OK' : 'MISSED'} (p50 ${summarizeP50(ms).toFixed(0)} ms); polls ≤ 2/s: ${Math.max(...rates) <= 2.05 ? 'OK' : 'MISSED'}`);
    console.log(`orders closed with their total exactly once: ${closedOnce}/${PAID_N}`);
  } finally {
    await k.close();
    proxy.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarizeP50(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
}

// ---- (c) recovery after a kill ---------------------------------------------------------------
async function recovery(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-recover-bench-'));
  const cred = { token: 'bench-token-0123456789', merchantId: 'BENCH', storeId: 'S1' };
  // SWiP outlives the kiosk: a sandbox in this process, the kiosk talks to it by URL.
  const sandbox = await SwipSandbox.start({ ...cred });
  const client = new SwipClient({ baseUrl: sandbox.url, ...cred, cashId: 'K01', posType: 'SELF_CHECKOUT' }, quietLog());
  const db = openJournalDb(join(dir, 'journal.db'));
  const journal = new PaymentJournal(db);
  const kinds: Array<{ mid: string; kind: 'paid-created' | 'paid' | 'unpaid' | 'close-requested' | 'closed-at-swip'; total: number }> = [];
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) {
    const kind = i < 20 ? 'paid-created' : i < 40 ? 'paid' : i < 80 ? 'unpaid' : i < 90 ? 'close-requested' : 'closed-at-swip';
    const mid = randomUUID();
    const total = 150 + i * 37;
    const at = Date.now();
    journal.begin({ merchantOrderId: mid, sessionId: null, method: 'swip', step: 'requested', providerRef: null, sessionCode: null, totalCents: total, totalOriginalCents: total, paidCents: 0, closeAmountCents: null, rounded: false, refundedCents: 0, orderNumber: null, details: { lang: 'en' }, createdAt: at });
    journal.step(mid, 'creating', at, { totalCents: total });
    const order = await client.createOrder({ merchantOrderId: mid, cashier: 'Kiosk K01', saleDate: at, totalCents: total, totalOriginalCents: total, purchases: [{ name: 'Milk', productId: 'MILK', quantity: 1, unit: 'PIECES', priceCents: total, amountCents: total }] });
    journal.step(mid, 'created', at, { providerRef: order.id, sessionCode: order.sessionCode });
    if (kind !== 'unpaid') sandbox.pay(order.id);
    // What the kiosk had written when it was killed:
    const last: PaymentStep = kind === 'paid-created' ? 'created' : kind === 'unpaid' ? 'created' : 'paid';
    if (last === 'paid') journal.step(mid, 'paid', at, { paidCents: total });
    if (kind === 'close-requested' || kind === 'closed-at-swip') journal.step(mid, 'close-requested', at, { closeAmountCents: total, rounded: false });
    // Killed after SWiP closed it but before 'closed' was journaled.
    if (kind === 'closed-at-swip') await client.closeOrder(order.id, total);
    kinds.push({ mid, kind, total });
  }
  db.close();
  const setupMs = performance.now() - t0;

  let k: Kiosk | null = null;
  try {
    const s0 = performance.now();
    k = await kioskOn(dir, { baseUrl: sandbox.url, ...cred });
    const started = performance.now();
    await until(() => k!.engine.recovering === false, 'recovering === false', 30_000, 1);
    const s1 = performance.now();
    const total = s1 - s0;

    // Verification against SWiP's ledger and the journal.
    const ledger = new Map(sandbox.ledger().map((o) => [o.merchantOrderId, o]));
    const problems: string[] = [];
    const tally = new Map<string, number>();
    for (const o of kinds) {
      const l = ledger.get(o.mid)!;
      const closes = l.events.filter((e) => e.type === 'closed').length;
      const refused = l.events.filter((e) => e.type === 'close-refused').length;
      const rec = k.payments.journal.get(o.mid)!;
      const wantMoney = o.kind !== 'unpaid';
      const ok = l.status === 'CLOSED' && closes === 1 && refused === 0 && (wantMoney ? l.closeAmountCents === o.total && rec.step === 'closed' : l.closeAmountCents === 0 && rec.step === 'cancelled');
      const key = `${o.kind} → ${rec.step}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (!ok) problems.push(`${o.kind} ${o.mid}: SWiP ${l.status} close ${l.closeAmountCents}/${o.total}, closes ${closes}, refused ${refused}, journal ${rec.step}`);
    }
    console.log(`\n(c) recovery after a kill: 100 unfinished orders (${loadNote()})`);
    console.log(`setup (create at SWiP, journal rows): ${setupMs.toFixed(0)} ms`);
    console.log(`startKiosk returned after            ${(started - s0).toFixed(1).padStart(8)} ms`);
    console.log(`recovering === false after           ${total.toFixed(1).padStart(8)} ms  (${(s1 - started).toFixed(1)} ms after startKiosk returned)`);
    console.log(`per order                            ${(total / 100).toFixed(2).padStart(8)} ms  (whole start-up included)`);
    console.log(`unfinished orders left in the journal: ${k.payments.journal.unfinished().length}`);
    console.log(`verification: ${[...tally].map(([key, n]) => `${key}: ${n}`).join('; ')}`);
    console.log(`verification: ${problems.length === 0 ? 'OK — every paid order closed exactly once with its total, every unpaid one cancelled (closed with 0), no close refused' : `${problems.length} PROBLEMS`}`);
    for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  } finally {
    await k?.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`payment bench: Node ${process.version}, (a) ${PAY_N} payments, (b) ${PAID_N} paid orders, (c) 100 orders to recover`);
const only = process.argv.slice(2);
if (!only.length || only.includes('a')) await payToQr();
if (!only.length || only.includes('b')) await paidToThankYou();
if (!only.length || only.includes('c')) await recovery();
