/**
 * Digital receipt links: one unguessable token per receipt (32 random bytes, base64url, 43
 * characters), never the order id. A token opens exactly one receipt, read-only, until it
 * expires. Kept in the journal database beside the order it names.
 */
import { randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** The shape of every token this store makes; anything else is refused before a look-up. */
export const RECEIPT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class ReceiptLinks {
  private readonly byOrder: Statement<[string, number], { token: string }>;
  private readonly byToken: Statement<[string, number], { merchant_order_id: string }>;
  private readonly insert: Statement<[string, string, number, number]>;

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS receipt_links (
      token TEXT PRIMARY KEY,
      merchant_order_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS receipt_links_order ON receipt_links (merchant_order_id);`);
    this.byOrder = db.prepare('SELECT token FROM receipt_links WHERE merchant_order_id = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1');
    this.byToken = db.prepare('SELECT merchant_order_id FROM receipt_links WHERE token = ? AND expires_at > ?');
    this.insert = db.prepare('INSERT INTO receipt_links (token, merchant_order_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  }

  /** The order's token still in force, or a new one valid for `ttlMs` from `now`. */
  issue(merchantOrderId: string, now: number, ttlMs: number): string {
    const open = this.byOrder.get(merchantOrderId, now);
    if (open) return open.token;
    const token = randomBytes(32).toString('base64url');
    this.insert.run(token, merchantOrderId, now, now + ttlMs);
    return token;
  }

  /** The order a token opens at `now`; null for a malformed, unknown or expired token. */
  resolve(token: string, now: number): string | null {
    if (!RECEIPT_TOKEN.test(token)) return null;
    return this.byToken.get(token, now)?.merchant_order_id ?? null;
  }
}
