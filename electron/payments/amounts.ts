/** Amounts between the basket and a provider. Pure; integer cents. */
import type { Basket } from '../checkout/basket';
import { lineTotal } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import type { Adjustment, PaymentPurchase } from './port';

/** Basket lines as provider purchases (decimal conversion happens in the adapters). */
export function toPurchases(b: Basket, lang: Lang): PaymentPurchase[] {
  return b.lines.map((l) => {
    const total = lineTotal(l);
    const m = l.measure;
    const name = l.name[lang] || l.name.en;
    return m.kind === 'pieces'
      ? { name, productId: l.sku, quantity: m.count, unit: 'PIECES', priceCents: l.unitPriceCents, amountCents: total }
      : m.kind === 'weight'
        ? { name, productId: l.sku, quantity: m.grams / 1000, unit: 'KILOGRAMS', priceCents: l.unitPriceCents, amountCents: total }
        : { name, productId: l.sku, quantity: 1, unit: 'PIECES', priceCents: total, amountCents: total };
  });
}

/** What the started adjustments leave to pay: basket − discounts + rounding. */
export function dueAfter(basketTotalCents: number, adjustments: Adjustment[]): number {
  return adjustments.reduce((s, a) => (a.kind === 'discount' ? s - a.amountCents : s + a.amountCents), basketTotalCents);
}

/**
 * The adjustments that explain `dueCents`: what the provider named at creation, plus one named
 * discount line for whatever it took off since (SWiP's personal loyalty lowers `total` when the
 * customer opens the order). A provider that raised the amount gets no line: the amount due is
 * still the provider's, and the difference stays visible as the total.
 */
export function withProviderDiscount(basketTotalCents: number, started: Adjustment[], dueCents: number, label: string): Adjustment[] {
  const extra = dueAfter(basketTotalCents, started) - dueCents;
  return extra > 0 ? [...started, { kind: 'discount', description: label, amountCents: extra }] : started;
}
