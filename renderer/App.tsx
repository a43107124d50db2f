/** Picks the screen from `view.state` and lays the overlays over it. Renders the store, nothing else. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useKassa } from './store';
import { Attract } from './screens/Attract';
import { Shopping } from './screens/Shopping';
import { Payment, Spinner } from './screens/Payment';
import { NeedsAttention } from './screens/NeedsAttention';
import { Done, Finishing } from './screens/Done';
import { ConfirmStartOver, IdlePrompt, LockOverlay, OutOfOrder } from './screens/Overlays';
import { SupervisorOverlay } from './screens/supervisor/Supervisor';
import { StaffIndicators, StatusBanners } from './components/StatusBanners';
import { NoticeToast } from './components/NoticeToast';
import { ScanPanel } from './components/ScanPanel';
import { LookupPicker } from './components/LookupPicker';
import { noticeInline, screenOf } from './store/overlay-policy';
import { A11yBar, useA11yClasses } from './components/A11yBar';

function Screen() {
  const screen = useKassa((s) => screenOf(s.view!));
  if (screen === 'attract') return <Attract />;
  if (screen === 'attention') return <NeedsAttention />;
  if (screen === 'payment') return <Payment />;
  if (screen === 'finishing') return <Finishing />;
  if (screen === 'done') return <Done />;
  return <Shopping />;
}

export function App() {
  const { t } = useTranslation();
  const a11y = useA11yClasses();
  const { hasView, outOfOrder, state, supervisor, locked, inlineNotice } = useKassa(
    useShallow((s) => ({
      hasView: s.view !== null,
      inlineNotice: s.view !== null && noticeInline(s.view),
      outOfOrder: s.view?.outOfOrder != null,
      state: s.view?.state,
      supervisor: s.view?.supervisor != null,
      locked: s.view?.lock != null,
    })),
  );
  if (!hasView) {
    return (
      <div className="kiosk">
        <StatusBanners />
        <main className="screen centered">
          <Spinner label={t('app.connecting')} />
        </main>
      </div>
    );
  }
  const customerBlocked = outOfOrder || locked || supervisor;
  return (
    <div className={`kiosk kiosk--${state}${a11y}`}>
      <StatusBanners />
      <div className="kiosk__screen" inert={customerBlocked || undefined}>
        {outOfOrder ? <OutOfOrder /> : <Screen />}
      </div>
      {/* In the page flow under every customer screen: it never covers the screen's content. */}
      {!outOfOrder && (
        <div className="kiosk__a11y" inert={customerBlocked || undefined}>
          <A11yBar />
        </div>
      )}
      {!outOfOrder && !customerBlocked && (
        <>
          <LookupPicker />
          {!inlineNotice && <NoticeToast />}
          <IdlePrompt />
          <ConfirmStartOver />
          <ScanPanel floating={state === 'attract' || state === 'done' || state === 'finishing'} />
        </>
      )}
      {!outOfOrder && locked && !supervisor && <LockOverlay />}
      {!outOfOrder && locked && !supervisor && <ScanPanel floating />}
      <SupervisorOverlay />
      <StaffIndicators />
    </div>
  );
}
