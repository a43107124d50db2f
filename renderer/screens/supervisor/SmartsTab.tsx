/** Staff console, Smarts tab: purchase checks from Smarts customers, with product edits and a verdict. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmartsCheckView } from '../../../electron/ipc/view';
import { NONE, useKassa } from '../../store';
import { Icon } from '../../components/icons';
import { useFormat } from '../../components/hooks';
import { PickupList } from './PickupList';

const STATUS_TONE: Record<SmartsCheckView['status'], string> = {
  pending: 'warn',
  passed: 'ok',
  failed: 'bad',
  failed_allow_payment: 'bad',
  expired: 'expired',
  'not-required': 'muted',
};

function Check({ check }: { check: SmartsCheckView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const edits = useKassa((s) => s.smartsEdits[check.invoiceId]);
  const setQty = useKassa((s) => s.setSmartsQuantity);
  const resolve = useKassa((s) => s.resolveSmarts);
  const resend = useKassa((s) => s.resendSmarts);
  const openCheck = useKassa((s) => s.openSmarts);
  const retry = useKassa((s) => s.retrySmarts);
  const open = check.status === 'pending';
  // A supervisor sees a pending check: the kiosk tells Smarts it is being checked (PENDING, once).
  useEffect(() => {
    if (open) void openCheck(check.invoiceId);
  }, [open, check.invoiceId, openCheck]);
  const d = check.delivery;
  // Weighed products are edited in 10 g steps; pieces one by one.
  const step = (unit: string) => (unit === 'g' ? 10 : 1);

  return (
    <li className={`scheck scheck--${STATUS_TONE[check.status]}`}>
      <div className="scheck__head">
        <div>
          <h3 className="scheck__id">{t('supervisor.smarts.invoice', { id: check.invoiceId })}</h3>
          <p className="scheck__times">
            {t('supervisor.smarts.received', { time: f.time(check.receivedAt) })} · {t('supervisor.smarts.expires', { time: f.time(check.expiresAt) })}
          </p>
        </div>
        <span className="sbadge sbadge--info">{t(`supervisor.smarts.decision.${check.decision}`)}</span>
        <span className={`sbadge sbadge--${STATUS_TONE[check.status]}`}>{t(`supervisor.smarts.status.${check.status}`)}</span>
      </div>
      {check.unreadable && <p className="stab__empty">{t('supervisor.smarts.unreadable')}</p>}
      {d?.state === 'sending' && <p className="scheck__times">{t('supervisor.smarts.sending', { status: d.status })}</p>}
      {d?.state === 'failed' && (
        <div className="sactions" role="alert">
          <span className="sbadge sbadge--bad">{t('supervisor.smarts.deliveryFailed', { status: d.status, error: d.error ?? '' })}</span>
          <button type="button" className="sbtn sbtn--primary sactions__end" onClick={() => void retry(check.invoiceId)}>
            <Icon name="refresh" size={28} />
            {t('supervisor.smarts.retry')}
          </button>
        </div>
      )}
      <ul className="sprods" role="list">
        {check.products.map((p) => {
          const qty = edits?.[p.index] ?? p.quantity;
          const changed = qty !== p.quantity;
          return (
            <li key={p.index} className="sprod">
              <div className="sprod__main">
                <span className="sprod__name">
                  {p.name}
                  {p.minAge !== null && <span className="sbadge sbadge--warn">{t('supervisor.smarts.minAge', { age: p.minAge })}</span>}
                </span>
                <span className="sprod__meta">
                  {p.barcode} · {f.money(p.totalCents)}
                </span>
              </div>
              {open ? (
                <div className="sstepper">
                  <button type="button" className="sbtn sbtn--icon" disabled={qty <= 0} aria-label={t('supervisor.smarts.decrease', { name: p.name })} onClick={() => setQty(check.invoiceId, p.index, qty - step(p.unit))}>
                    <Icon name="minus" size={28} />
                  </button>
                  <span className={`sstepper__value${changed ? ' is-changed' : ''}`}>
                    {qty}
                    <small>{t(`units.${p.unit}`, { defaultValue: p.unit })}</small>
                  </span>
                  <button type="button" className="sbtn sbtn--icon" aria-label={t('supervisor.smarts.increase', { name: p.name })} onClick={() => setQty(check.invoiceId, p.index, qty + step(p.unit))}>
                    <Icon name="plus" size={28} />
                  </button>
                </div>
              ) : (
                <span className="sstepper__value">
                  {qty}
                  <small>{t(`units.${p.unit}`, { defaultValue: p.unit })}</small>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {(open || check.status === 'expired') && (
        <div className="sactions">
          {open && (
            <>
              <button type="button" className="sbtn sbtn--ok" onClick={() => void resolve(check.invoiceId, 'PASSED')}>
                <Icon name="check" size={28} />
                {t('supervisor.smarts.pass')}
              </button>
              <button type="button" className="sbtn sbtn--danger" onClick={() => void resolve(check.invoiceId, 'FAILED')}>
                <Icon name="close" size={28} />
                {t('supervisor.smarts.fail')}
              </button>
              <button type="button" className="sbtn sbtn--secondary" onClick={() => void resolve(check.invoiceId, 'FAILED_ALLOW_PAYMENT')}>
                {t('supervisor.smarts.failAllow')}
              </button>
              <button type="button" className="sbtn sbtn--danger-outline" onClick={() => void resolve(check.invoiceId, 'CANCEL_SHOPPING')}>
                {t('supervisor.smarts.cancelShopping')}
              </button>
            </>
          )}
          <button type="button" className="sbtn sbtn--ghost sactions__end" onClick={() => void resend(check.invoiceId)}>
            <Icon name="refresh" size={28} />
            {t('supervisor.smarts.resend')}
          </button>
        </div>
      )}
    </li>
  );
}

export function SmartsTab() {
  const { t } = useTranslation();
  const checks = useKassa((s) => s.view?.supervisor?.smartsChecks ?? NONE);
  return (
    <>
      <PickupList />
      {checks.length === 0 ? (
        <p className="stab__empty">{t('supervisor.smarts.empty')}</p>
      ) : (
        <ul className="schecks" role="list">
          {checks.map((c) => (
            <Check key={c.invoiceId} check={c} />
          ))}
        </ul>
      )}
    </>
  );
}
