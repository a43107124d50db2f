/** The attendant console: sign-in, then the alerts and the lane grid, or one lane. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../electron/checkout/lang';
import { NATIVE_NAMES } from '../i18n';
import { consoleI18n } from '../i18n/console';
import { login, logout, setLang, toggleSound, useConsole } from './connection';
import { unlockAudio, useAlertSignal } from './alerting';
import { Alerts, LaneGrid } from './Lanes';
import { SmartsChecks } from './Checks';
import { LaneDetail } from './LaneDetail';
import { InpostOrders } from './InpostOrders';
import { formatClock } from './time';

const LANGS: Lang[] = ['et', 'en', 'pl', 'ru'];

export function App() {
  const { t } = useTranslation();
  const lang = useConsole((s) => s.lang);
  const link = useConsole((s) => s.link);
  const staff = useConsole((s) => s.staff);
  useEffect(() => {
    // Only when the language really changes: changeLanguage re-renders with a new `t`.
    if (consoleI18n.language !== lang) void consoleI18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    document.title = consoleI18n.t('console.title');
  }, [lang]);
  return (
    <div className="app">
      <header className="bar">
        <h1 className="bar__title">{t('console.title')}</h1>
        <label className="bar__lang">
          <span className="sr-only">{t('console.header.language')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {NATIVE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        {staff && <StaffMenu />}
      </header>
      {link !== 'open' && (
        <p className="banner" role="alert">
          {link === 'connecting' ? t('console.connecting') : t('console.offline')}
        </p>
      )}
      {staff && <AlertSignal />}
      <main className="main">{staff ? <Floor /> : <Login />}</main>
    </div>
  );
}

function StaffMenu() {
  const { t } = useTranslation();
  const staff = useConsole((s) => s.staff)!;
  const sound = useConsole((s) => s.sound);
  return (
    <div className="bar__staff">
      <span className="bar__name">{t('console.header.signedInAs', { name: staff.name })}</span>
      <button type="button" className="icon-btn" aria-pressed={sound} onClick={toggleSound} aria-label={t('console.header.sound')}>
        <BellIcon off={!sound} />
      </button>
      <button type="button" className="btn btn--ghost btn--small" onClick={() => void logout()}>
        {t('console.header.signOut')}
      </button>
    </div>
  );
}

/** A bell (struck through when the sound is off); drawn, so no emoji font is needed. */
function BellIcon({ off }: { off: boolean }) {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z" />
      <path d="M10 20a2 2 0 0 0 4 0" />
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}

/** Alerts beep wherever the attendant is (the grid or one lane). */
function AlertSignal() {
  useAlertSignal(
    useConsole((s) => s.lanes),
    useConsole((s) => s.checks),
  );
  return null;
}

function Floor() {
  const lanes = useConsole((s) => s.lanes);
  const checks = useConsole((s) => s.checks);
  const inpost = useConsole((s) => s.inpost);
  const selected = useConsole((s) => s.selected);
  const lane = selected ? lanes.find((l) => l.laneId === selected) : undefined;
  if (lane) return <LaneDetail lane={lane} />;
  return (
    <div className="floor">
      <div className="floor__side">
        <Alerts lanes={lanes} checks={checks} />
        {checks && <SmartsChecks checks={checks} />}
        {inpost && <InpostOrders orders={inpost} />}
      </div>
      <LaneGrid lanes={lanes} />
    </div>
  );
}

function Login() {
  const { t } = useTranslation();
  const busy = useConsole((s) => s.loginBusy);
  const error = useConsole((s) => s.loginError);
  const signedOut = useConsole((s) => s.signedOut);
  const lang = useConsole((s) => s.lang);
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    unlockAudio();
    const ok = /^[\x21-\x7e][\x20-\x7e]{1,62}[\x21-\x7e]$/.test(badge.trim()) && /^\d{4,8}$/.test(pin);
    setInvalid(!ok);
    if (!ok) return;
    void login(badge.trim(), pin).then(() => setPin(''));
  };
  const message = invalid
    ? t('console.login.errors.invalid')
    : error
      ? error.code === 'wrong-pin' && error.attemptsLeft !== null
        ? t('console.login.errors.wrong-pin', { left: error.attemptsLeft })
        : t(`console.login.errors.${error.code}`, { time: error.lockedUntil ? formatClock(error.lockedUntil, lang) : '', defaultValue: t('console.login.errors.other') })
      : null;
  return (
    <form className="login" onSubmit={submit} aria-labelledby="login-h" noValidate>
      <h2 id="login-h">{t('console.login.heading')}</h2>
      {signedOut && <p className="notice">{t(`console.signedOut.${signedOut}`)}</p>}
      <p className="quiet">{t('console.login.hint')}</p>
      <label className="field">
        <span>{t('console.login.badge')}</span>
        <input value={badge} onChange={(e) => setBadge(e.target.value)} autoComplete="username" autoCapitalize="characters" spellCheck={false} maxLength={64} required />
      </label>
      <label className="field">
        <span>{t('console.login.pin')}</span>
        <input value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} type="password" inputMode="numeric" autoComplete="current-password" maxLength={8} required />
      </label>
      <p className="login__error" role="alert">
        {message}
      </p>
      <button type="submit" className="btn btn--primary btn--wide" disabled={busy}>
        {busy ? t('console.login.checking') : t('console.login.submit')}
      </button>
    </form>
  );
}
