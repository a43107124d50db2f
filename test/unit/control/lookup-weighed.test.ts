/** The store rule "a share of looked-up weighed items triggers a purchase check" (issue 14). */
import { describe, expect, it } from 'vitest';
import { decidePurchaseCheck, DEFAULT_CONTROL_RULES, parseControlRules, seededSampler, type ControlInput, type ControlLine, type ControlRules, type Sampler } from '../../../electron/checkout/purchase-control';

function fixedSampler(...draws: number[]): Sampler & { calls: number } {
  const s = { calls: 0, next: () => draws[s.calls++] ?? 0.99 };
  return s;
}

const NOON = Date.UTC(2026, 5, 15, 9, 0);
const RULES: ControlRules = { ...DEFAULT_CONTROL_RULES, sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null };
const bananas: ControlLine = { sku: 'BAN', category: 'fruit', ageLimit: null, quantity: 1, totalCents: 209, lookedUpWeighed: true };
const apples: ControlLine = { sku: 'APL', category: 'fruit', ageLimit: null, quantity: 1, totalCents: 150, lookedUpWeighed: true };
const roll: ControlLine = { sku: 'ROLL', category: 'bakery', ageLimit: null, quantity: 3, totalCents: 75 };
const input = (lines: ControlLine[]): ControlInput => ({ lines, basketTotalCents: lines.reduce((s, l) => s + l.totalCents, 0), voidedLines: 0, unknownScans: 0, now: NOON });

describe('lookupWeighed rule', () => {
  it('is off by default: looked-up weighed lines draw nothing and pass', () => {
    const s = fixedSampler(0.99, 0);
    expect(decidePurchaseCheck(input([bananas, apples]), RULES, s)).toEqual({ decision: 'NO', reasons: [] });
    expect(s.calls).toBe(1);
    expect(decidePurchaseCheck(input([bananas]), { ...RULES, lookupWeighed: null }, fixedSampler(0.99, 0)).decision).toBe('NO');
    expect(decidePurchaseCheck(input([bananas]), { ...RULES, lookupWeighed: { rate: 0 } }, fixedSampler(0.99, 0)).decision).toBe('NO');
  });

  it('draws once per looked-up weighed line after the session draw; one draw under the rate makes it FULL', () => {
    const rules = { ...RULES, lookupWeighed: { rate: 0.25 } };
    const hit = fixedSampler(0.99, 0.5, 0.2);
    expect(decidePurchaseCheck(input([bananas, roll, apples]), rules, hit)).toEqual({
      decision: 'FULL',
      reasons: [{ rule: 'lookup-weighed', sku: 'APL', detail: 'looked-up weighed item drawn for a check (rate 0.25)' }],
    });
    expect(hit.calls).toBe(3); // the piece roll is not drawn
    const miss = fixedSampler(0.99, 0.25, 0.9);
    expect(decidePurchaseCheck(input([bananas, roll, apples]), rules, miss).decision).toBe('NO');
  });

  it('rate 1 checks every basket with a looked-up weighed item; none without one', () => {
    const rules = { ...RULES, lookupWeighed: { rate: 1 } };
    expect(decidePurchaseCheck(input([bananas]), rules, seededSampler(7)).decision).toBe('FULL');
    expect(decidePurchaseCheck(input([roll]), rules, seededSampler(7)).decision).toBe('NO');
  });

  it('over many seeded baskets the share checked follows the rate', () => {
    const rules = { ...RULES, lookupWeighed: { rate: 0.2 } };
    let full = 0;
    for (let seed = 0; seed < 2000; seed++) if (decidePurchaseCheck(input([bananas]), rules, seededSampler(seed)).decision === 'FULL') full++;
    expect(full / 2000).toBeGreaterThan(0.16);
    expect(full / 2000).toBeLessThan(0.24);
  });

  it('looked-up items count toward the existing rules (item count, basket value)', () => {
    const rules = { ...RULES, itemCount: 4, basketValueCents: 250 };
    const v = decidePurchaseCheck(input([bananas, roll]), rules, fixedSampler(0.99));
    expect(v.reasons.map((r) => r.rule).sort()).toEqual(['basket-value', 'item-count']);
  });

  it('configuration: { rate } from 0 to 1 or null, optional; anything else names the field', () => {
    const base = { ...DEFAULT_CONTROL_RULES };
    expect(parseControlRules(base).lookupWeighed).toBeUndefined();
    expect(parseControlRules({ ...base, lookupWeighed: { rate: 0.1 } }).lookupWeighed).toEqual({ rate: 0.1 });
    expect(parseControlRules({ ...base, lookupWeighed: null }).lookupWeighed).toBeNull();
    for (const bad of [{ rate: 1.5 }, { rate: -0.1 }, { rate: '0.1' }, { rate: 0.1, extra: 1 }, 0.1]) {
      expect(() => parseControlRules({ ...base, lookupWeighed: bad })).toThrow(/lookupWeighed/);
    }
  });
});
