/** Finishing ("Completing your purchase…") and done ("Thank you!", receipt, Done). */
import { useTranslation } from 'react-i18next';
import { useKassa } from '../store';
import { QrCode } from '../components/QrCode';
import { Icon } from '../components/icons';
import { BrandMark } from '../components/BrandMark';
import { Spinner } from './Payment';

export function Finishing() {
  const { t } = useTranslation();
  return (
    <main className="screen centered finishing">
      <Spinner label={t('finishing.title')} />
      <p className="finishing__hint">{t('finishing.hint')}</p>
    </main>
  );
}

export function Done() {
  const { t } = useTranslation();
  const receipt = useKassa((s) => s.view!.receipt);
  const storeName = useKassa((s) => s.view!.store.name);
  const demo = useKassa((s) => s.view!.mode === 'demo');
  const finish = useKassa((s) => s.finish);
  const failed = receipt?.printed === 'failed';
  const printing = receipt?.printed === 'queued' || receipt?.printed === 'printing';

  return (
    <main className={`screen done${failed ? ' done--failed' : ''}`}>
      <div className="done__hero">
        <div className="done__check" aria-hidden="true">
          <Icon name="check" size={96} />
        </div>
        <div>
          <h1 className="done__thanks">{t('done.thanks')}</h1>
          <p className="done__paid">{t('done.paid')}</p>
        </div>
      </div>
      <div className="done__body">
        {receipt?.imageDataUrl && !failed && (
          <figure className="receipt-img">
            <img src={receipt.imageDataUrl} alt={t('done.receiptAria')} />
          </figure>
        )}
        {failed && receipt?.digitalQr && (
          <div className="qr-frame qr-frame--sm">
            {demo && /^https?:\/\//.test(receipt.digitalQr) ? (
              // Demo mode: the QR is also a link to the receipt page, for a laptop without a phone.
              <a className="qr-link" href={receipt.digitalQr} target="_blank" rel="noopener noreferrer" data-testid="digital-receipt-link">
                <QrCode text={receipt.digitalQr} label={t('done.digitalAria')} />
              </a>
            ) : (
              <QrCode text={receipt.digitalQr} label={t('done.digitalAria')} />
            )}
          </div>
        )}
        <div className="done__info">
          {receipt?.printed === 'printed' && (
            <p className="done__status done__status--ok">
              <Icon name="receipt" size={48} />
              <span>{t('done.takeReceipt')}</span>
            </p>
          )}
          {printing && (
            <p className="done__status">
              <Icon name="printer" size={48} />
              <span>{t('done.printing')}</span>
            </p>
          )}
          {failed && (
            <>
              <p className="done__status done__status--warn">
                <Icon name="alert" size={48} />
                <span>{t('done.printFailed')}</span>
              </p>
              <p className="done__ask">{t('done.askStaff')}</p>
            </>
          )}
          {(!receipt || receipt.printed === 'none') && <p className="done__status">{t('done.noReceipt')}</p>}
          {receipt?.orderNo && <p className="done__ref" data-testid="order-no">{t('done.order', { ref: receipt.orderNo })}</p>}
          <button type="button" className="btn btn--primary btn--xl done__btn" onClick={() => void finish()}>
            <Icon name="check" size={44} />
            <span>{t('done.done')}</span>
          </button>
        </div>
      </div>
      <footer className="done__foot">
        <BrandMark size={44} />
        <span>{storeName}</span>
      </footer>
    </main>
  );
}
