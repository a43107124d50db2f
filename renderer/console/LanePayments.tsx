/**
 * A lane's payments that need staff: amount (integer cents as the provider/journal reports it),
 * provider, what went wrong (in that provider's words, ../i18n/attention.ts) and since when. The console can only ask the provider again (Retry,
 * confirmed first); resolving as paid, refunding and cancelling stay at the kiosk, where the
 * customer is.
 */
import { useTranslation } from 'react-i18next';
import type { LanePayment, LaneSnapshot } from '../../electron/store/lane';
import { attentionWords, providerKind } from '../i18n/attention';
import { formatMoney } from '../i18n/format';
import { useConsole } from './connection';
import { formatWait, useServerNow } from './time';

export function LanePayments({ lane, onRetry }: { lane: LaneSnapshot; onRetry: (p: LanePayment) => void }) {
  const { t } = useTranslation();
  const lang = useConsole((s) => s.lang);
  const pending = useConsole((s) => s.pending);
  const now = useServerNow();
  const can = (lane.actions ?? []).includes('retry-payment');
  if (!lane.payments?.length) return null;
  return (
    <div className="needs" role="group" aria-label={t('console.payments.heading')}>
      <p className="needs__title">{t('console.payments.heading')}</p>
      <ul className="pay-list">
        {lane.payments.map((p) => (
          <li key={p.merchantOrderId} className="pay-item" data-order={p.merchantOrderId}>
            <span className="pay-item__sum">{formatMoney(p.amountCents, lang, lane.currency as never)}</span>
            <span className="pay-item__what">
              {t(`console.payments.provider.${providerKind(p.provider) ?? 'other'}`)} · {attentionWords(t, 'console.payments', p.reason, p.provider)}
              {p.orderNo ? ` · ${p.orderNo}` : ''} · {formatWait(now - p.since)}
            </span>
            {p.retry && can ? (
              <button type="button" className="btn btn--primary btn--small" disabled={pending} onClick={() => onRetry(p)}>
                {t('console.actions.retry-payment')}
              </button>
            ) : (
              <span className="quiet">{t('console.payments.atKiosk')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
