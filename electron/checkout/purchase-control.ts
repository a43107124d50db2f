/**
 * Purchase-control decision: whether a basket may be paid as is (NO), needs an age check
 * (AGE), or needs a full purchase check by a supervisor (FULL). Pure: rules, basket facts and
 * a sampler in, decision and the list of every rule that fired out.
 */
import type { ProductUnit } from './product';
import { checkSaleHours, type SaleHoursAnswer } from './control-sale-hours';
import type { ControlRules } from './control-rules';
import type { Sampler } from './control-sampler';

export { controlRulesSchema, DEFAULT_CONTROL_RULES, parseControlRules, ControlRulesError, type ControlRules } from './control-rules';
export { seededSampler, keyedSampler, type Sampler } from './control-sampler';
export type { SaleWindow, SaleHoursAnswer } from './control-sale-hours';

export type PurchaseDecision = 'NO' | 'AGE' | 'FULL';

export type ControlRule = 'age' | 'sale-hours' | 'sampling' | 'basket-value' | 'item-count' | 'voided-lines' | 'unknown-scans' | 'lookup-weighed' | 'forced';

export interface ControlReason {
  rule: ControlRule;
  /** Plain English for the supervisor screen and the audit log. */
  detail: string;
  sku?: string;
}

export interface ControlLine {
  sku: string;
  category: string;
  ageLimit: number | null;
  /** Pieces, or grams for a weighed line. */
  quantity: number;
  totalCents: number;
  /** Default 'piece'. A weighed line counts as one item. */
  unit?: ProductUnit;
  /** Chosen in the "Look up item" picker and weighed on the kiosk scale (rule `lookupWeighed`). */
  lookedUpWeighed?: boolean;
}

export interface ControlInput {
  lines: ControlLine[];
  basketTotalCents: number;
  voidedLines: number;
  unknownScans: number;
  /** Epoch ms. */
  now: number;
  /** Set when something outside these rules demands a full check (e.g. Smarts, a supervisor); the text is the reason. */
  forced?: string;
}

export interface PurchaseCheckVerdict {
  decision: PurchaseDecision;
  reasons: ControlReason[];
}

/** Minimum age for the product: the larger of the catalog's ageLimit and the category rule; null when none. */
export function requiredAge(product: { category: string; ageLimit: number | null }, rules: ControlRules): number | null {
  const byCategory = rules.ageLimits[product.category] ?? 0;
  const age = Math.max(product.ageLimit ?? 0, byCategory);
  return age > 0 ? age : null;
}

/** Scan-time check: a product outside its sale window cannot be sold at all. */
export function saleAllowedNow(product: { category: string }, rules: ControlRules, now: number): SaleHoursAnswer {
  return checkSaleHours(product.category, rules.saleHours, rules.timeZone, now);
}

const FULL_RULES: ReadonlySet<ControlRule> = new Set(['sale-hours', 'sampling', 'basket-value', 'item-count', 'voided-lines', 'unknown-scans', 'lookup-weighed', 'forced']);

/** Items for the item-count rule: pieces, with each weighed line counting 1. */
export function countItems(lines: ControlLine[]): number {
  return lines.reduce((n, l) => n + ((l.unit ?? 'piece') === 'weight' ? 1 : l.quantity), 0);
}

/**
 * Any FULL reason → FULL; else any age-restricted line → AGE; else NO. Draws one number from
 * the sampler per call, whatever the other rules say, and — only while `lookupWeighed` is on —
 * one more per looked-up weighed line, in line order, so a replay with the same seed samples
 * the same baskets.
 */
export function decidePurchaseCheck(input: ControlInput, rules: ControlRules, sampler: Sampler): PurchaseCheckVerdict {
  const reasons: ControlReason[] = [];
  const draw = sampler.next();

  if (input.forced !== undefined && input.forced.trim() !== '') reasons.push({ rule: 'forced', detail: input.forced });

  for (const line of input.lines) {
    const hours = saleAllowedNow(line, rules, input.now);
    if (!hours.allowed) {
      reasons.push({ rule: 'sale-hours', sku: line.sku, detail: `${line.category} may be sold only ${hours.from}–${hours.to} (${rules.timeZone})` });
    }
  }

  const over = (rule: ControlRule, value: number, limit: number | null, what: string) => {
    if (limit !== null && value >= limit) reasons.push({ rule, detail: `${what} ${value} is at or above ${limit}` });
  };
  over('basket-value', input.basketTotalCents, rules.basketValueCents, 'basket total (cents)');
  over('item-count', countItems(input.lines), rules.itemCount, 'item count');
  over('voided-lines', input.voidedLines, rules.voidedLines, 'voided lines');
  over('unknown-scans', input.unknownScans, rules.unknownScans, 'unknown scans');

  if (draw < rules.sampling.rate) reasons.push({ rule: 'sampling', detail: `random sample (rate ${rules.sampling.rate})` });

  const lookupRate = rules.lookupWeighed?.rate ?? 0;
  if (lookupRate > 0) {
    for (const line of input.lines) {
      if (line.lookedUpWeighed && sampler.next() < lookupRate) {
        reasons.push({ rule: 'lookup-weighed', sku: line.sku, detail: `looked-up weighed item drawn for a check (rate ${lookupRate})` });
      }
    }
  }

  for (const line of input.lines) {
    const age = requiredAge(line, rules);
    if (age !== null) reasons.push({ rule: 'age', sku: line.sku, detail: `${line.category} requires age ${age}+` });
  }

  const decision: PurchaseDecision = reasons.some((r) => FULL_RULES.has(r.rule)) ? 'FULL' : reasons.length > 0 ? 'AGE' : 'NO';
  return { decision, reasons };
}
