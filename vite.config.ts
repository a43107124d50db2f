/**
 * Builds the kiosk renderer into dist/renderer (served by Electron and the browser host under a
 * strict CSP: no inline script or style in the output). preview.html is dev/test only and is
 * not a build input.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * Dev server only: vite injects CSS as <style> elements, which the page's CSP (style-src 'self')
 * blocks. Served pages get 'unsafe-inline' for styles; every other directive stays, and the
 * production build keeps the strict policy untouched.
 */
function devStyleCsp(): Plugin {
  return {
    name: 'kassa-dev-style-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devStyleCsp()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // The preload polyfill is an inline <script>; the CSP forbids it and Chromium needs none.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into CSS/JS beyond what img-src allows; fonts stay files.
    assetsInlineLimit: 0,
    // The attendant console is a second page (dist/renderer/console/), served by its own server.
    rollupOptions: { input: { index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)), console: fileURLToPath(new URL('./renderer/console/index.html', import.meta.url)) } },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
