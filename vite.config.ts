import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer is loaded from `app://bbdesk/` in Electron and from the HTTP host in browser mode,
 * so every asset URL is relative (`base: './'`). Nothing is inlined as script: the production
 * CSP is `script-src 'self'` without 'unsafe-inline' or 'unsafe-eval'.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the CSP as a meta tag to the built index.html (not in dev: the React refresh preamble is inline). */
function cspMeta(): Plugin {
  return {
    name: 'bbdesk-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      );
    },
  };
}

/** Where `vite` (dev server) sends /api: the browser-mode host (`npm run start:browser`, port 5780). */
const API_TARGET = process.env.BBDESK_API ?? 'http://127.0.0.1:5780';

/**
 * The host only answers requests whose Host and Origin name itself (DNS-rebinding and CSRF guard).
 * The dev server is a second origin, so its own pages' requests are re-addressed to the host;
 * requests from any other origin pass through unchanged and are refused there.
 */
const apiProxy: Record<string, ProxyOptions> = {
  '/api': {
    target: API_TARGET,
    changeOrigin: true,
    configure(proxy) {
      proxy.on('proxyReq', (proxyReq, req) => {
        const origin = req.headers.origin;
        const host = req.headers.host;
        if (typeof origin === 'string' && typeof host === 'string' && origin === `http://${host}`) {
          proxyReq.setHeader('origin', API_TARGET);
        }
      });
    },
  },
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No data: URLs for scripts or fonts; small assets stay files as well.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // The pdf.js worker ships as .mjs; serve it as .js so every host maps it to text/javascript.
        assetFileNames: (asset) =>
          (asset.names ?? []).some((n) => n.endsWith('.mjs')) ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: apiProxy,
  },
  preview: {
    proxy: apiProxy,
  },
});
