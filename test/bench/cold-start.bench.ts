/**
 * Cold start and memory under use, on the browser host (dist/host/main.mjs, demo mode):
 *
 * 1. Cold start, p50 of 10 runs (BENCH_COLD_RUNS; 3 with BENCH_QUICK=1): from spawning the host
 *    process on an empty data folder to the attract screen painted in Chromium (the `main.attract`
 *    element present and two animation frames later), split into "process → listening" (the host's
 *    "ready at" line) and "listening → painted" (page load, WebSocket, first view, first paint).
 *    Chromium is started once beforehand (its own start is not the kiosk's). Where an Electron
 *    binary exists its start is not measured here (this machine has none): said in the output.
 * 2. Memory after 1,000 scans (BENCH_MEM_SCANS; 200 quick): renderer JS heap (CDP, after a forced
 *    GC) and the engine process's resident set (/proc/<pid>/status), before and after the scans.
 *    Scans are intents (`basket/scan`, distinct piece products) with the page showing every basket;
 *    the session is cancelled every 30 scans, as customers come and go.
 *
 *   npx tsx test/bench/cold-start.bench.ts
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { electronBinary } from '../e2e/support/targets';
import { HEADER, loadNote, QUICK, row, summarize } from './stats';

const REPO = resolve(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? (QUICK ? 3 : 10));
const SCANS = Number(process.env.BENCH_MEM_SCANS ?? (QUICK ? 200 : 1000));
const PER_SESSION = 30;
const CHROMIUM = process.env.KASSA_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function ensureBuilt(): void {
  if (existsSync(join(REPO, 'dist/host/main.mjs')) && existsSync(join(REPO, 'dist/renderer/index.html'))) return;
  console.log('dist/ is missing: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status})`);
}

interface Host {
  proc: ChildProcess;
  url: string;
  dataDir: string;
  readyAt: number;
}

/** Spawns the host on a fresh data folder; resolves when it prints its address. */
function startHost(): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-cold-'));
  const proc = spawn(process.execPath, [join(REPO, 'dist/host/main.mjs')], {
    // No scanner configured: the demo keeps working from the panel and intents.
    env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_WEB_PORT: '0', KASSA_TEST_HOOKS: '1', KASSA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`host did not start:\n${out}\n${err}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({ proc, url: m[1]!, dataDir, readyAt: performance.now() });
      }
    });
    proc.once('exit', (code) => rej(new Error(`host exited ${code}:\n${out}\n${err}`)));
  });
}

async function stopHost(h: Host): Promise<void> {
  if (h.proc.exitCode === null) {
    const gone = new Promise((r) => h.proc.once('exit', r));
    h.proc.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    if (h.proc.exitCode === null) h.proc.kill('SIGKILL');
  }
  rmSync(h.dataDir, { recursive: true, force: true });
}

/** Waits for the attract screen and two frames (the frame after it was painted). */
async function painted(page: Page): Promise<void> {
  await page.waitForSelector('main.attract', { timeout: 30_000 });
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function rendererHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

function pieceCodes(): string[] {
  const cat = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as {
    products: Array<{ barcodes: string[]; soldByWeight: boolean; ageLimit: number | null; category: string }>;
  };
  return cat.products.filter((p) => !p.soldByWeight && p.ageLimit === null && p.category !== 'alcohol' && p.category !== 'tobacco').map((p) => p.barcodes[0]!);
}

async function main(): Promise<void> {
  ensureBuilt();
  console.log(`cold start: ${RUNS} runs; memory: ${SCANS} scans. ${loadNote()}`);
  if (!electronBinary()) console.log('Electron: no binary on this machine, so only the browser host is measured.');
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const toReady: number[] = [];
  const toPaint: number[] = [];
  const total: number[] = [];
  let last: { host: Host; page: Page } | null = null;
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
      const t0 = performance.now();
      const host = await startHost();
      await page.goto(host.url);
      await painted(page);
      const t1 = performance.now();
      toReady.push(host.readyAt - t0);
      toPaint.push(t1 - host.readyAt);
      total.push(t1 - t0);
      if (i < RUNS - 1) {
        await page.context().close();
        await stopHost(host);
      } else last = { host, page };
    }
    console.log(`\n${HEADER}`);
    console.log(row('cold start: process → listening', toReady, 'ms', 0));
    console.log(row('cold start: listening → attract painted', toPaint, 'ms', 0));
    console.log(row('cold start: process → attract painted', total, 'ms', 0));
    console.log(`\ncold start p50 (process start → attract screen painted, browser host): ${summarize(total).p50.toFixed(0)} ms`);

    // Memory after many scans, on the last run's host and page.
    const { host, page } = last!;
    const intent = async (channel: string, payload: unknown = {}) => {
      const r = await fetch(new URL('/__test/intent', host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, payload }) });
      return (await r.json()) as { ok: boolean };
    };
    const codes = pieceCodes();
    const heap0 = await rendererHeap(page);
    const rss0 = rssKb(host.proc.pid!);
    let refused = 0;
    for (let i = 0; i < SCANS; i++) {
      if (i % PER_SESSION === 0 && i > 0) await intent('session/cancel');
      if (!(await intent('basket/scan', { code: codes[i % codes.length]!, source: 'panel' })).ok) refused++;
      // Let the page render this basket before the next scan (as a customer's pace would).
      if (i % 10 === 9) await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
    }
    await intent('session/cancel');
    await page.waitForSelector('main.attract', { timeout: 10_000 });
    const heap1 = await rendererHeap(page);
    const rss1 = rssKb(host.proc.pid!);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    console.log(`\nmemory after ${SCANS} scans (${refused} refused):`);
    console.log(`  renderer JS heap (after GC):  ${mb(heap0)} MB → ${mb(heap1)} MB`);
    console.log(`  engine process RSS:           ${(rss0 / 1024).toFixed(1)} MB → ${(rss1 / 1024).toFixed(1)} MB`);
    await page.context().close();
    await stopHost(host);
    last = null;
  } finally {
    if (last) await stopHost(last.host);
    await browser.close();
  }
}

await main();
