/**
 * The live payment's driver: creates it at the provider, polls, collects at the terminal when the
 * customer chose it in the app (SWiP scenario 2), closes and cancels — each step journaled first.
 * Outcomes go back to the PaymentFlow, which owns the customer session.
 */
import type { PaymentRecord } from '../journal/payments';
import type { Live, PaymentFlow } from './checkout-flow';
import { isProviderRefused, type ProviderStatus } from './port';
import { amountDetails, attention, cancelOrder, closeOrder, recordProviderClosed, type Outcome } from './settle';
import { toPurchases, withProviderDiscount } from './amounts';

export class LiveDriver {
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(private readonly f: PaymentFlow) {}

  stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }

  async start(c: Live): Promise<void> {
    const e = this.f.engine;
    const clock = e.deps.clock;
    c.orderNo = this.f.opts.orderNo?.(e.sessionId, clock.now()) ?? null;
    this.f.journal.begin({
      merchantOrderId: c.mid, sessionId: e.sessionId, method: c.kind, step: 'requested', providerRef: null, sessionCode: null,
      totalCents: c.basketTotalCents, totalOriginalCents: c.basketTotalCents, paidCents: 0, closeAmountCents: null, rounded: false,
      refundedCents: 0, orderNumber: null, details: { lang: e.lang, basket: e.basket, ...(c.orderNo ? { orderNo: c.orderNo } : {}) }, createdAt: clock.now(),
    });
    // The provider's clock starts when it receives the request: count from before sending it.
    const sentAt = clock.now();
    this.f.journal.step(c.mid, 'creating', sentAt, { details: { sentAt } });
    e.publish();
    const provider = this.f.providers[c.kind];
    let s;
    try {
      s = await provider.start({ paymentId: c.mid, ...(c.orderNo ? { orderNo: c.orderNo } : {}), basketTotalCents: c.basketTotalCents, purchases: toPurchases(e.basket, e.lang), saleDate: sentAt });
    } catch (err) {
      // Without a reference nothing can be paid; a SWiP order whose answer was lost expires by itself.
      this.f.journal.step(c.mid, 'abandoned', clock.now(), {}, { reason: isProviderRefused(err) ? 'create refused' : 'create failed', error: String((err as Error).message) });
      throw err;
    }
    const wait = s.waitMs ?? this.f.opts.paymentTimeoutMs;
    const limit = s.expiresAfterMs === null ? wait : Math.min(wait, s.expiresAfterMs - this.f.opts.cancelMarginMs);
    c.deadline = sentAt + limit;
    c.ref = s.ref;
    c.qrText = s.qrText;
    c.started = s.adjustments;
    c.adjustments = s.adjustments;
    c.amountDueCents = s.amountDueCents;
    this.f.journal.step(c.mid, 'created', clock.now(), { providerRef: s.ref, sessionCode: s.qrText, totalCents: s.amountDueCents, details: { ...amountDetails(s.adjustments), deadline: c.deadline } });
    if (this.f.cur !== c) return;
    if (c.cancelWanted) return this.cancel(c);
    c.phase = 'waiting';
    e.state = 'paying';
    e.journal();
    e.publish();
    // The first look after two intervals: nobody opens the app and pays within a second of the QR,
    // and it keeps the create and the loyalty call in a second of their own (≤ 2 requests/s).
    this.schedulePoll(c, c.kind === 'terminal' ? Math.min(this.f.opts.pollMs, 100) : 2 * this.f.opts.pollMs);
  }

  schedulePoll(c: Live, ms: number): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(c).catch((err) => this.f.fail(c, err)), ms);
    this.pollTimer.unref?.();
  }

  async poll(c: Live): Promise<void> {
    if (this.f.cur !== c || (c.phase !== 'waiting' && c.phase !== 'collecting')) return;
    const collecting = c.phase === 'collecting';
    let s: ProviderStatus;
    try {
      s = collecting ? await this.f.providers.terminal.status(c.mid, c.mid) : await this.f.providers[c.kind].status(c.ref!, c.mid);
    } catch (err) {
      this.f.log.warn('status poll failed', { merchantOrderId: c.mid, error: err as Error });
      if (this.f.engine.deps.clock.now() >= c.deadline) return this.timeout(c);
      return this.schedulePoll(c, this.f.opts.pollMs);
    }
    if (this.f.cur !== c || c.phase !== (collecting ? 'collecting' : 'waiting')) return;
    await this.onStatus(c, s, collecting);
  }

  async onStatus(c: Live, s: ProviderStatus, collecting: boolean): Promise<void> {
    const e = this.f.engine;
    const now = e.deps.clock.now();
    if (s.kind === 'closed') return this.f.finished(c, recordProviderClosed(this.f.journal.get(c.mid)!, s, this.f.deps));
    if (s.kind === 'declined') {
      if (collecting) {
        // The card was declined at the terminal in scenario 2: the SWiP order is cancelled.
        c.cancelWanted = 'customer';
        await this.cancel(c);
        return this.f.failWith(c, 'terminal-declined', s.reason);
      }
      this.f.journal.step(c.mid, 'declined', now, {}, { reason: s.reason });
      return this.f.failWith(c, 'terminal-declined', s.reason);
    }
    if (s.kind === 'paid') {
      if (collecting) {
        this.f.journal.step(c.mid, 'paid', now, { paidCents: s.amountCents, details: { terminal: { authCode: s.details.authCode ?? null, maskedPan: s.details.maskedPan ?? null }, payment: { method: 'CARD', maskedPan: s.details.maskedPan ?? null, authCode: s.details.authCode ?? null } } });
        return this.close(c, s.amountCents, s.amountCents !== this.f.journal.get(c.mid)!.totalCents);
      }
      this.amounts(c, s.amountDueCents);
      this.f.journal.step(c.mid, 'paid', now, { paidCents: s.amountCents, totalCents: s.amountDueCents, details: { ...amountDetails(c.adjustments), payment: s.details } });
      return this.close(c, s.amountCents, false);
    }
    if (s.kind === 'alternative') {
      this.amounts(c, s.amountDueCents);
      return this.collect(c, s.amountDueCents);
    }
    if (c.checking !== !!s.checking) {
      c.checking = !!s.checking;
      e.publish();
    }
    if (!collecting) {
      this.amounts(c, s.amountDueCents);
      if (c.declined !== s.declined) {
        c.declined = s.declined;
        if (s.declined) this.f.log.info('payment declined in the app', { merchantOrderId: c.mid });
      }
      e.publish();
    }
    if (now >= c.deadline) return this.timeout(c);
    this.schedulePoll(c, this.f.opts.pollMs);
  }

  /** The provider's amount is the truth; any difference to the basket becomes a named line. */
  amounts(c: Live, dueCents: number): void {
    c.amountDueCents = dueCents;
    c.adjustments = withProviderDiscount(c.basketTotalCents, c.started, dueCents, this.f.opts.providerDiscountLabel(c.kind, this.f.engine.lang));
    const rec = this.f.journal.get(c.mid)!;
    if (rec.totalCents !== dueCents) this.f.journal.step(c.mid, rec.step, this.f.engine.deps.clock.now(), { totalCents: dueCents, details: amountDetails(c.adjustments) }, { amountDueCents: dueCents });
  }

  /** SWiP scenario 2: the customer chose the terminal in the app. Collect SWiP's total there. */
  async collect(c: Live, dueCents: number): Promise<void> {
    const e = this.f.engine;
    if (!this.f.providers.terminal.available) {
      // No terminal in this store: the customer pays at the staffed till; staff close the order.
      c.phase = 'needs-attention';
      c.attention = 'pay-at-till';
      attention(this.f.journal.get(c.mid)!, this.f.deps, 'pay-at-till', { description: 'the customer chose to pay at the terminal; this kiosk has none' });
      e.assistanceRequested = true;
      e.state = 'finishing';
      return void e.publish();
    }
    const t = await this.f.providers.terminal.start({ paymentId: c.mid, basketTotalCents: dueCents, purchases: [], saleDate: e.deps.clock.now() });
    c.adjustments = [...c.adjustments, ...t.adjustments];
    c.amountDueCents = t.amountDueCents;
    this.f.journal.step(c.mid, 'collecting', e.deps.clock.now(), { details: { ...amountDetails(c.adjustments), collect: { amountCents: t.amountDueCents } } });
    c.phase = 'collecting';
    e.publish();
    this.schedulePoll(c, Math.min(this.f.opts.pollMs, 100));
  }

  timeout(c: Live): void {
    if (c.cancelWanted) return;
    c.cancelWanted = 'timeout';
    void this.cancel(c).catch((err) => this.f.fail(c, err));
  }

  async close(c: Live, amountCents: number, rounded: boolean): Promise<void> {
    const e = this.f.engine;
    c.phase = 'closing';
    e.state = 'finishing';
    e.publish();
    const until = e.deps.clock.now() + this.f.opts.closeRetryMs;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const rec = this.f.journal.get(c.mid)!;
        const outcome = rec.step === 'close-requested' && attempt > 1 ? await this.settleAgain(rec) : await closeOrder(rec, amountCents, rounded, this.f.deps);
        return this.f.finished(c, outcome);
      } catch (err) {
        this.f.log.warn('close failed; retrying', { merchantOrderId: c.mid, attempt, error: err as Error });
        if (e.deps.clock.now() > until || Date.now() - started > this.f.opts.closeRetryMs) {
          // Outcome unknown: staff are called; the background reconciler keeps trying.
          c.phase = 'needs-attention';
          c.attention = 'close-unknown';
          e.assistanceRequested = true;
          this.f.reconciler.start((mid) => mid !== c.mid && mid === this.f.cur?.mid);
          return void e.publish();
        }
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2000)));
      }
    }
  }

  async settleAgain(rec: PaymentRecord): Promise<Outcome> {
    const s = await this.f.providers[rec.method].status(rec.providerRef!, rec.merchantOrderId);
    if (s.kind === 'closed') return recordProviderClosed(rec, s, this.f.deps);
    return closeOrder(rec, rec.closeAmountCents ?? rec.paidCents, rec.rounded, this.f.deps);
  }

  async cancel(c: Live): Promise<void> {
    if (c.phase === 'cancelling' || c.phase === 'closing') return;
    const wasCollecting = c.phase === 'collecting';
    c.phase = 'cancelling';
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.f.engine.publish();
    if (wasCollecting || c.kind === 'terminal') {
      // Abort at the terminal first, then look: a card that went through as the customer
      // cancelled is taken (and closed), not cancelled away.
      await this.f.providers.terminal.cancel(c.mid, c.mid);
      const t = await this.f.providers.terminal.status(c.mid, c.mid);
      if (t.kind === 'paid') {
        c.phase = wasCollecting ? 'collecting' : 'waiting';
        return this.onStatus(c, t, wasCollecting);
      }
    }
    const rec = this.f.journal.get(c.mid)!;
    if (rec.step === 'created' && c.ref) {
      // One last look: a customer who paid at the last second gets the goods, not a refund.
      try {
        const s = await this.f.providers[c.kind].status(c.ref, c.mid);
        if (s.kind === 'paid' || s.kind === 'closed') {
          c.phase = 'waiting';
          return this.onStatus(c, s, false);
        }
      } catch (err) {
        this.f.log.warn('last status check before cancel failed', { merchantOrderId: c.mid, error: err as Error });
      }
    }
    let outcome: Outcome = 'cancelled';
    try {
      outcome = await cancelOrder(this.f.journal.get(c.mid)!, this.f.deps, c.cancelWanted ?? 'customer');
    } catch (err) {
      this.f.log.warn('cancel failed; the reconciler will retry', { merchantOrderId: c.mid, error: err as Error });
      this.f.reconciler.start((mid) => mid === this.f.cur?.mid && mid !== c.mid);
    }
    if (outcome === 'needs-attention') return this.f.finished(c, outcome);
    if (c.then) {
      const next = c.then;
      this.f.cur = null;
      this.f.engine.state = 'shopping';
      return this.f.pay(next);
    }
    this.f.backToBasket(c, c.cancelWanted === 'timeout' ? 'payment-timeout' : 'payment-cancelled');
  }

}
