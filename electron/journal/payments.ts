import type { ProviderKind } from '../payments/port';
import type { JournalDb } from './db';

import { assertPaymentMove, stateOfStep, type PaymentState } from '../payments/state';

/** A journal step is a state of the payment state machine (electron/payments/state.ts). */
export type PaymentStep = PaymentState;

/** Steps the kiosk never needs to revisit on its own (needs-attention waits for staff). */
const SETTLED = `('closed','cancelled','abandoned','expired','declined','refunded','reversed','needs-attention')`;

export interface PaymentRecord {
  merchantOrderId: string;
  sessionId: string | null;
  method: ProviderKind;
  step: PaymentStep;
  /** The provider's id of the payment (SWiP order id; the terminal reference). */
  providerRef: string | null;
  sessionCode: string | null;
  totalCents: number;
  totalOriginalCents: number;
  paidCents: number;
  closeAmountCents: number | null;
  rounded: boolean;
  refundedCents: number;
  orderNumber: string | null;
  /** Basket lines, discounts, VAT, payment details: what the receipt needs. */
  details: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  merchant_order_id: string;
  session_id: string | null;
  method: string;
  step: string;
  swip_order_id: string | null;
  session_code: string | null;
  total_cents: number;
  total_original_cents: number;
  paid_cents: number;
  close_amount_cents: number | null;
  rounded: number;
  refunded_cents: number;
  order_number: string | null;
  details_json: string;
  created_at: number;
  updated_at: number;
}

const toRecord = (r: Row): PaymentRecord => ({
  merchantOrderId: r.merchant_order_id,
  sessionId: r.session_id,
  method: r.method as PaymentRecord['method'],
  step: stateOfStep(r.step),
  providerRef: r.swip_order_id,
  sessionCode: r.session_code,
  totalCents: r.total_cents,
  totalOriginalCents: r.total_original_cents,
  paidCents: r.paid_cents,
  closeAmountCents: r.close_amount_cents,
  rounded: r.rounded === 1,
  refundedCents: r.refunded_cents,
  orderNumber: r.order_number,
  details: JSON.parse(r.details_json) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The payment journal: one row per order (the supervisor's order record, used for refunds)
 * and an append-only event list. Rows are never deleted.
 */
export class PaymentJournal {
  constructor(
    private readonly db: JournalDb,
    /** Fault-injection point for the crash tests; a no-op in production. */
    private readonly crashPoint: (step: string) => void = () => undefined,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS payment_orders (
      merchant_order_id TEXT PRIMARY KEY,
      session_id TEXT,
      method TEXT NOT NULL,
      step TEXT NOT NULL,
      swip_order_id TEXT,
      session_code TEXT,
      total_cents INTEGER NOT NULL,
      total_original_cents INTEGER NOT NULL,
      paid_cents INTEGER NOT NULL DEFAULT 0,
      close_amount_cents INTEGER,
      rounded INTEGER NOT NULL DEFAULT 0,
      refunded_cents INTEGER NOT NULL DEFAULT 0,
      order_number TEXT,
      details_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS payment_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      merchant_order_id TEXT NOT NULL REFERENCES payment_orders(merchant_order_id),
      at INTEGER NOT NULL,
      step TEXT NOT NULL,
      detail_json TEXT
    );
    CREATE INDEX IF NOT EXISTS payment_orders_step ON payment_orders(step);`);
  }

  begin(r: Omit<PaymentRecord, 'updatedAt'>): void {
    const tx = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO payment_orders (merchant_order_id, session_id, method, step, swip_order_id, session_code, total_cents, total_original_cents,
             paid_cents, close_amount_cents, rounded, refunded_cents, order_number, details_json, created_at, updated_at)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(r.merchantOrderId, r.sessionId, r.method, r.step, r.providerRef, r.sessionCode, r.totalCents, r.totalOriginalCents, r.paidCents, r.closeAmountCents, r.rounded ? 1 : 0, r.refundedCents, r.orderNumber, JSON.stringify(r.details), r.createdAt, r.createdAt);
      this.event(r.merchantOrderId, r.createdAt, r.step, null);
    });
    tx();
    this.crashPoint(r.step);
  }

  /** Records a step (and any fields learned with it) durably, then passes the crash point. */
  step(mid: string, step: PaymentStep, at: number, fields: Partial<Pick<PaymentRecord, 'providerRef' | 'sessionCode' | 'totalCents' | 'paidCents' | 'closeAmountCents' | 'rounded' | 'orderNumber' | 'details' | 'refundedCents'>> = {}, detail: unknown = null): void {
    const tx = this.db.transaction(() => {
      const cur = this.get(mid);
      if (!cur) throw new Error(`no payment order ${mid}`);
      assertPaymentMove(cur.step, step);
      const next = { ...cur, ...fields, details: fields.details ? { ...cur.details, ...fields.details } : cur.details };
      this.db
        .prepare(
          `UPDATE payment_orders SET step=?, swip_order_id=?, session_code=?, total_cents=?, paid_cents=?, close_amount_cents=?, rounded=?,
             refunded_cents=?, order_number=?, details_json=?, updated_at=? WHERE merchant_order_id=?`,
        )
        .run(step, next.providerRef, next.sessionCode, next.totalCents, next.paidCents, next.closeAmountCents, next.rounded ? 1 : 0, next.refundedCents, next.orderNumber, JSON.stringify(next.details), at, mid);
      this.event(mid, at, step, detail);
    });
    tx();
    this.crashPoint(step);
  }

  private event(mid: string, at: number, step: string, detail: unknown): void {
    this.db.prepare(`INSERT INTO payment_events (merchant_order_id, at, step, detail_json) VALUES (?,?,?,?)`).run(mid, at, step, detail === null ? null : JSON.stringify(detail));
  }

  get(mid: string): PaymentRecord | null {
    const r = this.db.prepare(`SELECT * FROM payment_orders WHERE merchant_order_id = ?`).get(mid) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  /** Orders the kiosk has not finished: reconciled on start-up. */
  unfinished(): PaymentRecord[] {
    return (this.db.prepare(`SELECT * FROM payment_orders WHERE step NOT IN ${SETTLED} ORDER BY created_at`).all() as Row[]).map(toRecord);
  }

  /** Orders closed since `since` (epoch ms): their receipts must exist. */
  closedSince(since: number): PaymentRecord[] {
    return (this.db.prepare(`SELECT * FROM payment_orders WHERE step IN ('closed','refunded','reversed') AND updated_at >= ? ORDER BY created_at`).all(since) as Row[]).map(toRecord);
  }

  /** The closed order of a customer session, if it was paid. */
  closedForSession(sessionId: string): PaymentRecord | null {
    const r = this.db.prepare(`SELECT * FROM payment_orders WHERE session_id = ? AND step IN ('closed','refunded','reversed') ORDER BY created_at DESC LIMIT 1`).get(sessionId) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  /** Orders staff must look at (a refused close, money held with no order, …). */
  needingAttention(): PaymentRecord[] {
    return (this.db.prepare(`SELECT * FROM payment_orders WHERE step = 'needs-attention' ORDER BY created_at`).all() as Row[]).map(toRecord);
  }

  recent(limit = 20): PaymentRecord[] {
    return (this.db.prepare(`SELECT * FROM payment_orders ORDER BY created_at DESC LIMIT ?`).all(limit) as Row[]).map(toRecord);
  }

  events(mid: string): Array<{ at: number; step: string; detail: unknown }> {
    return (this.db.prepare(`SELECT at, step, detail_json FROM payment_events WHERE merchant_order_id = ? ORDER BY id`).all(mid) as Array<{ at: number; step: string; detail_json: string | null }>).map((e) => ({
      at: e.at,
      step: e.step,
      detail: e.detail_json ? JSON.parse(e.detail_json) : null,
    }));
  }
}
