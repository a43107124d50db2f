/**
 * Durable print queue (SQLite). One row per receipt to print, unique per order reference,
 * so enqueueing the same order again (after a restart, a retried close) is a no-op and the
 * receipt prints exactly once — except for the one unavoidable case documented on
 * recoverInterrupted().
 */
import type { Database } from 'better-sqlite3';
import type { Receipt } from '../checkout/receipt';

export type PrintJobState = 'queued' | 'printing' | 'printed' | 'failed';

export interface PrintJob {
  id: number;
  orderRef: string;
  receipt: Receipt;
  /** The ESC/POS bytes, encoded once at enqueue time. */
  bytes: Uint8Array;
  state: PrintJobState;
  attempts: number;
  lastError: string | null;
  /** Epoch ms. */
  createdAt: number;
  printedAt: number | null;
}

interface Row {
  id: number; order_ref: string; receipt_json: string; bytes: Buffer; state: PrintJobState;
  attempts: number; last_error: string | null; created_at: number; printed_at: number | null;
}

function toJob(r: Row): PrintJob {
  return {
    id: r.id, orderRef: r.order_ref, receipt: JSON.parse(r.receipt_json) as Receipt, bytes: new Uint8Array(r.bytes),
    state: r.state, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at, printedAt: r.printed_at,
  };
}

export class PrintJobStore {
  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS print_jobs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      order_ref TEXT NOT NULL UNIQUE,
      receipt_json TEXT NOT NULL,
      bytes BLOB NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued','printing','printed','failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      printed_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS print_jobs_state ON print_jobs(state, id);`);
  }

  /** Adds a queued job unless orderRef already has one; returns the (existing or new) job. */
  enqueue(orderRef: string, receipt: Receipt, bytes: Uint8Array, now: number): { job: PrintJob; created: boolean } {
    const info = this.db
      .prepare(`INSERT INTO print_jobs (order_ref, receipt_json, bytes, state, created_at) VALUES (?, ?, ?, 'queued', ?)
                ON CONFLICT(order_ref) DO NOTHING`)
      .run(orderRef, JSON.stringify(receipt), Buffer.from(bytes), now);
    return { job: this.byOrderRef(orderRef)!, created: info.changes === 1 };
  }

  get(id: number): PrintJob | undefined {
    const r = this.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as Row | undefined;
    return r && toJob(r);
  }

  byOrderRef(orderRef: string): PrintJob | undefined {
    const r = this.db.prepare('SELECT * FROM print_jobs WHERE order_ref = ?').get(orderRef) as Row | undefined;
    return r && toJob(r);
  }

  /** Oldest queued job (jobs print in the order they were enqueued). */
  nextQueued(): PrintJob | undefined {
    const r = this.db.prepare("SELECT * FROM print_jobs WHERE state = 'queued' ORDER BY id LIMIT 1").get() as Row | undefined;
    return r && toJob(r);
  }

  list(state?: PrintJobState): PrintJob[] {
    const rows = (state
      ? this.db.prepare('SELECT * FROM print_jobs WHERE state = ? ORDER BY id').all(state)
      : this.db.prepare('SELECT * FROM print_jobs ORDER BY id').all()) as Row[];
    return rows.map(toJob);
  }

  /** Recorded before the first byte is sent; counts the attempt. */
  markPrinting(id: number): void {
    this.db.prepare("UPDATE print_jobs SET state = 'printing', attempts = attempts + 1 WHERE id = ?").run(id);
  }

  /** Recorded only after all bytes were written and the printer reported no error. */
  markPrinted(id: number, now: number): void {
    this.db.prepare("UPDATE print_jobs SET state = 'printed', printed_at = ?, last_error = NULL WHERE id = ?").run(now, id);
  }

  /** Back to the queue after a failed attempt (paper out, no reply…), keeping the reason. */
  markQueued(id: number, error: string): void {
    this.db.prepare("UPDATE print_jobs SET state = 'queued', last_error = ? WHERE id = ?").run(error, id);
  }

  /** Given up by a person (supervisor action); the worker itself never abandons a receipt. */
  markFailed(id: number, error: string): void {
    this.db.prepare("UPDATE print_jobs SET state = 'failed', last_error = ? WHERE id = ?").run(error, id);
  }

  /**
   * On boot: jobs left 'printing' by a crash go back to 'queued' and print again. A crash
   * between the last byte reaching the printer and markPrinted therefore reprints that
   * receipt once. This is deliberate: the printer cannot tell us whether a past job came
   * out (DLE EOT reports the present state only), and a duplicate receipt is harmless while
   * a missing one is not. Returns how many jobs were requeued.
   */
  recoverInterrupted(): number {
    return this.db
      .prepare("UPDATE print_jobs SET state = 'queued', last_error = 'interrupted by restart' WHERE state = 'printing'")
      .run().changes;
  }

  /** The most recently printed job, if any. */
  lastPrinted(): PrintJob | undefined {
    const r = this.db
      .prepare("SELECT * FROM print_jobs WHERE state = 'printed' ORDER BY printed_at DESC, id DESC LIMIT 1")
      .get() as Row | undefined;
    return r && toJob(r);
  }
}
