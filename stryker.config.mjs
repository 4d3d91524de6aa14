// StrykerJS for one module of stryker/modules.mjs at a time: scripts/mutate.mjs sets
// MAPC_MUTATE_MODULE. Incremental: a rerun only tests mutants whose code or tests changed.
import { modules } from './stryker/modules.mjs'

const name = process.env.MAPC_MUTATE_MODULE ?? ''
const module = modules[name]
if (!module) throw new Error(`MAPC_MUTATE_MODULE must be one of ${Object.keys(modules).join(', ')}`)

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: module.mutate,
  coverageAnalysis: 'perTest',
  incremental: true,
  // MAPC_MUTATE_IGNORE_STATIC=1 leaves out static mutants (module-level constants), each of which
  // reruns every test of the module: for redaction, 200 mutants of some 8 s each.
  ignoreStatic: process.env.MAPC_MUTATE_IGNORE_STATIC === '1',
  incrementalFile: `reports/stryker/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/stryker/${name}.json` },
  htmlReporter: { fileName: `reports/stryker/${name}.html` },
  concurrency: Number(process.env.MAPC_MUTATE_CONCURRENCY ?? 1),
  timeoutMS: 60_000,
  timeoutFactor: 3,
  // One sandbox directory per module, so that two modules can be mutated at once.
  tempDirName: `.stryker-tmp-${name}`,
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
  // Stryker copies a symbolic link to a directory as a file and fails (EISDIR); no mutated
  // module's tests read the linked APIs of the diagnostics corpus.
  ignorePatterns: ['dist', 'reports', '.tmp', 'editors/vscode/node_modules', '*.vsix', 'test/diagnostics/mistakes/apis', '.stryker-tmp*']
}
