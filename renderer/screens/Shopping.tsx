/** The shopping screen: basket (or the empty-basket prompt), totals, and the pay actions. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKassa } from '../store';
import { Header } from '../components/Header';
import { BasketList } from '../components/BasketList';
import { TotalsPanel } from '../components/Totals';
import { Icon } from '../components/icons';
import { LookupButton } from '../components/LookupPicker';
import { NoticeToast } from '../components/NoticeToast';
import { noticeAllowed } from '../store/overlay-policy';

function EmptyBasket() {
  const { t } = useTranslation();
  return (
    <div className="empty">
      <svg className="empty__art" viewBox="0 0 300 220" aria-hidden="true" focusable="false">
        <circle cx="150" cy="110" r="100" fill="#e3efed" />
        <g transform="rotate(-8 150 110)">
          <rect x="80" y="60" width="140" height="96" rx="14" fill="#fff" stroke="#00584f" strokeWidth="4" />
          {[96, 104, 108, 116, 124, 128, 136, 144, 150, 156, 164, 170, 178, 186, 192, 200].map((x, i) => (
            <rect key={x} x={x} y="76" width={i % 3 === 0 ? 5 : 3} height="52" fill="#0b1f1d" />
          ))}
        </g>
        <rect className="empty__beam" x="60" y="104" width="180" height="5" rx="2.5" fill="#e0323c" />
      </svg>
      <h2 className="empty__title">{t('shopping.emptyTitle')}</h2>
      <p className="empty__hint">{t('shopping.emptyHint')}</p>
    </div>
  );
}

export function PayActions() {
  const { t } = useTranslation();
  const canPay = useKassa((s) => !!s.view && s.view.basket.lines.length > 0 && s.view.basket.editable);
  const pay = useKassa((s) => s.pay);
  const confirmStartOver = useKassa((s) => s.setConfirmStartOver);
  const hasLines = useKassa((s) => (s.view?.basket.lines.length ?? 0) > 0);
  const inpost = useKassa((s) => !!s.view?.store.inpostPay);
  return (
    <div className="pay">
      {inpost && (
        <button type="button" className="btn btn--secondary btn--xl" disabled={!canPay} onClick={() => void pay('inpost')} data-testid="pay-inpost">
          <Icon name="phone" size={44} />
          <span>{t('shopping.payInpost')}</span>
        </button>
      )}
      <button type="button" className="btn btn--primary btn--xl" disabled={!canPay} onClick={() => void pay('swip')}>
        <Icon name="phone" size={44} />
        <span>{t('shopping.paySwip')}</span>
      </button>
      <div className="pay__row">
        <button type="button" className="btn btn--secondary btn--lg" disabled={!canPay} onClick={() => void pay('terminal')}>
          <Icon name="card" size={36} />
          <span>{t('shopping.payTerminal')}</span>
        </button>
        <button type="button" className="btn btn--ghost btn--lg" disabled={!hasLines} onClick={() => confirmStartOver(true)}>
          <Icon name="refresh" size={32} />
          <span>{t('shopping.startOver')}</span>
        </button>
      </div>
    </div>
  );
}

export function Shopping() {
  const { t } = useTranslation();
  const basket = useKassa((s) => s.view!.basket);
  const showNotice = useKassa((s) => noticeAllowed(s.view!));
  const noticeId = useKassa((s) => s.view!.notice?.id ?? null);
  const listRef = useRef<HTMLDivElement>(null);
  const count = basket.lines.length;

  // Keep the newest line in sight after a scan (and when a notice takes room above the list).
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, noticeId]);

  return (
    <div className="screen shopping">
      <Header />
      <main className="shopping__basket" aria-labelledby="basket-title">
        <div className="basket-head">
          <h1 id="basket-title">{t('shopping.basketTitle')}</h1>
          {count > 0 && <span className="basket-head__count">{t('shopping.articles', { count: basket.articleCount })}</span>}
          <LookupButton />
        </div>
        {showNotice && <NoticeToast inline />}
        <div className="basket-scroll" ref={listRef}>
          {count === 0 ? <EmptyBasket /> : <BasketList lines={basket.lines} editable={basket.editable} label={t('shopping.basketTitle')} />}
        </div>
      </main>
      <aside className="shopping__side">
        <TotalsPanel basket={basket} />
        <PayActions />
      </aside>
    </div>
  );
}
