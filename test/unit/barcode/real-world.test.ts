import { describe, expect, it } from 'vitest';
import { expandUpcE, parseBarcode, type BarcodeErrorCode, type Symbology } from '../../../electron/devices/barcode';

// Every valid code below was checked with an independent mod-10 script (not this module);
// each "off by one" twin changes only the check digit.
type Want = { gtin14: string; symbology: Symbology } | BarcodeErrorCode;

const table: Array<[string, string, Want]> = [
  ['EAN-13 Stabilo (DE)', '4006381333931', { gtin14: '04006381333931', symbology: 'EAN-13' }],
  ['EAN-13 off by one', '4006381333932', 'BAD_CHECK_DIGIT'],
  ['EAN-13 GS1 Poland example', '5901234123457', { gtin14: '05901234123457', symbology: 'EAN-13' }],
  ['EAN-13 GS1 Poland off by one', '5901234123458', 'BAD_CHECK_DIGIT'],
  ['EAN-13 Estonia prefix 474', '4740012345671', { gtin14: '04740012345671', symbology: 'EAN-13' }],
  ['EAN-13 Estonia off by one', '4740012345670', 'BAD_CHECK_DIGIT'],
  ['EAN-13 GS1 example GTIN', '9501101020917', { gtin14: '09501101020917', symbology: 'EAN-13' }],
  ['EAN-13 transposed digits', '4006381339331', 'BAD_CHECK_DIGIT'],
  ['UPC-A', '036000291452', { gtin14: '00036000291452', symbology: 'UPC-A' }],
  ['UPC-A off by one', '036000291453', 'BAD_CHECK_DIGIT'],
  ['UPC-A 012345678905', '012345678905', { gtin14: '00012345678905', symbology: 'UPC-A' }],
  ['UPC-E 8 digits', '04252614', { gtin14: '00042100005264', symbology: 'UPC-E' }],
  ['UPC-E off by one', '04252615', 'BAD_CHECK_DIGIT'],
  ['UPC-E 7 digits (no check)', '0425261', { gtin14: '00042100005264', symbology: 'UPC-E' }],
  ['UPC-E 6 digits (no system, no check)', '425261', { gtin14: '00042100005264', symbology: 'UPC-E' }],
  ['01234565 is valid as EAN-8 and as UPC-E: EAN-8 by default', '01234565', { gtin14: '00000001234565', symbology: 'EAN-8' }],
  ['UPC-E 01234543 (not a valid EAN-8)', '01234543', { gtin14: '00012340000053', symbology: 'UPC-E' }],
  ['7 digits, number system 5', '5425261', 'BAD_LENGTH'],
  ['EAN-8', '96385074', { gtin14: '00000096385074', symbology: 'EAN-8' }],
  ['EAN-8 off by one', '96385075', 'BAD_CHECK_DIGIT'],
  ['8 digits valid as EAN-8 and UPC-E: EAN-8 by default', '05260188', { gtin14: '00000005260188', symbology: 'EAN-8' }],
  ['GTIN-14', '10012345678902', { gtin14: '10012345678902', symbology: 'GTIN-14' }],
  ['GTIN-14 off by one', '10012345678903', 'BAD_CHECK_DIGIT'],
  ['GTIN-14 indicator 1', '17612345678907', { gtin14: '17612345678907', symbology: 'GTIN-14' }],
  ['letters inside an EAN under ]E0', ']E040063813339A1', 'BAD_CHARACTERS'],
  ['9 digits', '123456789', 'BAD_LENGTH'],
  ['11 digits', '12345678901', 'BAD_LENGTH'],
  ['15 digits', '400638133393100', 'BAD_LENGTH'],
  ['empty', '', 'EMPTY'],
  ['too long', '4'.repeat(129), 'TOO_LONG'],
  ['escape character', '4006381\x1b333931', 'BAD_CHARACTERS'],
  ['trailing CR (scanner must strip its suffix)', '4006381333931\r', 'BAD_CHARACTERS'],
  ['non-ASCII', '4006381333931ä', 'BAD_CHARACTERS'],
];

describe('parseBarcode: real-world table', () => {
  for (const [name, raw, want] of table) {
    it(name, () => {
      const r = parseBarcode(raw, { aimPrefix: raw.startsWith(']') });
      if (typeof want === 'string') {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.code).toBe(want);
          expect(r.raw).toBe(raw);
          expect(r.message.length).toBeGreaterThan(0);
        }
      } else {
        expect(r).toEqual({ ok: true, code: { kind: 'gtin', gtin14: want.gtin14, symbology: want.symbology, raw } });
      }
    });
  }

  it('reads 8 digits as UPC-E first when told so', () => {
    const r = parseBarcode('05260188', { eightDigits: 'UPC-E' });
    expect(r.ok && r.code.kind === 'gtin' && r.code).toMatchObject({ gtin14: '00052601000088', symbology: 'UPC-E' });
    // Only one reading valid: the preference does not matter.
    expect(parseBarcode('96385074', { eightDigits: 'UPC-E' })).toMatchObject({ ok: true, code: { symbology: 'EAN-8' } });
    expect(parseBarcode('04252614', { eightDigits: 'EAN-8' })).toMatchObject({ ok: true, code: { symbology: 'UPC-E' } });
  });

  it('keeps a 20–29 EAN-13 as an in-store gtin when no rule matches', () => {
    expect(parseBarcode('2012345012349', { rules: [] })).toEqual({
      ok: true,
      code: { kind: 'gtin', gtin14: '02012345012349', symbology: 'EAN-13', raw: '2012345012349' },
    });
    const onlyPrice23 = [{ pattern: '23IIIIIPPPPPC', measure: 'price' as const }];
    expect(parseBarcode('2012345012349', { rules: onlyPrice23 })).toMatchObject({ ok: true, code: { kind: 'gtin' } });
  });

  it('accepts exactly maxLength characters and refuses one more', () => {
    expect(parseBarcode('A'.repeat(128))).toMatchObject({ ok: true, code: { kind: 'text' } });
    expect(parseBarcode('A'.repeat(129))).toMatchObject({ ok: false, code: 'TOO_LONG' });
    expect(parseBarcode('4006381333931', { maxLength: 12 })).toMatchObject({ ok: false, code: 'TOO_LONG' });
  });
});

describe('parseBarcode: text codes', () => {
  it.each([
    ['SUP-0042'],
    ['badge:ANNA 7'],
    ['4006381333931 '], // a stray space makes it text, not a product: nothing is guessed
    ['40063813339A1'],
  ])('%j is text', (raw) => {
    expect(parseBarcode(raw)).toEqual({ ok: true, code: { kind: 'text', text: raw, symbology: 'unknown', raw } });
  });
});

describe('expandUpcE', () => {
  // Expected UPC-A values computed by an independent script applying the GS1 table.
  it.each([
    ['01234505', '012000003455'],
    ['01234514', '012100003454'],
    ['01234523', '012200003453'],
    ['01234531', '012300000451'],
    ['01234543', '012340000053'],
    ['01234558', '012345000058'],
    ['01234565', '012345000065'],
    ['01234572', '012345000072'],
    ['01234589', '012345000089'],
    ['01234596', '012345000096'],
    ['04252614', '042100005264'],
  ])('%s → %s (last digit rule)', (upce, upca) => {
    expect(expandUpcE(upce)).toBe(upca);
  });

  it.each([['01234506'], ['21234505'], ['0123450'.padEnd(9, '5')], ['0123A505'], ['']])('%j → null', (bad) => {
    expect(expandUpcE(bad)).toBeNull();
  });

  it('computes the check digit for 6 and 7 digit input', () => {
    expect(expandUpcE('123455')).toBe('012345000058');
    expect(expandUpcE('1123455')).toBe('112345000055'); // number system 1
    expect(expandUpcE('11234555')).toBe('112345000055');
    expect(expandUpcE('11234556')).toBeNull();
  });
});
