import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Catalog, CatalogSchemaError, SCHEMA_VERSION } from '../../../electron/catalog';
import { memoryLog } from '../../../electron/log';

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
