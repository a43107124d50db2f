/** The sandbox's JSON answers in SWiP's wire format (decimal euros, the full Order object). */
import { toDecimal as centsToDecimal } from './money';
import type { LoyaltyOutcome } from './loyalty';
import type { StoredOrder } from './order-model';

export interface MerchantFacts {
  merchantId: string;
  merchantName: string;
}

export function orderToWire(o: StoredOrder, m: MerchantFacts): Record<string, unknown> {
  const p = o.payment;
  return {
    apiVersion: 3,
    authorizationCode: p?.authorizationCode ?? null,
    cash: o.alternative,
    closeAmount: centsToDecimal(o.closeAmountCents),
    // "Indicated after the order closing": only a closed order paid in the app names its customer.
    customerId: p && o.status === 'CLOSED' && o.closeAmountCents > 0 ? '00000000-0000-4000-8000-000000000001' : null,
    discountCard: null,
    error: o.error,
    id: o.id,
    merchantCash: o.merchantCash,
    merchantCashier: o.merchantCashier,
    merchantCashierId: o.merchantCashierId,
    merchantCategory: 'Grocery',
    merchantCommission: 0,
    merchantDiscount: 0,
    merchantId: m.merchantId,
    merchantName: m.merchantName,
    merchantOrderId: o.merchantOrderId,
    merchantOrderNumber: o.merchantOrderNumber,
    merchantProfileImageId: null,
    merchantStore: o.merchantStore,
    orderNumber: p?.orderNumber ?? null,
    orderStatus: o.status,
    paid: centsToDecimal(o.paidCents),
    pan: p?.pan ?? null,
    paymentMethod: p?.method ?? null,
    paymentSystem: p?.system ?? null,
    purchases: o.purchases.map((l) => ({
      id: l.id,
      discount: centsToDecimal(l.discountCents),
      name: l.name,
      parentId: l.parentId ?? null,
      productId: l.productId ?? null,
      quantity: l.quantity,
      unit: l.unit ?? null,
      price: centsToDecimal(l.price),
      amount: centsToDecimal(l.amount),
    })),
    // Money given back to the customer after close: refunds and reversals together.
    refunded: centsToDecimal(o.refundedCents + o.reversedCents),
    rrn: p?.rrn ?? null,
    saleDate: o.saleDate,
    sessionCode: o.sessionCode,
    slip: p?.slip ?? null,
    swipDiscount: centsToDecimal(o.swipDiscountCents),
    terminalNo: p?.terminalNo ?? null,
    total: centsToDecimal(o.totalCents),
    totalOriginal: centsToDecimal(o.totalOriginalCents),
    unconfirmed: centsToDecimal(o.unconfirmedCents),
  };
}

export function operationToWire(slip: string): Record<string, unknown> {
  return { status: 'SUCCESS', slip, description: null, code: 0 };
}

export function loyaltyToWire(r: LoyaltyOutcome): Record<string, unknown> {
  return {
    discountCalcResult: {
      discountOriginal: centsToDecimal(r.discountOriginalCents),
      discount: centsToDecimal(r.discountCents),
      lines: r.lines.map((l) => ({ programId: l.programId, description: l.description, discount: centsToDecimal(l.discountCents) })),
    },
    totalBeforeCalc: centsToDecimal(r.totalBeforeCents),
    total: centsToDecimal(r.totalCents),
  };
}

export function errorToWire(code: number, description: string, fieldErrors: unknown[] = []): Record<string, unknown> {
  return { code, description, fieldErrors };
}
