/**
 * End-to-end scan latency: from the last byte written to the scanner pty to the new line in the
 * browser DOM (target p99 ≤ 50 ms).
 *
 *   npx tsx test/bench/e2e-latency.bench.ts        (BENCH_E2E_SCANS, BENCH_QUICK=1, KASSA_CHROMIUM)
 *
 * The browser host (dist/host/main.mjs; built first when dist/ is missing) runs as a child process
 * in demo mode with its scanner on a socat pty; Chromium shows the renderer. A MutationObserver
 * in the page stamps `performance.timeOrigin + performance.now()` whenever the number of basket
 * lines or articles changes; Node stamps the same clock right after fs.writeSync of the frame
 * (code + CR). Codes are distinct piece products of the demo catalog, so the scanner's debounce
 * of identical codes never drops one; the session is cancelled every 30 scans (POST /__test/intent).
 * A WebSocket wrapper in the page also stamps each message's arrival, to split the figure into
 * "to the page" and "render".
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPtyPair, type PtyPair } from '../support/pty';
import { kioskSocket } from '../support/kiosk-ws';
import { HEADER, loadNote, QUICK, row, sleep, summarize, verdict } from './stats';

const REPO = resolve(import.meta.dirname, '..', '..');
const SCANS = Number(process.env.BENCH_E2E_SCANS ?? (QUICK ? 60 : 300));
const PER_SESSION = 30;
const CHROMIUM = process.env.KASSA_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Mark {
  t: number;
  lines: number;
  articles: number;
  msgAt: number;
}

const now = () => performance.timeOrigin + performance.now();

/** Piece products a customer may simply buy: no weighing, no age check, no sale hours. */
function pieceCodes(): string[] {
  const samples = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-samples.json'), 'utf8')) as { piece: string[] };
  const cat = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as {
    products: Array<{ barcodes: string[]; soldByWeight: boolean; ageLimit: number | null; category: string }>;
  };
  const more = cat.products.filter((p) => !p.soldByWeight && p.ageLimit === null && p.category !== 'alcohol' && p.category !== 'tobacco').map((p) => p.barcodes[0]!);
  return [...new Set([...samples.piece, ...more])];
}

function ensureBuilt(): void {
  if (existsSync(join(REPO, 'dist/host/main.mjs')) && existsSync(join(REPO, 'dist/renderer/index.html'))) return;
  console.log('dist/ is missing: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status})`);
}

async function startHost(dataDir: string, pty: PtyPair): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [join(REPO, 'dist/host/main.mjs')], {
    env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_SCANNER_PORT: pty.a, KASSA_WEB_PORT: '0', KASSA_TEST_HOOKS: '1', KASSA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`host did not start:\n${out}\n${err}`)), 20_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    proc.once('exit', (code) => rej(new Error(`host exited ${code}:\n${out}\n${err}`)));
  });
  return { proc, url };
}

/**
 * Runs in the page before the app: the DOM observer and the WebSocket arrival stamp. Plain
 * JavaScript text, because tsx's compiled functions reference helpers the page does not have.
 */
const PAGE_PROBE = `(() => {
  window.__msgAt = 0;
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(url, protocols) {
      super(url, protocols);
      // Registered before the app's own handler, so it stamps the arrival first.
      this.addEventListener('message', () => { window.__msgAt = performance.timeOrigin + performance.now(); });
    }
  };
  let lines = -1;
  let articles = -1;
  const start = () => {
    new MutationObserver(() => {
      const t = performance.timeOrigin + performance.now();
      const l = document.querySelectorAll('ul.lines > li.line').length;
      const el = document.querySelector('.totals__count');
      const a = el ? Number((el.textContent || '').replace(/\\D+/g, '') || '0') : 0;
      if (l !== lines || a !== articles) {
        lines = l;
        articles = a;
        window.__kassaMark({ t, lines: l, articles: a, msgAt: window.__msgAt });
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();`;

async function main(): Promise<void> {
  ensureBuilt();
  const codes = pieceCodes();
  if (codes.length < PER_SESSION + 1) throw new Error(`only ${codes.length} piece codes in the demo catalog`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-bench-'));
  const pty = await openPtyPair();
  let host: { proc: ChildProcess; url: string } | null = null;
  let browser: Browser | null = null;
  let fd: number | null = null;
  try {
    host = await startHost(dataDir, pty);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    const marks: Mark[] = [];
    let waiter: { until: (m: Mark) => boolean; resolve: (m: Mark) => void } | null = null;
    await page.exposeFunction('__kassaMark', (m: Mark) => {
      marks.push(m);
      if (waiter?.until(m)) {
        const w = waiter;
        waiter = null;
        w.resolve(m);
      }
    });
    await page.addInitScript({ content: PAGE_PROBE });
    await page.goto(host.url);
    await page.waitForSelector('.screen', { timeout: 15_000 }).catch(() => undefined);
    const nextMark = (cond: (m: Mark) => boolean, ms = 5000) =>
      new Promise<Mark>((res, rej) => {
        const t = setTimeout(() => {
          waiter = null;
          rej(new Error('no DOM change within 5 s'));
        }, ms);
        waiter = { until: cond, resolve: (m) => (clearTimeout(t), res(m)) };
      });

    // Clock offset between this process and the page (both wall-clock based): min-RTT probe.
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 40; i++) {
      const a = now();
      const p = await page.evaluate(() => performance.timeOrigin + performance.now());
      const b = now();
      if (b - a < best.rtt) best = { rtt: b - a, offset: p - (a + b) / 2 };
    }

    // A second WebSocket client in this process: when the host's push leaves the host (minus loopback).
    let pushAt = 0;
    // As the page does: fetch the page for the session cookie, connect with it and the host's Origin.
    const probe = await kioskSocket(host.url);
    probe.on('message', () => (pushAt = now()));
    await new Promise((r, j) => (probe.once('open', r), probe.once('error', j)));

    const intent = async (channel: string, payload: unknown = {}) => {
      const r = await fetch(new URL('/__test/intent', host!.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, payload }) });
      return (await r.json()) as { ok: boolean };
    };
    fd = openSync(pty.b, 'r+');
    const total: number[] = [];
    const first: number[] = [];
    const rest: number[] = [];
    const toPage: number[] = [];
    const render: number[] = [];
    const hostPush: number[] = [];
    const loadBefore = loadNote();
    let failures = 0;
    let lines = 0;
    const WARMUP = 10;
    for (let i = 0; i < WARMUP + SCANS; i++) {
      if (i % PER_SESSION === 0 && i > 0) {
        const gone = nextMark((m) => m.lines === 0);
        await intent('session/cancel');
        await gone.catch(() => undefined);
        lines = 0;
        await sleep(50);
      }
      const code = codes[i % codes.length]!;
      const expected = lines + 1;
      const seen = nextMark((m) => m.lines === expected && m.articles === expected);
      if (process.env.BENCH_DEBUG) console.error(`scan ${i} ${code} expect ${expected}`);
      pushAt = 0;
      writeSync(fd, Buffer.from(code + '\r', 'latin1'));
      const t0 = now();
      try {
        const m = await seen;
        lines = expected;
        if (i < WARMUP) continue;
        const ms = m.t - t0;
        total.push(ms);
        (expected === 1 ? first : rest).push(ms);
        if (pushAt >= t0) hostPush.push(pushAt - t0);
        if (m.msgAt >= t0) {
          toPage.push(m.msgAt - t0);
          render.push(m.t - m.msgAt);
        }
      } catch {
        failures++;
        // Resynchronise with whatever the basket shows now.
        lines = marks.at(-1)?.lines ?? lines;
      }
      // A short, varied pause: a person scans a few items a second at most.
      await sleep(20 + (i % 5) * 10);
    }

    console.log(`e2e latency bench: Node ${process.version}, ${(await browser.version())} at ${CHROMIUM}, ${SCANS} scans (+${WARMUP} warm-up) of ${codes.length} distinct piece codes, session cancelled every ${PER_SESSION}`);
    console.log(`${loadBefore} before, ${loadNote()} after`);
    console.log(`clock offset page − node ${best.offset.toFixed(3)} ms (min round trip ${best.rtt.toFixed(3)} ms; figures below are NOT corrected)`);
    console.log(HEADER);
    console.log(row('pty write → line in DOM (all)', total));
    console.log(row('  first scan of a session (attract → basket)', first));
    console.log(row('  later scans (1 more line)', rest));
    console.log(row('  write → push at a Node WS client (host)', hostPush));
    console.log(row('  write → WebSocket message in page', toPage));
    console.log(row('  WebSocket message → DOM changed', render));
    console.log(row('pty write → line in DOM (offset-corrected)', total.map((x) => x - best.offset)));
    console.log(`failures (no DOM change within 5 s): ${failures}; DOM changes observed: ${marks.length}`);
    console.log(`target p99 ≤ 50 ms: ${verdict(total, 50)}`);
    const s = summarize(total);
    console.log(`summary: p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(2)} ms`);
    probe.close();
  } finally {
    if (fd !== null) closeSync(fd);
    await browser?.close().catch(() => undefined);
    if (host && host.proc.exitCode === null) {
      const exited = new Promise((r) => host!.proc.once('exit', r));
      host.proc.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (host.proc.exitCode === null) host.proc.kill('SIGKILL');
    }
    await pty.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
