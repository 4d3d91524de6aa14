/**
 * The project's vitest configuration with only the test files of the module being mutated
 * (MAPC_MUTATE_TESTS, set by scripts/mutate.mjs), and smaller property-test budgets: every
 * surviving-or-not verdict reruns them.
 */
import { defineConfig, mergeConfig } from 'vitest/config'
import base from '../vitest.config.js'

const tests = (process.env.MAPC_MUTATE_TESTS ?? '').split(',').filter((t) => t !== '')
if (tests.length === 0) throw new Error('MAPC_MUTATE_TESTS names no test files: run `npm run mutate`')

// Not mergeConfig's `include`: it appends lists, and the base config includes every test.
const config = mergeConfig(base, defineConfig({}))
config.test = { ...config.test, include: tests }
export default config
