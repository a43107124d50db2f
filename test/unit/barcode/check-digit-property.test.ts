import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, hasValidCheckDigit, parseBarcode, toGtin14 } from '../../../electron/devices/barcode';

// A deterministic generator so a failure can be replayed.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}

/** Independent EAN-13 check digit: weights 1,3,1,3… from the LEFT of the 12-digit body. */
function ean13Check(body12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

describe('check digits: property', () => {
  it('1000 random 12-digit bodies: the computed digit validates, every single-digit change fails', () => {
    const rand = lcg(20260615);
    let variants = 0;
    for (let n = 0; n < 1000; n++) {
      const body = Array.from({ length: 12 }, () => String(Math.floor(rand() * 10))).join('');
      const check = gtinCheckDigit(body);
      expect(check).toBe(ean13Check(body));
      const code = body + String(check);
      expect(hasValidCheckDigit(code)).toBe(true);
      expect(toGtin14(code)).toBe('0' + code);
      expect(parseBarcode(code, { rules: [] })).toMatchObject({ ok: true, code: { kind: 'gtin', gtin14: '0' + code } });
      for (let pos = 0; pos < 13; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code[pos]) continue;
          const changed = code.slice(0, pos) + String(d) + code.slice(pos + 1);
          if (hasValidCheckDigit(changed)) throw new Error(`single-digit change accepted: ${code} → ${changed}`);
          variants++;
        }
      }
      const wrongLast = body + String((check + 1) % 10);
      expect(parseBarcode(wrongLast, { rules: [] })).toMatchObject({ ok: false, code: 'BAD_CHECK_DIGIT' });
    }
    expect(variants).toBe(1000 * 13 * 9);
  });
});
