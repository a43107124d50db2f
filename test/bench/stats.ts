/** Shared helpers for the benchmarks: percentiles, one-line summaries, small waits. */

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s.at(-1) ?? NaN, mean };
}

export const HEADER = `${'measurement'.padEnd(46)}${'n'.padStart(6)}${'p50'.padStart(10)}${'p90'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}${'mean'.padStart(10)}  unit`;

/** One table row; `digits` decimals (ms figures default to 3). */
export function row(name: string, values: readonly number[], unit = 'ms', digits = 3): string {
  const s = summarize(values);
  const f = (v: number) => v.toFixed(digits).padStart(10);
  return `${name.padEnd(46)}${String(s.n).padStart(6)}${f(s.p50)}${f(s.p90)}${f(s.p99)}${f(s.max)}${f(s.mean)}  ${unit}`;
}

/** "met" / "MISSED" against a p99 target. */
export function verdict(values: readonly number[], targetP99: number): string {
  const p99 = summarize(values).p99;
  return `${p99 <= targetP99 ? 'met' : 'MISSED'} (p99 ${p99.toFixed(2)} vs target ≤ ${targetP99})`;
}

import { loadavg, cpus } from 'node:os';

/** Machine load, printed with every figure: other work on the box shows up in the tails. */
export function loadNote(): string {
  const [a, b] = loadavg();
  return `load average ${a!.toFixed(2)} / ${b!.toFixed(2)} (1 / 5 min) on ${cpus().length} CPUs`;
}

export const QUICK = process.env.BENCH_QUICK === '1';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `cond` every `stepMs` until true; throws after `ms`. */
export async function until(cond: () => boolean, what: string, ms = 10_000, stepMs = 2): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(stepMs);
  }
}
