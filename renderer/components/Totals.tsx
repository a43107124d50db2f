/** Totals block: discounts, rounding, the big total with the article count, and the VAT table. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasketView } from '../../electron/ipc/view';
import { useKassa } from '../store';
import { useFormat } from './hooks';
import { Icon } from './icons';

export function VatTable({ basket }: { basket: BasketView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <table className="vat-table">
      <caption className="sr-only">{t('vat.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('vat.rate')}</th>
          <th scope="col">{t('vat.net')}</th>
          <th scope="col">{t('vat.vat')}</th>
          <th scope="col">{t('vat.gross')}</th>
        </tr>
      </thead>
      <tbody>
        {basket.vat.map((r) => (
          <tr key={r.rateBp}>
            <th scope="row">{f.vat(r.rateBp)}</th>
            <td>{f.money(r.netCents)}</td>
            <td>{f.money(r.vatCents)}</td>
            <td>{f.money(r.grossCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Adjustments({ basket }: { basket: BasketView }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (basket.discounts.length === 0 && basket.roundingCents === 0) return null;
  return (
    <dl className="adjustments">
      <div className="adjustments__row">
        <dt>{t('shopping.subtotal')}</dt>
        <dd>{f.money(basket.subtotalCents)}</dd>
      </div>
      {basket.discounts.map((d, i) => (
        <div className="adjustments__row adjustments__row--discount" key={`${d.description}-${i}`}>
          <dt>{d.description}</dt>
          <dd>{f.money(-d.amountCents)}</dd>
        </div>
      ))}
      {basket.roundingCents !== 0 && (
        <div className="adjustments__row">
          <dt>{t('shopping.rounding')}</dt>
          <dd>{f.money(basket.roundingCents)}</dd>
        </div>
      )}
    </dl>
  );
}

/**
 * The name of the line a scan just added or increased, for the screen reader's announcement with
 * the new total (null when the last change was not an addition).
 */
function useLastAdded(basket: BasketView): string | null {
  const prev = useRef<Map<string, number> | null>(null);
  const last = useRef<string | null>(null);
  const counts = new Map(basket.lines.map((l) => [l.id, l.measure.kind === 'pieces' ? l.measure.count : 1] as const));
  if (prev.current) {
    const grew = basket.lines.find((l) => (counts.get(l.id) ?? 0) > (prev.current!.get(l.id) ?? 0));
    const same = counts.size === prev.current.size && [...counts].every(([id, n]) => prev.current!.get(id) === n);
    if (!same) last.current = grew ? grew.id : null;
  }
  prev.current = counts;
  // By id: the name follows a language switch.
  return basket.lines.find((l) => l.id === last.current)?.name ?? null;
}

export function TotalsPanel({ basket }: { basket: BasketView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const vatOpen = useKassa((s) => s.vatOpen);
  const setVatOpen = useKassa((s) => s.setVatOpen);
  const articles = t('shopping.articles', { count: basket.articleCount });
  const added = useLastAdded(basket);
  return (
    <section className="totals" aria-label={t('shopping.total')}>
      <Adjustments basket={basket} />
      <div className="totals__grand">
        <div className="totals__label">
          <span className="totals__word">{t('shopping.total')}</span>
          <span className="totals__count">{articles}</span>
        </div>
        <div className="totals__amount">{f.money(basket.totalCents)}</div>
      </div>
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="basket-live">
        {added ? `${t('shopping.addedLive', { name: added })} ` : ''}
        {t('shopping.totalLive', { total: f.money(basket.totalCents), articles })}
      </p>
      {basket.vat.length > 0 && (
        <div className="vat">
          <button type="button" className="vat__toggle" aria-expanded={vatOpen} aria-controls="vat-table" onClick={() => setVatOpen(!vatOpen)}>
            <span>{t('vat.title')}</span>
            <span className="vat__rates">{basket.vat.map((r) => f.vat(r.rateBp)).join(' · ')}</span>
            <Icon name={vatOpen ? 'minus' : 'plus'} size={26} />
            <span className="sr-only">{vatOpen ? t('vat.hide') : t('vat.show')}</span>
          </button>
          <div id="vat-table" hidden={!vatOpen}>
            <VatTable basket={basket} />
          </div>
        </div>
      )}
    </section>
  );
}
