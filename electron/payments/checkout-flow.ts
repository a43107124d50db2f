import { randomUUID } from 'node:crypto';
import type { Basket } from '../checkout/basket';
import { lineTotal } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import { move } from '../checkout/session';
import { basketTotals, type Discount } from '../checkout/totals';
import { IntentRefused, type EngineFeature, type KioskEngine } from '../engine/engine';
import type { KioskView, OrderRecordView } from '../ipc/view';
import type { PaymentJournal, PaymentRecord } from '../journal/payments';
import type { Log } from '../log';
import type { CardTerminal, PaymentPurchase, SwipPort } from './ports';
import { paymentDetails, reconcileOrder, Reconciler, type Outcome } from './reconcile';

export interface PaymentFlowOptions {
  /** How long the QR waits for the wallet (ms). SWiP: 90 s. */
  paymentTimeoutMs: number;
  /** Poll interval for GET /orders/{id} (ms, default 1000). */
  pollMs: number;
  /** Cash-style rounding step for terminal payments (cents; 1 = none). */
  cashRoundingCents: number;
  kioskId: string;
  /** Translates a payment error into a short customer message with a way forward. */
  customerMessage: (err: unknown, lang: Lang) => string;
}

interface Current {
  mid: string;
  method: 'swip' | 'terminal';
  phase: 'loyalty' | 'creating' | 'waiting' | 'closing' | 'cancelling' | 'failed';
  swipOrderId: string | null;
  qrText: string | null;
  deadline: number;
  subtotalCents: number;
  /** What SWiP is asked to collect (after loyalty, before cash rounding). */
  totalCents: number;
  /** What the customer pays (terminal: after cash rounding). */
  payCents: number;
  roundingStep: number;
  discounts: Discount[];
  error: { code: string; message: string } | null;
  cancelWanted: 'customer' | 'timeout' | null;
}

/**
 * Pay → loyalty → create order → QR (or terminal) → poll → close → thank you; cancel and timeout
 * close with 0. Every step is in the payment journal before the call that it announces, so the
 * reconciler can finish any order after a crash.
 */
export class PaymentFlow implements EngineFeature {
  readonly name = 'payments';
  private cur: Current | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly reconciler: Reconciler;
  /** What reconcileOrder needs; the flow finishes every close and cancel through it. */
  private readonly deps: Parameters<typeof reconcileOrder>[1];
  /** Checks that may refuse payment (age approval, purchase checks). */
  readonly guards: Array<() => void> = [];
  /** Called once per order that reached CLOSED (receipt printing). */
  readonly onClosed: Array<(rec: PaymentRecord) => void> = [];

  readonly handlers = {
    'checkout/pay': (p: { method: 'swip' | 'terminal' }) => this.pay(p.method),
    'checkout/cancelPayment': () => this.requestCancel('customer'),
    'checkout/back': () => this.back(),
    'checkout/finish': () => this.finish(),
  };

  constructor(
    private readonly engine: KioskEngine,
    private readonly swip: SwipPort,
    private readonly terminal: CardTerminal | null,
    private readonly journal: PaymentJournal,
    private readonly log: Log,
    private readonly opts: PaymentFlowOptions,
  ) {
    this.deps = { swip, terminal, journal, clock: engine.deps.clock, log };
    this.reconciler = new Reconciler(
      this.deps,
      (rec, outcome) => this.afterReconcile(rec, outcome),
      (pending) => {
        engine.recovering = pending > 0;
        engine.publish();
      },
    );
  }

  /**
   * Start-up: a restored session whose order was already closed is finished, never offered for
   * payment again; receipts of recently closed orders are (idempotently) queued; every order
   * the journal left open is reconciled in the background.
   */
  recover(): void {
    const e = this.engine;
    const now = e.deps.clock.now();
    for (const rec of this.journal.closedSince(now - 24 * 3600_000)) for (const f of this.onClosed) f(rec);
    if (e.sessionId && this.journal.closedForSession(e.sessionId)) {
      this.log.info('restored session was already paid: finishing it', { sessionId: e.sessionId });
      e.state = 'done';
      e.activity();
      e.deps.sessions.end(e.sessionId, 'paid', now);
    }
    const open = this.journal.unfinished();
    if (open.length === 0) return;
    this.log.info('reconciling unfinished orders', { count: open.length });
    this.engine.recovering = true;
    this.reconciler.start((mid) => mid === this.cur?.mid);
  }

  stop(): void {
    this.reconciler.stop();
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }

  get busy(): boolean {
    return this.cur !== null;
  }

  // ---- customer intents ------------------------------------------------------------------

  pay(method: 'swip' | 'terminal'): void {
    const e = this.engine;
    if (this.cur && this.cur.phase !== 'failed') throw new IntentRefused('payment-in-progress', 'a payment is already in progress');
    if (e.state !== 'shopping' && !(e.state === 'checkout' && this.cur?.phase === 'failed')) throw new IntentRefused('not-shopping', 'nothing to pay now');
    if (e.basket.lines.length === 0) throw new IntentRefused('basket-empty', 'the basket is empty');
    for (const g of this.guards) g();
    if (method === 'terminal' && !this.terminal) throw new IntentRefused('terminal-unavailable', 'no card terminal');
    if (e.state === 'shopping') e.state = move(e.state, 'checkout');
    const subtotal = basketTotals(e.basket).subtotalCents;
    this.cur = {
      mid: randomUUID(),
      method,
      phase: 'loyalty',
      swipOrderId: null,
      qrText: null,
      deadline: 0,
      subtotalCents: subtotal,
      totalCents: subtotal,
      payCents: subtotal,
      roundingStep: method === 'terminal' ? this.opts.cashRoundingCents : 1,
      discounts: [],
      error: null,
      cancelWanted: null,
    };
    e.journal();
    void this.run(this.cur).catch((err) => this.fail(this.cur, err));
  }

  requestCancel(why: 'customer' | 'timeout'): void {
    const c = this.cur;
    if (!c) throw new IntentRefused('no-payment', 'no payment to cancel');
    if (c.phase === 'failed') return this.back();
    if (c.phase === 'closing' || c.phase === 'cancelling') throw new IntentRefused('payment-finishing', 'the payment is already being completed');
    c.cancelWanted = why;
    if (c.phase === 'waiting') void this.cancelOrder(c).catch((err) => this.fail(c, err));
    // During loyalty/creating, run() sees cancelWanted as soon as the order exists.
  }

  back(): void {
    const e = this.engine;
    if (e.state !== 'checkout' || (this.cur && this.cur.phase !== 'failed')) throw new IntentRefused('not-now', 'cannot go back now');
    this.cur = null;
    e.state = move(e.state, 'shopping');
    e.journal();
  }

  finish(): void {
    if (this.engine.state !== 'done') throw new IntentRefused('not-done', 'nothing to finish');
    this.engine.endSession('finished');
  }

  // ---- the flow --------------------------------------------------------------------------

  private async run(c: Current): Promise<void> {
    const e = this.engine;
    const clock = e.deps.clock;
    const purchases = toPurchases(e.basket, e.lang);
    this.journal.begin({
      merchantOrderId: c.mid,
      sessionId: e.sessionId,
      method: c.method,
      step: 'loyalty',
      swipOrderId: null,
      sessionCode: null,
      totalCents: c.subtotalCents,
      totalOriginalCents: c.subtotalCents,
      paidCents: 0,
      closeAmountCents: null,
      rounded: false,
      refundedCents: 0,
      orderNumber: null,
      details: { lang: e.lang, basket: e.basket },
      createdAt: clock.now(),
    });
    e.publish();

    try {
      const l = await this.swip.loyaltyCalculation(c.mid, purchases, c.subtotalCents);
      c.discounts = loyaltyLines(l, c.subtotalCents);
    } catch (err) {
      // Loyalty is a bonus: without it the customer still pays the full price.
      this.log.warn('loyalty calculation failed; continuing without discount', { merchantOrderId: c.mid, error: err as Error });
    }
    if (this.cur !== c) return;
    const t = basketTotals(e.basket, c.discounts, c.roundingStep);
    c.totalCents = t.totalCents - t.roundingCents;
    c.payCents = t.totalCents;
    if (c.cancelWanted) return this.abandon(c, 'cancelled before the order was created');

    c.phase = 'creating';
    this.journal.step(c.mid, 'creating', clock.now(), { totalCents: c.totalCents, details: { discounts: c.discounts, roundingCents: t.roundingCents, vat: t.vat, subtotalCents: t.subtotalCents } });
    e.publish();
    let order;
    try {
      order = await this.swip.createOrder({
        merchantOrderId: c.mid,
        merchantOrderNumber: c.mid.slice(0, 8).toUpperCase(),
        cashier: `Kiosk ${this.opts.kioskId}`,
        saleDate: clock.now(),
        totalCents: c.totalCents,
        totalOriginalCents: c.subtotalCents,
        purchases,
      });
    } catch (err) {
      // Without an order id there is nothing to pay: SWiP itself cancels an unseen OPEN order.
      this.journal.step(c.mid, 'abandoned', clock.now(), {}, { reason: 'create failed', error: String((err as Error).message) });
      throw err;
    }
    this.journal.step(c.mid, 'created', clock.now(), { swipOrderId: order.id, sessionCode: order.sessionCode });
    c.swipOrderId = order.id;
    if (this.cur !== c) return;
    if (c.cancelWanted) return this.cancelOrder(c);
    c.qrText = order.sessionCode;
    c.phase = 'waiting';
    c.deadline = clock.now() + this.opts.paymentTimeoutMs;
    e.state = move(e.state, 'paying');
    e.journal();
    e.publish();
    if (c.method === 'swip') this.schedulePoll(c, this.opts.pollMs);
    else await this.chargeTerminal(c);
  }

  private async chargeTerminal(c: Current): Promise<void> {
    const r = await this.terminal!.charge(c.payCents, c.mid);
    if (this.cur !== c || c.phase !== 'waiting') return;
    if (!r.approved) {
      if (c.cancelWanted) return; // cancelOrder is already under way
      c.cancelWanted = 'customer';
      await this.cancelOrder(c, { code: 'terminal-declined', message: this.opts.customerMessage({ kind: 'TerminalDeclined' }, this.engine.lang) });
      return;
    }
    this.journal.step(c.mid, 'paid', this.engine.deps.clock.now(), { paidCents: c.payCents, details: { terminal: { authCode: r.authCode, maskedPan: r.maskedPan } } });
    await this.close(c, c.payCents, c.payCents !== c.totalCents);
  }

  private schedulePoll(c: Current, ms: number): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(c).catch((err) => this.fail(c, err)), ms);
    this.pollTimer.unref?.();
  }

  private async poll(c: Current): Promise<void> {
    if (this.cur !== c || c.phase !== 'waiting') return;
    const clock = this.engine.deps.clock;
    let order;
    try {
      order = await this.swip.getOrder(c.swipOrderId!);
    } catch (err) {
      this.log.warn('order poll failed', { merchantOrderId: c.mid, error: err as Error });
      if (clock.now() >= c.deadline) return this.cancelOrder(c);
      return this.schedulePoll(c, this.opts.pollMs);
    }
    if (this.cur !== c || c.phase !== 'waiting') return;
    if (order.status === 'CLOSED') {
      // SWiP closed it on its own (its 1.5-minute limit): treat as a timeout.
      const rec = this.journal.get(c.mid)!;
      await reconcileOrder(rec, this.deps);
      return this.backToBasket(c, 'payment-timeout');
    }
    if (order.paidCents >= c.totalCents) {
      this.journal.step(c.mid, 'paid', clock.now(), { paidCents: order.paidCents });
      return this.close(c, c.totalCents, false);
    }
    if (clock.now() >= c.deadline) {
      c.cancelWanted = 'timeout';
      return this.cancelOrder(c);
    }
    this.schedulePoll(c, this.opts.pollMs);
  }

  /** The timeout is checked on every engine tick too, so a stuck poll cannot keep the QR up. */
  tick(now: number): void {
    const c = this.cur;
    if (c && c.phase === 'waiting' && c.method === 'swip' && now >= c.deadline && !c.cancelWanted) {
      c.cancelWanted = 'timeout';
      void this.cancelOrder(c).catch((err) => this.fail(c, err));
    }
  }

  private async close(c: Current, amountCents: number, rounded: boolean): Promise<void> {
    const e = this.engine;
    const clock = e.deps.clock;
    c.phase = 'closing';
    e.state = move(e.state, 'finishing');
    e.publish();
    this.journal.step(c.mid, 'close-requested', clock.now(), { closeAmountCents: amountCents, rounded });
    const deadline = clock.now() + 20_000;
    for (let attempt = 1; ; attempt++) {
      try {
        const rec = this.journal.get(c.mid)!;
        if (rec.step === 'close-requested') await reconcileOrder(rec, this.deps);
        break;
      } catch (err) {
        this.log.warn('close failed; retrying', { merchantOrderId: c.mid, attempt, error: err as Error });
        if (Date.now() > deadline) {
          // Hand over to the background reconciler; the receipt prints when the close lands.
          this.cur = null;
          e.state = 'done';
          e.setNotice('payment-error', 'error', { stage: 'close' });
          this.reconciler.start((mid) => mid === this.cur?.mid);
          e.publish();
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 3000)));
      }
    }
    const rec = this.journal.get(c.mid)!;
    this.cur = null;
    for (const f of this.onClosed) f(rec);
    e.state = move(e.state, 'done');
    e.activity();
    e.deps.sessions.end(e.sessionId ?? '', 'paid', clock.now());
    e.publish();
  }

  private async cancelOrder(c: Current, error?: { code: string; message: string }): Promise<void> {
    const clock = this.engine.deps.clock;
    if (c.phase === 'cancelling' || c.phase === 'closing') return;
    c.phase = 'cancelling';
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.engine.publish();
    if (c.method === 'terminal') this.terminal?.abort(c.mid);
    const rec = this.journal.get(c.mid)!;
    // One last look: a customer who paid at the last second gets the goods, not a refund.
    if (c.method === 'swip' && rec.step === 'created') {
      try {
        const order = await this.swip.getOrder(c.swipOrderId!);
        if (order.status === 'OPEN' && order.paidCents >= c.totalCents) {
          this.journal.step(c.mid, 'paid', clock.now(), { paidCents: order.paidCents });
          c.phase = 'waiting';
          return this.close(c, c.totalCents, false);
        }
      } catch (err) {
        this.log.warn('last status check before cancel failed', { merchantOrderId: c.mid, error: err as Error });
      }
    }
    this.journal.step(c.mid, 'cancel-requested', clock.now(), {}, { why: c.cancelWanted });
    try {
      await reconcileOrder(this.journal.get(c.mid)!, this.deps);
    } catch (err) {
      this.log.warn('cancel failed; the reconciler will retry', { merchantOrderId: c.mid, error: err as Error });
      this.reconciler.start((mid) => mid === this.cur?.mid);
    }
    if (error) {
      c.phase = 'failed';
      c.error = error;
      this.engine.publish();
      return;
    }
    this.backToBasket(c, c.cancelWanted === 'timeout' ? 'payment-timeout' : 'payment-cancelled');
  }

  private abandon(c: Current, reason: string): void {
    this.journal.step(c.mid, 'abandoned', this.engine.deps.clock.now(), {}, { reason });
    this.backToBasket(c, 'payment-cancelled');
  }

  private backToBasket(c: Current, notice: 'payment-cancelled' | 'payment-timeout'): void {
    if (this.cur !== c) return;
    const e = this.engine;
    this.cur = null;
    if (e.state === 'paying' || e.state === 'checkout') e.state = 'shopping';
    e.setNotice(notice, 'info');
    e.activity();
    e.journal();
    e.publish();
  }

  private fail(c: Current | null, err: unknown): void {
    if (!c || this.cur !== c) return;
    this.log.warn('payment failed', { merchantOrderId: c.mid, phase: c.phase, error: err as Error });
    c.phase = 'failed';
    c.error = { code: (err as { code?: unknown }).code !== undefined ? String((err as { code?: unknown }).code) : 'payment-error', message: this.opts.customerMessage(err, this.engine.lang) };
    if (this.engine.state === 'paying') this.engine.state = 'checkout';
    this.engine.publish();
  }

  private afterReconcile(rec: PaymentRecord, outcome: Outcome): void {
    const e = this.engine;
    if (outcome === 'closed') for (const f of this.onClosed) f(rec);
    if (rec.sessionId && rec.sessionId === e.sessionId && !this.cur) {
      if (outcome === 'closed' && (e.state === 'shopping' || e.state === 'checkout' || e.state === 'paying' || e.state === 'finishing')) {
        e.state = 'done';
        e.activity();
        e.deps.sessions.end(rec.sessionId, 'paid', e.deps.clock.now());
      } else if (outcome !== 'closed' && e.state === 'shopping') {
        e.setNotice('payment-cancelled', 'info');
      }
    }
    e.publish();
  }

  // ---- supervisor actions ----------------------------------------------------------------

  async refund(mid: string, amountCents: number): Promise<PaymentRecord> {
    const rec = this.journal.get(mid);
    if (!rec || rec.step !== 'closed' && rec.step !== 'refunded') throw new IntentRefused('not-refundable', 'only closed orders can be refunded');
    const captured = rec.closeAmountCents ?? 0;
    if (amountCents <= 0 || rec.refundedCents + amountCents > captured) throw new IntentRefused('refund-too-large', `at most ${captured - rec.refundedCents} cents can still be refunded`);
    const r = await this.swip.refund(mid, amountCents);
    if (r.status !== 'SUCCESS') throw new IntentRefused('refund-failed', r.description ?? 'the refund was refused');
    this.journal.step(mid, rec.refundedCents + amountCents >= captured ? 'refunded' : 'closed', this.engine.deps.clock.now(), { refundedCents: rec.refundedCents + amountCents }, { refund: amountCents });
    return this.journal.get(mid)!;
  }

  async reverse(mid: string): Promise<PaymentRecord> {
    const rec = this.journal.get(mid);
    if (!rec || rec.step !== 'closed') throw new IntentRefused('not-reversible', 'only closed orders can be reversed');
    const r = await this.swip.reverse(mid, rec.closeAmountCents ?? undefined);
    if (r.status !== 'SUCCESS') throw new IntentRefused('reverse-failed', r.description ?? 'the reversal was refused');
    this.journal.step(mid, 'reversed', this.engine.deps.clock.now(), { refundedCents: rec.closeAmountCents ?? 0 });
    return this.journal.get(mid)!;
  }

  /** The supervisor's order record: recent orders with amounts and states. */
  recentOrders(limit = 15): OrderRecordView[] {
    return this.journal.recent(limit).map((r) => ({
      merchantOrderId: r.merchantOrderId,
      orderNumber: r.orderNumber,
      at: r.createdAt,
      totalCents: r.totalCents,
      paidCents: r.closeAmountCents ?? r.paidCents,
      refundedCents: r.refundedCents,
      state: r.step,
      method: r.method,
    }));
  }

  // ---- view ------------------------------------------------------------------------------

  view(v: KioskView): void {
    const c = this.cur;
    if (!c) return;
    const t = basketTotals(this.engine.basket, c.discounts, c.roundingStep);
    v.basket.discounts = c.discounts;
    v.basket.roundingCents = t.roundingCents;
    v.basket.totalCents = t.totalCents;
    v.basket.vat = t.vat;
    const now = this.engine.deps.clock.now();
    v.payment = {
      method: c.method,
      phase: c.phase,
      qrText: c.method === 'swip' ? c.qrText : null,
      secondsLeft: c.phase === 'waiting' ? Math.max(0, Math.ceil((c.deadline - now) / 1000)) : 0,
      totalCents: c.payCents,
      error: c.error,
    };
  }

  onSessionEnd(): void {
    const c = this.cur;
    if (!c) return;
    // A supervisor ended the session while an order was open: cancel it.
    if (c.phase === 'waiting') {
      c.cancelWanted = 'customer';
      void this.cancelOrder(c).catch((err) => this.log.warn('cancel on session end failed', { error: err as Error }));
    }
    this.cur = null;
  }
}

/** Basket lines as SWiP purchases (decimal conversion happens in the SWiP client). */
export function toPurchases(b: Basket, lang: Lang): PaymentPurchase[] {
  return b.lines.map((l) => {
    const total = lineTotal(l);
    const m = l.measure;
    return m.kind === 'pieces'
      ? { name: l.name[lang] || l.name.en, productId: l.sku, quantity: m.count, unit: 'PIECES', priceCents: l.unitPriceCents, amountCents: total }
      : m.kind === 'weight'
        ? { name: l.name[lang] || l.name.en, productId: l.sku, quantity: m.grams / 1000, unit: 'KILOGRAMS', priceCents: l.unitPriceCents, amountCents: total }
        : { name: l.name[lang] || l.name.en, productId: l.sku, quantity: 1, unit: 'PIECES', priceCents: total, amountCents: total };
  });
}

/** Loyalty programme lines whose sum is exactly SWiP's final (rounded) discount, never above the subtotal. */
export function loyaltyLines(l: { discountCents: number; lines: Array<{ description: string; discountCents: number }> }, subtotalCents: number): Discount[] {
  const target = Math.max(0, Math.min(l.discountCents, subtotalCents));
  if (target === 0) return [];
  const lines = l.lines.filter((x) => x.discountCents > 0).map((x) => ({ description: x.description, amountCents: x.discountCents }));
  if (lines.length === 0) return [{ description: 'SWiP', amountCents: target }];
  const diff = target - lines.reduce((s, x) => s + x.amountCents, 0);
  const last = lines[lines.length - 1]!;
  last.amountCents += diff;
  return lines.filter((x) => x.amountCents > 0);
}

export { paymentDetails };
