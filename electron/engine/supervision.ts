import { removeLine, setQuantity, type Basket } from '../checkout/basket';
import type { IntentContext } from '../ipc/contract';
import type { KioskView, StaffDoneView } from '../ipc/view';
import type { LoginThrottle, ThrottlePolicy } from '../supervisor/throttle';
import { looksLikeBadge } from '../supervisor/rules';
import type { KioskLock } from '../journal/locks';
import type { Log } from '../log';
import { CheckLock } from './check-lock';
import { IntentRefused, type EngineFeature, type KioskEngine, type ScanParse } from './engine';
import { RemoteStaffActions } from './remote-staff';
import { recordStaffAudit, summarize } from './staff-audit';
import { editBasket } from './staff-basket';
import { StaffConsole } from './staff-console';
import { staffDone } from './staff-feedback';
import { StaffHelp } from './staff-help';
import { STAFF_IDLE_MS, StaffSignIn } from './staff-sign-in';
import type { RemoteStaffAction, StaffIdentity, SupervisionPorts } from './supervision-ports';

export type { ControlVerdict, RemoteStaffAction, StaffIdentity, SupervisionPorts } from './supervision-ports';

/**
 * The lock overlay and supervisor mode. A lock is journaled and refuses every customer intent
 * in the engine until a supervisor, logged in with badge + PIN, resolves it. Every supervisor
 * action is written to the audit log with the basket before and after.
 *
 * The parts live in their own files: sign-in (`staff-sign-in.ts`), the check lock
 * (`check-lock.ts`), the call for help (`staff-help.ts`), the attendant console's actions
 * (`remote-staff.ts`) and the staff screens (`staff-console.ts`); this class wires them to the
 * engine's intents and audits the kiosk supervisor's actions.
 */
export class Supervision implements EngineFeature {
  readonly name = 'supervision';
  /** Failed PINs across all badges: growing back-off and an assistance alert. */
  readonly throttle: LoginThrottle;
  private readonly signIn: StaffSignIn;
  private readonly checks: CheckLock;
  private readonly help: StaffHelp;
  private readonly remoteActions: RemoteStaffActions;
  private readonly staffConsole: StaffConsole;
  /** The last staff action's confirmation for the console (cleared at sign-out). */
  private done: StaffDoneView | null = null;

  readonly handlers = {
    'supervisor/pin': (p: { pin: string }, c: IntentContext) => this.signIn.enterPin(p.pin, c),
    'supervisor/logout': (_p: unknown, c: IntentContext) => this.logoutBy(c),
    'supervisor/approveAge': (_p: unknown, c: IntentContext) => this.staff(c, 'approve-age', () => this.checks.approveAge()),
    'supervisor/passCheck': (_p: unknown, c: IntentContext) => this.staff(c, 'pass-check', () => this.checks.resolveLock('passed')),
    'supervisor/failCheck': (_p: unknown, c: IntentContext) => this.staff(c, 'fail-check', () => this.checks.failCheck()),
    'supervisor/voidLine': (p: { lineId: string; reason?: string }, c: IntentContext) => this.staff(c, 'void-line', () => this.editBasket((b) => removeLine(b, p.lineId)), p),
    'supervisor/setQuantity': (p: { lineId: string; quantity: number }, c: IntentContext) => this.staff(c, 'set-quantity', () => this.editBasket((b) => setQuantity(b, p.lineId, p.quantity)), p),
    'supervisor/cancelSession': (_p: unknown, c: IntentContext) => this.staff(c, 'cancel-session', () => this.checks.cancelSession()),
    'supervisor/acknowledgeHelp': (_p: unknown, c: IntentContext) => {
      const sup = this.signIn.require(c, 'assistance-acknowledged');
      this.help.acknowledgeAssistance(sup, 'kiosk-console');
      sup.lastActionAt = this.engine.deps.clock.now();
    },
    'supervisor/finishHelp': (_p: unknown, c: IntentContext) => this.staff(c, 'assistance-finished', () => this.help.finishHelp()),
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
        : this.staff(c, p.status === 'CANCEL_SHOPPING' ? 'smarts-cancel-shopping' : 'smarts-result', () => this.need(this.ports.smarts, 'smarts').resolve(p.invoiceId, p.status, p.products, this.signIn.active!.badge), p),
    'supervisor/pickupStatus': (p: { id: string; status: 'CONFIRMED' | 'REJECTED' | 'COMPLETED' }, c: IntentContext) =>
      this.staff(c, 'smarts-pickup-status', () => this.need(this.need(this.ports.smarts, 'smarts').setPickupStatus ?? null, 'pickup orders')(p.id, p.status, this.signIn.active!.badge), p),
    'supervisor/openSmarts': (p: { invoiceId: string }, c: IntentContext) => this.staff(c, 'smarts-open', () => this.need(this.ports.smarts, 'smarts').open?.(p.invoiceId, this.signIn.active!.badge), p),
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
    this.signIn = new StaffSignIn(engine, ports, log, throttle);
    this.throttle = this.signIn.throttle;
    this.checks = new CheckLock(engine, ports, log, () => this.signIn.active?.badge);
    this.help = new StaffHelp(engine, ports, log, this.checks, this.signIn);
    this.remoteActions = new RemoteStaffActions(engine, ports, this.checks, this.help, this.signIn);
    this.staffConsole = new StaffConsole(engine, ports, log, this.signIn, this.checks);
    engine.beforeAdd.push((p) => {
      const r = ports.saleAllowed(p, engine.deps.clock.now());
      return r.allowed ? null : { code: 'not-sold-now', params: { from: r.from, to: r.to } };
    });
    ports.payments?.guards.push(() => this.checks.beforePay());
  }

  /** The kiosk's lock for an age or purchase check, or null. */
  get lock(): KioskLock | null {
    return this.checks.lock;
  }

  // ---- customer side ---------------------------------------------------------------------

  blocksCustomer(): boolean {
    return this.lock !== null || this.signIn.pending !== null || this.signIn.active !== null;
  }

  interceptScan(raw: string, parsed: ScanParse): boolean {
    const text = raw.trim();
    // Any badge-shaped code that is not a product code opens the PIN pad, known or not: which
    // badges exist is only told after a PIN was checked (against a dummy hash when unknown).
    if (this.ports.directory.isBadge(text) || (parsed.ok && parsed.code.kind === 'text' && looksLikeBadge(text))) {
      this.signIn.badgeScanned(text);
      return true;
    }
    if (this.signIn.active) {
      // A supervisor adds an item by scanning it.
      const before = this.engine.basket;
      this.engine.scan(raw, 'staff', true);
      this.audit('add-item', before, this.engine.basket, { code: raw.slice(0, 64) });
      this.signIn.active.lastActionAt = this.engine.deps.clock.now();
      return true;
    }
    return false;
  }

  // ---- signing out -----------------------------------------------------------------------

  private logoutBy(ctx: IntentContext): void {
    // Cancelling the PIN pad is anyone's; ending a supervisor's session is only theirs.
    if (this.signIn.active) this.signIn.require(ctx, 'logout');
    this.logout('logout');
  }

  /**
   * The carrier says a client is gone (a WebSocket closed): a supervisor session it owned ends,
   * since no other connection may act for it. Answers whether one ended.
   */
  clientGone(client: string): boolean {
    if (this.signIn.active?.client !== client) return false;
    this.log.info('supervisor session ended: its connection closed', { client });
    this.logout('logout-disconnected');
    this.engine.publish();
    return true;
  }

  private logout(action: string): void {
    // Staff who saw the customer's call and signed in here have helped: the call is finished.
    if (this.signIn.active && this.engine.assistance.ack && !this.lock) this.help.finishHelp('sign-out');
    if (this.signIn.active) this.audit(action, null, null, null);
    this.signIn.pending = null;
    this.signIn.active = null;
    this.done = null;
    // The check that stopped Pay is resolved: the customer continues to payment.
    if (this.lock === null) this.ports.payments?.resumeAfterCheck?.();
  }

  // ---- the customer's call for help --------------------------------------------------------

  /** A member of staff saw the call for help (see `StaffHelp.acknowledgeAssistance`). */
  acknowledgeAssistance(by: StaffIdentity, via: string): void {
    this.help.acknowledgeAssistance(by, via);
  }

  /** A remote console's "Help given" (see `StaffHelp.finishAssistance`). */
  finishAssistance(by: StaffIdentity, via: string): void {
    this.help.finishAssistance(by, via);
  }

  // ---- supervisor actions ----------------------------------------------------------------

  private staff(ctx: IntentContext, action: string, f: () => void, detail: unknown = null): void {
    const sup = this.signIn.require(ctx, action);
    const before = this.engine.basket;
    f();
    sup.lastActionAt = this.engine.deps.clock.now();
    this.audit(action, before, this.engine.basket, detail);
    this.done = staffDone(action, detail, null, sup.lastActionAt);
  }

  /** An audit detail for a payment action names the order as staff and receipts do. */
  private withOrderNo<T extends { merchantOrderId: string }>(p: T): T & { orderNo?: string } {
    const n = this.ports.payments?.orderNo?.(p.merchantOrderId) ?? null;
    return n ? { ...p, orderNo: n } : p;
  }

  /** Every outcome is audited: success, a refusal, and an unknown outcome alike. */
  private async staffAsync(ctx: IntentContext, action: string, f: (by: string) => Promise<unknown>, detail: unknown): Promise<void> {
    const sup = this.signIn.require(ctx, action);
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

  private need<T>(x: T | null, what: string): T {
    if (!x) throw new IntentRefused('not-available', `${what} are not available on this kiosk`);
    return x;
  }

  // ---- remote staff actions (the attendant console) ----------------------------------------

  /** True when some restricted line still waits for an age approval. */
  agePending(): boolean {
    return this.checks.agePending();
  }

  /** Whether a payment is under way (a session must not be cancelled or edited under it). */
  paymentBusy(): boolean {
    return this.remoteActions.paymentBusy();
  }

  /** A staff action from the attendant console (see `RemoteStaffActions.run`). */
  remote(a: RemoteStaffAction, by: StaffIdentity, via: string, lane: string): void {
    this.remoteActions.run(a, by, via, lane);
  }

  private editBasket(f: (b: Basket) => Basket): void {
    editBasket(this.engine, this.ports.payments, f);
  }

  private audit(action: string, before: Basket | null, after: Basket | null, detail: unknown): void {
    recordStaffAudit(this.ports.audit, this.engine, this.signIn.who(), action, before, after, detail);
  }

  // ---- time and view ---------------------------------------------------------------------

  tick(now: number): void {
    if (this.signIn.active && now - this.signIn.active.lastActionAt >= STAFF_IDLE_MS) {
      this.log.info('supervisor session ended by inactivity');
      this.logout('logout-idle');
    }
    if (this.signIn.pending && now - this.signIn.pending.since >= STAFF_IDLE_MS) this.signIn.pending = null;
  }

  view(v: KioskView): void {
    if (this.lock) v.lock = { reason: this.lock.reason, reasons: this.lock.reasons, since: this.lock.createdAt };
    this.staffConsole.view(v, this.done);
  }

  onSessionEnd(): void {
    // The lock belongs to the kiosk, not the session: it stays until a supervisor resolves it.
  }
}
