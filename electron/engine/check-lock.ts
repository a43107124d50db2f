import type { KioskLock, LockReason } from '../journal/locks';
import type { Log } from '../log';
import { IntentRefused, type KioskEngine } from './engine';
import type { SupervisionPorts } from './supervision-ports';

/**
 * The kiosk's lock for an age or purchase check: decided when the customer presses Pay
 * (`beforePay`), journaled, and resolved by staff (pass, fail, approve age, cancel). The lock
 * belongs to the kiosk, not the session: it stays until a supervisor resolves it.
 */
export class CheckLock {
  lock: KioskLock | null;
  /** Sessions a supervisor has already checked and passed: not locked again for sampling. */
  private readonly passedSessions = new Set<string>();

  constructor(
    private readonly engine: KioskEngine,
    private readonly ports: Pick<SupervisionPorts, 'locks' | 'decide' | 'requiredAge'>,
    private readonly log: Log,
    /** The signed-in supervisor's badge, who resolves a lock when no other is named. */
    private readonly staffBadge: () => string | undefined,
  ) {
    this.lock = ports.locks.current();
    if (this.lock) log.info('kiosk lock restored', { reason: this.lock.reason, since: this.lock.createdAt });
  }

  /** Runs when the customer presses Pay: may lock the kiosk for an age or purchase check. */
  beforePay(): void {
    const e = this.engine;
    if (this.lock) throw new IntentRefused('locked', 'the kiosk is locked');
    const now = e.deps.clock.now();
    const lines = e.basket.lines.map((l) => ({
      sku: l.sku,
      category: l.category,
      ageLimit: l.ageLimit,
      quantity: l.measure.kind === 'pieces' ? l.measure.count : 1,
      totalCents: e.view().basket.lines.find((v) => v.id === l.id)?.totalCents ?? 0,
      // Weighed on the kiosk scale = chosen in the picker (basket/weigh is its only way in).
      lookedUpWeighed: l.measure.kind === 'weight' && l.measure.scale !== undefined,
    }));
    const total = lines.reduce((s, l) => s + l.totalCents, 0);
    const verdict = this.ports.decide({ lines, basketTotalCents: total, voidedLines: e.basket.voidedLines, unknownScans: e.unknownScans, now }, e.sessionId ?? 'none');
    const needsAge = e.basket.lines.filter((l) => this.ports.requiredAge(l) !== null && !e.ageApproved.has(l.id));
    const passed = e.sessionId !== null && this.passedSessions.has(e.sessionId);
    if (verdict.decision === 'FULL' && !passed) {
      this.openLock('purchase-check', verdict.reasons.map((r) => r.rule));
      throw new IntentRefused('locked', 'a purchase check is required');
    }
    if (needsAge.length > 0) {
      this.openLock('age-check', ['age']);
      throw new IntentRefused('locked', 'an age check is required');
    }
  }

  private openLock(reason: LockReason, reasons: string[]): void {
    const e = this.engine;
    this.lock = this.ports.locks.open(reason, [...new Set(reasons)], e.sessionId, e.deps.clock.now());
    e.assistanceRequested = true;
    this.log.info('kiosk locked', { reason, reasons, sessionId: e.sessionId });
    e.publish();
  }

  approveAge(by?: string): void {
    const e = this.engine;
    for (const l of e.basket.lines) if (this.ports.requiredAge(l) !== null) e.ageApproved.add(l.id);
    e.journal();
    if (this.lock?.reason === 'age-check') this.closeLock('age-approved', by);
  }

  /** `withAge`: passing a full check at the kiosk includes the age check of every restricted line. */
  resolveLock(outcome: 'passed', withAge = true, by?: string): void {
    if (!this.lock) throw new IntentRefused('not-locked', 'there is no check to pass');
    const e = this.engine;
    if (withAge) for (const l of e.basket.lines) if (this.ports.requiredAge(l) !== null) e.ageApproved.add(l.id);
    if (e.sessionId) this.passedSessions.add(e.sessionId);
    e.journal();
    this.closeLock(outcome, by);
  }

  failCheck(by?: string): void {
    if (!this.lock) throw new IntentRefused('not-locked', 'there is no check to fail');
    this.closeLock('failed', by);
    this.engine.endSession('check-failed');
  }

  cancelSession(by?: string): void {
    if (this.lock) this.closeLock('session-cancelled', by);
    this.engine.endSession('supervisor-cancel');
  }

  /** True when some restricted line still waits for an age approval. */
  agePending(): boolean {
    return this.engine.basket.lines.some((l) => this.ports.requiredAge(l) !== null && !this.engine.ageApproved.has(l.id));
  }

  closeLock(outcome: string, by = this.staffBadge() ?? 'system'): void {
    if (!this.lock) return;
    this.ports.locks.resolve(this.lock.id, by, outcome, this.engine.deps.clock.now());
    this.lock = null;
    this.engine.assistanceRequested = false;
  }
}
