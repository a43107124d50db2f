import { describe, expect, it } from 'vitest';
import { MAX_CLIENTS, TokenBuckets } from '../../../electron/node/buckets';

describe('per-client token buckets', () => {
  it('allows a burst, then one request per refill interval, with the wait in ms', () => {
    let now = 0;
    const b = new TokenBuckets({ perSecond: 2, burst: 3 }, () => now);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 0]);
    expect(b.take('a')).toBe(500);
    now = 250;
    expect(b.take('a')).toBe(250); // half a token refilled
    now = 500;
    expect(b.take('a')).toBe(0);
    expect(b.take('a')).toBe(500);
    // Refill stops at the burst size.
    now = 60_000;
    expect([b.take('a'), b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 0, 500]);
  });

  it('keeps clients apart and forgets the least recently seen beyond MAX_CLIENTS', () => {
    let now = 0;
    const b = new TokenBuckets({ perSecond: 1, burst: 1 }, () => now);
    expect(b.take('x')).toBe(0);
    expect(b.take('x')).toBe(1000);
    expect(b.take('y')).toBe(0);
    for (let i = 0; i < MAX_CLIENTS; i++) b.take(`c${i}`);
    expect(b.size).toBe(MAX_CLIENTS);
    now = 10;
    // x and y were forgotten: a full bucket (one request), never more.
    expect([b.take('x'), b.take('x')]).toEqual([0, 1000]);
  });

  it('refuses a limit that would never allow a request', () => {
    expect(() => new TokenBuckets({ perSecond: 0, burst: 1 })).toThrow(/perSecond/);
    expect(() => new TokenBuckets({ perSecond: 1, burst: 0 })).toThrow(/burst/);
  });
});
