import type { Basket } from './basket';
import { lineTotal } from './basket';
import { divRound, type Cents } from './money';

/** One row of the VAT summary. Prices are VAT-inclusive, so gross is what the customer pays. */
export interface VatRow {
  rateBp: number;
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
}

/** A money-off line (loyalty discount). amountCents is positive. */
export interface Discount {
  description: string;
  amountCents: Cents;
}

export interface BasketTotals {
  lineTotals: Record<string, Cents>;
  /** Sum of line totals before discounts. */
  subtotalCents: Cents;
  discountCents: Cents;
  /** Cash-style rounding applied once at the end (signed); 0 when not configured. */
  roundingCents: Cents;
  totalCents: Cents;
  vat: VatRow[];
}

/**
 * Totals with the rounding rules stated once:
 * 1. each line total is rounded on its own (see lineTotal);
 * 2. discounts are spread over the VAT rates in proportion to each rate's gross, by the
 *    largest-remainder method, so the spread sums exactly to the discount;
 * 3. VAT per rate = round(gross × rate / (10000 + rate)) on the discounted gross of that rate,
 *    half away from zero; net = gross − VAT (so net + VAT = gross exactly);
 * 4. cash rounding (if any) is applied last, to the payable total, and is not part of any VAT row.
 */
export function basketTotals(basket: Basket, discounts: Discount[] = [], roundToCents = 1): BasketTotals {
  const lineTotals: Record<string, Cents> = {};
  const grossByRate = new Map<number, Cents>();
  let subtotal = 0;
  for (const line of basket.lines) {
    const t = lineTotal(line);
    lineTotals[line.id] = t;
    subtotal += t;
    grossByRate.set(line.vatRateBp, (grossByRate.get(line.vatRateBp) ?? 0) + t);
  }
  const discount = Math.min(subtotal, discounts.reduce((s, d) => s + d.amountCents, 0));
  const rates = [...grossByRate.keys()].sort((a, b) => b - a);
  const shares = allocate(discount, rates.map((r) => grossByRate.get(r) ?? 0));
  const vat: VatRow[] = rates.map((rateBp, i) => {
    const gross = (grossByRate.get(rateBp) ?? 0) - (shares[i] ?? 0);
    const vatCents = divRound(gross * rateBp, 10000 + rateBp);
    return { rateBp, netCents: gross - vatCents, vatCents, grossCents: gross };
  });
  const payable = subtotal - discount;
  const rounded = roundToCents > 1 ? divRound(payable, roundToCents) * roundToCents : payable;
  return { lineTotals, subtotalCents: subtotal, discountCents: discount, roundingCents: rounded - payable, totalCents: rounded, vat };
}

/** Splits `amount` over `weights` proportionally; the parts are integers summing to `amount`. */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (amount === 0 || total === 0) return weights.map(() => 0);
  const base = weights.map((w) => Math.floor((amount * w) / total));
  let rest = amount - base.reduce((s, b) => s + b, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (amount * w) % total }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    base[i] = (base[i] ?? 0) + 1;
    rest--;
  }
  return base;
}
