import type { JournalDb } from './db';

/**
 * The card terminal's own journal (nexo Retailer adapter, payments/terminal/nexo): one row per
 * request, written BEFORE the request is sent and resolved when its answer (or the answer to a
 * TransactionStatus about it) arrives. A row still `sent` or `unknown` after a crash is what
 * start-up asks the terminal about.
 */
export type TerminalRequestKind = 'payment' | 'status' | 'abort' | 'reversal' | 'diagnosis';

/**
 * sent: written, about to be sent or sent, no answer yet. unknown: the answer was lost, late or
 * malformed (ask TransactionStatus). approved / declined: final for payment and reversal rows.
 * answered: status, abort and diagnosis rows once an answer arrived.
 */
export type TerminalRequestState = 'sent' | 'unknown' | 'approved' | 'declined' | 'answered';

export interface TerminalRequest {
  serviceId: string;
  kind: TerminalRequestKind;
  /** The kiosk's payment id (SaleTransactionID.TransactionID) this request is about. */
  reference: string | null;
  /** For status, abort and reversal: the ServiceID of the payment (or reversal) it refers to. */
  refServiceId: string | null;
  /** Reversals: the kiosk's refund id (a repeated refund with the same id is never sent twice). */
  refundId: string | null;
  amountCents: number | null;
  state: TerminalRequestState;
  /** Decline reason or why the outcome is unknown. */
  reason: string | null;
  /** The terminal's transaction id and time stamp (needed to reverse an approved payment). */
  poiTransactionId: string | null;
  poiTimeStamp: string | null;
  /** Card scheme, masked PAN, auth code, receipt texts. */
  details: Record<string, unknown>;
  /** Payment rows: the kiosk asked to abort (Cancel); a later approval is reversed automatically. */
  abortRequested: boolean;
  /** Payment rows: the kiosk's own journal settled it (paid, or reversed here); reconciliation skips it. */
  settled: boolean;
  createdAt: number;
  resolvedAt: number | null;
}

interface Row {
  service_id: string;
  kind: string;
  reference: string | null;
  ref_service_id: string | null;
  refund_id: string | null;
  amount_cents: number | null;
  state: string;
  reason: string | null;
  poi_transaction_id: string | null;
  poi_time_stamp: string | null;
  details_json: string;
  abort_requested: number;
  settled: number;
  created_at: number;
  resolved_at: number | null;
}

const toRecord = (r: Row): TerminalRequest => ({
  serviceId: r.service_id,
  kind: r.kind as TerminalRequestKind,
  reference: r.reference,
  refServiceId: r.ref_service_id,
  refundId: r.refund_id,
  amountCents: r.amount_cents,
  state: r.state as TerminalRequestState,
  reason: r.reason,
  poiTransactionId: r.poi_transaction_id,
  poiTimeStamp: r.poi_time_stamp,
  details: JSON.parse(r.details_json) as Record<string, unknown>,
  abortRequested: r.abort_requested === 1,
  settled: r.settled === 1,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
});

export class ServiceIdTaken extends Error {
  readonly kind = 'ServiceIdTaken';
}

export class TerminalJournal {
  constructor(
    private readonly db: JournalDb,
    /** Fault-injection point for the crash tests; a no-op in production. */
    private readonly crashPoint: (step: string) => void = () => undefined,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS terminal_requests (
      service_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      reference TEXT,
      ref_service_id TEXT,
      refund_id TEXT UNIQUE,
      amount_cents INTEGER,
      state TEXT NOT NULL,
      reason TEXT,
      poi_transaction_id TEXT,
      poi_time_stamp TEXT,
      details_json TEXT NOT NULL DEFAULT '{}',
      abort_requested INTEGER NOT NULL DEFAULT 0,
      settled INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      resolved_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS terminal_requests_reference ON terminal_requests(reference, kind);`);
  }

  /** Journals a request as `sent` (before it is sent). Throws ServiceIdTaken on a ServiceID collision. */
  request(r: Pick<TerminalRequest, 'serviceId' | 'kind' | 'reference' | 'refServiceId' | 'refundId' | 'amountCents' | 'createdAt'>): void {
    try {
      this.db
        .prepare(`INSERT INTO terminal_requests (service_id, kind, reference, ref_service_id, refund_id, amount_cents, state, created_at) VALUES (?,?,?,?,?,?, 'sent', ?)`)
        .run(r.serviceId, r.kind, r.reference, r.refServiceId, r.refundId, r.amountCents, r.createdAt);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new ServiceIdTaken(r.serviceId);
      throw e;
    }
    this.crashPoint(`terminal-${r.kind}-requested`);
  }

  /** Records an answer. A final row (approved / declined) is never changed again. */
  resolve(serviceId: string, state: TerminalRequestState, at: number, f: { reason?: string | null; poiTransactionId?: string | null; poiTimeStamp?: string | null; details?: Record<string, unknown>; amountCents?: number } = {}): void {
    const cur = this.get(serviceId);
    if (!cur || cur.state === 'approved' || cur.state === 'declined') return;
    this.db
      .prepare(`UPDATE terminal_requests SET state=?, reason=?, poi_transaction_id=COALESCE(?, poi_transaction_id), poi_time_stamp=COALESCE(?, poi_time_stamp), details_json=?, amount_cents=COALESCE(?, amount_cents), resolved_at=? WHERE service_id=?`)
      .run(state, f.reason ?? null, f.poiTransactionId ?? null, f.poiTimeStamp ?? null, JSON.stringify({ ...cur.details, ...(f.details ?? {}) }), f.amountCents ?? null, at, serviceId);
    this.crashPoint(`terminal-${cur.kind}-${state}`);
  }

  markAbortRequested(serviceId: string): void {
    this.db.prepare(`UPDATE terminal_requests SET abort_requested=1 WHERE service_id=?`).run(serviceId);
  }

  markSettled(serviceId: string): void {
    this.db.prepare(`UPDATE terminal_requests SET settled=1 WHERE service_id=?`).run(serviceId);
  }

  get(serviceId: string): TerminalRequest | null {
    const r = this.db.prepare(`SELECT * FROM terminal_requests WHERE service_id=?`).get(serviceId) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  byRefundId(refundId: string): TerminalRequest | null {
    const r = this.db.prepare(`SELECT * FROM terminal_requests WHERE refund_id=?`).get(refundId) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  /** The latest payment request for a kiosk payment id. */
  paymentFor(reference: string): TerminalRequest | null {
    const r = this.db.prepare(`SELECT * FROM terminal_requests WHERE reference=? AND kind='payment' ORDER BY created_at DESC, rowid DESC LIMIT 1`).get(reference) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  reversalsFor(reference: string): TerminalRequest[] {
    return (this.db.prepare(`SELECT * FROM terminal_requests WHERE reference=? AND kind='reversal' ORDER BY created_at, rowid`).all(reference) as Row[]).map(toRecord);
  }

  /** Payment and reversal rows whose outcome is not known yet. */
  unresolved(): TerminalRequest[] {
    return (this.db.prepare(`SELECT * FROM terminal_requests WHERE kind IN ('payment','reversal') AND state IN ('sent','unknown') ORDER BY created_at, rowid`).all() as Row[]).map(toRecord);
  }

  /** Approved payments the kiosk has not yet confirmed as kept (paid) or reversed. */
  approvedUnsettled(): TerminalRequest[] {
    return (this.db.prepare(`SELECT * FROM terminal_requests WHERE kind='payment' AND state='approved' AND settled=0 ORDER BY created_at, rowid`).all() as Row[]).map(toRecord);
  }

  all(): TerminalRequest[] {
    return (this.db.prepare(`SELECT * FROM terminal_requests ORDER BY created_at, rowid`).all() as Row[]).map(toRecord);
  }
}
