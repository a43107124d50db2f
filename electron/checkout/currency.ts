/**
 * The store's currency: the one place that knows currency codes and how each language writes
 * them. Amounts stay integer minor units (cents, grosze) everywhere; only the sign changes.
 *
 * - EUR: en "€12.34" (sign before, no space); et/pl/ru "12,34 €".
 * - PLN: pl "12,34 zł"; en "PLN 12.34"; et/ru "12,34 PLN" (as Intl writes it in those languages).
 */
import type { Lang } from './lang';

export const CURRENCIES = ['EUR', 'PLN'] as const;
/** ISO 4217 code of a currency Kassa can sell in. */
export type Currency = (typeof CURRENCIES)[number];
/** The currency of a store that names none. */
export const DEFAULT_CURRENCY: Currency = 'EUR';

const NBSP = '\u00a0';

export interface CurrencySign {
  /** What is written beside the number: "€", "zł", "PLN". */
  symbol: string;
  /** Written before the number (en) or after it. */
  before: boolean;
  /** Space between the sign and the number (a no-break space where there is one). */
  gap: string;
}

export function currencySign(currency: Currency, lang: Lang): CurrencySign {
  if (currency === 'EUR') return lang === 'en' ? { symbol: '€', before: true, gap: '' } : { symbol: '€', before: false, gap: NBSP };
  if (lang === 'pl') return { symbol: 'zł', before: false, gap: NBSP };
  return lang === 'en' ? { symbol: 'PLN', before: true, gap: NBSP } : { symbol: 'PLN', before: false, gap: NBSP };
}

/** Puts the currency sign beside an already formatted number; `minus` is written before it all. */
export function withCurrency(number: string, currency: Currency, lang: Lang, minus = ''): string {
  const s = currencySign(currency, lang);
  return s.before ? `${minus}${s.symbol}${s.gap}${number}` : `${minus}${number}${s.gap}${s.symbol}`;
}
