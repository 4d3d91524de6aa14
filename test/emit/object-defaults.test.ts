/**
 * A field default that is an object literal and reads a setting: generated as an arrow function,
 * its body must stay an object (`=> ({ … })`), not become a block that returns nothing — which
 * also left `ctx` unbound at module load. Found by the generated-expression differential test.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { buildAndLoad, compileOrThrow, removeBuilds, withInlineApi } from '../support/build-destination.js'
import { permissiveApi } from '../testing/property/support.js'

const SUITE = 'object-defaults'
const FILE = 'test/emit/object-defaults.map'
const text = `destination regions {
  title "Regions"
  accepts track
  setting region: string required { label "Region" }
  auth none { }
  action send_region {
    title "Send region"
    trigger type = "track"
    field place: object { label "Place"  default { region: settings.region, name: $.event } }
    field plain: object { label "Plain"  default { name: $.event } }
    perform {
      send POST "https://api.regions.test/places" { json { place: place, plain: plain } }
    }
  }
}
`

afterAll(() => removeBuilds(SUITE))

describe('object-literal defaults', () => {
  it('return the object from the generated module, as the interpreter does', async () => {
    const ir = compileOrThrow(text, FILE, withInlineApi(FILE, permissiveApi({ 'POST https://api.regions.test/places': undefined })))
    const { destination } = await buildAndLoad(ir, SUITE)
    const event = { type: 'track', event: 'Signed Up', properties: {} }
    const ctx = { settings: { region: 'eu' }, auth: {} }
    const action = destination.actions.send_region
    expect(action?.defaults.place?.(event, ctx)).toEqual({ region: 'eu', name: 'Signed Up' })
    expect(action?.defaults.plain?.(event, ctx)).toEqual({ name: 'Signed Up' })
    expect(action?.resolveDefaults(event, ctx)).toEqual({ place: { region: 'eu', name: 'Signed Up' }, plain: { name: 'Signed Up' } })
    expect(action?.defaults.place?.(event, ctx)).toEqual(interpretDestination(ir).actions.send_region?.defaults.place?.(event, ctx))
  })
})
