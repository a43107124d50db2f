import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogImportError, CSV_COLUMNS } from '../../../electron/catalog';
import { ean, goodRows, tempCatalog } from './fixtures';

let t: ReturnType<typeof tempCatalog>;
beforeEach(() => {
  t = tempCatalog();
});
afterEach(() => t.done());

const HEADER = CSV_COLUMNS.join(',');

function refusal(run: () => unknown): CatalogImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof CatalogImportError) return e;
    throw e;
  }
  throw new Error('import was not refused');
}

describe('JSON import', () => {
  it('imports an array and round-trips every field, barcodes normalised to GTIN-14', () => {
    const report = t.catalog.importProducts(goodRows(), 'unit-rows');
    expect(report).toMatchObject({ imported: 3, source: 'unit-rows' });
    expect(report.ms).toBeGreaterThanOrEqual(0);
    expect(t.catalog.count()).toBe(3);
    expect(t.catalog.bySku('MILK-1')).toEqual({
      sku: 'MILK-1',
      barcodes: [`0${ean(1)}`, '00000096385074'],
      name: { en: 'Milk 2.5% 1 l', et: 'Piim 2,5% 1 l', pl: 'Mleko 2,5% 1 l', ru: 'Молоко 2,5% 1 л' },
      unitPriceCents: 109,
      vatRateBp: 2400,
      unit: 'piece',
      soldByWeight: false,
      category: 'dairy',
      ageLimit: null,
    });
    expect(t.catalog.bySku('VODKA-05')).toMatchObject({ ageLimit: 18, category: 'alcohol' });
    expect(t.catalog.bySku('BANANA')).toMatchObject({ unit: 'weight', soldByWeight: true, unitPriceCents: 169 });
  });

  it('imports a { "products": [...] } file with a BOM', () => {
    const path = t.write('catalog.json', '\uFEFF' + JSON.stringify({ products: goodRows() }));
    expect(t.catalog.importFile(path)).toMatchObject({ imported: 3, source: 'catalog.json' });
    expect(t.catalog.byBarcode('00000096385074')?.sku).toBe('MILK-1');
  });

  it('refuses malformed JSON, unknown extensions and empty catalogs as row 0', () => {
    expect(refusal(() => t.catalog.importFile(t.write('bad.json', '[{"sku":')))).toMatchObject({ row: 0 });
    expect(refusal(() => t.catalog.importFile(t.write('c.xml', '<x/>'))).reason).toMatch(/unsupported/);
    expect(refusal(() => t.catalog.importProducts([], 'empty')).reason).toMatch(/no products/);
    expect(refusal(() => t.catalog.importFile(`${t.dir}/missing.csv`)).reason).toMatch(/cannot read/);
  });
});

describe('CSV import', () => {
  it('parses quoting, embedded commas/quotes/newlines, comma decimals and a BOM', () => {
    const csv = [
      HEADER,
      `SKU-1,"${ean(10)}|${ean(11)}","Milk ""Farm"", 1 l",Piim 1 l,Mleko 1 l,"Молоко
деревенское","1,99",24,piece,false,dairy,`,
      `SKU-2,${ean(12)},Apples,Õunad,Jabłka,Яблоки,2.5,5.5,weight,1,produce,`,
      `SKU-3,${ean(13)},Cider,Siider,Cydr,Сидр,3,24,piece,0,alcohol,18`,
    ].join('\r\n');
    const path = t.write('catalog.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    expect(t.catalog.importFile(path).imported).toBe(3);
    const milk = t.catalog.bySku('SKU-1');
    expect(milk?.name.en).toBe('Milk "Farm", 1 l');
    // A line break inside a quoted field is legal CSV; names collapse it to one space.
    expect(milk?.name.ru).toBe('Молоко деревенское');
    expect(milk?.unitPriceCents).toBe(199);
    expect(milk?.barcodes).toEqual([`0${ean(10)}`, `0${ean(11)}`]);
    expect(t.catalog.bySku('SKU-2')).toMatchObject({ unitPriceCents: 250, vatRateBp: 550, unit: 'weight', soldByWeight: true });
    expect(t.catalog.bySku('SKU-3')).toMatchObject({ unitPriceCents: 300, ageLimit: 18, soldByWeight: false });
  });

  it('refuses a header without a required column', () => {
    const e = refusal(() => t.catalog.importFile(t.write('h.csv', 'sku,barcodes\nA,1\n')));
    expect(e).toMatchObject({ row: 0, field: 'name_en' });
  });

  it('refuses an unterminated quote with its line', () => {
    const e = refusal(() => t.catalog.importFile(t.write('q.csv', `${HEADER}\nA,"${ean(1)},x\n`)));
    expect(e).toMatchObject({ row: 0, line: 2 });
  });

  it('a CSV syntax fault is the error reported even after a bad row or a bad header (rows are checked while reading)', () => {
    const bad = `SKU-1,${ean(1)},Milk,Piim,Mleko,Молоко,free,24,piece,false,dairy,`;
    const good = `SKU-2,${ean(2)},Milk,Piim,Mleko,Молоко,1.00,24,piece,false,dairy,`;
    const afterRow = refusal(() => t.catalog.importFile(t.write('r.csv', [HEADER, bad, good, 'X,"open'].join('\n'))));
    expect(afterRow).toMatchObject({ row: 0, line: 4 });
    expect(afterRow.reason).toMatch(/never closed/);
    const afterHeader = refusal(() => t.catalog.importFile(t.write('s.csv', ['sku,barcodes', good, 'a"b'].join('\n'))));
    expect(afterHeader).toMatchObject({ row: 0, line: 3 });
    expect(afterHeader.reason).toMatch(/quote inside an unquoted field/);
    // Without the syntax fault the bad row is the error.
    expect(refusal(() => t.catalog.importFile(t.write('t.csv', [HEADER, good, bad].join('\n'))))).toMatchObject({ row: 2, line: 3, field: 'unit_price' });
  });
});

describe('rejections name the row, line and field', () => {
  const good = `SKU-1,${ean(1)},Milk,Piim,Mleko,Молоко,1.09,24,piece,false,dairy,`;
  // Each fault is placed in data row 2; the line counts the header (and the embedded newline of row 1).
  const row1 = `SKU-0,${ean(2)},"Two
lines",Kaks,Dwa,Два,1.00,24,piece,false,dairy,`;
  const cases: Array<{ fault: string; row: string; field: string; reason: RegExp }> = [
    { fault: 'missing name_ru', row: `SKU-1,${ean(1)},Milk,Piim,Mleko,,1.09,24,piece,false,dairy,`, field: 'name_ru', reason: /empty/ },
    { fault: 'negative price', row: good.replace('1.09', '-1.09'), field: 'unit_price', reason: /euros/ },
    { fault: 'zero price', row: good.replace('1.09', '0.00'), field: 'unit_price', reason: /between 1/ },
    { fault: 'price with 3 decimals', row: good.replace('1.09', '1.099'), field: 'unit_price', reason: /2 decimals/ },
    { fault: 'bad check digit', row: good.replace(ean(1), ean(1).slice(0, 12) + String((Number(ean(1)[12]) + 1) % 10)), field: 'barcodes', reason: /check digit/ },
    { fault: 'duplicate barcode', row: good.replace(ean(1), ean(2)), field: 'barcodes', reason: /already used by row 1/ },
    { fault: 'duplicate SKU', row: good.replace('SKU-1', 'SKU-0'), field: 'sku', reason: /already used by row 1/ },
    { fault: 'unknown unit', row: good.replace('piece', 'box'), field: 'unit', reason: /"piece" or "weight"/ },
    { fault: 'weight without soldByWeight', row: good.replace('piece,false', 'weight,false'), field: 'sold_by_weight', reason: /requires soldByWeight true/ },
    { fault: 'age limit "abc"', row: good.replace(/,$/, ',abc'), field: 'age_limit', reason: /whole number/ },
    { fault: 'vat with 3 decimals', row: good.replace(',24,', ',5.555,'), field: 'vat_rate', reason: /2 decimals/ },
    { fault: 'category not a slug', row: good.replace('dairy', 'Dairy & Eggs'), field: 'category', reason: /slug/ },
  ];
  for (const c of cases) {
    it(`CSV: ${c.fault}`, () => {
      const e = refusal(() => t.catalog.importFile(t.write('f.csv', [HEADER, row1, c.row].join('\n') + '\n')));
      expect(e).toMatchObject({ kind: 'CatalogImportError', row: 2, line: 4, field: c.field, source: 'f.csv' });
      expect(e.reason).toMatch(c.reason);
      expect(e.message).toContain('row 2 (line 4)');
    });
  }

  const jsonCases: Array<{ fault: string; patch: (r: Record<string, unknown>) => void; field: string }> = [
    { fault: 'missing name.ru', patch: (r) => (r.name = { en: 'a', et: 'b', pl: 'c' }), field: 'name.ru' },
    { fault: 'negative price', patch: (r) => (r.unitPriceCents = -5), field: 'unitPriceCents' },
    { fault: 'fractional cents', patch: (r) => (r.unitPriceCents = 1.5), field: 'unitPriceCents' },
    { fault: 'bad check digit', patch: (r) => (r.barcodes = ['4740002000013']), field: 'barcodes' },
    { fault: 'no barcodes', patch: (r) => (r.barcodes = []), field: 'barcodes' },
    { fault: 'duplicate barcode', patch: (r) => (r.barcodes = ['96385074']), field: 'barcodes' },
    { fault: 'unknown unit', patch: (r) => (r.unit = 'kg'), field: 'unit' },
    { fault: 'weight without soldByWeight', patch: (r) => (r.unit = 'weight'), field: 'soldByWeight' },
    { fault: 'age limit "abc"', patch: (r) => (r.ageLimit = 'abc'), field: 'ageLimit' },
    { fault: 'vat over 100 %', patch: (r) => (r.vatRateBp = 10001), field: 'vatRateBp' },
  ];
  for (const c of jsonCases) {
    it(`JSON: ${c.fault}`, () => {
      const rows = goodRows();
      c.patch(rows[2]!);
      const e = refusal(() => t.catalog.importProducts(rows, 'rows'));
      expect(e).toMatchObject({ row: 3, field: c.field, source: 'rows' });
      expect(e.line).toBeUndefined();
    });
  }
});

describe('all-or-nothing', () => {
  it('keeps the previous catalog in force when an import is refused', () => {
    t.catalog.importProducts(goodRows(), 'good');
    const bad: Array<Record<string, unknown>> = goodRows().map((r) => ({ ...r, sku: `${String(r.sku)}-NEW` }));
    bad.push({ ...bad[0]!, sku: 'DUP', barcodes: [ean(1)] }); // duplicate barcode in the last row
    expect(refusal(() => t.catalog.importProducts(bad, 'bad'))).toMatchObject({ row: 4, field: 'barcodes' });
    expect(t.catalog.count()).toBe(3);
    expect(t.catalog.bySku('MILK-1')?.name.et).toBe('Piim 2,5% 1 l');
    expect(t.catalog.bySku('MILK-1-NEW')).toBeNull();
    expect(t.catalog.byBarcode(`0${ean(1)}`)?.sku).toBe('MILK-1');
    expect(t.catalog.searchByName('piim').map((p) => p.sku)).toEqual(['MILK-1']);
    expect(t.log.lines.some((l) => l.msg === 'catalog import refused' && l.row === 4)).toBe(true);
  });

  it('replaces the whole catalog on a good import', () => {
    t.catalog.importProducts(goodRows(), 'first');
    t.catalog.importProducts([{ ...goodRows()[0]!, sku: 'ONLY' }], 'second');
    expect(t.catalog.count()).toBe(1);
    expect(t.catalog.bySku('VODKA-05')).toBeNull();
    expect(t.catalog.byBarcode(`0${ean(3)}`)).toBeNull();
    expect(t.catalog.searchByName('wódka')).toEqual([]);
    expect(t.catalog.categories()).toEqual([{ category: 'dairy', count: 1 }]);
  });

  it('keeps the data after the file is closed and reopened', () => {
    t.catalog.importProducts(goodRows(), 'persist');
    const again = t.reopen();
    expect(again.count()).toBe(3);
    expect(again.byBarcode(`0${ean(3)}`)?.name.pl).toBe('Wódka 0,5 l');
    expect(again.searchByName('банан').map((p) => p.sku)).toEqual(['BANANA']);
  });
});
