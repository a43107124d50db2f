/**
 * CSV catalog rows → raw rows in the JSON row format, so one validator judges both. Money and
 * rates are parsed as decimal text (never float arithmetic): "1.99" / "1,99" euros → 199 cents,
 * "22" / "5.5" percent → 2200 / 550 basis points.
 */
import { RowFault } from './errors';
import type { CsvRecord } from './csv';

/** The CSV header, in this order (extra columns are ignored; order may differ). */
export const CSV_COLUMNS = [
  'sku',
  'barcodes',
  'name_en',
  'name_et',
  'name_pl',
  'name_ru',
  'unit_price',
  'vat_rate',
  'unit',
  'sold_by_weight',
  'category',
  'age_limit',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** JSON field → the CSV column to name in an error. */
const CSV_FIELD: Record<string, Column> = {
  sku: 'sku',
  barcodes: 'barcodes',
  name: 'name_en',
  'name.en': 'name_en',
  'name.et': 'name_et',
  'name.pl': 'name_pl',
  'name.ru': 'name_ru',
  unitPriceCents: 'unit_price',
  vatRateBp: 'vat_rate',
  unit: 'unit',
  soldByWeight: 'sold_by_weight',
  category: 'category',
  ageLimit: 'age_limit',
};

/** Maps a JSON field name from the validator to the CSV column name. */
export function csvFieldName(jsonField: string | undefined): string | undefined {
  return jsonField === undefined ? undefined : (CSV_FIELD[jsonField] ?? jsonField);
}

/** Column positions from the header record; throws a RowFault naming a missing column. */
export function headerIndex(header: CsvRecord): Record<Column, number> {
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  for (const column of CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at === -1) throw new RowFault(column, `header has no column "${column}" (expected ${CSV_COLUMNS.join(',')})`);
    index[column] = at;
  }
  return index;
}

/**
 * Decimal text with at most `maxDecimals` decimals ("." or "," separator) → integer in
 * units of 10^-maxDecimals, or null when the text is not such a non-negative decimal.
 */
export function parseScaledDecimal(text: string, maxDecimals: number): number | null {
  const m = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text.trim());
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > maxDecimals) return null;
  return Number(m[1]) * 10 ** maxDecimals + Number(frac.padEnd(maxDecimals, '0') || '0');
}

const TRUE = new Set(['true', '1']);
const FALSE = new Set(['false', '0']);

/** One CSV data record → a raw row for validateProductRow; CSV-only faults name the CSV column. */
export function csvRecordToRow(record: CsvRecord, index: Record<Column, number>): Record<string, unknown> {
  const get = (c: Column): string => record.fields[index[c]] ?? '';
  const price = get('unit_price');
  const unitPriceCents = parseScaledDecimal(price, 2);
  if (unitPriceCents === null) throw new RowFault('unit_price', `must be euros with at most 2 decimals like 1.99, got ${JSON.stringify(price)}`);
  const vat = get('vat_rate');
  const vatRateBp = parseScaledDecimal(vat, 2);
  if (vatRateBp === null) throw new RowFault('vat_rate', `must be a percent with at most 2 decimals like 24 or 5.5, got ${JSON.stringify(vat)}`);
  const sbw = get('sold_by_weight').trim().toLowerCase();
  if (!TRUE.has(sbw) && !FALSE.has(sbw)) throw new RowFault('sold_by_weight', `must be true/false/1/0, got ${JSON.stringify(get('sold_by_weight'))}`);
  const age = get('age_limit').trim();
  let ageLimit: number | null = null;
  if (age !== '') {
    if (!/^\d{1,3}$/.test(age)) throw new RowFault('age_limit', `must be empty or a whole number of years, got ${JSON.stringify(age)}`);
    ageLimit = Number(age);
  }
  const barcodes = get('barcodes').split('|').map((b) => b.trim()).filter((b) => b !== '');
  return {
    sku: get('sku'),
    barcodes,
    name: { en: get('name_en'), et: get('name_et'), pl: get('name_pl'), ru: get('name_ru') },
    unitPriceCents,
    vatRateBp,
    unit: get('unit').trim(),
    soldByWeight: TRUE.has(sbw),
    category: get('category').trim(),
    ageLimit,
  };
}
