/**
 * Smarts product search through the merchant node with a big catalog: POST /product/search/barcode
 * and /product/search/name, served in THIS process by the real routes (smarts/product-routes.ts)
 * over a real SQLite catalog of N synthetic products (default 1,000,000), as in the kiosk, where
 * the node shares the main process with the engine. The load comes from a separate process over
 * loopback (test/bench/node-load.ts). Figures per phase: requests/s, latency p50/p99 (at a fixed
 * rate also corrected for coordinated omission: measured from when a request was due), and this
 * process's event-loop lag (the proxy for "the kiosk UI stays responsive"). Prints; asserts nothing.
 *
 *   npx tsx test/bench/product-search.bench.ts
 *   BENCH_SEARCH_N=300000 BENCH_BARCODE_RATE=200,1000 BENCH_NAME_RATE=50,200 BENCH_SECONDS=10 npx tsx test/bench/product-search.bench.ts
 *   BENCH_QUICK=1: 100,000 products, 3 s phases
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Catalog } from '../../electron/catalog';
import { DEFAULT_CONTROL_RULES, requiredAge } from '../../electron/checkout/purchase-control';
import { DEFAULT_WEIGHT_RULES, parseBarcode } from '../../electron/devices/barcode';
import { createLog } from '../../electron/log';
import { startMerchantNode } from '../../electron/node/server';
import { smartsProductRoutes } from '../../electron/smarts/product-routes';
import type { ParseBarcode } from '../../electron/smarts/products';
import { loadNote, QUICK } from './stats';
import { generate } from './synthetic-catalog';

const N = Math.min(Number(process.env.BENCH_SEARCH_N ?? (QUICK ? 100_000 : 1_000_000)), 5_000_000);
const SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 10)), 60);
const rates = (v: string | undefined, quick: string, full: string) =>
  (v ?? (QUICK ? quick : full)).split(',').map(Number).filter((n) => n > 0 && n <= 5000);
const BARCODE_RATES = rates(process.env.BENCH_BARCODE_RATE, '200', '200,1000');
const NAME_RATES = rates(process.env.BENCH_NAME_RATE, '50', '50,200');
const CONCURRENCY = Math.min(Number(process.env.BENCH_CONCURRENCY ?? 16), 256);
const TOKEN = 'bench-search-token-0123456789';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kassa-search-bench-'));
let logLines = 0;
const log = createLog('bench', () => void logLines++, 'info');

const rows = generate(N);
const t0 = performance.now();
const catalog = Catalog.open(join(dir, 'catalog.db'), log);
const report = catalog.importProducts(rows, 'synthetic');
const importMs = performance.now() - t0;
rows.length = 0; // the kiosk does not keep the import's rows either

// The kiosk's own parser and rules (electron/app/kiosk.ts, app/smarts.ts), with their defaults.
const parse = ((raw: string) => parseBarcode(raw.trim(), { rules: DEFAULT_WEIGHT_RULES })) as ParseBarcode;
const rules = {
  timeZone: DEFAULT_CONTROL_RULES.timeZone,
  requiredAge: (p: { category: string; ageLimit: number | null }) => requiredAge(p, DEFAULT_CONTROL_RULES),
  saleWindow: (p: { category: string }) => DEFAULT_CONTROL_RULES.saleHours.find((w) => w.categories.includes(p.category)) ?? null,
};
const node = await startMerchantNode({ port: 0, inboundToken: TOKEN, log, rateLimit: false, routes: [smartsProductRoutes({ catalog, rules, parse, defaultLang: 'et', nameSearchLimit: false })] });

function runLoad(plan: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'node-load.ts'), JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), (Number(plan.seconds) + 60) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`load process exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
    });
  });
}

const summary: string[] = [];

async function phase(name: string, plan: Record<string, unknown>): Promise<void> {
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const cpu0 = process.cpuUsage();
  const r = await runLoad({ ...plan, url: node.url, token: TOKEN, seconds: SECONDS, runId: name, catalogSize: N });
  eld.disable();
  const cpu = process.cpuUsage(cpu0);
  // The histogram holds the time between 1 ms samples; subtracting 1 ms leaves the lag.
  const ms = (ns: number) => Number(Math.max(0, ns / 1e6 - 1).toFixed(2));
  const loop = { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max) };
  console.log(`\n== ${name}  (${loadNote()})`);
  console.log(JSON.stringify({ ...r, nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)), eventLoopLagMs: loop }));
  const service = r.serviceMs as { p50: number; p99: number };
  const corrected = r.correctedMs as { p99: number } | undefined;
  summary.push(
    `${name.padEnd(34)}${String(r.rps).padStart(9)}${service.p50.toFixed(2).padStart(9)}${service.p99.toFixed(2).padStart(9)}${(corrected ? corrected.p99.toFixed(2) : '-').padStart(11)}${loop.p99.toFixed(2).padStart(10)}${loop.max.toFixed(2).padStart(9)}${String(r.errors).padStart(7)}`,
  );
}

try {
  console.log(`Smarts product search through the node — ${N.toLocaleString('en')} products, Node ${process.version}, ${SECONDS}s per phase, loopback ${node.url}`);
  console.log(`catalog import ${importMs.toFixed(0)} ms (${Math.round((N / importMs) * 1000).toLocaleString('en')} rows/s, report.ms ${report.ms}); ${loadNote()}`);
  await runLoad({ kind: 'barcode', mode: 'max', concurrency: 4, url: node.url, token: TOKEN, seconds: 1, runId: 'warmup', catalogSize: N });
  await runLoad({ kind: 'name', mode: 'max', concurrency: 4, url: node.url, token: TOKEN, seconds: 1, runId: 'warmup' });
  for (const rate of BARCODE_RATES) await phase(`barcode, ${rate} req/s`, { kind: 'barcode', mode: 'rate', rate });
  await phase(`barcode, max, ${CONCURRENCY} connections`, { kind: 'barcode', mode: 'max', concurrency: CONCURRENCY });
  for (const rate of NAME_RATES) await phase(`name, ${rate} req/s`, { kind: 'name', mode: 'rate', rate });
  await phase(`name, max, ${CONCURRENCY} connections`, { kind: 'name', mode: 'max', concurrency: CONCURRENCY });
  console.log(`\n${'phase'.padEnd(34)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'p99 corr'.padStart(11)}${'lag p99'.padStart(10)}${'lag max'.padStart(9)}${'errors'.padStart(7)}`);
  for (const line of summary) console.log(line);
  console.log(`\n(p99 corr: from when the request was due, fixed-rate phases; lag: this process's event loop, ms; log lines at info: ${logLines})`);
} finally {
  await node.close();
  catalog.close();
  rmSync(dir, { recursive: true, force: true });
}
