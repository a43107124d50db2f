/** Small hooks the screens share: the session language and formatters bound to it. */
import { useMemo } from 'react';
import type { Lang } from '../../electron/checkout/lang';
import { useKassa } from '../store';
import { formatMoney, formatVatRate, formatWeight } from '../i18n/format';

export function useLang(): Lang {
  return useKassa((s) => s.view?.lang ?? 'en');
}

export function useFormat() {
  const lang = useLang();
  // Staff times are store times, whatever zone the kiosk's operating system is set to.
  const timeZone = useKassa((s) => s.view?.store.timeZone);
  const currency = useKassa((s) => s.view?.store.currency);
  return useMemo(
    () => ({
      lang,
      money: (cents: number) => formatMoney(cents, lang, currency),
      weight: (grams: number) => formatWeight(grams, lang),
      vat: (bp: number) => formatVatRate(bp, lang),
      time: (ms: number) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(ms)),
      dateTime: (ms: number) =>
        new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(ms)),
    }),
    [lang, timeZone, currency],
  );
}
