// The Vue 3 app of examples/consumers/vue (vue-tsc), written from docs/elements.md's "Apps: npm"
// and docs/auth.md's browser mode: configure({ client, auth }), the elements in a template,
// auth.handleCallback() on /callback; served by `vite preview`.
import { checkViteApp, sandboxUrl } from './fixtures.ts';

checkViteApp('vue', {
  typeCheck: 'vue-tsc',
  typeCheckTitle: 'vue-tsc',
  buildEnv: { VITE_ZHELI_PLATFORM: sandboxUrl },
});
