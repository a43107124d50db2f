import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Catalog, CatalogSchemaError, SCHEMA_VERSION } from '../../../electron/catalog';
import { memoryLog } from '../../../electron/log';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-catalog-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('creates the schema once, in WAL mode, and records its version', () => {
  const file = join(dir, 'c.db');
  const log = memoryLog();
  Catalog.open(file, log).close();
  Catalog.open(file, log).close();
  expect(log.lines.filter((l) => l.msg === 'catalog schema migrated')).toHaveLength(1);
  const db = new Database(file, { readonly: true });
  expect(db.prepare('SELECT version FROM schema_version').pluck().all()).toEqual([SCHEMA_VERSION]);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
});

it('refuses a file written by a newer schema', () => {
  const file = join(dir, 'newer.db');
  Catalog.open(file, memoryLog()).close();
  const db = new Database(file);
  db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
  db.close();
  expect(() => Catalog.open(file, memoryLog())).toThrow(CatalogSchemaError);
});

it('a category page is read from the category index in order, before and after an import (no sort at query time)', () => {
  const file = join(dir, 'plan.db');
  const plan = () => {
    const db = new Database(file, { readonly: true });
    const steps = db
      .prepare('EXPLAIN QUERY PLAN SELECT p.sku FROM products p WHERE p.category = ? ORDER BY p.name_en COLLATE NOCASE, p.id LIMIT ? OFFSET ?')
      .all('dairy', 24, 0) as Array<{ detail: string }>;
    db.close();
    return steps.map((s) => s.detail);
  };
  Catalog.open(file, memoryLog()).close();
  expect(plan()).toEqual(['SEARCH p USING INDEX products_category (category=?)']);
  const catalog = Catalog.open(file, memoryLog());
  const row = (i: number) => ({ sku: `S${i}`, barcodes: [`${4740001000000 + i * 10}`], name: { en: `b${9 - i}`, et: 'x', pl: 'x', ru: 'x' }, unitPriceCents: 1, vatRateBp: 0, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null });
  const rows = Array.from({ length: 3 }, (_, i) => row(i));
  // Barcodes need valid check digits: take the nearest valid one for each.
  for (const r of rows) r.barcodes = [withCheckDigit(r.barcodes[0]!)];
  catalog.importProducts(rows, 'plan');
  expect(catalog.byCategory('dairy', 1).items.map((p) => p.sku)).toEqual(['S2', 'S1', 'S0']);
  catalog.close();
  expect(plan()).toEqual(['SEARCH p USING INDEX products_category (category=?)']);
});
