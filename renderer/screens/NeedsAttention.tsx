/**
 * A payment staff must look at (a refused close, an unknown outcome, "pay at the till"): a calm
 * screen that says a member of staff is coming. Never "thank you" or "successful": the money is
 * not settled yet.
 */
import { useTranslation } from 'react-i18next';
import { useKassa } from '../store';
import { Header } from '../components/Header';
import { Icon } from '../components/icons';
import { useFormat } from '../components/hooks';

export function NeedsAttention() {
  const { t } = useTranslation();
  const f = useFormat();
  const payment = useKassa((s) => s.view!.payment!);
  const tillNeeded = payment.attention === 'pay-at-till';
  return (
    <div className="screen payment">
      <Header showLanguages={false} />
      <main className="payment__body">
        <div className="attention" role="status" data-testid="needs-attention">
          <div className="attention__icon" aria-hidden="true">
            <Icon name="help" size={96} />
          </div>
          <h1 className="attention__title">{t(tillNeeded ? 'attention.tillTitle' : 'attention.title')}</h1>
          <p className="attention__text">{t(tillNeeded ? 'attention.tillText' : 'attention.text')}</p>
          <div className="attention__amount">
            <span>{t('payment.toPay')}</span>
            <strong>{f.money(payment.totalCents)}</strong>
          </div>
          <p className="attention__hint">{t('attention.stay')}</p>
        </div>
      </main>
    </div>
  );
}
