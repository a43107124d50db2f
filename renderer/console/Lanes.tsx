/** The lane grid and the alert list (lanes and Smarts checks, longest wait first). Every lane is a big button. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneSnapshot, StoreCheck } from '../../electron/store/lane';
import { formatMoney } from '../i18n/format';
import { select, useConsole } from './connection';
import { alertItems, isAlert } from './alerting';
import { showCheck } from './Checks';
import { formatClock, formatWait, useServerNow } from './time';

export function StatusText({ lane }: { lane: LaneSnapshot }) {
  const { t } = useTranslation();
  const lang = useConsole((s) => s.lang);
  return <>{t(`console.status.${lane.status}`, { time: formatClock(lane.since, lang) })}</>;
}

function What({ lane }: { lane: LaneSnapshot }) {
  const { t } = useTranslation();
  if (lane.status === 'locked' && lane.lock) return <>{t(`console.lock.${lane.lock.reason}`)}</>;
  if (lane.status === 'help' && lane.assistanceAck) return <>{t('console.alerts.coming', { name: lane.assistanceAck.name })}</>;
  return <StatusText lane={lane} />;
}

export function Alerts({ lanes, checks }: { lanes: LaneSnapshot[]; checks: StoreCheck[] | null }) {
  const { t } = useTranslation();
  const now = useServerNow();
  const alerts = alertItems(lanes, checks);
  return (
    <section className="alerts" aria-labelledby="alerts-h">
      <h2 id="alerts-h" className="section-h">
        {t('console.alerts.heading')} {alerts.length > 0 && <span className="count">{alerts.length}</span>}
      </h2>
      {alerts.length === 0 ? (
        <p className="quiet">{t('console.alerts.none')}</p>
      ) : (
        <ol className="alerts__list">
          {alerts.map((a) => {
            if (a.kind === 'check') {
              const c = a.check;
              return (
                <li key={`check:${c.invoiceId}`}>
                  <button type="button" className="alert alert--check" onClick={() => showCheck(c.invoiceId)} aria-label={`${t('console.checks.alert')}: ${t(`console.checks.decision.${c.decision}`)}, ${t('console.lanes.waiting', { time: formatWait(now - c.receivedAt) })}`}>
                    <span className="alert__lane">{t('console.checks.short')}</span>
                    <span className="alert__what">{t(`console.checks.decision.${c.decision}`)}</span>
                    <span className="alert__wait">{formatWait(now - c.receivedAt)}</span>
                  </button>
                </li>
              );
            }
            const l = a.lane;
            return (
              <li key={l.laneId}>
                <button type="button" className={`alert alert--${l.status}`} onClick={() => select(l.laneId)} aria-label={`${t('console.lanes.lane', { id: l.laneId })}: ${t(`console.status.${l.status}`, { time: '' })}, ${t('console.lanes.waiting', { time: formatWait(now - l.since) })}`}>
                  <span className="alert__lane">{l.laneId}</span>
                  <span className="alert__what">
                    <What lane={l} />
                  </span>
                  <span className="alert__wait">{formatWait(now - l.since)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** "waiting 1:15": its own component, so the second's tick re-renders this span and not the tile. */
function Waiting({ since }: { since: number }) {
  const { t } = useTranslation();
  const now = useServerNow();
  return <span>{t('console.lanes.waiting', { time: formatWait(now - since) })}</span>;
}

/**
 * One lane's tile. Memoised on the lane object: the lanes frame keeps the previous object of a
 * lane that did not change (connection.ts), so a frame re-renders only the tiles that changed.
 */
const LaneTile = memo(function LaneTile({ lane: l, lang }: { lane: LaneSnapshot; lang: string }) {
  const { t } = useTranslation();
  return (
    <li>
      <button type="button" className={`lane lane--${l.status}${isAlert(l) ? ' lane--alert' : ''}`} onClick={() => select(l.laneId)} aria-label={t('console.lanes.open', { id: l.laneId })} data-lane={l.laneId} data-status={l.status}>
        <span className="lane__top">
          <span className="lane__id">{l.laneId}</span>
          <span className="lane__status">
            <StatusText lane={l} />
          </span>
        </span>
        <span className="lane__total">{formatMoney(l.basket.totalCents, lang as never, l.currency as never)}</span>
        <span className="lane__meta">
          <span>{t('console.lanes.items', { count: l.basket.articleCount })}</span>
          {l.status !== 'idle' && <Waiting since={l.since} />}
        </span>
      </button>
    </li>
  );
});

export function LaneGrid({ lanes }: { lanes: LaneSnapshot[] }) {
  const { t } = useTranslation();
  const lang = useConsole((s) => s.lang);
  const sorted = [...lanes].sort((a, b) => a.laneId.localeCompare(b.laneId, undefined, { numeric: true }));
  return (
    <section className="lanes" aria-labelledby="lanes-h">
      <h2 id="lanes-h" className="section-h">
        {t('console.lanes.heading')}
      </h2>
      {sorted.length === 0 && <p className="quiet">{t('console.lanes.none')}</p>}
      <ul className="lanes__grid">
        {sorted.map((l) => (
          <LaneTile key={l.laneId} lane={l} lang={lang} />
        ))}
      </ul>
    </section>
  );
}
