/**
 * What the staff console says after a staff action succeeded or the provider refused it: reprint,
 * refund (its slip prints), reverse, and the needs-attention actions. Pure.
 */
import type { StaffDoneView } from '../ipc/view';

const SHOWN = new Set(['reprint-last', 'refund', 'reverse', 'payment-retry', 'payment-resolve-paid', 'payment-refund', 'payment-cancel']);

/** The console's confirmation for `action`, or null for actions that show their result elsewhere. */
export function staffDone(action: string, detail: unknown, result: unknown, at: number): StaffDoneView | null {
  if (!SHOWN.has(action)) return null;
  const d = (detail ?? {}) as { orderNo?: string; amountCents?: number };
  const r = result && typeof result === 'object' && 'refund' in result ? (result as { refund: { amountCents: number; state: string } }).refund : null;
  return {
    action,
    outcome: r?.state === 'refused' ? 'refused' : 'succeeded',
    orderNo: typeof d.orderNo === 'string' ? d.orderNo : null,
    amountCents: r ? r.amountCents : typeof d.amountCents === 'number' ? d.amountCents : null,
    at,
  };
}
