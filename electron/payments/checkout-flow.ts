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
import type { Adjustment, ProviderKind } from './port';
import type { Providers } from './providers';
import { LiveDriver } from './live-payment';
import { Reconciler } from './reconcile';
import type { AttentionReason, Outcome, SettleDeps } from './settle';
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
  /** The local terminal simulator's customer page (demo, "sandboxes": true); null with a real terminal. */
  terminalPage?: string | null;
  /** The session's short order number (journal/order-numbers.ts); absent in bare test set-ups. */
  orderNo?: (sessionId: string | null, at: number) => string;
}

export interface Live {
  mid: string;
  /** The customer's order number (`K01-0427`), once allocated. */
  orderNo?: string | null;
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
  /** InPost Pay: who bound the basket in the app (masked phone and first name). */
  customer?: { name: string | null; maskedPhone: string | null };
}

export class PaymentFlow implements EngineFeature {
  readonly name = 'payments';
  cur: Live | null = null;
  readonly driver = new LiveDriver(this);
  readonly reconciler: Reconciler;
  readonly deps: SettleDeps;
  /** Checks that may refuse payment (age approval, purchase checks). */
  readonly guards: Array<() => void> = [];
  /** A Pay stopped by a staff check, to continue once the check is passed (see resumeAfterCheck). */
  resume: { kind: ProviderKind; sessionId: string | null } | null = null;
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
    this.driver.stopPolling();
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
    try {
      for (const g of this.guards) g();
    } catch (err) {
      // A staff check stopped Pay: once it is passed the customer goes on to this way of paying.
      if (err instanceof IntentRefused && err.code === 'locked') this.resume = { kind, sessionId: e.sessionId };
      throw err;
    }
    this.resume = null;
    if (!this.providers[kind].available) throw new IntentRefused('terminal-unavailable', 'this way of paying is not available here');
    if (e.state === 'shopping') e.state = 'checkout';
    const total = basketTotals(e.basket).totalCents;
    this.cur = { mid: randomUUID(), kind, phase: 'starting', ref: null, qrText: null, deadline: 0, basketTotalCents: total, started: [], adjustments: [], amountDueCents: total, declined: null, error: null, cancelWanted: null, attention: null, then: null };
    e.journal();
    const live = this.cur;
    void this.driver.start(live).catch((err) => this.fail(live, err));
  }

  /**
   * Staff passed the check that stopped Pay (and signed out): the same customer goes straight on
   * to paying the way they chose, told "Thank you — you can pay now". Nothing happens if the
   * session changed or Pay would still be refused (then the refusal's lock shows instead).
   */
  resumeAfterCheck(): boolean {
    const r = this.resume;
    this.resume = null;
    const e = this.engine;
    if (!r || r.sessionId !== e.sessionId || e.state !== 'shopping' || this.cur) return false;
    try {
      this.pay(r.kind);
    } catch (err) {
      this.log.info('payment not resumed after the check', { reason: (err as Error).message });
      return false;
    }
    e.setNotice('pay-now', 'success');
    return true;
  }

  requestCancel(why: 'customer' | 'timeout' | 'other-method'): void {
    const c = this.cur;
    if (!c) throw new IntentRefused('no-payment', 'no payment to cancel');
    if (c.phase === 'failed') return this.back();
    if (c.phase !== 'starting' && c.phase !== 'waiting' && c.phase !== 'collecting') throw new IntentRefused('payment-finishing', 'the payment is already being completed');
    c.cancelWanted = why;
    if (c.phase !== 'starting') void this.driver.cancel(c).catch((err) => this.fail(c, err));
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

  // ---- the live payment (payments/live-payment.ts drives it) -------------------------------

  /** The timeout is checked on every engine tick too, so a stuck poll cannot keep the QR up. */
  tick(now: number): void {
    const c = this.cur;
    if (c && (c.phase === 'waiting' || c.phase === 'collecting') && now >= c.deadline && !c.cancelWanted) this.driver.timeout(c);
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

  backToBasket(c: Live, notice: 'payment-cancelled' | 'payment-timeout'): void {
    if (this.cur !== c) return;
    const e = this.engine;
    this.cur = null;
    if (e.state !== 'attract' && e.state !== 'done') e.state = 'shopping';
    e.setNotice(notice, 'info');
    e.activity();
    e.journal();
    e.publish();
  }

  failWith(c: Live, code: string, reason: string): void {
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
    if (this.providers.inpost.available) v.store.inpostPay = true;
    if (this.cur) paymentView(v, this.cur, this.engine, this.opts.customerMessage, this.opts.terminalPage ?? null);
  }

  onSessionEnd(): void {
    const c = this.cur;
    if (!c) return;
    // A supervisor ended the session while a payment was open: cancel it.
    if (c.phase === 'waiting' || c.phase === 'collecting') {
      c.cancelWanted = 'customer';
      void this.driver.cancel(c).catch((err) => this.log.warn('cancel on session end failed', { error: err as Error }));
    }
    this.cur = null;
  }
}
