/**
 * Row validation shared by the JSON and CSV imports: one raw object in the JSON row format
 * → a Product, or a RowFault naming the JSON field. Hand-written rather than zod because it
 * runs a million times per big import and must name the exact field.
 */
import type { Product, ProductUnit } from '../checkout/product';
import { LANGS, type Translated } from '../checkout/lang';
import { toGtin14 } from '../devices/barcode/gtin';
import { RowFault } from './errors';

/** Upper bounds that catch unit mistakes (cents typed as euros ×100 twice, grams as kg). */
export const LIMITS = {
  skuMaxLength: 64,
  nameMaxLength: 200,
  /** 100,000.00 € per piece or per kg. */
  maxUnitPriceCents: 10_000_000,
  maxVatRateBp: 10_000,
  maxAgeLimit: 120,
  maxBarcodesPerProduct: 32,
} as const;

const MESSY_SPACE = /[\t\n\v\f\r]|\s\s/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// C0/C1 control characters have no business in a name or SKU shown on screen and receipt.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function text(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') throw new RowFault(field, value === undefined ? 'missing' : 'must be a string');
  // Line breaks and runs of spaces (legal inside quoted CSV fields) would break the screen
  // and the receipt layout: they collapse to one space.
  const trimmed = value.trim();
  const t = MESSY_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
  if (t === '') throw new RowFault(field, 'must not be empty');
  if (t.length > maxLength) throw new RowFault(field, `longer than ${maxLength} characters`);
  if (CONTROL.test(t)) throw new RowFault(field, 'contains control characters');
  return t;
}

function int(value: unknown, field: string, min: number, max: number): number {
  if (value === undefined) throw new RowFault(field, 'missing');
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new RowFault(field, `must be an integer, got ${JSON.stringify(value)}`);
  if (value < min || value > max) throw new RowFault(field, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function barcodeList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new RowFault('barcodes', value === undefined ? 'missing' : 'must be an array of strings');
  if (value.length === 0) throw new RowFault('barcodes', 'needs at least one barcode');
  if (value.length > LIMITS.maxBarcodesPerProduct) throw new RowFault('barcodes', `more than ${LIMITS.maxBarcodesPerProduct} barcodes`);
  const out: string[] = [];
  for (const code of value) {
    if (typeof code !== 'string') throw new RowFault('barcodes', 'must be an array of strings');
    const gtin14 = toGtin14(code.trim());
    if (gtin14 === null) throw new RowFault('barcodes', `not a valid EAN-8/UPC-A/EAN-13/GTIN-14 (length or check digit): ${JSON.stringify(code)}`);
    if (out.includes(gtin14)) throw new RowFault('barcodes', `barcode ${gtin14} listed twice`);
    out.push(gtin14);
  }
  return out;
}

function names(value: unknown): Translated {
  if (!isRecord(value)) throw new RowFault('name', value === undefined ? 'missing' : 'must be an object {en, et, pl, ru}');
  const out = {} as Translated;
  for (const lang of LANGS) out[lang] = text(value[lang], `name.${lang}`, LIMITS.nameMaxLength);
  return out;
}

/** One raw row in the JSON row format → a Product; throws RowFault naming the JSON field. */
export function validateProductRow(raw: unknown): Product {
  if (!isRecord(raw)) throw new RowFault(undefined, 'a product must be an object');
  const sku = text(raw.sku, 'sku', LIMITS.skuMaxLength);
  const barcodes = barcodeList(raw.barcodes);
  const name = names(raw.name);
  const unitPriceCents = int(raw.unitPriceCents, 'unitPriceCents', 1, LIMITS.maxUnitPriceCents);
  const vatRateBp = int(raw.vatRateBp, 'vatRateBp', 0, LIMITS.maxVatRateBp);
  if (raw.unit !== 'piece' && raw.unit !== 'weight') {
    throw new RowFault('unit', `must be "piece" or "weight", got ${JSON.stringify(raw.unit)}`);
  }
  const unit: ProductUnit = raw.unit;
  if (typeof raw.soldByWeight !== 'boolean') throw new RowFault('soldByWeight', raw.soldByWeight === undefined ? 'missing' : 'must be true or false');
  const soldByWeight = raw.soldByWeight;
  // The basket multiplies a per-kg price by grams only for weighed items; a mismatch would
  // sell a 1 kg price per piece or ask a scale for a bottle.
  if ((unit === 'weight') !== soldByWeight) {
    throw new RowFault('soldByWeight', `unit "${unit}" requires soldByWeight ${unit === 'weight'}`);
  }
  if (typeof raw.category !== 'string' || !SLUG.test(raw.category)) {
    throw new RowFault('category', `must be a slug like "dairy" or "meat-fish", got ${JSON.stringify(raw.category)}`);
  }
  const category = raw.category;
  if (!('ageLimit' in raw)) throw new RowFault('ageLimit', 'missing (use null for none)');
  const ageLimit = raw.ageLimit === null ? null : int(raw.ageLimit, 'ageLimit', 0, LIMITS.maxAgeLimit);
  return { sku, barcodes, name, unitPriceCents, vatRateBp, unit, soldByWeight, category, ageLimit };
}
