import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { applyMode, initialMode } from './mode.js';
import './app.css';

// The elements' configuration and the page's mode, before the first render: elder mode's larger
// sizes are there from the first paint (no layout shift).
const mode = initialMode();
applyMode(mode);

// Every page starts at its top, a reload and Back included: the browser would put back the old
// scroll position while the page still waits for its data, the footer in view, and the data
// arriving would then push it down (a layout shift on 我的预约 reloaded after its ticket was
// opened). The pages are short and take focus on their heading, so little is lost.
history.scrollRestoration = 'manual';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App initialMode={mode} />
    </StrictMode>,
  );
}
