/** Small hooks the screens share: the session language and formatters bound to it. */
import { createContext, useContext, useMemo } from 'react';
import type { Lang } from '../../electron/checkout/lang';
import { useKassa } from '../store';
import { formatMoney, formatVatRate, formatWeight } from '../i18n/format';

/** Set by the staff overlay: the staff's language, which the PIN pad and console follow. */
export const StaffLangContext = createContext<Lang | null>(null);

export function useLang(): Lang {
  const staff = useContext(StaffLangContext);
  const session = useKassa((s) => s.view?.lang ?? 'en');
  return staff ?? session;
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
        // A written month and the year ("3 Dec 2026, 12:00"), never an ambiguous "03/12".
        new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(ms)),
    }),
    [lang, timeZone, currency],
  );
}
