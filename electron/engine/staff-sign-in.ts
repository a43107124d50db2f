import type { IntentContext } from '../ipc/contract';
import type { KioskView } from '../ipc/view';
import { LoginThrottle, type ThrottlePolicy } from '../supervisor/throttle';
import type { Log } from '../log';
import { IntentRefused, type KioskEngine } from './engine';
import { recordStaffAudit } from './staff-audit';
import type { StaffIdentity, SupervisionPorts } from './supervision-ports';

/** A PIN pad or a supervisor session closes after this long without a staff action. */
export const STAFF_IDLE_MS = 60_000;

export interface ActiveSupervisor {
  badge: string;
  name: string;
  lastActionAt: number;
  /** The connection (or window) that logged in; only it may act as this supervisor. */
  client: string;
}

/** A badge scanned, its PIN not yet accepted (the PIN pad). */
export interface PendingBadge {
  badge: string;
  since: number;
  error: NonNullable<KioskView['supervisor']>['pinError'];
}

/**
 * Staff sign-in at the kiosk: badge, then PIN, checked one at a time behind the kiosk-wide
 * `LoginThrottle`. Holds who is signed in (and from which connection); signing out is the
 * caller's (`Supervision`), which clears `pending` and `active`.
 */
export class StaffSignIn {
  pending: PendingBadge | null = null;
  active: ActiveSupervisor | null = null;
  /** True while a PIN is being checked: further PINs are refused ('busy'), never queued. */
  private checking = false;
  /** Failed PINs across all badges: growing back-off and an assistance alert. */
  readonly throttle: LoginThrottle;

  constructor(
    private readonly engine: KioskEngine,
    private readonly ports: Pick<SupervisionPorts, 'directory' | 'audit'>,
    private readonly log: Log,
    throttle?: ThrottlePolicy,
  ) {
    this.throttle = new LoginThrottle(engine.deps.clock, throttle);
  }

  /** Who the audit log names for an action at the kiosk: the signed-in supervisor, else the badge on the PIN pad. */
  who(): StaffIdentity {
    return { badge: this.active?.badge ?? this.pending?.badge ?? '', name: this.active?.name ?? '' };
  }

  /** A badge-shaped code was scanned: the PIN pad opens for it (the signed-in badge again changes nothing). */
  badgeScanned(text: string): void {
    if (this.active?.badge === text) return;
    this.pending = { badge: text, since: this.engine.deps.clock.now(), error: null };
    this.active = null;
    this.log.info('supervisor badge scanned', { badgeSuffix: text.slice(-4) });
  }

  async enterPin(pin: string, ctx: IntentContext): Promise<void> {
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
    recordStaffAudit(this.ports.audit, this.engine, this.who(), 'login', null, null, { client: ctx.client });
  }

  /** Repeated failed PINs: the kiosk asks for assistance (staff light) and says so in the log. */
  private alert(failures: number): void {
    const e = this.engine;
    if (!e.assistanceRequested) this.log.warn('repeated failed supervisor logins: assistance requested', { failures });
    e.assistanceRequested = true;
  }

  /** The active supervisor, if `ctx` is the connection that logged them in; refused (and logged) otherwise. */
  require(ctx: IntentContext, action: string): ActiveSupervisor {
    if (!this.active) throw new IntentRefused('supervisor-required', 'a supervisor must be logged in', true);
    if (this.active.client !== ctx.client) {
      this.log.warn('supervisor intent from another connection refused', { action, client: ctx.client, owner: this.active.client, badge: this.active.badge });
      throw new IntentRefused('not-your-session', 'the supervisor session belongs to another screen', true);
    }
    return this.active;
  }
}
