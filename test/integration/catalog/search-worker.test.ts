/**
 * The search index of a bulk load built on a worker thread (fts-build.ts) must be the same
 * index as the one built on the main thread: same answers to every query (also when the
 * products reach it in many chunks), and a worker that fails falls back to the main thread with
 * a warning.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../../electron/catalog';
import { setWorkerSqliteModuleForTests } from '../../../electron/catalog/fts-build';
import { loadTuning } from '../../../electron/catalog/load';
import { memoryLog } from '../../../electron/log';
import { generate, queries } from '../../bench/synthetic-catalog';

const N = 6_000;
let rows: unknown[];
let qs: string[];
beforeAll(() => {
  rows = generate(N);
  qs = [...queries(300), 'łosoś', 'ёж', 'piim', 'zz'];
});
const dirs: string[] = [];
const defaults = { ...loadTuning };
afterEach(() => {
  Object.assign(loadTuning, defaults);
  setWorkerSqliteModuleForTests(undefined);
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function build(worker: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-fts-'));
  dirs.push(dir);
  loadTuning.ftsWorkerMinRows = worker ? 1 : Number.MAX_SAFE_INTEGER;
  // The worker indexes the products chunk by chunk as they are committed: 6,000 rows in 13
  // chunks, the last one short.
  loadTuning.chunkRows = 450;
  const log = memoryLog();
  const catalog = Catalog.open(join(dir, 'catalog.db'), log);
  catalog.importProducts(rows, worker ? 'worker' : 'inline');
  return { dir, log, catalog };
}

const answers = (c: Catalog) => qs.map((q) => c.searchByName(q, { limit: 50 }).map((p) => p.sku));

describe('search index built on a worker thread', () => {
  it('answers every query exactly like the index built on the main thread, and survives a reopen', () => {
    const inline = build(false);
    const worker = build(true);
    expect(worker.log.lines.filter((l) => l.level === 'warn')).toEqual([]);
    const expected = answers(inline.catalog);
    expect(expected.flat().length).toBeGreaterThan(1000);
    expect(answers(worker.catalog)).toEqual(expected);
    // No worker file is left beside the catalog.
    expect(readdirSync(worker.dir).filter((f) => f.includes('fts') || f.includes('next'))).toEqual([]);
    worker.catalog.close();
    inline.catalog.close();
    const db = new Database(join(worker.dir, 'catalog.db'));
    expect(() => db.exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('integrity-check', 0)`)).not.toThrow();
    db.close();
    const again = Catalog.open(join(worker.dir, 'catalog.db'), memoryLog());
    expect(answers(again)).toEqual(expected);
    // A second import (replace) through the worker as well.
    loadTuning.ftsWorkerMinRows = 1;
    again.importProducts(rows.slice(0, 3000), 'again');
    expect(again.count()).toBe(3000);
    const kept = new Set((rows.slice(0, 3000) as Array<{ sku: string }>).map((r) => r.sku));
    const found = qs.flatMap((q) => again.searchByName(q, { limit: 200 }).map((p) => p.sku));
    expect(found.length).toBeGreaterThan(100);
    expect(found.filter((sku) => !kept.has(sku))).toEqual([]);
    again.close();
  });

  it('a worker that cannot load SQLite: the index is built on the main thread, with a warning', () => {
    const inline = build(false);
    setWorkerSqliteModuleForTests('/nonexistent/better-sqlite3');
    const fallback = build(true);
    expect(fallback.log.lines.some((l) => l.level === 'warn' && /search index worker failed/.test(String(l.msg)))).toBe(true);
    expect(answers(fallback.catalog)).toEqual(answers(inline.catalog));
    expect(existsSync(join(fallback.dir, 'catalog.db.next-fts'))).toBe(false);
    inline.catalog.close();
    fallback.catalog.close();
  });

  it('a refused import (duplicate SKU found while the worker runs) leaves the catalog and no files behind', () => {
    const w = build(true);
    const dup = generate(N) as Array<{ sku: string }>;
    dup[N - 1]!.sku = dup[10]!.sku;
    expect(() => w.catalog.importProducts(dup, 'dup')).toThrow(/row 6000.*already used by row 11/);
    expect(w.catalog.count()).toBe(N);
    expect(readdirSync(w.dir).filter((f) => f.includes('next'))).toEqual([]);
    w.catalog.close();
  });
});
