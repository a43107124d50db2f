/**
 * Realistic PurchaseControlCheckRequest bodies, as Smarts would send them: translatable names,
 * prices with VAT objects, MIN_AGE inspections on alcohol and tobacco. Written from
 * integrations.md with the simulator's own types (./wire), not the kiosk's.
 */
import type { WCheckRequest, WProduct } from './wire';

type Cents = number;
type PurchaseControlCheckRequest = WCheckRequest & { products: SmartsProduct[] };
type SmartsProduct = WProduct & { quantity: { unit: 'PIECE' | 'KILOGRAM'; value: number | string } };

/** Euros with two decimals from integer cents (the simulator's own conversion). */
export function euros(cents: Cents): number {
  return Number((cents / 100).toFixed(2));
}

/**
 * A Smarts Price for a row: gross cents (VAT included), VAT as an integer percent (VATRate is an
 * Integer in the reference), optional discount as an Addition of type "DSC".
 */
export function smartsPrice(grossCents: Cents, vatPercent: number, discountCents: Cents = 0): WProduct['price'] {
  const withVat = grossCents - discountCents;
  const vat = Math.round((withVat * vatPercent) / (100 + vatPercent));
  return {
    ...(discountCents > 0 ? { addition: { type: 'DSC', sum: euros(discountCents), rate: null } } : {}),
    vat: { sumWithoutVAT: euros(withVat - vat), VATSum: euros(vat), sumWithVAT: euros(withVat), VATRate: vatPercent },
    total: euros(withVat),
  };
}

export interface SandboxProductSpec {
  id?: string;
  barcode?: string;
  /** Estonian name; English goes into translations. */
  name: string;
  nameEn?: string;
  /** Row price in cents, VAT included, before discount. */
  priceCents: Cents;
  /** Basis points, whole percent only; default 2200. */
  vatRateBp?: number;
  discountCents?: Cents;
  /** Pieces, or kilograms for weight items (Smarts sends a double). Default 1. */
  quantity?: number;
  weightItem?: boolean;
  /** Adds a MIN_AGE inspection. */
  minAge?: number;
  category?: { id: string; name: string };
}

let seq = 0;

export function makeProduct(spec: SandboxProductSpec): SmartsProduct {
  const id = spec.id ?? `P${++seq}`;
  return {
    id,
    barcode: spec.barcode ?? `474${String(100000000 + seq).padStart(10, '0')}`,
    type: 'SINGLE',
    translatableName: { originalText: spec.name, translations: [{ ET: spec.name }, { EN: spec.nameEn ?? spec.name }] },
    quantity: spec.weightItem ? { unit: 'KILOGRAM', value: spec.quantity ?? 1 } : { unit: 'PIECE', value: spec.quantity ?? 1 },
    price: smartsPrice(spec.priceCents, Math.round((spec.vatRateBp ?? 2200) / 100), spec.discountCents ?? 0),
    weightItem: spec.weightItem ?? false,
    information: { imageUrl: `https://example.invalid/img/${id}.png` },
    inspections: spec.minAge ? [{ action: 'INSPECT', type: 'MIN_AGE', age: spec.minAge }] : [],
    campaigns: [],
    subProducts: null,
    categories: spec.category
      ? [{ id: spec.category.id, translatableName: { originalText: spec.category.name, translations: [{ ET: spec.category.name }] }, numberOfProducts: 100, parentId: null }]
      : [],
  };
}

export interface CheckRequestSpec {
  invoiceId?: string;
  institutionId?: string;
  personId?: string;
  langCode?: string;
  products: Array<SandboxProductSpec | SmartsProduct>;
}

let invoiceSeq = 0;

export function makeCheckRequest(spec: CheckRequestSpec): PurchaseControlCheckRequest {
  return {
    invoiceId: spec.invoiceId ?? `INV-${Date.now().toString(36)}-${++invoiceSeq}`,
    langCode: spec.langCode ?? 'ET',
    personId: spec.personId ?? 'person-1001',
    institutionId: spec.institutionId ?? 'store-tln-01',
    products: spec.products.map((p) => ('translatableName' in p ? p : makeProduct(p))),
    shipment: null,
    loyaltyCards: [{ id: 'loyal-1', cardNumber: '1234567', useBonusOnPayment: false }],
  };
}

const SHELF: SandboxProductSpec[] = [
  { name: 'Piim 2,5% 1 l', nameEn: 'Milk 2.5% 1 l', priceCents: 119, vatRateBp: 2200, category: { id: 'dairy', name: 'Piimatooted' } },
  { name: 'Rukkileib', nameEn: 'Rye bread', priceCents: 189, category: { id: 'bakery', name: 'Pagaritooted' } },
  { name: 'Banaan', nameEn: 'Banana', priceCents: 163, weightItem: true, quantity: 1.03, category: { id: 'produce', name: 'Puuviljad' } },
  { name: 'Õlu 0,5 l', nameEn: 'Beer 0.5 l', priceCents: 229, minAge: 18, category: { id: 'alcohol', name: 'Alkohol' } },
  { name: 'Kohv 500 g', nameEn: 'Coffee 500 g', priceCents: 699, discountCents: 70, category: { id: 'coffee', name: 'Kohv' } },
  { name: 'Vein 0,75 l', nameEn: 'Wine 0.75 l', priceCents: 1249, minAge: 18, category: { id: 'alcohol', name: 'Alkohol' } },
  { name: 'Šokolaad', nameEn: 'Chocolate', priceCents: 249, category: { id: 'sweets', name: 'Maiustused' } },
];

/**
 * A basket of `size` products (default 50) drawn from a small shelf; `seed` makes it repeatable.
 * About 1 in 7 products carries a MIN_AGE inspection.
 */
export function makeBasket(size = 50, seed = 1, invoiceId?: string): PurchaseControlCheckRequest {
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s;
  };
  const products: SandboxProductSpec[] = [];
  for (let i = 0; i < size; i++) {
    const base = SHELF[next() % SHELF.length] as SandboxProductSpec;
    const qty = base.weightItem ? base.quantity ?? 1 : 1 + (next() % 3);
    products.push({ ...base, id: `SKU-${i + 1}`, quantity: qty, priceCents: base.weightItem ? base.priceCents : base.priceCents * qty });
  }
  return makeCheckRequest({ invoiceId: invoiceId ?? `BENCH-${seed}`, products });
}
