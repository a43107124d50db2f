import type { JournalDb } from './db';

/** One refund or reverse: journaled as `requested` BEFORE the provider is called. */
export interface RefundRecord {
  /** The kiosk's id of this refund (UUID). */
  refundId: string;
  merchantOrderId: string;
  kind: 'refund' | 'reverse';
  amountCents: number;
  /** requested: sent or about to be sent, outcome unknown until reconciled. */
  state: 'requested' | 'succeeded' | 'refused';
  reason: string;
  supervisorBadge: string;
  code: number | null;
  description: string | null;
  slip: string | null;
  createdAt: number;
  resolvedAt: number | null;
}

interface Row {
  refund_id: string;
  merchant_order_id: string;
  kind: string;
  amount_cents: number;
  state: string;
  reason: string;
  supervisor_badge: string;
  code: number | null;
  description: string | null;
  slip: string | null;
  created_at: number;
  resolved_at: number | null;
}

const toRecord = (r: Row): RefundRecord => ({
  refundId: r.refund_id,
  merchantOrderId: r.merchant_order_id,
  kind: r.kind as RefundRecord['kind'],
  amountCents: r.amount_cents,
  state: r.state as RefundRecord['state'],
  reason: r.reason,
  supervisorBadge: r.supervisor_badge,
  code: r.code,
  description: r.description,
  slip: r.slip,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
});

export class RefundInFlight extends Error {
  readonly kind = 'RefundInFlight';
  constructor(readonly merchantOrderId: string) {
    super(`a refund or reverse of ${merchantOrderId} is already in flight`);
  }
}

/**
 * Refunds and reverses. A partial unique index makes "one in flight per order" a database
 * rule, so two refunds sent at once cannot both be journaled (and so cannot both be sent).
 */
export class RefundJournal {
  constructor(
    private readonly db: JournalDb,
    /** Fault-injection point for the crash tests; a no-op in production. */
    private readonly crashPoint: (step: string) => void = () => undefined,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS payment_refunds (
      refund_id TEXT PRIMARY KEY,
      merchant_order_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      state TEXT NOT NULL,
      reason TEXT NOT NULL,
      supervisor_badge TEXT NOT NULL,
      code INTEGER,
      description TEXT,
      slip TEXT,
      created_at INTEGER NOT NULL,
      resolved_at INTEGER
    );
    CREATE UNIQUE INDEX IF NOT EXISTS payment_refunds_one_in_flight ON payment_refunds(merchant_order_id) WHERE state = 'requested';`);
  }

  /** Journals a refund as requested; throws RefundInFlight when one is already in flight. */
  request(r: Pick<RefundRecord, 'refundId' | 'merchantOrderId' | 'kind' | 'amountCents' | 'reason' | 'supervisorBadge' | 'createdAt'>): void {
    try {
      this.db
        .prepare(`INSERT INTO payment_refunds (refund_id, merchant_order_id, kind, amount_cents, state, reason, supervisor_badge, created_at) VALUES (?,?,?,?, 'requested', ?,?,?)`)
        .run(r.refundId, r.merchantOrderId, r.kind, r.amountCents, r.reason, r.supervisorBadge, r.createdAt);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new RefundInFlight(r.merchantOrderId);
      throw e;
    }
    this.crashPoint(`${r.kind}-requested`);
  }

  resolve(refundId: string, state: 'succeeded' | 'refused', at: number, f: { code?: number | null; description?: string | null; slip?: string | null; amountCents?: number } = {}): void {
    this.db
      .prepare(`UPDATE payment_refunds SET state=?, code=?, description=?, slip=?, resolved_at=?, amount_cents=COALESCE(?, amount_cents) WHERE refund_id=? AND state='requested'`)
      .run(state, f.code ?? null, f.description ?? null, f.slip ?? null, at, f.amountCents ?? null, refundId);
    this.crashPoint(`refund-${state}`);
  }

  get(refundId: string): RefundRecord | null {
    const r = this.db.prepare(`SELECT * FROM payment_refunds WHERE refund_id=?`).get(refundId) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  forOrder(mid: string): RefundRecord[] {
    return (this.db.prepare(`SELECT * FROM payment_refunds WHERE merchant_order_id=? ORDER BY created_at, rowid`).all(mid) as Row[]).map(toRecord);
  }

  inFlight(): RefundRecord[] {
    return (this.db.prepare(`SELECT * FROM payment_refunds WHERE state='requested' ORDER BY created_at`).all() as Row[]).map(toRecord);
  }

  /** Cents returned to the customer (succeeded refunds and reverses). */
  succeededCents(mid: string): number {
    const r = this.db.prepare(`SELECT COALESCE(SUM(amount_cents),0) AS s FROM payment_refunds WHERE merchant_order_id=? AND state='succeeded'`).get(mid) as { s: number };
    return r.s;
  }
}

/** A stable UUID per kiosk (SWiP `merchantCashierId`), created once and kept in the journal. */
export function kioskCashierId(db: JournalDb, make: () => string): string {
  db.exec(`CREATE TABLE IF NOT EXISTS kiosk_identity (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  db.prepare(`INSERT OR IGNORE INTO kiosk_identity (key, value) VALUES ('merchantCashierId', ?)`).run(make());
  return (db.prepare(`SELECT value FROM kiosk_identity WHERE key='merchantCashierId'`).get() as { value: string }).value;
}
