/**
 * Wire schemas for the Smarts merchant-side purchase control (zod).
 * Facts come from shared/spec/integrations.md §1.2 and §1.5; anything marked "inferred" there is
 * marked here too. Objects are loose: Smarts may add fields, and we keep them so products can be
 * sent back unchanged in a PurchaseControlResult.
 * Money on the wire is a double in euros; it becomes cents only through ./prices in this folder.
 *
 * Ranges (the node refuses anything outside them with 400, before anything is stored):
 * - amounts: 0 ≤ x ≤ MAX_AMOUNT (1,000,000.00 €) per price field, and a basket total ≤ MAX_AMOUNT;
 *   discounts are positive sums (Addition.sum ≥ 0), never negative prices;
 * - quantities: 0 < x ≤ MAX_QUANTITY (100,000 in the product's unit), whole numbers for PIECE;
 * - product ids unique within a request; at most 1000 products;
 * - every known string bounded and free of C0/C1 control characters and bidi overrides/isolates
 *   (U+202A–U+202E, U+2066–U+2069).
 */
import { z } from 'zod';

/** Largest amount (euros) accepted in any price field and for a basket total: 1,000,000.00 €. */
export const MAX_AMOUNT = 1_000_000;
/** Largest amount in cents (MAX_AMOUNT × 100). */
export const MAX_AMOUNT_CENTS = MAX_AMOUNT * 100;
/** Largest quantity in a product's own unit (pieces, kilograms, ...). */
export const MAX_QUANTITY = 100_000;

/** C0 and C1 control characters, bidi embeddings/overrides (U+202A–202E) and isolates (U+2066–2069). */
export const FORBIDDEN_CHARS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A bounded string without control or bidi-override characters. */
export function safeText(max: number, min = 0) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !FORBIDDEN_CHARS.test(s), { message: 'contains control or bidi-override characters' });
}

/** A double, or a numeric string as in the docs' Quantity example ("1.03"). */
export const WireDecimal = z.union([
  z.number(),
  z.string().trim().max(32).regex(/^[+-]?\d+(\.\d+)?$/, 'expected a decimal number'),
]);

/** The numeric value of a WireDecimal (a finite number, or NaN when it is not one). */
export function wireNumber(v: number | string): number {
  return typeof v === 'number' ? v : Number(v);
}

/** An amount in euros: 0 ≤ x ≤ MAX_AMOUNT. Kept as sent (number or numeric string). */
export const WireAmount = WireDecimal.refine(
  (v) => {
    const n = wireNumber(v);
    return Number.isFinite(n) && n >= 0 && n <= MAX_AMOUNT;
  },
  { message: `amount must be between 0 and ${MAX_AMOUNT}` },
);

/** Unit enum from the Quantity page [V]. */
export const UNITS = [
  'PIECE', 'LITER', 'DECILITER', 'KILOGRAM', 'GRAM', 'TON', 'METER', 'CENTIMETER', 'DECIMETER', 'PINT',
  'FOOT', 'YARD', 'MILE', 'CUP', 'QUART', 'GALLON', 'POUND', 'STONE', 'INCH',
] as const;
export type Unit = (typeof UNITS)[number];

/** Translatable: `{ originalText, translations: [{ "ET": "..." }, ...] }` (a list of single-key maps). */
export const Translatable = z.looseObject({
  originalText: safeText(2000),
  translations: z.array(z.record(safeText(10), safeText(2000))).max(50).nullish(),
});

/** Quantity: unit from the documented enum; value > 0 and ≤ MAX_QUANTITY, whole for PIECE. */
export const Quantity = z
  .looseObject({
    unit: z.enum(UNITS),
    value: WireDecimal,
  })
  .superRefine((q, ctx) => {
    const n = wireNumber(q.value);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_QUANTITY) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `quantity must be > 0 and ≤ ${MAX_QUANTITY}` });
    } else if (q.unit === 'PIECE' && !Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a PIECE quantity must be a whole number' });
    }
  });

/** VAT block of a price. Keys keep the docs' capitals: VATSum, VATRate (integer percent). */
export const Vat = z.looseObject({
  sumWithoutVAT: WireAmount,
  VATSum: WireAmount,
  sumWithVAT: WireAmount,
  VATRate: z.number().int().min(0).max(100),
});

/** Addition: discount ("DSC") or markup; only "DSC" is seen in the docs. Sums are ≥ 0. */
export const Addition = z.looseObject({
  type: safeText(40),
  sum: WireAmount.nullish(),
  rate: WireDecimal.refine((v) => {
    const n = wireNumber(v);
    return Number.isFinite(n) && n >= 0 && n <= 100;
  }, 'rate must be a percent between 0 and 100').nullish(),
});

export const Price = z.looseObject({
  addition: Addition.nullish(),
  vat: Vat,
  /** Final price with addition and VAT, euros. Treated as the row total (inferred). */
  total: WireAmount,
});

/** Inspection: `{ action?: "INSPECT"|"RESTICT", type: "MIN_AGE"|"MAX_TIME"|..., age?, time?, timezone? }`. */
export const Inspection = z.looseObject({
  type: safeText(40, 1),
  action: safeText(40).nullish(),
  age: z.number().int().min(0).max(150).nullish(),
  time: safeText(40).nullish(),
  timezone: safeText(80).nullish(),
});

export const Campaign = z.looseObject({
  name: safeText(400).nullish(),
  code: safeText(200).nullish(),
  operation: safeText(2000).nullish(),
});

export const Category = z.looseObject({
  id: safeText(200),
  translatableName: Translatable.nullish(),
  numberOfProducts: z.number().int().min(0).max(100_000_000).nullish(),
  parentId: safeText(200).nullish(),
});

export const SmartsProduct = z.looseObject({
  id: safeText(200, 1),
  barcode: safeText(200).nullish(),
  type: safeText(40).nullish(),
  translatableName: Translatable,
  translatableDescription: Translatable.nullish(),
  quantity: Quantity,
  price: Price,
  weightItem: z.boolean().nullish(),
  information: z.looseObject({ imageUrl: safeText(2000).nullish() }).nullish(),
  inspections: z.array(Inspection).max(50).nullish(),
  campaigns: z.array(Campaign).max(50).nullish(),
  categories: z.array(Category).max(50).nullish(),
});
export type SmartsProduct = z.infer<typeof SmartsProduct>;

/** A cart: at most 1000 products, unique ids, total of `price.total` ≤ MAX_AMOUNT. */
export const SmartsCart = z
  .array(SmartsProduct)
  .max(1000)
  .superRefine((products, ctx) => {
    const seen = new Map<string, number>();
    let totalCents = 0;
    products.forEach((p, i) => {
      const first = seen.get(p.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate product id (also at products.${first})` });
      else seen.set(p.id, i);
      totalCents += Math.round(wireNumber(p.price.total) * 100);
    });
    if (totalCents > MAX_AMOUNT_CENTS) ctx.addIssue({ code: 'custom', path: [], message: `basket total exceeds ${MAX_AMOUNT}` });
  });

export const LoyaltyCardRef = z.looseObject({
  id: safeText(200).nullish(),
  cardNumber: safeText(200).nullish(),
  useBonusOnPayment: z.boolean().nullish(),
});

/** LangCode: only "ET" is seen in the docs; two to ten letters accepted, unknown ones read as English. */
export const LangCode = z.string().regex(/^[A-Za-z]{2,10}$/, 'expected a language code such as "ET"');

/** POST /control/check body (Smarts → node). [V] fields; required flags partly lost in the docs. */
export const PurchaseControlCheckRequest = z.looseObject({
  invoiceId: safeText(200, 1),
  langCode: LangCode,
  personId: safeText(200, 1),
  institutionId: safeText(200, 1),
  products: SmartsCart,
  shipment: z.looseObject({}).nullish(),
  loyaltyCards: z.array(LoyaltyCardRef).max(50).nullish(),
});
export type PurchaseControlCheckRequest = z.infer<typeof PurchaseControlCheckRequest>;

export const DECISIONS = ['NO', 'AGE', 'FULL'] as const;
export type PurchaseDecision = (typeof DECISIONS)[number];

/** Answer to POST /control/check. */
export const PurchaseControlCheckResponse = z.object({ decision: z.enum(DECISIONS) });
export type PurchaseControlCheckResponse = z.infer<typeof PurchaseControlCheckResponse>;

/** Wire status; "EXIPRED" is the docs' spelling and is kept on the wire. */
export const WIRE_STATUSES = ['PASSED', 'FAILED', 'PENDING', 'EXIPRED', 'FAILED_ALLOW_PAYMENT'] as const;
export type WireStatus = (typeof WIRE_STATUSES)[number];

/** PurchaseControlResult (node → gateway). `products` only when the supervisor changed the cart. */
export const PurchaseControlResult = z.looseObject({
  invoiceId: safeText(200, 1),
  institutionId: safeText(200, 1),
  products: SmartsCart.optional(),
  status: z.enum(WIRE_STATUSES),
});
export type PurchaseControlResult = z.infer<typeof PurchaseControlResult>;

/**
 * PurchaseControlCheckResendRequest. INFERRED: the object page was not readable; `{ invoiceId,
 * institutionId }` is our best guess (integrations.md §1.5). Correct it here when known.
 */
export const PurchaseControlCheckResendRequest = z.looseObject({
  invoiceId: safeText(200, 1),
  institutionId: safeText(200, 1),
});
export type PurchaseControlCheckResendRequest = z.infer<typeof PurchaseControlCheckResendRequest>;

/** Our status of a stored check (column smarts_checks.status). */
export type CheckStatus = 'pending' | 'passed' | 'failed' | 'failed_allow_payment' | 'expired' | 'not-required';
/** The outcomes a supervisor can record. */
export type ResolveStatus = 'passed' | 'failed' | 'failed_allow_payment';

const TO_WIRE: Record<Exclude<CheckStatus, 'not-required'>, WireStatus> = {
  pending: 'PENDING',
  passed: 'PASSED',
  failed: 'FAILED',
  failed_allow_payment: 'FAILED_ALLOW_PAYMENT',
  expired: 'EXIPRED',
};

export function statusToWire(s: Exclude<CheckStatus, 'not-required'>): WireStatus {
  return TO_WIRE[s];
}

export function statusFromWire(s: WireStatus): Exclude<CheckStatus, 'not-required'> {
  const found = (Object.keys(TO_WIRE) as Array<keyof typeof TO_WIRE>).find((k) => TO_WIRE[k] === s);
  if (!found) throw new Error(`unknown wire status ${s}`);
  return found;
}

/** One validation problem, as the node answers it: `path` is dotted ("products.0.price.total"). */
export interface Issue {
  path: string;
  message: string;
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 50).map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
}
