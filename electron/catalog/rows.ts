/**
 * Turns a whole import source (JSON rows or CSV text) into validated Products, or throws the
 * first CatalogImportError. Nothing here touches the database.
 */
import type { Product } from '../checkout/product';
import { CatalogImportError, RowFault } from './errors';
import { CsvSyntaxError, forEachCsvRecord } from './csv';
import { csvFieldName, csvRecordToRow, headerIndex } from './csvRows';
import type { ProductSource } from './load';
import { validateProductRow } from './validate';

/** Where a row came from, for error messages. */
interface RowPlace {
  row: number;
  line?: number;
}

/** The first row that reuses a SKU or barcode of an earlier row, or null when all are unique. */
export function findDuplicate(products: readonly Product[]): { row: number; field: 'sku' | 'barcodes'; reason: string } | null {
  const skus = new Map<string, number>();
  const barcodes = new Map<string, number>();
  for (let i = 0; i < products.length; i++) {
    const p = products[i]!;
    const skuRow = skus.get(p.sku);
    if (skuRow !== undefined) return { row: i + 1, field: 'sku', reason: `SKU ${JSON.stringify(p.sku)} already used by row ${skuRow}` };
    for (const gtin14 of p.barcodes) {
      const other = barcodes.get(gtin14);
      if (other !== undefined) return { row: i + 1, field: 'barcodes', reason: `barcode ${gtin14} already used by row ${other}` };
    }
    skus.set(p.sku, i + 1);
    for (const gtin14 of p.barcodes) barcodes.set(gtin14, i + 1);
  }
  return null;
}

/**
 * An import's products for the loader (see load.ts ProductSource), plus, for CSV, the first
 * physical line of each row (index = row - 1). JSON rows are validated one by one as the loader
 * asks for them (a bad row throws its CatalogImportError then, aborting the build), so a million
 * Products are never kept alive at once; CSV rows are validated while the text is read.
 */
export interface ValidRows extends ProductSource {
  lines?: number[];
  /** Maps a JSON field name to the source format's name for error messages. */
  fieldName: (jsonField: string) => string | undefined;
  /** Every product in row order, for finding a duplicate once the load has found there is one. */
  all(): Product[];
}

function refuse(source: string, place: RowPlace, fault: RowFault, field: string | undefined): CatalogImportError {
  return new CatalogImportError({ source, row: place.row, reason: fault.reason, ...(field !== undefined ? { field } : {}), ...(place.line !== undefined ? { line: place.line } : {}) });
}

function noProducts(source: string): CatalogImportError {
  // An empty file is far more likely a failed export than a shop with nothing to sell.
  return new CatalogImportError({ source, row: 0, reason: 'no products: refusing to replace the catalog with an empty one' });
}

/**
 * Rows in the JSON row format → Products, each validated when the loader asks for it (rows are
 * 1-based in errors); only an empty list is refused here. Uniqueness of SKUs and
 * barcodes across rows is checked by the caller (see findDuplicate).
 */
export function validateJsonRows(rows: readonly unknown[], source: string): ValidRows {
  if (rows.length === 0) throw noProducts(source);
  const at = (i: number): Product => {
    try {
      return validateProductRow(rows[i]);
    } catch (e) {
      if (e instanceof RowFault) throw refuse(source, { row: i + 1 }, e, e.field);
      throw e;
    }
  };
  return { count: rows.length, at, all: () => Array.from(rows, (_, i) => at(i)), fieldName: (f) => f };
}

/** JSON file text (an array, or `{ "products": [...] }`) → Products. */
export function validateJsonText(text: string, source: string): ValidRows {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new CatalogImportError({ source, row: 0, reason: `not valid JSON: ${(e as Error).message}` });
  }
  const rows = Array.isArray(doc) ? doc : (doc as { products?: unknown } | null)?.products;
  if (!Array.isArray(rows)) throw new CatalogImportError({ source, row: 0, reason: 'expected an array of products or { "products": [...] }' });
  return validateJsonRows(rows, source);
}

/**
 * CSV file text → Products. Row n is the n-th data record; `line` is its first physical line.
 * Records are validated as they are read (none is kept); after the first bad row the rest is
 * only read, so a CSV syntax error anywhere in the file is still the error reported, as for a
 * file read whole before validation.
 */
export function validateCsvText(text: string, source: string): ValidRows {
  let index: ReturnType<typeof headerIndex> | null = null;
  let seenHeader = false;
  let fault: CatalogImportError | null = null;
  const out: Product[] = [];
  const lines: number[] = [];
  try {
    forEachCsvRecord(text, (fields, line) => {
      if (fault) return;
      if (!seenHeader) {
        seenHeader = true;
        try {
          index = headerIndex(fields);
        } catch (e) {
          if (!(e instanceof RowFault)) throw e;
          fault = refuse(source, { row: 0, line }, e, e.field);
        }
        return;
      }
      try {
        out.push(validateProductRow(csvRecordToRow(fields, index!)));
        lines.push(line);
      } catch (e) {
        if (!(e instanceof RowFault)) throw e;
        fault = refuse(source, { row: out.length + 1, line }, e, csvFieldName(e.field));
      }
    });
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new CatalogImportError({ source, row: 0, line: e.line, reason: e.reason });
    throw e;
  }
  if (!seenHeader) throw noProducts(source);
  if (fault) throw fault;
  if (out.length === 0) throw noProducts(source);
  return { count: out.length, at: (i) => out[i]!, all: () => out, lines, fieldName: csvFieldName };
}
