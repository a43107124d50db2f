/**
 * The kiosk's outbox to the store stream: every event (lane state, alerts, sessions, payments,
 * device status, audit) is appended to the kiosk's SQLite journal (table store_outbox) before it
 * is published; a drainer publishes rows in id order with `Nats-Msg-Id` = `<lane>-<epoch>-<id>`
 * and marks a row sent only on the stream's acknowledgement. A cut network or a restarted store
 * node therefore loses nothing (rows wait) and duplicates nothing (the stream drops a repeated
 * id within its duplicate window). `epoch` is random per journal, so a fresh journal's ids never
 * collide with an old one's.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Log } from '../log';
import { toBytes, type StoreBus } from './bus';
import { subjects, type EventKind } from './subjects';
import type { BusEvent } from './wire';

export function ensureStoreOutbox(db: Database.Database): string {
  db.exec(`CREATE TABLE IF NOT EXISTS store_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      body_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      sent_at INTEGER,
      stream_seq INTEGER,
      dedupe_key TEXT UNIQUE
    );
    CREATE INDEX IF NOT EXISTS store_outbox_unsent ON store_outbox (sent_at, id);
    CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  db.prepare(`INSERT OR IGNORE INTO store_meta (key, value) VALUES ('epoch', ?)`).run(randomBytes(6).toString('hex'));
  return (db.prepare(`SELECT value FROM store_meta WHERE key = 'epoch'`).get() as { value: string }).value;
}

interface Row {
  id: number;
  kind: EventKind;
  body_json: string;
  created_at: number;
}

export interface OutboxOptions {
  storeId: string;
  laneId: string;
  now?: () => number;
  /** First retry delay after a failed publish, ms (doubles up to maxRetryMs). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Rows published per pass. */
  batch?: number;
}

export class EventOutbox {
  private readonly epoch: string;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private draining: Promise<void> | null = null;
  private failures = 0;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(
    private readonly db: Database.Database,
    private readonly bus: StoreBus,
    private readonly log: Log,
    private readonly o: OutboxOptions,
  ) {
    this.epoch = ensureStoreOutbox(db);
    this.now = o.now ?? Date.now;
  }

  /** Journals an event (synchronously, on disk before anything else happens) and wakes the drainer. */
  append(kind: EventKind, body: Record<string, unknown>, dedupeKey?: string): number {
    // `dedupeKey`: an event that may be reported twice (a payment re-announced after a restart) is journaled once.
    const r = this.db.prepare(`INSERT OR IGNORE INTO store_outbox (kind, body_json, created_at, dedupe_key) VALUES (?, ?, ?, ?)`).run(kind, JSON.stringify(body), this.now(), dedupeKey ?? null);
    if (r.changes === 0) return 0;
    const id = Number(r.lastInsertRowid);
    this.changed();
    this.wake();
    return id;
  }

  /** The stable message id of a row (what the stream de-duplicates on). */
  msgId(rowId: number): string {
    return `${this.o.laneId}-${this.epoch}-${rowId}`;
  }

  /** Events journaled and not yet accepted by the store stream. */
  backlog(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM store_outbox WHERE sent_at IS NULL`).get() as { n: number }).n;
  }

  /** Message ids of every event journaled (tests: the stream must hold each exactly once). */
  ids(): string[] {
    return (this.db.prepare(`SELECT id FROM store_outbox ORDER BY id`).all() as Array<{ id: number }>).map((r) => this.msgId(r.id));
  }

  /** Called after the backlog changed (the lane snapshot carries it). */
  onBacklog(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  start(): void {
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }

  wake(): void {
    if (!this.running || this.draining) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (!this.running) return;
      // Rows left: retry with back-off after a failure, at once otherwise.
      if (this.backlog() > 0) this.schedule(this.failures ? Math.min(this.o.maxRetryMs ?? 10_000, (this.o.retryMs ?? 250) * 2 ** Math.min(this.failures - 1, 10)) : 0);
    });
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, ms);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    const s = subjects(this.o.storeId);
    const rows = this.db.prepare(`SELECT id, kind, body_json, created_at FROM store_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?`).all(this.o.batch ?? 200) as Row[];
    for (const r of rows) {
      if (!this.running) return;
      const ev: BusEvent = { id: this.msgId(r.id), storeId: this.o.storeId, laneId: this.o.laneId, kind: r.kind, at: r.created_at, body: JSON.parse(r.body_json) as Record<string, unknown> };
      try {
        const ack = await this.bus.append(s.event(this.o.laneId, r.kind), toBytes(ev), ev.id);
        this.db.prepare(`UPDATE store_outbox SET sent_at = ?, stream_seq = ? WHERE id = ?`).run(this.now(), ack.seq, r.id);
        if (this.failures) this.log.info('store outbox: publishing again', { backlog: this.backlog() });
        this.failures = 0;
        this.changed();
      } catch (e) {
        if (this.failures++ === 0) this.log.warn('store outbox: publish failed, events wait in the journal', { backlog: this.backlog(), error: e as Error });
        return;
      }
    }
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
