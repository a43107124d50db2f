/** The catalog's optional `lookup` flag and PLU code (issue 14): validation, storage, queries. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    { ...weighed, sku: 'LOOSE-BANANA', barcodes: [ean(300)], category: 'fruit', name: { en: 'Bananas', et: 'Banaanid', pl: 'Banany', ru: 'Бананы' }, lookup: true, plu: '4011', image: 'fruit/bananas.svg' },
    { ...weighed, sku: 'LOOSE-APPLE', barcodes: [ean(301)], category: 'fruit', name: { en: 'Apples', et: 'Õunad', pl: 'Jabłka', ru: 'Яблоки' }, lookup: true, plu: '4131', image: 'https://img.shop.example/p/4131.png?v=2' },
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
    expect(t.catalog.bySku('LOOSE-BANANA')).toMatchObject({ lookup: true, plu: '4011', soldByWeight: true, image: 'fruit/bananas.svg' });
    expect(t.catalog.bySku('LOOSE-APPLE')?.image).toBe('https://img.shop.example/p/4131.png?v=2');
    expect(t.catalog.byPlu('4011')?.sku).toBe('LOOSE-BANANA');
    expect(t.catalog.byPlu('9999')).toBeNull();
    expect(t.catalog.byPlu('40x1')).toBeNull();
    const plain = t.catalog.bySku('NOT-LOOKUP')!;
    expect('lookup' in plain || 'plu' in plain || 'image' in plain).toBe(false);
    expect(t.catalog.lookupItems(1)).toHaveLength(1);
  });

  it.each([
    [{ lookup: 'yes' }, 'lookup'],
    [{ plu: 4011 }, 'plu'],
    [{ plu: '1234567' }, 'plu'],
    [{ plu: '123456' }, 'plu'],
    [{ plu: '401' }, 'plu'],
    [{ plu: '12a4' }, 'plu'],
    [{ plu: '' }, 'plu'],
    [{ image: 42 }, 'image'],
    [{ image: '../etc/passwd.svg' }, 'image'],
    [{ image: '/fruit/bananas.svg' }, 'image'],
    [{ image: 'Fruit/Bananas.SVG' }, 'image'],
    [{ image: 'fruit/bananas.exe' }, 'image'],
    [{ image: 'http://img.shop.example/a.png' }, 'image'],
    [{ image: 'javascript:alert(1)' }, 'image'],
    [{ image: 'https://img.example/a b.png' }, 'image'],
    [{ image: 'https://img.example/"onerror=x.png' }, 'image'],
    [{ image: `https://img.example/${'a'.repeat(300)}.png` }, 'image'],
  ])('%j is refused naming the field', (extra, field) => {
    expect(refusal(extra).field).toBe(field);
  });
});

describe('CSV picker columns', () => {
  const header = 'sku,barcodes,name_en,name_et,name_pl,name_ru,unit_price,vat_rate,unit,sold_by_weight,category,age_limit';
  const write = (text: string) => {
    t = tempCatalog();
    const file = join(t.dir, 'c.csv');
    writeFileSync(file, text);
    return file;
  };

  it('reads optional lookup, plu and image columns (empty cells: not given)', () => {
    const file = write(
      `${header},lookup,plu,image\n` +
        `B,${ean(10)},Bananas,Banaanid,Banany,Бананы,1.69,24,weight,true,fruit,,true,4011,fruit/bananas.svg\n` +
        `M,${ean(11)},Milk,Piim,Mleko,Молоко,1.09,24,piece,false,dairy,,,,\n`,
    );
    t!.catalog.importFile(file);
    expect(t!.catalog.bySku('B')).toMatchObject({ lookup: true, plu: '4011', image: 'fruit/bananas.svg' });
    const milk = t!.catalog.bySku('M')!;
    expect('lookup' in milk || 'plu' in milk || 'image' in milk).toBe(false);
  });

  it('a file without those columns still imports', () => {
    t = tempCatalog();
    const file = write(`${header}\nM,${ean(11)},Milk,Piim,Mleko,Молоко,1.09,24,piece,false,dairy,\n`);
    expect(t!.catalog.importFile(file).imported).toBe(1);
  });

  it.each([
    ['yes', '4011', '', 'lookup'],
    ['1', '40110a', '', 'plu'],
    ['1', '4011', 'fruit/../x.svg', 'image'],
  ])('lookup %j plu %j image %j is refused naming the CSV column', (lookup, plu, image, field) => {
    const file = write(`${header},lookup,plu,image\nB,${ean(10)},Bananas,Banaanid,Banany,Бананы,1.69,24,weight,true,fruit,,${lookup},${plu},${image}\n`);
    let err: unknown;
    try {
      t!.catalog.importFile(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CatalogImportError);
    expect((err as CatalogImportError).field).toBe(field);
    expect((err as CatalogImportError).line).toBe(2);
  });
});
