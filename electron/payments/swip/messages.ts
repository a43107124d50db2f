/**
 * Customer-facing texts for SWiP failures: short, in every kiosk language, never technical,
 * and always with a way forward (try again, pay at the card terminal, call staff).
 */
import type { Lang, Translated } from '../../checkout/lang';
import { isSwipError, type SwipMessageKey } from './errors';

export const SWIP_MESSAGES: Record<SwipMessageKey, Translated> = {
  'swip.error.network': {
    en: 'We cannot reach SWiP right now. Please try again or pay at the card terminal.',
    et: 'SWiP-iga ei saa praegu ühendust. Proovige uuesti või makske kaardimakseterminalis.',
    pl: 'Brak połączenia z SWiP. Spróbuj ponownie lub zapłać w terminalu płatniczym.',
    ru: 'Нет связи с SWiP. Попробуйте ещё раз или оплатите картой в терминале.',
  },
  'swip.error.timeout': {
    en: 'SWiP did not answer in time. Please try again or pay at the card terminal.',
    et: 'SWiP ei vastanud õigel ajal. Proovige uuesti või makske kaardimakseterminalis.',
    pl: 'SWiP nie odpowiedział na czas. Spróbuj ponownie lub zapłać w terminalu płatniczym.',
    ru: 'SWiP не ответил вовремя. Попробуйте ещё раз или оплатите картой в терминале.',
  },
  'swip.error.server': {
    en: 'SWiP has a temporary problem. Please try again in a moment or pay at the card terminal.',
    et: 'SWiP-il on ajutine tõrge. Proovige hetke pärast uuesti või makske kaardimakseterminalis.',
    pl: 'SWiP ma chwilowy problem. Spróbuj ponownie za chwilę lub zapłać w terminalu płatniczym.',
    ru: 'В SWiP временный сбой. Попробуйте чуть позже или оплатите картой в терминале.',
  },
  'swip.error.busy': {
    en: 'SWiP is busy right now. Please wait a few seconds and try again.',
    et: 'SWiP on praegu hõivatud. Oodake mõni sekund ja proovige uuesti.',
    pl: 'SWiP jest teraz zajęty. Odczekaj kilka sekund i spróbuj ponownie.',
    ru: 'SWiP сейчас перегружен. Подождите несколько секунд и попробуйте ещё раз.',
  },
  'swip.error.unavailable': {
    en: 'SWiP payment is not available at this checkout. Please pay at the card terminal or call a staff member.',
    et: 'SWiP-makse pole selles kassas saadaval. Makske kaardimakseterminalis või kutsuge töötaja.',
    pl: 'Płatność SWiP jest niedostępna w tym kiosku. Zapłać w terminalu płatniczym lub poproś o pomoc obsługę.',
    ru: 'Оплата через SWiP на этой кассе недоступна. Оплатите картой в терминале или позовите сотрудника.',
  },
  'swip.error.notPaid': {
    en: 'We have not received your payment yet. Please confirm it in the SWiP app or pay at the card terminal.',
    et: 'Teie makset pole veel laekunud. Kinnitage see SWiP-i rakenduses või makske kaardimakseterminalis.',
    pl: 'Nie otrzymaliśmy jeszcze Twojej płatności. Potwierdź ją w aplikacji SWiP lub zapłać w terminalu płatniczym.',
    ru: 'Мы ещё не получили вашу оплату. Подтвердите её в приложении SWiP или оплатите картой в терминале.',
  },
  'swip.error.order': {
    en: 'This payment could not be completed. Please call a staff member.',
    et: 'Seda makset ei õnnestunud lõpule viia. Palun kutsuge töötaja.',
    pl: 'Nie udało się dokończyć tej płatności. Poproś o pomoc obsługę sklepu.',
    ru: 'Не удалось завершить этот платёж. Пожалуйста, позовите сотрудника.',
  },
  'swip.error.response': {
    en: 'We could not check your payment. Please try again or pay at the card terminal.',
    et: 'Makset ei õnnestunud kontrollida. Proovige uuesti või makske kaardimakseterminalis.',
    pl: 'Nie udało się sprawdzić płatności. Spróbuj ponownie lub zapłać w terminalu płatniczym.',
    ru: 'Не удалось проверить платёж. Попробуйте ещё раз или оплатите картой в терминале.',
  },
  'swip.error.unknown': {
    en: 'Something went wrong. Please try again or call a staff member.',
    et: 'Midagi läks valesti. Proovige uuesti või kutsuge töötaja.',
    pl: 'Coś poszło nie tak. Spróbuj ponownie lub poproś o pomoc obsługę.',
    ru: 'Что-то пошло не так. Попробуйте ещё раз или позовите сотрудника.',
  },
};

/** The customer's sentence for any error thrown by the SWiP client (other errors get the generic one). */
export function swipCustomerMessage(err: unknown, lang: Lang): string {
  const key: SwipMessageKey = isSwipError(err) ? err.messageKey : 'swip.error.unknown';
  return SWIP_MESSAGES[key][lang];
}
