/**
 * Smarts home delivery / pickup orders (integrations.md §1.7): Smarts sends an `Order` to
 * `POST /pickup/order` [V] and its changes to the update endpoint ([N/A]: configurable, default
 * `POST /pickup/order/update`, body `Order`). Orders are journaled (table smarts_pickup_orders,
 * every status change in smarts_pickup_history); staff confirm, reject or complete them on the
 * console, and each staff change is queued for Smarts in the outbox (same transaction) as
 * `{ id, status, resolverId }` (PickupOrderStatusChangeRequest is N/A: our reading).
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Log } from '../log';
import type { Clock } from './clock';
import { enqueueOutbox, ensureOutboxTable } from './outbox';
import { wireToCents } from './prices';
import { safeText, WireAmount } from './schemas';

/** ShipmentStatus values seen in the reference [V-ex]; the rest of the enum is N/A. */
export const SEEN_STATUSES = ['WAITING_FOR_CONFIRMATION', 'CONFIRMED'] as const;
/** What staff may set ([I] beyond CONFIRMED): confirm, reject, hand over. REJECTED and COMPLETED are final. */
export const STAFF_STATUSES = ['CONFIRMED', 'REJECTED', 'COMPLETED'] as const;
export type StaffPickupStatus = (typeof STAFF_STATUSES)[number];
const FINAL = new Set<string>(['REJECTED', 'COMPLETED']);

const status = z.string().regex(/^[A-Z][A-Z_]{1,39}$/, 'an upper-case status name');

/** ReceiptProduct [V] inside an Order. */
const OrderProduct = z.looseObject({
  id: safeText(200, 1),
  barcode: safeText(200).nullish(),
  productName: safeText(400),
  amount: z.number().positive().max(100_000),
  rowPrice: WireAmount,
});

/** Order [V]: required fields as the reference marks them (`closed` may be null while open). */
export const PickupOrder = z.looseObject({
  id: safeText(100, 1),
  customerId: safeText(200, 1),
  institutionId: safeText(200, 1),
  institutionInvoiceId: safeText(200).nullish(),
  invoiceId: safeText(200).nullish(),
  resolverId: safeText(200).nullish(),
  shipment: z.looseObject({ method: safeText(40).nullish(), status: status.nullish(), name: safeText(200).nullish(), contactPhone: safeText(40).nullish(), contactEmail: safeText(320).nullish() }),
  products: z.array(OrderProduct).min(1).max(1000),
  currency: safeText(8, 3),
  orderTotalPrice: WireAmount,
  created: safeText(40, 1),
  closed: safeText(40).nullish(),
  statusChangelogs: z.array(z.looseObject({})).max(1000).nullish(),
});
export type PickupOrder = z.infer<typeof PickupOrder>;

export interface PickupSummary {
  id: string;
  customerId: string;
  status: string;
  method: string | null;
  totalCents: number;
  products: Array<{ name: string; amount: number }>;
  receivedAt: number;
  updatedAt: number;
}

export class PickupError extends Error {
  override readonly name = 'PickupError';
  constructor(
    readonly code: 'not-found' | 'final' | 'bad-status',
    message: string,
  ) {
    super(message);
  }
}

interface Raw {
  id: string;
  customer_id: string;
  status: string;
  order_json: string;
  received_at: number;
  updated_at: number;
}

export class PickupBook {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly onChange: () => void = () => undefined,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS smarts_pickup_orders (
        id TEXT PRIMARY KEY, institution_id TEXT NOT NULL, customer_id TEXT NOT NULL, status TEXT NOT NULL,
        order_json TEXT NOT NULL, received_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS smarts_pickup_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL,
        by TEXT NOT NULL, at INTEGER NOT NULL);`);
    ensureOutboxTable(db);
  }

  /** POST /pickup/order: a new order is stored; the same order again changes nothing; a changed one is an update. */
  receive(order: PickupOrder): { created: boolean } {
    const existing = this.raw(order.id);
    if (existing && existing.order_json === JSON.stringify(order)) return { created: false };
    if (existing) {
      this.update(order);
      return { created: false };
    }
    const now = this.clock.now();
    const st = order.shipment.status ?? 'WAITING_FOR_CONFIRMATION';
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO smarts_pickup_orders (id, institution_id, customer_id, status, order_json, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(order.id, order.institutionId, order.customerId, st, JSON.stringify(order), now, now);
      this.history(order.id, null, st, 'smarts', now);
    })();
    this.log.info('pickup order received', { id: order.id, status: st, products: order.products.length });
    this.onChange();
    return { created: true };
  }

  /** The update endpoint: the order must exist (else PickupError not-found); Smarts' status is taken. */
  update(order: PickupOrder): void {
    const now = this.clock.now();
    this.db.transaction(() => {
      const r = this.raw(order.id);
      if (!r) throw new PickupError('not-found', `no pickup order ${order.id}`);
      const st = order.shipment.status ?? r.status;
      this.db.prepare('UPDATE smarts_pickup_orders SET order_json = ?, status = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(order), st, now, order.id);
      if (st !== r.status) this.history(order.id, r.status, st, 'smarts', now);
    })();
    this.log.info('pickup order updated', { id: order.id });
    this.onChange();
  }

  /** Staff change the status; the change is queued for Smarts in the same transaction. */
  setStatus(id: string, to: StaffPickupStatus, by: string): void {
    if (!(STAFF_STATUSES as readonly string[]).includes(to)) throw new PickupError('bad-status', `staff cannot set ${to}`);
    const now = this.clock.now();
    this.db.transaction(() => {
      const r = this.raw(id);
      if (!r) throw new PickupError('not-found', `no pickup order ${id}`);
      if (FINAL.has(r.status)) throw new PickupError('final', `pickup order ${id} is already ${r.status}`);
      if (r.status === to) return;
      this.db.prepare('UPDATE smarts_pickup_orders SET status = ?, updated_at = ? WHERE id = ?').run(to, now, id);
      this.history(id, r.status, to, by, now);
      enqueueOutbox(this.db, { invoiceId: id, kind: 'pickup', body: { id, status: to, resolverId: by } }, now);
    })();
    this.log.info('pickup order status set', { id, status: to });
    this.onChange();
  }

  /** Open orders first, then the newest; for the console. */
  list(limit = 20): PickupSummary[] {
    const rows = this.db.prepare(`SELECT * FROM smarts_pickup_orders ORDER BY status IN ('REJECTED','COMPLETED'), received_at DESC LIMIT ?`).all(limit) as Raw[];
    return rows.map((r) => {
      const o = JSON.parse(r.order_json) as PickupOrder;
      return { id: r.id, customerId: r.customer_id, status: r.status, method: o.shipment.method ?? null, totalCents: wireToCents(Number(o.orderTotalPrice)), products: o.products.map((p) => ({ name: p.productName, amount: p.amount })), receivedAt: r.received_at, updatedAt: r.updated_at };
    });
  }

  get(id: string): PickupSummary | null {
    return this.list(1000).find((o) => o.id === id) ?? null;
  }

  changes(id: string): Array<{ from: string | null; to: string; by: string; at: number }> {
    return (this.db.prepare('SELECT from_status, to_status, by, at FROM smarts_pickup_history WHERE order_id = ? ORDER BY id').all(id) as Array<{ from_status: string | null; to_status: string; by: string; at: number }>).map((h) => ({ from: h.from_status, to: h.to_status, by: h.by, at: h.at }));
  }

  private history(id: string, from: string | null, to: string, by: string, at: number): void {
    this.db.prepare('INSERT INTO smarts_pickup_history (order_id, from_status, to_status, by, at) VALUES (?, ?, ?, ?, ?)').run(id, from, to, by, at);
  }

  private raw(id: string): Raw | undefined {
    return this.db.prepare('SELECT * FROM smarts_pickup_orders WHERE id = ?').get(id) as Raw | undefined;
  }
}
