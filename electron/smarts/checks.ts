/**
 * Smarts purchase checks in SQLite (table smarts_checks, history in smarts_check_history).
 * A check is received (decided), then resolved by a supervisor or expired after 4 h. Resolving
 * writes the PurchaseControlResult to the outbox in the same transaction, so a result is never
 * lost between "supervisor pressed PASSED" and "gateway got it".
 */
import type Database from 'better-sqlite3';
import type { Lang } from '../checkout/lang';
import type { Log } from '../log';
import type { Clock } from './clock';
import { enqueueOutbox, ensureOutboxTable, supersedeOutbox } from './outbox';
import { basketTotalCents, langFromWire } from './prices';
import {
  PurchaseControlResult,
  SmartsProduct,
  statusToWire,
  type CheckStatus,
  type PurchaseControlCheckRequest,
  type PurchaseDecision,
  type ResolveStatus,
} from './schemas';

/** What the injected purchase-control rules return. */
export interface DecisionOutcome {
  decision: PurchaseDecision;
  reasons: readonly unknown[];
}
export type DecidePurchaseCheck = (req: PurchaseControlCheckRequest) => DecisionOutcome;

/** Smarts locks the app for at most 4 hours (docs); a check older than that is expired. */
export const SMARTS_LOCK_MS = 4 * 60 * 60 * 1000;

export interface SmartsCheck {
  invoiceId: string;
  institutionId: string;
  personId: string;
  lang: Lang;
  products: SmartsProduct[];
  /** Sum of the products' price.total, cents. */
  totalCents: number;
  decision: PurchaseDecision;
  reasons: unknown[];
  status: CheckStatus;
  /** ms since epoch */
  receivedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  /** The edited cart sent with the result, or null when the supervisor changed nothing. */
  resultProducts: SmartsProduct[] | null;
}

/** One row of `recentRows`: a readable check, or what is known about one that cannot be read. */
export type CheckRow =
  | { ok: true; check: SmartsCheck }
  | { ok: false; invoiceId: string; status: CheckStatus; decision: PurchaseDecision; receivedAt: number; error: Error };

export type CheckChange =
  | { kind: 'received'; invoiceId: string; status: CheckStatus; repeated: boolean }
  | { kind: 'resolved'; invoiceId: string; status: CheckStatus }
  | { kind: 'opened'; invoiceId: string; status: 'pending' }
  | { kind: 'expired'; invoiceId: string; status: 'expired' };

export type PurchaseCheckErrorCode = 'not-found' | 'expired' | 'already-resolved' | 'not-required' | 'invalid-products';

export class PurchaseCheckError extends Error {
  override readonly name = 'PurchaseCheckError';
  constructor(
    readonly code: PurchaseCheckErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface RawCheck {
  invoice_id: string;
  institution_id: string;
  person_id: string;
  lang: Lang;
  products_json: string;
  decision: PurchaseDecision;
  reasons_json: string;
  status: CheckStatus;
  received_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  result_products_json: string | null;
}

const COLUMNS = `invoice_id TEXT NOT NULL, institution_id TEXT NOT NULL, person_id TEXT NOT NULL, lang TEXT NOT NULL,
  products_json TEXT NOT NULL, decision TEXT NOT NULL, reasons_json TEXT NOT NULL, status TEXT NOT NULL,
  received_at INTEGER NOT NULL, resolved_at INTEGER, resolved_by TEXT, result_products_json TEXT`;
const COLUMN_NAMES = `invoice_id, institution_id, person_id, lang, products_json, decision, reasons_json, status,
  received_at, resolved_at, resolved_by, result_products_json`;

/**
 * What the store tells Smarts besides the supervisor's verdict (PurchaseControlStatus [V] has
 * PENDING and EXIPRED; when Smarts expects them is not documented). Both on by default
 * (configuration `smarts.results`).
 */
export interface CheckReporting {
  /** Send PENDING when a supervisor opens a pending check (once per check). Default true. */
  sendPending?: boolean;
  /** Send EXIPRED when a pending check expires after 4 h. Default true. */
  sendExpired?: boolean;
}

export class PurchaseCheckStore {
  private readonly listeners = new Set<(c: CheckChange) => void>();
  private readonly reporting: Required<CheckReporting>;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly log: Log,
    reporting: CheckReporting = {},
  ) {
    this.reporting = { sendPending: reporting.sendPending ?? true, sendExpired: reporting.sendExpired ?? true };
    db.exec(`CREATE TABLE IF NOT EXISTS smarts_checks (${COLUMNS.replace('invoice_id TEXT NOT NULL', 'invoice_id TEXT PRIMARY KEY')});
      CREATE INDEX IF NOT EXISTS smarts_checks_status ON smarts_checks (status, received_at);
      CREATE TABLE IF NOT EXISTS smarts_check_history (id INTEGER PRIMARY KEY AUTOINCREMENT, ${COLUMNS}, replaced_at INTEGER NOT NULL);`);
    // Added later: when a supervisor first opened the check (PENDING sent); not kept in the history.
    const cols = db.prepare(`PRAGMA table_info(smarts_checks)`).all() as Array<{ name: string }>;
    if (!cols.some((c) => c.name === 'opened_at')) db.exec(`ALTER TABLE smarts_checks ADD COLUMN opened_at INTEGER`);
    ensureOutboxTable(db);
  }

  /**
   * A supervisor opened a pending check: the first time, PENDING is queued for Smarts (if
   * `sendPending`). Answers whether PENDING was queued. Unknown or closed checks: false, nothing changes.
   */
  open(invoiceId: string, supervisor: string): boolean {
    const now = this.clock.now();
    const queued = this.db.transaction(() => {
      const r = this.db.prepare(`SELECT institution_id, status, opened_at FROM smarts_checks WHERE invoice_id = ?`).get(invoiceId) as { institution_id: string; status: CheckStatus; opened_at: number | null } | undefined;
      if (!r || r.status !== 'pending' || r.opened_at !== null) return false;
      this.db.prepare(`UPDATE smarts_checks SET opened_at = ? WHERE invoice_id = ?`).run(now, invoiceId);
      if (!this.reporting.sendPending) return false;
      enqueueOutbox(this.db, { invoiceId, kind: 'result', body: PurchaseControlResult.parse({ invoiceId, institutionId: r.institution_id, status: 'PENDING' }) }, now);
      return true;
    })();
    if (queued) {
      this.log.info('purchase check opened: PENDING queued', { invoiceId, supervisor });
      this.emit({ kind: 'opened', invoiceId, status: 'pending' });
    }
    return queued;
  }

  /** Subscribes to check changes (the engine pushes the supervisor screen). Returns unsubscribe. */
  onChange(listener: (c: CheckChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stores a check from Smarts and returns its decision. A repeat for the same invoiceId with the
   * same products keeps the stored decision (a resend must not re-roll a random sample); with
   * different products the old row moves to smarts_check_history, the check is re-decided and
   * any result still waiting in the outbox for it is dropped (it answers the old cart).
   * If `decide` throws, the decision is FULL: failing closed is the safe side for a shop.
   */
  receive(req: PurchaseControlCheckRequest, decide: DecidePurchaseCheck): { decision: PurchaseDecision; status: CheckStatus; repeated: boolean } {
    const productsJson = JSON.stringify(req.products);
    const existing = this.raw(req.invoiceId);
    if (existing && existing.products_json === productsJson && (existing.status === 'pending' || existing.status === 'not-required')) {
      this.emit({ kind: 'received', invoiceId: req.invoiceId, status: existing.status, repeated: true });
      return { decision: existing.decision, status: existing.status, repeated: true };
    }
    let outcome: DecisionOutcome;
    try {
      outcome = decide(req);
    } catch (e) {
      this.log.error('purchase-control rules failed; deciding FULL', { invoiceId: req.invoiceId, error: e as Error });
      outcome = { decision: 'FULL', reasons: [{ code: 'rules-error' }] };
    }
    const status: CheckStatus = outcome.decision === 'NO' ? 'not-required' : 'pending';
    const now = this.clock.now();
    this.db.transaction(() => {
      if (existing) {
        this.db
          .prepare(`INSERT INTO smarts_check_history (${COLUMN_NAMES}, replaced_at) SELECT ${COLUMN_NAMES}, ? FROM smarts_checks WHERE invoice_id = ?`)
          .run(now, req.invoiceId);
        supersedeOutbox(this.db, req.invoiceId, 'superseded by a newer check for the same invoice');
      }
      this.db
        .prepare(
          `INSERT OR REPLACE INTO smarts_checks (${COLUMN_NAMES}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)`,
        )
        .run(req.invoiceId, req.institutionId, req.personId, langFromWire(req.langCode), productsJson, outcome.decision,
          JSON.stringify(outcome.reasons), status, now);
    })();
    this.emit({ kind: 'received', invoiceId: req.invoiceId, status, repeated: Boolean(existing) });
    return { decision: outcome.decision, status, repeated: Boolean(existing) };
  }

  /** Checks waiting for a supervisor, oldest first. */
  pending(): SmartsCheck[] {
    const rows = this.db.prepare(`SELECT * FROM smarts_checks WHERE status = 'pending' ORDER BY received_at, invoice_id`).all() as RawCheck[];
    return rows.map(toCheck);
  }

  /** Checks that need or needed a supervisor (any status but not-required), newest first: the supervisor list. */
  recent(limit = 20): SmartsCheck[] {
    const rows = this.db.prepare(`SELECT * FROM smarts_checks WHERE status != 'not-required' ORDER BY received_at DESC, invoice_id LIMIT ?`).all(limit) as RawCheck[];
    return rows.map(toCheck);
  }

  /**
   * As `recent`, but row by row: a stored row that cannot be read (invalid JSON, amounts out of
   * range) comes back as `{ ok: false }` with what the table columns still tell, so one bad row
   * never hides the others. Every pending check is listed too, however many newer ones there are
   * (a customer still waits for it; pending checks expire after 4 h), newest first.
   */
  recentRows(limit = 20): CheckRow[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM smarts_checks WHERE status = 'pending' OR invoice_id IN
           (SELECT invoice_id FROM smarts_checks WHERE status != 'not-required' ORDER BY received_at DESC, invoice_id LIMIT ?)
         ORDER BY received_at DESC, invoice_id`,
      )
      .all(limit) as RawCheck[];
    return rows.map((r): CheckRow => {
      try {
        return { ok: true, check: toCheck(r) };
      } catch (e) {
        return { ok: false, invoiceId: r.invoice_id, status: r.status, decision: r.decision, receivedAt: r.received_at, error: e as Error };
      }
    });
  }

  /** The plain columns of a check (readable even when its products are not), or null. */
  summary(invoiceId: string): { invoiceId: string; institutionId: string; status: CheckStatus } | null {
    const r = this.raw(invoiceId);
    return r ? { invoiceId: r.invoice_id, institutionId: r.institution_id, status: r.status } : null;
  }

  get(invoiceId: string): SmartsCheck | null {
    const r = this.raw(invoiceId);
    return r ? toCheck(r) : null;
  }

  /** Earlier versions of a check replaced by a repeated /control/check, oldest first. */
  history(invoiceId: string): Array<SmartsCheck & { replacedAt: number }> {
    const rows = this.db
      .prepare(`SELECT * FROM smarts_check_history WHERE invoice_id = ? ORDER BY id`)
      .all(invoiceId) as Array<RawCheck & { replaced_at: number }>;
    return rows.map((r) => ({ ...toCheck(r), replacedAt: r.replaced_at }));
  }

  /**
   * Records the supervisor's outcome and queues the PurchaseControlResult (same transaction).
   * `products`: the cart after the supervisor's edits, or null; it is sent only if it differs
   * from what Smarts sent. Throws PurchaseCheckError (not-found, expired, already-resolved,
   * not-required, invalid-products).
   */
  resolve(invoiceId: string, status: ResolveStatus, products: SmartsProduct[] | null, supervisor: string): PurchaseControlResult {
    const now = this.clock.now();
    const result = this.db.transaction((): PurchaseControlResult => {
      const r = this.raw(invoiceId);
      if (!r) throw new PurchaseCheckError('not-found', `no Smarts check for invoice ${invoiceId}`);
      if (r.status === 'expired') throw new PurchaseCheckError('expired', `check ${invoiceId} expired (Smarts unlocked the app after 4 h)`);
      if (r.status === 'not-required') throw new PurchaseCheckError('not-required', `check ${invoiceId} needed no purchase check`);
      if (r.status !== 'pending') throw new PurchaseCheckError('already-resolved', `check ${invoiceId} is already ${r.status}`);
      let edited: string | null = null;
      if (products !== null) {
        const parsed = SmartsProduct.array().safeParse(products);
        if (!parsed.success) throw new PurchaseCheckError('invalid-products', `edited products are not valid Smarts products`);
        const json = JSON.stringify(parsed.data);
        if (json !== r.products_json) edited = json;
      }
      const body = PurchaseControlResult.parse({
        invoiceId,
        institutionId: r.institution_id,
        ...(edited !== null ? { products: JSON.parse(edited) as unknown } : {}),
        status: statusToWire(status),
      });
      this.db
        .prepare(`UPDATE smarts_checks SET status = ?, resolved_at = ?, resolved_by = ?, result_products_json = ? WHERE invoice_id = ?`)
        .run(status, now, supervisor, edited, invoiceId);
      enqueueOutbox(this.db, { invoiceId, kind: 'result', body }, now);
      return body;
    })();
    this.log.info('purchase check resolved', { invoiceId, status, edited: result.products !== undefined });
    this.emit({ kind: 'resolved', invoiceId, status });
    return result;
  }

  /**
   * Marks pending checks received at or before `now - maxAgeMs` as expired (not passed) and, if
   * `sendExpired`, queues the document's expiry status "EXIPRED" for each (same transaction).
   * Returns the expired invoice ids.
   */
  expireOlderThan(now: number, maxAgeMs: number = SMARTS_LOCK_MS): string[] {
    const rows = this.db.transaction(() => {
      const expired = this.db
        .prepare(
          `UPDATE smarts_checks SET status = 'expired', resolved_at = ?, resolved_by = 'system:expiry'
           WHERE status = 'pending' AND received_at <= ? RETURNING invoice_id, institution_id`,
        )
        .all(now, now - maxAgeMs) as Array<{ invoice_id: string; institution_id: string }>;
      if (this.reporting.sendExpired) {
        for (const r of expired) enqueueOutbox(this.db, { invoiceId: r.invoice_id, kind: 'result', body: PurchaseControlResult.parse({ invoiceId: r.invoice_id, institutionId: r.institution_id, status: statusToWire('expired') }) }, now);
      }
      return expired;
    })();
    const ids = rows.map((r) => r.invoice_id);
    for (const id of ids) {
      this.log.info('purchase check expired', { invoiceId: id });
      this.emit({ kind: 'expired', invoiceId: id, status: 'expired' });
    }
    return ids;
  }

  /** Runs expireOlderThan(clock.now()) every `everyMs` (default 60 s). Returns stop. */
  startExpiryTimer(everyMs = 60_000, maxAgeMs: number = SMARTS_LOCK_MS): () => void {
    const tick = () => {
      try {
        this.expireOlderThan(this.clock.now(), maxAgeMs);
      } catch (e) {
        this.log.error('expiry sweep failed', { error: e as Error });
      }
    };
    tick();
    const t = setInterval(tick, everyMs);
    t.unref?.();
    return () => clearInterval(t);
  }

  private raw(invoiceId: string): RawCheck | undefined {
    return this.db.prepare('SELECT * FROM smarts_checks WHERE invoice_id = ?').get(invoiceId) as RawCheck | undefined;
  }

  private emit(c: CheckChange): void {
    for (const l of this.listeners) {
      try {
        l(c);
      } catch (e) {
        this.log.error('check listener failed', { invoiceId: c.invoiceId, error: e as Error });
      }
    }
  }
}

function toCheck(r: RawCheck): SmartsCheck {
  const products = JSON.parse(r.products_json) as SmartsProduct[];
  return {
    invoiceId: r.invoice_id,
    institutionId: r.institution_id,
    personId: r.person_id,
    lang: r.lang,
    products,
    totalCents: basketTotalCents({ products }),
    decision: r.decision,
    reasons: JSON.parse(r.reasons_json) as unknown[],
    status: r.status,
    receivedAt: r.received_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resultProducts: r.result_products_json === null ? null : (JSON.parse(r.result_products_json) as SmartsProduct[]),
  };
}
