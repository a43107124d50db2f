import { describe, expect, it } from 'vitest';
import { SuffixFramer, type Suffix } from '../../../electron/devices/scanner/suffix-framer';
import type { FrameOutcome } from '../../../electron/devices/scanner/frame-check';

function framer(suffix: Suffix, max = 128) {
  const out: FrameOutcome[] = [];
  const f = new SuffixFramer(suffix, max, (o) => out.push(o));
  const push = (...chunks: Array<string | number[]>) => {
    for (const c of chunks) f.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : Uint8Array.from(c));
  };
  const texts = () => out.flatMap((o) => (o.kind === 'frame' ? [o.text] : []));
  const drops = () => out.flatMap((o) => (o.kind === 'dropped' ? [o] : []));
  return { f, out, push, texts, drops };
}

describe('SuffixFramer', () => {
  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['TAB', '\t'],
    ['CRLF', '\r\n'],
  ] as const)('cuts frames at %s', (suffix, end) => {
    const t = framer(suffix);
    t.push(`4006381333931${end}5901234123457${end}`);
    expect(t.texts()).toEqual(['4006381333931', '5901234123457']);
    expect(t.out[0]).toEqual({ kind: 'frame', text: '4006381333931', bytes: 13 });
  });

  it('joins a frame split over many chunks', () => {
    const t = framer('CR');
    t.push('40', '0638', '1333', '931', '\r');
    expect(t.texts()).toEqual(['4006381333931']);
  });

  it('holds an unterminated frame until its terminator arrives', () => {
    const t = framer('LF');
    t.push('12345');
    expect(t.out).toEqual([]);
    t.push('6\n');
    expect(t.texts()).toEqual(['123456']);
  });

  it('CRLF: CR and LF in different chunks make one terminator, not an empty frame', () => {
    const t = framer('CRLF');
    t.push('ABC\r', '\nDEF\r', '\n');
    expect(t.texts()).toEqual(['ABC', 'DEF']);
    expect(t.drops()).toEqual([]);
  });

  it('CRLF: delivers at CR without waiting for LF, and tolerates a lone CR or LF', () => {
    const t = framer('CRLF');
    t.push('ABC\r');
    expect(t.texts()).toEqual(['ABC']);
    t.push('DEF\rGHI\n\nJKL\r\n');
    expect(t.texts()).toEqual(['ABC', 'DEF', 'GHI', 'JKL']);
    expect(t.drops().map((d) => d.reason)).toEqual(['empty']);
  });

  it('CR mode: a stray LF is garbage in the next frame', () => {
    const t = framer('CR');
    t.push('ABC\r\nDEF\r');
    expect(t.texts()).toEqual(['ABC']);
    expect(t.drops()).toMatchObject([{ reason: 'garbage', bytes: 4, badAt: 0 }]);
  });

  it('reports empty frames as dropped "empty"', () => {
    const t = framer('CR');
    t.push('\r\r');
    expect(t.drops()).toEqual([
      { kind: 'dropped', reason: 'empty', bytes: 0, preview: '' },
      { kind: 'dropped', reason: 'empty', bytes: 0, preview: '' },
    ]);
  });

  it('keeps GS (0x1D) for GS1 element strings', () => {
    const t = framer('CR');
    t.push([...Buffer.from('0104012345678901'), 0x1d, ...Buffer.from('10ABC'), 0x0d]);
    expect(t.texts()).toEqual(['0104012345678901\x1d10ABC']);
  });

  it('drops a frame with bytes outside printable ASCII and keeps the next one', () => {
    const t = framer('CR');
    t.push([0x41, 0x42, 0x07, 0x43, 0x0d], '5901234123457\r', [0x31, 0xe9, 0x0d], [0x7f, 0x0d], [0x00, 0x0d]);
    expect(t.texts()).toEqual(['5901234123457']);
    expect(t.drops()).toEqual([
      { kind: 'dropped', reason: 'garbage', bytes: 4, preview: '414207', badAt: 2 },
      { kind: 'dropped', reason: 'garbage', bytes: 2, preview: '31', badAt: 1 },
      { kind: 'dropped', reason: 'garbage', bytes: 1, preview: '', badAt: 0 },
      { kind: 'dropped', reason: 'garbage', bytes: 1, preview: '', badAt: 0 },
    ]);
  });

  it('garbage preview is capped at 16 bytes and never the whole frame', () => {
    const t = framer('CR');
    const frame = Buffer.alloc(40, 0x41);
    frame[39] = 0x01;
    t.push([...frame, 0x0d]);
    const d = t.drops()[0]!;
    expect(d.reason).toBe('garbage');
    expect(d.preview).toBe('41'.repeat(16));
  });

  it('accepts exactly maxFrameLength bytes and drops one more as too-long', () => {
    const t = framer('CR', 8);
    t.push('12345678\r', '123456789\r');
    expect(t.texts()).toEqual(['12345678']);
    expect(t.drops()).toMatchObject([{ reason: 'too-long', bytes: 9 }]);
  });

  it('too-long: discards without buffering and resynchronises at the next terminator', () => {
    const t = framer('CRLF', 16);
    const junk = 'X'.repeat(5000);
    for (let i = 0; i < junk.length; i += 100) t.push(junk.slice(i, i + 100));
    expect(t.out).toEqual([]);
    t.push('YYY\r', '\n4006381333931\r\n');
    expect(t.drops()).toEqual([{ kind: 'dropped', reason: 'too-long', bytes: 5003, preview: '58'.repeat(16) }]);
    expect(t.texts()).toEqual(['4006381333931']);
  });

  it('reset forgets a partial frame', () => {
    const t = framer('CR');
    t.push('PARTIAL');
    t.f.reset();
    t.push('OK\r');
    expect(t.texts()).toEqual(['OK']);
  });

  it('reset ends an over-long frame without reporting it', () => {
    const t = framer('CR', 4);
    t.push('123456789');
    t.f.reset();
    t.push('OK\r');
    expect(t.out).toEqual([{ kind: 'frame', text: 'OK', bytes: 2 }]);
  });
});

describe('the default framing (CRLF mode) reads CR, LF and CR LF scanners alike', () => {
  it.each([['\r'], ['\n'], ['\r\n']])('terminator %j: every scan arrives, none starts with a stray byte', (end) => {
    const t = framer('CRLF');
    t.push(`4006381333931${end}`, `5901234123457${end}`, `96385074${end}`);
    expect(t.texts()).toEqual(['4006381333931', '5901234123457', '96385074']);
    expect(t.drops()).toEqual([]);
  });

  it('a CR LF scanner in CR mode would lose every scan after the first (why CRLF is the default)', () => {
    const t = framer('CR');
    t.push('4006381333931\r\n5901234123457\r\n');
    expect(t.texts()[0]).toBe('4006381333931');
    expect(t.texts().slice(1)).not.toContain('5901234123457');
  });
});
