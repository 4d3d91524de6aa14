import { test } from 'vitest'
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { hostileApi, hostileHolesArbitrary, hostileMap } from './support/hostile-destination.js'
test('dump', () => {
  const samples = fc.sample(hostileHolesArbitrary, { numRuns: 20, seed: 7 })
  writeFileSync('.tmp/emitproof/hostile-samples.json', JSON.stringify(samples.map((h) => ({ text: hostileMap(h), api: hostileApi(h) }))))
})
