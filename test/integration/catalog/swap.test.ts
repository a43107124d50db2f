import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../electron/checkout/product';
import { ean, goodRows, tempCatalog } from './fixtures';

let t: ReturnType<typeof tempCatalog>;
beforeEach(() => {
  t = tempCatalog();
  t.catalog.importProducts(goodRows(), 'first');
});
afterEach(() => t.done());

const next = () => `${t.file}.next`;

describe('import by file swap', () => {
  it('leaves no .next file behind and keeps the live file in WAL mode', () => {
    expect(existsSync(next())).toBe(false);
    const db = new Database(t.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT source FROM catalog_imports').pluck().all()).toEqual(['first']);
    db.close();
  });

  it('keeps working for holders of the catalog object after an import reopens the file', () => {
    // The engine keeps the catalog as { byBarcode } for its whole life.
    const view: { byBarcode(gtin14: string): Product | null } = t.catalog;
    t.catalog.importProducts([{ ...goodRows()[0]!, sku: 'NEW-MILK' }], 'second');
    expect(view.byBarcode(`0${ean(1)}`)?.sku).toBe('NEW-MILK');
    expect(view.byBarcode(`0${ean(3)}`)).toBeNull();
    expect(t.catalog.searchByName('piim').map((p) => p.sku)).toEqual(['NEW-MILK']);
  });

  it('deletes the half-built file of a refused import', () => {
    const dup = [...goodRows(), { ...goodRows()[0]!, sku: 'DUP' }];
    expect(() => t.catalog.importProducts(dup, 'dup')).toThrow(/already used/);
    expect(existsSync(next())).toBe(false);
    expect(t.catalog.count()).toBe(3);
  });

  it('ignores and deletes a .next left by a crash before the rename', () => {
    // A complete-looking build that never got renamed must not replace the catalog.
    writeFileSync(next(), 'SQLite format 3\0 half-written');
    const again = t.reopen();
    expect(existsSync(next())).toBe(false);
    expect(again.count()).toBe(3);
    expect(t.log.lines.some((l) => l.msg === 'removed an unfinished catalog import')).toBe(true);
  });

  it('keeps the old catalog when the importing process is killed mid-import', async () => {
    t.catalog.close();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-child.ts'), t.file, '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill as soon as the new file exists: the build is under way, the rename not yet done.
    const started = Date.now();
    while (!existsSync(next()) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(next())).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const again = t.reopen();
    expect(again.count()).toBe(3);
    expect(again.byBarcode(`0${ean(1)}`)?.sku).toBe('MILK-1');
    expect(existsSync(next())).toBe(false);
  }, 30_000);

  it('keeps the old catalog and leaves no build files when killed while the index worker reads committed chunks', async () => {
    t.catalog.close();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-child.ts'), t.file, '150000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Past the first committed chunk: the build file holds products and the worker has its own file.
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    const started = Date.now();
    while (!(size(next()) > 8_000_000 && existsSync(`${next()}-fts`)) && Date.now() - started < 50_000) await new Promise((r) => setTimeout(r, 10));
    expect(size(next())).toBeGreaterThan(8_000_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const again = t.reopen();
    expect(again.count()).toBe(3);
    expect(again.byBarcode(`0${ean(1)}`)?.sku).toBe('MILK-1');
    expect(readdirSync(dirname(t.file)).filter((f) => f.includes('.next'))).toEqual([]);
  }, 90_000);
});

describe('schema migration 2', () => {
  it('rebuilds a version-1 search index (prefixes 2 and 3) with the 4-character prefix index', () => {
    t.catalog.close();
    const db = new Database(t.file);
    // Back to version 1: without migration 3's, 4's and 5's columns and the 4-character prefix index.
    db.exec(`DROP INDEX products_lookup; DROP INDEX products_plu;
      ALTER TABLE products DROP COLUMN lookup; ALTER TABLE products DROP COLUMN plu; ALTER TABLE products DROP COLUMN image; ALTER TABLE products DROP COLUMN search_fold;
      DROP TABLE products_fts;
      CREATE VIRTUAL TABLE products_fts USING fts5(names, content = '', detail = none, prefix = '2 3', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2');
      UPDATE schema_version SET version = 1;`);
    db.close();
    const again = t.reopen();
    expect(t.log.lines.some((l) => l.msg === 'catalog schema migrated' && l.from === 1)).toBe(true);
    expect(again.searchByName('wodk').map((p) => p.sku)).toEqual(['VODKA-05']);
    expect(again.searchByName('łosoś')).toEqual([]);
    expect(again.searchByName('mlek').map((p) => p.sku)).toEqual(['MILK-1']);
  });
});
