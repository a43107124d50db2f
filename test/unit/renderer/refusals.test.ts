import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../electron/checkout/lang';
import { OTHER_REFUSAL_CODES, STAFF_REFUSAL_CODES } from '../../../electron/engine/refusal-codes';
import { ATTENTION_REASONS } from '../../../electron/payments/settle';
import { LOGIN_REFUSAL_CODES } from '../../../electron/store/console/attendants';
import { ACTION_REFUSAL_CODES, CHECK_REFUSAL_CODES } from '../../../electron/store/lane';
import { LINK_FAILURE_CODES } from '../../../renderer/console/connection';
import { i18n, MESSAGES } from '../../../renderer/i18n';
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

  it('the console keeps the kiosk words of an action result it has no words for', () => {
    const t = consoleI18n.getFixedT('ru');
    const message = 'an age check is waiting: void at the kiosk';
    expect(t('console.result.from-a-newer-node', { message, defaultValue: t('console.result.refused', { message }) })).toBe(`${CONSOLE_MESSAGES.ru.result.refused.replace('{{message}}', message)}`);
    expect(t('console.result.busy', { message, defaultValue: 'x' })).toBe(CONSOLE_MESSAGES.ru.result.busy);
  });
});
