import { describe, expect, it } from 'vitest';
import { receiptFromOrder, refundReceipt } from '../../../electron/app/receipts';
import { addProduct, emptyBasket, setQuantity } from '../../../electron/checkout/basket';
import { checkReceipt } from '../../../electron/checkout/receipt';
import { receiptPlainText } from '../../../electron/checkout/receipt-layout';
import { reflowSlip, slipLineKind } from '../../../electron/checkout/slip-layout';
import type { Product } from '../../../electron/checkout/product';
import { configSchema } from '../../../electron/config/schema';
import type { PaymentRecord } from '../../../electron/journal/payments';

const n = (en: string, ru: string) => ({ en, et: en, pl: en, ru });
const milk: Product = { sku: 'M', barcodes: ['1'], name: n('Milk', 'Молоко'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null };
const book: Product = { sku: 'B', barcodes: ['2'], name: n('Book', 'Книга'), unitPriceCents: 1500, vatRateBp: 900, unit: 'piece', soldByWeight: false, category: 'books', ageLimit: null };
const apples: Product = { sku: 'A', barcodes: ['3'], name: n('Apples', 'Яблоки'), unitPriceCents: 249, vatRateBp: 2400, unit: 'weight', soldByWeight: true, category: 'produce', ageLimit: null };

function record(over: Partial<PaymentRecord>, details: Record<string, unknown>): PaymentRecord {
  return {
    merchantOrderId: '0b9f6c1e-1111-4222-8333-444455556666', sessionId: 's', method: 'swip', step: 'closed', providerRef: 'x', sessionCode: null,
    totalCents: 0, totalOriginalCents: 0, paidCents: 0, closeAmountCents: 0, rounded: false, refundedCents: 0, orderNumber: '28048058915', details,
    createdAt: Date.UTC(2026, 10, 23, 10), updatedAt: Date.UTC(2026, 10, 23, 10, 1), ...over,
  };
}

describe('receipt of a closed order', () => {
  const config = configSchema.parse({ store: { name: 'Mets Market', kioskId: 'K03', vatNo: 'EE100' } });
  let basket = addProduct(emptyBasket(), milk, '1').basket;
  basket = setQuantity(basket, 'L1', 3);
  basket = addProduct(basket, book, '2').basket;
  basket = addProduct(basket, apples, '3', { kind: 'weight', grams: 1234 }).basket;

  it('lists every line, the discount, VAT per rate and a total that adds up', () => {
    const r = receiptFromOrder(
      record({ closeAmountCents: 2144 }, { lang: 'ru', basket, discounts: [{ description: 'SWiP −5 %', amountCents: 50 }], payment: { method: 'CARD', maskedPan: '4111 **** 1111', authCode: 'A1', slip: 'APPROVED' } }),
      config,
    );
    expect(() => checkReceipt(r)).not.toThrow();
    expect(r.lines.map((l) => [l.name, l.totalCents])).toEqual([['Молоко', 387], ['Книга', 1500], ['Яблоки', 307]]);
    expect(r.totalCents).toBe(387 + 1500 + 307 - 50);
    expect(r.vat.map((v) => v.rateBp)).toEqual([2400, 900]);
    expect(r.payment).toMatchObject({ provider: 'swip', orderNumber: '28048058915', maskedPan: '4111 **** 1111', slip: 'APPROVED' });
    expect(r.qr!.caption).toBe('Номер заказа');
    expect(r.receiptNo).toBe('K03-20261123-0B9F6C1E');
    expect(receiptPlainText(r, 42)).toContain('Молоко');
  });

  it('an order with a kiosk order number: receipt number, order line and refund receipt all carry it', () => {
    const rec = record({ closeAmountCents: 2144 }, { lang: 'en', basket, discounts: [], orderNo: 'K03-0427' });
    const r = receiptFromOrder(rec, config);
    expect(r.receiptNo).toBe('K03-0427');
    expect(r.payment?.orderNumber).toBe('K03-0427');
    const text = receiptPlainText(r, 48);
    expect(text).toContain('K03-0427');
    expect(text).not.toContain(rec.merchantOrderId.slice(0, 8).toUpperCase());
    const refund = refundReceipt({ refundId: '7d7d7d7d-0000-4000-8000-000000000000', merchantOrderId: rec.merchantOrderId, kind: 'refund', amountCents: 500, state: 'succeeded', reason: 'Goods returned', supervisorBadge: 'SUP-1', code: null, description: null, slip: null, createdAt: 0, resolvedAt: 1 }, rec, config);
    expect(receiptPlainText(refund, 48)).toMatch(/Refund of order K03-0427/);
  });

  it('a nexo card payment prints the scheme, masked PAN, auth code and the terminal receipt text', () => {
    const r = receiptFromOrder(record({ method: 'terminal', closeAmountCents: 2196 }, { lang: 'en', basket, payment: { method: 'VISA', maskedPan: '411111 **** 1111', authCode: '123456', slip: 'CARDHOLDER COPY\nAPPROVED' } }), config);
    expect(r.payment).toMatchObject({ provider: 'terminal', method: 'VISA', maskedPan: '411111 **** 1111', authCode: '123456', slip: 'CARDHOLDER COPY\nAPPROVED' });
  });

  it('a terminal payment with cash rounding shows the rounding and sums to the amount paid', () => {
    const r = receiptFromOrder(record({ method: 'terminal', closeAmountCents: 2195 }, { lang: 'en', basket, roundingCents: 1, terminal: { authCode: 'T9', maskedPan: '**** 4242' } }), config);
    expect(() => checkReceipt(r)).not.toThrow();
    expect(r.rounding).toEqual({ amountCents: 1 });
    expect(r.totalCents).toBe(2194 + 1);
    expect(r.payment).toMatchObject({ provider: 'terminal', authCode: 'T9' });
  });

  it('a captured amount below the named lines gets a named discount line, so the receipt total is what was captured', () => {
    const full = receiptFromOrder(record({ closeAmountCents: 0 }, { lang: 'en', basket, discounts: [] }), config).totalCents;
    const r = receiptFromOrder(record({ closeAmountCents: full - 120 }, { lang: 'en', basket, discounts: [] }), config);
    expect(r.totalCents).toBe(full - 120);
    expect(r.discounts).toEqual([{ description: 'SWiP discount', amountCents: 120 }]);
    expect(() => checkReceipt(r)).not.toThrow();
  });

  it('a refund receipt returns VAT per rate in proportion, adds up, and carries the SWiP refund slip', () => {
    const rec = record({ closeAmountCents: 2144 }, { lang: 'en', basket, discounts: [] });
    const r = refundReceipt({ refundId: '7d7d7d7d-0000-4000-8000-000000000000', merchantOrderId: rec.merchantOrderId, kind: 'refund', amountCents: 500, state: 'succeeded', reason: 'Goods returned', supervisorBadge: 'SUP-1', code: null, description: null, slip: 'REFUND 5.00 EUR\nAPPROVED', createdAt: 0, resolvedAt: 1 }, rec, config);
    expect(() => checkReceipt(r)).not.toThrow();
    expect(r.totalCents).toBe(-500);
    expect(r.vat.reduce((s, v) => s + v.grossCents, 0)).toBe(-500);
    const text = receiptPlainText(r, 48);
    expect(text).toMatch(/Refund of order 28048058915/);
    expect(text).toMatch(/APPROVED/);
  });
});

describe('bank slips on narrow paper', () => {
  const W = 80;
  const c = (t: string) => ' '.repeat(Math.floor((W - t.length) / 2)) + t;
  const slip = [
    c('SWiP'),
    c('Mets Market'),
    '-'.repeat(W),
    'Merchant:       KASS / store S1',
    'Card:           VISA 4111 11** **** 1111',
    'Note:           ' + 'word '.repeat(14).trim(),
    '-'.repeat(W),
    ' '.repeat(72) + 'APPROVED',
    c('SANDBOX - NOT A REAL PAYMENT'),
  ].join('\n');

  for (const width of [32, 42, 48]) {
    it(`${width} columns: rules fit, centred lines are centred, pairs keep label left and value right, nothing is cut`, () => {
      const rows = reflowSlip(slip, width);
      for (const r of rows) expect(r.length).toBeLessThanOrEqual(width);
      expect(rows).toContain('-'.repeat(width));
      expect(rows[0]).toBe(' '.repeat(Math.floor((width - 4) / 2)) + 'SWiP');
      const merchant = rows.find((r) => r.startsWith('Merchant:'))!;
      expect(merchant.endsWith('KASS / store S1')).toBe(true);
      expect(rows).toContain('APPROVED'.padStart(width));
      const words = rows.join(' ').split(/\s+/).filter((w) => w === 'word');
      expect(words).toHaveLength(14);
      expect(rows.join(' ')).toContain('4111 11** **** 1111');
    });
  }

  it('classifies slip lines', () => {
    expect(slipLineKind(c('APPROVED'), W)).toBe('center');
    expect(slipLineKind(' '.repeat(72) + 'APPROVED', W)).toBe('right');
    expect(slipLineKind('=====', W)).toBe('rule');
    expect(slipLineKind('Amount:    EUR 9.40', W)).toBe('pair');
    expect(slipLineKind('Thank you', W)).toBe('text');
  });

});
