/**
 * Number formatting for the customer screen, from integers only (cents, grams, basis points):
 * the digits are split as text, never divided as floats.
 *
 * Rules (state them once):
 * - Money, en: "€1,234.56" (comma thousands, dot decimals, sign before the €: "−€1.20").
 * - Money, et/pl/ru: "1 234,56 €" (narrow no-break space thousands, comma decimals, no-break
 *   space before €; sign before the digits: "−1,20 €"). Poland writes 4-digit amounts without
 *   a group ("1234,56 €"), like Intl does.
 * - The currency sign and its place come from checkout/currency.ts (PLN: "12,34 zł" in Polish,
 *   "PLN 12.34" in English).
 * - Weight: grams to kilograms with 3 decimals, "1,234 kg" (en "1.234 kg", ru "1,234 кг").
 * - VAT rate: basis points to percent, trailing zeros dropped, "24 %", "9,5 %" (en "9.5 %").
 */
import { DEFAULT_CURRENCY, withCurrency, type Currency } from '../../electron/checkout/currency';
import type { Lang } from '../../electron/checkout/lang';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const MINUS = '\u2212';

interface Style {
  group: string;
  decimal: string;
  /** Minimum number of integer digits before grouping starts. */
  minGroupDigits: number;
}

const STYLES: Record<Lang, Style> = {
  en: { group: ',', decimal: '.', minGroupDigits: 4 },
  et: { group: NNBSP, decimal: ',', minGroupDigits: 4 },
  pl: { group: NNBSP, decimal: ',', minGroupDigits: 5 },
  ru: { group: NNBSP, decimal: ',', minGroupDigits: 4 },
};

function groupDigits(int: string, s: Style): string {
  if (int.length < s.minGroupDigits) return int;
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += s.group;
    out += int[i];
  }
  return out;
}

/** Splits a non-negative integer into whole and fractional digit strings: (1234, 2) → ["12", "34"]. */
function splitFixed(abs: number, decimals: number): [string, string] {
  const digits = String(abs).padStart(decimals + 1, '0');
  return [digits.slice(0, digits.length - decimals), digits.slice(digits.length - decimals)];
}

function assertInt(x: number, what: string): void {
  if (!Number.isSafeInteger(x)) throw new TypeError(`${what} must be an integer, got ${x}`);
}

/** Amount in integer cents as text in the language's convention, e.g. 1234 → "12,34 €" (et) / "€12.34" (en). */
export function formatMoney(cents: number, lang: Lang, currency: Currency = DEFAULT_CURRENCY): string {
  assertInt(cents, 'cents');
  const s = STYLES[lang];
  const [whole, frac] = splitFixed(Math.abs(cents), 2);
  const sign = cents < 0 ? MINUS : '';
  const num = `${groupDigits(whole, s)}${s.decimal}${frac}`;
  return withCurrency(num, currency, lang, sign);
}

/** Weight in integer grams as kilograms with 3 decimals: 1234 → "1,234 kg" (en "1.234 kg", ru "1,234 кг"). */
export function formatWeight(grams: number, lang: Lang): string {
  assertInt(grams, 'grams');
  const s = STYLES[lang];
  const [whole, frac] = splitFixed(Math.abs(grams), 3);
  return `${grams < 0 ? MINUS : ''}${groupDigits(whole, s)}${s.decimal}${frac}${NBSP}${lang === 'ru' ? 'кг' : 'kg'}`;
}

/** VAT rate in basis points as percent: 2400 → "24 %", 950 → "9,5 %" (en "9.5 %"). */
export function formatVatRate(bp: number, lang: Lang): string {
  assertInt(bp, 'basis points');
  const s = STYLES[lang];
  const [whole, frac] = splitFixed(Math.abs(bp), 2);
  const trimmed = frac.replace(/0+$/, '');
  return `${bp < 0 ? MINUS : ''}${whole}${trimmed ? s.decimal + trimmed : ''}${NBSP}%`;
}

/** Seconds as m:ss for countdowns: 75 → "1:15"; negative counts as 0. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
