import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { applyMode, initialMode } from './mode.js';
import './app.css';

// The elements' configuration and the page's mode, before the first render: elder mode's larger
// sizes are there from the first paint (no layout shift).
const mode = initialMode();
applyMode(mode);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App initialMode={mode} />
    </StrictMode>,
  );
}
