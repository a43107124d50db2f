import type { Translated } from './lang';
import { assertCents, divRound, type Cents } from './money';
import type { Product } from './product';

/** Limits that keep a basket sane on a self-checkout. */
export const MAX_PIECES_PER_LINE = 99;
export const MAX_LINES = 200;

/** How the quantity of a line was established. */
export type LineMeasure =
  | { kind: 'pieces'; count: number }
  /** Grams from a weight barcode or the kiosk's scale (`scale`: weighed here; grams are net of the tare). */
  | { kind: 'weight'; grams: number; scale?: ScaleWeighing }
  /** A price-embedded barcode: the label fixes the line total. */
  | { kind: 'labelled-price'; cents: Cents };

/** How a line was weighed on the kiosk's scale, journaled with it. */
export interface ScaleWeighing {
  /** What the scale showed (stable), grams. */
  grossGrams: number;
  /** The container tare taken off, grams. */
  tareGrams: number;
  /** The scale's state when the weight was taken: only a stable weight is ever accepted. */
  status: 'stable';
}

export interface BasketLine {
  /** Stable id within the session ("L1", "L2", ...). */
  id: string;
  sku: string;
  name: Translated;
  category: string;
  ageLimit: number | null;
  measure: LineMeasure;
  /** Cents per piece, or per kilogram for weighed lines. VAT included. */
  unitPriceCents: Cents;
  vatRateBp: number;
  /** The barcode that was scanned, for the journal and receipts. */
  barcode: string;
}

export interface Basket {
  lines: BasketLine[];
  nextLineNo: number;
  /** Lines removed by the customer or a supervisor in this session (purchase-control input). */
  voidedLines: number;
}

export const emptyBasket = (): Basket => ({ lines: [], nextLineNo: 1, voidedLines: 0 });

export type BasketErrorCode = 'LINE_NOT_FOUND' | 'QUANTITY_OUT_OF_RANGE' | 'QUANTITY_FIXED' | 'BASKET_FULL' | 'BAD_MEASURE';
export class BasketError extends Error {
  readonly kind = 'BasketError';
  constructor(readonly code: BasketErrorCode, message: string) {
    super(message);
  }
}

/** Line total in cents: pieces × price; grams × price-per-kg / 1000 rounded half away from zero; or the label's price. */
export function lineTotal(line: Pick<BasketLine, 'measure' | 'unitPriceCents'>): Cents {
  const m = line.measure;
  switch (m.kind) {
    case 'pieces':
      return assertCents(m.count * line.unitPriceCents, 'line total');
    case 'weight':
      return divRound(m.grams * line.unitPriceCents, 1000);
    case 'labelled-price':
      return m.cents;
  }
}

export function isQuantityAdjustable(line: BasketLine): boolean {
  return line.measure.kind === 'pieces';
}

/**
 * Adds a scanned product. A piece product already in the basket merges into its line (+1);
 * weighed and price-labelled items always get a line of their own.
 */
export function addProduct(basket: Basket, product: Product, barcode: string, measure?: LineMeasure): { basket: Basket; lineId: string } {
  const m: LineMeasure = measure ?? { kind: 'pieces', count: 1 };
  if (m.kind === 'weight' && (!Number.isSafeInteger(m.grams) || m.grams <= 0)) throw new BasketError('BAD_MEASURE', 'weight must be a positive number of grams');
  if (m.kind === 'labelled-price' && (!Number.isSafeInteger(m.cents) || m.cents <= 0)) throw new BasketError('BAD_MEASURE', 'labelled price must be positive cents');
  if (m.kind === 'pieces') {
    const existing = basket.lines.find((l) => l.sku === product.sku && l.measure.kind === 'pieces');
    if (existing && existing.measure.kind === 'pieces') {
      const count = existing.measure.count + m.count;
      if (count > MAX_PIECES_PER_LINE) throw new BasketError('QUANTITY_OUT_OF_RANGE', `at most ${MAX_PIECES_PER_LINE} pieces per line`);
      return { basket: replaceLine(basket, { ...existing, measure: { kind: 'pieces', count } }), lineId: existing.id };
    }
  }
  if (basket.lines.length >= MAX_LINES) throw new BasketError('BASKET_FULL', `at most ${MAX_LINES} lines`);
  const id = `L${basket.nextLineNo}`;
  const line: BasketLine = {
    id,
    sku: product.sku,
    name: product.name,
    category: product.category,
    ageLimit: product.ageLimit,
    measure: m,
    unitPriceCents: product.unitPriceCents,
    vatRateBp: product.vatRateBp,
    barcode,
  };
  return { basket: { ...basket, lines: [...basket.lines, line], nextLineNo: basket.nextLineNo + 1 }, lineId: id };
}

export function setQuantity(basket: Basket, lineId: string, count: number): Basket {
  const line = findLine(basket, lineId);
  if (!isQuantityAdjustable(line)) throw new BasketError('QUANTITY_FIXED', 'the quantity of a weighed or price-labelled item cannot be changed');
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_PIECES_PER_LINE) {
    throw new BasketError('QUANTITY_OUT_OF_RANGE', `quantity must be 1..${MAX_PIECES_PER_LINE}`);
  }
  return replaceLine(basket, { ...line, measure: { kind: 'pieces', count } });
}

export function removeLine(basket: Basket, lineId: string): Basket {
  findLine(basket, lineId);
  return { ...basket, lines: basket.lines.filter((l) => l.id !== lineId), voidedLines: basket.voidedLines + 1 };
}

export function findLine(basket: Basket, lineId: string): BasketLine {
  const line = basket.lines.find((l) => l.id === lineId);
  if (!line) throw new BasketError('LINE_NOT_FOUND', `no line ${lineId}`);
  return line;
}

function replaceLine(basket: Basket, line: BasketLine): Basket {
  return { ...basket, lines: basket.lines.map((l) => (l.id === line.id ? line : l)) };
}

/** Number of articles: pieces count each, a weighed or labelled line counts once. */
export function articleCount(basket: Basket): number {
  return basket.lines.reduce((n, l) => n + (l.measure.kind === 'pieces' ? l.measure.count : 1), 0);
}
