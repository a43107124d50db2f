import { describe, expect, it } from 'vitest';
import { canMove, DEFAULT_IDLE_POLICY, idleVerdict, move, SessionStateError } from '../../../electron/checkout/session';

describe('session state machine', () => {
  it('allows the customer journey and refuses shortcuts', () => {
    expect(move('attract', 'shopping')).toBe('shopping');
    expect(canMove('shopping', 'checkout')).toBe(true);
    expect(canMove('paying', 'finishing')).toBe(true);
    expect(() => move('attract', 'paying')).toThrow(SessionStateError);
    expect(() => move('finishing', 'shopping')).toThrow(/finishing to shopping/);
    expect(canMove('done', 'shopping')).toBe(false);
  });

  it('idle: prompt after idleMs, reset after the prompt, only while shopping', () => {
    const p = { ...DEFAULT_IDLE_POLICY, idleMs: 60_000, promptMs: 20_000 };
    const t0 = 1_000_000;
    expect(idleVerdict('shopping', t0, t0 + 59_999, p)).toEqual({ kind: 'active' });
    expect(idleVerdict('shopping', t0, t0 + 60_000, p)).toEqual({ kind: 'prompt', secondsLeft: 20 });
    expect(idleVerdict('shopping', t0, t0 + 70_500, p)).toEqual({ kind: 'prompt', secondsLeft: 10 });
    expect(idleVerdict('shopping', t0, t0 + 80_000, p)).toEqual({ kind: 'reset' });
    expect(idleVerdict('paying', t0, t0 + 1e9, p)).toEqual({ kind: 'active' });
    expect(idleVerdict('attract', t0, t0 + 1e9, p)).toEqual({ kind: 'active' });
    expect(idleVerdict('done', t0, t0 + p.doneMs, p)).toEqual({ kind: 'reset' });
  });
});
