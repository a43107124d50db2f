import { removeLine, setQuantity, type Basket } from '../checkout/basket';
import type { LaneAction } from '../store/lane';
import type { Lang } from '../checkout/lang';
import type { Product } from '../checkout/product';
import type { IntentContext } from '../ipc/contract';
import type { AttentionView, KioskView, OrderRecordView, PickupOrderView, SmartsCheckView, StaffDoneView } from '../ipc/view';
import { LoginThrottle, type ThrottlePolicy } from '../supervisor/throttle';
import { looksLikeBadge } from '../supervisor/rules';
import type { KioskLock, LockJournal, LockReason } from '../journal/locks';
import type { Log } from '../log';
import { IntentRefused, type EngineFeature, type KioskEngine, type ScanParse } from './engine';
import { staffDone } from './staff-feedback';

/** Purchase-control decision, as decided by electron/checkout/purchase-control. */
export interface ControlVerdict {
  decision: 'NO' | 'AGE' | 'FULL';
  reasons: Array<{ rule: string; detail: string; sku?: string }>;
}

/** The ports supervision needs; the composition root wires the real ones. */
export interface SupervisionPorts {
  directory: {
    isBadge(text: string): boolean;
    /** True while that badge is locked after too many wrong PINs. */
    isLocked?(badge: string): boolean;
    /** Asynchronous: the scrypt work runs off the engine's thread. */
    verify(badge: string, pin: string): Promise<{ ok: true; supervisor: { badge: string; name: string } } | { ok: false; reason: 'unknown-badge' | 'wrong-pin' | 'locked' | 'inactive'; lockedUntil?: number; attemptsLeft?: number }>;
  };
  audit: { record(e: { at: number; supervisorBadge: string; supervisorName: string; action: string; kioskSessionId: string | null; basketBefore: unknown; basketAfter: unknown; detail: unknown }): number };
  locks: LockJournal;
  /** Decides at Pay whether staff must check the basket. `drawKey` fixes the random draw per session. */
  decide(input: { lines: Array<{ sku: string; category: string; ageLimit: number | null; quantity: number; totalCents: number; lookedUpWeighed?: boolean }>; basketTotalCents: number; voidedLines: number; unknownScans: number; now: number }, drawKey: string): ControlVerdict;
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
    /** The kiosk's order number of a payment (for the audit log). */
    orderNo?(mid: string): string | null;
    /** Continues a Pay that a staff check stopped, once the kiosk is free again. */
    resumeAfterCheck?(): boolean;
  } | null;
  receipts: { reprintLast(): void } | null;
  smarts: {
    checks(): SmartsCheckView[];
    resolve(invoiceId: string, status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT' | 'CANCEL_SHOPPING', edits: Array<{ index: number; quantity: number }> | undefined, by: string): void;
    /** The store node resolves the check (electron/store/smarts-remote.ts): used instead of `resolve` when present. */
    resolveAsync?(invoiceId: string, status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT' | 'CANCEL_SHOPPING', edits: Array<{ index: number; quantity: number }> | undefined, by: string): Promise<void>;
    requestResend(invoiceId: string): Promise<void>;
    /** A supervisor opened a pending check (PENDING goes to Smarts once). */
    open?(invoiceId: string, by: string): void;
    /** Smarts pickup orders, and staff setting their status (sent to Smarts through the outbox). */
    pickups?(): PickupOrderView[];
    setPickupStatus?(id: string, status: 'CONFIRMED' | 'REJECTED' | 'COMPLETED', by: string): void;
    /** Paid Smarts receipts for the order record, newest first. */
    orders?(): OrderRecordView[];
    /** Prints a paid Smarts receipt (a copy if printed before). */
    reprint?(institutionInvoiceId: string): void;
    /** Re-queues a result the gateway refused for good. */
    retryFailed?(invoiceId: string): void;
  } | null;
  deviceStatus(): Record<string, string>;
  /** The staff's language (PIN pad and console), not the customer's; the session's when absent. */
  staffLang?: Lang;
}

/** What an attendant may do from afar: the store seam's `LaneAction` (electron/store/lane.ts, types only), validated by the lane agent. */
export type RemoteStaffAction = LaneAction;

interface ActiveSupervisor {
  badge: string;
  name: string;
  lastActionAt: number;
  /** The connection (or window) that logged in; only it may act as this supervisor. */
  client: string;
}

const STAFF_IDLE_MS = 60_000;
/** A badge, a name or a console id from outside: 1–64 printable characters. */
const SHORT_TEXT = /^[^\p{Cc}\p{Cf}]{1,64}$/u;

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
  /** True while a PIN is being checked: further PINs are refused ('busy'), never queued. */
  private checking = false;
  /** Failed PINs across all badges: growing back-off and an assistance alert. */
  readonly throttle: LoginThrottle;

  readonly handlers = {
    'supervisor/pin': (p: { pin: string }, c: IntentContext) => this.enterPin(p.pin, c),
    'supervisor/logout': (_p: unknown, c: IntentContext) => this.logoutBy(c),
    'supervisor/approveAge': (_p: unknown, c: IntentContext) => this.staff(c, 'approve-age', () => this.approveAge()),
    'supervisor/passCheck': (_p: unknown, c: IntentContext) => this.staff(c, 'pass-check', () => this.resolveLock('passed')),
    'supervisor/failCheck': (_p: unknown, c: IntentContext) => this.staff(c, 'fail-check', () => this.failCheck()),
    'supervisor/voidLine': (p: { lineId: string; reason?: string }, c: IntentContext) => this.staff(c, 'void-line', () => this.editBasket((b) => removeLine(b, p.lineId)), p),
    'supervisor/setQuantity': (p: { lineId: string; quantity: number }, c: IntentContext) => this.staff(c, 'set-quantity', () => this.editBasket((b) => setQuantity(b, p.lineId, p.quantity)), p),
    'supervisor/cancelSession': (_p: unknown, c: IntentContext) => this.staff(c, 'cancel-session', () => this.cancelSession()),
    'supervisor/acknowledgeHelp': (_p: unknown, c: IntentContext) => {
      const sup = this.requireStaff(c, 'assistance-acknowledged');
      this.acknowledgeAssistance(sup, 'kiosk-console');
      sup.lastActionAt = this.engine.deps.clock.now();
    },
    'supervisor/finishHelp': (_p: unknown, c: IntentContext) => this.staff(c, 'assistance-finished', () => this.finishHelp()),
    'supervisor/reprintLast': (_p: unknown, c: IntentContext) => this.staff(c, 'reprint-last', () => this.need(this.ports.receipts, 'receipts').reprintLast()),
    'supervisor/refund': (p: { merchantOrderId: string; amountCents: number; reason: string }, c: IntentContext) =>
      this.staffAsync(c, 'refund', (by) => this.need(this.ports.payments, 'payments').refund(p.merchantOrderId, p.amountCents, p.reason, by), this.withOrderNo(p)),
    'supervisor/reverse': (p: { merchantOrderId: string; reason: string }, c: IntentContext) =>
      this.staffAsync(c, 'reverse', (by) => this.need(this.ports.payments, 'payments').reverse(p.merchantOrderId, p.reason, by), this.withOrderNo(p)),
    'supervisor/paymentAction': (p: { merchantOrderId: string; action: 'retry' | 'resolve-paid' | 'refund' | 'cancel'; reason: string }, c: IntentContext) =>
      this.staffAsync(c, `payment-${p.action}`, (by) => this.need(this.ports.payments, 'payments').act(p.merchantOrderId, p.action, by), this.withOrderNo(p)),
    'supervisor/resolveSmarts': (p: { invoiceId: string; status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT' | 'CANCEL_SHOPPING'; products?: Array<{ index: number; quantity: number }> }, c: IntentContext) =>
      this.ports.smarts?.resolveAsync
        ? this.staffAsync(c, p.status === 'CANCEL_SHOPPING' ? 'smarts-cancel-shopping' : 'smarts-result', (by) => this.ports.smarts!.resolveAsync!(p.invoiceId, p.status, p.products, by), p)
        : this.staff(c, p.status === 'CANCEL_SHOPPING' ? 'smarts-cancel-shopping' : 'smarts-result', () => this.need(this.ports.smarts, 'smarts').resolve(p.invoiceId, p.status, p.products, this.active!.badge), p),
    'supervisor/pickupStatus': (p: { id: string; status: 'CONFIRMED' | 'REJECTED' | 'COMPLETED' }, c: IntentContext) =>
      this.staff(c, 'smarts-pickup-status', () => this.need(this.need(this.ports.smarts, 'smarts').setPickupStatus ?? null, 'pickup orders')(p.id, p.status, this.active!.badge), p),
    'supervisor/openSmarts': (p: { invoiceId: string }, c: IntentContext) => this.staff(c, 'smarts-open', () => this.need(this.ports.smarts, 'smarts').open?.(p.invoiceId, this.active!.badge), p),
    'supervisor/resendSmarts': (p: { invoiceId: string }, c: IntentContext) => this.staffAsync(c, 'smarts-resend', () => this.need(this.ports.smarts, 'smarts').requestResend(p.invoiceId), p),
    'supervisor/reprintSmarts': (p: { institutionInvoiceId: string }, c: IntentContext) => this.staff(c, 'smarts-reprint', () => this.need(this.need(this.ports.smarts, 'smarts').reprint ?? null, 'receipts')(p.institutionInvoiceId), p),
    'supervisor/retrySmarts': (p: { invoiceId: string }, c: IntentContext) => this.staff(c, 'smarts-retry', () => this.need(this.need(this.ports.smarts, 'smarts').retryFailed ?? null, 'smarts')(p.invoiceId), p),
  };

  constructor(
    private readonly engine: KioskEngine,
    private readonly ports: SupervisionPorts,
    private readonly log: Log,
    throttle?: ThrottlePolicy,
  ) {
    this.throttle = new LoginThrottle(engine.deps.clock, throttle);
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

  interceptScan(raw: string, parsed: ScanParse): boolean {
    const text = raw.trim();
    // Any badge-shaped code that is not a product code opens the PIN pad, known or not: which
    // badges exist is only told after a PIN was checked (against a dummy hash when unknown).
    if (this.ports.directory.isBadge(text) || (parsed.ok && parsed.code.kind === 'text' && looksLikeBadge(text))) {
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

  // ---- supervisor login ------------------------------------------------------------------

  private async enterPin(pin: string, ctx: IntentContext): Promise<void> {
    const p = this.pending;
    if (!p) throw new IntentRefused('no-badge', 'scan a supervisor badge first', true);
    if (this.checking) throw new IntentRefused('busy', 'a PIN is being checked; try again in a moment', true);
    const start = this.engine.deps.clock.now();
    const wait = this.throttle.blockedUntil(start);
    if (wait !== null) {
      // Refused without any hashing: a flood of PINs costs the kiosk nothing.
      const same = p.error?.reason === 'locked' && p.error.lockedUntil === wait;
      p.error = { reason: 'locked', attemptsLeft: null, lockedUntil: wait };
      throw new IntentRefused('login-backoff', 'too many wrong PINs on this kiosk; wait a moment', same);
    }
    const lockedBefore = this.ports.directory.isLocked?.(p.badge) ?? false;
    this.checking = true;
    let r: Awaited<ReturnType<SupervisionPorts['directory']['verify']>>;
    try {
      r = await this.ports.directory.verify(p.badge, pin);
    } finally {
      this.checking = false;
    }
    const now = this.engine.deps.clock.now();
    if (!r.ok) {
      // A badge already locked refuses by itself; only new failures count for the kiosk.
      const t = lockedBefore ? { blockedUntil: null, alert: false, failures: this.throttle.count() } : this.throttle.failed(now);
      if (t.alert) this.alert(t.failures);
      if (this.pending === p) {
        p.error = { reason: r.reason, attemptsLeft: r.attemptsLeft ?? null, lockedUntil: r.lockedUntil ?? t.blockedUntil ?? null };
        p.since = now;
      }
      // A PIN for a badge that was already locked was not checked: not audited again (the
      // log counts them), so hammering a locked badge costs no journal write.
      if (!lockedBefore) this.ports.audit.record({ at: now, supervisorBadge: p.badge, supervisorName: '', action: 'login-failed', kioskSessionId: this.engine.sessionId, basketBefore: null, basketAfter: null, detail: { reason: r.reason } });
      throw new IntentRefused(r.reason, r.reason === 'locked' ? 'this badge is locked for a few minutes' : 'the PIN was not accepted');
    }
    // The PIN pad was closed or another badge scanned while the PIN was checked.
    if (this.pending !== p) throw new IntentRefused('no-badge', 'the sign-in was cancelled; scan the badge again');
    this.throttle.succeeded();
    this.pending = null;
    this.active = { badge: r.supervisor.badge, name: r.supervisor.name, lastActionAt: now, client: ctx.client };
    this.audit('login', null, null, { client: ctx.client });
  }

  /** Repeated failed PINs: the kiosk asks for assistance (staff light) and says so in the log. */
  private alert(failures: number): void {
    const e = this.engine;
    if (!e.assistanceRequested) this.log.warn('repeated failed supervisor logins: assistance requested', { failures });
    e.assistanceRequested = true;
  }

  private logoutBy(ctx: IntentContext): void {
    // Cancelling the PIN pad is anyone's; ending a supervisor's session is only theirs.
    if (this.active) this.requireStaff(ctx, 'logout');
    this.logout('logout');
  }

  /**
   * The carrier says a client is gone (a WebSocket closed): a supervisor session it owned ends,
   * since no other connection may act for it. Answers whether one ended.
   */
  clientGone(client: string): boolean {
    if (this.active?.client !== client) return false;
    this.log.info('supervisor session ended: its connection closed', { client });
    this.logout('logout-disconnected');
    this.engine.publish();
    return true;
  }

  private logout(action: string): void {
    // Staff who saw the customer's call and signed in here have helped: the call is finished.
    if (this.active && this.engine.assistance.ack && !this.lock) this.finishHelp('sign-out');
    if (this.active) this.audit(action, null, null, null);
    this.pending = null;
    this.active = null;
    this.done = null;
    // The check that stopped Pay is resolved: the customer continues to payment.
    if (this.lock === null) this.ports.payments?.resumeAfterCheck?.();
  }

  // ---- the customer's call for help --------------------------------------------------------

  /**
   * A member of staff saw the call for help: audited, and the customer reads "Help is on the
   * way" until staff finish. `via` names the console it came from ("kiosk-console" here; a remote
   * attendant console passes its own id). Refused when nothing is waiting or it was already seen.
   */
  acknowledgeAssistance(by: { badge: string; name: string }, via: string): void {
    const e = this.engine;
    checkStaffIdentity(by, via);
    const waitedMs = this.ackHelp(by, via);
    this.ports.audit.record({ at: e.deps.clock.now(), supervisorBadge: by.badge, supervisorName: by.name, action: 'assistance-acknowledged', kioskSessionId: e.sessionId, basketBefore: null, basketAfter: null, detail: { via, waitedMs } });
    e.publish();
  }

  /** Records the acknowledgement and tells the customer; answers how long they waited. The caller audits. */
  private ackHelp(by: { badge: string; name: string }, via: string): number | null {
    const e = this.engine;
    const now = e.deps.clock.now();
    const since = e.assistance.since;
    if (!e.assistance.acknowledge(by, via, now)) {
      const ack = e.assistance.ack;
      throw e.assistance.requested ? new IntentRefused('already-acknowledged', `the call for help was already acknowledged${ack ? ` by ${ack.name}` : ''}`, true) : new IntentRefused('no-assistance', 'nobody is asking for help', true);
    }
    const waitedMs = since === null ? null : now - since;
    this.log.info('assistance acknowledged', { via, badgeSuffix: by.badge.slice(-4), waitedMs });
    e.setNotice('assistance-acknowledged', 'info');
    return waitedMs;
  }

  /** A remote console's "Help given": the call is finished, audited with who and where. */
  finishAssistance(by: { badge: string; name: string }, via: string): void {
    checkStaffIdentity(by, via);
    const e = this.engine;
    if (!e.assistance.requested) throw new IntentRefused('no-assistance', 'nobody is asking for help', true);
    if (this.lock) throw new IntentRefused('locked', 'resolve the check first', true);
    this.ports.audit.record({ at: e.deps.clock.now(), supervisorBadge: by.badge, supervisorName: by.name, action: 'assistance-finished', kioskSessionId: e.sessionId, basketBefore: null, basketAfter: null, detail: { via } });
    e.finishAssistance('staff-done');
    e.publish();
  }

  /** Staff are done with the customer's call (the console's "Help given", or signing out after seeing it). */
  private finishHelp(how: 'done' | 'sign-out' = 'done'): void {
    const e = this.engine;
    if (!e.assistance.requested) throw new IntentRefused('no-assistance', 'nobody is asking for help');
    if (this.lock) throw new IntentRefused('locked', 'resolve the check first');
    if (how === 'sign-out') this.audit('assistance-finished', null, null, { how });
    e.finishAssistance(`staff-${how}`);
  }

  // ---- supervisor actions ----------------------------------------------------------------

  private staff(ctx: IntentContext, action: string, f: () => void, detail: unknown = null): void {
    const sup = this.requireStaff(ctx, action);
    const before = this.engine.basket;
    f();
    sup.lastActionAt = this.engine.deps.clock.now();
    this.audit(action, before, this.engine.basket, detail);
    this.done = staffDone(action, detail, null, sup.lastActionAt);
  }

  /** Every outcome is audited: success, a refusal, and an unknown outcome alike. */
  /** An audit detail for a payment action names the order as staff and receipts do. */
  private withOrderNo<T extends { merchantOrderId: string }>(p: T): T & { orderNo?: string } {
    const n = this.ports.payments?.orderNo?.(p.merchantOrderId) ?? null;
    return n ? { ...p, orderNo: n } : p;
  }

  private async staffAsync(ctx: IntentContext, action: string, f: (by: string) => Promise<unknown>, detail: unknown): Promise<void> {
    const sup = this.requireStaff(ctx, action);
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
    this.done = staffDone(action, detail, result, this.engine.deps.clock.now());
  }

  /** The active supervisor, if `ctx` is the connection that logged them in; refused (and logged) otherwise. */
  private requireStaff(ctx: IntentContext, action: string): ActiveSupervisor {
    if (!this.active) throw new IntentRefused('supervisor-required', 'a supervisor must be logged in', true);
    if (this.active.client !== ctx.client) {
      this.log.warn('supervisor intent from another connection refused', { action, client: ctx.client, owner: this.active.client, badge: this.active.badge });
      throw new IntentRefused('not-your-session', 'the supervisor session belongs to another screen', true);
    }
    return this.active;
  }

  private need<T>(x: T | null, what: string): T {
    if (!x) throw new IntentRefused('not-available', `${what} are not available on this kiosk`);
    return x;
  }

  private approveAge(by?: string): void {
    const e = this.engine;
    for (const l of e.basket.lines) if (this.ports.requiredAge(l) !== null) e.ageApproved.add(l.id);
    e.journal();
    if (this.lock?.reason === 'age-check') this.closeLock('age-approved', by);
  }

  /** `withAge`: passing a full check at the kiosk includes the age check of every restricted line. */
  private resolveLock(outcome: 'passed', withAge = true, by?: string): void {
    if (!this.lock) throw new IntentRefused('not-locked', 'there is no check to pass');
    const e = this.engine;
    if (withAge) for (const l of e.basket.lines) if (this.ports.requiredAge(l) !== null) e.ageApproved.add(l.id);
    if (e.sessionId) this.passedSessions.add(e.sessionId);
    e.journal();
    this.closeLock(outcome, by);
  }

  private failCheck(by?: string): void {
    if (!this.lock) throw new IntentRefused('not-locked', 'there is no check to fail');
    this.closeLock('failed', by);
    this.engine.endSession('check-failed');
  }

  private cancelSession(by?: string): void {
    if (this.lock) this.closeLock('session-cancelled', by);
    this.engine.endSession('supervisor-cancel');
  }

  // ---- remote staff actions (the attendant console) ----------------------------------------

  /** True when some restricted line still waits for an age approval. */
  agePending(): boolean {
    return this.engine.basket.lines.some((l) => this.ports.requiredAge(l) !== null && !this.engine.ageApproved.has(l.id));
  }

  /** Whether a payment is under way (a session must not be cancelled or edited under it). */
  paymentBusy(): boolean {
    return this.ports.payments?.busy ?? false;
  }

  /**
   * A staff action from the attendant console, through the same paths as at the kiosk, audited
   * with the attendant (`by`) and where it came from (`via`, `lane`). Throws IntentRefused (and
   * changes nothing) when the kiosk is not in a state for it. The age check is not passed with a
   * remote purchase check: it stays with staff who see the customer unless `approve-age` is used.
   */
  remote(a: RemoteStaffAction, by: { badge: string; name: string }, via: string, lane: string): void {
    const e = this.engine;
    const before = e.basket;
    const sessionId = e.sessionId;
    const detail = { via, lane, ...('reason' in a ? { reason: a.reason } : {}), ...('lineId' in a ? { lineId: a.lineId } : {}) };
    switch (a.kind) {
      case 'ack-help':
        this.ackHelp(by, via);
        break;
      case 'pass-check':
        if (this.lock?.reason !== 'purchase-check') throw new IntentRefused('no-purchase-check', 'no purchase check is waiting on this lane', true);
        this.resolveLock('passed', false, by.badge);
        break;
      case 'fail-check':
        if (!this.lock) throw new IntentRefused('not-locked', 'no check is waiting on this lane', true);
        this.failCheck(by.badge);
        break;
      case 'approve-age':
        if (!this.agePending()) throw new IntentRefused('no-age-check', 'no age check is waiting on this lane', true);
        this.approveAge(by.badge);
        break;
      case 'void-line':
        if (this.lock?.reason === 'age-check') throw new IntentRefused('age-check', 'an age check is waiting: void at the kiosk', true);
        this.editBasket((b) => removeLine(b, a.lineId));
        break;
      case 'cancel-session':
        if (!sessionId) throw new IntentRefused('no-session', 'no customer session on this lane', true);
        if (this.paymentBusy()) throw new IntentRefused('payment-in-progress', 'a payment is under way: cancel it at the kiosk', true);
        this.cancelSession(by.badge);
        break;
    }
    this.ports.audit.record({ at: e.deps.clock.now(), supervisorBadge: by.badge, supervisorName: by.name, action: a.kind, kioskSessionId: sessionId, basketBefore: basketSummary(before), basketAfter: basketSummary(e.basket), detail });
    // Resolved from afar: a customer stopped at Pay goes on to pay (unless staff are at the kiosk).
    if (this.lock === null && !this.active && !this.pending && (a.kind === 'pass-check' || a.kind === 'approve-age')) this.ports.payments?.resumeAfterCheck?.();
  }

  private closeLock(outcome: string, by = this.active?.badge ?? 'system'): void {
    if (!this.lock) return;
    this.ports.locks.resolve(this.lock.id, by, outcome, this.engine.deps.clock.now());
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
    const e = this.engine;
    const now = e.deps.clock.now();
    if (this.lock) v.lock = { reason: this.lock.reason, reasons: this.lock.reasons, since: this.lock.createdAt };
    if (this.pending) {
      v.supervisor = { phase: 'pin', lang: this.staffLang(), badge: this.pending.badge, name: null, pinError: this.pending.error, secondsLeft: Math.max(0, Math.ceil((this.pending.since + STAFF_IDLE_MS - now) / 1000)), smartsChecks: [], orders: [], attention: [], devices: {} };
    } else if (this.active) {
      v.supervisor = {
        phase: 'active',
        lang: this.staffLang(),
        badge: this.active.badge,
        name: this.active.name,
        pinError: null,
        secondsLeft: Math.max(0, Math.ceil((this.active.lastActionAt + STAFF_IDLE_MS - now) / 1000)),
        smartsChecks: this.smartsChecks(),
        ...(this.ports.smarts?.pickups ? { pickups: this.pickupOrders() } : {}),
        orders: this.orders(),
        attention: this.ports.payments?.attention() ?? [],
        devices: this.ports.deviceStatus(),
        done: this.done,
        lineNames: Object.fromEntries(e.basket.lines.map((l) => [l.id, l.name[this.staffLang()] || l.name.en])),
        help: e.assistance.requested && !this.lock ? { minutes: e.assistance.minutesWaiting(now), acknowledgedBy: e.assistance.ack ? e.assistance.ack.name || e.assistance.ack.badge : null } : null,
      };
    }
  }

  private staffLang(): Lang {
    return this.ports.staffLang ?? this.engine.lang;
  }

  private smartsViewFailed = false;
  /** The last staff action's confirmation for the console (cleared at sign-out). */
  private done: StaffDoneView | null = null;

  private pickupOrders(): PickupOrderView[] {
    try {
      return this.ports.smarts?.pickups?.() ?? [];
    } catch (e) {
      this.log.error('Smarts pickup orders cannot be listed', { error: e as Error });
      return [];
    }
  }

  /** Kiosk orders and paid Smarts receipts, newest first. */
  private orders(): OrderRecordView[] {
    const kiosk = this.ports.payments?.recentOrders() ?? [];
    let smarts: OrderRecordView[] = [];
    try {
      smarts = this.ports.smarts?.orders?.() ?? [];
    } catch (e) {
      this.log.error('Smarts sales cannot be listed', { error: e as Error });
    }
    return smarts.length ? [...kiosk, ...smarts].sort((a, b) => b.at - a.at).slice(0, 20) : kiosk;
  }

  /** The port builds rows one by one; should it still throw, the console shows no checks rather than no view. */
  private smartsChecks(): SmartsCheckView[] {
    try {
      return this.ports.smarts?.checks() ?? [];
    } catch (e) {
      if (!this.smartsViewFailed) this.log.error('Smarts checks cannot be displayed', { error: e as Error });
      this.smartsViewFailed = true;
      return [];
    }
  }

  onSessionEnd(): void {
    // The lock belongs to the kiosk, not the session: it stays until a supervisor resolves it.
  }
}

/** A staff identity and console id from outside the kiosk (a remote console): bounded, printable. */
function checkStaffIdentity(by: { badge: string; name: string }, via: string): void {
  if (!SHORT_TEXT.test(by.badge) || !(by.name === '' || SHORT_TEXT.test(by.name)) || !SHORT_TEXT.test(via)) {
    throw new IntentRefused('invalid', 'badge, name and via must be 1 to 64 printable characters', true);
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
