import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLog, DEFAULT_REPEAT, memoryLog } from '../../../electron/log';

describe('repeated log lines', () => {
  afterEach(() => vi.useRealTimers());

  it('a scanner spewing garbage: the first few lines are written, the rest counted in one "repeated N times" line', () => {
    vi.useFakeTimers();
    let now = 0;
    const log = memoryLog('kiosk', { windowMs: 10_000, burst: 3, now: () => now });
    const scanner = log.child('scanner');
    for (let i = 0; i < 1000; i++) {
      now = i * 5; // 1000 frames in 5 s
      scanner.warn('scanner frame dropped', { preview: `garbage ${i}` });
    }
    log.warn('another message'); // other messages are not held back
    expect(log.lines.filter((l) => l.msg === 'scanner frame dropped')).toHaveLength(3);
    expect(log.lines.some((l) => l.msg === 'another message')).toBe(true);
    now = 10_000;
    vi.advanceTimersByTime(10_000);
    const summary = log.lines.filter((l) => String(l.msg).startsWith('scanner frame dropped (repeated'));
    expect(summary).toEqual([expect.objectContaining({ msg: 'scanner frame dropped (repeated 997 times)', repeated: 997, level: 'warn', scope: 'kiosk.scanner' })]);
    // A new window starts afresh.
    scanner.warn('scanner frame dropped');
    expect(log.lines.filter((l) => l.msg === 'scanner frame dropped')).toHaveLength(4);
  });

  it('a recurrence after the window writes the held count first (no timer needed)', () => {
    let now = 0;
    const lines: string[] = [];
    const log = createLog('x', (l) => lines.push(l), 'info', { windowMs: 1000, burst: 1, now: () => now });
    log.warn('w');
    log.warn('w');
    log.warn('w');
    now = 1000;
    log.warn('w');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['w', 'w (repeated 2 times)', 'w']);
  });

  it('debug is not limited; production logs limit by default', () => {
    expect(DEFAULT_REPEAT).toEqual({ windowMs: 10_000, burst: 3 });
    const log = memoryLog('y', { windowMs: 1000, burst: 1 });
    for (let i = 0; i < 5; i++) log.debug('d');
    expect(log.lines).toHaveLength(5);
  });
});
