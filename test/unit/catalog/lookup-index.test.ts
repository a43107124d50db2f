/** The picker's in-memory name index: any language, folded letters, prefixes, one typo, PLU digits. */
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../electron/checkout/product';
import { LookupIndex, withinOneEdit } from '../../../electron/catalog/lookup-index';

const item = (sku: string, en: string, et: string, pl: string, ru: string, plu?: string): Product => ({
  sku, barcodes: ['1'], name: { en, et, pl, ru }, unitPriceCents: 100, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'x', ageLimit: null, lookup: true, ...(plu ? { plu } : {}),
});

const index = new LookupIndex([
  item('ROLL', 'Bread roll', 'Kukkel', 'Bułka', 'Булочка', '83009'),
  item('RYE', 'Rye roll', 'Rukkikukkel', 'Bułka żytnia', 'Ржаная булочка', '83010'),
  item('BAN', 'Bananas', 'Banaanid', 'Banany', 'Бананы', '4011'),
  item('APL', 'Apples Golden', 'Õunad Golden', 'Jabłka Golden', 'Яблоки Голден', '4020'),
  item('CIN', 'Cinnamon bun', 'Kaneelisai', 'Drożdżówka z cynamonem', 'Булочка с корицей'),
]);
const skus = (q: string) => index.search(q).map((h) => h.product.sku);

describe('LookupIndex', () => {
  it('finds by a prefix of a word in any of the four languages, case and diacritics folded', () => {
    expect(skus('bułka')).toEqual(['ROLL', 'RYE']);
    expect(skus('BULK')).toEqual(['ROLL', 'RYE']);
    expect(skus('õun')).toEqual(['APL']);
    expect(skus('oun')).toEqual(['APL']);
    expect(skus('jabl')).toEqual(['APL']);
    expect(skus('бан')).toEqual(['BAN']);
    expect(skus('b')).toEqual(['ROLL', 'RYE', 'BAN', 'CIN']);
  });

  it('needs every word; a whole word and a first word rank higher', () => {
    expect(skus('bułka żyt')).toEqual(['RYE']);
    expect(skus('булочка')[0]).toBe('ROLL');
    expect(skus('roll')).toEqual(['ROLL', 'RYE']);
    expect(skus('bread zzz')).toEqual([]);
  });

  it('allows one typo from 4 letters: a wrong, missing, extra or swapped letter', () => {
    expect(skus('bnana')).toEqual(['BAN']); // missing
    expect(skus('baanan')).toEqual(['BAN']); // extra (as a prefix of "banaanid" it also matches directly)
    expect(skus('bnaan')).toContain('BAN'); // swapped
    expect(skus('banqna')).toEqual(['BAN']); // wrong
    expect(skus('bna')).toEqual([]); // too short for a typo
  });

  it('a query of digits finds PLU codes by prefix, the exact code first', () => {
    expect(skus('4011')).toEqual(['BAN']);
    expect(skus('830')).toEqual(['ROLL', 'RYE']);
    expect(skus('83010')).toEqual(['RYE']);
    expect(skus('9')).toEqual([]);
  });

  it('any text is safe and bounded', () => {
    expect(skus('')).toEqual([]);
    expect(skus('"*) OR 1=1 --')).toEqual([]);
    expect(index.search('b', 2)).toHaveLength(2);
  });

  it('withinOneEdit', () => {
    expect(withinOneEdit('abcd', 'abcd')).toBe(true);
    expect(withinOneEdit('abcd', 'abxd')).toBe(true);
    expect(withinOneEdit('abcd', 'abd')).toBe(true);
    expect(withinOneEdit('abd', 'abcd')).toBe(true);
    expect(withinOneEdit('abcd', 'bacd')).toBe(true);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
    expect(withinOneEdit('abcd', 'ab')).toBe(false);
  });
});
