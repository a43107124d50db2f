/**
 * The product catalog: one SQLite file (WAL) owned by the main process. Imports build a new
 * file and rename it over the old one (all or nothing); this object then reopens it, so holders
 * of the Catalog keep working. Look-ups are synchronous and sub-millisecond (better-sqlite3).
 */
import Database from 'better-sqlite3';
import type { Product } from '../checkout/product';
import type { Log } from '../log';
import { CatalogImportError } from './errors';
import { ftsFileOf } from './fts-build';
import { buildFromFile, buildFromProducts, type BuiltImport } from './import-build';
import { ImportThread, WorkerUnavailable } from './import-thread';
import { migrate, SCHEMA_VERSION } from './schema';
import { queryWords, rankByName, toMatchExpression } from './search';
import { LookupIndex } from './lookup-index';
import { hasStaleNext, installNext, nextFileOf, removeDatabaseFiles } from './swap';

/** What an import did: rows now in the catalog, where they came from, wall time in ms. */
export interface ImportReport {
  imported: number;
  source: string;
  ms: number;
}

/** A catalog built on a worker (`importFileOffThread`), not yet in force. */
export interface PreparedImport {
  imported: number;
  /** Swaps the new file in: from now on look-ups answer from it. */
  install(): ImportReport;
  /** Deletes the new file: the catalog stays as it is. */
  discard(): void;
}

/** One page of a category, pages numbered from 1. */
export interface CategoryPage {
  items: Product[];
  total: number;
  page: number;
  pageCount: number;
}

interface ProductRow {
  sku: string;
  barcodes: string;
  name_en: string;
  name_et: string;
  name_pl: string;
  name_ru: string;
  unit_price_cents: number;
  vat_rate_bp: number;
  unit: 'piece' | 'weight';
  sold_by_weight: number;
  category: string;
  age_limit: number | null;
  lookup: number;
  plu: string | null;
  image: string | null;
}

const COLUMNS = 'p.sku, p.barcodes, p.name_en, p.name_et, p.name_pl, p.name_ru, p.unit_price_cents, p.vat_rate_bp, p.unit, p.sold_by_weight, p.category, p.age_limit, p.lookup, p.plu, p.image';
const PLU = /^\d{4,5}$/;
const GTIN14 = /^\d{14}$/;
/**
 * "mil" can match 30,000 of a million products. Only the first RANK_WINDOW matches (in import
 * order) are ranked, which bounds the cost; a query that broad is refined by the next keystroke.
 */
const RANK_WINDOW = 200;
/** Default and ceiling for searchByName results. */
const SEARCH_LIMIT = { default: 20, max: 200 } as const;
/** Default and ceiling for byCategory page size. */
const PAGE_SIZE = { default: 24, max: 500 } as const;

function toProduct(r: ProductRow): Product {
  const p = base(r);
  if (r.lookup === 1) p.lookup = true;
  if (r.plu !== null) p.plu = r.plu;
  if (r.image !== null) p.image = r.image;
  return p;
}

function base(r: ProductRow): Product {
  return {
    sku: r.sku,
    barcodes: r.barcodes.split('|'),
    name: { en: r.name_en, et: r.name_et, pl: r.name_pl, ru: r.name_ru },
    unitPriceCents: r.unit_price_cents,
    vatRateBp: r.vat_rate_bp,
    unit: r.unit,
    soldByWeight: r.sold_by_weight === 1,
    category: r.category,
    ageLimit: r.age_limit,
  };
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function prepareStatements(db: Database.Database) {
  return {
    byBarcode: db.prepare(`SELECT ${COLUMNS} FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.gtin = ?`),
    bySku: db.prepare(`SELECT ${COLUMNS} FROM products p WHERE p.sku = ?`),
    byPlu: db.prepare(`SELECT ${COLUMNS} FROM products p WHERE p.plu = ? ORDER BY p.id LIMIT 1`),
    lookupItems: db.prepare(`SELECT ${COLUMNS} FROM products p WHERE p.lookup = 1 ORDER BY p.category, p.name_en COLLATE NOCASE, p.id LIMIT ?`),
    // FTS5 walks matches lazily in rowid order, so LIMIT bounds the work.
    searchCandidates: db.prepare(
      `SELECT p.id, ${COLUMNS} FROM (SELECT rowid AS id FROM products_fts WHERE products_fts MATCH ? LIMIT ?) f JOIN products p ON p.id = f.id`,
    ),
    categoryPage: db.prepare(`SELECT ${COLUMNS} FROM products p WHERE p.category = ? ORDER BY p.name_en COLLATE NOCASE, p.id LIMIT ? OFFSET ?`),
    categories: db.prepare('SELECT category, count(*) AS count FROM products GROUP BY category ORDER BY category'),
    count: db.prepare('SELECT count(*) AS n FROM products'),
  };
}

/** Opens the live catalog file with the pragmas every connection to it uses; migrates it. */
function openLive(file: string): { db: Database.Database; from: number } {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across app crashes in WAL mode; only a power cut can lose the last write.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 2000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_size_limit = 67108864');
    return { db, from: migrate(db) };
  } catch (e) {
    db.close();
    throw e;
  }
}

export class Catalog {
  private stmt: ReturnType<typeof prepareStatements>;
  private categoryCache: Array<{ category: string; count: number }> | null = null;
  /** An import on a worker, or built and waiting for install(): no other import may start. */
  private building: { stop(): void } | null = null;
  private readonly warn = (m: string, f: Record<string, unknown>) => this.log.warn(m, f);
  private lookupCache: LookupIndex | null = null;

  private constructor(
    private db: Database.Database,
    private readonly file: string,
    private readonly log: Log,
  ) {
    this.stmt = prepareStatements(db);
  }

  /** Opens (creating if new) the catalog file and brings its schema up to date. */
  static open(file: string, log: Log): Catalog {
    const clog = log.child('catalog');
    // An import that crashed before its rename left a partial build: the old file is in force.
    if (hasStaleNext(file)) {
      removeDatabaseFiles(nextFileOf(file));
      clog.warn('removed an unfinished catalog import', { file: nextFileOf(file) });
    }
    removeDatabaseFiles(ftsFileOf(nextFileOf(file)));
    const { db, from } = openLive(file);
    if (from !== SCHEMA_VERSION) clog.info('catalog schema migrated', { file, from, to: SCHEMA_VERSION });
    return new Catalog(db, file, clog);
  }

  close(): void {
    this.building?.stop();
    this.building = null;
    if (this.db.open) this.db.close();
  }

  /** Imports a `.csv` or `.json` file (by extension), replacing the whole catalog. Blocks the thread. */
  importFile(path: string): ImportReport {
    const started = performance.now();
    this.notBusy();
    return this.install(this.validated(() => buildFromFile(nextFileOf(this.file), path, this.warn, started)), started);
  }

  /** Validates every row (JSON row format), then replaces the whole catalog in one transaction. */
  importProducts(rows: unknown[], source: string): ImportReport {
    const started = performance.now();
    this.notBusy();
    return this.install(this.validated(() => buildFromProducts(nextFileOf(this.file), rows, source, this.warn, started)), started);
  }

  /**
   * Validates and loads `path` into a new file on a worker thread (import-thread.ts) while this
   * catalog keeps answering look-ups from the old file; resolves once the new file is complete,
   * with `install()` (the quick swap, on this thread: look-ups see the new catalog from then on)
   * and `discard()`. Rejects with CatalogImportError for a bad file; either way nothing changed.
   * Where no worker can start, the import runs on this thread (a warning is logged).
   */
  async importFileOffThread(path: string): Promise<PreparedImport> {
    const started = performance.now();
    this.notBusy();
    const next = nextFileOf(this.file);
    const thread = new ImportThread(next, path, this.warn);
    this.building = thread;
    let built: BuiltImport;
    try {
      built = await thread.done;
    } catch (e) {
      if (e instanceof WorkerUnavailable && this.building === thread) {
        this.building = null;
        this.log.warn('catalog import on the main thread: no worker', { reason: e.message });
        built = this.validated(() => buildFromFile(next, path, this.warn, started));
      } else {
        if (this.building === thread) this.building = null;
        throw e instanceof CatalogImportError ? this.refused(e) : e;
      }
    }
    // Built: the file waits for install() (or discard); no other import may start meanwhile.
    const ready = { stop: () => undefined };
    this.building = ready;
    let open = true;
    const end = () => {
      if (!open) throw new Error('this prepared import was already installed or discarded');
      open = false;
      if (this.building === ready) this.building = null;
    };
    return {
      imported: built.imported,
      install: () => {
        end();
        return this.install(built, started);
      },
      discard: () => {
        end();
        removeDatabaseFiles(next);
      },
    };
  }

  /** True while an import runs on a worker or waits to be installed. */
  importing(): boolean {
    return this.building !== null;
  }

  /** The product with this normalised GTIN-14, or null. */
  byBarcode(gtin14: string): Product | null {
    if (!GTIN14.test(gtin14)) return null;
    const row = this.stmt.byBarcode.get(Number(gtin14)) as ProductRow | undefined;
    return row ? toProduct(row) : null;
  }

  /** The product with this SKU, or null. */
  bySku(sku: string): Product | null {
    const row = this.stmt.bySku.get(sku) as ProductRow | undefined;
    return row ? toProduct(row) : null;
  }

  /** The product with this price look-up code (4–5 digits; the first imported when a code repeats), or null. */
  byPlu(plu: string): Product | null {
    if (!PLU.test(plu)) return null;
    const row = this.stmt.byPlu.get(plu) as ProductRow | undefined;
    return row ? toProduct(row) : null;
  }

  /** The "Look up item" picker's products (flag `lookup`), by category then English name; at most `limit` (default 5000). */
  lookupItems(limit = 5000): Product[] {
    return (this.stmt.lookupItems.all(clampInt(limit, 5000, 1, 100_000)) as ProductRow[]).map(toProduct);
  }

  /** The picker's in-memory name index over `lookupItems()` (see lookup-index.ts); built once per import. */
  lookupIndex(): LookupIndex {
    this.lookupCache ??= new LookupIndex(this.lookupItems());
    return this.lookupCache;
  }

  /**
   * Products whose name (any language) has a word starting with each query word, best match
   * first; case- and diacritic-insensitive. limit: default 20, at most 200. Any text is safe.
   */
  searchByName(query: string, opts?: { limit?: number }): Product[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const limit = clampInt(opts?.limit, SEARCH_LIMIT.default, 1, SEARCH_LIMIT.max);
    const match = toMatchExpression(words);
    try {
      const candidates = this.stmt.searchCandidates.all(match, Math.max(RANK_WINDOW, limit)) as Array<ProductRow & { id: number }>;
      return rankByName(candidates, words, limit).map(toProduct);
    } catch (e) {
      // toMatchExpression only emits quoted words, so this is not expected; a search box must
      // never crash the kiosk, so log it and show no results.
      if (!(e instanceof Database.SqliteError)) throw e;
      this.log.warn('name search failed', { query, match, error: e });
      return [];
    }
  }

  /** One page (from 1) of a category sorted by English name; pageSize default 24, at most 500. */
  byCategory(category: string, page: number, pageSize?: number): CategoryPage {
    const size = clampInt(pageSize, PAGE_SIZE.default, 1, PAGE_SIZE.max);
    const p = clampInt(page, 1, 1, Number.MAX_SAFE_INTEGER);
    // Counting a 70,000-product category costs ~10 ms; the per-category counts are cached.
    this.categories();
    const total = this.categoryCache?.find((c) => c.category === category)?.count ?? 0;
    const items = (this.stmt.categoryPage.all(category, size, (p - 1) * size) as ProductRow[]).map(toProduct);
    return { items, total, page: p, pageCount: Math.ceil(total / size) };
  }

  /** Every category with its product count, sorted by slug. Cached until the next import. */
  categories(): Array<{ category: string; count: number }> {
    this.categoryCache ??= this.stmt.categories.all() as Array<{ category: string; count: number }>;
    return this.categoryCache.map((c) => ({ ...c }));
  }

  /** Number of products in the catalog. */
  count(): number {
    return (this.stmt.count.get() as { n: number }).n;
  }

  private validated<T>(run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (e instanceof CatalogImportError) throw this.refused(e);
      throw e;
    }
  }

  private refused(e: CatalogImportError): CatalogImportError {
    this.log.warn('catalog import refused', { source: e.source, row: e.row, line: e.line, field: e.field, reason: e.reason });
    return e;
  }

  /**
   * Closes the live file, renames the complete `next` over it and reopens. A failed rename
   * leaves the old file in force and reopened; the error is rethrown.
   */
  private swapIn(next: string): void {
    // Empties the WAL into the old file, so deleting it beside the new file loses nothing.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    try {
      installNext(this.file);
    } catch (e) {
      removeDatabaseFiles(next);
      this.reopen();
      throw e;
    }
    this.reopen();
  }

  private reopen(): void {
    this.db = openLive(this.file).db;
    this.stmt = prepareStatements(this.db);
    this.categoryCache = null;
    this.lookupCache = null;
  }

  private notBusy(): void {
    if (this.building) throw new Error('another catalog import is under way');
  }

  /** Swaps a complete `.next` in and logs the import (the quick part, on this thread). */
  private install(built: BuiltImport, started: number): ImportReport {
    const next = nextFileOf(this.file);
    const swapStarted = performance.now();
    const swapCpu = process.threadCpuUsage?.();
    this.swapIn(next);
    const swapMs = performance.now() - swapStarted;
    const swapCpuMs = swapCpu ? ((t) => (t.user + t.system) / 1000)(process.threadCpuUsage(swapCpu)) : 0;
    this.categoryCache = built.categoryCounts
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
    const report = { imported: built.imported, source: built.source, ms: Math.round(performance.now() - started) };
    const rounded = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));
    // The swap counts as part of the commit phase (as before imports could run on a worker).
    const phaseMs = { ...built.phases, commit: (built.phases.commit ?? 0) + swapMs };
    const phaseCpuMs = { ...built.phasesCpu, commit: built.phasesCpu.commit + swapCpuMs };
    this.log.info('catalog imported', { ...report, phaseMs: rounded(phaseMs), phaseCpuMs: rounded(phaseCpuMs) });
    return report;
  }
}
