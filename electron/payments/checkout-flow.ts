/**
 * PaymentFlow (an engine feature): the customer's side of paying, for any provider. It talks
 * only to the payment-provider port and moves one journaled payment through the state machine
 * (payments/state.ts): requested → creating → created → [collecting] → paid → close-requested →
 * closed, or cancel / decline / expiry / needs-attention. "Thank you" follows only a confirmed
 * close; a definitive refusal puts the payment in front of staff.
 */
import { randomUUID } from 'node:crypto';
import type { Lang } from '../checkout/lang';
import { basketTotals } from '../checkout/totals';
import { IntentRefused, type EngineFeature, type KioskEngine } from '../engine/engine';
import type { KioskView } from '../ipc/view';
import type { PaymentJournal, PaymentRecord } from '../journal/payments';
import type { Log } from '../log';
import { isProviderRefused, type Adjustment, type ProviderKind, type ProviderStatus } from './port';
import type { Providers } from './providers';
import { Reconciler } from './reconcile';
import { amountDetails, attention, cancelOrder, closeOrder, recordProviderClosed, type AttentionReason, type Outcome, type SettleDeps } from './settle';
import { toPurchases, withProviderDiscount } from './amounts';
import { paymentView } from './payment-view';

export interface PaymentFlowOptions {
  /** How long the kiosk waits for the customer (ms, default 90 000), counted from before the create request. */
  paymentTimeoutMs: number;
  /** The kiosk cancels this long before the provider's own expiry, so the two never race (ms). */
  cancelMarginMs: number;
  /** Poll interval for the provider's status (ms). */
  pollMs: number;
  /** How long a close with unknown outcome is retried in front of the customer before staff are called (ms). */
  closeRetryMs: number;
  /** Customer message for an error (translated, with a way forward). */
  customerMessage: (err: unknown, lang: Lang) => string;
  /** Name of a discount the provider applied on its own (SWiP personal loyalty), per language. */
  providerDiscountLabel: (kind: ProviderKind, lang: Lang) => string;
}

export interface Live {
  mid: string;
  kind: ProviderKind;
  phase: 'starting' | 'waiting' | 'collecting' | 'closing' | 'cancelling' | 'failed' | 'needs-attention';
  ref: string | null;
  qrText: string | null;
  deadline: number;
  basketTotalCents: number;
  /** What the provider named when the payment was created (anonymous loyalty, rounding). */
  started: Adjustment[];
  adjustments: Adjustment[];
  amountDueCents: number;
  declined: string | null;
  /** The terminal's answer was lost or late: the kiosk is asking it what happened. */
  checking?: boolean;
  error: { code: string; message: string } | null;
  cancelWanted: 'customer' | 'timeout' | 'other-method' | null;
  attention: AttentionReason | 'close-unknown' | null;
  /** Set after "pay another way": the method to start once the cancel landed. */
  then: ProviderKind | null;
}

export class PaymentFlow implements EngineFeature {
  readonly name = 'payments';
  cur: Live | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  readonly reconciler: Reconciler;
  readonly deps: SettleDeps;
  /** Checks that may refuse payment (age approval, purchase checks). */
  readonly guards: Array<() => void> = [];
  /** Called once per payment that reached closed (receipt printing). */
  readonly onClosed: Array<(rec: PaymentRecord) => void> = [];

  readonly handlers = {
    'checkout/pay': (p: { method: ProviderKind }) => this.pay(p.method),
    'checkout/cancelPayment': () => this.requestCancel('customer'),
    'checkout/back': () => this.back(),
    'checkout/finish': () => this.finish(),
  };

  constructor(
    readonly engine: KioskEngine,
    readonly providers: Providers,
    readonly journal: PaymentJournal,
    readonly log: Log,
    readonly opts: PaymentFlowOptions,
  ) {
    this.deps = { providers, journal, clock: engine.deps.clock, log };
    this.reconciler = new Reconciler(this.deps, (rec, outcome) => this.afterSettled(rec, outcome), (pending) => {
      engine.recovering = pending > 0;
      engine.publish();
    });
  }

  /** Start-up: finish a restored session that was paid; re-queue receipts; settle what the journal left open. */
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
    if (this.journal.needingAttention().length) e.assistanceRequested = true;
    if (this.journal.unfinished().length === 0) return;
    e.recovering = true;
    this.reconciler.start((mid) => mid === this.cur?.mid);
  }

  stop(): void {
    this.reconciler.stop();
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }

  get busy(): boolean {
    return this.cur !== null && this.cur.phase !== 'failed';
  }

  // ---- customer intents ------------------------------------------------------------------

  pay(kind: ProviderKind): void {
    const e = this.engine;
    const c = this.cur;
    if (c && c.kind === 'swip' && kind !== 'swip' && c.phase === 'waiting' && c.declined) {
      // "Pay another way" after a decline in the app: cancel the SWiP order first, then start.
      c.then = kind;
      return this.requestCancel('other-method');
    }
    if (c && c.phase !== 'failed') throw new IntentRefused('payment-in-progress', 'a payment is already in progress');
    if (e.state !== 'shopping' && !(e.state === 'checkout' && c?.phase === 'failed')) throw new IntentRefused('not-shopping', 'nothing to pay now');
    if (e.basket.lines.length === 0) throw new IntentRefused('basket-empty', 'the basket is empty');
    for (const g of this.guards) g();
    if (!this.providers[kind].available) throw new IntentRefused('terminal-unavailable', 'this way of paying is not available here');
    if (e.state === 'shopping') e.state = 'checkout';
    const total = basketTotals(e.basket).totalCents;
    this.cur = { mid: randomUUID(), kind, phase: 'starting', ref: null, qrText: null, deadline: 0, basketTotalCents: total, started: [], adjustments: [], amountDueCents: total, declined: null, error: null, cancelWanted: null, attention: null, then: null };
    e.journal();
    const live = this.cur;
    void this.start(live).catch((err) => this.fail(live, err));
  }

  requestCancel(why: 'customer' | 'timeout' | 'other-method'): void {
    const c = this.cur;
    if (!c) throw new IntentRefused('no-payment', 'no payment to cancel');
    if (c.phase === 'failed') return this.back();
    if (c.phase !== 'starting' && c.phase !== 'waiting' && c.phase !== 'collecting') throw new IntentRefused('payment-finishing', 'the payment is already being completed');
    c.cancelWanted = why;
    if (c.phase !== 'starting') void this.cancel(c).catch((err) => this.fail(c, err));
    // While starting, start() sees cancelWanted as soon as the provider answered.
  }

  back(): void {
    const e = this.engine;
    if (e.state !== 'checkout' || (this.cur && this.cur.phase !== 'failed')) throw new IntentRefused('not-now', 'cannot go back now');
    this.cur = null;
    e.state = 'shopping';
    e.journal();
  }

  finish(): void {
    if (this.engine.state !== 'done') throw new IntentRefused('not-done', 'nothing to finish');
    this.engine.endSession('finished');
  }

  // ---- the live payment ------------------------------------------------------------------

  private async start(c: Live): Promise<void> {
    const e = this.engine;
    const clock = e.deps.clock;
    this.journal.begin({
      merchantOrderId: c.mid, sessionId: e.sessionId, method: c.kind, step: 'requested', providerRef: null, sessionCode: null,
      totalCents: c.basketTotalCents, totalOriginalCents: c.basketTotalCents, paidCents: 0, closeAmountCents: null, rounded: false,
      refundedCents: 0, orderNumber: null, details: { lang: e.lang, basket: e.basket }, createdAt: clock.now(),
    });
    // The provider's clock starts when it receives the request: count from before sending it.
    const sentAt = clock.now();
    this.journal.step(c.mid, 'creating', sentAt, { details: { sentAt } });
    e.publish();
    const provider = this.providers[c.kind];
    let s;
    try {
      s = await provider.start({ paymentId: c.mid, basketTotalCents: c.basketTotalCents, purchases: toPurchases(e.basket, e.lang), saleDate: sentAt });
    } catch (err) {
      // Without a reference nothing can be paid; a SWiP order whose answer was lost expires by itself.
      this.journal.step(c.mid, 'abandoned', clock.now(), {}, { reason: isProviderRefused(err) ? 'create refused' : 'create failed', error: String((err as Error).message) });
      throw err;
    }
    const limit = s.expiresAfterMs === null ? this.opts.paymentTimeoutMs : Math.min(this.opts.paymentTimeoutMs, s.expiresAfterMs - this.opts.cancelMarginMs);
    c.deadline = sentAt + limit;
    c.ref = s.ref;
    c.qrText = s.qrText;
    c.started = s.adjustments;
    c.adjustments = s.adjustments;
    c.amountDueCents = s.amountDueCents;
    this.journal.step(c.mid, 'created', clock.now(), { providerRef: s.ref, sessionCode: s.qrText, totalCents: s.amountDueCents, details: { ...amountDetails(s.adjustments), deadline: c.deadline } });
    if (this.cur !== c) return;
    if (c.cancelWanted) return this.cancel(c);
    c.phase = 'waiting';
    e.state = 'paying';
    e.journal();
    e.publish();
    // The first look after two intervals: nobody opens the app and pays within a second of the QR,
    // and it keeps the create and the loyalty call in a second of their own (≤ 2 requests/s).
    this.schedulePoll(c, c.kind === 'terminal' ? Math.min(this.opts.pollMs, 100) : 2 * this.opts.pollMs);
  }

  private schedulePoll(c: Live, ms: number): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(c).catch((err) => this.fail(c, err)), ms);
    this.pollTimer.unref?.();
  }

  private async poll(c: Live): Promise<void> {
    if (this.cur !== c || (c.phase !== 'waiting' && c.phase !== 'collecting')) return;
    const collecting = c.phase === 'collecting';
    let s: ProviderStatus;
    try {
      s = collecting ? await this.providers.terminal.status(c.mid, c.mid) : await this.providers[c.kind].status(c.ref!, c.mid);
    } catch (err) {
      this.log.warn('status poll failed', { merchantOrderId: c.mid, error: err as Error });
      if (this.engine.deps.clock.now() >= c.deadline) return this.timeout(c);
      return this.schedulePoll(c, this.opts.pollMs);
    }
    if (this.cur !== c || c.phase !== (collecting ? 'collecting' : 'waiting')) return;
    await this.onStatus(c, s, collecting);
  }

  private async onStatus(c: Live, s: ProviderStatus, collecting: boolean): Promise<void> {
    const e = this.engine;
    const now = e.deps.clock.now();
    if (s.kind === 'closed') return this.finished(c, recordProviderClosed(this.journal.get(c.mid)!, s, this.deps));
    if (s.kind === 'declined') {
      if (collecting) {
        // The card was declined at the terminal in scenario 2: the SWiP order is cancelled.
        c.cancelWanted = 'customer';
        await this.cancel(c);
        return this.failWith(c, 'terminal-declined', s.reason);
      }
      this.journal.step(c.mid, 'declined', now, {}, { reason: s.reason });
      return this.failWith(c, 'terminal-declined', s.reason);
    }
    if (s.kind === 'paid') {
      if (collecting) {
        this.journal.step(c.mid, 'paid', now, { paidCents: s.amountCents, details: { terminal: { authCode: s.details.authCode ?? null, maskedPan: s.details.maskedPan ?? null }, payment: { method: 'CARD', maskedPan: s.details.maskedPan ?? null, authCode: s.details.authCode ?? null } } });
        return this.close(c, s.amountCents, s.amountCents !== this.journal.get(c.mid)!.totalCents);
      }
      this.amounts(c, s.amountDueCents);
      this.journal.step(c.mid, 'paid', now, { paidCents: s.amountCents, totalCents: s.amountDueCents, details: { ...amountDetails(c.adjustments), payment: s.details } });
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
        if (s.declined) this.log.info('payment declined in the app', { merchantOrderId: c.mid });
      }
      e.publish();
    }
    if (now >= c.deadline) return this.timeout(c);
    this.schedulePoll(c, this.opts.pollMs);
  }

  /** The provider's amount is the truth; any difference to the basket becomes a named line. */
  private amounts(c: Live, dueCents: number): void {
    c.amountDueCents = dueCents;
    c.adjustments = withProviderDiscount(c.basketTotalCents, c.started, dueCents, this.opts.providerDiscountLabel(c.kind, this.engine.lang));
    const rec = this.journal.get(c.mid)!;
    if (rec.totalCents !== dueCents) this.journal.step(c.mid, rec.step, this.engine.deps.clock.now(), { totalCents: dueCents, details: amountDetails(c.adjustments) }, { amountDueCents: dueCents });
  }

  /** SWiP scenario 2: the customer chose the terminal in the app. Collect SWiP's total there. */
  private async collect(c: Live, dueCents: number): Promise<void> {
    const e = this.engine;
    if (!this.providers.terminal.available) {
      // No terminal in this store: the customer pays at the staffed till; staff close the order.
      c.phase = 'needs-attention';
      c.attention = 'pay-at-till';
      attention(this.journal.get(c.mid)!, this.deps, 'pay-at-till', { description: 'the customer chose to pay at the terminal; this kiosk has none' });
      e.assistanceRequested = true;
      e.state = 'finishing';
      return void e.publish();
    }
    const t = await this.providers.terminal.start({ paymentId: c.mid, basketTotalCents: dueCents, purchases: [], saleDate: e.deps.clock.now() });
    c.adjustments = [...c.adjustments, ...t.adjustments];
    c.amountDueCents = t.amountDueCents;
    this.journal.step(c.mid, 'collecting', e.deps.clock.now(), { details: { ...amountDetails(c.adjustments), collect: { amountCents: t.amountDueCents } } });
    c.phase = 'collecting';
    e.publish();
    this.schedulePoll(c, Math.min(this.opts.pollMs, 100));
  }

  /** The timeout is checked on every engine tick too, so a stuck poll cannot keep the QR up. */
  tick(now: number): void {
    const c = this.cur;
    if (c && (c.phase === 'waiting' || c.phase === 'collecting') && now >= c.deadline && !c.cancelWanted) this.timeout(c);
  }

  private timeout(c: Live): void {
    if (c.cancelWanted) return;
    c.cancelWanted = 'timeout';
    void this.cancel(c).catch((err) => this.fail(c, err));
  }

  private async close(c: Live, amountCents: number, rounded: boolean): Promise<void> {
    const e = this.engine;
    c.phase = 'closing';
    e.state = 'finishing';
    e.publish();
    const until = e.deps.clock.now() + this.opts.closeRetryMs;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const rec = this.journal.get(c.mid)!;
        const outcome = rec.step === 'close-requested' && attempt > 1 ? await this.settleAgain(rec) : await closeOrder(rec, amountCents, rounded, this.deps);
        return this.finished(c, outcome);
      } catch (err) {
        this.log.warn('close failed; retrying', { merchantOrderId: c.mid, attempt, error: err as Error });
        if (e.deps.clock.now() > until || Date.now() - started > this.opts.closeRetryMs) {
          // Outcome unknown: staff are called; the background reconciler keeps trying.
          c.phase = 'needs-attention';
          c.attention = 'close-unknown';
          e.assistanceRequested = true;
          this.reconciler.start((mid) => mid !== c.mid && mid === this.cur?.mid);
          return void e.publish();
        }
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2000)));
      }
    }
  }

  private async settleAgain(rec: PaymentRecord): Promise<Outcome> {
    const s = await this.providers[rec.method].status(rec.providerRef!, rec.merchantOrderId);
    if (s.kind === 'closed') return recordProviderClosed(rec, s, this.deps);
    return closeOrder(rec, rec.closeAmountCents ?? rec.paidCents, rec.rounded, this.deps);
  }

  private async cancel(c: Live): Promise<void> {
    if (c.phase === 'cancelling' || c.phase === 'closing') return;
    const wasCollecting = c.phase === 'collecting';
    c.phase = 'cancelling';
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.engine.publish();
    if (wasCollecting) {
      await this.providers.terminal.cancel(c.mid, c.mid);
      const t = await this.providers.terminal.status(c.mid, c.mid);
      if (t.kind === 'paid') {
        // The card went through as the customer cancelled: take it, not refund it.
        c.phase = 'collecting';
        return this.onStatus(c, t, true);
      }
    }
    const rec = this.journal.get(c.mid)!;
    if (rec.step === 'created' && c.ref) {
      // One last look: a customer who paid at the last second gets the goods, not a refund.
      try {
        const s = await this.providers[c.kind].status(c.ref, c.mid);
        if (s.kind === 'paid' || s.kind === 'closed') {
          c.phase = 'waiting';
          return this.onStatus(c, s, false);
        }
      } catch (err) {
        this.log.warn('last status check before cancel failed', { merchantOrderId: c.mid, error: err as Error });
      }
    }
    let outcome: Outcome = 'cancelled';
    try {
      outcome = await cancelOrder(this.journal.get(c.mid)!, this.deps, c.cancelWanted ?? 'customer');
    } catch (err) {
      this.log.warn('cancel failed; the reconciler will retry', { merchantOrderId: c.mid, error: err as Error });
      this.reconciler.start((mid) => mid === this.cur?.mid && mid !== c.mid);
    }
    if (outcome === 'needs-attention') return this.finished(c, outcome);
    if (c.then) {
      const next = c.then;
      this.cur = null;
      this.engine.state = 'shopping';
      return this.pay(next);
    }
    this.backToBasket(c, c.cancelWanted === 'timeout' ? 'payment-timeout' : 'payment-cancelled');
  }

  /** A payment reached a final state (or needs staff) while the customer is at the kiosk. */
  finished(c: Live, outcome: Outcome): void {
    if (this.cur !== c) return;
    const e = this.engine;
    const rec = this.journal.get(c.mid)!;
    if (outcome === 'closed') {
      this.cur = null;
      for (const f of this.onClosed) f(rec);
      e.state = 'done';
      e.assistanceRequested = false;
      e.activity();
      e.deps.sessions.end(e.sessionId ?? '', 'paid', e.deps.clock.now());
      return void e.publish();
    }
    if (outcome === 'needs-attention') {
      c.phase = 'needs-attention';
      c.attention = ((rec.details as { attention?: { reason?: AttentionReason } }).attention?.reason) ?? 'close-refused';
      e.state = 'finishing';
      e.assistanceRequested = true;
      return void e.publish();
    }
    this.backToBasket(c, outcome === 'expired' ? 'payment-timeout' : 'payment-cancelled');
  }

  private backToBasket(c: Live, notice: 'payment-cancelled' | 'payment-timeout'): void {
    if (this.cur !== c) return;
    const e = this.engine;
    this.cur = null;
    if (e.state !== 'attract' && e.state !== 'done') e.state = 'shopping';
    e.setNotice(notice, 'info');
    e.activity();
    e.journal();
    e.publish();
  }

  private failWith(c: Live, code: string, reason: string): void {
    if (this.cur !== c) return;
    c.phase = 'failed';
    c.error = { code, message: this.opts.customerMessage({ kind: 'TerminalDeclined', reason }, this.engine.lang) };
    this.engine.state = 'checkout';
    this.engine.publish();
  }

  fail(c: Live | null, err: unknown): void {
    if (!c || this.cur !== c) return;
    this.log.warn('payment failed', { merchantOrderId: c.mid, phase: c.phase, error: err as Error });
    c.phase = 'failed';
    c.error = { code: (err as { code?: unknown }).code !== undefined ? String((err as { code?: unknown }).code) : 'payment-error', message: this.opts.customerMessage(err, this.engine.lang) };
    if (this.engine.state === 'paying') this.engine.state = 'checkout';
    this.engine.publish();
  }

  /** The background reconciler finished a payment: print, and move a waiting customer on. */
  afterSettled(rec: PaymentRecord, outcome: Outcome): void {
    const e = this.engine;
    if (outcome === 'closed') for (const f of this.onClosed) f(rec);
    const c = this.cur;
    if (c && c.mid === rec.merchantOrderId && c.phase === 'needs-attention' && outcome === 'closed') {
      this.cur = null;
      e.state = 'done';
      e.assistanceRequested = false;
      e.activity();
      e.deps.sessions.end(rec.sessionId ?? '', 'paid', e.deps.clock.now());
    } else if (rec.sessionId && rec.sessionId === e.sessionId && !c) {
      if (outcome === 'closed' && e.state !== 'done' && e.state !== 'attract') {
        e.state = 'done';
        e.activity();
        e.deps.sessions.end(rec.sessionId, 'paid', e.deps.clock.now());
      } else if (outcome !== 'closed' && e.state === 'shopping') {
        e.setNotice('payment-cancelled', 'info');
      }
    }
    if (outcome === 'needs-attention') e.assistanceRequested = true;
    e.publish();
  }

  // ---- view ------------------------------------------------------------------------------

  view(v: KioskView): void {
    if (this.cur) paymentView(v, this.cur, this.engine, this.opts.customerMessage);
  }

  onSessionEnd(): void {
    const c = this.cur;
    if (!c) return;
    // A supervisor ended the session while a payment was open: cancel it.
    if (c.phase === 'waiting' || c.phase === 'collecting') {
      c.cancelWanted = 'customer';
      void this.cancel(c).catch((err) => this.log.warn('cancel on session end failed', { error: err as Error }));
    }
    this.cur = null;
  }
}
