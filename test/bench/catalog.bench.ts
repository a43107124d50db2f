/**
 * Catalog benchmark: import N synthetic products (default 1,000,000; env BENCH_CATALOG_N) into a
 * temp SQLite file, then 10,000 random barcode look-ups and 1,000 name searches with realistic
 * prefixes. Prints figures (seconds, rows/s, CPU, peak RSS, file size); not a pass/fail test.
 * Run only this bench: `npm run bench -- catalog` (or npx tsx test/bench/catalog.bench.ts).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../../electron/catalog';
import { createLog } from '../../electron/log';
import { loadNote } from './stats';
import { barcodeOf, CATEGORIES, generate, queries, rng } from './synthetic-catalog';

const N = Number(process.env.BENCH_CATALOG_N ?? 1_000_000);
const LOOKUPS = 10_000;
const SEARCHES = 1_000;

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}
function timeEach<T>(inputs: readonly T[], run: (x: T) => unknown): { p50: number; p99: number; max: number; mean: number } {
  const ms: number[] = [];
  for (const x of inputs) {
    const t0 = process.hrtime.bigint();
    run(x);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1]!, mean };
}

const dir = mkdtempSync(join(tmpdir(), 'kassa-catalog-bench-'));
const file = join(dir, 'catalog.db');
try {
  let t0 = process.hrtime.bigint();
  // The rows as JSON.parse gives them from a file: flat strings. The generator's names are built
  // by concatenation (V8 ropes), which the first import would flatten (~2 s per million, a cost
  // no parsed file has), so each row goes through JSON text once, as a catalog file's would
  // (row by row: ~3× faster here than one text of the whole array, and no 300 MB string).
  const rows = generate(N).map((r) => JSON.parse(JSON.stringify(r)) as unknown);
  const loadBefore = loadNote();
  const genMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const logLines: string[] = [];
  const catalog = Catalog.open(file, createLog('bench', (l) => logLines.push(l)));
  // CPU seconds of this (main) thread and of the whole process (main + index worker): on a
  // loaded machine the wall time says more about the other jobs than about the import.
  const cpuNotes: string[] = [];
  const cpuOf = (run: () => void) => {
    const thread0 = process.threadCpuUsage();
    const process0 = process.cpuUsage();
    run();
    const t = process.threadCpuUsage(thread0);
    const p = process.cpuUsage(process0);
    // Peak resident memory of the process so far (the synthetic rows themselves included).
    const rssMb = process.resourceUsage().maxRSS / 1024;
    cpuNotes.push(`CPU: main thread ${((t.user + t.system) / 1e6).toFixed(2)} s, all threads ${((p.user + p.system) / 1e6).toFixed(2)} s; peak RSS ${rssMb.toFixed(0)} MB`);
  };
  t0 = process.hrtime.bigint();
  let report = { ms: 0 };
  cpuOf(() => (report = catalog.importProducts(rows, 'synthetic')));
  const importMs = Number(process.hrtime.bigint() - t0) / 1e6;

  // Second import into the filled file: the realistic nightly case (replace everything).
  t0 = process.hrtime.bigint();
  cpuOf(() => catalog.importProducts(rows, 'synthetic-again'));
  const reimportMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const r = rng(99);
  const codes = Array.from({ length: LOOKUPS }, () => {
    const hit = r() < 0.9;
    const i = Math.floor(r() * N);
    return barcodeOf(hit ? i * 2 : N * 2 + i).padStart(14, '0');
  });
  let hits = 0;
  timeEach(codes.slice(0, 500), (c) => catalog.byBarcode(c)); // warm-up
  const barcode = timeEach(codes, (c) => (catalog.byBarcode(c) ? hits++ : 0));

  const qs = queries(SEARCHES);
  let results = 0;
  timeEach(qs.slice(0, 50), (q) => catalog.searchByName(q)); // warm-up
  const search = timeEach(qs, (q) => (results += catalog.searchByName(q).length));

  const cats = timeEach(CATEGORIES, (c) => catalog.byCategory(c, 3));
  catalog.close();
  const size = statSync(file).size;

  const f = (x: number) => x.toFixed(3).padStart(10);
  console.log(`\nKassa catalog benchmark — N = ${N.toLocaleString('en')} products, Node ${process.version}\n`);
  console.log(`generate rows (JS)        ${genMs.toFixed(0).padStart(8)} ms`);
  const rate = (ms: number) => `${(ms / 1000).toFixed(2).padStart(8)} s ${Math.round((N / ms) * 1000).toLocaleString('en').padStart(10)} rows/s`;
  console.log(`import into empty file    ${rate(importMs)}  (report.ms ${report.ms}; ${cpuNotes[0]})`);
  console.log(`re-import (replace all)   ${rate(reimportMs)}  (${cpuNotes[1]})`);
  console.log(`before the imports: ${loadBefore}; after: ${loadNote()}`);
  for (const l of logLines) {
    const entry = JSON.parse(l) as { msg: string; source?: string; phaseMs?: Record<string, number>; phaseCpuMs?: Record<string, number> };
    const list = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ');
    if (entry.phaseMs) console.log(`  phases of ${entry.source} (wall ms): ${list(entry.phaseMs)}`);
    if (entry.phaseCpuMs) console.log(`  phases of ${entry.source} (main-thread CPU ms): ${list(entry.phaseCpuMs)}`);
  }
  console.log(`database file             ${(size / 1e6).toFixed(0).padStart(8)} MB\n`);
  console.log('operation                    count        p50 ms     p99 ms     max ms    mean ms');
  const line = (name: string, count: number, s: ReturnType<typeof timeEach>) =>
    console.log(`${name.padEnd(26)}${String(count).padStart(8)}${f(s.p50)} ${f(s.p99)} ${f(s.max)} ${f(s.mean)}`);
  line('byBarcode (90 % hits)', LOOKUPS, barcode);
  line('searchByName (limit 20)', SEARCHES, search);
  line('byCategory page 3 of 24', CATEGORIES.length, cats);
  console.log(`\nbarcode hits ${hits}/${LOOKUPS}; search returned ${(results / SEARCHES).toFixed(1)} products per query on average`);
  console.log('targets: import ≥ 150,000 rows/s; byBarcode p99 ≤ 0.2 ms; searchByName p99 ≤ 20 ms');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
