/**
 * The store node's InPost Pay ledger (`inpost_routes` in store.db): which kiosk (lane) owns each
 * basket, its order and InPost transaction ids, and its last known status and amount (integer
 * cents, from the owning kiosk's book). A basket is claimed by the first kiosk that pushes it to
 * InPost through the store node; its order id and transaction id are learnt from the kiosk's
 * answers the store node relays. The attendant console lists it (newest first).
 */
import type Database from 'better-sqlite3';
import type { BasketSummary } from './inpost-wire';

export interface InpostRoute {
  basketId: string;
  laneId: string;
  orderId: string | null;
  transactionId: string | null;
  status: BasketSummary['status'];
  totalCents: number;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  basket_id: string;
  lane_id: string;
  order_id: string | null;
  transaction_id: string | null;
  status: string;
  total_cents: number;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: Row): InpostRoute => ({ basketId: r.basket_id, laneId: r.lane_id, orderId: r.order_id, transactionId: r.transaction_id, status: r.status as InpostRoute['status'], totalCents: r.total_cents, createdAt: r.created_at, updatedAt: r.updated_at });

export class InpostLedger {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS inpost_routes (basket_id TEXT PRIMARY KEY, lane_id TEXT NOT NULL, order_id TEXT UNIQUE,
      transaction_id TEXT UNIQUE, status TEXT NOT NULL, total_cents INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS inpost_routes_updated ON inpost_routes (updated_at);`);
  }

  get(basketId: string): InpostRoute | null {
    const r = this.db.prepare('SELECT * FROM inpost_routes WHERE basket_id = ?').get(basketId) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  byOrder(orderId: string): InpostRoute | null {
    const r = this.db.prepare('SELECT * FROM inpost_routes WHERE order_id = ?').get(orderId) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  byTransaction(transactionId: string): InpostRoute | null {
    const r = this.db.prepare('SELECT * FROM inpost_routes WHERE transaction_id = ?').get(transactionId) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** A kiosk pushes a basket: claimed by that lane (false: another lane holds this id). Journaled before the call to InPost. */
  claim(basketId: string, laneId: string, totalCents: number): boolean {
    const held = this.get(basketId);
    if (held && held.laneId !== laneId) return false;
    const t = this.now();
    this.db.prepare(`INSERT INTO inpost_routes (basket_id, lane_id, status, total_cents, created_at, updated_at) VALUES (?, ?, 'open', ?, ?, ?)
      ON CONFLICT(basket_id) DO UPDATE SET total_cents = excluded.total_cents, updated_at = excluded.updated_at`).run(basketId, laneId, totalCents, t, t);
    this.changed();
    return true;
  }

  /** The owning kiosk's book after a relayed call (its order id once it has one). */
  update(s: BasketSummary): void {
    const r = this.db.prepare('UPDATE inpost_routes SET status = ?, total_cents = ?, order_id = COALESCE(?, order_id), updated_at = ? WHERE basket_id = ?').run(s.status, s.totalCents, s.orderId, this.now(), s.basketId);
    if (r.changes) this.changed();
  }

  /** InPost's transaction id of a paid order (from its AUTHORIZED event): refunds are checked against it. */
  setTransaction(basketId: string, transactionId: string): void {
    this.db.prepare('UPDATE inpost_routes SET transaction_id = ? WHERE basket_id = ? AND transaction_id IS NULL').run(transactionId, basketId);
  }

  /** The kiosk's own call changed the status (completed, rejected, binding deleted), after InPost accepted it. */
  setStatus(basketId: string, status: InpostRoute['status']): void {
    const r = this.db.prepare('UPDATE inpost_routes SET status = ?, updated_at = ? WHERE basket_id = ?').run(status, this.now(), basketId);
    if (r.changes) this.changed();
  }

  /** The newest `limit` baskets (the console's list). */
  list(limit = 50): InpostRoute[] {
    return (this.db.prepare('SELECT * FROM inpost_routes ORDER BY updated_at DESC, basket_id LIMIT ?').all(limit) as Row[]).map(fromRow);
  }

  /** Called after any change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
