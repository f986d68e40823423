// The Vite + React + TypeScript (strict) app of examples/consumers/vite-react, written from
// docs/react.md (configure() with createClient({ baseUrl: '/api' }) at module top) and
// docs/auth.md's browser mode; served by `vite preview`, which forwards /api to the sandbox.
import { checkViteApp, sandboxUrl } from './fixtures.ts';

checkViteApp('vite-react', {
  typeCheck: 'tsc',
  typeCheckTitle: 'tsc, strict',
  buildEnv: { VITE_ZHELI_AUTHORITY: sandboxUrl },
  previewEnv: { ZHELI_API: sandboxUrl },
});
