/**
 * Request bodies the sandbox accepts, validated like the SWiP server: doubles as JSON numbers
 * (numeric strings tolerated), amounts turned into cents, failures as documented fieldErrors.
 */
import { z } from 'zod';
import { divRound, toCents as decimalToCents } from './money';

export interface FieldError {
  field: string;
  message: string;
  objectName: string;
}

/** A SWiP error answer: HTTP status + the documented error object. */
export class SwipApiFailure extends Error {
  readonly kind = 'SwipApiFailure';
  constructor(
    readonly status: number,
    readonly code: number,
    readonly description: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(description);
  }
}

const amount = z.union([z.number(), z.string()]).transform((v, ctx) => {
  try {
    const cents = decimalToCents(v);
    if (cents < 0) throw new Error('negative');
    return cents;
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `must be a non-negative decimal amount (${(e as Error).message})` });
    return z.NEVER;
  }
});

/** Quantity in thousandths (pieces ×1000, grams for kg): integer math for the checks below. */
export function quantityMilli(q: number): number {
  return Math.round(q * 1000);
}

const purchase = z.object({
  id: z.string().nullish(),
  name: z.string().min(1),
  parentId: z.string().nullish(),
  productId: z.string().nullish(),
  quantity: z.number().positive(),
  unit: z.enum(['PIECES', 'KILOGRAMS', 'LITERS']).nullish(),
  price: amount,
  amount: amount,
  mrp: amount.nullish(),
});
export type PurchaseRequest = z.output<typeof purchase>;

/** Line amount must be price × quantity within one cent (the POS rounds each line once). */
function checkLines(purchases: PurchaseRequest[], ctx: z.RefinementCtx): number {
  let sum = 0;
  purchases.forEach((p, i) => {
    sum += p.amount;
    const expected = divRound(p.price * quantityMilli(p.quantity), 1000);
    if (Math.abs(expected - p.amount) > 1) {
      ctx.addIssue({ code: 'custom', path: ['purchases', i, 'amount'], message: `must be price × quantity (${expected} cents), got ${p.amount} cents` });
    }
  });
  return sum;
}

export const createOrderRequest = z
  .object({
    merchantOrderId: z.string().min(1),
    merchantOrderNumber: z.union([z.string(), z.number()]).nullish(),
    merchantCashier: z.string().min(1),
    merchantCashierId: z.string().nullish(),
    saleDate: z.number().int().nonnegative(),
    total: amount,
    totalOriginal: amount,
    purchases: z.array(purchase).min(1),
    sessionCode: z.string().nullish(),
    guests: z.number().int().nullish(),
    // Marked required by the document (its list of values is empty): any non-empty text.
    posType: z.string({ error: 'is required' }).trim().min(1, 'must not be empty'),
    positionalDiscount: z.boolean().nullish(),
  })
  .superRefine((o, ctx) => {
    if (o.total > o.totalOriginal) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'must not exceed totalOriginal' });
    }
    const sum = checkLines(o.purchases, ctx);
    // Each line may be off by one cent from exact price × quantity, so the sum may drift by one per line.
    if (Math.abs(sum - o.totalOriginal) > o.purchases.length) {
      ctx.addIssue({ code: 'custom', path: ['totalOriginal'], message: `must equal the sum of purchase amounts (${sum} cents)` });
    }
  });
export type CreateOrderRequest = z.output<typeof createOrderRequest>;

export const closeOrderRequest = z
  .object({
    amount: amount.nullish(),
    tags: z.array(z.string()).nullish(),
  })
  .superRefine((o, ctx) => {
    (o.tags ?? []).forEach((t, i) => {
      if (t !== 'ROUNDED') ctx.addIssue({ code: 'custom', path: ['tags', i], message: `unknown tag ${JSON.stringify(t)}` });
    });
  });
export type CloseOrderRequest = z.output<typeof closeOrderRequest>;

export const refundRequest = z.object({
  amount: amount.refine((c) => c > 0, 'must be above zero'),
  merchantId: z.string().min(1),
  merchantOrderId: z.string().min(1),
});

export const reverseRequest = z.object({
  amount: amount.refine((c) => c > 0, 'must be above zero').nullish(),
  merchantId: z.string().min(1),
  merchantOrderId: z.string().min(1),
});

export const loyaltyRequest = z
  .object({
    merchantOrderId: z.string().min(1),
    purchases: z.array(purchase).min(1),
    total: amount,
  })
  .superRefine((o, ctx) => {
    checkLines(o.purchases, ctx);
  });
export type LoyaltyRequest = z.output<typeof loyaltyRequest>;

/** Parses a body or throws the documented 400 / code 5 VALIDATION FAILED with fieldErrors. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, objectName: string): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const fieldErrors = r.error.issues.map((i) => ({
    field: i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') || objectName,
    message: i.message,
    objectName,
  }));
  throw new SwipApiFailure(400, 5, 'VALIDATION FAILED', fieldErrors);
}
