/**
 * The engine's notice as a prominent toast. The live region stays mounted so screen readers
 * announce each new text; the toast asks the engine to dismiss it after 5 s. Where it sits
 * follows the overlay policy (store/overlay-policy.ts): `inline` in the shopping screen's flow
 * under the basket header, floating under the top bar elsewhere.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKassa } from '../store';
import { Icon } from './icons';

/** How long a notice stays before the renderer asks the engine to dismiss it, in ms. */
export const NOTICE_MS = 5000;

export function NoticeToast({ inline = false }: { inline?: boolean }) {
  const { t } = useTranslation();
  const notice = useKassa((s) => (s.view?.notice && s.view.notice.id !== s.staleNotice ? s.view.notice : null));
  const dismiss = useKassa((s) => s.dismissNotice);

  useEffect(() => {
    if (!notice) return;
    const id = notice.id;
    const timer = setTimeout(() => void dismiss(id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  const text = notice ? t(`notice.${notice.code}`, notice.params) : '';
  return (
    <div className={`toast-region${inline ? ' toast-region--inline' : ''}`} data-testid="notice" aria-live="polite" aria-atomic="true">
      {notice && (
        <div className={`toast toast--${notice.tone}`} key={notice.id}>
          <Icon name={notice.tone === 'error' ? 'alert' : notice.tone === 'success' ? 'check' : 'info'} size={44} className="toast__icon" />
          <p className="toast__text">{text}</p>
          <button type="button" className="toast__close" aria-label={t('notice.dismiss')} onClick={() => void dismiss(notice.id)}>
            <Icon name="close" size={32} />
          </button>
          <span className="toast__timer" aria-hidden="true" />
        </div>
      )}
    </div>
  );
}
