/** The catalog's optional `lookup` flag and PLU code (issue 14): validation, storage, queries. */
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogImportError } from '../../../electron/catalog/errors';
import { ean, goodRows, tempCatalog } from './fixtures';

let t: ReturnType<typeof tempCatalog> | null = null;
afterEach(() => t?.done());

function rows(): Array<Record<string, unknown>> {
  const r = goodRows();
  const base = r[0]!;
  const weighed = r.find((x) => x.unit === 'weight')!;
  r.push(
    { ...weighed, sku: 'LOOSE-BANANA', barcodes: [ean(300)], category: 'fruit', name: { en: 'Bananas', et: 'Banaanid', pl: 'Banany', ru: 'Бананы' }, lookup: true, plu: '4011' },
    { ...weighed, sku: 'LOOSE-APPLE', barcodes: [ean(301)], category: 'fruit', name: { en: 'Apples', et: 'Õunad', pl: 'Jabłka', ru: 'Яблоки' }, lookup: true, plu: '4131' },
    { ...base, sku: 'ROLL', barcodes: [ean(302)], category: 'bakery', name: { en: 'Bread roll', et: 'Kukkel', pl: 'Bułka', ru: 'Булочка' }, lookup: true },
    { ...base, sku: 'NOT-LOOKUP', barcodes: [ean(303)], lookup: false, plu: null },
  );
  return r;
}

function refusal(extra: Record<string, unknown>): CatalogImportError {
  t = tempCatalog();
  const r = goodRows();
  r[1] = { ...r[1], ...extra };
  try {
    t.catalog.importProducts(r, 'bad');
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogImportError);
    return e as CatalogImportError;
  }
  throw new Error('import was not refused');
}

describe('lookup flag and PLU', () => {
  it('stores them and lists the look-up items by category then name; finds by PLU', () => {
    t = tempCatalog();
    t.catalog.importProducts(rows(), 'rows');
    expect(t.catalog.lookupItems().map((p) => p.sku)).toEqual(['ROLL', 'LOOSE-APPLE', 'LOOSE-BANANA']);
    expect(t.catalog.bySku('LOOSE-BANANA')).toMatchObject({ lookup: true, plu: '4011', soldByWeight: true });
    expect(t.catalog.byPlu('4011')?.sku).toBe('LOOSE-BANANA');
    expect(t.catalog.byPlu('9999')).toBeNull();
    expect(t.catalog.byPlu('40x1')).toBeNull();
    const plain = t.catalog.bySku('NOT-LOOKUP')!;
    expect('lookup' in plain || 'plu' in plain).toBe(false);
    expect(t.catalog.lookupItems(1)).toHaveLength(1);
  });

  it.each([
    [{ lookup: 'yes' }, 'lookup'],
    [{ plu: 4011 }, 'plu'],
    [{ plu: '1234567' }, 'plu'],
    [{ plu: '12a4' }, 'plu'],
    [{ plu: '' }, 'plu'],
  ])('%j is refused naming the field', (extra, field) => {
    expect(refusal(extra).field).toBe(field);
  });
});
