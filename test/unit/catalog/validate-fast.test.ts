import { describe, expect, it } from 'vitest';
import { toGtin14, withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { gtin14Of, validateProductRow } from '../../../electron/catalog/validate';
import { RowFault } from '../../../electron/catalog/errors';

describe('gtin14Of (the import hot path) agrees with toGtin14', () => {
  it('on valid codes of every length, wrong check digits, bad lengths and non-digits', () => {
    const codes: string[] = ['', '1', '96385074', '036000291452', '4740001000178', '04740001000178', '12345678901234567', '4740001OOO178', '474000100017８', ' 96385074'];
    let seed = 1;
    const digit = () => String((seed = (seed * 48271) % 2147483647) % 10);
    for (const len of [7, 8, 11, 12, 13, 14, 15]) {
      for (let k = 0; k < 200; k++) {
        const body = Array.from({ length: len }, digit).join('');
        codes.push(body, withCheckDigit(body));
      }
    }
    for (const code of codes) expect(gtin14Of(code), code).toBe(toGtin14(code));
  });
});

describe('text fields', () => {
  const base = { sku: 'A-1', barcodes: ['96385074'], unitPriceCents: 1, vatRateBp: 0, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null };
  const nameEn = (en: string) => validateProductRow({ ...base, name: { en, et: 'x', pl: 'x', ru: 'x' } }).name.en;

  it('keeps clean names as they are and cleans messy ones like before', () => {
    expect(nameEn('Milk 2,5% 1 l')).toBe('Milk 2,5% 1 l');
    expect(nameEn('Молоко «Алма» 1 л')).toBe('Молоко «Алма» 1 л');
    expect(nameEn(' Milk')).toBe('Milk');
    expect(nameEn('Milk  1 l')).toBe('Milk 1 l');
    expect(nameEn('Milk\n1 l')).toBe('Milk 1 l');
    expect(nameEn('Milk\u00a0\u00a01 l')).toBe('Milk 1 l');
    expect(nameEn('Milk\u00a01 l')).toBe('Milk\u00a01 l');
    expect(nameEn('Milk 1 l\u3000')).toBe('Milk 1 l');
  });

  it('still refuses control characters, empty and over-long names', () => {
    const field = (en: string) => {
      try {
        nameEn(en);
      } catch (e) {
        if (e instanceof RowFault) return e.reason;
        throw e;
      }
      return 'accepted';
    };
    expect(field('Milk\u0007')).toMatch(/control/);
    expect(field('Milk\u0085x')).toMatch(/control/);
    expect(field('   ')).toMatch(/empty/);
    expect(field('x'.repeat(201))).toMatch(/longer than 200/);
  });
});

describe('barcode lists', () => {
  const base = { sku: 'A-1', name: { en: 'x', et: 'x', pl: 'x', ru: 'x' }, unitPriceCents: 1, vatRateBp: 0, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null };
  const barcodes = (codes: unknown) => validateProductRow({ ...base, barcodes: codes }).barcodes;
  const fault = (codes: unknown) => {
    try {
      barcodes(codes);
    } catch (e) {
      if (e instanceof RowFault) return `${e.field}: ${e.reason}`;
    }
    return 'accepted';
  };

  it('normalises one or several codes to GTIN-14, in order, in an array of exactly their number', () => {
    expect(barcodes(['96385074'])).toEqual(['00000096385074']);
    const three = barcodes([' 4740001000178', '036000291452', '04740001000185']);
    expect(three).toEqual(['04740001000178', '00036000291452', '04740001000185']);
    expect(three.length).toBe(3);
  });

  it('refuses a code listed twice (also in another length), a non-string at any place, a bad code', () => {
    expect(fault(['4740001000178', '04740001000178'])).toBe('barcodes: barcode 04740001000178 listed twice');
    expect(fault(['036000291452', '96385074', '00036000291452'])).toBe('barcodes: barcode 00036000291452 listed twice');
    expect(fault([7])).toBe('barcodes: must be an array of strings');
    expect(fault(['96385074', 7])).toBe('barcodes: must be an array of strings');
    expect(fault(['96385074', '96385075'])).toMatch(/^barcodes: not a valid EAN-8/);
    expect(fault([])).toBe('barcodes: needs at least one barcode');
  });
});
