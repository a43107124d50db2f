import { describe, expect, it } from 'vitest';
import { SupervisorSession } from '../../../electron/supervisor';

describe('SupervisorSession', () => {
  const mari = { badge: 'SUP-0001', name: 'Mari' };

  it('is active after start, ends after 60 s of quiet, and touch() extends it', () => {
    let now = 1_000_000;
    const s = new SupervisorSession({ now: () => now });
    expect(s.isActive()).toBe(false);
    expect(s.who()).toBeNull();
    s.start(mari);
    expect(s.who()).toEqual(mari);
    now += 59_999;
    expect(s.isActive(now)).toBe(true);
    expect(s.touch()).toBe(true);
    expect(s.endsAt()).toBe(now + 60_000);
    now += 59_999;
    expect(s.isActive(now)).toBe(true);
    now += 1;
    expect(s.isActive(now)).toBe(false);
    expect(s.who()).toBeNull();
    expect(s.touch()).toBe(false); // an idle session cannot be revived by a touch
  });

  it('end() logs out and returns who it was; start() hands over to another supervisor', () => {
    let now = 0;
    const s = new SupervisorSession({ now: () => now }, 10_000);
    s.start(mari);
    now = 5_000;
    s.start({ badge: 'SUP-0002', name: 'Jaan' });
    expect(s.since()).toBe(5_000);
    expect(s.who()?.badge).toBe('SUP-0002');
    expect(s.end()).toEqual({ badge: 'SUP-0002', name: 'Jaan' });
    expect(s.isActive()).toBe(false);
    expect(s.end()).toBeNull();
  });
});
