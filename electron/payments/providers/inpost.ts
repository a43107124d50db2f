/**
 * InPost Pay behind the payment-provider port. The merchant backend (electron/inpost) owns the
 * basket InPost sees: start pushes our basket (PUT /v2/izi/basket/{paymentId}) and obtains a
 * deep-link binding shown as the QR code; the status is read from the merchant's own book, which
 * InPost's signed calls update (binding confirmed, basket events, order, payment AUTHORIZED or
 * ORDER_REJECTED). Capture = the order reported ORDER_COMPLETED; cancel = ORDER_REJECTED for an
 * order, or the binding deleted; refunds go through InPost's refund call (X-Command-ID).
 */
import type { Basket } from '../../checkout/basket';
import { centsToDecimal } from '../../checkout/money';
import type { InpostBasketBook, InpostBasketRow } from '../../inpost/book';
import { isInpostApiError, type InpostApi } from '../../inpost/client';
import type { Log } from '../../log';
import { ProviderRefused, type Captured, type MoneyBackResult, type PaymentDetails, type PaymentProvider, type ProviderStatus, type StartPayment, type Started } from '../port';

export interface InpostProviderOptions {
  /** Offered at all (configured, and the store sells in PLN). */
  available: boolean;
  /** How long the kiosk waits for the customer to bind, order and pay in the app (ms). */
  waitMs: number;
  basketTtlMs: number;
  now(): number;
}

export class InpostProvider implements PaymentProvider {
  readonly kind = 'inpost' as const;
  readonly available: boolean;

  constructor(
    private readonly client: InpostApi | null,
    private readonly book: InpostBasketBook,
    private readonly basket: () => Basket,
    private readonly log: Log,
    private readonly o: InpostProviderOptions,
  ) {
    this.available = o.available && client !== null;
  }

  async start(p: StartPayment): Promise<Started> {
    const c = this.need();
    const row = this.book.open(p.paymentId, this.basket());
    const link = await refusals(async () => {
      await c.putBasket(p.paymentId, this.book.wire(row, false));
      return c.bindDeepLink(p.paymentId);
    });
    return { ref: p.paymentId, qrText: link, amountDueCents: this.book.totalCents(row), adjustments: [], expiresAfterMs: this.o.basketTtlMs, waitMs: this.o.waitMs };
  }

  async status(ref: string): Promise<ProviderStatus> {
    const row = this.book.get(ref);
    if (!row) return { kind: 'closed', amountCents: 0, details: {} };
    const due = row.orderTotalCents ?? this.book.totalCents(row);
    switch (row.status) {
      case 'authorized':
        return { kind: 'paid', amountCents: due, amountDueCents: due, details: detailsOf(row) };
      case 'completed':
        return { kind: 'closed', amountCents: due, details: detailsOf(row) };
      case 'expired':
        return { kind: 'closed', amountCents: 0, details: {} };
      // Rejected in the app or the binding deleted: nothing will be paid, and the kiosk ends the
      // payment itself (a cancel that finds nothing left to release), so the customer reads
      // "cancelled" and recovery cancels it like any unpaid order.
      default:
        return { kind: 'awaiting', amountDueCents: due, declined: null };
    }
  }

  /** ORDER_COMPLETED to InPost (event_id fixed per order, so a retry is the same event). */
  async capture(ref: string): Promise<Captured> {
    const row = this.mustGet(ref);
    if (row.status === 'completed') return { amountCents: row.orderTotalCents ?? 0, details: detailsOf(row) };
    if (row.status !== 'authorized' || !row.orderId) throw new ProviderRefused('inpost', null, `the InPost order is ${row.status}, not paid`);
    await refusals(() => this.need().orderEvent(row.orderId!, {
      event_id: `${row.orderId}-completed`, event_data_time: new Date(this.o.now()).toISOString(),
      event_data: { order_status: 'ORDER_COMPLETED', order_merchant_status_description: 'Zakupy zakończone w kiosku' },
    }));
    row.status = 'completed';
    this.book.set(row);
    return { amountCents: row.orderTotalCents ?? 0, details: detailsOf(row) };
  }

  async cancel(ref: string): Promise<void> {
    const row = this.book.get(ref);
    if (!row || row.status === 'rejected' || row.status === 'deleted' || row.status === 'expired') return;
    if (row.status === 'authorized' || row.status === 'completed') throw new ProviderRefused('inpost', null, 'the InPost order is paid');
    const c = this.need();
    if (row.orderId) {
      await refusals(() => c.orderEvent(row.orderId!, { event_id: `${row.orderId}-rejected`, event_data_time: new Date(this.o.now()).toISOString(), event_data: { order_status: 'ORDER_REJECTED' } }));
      row.status = 'rejected';
    } else {
      try {
        await c.deleteBinding(ref);
      } catch (e) {
        // Already gone at InPost: nothing left to release.
        if (!(isInpostApiError(e) && (e.code === 'BASKET_NOT_FOUND' || e.status === 404))) throw e;
      }
      row.status = 'deleted';
    }
    this.book.set(row);
  }

  async refund(p: { ref: string; amountCents: number; refundId: string }): Promise<MoneyBackResult> {
    const row = this.mustGet(p.ref);
    if (!row.payment?.paymentId) return { outcome: 'refused', code: null, description: 'InPost gave no transaction id for this payment' };
    try {
      await this.need().refund(row.payment.paymentId, p.refundId, { external_refund_id: p.refundId, refund_amount: centsToDecimal(p.amountCents) });
      return { outcome: 'succeeded', slip: null };
    } catch (e) {
      if (isInpostApiError(e) && !e.retryable) return { outcome: 'refused', code: e.status, description: e.message };
      throw e;
    }
  }

  readonly reverse = null;

  async refundedTotal(): Promise<null> {
    return null;
  }

  private need(): InpostApi {
    if (!this.client) throw new ProviderRefused('inpost', null, 'InPost Pay is not configured');
    return this.client;
  }

  private mustGet(ref: string): InpostBasketRow {
    const row = this.book.get(ref);
    if (!row) throw new ProviderRefused('inpost', null, 'no such InPost basket');
    return row;
  }
}

function detailsOf(row: InpostBasketRow): PaymentDetails {
  return { method: 'InPost Pay', orderNumber: row.orderId, authCode: row.payment?.reference ?? null };
}

/** InPost's definitive refusals (4xx but 408/429) become ProviderRefused; the rest stay unknown. */
async function refusals<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isInpostApiError(e) && !e.retryable) throw new ProviderRefused('inpost', e.status, `${e.code}: ${e.message}`);
    throw e;
  }
}
