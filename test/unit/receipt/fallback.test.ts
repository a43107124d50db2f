/**
 * Characters the printer's code pages lack print as their closest stand-in, never as '?':
 * encoded for each profile, decoded back by the virtual printer's decoder.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../electron/devices/printer/encode';
import { printableText } from '../../../electron/devices/printer/fallback';
import { loadPrinterProfile } from '../../../electron/devices/printer/profile';
import { rowCodepages } from '../../../electron/devices/printer/text-bytes';
import { decodeEscPos } from '../../../electron/devices/printer/virtual/decode';
import { sampleReceipt } from './fixtures';

const PROFILES = ['epson-tm-t20iii', 'epson-tm-t88vi-42', 'generic-58mm'].map((id) => loadPrinterProfile(id, join(import.meta.dirname, '../../../resources/printers')));

describe('code-page fallback', () => {
  for (const p of PROFILES) {
    it(`${p.id}: '−', '€', 'ł', 'õ', typographic quotes and dashes print without '?'`, () => {
      const r = sampleReceipt({
        lang: 'pl',
        discounts: [{ description: 'SWiP welcome −5 %', amountCents: 50 }],
        footer: ['Cena € — „dziękujemy” · łódź', 'Õunamahl … 2×'],
        qr: undefined,
      });
      const text = decodeEscPos(encodeReceipt(r, p)).text;
      expect(text).toContain('SWiP welcome -5 %');
      expect(text).toContain('€');
      expect(text).toContain('łódź');
      expect(text).toContain('Õunamahl');
      expect(text).toMatch(/["„]dziękujemy["”]/); // a page may have the typographic quotes themselves
      expect(text).not.toContain('?');
    });
  }

  it('keeps the length of every row, so columns stay aligned', () => {
    const rc = rowCodepages(PROFILES[0]!.codepageMapping);
    for (const s of ['−5 %', '“quoted” – dash…', 'Ǿ ǖ ẞ', 'plain ascii', '😀 x']) {
      expect(printableText(s, rc)).toHaveLength(s.length);
    }
  });

  it('replaces accented letters no page has by their base letter, and unknown symbols by "?"', () => {
    const rc = rowCodepages(PROFILES[0]!.codepageMapping);
    expect(printableText('ǖ', rc)).toBe('u');
    expect(printableText('☃', rc)).toBe('?');
    expect(printableText('Mleko łaciate', rc)).toBe('Mleko łaciate');
  });

  it('changes nothing the printer can print (the golden receipts stay byte-identical)', () => {
    const rc = rowCodepages(PROFILES[1]!.codepageMapping);
    for (const s of ['Šokolaad Kalev tume 70% õunaga', 'Żółte śliwki łąckie', 'Молоко 2,5% 1 л', 'Aitäh ostu eest!']) {
      expect(printableText(s, rc)).toBe(s);
    }
  });
});
