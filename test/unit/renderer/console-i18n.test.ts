/** The attendant console's texts: every language has every English key with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { CONSOLE_MESSAGES, consoleI18n } from '../../../renderer/i18n/console';

function leaves(o: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

describe('console translations', () => {
  const en = leaves(CONSOLE_MESSAGES.en);
  it.each(['et', 'pl', 'ru'] as const)('%s has every English key, non-empty, with the same placeholders', (lang) => {
    const other = leaves(CONSOLE_MESSAGES[lang]);
    expect([...other.keys()].filter((k) => !/_(few|many)$/.test(k)).sort()).toEqual([...en.keys()].filter((k) => !/_(few|many)$/.test(k)).sort());
    const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of other) {
      expect(text.trim(), key).not.toBe('');
      if (en.has(key)) expect(ph(text), `${lang}:${key}`).toEqual(ph(en.get(key)!));
    }
  });

  it('reuses the kiosk messages (lock reasons) beside its own, with plural forms', () => {
    expect(consoleI18n.t('lockReason.sampling', { lng: 'et' })).toBe('Juhuslik kontroll');
    expect(consoleI18n.t('console.lanes.items', { lng: 'ru', count: 5 })).toBe('5 товаров');
    expect(consoleI18n.t('console.lanes.items', { lng: 'pl', count: 2 })).toBe('2 produkty');
  });
});
