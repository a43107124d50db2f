/**
 * Kill -9 at every step of a card payment at a nexo terminal: the kiosk runs as a child process
 * (the browser host) against the terminal simulator running here (it outlives the kill, like a
 * real terminal). After a restart on the same data folder, the simulator's own ledger must show:
 * every approved payment has a closed sale (or an automatic reversal), none is charged twice,
 * nothing is charged for a payment that never completed.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashCatalog, intent, noPurchaseControl, startHost, until, writeKioskFiles } from './host-harness';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { SwipSandbox } from '../../../electron/sandbox/swip';
import { TerminalSimulator } from '../../../electron/sandbox/terminal';

const TOKEN = 'nexo-crash-token-0123';
const MILK = withCheckDigit('4740000000010');
const BREAD = withCheckDigit('4740000000020');
const CATALOG = crashCatalog({ milk: { code: MILK, name: 'Milk', cents: 129, vatBp: 2400 }, bread: { code: BREAD, name: 'Bread', cents: 245, vatBp: 900 } });

let sandbox: SwipSandbox;
let sim: TerminalSimulator;
beforeAll(async () => {
  sandbox = await SwipSandbox.start({ token: TOKEN, merchantId: 'KASS', storeId: 'S1' });
  sim = await TerminalSimulator.start({ poiId: 'V400m-000000077' });
});
afterAll(async () => {
  await sim?.close();
  await sandbox?.close();
});

function config(dataDir: string) {
  writeKioskFiles(dataDir, CATALOG, {
    swip: { baseUrl: sandbox.url, token: TOKEN, merchantId: 'KASS', storeId: 'S1', pollMs: 200 },
    terminal: { kind: 'nexo', url: sim.nexoUrl, poiId: sim.poiId, statusInitialMs: 100, statusMaxMs: 500 },
    printer: { kind: 'none' },
    smarts: { enabled: false },
    purchaseControl: noPurchaseControl('Europe/Tallinn'),
  });
}

function pay(): void {
  sim.terminal.insertCard();
  sim.terminal.enterPin('1234');
  sim.terminal.approve();
}

/**
 * step: the crash point (KASSA_TEST_CRASH_AT), or "sent" for a kill while the customer is at the terminal.
 * customer: pays at the terminal (before the kill when the crash point follows the approval, else after it), cancels at the kiosk, or does nothing.
 */
type Scenario = { step: string; customer: 'pays' | 'cancels' | 'nothing'; expect: { ledger: 'none' | 'approved' | 'aborted' | 'reversed'; kiosk: string; screen: 'done' | 'shopping' } };
const SCENARIOS: Scenario[] = [
  { step: 'terminal-payment-requested', customer: 'pays', expect: { ledger: 'none', kiosk: 'abandoned', screen: 'shopping' } },
  { step: 'sent', customer: 'pays', expect: { ledger: 'approved', kiosk: 'closed', screen: 'done' } },
  { step: 'sent', customer: 'nothing', expect: { ledger: 'aborted', kiosk: 'cancelled', screen: 'shopping' } },
  { step: 'terminal-payment-approved', customer: 'pays', expect: { ledger: 'approved', kiosk: 'closed', screen: 'done' } },
  { step: 'paid', customer: 'pays', expect: { ledger: 'approved', kiosk: 'closed', screen: 'done' } },
  { step: 'closed', customer: 'pays', expect: { ledger: 'approved', kiosk: 'closed', screen: 'done' } },
  { step: 'cancel-requested', customer: 'cancels', expect: { ledger: 'reversed', kiosk: 'cancelled', screen: 'shopping' } },
];

describe('kill -9 at each step of a nexo card payment, then restart', () => {
  for (const sc of SCENARIOS) {
    it(`kill at "${sc.step}" (customer ${sc.customer}) → terminal ledger ${sc.expect.ledger}, sale ${sc.expect.kiosk}`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'kassa-nexo-crash-'));
      config(dataDir);
      await sim.reset();
      let h = await startHost(dataDir, sc.step === 'sent' ? undefined : sc.step);
      try {
        expect((await intent(h, 'basket/scan', { code: MILK, source: 'panel' })).ok).toBe(true);
        expect((await intent(h, 'basket/scan', { code: BREAD, source: 'panel' })).ok).toBe(true);
        void intent(h, 'checkout/pay', { method: 'terminal' }).catch(() => undefined);
        const approvedBeforeKill = ['terminal-payment-approved', 'paid', 'closed'].includes(sc.step);
        if (sc.step !== 'terminal-payment-requested') {
          await until(() => sim.view().stage === 'present-card', 'the terminal showing the amount');
          expect(sim.view().amountCents).toBe(374);
        }
        if (approvedBeforeKill) pay();
        if (sc.customer === 'cancels') {
          // The customer presses Cancel; the kiosk dies before the abort leaves, and the card goes through after all.
          await intent(h, 'checkout/cancelPayment').catch(() => undefined);
        }
        if (sc.step === 'sent') h.proc.kill('SIGKILL');
        expect(await Promise.race([h.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))])).toBe('SIGKILL');
        if (!approvedBeforeKill && sc.step !== 'terminal-payment-requested' && sc.customer !== 'nothing') pay();

        h = await startHost(dataDir);
        const view = await until(async () => {
          const r = await intent(h, 'view/get');
          return r.view && !r.view.recovering && r.view.state === sc.expect.screen ? r.view : null;
        }, `recovery finished on the ${sc.expect.screen} screen`);
        expect(view.state).toBe(sc.expect.screen);
        if (sc.expect.screen === 'shopping') expect(view.basket.lines).toHaveLength(2);
        const ledger = await until(() => {
          const l = sim.ledger();
          const settled = sc.expect.ledger === 'none' || (l.length === 1 && l[0]!.state === sc.expect.ledger);
          return settled ? l : null;
        }, `terminal ledger ${sc.expect.ledger}`, 20_000);
        if (sc.expect.ledger === 'none') expect(ledger).toHaveLength(0);
        else {
          expect(ledger).toHaveLength(1); // never charged twice
          expect(ledger[0]!.amountCents).toBe(374);
          if (sc.expect.ledger === 'approved') expect(ledger[0]!.reversedCents).toBe(0);
          if (sc.expect.ledger === 'reversed') expect(ledger[0]).toMatchObject({ authorizedCents: 374, reversedCents: 374 });
        }
        // The kiosk's own journal agrees, and every terminal request gets a known outcome.
        const jdb = new Database(join(dataDir, 'journal.db'), { readonly: true });
        try {
          const unresolved = () => (jdb.prepare(`SELECT COUNT(*) AS n FROM terminal_requests WHERE kind IN ('payment','reversal') AND state IN ('sent','unknown')`).get() as { n: number }).n;
          await until(() => unresolved() === 0, 'every terminal request resolved', 10_000);
          const orders = jdb.prepare(`SELECT step, close_amount_cents AS c, details_json AS d FROM payment_orders`).all() as Array<{ step: string; c: number | null; d: string }>;
          expect(orders.map((o) => o.step)).toEqual([sc.expect.kiosk]);
          if (sc.expect.kiosk === 'closed') {
            expect(orders[0]!.c).toBe(374);
            expect(JSON.parse(orders[0]!.d).payment).toMatchObject({ maskedPan: '411111 **** 1111' });
          }
        } finally {
          jdb.close();
        }
      } finally {
        h.proc.kill('SIGKILL');
        await h.exited;
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 90_000); // two kiosk start-ups as child processes: slow on a loaded machine
  }
});
