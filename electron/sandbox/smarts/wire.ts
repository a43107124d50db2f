/**
 * The Smarts wire objects as the simulator reads them from shared/spec/integrations.md (API 1),
 * written independently of the kiosk's adapter (electron/smarts): a misreading on either side
 * shows up as a failed test instead of being mirrored. Section numbers refer to integrations.md.
 * Where the reference marks a field required ("Y"), it is required here.
 */
import { z } from 'zod';

/** §1.2 Quantity → Unit enum [V]. */
export const UNIT = ['PIECE', 'LITER', 'DECILITER', 'KILOGRAM', 'GRAM', 'TON', 'METER', 'CENTIMETER', 'DECIMETER', 'PINT', 'FOOT', 'YARD', 'MILE', 'CUP', 'QUART', 'GALLON', 'POUND', 'STONE', 'INCH'] as const;

const num = z.number().finite();
/** The docs' Quantity example has the string "1.03" while the page says double: both read. */
const double = z.union([num, z.string().regex(/^-?\d+(\.\d+)?$/)]);

/** §1.2 Translatable [V-ex]: a list of single-key maps. */
export const WTranslatable = z.object({
  originalText: z.string(),
  translations: z.array(z.record(z.string(), z.string()).refine((m) => Object.keys(m).length === 1, 'one language per entry')).nullable().optional(),
});

export const WQuantity = z.object({ unit: z.enum(UNIT), value: double });

/** §1.2 VAT [V]: all four required; VATRate an Integer percent. */
export const WVat = z.object({ sumWithoutVAT: double, VATSum: double, sumWithVAT: double, VATRate: z.number().int() });

/** §1.2 Addition [V-ex]. */
export const WAddition = z.object({ type: z.string(), sum: double.nullable().optional(), rate: double.nullable().optional() });

/** §1.2 Price [V]: vat and total required, addition optional. */
export const WPrice = z.object({ addition: WAddition.nullable().optional(), vat: WVat, total: double });

export const WInspection = z.object({
  action: z.string().optional(),
  type: z.string(),
  age: z.number().int().optional(),
  time: z.string().regex(/^\d{2}:\d{2}:\d{2}$/).optional(),
  timezone: z.string().optional(),
});

export const WCategory = z.object({ id: z.string(), translatableName: WTranslatable.nullable().optional(), numberOfProducts: z.number().int().nullable().optional(), parentId: z.string().nullable().optional() });

/** §1.2 Product [V-ex]: the example's fields. */
export const WProduct = z.object({
  id: z.string().min(1),
  barcode: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  translatableName: WTranslatable,
  translatableDescription: WTranslatable.nullable().optional(),
  quantity: WQuantity,
  price: WPrice,
  weightItem: z.boolean().nullable().optional(),
  information: z.object({ imageUrl: z.string().nullable().optional() }).nullable().optional(),
  inspections: z.array(WInspection).nullable().optional(),
  campaigns: z.array(z.object({ name: z.string().nullable().optional(), code: z.string().nullable().optional(), operation: z.string().nullable().optional() })).nullable().optional(),
  subProducts: z.unknown().optional(),
  categories: z.array(WCategory).nullable().optional(),
});
export type WProduct = z.infer<typeof WProduct>;

/** §1.2 Pageable<T> [V-ex]. */
export const WPageable = z.object({ result: z.array(WProduct), lastPage: z.number().int().min(0), totalCount: z.number().int().min(0) });

/** §1.5 PurchaseControlCheckRequest [V] (the same body as §1.4 CreateReceiptRequest). */
export const WCheckRequest = z.object({
  invoiceId: z.string().min(1),
  langCode: z.string(),
  personId: z.string(),
  institutionId: z.string(),
  products: z.array(WProduct),
  shipment: z.record(z.string(), z.unknown()).nullable().optional(),
  loyaltyCards: z.array(z.object({ id: z.string().optional(), cardNumber: z.string().optional(), useBonusOnPayment: z.boolean().optional() })).nullable().optional(),
});
export type WCheckRequest = z.infer<typeof WCheckRequest>;

/** §1.5 PurchaseControlCheckResponse [V]. */
export const WCheckResponse = z.object({ decision: z.enum(['NO', 'AGE', 'FULL']) });

/** §1.5 PurchaseControlStatus, "EXIPRED" as the docs spell it. */
export const WStatus = z.enum(['PASSED', 'FAILED', 'PENDING', 'EXIPRED', 'FAILED_ALLOW_PAYMENT']);

/** §1.5 PurchaseControlResult [V]: products only when the supervisor changed the cart. */
export const WResult = z.object({ invoiceId: z.string().min(1), institutionId: z.string().min(1), products: z.array(WProduct).optional(), status: WStatus });
export type WResult = z.infer<typeof WResult>;

/** §1.5 PurchaseControlCheckResendRequest [I]: { invoiceId, institutionId }. */
export const WResendRequest = z.object({ invoiceId: z.string().min(1), institutionId: z.string().min(1) });
export type WResendRequest = z.infer<typeof WResendRequest>;

/** §1.4 ReceiptProduct [V]: all required but categories. */
export const WReceiptProduct = z.object({
  id: z.string(),
  barcode: z.string(),
  productName: z.string(),
  amount: num,
  rowPrice: num,
  categories: z.array(z.object({ id: z.string(), name: z.string() })).nullable().optional(),
});

/** §1.4 Receipt [V]. */
export const WReceipt = z.object({
  institutionInvoiceId: z.string().min(1),
  invoiceId: z.string().min(1),
  institutionId: z.string(),
  customerId: z.string(),
  products: z.array(WReceiptProduct),
  loyaltyCards: z.array(z.unknown()).nullable().optional(),
  shipment: z.unknown().optional(),
  currency: z.string(),
  totalWithoutAddition: num,
  additionSum: num,
  totalWithoutVAT: num,
  vatSum: num,
  total: num,
});
export type WReceipt = z.infer<typeof WReceipt>;

/** §1.6 loyalty answers: their fields are not in the reference; any JSON object is accepted. */
export const WAnyObject = z.record(z.string(), z.unknown());

/** §1.7 "response void": an empty body (read as text ""), or nothing at all. */
export const WVoid = z.union([z.literal(''), z.undefined(), z.null()]);

/** §1.7 pickup order status update (PickupOrderStatusChangeRequest N/A), the simulator's reading. */
export const WPickupStatus = z.object({ id: z.string().min(1), status: z.string().min(1), resolverId: z.string().optional() });

/** Dotted issue paths for a 400 answer. */
export function issuesOf(e: z.ZodError): Array<{ path: string; message: string }> {
  return e.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
