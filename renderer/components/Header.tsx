/** The customer screens' top bar: brand, language switch, and the always-visible Help button. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { NONE, useKassa } from '../store';
import { NATIVE_NAMES } from '../i18n';
import { Flag } from './Flag';
import { Icon } from './icons';
import { BrandMark } from './BrandMark';
import { ScanPanelToggle } from './ScanPanel';

export function Header({ showLanguages = true }: { showLanguages?: boolean }) {
  const { t } = useTranslation();
  const { storeName, lang, languages, helpRequested, helpComing } = useKassa(
    useShallow((s) => ({
      storeName: s.view?.store.name ?? '',
      lang: s.view?.lang ?? 'en',
      languages: s.view?.languages ?? NONE,
      helpRequested: s.view?.assistance.requested ?? false,
      helpComing: s.view?.assistance.acknowledged ?? false,
    })),
  );
  const setLanguage = useKassa((s) => s.setLanguage);
  const callAssistance = useKassa((s) => s.callAssistance);

  return (
    <header className="topbar">
      <div className="topbar__brand">
        <BrandMark size={56} />
        <div className="topbar__names">
          <span className="topbar__store">{storeName}</span>
          <span className="topbar__sub">{t('attract.selfCheckout')}</span>
        </div>
      </div>
      <div className="topbar__tools">
      <ScanPanelToggle />
      {showLanguages && languages.length > 1 && (
        <div className="langs langs--compact" role="group" aria-label={t('attract.chooseLanguage')}>
          {languages.map((l) => (
            <button
              key={l}
              type="button"
              className="lang-chip"
              lang={l}
              aria-pressed={l === lang}
              onClick={() => l !== lang && void setLanguage(l)}
            >
              <Flag lang={l} />
              {/* The accessible name starts with the visible code ("RU Русский"), as WCAG 2.5.3 asks. */}
              <span className="lang-chip__code">{l.toUpperCase()}</span>
              <span className="sr-only"> {NATIVE_NAMES[l]}</span>
            </button>
          ))}
        </div>
      )}
      </div>
      <button type="button" className={`btn btn--help${helpRequested ? ' is-requested' : ''}`} onClick={() => void callAssistance()}>
        <Icon name={helpRequested ? 'check' : 'help'} size={36} />
        {/* Called → "Help called"; a member of staff acknowledged it → "Help is on the way". */}
        <span>{helpComing ? t('shopping.helpRequested') : helpRequested ? t('shopping.helpCalled') : t('shopping.help')}</span>
      </button>
    </header>
  );
}
