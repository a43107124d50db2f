import { describe, expect, it } from 'vitest';
import { centsToDecimal, decimalToCents, divRound, MoneyError } from '../../../electron/checkout/money';

describe('divRound (half away from zero, integers only)', () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [4, 2, 2],
    [7, 3, 2],
    [8, 3, 3],
    [1, 3, 0],
    [1499, 1000, 1],
    [1500, 1000, 2],
    [-1500, 1000, -2],
    [0, 7, 0],
  ])('%i / %i = %i', (n, d, q) => expect(divRound(n, d)).toBe(q));

  it('refuses fractions and a zero denominator', () => {
    expect(() => divRound(1.5, 2)).toThrow(MoneyError);
    expect(() => divRound(1, 0)).toThrow(MoneyError);
  });
});

describe('cents ⇄ decimal (only for API adapters)', () => {
  it.each([
    [1999, 19.99],
    [5, 0.05],
    [0, 0],
    [-250, -2.5],
    [123456789, 1234567.89],
  ])('%i cents → %f', (c, d) => expect(centsToDecimal(c)).toBe(d));

  it.each<[number | string, number]>([
    [19.99, 1999],
    [0.1 + 0.2, 30],
    [19.990000000000002, 1999],
    ['12.345', 1235],
    ['12.344', 1234],
    ['-0.005', -1],
    [50, 5000],
    ['7', 700],
  ])('%s → %i cents', (d, c) => expect(decimalToCents(d)).toBe(c));

  it('round-trips every cent amount up to 100 € exactly', () => {
    for (let c = 0; c <= 10_000; c++) expect(decimalToCents(centsToDecimal(c))).toBe(c);
  });

  it('rejects what is not an amount', () => {
    for (const bad of ['abc', '', '1e5', '1.2.3', NaN, Infinity]) expect(() => decimalToCents(bad as never)).toThrow(MoneyError);
    expect(() => centsToDecimal(1.5)).toThrow(MoneyError);
  });
});
