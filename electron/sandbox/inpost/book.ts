/**
 * The simulator's own ledger: tokens, baskets and their bindings, orders with their payment and
 * order statuses, and every call in both directions. Tests check the kiosk against this.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { WBasket } from './wire';

export interface ClientDetails {
  phone_number: { country_prefix: string; phone: string };
  masked_phone_number: string;
  name: string;
  surname: string;
}

export interface SimBasket {
  basketId: string;
  inpostBasketId: string;
  /** The basket as the merchant last described it (PUT, confirmation, event answers). */
  basket: WBasket;
  puts: number;
  bindingKey: string | null;
  linked: boolean;
  client: ClientDetails | null;
  deleted: boolean;
  orderId: string | null;
}

export interface SimOrder {
  orderId: string;
  basketId: string;
  /** Order total in grosze (from the merchant's order_final_price.gross). */
  totalGrosze: number;
  orderStatus: 'ORDER_PROCESSING' | 'ORDER_COMPLETED' | 'ORDER_REJECTED';
  paymentStatus: 'UNPAID' | 'AUTHORIZED';
  transactionId: string;
  /** ORDER_COMPLETED / ORDER_REJECTED events the merchant sent (every delivery, duplicates too). */
  merchantEvents: Array<{ eventId: string; orderStatus: string | null }>;
  refundedGrosze: number;
  refunds: Array<{ commandId: string; externalRefundId: string; amountGrosze: number }>;
}

export interface MerchantCall {
  method: string;
  path: string;
  status: number;
  errorCode: string | null;
}

/** Decimal PLN (a JSON number with ≤ 2 decimals) to integer grosze, via its text. */
export function toGrosze(n: number): number {
  const [w, f = ''] = n.toFixed(2).split('.');
  const sign = n < 0 ? -1 : 1;
  return sign * (Math.abs(Number(w)) * 100 + Number(f.padEnd(2, '0')));
}

export class InpostBook {
  readonly baskets = new Map<string, SimBasket>();
  readonly orders = new Map<string, SimOrder>();
  readonly tokens = new Map<string, number>();
  readonly calls: MerchantCall[] = [];
  tokensIssued = 0;

  issueToken(expiresAtMs: number): string {
    const t = randomBytes(24).toString('base64url');
    this.tokens.set(t, expiresAtMs);
    this.tokensIssued++;
    return t;
  }

  putBasket(basketId: string, basket: WBasket): SimBasket {
    const b = this.baskets.get(basketId);
    if (b && !b.deleted) {
      b.basket = basket;
      b.puts++;
      return b;
    }
    const fresh: SimBasket = { basketId, inpostBasketId: randomUUID(), basket, puts: 1, bindingKey: null, linked: false, client: null, deleted: false, orderId: null };
    this.baskets.set(basketId, fresh);
    return fresh;
  }

  byKey(key: string): SimBasket | undefined {
    for (const b of this.baskets.values()) if (b.bindingKey === key && !b.deleted) return b;
    return undefined;
  }

  bindingKeyFor(b: SimBasket): string {
    b.bindingKey ??= randomBytes(16).toString('hex');
    return b.bindingKey;
  }

  addOrder(orderId: string, basketId: string, totalGrosze: number): SimOrder {
    const o: SimOrder = { orderId, basketId, totalGrosze, orderStatus: 'ORDER_PROCESSING', paymentStatus: 'UNPAID', transactionId: randomUUID(), merchantEvents: [], refundedGrosze: 0, refunds: [] };
    this.orders.set(orderId, o);
    return o;
  }

  /** The whole ledger as plain data. */
  snapshot() {
    return {
      tokensIssued: this.tokensIssued,
      baskets: [...this.baskets.values()].map((b) => ({ basketId: b.basketId, puts: b.puts, linked: b.linked, deleted: b.deleted, orderId: b.orderId, products: b.basket.products.map((p) => ({ id: p.product_id, quantity: p.quantity.quantity })) })),
      orders: [...this.orders.values()].map((o) => ({ ...o, merchantEvents: [...o.merchantEvents], refunds: [...o.refunds] })),
      calls: [...this.calls],
    };
  }
}
