/**
 * Refunds and reverses, journaled before the call: requested (amount, refund id) → succeeded /
 * refused; an answer that never came stays `requested` and is reconciled from the provider's own
 * refunded total (SWiP's `refunded`) at start-up. One in flight per order (a database rule);
 * never above what was captured; the amount recorded is the provider's.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../engine/clock';
import { IntentRefused } from '../engine/engine';
import type { PaymentJournal, PaymentRecord } from '../journal/payments';
import { RefundInFlight, type RefundJournal, type RefundRecord } from '../journal/refunds';
import type { Log } from '../log';
import type { MoneyBackResult } from './port';
import type { Providers } from './providers';

export interface MoneyBackRequest {
  merchantOrderId: string;
  kind: 'refund' | 'reverse';
  /** Cents; a reverse without an amount sends what is left. */
  amountCents?: number;
  reason: string;
  supervisorBadge: string;
}

export interface MoneyBackOutcome {
  refund: RefundRecord;
  /** The provider refused a reverse because the money was already captured (SWiP code 27): offer a refund. */
  offerRefund: boolean;
}

/** SWiP: "REVERSE UNAVAILABLE" — the payment is captured; only a refund can return it now. */
const REVERSE_UNAVAILABLE = 27;

export class RefundDesk {
  /** Called with every refund decided at start-up (the live outcomes are audited by supervision). */
  readonly onReconciled: Array<(r: RefundRecord, order: PaymentRecord) => void> = [];
  /** Called with a refund slip to print (SWiP's slip text). */
  readonly onSlip: Array<(r: RefundRecord, order: PaymentRecord) => void> = [];

  constructor(
    private readonly providers: Providers,
    private readonly payments: PaymentJournal,
    private readonly refunds: RefundJournal,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  /** Captured cents minus everything returned (and anything in flight). */
  refundable(rec: PaymentRecord): number {
    const inFlight = this.refunds.forOrder(rec.merchantOrderId).filter((r) => r.state === 'requested').reduce((s, r) => s + r.amountCents, 0);
    return Math.max(0, (rec.closeAmountCents ?? 0) - rec.refundedCents - inFlight);
  }

  async request(q: MoneyBackRequest): Promise<MoneyBackOutcome> {
    const rec = this.payments.get(q.merchantOrderId);
    if (!rec || rec.step !== 'closed' || !rec.providerRef || (rec.closeAmountCents ?? 0) <= 0) throw new IntentRefused('not-refundable', 'only a paid, closed order can be refunded');
    const provider = this.providers[rec.method];
    if (q.kind === 'reverse' && !provider.reverse) throw new IntentRefused('not-reversible', 'this payment cannot be reversed; refund it instead');
    const left = this.refundable(rec);
    const amount = q.amountCents ?? left;
    if (amount <= 0 || amount > left) throw new IntentRefused('refund-too-large', `at most ${left} cents can still be returned`);
    const refundId = randomUUID();
    try {
      this.refunds.request({ refundId, merchantOrderId: rec.merchantOrderId, kind: q.kind, amountCents: amount, reason: q.reason, supervisorBadge: q.supervisorBadge, createdAt: this.clock.now() });
    } catch (e) {
      if (e instanceof RefundInFlight) throw new IntentRefused('refund-in-flight', 'a refund of this order is already in progress');
      throw e;
    }
    let r: MoneyBackResult;
    try {
      const call = { ref: rec.providerRef, paymentId: rec.merchantOrderId, amountCents: amount, refundId };
      r = q.kind === 'reverse' ? await provider.reverse!(call) : await provider.refund(call);
    } catch (e) {
      // Unknown outcome: the refund stays requested; reconcile() asks the provider later.
      this.log.warn('refund outcome unknown; will reconcile', { merchantOrderId: rec.merchantOrderId, refundId, error: e as Error });
      throw new IntentRefused('refund-unknown', 'the provider did not answer; the refund will be checked automatically');
    }
    return this.record(rec, refundId, r);
  }

  private async record(rec: PaymentRecord, refundId: string, r: MoneyBackResult): Promise<MoneyBackOutcome> {
    const now = this.clock.now();
    const asked = this.refunds.get(refundId)!;
    if (r.outcome === 'refused') {
      this.refunds.resolve(refundId, 'refused', now, { code: r.code, description: r.description });
      const done = this.refunds.get(refundId)!;
      return { refund: done, offerRefund: asked.kind === 'reverse' && r.code === REVERSE_UNAVAILABLE };
    }
    // The amount is the provider's: its refunded total minus what we had recorded before.
    const total = await this.providerTotal(rec);
    const amount = total === null ? asked.amountCents : Math.max(0, Math.min(asked.amountCents, total - this.refunds.succeededCents(rec.merchantOrderId)));
    this.refunds.resolve(refundId, 'succeeded', now, { slip: r.slip, amountCents: amount });
    this.payments.step(rec.merchantOrderId, 'closed', now, { refundedCents: rec.refundedCents + amount }, { refundId, kind: asked.kind, amountCents: amount });
    const done = this.refunds.get(refundId)!;
    const order = this.payments.get(rec.merchantOrderId)!;
    if (done.slip) for (const f of this.onSlip) f(done, order);
    return { refund: done, offerRefund: false };
  }

  private async providerTotal(rec: PaymentRecord): Promise<number | null> {
    try {
      return await this.providers[rec.method].refundedTotal(rec.providerRef!, rec.merchantOrderId);
    } catch (e) {
      this.log.warn('could not read the refunded total', { merchantOrderId: rec.merchantOrderId, error: e as Error });
      return null;
    }
  }

  /**
   * Start-up: every refund left `requested` is decided from the provider's refunded total.
   * More refunded there than we recorded → it happened; otherwise it did not.
   */
  async reconcile(): Promise<number> {
    let left = 0;
    for (const q of this.refunds.inFlight()) {
      const rec = this.payments.get(q.merchantOrderId)!;
      const total = await this.providerTotal(rec);
      if (total === null) {
        left++;
        continue;
      }
      const known = this.refunds.succeededCents(rec.merchantOrderId);
      const now = this.clock.now();
      if (total - known >= q.amountCents) {
        const amount = Math.min(q.amountCents, total - known);
        this.refunds.resolve(q.refundId, 'succeeded', now, { amountCents: amount, description: 'confirmed from the provider at start-up' });
        this.payments.step(rec.merchantOrderId, 'closed', now, { refundedCents: known + amount }, { refundId: q.refundId, kind: q.kind, amountCents: amount, source: 'reconciled' });
      } else {
        this.refunds.resolve(q.refundId, 'refused', now, { description: 'not found at the provider at start-up: it did not happen' });
      }
      const done = this.refunds.get(q.refundId)!;
      this.log.info('refund reconciled', { merchantOrderId: rec.merchantOrderId, refundId: q.refundId, state: done.state });
      for (const f of this.onReconciled) f(done, this.payments.get(rec.merchantOrderId)!);
    }
    return left;
  }
}
