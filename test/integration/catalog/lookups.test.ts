import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean, goodRows, tempCatalog } from './fixtures';

let t: ReturnType<typeof tempCatalog>;

/** goodRows plus products that exercise search: diacritics, ł, ё, many dairy items for paging. */
function searchRows(): Array<Record<string, unknown>> {
  const rows = goodRows();
  const base = rows[0]!;
  rows.push(
    { ...base, sku: 'SALMON', barcodes: [ean(20)], category: 'meat-fish', name: { en: 'Smoked salmon', et: 'Suitsulõhe', pl: 'Łosoś wędzony', ru: 'Копчёный лосось' } },
    { ...base, sku: 'HONEY', barcodes: [ean(21)], category: 'pantry', name: { en: 'Honey 400 g', et: 'Mesi 400 g', pl: 'Miód 400 g', ru: 'Мёд 400 г' } },
    { ...base, sku: 'CHOC', barcodes: [ean(22)], category: 'sweets', name: { en: 'Milk chocolate', et: 'Piimašokolaad', pl: 'Czekolada mleczna', ru: 'Молочный шоколад' } },
    { ...base, sku: 'AND', barcodes: [ean(23)], category: 'pantry', name: { en: 'Salt AND pepper "mix"', et: 'Sool ja pipar', pl: 'Sól i pieprz', ru: 'Соль и перец' } },
  );
  for (let i = 0; i < 50; i++) {
    const n = String(i).padStart(2, '0');
    rows.push({ ...base, sku: `YOG-${n}`, barcodes: [ean(100 + i)], name: { en: `Yoghurt ${n}`, et: `Jogurt ${n}`, pl: `Jogurt ${n}`, ru: `Йогурт ${n}` } });
  }
  return rows;
}

beforeEach(() => {
  t = tempCatalog();
  t.catalog.importProducts(searchRows(), 'search-rows');
});
afterEach(() => t.done());

describe('byBarcode / bySku', () => {
  it('finds a product by any of its GTIN-14s and misses unknown ones', () => {
    expect(t.catalog.byBarcode(`0${ean(1)}`)?.sku).toBe('MILK-1');
    expect(t.catalog.byBarcode('00000096385074')?.sku).toBe('MILK-1');
    expect(t.catalog.byBarcode(`0${ean(999)}`)).toBeNull();
    expect(t.catalog.byBarcode(ean(1))).toBeNull(); // 13 digits: the caller must normalise
    expect(t.catalog.byBarcode('abc')).toBeNull();
    expect(t.catalog.bySku('VODKA-05')?.ageLimit).toBe(18);
    expect(t.catalog.bySku('nope')).toBeNull();
  });
});

describe('searchByName', () => {
  const skus = (q: string, limit?: number) => t.catalog.searchByName(q, limit === undefined ? undefined : { limit }).map((p) => p.sku);

  it('matches word prefixes in each language', () => {
    expect(skus('milk')).toEqual(['MILK-1', 'CHOC']); // the name that starts with the word first
    expect(skus('piim')).toEqual(['MILK-1', 'CHOC']); // "Piimašokolaad" starts with "piim"; the whole word ranks first
    expect(skus('piima')).toEqual(['CHOC']);
    expect(skus('mleko')).toEqual(['MILK-1']);
    expect(skus('mlecz')).toEqual(['CHOC']);
    expect(skus('молоко')).toEqual(['MILK-1']);
    expect(skus('МОЛ')).toEqual(['MILK-1', 'CHOC']);
    expect(skus('вод')).toEqual(['VODKA-05']);
  });

  it('is case- and diacritic-insensitive, including ł and ё', () => {
    expect(skus('WODKA')).toEqual(['VODKA-05']);
    expect(skus('losos wedz')).toEqual(['SALMON']);
    expect(skus('łosoś')).toEqual(['SALMON']);
    expect(skus('suitsulohe')).toEqual(['SALMON']);
    expect(skus('копченый')).toEqual(['SALMON']);
    expect(skus('мед')).toEqual(['HONEY']);
    expect(skus('miod')).toEqual(['HONEY']);
  });

  it('requires every word (AND) and honours the limit', () => {
    expect(skus('milk choc')).toEqual(['CHOC']);
    expect(skus('jogurt', 5)).toHaveLength(5);
    expect(skus('jogurt')).toHaveLength(20);
    expect(skus('jogurt', 1000)).toHaveLength(50);
    expect(skus('zzzz')).toEqual([]);
  });

  it('treats FTS syntax as plain words and never throws', () => {
    for (const q of ['"', '""', 'AND', 'OR milk', 'NOT', 'NEAR(milk)', 'milk*', '*', '(', ')', '^milk', 'name_en:milk', '-milk', '+', "'", ':', '{', '\\', '%', '\u0000', '', '   ', 'a', '🙂', 'x'.repeat(5000)]) {
      expect(() => t.catalog.searchByName(q)).not.toThrow();
    }
    expect(skus('"milk')).toEqual(['MILK-1', 'CHOC']);
    expect(skus('AND')).toEqual(['AND']);
    expect(skus('pepper "mix"')).toEqual(['AND']);
    expect(skus('NEAR(milk)')).toEqual([]); // "near" is a word too and no name has it
    expect(skus('')).toEqual([]);
    expect(t.log.lines.filter((l) => l.msg === 'name search failed')).toEqual([]);
  });
});

describe('categories', () => {
  it('counts products per category, sorted by slug', () => {
    expect(t.catalog.categories()).toEqual([
      { category: 'alcohol', count: 1 },
      { category: 'dairy', count: 51 },
      { category: 'meat-fish', count: 1 },
      { category: 'pantry', count: 2 },
      { category: 'produce', count: 1 },
      { category: 'sweets', count: 1 },
    ]);
  });

  it('pages a category by English name with totals', () => {
    const first = t.catalog.byCategory('dairy', 1);
    expect(first).toMatchObject({ total: 51, page: 1, pageCount: 3 });
    expect(first.items).toHaveLength(24);
    expect(first.items[0]?.sku).toBe('MILK-1');
    expect(first.items[1]?.sku).toBe('YOG-00');
    const last = t.catalog.byCategory('dairy', 3);
    expect(last.items.map((p) => p.sku)).toEqual(['YOG-47', 'YOG-48', 'YOG-49']);
    const all = [1, 2, 3].flatMap((p) => t.catalog.byCategory('dairy', p).items.map((x) => x.sku));
    expect(new Set(all).size).toBe(51);
    expect(t.catalog.byCategory('dairy', 2, 10)).toMatchObject({ total: 51, page: 2, pageCount: 6 });
    expect(t.catalog.byCategory('dairy', 99).items).toEqual([]);
    expect(t.catalog.byCategory('nothing', 1)).toEqual({ items: [], total: 0, page: 1, pageCount: 0 });
    expect(t.catalog.byCategory('dairy', 0).page).toBe(1);
  });
});
