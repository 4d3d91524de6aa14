/**
 * Builds the `mapc serve` page into dist/web/serve (`npm run build`; `npm ci` runs it through
 * `prepare`). Everything the page needs is bundled: it loads nothing from elsewhere.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/serve', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // One file per kind keeps the served tree small; a source map helps debug the page in a browser.
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    modulePreload: { polyfill: false }
  }
})
