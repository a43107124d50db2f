/**
 * Catalog input limits: field lengths capped (a 10 MB category refused with its row), files that
 * are not UTF-8 refused with their place (never read as U+FFFD), and a refused file changes
 * nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogImportError, CSV_COLUMNS } from '../../../electron/catalog';
import { firstInvalidUtf8 } from '../../../electron/catalog/utf8';
import { LIMITS } from '../../../electron/catalog/validate';
import { ean, goodRows, tempCatalog } from './fixtures';

let t: ReturnType<typeof tempCatalog>;
beforeEach(() => {
  t = tempCatalog();
  t.catalog.importProducts(goodRows(), 'before');
});
afterEach(() => t.done());

function refusal(run: () => unknown): CatalogImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof CatalogImportError) return e;
    throw e;
  }
  throw new Error('import was not refused');
}

/** The catalog still holds exactly the three rows imported before. */
function unchanged(): void {
  expect(t.catalog.count()).toBe(3);
  expect(t.catalog.bySku('MILK-1')?.name.et).toBe('Piim 2,5% 1 l');
}

const csvLine = (cells: Record<string, string>) => CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');
const GOOD_CSV = {
  sku: 'BREAD',
  barcodes: ean(10),
  name_en: 'Bread',
  name_et: 'Leib',
  name_pl: 'Chleb',
  name_ru: 'Хлеб',
  unit_price: '1.49',
  vat_rate: '9',
  unit: 'piece',
  sold_by_weight: 'false',
  category: 'bakery',
  age_limit: '',
};

describe('field length caps', () => {
  it('a 10 MB category is refused with its row number', () => {
    const rows = goodRows();
    rows[1]!.category = 'a'.repeat(10 * 1024 * 1024);
    const e = refusal(() => t.catalog.importProducts(rows, 'huge.json'));
    expect(e).toMatchObject({ row: 2, field: 'category' });
    expect(e.message).toMatch(/row 2: field category: longer than 64 characters/);
    unchanged();
  });

  it('a 10 MB category in a CSV file is refused with its row and line', () => {
    const path = t.write('huge.csv', [CSV_COLUMNS.join(','), csvLine(GOOD_CSV), csvLine({ ...GOOD_CSV, sku: 'X', barcodes: ean(11), category: 'b'.repeat(10 * 1024 * 1024) })].join('\n'));
    const e = refusal(() => t.catalog.importFile(path));
    expect(e).toMatchObject({ row: 2, line: 3, field: 'category' });
    unchanged();
  });

  it.each([
    ['category', { category: 'x'.repeat(LIMITS.categoryMaxLength + 1) }, 'category'],
    ['sku', { sku: 'S'.repeat(LIMITS.skuMaxLength + 1) }, 'sku'],
    ['name', { name: { en: 'n'.repeat(LIMITS.nameMaxLength + 1), et: 'a', pl: 'a', ru: 'a' } }, 'name.en'],
    ['huge name', { name: { en: 'a', et: ' '.repeat(5_000_000) + 'x', pl: 'a', ru: 'a' } }, 'name.et'],
    ['barcode', { barcodes: [' '.repeat(LIMITS.barcodeMaxLength) + ean(3)] }, 'barcodes'],
  ])('a %s over its cap is refused naming the field', (_what, patch, field) => {
    const rows = goodRows();
    Object.assign(rows[2]!, patch);
    const e = refusal(() => t.catalog.importProducts(rows, 'caps.json'));
    expect(e).toMatchObject({ row: 3, field });
    expect(e.reason).toMatch(/longer than \d+ characters/);
    unchanged();
  });

  it('values at the caps are accepted', () => {
    const rows = goodRows();
    Object.assign(rows[0]!, {
      sku: 'S'.repeat(LIMITS.skuMaxLength),
      category: `${'c'.repeat(LIMITS.categoryMaxLength - 2)}-d`,
      name: { en: 'n'.repeat(LIMITS.nameMaxLength), et: 'a', pl: 'a', ru: 'a' },
      barcodes: [` ${'96385074'}${' '.repeat(LIMITS.barcodeMaxLength - 9)}`],
    });
    expect(t.catalog.importProducts(rows, 'at-caps.json').imported).toBe(3);
  });
});

describe('UTF-8', () => {
  it('a CSV with a Windows-1252 byte is refused with its line, not read as U+FFFD', () => {
    const head = Buffer.from(`${CSV_COLUMNS.join(',')}\n${csvLine(GOOD_CSV)}\n`, 'utf8');
    const bad = Buffer.concat([head, Buffer.from(csvLine({ ...GOOD_CSV, sku: 'KOHV', barcodes: ean(11), name_et: 'Kohv XX' }).replace('XX', '\u0000'), 'latin1')]);
    // 'Kohv ' + 0xF5 ("õ" in Windows-1252) instead of a NUL placeholder.
    const at = bad.indexOf(0);
    bad[at] = 0xf5;
    const path = t.write('cp1252.csv', bad);
    const e = refusal(() => t.catalog.importFile(path));
    expect(e.row).toBe(0);
    expect(e.message).toContain(`not valid UTF-8 (line 3, byte offset ${at})`);
    unchanged();
    expect(t.catalog.searchByName('kohv')).toEqual([]);
  });

  it('a JSON file cut in the middle of a character is refused', () => {
    const text = Buffer.from(JSON.stringify(goodRows()), 'utf8');
    const cut = text.indexOf(Buffer.from('Молоко', 'utf8')) + 1;
    const path = t.write('cut.json', Buffer.concat([text.subarray(0, cut), text.subarray(cut + 1)]));
    expect(refusal(() => t.catalog.importFile(path)).message).toMatch(/not valid UTF-8 \(line 1, byte offset \d+\)/);
    unchanged();
  });

  it('UTF-8 with a BOM and four-byte characters is accepted', () => {
    const path = t.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${CSV_COLUMNS.join(',')}\n${csvLine({ ...GOOD_CSV, name_en: 'Bread 🍞' })}\n`, 'utf8')]));
    expect(t.catalog.importFile(path).imported).toBe(1);
    expect(t.catalog.bySku('BREAD')?.name.en).toBe('Bread 🍞');
  });

  it('firstInvalidUtf8 finds overlongs, surrogates, stray continuations and truncation', () => {
    expect(firstInvalidUtf8(Buffer.from('ok õ €𝄞', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Uint8Array.from([0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });
});
