/** Customer texts of the payment flow that do not come from a provider's client, in every language. */
import type { Lang, Translated } from '../checkout/lang';
import type { ProviderKind } from './port';
import { swipCustomerMessage } from './swip';

const TERMINAL_DECLINED: Translated = {
  en: 'The card payment was declined. Try again, pay with SWiP, or call for help.',
  et: 'Kaardimakse lükati tagasi. Proovige uuesti, makske SWiPiga või kutsuge abi.',
  pl: 'Płatność kartą została odrzucona. Spróbuj ponownie, zapłać przez SWiP lub poproś o pomoc.',
  ru: 'Оплата картой отклонена. Попробуйте ещё раз, оплатите через SWiP или позовите помощь.',
};

const TERMINAL_OFFLINE: Translated = {
  en: 'The card terminal is not answering, so nothing was charged. Pay with SWiP, or call for help.',
  et: 'Kaarditerminal ei vasta, raha ei võetud. Makske SWiPiga või kutsuge abi.',
  pl: 'Terminal płatniczy nie odpowiada, nic nie zostało pobrane. Zapłać przez SWiP lub poproś o pomoc.',
  ru: 'Платёжный терминал не отвечает, деньги не списаны. Оплатите через SWiP или позовите помощь.',
};

const APP_DECLINED: Translated = {
  en: 'Your payment was declined in the SWiP app. You can try again in the app or pay another way.',
  et: 'Teie makse lükati SWiP-i rakenduses tagasi. Võite rakenduses uuesti proovida või maksta muul viisil.',
  pl: 'Płatność została odrzucona w aplikacji SWiP. Możesz spróbować ponownie w aplikacji lub zapłacić inaczej.',
  ru: 'Платёж отклонён в приложении SWiP. Попробуйте ещё раз в приложении или оплатите другим способом.',
};

const PERSONAL_DISCOUNT: Translated = {
  en: 'SWiP personal discount',
  et: 'SWiP isiklik allahindlus',
  pl: 'Rabat osobisty SWiP',
  ru: 'Персональная скидка SWiP',
};

const kindOf = (e: unknown) => (e && typeof e === 'object' ? (e as { kind?: unknown }).kind : undefined);

export function paymentMessage(err: unknown, lang: Lang): string {
  if (kindOf(err) === 'TerminalDeclined') return (err as { reason?: unknown }).reason === 'terminal-unreachable' ? TERMINAL_OFFLINE[lang] : TERMINAL_DECLINED[lang];
  if (kindOf(err) === 'AppDeclined') return APP_DECLINED[lang];
  return swipCustomerMessage(err, lang);
}

const INPOST_DISCOUNT: Translated = {
  en: 'InPost Pay discount',
  et: 'InPost Pay allahindlus',
  pl: 'Rabat InPost Pay',
  ru: 'Скидка InPost Pay',
};

export function providerDiscountLabel(kind: ProviderKind, lang: Lang): string {
  return (kind === 'inpost' ? INPOST_DISCOUNT : PERSONAL_DISCOUNT)[lang];
}
