import type { PaymentRecord } from '../journal/payments';
import { settle, type Outcome, type SettleDeps } from './settle';

export type { Outcome } from './settle';

/**
 * Settles every unfinished payment in the background, retrying the ones a provider could not
 * answer for with backoff. `onFinal` lets the checkout print receipts and move a restored
 * session on. Payments waiting for staff (needs-attention) are left to staff.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private delayMs: number;
  pendingCount = 0;

  constructor(
    private readonly deps: SettleDeps,
    private readonly onFinal: (rec: PaymentRecord, outcome: Outcome) => void,
    private readonly onProgress: (pending: number) => void,
    private readonly backoff = { initialMs: 1000, maxMs: 30_000 },
  ) {
    this.delayMs = backoff.initialMs;
  }

  /** One pass over all unfinished payments; returns how many are still unsettled. */
  async runOnce(skip: (mid: string) => boolean = () => false): Promise<number> {
    if (this.running) return this.pendingCount;
    this.running = true;
    let left = 0;
    try {
      for (const rec of this.deps.journal.unfinished()) {
        if (skip(rec.merchantOrderId)) continue;
        try {
          const outcome = await settle(rec, this.deps);
          this.onFinal(this.deps.journal.get(rec.merchantOrderId)!, outcome);
        } catch (e) {
          left++;
          this.deps.log.warn('reconciliation deferred', { merchantOrderId: rec.merchantOrderId, step: rec.step, error: e as Error });
        }
      }
    } finally {
      this.running = false;
    }
    this.pendingCount = left;
    this.onProgress(left);
    return left;
  }

  /** Starts background passes until nothing is left (or stop()). */
  start(skip: (mid: string) => boolean = () => false): void {
    const loop = async () => {
      this.timer = null;
      const left = await this.runOnce(skip);
      if (left > 0) {
        this.timer = setTimeout(() => void loop(), this.delayMs);
        this.timer.unref?.();
        this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxMs);
      } else {
        this.delayMs = this.backoff.initialMs;
      }
    };
    if (!this.timer && !this.running) void loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
