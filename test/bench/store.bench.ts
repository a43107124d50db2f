/**
 * The store bus under load: simulated kiosks (a child process, each kiosk its own NATS
 * connection) put lane snapshots and append events at a realistic pace (one scan every 3 s:
 * a snapshot + an event) and at ten times that, against one store node in this process (NATS
 * bus + lane registry + StorePort). Prints event → StorePort subscriber latency (snapshot) and
 * event → store subscriber latency (stream event), the store node's CPU and memory, NATS
 * throughput (nats-server /varz), then raises the kiosk count at 10× until p99 passes 250 ms.
 * The store node also serves the attendant console, with one signed-in Chromium page on it
 * (store-console.ts): event → console DOM latency is each kiosk change's `publishedAt` to the
 * moment the page showed that lane's new basket total; the kiosk count the store node serves is
 * judged on that figure's p99 (on the StorePort figure with BENCH_STORE_CONSOLE=0).
 *   BENCH_STORE_SECONDS (default 8) per step; BENCH_QUICK=1: 4 s, fewer steps;
 *   BENCH_STORE_MAX: the largest kiosk count tried (e.g. 50: only the two 50-kiosk steps).
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createLog } from '../../electron/log';
import { formatMoney } from '../../renderer/i18n/format';
import { fromBytes } from '../../electron/store/bus';
import { BusStorePort } from '../../electron/store/bus-port';
import { NatsBus } from '../../electron/store/nats-bus';
import { storeServerConfig } from '../../electron/store/nats-config';
import { LaneRegistry } from '../../electron/store/registry';
import { subjects } from '../../electron/store/subjects';
import { freePort, startNats } from '../support/nats';
import { HEADER, row, summarize } from './stats';
import { domLatencies, startBenchConsole } from './store-console';

const REPO = resolve(import.meta.dirname, '..', '..');
const quick = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_STORE_SECONDS ?? (quick ? 4 : 8));
const MAX_KIOSKS = Number(process.env.BENCH_STORE_MAX ?? (quick ? 200 : 400));
const WITH_CONSOLE = process.env.BENCH_STORE_CONSOLE !== '0';
const STORE = 'B1';
const REALISTIC = 1 / 3; // scans per second per kiosk

const monitor = await freePort();
const nats = await startNats((js, port) =>
  storeServerConfig({ storeId: STORE, port, storeDir: js, monitorPort: monitor, storeNode: { user: 'store-node', password: 'bench-store-node' }, kiosks: Array.from({ length: MAX_KIOSKS }, (_, i) => { const l = `K${String(i + 1).padStart(3, '0')}`; return { laneId: l, user: `kiosk-${l}`, password: `bench-${l}` }; }) }),
);
const log = createLog('bench', () => undefined);
const bus = await NatsBus.connect({ storeId: STORE, servers: [nats.url], user: 'store-node', password: 'bench-store-node', name: 'store-node', log, background: false });
await bus.ensureStore();
const registry = new LaneRegistry(bus, log, { offlineAfterMs: 15_000 });
await registry.start();
const port = new BusStorePort(bus, registry, log, { actTimeoutMs: 3000 });

const consoleUi = WITH_CONSOLE
  ? await startBenchConsole(port, log).catch(async (e: unknown) => {
      registry.stop();
      await bus.close();
      await nats.kill();
      throw e;
    })
  : null;

let snapLat: number[] = [];
let eventLat: number[] = [];
const seen = new Map<string, number>();
/** lane + total as the console shows it → the publishedAt of every snapshot that carried it. */
let published = new Map<string, number[]>();
port.subscribe((lanes) => {
  const now = Date.now();
  for (const l of lanes) {
    if (seen.get(l.laneId) === l.seq) continue;
    seen.set(l.laneId, l.seq);
    snapLat.push(now - l.publishedAt);
    if (!consoleUi) continue;
    const key = `${l.laneId}|${formatMoney(l.basket.totalCents, 'en', l.currency as never)}`;
    const times = published.get(key);
    if (times) times.push(l.publishedAt);
    else published.set(key, [l.publishedAt]);
  }
});
bus.subscribe(subjects(STORE).events, (d) => {
  const e = fromBytes(d, 65536) as { at?: number } | undefined;
  if (e?.at) eventLat.push(Date.now() - e.at);
});

const varz = async () => (await (await fetch(`http://127.0.0.1:${monitor}/varz`)).json()) as { in_msgs: number; in_bytes: number; out_msgs: number };
const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

async function step(kiosks: number, rate: number): Promise<{ p99: number }> {
  snapLat = [];
  eventLat = [];
  published = new Map();
  await consoleUi?.drain();
  const v0 = await varz();
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const out = await new Promise<string>((res, rej) => {
    const c = spawn(process.execPath, [tsx, join(import.meta.dirname, 'store-kiosks.ts'), nats.url, '1', String(kiosks), String(rate), String(SECONDS)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    c.stdout.on('data', (d: Buffer) => (text += d.toString()));
    c.on('exit', (code) => (code === 0 ? res(text) : rej(new Error(`simulator exited ${code}`))));
  });
  const wall = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const v1 = await varz();
  await consoleUi?.settle();
  const domLat = consoleUi ? domLatencies(await consoleUi.drain(), published) : [];
  const label = `${kiosks} kiosks × ${rate === REALISTIC ? '1' : (rate / REALISTIC).toFixed(0)}×`;
  console.log(row(`${label}: snapshot → StorePort subscriber`, snapLat));
  console.log(row(`${label}: event → store subscriber`, eventLat));
  if (consoleUi) console.log(row(`${label}: event → console DOM`, domLat));
  const failures = (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { failures?: number }).failures ?? 0;
  console.log(
    `${label}: store node CPU ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1)} % of a core, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB; NATS in ${((v1.in_msgs - v0.in_msgs) / wall).toFixed(0)} msg/s (${((v1.in_bytes - v0.in_bytes) / wall / 1024).toFixed(0)} KiB/s), out ${((v1.out_msgs - v0.out_msgs) / wall).toFixed(0)} msg/s; simulator failures ${failures}`,
  );
  return { p99: summarize(consoleUi ? domLat : snapLat).p99 };
}

console.log(`store bus: one store node${consoleUi ? ' with one attendant console page in Chromium' : ''}, simulated kiosks, ${SECONDS} s per step (the simulator and Chromium share this machine)`);
console.log(HEADER);
const figure = consoleUi ? 'event → console DOM' : 'snapshot → StorePort';
try {
  await step(50, REALISTIC);
  let served = 0;
  for (const n of [50, ...(quick ? [100, 200] : [100, 200, 400]).filter((k) => k <= MAX_KIOSKS)]) {
    const r = await step(n, REALISTIC * 10);
    if (r.p99 > 250) {
      console.log(`p99 (${figure}) passed 250 ms at ${n} kiosks (10× pace): ${served ? `one store node serves about ${served} kiosks here` : 'already at the smallest step'}`);
      break;
    }
    served = n;
  }
  if (served === MAX_KIOSKS) console.log(`p99 (${figure}) stayed under 250 ms up to ${served} kiosks at 10× pace (the largest step tried)`);
} finally {
  // Also after a failed step: nothing of the bench is left running.
  await consoleUi?.close();
  registry.stop();
  await bus.close();
  await nats.kill();
}
