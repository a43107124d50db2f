/**
 * Starts the kiosk renderer's plumbing outside React: the bridge, the view push into the
 * store, the language following the engine's `view.lang`, and window input (wedge, activity).
 */
import type { Bridge } from './bridge';
import { attachApi, kassaStore } from './store';
import { i18n } from './i18n';
import { wireInput } from './input/wire';

/** Keeps i18next and <html lang> on the language of the latest view. */
export function followLanguage(): () => void {
  const apply = (): void => {
    const lang = kassaStore.getState().view?.lang;
    if (lang && i18n.language !== lang) void i18n.changeLanguage(lang);
    if (lang) document.documentElement.lang = lang;
  };
  apply();
  return kassaStore.subscribe((s, prev) => {
    if (s.view?.lang !== prev.view?.lang) apply();
  });
}

export function startKiosk(bridge: Bridge): () => void {
  attachApi(bridge.api);
  const s = kassaStore.getState();
  const offView = bridge.api.on('view', (v) => kassaStore.getState().applyView(v));
  const offConn = bridge.onConnection((c) => {
    s.setConnection(c);
    // The host pushes the view on connect; asking as well covers a preload that does not.
    if (c === 'open') void kassaStore.getState().invoke('view/get', {});
  });
  const offLang = followLanguage();
  const offInput = wireInput(window, {
    onScan: (code) => void kassaStore.getState().scan(code, 'wedge'),
    onActivity: () => void kassaStore.getState().activity(),
  });
  return () => {
    offView();
    offConn();
    offLang();
    offInput();
  };
}
