/**
 * The customer session's main states and the legal moves between them. Overlays (locked,
 * supervisor, outOfOrder) sit on top of any state and are kept by the engine.
 * Time is never read here: callers pass `now` from the injected clock.
 */
export type SessionState = 'attract' | 'shopping' | 'checkout' | 'paying' | 'finishing' | 'done';

const MOVES: Record<SessionState, readonly SessionState[]> = {
  attract: ['shopping'],
  shopping: ['checkout', 'attract'],
  checkout: ['paying', 'shopping', 'attract'],
  paying: ['finishing', 'shopping', 'attract'],
  finishing: ['done'],
  done: ['attract'],
};

export class SessionStateError extends Error {
  readonly kind = 'SessionStateError';
  constructor(readonly from: SessionState, readonly to: SessionState) {
    super(`cannot go from ${from} to ${to}`);
  }
}

export function canMove(from: SessionState, to: SessionState): boolean {
  return MOVES[from].includes(to);
}

export function move(from: SessionState, to: SessionState): SessionState {
  if (!canMove(from, to)) throw new SessionStateError(from, to);
  return to;
}

/** Inactivity settings in milliseconds. */
export interface IdlePolicy {
  /** Inactivity in `shopping` before "Are you still there?" (default 120 000). */
  idleMs: number;
  /** How long the prompt waits before the basket is cleared (default 30 000). */
  promptMs: number;
  /** How long the thank-you screen stays before attract (default 10 000). */
  doneMs: number;
}

export const DEFAULT_IDLE_POLICY: IdlePolicy = { idleMs: 120_000, promptMs: 30_000, doneMs: 10_000 };

export type IdleVerdict = { kind: 'active' } | { kind: 'prompt'; secondsLeft: number } | { kind: 'reset' };

/**
 * What inactivity means right now. Only `shopping` (customer may have walked away) and
 * `done` (thank-you screen) time out; checkout and payment have timeouts of their own.
 */
export function idleVerdict(state: SessionState, lastActivityAt: number, now: number, p: IdlePolicy): IdleVerdict {
  const quiet = now - lastActivityAt;
  if (state === 'done') return quiet >= p.doneMs ? { kind: 'reset' } : { kind: 'active' };
  if (state !== 'shopping') return { kind: 'active' };
  if (quiet < p.idleMs) return { kind: 'active' };
  const left = p.idleMs + p.promptMs - quiet;
  if (left <= 0) return { kind: 'reset' };
  return { kind: 'prompt', secondsLeft: Math.ceil(left / 1000) };
}
