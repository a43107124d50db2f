/**
 * Journaled steps shared by the live checkout and by recovery: close (capture), cancel, and
 * `settle` — bring any unfinished payment to a final state from what the provider says now.
 * Each step is journaled before the call it announces; a close is never sent for an order the
 * provider already reports closed, so nothing is closed twice.
 */
import type { Clock } from '../engine/clock';
import type { PaymentJournal, PaymentRecord } from '../journal/payments';
import type { Log } from '../log';
import { discountsOf, isProviderRefused, roundingOf, type Adjustment, type PaymentDetails, type ProviderStatus } from './port';
import type { Providers } from './providers';

export interface SettleDeps {
  providers: Providers;
  journal: PaymentJournal;
  clock: Clock;
  log: Log;
}

/** How a payment ended (or that staff must look at it). */
export type Outcome = 'closed' | 'cancelled' | 'expired' | 'declined' | 'abandoned' | 'needs-attention';

/** Why a payment waits for staff (the staff screens word each one, with `close-unknown`: a close not confirmed yet). */
export const ATTENTION_REASONS = ['close-refused', 'cancel-refused', 'pay-at-till', 'charged-order-gone', 'create-refused'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** What the receipt and the staff console need, journaled with every amount change. */
export function amountDetails(adjustments: Adjustment[]): Record<string, unknown> {
  return { adjustments, discounts: discountsOf(adjustments), roundingCents: roundingOf(adjustments) };
}

export function attention(rec: PaymentRecord, d: SettleDeps, reason: AttentionReason, info: { code?: number | null; description?: string } = {}): Outcome {
  d.journal.step(rec.merchantOrderId, 'needs-attention', d.clock.now(), { details: { attention: { reason, code: info.code ?? null, description: info.description ?? null, at: d.clock.now() } } }, { reason, ...info });
  d.log.warn('payment needs attention', { merchantOrderId: rec.merchantOrderId, reason, code: info.code ?? null });
  return 'needs-attention';
}

/** Money was taken outside the provider (the terminal in SWiP scenario 2). */
const collectedElsewhere = (rec: PaymentRecord) => !!(rec.details as { terminal?: unknown }).terminal && rec.method === 'swip';

/** Close with `amountCents` (journaled first). A definitive refusal → needs-attention. */
export async function closeOrder(rec: PaymentRecord, amountCents: number, rounded: boolean, d: SettleDeps): Promise<Outcome> {
  const mid = rec.merchantOrderId;
  const p = d.providers[rec.method];
  if (rec.step !== 'close-requested') d.journal.step(mid, 'close-requested', d.clock.now(), { closeAmountCents: amountCents, rounded });
  try {
    const c = await p.capture(rec.providerRef!, amountCents, { rounded });
    recordClosed(mid, c.amountCents, c.details, d);
    return 'closed';
  } catch (e) {
    if (!isProviderRefused(e)) throw e;
    // A refusal may mean "already closed" (a lost answer to our own close): ask before judging.
    const s = await p.status(rec.providerRef!, mid);
    if (s.kind === 'closed') return recordProviderClosed(d.journal.get(mid)!, s, d);
    return attention(d.journal.get(mid)!, d, 'close-refused', { code: e.code, description: e.message });
  }
}

/** Cancel (close with 0 / abort), journaled first. */
export async function cancelOrder(rec: PaymentRecord, d: SettleDeps, why: string): Promise<Outcome> {
  const mid = rec.merchantOrderId;
  const p = d.providers[rec.method];
  if (rec.step !== 'cancel-requested') d.journal.step(mid, 'cancel-requested', d.clock.now(), {}, { why });
  if (collectedElsewhere(rec)) {
    // SWiP scenario 2 where the terminal approved: never cancel away money a card gave.
    return attention(d.journal.get(mid)!, d, 'charged-order-gone', { description: 'the terminal approved, but the order is being cancelled' });
  }
  try {
    await p.cancel(rec.providerRef!, mid);
  } catch (e) {
    if (!isProviderRefused(e)) throw e;
    const s = await p.status(rec.providerRef!, mid);
    if (s.kind === 'closed') return recordProviderClosed(d.journal.get(mid)!, s, d);
    return attention(d.journal.get(mid)!, d, 'cancel-refused', { code: e.code, description: e.message });
  }
  d.journal.step(mid, 'cancelled', d.clock.now(), { closeAmountCents: 0 });
  d.log.info('payment cancelled', { merchantOrderId: mid, why });
  return 'cancelled';
}

function recordClosed(mid: string, amountCents: number, details: PaymentDetails, d: SettleDeps): void {
  const rec = d.journal.get(mid)!;
  const prev = (rec.details as { payment?: PaymentDetails }).payment ?? {};
  d.journal.step(mid, 'closed', d.clock.now(), { closeAmountCents: amountCents, orderNumber: details.orderNumber ?? rec.orderNumber, details: { payment: { ...prev, ...stripNulls(details) } } });
  d.log.info('payment closed', { merchantOrderId: mid, amountCents });
}

/** The provider finished the payment itself (or our close landed but its answer was lost). */
export function recordProviderClosed(rec: PaymentRecord, s: Extract<ProviderStatus, { kind: 'closed' }>, d: SettleDeps): Outcome {
  const mid = rec.merchantOrderId;
  if (s.amountCents > 0) {
    if (rec.step !== 'close-requested' && rec.step !== 'paid' && rec.step !== 'needs-attention') {
      // Closed with money we did not ask for: record it, but staff must look.
      d.journal.step(mid, 'closed', d.clock.now(), { closeAmountCents: s.amountCents, details: { payment: stripNulls(s.details) } }, { source: 'provider reported closed' });
      return 'closed';
    }
    recordClosed(mid, s.amountCents, s.details, d);
    return 'closed';
  }
  if (collectedElsewhere(rec)) return attention(rec, d, 'charged-order-gone', { description: 'the terminal approved, but SWiP closed the order with 0' });
  const step = rec.step === 'cancel-requested' ? 'cancelled' : 'expired';
  d.journal.step(mid, step, d.clock.now(), { closeAmountCents: 0 }, { source: 'provider reported closed with 0' });
  d.log.info(`payment ${step} at the provider`, { merchantOrderId: mid });
  return step;
}

/**
 * Brings one unfinished payment to a final state when no customer is waiting for it (start-up,
 * background retries): paid → close with what the provider says was paid; not paid → cancel.
 */
export async function settle(rec: PaymentRecord, d: SettleDeps): Promise<Outcome> {
  const mid = rec.merchantOrderId;
  if (!rec.providerRef) {
    d.journal.step(mid, 'abandoned', d.clock.now(), {}, { reason: `no provider reference at step ${rec.step}` });
    return 'abandoned';
  }
  const p = d.providers[rec.method];
  if (rec.step === 'collecting') return settleCollecting(rec, d);
  const s = await p.status(rec.providerRef, mid);
  if (s.kind === 'closed') return recordProviderClosed(rec, s, d);
  if (rec.step === 'cancel-requested') return cancelOrder(rec, d, 'recovery');
  // Paid was seen: close with that amount; a refusal goes to staff, never to a kiosk-made cancel.
  if (rec.step === 'close-requested' || rec.step === 'paid') return closeOrder(rec, rec.closeAmountCents ?? rec.paidCents, rec.rounded, d);
  if (s.kind === 'paid') {
    d.journal.step(mid, 'paid', d.clock.now(), { paidCents: s.amountCents, totalCents: s.amountDueCents, details: { payment: stripNulls(s.details) } }, { source: 'recovery' });
    return closeOrder(d.journal.get(mid)!, s.amountCents, false, d);
  }
  if (s.kind === 'declined') {
    d.journal.step(mid, 'declined', d.clock.now(), {}, { reason: s.reason });
    return 'declined';
  }
  return cancelOrder(rec, d, 'recovery: the customer did not pay');
}

/** SWiP scenario 2 interrupted at the terminal: approved → close SWiP with it; else cancel both. */
async function settleCollecting(rec: PaymentRecord, d: SettleDeps): Promise<Outcome> {
  const mid = rec.merchantOrderId;
  const t = await d.providers.terminal.status(mid, mid);
  if (t.kind === 'paid') {
    const swipTotal = rec.totalCents;
    d.journal.step(mid, 'paid', d.clock.now(), { paidCents: t.amountCents, details: { terminal: { authCode: t.details.authCode ?? null, maskedPan: t.details.maskedPan ?? null }, payment: stripNulls(t.details) } }, { source: 'terminal lookup' });
    const fresh = d.journal.get(mid)!;
    const s = await d.providers.swip.status(rec.providerRef!, mid);
    if (s.kind === 'closed') return recordProviderClosed(fresh, s, d);
    return closeOrder(fresh, t.amountCents, t.amountCents !== swipTotal, d);
  }
  if (t.kind === 'awaiting') await d.providers.terminal.cancel(mid, mid);
  return cancelOrder(rec, d, 'recovery: the terminal did not approve');
}

function stripNulls(x: PaymentDetails): PaymentDetails {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== null && v !== undefined)) as PaymentDetails;
}
