/**
 * Payments that need staff: a refused close, an unknown close outcome, a customer who chose the
 * terminal where there is none (pay at the till), a card charged for an order SWiP closed. Staff
 * see what is known and take one of the safe actions; each is audited by the caller.
 */
import { randomUUID } from 'node:crypto';
import { IntentRefused } from '../engine/engine';
import type { AttentionView } from '../ipc/view';
import { orderNoOf } from '../journal/order-numbers';
import type { PaymentRecord } from '../journal/payments';
import type { PaymentFlow } from './checkout-flow';
import { cancelOrder, closeOrder, recordProviderClosed, settle, type Outcome } from './settle';

export type AttentionAction = 'retry' | 'resolve-paid' | 'refund' | 'cancel';

interface AttentionInfo {
  reason?: string;
  code?: number | null;
  description?: string | null;
}

export class AttentionDesk {
  constructor(private readonly flow: PaymentFlow) {}

  private records(): PaymentRecord[] {
    const j = this.flow.journal;
    const list = j.needingAttention();
    const c = this.flow.cur;
    // A close whose outcome is unknown stays close-requested (the reconciler keeps trying) but is shown too.
    if (c && c.phase === 'needs-attention' && !list.some((r) => r.merchantOrderId === c.mid)) list.push(j.get(c.mid)!);
    return list;
  }

  list(): AttentionView[] {
    return this.records().map((r) => {
      const a = ((r.details as { attention?: AttentionInfo }).attention ?? {}) as AttentionInfo;
      const charged = !!(r.details as { terminal?: unknown }).terminal;
      const reason = r.step === 'needs-attention' ? (a.reason ?? 'close-refused') : 'close-unknown';
      return {
        merchantOrderId: r.merchantOrderId,
        orderNo: orderNoOf(r),
        at: r.updatedAt,
        method: r.method,
        reason,
        code: a.code ?? null,
        description: a.description ?? null,
        amountDueCents: r.totalCents,
        paidCents: r.paidCents,
        basketTotalCents: r.totalOriginalCents,
        actions: reason === 'pay-at-till' ? ['resolve-paid', 'cancel'] : charged ? ['retry', 'resolve-paid', 'refund'] : ['retry', 'resolve-paid', 'cancel'],
      };
    });
  }

  /** Orders with a staff action under way: a second action on the same order (from the kiosk or a console) waits its turn. */
  private readonly acting = new Set<string>();

  /**
   * Runs a staff action; returns the payment's outcome. One action per order at a time: a second
   * one while the first still asks the provider (a supervisor at the kiosk and an attendant's
   * console at the same moment) is refused as `busy` and changes nothing.
   */
  async act(mid: string, action: AttentionAction, by: string): Promise<Outcome> {
    if (this.acting.has(mid)) throw new IntentRefused('busy', 'another staff action on this payment is under way');
    this.acting.add(mid);
    try {
      return await this.actNow(mid, action, by);
    } finally {
      this.acting.delete(mid);
    }
  }

  private async actNow(mid: string, action: AttentionAction, by: string): Promise<Outcome> {
    const f = this.flow;
    const rec = this.records().find((r) => r.merchantOrderId === mid);
    if (!rec) throw new IntentRefused('not-needing-attention', 'this payment does not need attention');
    if (!this.list().find((v) => v.merchantOrderId === mid)!.actions.includes(action)) throw new IntentRefused('not-allowed', `${action} is not a safe action for this payment`);
    const d = f.deps;
    const p = f.providers[rec.method];
    let outcome: Outcome;
    switch (action) {
      case 'retry':
        outcome = rec.step === 'needs-attention' && (rec.details as { attention?: AttentionInfo }).attention?.reason === 'cancel-refused' ? await cancelOrder(rec, d, `staff retry by ${by}`) : await this.retryClose(rec);
        break;
      case 'resolve-paid': {
        const s = rec.providerRef ? await p.status(rec.providerRef, mid) : null;
        if (s?.kind === 'closed') outcome = recordProviderClosed(rec, s, d);
        else if (s?.kind === 'alternative') outcome = await closeOrder(rec, s.amountDueCents, false, d);
        else {
          // Staff confirmed the money: recorded locally, with who said so.
          const amount = rec.closeAmountCents ?? (rec.paidCents || rec.totalCents);
          d.journal.step(mid, 'closed', d.clock.now(), { closeAmountCents: amount }, { resolvedBy: by, action });
          outcome = 'closed';
        }
        break;
      }
      case 'refund': {
        const t = f.providers.terminal;
        if (!(rec.details as { terminal?: unknown }).terminal) throw new IntentRefused('not-refundable', 'nothing was charged outside the provider');
        const r = await t.refund({ ref: mid, paymentId: mid, amountCents: rec.paidCents, refundId: randomUUID() });
        if (r.outcome !== 'succeeded') throw new IntentRefused('refund-failed', r.description);
        d.journal.step(mid, 'cancelled', d.clock.now(), { refundedCents: rec.paidCents, closeAmountCents: 0 }, { refundedAtTerminal: rec.paidCents, by });
        outcome = 'cancelled';
        break;
      }
      case 'cancel':
        if ((rec.details as { terminal?: unknown }).terminal) throw new IntentRefused('refund-first', 'the card was charged: refund it instead');
        if (rec.providerRef) {
          const s = await p.status(rec.providerRef, mid);
          if (s.kind === 'closed') {
            outcome = recordProviderClosed(rec, s, d);
            break;
          }
          if (s.kind === 'paid') throw new IntentRefused('paid', 'the customer has paid: resolve as paid or retry the close');
        }
        outcome = await cancelOrder(rec, d, `staff cancel by ${by}`);
        break;
    }
    const c = f.cur;
    if (c && c.mid === mid) f.finished(c, outcome);
    else f.afterSettled(d.journal.get(mid)!, outcome);
    return outcome;
  }

  private async retryClose(rec: PaymentRecord): Promise<Outcome> {
    const d = this.flow.deps;
    if (rec.step !== 'needs-attention') return settle(rec, d);
    d.journal.step(rec.merchantOrderId, 'close-requested', d.clock.now(), { closeAmountCents: rec.closeAmountCents ?? rec.paidCents }, { retry: true });
    return settle(d.journal.get(rec.merchantOrderId)!, d);
  }
}
