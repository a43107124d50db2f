/**
 * One lane: what it needs, its basket, and the actions the kiosk would accept now (the lane
 * says which). Destructive ones (fail, void, cancel) are confirmed with a reason first; every
 * result is shown, including a timeout or a lost connection.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneAction, LaneSnapshot } from '../../electron/store/lane';
import { Dialog } from '../components/Dialog';
import { formatMoney, formatWeight } from '../i18n/format';
import { act, select, useConsole, type Feedback } from './connection';
import { LanePayments } from './LanePayments';
import { StatusText } from './Lanes';
import { formatWait, useServerNow } from './time';

type Confirm = { kind: 'fail-check' | 'cancel-session' } | { kind: 'void-line'; lineId: string; name: string } | { kind: 'retry-payment'; merchantOrderId: string; name: string };
const REASONS = ['scannedTwice', 'customerChanged', 'customerLeft', 'wrongItem'] as const;

export function LaneDetail({ lane }: { lane: LaneSnapshot }) {
  const { t } = useTranslation();
  const lang = useConsole((s) => s.lang);
  const pending = useConsole((s) => s.pending);
  const remoteAge = useConsole((s) => s.remoteAgeCheck);
  const now = useServerNow();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const can = new Set(lane.actions ?? []);
  const money = (c: number) => formatMoney(c, lang, lane.currency as never);
  const hasAge = lane.basket.lines.some((l) => l.ageLimit !== null);
  const faults = Object.entries(lane.devices).filter(([, state]) => state !== 'ok' && state !== 'not-configured' && state !== 'connecting');

  return (
    <section className="detail" aria-labelledby="detail-h">
      <button type="button" className="btn btn--ghost detail__back" onClick={() => select(null)}>
        ← {t('console.detail.back')}
      </button>
      <header className={`detail__head lane--${lane.status}`}>
        <h2 id="detail-h">{t('console.lanes.lane', { id: lane.laneId })}</h2>
        <p className="detail__status" data-testid="lane-status">
          <StatusText lane={lane} /> · {formatWait(now - lane.since)}
        </p>
      </header>

      {(lane.lock || lane.assistance) && (
        <div className="needs" role="group" aria-label={t('console.detail.needs')}>
          {lane.lock && <p className="needs__title">{t(`console.lock.${lane.lock.reason}`)}</p>}
          {lane.lock && lane.lock.details.length > 0 && (
            <ul className="needs__reasons">
              {lane.lock.details.map((d) => (
                <li key={d}>{t(`lockReason.${d}`, { defaultValue: d })}</li>
              ))}
            </ul>
          )}
          {!lane.lock && lane.assistance && <p className="needs__title">{lane.assistanceAck ? t('console.alerts.coming', { name: lane.assistanceAck.name }) : t('console.status.help')}</p>}
        </div>
      )}

      <LanePayments lane={lane} onRetry={(p) => setConfirm({ kind: 'retry-payment', merchantOrderId: p.merchantOrderId, name: money(p.amountCents) })} />

      {faults.length > 0 && (
        <div className="needs" role="group" aria-label={t('console.detail.devices')}>
          <ul className="needs__reasons">
            {faults.map(([d, state]) => (
              <li key={d}>
                {t(`console.devices.${d}`, { defaultValue: d })}: {t(`console.deviceState.${state}`, { defaultValue: state })}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="actions">
        {can.has('ack-help') && <ActButton lane={lane} action={{ kind: 'ack-help' }} primary />}
        {can.has('pass-check') && <ActButton lane={lane} action={{ kind: 'pass-check' }} primary />}
        {can.has('approve-age') && <ActButton lane={lane} action={{ kind: 'approve-age' }} />}
        {can.has('fail-check') && (
          <button type="button" className="btn btn--danger" disabled={pending} onClick={() => setConfirm({ kind: 'fail-check' })}>
            {t('console.actions.fail-check')}
          </button>
        )}
        {can.has('cancel-session') && (
          <button type="button" className="btn btn--danger-ghost" disabled={pending} onClick={() => setConfirm({ kind: 'cancel-session' })}>
            {t('console.actions.cancel-session')}
          </button>
        )}
        {[...can].filter((k) => k !== 'retry-payment').length === 0 && <p className="quiet">{t('console.detail.noActions')}</p>}
      </div>
      {hasAge && !remoteAge && lane.lock?.reason === 'age-check' && <p className="quiet">{t('console.detail.ageAtKiosk')}</p>}
      <FeedbackLine lane={lane} />

      <h3 className="section-h">{t('console.detail.basket')}</h3>
      {lane.basket.lines.length === 0 ? (
        <p className="quiet">{t('console.detail.empty')}</p>
      ) : (
        <ul className="basket">
          {lane.basket.lines.map((l) => (
            <li key={l.id} className="basket__line">
              <span className="basket__name">
                {l.name}
                {l.ageLimit !== null && <span className="age">{t('console.detail.age', { age: l.ageLimit })}</span>}
              </span>
              <span className="basket__qty">{l.unit === 'gram' ? formatWeight(l.quantity, lang) : `${l.quantity} ×`}</span>
              <span className="basket__sum">{money(l.totalCents)}</span>
              {can.has('void-line') && (
                <button type="button" className="btn btn--small" disabled={pending} onClick={() => setConfirm({ kind: 'void-line', lineId: l.id, name: l.name })} aria-label={t('console.actions.void-line', { name: l.name })}>
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="basket__total">
        <span>{t('console.detail.total')}</span> <strong>{money(lane.basket.totalCents)}</strong>
      </p>
      {confirm && <ConfirmDialog lane={lane} confirm={confirm} onClose={() => setConfirm(null)} />}
    </section>
  );
}

function ActButton({ lane, action, primary }: { lane: LaneSnapshot; action: LaneAction; primary?: boolean }) {
  const { t } = useTranslation();
  const pending = useConsole((s) => s.pending);
  return (
    <button type="button" className={`btn ${primary ? 'btn--primary' : ''}`} disabled={pending} onClick={() => void act(lane.laneId, action)}>
      {t(`console.actions.${action.kind}`, { name: '' })}
    </button>
  );
}

function FeedbackLine({ lane }: { lane: LaneSnapshot }) {
  const { t } = useTranslation();
  const fb: Feedback | null = useConsole((s) => s.feedback);
  const mine = fb && fb.laneId === lane.laneId ? fb : null;
  const text = !mine ? '' : mine.result.ok ? t('console.result.ok', { action: t(`console.actions.${mine.action}`, { name: '' }).trim(), lane: lane.laneId }) : t(`console.result.${mine.result.code}`, { message: mine.result.message, defaultValue: t('console.result.refused', { message: mine.result.message }) });
  return (
    <p className={`feedback ${mine ? (mine.result.ok ? 'feedback--ok' : 'feedback--bad') : ''}`} role="status" aria-live="polite" data-testid="feedback">
      {text}
    </p>
  );
}

function ConfirmDialog({ lane, confirm, onClose }: { lane: LaneSnapshot; confirm: Confirm; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const name = confirm.kind === 'void-line' || confirm.kind === 'retry-payment' ? confirm.name : '';
  const needsReason = confirm.kind === 'void-line' || confirm.kind === 'cancel-session';
  const ok = !needsReason || (reason.trim().length >= 3 && reason.trim().length <= 200);
  const run = () => {
    const r = reason.trim();
    const a: LaneAction =
      confirm.kind === 'void-line'
        ? { kind: 'void-line', lineId: confirm.lineId, reason: r }
        : confirm.kind === 'cancel-session'
          ? { kind: 'cancel-session', reason: r }
          : confirm.kind === 'retry-payment'
            ? { kind: 'retry-payment', merchantOrderId: confirm.merchantOrderId }
            : { kind: 'fail-check' };
    onClose();
    void act(lane.laneId, a);
  };
  return (
    <Dialog
      title={t(`console.confirm.${confirm.kind}`, { lane: lane.laneId, name })}
      actions={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose} data-autofocus>
            {t('console.confirm.cancel')}
          </button>
          <button type="button" className={`btn ${confirm.kind === 'retry-payment' ? 'btn--primary' : 'btn--danger'}`} disabled={!ok} onClick={run}>
            {t('console.confirm.ok')}
          </button>
        </>
      }
    >
      {needsReason && (
        <div className="reasons">
          <div className="reasons__chips" role="group" aria-label={t('console.confirm.reason')}>
            {REASONS.map((k) => {
              const text = t(`console.confirm.reasons.${k}`);
              return (
                <button key={k} type="button" className={`chip ${reason === text ? 'chip--on' : ''}`} aria-pressed={reason === text} onClick={() => setReason(text)}>
                  {text}
                </button>
              );
            })}
          </div>
          <label className="field">
            <span>{t('console.confirm.reason')}</span>
            <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          </label>
        </div>
      )}
    </Dialog>
  );
}
