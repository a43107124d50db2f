/**
 * zod schemas of SWiP responses and their mapping to cents. Tolerant the way the document
 * asks: unknown fields are ignored, doubles may be numbers or numeric strings, optional
 * fields may be null or missing. Anything else is an invalid response naming the field.
 */
import { z } from 'zod';
import { decimalToCents } from '../../checkout/money';
import type { SwipLoyaltyResult, SwipOperationResult, SwipOrder } from './types';

const money = z.union([z.number(), z.string()]).transform((v, ctx) => {
  try {
    return decimalToCents(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `expected a decimal amount, got ${JSON.stringify(v)} (${(e as Error).message})` });
    return z.NEVER;
  }
});
const optionalMoney = money.nullish().transform((v) => v ?? 0);
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === undefined || v === null ? null : String(v)));
const optionalFlag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .nullish()
  .transform((v) => (v === undefined || v === null ? null : v === true || v === 'true'));
const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));

export const orderSchema = z.object({
  id: z.string().min(1),
  merchantOrderId: z.string().min(1),
  orderStatus: z.string().min(1),
  total: money,
  totalOriginal: money,
  paid: optionalMoney,
  unconfirmed: optionalMoney,
  closeAmount: optionalMoney,
  refunded: optionalMoney,
  sessionCode: optionalText,
  orderNumber: optionalText,
  paymentMethod: optionalText,
  paymentSystem: optionalText,
  pan: optionalText,
  authorizationCode: optionalText,
  slip: optionalText,
  rrn: optionalText,
  cash: optionalFlag,
  error: optionalText,
});

export function toOrder(o: z.output<typeof orderSchema>): SwipOrder {
  return {
    id: o.id,
    merchantOrderId: o.merchantOrderId,
    status: o.orderStatus === 'OPEN' || o.orderStatus === 'CLOSED' ? o.orderStatus : 'UNKNOWN',
    rawStatus: o.orderStatus,
    totalCents: o.total,
    totalOriginalCents: o.totalOriginal,
    paidCents: o.paid,
    unconfirmedCents: o.unconfirmed,
    closeAmountCents: o.closeAmount,
    refundedCents: o.refunded,
    sessionCode: o.sessionCode,
    orderNumber: o.orderNumber,
    paymentMethod: o.paymentMethod,
    paymentSystem: o.paymentSystem,
    pan: o.pan,
    authorizationCode: o.authorizationCode,
    slip: o.slip,
    rrn: o.rrn,
    cash: o.cash,
    error: o.error,
  };
}

export const operationSchema = z.object({
  status: z.enum(['SUCCESS', 'FAIL']),
  slip: optionalText,
  description: optionalText,
  code: integer.nullish().transform((v) => v ?? null),
});

export function toOperation(o: z.output<typeof operationSchema>): SwipOperationResult {
  return { status: o.status, slip: o.slip, description: o.description, code: o.code };
}

export const loyaltySchema = z.object({
  discountCalcResult: z.object({
    discountOriginal: optionalMoney,
    discount: optionalMoney,
    lines: z
      .array(z.object({ programId: integer, description: optionalText, discount: optionalMoney }))
      .nullish()
      .transform((v) => v ?? []),
  }),
  totalBeforeCalc: money,
  total: money,
});

export function toLoyalty(o: z.output<typeof loyaltySchema>): SwipLoyaltyResult {
  return {
    discountOriginalCents: o.discountCalcResult.discountOriginal,
    discountCents: o.discountCalcResult.discount,
    lines: o.discountCalcResult.lines.map((l) => ({ programId: l.programId, description: l.description ?? '', discountCents: l.discount })),
    totalBeforeCents: o.totalBeforeCalc,
    totalCents: o.total,
  };
}

/** The error body: `{ code, description, fieldErrors[] }` or the `{ "@type", code, timestamp }` variant. */
export const errorBodySchema = z.object({
  code: z.unknown(),
  description: z.string().nullish(),
  message: z.string().nullish(),
  '@type': z.string().nullish(),
  fieldErrors: z
    .array(
      z.object({
        field: optionalText,
        message: optionalText,
        objectName: optionalText,
      }),
    )
    .nullish(),
});

/** "paid: expected a decimal amount; total: Invalid input ..." */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `field '${i.path.length ? i.path.join('.') : '(body)'}': ${i.message}`)
    .join('; ');
}
