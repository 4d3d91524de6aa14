import { test } from 'vitest'
import { compileText } from '../../src/compiler/compile.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { emitValidators } from '../../src/compiler/emit/validators.js'
import { plainObject } from '../../src/testing/plain-object.js'

test('probe', async () => {
  const text = `destination p {
  title "P"
  accepts track
  setting __proto__: string required { label "K" }
  setting constructor: string { label "C" }
  auth api_key { header authorization = settings.__proto__ }
}`
  const c = compileText(text, 'p.map', { eventSchema: () => ({}) as never, apiSchema: () => undefined })
  console.log(c.diagnostics.map((d) => d.message))
  console.log(JSON.stringify(c.ir?.settingsSchema), Object.keys(c.ir?.settingsSchema.properties ?? {}))
  const i = interpretDestination(c.ir!)
  const s = plainObject([['__proto__', 'k'], ['constructor', 'c']])
  console.log('interp', i.validateSettings(s), JSON.stringify(i.validateSettings.errors))
  console.log(emitValidators(c.ir!).js.slice(0, 1500))
}, 60000)
