/**
 * Checkout and paying: preparing (spinner), SWiP QR waiting, card terminal waiting, closing or
 * cancelling (spinner), and failed (the engine's translated message with the ways forward).
 */
import { useTranslation } from 'react-i18next';
import type { BasketView, PaymentView } from '../../electron/ipc/view';
import { useKassa } from '../store';
import { Header } from '../components/Header';
import { Adjustments } from '../components/Totals';
import { QrCode } from '../components/QrCode';
import { Icon } from '../components/icons';
import { useFormat } from '../components/hooks';
import { formatCountdown } from '../i18n/format';
import { NoticeToast } from '../components/NoticeToast';
import { noticeAllowed } from '../store/overlay-policy';

export function Spinner({ label }: { label: string }) {
  return (
    <div className="busy" role="status">
      <span className="spinner" aria-hidden="true" />
      <p className="busy__text">{label}</p>
    </div>
  );
}

function Summary({ basket, totalCents }: { basket: BasketView; totalCents: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="paysum" aria-label={t('payment.summary')}>
      <h2 className="paysum__title">{t('payment.summary')}</h2>
      {/* Focusable: a long basket scrolls here, and keyboard users must be able to scroll it. */}
      <ul className="paysum__lines" role="list" tabIndex={0} aria-label={t('payment.summary')}>
        {basket.lines.map((l) => (
          <li key={l.id}>
            <span className="paysum__name">
              {l.measure.kind === 'pieces' && l.measure.count > 1 ? <b>{l.measure.count} × </b> : null}
              {l.name}
            </span>
            <span>{f.money(l.totalCents)}</span>
          </li>
        ))}
      </ul>
      <Adjustments basket={basket} />
      <div className="paysum__total">
        <span>{t('payment.toPay')}</span>
        <span className="paysum__amount">{f.money(totalCents)}</span>
      </div>
    </section>
  );
}

function Countdown({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const low = seconds <= 30;
  return (
    <div className={`countdown${low ? ' countdown--low' : ''}`} role="timer" aria-label={t('payment.timeLeft')}>
      <Icon name="clock" size={36} />
      <span className="countdown__label">{t('payment.timeLeft')}</span>
      <span className="countdown__value">{formatCountdown(seconds)}</span>
    </div>
  );
}

function Failed({ payment }: { payment: PaymentView }) {
  const { t } = useTranslation();
  const pay = useKassa((s) => s.pay);
  const back = useKassa((s) => s.back);
  const help = useKassa((s) => s.callAssistance);
  return (
    <div className="payfail" role="alert">
      <div className="payfail__icon">
        <Icon name="alert" size={72} />
      </div>
      <h1 className="payfail__title">{t('payment.failedTitle')}</h1>
      {payment.error && <p className="payfail__msg">{payment.error.message}</p>}
      <div className="payfail__actions">
        <button type="button" className="btn btn--primary btn--xl" onClick={() => void pay(payment.method)} data-autofocus>
          <Icon name="refresh" size={40} />
          <span>{t('payment.retry')}</span>
        </button>
        {payment.method !== 'terminal' ? (
          <button type="button" className="btn btn--secondary btn--lg" onClick={() => void pay('terminal')}>
            <Icon name="card" size={36} />
            <span>{t('payment.useTerminal')}</span>
          </button>
        ) : (
          <button type="button" className="btn btn--secondary btn--lg" onClick={() => void pay('swip')}>
            <Icon name="phone" size={36} />
            <span>{t('shopping.paySwip')}</span>
          </button>
        )}
        <div className="pay__row">
          <button type="button" className="btn btn--secondary btn--lg" onClick={() => void help()}>
            <Icon name="help" size={36} />
            <span>{t('payment.callHelp')}</span>
          </button>
          <button type="button" className="btn btn--ghost btn--lg" onClick={() => void back()}>
            <Icon name="back" size={36} />
            <span>{t('payment.back')}</span>
          </button>
        </div>
      </div>
    </div>
  );
}

/** The app refused the payment: the reason, and the ways forward (retry in the app, or another method). */
function Declined({ payment }: { payment: PaymentView }) {
  const { t } = useTranslation();
  const pay = useKassa((s) => s.pay);
  if (!payment.declined) return null;
  return (
    <div className="paydecline" role="alert" data-testid="payment-declined">
      <Icon name="alert" size={40} />
      <div>
        <p className="paydecline__msg">{payment.declined.message}</p>
        <p className="paydecline__reason">{t('payment.declineReason', { reason: payment.declined.reason })}</p>
      </div>
      <button type="button" className="btn btn--secondary btn--lg" onClick={() => void pay('terminal')}>
        <Icon name="card" size={32} />
        <span>{t('payment.otherMethod')}</span>
      </button>
    </div>
  );
}

/** Demo and staging: the card terminal is simulated; its customer page is a link (and a QR for a phone). */
function DemoTerminal({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <aside className="demo-terminal" aria-label={t('payment.demoTerminalTitle')}>
      <QrCode text={url} label={t('payment.demoTerminalQr')} className="demo-terminal__qr" />
      <div className="demo-terminal__text">
        <p>{t('payment.demoTerminalHint')}</p>
        <a href={url} target="_blank" rel="noopener noreferrer" className="demo-terminal__link">
          {t('payment.demoTerminalLink')}
        </a>
      </div>
    </aside>
  );
}

function Waiting({ payment, basket }: { payment: PaymentView; basket: BasketView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const cancel = useKassa((s) => s.cancelPayment);
  const demo = useKassa((s) => s.view?.demo != null);
  const swip = payment.method === 'swip' && payment.phase !== 'collecting';
  return (
    <div className={`paywait paywait--${payment.method}`}>
      <div className="paywait__main">
        {payment.method === 'inpost' ? (
          <>
            <h1 className="paywait__title">{t(payment.customer ? 'payment.inpostInApp' : 'payment.scanInpost')}</h1>
            {payment.customer ? (
              <p className="paywait__hint" role="status" data-testid="inpost-greeting">
                {t('payment.inpostGreeting', { name: payment.customer.name ?? '', phone: payment.customer.maskedPhone ?? '' })}
              </p>
            ) : payment.qrText ? (
              <div className="qr-frame">
                <QrCode text={payment.qrText} label={t('payment.inpostQrAria')} />
              </div>
            ) : (
              <Spinner label={t('payment.preparing')} />
            )}
            {!payment.customer && <p className="paywait__hint">{t('payment.inpostHint')}</p>}
            {demo && payment.qrText && (
              <a className="paywait__demo-link" href={payment.qrText} target="_blank" rel="noopener noreferrer" data-testid="inpost-link">
                {t('payment.inpostLink')}
              </a>
            )}
            <div className="paywait__bigtotal">
              <span>{t('payment.toPay')}</span>
              <strong data-testid="inpost-total">{f.money(payment.totalCents)}</strong>
            </div>
          </>
        ) : swip ? (
          <>
            <h1 className="paywait__title">{t('payment.scanSwip')}</h1>
            {payment.qrText ? (
              <div className="qr-frame">
                {demo ? (
                  // Demo mode: the QR is also a link, so a laptop can pay in the sandbox wallet without a phone.
                  <a className="qr-link" href={payment.qrText} target="_blank" rel="noopener noreferrer" title={t('payment.qrLink')} data-testid="qr-link">
                    <QrCode text={payment.qrText} label={t('payment.qrAria')} />
                  </a>
                ) : (
                  <QrCode text={payment.qrText} label={t('payment.qrAria')} />
                )}
              </div>
            ) : (
              <Spinner label={t('payment.preparing')} />
            )}
            <p className="paywait__hint">{t('payment.swipHint')}</p>
            <Declined payment={payment} />
          </>
        ) : (
          <>
            <div className="terminal-art" aria-hidden="true">
              <Icon name="card" size={160} />
            </div>
            <h1 className="paywait__title">{t('payment.terminalTitle')}</h1>
            <p className="paywait__hint" role="status">{payment.checking ? t('payment.checkingTerminal') : payment.phase === 'collecting' ? t('payment.terminalFromApp') : t('payment.terminalHint')}</p>
            <div className="paywait__bigtotal">
              <span>{t('payment.toPay')}</span>
              <strong>{f.money(payment.totalCents)}</strong>
            </div>
            {payment.terminalPage && <DemoTerminal url={payment.terminalPage} />}
          </>
        )}
        {/* After a decline the clock is not the customer's concern: the reason and the ways forward are. */}
        {!payment.declined && <Countdown seconds={payment.secondsLeft} />}
      </div>
      <div className="paywait__side">
        <Summary basket={basket} totalCents={payment.totalCents} />
        <button type="button" className="btn btn--danger-outline btn--xl" onClick={() => void cancel()}>
          <Icon name="close" size={40} />
          <span>{t('payment.cancel')}</span>
        </button>
      </div>
    </div>
  );
}

export function Payment() {
  const { t } = useTranslation();
  const payment = useKassa((s) => s.view!.payment);
  const basket = useKassa((s) => s.view!.basket);
  const showNotice = useKassa((s) => noticeAllowed(s.view!));
  let body;
  if (!payment || payment.phase === 'creating') body = <Spinner label={t('payment.preparing')} />;
  else if (payment.phase === 'closing') body = <Spinner label={t('payment.closing')} />;
  else if (payment.phase === 'cancelling') body = <Spinner label={t('payment.cancelling')} />;
  else if (payment.phase === 'failed') body = <Failed payment={payment} />;
  else body = <Waiting payment={payment} basket={basket} />;
  return (
    <div className="screen payment">
      <Header showLanguages={false} />
      <main className="payment__body">
        {showNotice && <NoticeToast inline />}
        {body}
      </main>
    </div>
  );
}
