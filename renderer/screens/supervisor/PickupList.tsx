/** Staff console, Smarts tab: pickup orders (home delivery) with confirm / reject / hand over. */
import { useTranslation } from 'react-i18next';
import type { PickupOrderView } from '../../../electron/ipc/view';
import { NONE, useKassa } from '../../store';
import { useFormat } from '../../components/hooks';

const FINAL = new Set(['REJECTED', 'COMPLETED']);
const ACTIONS = ['CONFIRMED', 'REJECTED', 'COMPLETED'] as const;

function Pickup({ order }: { order: PickupOrderView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const setStatus = useKassa((s) => s.pickupStatus);
  const open = !FINAL.has(order.status);
  return (
    <li className="scheck scheck--muted">
      <div className="scheck__head">
        <div>
          <h3 className="scheck__id">{t('supervisor.pickup.order', { id: order.id })}</h3>
          <p className="scheck__times">
            {t('supervisor.smarts.received', { time: f.time(order.receivedAt) })} · {order.method ?? ''} · {f.money(order.totalCents)}
          </p>
        </div>
        <span className="sbadge sbadge--info">{t(`supervisor.pickup.status.${order.status}`, { defaultValue: order.status })}</span>
      </div>
      <p className="sprod__meta">{order.products.map((p) => `${p.name} × ${p.amount}`).join(', ')}</p>
      {open && (
        <div className="sactions">
          {ACTIONS.filter((a) => a !== order.status).map((a) => (
            <button key={a} type="button" className={`sbtn ${a === 'REJECTED' ? 'sbtn--danger-outline' : 'sbtn--secondary'}`} onClick={() => void setStatus(order.id, a)}>
              {t(`supervisor.pickup.set.${a}`)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

export function PickupList() {
  const { t } = useTranslation();
  const orders = useKassa((s) => s.view?.supervisor?.pickups ?? NONE);
  if (orders.length === 0) return null;
  return (
    <section className="spickups" aria-labelledby="spickups-title">
      <h2 id="spickups-title" className="spickups__title">{t('supervisor.pickup.title')}</h2>
      <ul className="schecks" role="list">
        {orders.map((o) => (
          <Pickup key={o.id} order={o} />
        ))}
      </ul>
    </section>
  );
}
