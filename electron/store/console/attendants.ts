/**
 * Who is signed in on the attendant console: badge + PIN against the kiosk's supervisor
 * directory, with the kiosk's lock-out rules — the per-badge lock is the directory's own (SQLite,
 * shared with the kiosk: a badge locked on the console is locked at the kiosk too), and a
 * `LoginThrottle` with the kiosk's policy backs off failed PINs across all badges. A session is a
 * random token (32 bytes) that ends at logout or after `idleMs` without an action.
 */
import { randomBytes } from 'node:crypto';
import { LoginThrottle, type ThrottlePolicy } from '../../supervisor/throttle';
import type { Log } from '../../log';
import type { StaffIdentity } from '../lane';

export interface AttendantDirectory {
  isLocked?(badge: string): boolean;
  verify(badge: string, pin: string): Promise<{ ok: true; supervisor: StaffIdentity } | { ok: false; reason: 'unknown-badge' | 'wrong-pin' | 'locked' | 'inactive'; lockedUntil?: number; attemptsLeft?: number }>;
}

export interface AuditPort {
  record(e: { at: number; supervisorBadge: string; supervisorName: string; action: string; kioskSessionId: string | null; basketBefore: unknown; basketAfter: unknown; detail: unknown }): number;
}

/** Why a sign-in was refused (the console words each one: `console.login.errors.<code>`). */
export const LOGIN_REFUSAL_CODES = ['unknown-badge', 'wrong-pin', 'locked', 'inactive', 'login-backoff', 'busy'] as const;
export type LoginAnswer =
  | { ok: true; token: string; staff: StaffIdentity; idleMs: number }
  | { ok: false; code: (typeof LOGIN_REFUSAL_CODES)[number]; message: string; attemptsLeft: number | null; lockedUntil: number | null };

interface Session {
  staff: StaffIdentity;
  lastActionAt: number;
}

export class Attendants {
  private readonly sessions = new Map<string, Session>();
  private readonly throttle: LoginThrottle;
  private checking = false;

  constructor(
    private readonly o: {
      directory: AttendantDirectory;
      /** The directory's clock (lock-out times); idle times use `now` too. */
      clock: { now(): number };
      idleMs: number;
      log: Log;
      audit?: AuditPort;
      throttle?: ThrottlePolicy;
    },
  ) {
    this.throttle = new LoginThrottle(o.clock, o.throttle);
  }

  /** Badge + PIN. One check at a time (`busy` otherwise), as at the kiosk. */
  async login(badge: string, pin: string, via: string): Promise<LoginAnswer> {
    if (this.checking) return { ok: false, code: 'busy', message: 'a PIN is being checked; try again in a moment', attemptsLeft: null, lockedUntil: null };
    const start = this.o.clock.now();
    const wait = this.throttle.blockedUntil(start);
    // Refused without hashing: a flood of PINs costs nothing.
    if (wait !== null) return { ok: false, code: 'login-backoff', message: 'too many wrong PINs; wait a moment', attemptsLeft: null, lockedUntil: wait };
    const lockedBefore = this.o.directory.isLocked?.(badge) ?? false;
    this.checking = true;
    let r: Awaited<ReturnType<AttendantDirectory['verify']>>;
    try {
      r = await this.o.directory.verify(badge, pin);
    } finally {
      this.checking = false;
    }
    const now = this.o.clock.now();
    if (!r.ok) {
      const t = lockedBefore ? { blockedUntil: null } : this.throttle.failed(now);
      if (!lockedBefore) this.audit(now, { badge, name: '' }, 'console-login-failed', { via, reason: r.reason });
      return { ok: false, code: r.reason, message: r.reason === 'locked' ? 'this badge is locked for a few minutes' : 'the PIN was not accepted', attemptsLeft: r.attemptsLeft ?? null, lockedUntil: r.lockedUntil ?? t.blockedUntil ?? null };
    }
    this.throttle.succeeded();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { staff: r.supervisor, lastActionAt: now });
    this.audit(now, r.supervisor, 'console-login', { via });
    return { ok: true, token, staff: r.supervisor, idleMs: this.o.idleMs };
  }

  /** The attendant of a live session (and marks it active), or null when unknown or idle. */
  touch(token: string): StaffIdentity | null {
    const s = this.who(token);
    if (s) this.sessions.get(token)!.lastActionAt = this.o.clock.now();
    return s;
  }

  who(token: string): StaffIdentity | null {
    const s = this.sessions.get(token);
    if (!s) return null;
    if (this.o.clock.now() - s.lastActionAt >= this.o.idleMs) {
      this.end(token, 'console-logout-idle');
      return null;
    }
    return s.staff;
  }

  /** Ends a session (logout, idle); answers whether it existed. */
  end(token: string, action = 'console-logout', via = ''): boolean {
    const s = this.sessions.get(token);
    if (!s) return false;
    this.sessions.delete(token);
    this.audit(this.o.clock.now(), s.staff, action, via ? { via } : null);
    return true;
  }

  /** Ends every session idle for `idleMs`; answers their tokens. */
  sweep(): string[] {
    const out: string[] = [];
    for (const token of [...this.sessions.keys()]) if (this.who(token) === null) out.push(token);
    return out;
  }

  private audit(at: number, staff: StaffIdentity, action: string, detail: unknown): void {
    try {
      this.o.audit?.record({ at, supervisorBadge: staff.badge, supervisorName: staff.name, action, kioskSessionId: null, basketBefore: null, basketAfter: null, detail });
    } catch (e) {
      this.o.log.error('console audit failed', { action, error: e as Error });
    }
  }
}
