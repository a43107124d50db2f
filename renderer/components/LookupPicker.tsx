/**
 * "Look up item" (items without a barcode): a button for the basket screen and a full-screen
 * picker — category tiles → product tiles → weigh on the scale, or a quantity on the keypad.
 * Everything it shows comes from `view.lookup` (engine: LookupFeature).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LookupItemView } from '../../electron/ipc/view';
import { useKassa } from '../store';
import { useFormat } from './hooks';
import { Keypad } from './Keypad';

export function LookupButton() {
  const { t } = useTranslation();
  const invoke = useKassa((s) => s.invoke);
  const editable = useKassa((s) => s.view?.basket.editable ?? false);
  return (
    <button type="button" className="btn btn--secondary btn--lg lookup-open" disabled={!editable} onClick={() => void invoke('lookup/open', {})}>
      {t('lookup.open')}
    </button>
  );
}

function Quantity({ item, onDone }: { item: LookupItemView; onDone(): void }) {
  const { t } = useTranslation();
  const invoke = useKassa((s) => s.invoke);
  const [digits, setDigits] = useState('1');
  const n = Number(digits || '0');
  return (
    <div className="lookup__qty">
      <h2>{item.name}</h2>
      <output className="lookup__qty-value" aria-live="polite">{digits || '0'}</output>
      <Keypad label={t('lookup.quantity')} onDigit={(d) => setDigits((s) => (s === '0' ? d : (s + d).slice(0, 2)))} onClear={() => setDigits('')} onBackspace={() => setDigits((s) => s.slice(0, -1))} />
      <div className="lookup__qty-actions">
        <button type="button" className="btn btn--ghost btn--lg" onClick={onDone}>{t('lookup.back')}</button>
        <button type="button" className="btn btn--primary btn--lg" disabled={n < 1 || n > 99} onClick={() => void invoke('basket/addPieces', { sku: item.sku, quantity: n }).then(onDone)}>
          {t('lookup.add', { n })}
        </button>
      </div>
    </div>
  );
}

export function LookupPicker() {
  const { t } = useTranslation();
  const f = useFormat();
  const lookup = useKassa((s) => s.view?.lookup ?? null);
  const invoke = useKassa((s) => s.invoke);
  const [piece, setPiece] = useState<LookupItemView | null>(null);
  if (!lookup) return null;
  const weigh = async (item: LookupItemView) => {
    const r = await invoke('basket/weigh', { sku: item.sku });
    if (r.ok) await invoke('lookup/close', {});
  };
  return (
    <div className="lookup" role="dialog" aria-modal="true" aria-labelledby="lookup-title">
      <header className="lookup__head">
        {lookup.category !== null && (
          <button type="button" className="btn btn--ghost btn--lg" onClick={() => (setPiece(null), void invoke('lookup/category', { category: null }))}>
            {t('lookup.back')}
          </button>
        )}
        <h1 id="lookup-title">{lookup.category === null ? t('lookup.title') : t(`lookup.category.${lookup.category}`, { defaultValue: lookup.category })}</h1>
        <button type="button" className="btn btn--ghost btn--lg" onClick={() => (setPiece(null), void invoke('lookup/close', {}))}>
          {t('lookup.close')}
        </button>
      </header>
      {piece ? (
        <Quantity item={piece} onDone={() => setPiece(null)} />
      ) : lookup.category === null ? (
        <ul className="lookup__tiles" role="list">
          {lookup.categories.map((c) => (
            <li key={c.category}>
              <button type="button" className="lookup__tile lookup__tile--category" onClick={() => void invoke('lookup/category', { category: c.category })}>
                <span className="lookup__name">{t(`lookup.category.${c.category}`, { defaultValue: c.category })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <>
          {!lookup.scaleReady && lookup.items.some((i) => i.unit === 'weight') && <p className="lookup__warn">{t('notice.scale-unavailable')}</p>}
          <ul className="lookup__tiles" role="list">
            {lookup.items.map((i) => (
              <li key={i.sku}>
                <button type="button" className="lookup__tile" disabled={i.unit === 'weight' && !lookup.scaleReady} onClick={() => (i.unit === 'weight' ? void weigh(i) : setPiece(i))}>
                  <span className="lookup__name">{i.name}</span>
                  <span className="lookup__price">
                    {f.money(i.unitPriceCents)} / {i.unit === 'weight' ? t('line.perKg') : t('line.each')}
                  </span>
                  {i.plu && <span className="lookup__plu">PLU {i.plu}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
