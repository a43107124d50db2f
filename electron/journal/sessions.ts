import type { Basket } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import type { SessionState } from '../checkout/session';
import type { JournalDb } from './db';

/** What is needed to put a customer's session back after a restart. */
export interface SessionSnapshot {
  id: string;
  startedAt: number;
  state: SessionState;
  lang: Lang;
  basket: Basket;
  unknownScans: number;
  /** Line ids whose age a supervisor approved. */
  ageApproved: string[];
}

/**
 * Journal of customer sessions: every basket change is written here before the engine
 * answers, so a crash or power cut never loses the basket the customer sees.
 */
export class SessionJournal {
  private readonly upsert;
  private readonly endStmt;
  private readonly openStmt;

  constructor(private readonly db: JournalDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      ended_at INTEGER,
      end_reason TEXT,
      snapshot_json TEXT NOT NULL
    )`);
    this.upsert = db.prepare(
      `INSERT INTO sessions (id, started_at, updated_at, snapshot_json) VALUES (@id, @startedAt, @now, @json)
       ON CONFLICT(id) DO UPDATE SET updated_at = @now, snapshot_json = @json`,
    );
    this.endStmt = db.prepare(`UPDATE sessions SET ended_at = @now, end_reason = @reason WHERE id = @id AND ended_at IS NULL`);
    this.openStmt = db.prepare(`SELECT snapshot_json FROM sessions WHERE ended_at IS NULL ORDER BY updated_at DESC LIMIT 1`);
  }

  save(s: SessionSnapshot, now: number): void {
    this.upsert.run({ id: s.id, startedAt: s.startedAt, now, json: JSON.stringify(s) });
  }

  end(id: string, reason: string, now: number): void {
    this.endStmt.run({ id, reason, now });
  }

  /** The session that was in progress when the kiosk stopped, if any. */
  lastOpen(): SessionSnapshot | null {
    const row = this.openStmt.get() as { snapshot_json: string } | undefined;
    return row ? (JSON.parse(row.snapshot_json) as SessionSnapshot) : null;
  }
}
