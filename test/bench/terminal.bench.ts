/**
 * Card-terminal (nexo) figures (prints tables; not a pass/fail test):
 *
 *   npx tsx test/bench/terminal.bench.ts        (BENCH_TERMINAL_N, BENCH_QUICK=1)
 *
 * (a) Kiosk overhead from pressing Pay to the terminal showing the amount: `kiosk.handle('checkout/pay',
 *     { method: 'terminal' })` → the terminal simulator has received and accepted the
 *     PaymentRequest (its ledger entry's time, on the same high-resolution clock). Includes both
 *     journal writes (payment order and terminal request, fsync'd) and the HTTP request. Each
 *     payment is then declined at the terminal and the customer goes back to the basket, untimed.
 *     Measured twice: clear JSON, and with the shared key's message protection (NexoBlob).
 * (b) Recovery after a kill with 100 unfinished terminal payments (50 approved at the terminal
 *     whose answers were lost, 50 that never reached it): a fresh `startKiosk` on that data folder
 *     until every payment is final (closed / declined) and no terminal request is left without an
 *     outcome; then the 50 approvals must be closed once and nothing reversed.
 * The kiosk is the real composition (store mode, local SWiP sandbox, nexo terminal at the
 * simulator over HTTP on loopback) with purchase-control sampling off.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { startKiosk, type Kiosk } from '../../electron/app/kiosk';
import { openJournalDb } from '../../electron/journal/db';
import { PaymentJournal } from '../../electron/journal/payments';
import { TerminalJournal } from '../../electron/journal/terminal';
import { createLog } from '../../electron/log';
import { httpPost, randomServiceId } from '../../electron/payments/terminal/nexo';
import { paymentRequest } from '../../electron/payments/terminal/nexo/messages';
import { TerminalSimulator } from '../../electron/sandbox/terminal';
import { HEADER, loadNote, QUICK, row, until } from './stats';

const REPO = resolve(import.meta.dirname, '..', '..');
const N = Number(process.env.BENCH_TERMINAL_N ?? (QUICK ? 30 : 200));
const RECOVER_N = 100;
const POIID = 'V400m-000000099';
const quietLog = () => createLog('bench', () => undefined, 'info');
const hires = { now: () => performance.timeOrigin + performance.now() };

const RULES = { timeZone: 'Europe/Tallinn', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null };

function pieceCode(): string {
  const cat = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as { products: Array<{ barcodes: string[]; soldByWeight: boolean; ageLimit: number | null }> };
  return cat.products.find((p) => !p.soldByWeight && p.ageLimit === null)!.barcodes[0]!;
}

/** The shared key of (a) with message protection (NexoBlob + SecurityTrailer). */
const KEY = { keyIdentifier: 'BenchKey', keyVersion: 1, passphrase: 'bench-shared-passphrase' };

async function kioskOn(dir: string, sim: TerminalSimulator, key: typeof KEY | null = null): Promise<Kiosk> {
  writeFileSync(
    join(dir, 'kassa.config.json'),
    JSON.stringify({
      sandboxes: true,
      catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') },
      terminal: { kind: 'nexo', url: sim.nexoUrl, poiId: POIID, statusInitialMs: 100, statusMaxMs: 500, ...(key ? { keyIdentifier: key.keyIdentifier, keyVersion: key.keyVersion, keyPassphrase: key.passphrase } : {}) },
      printer: { kind: 'none' },
      smarts: { enabled: false },
      purchaseControl: RULES,
    }),
  );
  return startKiosk({ env: { KASSA_DATA_DIR: dir }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => dir, log: quietLog() });
}

/** The bench's screen, as the browser host names a connection. */
const BENCH = { client: 'bench' };

async function payToTerminal(key: typeof KEY | null = null): Promise<number[]> {
  const sim = await TerminalSimulator.start({ poiId: POIID, clock: hires, ...(key ? { sharedKey: key } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'kassa-bench-terminal-'));
  const k = await kioskOn(dir, sim, key);
  const code = pieceCode();
  const out: number[] = [];
  try {
    await k.handle('session/start', {}, BENCH);
    await k.handle('basket/scan', { code, source: 'panel' }, BENCH);
    for (let i = 0; i < N + 5; i++) {
      const before = sim.ledger().length;
      const t0 = hires.now();
      const r = await k.handle('checkout/pay', { method: 'terminal' }, BENCH);
      if (!r.ok) throw new Error(`pay refused: ${JSON.stringify(r)}`);
      await until(() => sim.ledger().length > before, 'the terminal showing the amount', 10_000, 0);
      if (i >= 5) out.push(sim.ledger()[before]!.createdAt - t0); // the first five warm up
      sim.terminal.decline('cancelled');
      await until(() => k.engine.view().payment?.phase === 'failed', 'declined on screen', 10_000, 1);
      await k.handle('checkout/back', {}, BENCH);
    }
  } finally {
    await k.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function recovery(): Promise<{ ms: number; closed: number; declined: number; reversed: number }> {
  const sim = await TerminalSimulator.start({ poiId: POIID, auto: { outcome: 'approve', afterMs: 0 } });
  const dir = mkdtempSync(join(tmpdir(), 'kassa-bench-terminal-rec-'));
  try {
    // A first start creates the data folder's journal and catalog; then the kill leaves 100 open payments.
    await (await kioskOn(dir, sim)).close();
    const db = openJournalDb(join(dir, 'journal.db'));
    const payments = new PaymentJournal(db);
    const terminal = new TerminalJournal(db);
    const post = httpPost({ url: sim.nexoUrl, apiKey: null, caPem: null });
    const at = Date.now();
    for (let i = 0; i < RECOVER_N; i++) {
      const mid = randomUUID();
      const cents = 100 + i;
      payments.begin({ merchantOrderId: mid, sessionId: null, method: 'terminal', step: 'requested', providerRef: null, sessionCode: null, totalCents: cents, totalOriginalCents: cents, paidCents: 0, closeAmountCents: null, rounded: false, refundedCents: 0, orderNumber: null, details: { lang: 'en', basket: { lines: [], nextLineNo: 1 } }, createdAt: at });
      payments.step(mid, 'creating', at, {});
      payments.step(mid, 'created', at, { providerRef: mid, totalCents: cents });
      const serviceId = randomServiceId();
      terminal.request({ serviceId, kind: 'payment', reference: mid, refServiceId: null, refundId: null, amountCents: cents, createdAt: at });
      // Half reached the terminal and were approved there; their answers never came back.
      if (i % 2 === 0) await post(paymentRequest({ saleId: 'K01', poiId: POIID, serviceId, transactionId: mid, at, currency: 'EUR', amountCents: cents }), 5000);
    }
    db.close();
    const t0 = performance.now();
    const k = await kioskOn(dir, sim);
    try {
      const open = () => (k.db.prepare(`SELECT COUNT(*) AS n FROM payment_orders WHERE step NOT IN ('closed','declined','cancelled','abandoned','expired','needs-attention')`).get() as { n: number }).n
        + (k.db.prepare(`SELECT COUNT(*) AS n FROM terminal_requests WHERE kind IN ('payment','reversal') AND state IN ('sent','unknown')`).get() as { n: number }).n;
      await until(() => !k.engine.recovering && open() === 0, 'recovery of 100 terminal payments', 120_000, 5);
      const ms = performance.now() - t0;
      const count = (step: string) => (k.db.prepare(`SELECT COUNT(*) AS n FROM payment_orders WHERE step = ?`).get(step) as { n: number }).n;
      return { ms, closed: count('closed'), declined: count('declined'), reversed: sim.ledger().filter((e) => e.reversedCents > 0).length };
    } finally {
      await k.close();
    }
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`terminal bench (nexo adapter ↔ terminal simulator on loopback), ${loadNote()}`);
const a = await payToTerminal();
console.log(`\n${HEADER}`);
console.log(row('Pay → terminal shows the amount', a));
// The same with every message sealed and opened (the simulator opens the request before its ledger entry).
console.log(row('… with message protection (shared key)', await payToTerminal(KEY)));
const b = await recovery();
console.log(`\nrecovery of ${RECOVER_N} unfinished terminal payments (50 approved with lost answers, 50 never sent): ${b.ms.toFixed(0)} ms from start-up to all final`);
console.log(`  closed ${b.closed} (expected 50), declined ${b.declined} (expected 50), reversed at the terminal ${b.reversed} (expected 0)`);
if (b.closed !== 50 || b.declined !== 50 || b.reversed !== 0) process.exitCode = 1;
