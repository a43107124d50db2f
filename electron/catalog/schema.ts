/**
 * The catalog's SQLite schema as an ordered list of migrations. `schema_version` holds the
 * number of migrations applied; to change the schema append a migration, never edit one.
 */
import type Database from 'better-sqlite3';
import { CatalogSchemaError } from './errors';
import { FOLD, searchTextSql } from './search';

/**
 * Migration 1. Secondary indexes are plain named indexes (not UNIQUE constraints) so a bulk
 * import can drop them and rebuild them once after the load (see load.ts). The search index
 * is contentless FTS5 with detail=none: one column holding all four names, folded (see
 * search.ts), keyed by products.id. It answers only "which products have words starting with
 * these prefixes" — the cheapest index to build for a million rows; ranking is done on the
 * candidates in search.ts, not by bm25 (whose IDF pass visits every match).
 */
const V1 = `
CREATE TABLE products (
  id               INTEGER PRIMARY KEY,
  sku              TEXT    NOT NULL,
  barcodes         TEXT    NOT NULL, -- normalised GTIN-14s joined by '|', in import order
  name_en          TEXT    NOT NULL,
  name_et          TEXT    NOT NULL,
  name_pl          TEXT    NOT NULL,
  name_ru          TEXT    NOT NULL,
  unit_price_cents INTEGER NOT NULL, -- VAT included; per piece, or per kg when unit = 'weight'
  vat_rate_bp      INTEGER NOT NULL,
  unit             TEXT    NOT NULL CHECK (unit IN ('piece', 'weight')),
  sold_by_weight   INTEGER NOT NULL CHECK (sold_by_weight IN (0, 1)),
  category         TEXT    NOT NULL,
  age_limit        INTEGER
);
CREATE TABLE barcodes (
  gtin       INTEGER PRIMARY KEY, -- the GTIN-14 as a number (< 10^14): one B-tree seek, unique by construction
  product_id INTEGER NOT NULL
);
CREATE TABLE catalog_imports (
  id          INTEGER PRIMARY KEY,
  source      TEXT    NOT NULL,
  imported    INTEGER NOT NULL,
  ms          INTEGER NOT NULL,
  imported_at TEXT    NOT NULL
);
CREATE VIRTUAL TABLE products_fts USING fts5(
  names,
  content = '',
  detail = none,
  prefix = '2 3',
  columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

/** The search index as of migration 2 (see v2); also what the index-building worker creates. */
export const SEARCH_TABLE = `
CREATE VIRTUAL TABLE products_fts USING fts5(
  names,
  content = '',
  detail = none,
  prefix = '2 3 4',
  columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

/**
 * Indexes dropped before and recreated after a bulk load (names are part of the contract with
 * load.ts). The category index ends in the rowid (= id) like every index, which already orders
 * ties by id for `ORDER BY name_en COLLATE NOCASE, id`; migration 1 listed `id` once more, which
 * only made every entry longer to sort and store.
 */
export const BULK_INDEXES: ReadonlyArray<{ name: string; create: string }> = [
  { name: 'products_sku', create: 'CREATE UNIQUE INDEX products_sku ON products (sku)' },
  { name: 'products_category', create: 'CREATE INDEX products_category ON products (category, name_en COLLATE NOCASE)' },
];

/** The indexes as migration 1 created them (a file keeps these until its first import). */
const V1_INDEXES = `
CREATE UNIQUE INDEX products_sku ON products (sku);
CREATE INDEX products_category ON products (category, name_en COLLATE NOCASE, id);
`;

/**
 * Migration 2: prefix indexes for 2, 3 AND 4 characters. FTS5 answers a prefix query of a
 * length it has no prefix index for by merging the whole doclist of every matching term (all
 * ~80,000 products for "fres"), which made 4-letter words the slow tail of name search. The
 * index is contentless, so it is refilled from the products table.
 */
function v2(db: Database.Database): void {
  db.exec(`DROP TABLE products_fts; ${SEARCH_TABLE}`);
  db.exec(`INSERT INTO products_fts (rowid, names) SELECT id, ${searchTextSql()} FROM products ORDER BY id`);
}

/**
 * Migration 3: the "Look up item" picker's flag and the price look-up code. The partial
 * indexes hold only look-up items and products with a PLU (a few thousand even in a
 * million-product catalog), so a bulk load keeps them without a measurable cost.
 */
function v3(db: Database.Database): void {
  db.exec(`
    ALTER TABLE products ADD COLUMN lookup INTEGER NOT NULL DEFAULT 0 CHECK (lookup IN (0, 1));
    ALTER TABLE products ADD COLUMN plu TEXT;
    CREATE INDEX products_lookup ON products (category, name_en COLLATE NOCASE, id) WHERE lookup = 1;
    CREATE INDEX products_plu ON products (plu) WHERE plu IS NOT NULL;
  `);
}

/** Migration 4: the picker's picture per product (a bundled path or an https URL; NULL = the category's). */
function v4(db: Database.Database): void {
  db.exec('ALTER TABLE products ADD COLUMN image TEXT');
}

/**
 * Migration 5: which letters of the search fold a row's names hold (`FOLD` bits in search.ts),
 * written by every bulk load so the search index folds only the rows that need it. Rows from
 * before it get every bit (the whole fold, as before); the column is read only by a bulk load.
 */
function v5(db: Database.Database): void {
  db.exec(`ALTER TABLE products ADD COLUMN search_fold INTEGER NOT NULL DEFAULT ${FOLD.all}`);
}

const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => {
    db.exec(V1);
    db.exec(V1_INDEXES);
  },
  v2,
  v3,
  v4,
  v5,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Creates the schema in a new file or brings an older one up to date, in one transaction. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const from = row?.version ?? 0;
  if (from > SCHEMA_VERSION) {
    throw new CatalogSchemaError(`catalog file has schema version ${from}, this build knows up to ${SCHEMA_VERSION}`);
  }
  if (from === SCHEMA_VERSION) return from;
  db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) MIGRATIONS[v]?.(db);
    db.prepare('DELETE FROM schema_version').run();
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
  })();
  return from;
}
