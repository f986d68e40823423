import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The production build (dist/) is what the backend (server.mjs) serves: `npm start` needs no dev
// server. No inline scripts or styles are emitted, so the strict CSP holds.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, assetsInlineLimit: 0 },
});
