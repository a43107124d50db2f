/**
 * A lane's payments that need staff, for the attendant console: what the snapshot carries
 * (bounded), and the console's one remote payment action, `retry-payment`. A retry asks the
 * provider again through the same staff path a supervisor at the kiosk uses
 * (payments.staff.act(mid, 'retry', by)); the kiosk never decides a payment on its own, and
 * resolve-paid, refund and cancel stay at the kiosk, where the customer is. Each retry is audited
 * once with the attendant, the console and the lane.
 */
import { IntentRefused } from '../engine/engine';
import type { AuditEntry } from '../journal/audit';
import type { AttentionView } from '../ipc/view';
import type { Log } from '../log';
import type { ActionResult, LanePayment, StaffIdentity } from './lane';

/** At most this many attention items travel in a snapshot (the oldest first). */
export const MAX_LANE_PAYMENTS = 10;

const clip = (s: string | null, max: number) => (s === null ? null : s.slice(0, max));

/** The console's view of the kiosk's attention list: amounts in integer cents as the provider/journal reports them. */
export function lanePayments(list: AttentionView[]): LanePayment[] {
  return list.slice(0, MAX_LANE_PAYMENTS).map((a) => ({
    merchantOrderId: a.merchantOrderId.slice(0, 64),
    orderNo: clip(a.orderNo, 32),
    provider: a.method.slice(0, 16),
    amountCents: a.amountDueCents,
    paidCents: a.paidCents,
    reason: a.reason.slice(0, 32),
    code: a.code,
    description: clip(a.description, 200),
    since: a.at,
    retry: a.actions.includes('retry'),
  }));
}

/** What the retry needs from the kiosk's payments (the real one is `StaffPayments`). */
export interface PaymentRetryPort {
  attention(): AttentionView[];
  act(mid: string, action: 'retry', by: string): Promise<string>;
  orderNo?(mid: string): string | null;
}

export interface PaymentRetryOptions {
  laneId: string;
  payments: PaymentRetryPort;
  audit: { record(e: Omit<AuditEntry, 'id'>): number };
  sessionId: () => string | null;
  now: () => number;
  log: Log;
}

/** Returns the retry: one at a time per order, refused (nothing changes) when not needed or already running. */
export function createPaymentRetry(o: PaymentRetryOptions): (mid: string, by: StaffIdentity, via: string) => Promise<ActionResult> {
  const running = new Set<string>();
  return async (mid, by, via) => {
    if (running.has(mid)) return { ok: false, code: 'busy', message: 'a retry of this payment is already under way' };
    const item = o.payments.attention().find((a) => a.merchantOrderId === mid);
    if (!item) return { ok: false, code: 'not-needed', message: 'this payment does not need attention (any more)' };
    if (!item.actions.includes('retry')) return { ok: false, code: 'not-allowed', message: 'this payment cannot be retried: resolve it at the kiosk' };
    running.add(mid);
    const orderNo = o.payments.orderNo?.(mid) ?? item.orderNo;
    const request = { merchantOrderId: mid, ...(orderNo ? { orderNo } : {}), provider: item.method, amountCents: item.amountDueCents };
    const audit = (detail: Record<string, unknown>) =>
      o.audit.record({ at: o.now(), supervisorBadge: by.badge, supervisorName: by.name, action: 'payment-retry', kioskSessionId: o.sessionId(), basketBefore: null, basketAfter: null, detail: { via, lane: o.laneId, request, ...detail } });
    try {
      const outcome = await o.payments.act(mid, 'retry', by.badge);
      audit({ outcome: 'succeeded', result: outcome });
      o.log.info('remote payment retry', { via, badge: by.badge, outcome });
      if (outcome === 'needs-attention') return { ok: false, code: 'refused', message: 'asked again: the payment still needs attention' };
      return { ok: true };
    } catch (err) {
      const refused = err instanceof IntentRefused;
      audit({ outcome: refused ? 'refused' : 'unknown', code: refused ? err.code : 'internal', message: (err as Error).message });
      o.log.warn('remote payment retry not done', { via, badge: by.badge, code: refused ? err.code : 'internal' });
      if (refused && err.code === 'not-needing-attention') return { ok: false, code: 'not-needed', message: err.message };
      if (refused && err.code === 'busy') return { ok: false, code: 'busy', message: err.message };
      return { ok: false, code: 'refused', message: refused ? err.message : 'the kiosk could not ask the provider again' };
    } finally {
      running.delete(mid);
    }
  };
}
