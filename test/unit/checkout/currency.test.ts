import { describe, expect, it } from 'vitest';
import { receiptPlainText } from '../../../electron/checkout/receipt-layout';
import { configSchema } from '../../../electron/config/schema';
import { formatMoney } from '../../../renderer/i18n/format';
import { sampleReceipt } from '../receipt/fixtures';

const NBSP = '\u00a0';

describe('store currency', () => {
  it('writes złoty the way each language does', () => {
    expect(formatMoney(1234, 'pl', 'PLN')).toBe(`12,34${NBSP}zł`);
    expect(formatMoney(-120, 'pl', 'PLN')).toBe(`−1,20${NBSP}zł`);
    expect(formatMoney(1234, 'en', 'PLN')).toBe(`PLN${NBSP}12.34`);
    expect(formatMoney(1234, 'et', 'PLN')).toBe(`12,34${NBSP}PLN`);
    expect(formatMoney(1234, 'ru', 'PLN')).toBe(`12,34${NBSP}PLN`);
  });
  it('keeps euros as before when no currency is named', () => {
    expect(formatMoney(1234, 'en', 'EUR')).toBe(formatMoney(1234, 'en'));
    expect(formatMoney(1234, 'et')).toBe(`12,34${NBSP}€`);
  });
  it('is configuration: EUR by default, PLN accepted, anything else refused naming the field', () => {
    expect(configSchema.parse({}).store.currency).toBe('EUR');
    expect(configSchema.parse({ store: { currency: 'PLN' } }).store.currency).toBe('PLN');
    const bad = configSchema.safeParse({ store: { currency: 'USD' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['store', 'currency']);
  });
  it('prints the receipt total and per-kg prices in the receipt currency', () => {
    const pln = receiptPlainText(sampleReceipt({ lang: 'pl', currency: 'PLN' }), 42);
    expect(pln).toMatch(/\d,\d\d zł/);
    expect(pln).not.toContain('€');
    const eur = receiptPlainText(sampleReceipt({ lang: 'pl' }), 42);
    expect(eur).toMatch(/\d,\d\d €/);
    expect(eur).not.toContain('zł');
  });
});
