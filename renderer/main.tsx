/** The kiosk renderer's entry: start the bridge and store outside React, then render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createBridge } from './bridge';
import { startKiosk } from './start';
import { i18n } from './i18n';
import { App } from './App';
import './styles/fonts';
import './styles/index.css';

startKiosk(createBridge());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
