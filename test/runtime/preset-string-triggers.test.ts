/**
 * Issue #9 item 8: a preset whose trigger holds a string ending in a backslash, or holding a line
 * break, checked clean and then could not start ("this string is never closed"). The checker and
 * the runtime must read such strings alike: the destination checks clean, its runtime starts, and
 * each preset fires for exactly the event its string names.
 */
import { describe, expect, it } from 'vitest'
import { compileText } from '../../src/compiler/compile.js'
import { createRuntime } from '../../src/runtime/index.js'
import { buildAndLoad, withInlineApi } from '../support/build-destination.js'

const api = { oneOf: [{ 'x-mapc-endpoint': 'POST http://127.0.0.1:9/v1/events', type: 'object' }] }
const source = `destination strings {
  title "Strings"
  accepts track
  preset "Backslash" when type = "track" and event = "a\\\\" -> track
  preset "Line break" when type = "track" and event = "a\\nb" -> track
  action track {
    title "Track"
    field plan: string required {
      label "Plan"
      default $.properties.plan
    }
    perform { send POST "http://127.0.0.1:9/v1/events" { json { plan: plan } } }
  }
}
`

describe('preset triggers with escaped strings', () => {
  it('check clean, start, and fire for the event their string names', async () => {
    const compiled = compileText(source, 'strings.map', withInlineApi('strings.map', api))
    expect(compiled.diagnostics).toEqual([])
    expect(compiled.ir?.presets.map((p) => p.fql)).toEqual(['type = "track" and event = "a\\"', 'type = "track" and event = "a\nb"'])
    const { destination } = await buildAndLoad(compiled.ir as NonNullable<typeof compiled.ir>, 'preset-string-triggers')
    const runtime = createRuntime([{ destination, settings: {} }])
    await runtime.close()
    const fired = (event: string) => destination.presets.filter((p) => p.trigger({ type: 'track', event })).map((p) => p.title)
    expect(fired('a\\')).toEqual(['Backslash'])
    expect(fired('a\nb')).toEqual(['Line break'])
    expect(fired('a')).toEqual([])
  })
})
