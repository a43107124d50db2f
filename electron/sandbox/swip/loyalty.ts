/**
 * Anonymous loyalty calculation (POST /loyalty-calculations), in cents.
 * Rounding: each program line is rounded half away from zero to a cent; the final discount is
 * the sum rounded half away from zero to `stepCents` (1 = cents; the document's example,
 * 19.80 → 20.00, looks like a step of 100) and never above the total.
 */
import { divRound } from './money';
import { quantityMilli, type PurchaseRequest } from './requests';
import type { LoyaltyProgram } from './types';

export interface LoyaltyOutcome {
  discountOriginalCents: number;
  discountCents: number;
  lines: Array<{ programId: number; description: string; discountCents: number }>;
  totalBeforeCents: number;
  totalCents: number;
}

export function calculateLoyalty(
  programs: LoyaltyProgram[],
  purchases: PurchaseRequest[],
  totalCents: number,
  stepCents = 1,
): LoyaltyOutcome {
  const lines: LoyaltyOutcome['lines'] = [];
  for (const p of programs) {
    const cents = programDiscount(p, purchases, totalCents);
    if (cents > 0) lines.push({ programId: p.programId, description: p.description, discountCents: cents });
  }
  const original = lines.reduce((s, l) => s + l.discountCents, 0);
  const stepped = stepCents > 1 ? divRound(original, stepCents) * stepCents : original;
  const discount = Math.min(stepped, totalCents);
  return {
    discountOriginalCents: original,
    discountCents: discount,
    lines,
    totalBeforeCents: totalCents,
    totalCents: totalCents - discount,
  };
}

function programDiscount(p: LoyaltyProgram, purchases: PurchaseRequest[], totalCents: number): number {
  if (p.kind === 'percent') {
    if (p.minTotalCents !== undefined && totalCents < p.minTotalCents) return 0;
    return divRound(totalCents * p.percentBp, 10_000);
  }
  let sum = 0;
  for (const line of purchases) {
    if (line.productId !== p.productId) continue;
    // Per unit: per piece, or pro rata per kg / litre (quantity in thousandths).
    const off = divRound(p.amountOffCents * quantityMilli(line.quantity), 1000);
    sum += Math.min(off, line.amount);
  }
  return sum;
}
