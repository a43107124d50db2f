import type { LineMeasure } from '../checkout/basket';
import type { Product } from '../checkout/product';
import type { EngineDeps, ScannedCode } from './engine-contract';

/** The product a scanned code names, with the barcode it was found by and the measure the code carries; null when none. */
export function productForCode(cat: EngineDeps['catalog'], code: ScannedCode): { product: Product; barcode: string; measure: LineMeasure | undefined } | null {
  switch (code.kind) {
    case 'gtin': {
      const p = cat.byBarcode(code.gtin14);
      return p && !p.soldByWeight ? { product: p, barcode: code.gtin14, measure: undefined } : null;
    }
    case 'variable': {
      const p = cat.byBarcode(code.lookupGtin14);
      if (!p) return null;
      if (code.measure.type === 'weight') {
        if (!p.soldByWeight) return null;
        return { product: p, barcode: code.lookupGtin14, measure: { kind: 'weight', grams: code.measure.grams } };
      }
      return { product: p, barcode: code.lookupGtin14, measure: { kind: 'labelled-price', cents: code.measure.cents } };
    }
    case 'gs1': {
      if (!code.gtin14) return null;
      const p = cat.byBarcode(code.gtin14);
      if (!p) return null;
      if (code.priceCents) return { product: p, barcode: code.gtin14, measure: { kind: 'labelled-price', cents: code.priceCents } };
      if (p.soldByWeight) return code.weightGrams ? { product: p, barcode: code.gtin14, measure: { kind: 'weight', grams: code.weightGrams } } : null;
      return { product: p, barcode: code.gtin14, measure: undefined };
    }
    case 'text':
      return null;
  }
}
