/**
 * Wire schemas for the Smarts merchant-side purchase control (zod).
 * Facts come from shared/spec/integrations.md §1.2 and §1.5; anything marked "inferred" there is
 * marked here too. Objects are loose: Smarts may add fields, and we keep them so products can be
 * sent back unchanged in a PurchaseControlResult.
 * Money on the wire is a double in euros; it becomes cents only through ./money in this folder.
 */
import { z } from 'zod';

/** A double, or a numeric string as in the docs' Quantity example ("1.03"). */
export const WireDecimal = z.union([
  z.number(),
  z.string().trim().regex(/^[+-]?\d+(\.\d+)?$/, 'expected a decimal number'),
]);

/** Translatable: `{ originalText, translations: [{ "ET": "..." }, ...] }` (a list of single-key maps). */
export const Translatable = z.looseObject({
  originalText: z.string().max(2000),
  translations: z.array(z.record(z.string(), z.string().max(2000))).max(50).nullish(),
});

/** Quantity: unit enum (PIECE, KILOGRAM, GRAM, LITER, ...) kept as text; value a double. */
export const Quantity = z.looseObject({
  unit: z.string().min(1).max(40),
  value: WireDecimal,
});

/** VAT block of a price. Keys keep the docs' capitals: VATSum, VATRate (integer percent). */
export const Vat = z.looseObject({
  sumWithoutVAT: WireDecimal,
  VATSum: WireDecimal,
  sumWithVAT: WireDecimal,
  VATRate: z.number().int().min(0).max(100),
});

/** Addition: discount ("DSC") or markup; only "DSC" is seen in the docs. */
export const Addition = z.looseObject({
  type: z.string().max(40),
  sum: WireDecimal.nullish(),
  rate: WireDecimal.nullish(),
});

export const Price = z.looseObject({
  addition: Addition.nullish(),
  vat: Vat,
  /** Final price with addition and VAT, euros. Treated as the row total (inferred). */
  total: WireDecimal,
});

/** Inspection: `{ action?: "INSPECT"|"RESTICT", type: "MIN_AGE"|"MAX_TIME"|..., age?, time?, timezone? }`. */
export const Inspection = z.looseObject({
  type: z.string().min(1).max(40),
  action: z.string().max(40).nullish(),
  age: z.number().int().min(0).max(150).nullish(),
  time: z.string().max(40).nullish(),
  timezone: z.string().max(80).nullish(),
});

export const Campaign = z.looseObject({
  name: z.string().max(400).nullish(),
  code: z.string().max(200).nullish(),
  operation: z.string().max(2000).nullish(),
});

export const Category = z.looseObject({
  id: z.string().max(200),
  translatableName: Translatable.nullish(),
  numberOfProducts: z.number().nullish(),
  parentId: z.string().max(200).nullish(),
});

export const SmartsProduct = z.looseObject({
  id: z.string().min(1).max(200),
  barcode: z.string().max(200).nullish(),
  type: z.string().max(40).nullish(),
  translatableName: Translatable,
  translatableDescription: Translatable.nullish(),
  quantity: Quantity,
  price: Price,
  weightItem: z.boolean().nullish(),
  inspections: z.array(Inspection).max(50).nullish(),
  campaigns: z.array(Campaign).max(50).nullish(),
  categories: z.array(Category).max(50).nullish(),
});
export type SmartsProduct = z.infer<typeof SmartsProduct>;

export const LoyaltyCardRef = z.looseObject({
  id: z.string().max(200).nullish(),
  cardNumber: z.string().max(200).nullish(),
  useBonusOnPayment: z.boolean().nullish(),
});

/** POST /control/check body (Smarts → node). [V] fields; required flags partly lost in the docs. */
export const PurchaseControlCheckRequest = z.looseObject({
  invoiceId: z.string().min(1).max(200),
  langCode: z.string().min(1).max(10),
  personId: z.string().min(1).max(200),
  institutionId: z.string().min(1).max(200),
  products: z.array(SmartsProduct).max(1000),
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
  invoiceId: z.string().min(1).max(200),
  institutionId: z.string().min(1).max(200),
  products: z.array(SmartsProduct).max(1000).optional(),
  status: z.enum(WIRE_STATUSES),
});
export type PurchaseControlResult = z.infer<typeof PurchaseControlResult>;

/**
 * PurchaseControlCheckResendRequest. INFERRED: the object page was not readable; `{ invoiceId,
 * institutionId }` is our best guess (integrations.md §1.5). Correct it here when known.
 */
export const PurchaseControlCheckResendRequest = z.looseObject({
  invoiceId: z.string().min(1).max(200),
  institutionId: z.string().min(1).max(200),
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
