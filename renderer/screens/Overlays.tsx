/** Customer overlays: idle prompt, start-over confirmation, staff lock, out of order. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { NONE, useKassa } from '../store';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/icons';
import { BrandMark } from '../components/BrandMark';

export function IdlePrompt() {
  const { t } = useTranslation();
  const secondsLeft = useKassa((s) => s.view?.idle?.secondsLeft ?? null);
  const activity = useKassa((s) => s.activity);
  if (secondsLeft === null) return null;
  return (
    <Dialog
      title={t('idle.title')}
      icon={<Icon name="clock" size={64} />}
      actions={
        <button type="button" className="btn btn--primary btn--xl" onClick={() => void activity()} data-autofocus>
          <Icon name="check" size={44} />
          <span>{t('idle.continue')}</span>
        </button>
      }
    >
      <div className="idle__count" role="timer" aria-live="off">
        <span className="idle__num">{secondsLeft}</span>
        <span className="idle__unit">{t('idle.seconds')}</span>
      </div>
      <p>{t('idle.body')}</p>
    </Dialog>
  );
}

export function ConfirmStartOver() {
  const { t } = useTranslation();
  const open = useKassa((s) => s.confirmStartOver);
  const setOpen = useKassa((s) => s.setConfirmStartOver);
  const cancel = useKassa((s) => s.cancelSession);
  if (!open) return null;
  return (
    <Dialog
      title={t('confirmStartOver.title')}
      icon={<Icon name="refresh" size={64} />}
      actions={
        <>
          <button type="button" className="btn btn--primary btn--lg" onClick={() => setOpen(false)} data-autofocus>
            {t('confirmStartOver.no')}
          </button>
          <button type="button" className="btn btn--danger-outline btn--lg" onClick={() => void cancel()}>
            {t('confirmStartOver.yes')}
          </button>
        </>
      }
    >
      <p>{t('confirmStartOver.body')}</p>
    </Dialog>
  );
}

export function LockOverlay() {
  const { t } = useTranslation();
  const reason = useKassa((s) => s.view?.lock?.reason ?? null);
  if (!reason) return null;
  return (
    <div className="lock" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="lock__card">
        <div className="lock__icon" aria-hidden="true">
          <Icon name="user" size={96} />
          <span className="lock__pulse" />
        </div>
        <h1 id="lock-title" className="lock__title">
          {t('lock.title')}
        </h1>
        <p className="lock__reason">{t(`lock.${reason}`)}</p>
      </div>
      <p className="lock__staff">
        <Icon name="lock" size={26} />
        <span>{t('lock.staff')}</span>
      </p>
    </div>
  );
}

export function OutOfOrder() {
  const { t } = useTranslation();
  const reason = useKassa((s) => s.view?.outOfOrder?.reason ?? '');
  const storeName = useKassa((s) => s.view?.store.name ?? '');
  const { languages, lang } = useKassa(useShallow((s) => ({ languages: s.view?.languages ?? NONE, lang: s.view?.lang ?? 'en' })));
  return (
    <main className="screen ooo" role="alert">
      <div className="ooo__card">
        <div className="ooo__icon" aria-hidden="true">
          <Icon name="alert" size={96} />
        </div>
        <h1 className="ooo__title">{t('outOfOrder.title')}</h1>
        <p className="ooo__body">{t('outOfOrder.body')}</p>
        {/* No language was chosen on this screen: the message in every other enabled language too. */}
        <ul className="ooo__others" role="list">
          {languages
            .filter((l) => l !== lang)
            .map((l) => (
              <li key={l} lang={l}>
                <strong>{t('outOfOrder.title', { lng: l })}</strong> {t('outOfOrder.body', { lng: l })}
              </li>
            ))}
        </ul>
      </div>
      <footer className="ooo__foot">
        <span className="ooo__brand">
          <BrandMark size={40} />
          {storeName}
        </span>
        <span className="ooo__code">{t('outOfOrder.code', { reason: t(`outOfOrder.reasons.${reason}`, { defaultValue: reason }) })}</span>
      </footer>
    </main>
  );
}
