/**
 * Supervisor credentials in the journal database: badge + PIN, with a per-badge lock after
 * repeated wrong PINs. The failure counter lives in SQLite so a restart does not reset it.
 */
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { Log } from '../log';
import { hashPin, pinHashProblem, verifyPin } from './pin-hash';
import { checkBadge, checkName, checkPin, SupervisorInputError } from './rules';

export interface SupervisorRecord {
  badge: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash`, see pin-hash.ts. */
  pinHash: string;
  active: boolean;
}

export interface Supervisor {
  badge: string;
  name: string;
}

export type VerifyResult =
  | { ok: true; supervisor: Supervisor }
  | { ok: false; reason: 'unknown-badge' | 'wrong-pin' | 'locked' | 'inactive'; lockedUntil?: number; attemptsLeft?: number };

export interface LockPolicy {
  /** Consecutive wrong PINs that lock the badge. Default 5. */
  maxFailures?: number;
  /** How long a lock lasts, in ms. Default 300 000 (five minutes). */
  lockMs?: number;
  /** Fewest PIN digits accepted (set and login). Default 4 (demo); store mode uses 6. */
  minPinDigits?: number;
}

/** One supervisor from the store configuration file: the PIN only as a hash. */
export const configSupervisorSchema = z.strictObject({
  badge: z.string(),
  name: z.string(),
  pinHash: z.string().superRefine((text, ctx) => {
    const problem = pinHashProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  active: z.boolean().optional(),
});
export type ConfigSupervisor = z.input<typeof configSupervisorSchema>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS supervisors (
  badge      TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  pin_hash   TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS login_failures (
  badge           TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  locked_until    INTEGER
);`;

interface SupervisorRow {
  badge: string;
  name: string;
  pin_hash: string;
  active: 0 | 1;
}
interface FailureRow {
  failures: number;
  locked_until: number | null;
}

// Verified against when the badge is unknown or locked, so those answers cost the same
// scrypt work as a real check and timing does not tell which badges exist.
let dummyHash: string | undefined;

export class SupervisorDirectory {
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private readonly dummy: string;
  readonly minPinDigits: number;
  /** verify() calls run one at a time, so the failure count is exact under concurrent requests. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly q: {
    get: Statement<[string], SupervisorRow>;
    list: Statement<[], SupervisorRow>;
    isBadge: Statement<[string], { one: 1 }>;
    upsert: Statement<{ badge: string; name: string; hash: string; active: number; now: number }>;
    setPin: Statement<{ badge: string; hash: string; now: number }>;
    setActive: Statement<{ badge: string; active: number; now: number }>;
    failures: Statement<[string], FailureRow>;
    fail: Statement<{ badge: string; now: number; max: number; until: number }, FailureRow>;
    clearFailures: Statement<[string]>;
  };

  constructor(
    private readonly db: Database,
    private readonly log: Log,
    private readonly clock: { now(): number },
    opts: LockPolicy = {},
  ) {
    this.maxFailures = opts.maxFailures ?? 5;
    this.lockMs = opts.lockMs ?? 300_000;
    if (!Number.isInteger(this.maxFailures) || this.maxFailures < 1) throw new RangeError('maxFailures must be a positive integer');
    if (!Number.isInteger(this.lockMs) || this.lockMs < 1) throw new RangeError('lockMs must be a positive integer (ms)');
    this.minPinDigits = opts.minPinDigits ?? 4;
    if (!Number.isInteger(this.minPinDigits) || this.minPinDigits < 4 || this.minPinDigits > 8) throw new RangeError('minPinDigits must be 4 to 8');
    db.exec(SCHEMA);
    this.dummy = dummyHash ??= hashPin('00000000');
    this.q = {
      get: db.prepare('SELECT badge, name, pin_hash, active FROM supervisors WHERE badge = ?'),
      list: db.prepare('SELECT badge, name, pin_hash, active FROM supervisors ORDER BY badge'),
      isBadge: db.prepare('SELECT 1 AS one FROM supervisors WHERE badge = ? AND active = 1'),
      upsert: db.prepare(`INSERT INTO supervisors (badge, name, pin_hash, active, updated_at) VALUES (@badge, @name, @hash, @active, @now)
        ON CONFLICT(badge) DO UPDATE SET name = excluded.name, pin_hash = excluded.pin_hash, active = excluded.active, updated_at = excluded.updated_at`),
      setPin: db.prepare('UPDATE supervisors SET pin_hash = @hash, updated_at = @now WHERE badge = @badge'),
      setActive: db.prepare('UPDATE supervisors SET active = @active, updated_at = @now WHERE badge = @badge'),
      failures: db.prepare('SELECT failures, locked_until FROM login_failures WHERE badge = ?'),
      // One statement: a lock that has run out starts the count again from 1. SET expressions
      // all see the old row, so the lock test repeats the new count.
      fail: db.prepare(`INSERT INTO login_failures (badge, failures, last_failure_at, locked_until)
          VALUES (@badge, 1, @now, CASE WHEN 1 >= @max THEN @until END)
        ON CONFLICT(badge) DO UPDATE SET
          failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failures + 1 END,
          last_failure_at = @now,
          locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failures + 1 END) >= @max
                              THEN @until END
        RETURNING failures, locked_until`),
      clearFailures: db.prepare('DELETE FROM login_failures WHERE badge = ?'),
    };
  }

  /** Adds a supervisor or replaces name and PIN (active again); clears any failure count. PIN: 4–8 digits. */
  upsert(badge: string, name: string, pin: string): void {
    checkBadge(badge);
    const cleanName = checkName(name);
    checkPin(pin, this.minPinDigits);
    const hash = hashPin(pin);
    this.db.transaction(() => {
      this.q.upsert.run({ badge, name: cleanName, hash, active: 1, now: this.clock.now() });
      this.q.clearFailures.run(badge);
    })();
    this.log.info('supervisor saved', { badge, name: cleanName });
  }

  /** Changes the PIN of an existing badge and clears its failure count (an admin unlock). */
  setPin(badge: string, pin: string): void {
    checkPin(pin, this.minPinDigits);
    const hash = hashPin(pin);
    const changed = this.db.transaction(() => {
      const r = this.q.setPin.run({ badge, hash, now: this.clock.now() });
      if (r.changes > 0) this.q.clearFailures.run(badge);
      return r.changes;
    })();
    if (changed === 0) throw new SupervisorInputError('unknown-badge', 'no supervisor has this badge');
    this.log.info('supervisor PIN changed', { badge });
  }

  /** Turns a badge on or off without deleting it (its audit history keeps the name). */
  setActive(badge: string, active: boolean): void {
    const r = this.q.setActive.run({ badge, active: active ? 1 : 0, now: this.clock.now() });
    if (r.changes === 0) throw new SupervisorInputError('unknown-badge', 'no supervisor has this badge');
    this.log.info(active ? 'supervisor activated' : 'supervisor deactivated', { badge });
  }

  /**
   * Checks badge + PIN, off the engine's thread (async scrypt), one check at a time. Wrong PINs
   * are counted (stored before this resolves); the maxFailures-th one locks the badge for
   * lockMs and answers 'locked'. A locked badge answers 'locked' even with the right PIN; a
   * right PIN otherwise clears the count. Unknown and inactive badges and too-short PINs cost
   * the same scrypt work as a wrong PIN (against a dummy hash), so timing does not tell them
   * apart; a locked badge is answered at once.
   */
  verify(badge: string, pin: string): Promise<VerifyResult> {
    const run = this.queue.then(
      () => this.verifyNow(badge, pin),
      () => this.verifyNow(badge, pin),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async verifyNow(badge: string, pin: string): Promise<VerifyResult> {
    const row = this.q.get.get(badge);
    if (!row) {
      await verifyPin(pin, this.dummy);
      // The badge text is not logged: a PIN typed into the badge field would end up in the log.
      this.log.warn('supervisor login refused', { reason: 'unknown-badge' });
      return { ok: false, reason: 'unknown-badge' };
    }
    const now = this.clock.now();
    const before = this.q.failures.get(badge);
    if (before?.locked_until != null && now < before.locked_until) {
      // No scrypt work: the answer itself says the badge exists and is locked (shown as
      // "Locked until"), so timing hides nothing here, and a flood of PINs for a locked
      // badge costs nothing.
      this.log.warn('supervisor login refused', { badge, reason: 'locked', lockedUntil: before.locked_until });
      return { ok: false, reason: 'locked', lockedUntil: before.locked_until, attemptsLeft: 0 };
    }
    const longEnough = pin.length >= this.minPinDigits;
    const good = (await verifyPin(pin, longEnough ? row.pin_hash : this.dummy)) && longEnough;
    if (row.active === 0) {
      this.log.warn('supervisor login refused', { badge, reason: 'inactive' });
      return { ok: false, reason: 'inactive' };
    }
    if (good) {
      this.q.clearFailures.run(badge);
      this.log.info('supervisor login', { badge });
      return { ok: true, supervisor: { badge: row.badge, name: row.name } };
    }
    const at = this.clock.now();
    const after = this.q.fail.get({ badge, now: at, max: this.maxFailures, until: at + this.lockMs });
    if (!after) throw new Error('login_failures upsert returned no row');
    if (after.locked_until !== null) {
      this.log.warn('supervisor badge locked', { badge, failures: after.failures, lockedUntil: after.locked_until });
      return { ok: false, reason: 'locked', lockedUntil: after.locked_until, attemptsLeft: 0 };
    }
    const attemptsLeft = Math.max(0, this.maxFailures - after.failures);
    this.log.warn('supervisor login refused', { badge, reason: longEnough ? 'wrong-pin' : 'pin-too-short', attemptsLeft });
    return { ok: false, reason: 'wrong-pin', attemptsLeft };
  }

  /** True while the badge is locked after too many wrong PINs (unknown badges: false). */
  isLocked(badge: string): boolean {
    const f = this.q.failures.get(badge);
    return f?.locked_until != null && this.clock.now() < f.locked_until;
  }

  /** A scanned frame that is a known, active badge (exact match). */
  isBadge(text: string): boolean {
    return this.q.isBadge.get(text) !== undefined;
  }

  list(): Array<{ badge: string; name: string; active: boolean }> {
    return this.q.list.all().map((r) => ({ badge: r.badge, name: r.name, active: r.active === 1 }));
  }

  /**
   * Upserts supervisors from the store configuration by hash (all or none). The failure count
   * is cleared only when the hash really changed, so re-reading the same config at every boot
   * does not lift a lock. Returns how many rows were added, changed or left as they were.
   */
  loadSupervisorsFromConfig(list: ConfigSupervisor[]): { added: number; updated: number; unchanged: number } {
    const entries = list.map((raw, i) => {
      const parsed = configSupervisorSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SupervisorInputError('bad-hash', `supervisors[${i}].${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      const e = parsed.data;
      try {
        checkBadge(e.badge);
        return { badge: e.badge, name: checkName(e.name), hash: e.pinHash, active: e.active ?? true };
      } catch (err) {
        if (err instanceof SupervisorInputError) throw new SupervisorInputError(err.code, `supervisors[${i}]: ${err.message}`);
        throw err;
      }
    });
    const counts = { added: 0, updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      for (const e of entries) {
        const old = this.q.get.get(e.badge);
        if (old && old.name === e.name && old.pin_hash === e.hash && old.active === (e.active ? 1 : 0)) {
          counts.unchanged += 1;
          continue;
        }
        this.q.upsert.run({ badge: e.badge, name: e.name, hash: e.hash, active: e.active ? 1 : 0, now: this.clock.now() });
        if (!old || old.pin_hash !== e.hash) this.q.clearFailures.run(e.badge);
        counts[old ? 'updated' : 'added'] += 1;
      }
    })();
    this.log.info('supervisors loaded from config', counts);
    return counts;
  }
}
