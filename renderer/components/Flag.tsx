/** Language flags drawn inline (no external images). Decorative: the native name is the label. */
import type { Lang } from '../../electron/checkout/lang';

export function Flag({ lang }: { lang: Lang }) {
  return (
    <svg className="flag" viewBox="0 0 60 40" aria-hidden="true" focusable="false" preserveAspectRatio="none">
      {lang === 'en' && (
        <>
          <rect width="60" height="40" fill="#012169" />
          <path d="M0 0L60 40M60 0L0 40" stroke="#fff" strokeWidth="8" />
          <path d="M0 0L60 40M60 0L0 40" stroke="#C8102E" strokeWidth="3" />
          <path d="M30 0v40M0 20h60" stroke="#fff" strokeWidth="12" />
          <path d="M30 0v40M0 20h60" stroke="#C8102E" strokeWidth="7" />
        </>
      )}
      {lang === 'et' && (
        <>
          <rect width="60" height="13.34" fill="#0072CE" />
          <rect y="13.33" width="60" height="13.34" fill="#000" />
          <rect y="26.66" width="60" height="13.34" fill="#fff" />
        </>
      )}
      {lang === 'pl' && (
        <>
          <rect width="60" height="20" fill="#fff" />
          <rect y="20" width="60" height="20" fill="#DC143C" />
        </>
      )}
      {lang === 'ru' && (
        <>
          <rect width="60" height="13.34" fill="#fff" />
          <rect y="13.33" width="60" height="13.34" fill="#0039A6" />
          <rect y="26.66" width="60" height="13.34" fill="#D52B1E" />
        </>
      )}
    </svg>
  );
}
