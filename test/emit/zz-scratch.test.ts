import { test } from 'vitest'
import { emitDestination } from '../../src/compiler/emit/build.js'
import { compileOrThrow } from './support/compile-map.js'
import { writeEmitted } from './support/generated-module.js'
import { hostileCheckOptions, hostileMap } from './support/hostile-destination.js'

test('x', async () => {
  const h = JSON.parse(process.env.HOLES!)
  const ir = compileOrThrow(hostileMap(h), 'test/emit/hostile.map', hostileCheckOptions(h, 'test/emit/hostile.map'))
  const files = await emitDestination(ir, { version: 'x' })
  writeEmitted(files, '.tmp/emitproof/hostile')
}, 60000)
