import type { Statement } from 'better-sqlite3';
import type { JournalDb } from './db';

/**
 * How often each look-up item was added from the "Look up item" picker, for "most used first".
 * In the journal (not the catalog file, which an import replaces): counts survive re-imports
 * and belong to the store this kiosk's journal serves. One row per SKU.
 */
export class LookupUsage {
  private readonly add: Statement<[string, number]>;
  private readonly all: Statement<[]>;

  constructor(db: JournalDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS lookup_usage (
      sku     TEXT    PRIMARY KEY,
      count   INTEGER NOT NULL CHECK (count >= 0),
      last_at INTEGER NOT NULL
    )`);
    this.add = db.prepare('INSERT INTO lookup_usage (sku, count, last_at) VALUES (?, 1, ?) ON CONFLICT (sku) DO UPDATE SET count = count + 1, last_at = excluded.last_at');
    this.all = db.prepare('SELECT sku, count FROM lookup_usage WHERE count > 0');
  }

  /** One more use of `sku` at `now` (epoch ms). */
  increment(sku: string, now: number): void {
    this.add.run(sku, now);
  }

  /** Every SKU's count (SKUs never used are absent). */
  counts(): Map<string, number> {
    return new Map((this.all.all() as Array<{ sku: string; count: number }>).map((r) => [r.sku, r.count]));
  }
}
