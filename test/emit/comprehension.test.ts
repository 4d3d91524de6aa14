/**
 * `[for x in xs: { … }]`: a comprehension whose body is an object literal. Emitted carelessly as
 * `(x) => { … }` it would be a block, not an object; compiled and interpreted must agree.
 */
import { describe, expect, it } from 'vitest'
import { readApiSchema } from '../../src/compiler/check/api-schema.js'
import type { JsonSchema } from '../../src/compiler/check/schema-types.js'
import { compileText } from '../../src/compiler/compile.js'
import { interpretDestination } from '../../src/compiler/interpret/interpret.js'
import { eventSchema } from '../../src/schemas/segment/index.js'
import { buildAndLoad } from '../support/build-destination.js'
import { event, runBatch } from '../support/harness.js'

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
    const compiled = compileText(source, 'lists.map', {
      eventSchema: (type) => eventSchema(type) as unknown as JsonSchema,
      apiSchema: () => ({ ...readApiSchema(api, 'lists.schema.json'), file: 'lists.schema.json' })
    })
    expect(compiled.diagnostics).toEqual([])
    const ir = compiled.ir
    if (!ir) throw new Error('does not compile')
    const events = [event('track', { event: 'a', properties: {} }), event('track', { event: 'b', properties: {} })]
    const expected = { items: [{ name: 'a', upper: 'A' }, { name: 'b', upper: 'B' }] }
    for (const destination of [await buildAndLoad(ir, 'comprehension'), interpretDestination(ir)]) {
      const { requests, results } = await runBatch(destination, 'track', events)
      expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered'])
      expect(requests.map((r) => r.body)).toEqual([expected])
    }
  })
})
