import { describe, expect, it } from 'vitest';
import {
  decidePurchaseCheck,
  requiredAge,
  countItems,
  DEFAULT_CONTROL_RULES,
  type ControlInput,
  type ControlRules,
  type Sampler,
} from '../../../electron/checkout/purchase-control';

/** A sampler that returns the given draws in order and counts how often it was asked. */
function fixedSampler(...draws: number[]): Sampler & { calls: number } {
  const s = {
    calls: 0,
    next() {
      const d = draws[s.calls] ?? 0.99;
      s.calls += 1;
      return d;
    },
  };
  return s;
}

// 2026-06-15 12:00 in Tallinn (EEST, UTC+3): inside the 10:00–22:00 alcohol window.
const NOON = Date.UTC(2026, 5, 15, 9, 0);
// 2026-06-15 23:00 in Tallinn: outside it.
const LATE = Date.UTC(2026, 5, 15, 20, 0);

const RULES: ControlRules = {
  timeZone: 'Europe/Tallinn',
  ageLimits: { alcohol: 18, tobacco: 18 },
  saleHours: [{ categories: ['alcohol'], from: '10:00', to: '22:00' }],
  sampling: { rate: 0.1, seed: 1 },
  basketValueCents: 10_000,
  itemCount: 10,
  voidedLines: 3,
  unknownScans: 2,
};

const milk = { sku: 'MILK', category: 'dairy', ageLimit: null, quantity: 2, totalCents: 198 };
const beer = { sku: 'BEER', category: 'alcohol', ageLimit: null, quantity: 1, totalCents: 199 };

function input(over: Partial<ControlInput> = {}): ControlInput {
  return { lines: [milk], basketTotalCents: 198, voidedLines: 0, unknownScans: 0, now: NOON, ...over };
}

const rulesOf = (r: ReturnType<typeof decidePurchaseCheck>) => r.reasons.map((x) => x.rule);

describe('decidePurchaseCheck — each rule alone', () => {
  it('a plain basket is NO with no reasons', () => {
    expect(decidePurchaseCheck(input(), RULES, fixedSampler(0.5))).toEqual({ decision: 'NO', reasons: [] });
  });

  it('an age-restricted line inside its hours is AGE, naming the sku and the age', () => {
    const r = decidePurchaseCheck(input({ lines: [milk, beer] }), RULES, fixedSampler(0.5));
    expect(r.decision).toBe('AGE');
    expect(r.reasons).toEqual([{ rule: 'age', sku: 'BEER', detail: 'alcohol requires age 18+' }]);
  });

  it('a catalog ageLimit alone makes AGE even without a category rule', () => {
    const energy = { sku: 'NRG', category: 'drinks', ageLimit: 16, quantity: 1, totalCents: 150 };
    const r = decidePurchaseCheck(input({ lines: [energy] }), RULES, fixedSampler(0.5));
    expect(r.decision).toBe('AGE');
    expect(r.reasons[0]?.detail).toContain('16');
  });

  it('a line outside its sale window at checkout is FULL with a sale-hours reason', () => {
    const r = decidePurchaseCheck(input({ lines: [beer], now: LATE }), RULES, fixedSampler(0.5));
    expect(r.decision).toBe('FULL');
    expect(r.reasons).toContainEqual({ rule: 'sale-hours', sku: 'BEER', detail: 'alcohol may be sold only 10:00–22:00 (Europe/Tallinn)' });
    expect(rulesOf(r)).toContain('age'); // every rule that fired is listed
  });

  it('sampling: FULL when the draw is below the rate, not at or above it', () => {
    expect(decidePurchaseCheck(input(), RULES, fixedSampler(0.0999)).decision).toBe('FULL');
    expect(rulesOf(decidePurchaseCheck(input(), RULES, fixedSampler(0.0999)))).toEqual(['sampling']);
    expect(decidePurchaseCheck(input(), RULES, fixedSampler(0.1)).decision).toBe('NO');
  });

  it('sampling rate 0 never fires and rate 1 always fires', () => {
    expect(decidePurchaseCheck(input(), { ...RULES, sampling: { rate: 0, seed: 1 } }, fixedSampler(0)).decision).toBe('NO');
    expect(decidePurchaseCheck(input(), { ...RULES, sampling: { rate: 1, seed: 1 } }, fixedSampler(0.999999)).decision).toBe('FULL');
  });

  it('draws exactly one number per decision, whatever else fires', () => {
    const s = fixedSampler(0.5, 0.5, 0.5);
    decidePurchaseCheck(input(), RULES, s);
    decidePurchaseCheck(input({ lines: [beer], now: LATE, voidedLines: 9, forced: 'x' }), RULES, s);
    expect(s.calls).toBe(2);
  });

  it('basket value: FULL at the threshold, not one cent below', () => {
    expect(decidePurchaseCheck(input({ basketTotalCents: 10_000 }), RULES, fixedSampler(0.5)).reasons).toEqual([
      { rule: 'basket-value', detail: 'basket total (cents) 10000 is at or above 10000' },
    ]);
    expect(decidePurchaseCheck(input({ basketTotalCents: 9_999 }), RULES, fixedSampler(0.5)).decision).toBe('NO');
  });

  it('item count: pieces add up, a weighed line counts 1', () => {
    const apples = { sku: 'APL', category: 'produce', ageLimit: null, quantity: 1250, totalCents: 300, unit: 'weight' as const };
    const nine = { ...milk, quantity: 9 };
    expect(countItems([nine, apples])).toBe(10);
    expect(decidePurchaseCheck(input({ lines: [nine, apples] }), RULES, fixedSampler(0.5)).decision).toBe('FULL');
    expect(rulesOf(decidePurchaseCheck(input({ lines: [nine, apples] }), RULES, fixedSampler(0.5)))).toEqual(['item-count']);
    expect(decidePurchaseCheck(input({ lines: [nine] }), RULES, fixedSampler(0.5)).decision).toBe('NO');
  });

  it('voided lines: FULL at or above the threshold', () => {
    expect(rulesOf(decidePurchaseCheck(input({ voidedLines: 3 }), RULES, fixedSampler(0.5)))).toEqual(['voided-lines']);
    expect(decidePurchaseCheck(input({ voidedLines: 2 }), RULES, fixedSampler(0.5)).decision).toBe('NO');
  });

  it('unknown scans: FULL at or above the threshold', () => {
    expect(rulesOf(decidePurchaseCheck(input({ unknownScans: 2 }), RULES, fixedSampler(0.5)))).toEqual(['unknown-scans']);
    expect(decidePurchaseCheck(input({ unknownScans: 1 }), RULES, fixedSampler(0.5)).decision).toBe('NO');
  });

  it('a null threshold turns its rule off', () => {
    const off: ControlRules = { ...RULES, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null };
    const big = input({ lines: [{ ...milk, quantity: 500 }], basketTotalCents: 1e7, voidedLines: 99, unknownScans: 99 });
    expect(decidePurchaseCheck(big, off, fixedSampler(0.5))).toEqual({ decision: 'NO', reasons: [] });
  });

  it('forced: FULL with the given text; blank text is ignored', () => {
    expect(decidePurchaseCheck(input({ forced: 'Smarts asked for a check' }), RULES, fixedSampler(0.5)).reasons).toEqual([
      { rule: 'forced', detail: 'Smarts asked for a check' },
    ]);
    expect(decidePurchaseCheck(input({ forced: '  ' }), RULES, fixedSampler(0.5)).decision).toBe('NO');
  });
});

describe('decidePurchaseCheck — combined', () => {
  it('FULL wins over AGE and every fired rule is listed', () => {
    const r = decidePurchaseCheck(
      input({ lines: [beer, { ...milk, quantity: 20 }], basketTotalCents: 20_000, voidedLines: 5, unknownScans: 4, now: LATE, forced: 'manual' }),
      RULES,
      fixedSampler(0.01),
    );
    expect(r.decision).toBe('FULL');
    expect(rulesOf(r).sort()).toEqual(['age', 'basket-value', 'forced', 'item-count', 'sale-hours', 'sampling', 'unknown-scans', 'voided-lines']);
  });

  it('two age-restricted lines give two age reasons and stay AGE', () => {
    const cigs = { sku: 'CIG', category: 'tobacco', ageLimit: null, quantity: 1, totalCents: 600 };
    const r = decidePurchaseCheck(input({ lines: [beer, cigs, milk] }), RULES, fixedSampler(0.5));
    expect(r.decision).toBe('AGE');
    expect(r.reasons.map((x) => x.sku)).toEqual(['BEER', 'CIG']);
  });

  it('the defaults are a valid, working rule set', () => {
    expect(decidePurchaseCheck(input(), DEFAULT_CONTROL_RULES, fixedSampler(0.5)).decision).toBe('NO');
    expect(decidePurchaseCheck(input({ lines: [beer] }), DEFAULT_CONTROL_RULES, fixedSampler(0.5)).decision).toBe('AGE');
  });
});

describe('requiredAge', () => {
  it('takes the larger of the catalog limit and the category rule', () => {
    expect(requiredAge({ category: 'alcohol', ageLimit: null }, RULES)).toBe(18);
    expect(requiredAge({ category: 'alcohol', ageLimit: 20 }, RULES)).toBe(20);
    expect(requiredAge({ category: 'alcohol', ageLimit: 16 }, RULES)).toBe(18);
    expect(requiredAge({ category: 'toys', ageLimit: 12 }, RULES)).toBe(12);
    expect(requiredAge({ category: 'dairy', ageLimit: null }, RULES)).toBeNull();
    expect(requiredAge({ category: 'dairy', ageLimit: 0 }, RULES)).toBeNull();
  });
});
