/**
 * What the customer does in the InPost app, as InPost's calls to the merchant (integrations.md
 * 2.2): confirm the binding, basket events, create the order, then the payment or rejection
 * event. Every call is signed (signer.ts); the answer is recorded in the ledger.
 */
import { randomUUID } from 'node:crypto';
import type { ClientDetails, InpostBook, SimBasket } from './book';
import { toGrosze } from './book';
import { signHeaders, type SignatureFault, type SigningKey } from './signer';
import { WBasket, WOrder } from './wire';

export interface CallResult {
  status: number;
  body: unknown;
}

export interface CustomerContext {
  book: InpostBook;
  now(): number;
  /** The merchant backend's base URL, read at each call. */
  merchantUrl(): string;
  merchantExternalId: string;
  key: SigningKey;
  other: SigningKey;
  fault(): SignatureFault;
}

export const DEMO_CLIENT: ClientDetails = {
  phone_number: { country_prefix: '+48', phone: '600700800' },
  masked_phone_number: '600 *** 800',
  name: 'Anna',
  surname: 'Kowalska',
};

export class Customer {
  constructor(private readonly c: CustomerContext) {}

  /** Any signed call to the merchant backend. */
  async call(method: string, path: string, body?: unknown): Promise<CallResult> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      ...signHeaders({ body: raw, merchantExternalId: this.c.merchantExternalId, key: this.c.key, other: this.c.other, nowMs: this.c.now(), fault: this.c.fault() }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const res = await fetch(`${this.c.merchantUrl()}${path}`, { method, headers, ...(body === undefined ? {} : { body: raw }), signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* kept as text */
    }
    const code = parsed && typeof parsed === 'object' && 'error_code' in parsed ? String((parsed as { error_code: unknown }).error_code) : null;
    this.c.book.calls.push({ method, path: path.replace(/\/[^/]{16,}(?=\/|$)/g, '/…'), status: res.status, errorCode: code });
    return { status: res.status, body: parsed };
  }

  private basket(key: string): SimBasket {
    const b = this.c.book.byKey(key);
    if (!b) throw new CustomerError('no basket for this link (deleted or never bound)');
    return b;
  }

  private keep(b: SimBasket, r: CallResult): CallResult {
    if (r.status === 200) {
      const p = WBasket.safeParse(r.body);
      if (p.success) b.basket = p.data;
      else return { status: 502, body: { error_code: 'BAD_GATEWAY', error_message: 'the merchant answered with no valid basket' } };
    }
    return r;
  }

  async confirm(key: string, client: ClientDetails = DEMO_CLIENT): Promise<CallResult> {
    const b = this.basket(key);
    const r = await this.call('POST', `/v1/izi/basket/${enc(b.basketId)}/confirmation`, {
      status: 'SUCCESS', inpost_basket_id: b.inpostBasketId, phone_number: client.phone_number,
      browser: { browser_trusted: false }, masked_phone_number: client.masked_phone_number, name: client.name, surname: client.surname,
    });
    // "If the basket is missing or invalid in the response, binding fails."
    const kept = this.keep(b, r);
    if (kept.status === 200) {
      b.linked = true;
      b.client = client;
    }
    return kept;
  }

  private event(b: SimBasket, type: 'PRODUCTS_QUANTITY' | 'PROMO_CODES' | 'RELATED_PRODUCTS', data: Record<string, unknown>, eventId: string = randomUUID()): Promise<CallResult> {
    return this.call('POST', `/v1/izi/basket/${enc(b.basketId)}/event`, {
      event_id: eventId, event_data_time: new Date(this.c.now()).toISOString(), event_type: type,
      ...(b.client ? { phone_number: b.client.phone_number } : {}), ...data,
    });
  }

  /** The new absolute quantity of one product (the reference's reading). */
  async quantity(key: string, productId: string, quantity: number, eventId?: string): Promise<CallResult> {
    const b = this.basket(key);
    return this.keep(b, await this.event(b, 'PRODUCTS_QUANTITY', { quantity_event_data: [{ product_id: productId, quantity: { quantity } }] }, eventId));
  }

  /** The full list of promo codes wanted: the ones applied so far plus `code`. */
  async promo(key: string, code: string, eventId?: string): Promise<CallResult> {
    const b = this.basket(key);
    const codes = [...b.basket.promo_codes.map((p) => p.promo_code_value).filter((c) => c !== code), code];
    return this.keep(b, await this.event(b, 'PROMO_CODES', { promo_codes_event_data: codes.map((c) => ({ name: c, promo_code_value: c })) }, eventId));
  }

  async createOrder(key: string, client: ClientDetails = DEMO_CLIENT): Promise<CallResult> {
    const b = this.basket(key);
    if (b.orderId) throw new CustomerError('this basket already has an order');
    const d = b.basket.delivery[0];
    const r = await this.call('POST', '/v1/izi/order', {
      order_details: { basket_id: b.basketId, currency: 'PLN', basket_price: b.basket.summary.basket_final_price ?? b.basket.summary.basket_base_price, payment_type: 'BLIK_CODE' },
      account_info: { name: client.name, surname: client.surname, phone_number: client.phone_number, mail: 'anna.kowalska@example.pl',
        client_address: { country_code: 'PL', address: 'ul. Prosta 1', city: 'Warszawa', postal_code: '00-001' } },
      delivery: { delivery_type: d?.delivery_type ?? 'DIGITAL', delivery_codes: [], ...(d?.delivery_type === 'DIGITAL' ? { digital_delivery_email: 'anna.kowalska@example.pl' } : {}) },
      consents: b.basket.consents.map((c) => ({ consent_id: c.consent_id, consent_version: String((c as Record<string, unknown>).consent_version ?? '1'), is_accepted: true })),
    });
    if (r.status === 201 || r.status === 200) {
      const o = WOrder.safeParse(r.body);
      if (!o.success) return { status: 502, body: { error_code: 'BAD_GATEWAY', error_message: 'the merchant answered with no valid order' } };
      b.orderId = o.data.order_details.order_id;
      this.c.book.addOrder(b.orderId, b.basketId, toGrosze(o.data.order_details.order_final_price.gross));
    }
    return r;
  }

  /** The customer pays (AUTHORIZED) or rejects the order (ORDER_REJECTED) in the app. */
  async finish(key: string, outcome: 'pay' | 'reject', eventId: string = randomUUID()): Promise<CallResult> {
    const b = this.c.book.byKey(key) ?? [...this.c.book.baskets.values()].find((x) => x.bindingKey === key);
    const o = b?.orderId ? this.c.book.orders.get(b.orderId) : undefined;
    if (!o) throw new CustomerError('no order for this basket yet');
    const r = await this.call('POST', `/v1/izi/order/${enc(o.orderId)}/event`, {
      event_id: eventId, event_data_time: new Date(this.c.now()).toISOString(), ...(b?.client ? { phone_number: b.client.phone_number } : {}),
      event_data: outcome === 'pay'
        ? { payment_status: 'AUTHORIZED', payment_id: o.transactionId, payment_reference: `BLIK-${o.transactionId.slice(0, 8)}`, payment_type: 'BLIK_CODE' }
        : { order_status: 'ORDER_REJECTED' },
    });
    if (r.status === 200) {
      if (outcome === 'pay') o.paymentStatus = 'AUTHORIZED';
      else o.orderStatus = 'ORDER_REJECTED';
    }
    return r;
  }

  /** The customer removes the basket from the app. */
  async deleteBinding(key: string): Promise<CallResult> {
    const b = this.basket(key);
    const r = await this.call('DELETE', `/v1/izi/basket/${enc(b.basketId)}/binding`);
    if (r.status === 200 || r.status === 204) b.linked = false;
    return r;
  }
}

export class CustomerError extends Error {}

const enc = encodeURIComponent;
