/**
 * Catalog distribution (`npm run bench -- catalog-dist`): a real nats-server, a store node and two
 * kiosks (test/integration/store/harness.ts); the store node publishes a synthetic catalog of
 * BENCH_DIST_N products (default 50,000; BENCH_QUICK=1: 5,000). Prints the file size, the store
 * node's publish time (its own validating import + object store put + announcement), and for each
 * kiosk the time from publish to imported with its download and import parts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTestStore, until } from '../integration/store/harness';
import { loadNote, QUICK } from './stats';
import { generate } from './synthetic-catalog';

const N = Number(process.env.BENCH_DIST_N ?? (QUICK ? 5000 : 50_000));
const lanes = ['K01', 'K02'];
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
  await Promise.all(kiosks.map((k) => until(() => k.store.catalog?.version() === a.sha256, 'import', 300_000)));
  // The kiosks' own log times (ms resolution): the import blocks the process, so polling cannot see the download end.
  const when = (msg: string, lane: string) => Date.parse(String(store.log.lines.find((l) => l.msg === msg && String(l.scope).includes(lane))?.t)) - wall0;
  for (const lane of lanes) console.log(`  ${lane}: downloaded and verified +${when('store catalog downloaded; imported when the kiosk is idle', lane)} ms, imported +${when('store catalog imported', lane)} ms after publish began`);
  const imports = store.log.lines.filter((l) => l.msg === 'store catalog imported').map((l) => l.ms);
  console.log(`  kiosk import alone (main process blocked, kiosk idle): ${imports.join(', ')} ms`);
} finally {
  await store.close();
}
