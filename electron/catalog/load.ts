/**
 * Builds a whole catalog in a NEW SQLite file (`catalog.db.next`), which the caller then
 * renames over the live file (see swap.ts). Nothing else reads the new file while it is built,
 * so it is written with no journal, no fsync per transaction and an exclusive lock: a failed or
 * interrupted build leaves only a stale `.next` file, never a damaged live catalog. Tuned for a
 * million rows: tables are filled in key order with multi-row INSERTs, secondary indexes and the
 * search index are built once at the end (a sort instead of a million random B-tree inserts).
 */
import Database from 'better-sqlite3';
import type { Product } from '../checkout/product';
import { BULK_INDEXES, migrate } from './schema';
import { searchTextSql } from './search';

/**
 * Two rows share a SKU or a barcode. Uniqueness is enforced by the barcodes primary key and the
 * UNIQUE SKU index built at the end of the load (cheaper than a JS map over a million keys);
 * the caller finds the offending row for the message.
 */
export class DuplicateKeyError extends Error {
  readonly kind = 'DuplicateKeyError';
}

/** Milliseconds spent in each phase of a bulk load, for the log and the benchmark. */
export type LoadPhases = Record<'products' | 'barcodes' | 'search' | 'indexes' | 'commit', number>;

/** Rows per multi-row INSERT: one statement step per 50 rows instead of per row. */
const BATCH = 50;
/** FTS5 in-memory term buffer before a segment is flushed (default 1 MB): fewer, larger segments. */
const FTS_HASH_BYTES = 64 * 1024 * 1024;

/** `INSERT INTO table (cols) VALUES (?,..),(?,..)...` for `rows` rows. */
function insertSql(table: string, columns: readonly string[], rows: number): string {
  const one = `(${columns.map(() => '?').join(',')})`;
  return `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array<string>(rows).fill(one).join(',')}`;
}

/**
 * Runs `fill(args, offset, i)` for i in 0..count-1, writing `columns.length` values per row into
 * a reused argument array, and executes one multi-row INSERT per BATCH rows.
 */
function insertAll(db: Database.Database, table: string, columns: readonly string[], count: number, fill: (args: unknown[], at: number, i: number) => void): void {
  const width = columns.length;
  const many = db.prepare(insertSql(table, columns, BATCH));
  const args: unknown[] = new Array<unknown>(BATCH * width);
  let i = 0;
  for (; i + BATCH <= count; i += BATCH) {
    for (let k = 0; k < BATCH; k++) fill(args, k * width, i + k);
    many.run(args);
  }
  const rest = count - i;
  if (rest === 0) return;
  const tail = db.prepare(insertSql(table, columns, rest));
  const tailArgs: unknown[] = new Array<unknown>(rest * width);
  for (let k = 0; k < rest; k++) fill(tailArgs, k * width, i + k);
  tail.run(tailArgs);
}

/**
 * Every barcode as (GTIN as a number, product id), sorted by GTIN, so the barcodes table (keyed
 * by the GTIN) is filled by appends instead of a million random B-tree inserts.
 */
function barcodesInKeyOrder(products: readonly Product[]): { gtins: Float64Array; ids: Uint32Array } {
  let n = 0;
  for (const p of products) n += p.barcodes.length;
  const pairs = new Float64Array(n * 2); // GTIN-14 < 10^14 < 2^53: exact as a double
  let k = 0;
  for (let i = 0; i < products.length; i++) {
    for (const gtin14 of products[i]!.barcodes) {
      pairs[k++] = Number(gtin14);
      pairs[k++] = i + 1;
    }
  }
  // Sorting an index array with a comparator is ~3× slower than sorting plain numbers: sort the
  // GTINs themselves, then recover each one's product id from a map built in the same pass.
  const gtins = new Float64Array(n);
  const idOf = new Map<number, number>();
  for (let j = 0; j < n; j++) {
    gtins[j] = pairs[2 * j]!;
    idOf.set(pairs[2 * j]!, pairs[2 * j + 1]!);
  }
  gtins.sort();
  const ids = new Uint32Array(n);
  for (let j = 0; j < n; j++) ids[j] = idOf.get(gtins[j]!)!;
  return { gtins, ids };
}

function isConstraint(e: unknown): boolean {
  return e instanceof Database.SqliteError && e.code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * Writes `products` (ids 1..n in the given order) as a complete catalog into the NEW file
 * `file`, which must not exist, and closes it. Throws DuplicateKeyError on a repeated SKU or
 * barcode; on any throw the caller deletes the file.
 */
export function buildCatalogFile(file: string, products: readonly Product[], source: string, validateMs: number): LoadPhases {
  const phases: LoadPhases = { products: 0, barcodes: 0, search: 0, indexes: 0, commit: 0 };
  let mark = performance.now();
  const lap = (phase: keyof LoadPhases) => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  const db = new Database(file);
  try {
    // Safe only because no one reads this file before it is complete and renamed into place.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -262144'); // 256 MB, for the index sorts; freed when the file closes
    db.pragma('temp_store = MEMORY');
    migrate(db);
    db.exec('BEGIN');
    for (const index of BULK_INDEXES) db.exec(`DROP INDEX ${index.name}`);
    db.exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('hashsize', ${FTS_HASH_BYTES})`);
    // No merging while rows go in; one 'optimize' at the end writes a single segment.
    db.exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 0)`);

    insertAll(
      db,
      'products',
      ['id', 'sku', 'barcodes', 'name_en', 'name_et', 'name_pl', 'name_ru', 'unit_price_cents', 'vat_rate_bp', 'unit', 'sold_by_weight', 'category', 'age_limit'],
      products.length,
      (a, at, i) => {
        const p = products[i]!;
        const n = p.name;
        a[at] = i + 1;
        a[at + 1] = p.sku;
        a[at + 2] = p.barcodes.length === 1 ? p.barcodes[0] : p.barcodes.join('|');
        a[at + 3] = n.en;
        a[at + 4] = n.et;
        a[at + 5] = n.pl;
        a[at + 6] = n.ru;
        a[at + 7] = p.unitPriceCents;
        a[at + 8] = p.vatRateBp;
        a[at + 9] = p.unit;
        a[at + 10] = p.soldByWeight ? 1 : 0;
        a[at + 11] = p.category;
        a[at + 12] = p.ageLimit;
      },
    );
    lap('products');
    try {
      const { gtins, ids } = barcodesInKeyOrder(products);
      insertAll(db, 'barcodes', ['gtin', 'product_id'], gtins.length, (a, at, j) => {
        a[at] = gtins[j];
        a[at + 1] = ids[j];
      });
      lap('barcodes');
      db.exec(`INSERT INTO products_fts (rowid, names) SELECT id, ${searchTextSql()} FROM products ORDER BY id`);
      db.exec(`INSERT INTO products_fts (products_fts) VALUES ('optimize')`);
      db.exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 4)`);
      lap('search');
      for (const index of BULK_INDEXES) db.exec(index.create);
      lap('indexes');
    } catch (e) {
      if (isConstraint(e)) throw new DuplicateKeyError((e as Error).message);
      throw e;
    }
    db.prepare('INSERT INTO catalog_imports (source, imported, ms, imported_at) VALUES (?, ?, ?, ?)').run(
      source,
      products.length,
      Math.round(validateMs + Object.values(phases).reduce((a, b) => a + b, 0)),
      new Date().toISOString(),
    );
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  lap('commit');
  return phases;
}
