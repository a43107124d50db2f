/**
 * Merchant node under load: POST /control/check with 50-product baskets, a real decide (cents,
 * inspections, a seeded sample) and real SQLite writes, served in THIS process; the load comes
 * from a separate process over loopback (test/bench/node-load.ts).
 * Figures: requests/s, latency p50/p99, and this process's event-loop delay (the proxy for "the
 * kiosk UI stays responsive", as the node shares the main process with the engine).
 *
 *   npx tsx test/bench/node.bench.ts
 *   BENCH_RATE=100,500 BENCH_SECONDS=10 BENCH_CONCURRENCY=16 npx tsx test/bench/node.bench.ts
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { seededSampler } from '../../electron/checkout/control-sampler';
import { createLog } from '../../electron/log';
import { startMerchantNode } from '../../electron/node/server';
import { PurchaseCheckStore, type DecidePurchaseCheck } from '../../electron/smarts/checks';
import { systemClock } from '../../electron/smarts/clock';
import { linePrice } from '../../electron/smarts/prices';
import { smartsRoutes } from '../../electron/smarts/routes';

const RATES = (process.env.BENCH_RATE ?? '100,500').split(',').map(Number).filter((n) => n > 0 && n <= 5000);
const SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 10), 60);
const CONCURRENCY = Math.min(Number(process.env.BENCH_CONCURRENCY ?? 16), 256);
const TOKEN = 'bench-node-token-0123456789';

// Stand-in for electron/checkout/purchase-control.ts (not wired here): the same kind of work.
const sampler = seededSampler(42);
const decide: DecidePurchaseCheck = (req) => {
  let total = 0;
  let minAge: number | null = null;
  const reasons: Array<Record<string, unknown>> = [];
  for (const p of req.products) {
    const price = linePrice(p);
    total += price.totalCents;
    if (price.sumWithoutVATCents + price.vatSumCents !== price.sumWithVATCents) reasons.push({ code: 'vat-mismatch', id: p.id });
    for (const i of p.inspections ?? []) if (i.type === 'MIN_AGE' && i.age) minAge = Math.max(minAge ?? 0, i.age);
  }
  if (total > 450_00) return { decision: 'FULL', reasons: [...reasons, { code: 'basket-over-limit', totalCents: total }] };
  if (sampler.next() < 0.05) return { decision: 'FULL', reasons: [...reasons, { code: 'random-sample' }] };
  if (minAge !== null) return { decision: 'AGE', reasons: [...reasons, { code: 'min-age', age: minAge }] };
  return { decision: 'NO', reasons };
};

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kassa-node-bench-'));
const dbPath = join(dir, 'bench.db');
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
let logLines = 0;
const log = createLog('bench', () => void logLines++, 'info');
const store = new PurchaseCheckStore(db, systemClock, log);
const node = await startMerchantNode({ port: 0, inboundToken: TOKEN, log, rateLimit: false, routes: [smartsRoutes({ store, decide })] });

function runLoad(plan: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'node-load.ts'), JSON.stringify(plan)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), (SECONDS + 60) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`load process exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
    });
  });
}

async function phase(name: string, plan: Record<string, unknown>) {
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const cpu0 = process.cpuUsage();
  const result = await runLoad({ ...plan, url: node.url, token: TOKEN, seconds: SECONDS, runId: name });
  eld.disable();
  const cpu = process.cpuUsage(cpu0);
  // The histogram holds the time between 1 ms samples; subtracting 1 ms leaves the lag.
  const ms = (ns: number) => Number(Math.max(0, ns / 1e6 - 1).toFixed(2));
  const loop = { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max) };
  console.log(`\n== ${name}`);
  console.log(JSON.stringify({ ...result, nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)), eventLoopLagMs: loop }, null, 1));
}

try {
  console.log(`node ${process.version}, ${SECONDS}s per phase, loopback ${node.url}`);
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await new Promise((r) => setTimeout(r, 1000));
  idle.disable();
  console.log(`idle event-loop lag p99 ${Math.max(0, idle.percentile(99) / 1e6 - 1).toFixed(2)} ms`);
  await runLoad({ mode: 'max', concurrency: 4, url: node.url, token: TOKEN, seconds: 1, runId: 'warmup' });
  for (const rate of RATES) await phase(`fixed rate ${rate} req/s`, { mode: 'rate', rate });
  await phase(`max throughput, ${CONCURRENCY} connections`, { mode: 'max', concurrency: CONCURRENCY });
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM smarts_checks').get() as { n: number }).n;
  console.log(`\nstored checks: ${rows}, db ${(statSync(dbPath).size / 1e6).toFixed(1)} MB (+WAL), log lines at info: ${logLines}`);
} finally {
  await node.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
