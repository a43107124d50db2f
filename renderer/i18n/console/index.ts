/**
 * i18next for the attendant console: the kiosk's messages (lock reasons, money) plus the
 * console's own under `console.`, in en, et, pl, ru. The language is the store's staff language
 * (`languages.staff`, sent by the server), which the attendant may change on the device.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MESSAGES } from '../index';
import { en } from './en';
import { et } from './et';
import { pl } from './pl';
import { ru } from './ru';

export const CONSOLE_MESSAGES = { en, et, pl, ru } as const;

export const consoleI18n = i18next.createInstance();
void consoleI18n.use(initReactI18next).init({
  resources: Object.fromEntries((['en', 'et', 'pl', 'ru'] as const).map((l) => [l, { translation: { ...MESSAGES[l], console: CONSOLE_MESSAGES[l] } }])),
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
