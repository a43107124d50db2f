import { describe, expect, it } from 'vitest';
import { gs1Date, parseBarcode, type ParseResult, type ScanCode } from '../../../electron/devices/barcode';

const now = new Date(2026, 5, 15);
const GS = '\x1D';
const GTIN = '09501101020917'; // GS1's own example GTIN; check digit verified independently

function gs1(raw: string, aimPrefix = false): Extract<ScanCode, { kind: 'gs1' }> {
  const r = parseBarcode(raw, { now, aimPrefix });
  if (!r.ok || r.code.kind !== 'gs1') throw new Error(`expected gs1, got ${JSON.stringify(r)}`);
  return r.code;
}
function err(raw: string): Extract<ParseResult, { ok: false }> {
  const r = parseBarcode(raw, { now });
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r;
}

describe('GS1 element strings', () => {
  it('the brief’s sample string is itself invalid: after the GTIN it reads AI 12 with month 25', () => {
    const e = err(`]C101${GTIN}1231251012AB-34${GS}21XYZ`);
    expect(e.code).toBe('BAD_GS1');
    expect(e.message).toContain('(12)');
  });

  it('decodes GTIN, expiry, batch and serial from GS1-128', () => {
    const raw = `]C101${GTIN}17251231` + `1012AB-34${GS}21XYZ`;
    expect(gs1(raw)).toEqual({
      kind: 'gs1',
      gtin14: GTIN,
      ais: { '01': GTIN, '17': '251231', '10': '12AB-34', '21': 'XYZ' },
      expiry: '2025-12-31',
      batch: '12AB-34',
      serial: 'XYZ',
      symbology: 'GS1-128',
      raw,
    });
  });

  it('names the symbology from the identifier, with or without aimPrefix', () => {
    expect(gs1(`]d201${GTIN}`).symbology).toBe('GS1-DataMatrix');
    expect(gs1(`]e001${GTIN}`).symbology).toBe('GS1-DataBar');
    expect(gs1(`]Q301${GTIN}`).symbology).toBe('QR');
    expect(gs1(`]C101${GTIN}`, true).symbology).toBe('GS1-128');
    expect(gs1(`01${GTIN}10ABC`).symbology).toBe('unknown');
  });

  it('recognises GS1 without an identifier by FNC1 or a leading GTIN AI', () => {
    expect(gs1(`01${GTIN}10ABC${GS}21X`)).toMatchObject({ gtin14: GTIN, batch: 'ABC', serial: 'X' });
    expect(gs1(`01${GTIN}`)).toMatchObject({ gtin14: GTIN });
    expect(gs1(`10LOT7${GS}01${GTIN}`)).toMatchObject({ gtin14: GTIN, batch: 'LOT7' });
  });

  it('tolerates leading, doubled and trailing GS', () => {
    expect(gs1(`]C1${GS}01${GTIN}10A${GS}${GS}21B${GS}`)).toMatchObject({ batch: 'A', serial: 'B' });
  });

  it('decodes AI 310n net weight into whole grams', () => {
    expect(gs1(`]C101${GTIN}3103001250`).weightGrams).toBe(1250);
    expect(gs1(`]C101${GTIN}3102001250`).weightGrams).toBe(12500);
    expect(gs1(`]C101${GTIN}3100000002`).weightGrams).toBe(2000);
    expect(gs1(`]C101${GTIN}3105001250`).weightGrams).toBe(13); // 12.5 g rounds half up
    expect(gs1(`]C101${GTIN}3105001249`).weightGrams).toBe(12);
  });

  it('decodes AI 392n price into cents, refusing fractions of a cent', () => {
    expect(gs1(`]C101${GTIN}39221299`).priceCents).toBe(1299);
    expect(gs1(`]C101${GTIN}39221299${GS}10ABC`)).toMatchObject({ priceCents: 1299, batch: 'ABC' });
    expect(gs1(`]C101${GTIN}392012`).priceCents).toBe(1200);
    expect(gs1(`]C101${GTIN}39215`).priceCents).toBe(50);
    expect(gs1(`]C101${GTIN}392312990`).priceCents).toBe(1299);
    expect(err(`]C101${GTIN}392312995`).code).toBe('BAD_MEASURE');
    expect(err(`]C101${GTIN}3920999999999999999`).code).toBe('BAD_MEASURE'); // beyond safe integers
  });

  it('refuses zero weight and zero price', () => {
    expect(err(`(01)${GTIN}(3103)000000`).code).toBe('BAD_MEASURE');
    expect(err(`(01)${GTIN}(3922)000`).code).toBe('BAD_MEASURE');
  });

  it('refuses two different weights or conflicting repeats of an AI', () => {
    expect(err(`(01)${GTIN}(3103)001250(3102)000125`).code).toBe('BAD_GS1');
    expect(err(`]C110A${GS}10B`).code).toBe('BAD_GS1');
    expect(gs1(`]C110A${GS}10A`).batch).toBe('A');
  });

  it('checks the AI 01 / 00 check digits', () => {
    const e = err(`]C10109501101020918`);
    expect(e.code).toBe('BAD_CHECK_DIGIT');
    expect(e.message).toContain('(01)');
    expect(err(`(01)09501101020916`).code).toBe('BAD_CHECK_DIGIT');
    expect(gs1('(00)006141411234567890')).toMatchObject({ gtin14: null, ais: { '00': '006141411234567890' } });
    expect(err('(00)006141411234567891').code).toBe('BAD_CHECK_DIGIT');
  });

  it('names unknown AIs', () => {
    const e1 = err(`]C101${GTIN}99ABC`);
    expect([e1.code, e1.message]).toEqual(['BAD_GS1', expect.stringContaining('(99)')]);
    expect(err(`]C101${GTIN}7003251231`).message).toContain('(7003)');
    expect(err(`(01)${GTIN}(8200)http`).message).toContain('(8200)');
  });

  it('refuses bad lengths and characters', () => {
    expect(err(`]C110${'A'.repeat(21)}`).code).toBe('BAD_GS1'); // batch max 20: missing GS
    expect(gs1(`]C110${'A'.repeat(20)}`).batch).toHaveLength(20);
    expect(err(']C101123').code).toBe('BAD_GS1');
    expect(err(']C110AB CD').code).toBe('BAD_GS1'); // space is outside GS1 CSET 82
    expect(err(`(01)${GTIN}(17)25A231`).code).toBe('BAD_GS1');
    expect(err(']C1ABC').code).toBe('BAD_GS1');
    expect(err(']C1').code).toBe('EMPTY');
  });
});

describe('human-readable GS1 "(01)…"', () => {
  it('parses the bracketed form, spaces between elements allowed', () => {
    expect(gs1(`(01)${GTIN}(3103)001250`)).toMatchObject({ gtin14: GTIN, weightGrams: 1250, ais: { '3103': '001250' } });
    expect(gs1(`(01) ${GTIN} (17) 270600 (10) L-9`)).toMatchObject({ expiry: '2027-06-30', batch: 'L-9' });
    expect(gs1(`(02)${GTIN}(37)12`)).toMatchObject({ gtin14: null, ais: { '02': GTIN, '37': '12' } });
    expect(gs1('(15)260200')).toMatchObject({ bestBefore: '2026-02-28', gtin14: null });
  });

  it('checks lengths in the bracketed form', () => {
    expect(err(`(01)${GTIN}1`).code).toBe('BAD_GS1');
    expect(err('(17)2512').code).toBe('BAD_GS1');
    expect(err('(10)').code).toBe('BAD_GS1');
  });
});

describe('gs1Date', () => {
  it('maps DD=00 to the last day of the month, leap years included', () => {
    expect(gs1Date('240200', now)).toBe('2024-02-29');
    expect(gs1Date('250200', now)).toBe('2025-02-28');
    expect(gs1Date('261100', now)).toBe('2026-11-30');
    expect(gs1Date('261200', now)).toBe('2026-12-31');
  });

  it('rejects impossible dates', () => {
    expect(gs1Date('241301', now)).toBeNull();
    expect(gs1Date('240230', now)).toBeNull();
    expect(gs1Date('240001', now)).toBeNull();
    expect(gs1Date('2402', now)).toBeNull();
    expect(err(`(17)240230`).message).toContain('(17)');
    expect(err('(15)260229').code).toBe('BAD_GS1'); // 2026 is not a leap year
  });

  it('applies the GS1 century sliding window', () => {
    expect(gs1Date('000101', now)).toBe('2000-01-01');
    expect(gs1Date('760101', now)).toBe('2076-01-01'); // 50 years ahead: this century
    expect(gs1Date('770101', now)).toBe('1977-01-01'); // 51 ahead: previous century
    expect(gs1Date('990101', now)).toBe('1999-01-01');
    const in2080 = new Date(2080, 0, 1);
    expect(gs1Date('300101', in2080)).toBe('2130-01-01'); // 50 behind: next century
    expect(gs1Date('310101', in2080)).toBe('2031-01-01');
  });
});
