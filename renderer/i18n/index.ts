/**
 * i18next for the kiosk: every visible text in en, et, pl, ru. The language is the engine's
 * (`view.lang`); the renderer only follows it (see ../start.ts) and never picks one itself.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../electron/checkout/lang';
import { en } from './en';
import { et } from './et';
import { pl } from './pl';
import { ru } from './ru';

export const MESSAGES = { en, et, pl, ru } as const;

/** Native language names for the language buttons: the same in every language. */
export const NATIVE_NAMES: Record<Lang, string> = { en: 'English', et: 'Eesti', pl: 'Polski', ru: 'Русский' };

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, et: { translation: et }, pl: { translation: pl }, ru: { translation: ru } },
  lng: 'en',
  fallbackLng: 'en',
  // React escapes; i18next must not escape a second time (names like "Milk 2.5% 1 l").
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
