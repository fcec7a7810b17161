// Builds the web app (apps/web) for production; the server serves apps/web/dist.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./apps/web'),
  plugins: [react()],
  resolve: {
    alias: {
      // Workspace packages are consumed from source so the app needs no prior tsc build.
      '@concerto/board': here('./packages/board/src/index.ts'),
      '@concerto/contract': here('./packages/contract/src/index.ts'),
    },
  },
  build: {
    outDir: here('./apps/web/dist'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
      '/healthz': 'http://localhost:8080',
    },
  },
});
