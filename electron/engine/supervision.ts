import { removeLine, setQuantity, type Basket } from '../checkout/basket';
import type { Product } from '../checkout/product';
import type { AttentionView, KioskView, OrderRecordView, SmartsCheckView } from '../ipc/view';
import type { KioskLock, LockJournal, LockReason } from '../journal/locks';
import type { Log } from '../log';
import { IntentRefused, type EngineFeature, type KioskEngine, type ScanParse } from './engine';

/** Purchase-control decision, as decided by electron/checkout/purchase-control. */
export interface ControlVerdict {
  decision: 'NO' | 'AGE' | 'FULL';
  reasons: Array<{ rule: string; detail: string; sku?: string }>;
}

/** The ports supervision needs; the composition root wires the real ones. */
export interface SupervisionPorts {
  directory: {
    isBadge(text: string): boolean;
    verify(badge: string, pin: string): { ok: true; supervisor: { badge: string; name: string } } | { ok: false; reason: 'unknown-badge' | 'wrong-pin' | 'locked' | 'inactive'; lockedUntil?: number; attemptsLeft?: number };
  };
  audit: { record(e: { at: number; supervisorBadge: string; supervisorName: string; action: string; kioskSessionId: string | null; basketBefore: unknown; basketAfter: unknown; detail: unknown }): number };
  locks: LockJournal;
  /** Decides at Pay whether staff must check the basket. `drawKey` fixes the random draw per session. */
  decide(input: { lines: Array<{ sku: string; category: string; ageLimit: number | null; quantity: number; totalCents: number }>; basketTotalCents: number; voidedLines: number; unknownScans: number; now: number }, drawKey: string): ControlVerdict;
  /** Sale-hour check at scan time. */
  saleAllowed(product: Product, now: number): { allowed: true } | { allowed: false; from: string; to: string };
  /** Minimum age for a product (catalog and store rules), or null. */
  requiredAge(product: { category: string; ageLimit: number | null }): number | null;
  payments: {
    busy: boolean;
    guards: Array<() => void>;
    refund(mid: string, cents: number, reason: string, by: string): Promise<unknown>;
    reverse(mid: string, reason: string, by: string): Promise<unknown>;
    act(mid: string, action: 'retry' | 'resolve-paid' | 'refund' | 'cancel', by: string): Promise<unknown>;
    recentOrders(): OrderRecordView[];
    attention(): AttentionView[];
  } | null;
  receipts: { reprintLast(): void } | null;
  smarts: {
    checks(): SmartsCheckView[];
    resolve(invoiceId: string, status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT', edits: Array<{ index: number; quantity: number }> | undefined, by: string): void;
    requestResend(invoiceId: string): Promise<void>;
  } | null;
  deviceStatus(): Record<string, string>;
}

interface ActiveSupervisor {
  badge: string;
  name: string;
  lastActionAt: number;
}

const STAFF_IDLE_MS = 60_000;

/**
 * The lock overlay and supervisor mode. A lock is journaled and refuses every customer intent
 * in the engine until a supervisor, logged in with badge + PIN, resolves it. Every supervisor
 * action is written to the audit log with the basket before and after.
 */
export class Supervision implements EngineFeature {
  readonly name = 'supervision';
  lock: KioskLock | null;
  private pending: { badge: string; since: number; error: NonNullable<KioskView['supervisor']>['pinError'] } | null = null;
  private active: ActiveSupervisor | null = null;
  /** Sessions a supervisor has already checked and passed: not locked again for sampling. */
  private readonly passedSessions = new Set<string>();

  readonly handlers = {
    'supervisor/pin': (p: { pin: string }) => this.enterPin(p.pin),
    'supervisor/logout': () => this.logout('logout'),
    'supervisor/approveAge': () => this.staff('approve-age', () => this.approveAge()),
    'supervisor/passCheck': () => this.staff('pass-check', () => this.resolveLock('passed')),
    'supervisor/failCheck': () => this.staff('fail-check', () => this.failCheck()),
    'supervisor/voidLine': (p: { lineId: string }) => this.staff('void-line', () => this.editBasket((b) => removeLine(b, p.lineId)), p),
    'supervisor/setQuantity': (p: { lineId: string; quantity: number }) => this.staff('set-quantity', () => this.editBasket((b) => setQuantity(b, p.lineId, p.quantity)), p),
    'supervisor/cancelSession': () => this.staff('cancel-session', () => this.cancelSession()),
    'supervisor/reprintLast': () => this.staff('reprint-last', () => this.need(this.ports.receipts, 'receipts').reprintLast()),
    'supervisor/refund': (p: { merchantOrderId: string; amountCents: number; reason: string }) => this.staffAsync('refund', (by) => this.need(this.ports.payments, 'payments').refund(p.merchantOrderId, p.amountCents, p.reason, by), p),
    'supervisor/reverse': (p: { merchantOrderId: string; reason: string }) => this.staffAsync('reverse', (by) => this.need(this.ports.payments, 'payments').reverse(p.merchantOrderId, p.reason, by), p),
    'supervisor/paymentAction': (p: { merchantOrderId: string; action: 'retry' | 'resolve-paid' | 'refund' | 'cancel'; reason: string }) =>
      this.staffAsync(`payment-${p.action}`, (by) => this.need(this.ports.payments, 'payments').act(p.merchantOrderId, p.action, by), p),
    'supervisor/resolveSmarts': (p: { invoiceId: string; status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT'; products?: Array<{ index: number; quantity: number }> }) =>
      this.staff('smarts-result', () => this.need(this.ports.smarts, 'smarts').resolve(p.invoiceId, p.status, p.products, this.active!.badge), p),
    'supervisor/resendSmarts': (p: { invoiceId: string }) => this.staffAsync('smarts-resend', () => this.need(this.ports.smarts, 'smarts').requestResend(p.invoiceId), p),
  };

  constructor(
    private readonly engine: KioskEngine,
    private readonly ports: SupervisionPorts,
    private readonly log: Log,
  ) {
    this.lock = ports.locks.current();
    if (this.lock) log.info('kiosk lock restored', { reason: this.lock.reason, since: this.lock.createdAt });
    engine.beforeAdd.push((p) => {
      const r = ports.saleAllowed(p, engine.deps.clock.now());
      return r.allowed ? null : { code: 'not-sold-now', params: { from: r.from, to: r.to } };
    });
    ports.payments?.guards.push(() => this.checkBeforePay());
  }

  // ---- customer side ---------------------------------------------------------------------

  blocksCustomer(): boolean {
    return this.lock !== null || this.pending !== null || this.active !== null;
  }

  interceptScan(raw: string, _parsed: ScanParse): boolean {
    const text = raw.trim();
    if (this.ports.directory.isBadge(text)) {
      if (this.active?.badge === text) return true;
      this.pending = { badge: text, since: this.engine.deps.clock.now(), error: null };
      this.active = null;
      this.log.info('supervisor badge scanned', { badgeSuffix: text.slice(-4) });
      return true;
    }
    if (this.active) {
      // A supervisor adds an item by scanning it.
      const before = this.engine.basket;
      this.engine.scan(raw, 'staff', true);
      this.audit('add-item', before, this.engine.basket, { code: raw.slice(0, 64) });
      this.active.lastActionAt = this.engine.deps.clock.now();
      return true;
    }
    return false;
  }

  /** Runs when the customer presses Pay: may lock the kiosk for an age or purchase check. */
  private checkBeforePay(): void {
    const e = this.engine;
    if (this.lock) throw new IntentRefused('locked', 'the kiosk is locked');
    const now = e.deps.clock.now();
    const lines = e.basket.lines.map((l) => ({
      sku: l.sku,
      category: l.category,
      ageLimit: l.ageLimit,
      quantity: l.measure.kind === 'pieces' ? l.measure.count : 1,
      totalCents: e.view().basket.lines.find((v) => v.id === l.id)?.totalCents ?? 0,
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

  // ---- supervisor login ------------------------------------------------------------------

  private enterPin(pin: string): void {
    const p = this.pending;
    if (!p) throw new IntentRefused('no-badge', 'scan a supervisor badge first');
    const r = this.ports.directory.verify(p.badge, pin);
    const now = this.engine.deps.clock.now();
    if (!r.ok) {
      p.error = { reason: r.reason, attemptsLeft: r.attemptsLeft ?? null, lockedUntil: r.lockedUntil ?? null };
      p.since = now;
      this.ports.audit.record({ at: now, supervisorBadge: p.badge, supervisorName: '', action: 'login-failed', kioskSessionId: this.engine.sessionId, basketBefore: null, basketAfter: null, detail: { reason: r.reason } });
      throw new IntentRefused(r.reason, r.reason === 'locked' ? 'this badge is locked for a few minutes' : 'the PIN was not accepted');
    }
    this.pending = null;
    this.active = { badge: r.supervisor.badge, name: r.supervisor.name, lastActionAt: now };
    this.audit('login', null, null, null);
  }

  private logout(action: string): void {
    if (this.active) this.audit(action, null, null, null);
    this.pending = null;
    this.active = null;
  }

  // ---- supervisor actions ----------------------------------------------------------------

  private staff(action: string, f: () => void, detail: unknown = null): void {
    const sup = this.requireStaff();
    const before = this.engine.basket;
    f();
    sup.lastActionAt = this.engine.deps.clock.now();
    this.audit(action, before, this.engine.basket, detail);
  }

  /** Every outcome is audited: success, a refusal, and an unknown outcome alike. */
  private async staffAsync(action: string, f: (by: string) => Promise<unknown>, detail: unknown): Promise<void> {
    const sup = this.requireStaff();
    let result: unknown;
    try {
      result = await f(sup.badge);
    } catch (e) {
      const refused = e instanceof IntentRefused;
      this.audit(action, null, null, { request: detail, outcome: refused ? (e.code === 'refund-unknown' ? 'unknown' : 'refused') : 'unknown', code: refused ? e.code : 'internal', message: (e as Error).message });
      throw e;
    } finally {
      sup.lastActionAt = this.engine.deps.clock.now();
    }
    this.audit(action, null, null, { request: detail, outcome: 'succeeded', result: summarize(result) });
  }

  private requireStaff(): ActiveSupervisor {
    if (!this.active) throw new IntentRefused('supervisor-required', 'a supervisor must be logged in');
    return this.active;
  }

  private need<T>(x: T | null, what: string): T {
    if (!x) throw new IntentRefused('not-available', `${what} are not available on this kiosk`);
    return x;
  }

  private approveAge(): void {
    const e = this.engine;
    for (const l of e.basket.lines) if (this.ports.requiredAge(l) !== null) e.ageApproved.add(l.id);
    e.journal();
    if (this.lock?.reason === 'age-check') this.closeLock('age-approved');
  }

  private resolveLock(outcome: 'passed'): void {
    if (!this.lock) throw new IntentRefused('not-locked', 'there is no check to pass');
    const e = this.engine;
    // Passing a full check includes the age check of every restricted line.
    for (const l of e.basket.lines) if (this.ports.requiredAge(l) !== null) e.ageApproved.add(l.id);
    if (e.sessionId) this.passedSessions.add(e.sessionId);
    e.journal();
    this.closeLock(outcome);
  }

  private failCheck(): void {
    if (!this.lock) throw new IntentRefused('not-locked', 'there is no check to fail');
    this.closeLock('failed');
    this.engine.endSession('check-failed');
  }

  private cancelSession(): void {
    if (this.lock) this.closeLock('session-cancelled');
    this.engine.endSession('supervisor-cancel');
  }

  private closeLock(outcome: string): void {
    if (!this.lock) return;
    this.ports.locks.resolve(this.lock.id, this.active?.badge ?? 'system', outcome, this.engine.deps.clock.now());
    this.lock = null;
    this.engine.assistanceRequested = false;
  }

  private editBasket(f: (b: Basket) => Basket): void {
    const e = this.engine;
    if (this.ports.payments?.busy) throw new IntentRefused('payment-in-progress', 'finish or cancel the payment first');
    if (e.state !== 'shopping' && e.state !== 'checkout') throw new IntentRefused('basket-locked', 'no basket to edit');
    e.basket = f(e.basket);
    e.journal();
  }

  private audit(action: string, before: Basket | null, after: Basket | null, detail: unknown): void {
    const sup = this.active;
    this.ports.audit.record({
      at: this.engine.deps.clock.now(),
      supervisorBadge: sup?.badge ?? this.pending?.badge ?? '',
      supervisorName: sup?.name ?? '',
      action,
      kioskSessionId: this.engine.sessionId,
      basketBefore: before ? basketSummary(before) : null,
      basketAfter: after ? basketSummary(after) : null,
      detail,
    });
  }

  // ---- time and view ---------------------------------------------------------------------

  tick(now: number): void {
    if (this.active && now - this.active.lastActionAt >= STAFF_IDLE_MS) {
      this.log.info('supervisor session ended by inactivity');
      this.logout('logout-idle');
    }
    if (this.pending && now - this.pending.since >= STAFF_IDLE_MS) this.pending = null;
  }

  view(v: KioskView): void {
    const now = this.engine.deps.clock.now();
    if (this.lock) v.lock = { reason: this.lock.reason, reasons: this.lock.reasons, since: this.lock.createdAt };
    if (this.pending) {
      v.supervisor = { phase: 'pin', badge: this.pending.badge, name: null, pinError: this.pending.error, secondsLeft: Math.max(0, Math.ceil((this.pending.since + STAFF_IDLE_MS - now) / 1000)), smartsChecks: [], orders: [], attention: [], devices: {} };
    } else if (this.active) {
      v.supervisor = {
        phase: 'active',
        badge: this.active.badge,
        name: this.active.name,
        pinError: null,
        secondsLeft: Math.max(0, Math.ceil((this.active.lastActionAt + STAFF_IDLE_MS - now) / 1000)),
        smartsChecks: this.ports.smarts?.checks() ?? [],
        orders: this.ports.payments?.recentOrders() ?? [],
        attention: this.ports.payments?.attention() ?? [],
        devices: this.ports.deviceStatus(),
      };
    }
  }

  onSessionEnd(): void {
    // The lock belongs to the kiosk, not the session: it stays until a supervisor resolves it.
  }
}

function basketSummary(b: Basket): unknown {
  return b.lines.map((l) => ({ id: l.id, sku: l.sku, measure: l.measure, unitPriceCents: l.unitPriceCents }));
}

function summarize(x: unknown): unknown {
  if (x && typeof x === 'object' && 'refund' in x) {
    const r = (x as { refund: { refundId: string; merchantOrderId: string; kind: string; amountCents: number; state: string; code: number | null }; offerRefund: boolean });
    return { refundId: r.refund.refundId, merchantOrderId: r.refund.merchantOrderId, kind: r.refund.kind, amountCents: r.refund.amountCents, state: r.refund.state, code: r.refund.code, offerRefund: r.offerRefund };
  }
  if (typeof x === 'string') return { paymentOutcome: x };
  return null;
}
