/**
 * Durable outbox for calls to the Smarts gateway. A row is written in the same SQLite transaction
 * as the state change that needs it (see checks.ts), then delivered by a loop with exponential
 * backoff. Delivery is at-least-once on the wire: a crash between the gateway's 2xx and the
 * `sent` update resends the row after restart. Rows of one invoice go out in id order.
 */
import type Database from 'better-sqlite3';
import type { Log } from '../log';
import type { Clock } from './clock';
import type { GatewayOutcome, SmartsGateway } from './gateway';
import {
  PurchaseControlCheckResendRequest,
  PurchaseControlResult,
  type PurchaseControlCheckRequest,
} from './schemas';

export type OutboxKind = 'result' | 'resend' | 'pickup';
export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxRow {
  id: number;
  invoiceId: string;
  kind: OutboxKind;
  body: unknown;
  state: OutboxState;
  attempts: number;
  /** ms since epoch */
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

interface RawRow {
  id: number;
  invoice_id: string;
  kind: OutboxKind;
  body_json: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

const OUTBOX_TABLE = (name: string) => `CREATE TABLE ${name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('result','resend','pickup')),
    body_json TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending','sent','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  )`;

/**
 * Creates the outbox table. A table from before pickup orders (its CHECK allows only 'result' and
 * 'resend') is rebuilt with the new CHECK in one transaction, rows and ids kept.
 */
export function ensureOutboxTable(db: Database.Database): void {
  const found = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'smarts_outbox'`).get() as { sql: string } | undefined;
  if (!found) db.exec(OUTBOX_TABLE('smarts_outbox'));
  else if (!found.sql.includes("'pickup'")) {
    db.transaction(() => {
      db.exec(`${OUTBOX_TABLE('smarts_outbox_new')};
        INSERT INTO smarts_outbox_new SELECT id, invoice_id, kind, body_json, state, attempts, next_attempt_at, last_error, created_at, sent_at FROM smarts_outbox;
        DROP TABLE smarts_outbox;
        ALTER TABLE smarts_outbox_new RENAME TO smarts_outbox;`);
    })();
  }
  db.exec(`CREATE INDEX IF NOT EXISTS smarts_outbox_pending ON smarts_outbox (state, id);`);
}

/** Adds a pending row; call inside the caller's transaction. Returns the row id. */
export function enqueueOutbox(db: Database.Database, row: { invoiceId: string; kind: OutboxKind; body: unknown }, now: number): number {
  const info = db
    .prepare(
      `INSERT INTO smarts_outbox (invoice_id, kind, body_json, state, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
    )
    .run(row.invoiceId, row.kind, JSON.stringify(row.body), now, now);
  return Number(info.lastInsertRowid);
}

/** Marks an invoice's undelivered rows failed (a newer check replaced the one they answer). */
export function supersedeOutbox(db: Database.Database, invoiceId: string, reason: string): number {
  return db
    .prepare(`UPDATE smarts_outbox SET state = 'failed', last_error = ? WHERE invoice_id = ? AND state = 'pending' AND kind != 'pickup'`)
    .run(reason, invoiceId).changes;
}

function toRow(r: RawRow): OutboxRow {
  return {
    id: r.id,
    invoiceId: r.invoice_id,
    kind: r.kind,
    body: JSON.parse(r.body_json) as unknown,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export interface OutboxOptions {
  /** First retry delay in ms; doubles per attempt. Default 1000. */
  baseMs?: number;
  /** Longest retry delay in ms. Default 60 000. */
  maxMs?: number;
  /** How often the loop looks for new rows when not woken, ms. Default 1000. */
  pollMs?: number;
  /** A row failed for good (4xx): show it to the supervisor. */
  onFailed?: (row: OutboxRow) => void;
  /** A resend answer carried the check: feed it to PurchaseCheckStore.receive. */
  onResent?: (check: PurchaseControlCheckRequest) => void;
}

export interface FlushReport {
  sent: number;
  failed: number;
  retrying: number;
}

type Gateway = Pick<SmartsGateway, 'sendResult' | 'requestResend'> & Partial<Pick<SmartsGateway, 'sendPickupStatus'>>;

export class SmartsOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private pass: Promise<FlushReport> | null = null;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly db: Database.Database,
    private readonly gateway: Gateway,
    private readonly log: Log,
    private readonly clock: Clock,
    private readonly opts: OutboxOptions = {},
  ) {
    ensureOutboxTable(db);
    this.baseMs = opts.baseMs ?? 1000;
    this.maxMs = opts.maxMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 1000;
  }

  /** Starts the delivery loop; rows left pending by an earlier run are delivered first. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the loop and waits for an in-flight delivery to finish. Rows stay in the table. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pass) await this.pass.catch((e: Error) => this.log.warn('outbox pass failed while stopping', { error: e }));
  }

  /** Deliver now (e.g. after PurchaseCheckStore.resolve). */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  /** Queues a resend request (durable, retried like a result). */
  enqueueResend(req: PurchaseControlCheckResendRequest): number {
    const body = PurchaseControlCheckResendRequest.parse(req);
    const id = enqueueOutbox(this.db, { invoiceId: body.invoiceId, kind: 'resend', body }, this.clock.now());
    this.wake();
    return id;
  }

  /** Runs one delivery pass over the rows due now (by the injected clock). For tests and shutdown. */
  async flush(): Promise<FlushReport> {
    // An earlier pass's error belongs to whoever started it (and is logged there); only wait for it.
    while (this.pass) await this.pass.catch(() => undefined);
    this.pass = this.deliverDue();
    try {
      return await this.pass;
    } finally {
      this.pass = null;
    }
  }

  rows(state?: OutboxState): OutboxRow[] {
    const raw = state
      ? (this.db.prepare('SELECT * FROM smarts_outbox WHERE state = ? ORDER BY id').all(state) as RawRow[])
      : (this.db.prepare('SELECT * FROM smarts_outbox ORDER BY id').all() as RawRow[]);
    return raw.map(toRow);
  }

  /** The newest result row of an invoice (what the console shows about its delivery), or null. */
  lastResult(invoiceId: string): OutboxRow | null {
    const r = this.db.prepare(`SELECT * FROM smarts_outbox WHERE invoice_id = ? AND kind = 'result' ORDER BY id DESC LIMIT 1`).get(invoiceId) as RawRow | undefined;
    return r ? toRow(r) : null;
  }

  /** Puts a failed row back in the queue (the supervisor asked to try again). */
  retryFailed(id: number): boolean {
    const changed = this.db
      .prepare(`UPDATE smarts_outbox SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state = 'failed'`)
      .run(this.clock.now(), id).changes;
    if (changed) this.wake();
    return changed > 0;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush()
        .catch((e: Error) => this.log.error('outbox pass crashed', { error: e }))
        .finally(() => this.schedule(this.nextDelay()));
    }, delayMs);
    this.timer.unref?.();
  }

  private nextDelay(): number {
    const next = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS t FROM smarts_outbox WHERE state = 'pending'`)
      .get() as { t: number | null };
    if (next.t === null) return this.pollMs;
    return Math.min(this.pollMs, Math.max(0, next.t - this.clock.now()));
  }

  private async deliverDue(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, failed: 0, retrying: 0 };
    const pending = this.rows('pending');
    const blocked = new Set<string>();
    for (const row of pending) {
      if (blocked.has(row.invoiceId)) continue;
      if (row.nextAttemptAt > this.clock.now()) {
        blocked.add(row.invoiceId); // keeps this invoice's later rows behind it
        continue;
      }
      const outcome = await this.deliver(row);
      if (outcome.ok) {
        this.db
          .prepare(`UPDATE smarts_outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?`)
          .run(this.clock.now(), row.id);
        report.sent++;
        continue;
      }
      if (outcome.kind === 'permanent') {
        this.db
          .prepare(`UPDATE smarts_outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`)
          .run(outcome.message, row.id);
        report.failed++;
        this.log.error('smarts call failed for good', { invoiceId: row.invoiceId, kind: row.kind, status: outcome.status });
        const failed = this.rows().find((r) => r.id === row.id);
        if (failed) this.opts.onFailed?.(failed);
        continue;
      }
      const attempts = row.attempts + 1;
      const backoff = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(attempts - 1, 30));
      const delay = Math.max(backoff, outcome.retryAfterMs ?? 0);
      this.db
        .prepare(`UPDATE smarts_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`)
        .run(attempts, this.clock.now() + delay, outcome.message, row.id);
      report.retrying++;
      // The gateway is unhealthy: stop this pass rather than hammer it with every queued row.
      break;
    }
    return report;
  }

  private async deliver(row: OutboxRow): Promise<GatewayOutcome<unknown>> {
    if (row.kind === 'result') {
      const body = PurchaseControlResult.safeParse(row.body);
      if (!body.success) return { ok: false, kind: 'permanent', status: null, message: 'stored result does not match the schema' };
      return this.gateway.sendResult(body.data);
    }
    if (row.kind === 'pickup') {
      if (!this.gateway.sendPickupStatus) return { ok: false, kind: 'permanent', status: null, message: 'no pickup status path configured' };
      return this.gateway.sendPickupStatus(row.body as { id: string; status: string; resolverId: string });
    }
    const body = PurchaseControlCheckResendRequest.safeParse(row.body);
    if (!body.success) return { ok: false, kind: 'permanent', status: null, message: 'stored resend does not match the schema' };
    const outcome = await this.gateway.requestResend(body.data);
    if (outcome.ok && outcome.value) {
      try {
        this.opts.onResent?.(outcome.value);
      } catch (e) {
        // The gateway accepted the call; a failing consumer must not make us resend it.
        this.log.error('resend answer could not be stored', { invoiceId: row.invoiceId, error: e as Error });
      }
    }
    return outcome;
  }
}
