/**
 * Kill -9 at each step of an InPost Pay payment after the binding: the kiosk runs as a child
 * process (the browser host) whose merchant node the InPost simulator — running here, outliving
 * the kill like the real InPost — calls. After a restart on the same data folder the simulator's
 * ledger shows one order per basket and at most one ORDER_COMPLETED, and the journal one receipt
 * per paid sale.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { InpostSandbox } from '../../../electron/sandbox/inpost';
import { crashCatalog, freePort, intent, noPurchaseControl, startHost, until, writeKioskFiles } from '../payments/host-harness';

const MILK = withCheckDigit('5900000000010');
const BREAD = withCheckDigit('5900000000020');
const CATALOG = crashCatalog({ milk: { code: MILK, name: 'Mleko', cents: 349, vatBp: 500 }, bread: { code: BREAD, name: 'Chleb', cents: 599, vatBp: 500 } });

let sim: InpostSandbox;
beforeAll(async () => {
  // The host's test clock stands at KASSA_TEST_NOW's default: InPost's clock agrees (signatures are timed).
  const at = Date.parse('2026-11-23T10:00:00Z');
  sim = await InpostSandbox.start({ clientId: 'kassa-crash', clientSecret: 'crash-secret-123', clock: { now: () => at } });
});
afterAll(() => sim?.close());

function config(dataDir: string, nodePort: number) {
  writeKioskFiles(dataDir, CATALOG, {
    sandboxes: true,
    store: { currency: 'PLN', timeZone: 'Europe/Warsaw' },
    languages: { default: 'pl', available: ['pl', 'en', 'et', 'ru'] },
    smarts: { nodePort },
    inpost: { apiUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: 'kassa-crash', clientSecret: 'crash-secret-123' },
    purchaseControl: noPurchaseControl('Europe/Warsaw'),
  });
}

type Scenario = { step: string; paysBeforeKill: boolean; expect: { kiosk: 'closed' | 'cancelled'; screen: 'done' | 'shopping'; completed: number } };
const SCENARIOS: Scenario[] = [
  { step: 'created', paysBeforeKill: false, expect: { kiosk: 'cancelled', screen: 'shopping', completed: 0 } },
  { step: 'paid', paysBeforeKill: true, expect: { kiosk: 'closed', screen: 'done', completed: 1 } },
  { step: 'close-requested', paysBeforeKill: true, expect: { kiosk: 'closed', screen: 'done', completed: 1 } },
  { step: 'closed', paysBeforeKill: true, expect: { kiosk: 'closed', screen: 'done', completed: 1 } },
];

describe('kill -9 during an InPost Pay payment, then restart', () => {
  for (const sc of SCENARIOS) {
    it(`kill at "${sc.step}" → sale ${sc.expect.kiosk}, ${sc.expect.completed} ORDER_COMPLETED`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'kassa-inpost-crash-'));
      const port = await freePort();
      config(dataDir, port);
      sim.setMerchantUrl(`http://127.0.0.1:${port}`);
      const ordersBefore = sim.ledger().orders.length;
      let h = await startHost(dataDir, sc.step);
      try {
        expect((await intent(h, 'basket/scan', { code: MILK, source: 'panel' })).ok).toBe(true);
        expect((await intent(h, 'basket/scan', { code: BREAD, source: 'panel' })).ok).toBe(true);
        void intent(h, 'checkout/pay', { method: 'inpost' }).catch(() => undefined);
        if (sc.paysBeforeKill) {
          const qr = await until(async () => (await intent(h, 'view/get')).view?.payment?.qrText, 'the QR code');
          const key = qr.slice(qr.lastIndexOf('/') + 1);
          expect(await sim.customer.confirm(key)).toMatchObject({ status: 200 });
          expect((await sim.customer.createOrder(key)).status).toBe(201);
          // The kiosk may die before it answers the payment event: InPost's side of that call is not checked.
          await sim.customer.finish(key, 'pay').catch(() => undefined);
        }
        expect(await Promise.race([h.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))])).toBe('SIGKILL');

        h = await startHost(dataDir);
        const view = await until(async () => {
          const r = await intent(h, 'view/get');
          return r.view && !r.view.recovering && r.view.state === sc.expect.screen ? r.view : null;
        }, `recovery finished on the ${sc.expect.screen} screen`, 30_000);
        if (sc.expect.screen === 'shopping') expect(view.basket.lines).toHaveLength(2);
        const jdb = new Database(join(dataDir, 'journal.db'), { readonly: true });
        try {
          const orders = await until(() => {
            const o = jdb.prepare(`SELECT merchant_order_id AS id, step, close_amount_cents AS c FROM payment_orders`).all() as Array<{ id: string; step: string; c: number | null }>;
            return o.length === 1 && ['closed', 'cancelled'].includes(o[0]!.step) ? o : null;
          }, 'the sale settled');
          expect(orders[0]!.step).toBe(sc.expect.kiosk);
          const jobs = (jdb.prepare(`SELECT COUNT(*) AS n FROM print_jobs`).get() as { n: number }).n;
          expect(jobs).toBe(sc.expect.kiosk === 'closed' ? 1 : 0);
          const mine = sim.ledger().orders.slice(ordersBefore);
          if (sc.paysBeforeKill) {
            expect(mine).toHaveLength(1); // one order per basket
            expect(orders[0]!.c).toBe(mine[0]!.totalGrosze);
            await until(() => sim.ledger().orders.slice(ordersBefore)[0]!.merchantEvents.some((e) => e.orderStatus === 'ORDER_COMPLETED'), 'ORDER_COMPLETED at InPost');
          } else {
            expect(mine).toHaveLength(0);
            await until(() => sim.ledger().baskets.find((b) => b.basketId === orders[0]!.id)?.deleted, 'the binding deleted at InPost');
          }
          const completed = sim.ledger().orders.slice(ordersBefore).flatMap((o) => o.merchantEvents).filter((e) => e.orderStatus === 'ORDER_COMPLETED');
          expect(completed).toHaveLength(sc.expect.completed);
        } finally {
          jdb.close();
        }
      } finally {
        h.proc.kill('SIGKILL');
        await h.exited;
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 90_000);
  }
});
