// `npm run mutate [module …]`: StrykerJS over the modules of stryker/modules.mjs (all by
// default), one at a time, each with its own test files. Slow by nature; not part of CI.
// MAPC_MUTATE_CONCURRENCY sets Stryker's worker count (default 1: the machine is shared).
import { spawnSync } from 'node:child_process'
import { modules } from '../stryker/modules.mjs'

const wanted = process.argv.slice(2)
const unknown = wanted.filter((m) => !(m in modules))
if (unknown.length > 0) {
  console.error(`unknown module ${unknown.join(', ')}; the modules are ${Object.keys(modules).join(', ')}`)
  process.exit(2)
}
let failed = false
for (const name of wanted.length > 0 ? wanted : Object.keys(modules)) {
  console.log(`\n== mutating ${name}: ${modules[name].mutate.join(', ')}`)
  const result = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      MAPC_MUTATE_MODULE: name,
      MAPC_MUTATE_TESTS: modules[name].tests.join(','),
      // Property tests rerun for every mutant they cover: smaller budgets, same seeds.
      MAPC_EXPRESSION_RUNS: process.env.MAPC_EXPRESSION_RUNS ?? '150',
      MAPC_DIFFERENTIAL_RUNS: process.env.MAPC_DIFFERENTIAL_RUNS ?? '60'
    }
  })
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
