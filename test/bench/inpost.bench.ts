/**
 * InPost Pay figures (printed, not asserted):
 * 1. the merchant backend's latency for a basket event with a 50-line basket, signature
 *    verification included (InPost simulator → node over loopback HTTP → answer);
 * 2. app event → kiosk view pushed: a quantity change in the app until the kiosk engine has
 *    published the new basket (in process, a PLN store on the sandboxes).
 *   npx tsx test/bench/inpost.bench.ts        (BENCH_QUICK=1: fewer events)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startKiosk } from '../../electron/app/kiosk';
import { memoryLog } from '../../electron/log';
import { basketOf, product, startInpostPair } from '../integration/inpost/support';
import { HEADER, loadNote, row } from './stats';

const N = process.env.BENCH_QUICK === '1' ? 100 : 1000;
const REPO = resolve(import.meta.dirname, '..', '..');

async function backend(): Promise<void> {
  const p = await startInpostPair();
  try {
    const items = Array.from({ length: 50 }, (_, i) => [product(String(2000 + i), 100 + i * 7), 1] as [ReturnType<typeof product>, number]);
    const key = await p.push('bench-basket-50', basketOf(items));
    await p.sim.customer.confirm(key);
    const ms: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      const r = await p.sim.customer.quantity(key, `L${(i % 50) + 1}`, (i % 5) + 1);
      ms.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`event answered ${r.status}`);
    }
    console.log(row('basket event, 50 lines, signed → answered', ms));
  } finally {
    await p.close();
  }
}

async function kioskScreen(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-inpost-bench-'));
  writeFileSync(join(dir, 'kassa.config.json'), JSON.stringify({
    sandboxes: true, store: { currency: 'PLN' }, inpost: { enabled: true }, printer: { kind: 'none' },
    purchaseControl: { timeZone: 'Europe/Warsaw', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null },
    catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') },
  }));
  const kiosk = await startKiosk({ env: { KASSA_DATA_DIR: dir, KASSA_NODE_PORT: '0' }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => dir, log: memoryLog('bench') });
  try {
    const ctx = { client: 'bench' };
    await kiosk.handle('session/start', {}, ctx);
    await kiosk.handle('basket/scan', { code: '4740001000178', source: 'panel' }, ctx);
    await kiosk.handle('checkout/pay', { method: 'inpost' }, ctx);
    for (let i = 0; i < 200 && !kiosk.engine.view().payment?.qrText; i++) await new Promise((r) => setTimeout(r, 20));
    const qr = kiosk.engine.view().payment!.qrText!;
    const key = qr.slice(qr.lastIndexOf('/') + 1);
    const sim = kiosk.inpost.sandbox!;
    await sim.customer.confirm(key);
    const ms: number[] = [];
    for (let i = 0; i < N; i++) {
      const want = (i % 9) + 1;
      const t0 = performance.now();
      const seen = new Promise<number>((res) => {
        const off = kiosk.engine.onView((v) => {
          const l = v.basket.lines[0];
          if (l && l.measure.kind === 'pieces' && l.measure.count === want) {
            off();
            res(performance.now() - t0);
          }
        });
      });
      void sim.customer.quantity(key, 'L1', want);
      ms.push(await seen);
      await new Promise((r) => setImmediate(r));
    }
    console.log(row('app quantity event → kiosk view pushed', ms));
  } finally {
    await kiosk.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`InPost Pay bench, ${N} events each — ${loadNote()}`);
console.log(HEADER);
await backend();
await kioskScreen();
