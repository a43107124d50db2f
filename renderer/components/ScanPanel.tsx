/**
 * Demo mode only: a floating button opening a panel of sample barcodes and a field to type
 * any code. The field is excluded from the wedge detector; Enter there scans with source 'panel'.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useKassa } from '../store';
import { WEDGE_IGNORE_ATTR } from '../input/wire';
import { Icon } from './icons';

/** The header's button that opens the panel (demo mode only). */
export function ScanPanelToggle() {
  const { t } = useTranslation();
  const demo = useKassa((s) => s.view?.demo != null);
  const open = useKassa((s) => s.scanPanelOpen);
  const setOpen = useKassa((s) => s.setScanPanelOpen);
  if (!demo) return null;
  return (
    <button type="button" className="scanpanel-toggle" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={open ? t('scanPanel.close') : t('scanPanel.open')}>
      <Icon name="scan" size={40} />
    </button>
  );
}

/** The panel; `floating` adds its own corner button for screens without the header (attract, lock, done). */
export function ScanPanel({ floating }: { floating: boolean }) {
  const { t } = useTranslation();
  const samples = useKassa(useShallow((s) => s.view?.demo?.samples ?? null));
  const open = useKassa((s) => s.scanPanelOpen);
  const setOpen = useKassa((s) => s.setScanPanelOpen);
  const scan = useKassa((s) => s.scan);
  const [code, setCode] = useState('');

  if (!samples) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    if (!c) return;
    void scan(c, 'panel');
    setCode('');
  };
  const ignore = { [WEDGE_IGNORE_ATTR]: '' };

  if (!open) {
    if (!floating) return null;
    return (
      <button type="button" className="scanpanel-fab" onClick={() => setOpen(true)} aria-label={t('scanPanel.open')}>
        <Icon name="scan" size={40} />
      </button>
    );
  }
  return (
    <aside className="scanpanel" aria-label={t('scanPanel.title')}>
      <div className="scanpanel__head">
        <h2>{t('scanPanel.title')}</h2>
        <button type="button" className="icon-btn" onClick={() => setOpen(false)} aria-label={t('scanPanel.close')}>
          <Icon name="close" size={32} />
        </button>
      </div>
      <h3 className="scanpanel__label">{t('scanPanel.samples')}</h3>
      <div className="scanpanel__samples">
        {samples.map((s) => (
          <button key={s.code} type="button" className="sample" onClick={() => void scan(s.code, 'panel')}>
            <span className="sample__label">{s.label}</span>
            <span className="sample__code">{s.code}</span>
          </button>
        ))}
      </div>
      <form className="scanpanel__form" onSubmit={submit}>
        <label className="scanpanel__label" htmlFor="scanpanel-code">
          {t('scanPanel.typeCode')}
        </label>
        <div className="scanpanel__row">
          <input
            id="scanpanel-code"
            className="scanpanel__input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('scanPanel.placeholder')}
            autoComplete="off"
            spellCheck={false}
            inputMode="text"
            maxLength={256}
            {...ignore}
          />
          <button type="submit" className="btn btn--primary btn--sm">
            {t('scanPanel.submit')}
          </button>
        </div>
      </form>
    </aside>
  );
}
