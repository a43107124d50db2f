import Database from 'better-sqlite3';

export type JournalDb = Database.Database;

/**
 * Opens the journal: one SQLite file in the data folder holding sessions, payments, print
 * jobs, purchase checks, the audit log and the outbox. WAL with synchronous=FULL: a step
 * the engine journaled is on disk before the side effect that follows it.
 *
 * Basket snapshots use a second connection with synchronous=NORMAL (see app/kiosk.ts): in WAL
 * mode a commit still survives a killed process, and only a power cut can lose the last few
 * scans — which the customer standing at the kiosk rescans. It takes the fsync off every scan.
 */
export function openJournalDb(file: string, opts: { synchronous?: 'FULL' | 'NORMAL' } = {}): JournalDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
