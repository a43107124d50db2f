/**
 * Builds a whole catalog in a NEW SQLite file (`catalog.db.next`), which the caller then
 * renames over the live file (see swap.ts). Nothing but the search index worker reads the new
 * file while it is built, so it is written with no fsync per transaction and no journal (an
 * exclusive lock when there is no worker): a failed or interrupted build leaves only a stale
 * `.next` file, never a damaged live catalog. Tuned for a million rows: 16 KB pages, tables
 * filled in key order with multi-row INSERTs, secondary indexes built once at the end (a sort
 * instead of a million random B-tree inserts), and the search index on the second core from the
 * first committed chunk on (see fts-build.ts).
 */
import Database from 'better-sqlite3';
import type { Product } from '../checkout/product';
import { FTS_HASH_BYTES, FtsBuild, ftsFileOf, WORKER_WAIT_MS } from './fts-build';
import { BULK_INDEXES, migrate } from './schema';
import { foldFlags, searchTextSqlByFlag } from './search';
import { removeDatabaseFiles } from './swap';

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

/**
 * The new file's page size. Measured at a million rows against SQLite's default 4 KB: the load
 * takes ~1 s less (a quarter of the page splits, cells and write calls), and a barcode look-up
 * still reads three pages.
 */
export const BUILD_PAGE_SIZE = 16_384;

/**
 * From this many products the search index is built on a worker thread (see fts-build.ts);
 * below it starting a thread costs more than it saves. Tests lower it to cover both paths.
 */
export const loadTuning = { ftsWorkerMinRows: 20_000, chunkRows: 65_536, sortThreads: 2, sortCacheKb: 16_384 };

/**
 * Sets up SQLite's external sort for the index builds: with temp files allowed and a 16 MB cache,
 * CREATE INDEX sorts the ~60 MB of category-index keys as several runs, each sorted by one of
 * `threads` SQLite helper threads, and merges them; with `temp_store = MEMORY` (or a cache large
 * enough for every key) SQLite sorts everything in one list on the calling thread. Measured at a
 * million rows: the category index costs this thread ~0.6 s instead of ~2 s, and all threads
 * together less than before (smaller runs sort faster). The runs are in unlinked temp files
 * (SQLite's temp folder), written back to the OS cache only.
 */
function sortOnHelperThreads(db: Database.Database): void {
  if (loadTuning.sortThreads <= 0) return;
  db.pragma(`threads = ${Math.trunc(loadTuning.sortThreads)}`);
  db.pragma('temp_store = FILE');
  db.pragma(`cache_size = -${Math.trunc(loadTuning.sortCacheKb)}`);
}

/** The search index's shadow tables (contentless, columnsize=0: no content or docsize table). */
const FTS_SHADOW_TABLES = ['products_fts_data', 'products_fts_idx', 'products_fts_config'] as const;

/** `INSERT INTO table (cols) VALUES (?,..),(?,..)...` for `rows` rows. */
function insertSql(table: string, columns: readonly string[], rows: number): string {
  const one = `(${columns.map(() => '?').join(',')})`;
  return `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array<string>(rows).fill(one).join(',')}`;
}

/**
 * Runs `fill(args, offset, i)` for i in from..to-1, writing `columns.length` values per row into
 * a reused argument array, and executes one multi-row INSERT per BATCH rows.
 */
function insertAll(db: Database.Database, table: string, columns: readonly string[], count: number, fill: (args: unknown[], at: number, i: number) => void, from = 0): void {
  const width = columns.length;
  const many = db.prepare(insertSql(table, columns, BATCH));
  const args: unknown[] = new Array<unknown>(BATCH * width);
  let i = from;
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
 * Every barcode as (GTIN as a number, product id), collected as products go in and then sorted
 * by GTIN, so the barcodes table (keyed by the GTIN) is filled by appends instead of a million
 * random B-tree inserts. Typed arrays: nothing per barcode for the garbage collector to keep.
 */
class BarcodeKeys {
  private gtins: Float64Array;
  private ids: Uint32Array;
  private n = 0;
  private sorted = true;

  constructor(products: number) {
    this.gtins = new Float64Array(Math.max(16, products + (products >> 3)));
    this.ids = new Uint32Array(this.gtins.length);
  }

  add(codes: readonly string[], id: number): void {
    if (this.n + codes.length > this.gtins.length) this.grow(this.n + codes.length);
    for (let j = 0; j < codes.length; j++) {
      const g = Number(codes[j]); // GTIN-14 < 10^14 < 2^53: exact as a double
      if (this.n > 0 && g < this.gtins[this.n - 1]!) this.sorted = false;
      this.gtins[this.n] = g;
      this.ids[this.n++] = id;
    }
  }

  private grow(atLeast: number): void {
    const size = Math.max(atLeast, this.gtins.length * 2);
    const gtins = new Float64Array(size);
    gtins.set(this.gtins);
    const ids = new Uint32Array(size);
    ids.set(this.ids);
    this.gtins = gtins;
    this.ids = ids;
  }

  /** The pairs in GTIN order. Exports are often in barcode order already; otherwise a radix sort (~50 ms for a million). */
  inKeyOrder(): { gtins: Float64Array; ids: Uint32Array } {
    const gtins = this.gtins.subarray(0, this.n);
    const ids = this.ids.subarray(0, this.n);
    return this.sorted ? { gtins, ids } : radixSortPairs(gtins, ids);
  }
}

/**
 * Sorts (gtin, id) pairs by gtin with an LSD radix sort over 16-bit digits of the 47-bit key:
 * two digits of the low 32 bits, one of the high bits (< 2^15 since GTINs are < 10^14).
 */
function radixSortPairs(gtins: Float64Array, ids: Uint32Array): { gtins: Float64Array; ids: Uint32Array } {
  const n = gtins.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const g = gtins[i]!;
    lo[i] = g >>> 0;
    hi[i] = Math.floor(g / 4294967296);
  }
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65537);
  for (const digit of [(i: number) => lo[i]! & 0xffff, (i: number) => lo[i]! >>> 16, (i: number) => hi[i]! & 0xffff]) {
    counts.fill(0);
    for (let j = 0; j < n; j++) counts[digit(order[j]!) + 1]!++;
    for (let d = 1; d <= 65536; d++) counts[d]! += counts[d - 1]!;
    for (let j = 0; j < n; j++) {
      const i = order[j]!;
      next[counts[digit(i)]!++] = i;
    }
    [order, next] = [next, order];
  }
  const sg = new Float64Array(n);
  const si = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    sg[j] = gtins[order[j]!]!;
    si[j] = ids[order[j]!]!;
  }
  return { gtins: sg, ids: si };
}

/** `id` is not among them: each row gets the next rowid, which is its index + 1 (checked at the end). */
const PRODUCT_COLUMNS = ['sku', 'barcodes', 'name_en', 'name_et', 'name_pl', 'name_ru', 'unit_price_cents', 'vat_rate_bp', 'unit', 'sold_by_weight', 'category', 'age_limit', 'search_fold'] as const;
/**
 * The product columns that hold their usual value for almost every product (a PLU, a picture,
 * the look-up picker's flag: produce only), with that value as SQL and as JS.
 */
const RARE_COLUMNS = ['plu', 'image', 'lookup'] as const;
const RARE_USUAL = { sql: ['NULL', 'NULL', '0'], js: [null, null, 0] } as const;

/**
 * Inserts products from..count-1 in BATCH-row statements; `fill` writes a product's
 * PRODUCT_COLUMNS values at `a[at..]` and its RARE_COLUMNS values at `r[rAt..]`. A batch in which
 * every product has the usual values there (nearly all) goes through a statement with them as
 * literals: better-sqlite3 binds each value through N-API at ~100–150 ns, a NULL too (~0.3 s per
 * million for the three columns). A batch with any other goes through the statement that binds them.
 */
function insertProducts(db: Database.Database, count: number, from: number, fill: (a: unknown[], at: number, r: unknown[], rAt: number, i: number) => void): void {
  const width = PRODUCT_COLUMNS.length;
  const rareWidth = RARE_COLUMNS.length;
  const columns = [...PRODUCT_COLUMNS, ...RARE_COLUMNS];
  const statements = new Map<string, Database.Statement>();
  const statement = (rows: number, lean: boolean) => {
    const key = `${rows}:${lean}`;
    let st = statements.get(key);
    if (!st) {
      const one = `(${[...PRODUCT_COLUMNS.map(() => '?'), ...RARE_USUAL.sql.map((usual) => (lean ? usual : '?'))].join(',')})`;
      st = db.prepare(`INSERT INTO products (${columns.join(',')}) VALUES ${Array<string>(rows).fill(one).join(',')}`);
      statements.set(key, st);
    }
    return st;
  };
  const batchArgs: unknown[] = new Array<unknown>(BATCH * width);
  const rare: unknown[] = new Array<unknown>(BATCH * rareWidth);
  for (let i = from; i < count; i += BATCH) {
    const n = Math.min(BATCH, count - i);
    const args = n === BATCH ? batchArgs : new Array<unknown>(n * width);
    for (let k = 0; k < n; k++) fill(args, k * width, rare, k * rareWidth, i + k);
    let lean = true;
    for (let k = 0; k < n * rareWidth && lean; k++) lean = rare[k] === RARE_USUAL.js[k % rareWidth];
    if (lean) {
      statement(n, true).run(args);
      continue;
    }
    const all: unknown[] = new Array<unknown>(n * (width + rareWidth));
    for (let k = 0, at = 0; k < n; k++) {
      for (let c = 0; c < width; c++) all[at++] = args[k * width + c];
      for (let c = 0; c < rareWidth; c++) all[at++] = rare[k * rareWidth + c];
    }
    statement(n, false).run(all);
  }
}

/** Writes product `p` as PRODUCT_COLUMNS values at `a[at..]` and RARE_COLUMNS values at `r[rAt..]`. */
function fillProduct(a: unknown[], at: number, r: unknown[], rAt: number, p: Product): void {
  const n = p.name;
  a[at] = p.sku;
  a[at + 1] = p.barcodes.length === 1 ? p.barcodes[0] : p.barcodes.join('|');
  a[at + 2] = n.en;
  a[at + 3] = n.et;
  a[at + 4] = n.pl;
  a[at + 5] = n.ru;
  a[at + 6] = p.unitPriceCents;
  a[at + 7] = p.vatRateBp;
  a[at + 8] = p.unit;
  a[at + 9] = p.soldByWeight ? 1 : 0;
  a[at + 10] = p.category;
  a[at + 11] = p.ageLimit;
  a[at + 12] = foldFlags(n.en, n.et, n.pl, n.ru);
  r[rAt] = p.plu ?? null;
  r[rAt + 1] = p.image ?? null;
  r[rAt + 2] = p.lookup ? 1 : 0;
}

function isConstraint(e: unknown): boolean {
  return e instanceof Database.SqliteError && e.code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * The products of a load, handed out one at a time in id order (product i has id i + 1): a
 * source may validate each row only when it is asked for it (so no million Products are kept
 * alive through the load) and throw its error then, which aborts the build.
 */
export interface ProductSource {
  readonly count: number;
  at(i: number): Product;
}

/** What a load wrote besides the file: phase timings (wall and this thread's CPU) and products per category. */
export interface LoadResult {
  phases: LoadPhases;
  phasesCpu: LoadPhases;
  categoryCounts: Map<string, number>;
}

/** This thread's CPU time in ms (0 where the runtime cannot tell). */
function threadCpuMs(): number {
  if (typeof process.threadCpuUsage !== 'function') return 0;
  const t = process.threadCpuUsage();
  return (t.user + t.system) / 1000;
}

/**
 * Writes the `products` of the source (ids 1..n in the given order) as a complete catalog into
 * the NEW file `file`, which must not exist, and closes it. Throws DuplicateKeyError on a
 * repeated SKU or barcode, or whatever the source throws; on any throw the caller deletes the file.
 */
export function buildCatalogFile(file: string, products: ProductSource, source: string, validateMs: number, warn?: (msg: string, fields: Record<string, unknown>) => void): LoadResult {
  const phases: LoadPhases = { products: 0, barcodes: 0, search: 0, indexes: 0, commit: 0 };
  const phasesCpu: LoadPhases = { ...phases };
  let mark = performance.now();
  let cpuMark = threadCpuMs();
  const lap = (phase: keyof LoadPhases) => {
    const now = performance.now();
    const cpu = threadCpuMs();
    phases[phase] += now - mark;
    phasesCpu[phase] += cpu - cpuMark;
    mark = now;
    cpuMark = cpu;
  };
  // With a worker the search index is built on the second core from the products as they are
  // committed, chunk by chunk, while this thread goes on inserting (see fts-build.ts).
  const ftsFile = ftsFileOf(file);
  removeDatabaseFiles(ftsFile);
  const useWorker = products.count >= loadTuning.ftsWorkerMinRows;
  const keys = new BarcodeKeys(products.count);
  const categoryCounts = new Map<string, number>();
  let fts: FtsBuild | null = null;
  const db = new Database(file);
  try {
    // Safe only because no one reads this file before it is complete and renamed into place
    // (the worker reads the committed products only, each chunk in one short read that this
    // thread's next commit waits for). No WAL: every page is written once, into the file.
    db.pragma(`page_size = ${BUILD_PAGE_SIZE}`);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma(`locking_mode = ${useWorker ? 'NORMAL' : 'EXCLUSIVE'}`);
    db.pragma(`busy_timeout = ${WORKER_WAIT_MS}`);
    // 64 MB: a chunk's pages stay in memory until its commit writes them; freed when the file closes.
    db.pragma('cache_size = -65536');
    db.pragma('cache_spill = OFF');
    db.pragma('temp_store = MEMORY');
    migrate(db);
    // The schema's CHECKs (unit, 0/1 flags) hold for every validated Product; not re-checked per row.
    db.pragma('ignore_check_constraints = ON');
    db.exec('BEGIN');
    for (const index of BULK_INDEXES) db.exec(`DROP INDEX ${index.name}`);
    if (useWorker) {
      db.exec('COMMIT');
      fts = FtsBuild.start(ftsFile, file, products.count);
      db.exec('BEGIN');
    }
    const count = products.count;
    const chunk = fts ? Math.max(BATCH, loadTuning.chunkRows) : count;
    // With the worker, a commit waits until it is not reading the file (see fts-build.ts).
    const commit = () => (fts ? fts.whileNotReading(() => db.exec('COMMIT')) : db.exec('COMMIT'));
    const fill = (a: unknown[], at: number, r: unknown[], rAt: number, i: number) => {
      const p = products.at(i);
      fillProduct(a, at, r, rAt, p);
      keys.add(p.barcodes, i + 1);
      categoryCounts.set(p.category, (categoryCounts.get(p.category) ?? 0) + 1);
    };
    for (let from = 0; from < count; from += chunk) {
      const to = Math.min(count, from + chunk);
      insertProducts(db, to, from, fill);
      if (fts) {
        commit();
        fts.committed(to);
        db.exec('BEGIN');
      }
    }
    // Every barcode key above says product i has id i + 1: the rowids must agree.
    const last = db.prepare('SELECT max(id) FROM products').pluck().get();
    if (last !== count) throw new Error(`products got ids up to ${String(last)}, expected ${count}`);
    lap('products');
    try {
      const { gtins, ids } = keys.inKeyOrder();
      insertAll(db, 'barcodes', ['gtin', 'product_id'], gtins.length, (a, at, j) => {
        a[at] = gtins[j];
        a[at + 1] = ids[j];
      });
      lap('barcodes');
      sortOnHelperThreads(db);
      for (const index of BULK_INDEXES) db.exec(index.create);
      lap('indexes');
    } catch (e) {
      if (isConstraint(e)) throw new DuplicateKeyError((e as Error).message);
      throw e;
    }
    db.prepare('INSERT INTO catalog_imports (source, imported, ms, imported_at) VALUES (?, ?, ?, ?)').run(
      source,
      products.count,
      Math.round(validateMs + Object.values(phases).reduce((a, b) => a + b, 0)),
      new Date().toISOString(),
    );
    commit();
    lap('commit');
    // The worker's index, or (no worker, or it failed) the index built here as before.
    const failed = !useWorker ? null : fts ? fts.finish() : 'no worker thread could be started';
    if (failed !== null) warn?.('search index worker failed: building the index on the main thread', { error: failed });
    if (useWorker && failed === null) copySearchIndex(db, ftsFile);
    else buildSearchIndexHere(db);
    lap('search');
  } catch (e) {
    fts?.abort();
    throw e;
  } finally {
    db.close();
    removeDatabaseFiles(ftsFile);
  }
  lap('commit');
  return { phases, phasesCpu, categoryCounts };
}

/** Fills the search index from the products table on this thread (small imports; worker failure). */
function buildSearchIndexHere(db: Database.Database): void {
  db.exec('BEGIN');
  db.exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('hashsize', ${FTS_HASH_BYTES})`);
  // No merging while rows go in; one 'optimize' at the end writes a single segment.
  db.exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 0)`);
  db.exec(`INSERT INTO products_fts (rowid, names) SELECT id, ${searchTextSqlByFlag()} FROM products ORDER BY id`);
  db.exec(`INSERT INTO products_fts (products_fts) VALUES ('optimize')`);
  db.exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 4)`);
  db.exec('COMMIT');
}

/**
 * Replaces the (empty) search index of `db` with the one the worker wrote: a copy of the FTS5
 * shadow tables, row for row (their format does not depend on the file they are in). This
 * connection never used the index, so it holds no cached index structure to go stale.
 */
function copySearchIndex(db: Database.Database, ftsFile: string): void {
  db.prepare('ATTACH DATABASE ? AS fts').run(ftsFile);
  // Shadow tables are read-only to SQL in SQLite's defensive mode (better-sqlite3's default);
  // lifted for this copy only, on this private build connection.
  db.unsafeMode(true);
  try {
    db.exec('BEGIN');
    for (const t of FTS_SHADOW_TABLES) db.exec(`DELETE FROM main.${t}; INSERT INTO main.${t} SELECT * FROM fts.${t};`);
    db.exec('COMMIT');
  } finally {
    db.unsafeMode(false);
    db.exec('DETACH DATABASE fts');
  }
}
