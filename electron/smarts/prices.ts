/**
 * The only place where Smarts' euro doubles meet Kassa's integer cents.
 * Smarts' Price is read as the row price (quantity already applied): inferred, the docs do not say.
 */
import { centsToDecimal, decimalToCents, divRound, type Cents } from '../checkout/money';
import { LANGS, type Lang } from '../checkout/lang';
import type { PurchaseControlCheckRequest, SmartsProduct } from './schemas';

/** A product's price in Kassa units: cents, VAT rate in basis points. */
export interface SmartsLinePrice {
  /** Final row price with addition and VAT, cents. */
  totalCents: Cents;
  sumWithVATCents: Cents;
  sumWithoutVATCents: Cents;
  vatSumCents: Cents;
  /** VAT rate in basis points (Smarts' integer percent × 100). */
  vatRateBp: number;
}

export function linePrice(p: SmartsProduct): SmartsLinePrice {
  return {
    totalCents: decimalToCents(p.price.total),
    sumWithVATCents: decimalToCents(p.price.vat.sumWithVAT),
    sumWithoutVATCents: decimalToCents(p.price.vat.sumWithoutVAT),
    vatSumCents: decimalToCents(p.price.vat.VATSum),
    vatRateBp: p.price.vat.VATRate * 100,
  };
}

/** Basket total in cents: the sum of the products' `price.total`. */
export function basketTotalCents(req: Pick<PurchaseControlCheckRequest, 'products'>): Cents {
  return req.products.reduce((sum, p) => sum + decimalToCents(p.price.total), 0);
}

/** Highest MIN_AGE inspection in the basket, or null when none. */
export function minAgeOf(products: readonly SmartsProduct[]): number | null {
  let age: number | null = null;
  for (const p of products) {
    for (const i of p.inspections ?? []) {
      if (i.type === 'MIN_AGE' && typeof i.age === 'number') age = Math.max(age ?? 0, i.age);
    }
  }
  return age;
}

/** Smarts LangCode ("ET", "EN", ...) to our Lang; unknown codes fall back to English. */
export function langFromWire(code: string): Lang {
  const l = code.trim().toLowerCase();
  return (LANGS as readonly string[]).includes(l) ? (l as Lang) : 'en';
}

/**
 * A wire Price for a row: gross in cents (VAT included), VAT rate in basis points (must be a whole
 * percent, as Smarts' VATRate is an integer), optional discount in cents.
 */
export function wirePrice(grossCents: Cents, vatRateBp: number, discountCents: Cents = 0): SmartsProduct['price'] {
  if (vatRateBp % 100 !== 0) throw new RangeError(`Smarts VATRate is a whole percent, got ${vatRateBp} bp`);
  const withVat = grossCents - discountCents;
  const withoutVat = divRound(withVat * 10_000, 10_000 + vatRateBp);
  return {
    ...(discountCents > 0 ? { addition: { type: 'DSC', sum: centsToDecimal(discountCents), rate: null } } : {}),
    vat: {
      sumWithoutVAT: centsToDecimal(withoutVat),
      VATSum: centsToDecimal(withVat - withoutVat),
      sumWithVAT: centsToDecimal(withVat),
      VATRate: vatRateBp / 100,
    },
    total: centsToDecimal(withVat),
  };
}

/** Cents → the euro double Smarts' wire uses (two decimals, exact for every cent value). */
export function centsToWire(cents: Cents): number {
  return centsToDecimal(cents);
}

/** A euro double from Smarts' wire (or our own stored receipt) → cents. */
export function wireToCents(x: number): Cents {
  return decimalToCents(x);
}
