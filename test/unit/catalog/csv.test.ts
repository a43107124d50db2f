import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../electron/catalog/csv';
import { parseScaledDecimal } from '../../../electron/catalog/csvRows';

describe('parseCsv', () => {
  it('splits plain records and records their first line', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', '2', '3'], line: 2 },
    ]);
  });

  it('handles quotes, doubled quotes, commas and line breaks inside quotes', () => {
    const records = parseCsv('x,"a,b","say ""hi""","two\r\nlines",\r\nnext,"",z');
    expect(records).toEqual([
      { fields: ['x', 'a,b', 'say "hi"', 'two\r\nlines', ''], line: 1 },
      { fields: ['next', '', 'z'], line: 3 },
    ]);
  });

  it('strips a BOM, skips blank lines, accepts a missing final line break and CR-only ends', () => {
    expect(parseCsv('\uFEFFa,b\n\n\nc,d')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 4 },
    ]);
    expect(parseCsv('a\rb\r').map((r) => r.fields)).toEqual([['a'], ['b']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps empty trailing fields', () => {
    expect(parseCsv('a,,\n')[0]?.fields).toEqual(['a', '', '']);
  });

  it('reports syntax errors with the line', () => {
    const at = (text: string) => {
      try {
        parseCsv(text);
      } catch (e) {
        if (e instanceof CsvSyntaxError) return [e.line, e.reason];
        throw e;
      }
      return null;
    };
    expect(at('a\n"never closed\n\n')).toEqual([2, 'quoted field is never closed']);
    expect(at('a\n"x"y,1')).toEqual([2, expect.stringMatching(/after a closing quote/)]);
    expect(at('a\nb"c')).toEqual([2, expect.stringMatching(/quote inside an unquoted field/)]);
    expect(at('"multi\nline"\n"x"y')).toEqual([3, expect.stringMatching(/after a closing quote/)]);
  });
});

describe('parseScaledDecimal', () => {
  it('parses euros and percents as text, never float arithmetic', () => {
    expect(parseScaledDecimal('1.99', 2)).toBe(199);
    expect(parseScaledDecimal('1,99', 2)).toBe(199);
    expect(parseScaledDecimal('0.1', 2)).toBe(10);
    expect(parseScaledDecimal('4.35', 2)).toBe(435); // 4.35 * 100 = 434.99999999999994 in floats
    expect(parseScaledDecimal('1.005', 2)).toBeNull();
    expect(parseScaledDecimal(' 22 ', 2)).toBe(2200);
    expect(parseScaledDecimal('5.5', 2)).toBe(550);
    expect(parseScaledDecimal('1099.00', 2)).toBe(109900);
  });

  it('refuses anything that is not a plain non-negative decimal', () => {
    for (const bad of ['', '-1', '+1', '1.', '.5', '1e3', '1 000', '1.2.3', 'abc', '0x10', '1,2,3', 'NaN']) {
      expect(parseScaledDecimal(bad, 2)).toBeNull();
    }
  });
});

describe('parseScaledDecimal (by hand) agrees with the rule it replaced', () => {
  const byRegex = (text: string, maxDecimals: number): number | null => {
    const m = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text.trim());
    if (!m) return null;
    const frac = m[2] ?? '';
    if (frac.length > maxDecimals) return null;
    return Number(m[1]) * 10 ** maxDecimals + Number(frac.padEnd(maxDecimals, '0') || '0');
  };
  it('on valid, over-precise, over-long, empty and malformed texts', () => {
    const texts = ['', ' ', '0', '00', '1.', '.5', ',5', '1.5', '1,05', '1.005', '1.2.3', '1,,2', '1.x', 'x1', '+1', '-1', '1e3', ' 7 ', '\t9,9\n', '123456789', '1234567890', '123456789.99', '0012.30', '1 .5', '1. 5', '\u00a012\u00a0', '１２'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const alphabet = '0123456789.,, x-';
    for (let k = 0; k < 2000; k++) texts.push(Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join(''));
    for (const t of texts) for (const d of [0, 1, 2, 3]) expect(parseScaledDecimal(t, d), `${JSON.stringify(t)} ${d}`).toBe(byRegex(t, d));
  });
});
