import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHT_RULES,
  gtinCheckDigit,
  parseBarcode,
  priceVerifierDigit,
  validateRules,
  WeightRuleError,
  type WeightRule,
} from '../../../electron/devices/barcode';

// EAN-13 values below were computed with an independent script (mod 10, GS1 price check).
const PRICE_23: WeightRule = { pattern: '23IIIIIPPPPPC', measure: 'price', name: 'price in cents' };

describe('variable-measure EAN-13 with the default rule', () => {
  it('decodes weight in grams and builds the catalog lookup key', () => {
    expect(parseBarcode('2012345012349')).toEqual({
      ok: true,
      code: {
        kind: 'variable',
        lookupGtin14: '02012345000001',
        measure: { type: 'weight', grams: 1234 },
        rule: '2[0-9]IIIIIWWWWWC',
        symbology: 'EAN-13',
        raw: '2012345012349',
      },
    });
  });

  it('covers the whole 20–29 range', () => {
    expect(parseBarcode('2912345123451')).toMatchObject({ ok: true, code: { lookupGtin14: '02912345000004', measure: { grams: 12345 } } });
    expect(parseBarcode('2500001999993')).toMatchObject({ ok: true, code: { lookupGtin14: '02500001000002', measure: { grams: 99999 } } });
    expect(parseBarcode('2012345099999')).toMatchObject({ ok: true, code: { measure: { grams: 9999 } } });
  });

  it('checks the whole EAN-13 check digit first (the brief’s 2012345012348 is off by one)', () => {
    expect(parseBarcode('2012345012348')).toMatchObject({ ok: false, code: 'BAD_CHECK_DIGIT' });
  });

  it('refuses a zero weight (the template barcode itself is not a sale)', () => {
    const r = parseBarcode('2012345000001');
    expect(r).toMatchObject({ ok: false, code: 'BAD_MEASURE', raw: '2012345000001' });
  });

  it('leaves other prefixes alone', () => {
    expect(parseBarcode('4006381333931')).toMatchObject({ ok: true, code: { kind: 'gtin' } });
  });
});

describe('rule tables', () => {
  it('decodes price in cents', () => {
    expect(parseBarcode('2312345015990', { rules: [PRICE_23, ...DEFAULT_WEIGHT_RULES] })).toMatchObject({
      ok: true,
      code: { kind: 'variable', lookupGtin14: '02312345000002', measure: { type: 'price', cents: 1599 }, rule: '23IIIIIPPPPPC' },
    });
  });

  it('first matching rule wins', () => {
    const priceFirst = [PRICE_23, ...DEFAULT_WEIGHT_RULES];
    expect(parseBarcode('2012345012349', { rules: priceFirst })).toMatchObject({ ok: true, code: { measure: { type: 'weight', grams: 1234 } } });
    const weightFirst = [...DEFAULT_WEIGHT_RULES, PRICE_23];
    expect(parseBarcode('2312345015990', { rules: weightFirst })).toMatchObject({ ok: true, code: { measure: { type: 'weight', grams: 1599 } } });
  });

  it('digit classes with ranges match literally', () => {
    const rules: WeightRule[] = [{ pattern: '2[0-35-9]IIIIIWWWWWC', measure: 'weight' }];
    expect(parseBarcode('2412345012347', { rules })).toMatchObject({ ok: true, code: { kind: 'gtin', gtin14: '02412345012347' } });
    expect(parseBarcode('2012345012349', { rules })).toMatchObject({ ok: true, code: { kind: 'variable' } });
  });

  it('verifies a 4-digit price verifier (V) digit', () => {
    const rules: WeightRule[] = [{ pattern: '2[0-9]IIIIIVPPPPC', measure: 'price' }];
    expect(parseBarcode('2012345928756', { rules })).toMatchObject({
      ok: true,
      code: { lookupGtin14: '02012345000001', measure: { type: 'price', cents: 2875 } },
    });
    // Same price with verifier 0 and a recomputed (valid) EAN-13 check digit.
    expect(parseBarcode('2012345028753', { rules })).toMatchObject({ ok: false, code: 'BAD_CHECK_DIGIT' });
  });

  it('verifies a 5-digit price verifier digit', () => {
    const rules: WeightRule[] = [{ pattern: '2[0-9]IIIIVPPPPPC', measure: 'price' }];
    expect(parseBarcode('2312346146853', { rules })).toMatchObject({
      ok: true,
      code: { lookupGtin14: '02312340000007', measure: { type: 'price', cents: 14685 } },
    });
  });

  it('rejects every wrong verifier digit (random prices)', () => {
    const rules: WeightRule[] = [{ pattern: '2[0-9]IIIIIVPPPPC', measure: 'price' }];
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 100; k++) {
      const price = String(1 + rand(9999)).padStart(4, '0');
      const good = priceVerifierDigit(price);
      for (let v = 0; v <= 9; v++) {
        const body = `2${rand(10)}${String(rand(100000)).padStart(5, '0')}${v}${price}`;
        const r = parseBarcode(body + String(gtinCheckDigit(body)), { rules });
        if (v === good) expect(r).toMatchObject({ ok: true, code: { measure: { cents: Number(price) } } });
        else expect(r).toMatchObject({ ok: false, code: 'BAD_CHECK_DIGIT' });
      }
    }
  });
});

describe('priceVerifierDigit', () => {
  it('matches the GS1 General Specifications worked examples', () => {
    expect(priceVerifierDigit('2875')).toBe(9);
    expect(priceVerifierDigit('14685')).toBe(6);
    expect(priceVerifierDigit('0000')).toBe(0);
  });
  it('refuses other lengths', () => {
    expect(() => priceVerifierDigit('123')).toThrow(RangeError);
    expect(() => priceVerifierDigit('12a4')).toThrow(RangeError);
  });
});

describe('validateRules', () => {
  it('accepts the default table and returns fresh copies', () => {
    const out = validateRules(DEFAULT_WEIGHT_RULES);
    expect(out).toEqual(DEFAULT_WEIGHT_RULES);
    expect(out[0]).not.toBe(DEFAULT_WEIGHT_RULES[0]);
    expect(validateRules([PRICE_23, { pattern: '2[0-9]IIIIVPPPPPC', measure: 'price' }])).toHaveLength(2);
  });

  it.each([
    ['not an array', { pattern: '2[0-9]IIIIIWWWWWC' }, /must be an array/],
    ['a string rule', ['2[0-9]IIIIIWWWWWC'], /#0.*must be an object/],
    ['no pattern', [{ measure: 'weight' }], /#0.*pattern must be a string/],
    ['bad measure', [{ pattern: '2[0-9]IIIIIWWWWWC', measure: 'kg' }], /measure must be/],
    ['12 digits', [{ pattern: '2[0-9]IIIIWWWWWC', measure: 'weight' }], /13 digits/],
    ['no C last', [{ pattern: '2[0-9]IIIIIWWWWWI', measure: 'weight' }], /check digit/],
    ['two C', [{ pattern: '2C[0-9]IIIIWWWWWC', measure: 'weight' }], /check digit/],
    ['P in a weight rule', [{ pattern: '2[0-9]IIIIIPPPPPC', measure: 'weight' }], /P digits do not fit/],
    ['no P in a price rule', [{ pattern: '2[0-9]IIIIIIIIIIC', measure: 'price' }], /needs P digits/],
    ['split W', [{ pattern: '2[0-9]WWIIIIIWWWC', measure: 'weight' }], /contiguous/],
    ['V with 3 P', [{ pattern: '2[0-9]IIIIIIVPPPC', measure: 'price' }], /4 or 5/],
    ['two V', [{ pattern: '2[0-9]IIIIVVPPPPC', measure: 'price' }], /at most one V/],
    ['backwards class', [{ pattern: '2[9-0]IIIIIWWWWWC', measure: 'weight' }], /bad digit class/],
    ['unclosed class', [{ pattern: '2[0-9IIIIIWWWWWC', measure: 'weight' }], /unclosed/],
    ['unknown letter', [{ pattern: '2[0-9]IIIIIXWWWWC', measure: 'weight' }], /unexpected "X"/],
    ['not prefix 2', [{ pattern: '[0-9][0-9]IIIIIWWWWWC', measure: 'weight' }], /literal digit 2/],
    ['name not a string', [{ pattern: '2[0-9]IIIIIWWWWWC', measure: 'weight', name: 7 }], /name must be a string/],
  ])('refuses %s', (_what, rules, message) => {
    expect(() => validateRules(rules)).toThrow(message);
  });

  it('names the index and pattern of the bad rule', () => {
    try {
      validateRules([PRICE_23, { pattern: '2[0-9]IIIIIWWWWC', measure: 'weight' }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WeightRuleError);
      expect((e as WeightRuleError).ruleIndex).toBe(1);
      expect((e as Error).message).toContain('"2[0-9]IIIIIWWWWC"');
    }
  });

  it('parseBarcode throws for an invalid table instead of guessing', () => {
    expect(() => parseBarcode('2012345012349', { rules: [{ pattern: '2X', measure: 'weight' }] })).toThrow(WeightRuleError);
  });
});
