/**
 * SwipClient: the SWiP POS API v3 calls the kiosk needs. Cents in, cents out; the wire's
 * decimal euros exist only inside this file (via money.ts).
 */
import { centsToDecimal } from '../../checkout/money';
import type { Log } from '../../log';
import { SwipError } from './errors';
import {
  describeIssues,
  loyaltySchema,
  operationSchema,
  orderSchema,
  toLoyalty,
  toOperation,
  toOrder,
} from './schemas';
import { SwipTransport, type SwipCall } from './transport';
import type { z } from 'zod';
import type {
  SwipConfig,
  SwipCreateOrder,
  SwipLoyaltyResult,
  SwipOperationResult,
  SwipOrder,
  SwipPurchase,
} from './types';

/** `posType` when the configuration names none (see SwipConfig.posType). */
export const DEFAULT_POS_TYPE = 'KASSA';

/** A fresh merchantOrderId (UUID v4). Never reuse one: SWiP refuses it with code 28 forever. */
export function newMerchantOrderId(): string {
  return crypto.randomUUID();
}

export class SwipClient {
  private readonly http: SwipTransport;

  constructor(
    private readonly cfg: SwipConfig,
    log: Log,
    fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {
    this.http = new SwipTransport(cfg, log, fetchImpl);
  }

  /**
   * POST /orders. Retried only when nothing reached SWiP (connection refused) or on 429.
   * After a network error or timeout the order may exist: code 28 on a re-create proves it.
   */
  async createOrder(o: SwipCreateOrder): Promise<SwipOrder> {
    const body: Record<string, unknown> = {
      merchantOrderId: o.merchantOrderId,
      merchantCashier: o.cashier,
      saleDate: o.saleDate,
      total: centsToDecimal(o.totalCents),
      totalOriginal: centsToDecimal(o.totalOriginalCents),
      purchases: o.purchases.map(purchaseToWire),
    };
    if (o.merchantOrderNumber !== undefined) body.merchantOrderNumber = o.merchantOrderNumber;
    if (o.cashierId !== undefined) body.merchantCashierId = o.cashierId;
    if (o.sessionCode !== undefined) body.sessionCode = o.sessionCode;
    body.posType = this.cfg.posType ?? DEFAULT_POS_TYPE;
    return this.order({ method: 'POST', path: '/orders', body, policy: 'create', merchantOrderId: o.merchantOrderId });
  }

  /** GET /orders/{id} (id: SWiP's order id). Read-only: retried on network errors, timeouts, 5xx, 429. */
  getOrder(id: string): Promise<SwipOrder> {
    return this.order({ method: 'GET', path: orderPath(id), policy: 'read' });
  }

  /**
   * POST /orders/{id}/actions/close with the amount to capture (cents). Once only.
   * `rounded` adds tags ["ROUNDED"] (alternative payment, at most one cent off the total).
   */
  closeOrder(id: string, amountCents: number, opts: { rounded?: boolean } = {}): Promise<SwipOrder> {
    const body: Record<string, unknown> = { amount: centsToDecimal(amountCents) };
    if (opts.rounded) body.tags = ['ROUNDED'];
    return this.order({ method: 'POST', path: `${orderPath(id)}/actions/close`, body, policy: 'once' });
  }

  /** Cancels an order: close with {amount: 0}, or with no body at all when `noBody`. A held payment is released. */
  cancelOrder(id: string, opts: { noBody?: boolean } = {}): Promise<SwipOrder> {
    const call: SwipCall = { method: 'POST', path: `${orderPath(id)}/actions/close`, policy: 'once' };
    if (!opts.noBody) call.body = { amount: 0 };
    return this.order(call);
  }

  /** POST /refunds: returns captured money of a CLOSED order, whole or in part (cents). */
  async refund(merchantOrderId: string, amountCents: number): Promise<SwipOperationResult> {
    const body = { amount: centsToDecimal(amountCents), merchantId: this.cfg.merchantId, merchantOrderId };
    const json = await this.http.send({ method: 'POST', path: '/refunds', body, policy: 'once', merchantOrderId });
    return toOperation(parse(operationSchema, json, 'POST', '/refunds'));
  }

  /** POST /reverses: cancels a CLOSED order's payment before capture; all of it when amount is omitted. */
  async reverse(merchantOrderId: string, amountCents?: number): Promise<SwipOperationResult> {
    const body: Record<string, unknown> = { merchantId: this.cfg.merchantId, merchantOrderId };
    if (amountCents !== undefined) body.amount = centsToDecimal(amountCents);
    const json = await this.http.send({ method: 'POST', path: '/reverses', body, policy: 'once', merchantOrderId });
    return toOperation(parse(operationSchema, json, 'POST', '/reverses'));
  }

  /** POST /loyalty-calculations: the anonymous discount for a basket (read-only, retried like GET). */
  async loyaltyCalculation(merchantOrderId: string, purchases: SwipPurchase[], totalCents: number): Promise<SwipLoyaltyResult> {
    const body = { merchantOrderId, purchases: purchases.map(purchaseToWire), total: centsToDecimal(totalCents) };
    const json = await this.http.send({ method: 'POST', path: '/loyalty-calculations', body, policy: 'read', merchantOrderId });
    return toLoyalty(parse(loyaltySchema, json, 'POST', '/loyalty-calculations'));
  }

  private async order(call: SwipCall): Promise<SwipOrder> {
    const json = await this.http.send(call);
    return toOrder(parse(orderSchema, json, call.method, call.path));
  }
}

function orderPath(id: string): string {
  return `/orders/${encodeURIComponent(id)}`;
}

function purchaseToWire(p: SwipPurchase): Record<string, unknown> {
  return {
    productId: p.productId,
    name: p.name,
    quantity: p.quantity,
    unit: p.unit,
    price: centsToDecimal(p.priceCents),
    amount: centsToDecimal(p.amountCents),
  };
}

function parse<S extends z.ZodType>(schema: S, json: unknown, method: string, path: string): z.output<S> {
  const r = schema.safeParse(json);
  if (!r.success) throw new SwipError({ type: 'invalid-response', method, path, detail: describeIssues(r.error) });
  return r.data;
}
