import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../electron/checkout/lang';
import { checkReceipt, receiptText, ReceiptError, type ReceiptTextKey } from '../../../electron/checkout/receipt';
import {
  formatIssuedAt, formatMoney, formatRate, formatWeight, layoutReceipt, leftRight, wrap,
} from '../../../electron/checkout/receipt-layout';
import { sampleReceipt } from './fixtures';

describe('checkReceipt', () => {
  it('accepts a receipt that adds up', () => {
    expect(() => checkReceipt(sampleReceipt())).not.toThrow();
  });
  it.each([
    ['total', { totalCents: 941 }],
    ['vat-total', { vat: [{ rateBp: 2400, netCents: 568, vatCents: 136, grossCents: 704 }] }],
    ['vat-row', { vat: [{ rateBp: 2400, netCents: 568, vatCents: 137, grossCents: 704 }, { rateBp: 900, netCents: 217, vatCents: 20, grossCents: 237 }] }],
    ['empty', { lines: [] }],
  ] as const)('throws %s on a mismatch', (code, over) => {
    const r = { ...sampleReceipt(), ...over } as ReturnType<typeof sampleReceipt>;
    try {
      checkReceipt(r);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReceiptError);
      expect((e as ReceiptError).code).toBe(code);
    }
  });
  it('rejects fractional cents', () => {
    const r = sampleReceipt();
    r.lines[0]!.totalCents = 258.5;
    expect(() => checkReceipt(r)).toThrow(/integer/);
  });
});

describe('number and date formatting', () => {
  it('prints money with integer math and the language decimal rule', () => {
    expect(formatMoney(1234, 'et')).toBe('12,34');
    expect(formatMoney(1234, 'en')).toBe('12.34');
    expect(formatMoney(5, 'pl')).toBe('0,05');
    expect(formatMoney(-50, 'ru')).toBe('-0,50');
    expect(formatMoney(0, 'en')).toBe('0.00');
    expect(formatMoney(123456789, 'et')).toBe('1234567,89');
  });
  it('prints weights in kg with 3 decimals and rates without trailing zeros', () => {
    expect(formatWeight(1234, 'en')).toBe('1.234 kg');
    expect(formatWeight(5, 'et')).toBe('0,005 kg');
    expect(formatRate(2400, 'et')).toBe('24%');
    expect(formatRate(550, 'pl')).toBe('5,5%');
    expect(formatRate(1325, 'en')).toBe('13.25%');
  });
  it('prints the time in the receipt zone, across DST', () => {
    expect(formatIssuedAt(Date.UTC(2026, 0, 15, 22, 30, 0), 'Europe/Tallinn', 'et')).toBe('16.01.2026 00:30:00');
    expect(formatIssuedAt(Date.UTC(2026, 6, 15, 22, 30, 0), 'Europe/Tallinn', 'en')).toBe('2026-07-16 01:30:00');
    expect(formatIssuedAt(Date.UTC(2026, 6, 15, 22, 30, 0), 'Europe/Warsaw', 'pl')).toBe('16.07.2026 00:30:00');
  });
});

describe('layout', () => {
  it('wraps words and cuts overlong ones', () => {
    expect(wrap('a bb ccc', 4)).toEqual(['a bb', 'ccc']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('puts right text on the last wrapped row when it fits', () => {
    expect(leftRight('Milk', '1,00', 10)).toEqual(['Milk  1,00']);
    expect(leftRight('Long name here', '1,00', 10)).toEqual(['Long name', 'here  1,00']);
    expect(leftRight('Long name heresy', '1,00', 10)).toEqual(['Long name', 'heresy', '      1,00']);
  });
  it.each([32, 42, 48])('no row is wider than %i columns, in every language', (cols) => {
    for (const lang of LANGS) {
      const rows = layoutReceipt(sampleReceipt({ lang, copy: true }), cols);
      for (const b of rows) if (b.kind === 'text') expect(b.text.length).toBeLessThanOrEqual(cols);
    }
  });
  it('marks the total bold and tall, and keeps the slip verbatim', () => {
    const r = sampleReceipt({ payment: { provider: 'terminal', slip: '  TERMINAL 01  \r\nAID: A0000000031010\n' } });
    const rows = layoutReceipt(r, 48);
    const total = rows.find((b) => b.kind === 'text' && b.text.startsWith('KOKKU'));
    expect(total).toMatchObject({ bold: true, tall: true });
    const texts = rows.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts).toContain('  TERMINAL 01');
    expect(texts).toContain('AID: A0000000031010');
  });
});

describe('receiptText', () => {
  it('has a non-empty label for every key and language', () => {
    const keys: ReceiptTextKey[] = ['kiosk', 'receiptNo', 'total', 'vat', 'vatRate', 'net', 'gross', 'discount', 'rounding',
      'payment', 'paidWith', 'card', 'authCode', 'orderNo', 'change', 'copy', 'regNo', 'vatNo'];
    for (const k of keys) for (const l of LANGS) expect(receiptText(k, l).length).toBeGreaterThan(0);
    expect(receiptText('total', 'ru')).toBe('ИТОГО');
    expect(receiptText('change', 'et')).toBe('Tagasi');
  });
});
