/**
 * The staff overlay, visually distinct (dark slate): PIN entry after a badge scan, then the
 * staff console with tabs. Everything here is for trained staff, so it is denser than the
 * customer screens, but keys stay ≥ 72 px.
 */
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Lang } from '../../../electron/checkout/lang';
import { i18n } from '../../i18n';
import { useShallow } from 'zustand/react/shallow';
import { SUPERVISOR_TABS, useKassa, PIN_MAX, PIN_MIN } from '../../store';
import { Keypad } from '../../components/Keypad';
import { Icon } from '../../components/icons';
import { StaffLangContext, useFormat } from '../../components/hooks';
import { formatCountdown } from '../../i18n/format';
import { staffRefusal } from '../../i18n/refusals';
import { BasketTab } from './BasketTab';
import { SmartsTab } from './SmartsTab';
import { ConfirmMoneyAction, OrdersTab } from './OrdersTab';
import { DevicesTab } from './DevicesTab';
import { HelpAlert } from './HelpAlert';

function PinError() {
  const { t } = useTranslation();
  const f = useFormat();
  const err = useKassa((s) => s.view?.supervisor?.pinError ?? null);
  if (!err) return <p className="pin__error" aria-live="polite" />;
  let text: string;
  if (err.reason === 'wrong-pin') text = err.attemptsLeft !== null ? t('supervisor.pinError.wrong-pin', { count: err.attemptsLeft }) : t('supervisor.pinError.wrong-pin');
  else if (err.reason === 'locked') text = err.lockedUntil !== null ? t('supervisor.pinError.locked', { time: f.time(err.lockedUntil) }) : t('supervisor.pinError.lockedNoTime');
  else text = t(`supervisor.pinError.${err.reason}`);
  return (
    <p className="pin__error" role="alert">
      <Icon name="alert" size={30} />
      {text}
    </p>
  );
}

function PinEntry() {
  const { t } = useTranslation();
  const badge = useKassa((s) => s.view?.supervisor?.badge ?? '');
  const digits = useKassa((s) => s.pinDigits);
  const { pinPress, pinClear, pinBackspace, submitPin, supervisorLogout } = useKassa(
    useShallow((s) => ({ pinPress: s.pinPress, pinClear: s.pinClear, pinBackspace: s.pinBackspace, submitPin: s.submitPin, supervisorLogout: s.supervisorLogout })),
  );
  const slots = Math.max(PIN_MIN, digits.length);
  return (
    <div className="pin" role="dialog" aria-modal="true" aria-labelledby="pin-title">
      <div className="pin__head">
        <div>
          <h1 id="pin-title" className="pin__title">
            {t('supervisor.pinTitle')}
          </h1>
          <p className="pin__badge">
            <Icon name="user" size={26} />
            {t('supervisor.badge', { badge })}
          </p>
        </div>
        <button type="button" className="sbtn sbtn--ghost" onClick={() => void supervisorLogout()}>
          {t('supervisor.cancel')}
        </button>
      </div>
      <p className="pin__prompt">{t('supervisor.pinPrompt')}</p>
      <div className="pin__dots" role="img" aria-label={t('supervisor.digitsEntered', { count: digits.length })}>
        {Array.from({ length: Math.min(PIN_MAX, slots) }, (_, i) => (
          <span key={i} className={`pin__dot${i < digits.length ? ' is-filled' : ''}`} />
        ))}
      </div>
      <PinError />
      <Keypad label={t('supervisor.pinPrompt')} onDigit={pinPress} onClear={pinClear} onBackspace={pinBackspace} />
      <button type="button" className="sbtn sbtn--primary sbtn--wide" disabled={digits.length < PIN_MIN} onClick={() => void submitPin()}>
        {t('supervisor.ok')}
      </button>
    </div>
  );
}

function Console() {
  const { t } = useTranslation();
  const { name, badge, secondsLeft } = useKassa(
    useShallow((s) => ({ name: s.view?.supervisor?.name ?? null, badge: s.view?.supervisor?.badge ?? '', secondsLeft: s.view?.supervisor?.secondsLeft ?? 0 })),
  );
  const tab = useKassa((s) => s.supervisorTab);
  const setTab = useKassa((s) => s.setSupervisorTab);
  const logout = useKassa((s) => s.supervisorLogout);
  const reprint = useKassa((s) => s.reprintLast);
  const lastError = useKassa((s) => s.lastError);
  const smartsPending = useKassa((s) => s.view?.supervisor?.smartsChecks.filter((c) => c.status === 'pending').length ?? 0);
  const attention = useKassa((s) => s.view?.supervisor?.attention.length ?? 0);

  return (
    <div className="console" role="dialog" aria-modal="true" aria-labelledby="console-title">
      <header className="console__head">
        <div className="console__who">
          <span className="console__avatar" aria-hidden="true">
            <Icon name="user" size={34} />
          </span>
          <div>
            <h1 id="console-title" className="console__title">
              {t('supervisor.console')}
            </h1>
            <p className="console__name">{name ?? t('supervisor.badge', { badge })}</p>
          </div>
        </div>
        <div className="console__timer" role="timer">
          <span>{t('supervisor.autoLogout')}</span>
          <strong>{formatCountdown(secondsLeft)}</strong>
        </div>
        <button type="button" className="sbtn sbtn--ghost" onClick={() => void logout()}>
          <Icon name="back" size={28} />
          {t('supervisor.logout')}
        </button>
      </header>
      <div className="tabs" role="tablist" aria-label={t('supervisor.console')}>
        {SUPERVISOR_TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            className="tab"
            onClick={() => setTab(id)}
          >
            {t(`supervisor.tabs.${id}`)}
            {id === 'smarts' && smartsPending > 0 && <span className="tab__count">{smartsPending}</span>}
            {id === 'orders' && attention > 0 && <span className="tab__count">{attention}</span>}
          </button>
        ))}
      </div>
      {lastError && (
        <p className="console__error" role="alert">
          <Icon name="alert" size={28} />
          {staffRefusal(t, lastError)}
        </p>
      )}
      {!lastError && <StaffDone />}
      <HelpAlert />
      <section className="console__panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'basket' && <BasketTab />}
        {tab === 'smarts' && <SmartsTab />}
        {tab === 'orders' && <OrdersTab />}
        {tab === 'devices' && <DevicesTab />}
        <ConfirmMoneyAction />
      </section>
      <footer className="console__foot">
        <button type="button" className="sbtn sbtn--secondary" onClick={() => void reprint()}>
          <Icon name="printer" size={30} />
          {t('supervisor.basket.reprint')}
        </button>
      </footer>
    </div>
  );
}

/** The confirmation of the last reprint, refund, reverse or payment action (engine's `supervisor.done`). */
function StaffDone() {
  const { t } = useTranslation();
  const f = useFormat();
  const done = useKassa((s) => s.view?.supervisor?.done ?? null);
  if (!done) return null;
  const params = { order: done.orderNo ?? '', amount: done.amountCents === null ? '' : f.money(done.amountCents) };
  const key = done.outcome === 'refused' ? 'refused' : done.action === 'reprint-last' || done.action === 'refund' || done.action === 'reverse' ? done.action : 'payment';
  return (
    <p className={`console__done${done.outcome === 'refused' ? ' console__done--refused' : ''}`} role="status" data-testid="staff-done">
      <Icon name={done.outcome === 'refused' ? 'alert' : 'check'} size={28} />
      {t(`supervisor.done.${key}`, params)}
    </p>
  );
}

/** A translator in the staff's language, sharing the kiosk's texts (one per language, made once). */
const staffI18n = new Map<Lang, typeof i18n>();
function i18nFor(lang: Lang): typeof i18n {
  let inst = staffI18n.get(lang);
  if (!inst) {
    inst = i18n.cloneInstance({ lng: lang });
    staffI18n.set(lang, inst);
  }
  return inst;
}

export function SupervisorOverlay() {
  const phase = useKassa((s) => s.view?.supervisor?.phase ?? null);
  const lang = useKassa((s) => s.view?.supervisor?.lang ?? s.view?.lang ?? 'en');
  if (!phase) return null;
  // The PIN pad and the console speak the staff's language, not the customer's.
  return (
    <I18nextProvider i18n={i18nFor(lang)}>
      <StaffLangContext.Provider value={lang}>
        <div className="staff" lang={lang}>{phase === 'pin' ? <PinEntry /> : <Console />}</div>
      </StaffLangContext.Provider>
    </I18nextProvider>
  );
}
