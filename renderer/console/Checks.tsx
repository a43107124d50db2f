/**
 * The store's Smarts purchase checks (a customer's phone app waits for staff): each with its
 * products, age limits and waiting time, and Pass / Fail, each confirmed first. A verdict is
 * taken once for the whole store; a check resolved elsewhere (a kiosk, another console)
 * disappears from the list, and a late verdict is answered "already resolved".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckVerdict, StoreCheck } from '../../electron/store/lane';
import { Dialog } from '../components/Dialog';
import { formatMoney } from '../i18n/format';
import { resolveCheck, useConsole } from './connection';
import { formatWait, useServerNow } from './time';

/** A short, stable element id for a check (invoice ids may hold any character). */
export const checkDomId = (invoiceId: string) => `check-${Array.from(invoiceId).map((c) => c.codePointAt(0)!.toString(36)).join('-')}`;

/** Brings a check's card into view (from the alert list). */
export function showCheck(invoiceId: string): void {
  const el = document.getElementById(checkDomId(invoiceId));
  el?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  el?.focus({ preventScroll: true });
}

export function SmartsChecks({ checks }: { checks: StoreCheck[] }) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState<{ check: StoreCheck; verdict: CheckVerdict } | null>(null);
  return (
    <section className="checks" aria-labelledby="checks-h">
      <h2 id="checks-h" className="section-h">
        {t('console.checks.heading')} {checks.length > 0 && <span className="count">{checks.length}</span>}
      </h2>
      {checks.length === 0 ? (
        <p className="quiet">{t('console.checks.none')}</p>
      ) : (
        <ol className="checks__list">
          {checks.map((c) => (
            <CheckCard key={c.invoiceId} check={c} onVerdict={(verdict) => setConfirm({ check: c, verdict })} />
          ))}
        </ol>
      )}
      <CheckFeedbackLine />
      {confirm && <ConfirmVerdict {...confirm} onClose={() => setConfirm(null)} />}
    </section>
  );
}

function CheckCard({ check, onVerdict }: { check: StoreCheck; onVerdict: (v: CheckVerdict) => void }) {
  const { t } = useTranslation();
  const lang = useConsole((s) => s.lang);
  const currency = useConsole((s) => s.lanes[0]?.currency);
  const pending = useConsole((s) => s.pending);
  const now = useServerNow();
  const ages = check.products.map((p) => p.minAge ?? 0);
  const maxAge = Math.max(0, ...ages);
  return (
    <li id={checkDomId(check.invoiceId)} className="check" tabIndex={-1} data-invoice={check.invoiceId} aria-labelledby={`${checkDomId(check.invoiceId)}-h`}>
      <div className="check__head">
        <h3 id={`${checkDomId(check.invoiceId)}-h`} className="check__title">
          {t(`console.checks.decision.${check.decision}`)}
          {maxAge > 0 && <span className="age">{t('console.detail.age', { age: maxAge })}</span>}
        </h3>
        <span className="check__wait">{t('console.lanes.waiting', { time: formatWait(now - check.receivedAt) })}</span>
      </div>
      <p className="check__invoice">{t('console.checks.invoice', { id: check.invoiceId })}</p>
      {check.unreadable ? (
        <p className="quiet">{t('console.checks.unreadable')}</p>
      ) : (
        <ul className="basket">
          {check.products.map((p, i) => (
            <li key={i} className="basket__line basket__line--check">
              <span className="basket__name">
                {p.name}
                {p.minAge !== null && <span className="age">{t('console.detail.age', { age: p.minAge })}</span>}
              </span>
              <span className="basket__qty">{p.unit === 'PIECE' ? `${p.quantity} ×` : `${p.quantity} ${t(`units.${p.unit}`, { defaultValue: p.unit.toLowerCase() })}`}</span>
              <span className="basket__sum">{formatMoney(p.totalCents, lang, currency as never)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="btn btn--primary" disabled={pending} onClick={() => onVerdict('PASSED')}>
          {t('console.checks.pass')}
        </button>
        <button type="button" className="btn btn--danger" disabled={pending} onClick={() => onVerdict('FAILED')}>
          {t('console.checks.fail')}
        </button>
      </div>
    </li>
  );
}

function ConfirmVerdict({ check, verdict, onClose }: { check: StoreCheck; verdict: CheckVerdict; onClose: () => void }) {
  const { t } = useTranslation();
  const run = () => {
    onClose();
    void resolveCheck(check.invoiceId, verdict);
  };
  return (
    <Dialog
      title={t(`console.checks.confirm.${verdict}`, { id: check.invoiceId })}
      actions={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose} data-autofocus>
            {t('console.confirm.cancel')}
          </button>
          <button type="button" className={`btn ${verdict === 'PASSED' ? 'btn--primary' : 'btn--danger'}`} onClick={run}>
            {t('console.confirm.ok')}
          </button>
        </>
      }
    >
      {check.decision === 'AGE' && verdict === 'PASSED' && <p>{t('console.checks.confirm.age')}</p>}
    </Dialog>
  );
}

function CheckFeedbackLine() {
  const { t } = useTranslation();
  const fb = useConsole((s) => s.checkFeedback);
  const text = !fb ? '' : fb.result.ok ? t(`console.checks.result.ok-${fb.verdict}`, { id: fb.invoiceId }) : t(`console.checks.result.${fb.result.code}`, { defaultValue: t('console.checks.result.refused') });
  return (
    <p className={`feedback ${fb ? (fb.result.ok ? 'feedback--ok' : 'feedback--bad') : ''}`} role="status" aria-live="polite" data-testid="check-feedback">
      {text}
    </p>
  );
}
