/** Staff console, Orders tab: recent orders with refund (amount keyed in cents) and reverse. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { OrderRecordView } from '../../../electron/ipc/view';
import { NONE, useKassa } from '../../store';
import { Keypad } from '../../components/Keypad';
import { Icon } from '../../components/icons';
import { useFormat } from '../../components/hooks';

function RefundEntry({ order }: { order: OrderRecordView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const digits = useKassa((s) => s.refund?.digits ?? '');
  const r = useKassa(useShallow((s) => ({ press: s.refundPress, back: s.refundBackspace, close: s.refundClose, submit: s.submitRefund, reopen: s.refundOpen })));
  const cents = digits === '' ? 0 : Number(digits);
  const max = order.paidCents - order.refundedCents;
  const tooMuch = cents > max;
  return (
    <div className="refund">
      <div className="refund__display">
        <span>{t('supervisor.orders.refundAmount')}</span>
        <output className={`refund__amount${tooMuch ? ' is-bad' : ''}`} aria-live="polite">
          {f.money(cents)}
        </output>
        <span className="refund__max">≤ {f.money(max)}</span>
      </div>
      <Keypad label={t('supervisor.orders.refundAmount')} onDigit={r.press} onClear={() => r.reopen(order.merchantOrderId)} onBackspace={r.back} />
      <div className="sactions">
        <button type="button" className="sbtn sbtn--primary" disabled={cents <= 0 || tooMuch} onClick={() => void r.submit()}>
          {t('supervisor.orders.refundConfirm', { amount: f.money(cents) })}
        </button>
        <button type="button" className="sbtn sbtn--ghost" onClick={r.close}>
          {t('supervisor.orders.cancel')}
        </button>
      </div>
    </div>
  );
}

export function OrdersTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const orders = useKassa((s) => s.view?.supervisor?.orders ?? NONE);
  const refundFor = useKassa((s) => s.refund?.orderId ?? null);
  const refundOpen = useKassa((s) => s.refundOpen);
  const reverse = useKassa((s) => s.reverse);
  if (orders.length === 0) return <p className="stab__empty">{t('supervisor.orders.empty')}</p>;
  return (
    <ul className="sorders" role="list">
      {orders.map((o) => {
        const refundable = o.paidCents - o.refundedCents > 0;
        return (
          <li key={o.merchantOrderId} className="sorder">
            <div className="sorder__row">
              <div className="sorder__main">
                <h3 className="sorder__ref">{t('supervisor.orders.order', { ref: o.orderNumber ?? o.merchantOrderId })}</h3>
                <p className="sorder__meta">
                  {f.dateTime(o.at)} · {o.method} · <span className="sbadge sbadge--muted">{o.state}</span>
                </p>
              </div>
              <dl className="sorder__sums">
                <div>
                  <dt>{t('supervisor.orders.paid')}</dt>
                  <dd>{f.money(o.paidCents)}</dd>
                </div>
                <div>
                  <dt>{t('supervisor.orders.refunded')}</dt>
                  <dd>{f.money(o.refundedCents)}</dd>
                </div>
              </dl>
              <div className="sorder__ctl">
                <button type="button" className="sbtn sbtn--secondary" disabled={!refundable} onClick={() => refundOpen(o.merchantOrderId)}>
                  <Icon name="back" size={28} />
                  {t('supervisor.orders.refund')}
                </button>
                <button type="button" className="sbtn sbtn--danger-outline" onClick={() => void reverse(o.merchantOrderId)}>
                  {t('supervisor.orders.reverse')}
                </button>
              </div>
            </div>
            {refundFor === o.merchantOrderId && <RefundEntry order={o} />}
          </li>
        );
      })}
    </ul>
  );
}
