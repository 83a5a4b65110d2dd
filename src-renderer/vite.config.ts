import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** This folder as a file path, without node:url (the renderer's tsconfig has no Node types). */
const here = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

export default defineConfig({
  root: here,
  // Relative asset URLs so the same build loads from file:// in Electron and from the web host.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles anywhere: the CSP is script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
