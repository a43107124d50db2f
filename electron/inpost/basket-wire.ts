/**
 * Our basket as InPost's Basket object (integrations.md 2.2), priced by OUR engine
 * (checkout/totals): every amount is a Price {net, gross, vat} in PLN decimals made from cents.
 * A product is one basket line: product_id is the line id ("L3", stable in a session), ean the
 * scanned barcode; a weighed line is a DECIMAL quantity in kg that the app cannot change.
 */
import { lineTotal, type Basket, type BasketLine } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import { centsToDecimal, divRound, type Cents } from '../checkout/money';
import { basketTotals, type Discount } from '../checkout/totals';
import { KIOSK_DELIVERY, KIOSK_PAYMENT_TYPES } from './delivery';

export interface Price {
  net: number;
  gross: number;
  vat: number;
}

export interface AppliedPromo {
  code: string;
  description: string;
  discountCents: Cents;
}

/** A gross amount at one VAT rate as a Price (VAT = round(gross × rate / (10000 + rate))). */
export function priceOf(grossCents: Cents, rateBp: number): Price {
  const vat = divRound(grossCents * rateBp, 10_000 + rateBp);
  return { net: centsToDecimal(grossCents - vat), gross: centsToDecimal(grossCents), vat: centsToDecimal(vat) };
}

function sumPrice(rows: Array<{ netCents: Cents; vatCents: Cents; grossCents: Cents }>): Price {
  const s = rows.reduce((a, r) => ({ n: a.n + r.netCents, v: a.v + r.vatCents, g: a.g + r.grossCents }), { n: 0, v: 0, g: 0 });
  return { net: centsToDecimal(s.n), gross: centsToDecimal(s.g), vat: centsToDecimal(s.v) };
}

function product(l: BasketLine, lang: Lang) {
  const weighed = l.measure.kind !== 'pieces';
  const quantity = l.measure.kind === 'pieces' ? l.measure.count : l.measure.kind === 'weight' ? l.measure.grams / 1000 : 1;
  // The unit price: per piece, per kg, or the label's price for a price-embedded barcode.
  const unitCents = l.measure.kind === 'labelled-price' ? lineTotal(l) : l.unitPriceCents;
  return {
    product_id: l.id,
    product_category: l.category.slice(0, 64),
    ...(/^\d{8,14}$/.test(l.barcode) ? { ean: l.barcode } : {}),
    product_name: l.name[lang] || l.name.en,
    product_type: 'PRODUCT',
    base_price: priceOf(unitCents, l.vatRateBp),
    quantity: { quantity, quantity_type: weighed ? 'DECIMAL' : 'INTEGER', quantity_unit: l.measure.kind === 'weight' ? 'kg' : 'szt', ...(weighed ? { max_quantity: quantity } : { available_quantity: 99, max_quantity: 99 }) },
    product_attributes: [],
    additional_product_images: [],
  };
}

export function promoDiscounts(promos: AppliedPromo[]): Discount[] {
  return promos.filter((p) => p.discountCents > 0).map((p) => ({ description: p.description, amountCents: p.discountCents }));
}

/** The InPost Basket for `basket` with the promo codes applied; `basketId` is added for GET/event answers. */
export function inpostBasket(o: { basketId?: string; basket: Basket; promos: AppliedPromo[]; lang: Lang; now: number; expiresAt: number; notice?: { type: 'ERROR' | 'ATTENTION'; description: string } }) {
  const base = basketTotals(o.basket);
  const final = basketTotals(o.basket, promoDiscounts(o.promos));
  return {
    ...(o.basketId ? { basket_id: o.basketId } : {}),
    summary: {
      basket_base_price: sumPrice(base.vat),
      basket_final_price: sumPrice(final.vat),
      ...(final.discountCents > 0 ? { basket_promo_price: sumPrice(final.vat) } : {}),
      currency: 'PLN',
      basket_expiration_date: new Date(o.expiresAt).toISOString(),
      payment_type: [...KIOSK_PAYMENT_TYPES],
      ...(o.notice ? { basket_notice: o.notice } : {}),
    },
    delivery: [{ ...KIOSK_DELIVERY, delivery_date: new Date(o.now).toISOString() }],
    promo_codes: o.promos.map((p) => ({ name: p.description, promo_code_value: p.code })),
    products: o.basket.lines.map((l) => product(l, o.lang)),
    related_products: [],
    consents: [],
  };
}
