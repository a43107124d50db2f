import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../electron/checkout/lang';
import { OTHER_REFUSAL_CODES, STAFF_REFUSAL_CODES } from '../../../electron/engine/refusal-codes';
import { PROVIDER_KINDS } from '../../../electron/payments/port';
import { ATTENTION_REASONS } from '../../../electron/payments/settle';
import { LOGIN_REFUSAL_CODES } from '../../../electron/store/console/attendants';
import { ACTION_REFUSAL_CODES, CHECK_REFUSAL_CODES } from '../../../electron/store/lane';
import { LINK_FAILURE_CODES } from '../../../renderer/console/connection';
import { i18n, MESSAGES } from '../../../renderer/i18n';
import { attentionWords } from '../../../renderer/i18n/attention';
import { CONSOLE_MESSAGES, consoleI18n } from '../../../renderer/i18n/console';
import { staffRefusal } from '../../../renderer/i18n/refusals';

// The codes come from their sources (the lists `IntentRefused` and the console's result types are
// typed by), so a new code without words in every language fails here.
const staffCodes = [...new Set(STAFF_REFUSAL_CODES)];
const missing = (words: Record<string, string>, codes: readonly string[]) => codes.filter((c) => typeof words[c] !== 'string' || words[c].trim() === '');

describe('refusals in the staff language', () => {
  it('has words for every code a supervisor can meet on the kiosk staff console, in every language', () => {
    expect(staffCodes.length).toBeGreaterThan(30);
    for (const lang of LANGS) expect(missing(MESSAGES[lang].supervisor.refusals, staffCodes), lang).toEqual([]);
  });

  it('words only codes the engine has, and none for the codes staff never read by code', () => {
    const known = new Set<string>(staffCodes);
    for (const lang of LANGS) {
      expect(Object.keys(MESSAGES[lang].supervisor.refusals).filter((k) => !known.has(k)), lang).toEqual([]);
    }
    // A code listed twice would leave one side without words or with words nobody shows.
    expect(OTHER_REFUSAL_CODES.filter((c) => known.has(c))).toEqual([]);
  });

  it('shows a known code in the staff language and an unknown one with the engine words and its code', () => {
    const et = i18n.getFixedT('et');
    expect(staffRefusal(et, { code: 'QUANTITY_OUT_OF_RANGE', message: 'quantity must be 1..99' })).toBe('Kogus peab olema 1 kuni 99.');
    expect(staffRefusal(i18n.getFixedT('ru'), { code: 'store-offline', message: 'the store node cannot be reached' })).toBe('Нет связи с сервером магазина. Попробуйте чуть позже.');
    expect(staffRefusal(i18n.getFixedT('pl'), { code: 'from-a-newer-node', message: 'engine words' })).toBe('Odrzucono: engine words (from-a-newer-node)');
  });

  it('the attendant console words every answer to an action, a verdict and a sign-in, in every language', () => {
    for (const lang of LANGS) {
      const c = CONSOLE_MESSAGES[lang];
      expect(missing(c.result, [...ACTION_REFUSAL_CODES, ...LINK_FAILURE_CODES]), `${lang} result`).toEqual([]);
      expect(missing(c.checks.result, [...CHECK_REFUSAL_CODES, ...LINK_FAILURE_CODES]), `${lang} checks.result`).toEqual([]);
      expect(missing(c.login.errors, [...LOGIN_REFUSAL_CODES, ...LINK_FAILURE_CODES.filter((x) => x !== 'signed-out')]), `${lang} login.errors`).toEqual([]);
    }
  });

  it('both staff screens word every reason a payment waits for staff', () => {
    const reasons = [...ATTENTION_REASONS, 'close-unknown'];
    for (const lang of LANGS) {
      expect(missing(MESSAGES[lang].supervisor.orders.reason, reasons), `${lang} kiosk`).toEqual([]);
      expect(missing(CONSOLE_MESSAGES[lang].payments.reason, reasons), `${lang} console`).toEqual([]);
    }
  });

  it('words every reason for every provider: no "SWiP" unless it is SWiP, no placeholder left, no code shown', () => {
    const reasons = [...ATTENTION_REASONS, 'close-unknown'];
    const screens = [
      ['supervisor.orders', (l: string) => i18n.getFixedT(l)],
      ['console.payments', (l: string) => consoleI18n.getFixedT(l)],
    ] as const;
    for (const [scope, tFor] of screens) {
      for (const lang of LANGS) {
        const t = tFor(lang);
        // 'blik': a provider of a newer kiosk on the store bus, named neutrally.
        for (const provider of [...PROVIDER_KINDS, 'blik']) {
          for (const reason of reasons) {
            const words = attentionWords(t, scope, reason, provider);
            const where = `${scope} ${lang} ${provider} ${reason}`;
            expect(words.length, where).toBeGreaterThan(8);
            expect(words, where).not.toMatch(/\{\{|undefined|_terminal|_inpost/);
            expect(words, where).not.toBe(reason);
            if (provider !== 'swip') expect(words, where).not.toContain('SWiP');
            if (provider === 'blik') expect(words, where).not.toContain('blik');
          }
        }
        expect(t(`${scope}.provider.other`), `${scope} ${lang}`).not.toBe(`${scope}.provider.other`);
      }
    }
    // A provider's own words only for reasons and providers that exist (a typo would never be shown).
    for (const lang of LANGS) {
      for (const words of [MESSAGES[lang].supervisor.orders.reason, CONSOLE_MESSAGES[lang].payments.reason]) {
        const keys = Object.keys(words).map((k) => k.split('_'));
        expect(keys.filter(([r, p]) => !reasons.includes(r!) || (p !== undefined && !(PROVIDER_KINDS as readonly string[]).includes(p))), lang).toEqual([]);
      }
    }
  });

  it('names the provider in the words of a refusal that means the same for all, in the staff language', () => {
    const en = i18n.getFixedT('en');
    expect(attentionWords(en, 'supervisor.orders', 'close-refused', 'swip')).toMatch(/^SWiP refused to close the order\./);
    expect(attentionWords(en, 'supervisor.orders', 'close-refused', 'inpost')).toMatch(/^InPost Pay refused to complete the order/);
    expect(attentionWords(en, 'supervisor.orders', 'cancel-refused', 'swip')).toMatch(/^SWiP refused to cancel/);
    expect(attentionWords(en, 'supervisor.orders', 'create-refused', 'terminal')).toBe('The card terminal refused the order.');
    expect(attentionWords(en, 'supervisor.orders', 'close-refused', 'blik')).toMatch(/^The payment provider refused to close/);
    expect(attentionWords(i18n.getFixedT('ru'), 'supervisor.orders', 'close-unknown', 'inpost')).toBe('InPost Pay ещё не подтвердил закрытие; касса продолжает спрашивать.');
    expect(attentionWords(i18n.getFixedT('et'), 'supervisor.orders', 'close-refused', 'terminal')).toMatch(/^Kaardimakseterminalis pole selle tellimuse kinnitatud makset/);
    expect(attentionWords(consoleI18n.getFixedT('pl'), 'console.payments', 'close-refused', 'terminal')).toBe('Brak zatwierdzonej płatności w terminalu');
    expect(attentionWords(consoleI18n.getFixedT('en'), 'console.payments', 'close-refused', 'swip')).toBe('The provider refused the close');
    // A reason of a newer kiosk keeps its code.
    expect(attentionWords(consoleI18n.getFixedT('en'), 'console.payments', 'from-a-newer-kiosk', 'swip')).toBe('from-a-newer-kiosk');
  });

  it('the console keeps the kiosk words of an action result it has no words for', () => {
    const t = consoleI18n.getFixedT('ru');
    const message = 'an age check is waiting: void at the kiosk';
    expect(t('console.result.from-a-newer-node', { message, defaultValue: t('console.result.refused', { message }) })).toBe(`${CONSOLE_MESSAGES.ru.result.refused.replace('{{message}}', message)}`);
    expect(t('console.result.busy', { message, defaultValue: 'x' })).toBe(CONSOLE_MESSAGES.ru.result.busy);
  });
});
