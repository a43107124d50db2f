import { removeLine } from '../checkout/basket';
import type { CheckLock } from './check-lock';
import { IntentRefused, type KioskEngine } from './engine';
import { basketSummary } from './staff-audit';
import { editBasket } from './staff-basket';
import type { StaffHelp } from './staff-help';
import type { StaffSignIn } from './staff-sign-in';
import type { RemoteStaffAction, StaffIdentity, SupervisionPorts } from './supervision-ports';

/**
 * Staff actions from the attendant console (electron/store/lane-agent.ts), run through the same
 * paths as the kiosk's supervisor and audited with the attendant and where it came from.
 */
export class RemoteStaffActions {
  constructor(
    private readonly engine: KioskEngine,
    private readonly ports: Pick<SupervisionPorts, 'audit' | 'payments'>,
    private readonly checks: CheckLock,
    private readonly help: StaffHelp,
    private readonly signIn: StaffSignIn,
  ) {}

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
  run(a: RemoteStaffAction, by: StaffIdentity, via: string, lane: string): void {
    const e = this.engine;
    const before = e.basket;
    const sessionId = e.sessionId;
    const detail = { via, lane, ...('reason' in a ? { reason: a.reason } : {}), ...('lineId' in a ? { lineId: a.lineId } : {}) };
    switch (a.kind) {
      case 'ack-help':
        this.help.ackHelp(by, via);
        break;
      case 'pass-check':
        if (this.checks.lock?.reason !== 'purchase-check') throw new IntentRefused('no-purchase-check', 'no purchase check is waiting on this lane', true);
        this.checks.resolveLock('passed', false, by.badge);
        break;
      case 'fail-check':
        if (!this.checks.lock) throw new IntentRefused('not-locked', 'no check is waiting on this lane', true);
        this.checks.failCheck(by.badge);
        break;
      case 'approve-age':
        if (!this.checks.agePending()) throw new IntentRefused('no-age-check', 'no age check is waiting on this lane', true);
        this.checks.approveAge(by.badge);
        break;
      case 'void-line':
        if (this.checks.lock?.reason === 'age-check') throw new IntentRefused('age-check', 'an age check is waiting: void at the kiosk', true);
        editBasket(e, this.ports.payments, (b) => removeLine(b, a.lineId));
        break;
      case 'cancel-session':
        if (!sessionId) throw new IntentRefused('no-session', 'no customer session on this lane', true);
        if (this.paymentBusy()) throw new IntentRefused('payment-in-progress', 'a payment is under way: cancel it at the kiosk', true);
        this.checks.cancelSession(by.badge);
        break;
    }
    this.ports.audit.record({ at: e.deps.clock.now(), supervisorBadge: by.badge, supervisorName: by.name, action: a.kind, kioskSessionId: sessionId, basketBefore: basketSummary(before), basketAfter: basketSummary(e.basket), detail });
    // Resolved from afar: a customer stopped at Pay goes on to pay (unless staff are at the kiosk).
    if (this.checks.lock === null && !this.signIn.active && !this.signIn.pending && (a.kind === 'pass-check' || a.kind === 'approve-age')) this.ports.payments?.resumeAfterCheck?.();
  }
}
