/** Non-blocking strips above the screen: link to the engine lost, scanner down, payment recovery. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useKassa } from '../store';
import { Icon } from './icons';

export function StatusBanners() {
  const { t } = useTranslation();
  const { connection, scanner, recovering, outOfOrder } = useKassa(
    useShallow((s) => ({ connection: s.connection, scanner: s.view?.devices.scanner, recovering: s.view?.recovering ?? false, outOfOrder: s.view?.outOfOrder != null })),
  );
  // Out of order already says everything a customer needs; the scanner strip would only add noise.
  const scannerDown = !outOfOrder && (scanner === 'unavailable' || scanner === 'connecting');
  if (connection !== 'reconnecting' && !scannerDown && !recovering) return null;
  return (
    <div className="banners">
      {connection === 'reconnecting' && (
        <div className="banner banner--warn" role="status">
          <Icon name="wifi-off" size={30} />
          <span>{t('app.reconnecting')}</span>
        </div>
      )}
      {scannerDown && (
        <div className="banner banner--warn" role="status">
          <Icon name="scan" size={30} />
          <span>{t('devices.scannerDown')}</span>
        </div>
      )}
      {recovering && (
        <div className="banner banner--info" role="status">
          <Icon name="refresh" size={30} className="spin-slow" />
          <span>{t('devices.recovering')}</span>
        </div>
      )}
    </div>
  );
}

/** A small corner dot for staff when the printer needs attention (customers need not read it). */
export function StaffIndicators() {
  const { t } = useTranslation();
  const printer = useKassa((s) => s.view?.devices.printer);
  if (printer !== 'attention') return null;
  return (
    <div className="staff-indicator" role="status">
      <Icon name="printer" size={22} />
      <span>{t('devices.printerAttention')}</span>
    </div>
  );
}
