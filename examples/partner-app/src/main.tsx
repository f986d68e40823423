import { configure } from '@zheli/elements';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { client } from './api.js';
import { App } from './app.js';
import './app.css';

// The elements read through the same client: public data and tickets come via the backend.
configure({ client, locale: 'zh-CN' });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
