import { createApp } from 'vue';
import App from './App.vue';
import { auth } from './zheli.ts';

createApp(App).mount('#app');

// The page at /callback (docs/auth.md): complete the sign-in, then back where it started.
if (location.pathname === '/callback') {
  const result = await auth.handleCallback();
  if (result) history.replaceState(null, '', result.returnTo ?? '/');
}
