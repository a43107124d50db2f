/** Staff console, Basket tab: void lines, change quantities, approve age, pass/fail a check, cancel. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useKassa } from '../../store';
import { Icon } from '../../components/icons';
import { useFormat } from '../../components/hooks';
import { useMeasureText } from '../../components/BasketList';

export function BasketTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const measureText = useMeasureText();
  const basket = useKassa((s) => s.view!.basket);
  const lock = useKassa((s) => s.view!.lock);
  const staffNames = useKassa((s) => s.view!.supervisor?.lineNames);
  const a = useKassa(
    useShallow((s) => ({
      voidLine: s.voidLine,
      setQty: s.supervisorSetQuantity,
      approveAge: s.approveAge,
      passCheck: s.passCheck,
      failCheck: s.failCheck,
      cancelSession: s.supervisorCancelSession,
    })),
  );
  const needsAge = basket.lines.some((l) => l.ageLimit !== null && !l.ageApproved);

  return (
    <div className="stab">
      {lock && (
        <div className="slock">
          <Icon name="lock" size={30} />
          <div>
            <strong>{t('supervisor.basket.locked', { reason: t(`supervisor.lockKind.${lock.reason}`) })}</strong>
            {lock.reasons.length > 0 && (
              <ul className="slock__reasons">
                {lock.reasons.map((r) => (
                  <li key={r}>{t(`lockReason.${r}`, { defaultValue: r })}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {basket.lines.length === 0 ? (
        <p className="stab__empty">{t('supervisor.basket.empty')}</p>
      ) : (
        <ul className="slines" role="list">
          {basket.lines.map((line) => {
            // Product names in the staff's language (the customer's screen keeps theirs).
            const l = { ...line, name: staffNames?.[line.id] ?? line.name };
            const count = l.measure.kind === 'pieces' ? l.measure.count : null;
            return (
              <li key={l.id} className="sline">
                <div className="sline__main">
                  <span className="sline__name">
                    {l.name}
                    {l.ageLimit !== null && <span className={`sbadge ${l.ageApproved ? 'sbadge--ok' : 'sbadge--warn'}`}>{l.ageLimit}+</span>}
                  </span>
                  <span className="sline__meta">
                    {measureText(l)} · {l.sku}
                  </span>
                </div>
                <span className="sline__total">{f.money(l.totalCents)}</span>
                <div className="sline__ctl">
                  {l.adjustable && count !== null && (
                    <div className="sstepper">
                      <button type="button" className="sbtn sbtn--icon" disabled={count <= 1} aria-label={t('line.decrease', { name: l.name })} onClick={() => void a.setQty(l.id, count - 1)}>
                        <Icon name="minus" size={30} />
                      </button>
                      <span className="sstepper__value">{count}</span>
                      <button type="button" className="sbtn sbtn--icon" disabled={count >= 99} aria-label={t('line.increase', { name: l.name })} onClick={() => void a.setQty(l.id, count + 1)}>
                        <Icon name="plus" size={30} />
                      </button>
                    </div>
                  )}
                  <button type="button" className="sbtn sbtn--danger-outline" aria-label={t('supervisor.basket.voidAria', { name: l.name })} onClick={() => void a.voidLine(l.id, l.name)}>
                    <Icon name="trash" size={28} />
                    {t('supervisor.basket.void')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="stab__total">
        <span>{t('supervisor.basket.total')}</span>
        <strong>{f.money(basket.totalCents)}</strong>
      </div>
      <div className="sactions">
        {needsAge && (
          <button type="button" className="sbtn sbtn--primary" onClick={() => void a.approveAge()}>
            <Icon name="check" size={30} />
            {t('supervisor.basket.approveAge')}
          </button>
        )}
        {lock?.reason === 'purchase-check' && (
          <>
            <button type="button" className="sbtn sbtn--ok" onClick={() => void a.passCheck()}>
              <Icon name="check" size={30} />
              {t('supervisor.basket.passCheck')}
            </button>
            <button type="button" className="sbtn sbtn--danger" onClick={() => void a.failCheck()}>
              <Icon name="close" size={30} />
              {t('supervisor.basket.failCheck')}
            </button>
          </>
        )}
        <button type="button" className="sbtn sbtn--danger-outline" onClick={() => void a.cancelSession()}>
          {t('supervisor.basket.cancelSession')}
        </button>
      </div>
    </div>
  );
}
