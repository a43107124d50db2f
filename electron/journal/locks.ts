import type { JournalDb } from './db';

export type LockReason = 'purchase-check' | 'age-check' | 'assistance';

export interface KioskLock {
  id: number;
  reason: LockReason;
  /** Rule names that led to the lock (purchase-control reasons). */
  reasons: string[];
  sessionId: string | null;
  createdAt: number;
}

/**
 * Kiosk locks live in the journal, so a lock survives a restart or a renderer reload until
 * a supervisor resolves it.
 */
export class LockJournal {
  constructor(private readonly db: JournalDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS kiosk_locks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      reason TEXT NOT NULL,
      reasons_json TEXT NOT NULL,
      session_id TEXT,
      created_at INTEGER NOT NULL,
      resolved_at INTEGER,
      resolved_by TEXT,
      outcome TEXT
    )`);
  }

  open(reason: LockReason, reasons: string[], sessionId: string | null, at: number): KioskLock {
    const r = this.db.prepare(`INSERT INTO kiosk_locks (reason, reasons_json, session_id, created_at) VALUES (?,?,?,?)`).run(reason, JSON.stringify(reasons), sessionId, at);
    return { id: Number(r.lastInsertRowid), reason, reasons, sessionId, createdAt: at };
  }

  resolve(id: number, by: string, outcome: string, at: number): void {
    this.db.prepare(`UPDATE kiosk_locks SET resolved_at = ?, resolved_by = ?, outcome = ? WHERE id = ? AND resolved_at IS NULL`).run(at, by, outcome, id);
  }

  /** The lock in force, if any (the newest unresolved one). */
  current(): KioskLock | null {
    const r = this.db.prepare(`SELECT * FROM kiosk_locks WHERE resolved_at IS NULL ORDER BY id DESC LIMIT 1`).get() as
      | { id: number; reason: string; reasons_json: string; session_id: string | null; created_at: number }
      | undefined;
    return r ? { id: r.id, reason: r.reason as LockReason, reasons: JSON.parse(r.reasons_json) as string[], sessionId: r.session_id, createdAt: r.created_at } : null;
  }
}
