import { describe, expect, it } from 'vitest';
import { DuplicateFilter } from '../../../electron/devices/scanner/duplicate-filter';
import { backoffMs, scannerOptionsFrom, ScannerOptionsError } from '../../../electron/devices/scanner/options';

describe('DuplicateFilter', () => {
  it('drops an identical frame inside the window and passes it after', () => {
    const d = new DuplicateFilter(1000);
    expect(d.accept('A', 0)).toBe(true);
    expect(d.accept('A', 999)).toBe(false);
    // The window restarts at the repeat: the reader is still seeing the same label.
    expect(d.accept('A', 1998)).toBe(false);
    expect(d.accept('A', 2998)).toBe(true);
  });

  it('always passes a different frame', () => {
    const d = new DuplicateFilter(1000);
    expect(d.accept('A', 0)).toBe(true);
    expect(d.accept('B', 1)).toBe(true);
    expect(d.accept('A', 2)).toBe(true);
  });

  it('treats a clock that went backwards as outside the window', () => {
    const d = new DuplicateFilter(1000);
    expect(d.accept('A', 5000)).toBe(true);
    expect(d.accept('A', 4000)).toBe(true);
  });

  it('passes everything with a zero window', () => {
    const d = new DuplicateFilter(0);
    expect(d.accept('A', 0)).toBe(true);
    expect(d.accept('A', 0)).toBe(true);
  });
});

describe('scannerOptionsFrom', () => {
  it('fills the documented defaults', () => {
    expect(scannerOptionsFrom({ path: '/dev/ttyACM0' })).toEqual({
      path: '/dev/ttyACM0',
      baudRate: 9600,
      framing: { kind: 'suffix', suffix: 'CRLF' },
      maxFrameLength: 128,
      debounceMs: 1000,
      reconnect: { initialMs: 250, maxMs: 5000, factor: 2 },
      watchMs: 250,
    });
  });

  it('keeps given values and the clock', () => {
    const clock = { now: () => 42 };
    const o = scannerOptionsFrom({ path: '/x', baudRate: 115200, framing: { kind: 'silence', gapMs: 50 }, debounceMs: 0, clock });
    expect(o.baudRate).toBe(115200);
    expect(o.framing).toEqual({ kind: 'silence', gapMs: 50 });
    expect(o.debounceMs).toBe(0);
    expect(o.clock).toBe(clock);
  });

  it('defaults the silence gap to 30 ms', () => {
    expect(scannerOptionsFrom({ path: '/x', framing: { kind: 'silence' } as never }).framing).toEqual({ kind: 'silence', gapMs: 30 });
  });

  it.each([
    [{ path: '' }, 'path'],
    [{ path: '/x', baudRate: 0 }, 'baudRate'],
    [{ path: '/x', maxFrameLength: 0 }, 'maxFrameLength'],
    [{ path: '/x', debounceMs: -1 }, 'debounceMs'],
    [{ path: '/x', watchMs: -5 }, 'watchMs'],
    [{ path: '/x', reconnect: { initialMs: 500, maxMs: 100, factor: 2 } }, 'reconnect.maxMs'],
    [{ path: '/x', reconnect: { initialMs: 100, maxMs: 500, factor: 0.5 } }, 'reconnect.factor'],
    [{ path: '/x', framing: { kind: 'suffix', suffix: 'ETX' } as never }, 'framing.suffix'],
    [{ path: '/x', framing: { kind: 'silence', gapMs: 0 } }, 'framing.gapMs'],
  ])('refuses %j', (partial, field) => {
    let err: unknown;
    try {
      scannerOptionsFrom(partial as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScannerOptionsError);
    expect((err as ScannerOptionsError).field).toBe(field);
  });
});

describe('backoffMs', () => {
  it('grows by factor from initialMs and stops at maxMs', () => {
    const r = { initialMs: 250, maxMs: 5000, factor: 2 };
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffMs(r, n))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});
