import { describe, expect, it } from 'vitest';
import { addProduct, articleCount, BasketError, emptyBasket, lineTotal, MAX_PIECES_PER_LINE, removeLine, setQuantity } from '../../../electron/checkout/basket';
import type { Product } from '../../../electron/checkout/product';
import { allocate, basketTotals } from '../../../electron/checkout/totals';

const names = (en: string) => ({ en, et: en, pl: en, ru: en });
const milk: Product = { sku: 'MILK', barcodes: ['04740000000012'], name: names('Milk'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null };
const apples: Product = { sku: 'APL', barcodes: ['02000001000005'], name: names('Apples'), unitPriceCents: 249, vatRateBp: 2400, unit: 'weight', soldByWeight: true, category: 'produce', ageLimit: null };
const book: Product = { sku: 'BOOK', barcodes: ['09789949000001'], name: names('Book'), unitPriceCents: 1500, vatRateBp: 900, unit: 'piece', soldByWeight: false, category: 'books', ageLimit: null };

describe('basket', () => {
  it('merges repeated piece scans into one line', () => {
    let b = emptyBasket();
    b = addProduct(b, milk, milk.barcodes[0]!).basket;
    const r = addProduct(b, milk, milk.barcodes[0]!);
    expect(r.basket.lines).toHaveLength(1);
    expect(r.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 2 });
    expect(r.lineId).toBe('L1');
  });

  it('never merges weighed or price-labelled items', () => {
    let b = emptyBasket();
    b = addProduct(b, apples, 'x', { kind: 'weight', grams: 1234 }).basket;
    b = addProduct(b, apples, 'x', { kind: 'weight', grams: 500 }).basket;
    b = addProduct(b, milk, 'y', { kind: 'labelled-price', cents: 99 }).basket;
    b = addProduct(b, milk, 'y', { kind: 'labelled-price', cents: 99 }).basket;
    expect(b.lines.map((l) => l.id)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(articleCount(b)).toBe(4);
  });

  it('weighed line total: grams × price per kg / 1000, half away from zero', () => {
    expect(lineTotal({ measure: { kind: 'weight', grams: 1234 }, unitPriceCents: 249 })).toBe(307); // 307.266
    expect(lineTotal({ measure: { kind: 'weight', grams: 1000 }, unitPriceCents: 249 })).toBe(249);
    expect(lineTotal({ measure: { kind: 'weight', grams: 2 }, unitPriceCents: 250 })).toBe(1); // 0.5 → 1
    expect(lineTotal({ measure: { kind: 'weight', grams: 1 }, unitPriceCents: 250 })).toBe(0); // 0.25 → 0
  });

  it('changes quantity of piece lines only, within limits', () => {
    let b = addProduct(emptyBasket(), milk, 'm').basket;
    b = setQuantity(b, 'L1', 5);
    expect(lineTotal(b.lines[0]!)).toBe(645);
    expect(() => setQuantity(b, 'L1', 0)).toThrow(BasketError);
    expect(() => setQuantity(b, 'L1', MAX_PIECES_PER_LINE + 1)).toThrow(/quantity/);
    expect(() => setQuantity(b, 'L9', 2)).toThrow(/no line/);
    const w = addProduct(b, apples, 'a', { kind: 'weight', grams: 100 }).basket;
    expect(() => setQuantity(w, 'L2', 2)).toThrow(expect.objectContaining({ code: 'QUANTITY_FIXED' }));
  });

  it('removes lines and counts voids; refuses unknown lines without change', () => {
    let b = addProduct(emptyBasket(), milk, 'm').basket;
    b = addProduct(b, book, 'b').basket;
    const after = removeLine(b, 'L1');
    expect(after.lines.map((l) => l.sku)).toEqual(['BOOK']);
    expect(after.voidedLines).toBe(1);
    expect(() => removeLine(after, 'L1')).toThrow(BasketError);
    expect(b.lines).toHaveLength(2); // immutable
  });

  it('refuses a zero weight', () => {
    expect(() => addProduct(emptyBasket(), apples, 'a', { kind: 'weight', grams: 0 })).toThrow(/positive/);
  });
});

describe('totals and VAT', () => {
  it('sums lines and splits VAT per rate on the gross (prices include VAT)', () => {
    let b = emptyBasket();
    b = addProduct(b, milk, 'm').basket; // 1.29 @24%
    b = setQuantity(b, 'L1', 3); // 3.87
    b = addProduct(b, apples, 'a', { kind: 'weight', grams: 1234 }).basket; // 3.07 @24%
    b = addProduct(b, book, 'b').basket; // 15.00 @9%
    const t = basketTotals(b);
    expect(t.subtotalCents).toBe(387 + 307 + 1500);
    expect(t.totalCents).toBe(2194);
    // 24 %: gross 694 → VAT round(694*2400/12400)=round(134.32)=134, net 560
    // 9 %: gross 1500 → VAT round(1500*900/10900)=round(123.85)=124, net 1376
    expect(t.vat).toEqual([
      { rateBp: 2400, netCents: 560, vatCents: 134, grossCents: 694 },
      { rateBp: 900, netCents: 1376, vatCents: 124, grossCents: 1500 },
    ]);
    for (const r of t.vat) expect(r.netCents + r.vatCents).toBe(r.grossCents);
  });

  it('spreads a discount over the rates exactly, then computes VAT on what is paid', () => {
    let b = addProduct(emptyBasket(), milk, 'm').basket;
    b = setQuantity(b, 'L1', 10); // 12.90
    b = addProduct(b, book, 'b').basket; // 15.00
    const t = basketTotals(b, [{ description: 'Loyalty', amountCents: 100 }]);
    expect(t.discountCents).toBe(100);
    expect(t.totalCents).toBe(2690);
    expect(t.vat.reduce((s, r) => s + r.grossCents, 0)).toBe(2690);
  });

  it('never discounts below zero', () => {
    const b = addProduct(emptyBasket(), milk, 'm').basket;
    expect(basketTotals(b, [{ description: 'x', amountCents: 10_000 }]).totalCents).toBe(0);
  });

  it('applies cash rounding once, at the end, outside the VAT rows', () => {
    const b = addProduct(emptyBasket(), milk, 'm').basket; // 1.29
    const t = basketTotals(b, [], 5);
    expect(t.totalCents).toBe(130);
    expect(t.roundingCents).toBe(1);
    expect(t.vat[0]!.grossCents).toBe(129);
    const t2 = basketTotals(setQuantity(b, 'L1', 2), [], 5); // 2.58 → 2.60
    expect(t2.roundingCents).toBe(2);
  });

  it('allocate gives integer parts that sum to the amount', () => {
    expect(allocate(100, [1290, 1500])).toEqual([46, 54]);
    expect(allocate(1, [1, 1, 1])).toEqual([1, 0, 0]);
    for (let a = 0; a < 500; a += 7) {
      const parts = allocate(a, [333, 1, 999, 47]);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(a);
    }
  });
});
