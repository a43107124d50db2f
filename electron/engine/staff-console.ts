import type { Lang } from '../checkout/lang';
import type { KioskView, OrderRecordView, PickupOrderView, SmartsCheckView, StaffDoneView } from '../ipc/view';
import type { Log } from '../log';
import type { CheckLock } from './check-lock';
import type { KioskEngine } from './engine';
import { STAFF_IDLE_MS, type StaffSignIn } from './staff-sign-in';
import type { SupervisionPorts } from './supervision-ports';

/**
 * The staff screens in the view (`view.supervisor`): the PIN pad while a badge waits for its PIN,
 * else the supervisor's console (Smarts checks and pickups, orders, payments needing staff,
 * devices, the customer's call). A port that throws empties its list, never the view.
 */
export class StaffConsole {
  private smartsViewFailed = false;

  constructor(
    private readonly engine: KioskEngine,
    private readonly ports: Pick<SupervisionPorts, 'smarts' | 'payments' | 'deviceStatus' | 'staffLang'>,
    private readonly log: Log,
    private readonly signIn: StaffSignIn,
    private readonly checks: CheckLock,
  ) {}

  /** Sets `v.supervisor` while a badge waits for its PIN or a supervisor is signed in; `done` is the last staff action's confirmation. */
  view(v: KioskView, done: StaffDoneView | null): void {
    const e = this.engine;
    const now = e.deps.clock.now();
    if (this.signIn.pending) {
      v.supervisor = { phase: 'pin', lang: this.staffLang(), badge: this.signIn.pending.badge, name: null, pinError: this.signIn.pending.error, secondsLeft: Math.max(0, Math.ceil((this.signIn.pending.since + STAFF_IDLE_MS - now) / 1000)), smartsChecks: [], orders: [], attention: [], devices: {} };
    } else if (this.signIn.active) {
      v.supervisor = {
        phase: 'active',
        lang: this.staffLang(),
        badge: this.signIn.active.badge,
        name: this.signIn.active.name,
        pinError: null,
        secondsLeft: Math.max(0, Math.ceil((this.signIn.active.lastActionAt + STAFF_IDLE_MS - now) / 1000)),
        smartsChecks: this.smartsChecks(),
        ...(this.ports.smarts?.pickups ? { pickups: this.pickupOrders() } : {}),
        orders: this.orders(),
        attention: this.ports.payments?.attention() ?? [],
        devices: this.ports.deviceStatus(),
        done,
        lineNames: Object.fromEntries(e.basket.lines.map((l) => [l.id, l.name[this.staffLang()] || l.name.en])),
        help: e.assistance.requested && !this.checks.lock ? { minutes: e.assistance.minutesWaiting(now), acknowledgedBy: e.assistance.ack ? e.assistance.ack.name || e.assistance.ack.badge : null } : null,
      };
    }
  }

  private staffLang(): Lang {
    return this.ports.staffLang ?? this.engine.lang;
  }

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
}
