import type { Cents } from './money';
import type { Translated } from './lang';

/** How a product is counted: whole pieces, or weighed in grams. */
export type ProductUnit = 'piece' | 'weight';

/** A sellable product as the checkout sees it (the catalog's row, already validated). */
export interface Product {
  /** Stock-keeping id in the store's system. */
  sku: string;
  /** Normalised GTIN-14 strings (or in-store item codes for variable-measure items, e.g. "2100123"). */
  barcodes: string[];
  name: Translated;
  /** Price in cents, VAT included: per piece, or per kilogram when unit is 'weight'. */
  unitPriceCents: Cents;
  /** VAT rate in basis points (2200 = 22 %). */
  vatRateBp: number;
  unit: ProductUnit;
  /** Sold by weight: quantity comes from a scale or a weight barcode, in grams. */
  soldByWeight: boolean;
  /** Category slug, e.g. "dairy", "alcohol", "tobacco", "produce". */
  category: string;
  /** Minimum customer age, or null when anyone may buy it. */
  ageLimit: number | null;
  /** Shown in the "Look up item" picker (loose produce, bakery); absent = false. */
  lookup?: boolean;
  /** Price look-up code the customer may type (1–6 digits, e.g. IFPS 4011 for bananas); absent = none. */
  plu?: string;
  /**
   * Picture for the picker: a bundled picture's path (`fruit/bananas.svg`, under
   * renderer/pictures) or an `https://` URL; absent = the category's picture.
   */
  image?: string;
}
