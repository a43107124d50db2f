/**
 * The customer's call for help on the staff console (not a lock: the Basket tab explains those):
 * "Help requested 3 min ago" with Acknowledge, then who acknowledged it with "Help given". The
 * call is never cleared by signing in; staff acknowledge it explicitly (audited).
 */
import { useTranslation } from 'react-i18next';
import { useKassa } from '../../store';
import { Icon } from '../../components/icons';

export function HelpAlert() {
  const { t } = useTranslation();
  const help = useKassa((s) => s.view?.supervisor?.help ?? null);
  const acknowledge = useKassa((s) => s.acknowledgeHelp);
  const finish = useKassa((s) => s.finishHelp);
  if (!help) return null;
  const seen = help.acknowledgedBy !== null;
  return (
    <div className={`console__help${seen ? ' is-seen' : ''}`} role={seen ? 'status' : 'alert'} data-testid="staff-help">
      <Icon name="help" size={30} />
      <div className="console__help-text">
        <strong>{help.minutes > 0 ? t('supervisor.help.waiting', { minutes: help.minutes }) : t('supervisor.help.now')}</strong>
        {seen && <span>{t('supervisor.help.seen', { name: help.acknowledgedBy })}</span>}
      </div>
      {seen ? (
        <button type="button" className="sbtn sbtn--secondary" onClick={() => void finish()}>
          <Icon name="check" size={28} />
          {t('supervisor.help.finish')}
        </button>
      ) : (
        <button type="button" className="sbtn sbtn--primary" onClick={() => void acknowledge()}>
          {t('supervisor.help.acknowledge')}
        </button>
      )}
    </div>
  );
}
