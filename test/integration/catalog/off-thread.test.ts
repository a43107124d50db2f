/**
 * `Catalog.importFileOffThread`: the import runs on a worker thread (import-thread.ts) while the
 * catalog keeps answering from the old file on a free event loop; the new catalog is served only
 * after install(); a bad file or a stopped worker changes nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogImportError } from '../../../electron/catalog';
import { generate } from '../../bench/synthetic-catalog';
import { ean, goodRows, tempCatalog } from './fixtures';

const N = 30_000;
let t: ReturnType<typeof tempCatalog>;
let bigFile: string;
let bigRows: Array<{ sku: string; barcodes: string[] }>;
beforeAll(() => {
  t = tempCatalog();
  t.catalog.importProducts(goodRows(), 'first');
  bigRows = generate(N) as typeof bigRows;
  bigFile = t.write('big.json', JSON.stringify({ products: bigRows }));
});
afterAll(() => t.done());

const MILK = `0${ean(1)}`;
const gtin14 = (code: string) => code.padStart(14, '0');
const buildFiles = () => readdirSync(t.dir).filter((f) => f.includes('.next'));

describe('catalog import on a worker thread', () => {
  it('keeps the event loop and the old catalog serving while it builds; the new one only after install()', async () => {
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    let oldServed = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
      // A customer scanning meanwhile: answered from the old catalog.
      if (t.catalog.byBarcode(MILK)?.sku === 'MILK-1') oldServed++;
    }, 10);
    let prepared;
    try {
      prepared = await t.catalog.importFileOffThread(bigFile);
    } finally {
      clearInterval(timer);
    }
    // The same import on the main thread takes seconds here; the timer kept firing throughout.
    expect(ticks).toBeGreaterThan(10);
    expect(oldServed).toBe(ticks);
    expect(maxGap).toBeLessThan(1000);
    expect(prepared.imported).toBe(N);
    // Built, not in force: the old catalog still answers, and no other import may start.
    expect(t.catalog.count()).toBe(3);
    expect(t.catalog.importing()).toBe(true);
    expect(() => t.catalog.importProducts(goodRows(), 'meanwhile')).toThrow(/another catalog import/);
    const report = prepared.install();
    expect(report).toMatchObject({ imported: N, source: 'big.json' });
    expect(t.catalog.importing()).toBe(false);
    expect(t.catalog.count()).toBe(N);
    expect(t.catalog.byBarcode(MILK)).toBeNull();
    expect(t.catalog.byBarcode(gtin14(bigRows[123]!.barcodes[0]!))?.sku).toBe(bigRows[123]!.sku);
    expect(t.catalog.categories().reduce((s, c) => s + c.count, 0)).toBe(N);
    expect(buildFiles()).toEqual([]);
    expect(t.log.lines.some((l) => l.msg === 'catalog imported' && l.imported === N)).toBe(true);
  }, 60_000);

  it('refuses a bad row with its row number from the worker; nothing changes', async () => {
    const rows = structuredClone(goodRows());
    rows[1]!.unitPriceCents = -5;
    const bad = t.write('bad.json', JSON.stringify(rows));
    const e = await t.catalog.importFileOffThread(bad).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(CatalogImportError);
    expect(e).toMatchObject({ row: 2, field: 'unitPriceCents', source: 'bad.json' });
    expect(t.catalog.count()).toBe(N);
    expect(t.catalog.importing()).toBe(false);
    expect(buildFiles()).toEqual([]);
    expect(t.log.lines.some((l) => l.msg === 'catalog import refused' && l.row === 2)).toBe(true);
  }, 30_000);

  it('a discarded build and a worker stopped by close() leave the catalog as it was', async () => {
    const small = t.write('small.json', JSON.stringify(goodRows()));
    const prepared = await t.catalog.importFileOffThread(small);
    prepared.discard();
    expect(() => prepared.install()).toThrow(/already/);
    expect(t.catalog.count()).toBe(N);
    expect(existsSync(`${t.file}.next`)).toBe(false);
    // The kiosk closes mid-import: the worker is stopped and its files deleted; the file reopens intact.
    const running = t.catalog.importFileOffThread(bigFile);
    await new Promise((r) => setTimeout(r, 50));
    t.catalog.close();
    await expect(running).rejects.toThrow(/worker/);
    expect(buildFiles()).toEqual([]);
    expect(t.reopen().count()).toBe(N);
  }, 60_000);
});
