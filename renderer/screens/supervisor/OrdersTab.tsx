/**
 * Staff console, Orders tab: payments needing attention with their safe actions, then recent
 * orders with refund (amount keyed in cents) and reverse. Every money action is confirmed with
 * a reason (ConfirmMoneyAction), which goes to the audit log.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { AttentionView, OrderRecordView } from '../../../electron/ipc/view';
import { NONE, useKassa } from '../../store';
import { Keypad } from '../../components/Keypad';
import { Icon } from '../../components/icons';
import { useFormat } from '../../components/hooks';
import { attentionWords } from '../../i18n/attention';

function RefundEntry({ order }: { order: OrderRecordView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const digits = useKassa((s) => s.refund?.digits ?? '');
  const r = useKassa(useShallow((s) => ({ press: s.refundPress, back: s.refundBackspace, close: s.refundClose, submit: s.submitRefund, reopen: s.refundOpen })));
  const cents = digits === '' ? 0 : Number(digits);
  const max = order.refundableCents;
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

/** Orders from before order numbers existed: a short form of the internal id. */
const shortRef = (mid: string) => mid.slice(0, 8).toUpperCase();

const REASONS = ['returned', 'wrongPrice', 'duplicate', 'customerLeft', 'paymentProblem', 'paidAtTill'] as const;
const VOID_REASONS = ['scannedTwice', 'notWanted', 'wrongPrice'] as const;

/** The confirmation with a reason for void, refund, reverse and the needs-attention actions. */
export function ConfirmMoneyAction() {
  const { t } = useTranslation();
  const f = useFormat();
  const c = useKassa((s) => s.confirm);
  const { close, confirm } = useKassa(useShallow((s) => ({ close: s.confirmClose, confirm: s.confirmWith })));
  if (!c) return null;
  const title =
    c.kind === 'void'
      ? t('supervisor.orders.confirmTitle.void', { name: c.name })
      : c.kind === 'refund'
      ? t('supervisor.orders.confirmTitle.refund', { amount: f.money(c.amountCents) })
      : c.kind === 'reverse'
        ? t('supervisor.orders.confirmTitle.reverse')
        : t('supervisor.orders.confirmTitle.payment', { action: t(`supervisor.orders.action.${c.action}`) });
  return (
    <div className="sconfirm" role="alertdialog" aria-modal="true" aria-labelledby="sconfirm-title" data-testid="confirm-money">
      <h2 id="sconfirm-title" className="sconfirm__title">{title}</h2>
      <p className="sconfirm__hint">{t('supervisor.orders.confirmHint')}</p>
      <div className="sconfirm__reasons">
        {(c.kind === 'void' ? VOID_REASONS : REASONS).map((r) => (
          <button key={r} type="button" className="sbtn sbtn--secondary" onClick={() => void confirm(t(`supervisor.orders.reasons.${r}`, { lng: 'en' }))}>
            {t(`supervisor.orders.reasons.${r}`)}
          </button>
        ))}
      </div>
      <button type="button" className="sbtn sbtn--ghost" onClick={close}>
        {t('supervisor.orders.cancel')}
      </button>
    </div>
  );
}

/** Payments waiting for staff, each in its provider's words (exported for the unit test). */
export function AttentionList({ items }: { items: readonly AttentionView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const open = useKassa((s) => s.confirmOpen);
  if (items.length === 0) return null;
  return (
    <section className="sattention" aria-labelledby="sattention-title" data-testid="attention-list">
      <h2 id="sattention-title" className="sattention__title">
        <Icon name="alert" size={28} /> {t('supervisor.orders.attentionTitle')}
      </h2>
      <ul role="list">
        {items.map((a) => (
          <li key={a.merchantOrderId} className="sorder sorder--attention">
            <div className="sorder__main">
              <h3 className="sorder__ref">{t('supervisor.orders.order', { ref: a.orderNo ?? shortRef(a.merchantOrderId) })}</h3>
              <p className="sorder__meta">
                {f.dateTime(a.at)} · {t(`supervisor.orders.method.${a.method}`, { defaultValue: a.method })} · <strong>{attentionWords(t, 'supervisor.orders', a.reason, a.method)}</strong>
                {a.code !== null ? ` (${a.code}${a.description ? `: ${a.description}` : ''})` : ''}
              </p>
              <p className="sorder__meta">{t('supervisor.orders.attentionAmount', { due: f.money(a.amountDueCents), paid: f.money(a.paidCents) })}</p>
            </div>
            <div className="sorder__ctl">
              {a.actions.map((action) => (
                <button key={action} type="button" className={`sbtn ${action === 'retry' ? 'sbtn--primary' : 'sbtn--secondary'}`} onClick={() => open({ kind: 'payment', orderId: a.merchantOrderId, action })}>
                  {t(`supervisor.orders.action.${action}`)}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OrdersTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const orders = useKassa((s) => s.view?.supervisor?.orders ?? NONE);
  const attention = useKassa((s) => s.view?.supervisor?.attention ?? NONE);
  const refundFor = useKassa((s) => s.refund?.orderId ?? null);
  const refundOpen = useKassa((s) => s.refundOpen);
  const reverse = useKassa((s) => s.reverse);
  const reprintSmarts = useKassa((s) => s.reprintSmarts);
  if (orders.length === 0 && attention.length === 0) return <p className="stab__empty">{t('supervisor.orders.empty')}</p>;
  return (
    <>
    <AttentionList items={attention} />
    <ul className="sorders" role="list">
      {orders.map((o) => {
        const refundable = o.refundableCents > 0;
        return (
          <li key={o.merchantOrderId} className="sorder">
            <div className="sorder__row">
              <div className="sorder__main">
                <h3 className="sorder__ref">{t('supervisor.orders.order', { ref: o.orderNumber ?? shortRef(o.merchantOrderId) })}</h3>
                <p className="sorder__meta">
                  {f.dateTime(o.at)} · {t(`supervisor.orders.method.${o.method}`, { defaultValue: o.method })} · <span className="sbadge sbadge--muted">{t(`supervisor.orders.state.${o.state}`, { defaultValue: o.state })}</span>
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
              {o.method === 'smarts' ? (
                // A Smarts sale is refunded in Smarts; here staff can print its receipt.
                <div className="sorder__ctl">
                  <button type="button" className="sbtn sbtn--secondary" onClick={() => void reprintSmarts(o.merchantOrderId)}>
                    <Icon name="printer" size={28} />
                    {t('supervisor.orders.reprint')}
                  </button>
                </div>
              ) : !refundable ? null : (
                <div className="sorder__ctl">
                  <button type="button" className="sbtn sbtn--secondary" onClick={() => refundOpen(o.merchantOrderId)}>
                    <Icon name="back" size={28} />
                    {t('supervisor.orders.refund')}
                  </button>
                  <button type="button" className="sbtn sbtn--danger-outline" onClick={() => void reverse(o.merchantOrderId)}>
                    {t('supervisor.orders.reverse')}
                  </button>
                </div>
              )}
            </div>
            {refundFor === o.merchantOrderId && <RefundEntry order={o} />}
          </li>
        );
      })}
    </ul>
    </>
  );
}
