import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a static build: Electron serves it from app://counter, the browser host from a plain server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../build/renderer', emptyOutDir: true, target: 'chrome120', sourcemap: true },
});
