/**
 * Runs import-build.ts on a worker thread, so a kiosk's event loop keeps serving customers,
 * scanners and payments while a catalog is validated and loaded (0.6–1.2 s per 50,000 products).
 * The worker is `import-worker.ts` run through tsx in development and tests, and the bundle
 * `catalog-import-worker.cjs`/`.mjs` beside the main bundle in a build (tools/build.ts): the
 * file is found from this module's own URL, as fts-build.ts finds better-sqlite3.
 *
 * A worker that cannot start (it never says "started") is reported as `unavailable`, and the
 * caller imports on its own thread as before; one that fails later is a failed import.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CatalogImportError } from './errors';
import type { BuiltImport } from './import-build';
import { removeDatabaseFiles } from './swap';
import { ftsFileOf } from './fts-build';

export interface WorkerRequest {
  next: string;
  path: string;
}

export interface WorkerReply {
  ok: boolean;
  built?: BuiltImport;
  refused?: ConstructorParameters<typeof CatalogImportError>[0];
  error?: string;
  warnings: Array<{ msg: string; fields: Record<string, unknown> }>;
}

/** The worker could not be started: the caller imports on its own thread. */
export class WorkerUnavailable extends Error {}

/** The worker's file and the loader flags it needs. */
function workerScript(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  const ext = extname(new URL(here).pathname);
  if (ext !== '.ts') return { url: new URL(`./catalog-import-worker${ext}`, here), execArgv: process.execArgv };
  const loader = pathToFileURL(createRequire(here).resolve('tsx')).href.replace(/[^/]+$/, 'loader.mjs');
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', loader];
  return { url: new URL('./import-worker.ts', here), execArgv };
}

/** A running import on a worker thread. */
export class ImportThread {
  readonly done: Promise<BuiltImport>;
  private worker: Worker | null = null;

  /** Builds `path` into `next` on a worker; `done` rejects with CatalogImportError, WorkerUnavailable or Error. */
  constructor(next: string, path: string, warn: (msg: string, fields: Record<string, unknown>) => void) {
    this.done = new Promise<BuiltImport>((resolve, reject) => {
      let started = false;
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        // A worker that died mid-build leaves its files: the old catalog was never touched.
        removeDatabaseFiles(next);
        removeDatabaseFiles(ftsFileOf(next));
        reject(e);
      };
      let worker: Worker;
      try {
        const { url, execArgv } = workerScript();
        worker = new Worker(url, { workerData: { next, path } satisfies WorkerRequest, execArgv });
      } catch (e) {
        return fail(new WorkerUnavailable(`the import worker did not start: ${(e as Error).message}`));
      }
      this.worker = worker;
      worker.on('message', (m: WorkerReply | { started: true }) => {
        if ('started' in m) return void (started = true);
        for (const w of m.warnings) warn(w.msg, w.fields);
        if (m.ok && m.built) {
          settled = true;
          resolve(m.built);
        } else fail(m.refused ? new CatalogImportError(m.refused) : new Error(`catalog import failed: ${m.error ?? 'unknown error'}`));
        void worker.terminate();
      });
      worker.on('error', (e: Error) => fail(started ? new Error(`catalog import worker crashed: ${e.message}`) : new WorkerUnavailable(`the import worker did not start: ${e.message}`)));
      worker.on('exit', (code) => fail(started ? new Error(`catalog import worker exited (code ${code}) before it finished`) : new WorkerUnavailable(`the import worker exited (code ${code}) before it started`)));
    });
    this.done.catch(() => undefined);
  }

  /** Stops the worker (the catalog is closing); `done` rejects and the build files are deleted. */
  stop(): void {
    void this.worker?.terminate();
  }
}
