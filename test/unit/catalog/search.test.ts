import { describe, expect, it } from 'vitest';
import { foldForSearch, queryWords, rankByName, toMatchExpression } from '../../../electron/catalog/search';

describe('queryWords / toMatchExpression', () => {
  it('splits on anything but letters and digits and lower-cases', () => {
    expect(queryWords('Milk 2,5%')).toEqual(['milk']); // one-character words are dropped
    expect(queryWords('Coca-Cola 1.5 l')).toEqual(['coca', 'cola']);
    expect(queryWords('  MOLOKO   молоко ')).toEqual(['moloko', 'молоко']);
    expect(queryWords('7 up 33')).toEqual(['up', '33']);
  });

  it('folds ł and ё, which the tokenizer would keep', () => {
    expect(queryWords('Łosoś Ёлка')).toEqual(['losoś', 'елка']);
    expect(foldForSearch('Łódź ёж')).toBe('Lódź еж');
  });

  it('turns FTS syntax into quoted prefix words', () => {
    expect(queryWords('"')).toEqual([]);
    expect(queryWords('AND OR NOT')).toEqual(['and', 'or', 'not']);
    expect(toMatchExpression(queryWords('NEAR(milk, "bread")*'))).toBe('"near"* "milk"* "bread"*');
    expect(toMatchExpression(queryWords('name_en:milk ^x -y'))).toBe('"name"* "en"* "milk"*');
  });

  it('uses at most 8 words', () => {
    expect(queryWords('aa bb cc dd ee ff gg hh ii jj')).toHaveLength(8);
  });
});

describe('rankByName', () => {
  const row = (id: number, en: string, other = 'x') => ({ id, name_en: en, name_et: other, name_pl: other, name_ru: other });

  it('puts whole-word and name-start matches first, then shorter names, then import order', () => {
    const rows = [row(1, 'Chocolate with milkshake flavour'), row(2, 'Milk chocolate'), row(3, 'Milk'), row(4, 'Oat milk'), row(5, 'Milk')];
    expect(rankByName(rows, ['milk'], 10).map((r) => r.id)).toEqual([3, 5, 2, 4, 1]);
  });

  it('prefers a name that has every query word', () => {
    const rows = [row(1, 'Milk', 'Šokolaad'), row(2, 'Milk chocolate')];
    expect(rankByName(rows, ['milk', 'choc'], 10).map((r) => r.id)).toEqual([2, 1]);
  });

  it('compares without diacritics and honours the limit', () => {
    const rows = [row(1, 'x', 'Łosoś wędzony'), row(2, 'x', 'Lõhe')];
    expect(rankByName(rows, ['wedzony'], 1).map((r) => r.id)).toEqual([1]);
  });
});
