/**
 * A bulk load folds only the names that hold ł/ё/ø/đ (products.search_fold, migration 5): the
 * text indexed for every row must equal the whole fold's, on the worker and on the main thread,
 * and a catalog file from before migration 5 keeps answering and re-imports. Also: a JSON row
 * is validated only when the load reaches it, so a bad one stops a build already under way.
 */
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTuning } from '../../../electron/catalog/load';
import { FOLD, foldFlags, searchTextSql, searchTextSqlByFlag } from '../../../electron/catalog/search';
import { generate } from '../../bench/synthetic-catalog';
import { ean, goodRows, tempCatalog } from './fixtures';

let t: ReturnType<typeof tempCatalog>;
const defaults = { ...loadTuning };
beforeEach(() => {
  t = tempCatalog();
});
afterEach(() => {
  Object.assign(loadTuning, defaults);
  t.done();
});

const named = (n: number, sku: string, en: string, et: string, pl: string, ru: string) => ({ ...goodRows()[0]!, sku, barcodes: [ean(100 + n)], name: { en, et, pl, ru } });
/** Every mix of the fold's letter groups, upper and lower case, in any of the four names. */
const mixes = [
  named(1, 'PLAIN', 'Cheese', 'Juust', 'Ser', 'Сыр'),
  named(2, 'L-LOWER', 'Salmon', 'Lõhe', 'łosoś wędzony', 'Лосось'),
  named(3, 'L-UPPER', 'Ładny', 'Ilus', 'Ładny', 'Красивый'),
  named(4, 'YO', 'Hedgehog', 'Siil', 'Jeż', 'Ёжик и ёлка'),
  named(5, 'L-YO', 'Mix', 'Segu', 'Łąka', 'Мёд'),
  named(6, 'O-SLASH', 'Smørbrød', 'Võileib', 'Kanapka', 'Бутерброд'),
  named(7, 'D-BAR', 'Đorđe', 'Dorde', 'Dorde', 'Дорде'),
  named(8, 'ALL', 'Øl Đak', 'Õlu', 'Piwo ł', 'Пиво Ё'),
];

describe('folding only the names that need it', () => {
  it('flags each letter group', () => {
    expect(foldFlags('a', 'b', 'c', 'd')).toBe(0);
    expect(foldFlags('Łosoś', 'x', 'x', 'x')).toBe(FOLD.l);
    expect(foldFlags('x', 'x', 'x', 'ёж')).toBe(FOLD.yo);
    expect(foldFlags('Ø', 'x', 'ł', 'Ё')).toBe(FOLD.all);
    expect(foldFlags('đ', 'õäöüšž', 'ąćęńóśźż', 'абв')).toBe(FOLD.other);
  });

  for (const worker of [true, false]) {
    it(`indexes the same text as the whole fold (${worker ? 'worker' : 'main thread'}) and finds folded names`, () => {
      loadTuning.ftsWorkerMinRows = worker ? 1 : Number.MAX_SAFE_INTEGER;
      loadTuning.chunkRows = 500;
      const synthetic = generate(1_500) as Array<Record<string, unknown>>;
      t.catalog.importProducts([...synthetic, ...mixes], 'fold');
      expect(t.log.lines.filter((l) => l.level === 'warn')).toEqual([]);
      const db = new Database(t.file, { readonly: true });
      const flags = db.prepare('SELECT sku, search_fold AS f FROM products WHERE id > 1500 ORDER BY id').all();
      expect(flags).toEqual([0, FOLD.l, FOLD.l, FOLD.yo, FOLD.l | FOLD.yo, FOLD.other, FOLD.other, FOLD.all].map((f, i) => ({ sku: mixes[i]!.sku, f })));
      const differ = db.prepare(`SELECT count(*) FROM products WHERE (${searchTextSqlByFlag()}) IS NOT (${searchTextSql()})`).pluck().get();
      expect(differ).toBe(0);
      expect(db.prepare('SELECT count(DISTINCT search_fold) FROM products WHERE id <= 1500').pluck().get()).toBeGreaterThan(1);
      db.close();
      const skus = (q: string) => t.catalog.searchByName(q, { limit: 200 }).map((p) => p.sku).filter((s) => mixes.some((m) => m.sku === s));
      expect(skus('losos wedz')).toEqual(['L-LOWER']);
      expect(skus('ladny')).toEqual(['L-UPPER']);
      expect(skus('ежик елка')).toEqual(['YO']);
      expect(skus('лака мед').concat(skus('laka'))).toEqual(['L-YO']);
      expect(skus('smorbrod')).toEqual(['O-SLASH']);
      expect(skus('dorde')).toEqual(['D-BAR']);
      expect(skus('ol dak')).toEqual(['ALL']);
    });
  }

  it('migration 5: a file from before it keeps answering, folds its old rows in full, and re-imports', () => {
    t.catalog.importProducts([...goodRows(), ...mixes], 'old');
    t.catalog.close();
    const db = new Database(t.file);
    db.exec('ALTER TABLE products DROP COLUMN search_fold; UPDATE schema_version SET version = 4;');
    db.close();
    const again = t.reopen();
    expect(t.log.lines.some((l) => l.msg === 'catalog schema migrated' && l.from === 4)).toBe(true);
    expect(again.searchByName('losos').map((p) => p.sku)).toEqual(['L-LOWER']);
    expect(again.byBarcode(`0${ean(1)}`)?.sku).toBe('MILK-1');
    const check = new Database(t.file, { readonly: true });
    expect(check.prepare('SELECT DISTINCT search_fold FROM products').pluck().all()).toEqual([FOLD.all]);
    check.close();
    again.importProducts([...mixes].reverse(), 'new');
    expect(again.searchByName('ежик').map((p) => p.sku)).toEqual(['YO']);
    expect(again.count()).toBe(mixes.length);
  });
});

describe('a JSON row validated as the load reaches it', () => {
  it('a bad row after the index worker has started stops the build: first error, old catalog kept, no build files left', () => {
    t.catalog.importProducts(goodRows(), 'old');
    loadTuning.ftsWorkerMinRows = 1;
    loadTuning.chunkRows = 200;
    const rows = generate(1_200) as Array<Record<string, unknown>>;
    rows[900] = { ...rows[900]!, unitPriceCents: 0 };
    rows[1000] = { ...rows[1000]!, vatRateBp: -1 };
    expect(() => t.catalog.importProducts(rows, 'bad')).toThrow(expect.objectContaining({ row: 901, field: 'unitPriceCents' }));
    expect(readdirSync(t.dir).filter((f) => f.includes('next'))).toEqual([]);
    expect(t.catalog.count()).toBe(3);
    expect(t.catalog.searchByName('piim').map((p) => p.sku)).toEqual(['MILK-1']);
    expect(t.log.lines.some((l) => l.msg === 'catalog import refused' && l.row === 901)).toBe(true);
  });
});

describe('index sorts on SQLite helper threads (external sort)', () => {
  const order = (file: string) => {
    const db = new Database(file, { readonly: true });
    const ids = db.prepare('SELECT id FROM products INDEXED BY products_category ORDER BY category, name_en COLLATE NOCASE').pluck().all();
    const skus = db.prepare('SELECT id FROM products INDEXED BY products_sku ORDER BY sku').pluck().all();
    const ok = db.prepare('PRAGMA integrity_check').pluck().get();
    db.close();
    return { ids, skus, ok };
  };

  it('builds the same SKU and category indexes as one in-memory sort, and still finds a duplicate SKU', () => {
    loadTuning.ftsWorkerMinRows = 1;
    loadTuning.chunkRows = 500;
    const rows = generate(3_000) as Array<Record<string, unknown>>;
    loadTuning.sortThreads = 0;
    t.catalog.importProducts(rows, 'one list');
    const inMemory = order(t.file);
    // A 64 KB sort memory makes the keys of 3,000 rows many sorted runs, merged across threads.
    loadTuning.sortThreads = 2;
    loadTuning.sortCacheKb = 64;
    t.catalog.importProducts(rows, 'runs');
    const runs = order(t.file);
    expect(runs.ok).toBe('ok');
    expect(runs.ids).toEqual(inMemory.ids);
    expect(runs.skus).toEqual(inMemory.skus);
    expect(t.catalog.byCategory('dairy', 2, 10).items.map((p) => p.sku)).toHaveLength(10);
    const dup = [...rows, { ...rows[10]!, barcodes: [ean(999_999)] }];
    expect(() => t.catalog.importProducts(dup, 'dup')).toThrow(expect.objectContaining({ row: 3_001, field: 'sku' }));
    expect(t.catalog.count()).toBe(3_000);
  });
});

describe('products with a PLU, a picture or the look-up flag among thousands without', () => {
  it('stores every row exactly, whichever statement its batch went through, on 16 KB pages with ids in row order', () => {
    loadTuning.ftsWorkerMinRows = 1;
    loadTuning.chunkRows = 700;
    const rows = generate(2_000) as Array<Record<string, unknown>>;
    // Row 7 has a PLU, row 80 a picture, row 101 both; the batches of rows 150–199 and the tail have none.
    rows[6] = { ...rows[6]!, plu: '4011' };
    rows[79] = { ...rows[79]!, image: 'fruit/bananas.svg' };
    rows[100] = { ...rows[100]!, plu: '94011', image: 'https://img.example.com/a.png' };
    rows[1999] = { ...rows[1999]!, plu: '4012' };
    rows[160] = { ...rows[160]!, lookup: true };
    rows[161] = { ...rows[161]!, lookup: false };
    t.catalog.importProducts(rows, 'rare');
    const db = new Database(t.file, { readonly: true });
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    const got = db.prepare('SELECT id, sku, plu, image, lookup FROM products ORDER BY id').all() as Array<{ id: number; sku: string; plu: string | null; image: string | null; lookup: number }>;
    db.close();
    expect(got).toHaveLength(2_000);
    got.forEach((row, i) => {
      const r = rows[i] as { sku: string; plu?: string; image?: string; lookup?: boolean };
      expect(row).toEqual({ id: i + 1, sku: r.sku, plu: r.plu ?? null, image: r.image ?? null, lookup: r.lookup ? 1 : 0 });
    });
    expect(t.catalog.byPlu('94011')?.image).toBe('https://img.example.com/a.png');
    expect(t.catalog.bySku(rows[79]!.sku as string)?.image).toBe('fruit/bananas.svg');
    expect(t.catalog.lookupItems().map((p) => p.sku)).toEqual([rows[160]!.sku]);
  });
});
