/**
 * Short, human order numbers: one per customer session that reaches payment, counted per kiosk
 * and store-local day (`K01-0427`). Allocated in the journal, so a restart continues the count
 * and a number is never given twice on the same day (a number allocated just before a crash
 * stays used). Every later payment attempt of the same session keeps its number.
 */
import type { JournalDb } from './db';

export class OrderNumbers {
  private readonly day: Intl.DateTimeFormat;

  constructor(
    private readonly db: JournalDb,
    private readonly kioskId: string,
    timeZone: string,
  ) {
    // en-CA formats a date as YYYY-MM-DD.
    this.day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    db.exec(`CREATE TABLE IF NOT EXISTS order_numbers (
      day TEXT NOT NULL,
      seq INTEGER NOT NULL,
      session_id TEXT,
      allocated_at INTEGER NOT NULL,
      PRIMARY KEY (day, seq)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS order_numbers_session ON order_numbers(session_id) WHERE session_id IS NOT NULL;`);
  }

  /** The session's number (allocated now if it has none). `at` is epoch ms. */
  allocate(sessionId: string | null, at: number): string {
    const tx = this.db.transaction(() => {
      if (sessionId) {
        const had = this.db.prepare(`SELECT seq FROM order_numbers WHERE session_id = ?`).get(sessionId) as { seq: number } | undefined;
        if (had) return had.seq;
      }
      const day = this.day.format(new Date(at));
      const last = this.db.prepare(`SELECT MAX(seq) AS seq FROM order_numbers WHERE day = ?`).get(day) as { seq: number | null };
      const seq = (last.seq ?? 0) + 1;
      this.db.prepare(`INSERT INTO order_numbers (day, seq, session_id, allocated_at) VALUES (?,?,?,?)`).run(day, seq, sessionId, at);
      return seq;
    });
    return formatOrderNo(this.kioskId, tx.immediate());
  }
}

/** `K01-0427`: the kiosk id and at least four digits. */
export function formatOrderNo(kioskId: string, seq: number): string {
  return `${kioskId}-${String(seq).padStart(4, '0')}`;
}

/** The order number a payment record carries (null for payments made before numbers existed). */
export function orderNoOf(rec: { details: Record<string, unknown> }): string | null {
  const n = rec.details.orderNo;
  return typeof n === 'string' ? n : null;
}
