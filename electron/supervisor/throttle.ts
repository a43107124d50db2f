/**
 * The kiosk-wide login throttle: failed PINs across *all* badges (known or not) count here.
 * A badge's own lock answer ('locked') is not counted again. The first `freeFailures` (5, the
 * per-badge limit, so one supervisor's typos meet the familiar badge lock first) cost nothing; after that every further attempt waits a back-off that
 * doubles with each failure (from `baseMs` up to `maxMs`); from `alertAfter` failures the kiosk
 * asks for assistance. A right PIN clears it; so does `quietMs` without a failure.
 * Pure and clock-injected; the per-badge lock (directory.ts) is kept in addition.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseMs: number;
  maxMs: number;
  alertAfter: number;
  quietMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { freeFailures: 5, baseMs: 2_000, maxMs: 300_000, alertAfter: 8, quietMs: 900_000 };

export class LoginThrottle {
  private failures = 0;
  private lastFailureAt = 0;
  private until = 0;

  constructor(
    private readonly clock: { now(): number },
    readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {
    const p = policy;
    if (!Number.isInteger(p.freeFailures) || p.freeFailures < 0 || !(p.baseMs > 0) || !(p.maxMs >= p.baseMs) || !Number.isInteger(p.alertAfter) || p.alertAfter < 1 || !(p.quietMs > 0)) {
      throw new RangeError('login throttle policy out of range');
    }
  }

  private forgetIfQuiet(now: number): void {
    if (this.failures > 0 && now - this.lastFailureAt >= this.policy.quietMs) {
      this.failures = 0;
      this.until = 0;
    }
  }

  /** Epoch ms until which PIN checks are refused outright, or null when one may run now. */
  blockedUntil(now = this.clock.now()): number | null {
    this.forgetIfQuiet(now);
    return now < this.until ? this.until : null;
  }

  /** Records a failed PIN; answers the new back-off end (or null) and whether to call for help. */
  failed(now = this.clock.now()): { blockedUntil: number | null; alert: boolean; failures: number } {
    this.forgetIfQuiet(now);
    this.failures += 1;
    this.lastFailureAt = now;
    const over = this.failures - this.policy.freeFailures;
    if (over > 0) this.until = now + Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** Math.min(over - 1, 30));
    return { blockedUntil: now < this.until ? this.until : null, alert: this.failures >= this.policy.alertAfter, failures: this.failures };
  }

  /** A right PIN: the count starts again. */
  succeeded(): void {
    this.failures = 0;
    this.until = 0;
  }

  count(): number {
    return this.failures;
  }
}
