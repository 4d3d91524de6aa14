import { test } from 'vitest'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { compileText } from '../../src/compiler/compile.js'
import { emitDestination } from '../../src/compiler/emit/build.js'

test('emit', async () => {
  for (const name of ['schematic', 'attio', 'matilda']) {
    const file = `mappings/${name}.map`
    const c = compileText(readFileSync(file, 'utf8'), file)
    const files = await emitDestination(c.ir!, { version: '0.1.0' })
    for (const f of files) {
      const path = join('.tmp/emitproof/gen', name, f.path)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, f.content)
    }
  }
}, 60000)
