import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../electron/checkout/lang';
import { i18n, MESSAGES } from '../../../renderer/i18n';
import { FIXTURES, FIXTURE_NAMES } from '../../../renderer/fixtures';

function leaves(o: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const NOTICE_CODES = ['barcode-invalid', 'product-not-found', 'age-restricted', 'not-sold-now', 'quantity-limit', 'basket-locked', 'payment-cancelled', 'payment-reversed', 'payment-timeout', 'payment-error', 'assistance-called', 'supervisor-badge', 'printer-problem'];
const CONTROL_RULES = ['age', 'sale-hours', 'sampling', 'basket-value', 'item-count', 'voided-lines', 'unknown-scans', 'forced'];

describe('translations', () => {
  const en = leaves(MESSAGES.en);
  it.each(LANGS.filter((l) => l !== 'en'))('%s has every English key, non-empty, with the same placeholders', (lang) => {
    const other = leaves(MESSAGES[lang]);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of other) {
      expect(text.trim(), key).not.toBe('');
      const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(ph(text), `${lang}:${key}`).toEqual(ph(en.get(key)!));
    }
  });

  it('covers every notice code and purchase-control rule', () => {
    for (const lang of LANGS) {
      const m = leaves(MESSAGES[lang]);
      for (const c of NOTICE_CODES) expect(m.has(`notice.${c}`), `${lang} notice.${c}`).toBe(true);
      for (const r of CONTROL_RULES) expect(m.has(`lockReason.${r}`), `${lang} lockReason.${r}`).toBe(true);
    }
  });

  it('a supervisor reads a known refusal in the staff language, and an unknown one with the engine\'s words and its code', () => {
    expect(i18n.getFixedT('et')('supervisor.refusals.busy', { defaultValue: 'x' })).toMatch(/^Selle makse kallal/);
    expect(i18n.getFixedT('ru')('supervisor.refusals.refund-first', { defaultValue: 'x' })).toMatch(/возврат/);
    const fallback = i18n.getFixedT('pl')('supervisor.refused', { code: 'no-such-code', message: 'engine words' });
    expect(i18n.getFixedT('pl')('supervisor.refusals.no-such-code', { defaultValue: fallback })).toBe('Odrzucono: engine words (no-such-code)');
  });

  it('uses the Slavic plural forms', () => {
    const t = i18n.getFixedT('ru');
    expect([1, 3, 5, 21].map((count) => t('shopping.articles', { count }))).toEqual(['1 товар', '3 товара', '5 товаров', '21 товар']);
    const p = i18n.getFixedT('pl');
    expect([1, 3, 5, 22].map((count) => p('shopping.articles', { count }))).toEqual(['1 produkt', '3 produkty', '5 produktów', '22 produkty']);
    expect(i18n.getFixedT('et')('supervisor.pinError.wrong-pin', { count: 1 })).toBe('Vale PIN. Jäänud on 1 katse.');
  });

  it('does not HTML-escape product names in interpolations', () => {
    expect(i18n.getFixedT('en')('line.remove', { name: 'Milk 2.5% 1 l & <co>' })).toBe('Remove Milk 2.5% 1 l & <co>');
  });
});

describe('fixtures', () => {
  it('build a view for every fixture in every language', () => {
    expect(FIXTURE_NAMES.length).toBeGreaterThan(20);
    for (const name of FIXTURE_NAMES) for (const lang of LANGS) expect(FIXTURES[name]!.view(lang).lang).toBe(lang);
  });
  it('keep the basket fixture internally consistent (totals add up, in cents)', () => {
    const b = FIXTURES.basket!.view('en').basket;
    expect(b.lines.reduce((n, l) => n + l.totalCents, 0)).toBe(b.subtotalCents);
    expect(b.subtotalCents - b.discounts.reduce((n, d) => n + d.amountCents, 0) + b.roundingCents).toBe(b.totalCents);
    expect(b.vat.reduce((n, r) => n + r.grossCents, 0)).toBe(b.totalCents);
    for (const r of b.vat) expect(r.netCents + r.vatCents).toBe(r.grossCents);
  });
});
