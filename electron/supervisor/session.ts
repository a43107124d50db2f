/**
 * Who is logged in as supervisor on this kiosk, and until when. Pure and clock-injected: the
 * engine calls touch() on every supervisor action and ends the session after idleMs of quiet.
 */
import type { Supervisor } from './directory';

export class SupervisorSession {
  private current: Supervisor | null = null;
  private lastActivity = 0;
  private startedAt = 0;

  /** idleMs: quiet time after which the session is over. Default 60 000 ms. */
  constructor(
    private readonly clock: { now(): number },
    private readonly idleMs = 60_000,
  ) {
    if (!Number.isFinite(idleMs) || idleMs <= 0) throw new RangeError('idleMs must be a positive number of ms');
  }

  /** Starts (or hands over to) a supervisor's session now. */
  start(sup: Supervisor): void {
    this.current = { badge: sup.badge, name: sup.name };
    this.startedAt = this.lastActivity = this.clock.now();
  }

  /** Records activity; returns false (and changes nothing) when no session is active. */
  touch(): boolean {
    const now = this.clock.now();
    if (!this.isActive(now)) return false;
    this.lastActivity = now;
    return true;
  }

  /** True while started, not ended, and less than idleMs since the last activity. */
  isActive(now: number = this.clock.now()): boolean {
    return this.current !== null && now - this.lastActivity < this.idleMs;
  }

  /** Ends the session (logout or idle); returns who it was, for the audit log. */
  end(): Supervisor | null {
    const was = this.current;
    this.current = null;
    return was;
  }

  /** The active supervisor, or null when nobody is logged in or the session went idle. */
  who(now: number = this.clock.now()): Supervisor | null {
    return this.isActive(now) && this.current ? { ...this.current } : null;
  }

  /** Epoch ms at which the session will end unless touched; null when not active. */
  endsAt(now: number = this.clock.now()): number | null {
    return this.isActive(now) ? this.lastActivity + this.idleMs : null;
  }

  /** Epoch ms the current session started; null when not active. */
  since(now: number = this.clock.now()): number | null {
    return this.isActive(now) ? this.startedAt : null;
  }
}
