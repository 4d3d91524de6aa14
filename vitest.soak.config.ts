import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// Soak tests: long fault runs that are not yet reliable enough to gate CI (see docs/scale-out.md).
export default mergeConfig(base, defineConfig({ test: { include: ['test/**/*.soak.ts'], testTimeout: 600_000 } }))
