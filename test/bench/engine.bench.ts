/**
 * Engine latency: from a complete serial frame to the pushed view (target p99 ≤ 5 ms).
 *
 *   npx tsx test/bench/engine.bench.ts            (BENCH_CATALOG_N, BENCH_SCANS, BENCH_QUICK=1)
 *
 * The kiosk is the real composition (`startKiosk`: store mode with the local sandboxes, supervision,
 * payments, Smarts node, virtual printer) on a temp data folder whose catalog.db holds N synthetic
 * products (default 1,000,000; import time is printed, not measured). Two measurements:
 *  1. in-process: exactly what the scanner's 'frame' handler in kiosk.ts does —
 *     `engine.scan(text, 'serial')` then `engine.publish()` — until the onView listener has the view;
 *  2. over a real pty (socat) with the real SerialScanner: writeSync of the frame (code + CR) → view.
 * Scans are random catalog barcodes; the session is cancelled (untimed) after batches of 10–40 scans
 * so the basket stays at realistic sizes.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startKiosk, type Kiosk } from '../../electron/app/kiosk';
import { Catalog } from '../../electron/catalog';
import { createLog } from '../../electron/log';
import type { KioskView } from '../../electron/ipc/view';
import { openPtyPair } from '../support/pty';
import { HEADER, loadNote, QUICK, row, summarize, until, verdict } from './stats';
import { barcodeOf, generate, rng } from './synthetic-catalog';

const REPO = resolve(import.meta.dirname, '..', '..');
const N = Number(process.env.BENCH_CATALOG_N ?? (QUICK ? 100_000 : 1_000_000));
const SCANS = Number(process.env.BENCH_SCANS ?? (QUICK ? 600 : 3000));
const PTY_SCANS = Number(process.env.BENCH_PTY_SCANS ?? (QUICK ? 300 : 2000));
const WARMUP = 300;

const dir = mkdtempSync(join(tmpdir(), 'kassa-engine-bench-'));
const r = rng(2026);
const randomCode = (prev: string | null): string => {
  for (;;) {
    const c = barcodeOf(Math.floor(r() * N) * 2);
    if (c !== prev) return c; // never the same code twice in a row (scanner debounce)
  }
};

function importCatalog(): { ms: number; genMs: number } {
  const catalog = Catalog.open(join(dir, 'catalog.db'), createLog('bench', () => undefined, 'warn'));
  try {
    const g0 = performance.now();
    const rows = generate(N);
    const genMs = performance.now() - g0;
    const t0 = performance.now();
    catalog.importProducts(rows, 'synthetic');
    return { ms: performance.now() - t0, genMs };
  } finally {
    catalog.close();
  }
}

interface Sample {
  ms: number;
  scanMs: number;
  journalMs: number;
  lines: number;
}

async function main(): Promise<void> {
  console.log(loadNote());
  console.log(`engine bench: Node ${process.version}, catalog N=${N.toLocaleString('en')}, ${SCANS} in-process scans, ${PTY_SCANS} pty scans, data in ${dir}`);
  const imp = importCatalog();
  console.log(`catalog: generated in ${imp.genMs.toFixed(0)} ms, imported in ${imp.ms.toFixed(0)} ms (not measured below)`);

  // Store mode with the local sandboxes: no demo panel in the view, the production feature set.
  writeFileSync(join(dir, 'kassa.config.json'), JSON.stringify({ sandboxes: true, languages: { default: 'et', available: ['et', 'en', 'ru', 'pl'] } }));
  const pty = await openPtyPair();
  let logLines = 0;
  const t0 = performance.now();
  const kiosk: Kiosk = await startKiosk({
    env: { KASSA_DATA_DIR: dir, KASSA_SCANNER_PORT: pty.a },
    resourcesDir: join(REPO, 'resources'),
    defaultDataDir: () => dir,
    // Production log level (info), lines serialised but kept in memory instead of stderr.
    log: createLog('bench', () => void logLines++, 'info'),
    // A fixed daytime clock: sale-hour refusals are the same on every run.
    manualClock: true,
  });
  console.log(`startKiosk: ${(performance.now() - t0).toFixed(0)} ms, catalog rows ${kiosk.catalog.count().toLocaleString('en')}, scanner ${kiosk.engine.devices.scanner}`);
  const engine = kiosk.engine;
  // Attribution only: how much of a scan is the session journal's SQLite commit (synchronous=FULL).
  const sessions = engine.deps.sessions;
  const save = sessions.save.bind(sessions);
  let journalMs = 0;
  sessions.save = (...a: Parameters<typeof save>) => {
    const j0 = performance.now();
    save(...a);
    journalMs += performance.now() - j0;
  };

  let armed = false;
  let viewAt = 0;
  let last: KioskView | null = null;
  engine.onView((v) => {
    if (!armed) return;
    viewAt = performance.now();
    last = v;
    armed = false;
  });
  const outcomes = new Map<string, number>();
  // What a scan did: a line added or not, and the notice it raised (if any).
  let before = { articles: 0, noticeId: 0 };
  const remember = () => {
    const v = engine.view();
    before = { articles: v.basket.articleCount, noticeId: v.notice?.id ?? 0 };
  };
  const count = (v: KioskView | null) => {
    const added = (v?.basket.articleCount ?? 0) > before.articles ? 'added' : 'not added';
    const notice = v?.notice && v.notice.id !== before.noticeId ? ` + ${v.notice.code}` : '';
    outcomes.set(added + notice, (outcomes.get(added + notice) ?? 0) + 1);
  };

  // ---- 1. in-process: the frame handler of kiosk.ts -----------------------------------------
  const samples: Sample[] = [];
  let missed = 0;
  let prev: string | null = null;
  let batchLeft = 0;
  for (let i = 0; i < WARMUP + SCANS; i++) {
    if (batchLeft === 0) {
      await engine.dispatch('session/cancel', {});
      batchLeft = 10 + Math.floor(r() * 31);
    }
    batchLeft--;
    const code = randomCode(prev);
    prev = code;
    if (i >= WARMUP) remember();
    armed = true;
    viewAt = 0;
    journalMs = 0;
    const s = performance.now();
    // The body of kiosk.ts's scanner 'frame' handler, with one clock read between its two calls.
    try {
      engine.lastActivityAt = kiosk.clock.now();
      engine.scan(code, 'serial');
    } catch (e) {
      const k = `refused:${(e as { code?: string }).code ?? 'error'}`;
      outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    }
    const scanned = performance.now();
    engine.publish();
    if (i < WARMUP) continue;
    if (!viewAt) {
      missed++;
      continue;
    }
    count(last);
    samples.push({ ms: viewAt - s, scanMs: scanned - s, journalMs, lines: (last as KioskView | null)?.basket.lines.length ?? 0 });
    // Let timers and I/O run between scans, as between real frames.
    if (i % 20 === 0) await new Promise((res) => setImmediate(res));
  }

  console.log('\n1. in-process: complete frame → engine.scan + engine.publish → onView listener');
  console.log(HEADER);
  console.log(row('frame → view pushed (all)', samples.map((s) => s.ms)));
  console.log(row('  of which engine.scan (parse, lookup, journal)', samples.map((s) => s.scanMs)));
  console.log(row('    of which session journal commit (fsync)', samples.map((s) => s.journalMs)));
  console.log(row('  of which engine.publish (view, diff, push)', samples.map((s) => s.ms - s.scanMs)));
  for (const [lo, hi] of [[1, 10], [11, 20], [21, 30], [31, 40]] as const) {
    const sel = samples.filter((s) => s.lines >= lo && s.lines <= hi).map((s) => s.ms);
    if (sel.length) console.log(row(`  basket of ${lo}–${hi} lines`, sel));
  }
  console.log(`outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; no push: ${missed}`);
  console.log(`target p99 ≤ 5 ms: ${verdict(samples.map((s) => s.ms), 5)}`);

  // ---- 2. over a real pty with the real SerialScanner ---------------------------------------
  await until(() => engine.devices.scanner === 'ok', 'serial scanner ready', 10_000, 10);
  const fd = openSync(pty.b, 'r+');
  const ptyMs: number[] = [];
  let timeouts = 0;
  try {
    batchLeft = 0;
    for (let i = 0; i < 50 + PTY_SCANS; i++) {
      if (batchLeft === 0) {
        await engine.dispatch('session/cancel', {});
        batchLeft = 10 + Math.floor(r() * 31);
      }
      batchLeft--;
      const code = randomCode(prev);
      prev = code;
      viewAt = 0;
      armed = true;
      writeSync(fd, Buffer.from(code + '\r', 'latin1'));
      const s = performance.now();
      try {
        await until(() => viewAt !== 0, `view for frame ${i}`, 2000, 0);
      } catch {
        timeouts++;
        armed = false;
        continue;
      }
      if (i >= 50) ptyMs.push(viewAt - s);
    }
  } finally {
    closeSync(fd);
  }
  console.log('\n2. real pty + SerialScanner: writeSync(code + CR) returned → onView listener');
  console.log(HEADER);
  console.log(row('pty write → view pushed', ptyMs));
  console.log(`timeouts (no view within 2 s): ${timeouts}`);
  console.log(`target p99 ≤ 5 ms: ${verdict(ptyMs, 5)}`);
  const s1 = summarize(samples.map((s) => s.ms));
  const s2 = summarize(ptyMs);
  console.log(`\nsummary: in-process p99 ${s1.p99.toFixed(3)} ms, over pty p99 ${s2.p99.toFixed(3)} ms; log lines written ${logLines}`);

  await kiosk.close();
  await pty.close();
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
