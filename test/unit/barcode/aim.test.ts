import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../electron/devices/barcode';

const aim = (raw: string) => parseBarcode(raw, { aimPrefix: true });

describe('AIM symbology identifiers (aimPrefix: true)', () => {
  it.each([
    [']E04006381333931', '04006381333931', 'EAN-13'],
    [']E0036000291452', '00036000291452', 'UPC-A'],
    [']E004252614', '00042100005264', 'UPC-E'],
    [']E005260188', '00052601000088', 'UPC-E'], // also a valid EAN-8, but ]E0 says UPC/EAN-13
    [']E496385074', '00000096385074', 'EAN-8'],
    [']E405260188', '00000005260188', 'EAN-8'],
    [']I110012345678902', '10012345678902', 'ITF'],
  ])('%s → gtin %s (%s)', (raw, gtin14, symbology) => {
    expect(aim(raw)).toEqual({ ok: true, code: { kind: 'gtin', gtin14, symbology, raw } });
  });

  it.each([
    [']C0SUP-0042', 'SUP-0042', 'Code128'],
    [']C012345', '12345', 'Code128'], // digits in plain Code 128 are not an EAN
    [']A0SUP-0042', 'SUP-0042', 'Code39'],
    [']Q1https://example.com/p?id=7', 'https://example.com/p?id=7', 'QR'],
    [']d1ABC', 'ABC', 'DataMatrix'],
    [']I01234', '1234', 'ITF'],
    [']L0pdf417 text', 'pdf417 text', 'unknown'],
  ])('%s → text %j (%s)', (raw, text, symbology) => {
    expect(aim(raw)).toEqual({ ok: true, code: { kind: 'text', text, symbology, raw } });
  });

  it('routes GS1 identifiers to the GS1 parser', () => {
    expect(aim(']C10109501101020917')).toMatchObject({ ok: true, code: { kind: 'gs1', gtin14: '09501101020917', symbology: 'GS1-128' } });
    expect(aim(']d2010950110102091710X')).toMatchObject({ ok: true, code: { kind: 'gs1', symbology: 'GS1-DataMatrix', batch: 'X' } });
    expect(aim(']C1SUP-0042')).toMatchObject({ ok: false, code: 'BAD_GS1' });
  });

  it('decodes variable-measure codes behind ]E0', () => {
    expect(aim(']E02012345012349')).toMatchObject({ ok: true, code: { kind: 'variable', measure: { grams: 1234 } } });
  });

  it.each([
    ['4006381333931', 'BAD_PREFIX'], // the scanner was set to send AIM; a bare code is suspect
    ['SUP-0042', 'BAD_PREFIX'],
    [']E', 'BAD_PREFIX'],
    [']E94006381333931', 'BAD_PREFIX'],
    [']E3400638133393112', 'BAD_PREFIX'], // add-on codes are not supported
    [']Q9x', 'BAD_PREFIX'],
    [']%0abc', 'BAD_PREFIX'],
    [']E0', 'EMPTY'],
    [']E44006381333931', 'BAD_LENGTH'],
    [']E010012345678902', 'BAD_LENGTH'],
    [']E0400638133393A', 'BAD_CHARACTERS'],
    [']E404252614', 'BAD_CHECK_DIGIT'],
    [']E04006381333932', 'BAD_CHECK_DIGIT'],
    [']I110012345678903', 'BAD_CHECK_DIGIT'],
    [']C0A\x1DB', 'BAD_CHARACTERS'],
  ])('%j → %s', (raw, code) => {
    expect(aim(raw)).toMatchObject({ ok: false, code, raw });
  });
});

describe('identifiers without aimPrefix', () => {
  it('accepts only the GS1 identifiers; others stay part of the text', () => {
    expect(parseBarcode(']C10109501101020917')).toMatchObject({ ok: true, code: { kind: 'gs1', symbology: 'GS1-128' } });
    expect(parseBarcode(']E04006381333931')).toMatchObject({ ok: true, code: { kind: 'text', text: ']E04006381333931' } });
  });
});
