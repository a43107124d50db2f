/** The customer's basket lines: name, measure × unit price, line total, and big +/−/remove controls. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineView } from '../../electron/ipc/view';
import { useKassa } from '../store';
import { useFormat } from './hooks';
import { Icon } from './icons';

/** "2 × €1.29", "1.234 kg × €3.49 / kg", or "Price from label". */
export function useMeasureText() {
  const { t } = useTranslation();
  const f = useFormat();
  return (l: LineView): string => {
    switch (l.measure.kind) {
      case 'pieces':
        return `${l.measure.count} × ${f.money(l.unitPriceCents)}`;
      case 'weight':
        return `${f.weight(l.measure.grams)} × ${f.money(l.unitPriceCents)}\u00a0/\u00a0${t('line.perKg')}${l.measure.scale ? ` · ${t('line.weighedOnScale')}` : ''}`;
      case 'labelled-price':
        return t('line.labelled');
    }
  };
}

export function AgeTag({ line }: { line: LineView }) {
  const { t } = useTranslation();
  if (line.ageLimit === null) return null;
  return (
    <span className="agetag">
      <span className="agetag__badge" aria-label={t('line.ageBadge', { age: line.ageLimit })}>
        {line.ageLimit}+
      </span>
      <span className={`pill ${line.ageApproved ? 'pill--ok' : 'pill--wait'}`}>
        <Icon name={line.ageApproved ? 'check' : 'clock'} size={22} />
        {line.ageApproved ? t('line.ageApproved') : t('line.awaitingApproval')}
      </span>
    </span>
  );
}

const BasketLineRow = memo(function BasketLineRow({ line, editable }: { line: LineView; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const measureText = useMeasureText();
  const setQuantity = useKassa((s) => s.setQuantity);
  const removeLine = useKassa((s) => s.removeLine);
  const count = line.measure.kind === 'pieces' ? line.measure.count : null;

  return (
    <li className="line">
      <div className="line__main">
        <span className="line__name">{line.name}</span>
        <span className="line__meta">
          <span className="line__measure">{measureText(line)}</span>
          <AgeTag line={line} />
        </span>
      </div>
      <div className="line__qty">
        {line.adjustable && count !== null ? (
          <div className="stepper" role="group" aria-label={`${t('line.quantity')}: ${line.name}`}>
            <button
              type="button"
              className="stepper__btn"
              disabled={!editable || count <= 1}
              aria-label={t('line.decrease', { name: line.name })}
              onClick={() => void setQuantity(line.id, count - 1)}
            >
              <Icon name="minus" size={36} />
            </button>
            <span className="stepper__value" aria-hidden="true">
              {count}
            </span>
            <button
              type="button"
              className="stepper__btn"
              disabled={!editable || count >= 99}
              aria-label={t('line.increase', { name: line.name })}
              onClick={() => void setQuantity(line.id, count + 1)}
            >
              <Icon name="plus" size={36} />
            </button>
          </div>
        ) : count !== null ? (
          <span className="line__fixedqty">{count}</span>
        ) : null}
      </div>
      <div className="line__total">{f.money(line.totalCents)}</div>
      <button
        type="button"
        className="remove-btn"
        disabled={!editable}
        aria-label={t('line.remove', { name: line.name })}
        onClick={() => void removeLine(line.id)}
      >
        <Icon name="trash" size={34} />
      </button>
    </li>
  );
});

export function BasketList({ lines, editable, label }: { lines: LineView[]; editable: boolean; label: string }) {
  return (
    <ul className="lines" role="list" aria-label={label}>
      {lines.map((l) => (
        <BasketLineRow key={l.id} line={l} editable={editable} />
      ))}
    </ul>
  );
}
