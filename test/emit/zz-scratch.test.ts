import { test } from 'vitest'
import fc from 'fast-check'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { emitDestination } from '../../src/compiler/emit/build.js'
import { loadDestination } from '../../src/runtime/destinations/load-destination.js'
import { compileOrThrow } from './support/compile-map.js'
import { writeEmitted, outputRoot } from './support/generated-module.js'
import { hostileCheckOptions, hostileHolesArbitrary, hostileMap } from './support/hostile-destination.js'

test('probe', async () => {
  const samples = fc.sample(hostileHolesArbitrary, { numRuns: 15, seed: 7 })
  const t = { compile: 0, emit: 0, write: 0, load: 0, interp: 0 }
  let i = 0
  for (const h of samples) {
    let t0 = performance.now()
    const ir = compileOrThrow(hostileMap(h), 'test/emit/hostile.map', hostileCheckOptions(h, 'test/emit/hostile.map'))
    t.compile += performance.now() - t0; t0 = performance.now()
    const files = await emitDestination(ir, { version: 'x' })
    t.emit += performance.now() - t0; t0 = performance.now()
    const dir = `${outputRoot('probe')}/${i++}`
    writeEmitted(files, dir)
    t.write += performance.now() - t0; t0 = performance.now()
    await loadDestination(dir)
    t.load += performance.now() - t0; t0 = performance.now()
    interpretDestination(ir)
    t.interp += performance.now() - t0
  }
  console.log(JSON.stringify(t))
}, 120000)
