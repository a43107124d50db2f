/**
 * The supervisor audit log: every supervisor action on a kiosk, with the basket before and
 * after, in an append-only SQLite table of the journal database, plus a CSV export for the
 * store office. Baskets and detail are stored as JSON text.
 */
import type { Database, Statement } from 'better-sqlite3';

export interface AuditEntry {
  id: number;
  /** Epoch ms. */
  at: number;
  supervisorBadge: string;
  supervisorName: string;
  /** What was done, e.g. "purchase-check.passed", "line.void", "session.cancel". */
  action: string;
  kioskSessionId: string | null;
  basketBefore: unknown | null;
  basketAfter: unknown | null;
  detail: unknown | null;
}

export class AuditError extends Error {
  readonly kind = 'AuditError';
  constructor(
    readonly code: 'bad-entry' | 'not-json',
    message: string,
  ) {
    super(message);
  }
}

// Triggers make the table append-only: an audit log that can be edited in place proves nothing.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  at               INTEGER NOT NULL,
  supervisor_badge TEXT NOT NULL,
  supervisor_name  TEXT NOT NULL,
  action           TEXT NOT NULL,
  kiosk_session_id TEXT,
  basket_before    TEXT,
  basket_after     TEXT,
  detail           TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`;

interface AuditRow {
  id: number;
  at: number;
  supervisor_badge: string;
  supervisor_name: string;
  action: string;
  kiosk_session_id: string | null;
  basket_before: string | null;
  basket_after: string | null;
  detail: string | null;
}

const CSV_HEADER = ['id', 'at', 'supervisor_badge', 'supervisor_name', 'action', 'kiosk_session_id', 'basket_before', 'basket_after', 'detail'];

function toJson(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new AuditError('not-json', `${field} cannot be stored as JSON: ${(e as Error).message}`);
  }
  if (text === undefined) throw new AuditError('not-json', `${field} cannot be stored as JSON`);
  return text;
}

const fromJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * One CSV cell (RFC 4180). A cell that a spreadsheet would read as a formula (= + - @, or a
 * leading tab / carriage return) gets a leading apostrophe first.
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export class AuditLog {
  private readonly insert: Statement<Omit<AuditRow, 'id'>>;
  private readonly latest: Statement<{ since: number; limit: number }, AuditRow>;
  private readonly since: Statement<{ since: number }, AuditRow>;
  /** Told after an entry is written (the store outbox journals it as an event); a failing listener is ignored. */
  readonly onRecord: Array<(e: AuditEntry) => void> = [];

  constructor(db: Database) {
    db.exec(SCHEMA);
    this.insert = db.prepare(`INSERT INTO audit_log (at, supervisor_badge, supervisor_name, action, kiosk_session_id, basket_before, basket_after, detail)
      VALUES (@at, @supervisor_badge, @supervisor_name, @action, @kiosk_session_id, @basket_before, @basket_after, @detail)`);
    this.latest = db.prepare(`SELECT * FROM (SELECT * FROM audit_log WHERE at >= @since ORDER BY id DESC LIMIT @limit) ORDER BY id`);
    this.since = db.prepare('SELECT * FROM audit_log WHERE at >= @since ORDER BY id');
  }

  /** Appends an entry and returns its id. `at` is epoch ms; baskets and detail must be JSON-serialisable. */
  record(e: Omit<AuditEntry, 'id'>): number {
    if (!Number.isSafeInteger(e.at) || e.at < 0) throw new AuditError('bad-entry', 'at must be epoch milliseconds');
    if (!e.supervisorBadge) throw new AuditError('bad-entry', 'supervisorBadge is required');
    if (!e.action) throw new AuditError('bad-entry', 'action is required');
    const r = this.insert.run({
      at: e.at,
      supervisor_badge: e.supervisorBadge,
      supervisor_name: e.supervisorName,
      action: e.action,
      kiosk_session_id: e.kioskSessionId,
      basket_before: toJson(e.basketBefore, 'basketBefore'),
      basket_after: toJson(e.basketAfter, 'basketAfter'),
      detail: toJson(e.detail, 'detail'),
    });
    const id = Number(r.lastInsertRowid);
    for (const l of this.onRecord) {
      try {
        l({ ...e, id });
      } catch {
        // The entry is written; a listener's failure must not undo or refuse it.
      }
    }
    return id;
  }

  /** Entries with at >= since (epoch ms, default all), oldest first; limit keeps the newest N (default 100). */
  list(opts: { since?: number; limit?: number } = {}): AuditEntry[] {
    const limit = opts.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 0) throw new AuditError('bad-entry', 'limit must be a non-negative integer');
    return this.latest.all({ since: opts.since ?? 0, limit }).map(toEntry);
  }

  /** Every entry with at >= since as CSV: header row, CRLF line ends, ISO-8601 UTC time, JSON in the basket/detail columns. */
  exportCsv(opts: { since?: number } = {}): string {
    const lines = [CSV_HEADER.join(',')];
    for (const row of this.since.iterate({ since: opts.since ?? 0 })) {
      lines.push(
        [
          String(row.id),
          new Date(row.at).toISOString(),
          row.supervisor_badge,
          row.supervisor_name,
          row.action,
          row.kiosk_session_id ?? '',
          row.basket_before ?? '',
          row.basket_after ?? '',
          row.detail ?? '',
        ]
          .map(csvCell)
          .join(','),
      );
    }
    return lines.join('\r\n') + '\r\n';
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    supervisorBadge: r.supervisor_badge,
    supervisorName: r.supervisor_name,
    action: r.action,
    kioskSessionId: r.kiosk_session_id,
    basketBefore: fromJson(r.basket_before),
    basketAfter: fromJson(r.basket_after),
    detail: fromJson(r.detail),
  };
}
