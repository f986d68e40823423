import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { auth } from './zheli.ts';

const root = document.getElementById('root');
if (!root) throw new Error('No #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The page at /callback (docs/auth.md): complete the sign-in, then back where it started.
if (location.pathname === '/callback') {
  const result = await auth.handleCallback();
  if (result) history.replaceState(null, '', result.returnTo ?? '/');
}
