/**
 * Catalog distribution (`npm run bench -- catalog-dist`): a real nats-server, a store node and two
 * kiosks (test/integration/store/harness.ts); the store node publishes a synthetic catalog of
 * BENCH_DIST_N products (default 50,000; BENCH_QUICK=1: 5,000). Prints the file size, the store
 * node's publish time (its own validating import + object store put + announcement), for each
 * kiosk the time from publish to imported with its download and import parts, and the event-loop
 * lag of the process (both kiosks live in it) while the kiosks import on their worker threads,
 * beside the lag of the same import run on the main thread (`Catalog.importFile`), as a kiosk
 * imported before the import moved to a worker.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Catalog } from '../../electron/catalog';
import { memoryLog } from '../../electron/log';
import { startTestStore, until } from '../integration/store/harness';
import { loadNote, QUICK } from './stats';
import { generate } from './synthetic-catalog';

const N = Number(process.env.BENCH_DIST_N ?? (QUICK ? 5000 : 50_000));
const lanes = ['K01', 'K02'];

/** Event-loop delay (10 ms sampling) while `run` runs: max and p99 in ms. */
async function lagDuring(run: () => Promise<unknown> | unknown): Promise<{ max: number; p99: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  try {
    await new Promise((r) => setTimeout(r, 50)); // the sampler's first tick: a delay is measured from a sample
    await run();
    await new Promise((r) => setTimeout(r, 20)); // lets a blocked loop record its delay
  } finally {
    h.disable();
  }
  return { max: h.max / 1e6, p99: h.percentile(99) / 1e6 };
}
const fmt = (l: { max: number; p99: number }) => `max ${l.max.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms`;

const store = await startTestStore(lanes);
try {
  const node = await store.startNode();
  const kiosks = await Promise.all(lanes.map((l) => store.startKiosk(l, { storeBus: { catalogMaxBytes: 256 * 1024 * 1024 } })));
  const file = join(store.dir, 'bench-catalog.json');
  const text = JSON.stringify({ products: generate(N) });
  writeFileSync(file, text);
  console.log(`catalog distribution: ${N} products, ${(Buffer.byteLength(text) / 1048576).toFixed(1)} MiB; ${loadNote()}`);
  const t0 = performance.now();
  const wall0 = Date.now();
  const a = await node.catalog.publishFile(file);
  const published = performance.now() - t0;
  console.log(`  store node publish (validating import + put + announce): ${published.toFixed(0)} ms`);
  // From the end of the publish (the store node's own import blocks this process too) to both kiosks imported.
  const lag = await lagDuring(() => Promise.all(kiosks.map((k) => until(() => k.store.catalog?.version() === a.sha256, 'import', 300_000))));
  const when = (msg: string, lane: string) => Date.parse(String(store.log.lines.find((l) => l.msg === msg && String(l.scope).includes(lane))?.t)) - wall0;
  for (const lane of lanes) console.log(`  ${lane}: downloaded and verified +${when('store catalog downloaded; imported when the kiosk is idle', lane)} ms, imported +${when('store catalog imported', lane)} ms after publish began`);
  const imports = store.log.lines.filter((l) => l.msg === 'store catalog imported').map((l) => l.ms);
  console.log(`  kiosk import (worker thread + swap on the main thread): ${imports.join(', ')} ms`);
  console.log(`  event-loop lag while both kiosks import on workers: ${fmt(lag)}`);
  // The same import on the main thread (how a kiosk imported before): the loop is blocked throughout.
  const scratch = Catalog.open(join(store.dir, 'main-thread.db'), memoryLog('bench'));
  try {
    const main = await lagDuring(() => scratch.importFile(file));
    console.log(`  event-loop lag of the same import on the main thread (one kiosk): ${fmt(main)}`);
  } finally {
    scratch.close();
  }
} finally {
  await store.close();
}
