import { describe, expect, it } from 'vitest';
import { formatCountdown, formatMoney, formatVatRate, formatWeight } from '../../../renderer/i18n/format';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('formatMoney', () => {
  it('writes euro amounts the English way', () => {
    expect(formatMoney(1234, 'en')).toBe('€12.34');
    expect(formatMoney(5, 'en')).toBe('€0.05');
    expect(formatMoney(0, 'en')).toBe('€0.00');
    expect(formatMoney(123456789, 'en')).toBe('€1,234,567.89');
    expect(formatMoney(-120, 'en')).toBe('−€1.20');
  });
  it('writes euro amounts the Estonian, Polish and Russian way', () => {
    expect(formatMoney(1234, 'et')).toBe(`12,34${NBSP}€`);
    expect(formatMoney(1234, 'ru')).toBe(`12,34${NBSP}€`);
    expect(formatMoney(123456, 'et')).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatMoney(123456, 'pl')).toBe(`1234,56${NBSP}€`);
    expect(formatMoney(1234567, 'pl')).toBe(`12${NNBSP}345,67${NBSP}€`);
    expect(formatMoney(-38, 'et')).toBe(`−0,38${NBSP}€`);
  });
  it('refuses non-integer cents instead of rounding floats', () => {
    expect(() => formatMoney(12.5, 'en')).toThrow(TypeError);
    expect(() => formatMoney(Number.NaN, 'et')).toThrow(TypeError);
  });
  it('is exact for amounts where float division would drift', () => {
    expect(formatMoney(1999, 'en')).toBe('€19.99');
    expect(formatMoney(9007199254740991, 'en')).toBe('€90,071,992,547,409.91');
  });
});

describe('formatWeight', () => {
  it('shows grams as kilograms with 3 decimals', () => {
    expect(formatWeight(1234, 'et')).toBe(`1,234${NBSP}kg`);
    expect(formatWeight(1234, 'en')).toBe(`1.234${NBSP}kg`);
    expect(formatWeight(5, 'pl')).toBe(`0,005${NBSP}kg`);
    expect(formatWeight(450, 'ru')).toBe(`0,450${NBSP}кг`);
  });
});

describe('formatVatRate', () => {
  it('shows basis points as percent without trailing zeros', () => {
    expect(formatVatRate(2400, 'et')).toBe(`24${NBSP}%`);
    expect(formatVatRate(950, 'et')).toBe(`9,5${NBSP}%`);
    expect(formatVatRate(950, 'en')).toBe(`9.5${NBSP}%`);
    expect(formatVatRate(0, 'pl')).toBe(`0${NBSP}%`);
    expect(formatVatRate(2325, 'ru')).toBe(`23,25${NBSP}%`);
  });
});

describe('formatCountdown', () => {
  it('shows m:ss and never goes negative', () => {
    expect(formatCountdown(154)).toBe('2:34');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
