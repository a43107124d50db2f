import { describe, expect, it } from 'vitest';
import { createWedgeDetector, GS, type WedgeVerdict } from '../../../renderer/input/wedge';
import { createThrottle } from '../../../renderer/input/throttle';

/** Feeds keys at a fixed gap starting at t0; returns every verdict. */
function type(d: ReturnType<typeof createWedgeDetector>, keys: string[], gapMs: number, t0 = 1000): WedgeVerdict[] {
  return keys.map((key, i) => d.feed({ key, time: t0 + i * gapMs }));
}

const chars = (s: string) => [...s];

describe('keyboard wedge detector', () => {
  it('turns a fast burst ending in Enter into a scan', () => {
    const d = createWedgeDetector();
    const v = type(d, [...chars('4740000000017'), 'Enter'], 8);
    expect(v.at(-1)).toEqual({ action: 'scan', code: '4740000000017' });
    // The first key cannot be known yet; every following one is swallowed.
    expect(v[0]).toEqual({ action: 'pass' });
    expect(v.slice(1, -1).every((x) => x.action === 'swallow')).toBe(true);
  });

  it('leaves human typing alone', () => {
    const d = createWedgeDetector();
    const v = type(d, [...chars('1234'), 'Enter'], 120);
    expect(v.every((x) => x.action === 'pass')).toBe(true);
  });

  it('needs at least 4 characters (configurable)', () => {
    expect(type(createWedgeDetector(), [...chars('123'), 'Enter'], 5).at(-1)).toEqual({ action: 'pass' });
    expect(type(createWedgeDetector({ minLength: 3 }), [...chars('123'), 'Enter'], 5).at(-1)).toEqual({ action: 'scan', code: '123' });
  });

  it('respects a configured gap', () => {
    expect(type(createWedgeDetector(), [...chars('12345'), 'Enter'], 50).at(-1)).toEqual({ action: 'pass' });
    expect(type(createWedgeDetector({ maxGapMs: 60 }), [...chars('12345'), 'Enter'], 50).at(-1)).toEqual({ action: 'scan', code: '12345' });
  });

  it('drops a burst without Enter once it times out', () => {
    const d = createWedgeDetector();
    type(d, chars('4740000000017'), 8);
    expect(d.pending).toBe(true);
    expect(d.expire(1000 + 12 * 8 + 10)).toBe(false);
    expect(d.expire(1000 + 12 * 8 + 36)).toBe(true);
    expect(d.pending).toBe(false);
    expect(d.feed({ key: 'Enter', time: 1200 })).toEqual({ action: 'pass' });
  });

  it('does not count a late Enter as the end of a burst', () => {
    const d = createWedgeDetector();
    type(d, chars('4740000000017'), 8);
    expect(d.feed({ key: 'Enter', time: 1000 + 12 * 8 + 200 })).toEqual({ action: 'pass' });
  });

  it('restarts the burst after a slow key, so a human prefix does not join a scan', () => {
    const d = createWedgeDetector();
    d.feed({ key: 'x', time: 0 });
    const v = type(d, [...chars('12345'), 'Enter'], 10, 500);
    expect(v.at(-1)).toEqual({ action: 'scan', code: '12345' });
  });

  it('ignores Shift within a burst (upper-case letters from the scanner)', () => {
    const d = createWedgeDetector();
    const v = type(d, ['A', 'Shift', 'B', 'Shift', 'C', 'D', 'Enter'], 6);
    expect(v.at(-1)).toEqual({ action: 'scan', code: 'ABCD' });
    expect(v[1]).toEqual({ action: 'swallow' });
  });

  it('breaks a burst on a navigation key', () => {
    const d = createWedgeDetector();
    const v = type(d, ['1', '2', 'ArrowLeft', '3', '4', 'Enter'], 5);
    expect(v.at(-1)).toEqual({ action: 'pass' });
  });

  it('maps the documented GS substitutes to ASCII 29 (GS1 separators)', () => {
    const gs = type(createWedgeDetector(), [...chars('0104740000000017'), 'GroupSeparator', ...chars('10ABC'), 'Enter'], 5).at(-1);
    expect(gs).toEqual({ action: 'scan', code: `0104740000000017${GS}10ABC` });
    const f8 = type(createWedgeDetector({ gsKeys: ['F8'] }), [...chars('0112'), 'F8', ...chars('10A'), 'Enter'], 5).at(-1);
    expect(f8).toEqual({ action: 'scan', code: `0112${GS}10A` });
    // Without the mapping, F8 is a non-printable key and breaks the burst.
    expect(type(createWedgeDetector(), [...chars('0112'), 'F8', ...chars('10A'), 'Enter'], 5).at(-1)).toEqual({ action: 'pass' });
    const literal = type(createWedgeDetector(), [...chars('0112'), '\x1d', ...chars('10A'), 'Enter'], 5).at(-1);
    expect(literal).toEqual({ action: 'scan', code: `0112${GS}10A` });
  });

  it('supports other terminators', () => {
    const d = createWedgeDetector({ terminators: ['Tab'] });
    expect(type(d, [...chars('98765'), 'Tab'], 5).at(-1)).toEqual({ action: 'scan', code: '98765' });
  });

  it('detects two scans in a row', () => {
    const d = createWedgeDetector();
    expect(type(d, [...chars('11111'), 'Enter'], 5, 0).at(-1)).toEqual({ action: 'scan', code: '11111' });
    expect(type(d, [...chars('22222'), 'Enter'], 5, 30).at(-1)).toEqual({ action: 'scan', code: '22222' });
  });
});

describe('throttle', () => {
  it('fires at most once per interval', () => {
    const t = createThrottle(2000);
    expect([0, 500, 1999, 2000, 2500, 4100].map((n) => t.tryFire(n))).toEqual([true, false, false, true, false, true]);
  });
});
