import { configure } from '@zheli/elements';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { auth, elementsClient } from './api.js';
import { App } from './app.js';
import './app.css';

// The elements read and write through the backend (its `/api` proxy with the session cookie and
// the CSRF header) and sign in through it: no token reaches them. `<ZheliConfig>` cannot say
// this (it builds a browser-mode client and auth from attributes), so the page's `configure()`.
configure({ client: elementsClient, auth, locale: 'zh-CN' });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
