import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LANGS } from '../../../electron/checkout/lang';
import { hasValidCheckDigit } from '../../../electron/devices/barcode/gtin';
import { tempCatalog } from './fixtures';

const DIR = join(import.meta.dirname, '..', '..', '..', 'resources', 'catalog');
const samples = JSON.parse(readFileSync(join(DIR, 'demo-samples.json'), 'utf8')) as {
  piece: string[];
  weighed: Array<{ template: string; example: string; grams: number }>;
  alcohol: string[];
  tobacco: string[];
  reducedVat: string;
  unknownValid: string;
  invalid: string;
};

let t: ReturnType<typeof tempCatalog>;
beforeEach(() => {
  t = tempCatalog();
});
afterEach(() => t.done());

describe.each(['demo-catalog.json', 'demo-catalog.csv'])('%s', (file) => {
  it('imports ≥ 200 products with four names and valid barcodes', () => {
    expect(t.catalog.importFile(join(DIR, file)).imported).toBeGreaterThanOrEqual(200);
    const categories = t.catalog.categories();
    expect(categories.map((c) => c.category)).toEqual(
      expect.arrayContaining(['fruit', 'vegetables', 'bakery', 'dairy', 'meat-fish', 'drinks', 'alcohol', 'tobacco', 'snacks', 'sweets', 'frozen', 'household', 'baby', 'pantry']),
    );
    const all = categories.flatMap((c) => t.catalog.byCategory(c.category, 1, 500).items);
    expect(all).toHaveLength(t.catalog.count());
    for (const p of all) {
      for (const lang of LANGS) expect(p.name[lang].trim()).not.toBe('');
      for (const code of p.barcodes) expect(hasValidCheckDigit(code) && code.length === 14).toBe(true);
      if (p.category === 'alcohol' || p.category === 'tobacco') expect(p.ageLimit).toBe(18);
      expect([900, 2400]).toContain(p.vatRateBp);
      if (p.soldByWeight) expect(p.barcodes[0]).toMatch(/^020\d{5}00000\d$/);
    }
    expect(all.some((p) => p.soldByWeight && p.category === 'bakery')).toBe(true);
    expect(all.some((p) => p.soldByWeight && p.category === 'meat-fish')).toBe(true);
    expect(all.some((p) => p.barcodes.length === 2)).toBe(true);
  });

  it('resolves every documented sample barcode', () => {
    t.catalog.importFile(join(DIR, file));
    const at = (ean13: string) => t.catalog.byBarcode(ean13.padStart(14, '0'));
    for (const code of samples.piece) expect(at(code)?.unit).toBe('piece');
    for (const w of samples.weighed) {
      expect(at(w.template)?.soldByWeight).toBe(true);
      expect(hasValidCheckDigit(w.example)).toBe(true);
      expect(w.example.slice(7, 12)).toBe(String(w.grams).padStart(5, '0'));
    }
    for (const code of [...samples.alcohol, ...samples.tobacco]) expect(at(code)?.ageLimit).toBe(18);
    expect(at(samples.reducedVat)?.vatRateBp).toBe(900);
    expect(hasValidCheckDigit(samples.unknownValid)).toBe(true);
    expect(at(samples.unknownValid)).toBeNull();
    expect(hasValidCheckDigit(samples.invalid)).toBe(false);
  });
});

it('JSON and CSV demo files hold the same products', () => {
  t.catalog.importFile(join(DIR, 'demo-catalog.json'));
  const fromJson = t.catalog.categories().flatMap((c) => t.catalog.byCategory(c.category, 1, 500).items);
  t.catalog.importFile(join(DIR, 'demo-catalog.csv'));
  const fromCsv = t.catalog.categories().flatMap((c) => t.catalog.byCategory(c.category, 1, 500).items);
  expect(fromCsv).toEqual(fromJson);
  expect(t.catalog.searchByName('piim').length).toBeGreaterThan(0);
  expect(t.catalog.searchByName('mleko').length).toBeGreaterThan(0);
  expect(t.catalog.searchByName('молоко').length).toBeGreaterThan(0);
});
