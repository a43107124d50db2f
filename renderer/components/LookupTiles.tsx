/** The picker's picture tiles: categories, and products with name and price per kg or per piece. */
import { useTranslation } from 'react-i18next';
import type { LookupItemView } from '../../electron/ipc/view';
import { useFormat } from './hooks';
import { categoryPicture, productPicture } from './pictures';

export function CategoryTiles({ categories, onPick }: { categories: Array<{ category: string; count: number }>; onPick(category: string): void }) {
  const { t } = useTranslation();
  return (
    <ul className="lookup__tiles lookup__tiles--categories" role="list">
      {categories.map((c) => (
        <li key={c.category}>
          <button type="button" className="tile tile--category" onClick={() => onPick(c.category)}>
            <img className="tile__picture" src={categoryPicture(c.category)} alt="" draggable={false} />
            <span className="tile__name">{t(`lookup.category.${c.category}`, { defaultValue: c.category })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ProductTiles({ items, scaleReady, onPick, label }: { items: LookupItemView[]; scaleReady: boolean; onPick(item: LookupItemView): void; label: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ul className="lookup__tiles" role="list" aria-label={label}>
      {items.map((i) => {
        const off = i.unit === 'weight' && !scaleReady;
        return (
          <li key={i.sku}>
            <button type="button" className="tile" disabled={off} onClick={() => onPick(i)} data-sku={i.sku}>
              <img className="tile__picture" src={productPicture(i.image, i.category)} alt="" draggable={false} />
              <span className="tile__name">{i.name}</span>
              <span className="tile__price">
                {f.money(i.unitPriceCents)} / {i.unit === 'weight' ? t('line.perKg') : t('lookup.piece')}
              </span>
              {off && <span className="tile__off">{t('lookup.scaleOff')}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
