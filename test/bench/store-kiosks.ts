/**
 * Simulated kiosks for store.bench.ts (a child process, so the bench process is the store node):
 * each kiosk is its own NATS connection that, per "scan", puts its lane snapshot in the registry
 * and appends one event to the store stream (with a message id).
 * argv: url firstLane count scansPerSecondPerKiosk seconds
 */
import { createLog } from '../../electron/log';
import { toBytes } from '../../electron/store/bus';
import { NatsBus } from '../../electron/store/nats-bus';
import { subjects } from '../../electron/store/subjects';

const [url = '', first = '1', count = '1', rate = '0.33', seconds = '5'] = process.argv.slice(2);
const STORE = 'B1';
const s = subjects(STORE);
const log = createLog('sim', () => undefined);
const lanes = Array.from({ length: Number(count) }, (_, i) => `K${String(Number(first) + i).padStart(3, '0')}`);
const buses = await Promise.all(lanes.map((l) => NatsBus.connect({ storeId: STORE, servers: [url], user: `kiosk-${l}`, password: `bench-${l}`, name: l, log, background: false })));
let seq = Date.now() * 1000;
let failures = 0;
const snap = (laneId: string, n: number) => ({
  laneId,
  storeId: STORE,
  status: n % 12 === 11 ? 'paying' : 'shopping',
  since: Date.now(),
  publishedAt: Date.now(),
  seq: ++seq,
  sessionId: `sess-${laneId}`,
  currency: 'EUR',
  basket: { totalCents: 199 * (n % 12), articleCount: n % 12, lines: Array.from({ length: n % 12 }, (_, i) => ({ id: `L${i}`, name: 'Rukkileib 500 g', quantity: 1, unit: 'piece', totalCents: 199, ageLimit: null })) },
  lock: null,
  assistance: false,
  devices: { scanner: 'ok', printer: 'ok', payments: 'ok' },
  outboxBacklog: 0,
});
const end = Date.now() + Number(seconds) * 1000;
const perScanMs = 1000 / Number(rate);
await Promise.all(
  buses.map(async (bus, i) => {
    const laneId = lanes[i]!;
    let n = 0;
    // Spread the kiosks' first scans over one interval.
    await new Promise((r) => setTimeout(r, Math.random() * perScanMs));
    while (Date.now() < end) {
      const t0 = Date.now();
      n++;
      const ev = { id: `${laneId}-bench-${n}`, storeId: STORE, laneId, kind: 'lane', at: Date.now(), body: { status: 'shopping', scans: n } };
      await Promise.all([bus.putLane(laneId, toBytes(snap(laneId, n))), bus.append(s.event(laneId, 'lane'), toBytes(ev), ev.id)]).catch(() => failures++);
      await new Promise((r) => setTimeout(r, Math.max(0, perScanMs - (Date.now() - t0)) * (0.5 + Math.random())));
    }
  }),
);
await Promise.all(buses.map((b) => b.close()));
process.stdout.write(JSON.stringify({ failures }) + '\n');
