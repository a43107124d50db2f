/**
 * Row validation shared by the JSON and CSV imports: one raw object in the JSON row format
 * → a Product, or a RowFault naming the JSON field. Hand-written rather than zod because it
 * runs a million times per big import and must name the exact field.
 */
import type { Product, ProductUnit } from '../checkout/product';
import { LANGS, type Lang, type Translated } from '../checkout/lang';
import { RowFault } from './errors';

/** Upper bounds that catch unit mistakes (cents typed as euros ×100 twice, grams as kg). */
export const LIMITS = {
  skuMaxLength: 64,
  nameMaxLength: 200,
  /** A category slug (`meat-fish`). */
  categoryMaxLength: 64,
  /** One barcode as written in the file, spaces included (a GTIN has at most 14 digits). */
  barcodeMaxLength: 32,
  /** 100,000.00 € per piece or per kg. */
  maxUnitPriceCents: 10_000_000,
  maxVatRateBp: 10_000,
  maxAgeLimit: 120,
  maxBarcodesPerProduct: 32,
  /** A picture's bundled path or URL. */
  imageMaxLength: 300,
} as const;

/** A price look-up code: 4 or 5 digits (IFPS produce codes: 4 digits, 5 with a leading 9 for organic). */
const PLU = /^\d{4,5}$/;
/**
 * A bundled picture: lower-case words (letters, digits, `-`, `_`) in folders, ending in
 * .svg/.png/.webp/.jpg (`fruit/bananas.svg`). No `..`, no leading `/`, nothing to escape.
 */
const BUNDLED_IMAGE = /^(?:[a-z0-9]+(?:[-_][a-z0-9]+)*\/){0,3}[a-z0-9]+(?:[-_][a-z0-9]+)*\.(?:svg|png|webp|jpg)$/;
/** A picture URL: https only, printable ASCII without spaces, quotes, angle brackets or backslashes. */
const IMAGE_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/[!#$%&()*+,\-./0-9:;=?@A-Z[\]_a-z~]*$/;
const MESSY_SPACE = /[\t\n\v\f\r]|\s\s/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// C0/C1 control characters have no business in a name or SKU shown on screen and receipt.
 
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Unicode white space above U+00A0 (what String.prototype.trim and \s also match). */
function isWideSpace(c: number): boolean {
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * True when `s` is already clean: no control characters, no white space other than single
 * inner U+0020 spaces. Then trimming and collapsing change nothing and the regex checks below
 * can be skipped; a million-row import has ~5 million such strings and almost all are clean.
 */
function isCleanText(s: string): boolean {
  const n = s.length;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20) {
      if (c !== 0x20 || i === 0 || i === n - 1 || prev === 0x20) return false;
    } else if (c >= 0x7f && (c <= 0xa0 || isWideSpace(c))) {
      return false;
    }
    prev = c;
  }
  return true;
}

function text(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') throw new RowFault(field, value === undefined ? 'missing' : 'must be a string');
  if (value !== '' && value.length <= maxLength && isCleanText(value)) return value;
  // Far too long even after trimming: refused before any regex walks it.
  if (value.length > 2 * maxLength + 16) throw new RowFault(field, `longer than ${maxLength} characters`);
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

/**
 * EAN-8/UPC-A/EAN-13/GTIN-14 with a valid GS1 check digit → 14 digits, else null: the rule of
 * `toGtin14` (devices/barcode/gtin) without its regexes and per-digit strings, for the import's
 * hot path. The unit tests check both agree.
 */
export function gtin14Of(code: string): string | null {
  const n = code.length;
  if (n !== 8 && n !== 12 && n !== 13 && n !== 14) return null;
  let sum = 0;
  // Weights 3,1,3,... from the rightmost digit before the check digit.
  for (let i = n - 2, w = 3; i >= 0; i--, w = 4 - w) {
    const d = code.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    sum += d * w;
  }
  const check = code.charCodeAt(n - 1) - 48;
  if (check < 0 || check > 9 || (10 - (sum % 10)) % 10 !== check) return null;
  return n === 14 ? code : '00000000000000'.slice(n) + code;
}

/** Category slugs already found valid: a catalog has a few dozen, repeated a million times. */
const goodSlugs = new Set<string>();

function isSlug(s: string): boolean {
  if (goodSlugs.has(s)) return true;
  if (!SLUG.test(s)) return false;
  if (goodSlugs.size < 10_000) goodSlugs.add(s);
  return true;
}

function barcodeList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new RowFault('barcodes', value === undefined ? 'missing' : 'must be an array of strings');
  const n = value.length;
  if (n === 0) throw new RowFault('barcodes', 'needs at least one barcode');
  if (n > LIMITS.maxBarcodesPerProduct) throw new RowFault('barcodes', `more than ${LIMITS.maxBarcodesPerProduct} barcodes`);
  // Sized up front: an array grown by push() reserves 16 slots, and a million of them are kept.
  const out: string[] = n === 1 ? [gtin14Checked(value[0])] : new Array<string>(n);
  for (let i = n === 1 ? 1 : 0; i < n; i++) {
    const gtin14 = gtin14Checked(value[i]);
    for (let j = 0; j < i; j++) if (out[j] === gtin14) throw new RowFault('barcodes', `barcode ${gtin14} listed twice`);
    out[i] = gtin14;
  }
  return out;
}

function gtin14Checked(code: unknown): string {
  if (typeof code !== 'string') throw new RowFault('barcodes', 'must be an array of strings');
  if (code.length > LIMITS.barcodeMaxLength) throw new RowFault('barcodes', `a barcode longer than ${LIMITS.barcodeMaxLength} characters`);
  const gtin14 = gtin14Of(code.trim());
  if (gtin14 === null) throw new RowFault('barcodes', `not a valid EAN-8/UPC-A/EAN-13/GTIN-14 (length or check digit): ${JSON.stringify(code)}`);
  return gtin14;
}

/** `name.en` ... as constants: a template string per call is four allocations per row. */
const NAME_FIELD = Object.fromEntries(LANGS.map((l) => [l, `name.${l}`])) as Record<Lang, string>;

function names(value: unknown): Translated {
  if (!isRecord(value)) throw new RowFault('name', value === undefined ? 'missing' : 'must be an object {en, et, pl, ru}');
  const max = LIMITS.nameMaxLength;
  return { en: text(value.en, NAME_FIELD.en, max), et: text(value.et, NAME_FIELD.et, max), pl: text(value.pl, NAME_FIELD.pl, max), ru: text(value.ru, NAME_FIELD.ru, max) };
}

function image(value: unknown): string {
  if (typeof value !== 'string') throw new RowFault('image', 'must be a string when given');
  if (value.length > LIMITS.imageMaxLength) throw new RowFault('image', `longer than ${LIMITS.imageMaxLength} characters`);
  if (!BUNDLED_IMAGE.test(value) && !IMAGE_URL.test(value)) {
    throw new RowFault('image', `must be a bundled picture like "fruit/bananas.svg" or an https:// URL, got ${JSON.stringify(value.slice(0, 40))}`);
  }
  return value;
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
  if (typeof raw.category === 'string' && raw.category.length > LIMITS.categoryMaxLength) {
    throw new RowFault('category', `longer than ${LIMITS.categoryMaxLength} characters (${raw.category.length})`);
  }
  if (typeof raw.category !== 'string' || !isSlug(raw.category)) {
    throw new RowFault('category', `must be a slug like "dairy" or "meat-fish", got ${JSON.stringify(raw.category)}`);
  }
  const category = raw.category;
  if (!('ageLimit' in raw)) throw new RowFault('ageLimit', 'missing (use null for none)');
  const ageLimit = raw.ageLimit === null ? null : int(raw.ageLimit, 'ageLimit', 0, LIMITS.maxAgeLimit);
  const product: Product = { sku, barcodes, name, unitPriceCents, vatRateBp, unit, soldByWeight, category, ageLimit };
  if (raw.lookup !== undefined) {
    if (typeof raw.lookup !== 'boolean') throw new RowFault('lookup', 'must be true or false when given');
    if (raw.lookup) product.lookup = true;
  }
  if (raw.plu !== undefined && raw.plu !== null) {
    if (typeof raw.plu !== 'string' || !PLU.test(raw.plu)) throw new RowFault('plu', `must be 4 or 5 digits as a string, got ${JSON.stringify(raw.plu)?.slice(0, 40)}`);
    product.plu = raw.plu;
  }
  if (raw.image !== undefined && raw.image !== null) product.image = image(raw.image);
  return product;
}
