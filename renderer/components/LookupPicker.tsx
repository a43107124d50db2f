/**
 * "Look up item" (items without a barcode): a button for the basket screen and a full-screen
 * picker — category picture tiles (and the store's most used items) → product picture tiles;
 * or a search typed on the on-screen keyboard (names in any language, or a PLU code). A piece
 * item asks for a quantity on a large keypad; a weighed item goes to the scale.
 * Everything it lists comes from `view.lookup` (engine: LookupFeature).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LookupItemView } from '../../electron/ipc/view';
import { useKassa } from '../store';
import { useFormat } from './hooks';
import { Icon } from './icons';
import { Keypad } from './Keypad';
import { LookupKeyboard, type KeyboardLayout } from './LookupKeyboard';
import { CategoryTiles, ProductTiles } from './LookupTiles';
import { productPicture, uiPicture } from './pictures';

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

function ItemHead({ item }: { item: LookupItemView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="lookup__item">
      <img className="lookup__item-picture" src={productPicture(item.image, item.category)} alt="" />
      <div>
        <h2 className="lookup__item-name">{item.name}</h2>
        <p className="lookup__item-price">
          {f.money(item.unitPriceCents)} / {item.unit === 'weight' ? t('line.perKg') : t('lookup.piece')}
        </p>
      </div>
    </div>
  );
}

function Quantity({ item, onBack }: { item: LookupItemView; onBack(): void }) {
  const { t } = useTranslation();
  const invoke = useKassa((s) => s.invoke);
  const [digits, setDigits] = useState('1');
  // The 1 shown at first is a default: the first key pressed replaces it.
  const [fresh, setFresh] = useState(true);
  const n = Number(digits || '0');
  const press = (d: string) => {
    setDigits((s) => (fresh || s === '0' ? d : (s + d).slice(0, 2)));
    setFresh(false);
  };
  return (
    <section className="lookup__panel" aria-labelledby="lookup-qty">
      <ItemHead item={item} />
      <h2 id="lookup-qty" className="lookup__ask">{t('lookup.howMany')}</h2>
      <output className="lookup__qty-value" aria-live="polite">{digits || '0'}</output>
      <Keypad label={t('lookup.quantity')} onDigit={press} onClear={() => (setDigits(''), setFresh(false))} onBackspace={() => (setDigits((s) => s.slice(0, -1)), setFresh(false))} />
      <div className="lookup__actions">
        <button type="button" className="btn btn--ghost btn--lg" onClick={onBack}>{t('lookup.back')}</button>
        <button type="button" className="btn btn--primary btn--xl" disabled={n < 1 || n > 99} onClick={() => void invoke('basket/addPieces', { sku: item.sku, quantity: n })}>
          {t('lookup.add', { n })}
        </button>
      </div>
    </section>
  );
}

function Weigh({ item, onBack }: { item: LookupItemView; onBack(): void }) {
  const { t } = useTranslation();
  const invoke = useKassa((s) => s.invoke);
  const scaleReady = useKassa((s) => s.view?.lookup?.scaleReady ?? false);
  const notice = useKassa((s) => (s.view?.notice?.code.startsWith('scale-') ? s.view.notice : null));
  const [busy, setBusy] = useState(false);
  const weigh = async () => {
    setBusy(true);
    const r = await invoke('basket/weigh', { sku: item.sku });
    setBusy(false);
    if (r.ok) await invoke('lookup/close', {});
  };
  return (
    <section className="lookup__panel" aria-labelledby="lookup-weigh">
      <ItemHead item={item} />
      <h2 id="lookup-weigh" className="lookup__ask">{t('lookup.putOnScale')}</h2>
      <img className="lookup__scale-picture" src={uiPicture('scale')} alt="" />
      <p className={`lookup__scale-status${notice || !scaleReady ? ' lookup__scale-status--bad' : ''}`} role="status">
        {!scaleReady ? t('notice.scale-unavailable') : notice ? t(`notice.${notice.code}`, notice.params) : t('lookup.weighHint')}
      </p>
      <div className="lookup__actions">
        <button type="button" className="btn btn--ghost btn--lg" onClick={onBack}>{t('lookup.back')}</button>
        <button type="button" className="btn btn--primary btn--xl" disabled={!scaleReady || busy} onClick={() => void weigh()}>
          {t('lookup.weigh')}
        </button>
      </div>
    </section>
  );
}

/** The picker while the engine has it open; its own state (typed text, chosen item) ends with it. */
export function LookupPicker() {
  const open = useKassa((s) => (s.view?.lookup ?? null) !== null);
  return open ? <Picker /> : null;
}

function Picker() {
  const { t } = useTranslation();
  const lookup = useKassa((s) => s.view!.lookup!);
  const lang = useKassa((s) => s.view?.lang ?? 'en');
  const invoke = useKassa((s) => s.invoke);
  const [piece, setPiece] = useState<LookupItemView | null>(null);
  const [weighing, setWeighing] = useState<LookupItemView | null>(null);
  const [query, setQuery] = useState(lookup.query);
  const [layout, setLayout] = useState<KeyboardLayout>(/^\d+$/.test(lookup.query) ? 'digits' : lang === 'ru' ? 'cyrillic' : 'latin');
  const search = (q: string) => {
    setQuery(q);
    void invoke('lookup/search', { query: q });
  };
  const pick = (i: LookupItemView) => (i.unit === 'weight' ? setWeighing(i) : setPiece(i));
  const panel = piece ? <Quantity item={piece} onBack={() => setPiece(null)} /> : weighing ? <Weigh item={weighing} onBack={() => setWeighing(null)} /> : null;
  const searching = lookup.query.trim() !== '';
  const back = panel ? () => (setPiece(null), setWeighing(null)) : searching ? () => search('') : lookup.category !== null ? () => void invoke('lookup/category', { category: null }) : null;
  const title = searching ? t('lookup.results') : lookup.category !== null ? t(`lookup.category.${lookup.category}`, { defaultValue: lookup.category }) : t('lookup.title');
  const weighedShown = (searching || lookup.category !== null) && lookup.items.some((i) => i.unit === 'weight');
  return (
    <div className={`lookup${panel ? ' lookup--panel' : ''}`} role="dialog" aria-modal="true" aria-labelledby="lookup-title">
      <header className="lookup__head">
        {back && (
          <button type="button" className="btn btn--ghost btn--lg" onClick={back}>
            <Icon name="back" size={36} />
            {t('lookup.back')}
          </button>
        )}
        <h1 id="lookup-title">{title}</h1>
        <button type="button" className="btn btn--secondary btn--lg" onClick={() => void invoke('lookup/close', {})}>
          <Icon name="close" size={36} />
          {t('lookup.close')}
        </button>
      </header>
      {panel ?? (
        <div className="lookup__body">
          <section className="lookup__browse" aria-labelledby="lookup-title" data-query={lookup.query}>
            {!lookup.scaleReady && weighedShown && <p className="lookup__warn" role="status">{t('notice.scale-unavailable')}</p>}
            {searching ? (
              lookup.items.length > 0 ? (
                <ProductTiles items={lookup.items} scaleReady={lookup.scaleReady} onPick={pick} label={t('lookup.results')} />
              ) : (
                <p className="lookup__empty">{t('lookup.noResults')}</p>
              )
            ) : lookup.category !== null ? (
              <ProductTiles items={lookup.items} scaleReady={lookup.scaleReady} onPick={pick} label={title} />
            ) : (
              <>
                <CategoryTiles categories={lookup.categories} onPick={(category) => void invoke('lookup/category', { category })} />
                {lookup.top.length > 0 && (
                  <>
                    <h2 className="lookup__section">{t('lookup.mostUsed')}</h2>
                    <ProductTiles items={lookup.top} scaleReady={lookup.scaleReady} onPick={pick} label={t('lookup.mostUsed')} />
                  </>
                )}
              </>
            )}
          </section>
          <aside className="lookup__keys">
            <div className="lookup__search" role="search">
              <span className="lookup__search-label">{layout === 'digits' ? t('lookup.pluLabel') : t('lookup.searchLabel')}</span>
              <output className={`lookup__query${query ? '' : ' lookup__query--empty'}`} aria-live="polite">
                {query || (layout === 'digits' ? t('lookup.pluHint') : t('lookup.searchHint'))}
              </output>
              {query !== '' && (
                <button type="button" className="btn btn--ghost lookup__clear" onClick={() => search('')}>
                  {t('lookup.clear')}
                </button>
              )}
            </div>
            <LookupKeyboard value={query} layout={layout} onChange={search} onLayout={setLayout} />
          </aside>
        </div>
      )}
    </div>
  );
}
