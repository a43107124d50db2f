import { describe, expect, it } from 'vitest';
import { SilenceFramer, type FramerTimers } from '../../../electron/devices/scanner/silence-framer';
import type { FrameOutcome } from '../../../electron/devices/scanner/frame-check';

/** Manual timers: `advance(ms)` runs what falls due, like a fake clock. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: FramerTimers = {
    setTimeout: (fn, ms) => {
      pending.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => {
      pending.delete(h as number);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((x, y) => x[1].at - y[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = until;
  };
  return { timers, advance, pending };
}

function framer(gapMs = 30, max = 128) {
  const clock = fakeTimers();
  const out: FrameOutcome[] = [];
  const f = new SilenceFramer(gapMs, max, (o) => out.push(o), clock.timers);
  const push = (s: string | number[]) => f.push(typeof s === 'string' ? Buffer.from(s, 'latin1') : Uint8Array.from(s));
  const texts = () => out.flatMap((o) => (o.kind === 'frame' ? [o.text] : []));
  return { f, out, push, texts, ...clock };
}

describe('SilenceFramer', () => {
  it('ends a frame only after gapMs without bytes', () => {
    const t = framer(30);
    t.push('4006');
    t.advance(20);
    t.push('381333');
    t.advance(29);
    t.push('931');
    t.advance(29);
    expect(t.out).toEqual([]);
    t.advance(1);
    expect(t.out).toEqual([{ kind: 'frame', text: '4006381333931', bytes: 13 }]);
  });

  it('separates frames by silence', () => {
    const t = framer(30);
    t.push('AAA');
    t.advance(30);
    t.push('BBB');
    t.advance(100);
    expect(t.texts()).toEqual(['AAA', 'BBB']);
    expect(t.pending.size).toBe(0);
  });

  it('strips one trailing CR, LF, CRLF or TAB, but drops inner control bytes as garbage', () => {
    const t = framer(30);
    for (const s of ['A1\r', 'A2\n', 'A3\r\n', 'A4\t', 'A5\r\r']) {
      t.push(s);
      t.advance(30);
    }
    expect(t.texts()).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(t.out.at(-1)).toMatchObject({ kind: 'dropped', reason: 'garbage', bytes: 3, badAt: 2 });
  });

  it('reports a terminator-only burst as empty', () => {
    const t = framer(30);
    t.push('\r\n');
    t.advance(30);
    expect(t.out).toEqual([{ kind: 'dropped', reason: 'empty', bytes: 0, preview: '' }]);
  });

  it('drops garbage and then delivers the next frame', () => {
    const t = framer(30);
    t.push([0x41, 0x1b, 0x42]);
    t.advance(30);
    t.push('5901234123457');
    t.advance(30);
    expect(t.out).toEqual([
      { kind: 'dropped', reason: 'garbage', bytes: 3, preview: '411b', badAt: 1 },
      { kind: 'frame', text: '5901234123457', bytes: 13 },
    ]);
  });

  it('too-long: counts without buffering and resynchronises at the next gap', () => {
    const t = framer(30, 10);
    t.push('1234567890');
    t.advance(30);
    for (let i = 0; i < 50; i++) t.push('X'.repeat(100));
    t.push('\r\n');
    t.advance(30);
    t.push('OK');
    t.advance(30);
    expect(t.out).toEqual([
      { kind: 'frame', text: '1234567890', bytes: 10 },
      { kind: 'dropped', reason: 'too-long', bytes: 5002, preview: '58'.repeat(12) },
      { kind: 'frame', text: 'OK', bytes: 2 },
    ]);
  });

  it('one byte over the limit is too-long, even with a terminator that fits the spare room', () => {
    const t = framer(30, 4);
    t.push('12345');
    t.advance(30);
    t.push('1234\r\n');
    t.advance(30);
    expect(t.out).toEqual([
      { kind: 'dropped', reason: 'too-long', bytes: 5, preview: '31323334' },
      { kind: 'frame', text: '1234', bytes: 4 },
    ]);
  });

  it('reset cancels the pending timer and forgets the partial frame', () => {
    const t = framer(30);
    t.push('PARTIAL');
    t.f.reset();
    expect(t.pending.size).toBe(0);
    t.advance(100);
    expect(t.out).toEqual([]);
  });

  it('flush ends the frame at once', () => {
    const t = framer(30);
    t.push('NOW');
    t.f.flush();
    expect(t.texts()).toEqual(['NOW']);
    expect(t.pending.size).toBe(0);
  });
});
