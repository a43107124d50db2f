/**
 * The sandbox's order book: SWiP's order rules as the document states them (see the sandbox
 * README for the rules the document leaves open). Amounts in cents; time from the clock.
 */
import { randomUUID } from 'node:crypto';
import { capturedCents, digits, maskPan, newSessionCode, paymentSystem, type Payment, type StoredOrder } from './order-model';
import { divRound, spread } from './money';
import { SwipApiFailure, type CloseOrderRequest, type CreateOrderRequest } from './requests';
import { slipText } from './slip';
import type { PayOptions, SandboxClock, SandboxLedgerEntry } from './types';

/** A control-API refusal (not a SWiP API error). */
export class SandboxControlError extends Error {
  readonly kind = 'SandboxControlError';
  constructor(readonly reason: 'not-found' | 'not-open' | 'already-paid', message: string) {
    super(message);
  }
}

export interface OrderBookConfig {
  clock: SandboxClock;
  openTimeoutMs: number;
  captureDelayMs: number;
  merchantId: string;
  merchantName: string;
  /** Personal SWiP discount (basis points of the POS's total) applied when the app opens an order; 0 = none. */
  personalDiscountBp: number;
  /** Makes the QR text for a generated session code. */
  sessionUrl(code: string): string;
}

export class OrderBook {
  private readonly byId = new Map<string, StoredOrder>();
  private readonly byMerchantOrderId = new Map<string, StoredOrder>();

  constructor(private readonly cfg: OrderBookConfig) {}

  reset(): void {
    this.byId.clear();
    this.byMerchantOrderId.clear();
  }

  create(req: CreateOrderRequest, headers: { cashId: string; storeId: string }): StoredOrder {
    this.tick();
    if (this.byMerchantOrderId.has(req.merchantOrderId)) {
      throw new SwipApiFailure(400, 28, `ORDER ALREADY EXISTS: merchantOrderId ${req.merchantOrderId} was used before; send a new one`);
    }
    const given = req.sessionCode?.trim();
    if (given && [...this.byId.values()].some((o) => o.status === 'OPEN' && o.sessionCode === given)) {
      throw new SwipApiFailure(400, 8, `DUPLICATE: sessionCode is in use by another open order`, [
        { field: 'sessionCode', message: 'already used by an open order', objectName: 'order' },
      ]);
    }
    const now = this.cfg.clock.now();
    const order: StoredOrder = {
      id: randomUUID(),
      merchantOrderId: req.merchantOrderId,
      merchantOrderNumber: req.merchantOrderNumber == null ? null : String(req.merchantOrderNumber),
      merchantCashier: req.merchantCashier,
      merchantCashierId: req.merchantCashierId ?? null,
      merchantCash: headers.cashId,
      merchantStore: headers.storeId,
      saleDate: req.saleDate,
      createdAt: now,
      status: 'OPEN',
      totalCents: req.total,
      posTotalCents: req.total,
      totalOriginalCents: req.totalOriginal,
      opened: false,
      swipDiscountCents: 0,
      posType: req.posType,
      paidCents: 0,
      unconfirmedCents: 0,
      closeAmountCents: 0,
      refundedCents: 0,
      reversedCents: 0,
      sessionCode: given || this.cfg.sessionUrl(newSessionCode()),
      purchases: req.purchases.map((p) => ({ ...p, id: p.id ?? randomUUID(), discountCents: 0 })),
      payment: null,
      alternative: false,
      error: null,
      closedAt: null,
      captured: false,
      events: [{ type: 'created', at: now, amountCents: req.total }],
    };
    this.byId.set(order.id, order);
    this.byMerchantOrderId.set(order.merchantOrderId, order);
    return order;
  }

  get(id: string): StoredOrder {
    this.tick();
    const o = this.byId.get(id);
    if (!o) throw new SwipApiFailure(404, 9, `NOT FOUND: order ${id}`);
    return o;
  }

  /** An order by SWiP id, session code (the full QR text or its last path segment) or merchantOrderId. */
  find(ref: string): StoredOrder | undefined {
    this.tick();
    const direct = this.byId.get(ref) ?? this.byMerchantOrderId.get(ref);
    if (direct) return direct;
    return [...this.byId.values()].find((o) => o.sessionCode === ref || o.sessionCode.endsWith(`/wallet/${ref}`));
  }

  close(id: string, req: CloseOrderRequest | undefined): StoredOrder {
    const o = this.get(id);
    if (o.status === 'CLOSED') {
      o.events.push({ type: 'close-refused', at: this.cfg.clock.now(), amountCents: req?.amount ?? 0 });
      throw new SwipApiFailure(400, 30, 'ORDER ALREADY CONFIRMED: close may be called once only');
    }
    const amount = req?.amount ?? 0;
    const rounded = (req?.tags ?? []).includes('ROUNDED');
    const now = this.cfg.clock.now();
    if (rounded) {
      if (!o.alternative || o.paidCents > 0) {
        throw validation('tags', 'ROUNDED applies only to an alternative (cash / terminal) payment');
      }
      // "The difference … should not be more than one, since only pennies can be rounded":
      // read as less than one currency unit (a 5-cent cash rounding moves the total by up to 2 cents).
      if (Math.abs(amount - o.totalCents) > 99) throw validation('amount', 'ROUNDED may change the total by less than one currency unit');
    }
    if (amount === 0) {
      if (o.paidCents > 0) o.events.push({ type: 'voided-hold', at: now, amountCents: o.paidCents });
      o.paidCents = 0;
      o.unconfirmedCents = 0;
      return this.finish(o, 0, now, 'cancelled');
    }
    if (o.paidCents > 0) {
      if (amount > o.paidCents) throw new SwipApiFailure(400, 32, `EXCESS TOTAL AMOUNT: close ${amount} > paid ${o.paidCents} (cents)`);
      const released = o.paidCents - amount;
      o.paidCents = amount;
      o.unconfirmedCents = 0;
      return this.finish(o, amount, now, released > 0 ? `partial capture, ${released} cents released` : undefined);
    }
    if (!o.alternative) throw new SwipApiFailure(400, 31, 'ORDER NOT PAID: the customer has not paid this order in the app');
    if (amount > o.totalCents && !rounded) {
      throw new SwipApiFailure(400, 32, `EXCESS TOTAL AMOUNT: close ${amount} > total ${o.totalCents} (cents)`);
    }
    return this.finish(o, amount, now, 'paid outside SWiP (cash / terminal)');
  }

  refund(merchantOrderId: string, amountCents: number): { order: StoredOrder; slip: string } {
    const o = this.closedWithCapture(merchantOrderId);
    const left = this.refundable(o);
    if (left === 0) throw new SwipApiFailure(400, 29, 'ORDER ALREADY REFUNDED: nothing is left to refund');
    if (amountCents > left) throw new SwipApiFailure(400, 32, `EXCESS TOTAL AMOUNT: refund ${amountCents} > refundable ${left} (cents)`);
    o.refundedCents += amountCents;
    const now = this.cfg.clock.now();
    o.events.push({ type: 'refunded', at: now, amountCents });
    return { order: o, slip: this.slip(o, 'REFUND', amountCents, now) };
  }

  reverse(merchantOrderId: string, amountCents: number | undefined): { order: StoredOrder; slip: string } {
    const o = this.closedWithCapture(merchantOrderId);
    if (o.captured) throw new SwipApiFailure(400, 27, 'REVERSE UNAVAILABLE: the payment is already captured; use a refund');
    const left = this.refundable(o);
    if (left === 0) throw new SwipApiFailure(400, 29, 'ORDER ALREADY REFUNDED: nothing is left to reverse');
    const amount = amountCents ?? left;
    if (amount > left) throw new SwipApiFailure(400, 32, `EXCESS TOTAL AMOUNT: reverse ${amount} > left ${left} (cents)`);
    o.reversedCents += amount;
    const now = this.cfg.clock.now();
    o.events.push({ type: 'reversed', at: now, amountCents: amount });
    return { order: o, slip: this.slip(o, 'REVERSAL', amount, now) };
  }

  /**
   * The customer opens the order in the app (scenario 1 and 2, steps 3–4): SWiP applies the
   * customer's personal loyalty. `personalDiscountBp` given: SWiP's total becomes the POS's total
   * minus that share (again from the POS's total, so a second open replaces the first); not given:
   * the configured default on the first open, and no change afterwards.
   */
  open(ref: string, personalDiscountBp?: number): StoredOrder {
    const o = this.openOrder(ref);
    if (personalDiscountBp === undefined && o.opened) return o;
    if (o.paidCents > 0 || o.alternative) {
      if (personalDiscountBp === undefined) return o;
      throw new SandboxControlError('already-paid', `order ${o.id} is already paid or sent to the terminal; its total is fixed`);
    }
    const bp = personalDiscountBp ?? this.cfg.personalDiscountBp;
    const discount = Math.min(o.posTotalCents, Math.max(0, divRound(o.posTotalCents * bp, 10_000)));
    const perLine = spread(discount, o.purchases.map((p) => p.amount));
    o.purchases.forEach((p, i) => {
      p.discountCents = perLine[i] ?? 0;
    });
    o.swipDiscountCents = discount;
    o.totalCents = o.posTotalCents - discount;
    o.opened = true;
    o.events.push({ type: 'opened', at: this.cfg.clock.now(), amountCents: o.totalCents, ...(discount > 0 ? { note: `personal discount ${discount} cents (${bp} bp)` } : {}) });
    return o;
  }

  pay(ref: string, opts: PayOptions = {}): StoredOrder {
    const o = this.openOrder(ref);
    if (o.paidCents > 0) throw new SandboxControlError('already-paid', `order ${o.id} is already paid`);
    if (o.alternative) throw new SandboxControlError('already-paid', `order ${o.id} is to be paid at the terminal`);
    this.open(o.id);
    const now = this.cfg.clock.now();
    const pan = maskPan(opts.pan ?? '4111111111111111');
    const system = paymentSystem(pan);
    const payment: Payment = {
      method: opts.method ?? 'CARD',
      system,
      pan,
      authorizationCode: digits(6),
      rrn: digits(12),
      orderNumber: digits(32),
      terminalNo: 'SWIP0001',
      slip: '',
    };
    o.payment = payment;
    o.paidCents = o.totalCents;
    o.unconfirmedCents = o.totalCents;
    o.alternative = false;
    o.error = null;
    payment.slip = this.slip(o, 'PURCHASE (HOLD)', o.totalCents, now);
    o.events.push({ type: 'paid', at: now, amountCents: o.totalCents, note: `${payment.method} ${system}` });
    return o;
  }

  decline(ref: string, reason = 'Payment declined by the issuing bank'): StoredOrder {
    const o = this.openOrder(ref);
    if (o.paidCents > 0) throw new SandboxControlError('already-paid', `order ${o.id} is already paid`);
    this.open(o.id);
    o.error = reason;
    o.events.push({ type: 'declined', at: this.cfg.clock.now(), note: reason });
    return o;
  }

  /** The customer chose cash or the card terminal in the app: the POS may close it unpaid with the collected amount. */
  markTerminal(ref: string): StoredOrder {
    const o = this.openOrder(ref);
    if (o.paidCents > 0) throw new SandboxControlError('already-paid', `order ${o.id} is already paid in the app`);
    this.open(o.id);
    o.alternative = true;
    o.events.push({ type: 'alternative-payment', at: this.cfg.clock.now() });
    return o;
  }

  ledger(): SandboxLedgerEntry[] {
    this.tick();
    return [...this.byId.values()].map((o) => ({
      id: o.id,
      merchantOrderId: o.merchantOrderId,
      sessionCode: o.sessionCode,
      status: o.status,
      totalCents: o.totalCents,
      totalOriginalCents: o.totalOriginalCents,
      posTotalCents: o.posTotalCents,
      swipDiscountCents: o.swipDiscountCents,
      posType: o.posType,
      paidCents: o.paidCents,
      unconfirmedCents: o.unconfirmedCents,
      closeAmountCents: o.closeAmountCents,
      capturedCents: capturedCents(o),
      refundedCents: o.refundedCents,
      reversedCents: o.reversedCents,
      cash: o.alternative,
      events: o.events.map((e) => ({ ...e })),
    }));
  }

  /** Applies time: OPEN orders past the timeout are cancelled, closed card payments get captured. */
  tick(): void {
    const now = this.cfg.clock.now();
    for (const o of this.byId.values()) {
      const expiresAt = o.createdAt + this.cfg.openTimeoutMs;
      if (o.status === 'OPEN' && now >= expiresAt) {
        if (o.paidCents > 0) o.events.push({ type: 'voided-hold', at: expiresAt, amountCents: o.paidCents });
        o.paidCents = 0;
        o.unconfirmedCents = 0;
        o.events.push({ type: 'expired', at: expiresAt });
        this.finish(o, 0, expiresAt, 'not closed in time');
      }
      // A hold fully reversed before capture leaves nothing to capture.
      const toCapture = capturedCents(o) - o.reversedCents;
      if (o.status === 'CLOSED' && !o.captured && o.closedAt !== null && toCapture > 0) {
        const captureAt = o.closedAt + this.cfg.captureDelayMs;
        if (now >= captureAt) {
          o.captured = true;
          o.events.push({ type: 'captured', at: captureAt, amountCents: toCapture });
        }
      }
    }
  }

  private finish(o: StoredOrder, amount: number, at: number, note?: string): StoredOrder {
    o.status = 'CLOSED';
    o.closeAmountCents = amount;
    o.closedAt = at;
    o.events.push({ type: 'closed', at, amountCents: amount, ...(note ? { note } : {}) });
    return o;
  }

  private openOrder(ref: string): StoredOrder {
    const o = this.find(ref);
    if (!o) throw new SandboxControlError('not-found', `no order ${ref}`);
    if (o.status !== 'OPEN') throw new SandboxControlError('not-open', `order ${o.id} is ${o.status}`);
    return o;
  }

  private closedWithCapture(merchantOrderId: string): StoredOrder {
    this.tick();
    const o = this.byMerchantOrderId.get(merchantOrderId);
    if (!o) throw new SwipApiFailure(404, 9, `NOT FOUND: merchantOrderId ${merchantOrderId}`);
    if (o.status !== 'CLOSED') throw new SwipApiFailure(400, 11, 'ORDER FLOW VIOLATION: only a CLOSED order can be refunded or reversed');
    if (capturedCents(o) === 0) throw new SwipApiFailure(400, 31, 'ORDER NOT PAID: SWiP holds no payment for this order');
    return o;
  }

  private refundable(o: StoredOrder): number {
    return capturedCents(o) - o.refundedCents - o.reversedCents;
  }

  private slip(o: StoredOrder, operation: 'PURCHASE (HOLD)' | 'REFUND' | 'REVERSAL', amountCents: number, at: number): string {
    const p = o.payment;
    return slipText({
      operation,
      merchantName: this.cfg.merchantName,
      merchantId: this.cfg.merchantId,
      store: o.merchantStore,
      terminalNo: p?.terminalNo ?? '',
      at,
      paymentSystem: p?.system ?? '',
      pan: p?.pan ?? '',
      amountCents,
      authorizationCode: operation === 'PURCHASE (HOLD)' ? (p?.authorizationCode ?? '') : digits(6),
      rrn: p?.rrn ?? '',
      orderNumber: p?.orderNumber ?? '',
    });
  }
}

function validation(field: string, message: string): SwipApiFailure {
  return new SwipApiFailure(400, 5, 'VALIDATION FAILED', [{ field, message, objectName: 'ConfirmOrderRequest' }]);
}
