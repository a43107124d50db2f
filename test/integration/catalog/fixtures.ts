/** Small catalog fixtures and a temp-folder catalog for the catalog integration tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../../../electron/catalog';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { memoryLog } from '../../../electron/log';

/** A valid EAN-13 for item n: "4740002" + 5 digits + computed check digit. */
export const ean = (n: number) => withCheckDigit(`4740002${String(n).padStart(5, '0')}0`);

/** Three valid rows in the JSON row format: milk, bananas (weighed), vodka (18+). */
export function goodRows(): Array<Record<string, unknown>> {
  return [
    {
      sku: 'MILK-1',
      barcodes: [ean(1), '96385074'],
      name: { en: 'Milk 2.5% 1 l', et: 'Piim 2,5% 1 l', pl: 'Mleko 2,5% 1 l', ru: 'Молоко 2,5% 1 л' },
      unitPriceCents: 109,
      vatRateBp: 2400,
      unit: 'piece',
      soldByWeight: false,
      category: 'dairy',
      ageLimit: null,
    },
    {
      sku: 'BANANA',
      barcodes: [withCheckDigit('2000104000000')],
      name: { en: 'Bananas', et: 'Banaanid', pl: 'Banany', ru: 'Бананы' },
      unitPriceCents: 169,
      vatRateBp: 2400,
      unit: 'weight',
      soldByWeight: true,
      category: 'produce',
      ageLimit: null,
    },
    {
      sku: 'VODKA-05',
      barcodes: [ean(3)],
      name: { en: 'Vodka 0.5 l', et: 'Viin 0,5 l', pl: 'Wódka 0,5 l', ru: 'Водка 0,5 л' },
      unitPriceCents: 1299,
      vatRateBp: 2400,
      unit: 'piece',
      soldByWeight: false,
      category: 'alcohol',
      ageLimit: 18,
    },
  ];
}

/** A temp folder with a catalog file; `done()` closes the catalog and removes the folder. */
export function tempCatalog() {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-catalog-test-'));
  const file = join(dir, 'catalog.db');
  const log = memoryLog('test');
  let catalog = Catalog.open(file, log);
  return {
    dir,
    file,
    log,
    get catalog() {
      return catalog;
    },
    write(name: string, content: string | Buffer): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    reopen(): Catalog {
      catalog.close();
      catalog = Catalog.open(file, log);
      return catalog;
    },
    done() {
      catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
