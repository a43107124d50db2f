import { describe, expect, it } from 'vitest';
import { NciFramer, acceptWeight, decodeFrame, gramsFrom, scaleOptionsFrom, type ScaleReading } from '../../../electron/devices/scale';

/** Bytes of one answer: LF weight CR LF status CR ETX (status as characters, e.g. '00' = 0x30 0x30). */
const answer = (weight: string | null, status: string) => Buffer.from(`\n${weight === null ? '' : `${weight}\r\n`}${status}\r\x03`, 'latin1');
const reading = (weight: string, status: string): ScaleReading | undefined => {
  const m = decodeFrame(answer(weight, status));
  return m?.kind === 'reading' ? m.reading : undefined;
};

describe('NCI answers', () => {
  it('decodes a stable kg weight to integer grams', () => {
    expect(reading('  1.234kg', '00')).toEqual({ kind: 'stable', grams: 1234 });
    expect(reading('0.005kg', '00')).toEqual({ kind: 'stable', grams: 5 });
    expect(reading('12.30kg', '00')).toEqual({ kind: 'stable', grams: 12300 });
    expect(reading('0250g', '00')).toEqual({ kind: 'stable', grams: 250 });
  });

  it('motion, at zero, under zero, over capacity and not zeroed', () => {
    expect(reading('1.230kg', '10')).toEqual({ kind: 'motion', grams: 1230 }); // status 1: '1' = 0x31, bit 0 = motion
    expect(reading('0.000kg', '20')).toEqual({ kind: 'stable', grams: 0 }); // '2' = 0x32: at zero
    expect(reading('-0.010kg', '01')).toEqual({ kind: 'under-zero' });
    expect(reading('______', '01')).toEqual({ kind: 'under-zero' });
    expect(reading('^^^^^^', '02')).toEqual({ kind: 'over-capacity' });
    expect(reading('99.999kg', '02')).toEqual({ kind: 'over-capacity' });
    expect(reading('- - - -', '00')).toEqual({ kind: 'not-zeroed' });
  });

  it('errors and other units become unavailable, never a weight', () => {
    expect(reading('1.000kg', '40')).toEqual({ kind: 'unavailable', error: 'the scale reports an internal error' });
    expect(reading('2.20lb', '00')).toMatchObject({ kind: 'unavailable', error: expect.stringMatching(/lb/) });
  });

  it('a third status byte is accepted only when the second announces it', () => {
    expect(decodeFrame(answer('1.000kg', '0p0'))).toMatchObject({ reading: { kind: 'stable', grams: 1000 } }); // 'p' = 0x70: bit 6 set
    expect(decodeFrame(answer('1.000kg', '000'))).toBeNull();
  });

  it('S / Z answers and the unknown-command answer', () => {
    expect(decodeFrame(answer(null, '20'))).toEqual({ kind: 'status', motion: false, atZero: true, error: false });
    expect(decodeFrame(Buffer.from('\n?\r\x03', 'latin1'))).toEqual({ kind: 'unknown-command' });
  });

  it('malformed frames are garbage', () => {
    for (const f of ['\n1.000kg\r\n\r\x03', '\n1.000kg\r\nAB\r\x03', '\n1,000kg\r\n00\r\x03', '\nxx\x03', '\n\x01\x02\r\n00\r\x03']) expect(decodeFrame(Buffer.from(f, 'latin1'))).toBeNull();
  });

  it('gramsFrom rounds a fourth kg decimal half up and refuses g decimals', () => {
    expect(gramsFrom('1.2345kg')).toEqual({ grams: 1235 });
    expect(gramsFrom('1.2344kg')).toEqual({ grams: 1234 });
    expect(gramsFrom('12.5g')).toBeNull();
  });
});

describe('NciFramer', () => {
  it('cuts frames across chunks, reports garbage between frames and over-long frames', () => {
    const out: unknown[] = [];
    const f = new NciFramer((x) => out.push(x.kind === 'frame' ? x.bytes.toString('latin1') : x));
    const one = answer('1.000kg', '00');
    f.push(Buffer.from('zz\x00'));
    f.push(one.subarray(0, 5));
    f.push(one.subarray(5));
    f.push(Buffer.concat([Buffer.from('\n'), Buffer.alloc(60, 0x41), Buffer.from('\x03')]));
    f.push(one);
    expect(out).toEqual([{ kind: 'dropped', reason: 'garbage', bytes: 3 }, one.toString('latin1'), { kind: 'dropped', reason: 'too-long', bytes: 62 }, one.toString('latin1')]);
  });
});

describe('acceptWeight', () => {
  const rules = { minGrams: 20, maxGrams: 15000, tareGrams: 0 };
  it('accepts only a stable, positive, in-range weight', () => {
    expect(acceptWeight({ kind: 'stable', grams: 1234 }, rules)).toEqual({ ok: true, grossGrams: 1234, netGrams: 1234 });
    expect(acceptWeight({ kind: 'stable', grams: 0 }, rules)).toMatchObject({ ok: false, refusal: 'place-item' });
    expect(acceptWeight({ kind: 'stable', grams: 19 }, rules)).toMatchObject({ ok: false, refusal: 'place-item' });
    expect(acceptWeight({ kind: 'stable', grams: 15001 }, rules)).toMatchObject({ ok: false, refusal: 'too-heavy' });
    expect(acceptWeight({ kind: 'motion', grams: 500 }, rules)).toMatchObject({ ok: false, refusal: 'wait-still' });
    expect(acceptWeight({ kind: 'under-zero' }, rules)).toMatchObject({ ok: false, refusal: 'remove-and-zero' });
    expect(acceptWeight({ kind: 'not-zeroed' }, rules)).toMatchObject({ ok: false, refusal: 'remove-and-zero' });
    expect(acceptWeight({ kind: 'over-capacity' }, rules)).toMatchObject({ ok: false, refusal: 'too-heavy' });
    expect(acceptWeight({ kind: 'unavailable', error: 'x' }, rules)).toMatchObject({ ok: false, refusal: 'scale-unavailable' });
  });
  it('takes the configured container tare off before the minimum', () => {
    const tare = { ...rules, tareGrams: 15 };
    expect(acceptWeight({ kind: 'stable', grams: 1249 }, tare)).toEqual({ ok: true, grossGrams: 1249, netGrams: 1234 });
    expect(acceptWeight({ kind: 'stable', grams: 30 }, tare)).toMatchObject({ ok: false, refusal: 'place-item' });
  });
});

describe('scaleOptionsFrom', () => {
  it('fills defaults and refuses what cannot work', () => {
    expect(scaleOptionsFrom({ path: '/dev/x' })).toMatchObject({ baudRate: 9600, dataBits: 7, parity: 'even', protocol: 'nci', responseTimeoutMs: 1000 });
    expect(() => scaleOptionsFrom({ path: '' })).toThrow(/path/);
    expect(() => scaleOptionsFrom({ path: '/dev/x', responseTimeoutMs: 5 })).toThrow(/responseTimeoutMs/);
    expect(() => scaleOptionsFrom({ path: '/dev/x', protocol: 'x' as never })).toThrow(/protocol/);
  });
});
