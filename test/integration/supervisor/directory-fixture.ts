/** A `SupervisorDirectory` on a temp SQLite file per test, with a settable clock and a memory log. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { SupervisorDirectory } from '../../../electron/supervisor';

export const T0 = Date.UTC(2026, 5, 15, 9, 0);

export interface DirectoryFixture {
  /** The journal file of the current test. */
  file: string;
  /** The connection the last `open()` made (tests close it to simulate a restart). */
  db: Database;
  /** The directory's clock (ms); starts at T0 in every test. */
  now: number;
  log: ReturnType<typeof memoryLog>;
  /** Opens (or reopens) the directory on the test's file. */
  open(): SupervisorDirectory;
}

/** Registers the per-test set-up and clean-up; read the fields inside tests only. */
export function directoryFixture(): DirectoryFixture {
  let dir = '';
  const fx: DirectoryFixture = {
    file: '',
    db: null as unknown as Database,
    now: T0,
    log: memoryLog(),
    open() {
      fx.db = new BetterSqlite3(fx.file);
      return new SupervisorDirectory(fx.db, fx.log, { now: () => fx.now });
    },
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kassa-sup-'));
    fx.file = join(dir, 'journal.db');
    fx.now = T0;
    fx.log = memoryLog();
  });
  afterEach(() => {
    if (fx.db?.open) fx.db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return fx;
}
