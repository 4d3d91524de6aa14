import { it } from 'vitest'
import { buildAndLoad, compileMap } from '../../support/build-destination.js'
import { runPropertyTests, formatPropertyResult, formatSummary } from '../../../src/testing/property/index.js'
it('probe', async () => {
  const dests = []
  for (const f of ['matilda']) {
    const ir = compileMap(`mappings/${f}.map`)
    dests.push({ ir, compiled: await buildAndLoad(ir) })
  }
  const t = Date.now()
  const report = await runPropertyTests(dests, { runs: 300, seed: 7, adversarial: false, onResult: (r) => process.stdout.write(formatPropertyResult(r)) })
  process.stdout.write(formatSummary(report))
  for (const s of report.setupFailures) console.log(s)
  console.log('ms', Date.now() - t)
}, 300_000)
