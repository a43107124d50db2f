/**
 * Runs the benchmarks one after another, each as its own `tsx` child process (stdio inherited),
 * then prints a table of wall times.
 *
 *   npm run bench                      every test/bench/*.bench.ts
 *   npm run bench -- engine payment    a subset (file names without .bench.ts)
 *   BENCH_QUICK=1 npm run bench        smaller sizes, for a smoke run
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadNote } from './stats';

const here = import.meta.dirname;
const REPO = resolve(here, '..', '..');
const all = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.slice(0, -'.bench.ts'.length)).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? all.filter((n) => wanted.includes(n)) : all;
const quick = process.env.BENCH_QUICK === '1';

/** Smaller sizes for the benches that take positional sizes rather than BENCH_QUICK. */
const QUICK_ARGS: Record<string, string[]> = { 'scanner-frame': ['300', '50'], receipt: ['200'] };
/** Smaller sizes for benches that read their own variables. */
const QUICK_ENV: Record<string, Record<string, string>> = { catalog: { BENCH_CATALOG_N: '100000' }, node: { BENCH_SECONDS: '3', BENCH_RATE: '100' } };

function runOne(name: string): Promise<{ code: number | null; ms: number }> {
  const args = ['tsx', join(here, `${name}.bench.ts`), ...(quick ? QUICK_ARGS[name] ?? [] : [])];
  const env = { ...process.env, ...(quick ? QUICK_ENV[name] ?? {} : {}) };
  const t0 = performance.now();
  return new Promise((res) => {
    const child = spawn('npx', args, { cwd: REPO, env, stdio: 'inherit' });
    // Ctrl-C reaches the child through the terminal; just wait for it.
    child.on('exit', (code, signal) => res({ code: code ?? (signal ? 128 : null), ms: performance.now() - t0 }));
    child.on('error', (e) => {
      console.error(`could not start ${name}: ${e.message}`);
      res({ code: -1, ms: performance.now() - t0 });
    });
  });
}

const results: Array<{ name: string; code: number | null; ms: number }> = [];
const started = new Date();
for (const name of names) {
  console.log(`\n${'='.repeat(100)}\n== ${name}.bench.ts${quick ? '  (BENCH_QUICK=1)' : ''}  —  ${loadNote()}\n${'='.repeat(100)}`);
  results.push({ name, ...(await runOne(name)) });
}

console.log(`\n${'='.repeat(100)}\nbench summary (${quick ? 'quick' : 'full'} sizes, started ${started.toISOString()}, ${loadNote()})`);
console.log(`${'bench'.padEnd(20)}${'wall s'.padStart(10)}  exit`);
for (const r of results) console.log(`${r.name.padEnd(20)}${(r.ms / 1000).toFixed(1).padStart(10)}  ${r.code === 0 ? 'ok' : `FAILED (${r.code})`}`);
console.log(`${'total'.padEnd(20)}${(results.reduce((s, r) => s + r.ms, 0) / 1000).toFixed(1).padStart(10)}`);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
