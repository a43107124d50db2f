import Database from 'better-sqlite3';

export type JournalDb = Database.Database;

/**
 * Opens the journal: one SQLite file in the data folder holding sessions, payments, print
 * jobs, purchase checks, the audit log and the outbox. WAL with synchronous=FULL: a step
 * the engine journaled is on disk before the side effect that follows it.
 */
export function openJournalDb(file: string): JournalDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
