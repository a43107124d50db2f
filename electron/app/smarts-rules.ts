/** The kiosk's purchase-control rules applied to Smarts carts, and the console's view of a Smarts product. */
import { decidePurchaseCheck, keyedSampler, requiredAge, type ControlRules } from '../checkout/purchase-control';
import type { SmartsCheckView } from '../ipc/view';
import { timeRestricted } from '../smarts/inspections';
import { linePrice, minAgeOf } from '../smarts/prices';
import type { ProductRules } from '../smarts/products';
import type { PurchaseControlCheckRequest, SmartsProduct } from '../smarts/schemas';

/**
 * The supervisor's verdicts. "Cancel shopping" (integrations.md §1.5 step 5: "the supervisor may
 * modify the cart or cancel shopping") has no status of its own in PurchaseControlStatus: it is
 * sent as FAILED (the customer may not pay for this cart) and audited as `smarts-cancel-shopping`.
 */
export type SmartsVerdict = 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT' | 'CANCEL_SHOPPING';

/** The same purchase-control rules as the kiosk, applied to a Smarts customer's cart. */
export function decideSmarts(req: PurchaseControlCheckRequest, rules: ControlRules, now: number) {
  const lines = req.products.map((p) => ({
    sku: p.id,
    category: p.categories?.[0]?.translatableName?.originalText?.toLowerCase() ?? '',
    ageLimit: minAgeOf([p]),
    quantity: Math.max(1, Math.round(Number(p.quantity.value))),
    totalCents: linePrice(p).totalCents,
    unit: p.weightItem ? ('weight' as const) : ('piece' as const),
  }));
  const verdict = decidePurchaseCheck({ lines, basketTotalCents: lines.reduce((s, l) => s + l.totalCents, 0), voidedLines: 0, unknownScans: 0, now }, rules, keyedSampler(rules.sampling.seed, req.invoiceId));
  // The time restriction Smarts sent with a product (MAX_TIME): past it, staff checks the cart (FULL).
  const late = req.products.flatMap((p) => {
    const r = timeRestricted(p, now, rules.timeZone);
    return r ? [{ rule: 'sale-hours' as const, sku: p.id, detail: `MAX_TIME ${r.time} (${r.timeZone})` }] : [];
  });
  return late.length ? { decision: 'FULL' as const, reasons: [...verdict.reasons, ...late] } : verdict;
}

/** Product search sees the same purchase-control rules as the kiosk. */
export function productRules(rules: ControlRules): ProductRules {
  return {
    timeZone: rules.timeZone,
    requiredAge: (p) => requiredAge(p, rules),
    saleWindow: (p) => rules.saleHours.find((w) => w.categories.includes(p.category)) ?? null,
  };
}

export function productView(p: SmartsProduct, index: number): SmartsCheckView['products'][number] {
  const quantity = Number(p.quantity.value);
  const totalCents = linePrice(p).totalCents;
  if (!Number.isFinite(quantity) || totalCents < 0) throw new RangeError(`product #${index} has an invalid quantity or price`);
  return { index, name: p.translatableName?.originalText ?? p.id, barcode: p.barcode ?? '', quantity, unit: String(p.quantity.unit), totalCents, minAge: minAgeOf([p]) };
}
