/**
 * The attract screen: brand, the call to action, and the language buttons. A touch anywhere
 * (but a language button) starts a session in the current language; a language button starts
 * it in that language.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Lang } from '../../electron/checkout/lang';
import { NONE, useKassa } from '../store';
import { NATIVE_NAMES } from '../i18n';
import { Flag } from '../components/Flag';
import { BrandMark } from '../components/BrandMark';

function ScanArt() {
  return (
    <svg className="attract__art" viewBox="0 0 320 220" aria-hidden="true" focusable="false">
      <rect x="20" y="150" width="280" height="22" rx="11" fill="rgba(255,255,255,.16)" />
      <g className="attract__item">
        <rect x="92" y="40" width="136" height="96" rx="14" fill="#fff" />
        {[104, 112, 116, 124, 132, 136, 144, 152, 158, 164, 172, 178, 186, 192, 200, 208].map((x, i) => (
          <rect key={x} x={x} y="56" width={i % 3 === 0 ? 5 : 3} height="56" fill="#0b1f1d" />
        ))}
        <rect x="104" y="118" width="112" height="6" rx="3" fill="#c9d6d3" />
      </g>
      <rect className="attract__beam" x="70" y="82" width="180" height="5" rx="2.5" fill="#ff5a5f" />
    </svg>
  );
}

export function Attract() {
  const { t } = useTranslation();
  const { storeName, languages, lang } = useKassa(
    useShallow((s) => ({ storeName: s.view?.store.name ?? '', languages: s.view?.languages ?? NONE, lang: s.view?.lang ?? 'en' })),
  );
  const start = useKassa((s) => s.startSession);
  const pick = (l: Lang) => void start(l);

  return (
    <main className="attract" onClick={() => void start()}>
      <div className="attract__top">
        <BrandMark size={104} inverted />
        <div>
          <div className="attract__store">{storeName}</div>
          <div className="attract__sub">{t('attract.selfCheckout')}</div>
        </div>
      </div>
      <div className="attract__center">
        <ScanArt />
        <h1 className="attract__welcome">{t('attract.welcome')}</h1>
        {/* Before a language is chosen, every enabled language speaks: the welcome in the others too. */}
        <p className="attract__others">
          {languages
            .filter((l) => l !== lang)
            .map((l) => (
              <span key={l} lang={l}>
                {t('attract.welcome', { lng: l })}
              </span>
            ))}
        </p>
        <button type="button" className="attract__cta" onClick={(e) => (e.stopPropagation(), void start())}>
          {t('attract.prompt')}
        </button>
      </div>
      <nav className="attract__langs" aria-label={t('attract.chooseLanguage')} onClick={(e) => e.stopPropagation()}>
        <p className="attract__langs-title">{t('attract.chooseLanguage')}</p>
        <div className="langs">
          {languages.map((l) => (
            <button key={l} type="button" className="lang-btn" lang={l} aria-pressed={l === lang} onClick={() => pick(l)}>
              <Flag lang={l} />
              <span>{NATIVE_NAMES[l]}</span>
            </button>
          ))}
        </div>
      </nav>
    </main>
  );
}
