/**
 * The store's InPost Pay baskets and orders (read-only): each with its kiosk, the amount the
 * kiosk's book holds (integer cents), its status, the order number the customer's app shows
 * (`customer_order_id`: the order id's first 9 characters) and when it last changed. Paying,
 * cancelling and refunding stay at the kiosk, where the customer is. A basket whose lane has its
 * payment waiting for staff (the basket id is the kiosk's merchant order id) is marked, and
 * tapping it opens the lane, where the payment can be retried.
 */
import { useTranslation } from 'react-i18next';
import type { StoreInpostOrder } from '../../electron/store/lane';
import { formatMoney } from '../i18n/format';
import { select, useConsole } from './connection';
import { inpostAttention } from './inpost-attention';
import { formatClock } from './time';

export function InpostOrders({ orders }: { orders: StoreInpostOrder[] }) {
  const { t } = useTranslation();
  const lang = useConsole((s) => s.lang);
  const lanes = useConsole((s) => s.lanes);
  const needsAttention = inpostAttention(lanes);
  return (
    <section className="inpost" aria-labelledby="inpost-h">
      <h2 id="inpost-h" className="section-h">
        {t('console.inpost.heading')}
      </h2>
      {orders.length === 0 ? (
        <p className="quiet">{t('console.inpost.none')}</p>
      ) : (
        <ol className="inpost__list">
          {orders.map((o) => {
            const needs = needsAttention(o);
            const row = (
              <>
                <span className="inpost__lane">{t('console.inpost.lane', { lane: o.laneId })}</span>
                <span className="inpost__sum">{formatMoney(o.totalCents, lang, 'PLN')}</span>
                <span className="inpost__status">{needs ? t('console.inpost.attention') : t(`console.inpost.status.${o.status}`)}</span>
                <span className="inpost__meta">
                  {o.orderId ? o.orderId.slice(0, 9) : t('console.inpost.basket')} · {formatClock(o.updatedAt, lang)}
                </span>
              </>
            );
            return (
              <li key={o.basketId} className={`inpost__order inpost--${needs ? 'attention' : o.status}`} data-basket={o.basketId}>
                {needs ? (
                  <button type="button" className="inpost__open" onClick={() => select(o.laneId)}>
                    {row}
                  </button>
                ) : (
                  row
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
