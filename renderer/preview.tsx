/**
 * Dev/test only (not in the production build): renders any screen from a fixture view with a
 * no-op api. `?fixture=<name>&lang=<en|et|pl|ru>&tab=<basket|smarts|orders|devices>&a11y=reach,text2`;
 * no fixture lists them all. `window.kassaPreview.show(...)` switches fixture, language, tab and
 * accessibility choices in place (the screens spec walks every screen in one page this way).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { KassaApi } from '../electron/ipc/contract';
import type { Lang } from '../electron/checkout/lang';
import { attachApi, kassaStore, resetKassaStore, SUPERVISOR_TABS, type SupervisorTab, type TextStep } from './store';
import { followLanguage } from './start';
import { i18n } from './i18n';
import { App } from './App';
import { FIXTURES, FIXTURE_NAMES } from './fixtures';
import './styles/fonts';
import './styles/index.css';
import './styles/preview.css';

/** Accepts every intent and changes nothing, so a fixture stays as it is. */
const NOOP_API: KassaApi = { invoke: () => Promise.resolve({ ok: true }), on: () => () => undefined };

export interface PreviewA11y {
  reach?: boolean;
  textStep?: TextStep;
}

declare global {
  interface Window {
    kassaPreview?: { show(name: string, lang: string, tab?: string | null, a11y?: PreviewA11y): boolean };
  }
}

const LANG_CODES: readonly string[] = ['en', 'et', 'pl', 'ru'];
const q = new URLSearchParams(location.search);
const name = q.get('fixture');
const root = createRoot(document.getElementById('root')!);

/** Puts the store in the state of fixture `fx` (after a full reset). False for an unknown fixture. */
function show(fx: string, langParam: string | null, tab?: string | null, a11y: PreviewA11y = {}): boolean {
  const fixture = FIXTURES[fx];
  if (!fixture) return false;
  const lang: Lang = langParam && LANG_CODES.includes(langParam) ? (langParam as Lang) : 'en';
  resetKassaStore();
  attachApi(NOOP_API);
  const s = kassaStore.getState();
  s.applyView(fixture.view(lang));
  s.setConnection(fixture.connection ?? 'open');
  if (tab && (SUPERVISOR_TABS as readonly string[]).includes(tab)) s.setSupervisorTab(tab as SupervisorTab);
  fixture.setup?.(kassaStore.getState());
  kassaStore.setState({ reach: a11y.reach ?? false, textStep: a11y.textStep ?? 0 });
  return true;
}

if (name && FIXTURES[name]) {
  const a11y = (q.get('a11y') ?? '').split(',');
  show(name, q.get('lang'), q.get('tab'), { reach: a11y.includes('reach'), textStep: a11y.includes('text2') ? 2 : a11y.includes('text1') ? 1 : 0 });
  followLanguage();
  window.kassaPreview = { show };
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
} else {
  root.render(
    <main className="preview-index">
      <h1>Kassa screen preview</h1>
      {name && <p>Unknown fixture “{name}”.</p>}
      <ul>
        {FIXTURE_NAMES.map((n) => (
          <li key={n}>
            <a href={`?fixture=${n}&lang=en`}>{n}</a>
          </li>
        ))}
      </ul>
    </main>,
  );
}
document.body.dataset.ready = '1';
