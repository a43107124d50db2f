import type { Clock } from '../engine/clock';
import type { PaymentJournal, PaymentRecord } from '../journal/payments';
import type { Log } from '../log';
import type { CardTerminal, PaymentOrder, SwipPort } from './ports';

/** What reconciliation did with one order. */
export type Outcome = 'closed' | 'cancelled' | 'abandoned';

/**
 * Brings one unfinished order to a final state, using only what SWiP (and the terminal) say
 * now and what the journal recorded. Safe to run again at any point: it never closes an order
 * SWiP already reports CLOSED, so no order is closed twice.
 *
 * - no SWiP id (crash before or during create): the customer never saw a QR, and SWiP cancels
 *   an OPEN order by itself after 90 s → abandoned.
 * - SWiP says CLOSED: record what SWiP did (closed with its amount, or cancelled when 0).
 * - OPEN and paid (wallet), or the terminal approved the reference: close with the amount.
 * - OPEN and cancel was requested, or not paid: cancel (close with 0).
 */
export async function reconcileOrder(rec: PaymentRecord, deps: { swip: SwipPort; terminal: CardTerminal | null; journal: PaymentJournal; clock: Clock; log: Log }): Promise<Outcome> {
  const { swip, journal, clock, log } = deps;
  const mid = rec.merchantOrderId;
  if (!rec.swipOrderId) {
    journal.step(mid, 'abandoned', clock.now(), {}, { reason: `no SWiP order id at step ${rec.step}` });
    log.info('order abandoned: never reached SWiP for certain', { merchantOrderId: mid, step: rec.step });
    return 'abandoned';
  }
  const order = await swip.getOrder(rec.swipOrderId);
  if (order.status === 'CLOSED') return recordClosedBySwip(rec, order, deps);

  if (rec.step === 'cancel-requested') return cancel(rec, deps);

  if (rec.step === 'close-requested') return close(rec, rec.closeAmountCents ?? rec.totalCents, rec.rounded, deps);

  if (rec.method === 'terminal') {
    const t = rec.step === 'paid' ? ({ approved: true } as const) : await deps.terminal?.lookup(mid);
    if (t && t.approved) {
      const amount = rec.closeAmountCents ?? rec.totalCents;
      if (rec.step !== 'paid') journal.step(mid, 'paid', clock.now(), { paidCents: amount }, { source: 'terminal lookup' });
      return close(rec, amount, rec.rounded, deps);
    }
    return cancel(rec, deps);
  }

  if (order.paidCents >= rec.totalCents && rec.totalCents > 0) {
    if (rec.step !== 'paid') journal.step(mid, 'paid', clock.now(), { paidCents: order.paidCents });
    return close(rec, rec.totalCents, false, deps);
  }
  return cancel(rec, deps);
}

async function close(rec: PaymentRecord, amountCents: number, rounded: boolean, deps: { swip: SwipPort; journal: PaymentJournal; clock: Clock; log: Log }): Promise<Outcome> {
  const mid = rec.merchantOrderId;
  if (rec.step !== 'close-requested') deps.journal.step(mid, 'close-requested', deps.clock.now(), { closeAmountCents: amountCents, rounded });
  const closed = await deps.swip.closeOrder(rec.swipOrderId!, amountCents, { rounded });
  deps.journal.step(mid, 'closed', deps.clock.now(), { closeAmountCents: closed.closeAmountCents || amountCents, orderNumber: closed.orderNumber ?? null, details: { payment: paymentDetails(closed) } });
  deps.log.info('order closed', { merchantOrderId: mid, amountCents });
  return 'closed';
}

async function cancel(rec: PaymentRecord, deps: { swip: SwipPort; journal: PaymentJournal; clock: Clock; log: Log }): Promise<Outcome> {
  const mid = rec.merchantOrderId;
  if (rec.step !== 'cancel-requested') deps.journal.step(mid, 'cancel-requested', deps.clock.now());
  await deps.swip.cancelOrder(rec.swipOrderId!);
  deps.journal.step(mid, 'cancelled', deps.clock.now(), { closeAmountCents: 0 });
  deps.log.info('order cancelled', { merchantOrderId: mid });
  return 'cancelled';
}

function recordClosedBySwip(rec: PaymentRecord, order: PaymentOrder, deps: { journal: PaymentJournal; clock: Clock; log: Log }): Outcome {
  const closedWithMoney = order.closeAmountCents > 0;
  deps.journal.step(rec.merchantOrderId, closedWithMoney ? 'closed' : 'cancelled', deps.clock.now(), {
    closeAmountCents: order.closeAmountCents,
    paidCents: order.paidCents,
    orderNumber: order.orderNumber ?? null,
    details: closedWithMoney ? { payment: paymentDetails(order) } : {},
  }, { source: 'SWiP reported CLOSED' });
  deps.log.info('order found closed at SWiP', { merchantOrderId: rec.merchantOrderId, closeAmountCents: order.closeAmountCents });
  return closedWithMoney ? 'closed' : 'cancelled';
}

export function paymentDetails(o: PaymentOrder): Record<string, unknown> {
  return { orderNumber: o.orderNumber ?? null, method: o.paymentMethod ?? null, maskedPan: o.pan ?? null, authCode: o.authorizationCode ?? null, slip: o.slip ?? null };
}

/**
 * Runs reconciliation for every unfinished order, retrying the ones SWiP could not answer
 * for with backoff, in the background. `onFinal` lets the engine print receipts and move a
 * restored session on.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private delayMs: number;
  pendingCount = 0;

  constructor(
    private readonly deps: { swip: SwipPort; terminal: CardTerminal | null; journal: PaymentJournal; clock: Clock; log: Log },
    private readonly onFinal: (rec: PaymentRecord, outcome: Outcome) => void,
    private readonly onProgress: (pending: number) => void,
    private readonly backoff = { initialMs: 1000, maxMs: 30_000 },
  ) {
    this.delayMs = backoff.initialMs;
  }

  /** One pass over all unfinished orders; schedules another pass while any remain. */
  async runOnce(skip: (mid: string) => boolean = () => false): Promise<number> {
    if (this.running) return this.pendingCount;
    this.running = true;
    let left = 0;
    try {
      for (const rec of this.deps.journal.unfinished()) {
        if (skip(rec.merchantOrderId)) continue;
        try {
          const outcome = await reconcileOrder(rec, this.deps);
          const fresh = this.deps.journal.get(rec.merchantOrderId)!;
          this.onFinal(fresh, outcome);
        } catch (e) {
          left++;
          this.deps.log.warn('reconciliation deferred', { merchantOrderId: rec.merchantOrderId, step: rec.step, error: e as Error });
        }
      }
    } finally {
      this.running = false;
    }
    this.pendingCount = left;
    this.onProgress(left);
    return left;
  }

  /** Starts background passes until nothing is left (or stop()). */
  start(skip: (mid: string) => boolean = () => false): void {
    const loop = async () => {
      this.timer = null;
      const left = await this.runOnce(skip);
      if (left > 0) {
        this.timer = setTimeout(() => void loop(), this.delayMs);
        this.timer.unref?.();
        this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxMs);
      } else {
        this.delayMs = this.backoff.initialMs;
      }
    };
    if (!this.timer && !this.running) void loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
