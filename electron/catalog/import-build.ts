/**
 * The slow part of an import, with no live connection involved: reads, decodes and validates a
 * source and bulk-loads it into the `.next` file beside the live catalog (load.ts). The caller
 * (catalog.ts) then swaps the file in. Runs on the main thread (`Catalog.importFile`) or on a
 * worker thread (import-worker.ts, for `Catalog.importFileOffThread`): it touches only its own
 * files, so the live catalog keeps answering look-ups meanwhile.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { CatalogImportError } from './errors';
import { buildCatalogFile, DuplicateKeyError, type LoadPhases } from './load';
import { findDuplicate, validateCsvText, validateJsonRows, validateJsonText, type ValidRows } from './rows';
import { removeDatabaseFiles } from './swap';
import { decodeUtf8 } from './utf8';

/** A complete `.next` file waiting to be swapped in (plain data: it crosses threads). */
export interface BuiltImport {
  imported: number;
  source: string;
  /** Products per category, for the category cache. */
  categoryCounts: Array<[string, number]>;
  /** Wall ms per phase (validate included) and main-thread CPU ms of the thread that built it. */
  phases: Record<string, number>;
  phasesCpu: LoadPhases;
}

export type Warn = (msg: string, fields: Record<string, unknown>) => void;

/** Validates `path` (`.csv`/`.json`) and builds it into `next`; throws CatalogImportError for a bad file. */
export function buildFromFile(next: string, path: string, warn: Warn, started = performance.now()): BuiltImport {
  const source = basename(path);
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') throw new CatalogImportError({ source, row: 0, reason: `unsupported file type "${ext}" (use .csv or .json)` });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CatalogImportError({ source, row: 0, reason: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  }
  const text = decodeUtf8(bytes, source);
  const valid = ext === '.csv' ? validateCsvText(text, source) : validateJsonText(text, source);
  return buildFromRows(next, valid, source, warn, started);
}

/** Rows in the JSON row format → `next` (see buildFromFile). */
export function buildFromProducts(next: string, rows: unknown[], source: string, warn: Warn, started = performance.now()): BuiltImport {
  return buildFromRows(next, validateJsonRows(rows, source), source, warn, started);
}

function buildFromRows(next: string, valid: ValidRows, source: string, warn: Warn, started: number): BuiltImport {
  const validateMs = performance.now() - started;
  removeDatabaseFiles(next);
  try {
    const r = buildCatalogFile(next, valid, source, validateMs, warn);
    return { imported: valid.count, source, categoryCounts: [...r.categoryCounts], phases: { validate: validateMs, ...r.phases }, phasesCpu: r.phasesCpu };
  } catch (e) {
    removeDatabaseFiles(next);
    // A JSON row is validated when the load reaches it: a bad one stops the build.
    if (e instanceof CatalogImportError) throw e;
    const dup = e instanceof DuplicateKeyError ? findDuplicate(valid.all()) : null;
    if (!dup) throw e;
    const field = valid.fieldName(dup.field);
    const line = valid.lines?.[dup.row - 1];
    throw new CatalogImportError({ source, row: dup.row, reason: dup.reason, ...(field !== undefined ? { field } : {}), ...(line !== undefined ? { line } : {}) });
  }
}
