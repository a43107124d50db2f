/**
 * Builds the name-search index (FTS5) of a bulk load on a worker thread, i.e. on the second
 * core, while the main thread is still loading. The main thread commits the products into the
 * new catalog file chunk by chunk and stores the committed row count in a shared word; the
 * worker attaches that file and, for each new chunk, copies the chunk's search text into a
 * temporary table of its own (one short read: the file has no WAL, so the main thread's next
 * commit waits for that read, not for the indexing), then indexes it into an index of its own
 * (`<next>-fts`: the same `products_fts` table; nothing else reads it) — names never pass
 * through JS or between threads — while the main thread inserts the next chunk, then the
 * barcodes and the secondary indexes. load.ts then copies the worker's three shadow tables into
 * the new catalog file.
 *
 * The caller is synchronous (an import blocks the main process by design), so the end of the
 * build is awaited with Atomics.wait on a shared word, and a failure message is read with
 * receiveMessageOnPort. If the worker cannot start or fails, `finish` says why and the caller
 * builds the index itself on the main thread.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { SEARCH_TABLE } from './schema';
import { searchTextSqlByFlag } from './search';

/** FTS5 in-memory term buffer before a segment is flushed (default 1 MB): fewer, larger segments. */
export const FTS_HASH_BYTES = 64 * 1024 * 1024;
/** A worker that has not finished after this long is abandoned (the main thread builds the index). */
export const WORKER_WAIT_MS = 10 * 60_000;

const STATE = { running: 0, done: 1, failed: 2 } as const;
/**
 * Shared words: [0] the worker's STATE, [1] products committed so far (CANCELLED: stop), [2] the
 * build file's lock (1 while the worker reads a chunk or the main thread commits). The lock
 * spares both sides SQLite's busy handler, which sleeps in steps of up to 100 ms; SQLite's own
 * locks still guard the file.
 */
const WORD = { state: 0, committed: 1, lock: 2 } as const;
const CANCELLED = -1;

/** The worker's program (CommonJS, run with `eval`: no file of its own to bundle or package). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { state, errors, total } = workerData;
const flag = new Int32Array(state);
function signal(v) { Atomics.store(flag, ${WORD.state}, v); Atomics.notify(flag, ${WORD.state}); }
function lock() { while (Atomics.compareExchange(flag, ${WORD.lock}, 0, 1) !== 0) Atomics.wait(flag, ${WORD.lock}, 1, 50); }
function unlock() { Atomics.store(flag, ${WORD.lock}, 0); Atomics.notify(flag, ${WORD.lock}); }
let db;
try {
  const Database = require(workerData.sqlite);
  db = new Database(workerData.file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // main only: the attached build file is shared with the main thread, which commits to it.
  db.pragma('main.locking_mode = EXCLUSIVE');
  db.pragma('temp_store = MEMORY');
  // A read of src waits while the main thread commits a chunk (a few ms).
  db.pragma('busy_timeout = ' + workerData.waitMs);
  db.exec(workerData.createSql);
  // Only reads the products, one committed chunk at a time.
  db.prepare('ATTACH DATABASE ? AS src').run(workerData.source);
  db.exec("INSERT INTO products_fts (products_fts, rank) VALUES ('hashsize', " + workerData.hashBytes + ")");
  db.exec("INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 0)");
  db.exec('CREATE TEMP TABLE chunk (id INTEGER PRIMARY KEY, names TEXT NOT NULL)');
  const take = db.prepare(workerData.takeSql);
  const fill = db.prepare('INSERT INTO products_fts (rowid, names) SELECT id, names FROM temp.chunk ORDER BY id');
  const empty = db.prepare('DELETE FROM temp.chunk');
  let done = 0;
  while (done < total) {
    let committed = Atomics.load(flag, ${WORD.committed});
    while (committed === done) {
      Atomics.wait(flag, ${WORD.committed}, done, 200);
      committed = Atomics.load(flag, ${WORD.committed});
    }
    if (committed < 0) throw new Error('cancelled');
    // The read of src ends with this statement (autocommit): the main thread's next commit
    // never waits for the indexing below.
    lock();
    try { take.run(done, committed); } finally { unlock(); }
    db.exec('BEGIN');
    fill.run();
    empty.run();
    db.exec('COMMIT');
    done = committed;
  }
  db.exec('BEGIN');
  db.exec("INSERT INTO products_fts (products_fts) VALUES ('optimize')");
  db.exec("INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 4)");
  db.exec('COMMIT');
  db.exec('DETACH DATABASE src');
  db.close();
  signal(${STATE.done});
  // Starts writing the committed products to disk now, off the main thread: the fsync before
  // the rename (swap.ts) then has only the rest of the file to wait for. Only a saving.
  try {
    const fs = require('node:fs');
    const fd = fs.openSync(workerData.source, 'r');
    try { fs.fdatasyncSync(fd); } finally { fs.closeSync(fd); }
  } catch {}
} catch (e) {
  try { if (db) db.close(); } catch {}
  errors.postMessage(String((e && e.message) || e));
  signal(${STATE.failed});
}
`;

/** Where better-sqlite3 is, for the worker's require (it has no module path of its own). */
let loadSqlitePath: string | undefined;

/** Tests only: the module the worker loads as better-sqlite3 (a bad path makes it fail). */
export function setWorkerSqliteModuleForTests(path: string | undefined): void {
  loadSqlitePath = path;
}

function sqliteModulePath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}

/** The file the worker writes for the catalog file being built at `next`. */
export function ftsFileOf(next: string): string {
  return `${next}-fts`;
}

export class FtsBuild {
  private readonly flag: Int32Array;
  private readonly errors: MessageChannel;

  private constructor(
    private readonly worker: Worker,
    state: SharedArrayBuffer,
    errors: MessageChannel,
    readonly file: string,
  ) {
    this.flag = new Int32Array(state);
    this.errors = errors;
  }

  /**
   * Starts a worker building the index of the products committed in `source` into `file` (which
   * must not exist), or null if no worker can be started.
   */
  static start(file: string, source: string, total: number): FtsBuild | null {
    try {
      const state = new SharedArrayBuffer(12);
      const errors = new MessageChannel();
      const takeSql = `INSERT INTO temp.chunk (id, names) SELECT id, ${searchTextSqlByFlag()} FROM src.products WHERE id > ? AND id <= ? ORDER BY id`;
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { state, errors: errors.port2, file, source, total, sqlite: loadSqlitePath ?? sqliteModulePath(), createSql: SEARCH_TABLE, hashBytes: FTS_HASH_BYTES, takeSql, waitMs: WORKER_WAIT_MS },
        transferList: [errors.port2],
      });
      worker.unref();
      // A worker that fails reports through the shared word; nothing to do on its events.
      worker.on('error', () => undefined);
      return new FtsBuild(worker, state, errors, file);
    } catch {
      return null;
    }
  }

  /** Runs `commit` (a COMMIT of the build file) while the worker is not reading it. */
  whileNotReading<T>(commit: () => T): T {
    while (Atomics.compareExchange(this.flag, WORD.lock, 0, 1) !== 0) Atomics.wait(this.flag, WORD.lock, 1, 50);
    try {
      return commit();
    } finally {
      Atomics.store(this.flag, WORD.lock, 0);
      Atomics.notify(this.flag, WORD.lock);
    }
  }

  /** The main thread has committed products 1..`rows` into the source file: index them. */
  committed(rows: number): void {
    Atomics.store(this.flag, WORD.committed, rows);
    Atomics.notify(this.flag, WORD.committed);
  }

  /**
   * Blocks until the worker's file is written and closed. Returns null on success, else why the
   * worker failed (the caller then builds the index itself).
   */
  finish(): string | null {
    const deadline = Date.now() + WORKER_WAIT_MS;
    while (Atomics.load(this.flag, WORD.state) === STATE.running) {
      const left = deadline - Date.now();
      if (left <= 0) {
        this.abort();
        return 'the index worker did not finish in time';
      }
      Atomics.wait(this.flag, WORD.state, STATE.running, Math.min(left, 1000));
    }
    const ok = Atomics.load(this.flag, WORD.state) === STATE.done;
    const message = ok ? null : ((receiveMessageOnPort(this.errors.port1)?.message as string | undefined) ?? 'the index worker failed');
    this.errors.port1.close();
    return message;
  }

  /** Stops the worker (a refused or failed build); its file is deleted by the caller. */
  abort(): void {
    this.committed(CANCELLED);
    void this.worker.terminate();
    this.errors.port1.close();
  }
}
