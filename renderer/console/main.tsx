/** The attendant console's entry: the link to the server outside React, then render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { consoleI18n } from '../i18n/console';
import { connect } from './connection';
import { App } from './App';
import '../styles/fonts';
import './console.css';

connect();

const root = document.getElementById('root');
if (!root) throw new Error('console/index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={consoleI18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
