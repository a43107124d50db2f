import { describe, expect, it } from 'vitest';
import { seededSampler, keyedSampler } from '../../../electron/checkout/purchase-control';

describe('seededSampler (mulberry32)', () => {
  it('matches the published mulberry32 reference draws for seeds 1, 0 and 42', () => {
    const one = seededSampler(1);
    expect(Array.from({ length: 5 }, () => one.next())).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741, 0.9683778982143849,
    ]);
    const zero = seededSampler(0);
    expect([zero.next(), zero.next()]).toEqual([0.26642920868471265, 0.0003297457005828619]);
    const answer = seededSampler(42);
    expect([answer.next(), answer.next()]).toEqual([0.6011037519201636, 0.44829055899754167]);
  });

  it('the same seed gives the same stream; another seed gives another', () => {
    const a = seededSampler(20260329);
    const b = seededSampler(20260329);
    const c = seededSampler(20260330);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
  });

  it('draws stay in [0, 1) and a rate of 0.25 over 10 000 draws is within ±2 %', () => {
    const s = seededSampler(0x4b415353);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) {
      const d = s.next();
      expect(d >= 0 && d < 1).toBe(true);
      if (d < 0.25) hits += 1;
    }
    expect(Math.abs(hits / 10_000 - 0.25)).toBeLessThanOrEqual(0.02);
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])('refuses seed %s, which would alias another stream', (seed) => {
    expect(() => seededSampler(seed)).toThrow(RangeError);
  });

  it('keyedSampler: same seed and key give the same draw; other keys or seeds differ', () => {
    const first = (seed: number, key: string) => keyedSampler(seed, key).next();
    expect(first(7, 'session-1')).toBe(first(7, 'session-1'));
    expect(first(7, 'session-1')).not.toBe(first(7, 'session-2'));
    expect(first(7, 'session-1')).not.toBe(first(8, 'session-1'));
    // Over many session ids the draws are still uniform enough for the rate to hold.
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (first(42, `K1-${i}`) < 0.25) hits += 1;
    expect(Math.abs(hits / 10_000 - 0.25)).toBeLessThanOrEqual(0.02);
  });
});
