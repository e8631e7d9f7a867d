import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to dist/renderer and served by the app:// protocol (desktop)
// or by browser mode's server. Relative base so both work.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 2000,
  },
});
