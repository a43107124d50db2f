/**
 * One short order number per kiosk and day (`K01-0427`): allocated in the journal, continued after
 * a restart, never given twice on a day, kept by every payment attempt of one session, and carried
 * to SWiP as `merchantOrderNumber` (what the wallet shows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalDb } from '../../../electron/journal/db';
import { formatOrderNo, OrderNumbers, orderNoOf } from '../../../electron/journal/order-numbers';
import { MILK, startPaymentHarness } from './harness';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'kassa-orderno-'));
  dirs.push(d);
  return join(d, 'journal.db');
}

// 2026-12-03 09:00 UTC; Tallinn is UTC+2 in December.
const MORNING = Date.UTC(2026, 11, 3, 9, 0, 0);

describe('order numbers', () => {
  it('count per day from 0001, keep one number per session and continue after a restart', () => {
    const file = tempFile();
    let db = openJournalDb(file);
    let n = new OrderNumbers(db, 'K01', 'Europe/Tallinn');
    expect(n.allocate('s1', MORNING)).toBe('K01-0001');
    expect(n.allocate('s2', MORNING + 1000)).toBe('K01-0002');
    // A second payment attempt of the same session keeps its number.
    expect(n.allocate('s1', MORNING + 2000)).toBe('K01-0001');
    db.close();

    db = openJournalDb(file);
    n = new OrderNumbers(db, 'K01', 'Europe/Tallinn');
    expect(n.allocate('s2', MORNING + 3000)).toBe('K01-0002');
    expect(n.allocate('s3', MORNING + 4000)).toBe('K01-0003');
    expect(n.allocate(null, MORNING + 5000)).toBe('K01-0004');
    db.close();
  });

  it('starts again at 0001 on the next store-local day (not the next UTC day)', () => {
    const db = openJournalDb(':memory:');
    const n = new OrderNumbers(db, 'K07', 'Europe/Tallinn');
    // 21:59 UTC is 23:59 in Tallinn; 22:00 UTC is already tomorrow there.
    expect(n.allocate('a', Date.UTC(2026, 11, 3, 21, 59))).toBe('K07-0001');
    expect(n.allocate('b', Date.UTC(2026, 11, 3, 21, 59, 30))).toBe('K07-0002');
    expect(n.allocate('c', Date.UTC(2026, 11, 3, 22, 0))).toBe('K07-0001');
    expect(n.allocate('d', Date.UTC(2026, 11, 4, 12, 0))).toBe('K07-0002');
    db.close();
  });

  it('formats at least four digits', () => {
    expect(formatOrderNo('K01', 7)).toBe('K01-0007');
    expect(formatOrderNo('K01', 12345)).toBe('K01-12345');
  });
});

describe('order numbers in the payment flow', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('the journal, SWiP (merchantOrderNumber) and the staff order list carry the same number; a retry keeps it', async () => {
    const h = await startPaymentHarness();
    close = () => h.close();
    await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' });
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    const first = h.journal.recent(1)[0]!;
    const no = orderNoOf(first);
    expect(no).toMatch(/^K01-\d{4}$/);
    expect(h.sandbox.orderJson(first.providerRef!)?.merchantOrderNumber).toBe(no);

    // Cancel and pay again: a new payment, the same customer order number.
    await h.engine.dispatch('checkout/cancelPayment', {});
    await h.until(() => h.engine.state === 'shopping', 'basket');
    h.clock.advance(1000);
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'second QR');
    const second = h.journal.recent(1)[0]!;
    expect(second.merchantOrderId).not.toBe(first.merchantOrderId);
    expect(orderNoOf(second)).toBe(no);
    h.sandbox.pay(h.engine.view().payment!.qrText!);
    await h.until(() => h.engine.state === 'done', 'thank you');
    expect(h.staff.recentOrders()[0]).toMatchObject({ merchantOrderId: second.merchantOrderId, orderNumber: no });
    expect(h.staff.orderNo(second.merchantOrderId)).toBe(no);

    // The next customer gets the next number.
    await h.engine.dispatch('checkout/finish', {});
    h.clock.advance(1000);
    await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' });
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'third QR');
    const next = Number(no!.slice(4)) + 1;
    expect(orderNoOf(h.journal.recent(1)[0]!)).toBe(formatOrderNo('K01', next));
  });
});
