/**
 * SWiP (QR in the app) behind the payment-provider port, as the POS API v3 document defines it:
 * scenario 1 — paid when `paid` covers SWiP's own `total` (which a personal discount may have
 * lowered), closed with what SWiP says was paid; scenario 2 — `cash: true` means "collect SWiP's
 * `total` at the terminal, then close with it".
 */
import type { Log } from '../../log';
import { isSwipError, type SwipClient, type SwipOrder } from '../swip';
import { ProviderRefused, type Adjustment, type MoneyBackResult, type PaymentDetails, type PaymentProvider, type ProviderStatus, type StartPayment, type Started } from '../port';

/** SWiP's own limit for an OPEN order in retail mode ("1,5 minutes"), from creation on its server. */
export const SWIP_OPEN_LIMIT_MS = 90_000;

export interface SwipProviderOptions {
  /** merchantCashier (the kiosk's name) and merchantCashierId (a stable UUID per kiosk). */
  cashier: string;
  cashierId: string;
}

export class SwipProvider implements PaymentProvider {
  readonly kind = 'swip' as const;
  readonly available = true;

  constructor(
    private readonly client: SwipClient,
    private readonly log: Log,
    private readonly opts: SwipProviderOptions,
  ) {}

  async start(p: StartPayment): Promise<Started> {
    let adjustments: Adjustment[] = [];
    try {
      const l = await this.client.loyaltyCalculation(p.paymentId, p.purchases, p.basketTotalCents);
      adjustments = loyaltyAdjustments(l, p.basketTotalCents);
    } catch (err) {
      // The anonymous discount is a bonus: without it the customer still pays the full price.
      this.log.warn('loyalty calculation failed; continuing without discount', { merchantOrderId: p.paymentId, error: err as Error });
    }
    const discount = adjustments.reduce((s, a) => s + a.amountCents, 0);
    const order = await refusals(() =>
      this.client.createOrder({
        merchantOrderId: p.paymentId,
        merchantOrderNumber: p.orderNo ?? p.paymentId.slice(0, 8).toUpperCase(),
        cashier: this.opts.cashier,
        cashierId: this.opts.cashierId,
        saleDate: p.saleDate,
        totalCents: p.basketTotalCents - discount,
        totalOriginalCents: p.basketTotalCents,
        purchases: p.purchases,
      }),
    );
    return { ref: order.id, qrText: order.sessionCode, amountDueCents: order.totalCents, adjustments, expiresAfterMs: SWIP_OPEN_LIMIT_MS };
  }

  async status(ref: string): Promise<ProviderStatus> {
    const o = await this.client.getOrder(ref);
    return statusOf(o, this.log);
  }

  async capture(ref: string, amountCents: number, opts: { rounded: boolean }) {
    const o = await refusals(() => this.client.closeOrder(ref, amountCents, opts));
    return { amountCents: o.closeAmountCents || amountCents, details: detailsOf(o) };
  }

  async cancel(ref: string): Promise<void> {
    await refusals(() => this.client.cancelOrder(ref));
  }

  async refund(p: { paymentId: string; amountCents: number }): Promise<MoneyBackResult> {
    return moneyBack(() => this.client.refund(p.paymentId, p.amountCents));
  }

  readonly reverse = async (p: { paymentId: string; amountCents: number }): Promise<MoneyBackResult> => moneyBack(() => this.client.reverse(p.paymentId, p.amountCents));

  async refundedTotal(ref: string): Promise<number> {
    return (await this.client.getOrder(ref)).refundedCents;
  }
}

/** What a SWiP order means for the checkout. Pure (logs unknown statuses). */
export function statusOf(o: SwipOrder, log?: Log): ProviderStatus {
  if (o.status === 'CLOSED') return { kind: 'closed', amountCents: o.closeAmountCents, details: detailsOf(o) };
  if (o.status === 'UNKNOWN') log?.warn('SWiP sent an order status the document does not list; treating the order as open', { orderId: o.id, orderStatus: o.rawStatus });
  // Scenario 1: paid covers SWiP's own total (a personal discount lowers total, not our basket).
  if (o.paidCents > 0 && o.paidCents >= o.totalCents) return { kind: 'paid', amountCents: o.paidCents, amountDueCents: o.totalCents, details: detailsOf(o) };
  // Scenario 2: the customer chose cash / the card terminal in the app.
  if (o.cash === true && o.paidCents === 0) return { kind: 'alternative', amountDueCents: o.totalCents };
  return { kind: 'awaiting', amountDueCents: o.totalCents, declined: o.error && o.paidCents === 0 ? o.error : null };
}

export function detailsOf(o: SwipOrder): PaymentDetails {
  return { method: o.paymentMethod ?? null, maskedPan: o.pan ?? null, authCode: o.authorizationCode ?? null, orderNumber: o.orderNumber ?? null, slip: o.slip ?? null };
}

/** Anonymous loyalty lines whose sum is exactly SWiP's final (rounded) discount, never above the total. */
export function loyaltyAdjustments(l: { discountCents: number; lines: Array<{ description: string; discountCents: number }> }, totalCents: number): Adjustment[] {
  const target = Math.max(0, Math.min(l.discountCents, totalCents));
  if (target === 0) return [];
  const lines = l.lines.filter((x) => x.discountCents > 0).map((x) => ({ kind: 'discount' as const, description: x.description, amountCents: x.discountCents }));
  if (lines.length === 0) return [{ kind: 'discount', description: 'SWiP', amountCents: target }];
  lines[lines.length - 1]!.amountCents += target - lines.reduce((s, x) => s + x.amountCents, 0);
  return lines.filter((x) => x.amountCents > 0);
}

/** A 4xx with a SWiP meaning is a refusal for good; everything else stays an unknown outcome. */
async function refusals<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isSwipError(e) && e.type === 'api' && !e.retryable && e.httpStatus !== undefined && e.httpStatus >= 400 && e.httpStatus < 500) {
      throw new ProviderRefused('swip', e.rawCode ?? null, e.description ?? e.message);
    }
    throw e;
  }
}

async function moneyBack(f: () => Promise<{ status: 'SUCCESS' | 'FAIL'; slip?: string | null; description?: string | null; code?: number | null }>): Promise<MoneyBackResult> {
  try {
    const r = await f();
    return r.status === 'SUCCESS' ? { outcome: 'succeeded', slip: r.slip ?? null } : { outcome: 'refused', code: r.code ?? null, description: r.description ?? 'refused' };
  } catch (e) {
    if (isSwipError(e) && e.type === 'api' && !e.retryable) return { outcome: 'refused', code: e.rawCode ?? null, description: e.description ?? e.message };
    throw e;
  }
}
