/**
 * Soak: customer sessions one after another through the whole kiosk (the composition root,
 * `startKiosk`, store mode), driven only through public intents and the SWiP sandbox's control
 * API: scan 3–10 items, pay with SWiP, the "customer" pays via `POST /__control/pay` (the order
 * taken from the QR link, as a phone would), the thank-you view, the receipt printed to the
 * virtual printer, finish. Reports, at each tenth of the run (each 1,000 sessions in the full
 * run): resident memory, heap used (after a full GC), the journal's file and WAL on disk, plus the
 * event-loop delay p99 of that stretch; at the end the trend over the second half of the run.
 *
 *   npx tsx test/bench/soak.bench.ts            10,000 sessions (env BENCH_SOAK_N)
 *   BENCH_QUICK=1 npx tsx test/bench/soak.bench.ts   300 sessions
 *
 * The SWiP sandbox runs in a child process (its ledger keeps every order); poll interval 200 ms
 * (the configuration's minimum), so a session takes ~0.25 s and the full run ~45 minutes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startKiosk, type Kiosk } from '../../electron/app/kiosk';
import type { KioskView } from '../../electron/ipc/view';
import { createLog } from '../../electron/log';
import { loadNote, QUICK } from './stats';

const REPO = resolve(import.meta.dirname, '..', '..');
const N = Number(process.env.BENCH_SOAK_N ?? (QUICK ? 300 : 10_000));
const STEP = Math.max(1, Math.round(N / 10));
const CRED = { token: 'soak-token-0123456789', merchantId: 'SOAK', storeId: 'S1' };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function pieceCodes(): string[] {
  const cat = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as {
    products: Array<{ barcodes: string[]; soldByWeight: boolean; ageLimit: number | null; category: string }>;
  };
  return cat.products.filter((p) => !p.soldByWeight && p.ageLimit === null).map((p) => p.barcodes[0]!);
}

function startSandbox(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/bench/soak-swip.ts'), CRED.token, CRED.merchantId, CRED.storeId], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /swip sandbox at (\S+)/.exec(out);
      if (m) res({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (c) => rej(new Error(`sandbox exited (${c})`)));
  });
}

function viewWhere(k: Kiosk, cond: (v: KioskView) => boolean, ms = 15_000): Promise<KioskView> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => (stop(), rej(new Error(`no matching view within ${ms} ms; state ${k.engine.view().state}`))), ms);
    const stop = k.engine.onView((v) => {
      if (!cond(v)) return;
      clearTimeout(timer);
      stop();
      res(v);
    });
  });
}

/** The soak's one kiosk screen, as the browser host names a connection. */
const SOAK_CLIENT = { client: 'soak' };

async function ok(k: Kiosk, channel: string, payload: unknown): Promise<void> {
  const r = await k.handle(channel, payload, SOAK_CLIENT);
  if (!r.ok) throw new Error(`${channel} refused: ${JSON.stringify(r.error)}`);
}

function diskBytes(dir: string, file: string): number {
  let n = 0;
  try {
    n = statSync(join(dir, file)).size;
  } catch {
    // absent
  }
  return n;
}

const dir = mkdtempSync(join(tmpdir(), 'kassa-soak-'));
const sandbox = await startSandbox();
writeFileSync(
  join(dir, 'kassa.config.json'),
  JSON.stringify({
    sandboxes: true,
    swip: { baseUrl: sandbox.url, token: CRED.token, merchantId: CRED.merchantId, storeId: CRED.storeId, cashId: 'K01', pollMs: 200 },
    smarts: { enabled: false },
    printer: { kind: 'virtual' },
    catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') },
    purchaseControl: { timeZone: 'Europe/Tallinn', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null },
  }),
);
const k = await startKiosk({ env: { KASSA_DATA_DIR: dir }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => dir, log: createLog('soak', () => undefined, 'error') });
const codes = pieceCodes();
const lag = monitorEventLoopDelay({ resolution: 5 });
const allLag = monitorEventLoopDelay({ resolution: 5 });
interface Mark {
  sessions: number;
  rssMb: number;
  heapMb: number;
  journalMb: number;
  walMb: number;
  lagP99: number;
  sessionMs: number[];
}
const marks: Mark[] = [];
const mark = (sessions: number, sessionMs: number[]) => {
  const lagP99 = lag.percentile(99) / 1e6;
  // The forced GC blocks the loop: not counted as event-loop delay.
  lag.disable();
  allLag.disable();
  gc();
  const m = process.memoryUsage();
  marks.push({ sessions, rssMb: m.rss / 1e6, heapMb: m.heapUsed / 1e6, journalMb: diskBytes(dir, 'journal.db') / 1e6, walMb: diskBytes(dir, 'journal.db-wal') / 1e6, lagP99, sessionMs });
  lag.reset();
  if (sessions > 0) {
    lag.enable();
    allLag.enable();
  }
};

console.log(`\nKassa soak — ${N.toLocaleString('en')} customer sessions (scan, SWiP via the sandbox's control API, receipt to the virtual printer); ${loadNote()}`);
const t0 = performance.now();
let failures = 0;
try {
  mark(0, []);
  lag.enable();
  allLag.enable();
  // Each stretch's delay p99 is measured from here on (the first row has none).
  let stretch: number[] = [];
  for (let i = 0; i < N; i++) {
    const s0 = performance.now();
    try {
      const items = 3 + (i % 8);
      for (let j = 0; j < items; j++) await ok(k, 'basket/scan', { code: codes[(i * 7 + j) % codes.length]!, source: 'panel' });
      const qr = viewWhere(k, (v) => v.payment?.phase === 'waiting' && !!v.payment.qrText);
      await ok(k, 'checkout/pay', { method: 'swip' });
      const { payment } = await qr;
      // What the customer's phone does with the QR: the wallet link names the order.
      const link = new URL(payment!.qrText!);
      const done = viewWhere(k, (v) => v.state === 'done');
      const paid = await fetch(new URL('/__control/pay', link.origin), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: decodeURIComponent(link.pathname.split('/').pop()!) }) });
      if (!paid.ok) throw new Error(`control pay: ${paid.status} ${await paid.text()}`);
      await done;
      await ok(k, 'checkout/finish', {});
    } catch (e) {
      failures++;
      if (failures <= 5) console.log(`session ${i}: ${(e as Error).message}`);
      await k.handle('session/cancel', {}, SOAK_CLIENT).catch(() => undefined);
    }
    stretch.push(performance.now() - s0);
    if ((i + 1) % STEP === 0 || i + 1 === N) {
      mark(i + 1, stretch);
      stretch = [];
    }
  }
  const wallS = (performance.now() - t0) / 1000;
  allLag.disable();
  const ledger = (await (await fetch(new URL('/__control/ledger', sandbox.url))).json()) as Array<{ status: string; closeAmountCents: number | null; totalCents: number }>;
  const closed = ledger.filter((o) => o.status === 'CLOSED' && o.closeAmountCents === o.totalCents).length;
  const f = (x: number, d = 1) => x.toFixed(d).padStart(10);
  console.log(`\n${'sessions'.padStart(8)}${'RSS MB'.padStart(10)}${'heap MB'.padStart(10)}${'journal MB'.padStart(12)}${'WAL MB'.padStart(10)}${'loop p99 ms'.padStart(13)}${'session p50 ms'.padStart(16)}${'p99 ms'.padStart(10)}`);
  for (const m of marks) {
    const s = [...m.sessionMs].sort((a, b) => a - b);
    const p = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : NaN);
    console.log(`${String(m.sessions).padStart(8)}${f(m.rssMb)}${f(m.heapMb)}${f(m.journalMb, 2).padStart(12)}${f(m.walMb, 2)}${f(m.lagP99, 2).padStart(13)}${f(p(0.5)).padStart(16)}${f(p(0.99))}`);
  }
  // Trend over the second half (the first half includes warm-up): least-squares slope per 1,000 sessions.
  const half = marks.filter((m) => m.sessions >= N / 2);
  const slope = (ys: number[], xs: number[]) => {
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
    const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    return den === 0 ? 0 : (num / den) * 1000;
  };
  const xs = half.map((m) => m.sessions);
  console.log(`\ntrend over the second half, per 1,000 sessions: RSS ${slope(half.map((m) => m.rssMb), xs).toFixed(2)} MB, heap ${slope(half.map((m) => m.heapMb), xs).toFixed(2)} MB, journal ${slope(half.map((m) => m.journalMb), xs).toFixed(3)} MB`);
  console.log(`event-loop delay over the whole run: p50 ${(allLag.percentile(50) / 1e6).toFixed(2)} ms, p99 ${(allLag.percentile(99) / 1e6).toFixed(2)} ms, max ${(allLag.max / 1e6).toFixed(1)} ms`);
  console.log(`sessions: ${N - failures} completed, ${failures} failed; SWiP orders closed with their total: ${closed}/${ledger.length}; wall ${wallS.toFixed(0)} s (${((wallS * 1000) / N).toFixed(0)} ms per session)`);
} finally {
  await k.close();
  sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
