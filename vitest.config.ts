import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  resolve: {
    // Generated modules import the runtime by package name; under test that must be the source,
    // not a possibly stale build in dist/.
    alias: [
      { find: /^mapc\/runtime$/, replacement: fileURLToPath(new URL('./src/runtime/index.ts', import.meta.url)) },
      { find: /^mapc\/segment$/, replacement: fileURLToPath(new URL('./src/runtime/segment/index.ts', import.meta.url)) }
    ]
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
