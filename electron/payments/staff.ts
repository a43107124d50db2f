/** What supervision may do with payments: refunds, reverses and the needs-attention actions. */
import { orderNoOf } from '../journal/order-numbers';
import type { AttentionView, OrderRecordView } from '../ipc/view';
import type { AttentionAction, AttentionDesk } from './attention';
import type { PaymentFlow } from './checkout-flow';
import type { MoneyBackOutcome, RefundDesk } from './refunds';

export class StaffPayments {
  constructor(
    private readonly flow: PaymentFlow,
    private readonly refunds: RefundDesk,
    private readonly attentionDesk: AttentionDesk,
  ) {}

  get busy(): boolean {
    return this.flow.busy;
  }

  get guards(): Array<() => void> {
    return this.flow.guards;
  }

  refund(mid: string, amountCents: number, reason: string, by: string): Promise<MoneyBackOutcome> {
    return this.refunds.request({ merchantOrderId: mid, kind: 'refund', amountCents, reason, supervisorBadge: by });
  }

  /** Reverse sends what is left of the captured amount. */
  reverse(mid: string, reason: string, by: string): Promise<MoneyBackOutcome> {
    return this.refunds.request({ merchantOrderId: mid, kind: 'reverse', reason, supervisorBadge: by });
  }

  attention(): AttentionView[] {
    return this.attentionDesk.list();
  }

  /** After a passed check and sign-out: continue the Pay the check stopped. */
  resumeAfterCheck(): boolean {
    return this.flow.resumeAfterCheck();
  }

  /** The order number of a payment, for the audit log. */
  orderNo(mid: string): string | null {
    const r = this.flow.journal.get(mid);
    return r ? orderNoOf(r) : null;
  }

  act(mid: string, action: AttentionAction, by: string): Promise<string> {
    return this.attentionDesk.act(mid, action, by);
  }

  /** The supervisor's order record: recent orders with amounts and states. */
  recentOrders(limit = 15): OrderRecordView[] {
    return this.flow.journal.recent(limit).map((r) => ({
      merchantOrderId: r.merchantOrderId,
      orderNumber: orderNoOf(r),
      at: r.createdAt,
      totalCents: r.totalCents,
      paidCents: r.closeAmountCents ?? r.paidCents,
      refundedCents: r.refundedCents,
      refundableCents: r.step === 'closed' ? this.refunds.refundable(r) : 0,
      state: r.step,
      method: r.method,
    }));
  }
}
