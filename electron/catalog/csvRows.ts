/**
 * CSV catalog rows → raw rows in the JSON row format, so one validator judges both. Money and
 * rates are parsed as decimal text (never float arithmetic): "1.99" / "1,99" euros → 199 cents,
 * "22" / "5.5" percent → 2200 / 550 basis points.
 */
import { RowFault } from './errors';

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
/** Optional columns (the "Look up item" picker): `lookup` true/false/1/0 or empty, `plu` digits or empty, `image` path/URL or empty. */
export const CSV_OPTIONAL_COLUMNS = ['lookup', 'plu', 'image'] as const;
type OptionalColumn = (typeof CSV_OPTIONAL_COLUMNS)[number];
/** Column positions: required ones always, optional ones when the header has them. */
export type CsvHeader = Record<Column, number> & Partial<Record<OptionalColumn, number>>;

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
export function headerIndex(fields: readonly string[]): CsvHeader {
  const names = fields.map((f) => f.trim().toLowerCase());
  const index = {} as CsvHeader;
  for (const column of CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at === -1) throw new RowFault(column, `header has no column "${column}" (expected ${CSV_COLUMNS.join(',')})`);
    index[column] = at;
  }
  for (const column of CSV_OPTIONAL_COLUMNS) {
    const at = names.indexOf(column);
    if (at !== -1) index[column] = at;
  }
  return index;
}

/**
 * Decimal text with at most `maxDecimals` decimals ("." or "," separator) → integer in
 * units of 10^-maxDecimals, or null when the text is not such a non-negative decimal.
 */
export function parseScaledDecimal(text: string, maxDecimals: number): number | null {
  // By hand, for the import's hot path: the rule of /^(\d{1,9})(?:[.,](\d+))?$/ on the trimmed
  // text, with at most maxDecimals decimals (the unit tests check both agree).
  const s = text.trim();
  const n = s.length;
  let i = 0;
  let whole = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === 0 || i > 9) return null;
  let frac = 0;
  let decimals = 0;
  if (i < n) {
    const c = s.charCodeAt(i);
    if ((c !== 46 && c !== 44) || i === n - 1) return null; // '.' or ',' and at least one digit
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || ++decimals > maxDecimals) return null;
      frac = frac * 10 + d;
    }
  }
  return whole * 10 ** maxDecimals + frac * 10 ** (maxDecimals - decimals);
}

/** sold_by_weight as written (any case, spaces around) → boolean, or null. */
function csvBoolean(raw: string): boolean | null {
  // Exact spellings first: no trimmed or lower-cased copy for the usual file.
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  const v = raw.trim().toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : null;
}

const BAR = 124; // '|'

/** `a|b|c` → the non-empty trimmed codes; one code without bars or spaces is the usual case. */
function csvBarcodes(raw: string): string[] {
  const n = raw.length;
  let simple = n > 0;
  for (let i = 0; i < n && simple; i++) {
    const c = raw.charCodeAt(i);
    simple = c !== BAR && c > 0x20 && c < 0x7f; // printable ASCII: nothing for trim() to remove
  }
  if (simple) return [raw];
  return raw
    .split('|')
    .map((b) => b.trim())
    .filter((b) => b !== '');
}

/** One CSV data record's fields → a raw row for validateProductRow; CSV-only faults name the CSV column. */
export function csvRecordToRow(fields: readonly string[], index: CsvHeader): Record<string, unknown> {
  const price = fields[index.unit_price] ?? '';
  const unitPriceCents = parseScaledDecimal(price, 2);
  if (unitPriceCents === null) throw new RowFault('unit_price', `must be euros with at most 2 decimals like 1.99, got ${JSON.stringify(price)}`);
  const vat = fields[index.vat_rate] ?? '';
  const vatRateBp = parseScaledDecimal(vat, 2);
  if (vatRateBp === null) throw new RowFault('vat_rate', `must be a percent with at most 2 decimals like 24 or 5.5, got ${JSON.stringify(vat)}`);
  const sbw = fields[index.sold_by_weight] ?? '';
  const soldByWeight = csvBoolean(sbw);
  if (soldByWeight === null) throw new RowFault('sold_by_weight', `must be true/false/1/0, got ${JSON.stringify(sbw)}`);
  const age = (fields[index.age_limit] ?? '').trim();
  let ageLimit: number | null = null;
  if (age !== '') {
    if (!/^\d{1,3}$/.test(age)) throw new RowFault('age_limit', `must be empty or a whole number of years, got ${JSON.stringify(age)}`);
    ageLimit = Number(age);
  }
  const row: Record<string, unknown> = {
    sku: fields[index.sku] ?? '',
    barcodes: csvBarcodes(fields[index.barcodes] ?? ''),
    name: { en: fields[index.name_en] ?? '', et: fields[index.name_et] ?? '', pl: fields[index.name_pl] ?? '', ru: fields[index.name_ru] ?? '' },
    unitPriceCents,
    vatRateBp,
    unit: (fields[index.unit] ?? '').trim(),
    soldByWeight,
    category: (fields[index.category] ?? '').trim(),
    ageLimit,
  };
  // Optional picker columns: an empty cell is "not given" (the validator judges the rest).
  if (index.lookup !== undefined) {
    const raw = fields[index.lookup] ?? '';
    if (raw.trim() !== '') {
      const lookup = csvBoolean(raw);
      if (lookup === null) throw new RowFault('lookup', `must be true/false/1/0 or empty, got ${JSON.stringify(raw.slice(0, 20))}`);
      row.lookup = lookup;
    }
  }
  const plu = index.plu !== undefined ? (fields[index.plu] ?? '').trim() : '';
  if (plu !== '') row.plu = plu;
  const image = index.image !== undefined ? (fields[index.image] ?? '').trim() : '';
  if (image !== '') row.image = image;
  return row;
}
