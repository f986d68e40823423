// `vite preview` serves the build and forwards /api/* to the platform (ZHELI_API), as a
// same-origin API would be deployed: the app's client is `createClient({ baseUrl: '/api' })`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.ZHELI_API ?? 'http://127.0.0.1:4010';

export default defineConfig({
  plugins: [react()],
  preview: {
    proxy: { '/api': { target: api, rewrite: (path) => path.replace(/^\/api/, '') } },
  },
});
