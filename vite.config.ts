import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a static build: Electron serves it from app://counter, the browser host from a plain server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // One bundle is right for a desktop app loaded from disk; splitting would only add requests.
  build: { outDir: '../build/renderer', emptyOutDir: true, target: 'chrome120', sourcemap: true, chunkSizeWarningLimit: 1024 },
});
