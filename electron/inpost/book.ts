/**
 * The merchant's InPost baskets (the store's side of API 2), in the journal database: each
 * kiosk basket pushed to InPost, its binding, promo codes, order and payment. Basket events are
 * recalculated with our engine (checkout/basket, checkout/totals); events are idempotent on
 * event_id (the first answer is stored and repeated). Listeners hear every change (the kiosk).
 */
import type Database from 'better-sqlite3';
import { removeLine, setQuantity, type Basket } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import { decimalToCents, divRound, type Cents } from '../checkout/money';
import { basketTotals } from '../checkout/totals';
import { inpostBasket, promoDiscounts, type AppliedPromo } from './basket-wire';
import { KIOSK_DELIVERY } from './delivery';
import { InpostRouteError } from './errors';
import type { BasketEvent, BindingConfirmation, CreateOrderRequest, OrderEvent } from './wire';

export type InpostBasketStatus = 'open' | 'bound' | 'ordered' | 'authorized' | 'completed' | 'rejected' | 'deleted' | 'expired';

/** A promo code the store honours: `percentBp` off the basket (1000 = 10 %). */
export interface PromoRule {
  code: string;
  description: string;
  percentBp: number;
}

export interface InpostBasketRow {
  basketId: string;
  paymentId: string;
  basket: Basket;
  promoCodes: string[];
  status: InpostBasketStatus;
  client: { maskedPhone: string | null; name: string | null } | null;
  orderId: string | null;
  orderTotalCents: Cents | null;
  payment: { paymentId: string | null; reference: string | null; type: string | null } | null;
  /** The Order we answered to POST /v1/izi/order (served again by GET /v1/izi/order/{id}). */
  order?: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

export type BasketChange = 'bound' | 'basket' | 'ordered' | 'authorized' | 'rejected' | 'deleted';

export class InpostBasketBook {
  readonly listeners: Array<(row: InpostBasketRow, change: BasketChange) => void> = [];

  constructor(
    private readonly db: Database.Database,
    private readonly o: { now(): number; lang: () => Lang; promoCodes: PromoRule[]; basketTtlMs: number },
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS inpost_baskets (
      basket_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, row TEXT NOT NULL, status TEXT NOT NULL,
      order_id TEXT UNIQUE, updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS inpost_events (event_id TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL);`);
  }

  /** The kiosk starts an InPost payment for `basket` (basket_id = the payment id). */
  open(basketId: string, basket: Basket): InpostBasketRow {
    const now = this.o.now();
    const row: InpostBasketRow = { basketId, paymentId: basketId, basket, promoCodes: [], status: 'open', client: null, orderId: null, orderTotalCents: null, payment: null, createdAt: now, expiresAt: now + this.o.basketTtlMs };
    this.save(row);
    return row;
  }

  get(basketId: string): InpostBasketRow | null {
    const r = this.db.prepare('SELECT row FROM inpost_baskets WHERE basket_id = ?').get(basketId) as { row: string } | undefined;
    if (!r) return null;
    const row = JSON.parse(r.row) as InpostBasketRow;
    if ((row.status === 'open' || row.status === 'bound') && this.o.now() >= row.expiresAt) {
      row.status = 'expired';
      this.save(row);
    }
    return row;
  }

  byOrder(orderId: string): InpostBasketRow | null {
    const r = this.db.prepare('SELECT basket_id FROM inpost_baskets WHERE order_id = ?').get(orderId) as { basket_id: string } | undefined;
    return r ? this.get(r.basket_id) : null;
  }

  /** The promo codes of a row as discounts computed now with our rules. */
  promos(row: Pick<InpostBasketRow, 'basket' | 'promoCodes'>): AppliedPromo[] {
    const subtotal = basketTotals(row.basket).subtotalCents;
    return row.promoCodes.flatMap((c) => {
      const rule = this.rule(c);
      return rule ? [{ code: rule.code, description: rule.description, discountCents: divRound(subtotal * rule.percentBp, 10_000) }] : [];
    });
  }

  /** The amount owed for a row, cents, after promo codes. */
  totalCents(row: InpostBasketRow): Cents {
    return basketTotals(row.basket, promoDiscounts(this.promos(row))).totalCents;
  }

  wire(row: InpostBasketRow, withId: boolean) {
    return inpostBasket({ ...(withId ? { basketId: row.basketId } : {}), basket: row.basket, promos: this.promos(row), lang: this.o.lang(), now: this.o.now(), expiresAt: row.expiresAt });
  }

  /** A live basket InPost may act on: exists, not deleted, not expired. */
  live(basketId: string): InpostBasketRow {
    const row = this.get(basketId);
    if (!row || row.status === 'deleted' || row.status === 'expired') throw new InpostRouteError('BASKET_NOT_FOUND', 'no such basket (deleted or expired)');
    return row;
  }

  confirm(basketId: string, c: BindingConfirmation): InpostBasketRow {
    const row = this.live(basketId);
    if (c.status === 'REJECT') return this.change(row, 'deleted', 'deleted');
    if (row.status !== 'open' && row.status !== 'bound') throw new InpostRouteError('BASKET_NOT_UPDATE', 'the basket already has an order');
    row.client = { maskedPhone: c.masked_phone_number ?? null, name: c.name ?? null };
    return this.change(row, 'bound', 'bound');
  }

  applyEvent(basketId: string, e: BasketEvent): InpostBasketRow {
    const row = this.live(basketId);
    if (row.status !== 'bound' && row.status !== 'open') throw new InpostRouteError('BASKET_NOT_UPDATE', 'the basket cannot change once ordered');
    if (e.event_type === 'RELATED_PRODUCTS') throw new InpostRouteError('PRODUCT_NOT_FOUND', 'this store offers no related products');
    if (e.event_type === 'PROMO_CODES') {
      const codes = (e.promo_codes_event_data ?? []).map((p) => p.promo_code_value.trim());
      const unknown = codes.find((c) => !this.rule(c));
      if (unknown !== undefined) throw new InpostRouteError('BASKET_NOT_UPDATE', `promo code ${unknown.slice(0, 32)} is not valid`);
      row.promoCodes = [...new Set(codes.map((c) => this.rule(c)!.code))];
      return this.change(row, row.status, 'basket');
    }
    let basket = row.basket;
    for (const q of e.quantity_event_data ?? []) {
      const line = basket.lines.find((l) => l.id === q.product_id);
      if (!line) throw new InpostRouteError('PRODUCT_NOT_FOUND', `no product ${q.product_id} in the basket`);
      const n = q.quantity.quantity;
      if (line.measure.kind !== 'pieces') throw new InpostRouteError('BASKET_NOT_UPDATE', `product ${q.product_id} is weighed; its quantity cannot change`);
      if (!Number.isInteger(n)) throw new InpostRouteError('BASKET_NOT_UPDATE', `product ${q.product_id} is sold by the piece`);
      if (n > 99) throw new InpostRouteError('OUT_OF_STOCK', `at most 99 of product ${q.product_id}`);
      basket = n === 0 ? removeLine(basket, line.id) : setQuantity(basket, line.id, n);
    }
    row.basket = basket;
    return this.change(row, row.status, 'basket');
  }

  createOrder(req: CreateOrderRequest): { row: InpostBasketRow; order: Record<string, unknown> } {
    const row = this.live(req.order_details.basket_id);
    if (row.orderId) throw new InpostRouteError('ORDER_EXISTS', 'the basket already has an order');
    if (row.status !== 'bound') throw new InpostRouteError('ORDER_NOT_CREATE', 'the basket is not bound to the app');
    if (row.basket.lines.length === 0) throw new InpostRouteError('ORDER_NOT_CREATE', 'the basket is empty');
    if (req.delivery.delivery_type !== KIOSK_DELIVERY.delivery_type) throw new InpostRouteError('ORDER_NOT_CREATE', `only ${KIOSK_DELIVERY.delivery_type} delivery at a kiosk`);
    const wire = this.wire(row, false);
    if (decimalToCents(req.order_details.basket_price.gross) !== this.totalCents(row)) {
      throw new InpostRouteError('ORDER_NOT_CREATE', 'the basket price changed; refresh the basket');
    }
    row.orderId = `K${row.basketId.replace(/-/g, '').slice(0, 20).toUpperCase()}`;
    row.orderTotalCents = this.totalCents(row);
    this.change(row, 'ordered', 'ordered');
    const order = {
      order_details: {
        order_id: row.orderId, customer_order_id: row.orderId.slice(0, 9), pos_id: 'kassa', order_creation_date: new Date(this.o.now()).toISOString(),
        basket_id: row.basketId, payment_type: req.order_details.payment_type, order_base_price: wire.summary.basket_base_price,
        order_final_price: wire.summary.basket_final_price, currency: 'PLN', order_merchant_status_description: 'Zamówienie przyjęte w kiosku',
      },
      account_info: req.account_info,
      delivery: { delivery_type: KIOSK_DELIVERY.delivery_type, delivery_date: new Date(this.o.now()).toISOString(), delivery_options: [], delivery_price: KIOSK_DELIVERY.delivery_price },
      products: wire.products,
      consents: [],
    };
    row.order = order;
    this.save(row);
    return { row, order };
  }

  orderEvent(orderId: string, e: OrderEvent): InpostBasketRow {
    const row = this.byOrder(orderId);
    if (!row) throw new InpostRouteError('ORDER_NOT_FOUND', 'no such order');
    const d = e.event_data;
    if (d.payment_status === 'AUTHORIZED') {
      if (row.status === 'authorized' || row.status === 'completed') return row;
      if (row.status !== 'ordered') throw new InpostRouteError('ORDER_NOT_UPDATE', `the order is ${row.status}`);
      row.payment = { paymentId: d.payment_id ?? null, reference: d.payment_reference ?? null, type: d.payment_type ?? null };
      return this.change(row, 'authorized', 'authorized');
    }
    if (d.order_status === 'ORDER_REJECTED') {
      if (row.status === 'rejected') return row;
      if (row.status !== 'ordered') throw new InpostRouteError('ORDER_NOT_UPDATE', `the order is ${row.status}`);
      return this.change(row, 'rejected', 'rejected');
    }
    // As the Magento plugin: only a payment AUTHORIZED or ORDER_REJECTED changes an order.
    throw new InpostRouteError('ORDER_NOT_UPDATE', 'only payment_status AUTHORIZED or order_status ORDER_REJECTED are handled');
  }

  deleteBinding(basketId: string): InpostBasketRow {
    const row = this.live(basketId);
    if (row.status === 'authorized' || row.status === 'completed') throw new InpostRouteError('BASKET_NOT_UPDATE', 'the basket is paid');
    return this.change(row, 'deleted', 'deleted');
  }

  /** The kiosk changed the basket (or ended it) itself: no listener call. */
  set(row: InpostBasketRow): void {
    this.save(row);
  }

  /** An event already answered: its first answer. */
  answered(eventId: string): { status: number; body: unknown } | null {
    const r = this.db.prepare('SELECT status, body FROM inpost_events WHERE event_id = ?').get(eventId) as { status: number; body: string } | undefined;
    return r ? { status: r.status, body: JSON.parse(r.body) as unknown } : null;
  }

  remember(eventId: string, status: number, body: unknown): void {
    this.db.prepare('INSERT OR IGNORE INTO inpost_events (event_id, status, body, at) VALUES (?, ?, ?, ?)').run(eventId, status, JSON.stringify(body), this.o.now());
  }

  rows(): InpostBasketRow[] {
    return (this.db.prepare('SELECT row FROM inpost_baskets ORDER BY updated_at DESC LIMIT 200').all() as Array<{ row: string }>).map((r) => JSON.parse(r.row) as InpostBasketRow);
  }

  private rule(code: string): PromoRule | undefined {
    const c = code.trim().toUpperCase();
    return this.o.promoCodes.find((p) => p.code.toUpperCase() === c);
  }

  private change(row: InpostBasketRow, status: InpostBasketStatus, change: BasketChange): InpostBasketRow {
    row.status = status;
    this.save(row);
    for (const l of this.listeners) l(row, change);
    return row;
  }

  private save(row: InpostBasketRow): void {
    this.db.prepare(`INSERT INTO inpost_baskets (basket_id, payment_id, row, status, order_id, updated_at) VALUES (@b, @p, @row, @s, @o, @t)
      ON CONFLICT(basket_id) DO UPDATE SET row = @row, status = @s, order_id = @o, updated_at = @t`).run({ b: row.basketId, p: row.paymentId, row: JSON.stringify(row), s: row.status, o: row.orderId, t: this.o.now() });
  }
}
