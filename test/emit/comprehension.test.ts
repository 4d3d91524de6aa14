/**
 * `[for x in xs: { … }]`: a comprehension whose body is an object literal. Emitted carelessly as
 * `(x) => { … }` it would be a block, not an object; compiled and interpreted must agree.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { buildAndLoad, compileOrThrow, removeBuilds, withInlineApi } from '../support/build-destination.js'
import { event, runBatch } from '../support/harness.js'

const SUITE = 'comprehension'
afterAll(() => removeBuilds(SUITE))

const source = `destination lists {
  title "Lists"
  accepts track

  action track {
    title "Track"
    trigger type = "track"
    field name: string required {
      label "Name"
      default $.event
    }
    perform {
      send POST "https://api.lists.test/v1/items" { json { items: [{ name: name }] } }
    }
    batch {
      send POST "https://api.lists.test/v1/items" {
        json { items: [for item in batch: { name: item.name, upper: upper(item.name) }] }
      }
    }
  }
}
`

const api = {
  oneOf: [{ $ref: '#/definitions/items' }],
  definitions: {
    items: {
      'x-mapc-endpoint': 'POST https://api.lists.test/v1/items',
      type: 'object',
      properties: { body: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } } }
    }
  }
}

describe('a comprehension with an object body', () => {
  it('sends one object per item, compiled as interpreted', async () => {
    const ir = compileOrThrow(source, 'lists.map', withInlineApi('lists.map', api, 'lists.schema.json'))
    const events = [event('track', { event: 'a', properties: {} }), event('track', { event: 'b', properties: {} })]
    const expected = { items: [{ name: 'a', upper: 'A' }, { name: 'b', upper: 'B' }] }
    for (const destination of [(await buildAndLoad(ir, SUITE)).destination, interpretDestination(ir)]) {
      const { requests, results } = await runBatch(destination, 'track', events)
      expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered'])
      expect(requests.map((r) => r.body)).toEqual([expected])
    }
  })
})
