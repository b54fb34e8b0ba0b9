import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer's production build: relative asset paths (served from the app's own scheme),
 * no inline scripts or styles (the CSP forbids them), no source maps, Electron 45's Chromium.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome140',
    cssTarget: 'chrome140',
    sourcemap: false,
    // Chromium preloads modules natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    // Never turn assets into data: URLs: the CSP allows data: for images only.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
