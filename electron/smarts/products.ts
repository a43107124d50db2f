/**
 * Smarts product search (integrations.md §1.2, REQUIRED by Smarts), served from our catalog:
 * request schemas, the Product / Pageable wire shapes, and the catalog → Smarts mapping.
 *
 * Decisions where the reference is silent (see README):
 * - `id` is our SKU; `barcode` is the product's first barcode in its shortest GTIN form
 *   (EAN-8 / EAN-13 / GTIN-14); weighed products carry their in-store lookup code.
 * - `price` is always the price of the `quantity` shown. Pieces: `{ PIECE, 1 }` at the unit price.
 *   Weighed products (`weightItem: true`): `{ KILOGRAM, 1 }` at the price per kilogram; a barcode
 *   search with a weight label (e.g. 2000104012341) answers `{ KILOGRAM, 1.234 }` at that label's
 *   price, round(grams × price per kg / 1000), exactly as the kiosk prices it. A price label
 *   answers `{ PIECE, 1 }` at the label's price.
 * - VAT: `VATSum = round(gross × rate / (10000 + rate))` half away from zero, net = gross − VAT
 *   (integer cents, the kiosk's rule); `VATRate` is a whole percent (a rate such as 5.5 % is
 *   reported rounded half up, the sums stay exact).
 * - `inspections`: `MIN_AGE` (action INSPECT) from the larger of the product's age limit and the
 *   category rule; `MAX_TIME` (action RESTICT, the docs' spelling) with the end of the category's
 *   sale window ("22:00:00") and the store's time zone. The window's start cannot be expressed.
 * - `categories`: our category slug as id and name (`numberOfProducts` from the catalog, no parent).
 * - `translatableName.originalText` is the name in the requested language; `translations` lists
 *   all four (EN, ET, PL, RU). We have no descriptions: `translatableDescription` is null.
 * - `information.imageUrl` from `imageUrlTemplate` ("{sku}", "{barcode}") when configured, else null.
 * - List order: the catalog's (category slug, then English name); `orderBy` DESC reverses it,
 *   "ASC" and the docs' "ACS" keep it; `orderFieldName` is accepted and not used.
 * - `page` counts from 1; `lastPage` = ceil(totalCount / limit) (0 when nothing matches);
 *   `totalCount` counts products, not barcodes.
 */
import { z } from 'zod';
import type { Product } from '../checkout/product';
import type { Lang } from '../checkout/lang';
import { LANGS } from '../checkout/lang';
import { divRound, type Cents } from '../checkout/money';
import { toGtin14 } from '../devices/barcode/gtin';
import { centsToWire } from './prices';
import { safeText, type SmartsProduct } from './schemas';

/** What the product search needs from the catalog (electron/catalog's Catalog has all of it). */
export interface SmartsCatalogPort {
  byBarcode(gtin14: string): Product | null;
  bySku(sku: string): Product | null;
  searchByName(query: string, opts?: { limit?: number }): Product[];
  byCategory(category: string, page: number, pageSize?: number): { items: Product[]; total: number };
  categories(): Array<{ category: string; count: number }>;
}

/** A scanned code as the kiosk's barcode parser reads it (electron/devices/barcode), structurally. */
export type ScannedCodeLike =
  | { kind: 'gtin'; gtin14: string }
  | { kind: 'variable'; lookupGtin14: string; measure: { type: 'weight'; grams: number } | { type: 'price'; cents: number } }
  | { kind: 'gs1'; gtin14: string | null; weightGrams?: number; priceCents?: number }
  | { kind: 'text'; text: string };
export type ParseBarcode = (raw: string) => { ok: true; code: ScannedCodeLike } | { ok: false };

/** What the store's rules say about a product (purchase-control rules, injected). */
export interface ProductRules {
  requiredAge(p: Product): number | null;
  /** The category's sale window, or null when it may always be sold. */
  saleWindow(p: Product): { from: string; to: string } | null;
  timeZone: string;
}

/** A product as found by a scan: the catalog product and, for labels, the measure. */
export interface FoundProduct {
  product: Product;
  grams?: number;
  labelCents?: Cents;
}

// ---- request schemas (ProductSearchRequest, PageRequest) ----------------------------------

/** LangCode for product search: the four languages of our catalog, any case. */
export const SearchLang = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(LANGS, { message: 'langCode must be one of EN, ET, PL, RU' }));

export const ProductSearchRequest = z.looseObject({
  type: safeText(40).nullish(),
  barcode: safeText(64).nullish(),
  name: safeText(200).nullish(),
  categoryName: safeText(200).nullish(),
  langCode: SearchLang.nullish(),
  personId: safeText(200).nullish(),
  institutionId: safeText(200).nullish(),
});
export type ProductSearchRequest = z.infer<typeof ProductSearchRequest>;

export const MAX_PAGE_LIMIT = 200;
export const DEFAULT_PAGE_LIMIT = 50;

export const PageRequest = z.looseObject({
  page: z.number().int().min(1).max(1_000_000).default(1),
  limit: z.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  orderBy: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(['ASC', 'ACS', 'DESC'], { message: 'orderBy must be ASC (or "ACS") or DESC' }))
    .nullish(),
  orderFieldName: safeText(60).nullish(),
  request: ProductSearchRequest.default({}),
  loyaltyCards: z.array(z.looseObject({ id: safeText(200).nullish(), cardNumber: safeText(200).nullish() })).max(50).nullish(),
});
export type PageRequest = z.infer<typeof PageRequest>;

export interface Pageable<T> {
  result: T[];
  lastPage: number;
  totalCount: number;
}

// ---- catalog → Smarts ----------------------------------------------------------------------

const WIRE_LANG: Record<Lang, string> = { en: 'EN', et: 'ET', pl: 'PL', ru: 'RU' };

/** GTIN-14 as stored → the shortest usual form (EAN-8, EAN-13 or GTIN-14). */
export function displayBarcode(gtin14: string): string {
  if (/^000000\d{8}$/.test(gtin14)) return gtin14.slice(6);
  if (/^0\d{13}$/.test(gtin14)) return gtin14.slice(1);
  return gtin14;
}

/** A VAT-inclusive gross and a rate in basis points → the Smarts Price (no addition). */
export function smartsPrice(grossCents: Cents, vatRateBp: number): SmartsProduct['price'] {
  const vat = divRound(grossCents * vatRateBp, 10_000 + vatRateBp);
  return {
    vat: {
      sumWithoutVAT: centsToWire(grossCents - vat),
      VATSum: centsToWire(vat),
      sumWithVAT: centsToWire(grossCents),
      VATRate: divRound(vatRateBp, 100),
    },
    total: centsToWire(grossCents),
  };
}

export interface ProductMapping {
  rules: ProductRules;
  /** Product counts per category (for `numberOfProducts`). */
  categoryCount(category: string): number;
  /** e.g. "https://img.example/{sku}.jpg"; null = no images. */
  imageUrlTemplate: string | null;
}

/** Our product → Smarts Product in `lang`, priced for its quantity (see the header). */
export function toSmartsProduct(found: FoundProduct, lang: Lang, m: ProductMapping): SmartsProduct {
  const p = found.product;
  let quantity: SmartsProduct['quantity'];
  let gross: Cents;
  if (found.labelCents !== undefined) {
    quantity = { unit: 'PIECE', value: 1 };
    gross = found.labelCents;
  } else if (p.soldByWeight) {
    const grams = found.grams ?? 1000;
    quantity = { unit: 'KILOGRAM', value: grams / 1000 };
    gross = divRound(grams * p.unitPriceCents, 1000);
  } else {
    quantity = { unit: 'PIECE', value: 1 };
    gross = p.unitPriceCents;
  }
  const barcode = displayBarcode(p.barcodes[0] ?? '');
  const inspections: NonNullable<SmartsProduct['inspections']> = [];
  const age = m.rules.requiredAge(p);
  if (age !== null) inspections.push({ action: 'INSPECT', type: 'MIN_AGE', age });
  const window = m.rules.saleWindow(p);
  if (window) inspections.push({ action: 'RESTICT', type: 'MAX_TIME', time: `${window.to === '24:00' ? '23:59' : window.to}:00`, timezone: m.rules.timeZone });
  return {
    id: p.sku,
    barcode,
    type: 'SINGLE',
    translatableName: { originalText: p.name[lang], translations: LANGS.map((l) => ({ [WIRE_LANG[l]]: p.name[l] })) },
    translatableDescription: null,
    quantity,
    price: smartsPrice(gross, p.vatRateBp),
    weightItem: p.soldByWeight,
    information: m.imageUrlTemplate ? { imageUrl: m.imageUrlTemplate.replaceAll('{sku}', encodeURIComponent(p.sku)).replaceAll('{barcode}', barcode) } : null,
    inspections,
    campaigns: [],
    subProducts: null,
    categories: [
      { id: p.category, translatableName: { originalText: p.category, translations: null }, numberOfProducts: m.categoryCount(p.category), parentId: null },
    ],
  };
}

/**
 * A barcode as a Smarts customer's phone reads it → our product. With the kiosk's parser
 * (weight/price labels, GS1) when given; otherwise plain GTINs only. Weighed products are found
 * with a weight label (priced for that weight) or by their plain lookup code (priced per kg).
 */
export function findByBarcode(raw: string, catalog: SmartsCatalogPort, parse?: ParseBarcode): FoundProduct | null {
  const text = raw.trim();
  // A code stored in the catalog as such (including a weighed product's lookup code) is that product.
  const g = toGtin14(text);
  const direct = g ? catalog.byBarcode(g) : null;
  if (direct || !parse) return direct ? { product: direct } : null;
  const r = parse(text);
  if (!r.ok) return null;
  const c = r.code;
  switch (c.kind) {
    case 'gtin': {
      const p = catalog.byBarcode(c.gtin14);
      return p ? { product: p } : null;
    }
    case 'variable': {
      const p = catalog.byBarcode(c.lookupGtin14);
      if (!p) return null;
      if (c.measure.type === 'weight') return p.soldByWeight ? { product: p, grams: c.measure.grams } : null;
      return { product: p, labelCents: c.measure.cents };
    }
    case 'gs1': {
      const p = c.gtin14 ? catalog.byBarcode(c.gtin14) : null;
      if (!p) return null;
      if (c.priceCents) return { product: p, labelCents: c.priceCents };
      if (p.soldByWeight && c.weightGrams) return { product: p, grams: c.weightGrams };
      return { product: p };
    }
    case 'text':
      return null;
  }
}

/**
 * One page of products in catalog order (category slug, then English name), optionally within one
 * category; DESC reverses the order. Built from the catalog's own category pages.
 */
export function pageOfProducts(catalog: SmartsCatalogPort, opts: { page: number; limit: number; desc: boolean; category: string | null }): { items: Product[]; total: number } {
  const cats = catalog.categories().filter((c) => opts.category === null || c.category === opts.category);
  const total = cats.reduce((s, c) => s + c.count, 0);
  const offset = (opts.page - 1) * opts.limit;
  if (offset >= total) return { items: [], total };
  // The range in ascending order: [from, to).
  const from = opts.desc ? Math.max(0, total - offset - opts.limit) : offset;
  const to = opts.desc ? total - offset : Math.min(total, offset + opts.limit);
  const items: Product[] = [];
  let start = 0;
  for (const c of cats) {
    const end = start + c.count;
    if (end > from && start < to) {
      const lo = Math.max(from, start) - start;
      const hi = Math.min(to, end) - start;
      items.push(...slice(catalog, c.category, lo, hi));
    }
    start = end;
    if (start >= to) break;
  }
  return { items: opts.desc ? items.reverse() : items, total };
}

/** Products [lo, hi) of a category, from at most two catalog pages of size hi − lo. */
function slice(catalog: SmartsCatalogPort, category: string, lo: number, hi: number): Product[] {
  const size = hi - lo;
  const firstPage = Math.floor(lo / size) + 1;
  const a = catalog.byCategory(category, firstPage, size).items;
  const b = lo % size === 0 ? [] : catalog.byCategory(category, firstPage + 1, size).items;
  const base = (firstPage - 1) * size;
  return [...a, ...b].slice(lo - base, hi - base);
}
