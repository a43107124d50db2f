import type { Basket } from '../checkout/basket';
import type { KioskEngine } from './engine';
import type { StaffIdentity, SupervisionPorts } from './supervision-ports';

/**
 * One staff action in the audit log, with the basket before and after (as summaries) and the
 * session it happened in. Written before the caller reports success.
 */
export function recordStaffAudit(audit: SupervisionPorts['audit'], engine: KioskEngine, who: StaffIdentity, action: string, before: Basket | null, after: Basket | null, detail: unknown): void {
  audit.record({
    at: engine.deps.clock.now(),
    supervisorBadge: who.badge,
    supervisorName: who.name,
    action,
    kioskSessionId: engine.sessionId,
    basketBefore: before ? basketSummary(before) : null,
    basketAfter: after ? basketSummary(after) : null,
    detail,
  });
}

export function basketSummary(b: Basket): unknown {
  return b.lines.map((l) => ({ id: l.id, sku: l.sku, measure: l.measure, unitPriceCents: l.unitPriceCents }));
}

export function summarize(x: unknown): unknown {
  if (x && typeof x === 'object' && 'refund' in x) {
    const r = (x as { refund: { refundId: string; merchantOrderId: string; kind: string; amountCents: number; state: string; code: number | null }; offerRefund: boolean });
    return { refundId: r.refund.refundId, merchantOrderId: r.refund.merchantOrderId, kind: r.refund.kind, amountCents: r.refund.amountCents, state: r.refund.state, code: r.refund.code, offerRefund: r.offerRefund };
  }
  if (typeof x === 'string') return { paymentOutcome: x };
  return null;
}
