/**
 * Dev/test only (not in the production build): renders any screen from a fixture view with a
 * no-op api. `?fixture=<name>&lang=<en|et|pl|ru>&tab=<basket|smarts|orders|devices>`; no
 * fixture lists them all.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { KassaApi } from '../electron/ipc/contract';
import type { Lang } from '../electron/checkout/lang';
import { attachApi, kassaStore, SUPERVISOR_TABS, type SupervisorTab } from './store';
import { followLanguage } from './start';
import { i18n } from './i18n';
import { App } from './App';
import { FIXTURES, FIXTURE_NAMES } from './fixtures';
import './styles/fonts';
import './styles/index.css';
import './styles/preview.css';

/** Accepts every intent and changes nothing, so a fixture stays as it is. */
const NOOP_API: KassaApi = { invoke: () => Promise.resolve({ ok: true }), on: () => () => undefined };

const q = new URLSearchParams(location.search);
const name = q.get('fixture');
const langParam = q.get('lang');
const LANG_CODES: readonly string[] = ['en', 'et', 'pl', 'ru'];
const lang: Lang = langParam && LANG_CODES.includes(langParam) ? (langParam as Lang) : 'en';
const tab = q.get('tab');
const root = createRoot(document.getElementById('root')!);

const fixture = name ? FIXTURES[name] : undefined;
if (fixture) {
  attachApi(NOOP_API);
  const s = kassaStore.getState();
  s.applyView(fixture.view(lang));
  s.setConnection(fixture.connection ?? 'open');
  if (tab && (SUPERVISOR_TABS as readonly string[]).includes(tab)) s.setSupervisorTab(tab as SupervisorTab);
  fixture.setup?.(kassaStore.getState());
  followLanguage();
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
            <a href={`?fixture=${n}&lang=${lang}`}>{n}</a>
          </li>
        ))}
      </ul>
    </main>,
  );
}
document.body.dataset.ready = '1';
