/**
 * Replaces the whole catalog in ONE transaction: readers (and a crash) see either the old
 * catalog or the new one, never a mix. Tuned for a million rows: secondary indexes are dropped
 * and built once after the load (a sort instead of a million random B-tree inserts), each
 * table is filled in its own pass (hot pages stay in cache), statements are prepared once.
 */
import Database from 'better-sqlite3';
import type { Product } from '../checkout/product';
import { BULK_INDEXES } from './schema';
import { foldForSearch } from './search';

/**
 * Two rows share a SKU or a barcode. Uniqueness is enforced by the UNIQUE indexes built at the
 * end of the load (cheaper than a JS map over a million keys); the transaction is already
 * rolled back when this is thrown, and the caller finds the offending row for the message.
 */
export class DuplicateKeyError extends Error {
  readonly kind = 'DuplicateKeyError';
}

/**
 * Every (GTIN as integer, product id) pair sorted by GTIN, so the barcodes table (keyed by the
 * GTIN) is filled by appends instead of a million random B-tree inserts.
 */
function* barcodesInKeyOrder(products: readonly Product[]): Generator<[number, number]> {
  let n = 0;
  for (const p of products) n += p.barcodes.length;
  const gtins = new Float64Array(n); // GTIN-14 < 10^14 < 2^53: exact as a double
  const ids = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < products.length; i++) {
    for (const gtin14 of products[i]!.barcodes) {
      gtins[k] = Number(gtin14);
      ids[k++] = i + 1;
    }
  }
  const order = new Uint32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  order.sort((a, b) => gtins[a]! - gtins[b]!);
  for (const j of order) yield [gtins[j]!, ids[j]!];
}

/** Milliseconds spent in each phase of a bulk load, for the log and the benchmark. */
export type LoadPhases = Record<'clear' | 'products' | 'barcodes' | 'search' | 'indexes' | 'commit', number>;

/** Writes `products` as the new catalog (ids 1..n in the given order). */
export function replaceCatalog(db: Database.Database, products: readonly Product[], source: string, validateMs: number): LoadPhases {
  const phases: LoadPhases = { clear: 0, products: 0, barcodes: 0, search: 0, indexes: 0, commit: 0 };
  let mark = performance.now();
  const lap = (phase: keyof LoadPhases) => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  const insertProduct = db.prepare(
    `INSERT INTO products (id, sku, barcodes, name_en, name_et, name_pl, name_ru, unit_price_cents, vat_rate_bp, unit, sold_by_weight, category, age_limit)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBarcode = db.prepare('INSERT INTO barcodes (gtin, product_id) VALUES (?, ?)');
  const insertSearch = db.prepare('INSERT INTO products_fts (rowid, names) VALUES (?, ?)');
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const index of BULK_INDEXES) db.exec(`DROP INDEX IF EXISTS ${index.name}`);
    db.exec('DELETE FROM barcodes; DELETE FROM products;');
    db.exec(`INSERT INTO products_fts (products_fts) VALUES ('delete-all')`);
    lap('clear');
    for (let i = 0; i < products.length; i++) {
      const p = products[i]!;
      const n = p.name;
      insertProduct.run(i + 1, p.sku, p.barcodes.join('|'), n.en, n.et, n.pl, n.ru, p.unitPriceCents, p.vatRateBp, p.unit, p.soldByWeight ? 1 : 0, p.category, p.ageLimit);
    }
    lap('products');
    try {
      for (const [gtin, id] of barcodesInKeyOrder(products)) insertBarcode.run(gtin, id);
      lap('barcodes');
      for (let i = 0; i < products.length; i++) {
        const n = products[i]!.name;
        insertSearch.run(i + 1, foldForSearch(`${n.en} ${n.et} ${n.pl} ${n.ru}`));
      }
      lap('search');
      for (const index of BULK_INDEXES) db.exec(index.create);
      lap('indexes');
    } catch (e) {
      if (e instanceof Database.SqliteError && e.code.startsWith('SQLITE_CONSTRAINT')) throw new DuplicateKeyError(e.message);
      throw e;
    }
    db.prepare('INSERT INTO catalog_imports (source, imported, ms, imported_at) VALUES (?, ?, ?, ?)').run(
      source,
      products.length,
      Math.round(validateMs + performance.now() - mark + Object.values(phases).reduce((a, b) => a + b, 0)),
      new Date().toISOString(),
    );
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  lap('commit');
  return phases;
}
