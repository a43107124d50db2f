/** The languages every customer-facing text exists in. */
export const LANGS = ['en', 'et', 'pl', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export type Translated = Record<Lang, string>;
export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}
